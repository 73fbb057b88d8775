import ArgumentParser
import QuoteCore

#if canImport(Glibc)
import Glibc
#endif

/// `quote bench [REQUESTS.jsonl] [--catalog PATH] [--max-p99 DURATION]`: the engine's latency on a
/// catalog, for a distributor's CI.
///
/// The measuring is done by `quote-bench`, installed beside this executable, with the malloc
/// interposer (`libMallocInterposerSwift.so`, also beside it) preloaded so that it can count
/// allocations; a quote never loads either.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Replay requests in-process: p50/p90/p99 latency, quotes per second, allocations per quote; --max-p99 gates CI.",
        discussion: "Runs quote-bench, installed beside quote, with these arguments; `quote bench --help` lists them (README, Performance)."
    )

    @Argument(
        parsing: .captureForPassthrough,
        help: "[REQUESTS.jsonl] --catalog PATH --max-p99 2ms --quotes 10000 --warmup 1000 --format text|json")
    var arguments: [String] = []

    func run() throws {
        let bench = Sibling.path("quote-bench")
        guard access(bench, X_OK) == 0 else {
            throw Failure(
                error: QuoteError(
                    .invalidRequest, Message("cli.sibling_missing", .verbatim("quote bench"), .verbatim("quote-bench"), .text(bench))),
                json: false)
        }
        var environment: [String: String] = [:]
        let interposer = Sibling.path("libMallocInterposerSwift.so")
        if access(interposer, R_OK) == 0 { environment["LD_PRELOAD"] = interposer }
        Output.flush()
        Sibling.exec(bench, arguments, environment: environment)
        throw Failure(
            error: QuoteError(.invalidRequest, Message("cli.cannot_start", .text(bench), .verbatim(String(cString: strerror(errno))))),
            json: false)
    }
}
