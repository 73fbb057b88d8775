import Foundation
import QuoteBench
import QuoteCatalog
import QuoteCore
import Testing

@Suite struct BenchDurationTests {
    /// `--max-p99` as people write it, in nanoseconds: a µs is 1,000 ns, a ms 1,000,000, a s 10^9.
    @Test(arguments: [
        ("500us", Int64(500_000)), ("250 µs", 250_000), ("2ms", 2_000_000), ("1.5ms", 1_500_000),
        ("0.01s", 10_000_000), ("850ns", 850), ("1S", 1_000_000_000),
    ])
    func parses(_ text: String, _ nanoseconds: Int64) {
        #expect(BenchDuration.parse(text) == nanoseconds)
    }

    @Test(arguments: ["fast", "ms", "0ms", "-1ms", "5", "5 minutes", "0.1ns"])
    func refuses(_ text: String) {
        #expect(BenchDuration.parse(text) == nil)
    }

    /// Three significant figures: 71,240 ns = 71.24 µs → "71.2 µs"; 1,254,000 ns = 1.254 ms → "1.25 ms";
    /// 123,456 ns → "123 µs"; 2.1 s → "2.10 s"; 999,999 ns rounds to "1000 µs" (its unit stays µs).
    @Test(arguments: [
        (Int64(850), "850 ns"), (71_240, "71.2 µs"), (1_254_000, "1.25 ms"), (123_456, "123 µs"), (2_100_000_000, "2.10 s"),
        (999_999, "1000 µs"),
    ])
    func formats(_ nanoseconds: Int64, _ text: String) {
        #expect(BenchDuration.format(nanoseconds) == text)
    }
}

@Suite struct BenchResultTests {
    /// Nearest rank: of the 100 latencies 1…100 ns, p50 is the 50th (50 ns), p90 the 90th, p99 the 99th.
    /// Of ten (10, 20, …, 100), p99 is the ⌈9.9⌉ = 10th, 100 ns, and p50 the 5th, 50 ns.
    @Test func percentilesAreNearestRank() {
        let hundred = BenchRun.Result(
            latencies: Array(1...100), elapsedNanoseconds: 5_050, refused: [:], allocationsPerQuoteTenths: nil, bytesPerQuote: nil)
        #expect(hundred.percentile(50) == 50)
        #expect(hundred.percentile(90) == 90)
        #expect(hundred.percentile(99) == 99)
        let ten = BenchRun.Result(
            latencies: (1...10).map { Int64($0 * 10) }, elapsedNanoseconds: 550, refused: [:], allocationsPerQuoteTenths: nil,
            bytesPerQuote: nil)
        #expect(ten.percentile(99) == 100)
        #expect(ten.percentile(50) == 50)
    }

    /// 4 quotes in 2 ms: 4 × 10^9 / 2,000,000 = 2,000 quotes a second.
    @Test func throughputIsQuotesOverTheLoop() {
        let r = BenchRun.Result(
            latencies: [1, 2, 3, 4], elapsedNanoseconds: 2_000_000, refused: [:], allocationsPerQuoteTenths: nil, bytesPerQuote: nil)
        #expect(r.quotesPerSecond == 2_000)
    }
}

@Suite struct BenchMixTests {
    static let sample = CatalogStore.RequestSample(
        products: [
            .init(sku: "BRICK", unit: "pcs", perPalletMilli: 420_000),
            .init(sku: "SAND", unit: "t", perPalletMilli: nil),
        ],
        cities: ["tver", "moscow"])

