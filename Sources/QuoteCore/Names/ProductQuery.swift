/// A product as typed, read for a search: its tokens, and the family names it may contain.
///
/// `полуторный кирпич м150` may be the family `кирпич полуторный` (words in any order) with the grade 150,
/// or the family `кирпич` with the format 1.4NF and the grade 150: `phrases` lists every such reading, the
/// most words first, and `ProductFinder` tries them against the catalog. A front end that reads the catalog
/// row by row (`CatalogStore`) looks up the same `phrases` keys, so the two always agree.
public struct ProductQuery: Sendable {
    public var text: String
    public var tokens: [NameToken]
    /// Candidate family names: the `NameKey` of some of the phraseable tokens, in some order, and which
    /// tokens it takes. The most tokens first; each key once.
    public var phrases: [Phrase]

    public struct Phrase: Sendable, Equatable {
        public var key: String
        /// Indexes into `tokens`.
        public var tokens: [Int]
    }

    /// Up to this many phraseable tokens are tried in every order (4! · … = 64 keys at most); more are
    /// tried only as runs of neighbouring words in the order typed.
    static let everyOrderUpTo = 4
    /// Names longer than this many words are read from their first words only (at most 78 keys).
    static let longestPhrase = 12
    /// A text of more words than this is not read for a family name and attributes at all.
    static let mostWords = 32

    /// - Complexity: O(n!) for n ≤ 4 phraseable tokens, O(n²) beyond.
    public init(_ text: String) {
        self.text = text
        let tokens = NameTokens.tokens(text)
        self.tokens = tokens
        guard tokens.count <= ProductQuery.mostWords else {
            phrases = []  // not a product name: did-you-mean alone
            return
        }
        let phraseable = Array(tokens.indices.filter { tokens[$0].isPhraseable }.prefix(ProductQuery.longestPhrase))
        var seen = Set<String>()
        var out: [Phrase] = []
        for group in ProductQuery.orderings(of: phraseable) {
            let key = group.map { tokens[$0].key }.joined()
            guard !key.isEmpty, seen.insert(key).inserted else { continue }
            out.append(Phrase(key: key, tokens: group))
        }
        phrases = out
    }

    /// Every non-empty subset of `indexes` in every order, larger first (each size in lexicographic order of
    /// positions, the typed order first); or, past `everyOrderUpTo`, the runs of neighbours in typed order.
    static func orderings(of indexes: [Int]) -> [[Int]] {
        let n = indexes.count
        guard n > 0 else { return [] }
        var out: [[Int]] = []
        if n > everyOrderUpTo {
            for length in stride(from: n, through: 1, by: -1) {
                for start in 0...(n - length) { out.append(Array(indexes[start..<(start + length)])) }
            }
            return out
        }
        for size in stride(from: n, through: 1, by: -1) {
            for subset in subsets(of: indexes, size: size) { out += permutations(subset) }
        }
        return out
    }

    static func subsets(of items: [Int], size: Int) -> [[Int]] {
        guard size > 0 else { return [[]] }
        guard items.count >= size, let first = items.first else { return [] }
        let rest = Array(items.dropFirst())
        return subsets(of: rest, size: size - 1).map { [first] + $0 } + subsets(of: rest, size: size)
    }

    /// Permutations with the given order first.
    static func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        var out: [[Int]] = []
        for (i, first) in items.enumerated() {
            var rest = items
            rest.remove(at: i)
            for p in permutations(rest) { out.append([first] + p) }
        }
        return out
    }
}
