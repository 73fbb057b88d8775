/// A mixed-integer linear program in the form solvers take: minimise `cost · x` over columns `x`
/// within their bounds, every row's `terms · x` within its bounds, integer columns whole.
///
/// The engine states its sourcing rules this way (`SourcingProgram`) when its own search cannot
/// prove its plan the cheapest, and hands the program to an `IntegerProgramSolver` the front end
/// supplies. The numbers are the solver's language only: floating point, never money. A plan the
/// solver returns is priced again by the engine in exact kopecks before it is compared or shown.
public struct IntegerProgram: Sendable {
    public struct Column: Sendable {
        public var lower: Double
        /// Nil: no upper bound.
        public var upper: Double?
        public var cost: Double
        public var integer: Bool
    }

    public struct Row: Sendable {
        /// Nil: no bound on that side.
        public var lower: Double?
        public var upper: Double?
        /// The row's columns (each once) and their coefficients, none zero.
        public var columns: [Int32]
        public var coefficients: [Double]
    }

    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []

    public init() {}

    /// Adds a column and returns its index.
    @discardableResult
    public mutating func column(lower: Double = 0, upper: Double?, cost: Double = 0, integer: Bool = true) -> Int {
        columns.append(Column(lower: lower, upper: upper, cost: cost, integer: integer))
        return columns.count - 1
    }

    /// Adds the row `lower ≤ Σ coefficient × column ≤ upper`; terms naming one column twice are
    /// added up, zero coefficients dropped, and a row left with no terms is not added.
    public mutating func row(lower: Double? = nil, upper: Double? = nil, _ terms: [(Int, Double)]) {
        var merged: [Int: Double] = [:]
        for (c, v) in terms { merged[c, default: 0] += v }
        let kept = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        guard !kept.isEmpty else { return }
        rows.append(Row(lower: lower, upper: upper, columns: kept.map { Int32($0.key) }, coefficients: kept.map(\.value)))
    }

    /// Changes a column's cost (a penalty known only once every column is in).
    public mutating func setCost(_ cost: Double, of column: Int) {
        columns[column].cost = cost
    }
}

/// What a solver found for an `IntegerProgram`.
public struct IntegerProgramSolution: Sendable {
    public enum Status: Sendable, Equatable {
        /// `values` is an optimum: no solution costs less.
        case optimal
        /// The solver stopped at its node limit: `values` is the best found, if any, and `bound` a
        /// proven lower bound on every solution's cost.
        case stopped
        /// The solver stopped because `values` was proven within the relative gap it was asked for
        /// (`minimise(_:nodeLimit:relativeGap:)`): `bound` is a proven lower bound that close to it.
        case withinGap
        /// No solution exists.
        case infeasible
        /// The solver could not be run (not installed) or failed.
        case unavailable
    }

    public var status: Status
    public var values: [Double]?
    /// A proven lower bound on the cost of every solution (for `optimal`, the optimum).
    public var bound: Double?
    /// Branch-and-bound nodes the solver weighed.
    public var nodes: Int

    public init(status: Status, values: [Double]? = nil, bound: Double? = nil, nodes: Int = 0) {
        self.status = status
        self.values = values
        self.bound = bound
        self.nodes = nodes
    }
}

/// A mixed-integer programming solver the engine may call. The engine stays pure: the solver is
/// handed in by the front end (`QuoteEngine.quote(_:catalog:explain:solver:)`), and the same
/// program with the same node limit must give the same answer.
public protocol IntegerProgramSolver: Sendable {
    /// Minimises `program`, weighing at most `nodeLimit` branch-and-bound nodes.
    func minimise(_ program: IntegerProgram, nodeLimit: Int) -> IntegerProgramSolution
    /// Minimises `program`, but may stop (`.withinGap`, with its solution and proven bound) once the
    /// best solution found is proven within `relativeGap` of the optimum (0.001: 0.1 %).
    func minimise(_ program: IntegerProgram, nodeLimit: Int, relativeGap: Double) -> IntegerProgramSolution
}

extension IntegerProgramSolver {
    /// A solver that knows no gap solves to the optimum, which is within any gap.
    public func minimise(_ program: IntegerProgram, nodeLimit: Int, relativeGap: Double) -> IntegerProgramSolution {
        minimise(program, nodeLimit: nodeLimit)
    }
}