    /// Seeded: the same catalog gives the same mix. Each line is 1–8 whole pallets of bricks (a
    /// multiple of 420 up to 3,360) or 5–40 t of sand in steps of 5; one to five lines a request.
    @Test func theMixIsSeededAndMadeOfWholePalletsOrTonnes() throws {
        let a = BenchMix.requests(from: Self.sample, count: 300)
        #expect(a == BenchMix.requests(from: Self.sample, count: 300))
        #expect(a.count == 300)
        var lineCounts = Set<Int>()
        for bytes in a {
            guard case .success(let value) = JSONParser.parse(bytes), case .object(let members) = value,
                case .array(let items)? = members.first(where: { $0.key == "items" })?.value
            else {
                Issue.record("not a request: \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            lineCounts.insert(items.count)
            for item in items {
                guard case .object(let fields) = item, case .string(let sku)? = fields.first(where: { $0.key == "product" })?.value,
                    case .string(let quantity)? = fields.first(where: { $0.key == "quantity" })?.value, let q = Int(quantity)
                else {
                    Issue.record("not an item: \(item)")
                    continue
                }
                if sku == "BRICK" { #expect(q % 420 == 0 && (420...3_360).contains(q)) }
                if sku == "SAND" { #expect(q % 5 == 0 && (5...40).contains(q)) }
            }
        }
        #expect(lineCounts == [1, 2, 3, 4, 5])
    }

    /// `keep` decides: a mix that keeps only Tver requests has no other city, and an empty catalog none at all.
    @Test func onlyKeptRequestsAreInTheMix() {
        let tver = BenchMix.requests(from: Self.sample, count: 20) { String(decoding: $0, as: UTF8.self).contains("\"tver\"") }
        #expect(tver.count == 20)
        #expect(tver.allSatisfy { !String(decoding: $0, as: UTF8.self).contains("moscow") })
        #expect(BenchMix.requests(from: .init(products: [], cities: ["tver"])).isEmpty)
        #expect(BenchMix.requests(from: Self.sample, count: 5) { _ in false }.isEmpty)
    }
}

@Suite struct BenchRunTests {
    static let demo =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/catalogs/demo"

    /// The solver handed to a run is the one the engine gets, as in `--jsonl` and `quote serve`: the
    /// first of the sourcing checker's 20-line demo requests (seed 1: mixes, stone, sand, bricks and
    /// blocks to Yaroslavl, several products twice) is more splits than the engine's own search
    /// settles (it stops from about five lines), so each of the 3 quotes (1 warm-up, 2 timed) and the
    /// counting pass asks it at least once; a run without one never does. The counter here answers
    /// `unavailable`, so the search's own plan stands and every quote is still answered.
    @Test func theRunsSolverIsTheEnginesSolver() throws {
        let live = LiveCatalog(explicit: Self.demo, sourceRoot: nil)
        let generation = try live.current.get()
        let lines: [(String, Int, String)] = [
            ("MIX-GLUE-25", 96, "bag"), ("STONE-GR-20-40", 12, "t"), ("STONE-GRAV-20-40", 25, "t"), ("MIX-MAS-WIN-25", 1771, "bag"),
            ("BR-14NF-M150-HOL", 1760, "pcs"), ("BR-21NF-M125-POR", 2880, "pcs"), ("STONE-GR-5-20", 60, "t"),
            ("BL-D500-600x100x250", 76, "pcs"), ("SAND-WASH", 9, "t"), ("SAND-QRY", 8, "t"), ("MIX-GYP-30", 290, "bag"),
            ("BR-21NF-M150-POR", 2298, "pcs"), ("MIX-GLUE-25", 288, "bag"), ("MIX-MAS-WIN-25", 336, "bag"),
            ("BR-14NF-M150-HOL", 5360, "pcs"), ("SAND-WASH", 40, "t"), ("STONE-GR-20-40", 14, "t"), ("MIX-GYP-30", 160, "bag"),
            ("STONE-GR-20-40", 10, "t"), ("MIX-MAS-WIN-25", 224, "bag"),
        ]
        let items = lines.map { #"{"product":"\#($0.0)","quantity":"\#($0.1)","unit":"\#($0.2)"}"# }.joined(separator: ",")
        let request = Array(#"{"items":[\#(items)],"city":"yaroslavl","asOf":"2026-12-01T10:00:00+03:00"}"#.utf8)
        var options = BenchRun.Options()
        options.quotes = 2
        options.warmup = 1
        let counting = CountingSolver()
        let result = BenchRun(
            generation: generation, requests: [request], now: Moment(secondsSinceEpoch: 1_796_108_400, offsetSeconds: 10_800),
            solver: counting
        )
        .run(options)
        #expect(result.refused.isEmpty, "\(result.refused)")
        #expect(counting.calls.value >= 3, "\(counting.calls.value)")
        let before = counting.calls.value
        _ = BenchRun(generation: generation, requests: [request], now: Moment(secondsSinceEpoch: 1_796_108_400, offsetSeconds: 10_800)).run(
            options)
        #expect(counting.calls.value == before)
    }
}

/// Counts the programs it is given and solves none (`unavailable`).
private final class CountingSolver: IntegerProgramSolver, @unchecked Sendable {
    final class Box: @unchecked Sendable { var value = 0 }
    let calls = Box()
    func minimise(_ program: IntegerProgram, nodeLimit: Int) -> IntegerProgramSolution {
        calls.value += 1
        return IntegerProgramSolution(status: .unavailable)
    }
}
