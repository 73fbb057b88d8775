import QuoteGLPK
import SeededRandom
import Testing

@testable import QuoteCore

/// The integer program behind requests the search cannot settle (`SourcingProgram`), solved by GLPK.
/// `.ci/run` installs GLPK (libglpk-dev); without it these tests fail, saying so.
@Suite struct SourcingProgramTests {
    static func requireGLPK() throws {
        try #require(GLPKSolver.isAvailable, "GLPK is not installed: apt-get install libglpk-dev (.ci/run does)")
    }

    /// 120 lines of loose bricks (both sources sell any quantity, 1 000 000 in stock each): 40 lines
    /// each of 1, 2 and 3 pallets, 240 pallets. Far beyond the search's budget (it answers
    /// `search_limited`, see SourcingLimitsTests.aStoppedSearchStatesItsBound); the program proves the
    /// optimum. A pallet is 400 × 3.6 kg = 1 440 kg, so a T10 takes 10 000 / 1 440 → 6 pallets and a
    /// T20 20 000 / 1 440 → 13. From WH (zone A): T20 12 000 (923 a pallet), T10 7 500 (1 250); from PL
    /// (zone B): T20 17 000, T10 11 000, dearer per pallet. All from WH: 240 = 18 × 13 + 6, so 18 T20 +
    /// 1 T10 = 216 000 + 7 500 = 223 500.00 (13a + 6b ≥ 240 has no cheaper a, b: 19 T20 is 228 000,
    /// 12 T20 + 14 T10 is 249 000). One shipment, proven: no `search_limited`, for every strategy.
    @Test(arguments: [Strategy.cheapest, .fastest, .single])
    func manyLinesAreProvenOptimal(strategy: Strategy) throws {
        try Self.requireGLPK()
        let c = SourcingLimitsTests.looseBricks(stock: Quantity(whole: 1_000_000))
        let items = (0..<120).map { k in ("brick", Int64(400 * (1 + k % 3)), String?.none) }
        let q = try QuoteEngine.quote(Fixture.request(items, strategy: strategy), catalog: c, solver: GLPKSolver())
        #expect(!q.warnings.contains { $0.code == "search_limited" })
        #expect(q.lines.filter { $0.kind == .goods }.count == 120)
        #expect(q.shipments.count == 1)
        #expect(q.shipments.first?.source == "WH")
        #expect(q.shipments.reduce(Int64(0)) { $0 + $1.cost.kopecks } == Fixture.money(223_500).kopecks)
    }

    /// A solver that cannot run leaves the search's own answer, flagged with its bound, as before.
    @Test func withoutASolverTheSearchStands() throws {
        let c = SourcingLimitsTests.looseBricks(stock: Quantity(whole: 1_000_000))
        let items = (0..<120).map { k in ("brick", Int64(400 * (1 + k % 3)), String?.none) }
        let plain = try QuoteEngine.quote(Fixture.request(items), catalog: c)
        let unavailable = try QuoteEngine.quote(Fixture.request(items), catalog: c, solver: Unavailable())
        #expect(plain.warnings.contains { $0.code == "search_limited" })
        #expect(unavailable.warnings.map(\.code) == plain.warnings.map(\.code))
        #expect(unavailable.totals.gross == plain.totals.gross)
    }

    /// A solution that breaks the rules (here: every column at 1, so lines are over- or
    /// under-supplied) is never used: the engine checks what it reads back.
    @Test func aSolutionBreakingTheRulesIsIgnored() throws {
        let c = SourcingLimitsTests.looseBricks(stock: Quantity(whole: 1_000_000))
        let items = (0..<120).map { k in ("brick", Int64(400 * (1 + k % 3)), String?.none) }
        let plain = try QuoteEngine.quote(Fixture.request(items), catalog: c)
        let lying = try QuoteEngine.quote(Fixture.request(items), catalog: c, solver: AllOnes())
        #expect(lying.totals.gross == plain.totals.gross)
        #expect(lying.warnings.contains { $0.code == "search_limited" })
    }

