/// Masonry conversions: how many bricks or blocks a volume of masonry or an area of wall takes.
///
/// The convention is the one the standard consumption tables use (and managers quote from):
///
/// - **Bricks per m³ of masonry**: `1 / ((l+j)·(w+j)·(h+j))` rounded to the nearest piece. With the
///   10 mm joint: NF 250×120×65 → 394, 1.4NF 250×120×88 → 302, 2.1NF 250×120×138 → 200.
/// - **Bricks per m² of wall**: a wall `n` bricks thick is counted as `2n` half-brick (stretcher)
///   layers, each `1 / ((l+j)·(h+j))` bricks per m² rounded to the nearest piece: NF 51 per layer, so
///   51, 102, 153, 204, 255 for ½ … 2½ bricks. (Thickness × the per-m³ figure does *not* give these:
///   a ½-brick wall is 120 mm, 0.12 × 394 = 47.3, 7 % short of 51, because the tables count the
///   face of every brick and leave the collar joints and header courses out.)
/// - **Blocks** are laid on thin-joint glue (no joint unless the product gives one): pieces per m³ of
///   blocks `1 / (l·w·h)`, per m² of wall `1 / ((l+j)·(h+j))`, exact (22.22… and 6.66… for 600×300×250, kept as fractions).
/// - **Bulk goods** by m³ through their bulk density.
///
/// A product may override either rate in the catalog (`per_m3`, `per_m2`), and its own joint
/// (`joint_mm`). Every conversion is exact until the one final rounding up: rates are kept as
/// fractions (`Rate`), and area, openings, layers and waste are multiplied in one step.
public enum Masonry {
    /// Wall thicknesses in bricks, as half-brick counts, and their nominal thickness in mm.
    public static let thicknesses: [(halfBricks: Int64, bricks: String, mm: Int)] = [
        (1, "0.5", 120), (2, "1", 250), (3, "1.5", 380), (4, "2", 510), (5, "2.5", 640),
    ]

    /// The joint used for `product`: the request's, else the product's, else the catalog's for bricks
    /// and none for glued blocks.
    public static func joint(for product: Product, requested: Int?, catalogJoint: Int) -> Int {
        requested ?? product.jointMM ?? (product.kind == .block ? 0 : catalogJoint)
    }

    /// An exact number of pieces per unit (m³ or m²): `numerator / denominator` pieces.
    ///
    /// Blocks' rates are fractions (600×250 mm faces make 1 / 0.15 = 6.666… per m²); keeping them as
    /// fractions means a quantity is multiplied exactly and rounded up once, at the end (6 m² of wall
    /// is 40 blocks, not 40.002 and so a second pallet).
    public struct Rate: Sendable, Equatable {
        public var numerator: Int64
        public var denominator: Int64

        /// A whole or decimal rate as a fraction (`Quantity` thousandths over 1 000).
        public init(_ quantity: Quantity) {
            numerator = quantity.milli
            denominator = Quantity.scaleFactor
        }

        public init(numerator: Int64, denominator: Int64) {
            self.numerator = numerator
            self.denominator = denominator
        }

        /// The rate to the thousandth, rounded half-up: for display only, never for arithmetic.
        public var approximate: Quantity {
            Quantity(milli: FixedPoint.mulDivRounded(numerator, Quantity.scaleFactor, denominator) ?? 0)
        }

        /// `quantity` × rate × `factor` / `divisor`, in thousandths of a piece, rounded up once; nil on
        /// overflow.
        public func pieces(for quantity: Quantity, times factor: Int64 = 1, over divisor: Int64 = 1) -> Quantity? {
            let (scaled, o1) = quantity.milli.multipliedReportingOverflow(by: factor)
            let (below, o2) = denominator.multipliedReportingOverflow(by: divisor)
            guard !o1, !o2, below > 0, scaled >= 0, numerator >= 0 else { return nil }
            return FixedPoint.mulDivCeiling(scaled, numerator, below).map(Quantity.init(milli:))
        }
    }

    /// Pieces per m³ of masonry (bricks: rounded to whole pieces, as the tables do) or of blocks
    /// (exact: `10⁹ / (l·w·h)` with dimensions in mm).
    public static func cubicMetreRate(_ product: Product, joint: Int) -> Rate? {
        if let o = product.perM3Override { return Rate(o) }
        guard let d = product.dimensionsMM else { return nil }
        let j = Int64(joint)
        let volume = (Int64(d.length) + j) * (Int64(d.width) + j) * (Int64(d.height) + j)  // mm³
        guard volume > 0 else { return nil }
        if product.kind == .brick {
            // round(10⁹ / volume) whole pieces
            return FixedPoint.mulDivRounded(1_000_000_000, 1, volume).map { Rate(numerator: $0, denominator: 1) }
        }
        return Rate(numerator: 1_000_000_000, denominator: volume)
    }

    /// Pieces per m² of wall: per half-brick layer for bricks (whole pieces, as the tables do), per m²
    /// for blocks (exact: `10⁶ / ((l+j)·(h+j))`).
    public static func squareMetreRate(_ product: Product, joint: Int) -> Rate? {
        if let o = product.perM2Override { return Rate(o) }
        guard let d = product.dimensionsMM else { return nil }
        let j = Int64(joint)
        let face = (Int64(d.length) + j) * (Int64(d.height) + j)  // mm²
        guard face > 0 else { return nil }
        if product.kind == .brick {
            return FixedPoint.mulDivRounded(1_000_000, 1, face).map { Rate(numerator: $0, denominator: 1) }
        }
        return Rate(numerator: 1_000_000, denominator: face)
    }

    /// Pieces per m³, to the thousandth (display and tests; conversions use `cubicMetreRate`).
    public static func piecesPerCubicMetre(_ product: Product, joint: Int) -> Quantity? {
        cubicMetreRate(product, joint: joint)?.approximate
    }

    /// Pieces per m² (per half-brick layer for bricks), to the thousandth (display and tests).
    public static func piecesPerSquareMetre(_ product: Product, joint: Int) -> Quantity? {
        squareMetreRate(product, joint: joint)?.approximate
    }
}

/// A wall to build, as a request line may give it instead of a quantity: "120 m² one and a half bricks
/// thick, minus 6.5 m² of windows, plus 5 % waste".
public struct Wall: Sendable, Equatable {
    /// Gross area in m² (thousandths).
    public var area: Quantity
    /// Thickness in bricks (0.5, 1, 1.5, 2, 2.5), in thousandths; nil for blocks (one block thick).
    public var thickness: Quantity?
    /// Openings (windows, doors) to subtract, m².
    public var openings: Quantity
    /// The joint in mm, if the request sets it.
    public var jointMM: Int?
    /// Waste allowance in percent (thousandths: 5 % = 5 000).
    public var waste: Quantity

    public init(area: Quantity, thickness: Quantity?, openings: Quantity = .zero, jointMM: Int? = nil, waste: Quantity = .zero) {
        self.area = area
        self.thickness = thickness
        self.openings = openings
        self.jointMM = jointMM
        self.waste = waste
    }
}
