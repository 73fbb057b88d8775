/// One thing people say about a product besides its name: `М150`, `полуторный`, `600×300×250`, `D500`,
/// `фр. 5-20`, `ЦЕМ I 42,5`, `50 кг`.
///
/// The same parser (`NameTokens`) reads them from a product's names in the catalog and from what a
/// manager typed, so the two are compared as values, whatever language, case or script they were
/// written in.
public enum ProductAttribute: Hashable, Sendable {
    /// Strength grade: `М150`, `M150`, `ПЦ500` (cement) → 150, 500.
    case grade(Int)
    /// Brick format: `одинарный`/`NF`, `полуторный`/`1.4NF`, `двойной`/`2.1NF`.
    case format(BrickFormat)
    /// Solid, hollow or porous body.
    case body(Body)
    /// A facing (face) brick: `облицовочный`, `лицевой`, `facing`.
    case facing
    case colour(Colour)
    /// Dimensions in mm, sorted (so `600×300×250` and `600х250х300` are one size). In a query two numbers
    /// (`600х300`) are allowed; they fit a product that has both.
    case size([Int])
    /// Aerated concrete density grade: `D500`, `Д500`.
    case density(Int)
    /// Crushed stone fraction in mm: `5-20`, `5–20`, `5/20`.
    case fraction(Int, Int)
    /// Cement type: the roman numeral of `ЦЕМ I`, `CEM II/A-S`.
    case cementType(String)
    /// Cement strength class in tenths of MPa: `42,5Н`, `42.5N` → 425.
    case cementClass(Int)
    /// Bag weight in kg: `50 кг`, `25kg`.
    case packKg(Int)
    /// A number written alone (`цемент 500`, `газоблок 300`): a grade, a density, a dimension or a bag weight.
    /// Only ever in a query.
    case number(Int)

    public enum BrickFormat: String, Sendable, CaseIterable {
        case nf = "NF", nf14 = "1.4NF", nf21 = "2.1NF"
    }

    public enum Body: String, Sendable, CaseIterable {
        case solid, hollow, porous
    }

    public enum Colour: String, Sendable, CaseIterable {
        case red, brown, yellow, grey, white, black, beige
    }

    /// What the attribute is about: candidates are told apart by the kinds in which they differ.
    public enum Kind: Int, Sendable, CaseIterable, Comparable {
        case format, grade, body, facing, colour, size, density, fraction, cementType, cementClass, packKg, number
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind {
        switch self {
        case .grade: .grade
        case .format: .format
        case .body: .body
        case .facing: .facing
        case .colour: .colour
        case .size: .size
        case .density: .density
        case .fraction: .fraction
        case .cementType: .cementType
        case .cementClass: .cementClass
        case .packKg: .packKg
        case .number: .number
        }
    }

    /// Whether this attribute, typed in a query, fits a product with `attributes`.
    /// - Complexity: O(n) in the number of the product's attributes.
    public func fits(_ attributes: Set<ProductAttribute>) -> Bool {
        switch self {
        case .size(let typed):
            return attributes.contains { a in
                guard case .size(let dims) = a else { return false }
                return ProductAttribute.contains(dims, typed)
            }
        case .number(let n):
            return attributes.contains { a in
                switch a {
                case .grade(let g): g == n
                case .density(let d): d == n
                case .packKg(let k): k == n
                case .size(let dims): dims.contains(n)
                default: false
                }
            }
        default:
            return attributes.contains(self)
        }
    }

    /// Whether the multiset `dims` contains every number of `typed` (as often as it is typed).
    static func contains(_ dims: [Int], _ typed: [Int]) -> Bool {
        var left = dims
        for t in typed {
            guard let i = left.firstIndex(of: t) else { return false }
            left.remove(at: i)
        }
        return true
    }

    /// How many of the typed dimensions a product's size has: a partial fit, for ranking near misses.
    func partialSizeFit(_ attributes: Set<ProductAttribute>) -> Int {
        guard case .size(let typed) = self else { return 0 }
        var best = 0
        for case .size(let dims) in attributes {
            var left = dims
            var n = 0
            for t in typed {
                if let i = left.firstIndex(of: t) {
                    left.remove(at: i)
                    n += 1
                }
            }
            best = max(best, n)
        }
        return best
    }

    /// The attribute as a Russian catalog writes it, for lists of candidates: `одинарный`, `М150`,
    /// `600×300×250`, `D500`, `фр. 5-20`, `ЦЕМ I`, `42,5`, `50 кг`. Each label reads back as the same
    /// attribute.
    public var label: String {
        switch self {
        case .grade(let g): "М\(g)"
        case .format(let f):
            switch f {
            case .nf: "одинарный"
            case .nf14: "полуторный"
            case .nf21: "двойной"
            }
        case .body(let b):
            switch b {
            case .solid: "полнотелый"
            case .hollow: "пустотелый"
            case .porous: "поризованный"
            }
        case .facing: "облицовочный"
        case .colour(let c): NameTokens.colourLabels[c] ?? c.rawValue
        case .size(let dims): dims.map(String.init).joined(separator: "×")
        case .density(let d): "D\(d)"
        case .fraction(let a, let b): "фр. \(a)-\(b)"
        case .cementType(let t): "ЦЕМ \(t)"
        case .cementClass(let c): "\(c / 10),\(c % 10)"
        case .packKg(let k): "\(k) кг"
        case .number(let n): "\(n)"
        }
    }
}