    /// A one-line request never reaches the solver: its search is exhaustive.
    @Test func aOneLineQuoteNeverCallsTheSolver() throws {
        let counting = Counting()
        _ = try QuoteEngine.quote(Fixture.request([("brick", 5_000, nil)]), catalog: Fixture.catalog, solver: counting)
        #expect(counting.calls.value == 0)
    }

    /// The fastest plan is the cheapest of those arriving by the earliest date that works; when the
    /// cheapest plan, proven, arrives by that date it is the fastest too, so the alternative costs no
    /// second program. The 120 lines of loose bricks with PL made as quick as WH (lead 0, transit 0:
    /// both deliver on the order day, Tue 2026-12-01): the earliest date allows both sources, where the
    /// search alone cannot settle 120 lines, and the cheapest plan — all from WH, 223 500.00 (above;
    /// only the dates changed) — arrives that day. One program solved, not two (the count was 2 before
    /// the fastest search reused the cheapest plan), and no alternative listed: it is the same plan.
    @Test func theFastestAlternativeReusesAProvenCheapestPlan() throws {
        try Self.requireGLPK()
        var c = SourcingLimitsTests.looseBricks(stock: Quantity(whole: 1_000_000))
        c.sources["PL"]?.leadDays = 0
        c.routes[RouteKey(zone: "B", city: "x")]?.transitDays = 0
        let items = (0..<120).map { k in ("brick", Int64(400 * (1 + k % 3)), String?.none) }
        let counting = Counting(GLPKSolver())
        let q = try QuoteEngine.quote(Fixture.request(items), catalog: c, solver: counting)
        #expect(counting.calls.value == 1)
        #expect(q.alternatives.isEmpty)
        #expect(q.deliveryDate == Fixture.date("2026-12-01"))
        #expect(q.shipments.map(\.source) == ["WH"])
        #expect(q.shipments.reduce(Int64(0)) { $0 + $1.cost.kopecks } == Fixture.money(223_500).kopecks)
        #expect(!q.warnings.contains { $0.code == "search_limited" })
    }

    /// Requests past `SourcingSearch.provenLines` (20) are solved to within 0.1 % of the optimum,
    /// and up to it to the optimum: the gap the engine asks the solver for. 20 and 21 lines of one
    /// to three pallets of loose bricks (both beyond the search's own budget with a solver at hand).
    @Test func theGapAskedForFollowsTheRequestsSize() throws {
        try Self.requireGLPK()
        let c = SourcingLimitsTests.looseBricks(stock: Quantity(whole: 1_000_000))
        for (lines, gap) in [(20, 0.0), (21, 0.001)] {
            let items = (0..<lines).map { k in ("brick", Int64(400 * (1 + k % 3)), String?.none) }
            let spy = Gapped(stating: 0)
            _ = try QuoteEngine.quote(Fixture.request(items), catalog: c, solver: spy)
            #expect(!spy.gaps.value.isEmpty, "\(lines) lines: the solver was asked")
            #expect(spy.gaps.value.allSatisfy { $0 == gap }, "\(lines) lines: \(spy.gaps.value)")
        }
    }

