import ArgumentParser
import MallocInterposerSwift
import QuoteBench
import QuoteCatalog
import QuoteCore
import QuoteGLPK

#if canImport(Glibc)
import Glibc
#endif

/// `quote bench [REQUESTS.jsonl] [--catalog PATH] [--max-p99 DURATION]`: latency of the engine on a
/// catalog, in-process, for a distributor's own CI. `quote bench` runs this executable.
///
/// Exit codes: 0 measured (and within `--max-p99`), 1 p99 over `--max-p99`, 2 bad arguments or
/// requests file, 3 catalog problem.
@main
struct BenchTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote bench",
        abstract: "Replay quote requests in-process and print p50/p90/p99 latency, quotes per second and allocations per quote.",
        discussion: """
            Without a requests file, a built-in mix drawn from the catalog (four in five one-line requests, the rest 2–5 lines) \
            is replayed. Exit codes: 0 measured, 1 p99 over --max-p99, 2 bad arguments, 3 catalog problem.
            """)

    /// Runs, printing a failure as one message on stderr with its exit status (2 bad arguments, 3 catalog).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as BenchFailure {
            stop(failure.description, failure.error.code.exitStatus)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            if code.rawValue == 1 { Glibc.exit(1) }  // over --max-p99: the report said so
            stop("quote bench: " + fullMessage(for: error), 2)
        }
    }

    /// Writes `message` to stderr and ends the process with `status`.
    static func stop(_ message: String, _ status: Int32) -> Never {
        var bytes = Array((message + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
        Glibc.exit(status)
    }

    @Argument(help: "JSON Lines file of requests, one a line (as for quote --jsonl); default: the built-in mix.")
    var requests: String?

    @Option(help: "Catalog database or CSV folder (default: $QUOTE_CATALOG, else the demo catalog).")
    var catalog: String?

    @Option(name: .customLong("max-p99"), help: "Fail (exit 1) when p99 latency is over this, e.g. 500us, 2ms, 0.01s.")
    var maxP99: String?

    @Option(help: "Quotes to time.")
    var quotes: Int = 10_000

    @Option(help: "Untimed quotes first, to warm caches.")
    var warmup: Int = 1_000

    @Flag(name: .customLong("in-memory"), help: "Hold the whole catalog in memory whatever its size (as quote serve --in-memory does).")
    var inMemory = false

    @Option(help: "text or json.")
    var format: String = "text"

    func run() throws {
        let limit = try parseLimit()
        guard quotes > 0, quotes <= 100_000_000, warmup >= 0, warmup <= 100_000_000 else {
            throw BenchFailure(QuoteError(.invalidRequest, Message("bench.counts")))
        }
        guard format == "text" || format == "json" else {
            throw BenchFailure(QuoteError(.invalidRequest, Message("bench.format", .text(format)), candidates: ["text", "json"]))
        }
        let clock = ContinuousClock()
        let opening = clock.now
        let live = LiveCatalog(explicit: catalog, sourceRoot: sourceRoot, inMemory: inMemory)
        let opened = clock.now - opening
        let generation: CatalogGeneration
        switch live.current {
        case .success(let g): generation = g
        case .failure(let e): throw BenchFailure(e)
        }
        let now = Moment.now(offsetSeconds: generation.info.utcOffsetSeconds)
        let (lines, origin) = try loadRequests(generation, now: now)
        var options = BenchRun.Options()
        options.quotes = quotes
        options.warmup = warmup
        // GLPK as `--jsonl` and `quote serve` use it (loaded on the first request that needs it).
        let run = BenchRun(generation: generation, requests: lines, now: now, solver: GLPKSolver())
        let result = run.run(options, counter: Self.counter())
        var report = BenchReport(
            result: result, catalog: generation.info, origin: origin, distinct: lines.count, warmup: warmup, maximumP99: limit)
        report.loadNanoseconds = opened.components.seconds * 1_000_000_000 + opened.components.attoseconds / 1_000_000_000
        report.residentKiB = Self.residentKiB()
        print(format == "json" ? report.json() : report.text(), terminator: format == "json" ? "\n" : "")
        if !report.passed { throw ExitCode(1) }
    }

    func parseLimit() throws -> Int64? {
        guard let maxP99 else { return nil }
        guard let ns = BenchDuration.parse(maxP99) else {
            throw BenchFailure(QuoteError(.invalidRequest, Message("bench.max_p99", .text(maxP99))))
        }
        return ns
    }

    /// The requests file's lines, or the built-in mix drawn from the catalog.
    func loadRequests(_ generation: CatalogGeneration, now: Moment) throws -> (lines: [[UInt8]], origin: String) {
        if let requests {
            switch RequestFile.lines(requests) {
            case .success(let lines): return (lines, requests)
            case .failure(let e): throw BenchFailure(e)
            }
        }
        let store: CatalogStore
        do { store = try CatalogLocator.open(explicit: catalog, sourceRoot: sourceRoot) } catch { throw BenchFailure(error) }
        let sample: CatalogStore.RequestSample
        do { sample = try store.requestSample() } catch { throw BenchFailure(error) }
        let lines = BenchMix.requests(from: sample) { generation.answer($0, now: now, allowInternal: true).outcome == .quoted }
        guard !lines.isEmpty else {
            throw BenchFailure(QuoteError(.catalogInvalid, Message("bench.nothing_to_quote")))
        }
        return (lines, "built-in mix")
    }

    /// Allocations counted by the malloc interposer (linked into this executable, and preloaded by
    /// `quote bench`). Where it is not in the process, nothing is counted and the report leaves
    /// allocations out (`BenchRun` takes a count of zero for "not counted": every quote allocates).
    static func counter() -> BenchRun.AllocationCounter {
        MallocInterposerSwift.initialize()
        return BenchRun.AllocationCounter(
            start: {
                MallocInterposerSwift.reset()
                MallocInterposerSwift.hook()
            },
            stop: {
                MallocInterposerSwift.unhook()
                let s = MallocInterposerSwift.getStatistics()
                return (Int64(s.mallocCount), Int64(s.mallocBytesCount))
            })
    }
}

extension BenchTool {
    /// This process's resident memory (VmRSS in /proc/self/status), in KiB.
    static func residentKiB() -> Int64? {
        guard let f = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), f) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmRSS:") else { continue }
            return Int64(text.dropFirst(6).filter(\.isNumber))
        }
        return nil
    }
}

/// A run that could not start: the message on stderr, and the error's exit status.
struct BenchFailure: Error, CustomStringConvertible {
    var error: QuoteError
    init(_ error: QuoteError) { self.error = error }
    var description: String { "quote bench: " + error.description }
}

/// The root of this source tree, for finding the bundled demo catalog from any working directory.
let sourceRoot: String = {
    var path = #filePath
    for _ in 0..<3 {
        if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
    }
    return path
}()
