import Foundation
import Testing

/// `quote bench`, run as a distributor's CI would: a requests file or the built-in mix, a report, and
/// an exit status that gates on `--max-p99`.
@Suite struct BenchCLITests {
    /// Three requests cycled through 50 timed quotes: the third (an unknown product) is answered at
    /// i = 2, 5, …, 47, that is 16 times (i % 3 == 2 for i in 0..<50), and counted as refused.
    @Test func aRequestsFileIsReplayedAndItsRefusalsCounted() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path + "/requests.jsonl"
        let lines = [
            #"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver"}"#,
            "",
            #"{"items":[{"product":"CEM-M500-50","quantity":"40","unit":"bag"}],"city":"Moscow"}"#,
            #"{"items":[{"product":"no such thing","quantity":"1"}],"city":"Tver"}"#,
        ]
        try (lines.joined(separator: "\r\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = run(["bench", file, "--quotes", "50", "--warmup", "5", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try jsonObject(r.stdout)
        #expect(report["distinct"] as? Int == 3)
        #expect(report["quotes"] as? Int == 50)
        #expect(report["refused"] as? Int == 16)
        #expect(report["passed"] as? Bool == true)
        let p50 = try #require(report["p50Ns"] as? Int), p99 = try #require(report["p99Ns"] as? Int)
        #expect(p50 > 0 && p50 <= p99)
        // The interposer beside quote-bench counts allocations: a quote allocates.
        #expect(((report["allocationsPerQuote"] as? NSNumber)?.doubleValue ?? 0) > 0)
    }

    /// The built-in mix quotes the demo catalog without refusals (only quotable requests are kept);
    /// an impossible --max-p99 fails the run with exit 1 and says so, a generous one passes.
    @Test func maxP99GatesTheExitStatus() {
        let failing = run(["bench", "--quotes", "20", "--warmup", "0", "--max-p99", "1ns"])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAILED: p99"))
        #expect(failing.stdout.contains("built-in mix, 200 distinct\n"))
        let passing = run(["bench", "--quotes", "20", "--warmup", "0", "--max-p99", "60s"])
        #expect(passing.status == 0)
        #expect(passing.stdout.contains("is within --max-p99 60.0 s"))
    }

    @Test func badArgumentsAreExit2AndAMissingCatalogExit3() {
        let duration = run(["bench", "--max-p99", "fast"])
        #expect(duration.status == 2)
        #expect(duration.stderr.contains("“fast” is not a duration: write it as 500us, 2ms or 0.01s"))
        let file = run(["bench", "/nonexistent/requests.jsonl"])
        #expect(file.status == 2)
        #expect(file.stderr.contains("cannot be read: there is no such file"))
        let catalog = run(["bench", "--catalog", "/nonexistent/catalog.sqlite"])
        #expect(catalog.status == 3)
    }
}

/// The embedding example (Examples/EmbedQuote) builds against the public API and gives the README's
/// quote: 5,040 bricks at 17.40 = 87,696.00 and 12 pallets' deposit at 250.00 = 3,000.00; with 8,000.00
/// delivery, net 98,696.00 and VAT 21,053.12, the total is 119,749.12.
@Suite struct EmbeddingTests {
    @Test func theEmbeddingExampleQuotesTheDemo() {
        let example = (CLI.binary as NSString).deletingLastPathComponent + "/quote-embed-example"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: example)
        process.arguments = [CLI.demoDirectory]
        let out = Pipe()
        process.standardOutput = out
        do { try process.run() } catch {
            Issue.record("cannot run \(example): \(error)")
            return
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("2 lines, delivered 2026-12-03, total 119749.12 RUB with VAT"), "\(text)")
        #expect(text.contains("BR-NF-M150-SOL: 5040 × 17.40 = 87696.00"), "\(text)")
        #expect(text.contains("PALLET-DEPOSIT: 12 × 250.00 = 3000.00"), "\(text)")
    }
}