    /// A plan the solver settles within the gap says how far it can be from the best: the 120 lines
    /// of loose bricks (223 500.00, above) with the solver reporting its optimum as found within
    /// 0.1 %, its bound 223 500 × (1 − 0.001) = 223 276.50 (in the program's kopecks less the
    /// rounding allowance of 2 kopecks a slot). The quote is the same plan, flagged `search_limited`
    /// with a percentage, and the fastest alternative reuses it (one program, not two: PL as quick as
    /// WH, as in the test above), since a plan within 0.1 % of the cheapest that arrives by the
    /// earliest date is within 0.1 % of the fastest.
    @Test func aPlanSettledWithinTheGapStatesItsBound() throws {
        try Self.requireGLPK()
        var c = SourcingLimitsTests.looseBricks(stock: Quantity(whole: 1_000_000))
        c.sources["PL"]?.leadDays = 0
        c.routes[RouteKey(zone: "B", city: "x")]?.transitDays = 0
        let items = (0..<120).map { k in ("brick", Int64(400 * (1 + k % 3)), String?.none) }
        let spy = Gapped(stating: 0.001)
        let q = try QuoteEngine.quote(Fixture.request(items), catalog: c, solver: spy)
        #expect(spy.gaps.value == [0.001])
        #expect(q.shipments.reduce(Int64(0)) { $0 + $1.cost.kopecks } == Fixture.money(223_500).kopecks)
        let warning = try #require(q.warnings.first { $0.code == "search_limited" })
        #expect(warning.message.contains("0.10 %") || warning.message.contains("0.11 %"), "\(warning.message)")
        // It says why the plan is not exact (the margin asked for), not that a budget ran out.
        #expect(warning.message.contains("proven within a margin"), "\(warning.message)")
        #expect(!warning.message.contains("budget"), "\(warning.message)")
        #expect(q.alternatives.isEmpty)
    }

    // MARK: - GLPK itself

    /// minimise 5x + 4y subject to 6x + 4y ≥ 24 and x + 2y ≥ 6, x, y whole and ≥ 0. By hand, for each
    /// y the least x: y=0 → x=6 (30), y=1 → 4 (24), y=2 → 3 (23), y=3 → 2 (22), y=4 → 2 (26), y=5 → 1
    /// (25), y=6 → 0 (24), and beyond y=6 only dearer: the optimum is 22 at (2, 3). The LP relaxation's
    /// optimum is 21 at (3, 1.5), where the two rows meet, so branching is needed.
    @Test func glpkSolvesASmallProgram() throws {
        try Self.requireGLPK()
        var p = IntegerProgram()
        let x = p.column(upper: nil, cost: 5)
        let y = p.column(upper: nil, cost: 4)
        p.row(lower: 24, [(x, 6), (y, 4)])
        p.row(lower: 6, [(x, 1), (y, 2)])
        let s = GLPKSolver().minimise(p, nodeLimit: 1_000)
        #expect(s.status == .optimal)
        #expect(s.values?.map { $0.rounded() } == [2, 3])
        #expect(s.bound == 22)
    }

    /// An infeasible program is said to be one: x + y ≥ 3 with x, y ∈ {0, 1}.
    @Test func glpkSaysInfeasible() throws {
        try Self.requireGLPK()
        var p = IntegerProgram()
        let x = p.column(upper: 1, cost: 1)
        let y = p.column(upper: 1, cost: 1)
        p.row(lower: 3, [(x, 1), (y, 1)])
        #expect(GLPKSolver().minimise(p, nodeLimit: 1_000).status == .infeasible)
    }

    /// 40 items of weight 20…99 (seeded), each worth its weight + 7, in a sack holding half their
    /// weight: values close to weights make it hard for branch and bound.
    static func knapsack() -> IntegerProgram {
        var random = SplitMix64(seed: 13)
        var p = IntegerProgram()
        var weights: [(Int, Double)] = []
        for _ in 0..<40 {
            let w = Double(random.int(in: 20...99))
            let x = p.column(upper: 1, cost: -(w + 7))
            weights.append((x, w))
        }
        p.row(upper: weights.reduce(0) { $0 + $1.1 } / 2 + 0.5, weights)
        return p
    }

    /// The knapsack above, stopped after two nodes: the solver reports `stopped` with a bound no
    /// higher than the optimum it proves given room.
    @Test func glpkStopsAtItsNodeLimitWithAValidBound() throws {
        try Self.requireGLPK()
        let p = Self.knapsack()
        let stopped = GLPKSolver().minimise(p, nodeLimit: 2)
        let full = GLPKSolver().minimise(p, nodeLimit: 10_000_000)
        #expect(stopped.status == .stopped)
        #expect(full.status == .optimal)
        let optimum = try #require(full.bound)
        let bound = try #require(stopped.bound)
        #expect(bound <= optimum + 1e-6)
    }

    /// The same knapsack asked for a 5 % gap: the solver stops once its best is proven within 5 %
    /// of the optimum, and says so (`withinGap`), with a bound no higher than the optimum and a
    /// solution no more than 5 % above it (costs are negative here: a maximum, minimised).
    @Test func glpkStopsWithinAGapWithAValidBound() throws {
        try Self.requireGLPK()
        let p = Self.knapsack()
        let gapped = GLPKSolver().minimise(p, nodeLimit: 10_000_000, relativeGap: 0.05)
        let full = GLPKSolver().minimise(p, nodeLimit: 10_000_000)
        #expect(gapped.status == .withinGap)
        let optimum = try #require(full.bound)
        let bound = try #require(gapped.bound)
        let values = try #require(gapped.values)
        let cost = zip(p.columns, values).reduce(0) { $0 + $1.0.cost * $1.1.rounded() }
        #expect(bound <= optimum + 1e-6)
        #expect(cost >= optimum - 1e-6)
        #expect(cost - optimum <= 0.05 * abs(cost) + 1e-6)
        #expect(GLPKSolver().minimise(p, nodeLimit: 10, relativeGap: .nan).status == .unavailable)
    }

    /// A malformed program (a bound the wrong way round) is refused before GLPK sees it: GLPK would
    /// stop the whole process.
    @Test func aMalformedProgramNeverReachesGLPK() {
        var p = IntegerProgram()
        let x = p.column(upper: 1, cost: 1)
        p.row(lower: 2, upper: 1, [(x, 1)])
        #expect(GLPKSolver().minimise(p, nodeLimit: 10).status == .unavailable)
        var q = IntegerProgram()
        let y = q.column(upper: .nan, cost: 1)
        q.row(lower: 0, [(y, 1)])
        #expect(GLPKSolver().minimise(q, nodeLimit: 10).status == .unavailable)
    }
}

private struct Unavailable: IntegerProgramSolver {
    func minimise(_ program: IntegerProgram, nodeLimit: Int) -> IntegerProgramSolution { IntegerProgramSolution(status: .unavailable) }
}

private struct AllOnes: IntegerProgramSolver {
    func minimise(_ program: IntegerProgram, nodeLimit: Int) -> IntegerProgramSolution {
        IntegerProgramSolution(status: .optimal, values: Array(repeating: 1, count: program.columns.count), bound: 0)
    }
}

/// Counts the programs it is given, and hands them to `solver` (none: answers `.unavailable`).
private final class Counting: IntegerProgramSolver, @unchecked Sendable {
    final class Box: @unchecked Sendable { var value = 0 }
    let calls = Box()
    let solver: (any IntegerProgramSolver)?
    init(_ solver: (any IntegerProgramSolver)? = nil) { self.solver = solver }
    func minimise(_ program: IntegerProgram, nodeLimit: Int) -> IntegerProgramSolution {
        calls.value += 1
        return solver?.minimise(program, nodeLimit: nodeLimit) ?? IntegerProgramSolution(status: .unavailable)
    }
}

/// Records the gap it is asked for and solves exactly with GLPK; with `stating` above 0 it reports
/// each optimum as found within that gap (`withinGap`, the bound that far below), as a solver that
/// stopped there would.
private final class Gapped: IntegerProgramSolver, @unchecked Sendable {
    final class Box: @unchecked Sendable { var value: [Double] = [] }
    let gaps = Box()
    let stating: Double
    init(stating: Double) { self.stating = stating }
    func minimise(_ program: IntegerProgram, nodeLimit: Int) -> IntegerProgramSolution {
        minimise(program, nodeLimit: nodeLimit, relativeGap: 0)
    }
    func minimise(_ program: IntegerProgram, nodeLimit: Int, relativeGap: Double) -> IntegerProgramSolution {
        gaps.value.append(relativeGap)
        var s = GLPKSolver().minimise(program, nodeLimit: nodeLimit)
        if stating > 0, s.status == .optimal, let bound = s.bound {
            s.status = .withinGap
            s.bound = bound - stating * abs(bound)
        }
        return s
    }
}
