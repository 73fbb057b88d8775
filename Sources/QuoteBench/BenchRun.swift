import QuoteCatalog
import QuoteCore

/// Replays requests in-process against one catalog, as a long-running front end answers them
/// (`CatalogGeneration.answer`: JSON decoded, quoted, encoded), and times each one.
public struct BenchRun {
    /// Counts the heap allocations of a stretch of work (the `quote-bench` executable supplies one
    /// backed by a malloc interposer; without one, allocations are not reported).
    public struct AllocationCounter {
        public var start: () -> Void
        /// Allocations and bytes allocated since `start`.
        public var stop: () -> (count: Int64, bytes: Int64)

        public init(start: @escaping () -> Void, stop: @escaping () -> (count: Int64, bytes: Int64)) {
            self.start = start
            self.stop = stop
        }
    }

    public struct Options: Sendable {
        /// Quotes timed (the requests are cycled through), after `warmup` untimed ones.
        public var quotes = 10_000
        public var warmup = 1_000
        public init() {}
    }

    public struct Result: Sendable, Equatable {
        /// Each timed quote's latency in nanoseconds, sorted.
        public var latencies: [Int64]
        /// The whole timed loop, in nanoseconds.
        public var elapsedNanoseconds: Int64
        /// Timed quotes that were refused, by error code (not quotable, bad request…).
        public var refused: [String: Int]
        /// Allocations and bytes over one more pass through the requests, per quote in tenths
        /// (nil without a counter).
        public var allocationsPerQuoteTenths: Int64?
        public var bytesPerQuote: Int64?

        public init(
            latencies: [Int64], elapsedNanoseconds: Int64, refused: [String: Int], allocationsPerQuoteTenths: Int64?, bytesPerQuote: Int64?
        ) {
            self.latencies = latencies
            self.elapsedNanoseconds = elapsedNanoseconds
            self.refused = refused
            self.allocationsPerQuoteTenths = allocationsPerQuoteTenths
            self.bytesPerQuote = bytesPerQuote
        }

        /// The latency that `percent` per cent of the quotes did not exceed (nearest rank).
        public func percentile(_ percent: Int) -> Int64 {
            guard !latencies.isEmpty else { return 0 }
            let rank = (latencies.count * percent + 99) / 100
            return latencies[min(latencies.count, max(1, rank)) - 1]
        }

        /// Quotes per second over the timed loop.
        public var quotesPerSecond: Int64 {
            guard elapsedNanoseconds > 0 else { return 0 }
            return Int64(latencies.count) * 1_000_000_000 / elapsedNanoseconds
        }
    }

    public let generation: CatalogGeneration
    public let requests: [[UInt8]]
    public let now: Moment
    /// The solver the front ends hand the engine (`quote --jsonl`, `quote serve`: GLPK), so that a
    /// request the engine's own search cannot settle is timed as it is answered there.
    public let solver: (any IntegerProgramSolver)?

    public init(generation: CatalogGeneration, requests: [[UInt8]], now: Moment, solver: (any IntegerProgramSolver)? = nil) {
        self.generation = generation
        self.requests = requests
        self.now = now
        self.solver = solver
    }

    public func run(_ options: Options, counter: AllocationCounter? = nil) -> Result {
        guard !requests.isEmpty, options.quotes > 0 else {
            return Result(latencies: [], elapsedNanoseconds: 0, refused: [:], allocationsPerQuoteTenths: nil, bytesPerQuote: nil)
        }
        for i in 0..<max(0, options.warmup) { _ = answer(i) }
        var result = timed(options.quotes)
        if let counter { count(with: counter, into: &result) }
        return result
    }

    private func answer(_ i: Int) -> JSONAnswer {
        generation.answer(requests[i % requests.count], now: now, allowInternal: true, solver: solver)
    }

    /// `quotes` answers, each timed on the monotonic clock.
    private func timed(_ quotes: Int) -> Result {
        let clock = ContinuousClock()
        var latencies = [Int64](repeating: 0, count: quotes)
        var refused: [String: Int] = [:]
        let begin = clock.now
        for i in 0..<quotes {
            let t0 = clock.now
            let a = answer(i)
            latencies[i] = Self.nanoseconds(clock.now - t0)
            switch a.outcome {
            case .quoted: break
            case .failed(let code): refused[code.rawValue, default: 0] += 1
            case .internalRefused: refused[JSONAnswer.internalNotAllowed, default: 0] += 1
            }
        }
        let elapsed = Self.nanoseconds(clock.now - begin)
        latencies.sort()
        return Result(
            latencies: latencies, elapsedNanoseconds: elapsed, refused: refused, allocationsPerQuoteTenths: nil, bytesPerQuote: nil)
    }

    /// One untimed pass through every request with the allocations counted (left out when the counter
    /// saw none: a quote always allocates, so its hooks are not in the process).
    private func count(with counter: AllocationCounter, into result: inout Result) {
        let n = requests.count
        counter.start()
        for i in 0..<n { _ = answer(i) }
        let (allocations, bytes) = counter.stop()
        guard allocations > 0 else { return }  // no allocator hooks in this process: not counted
        result.allocationsPerQuoteTenths = (allocations * 10 + Int64(n) / 2) / Int64(n)
        result.bytesPerQuote = bytes / Int64(n)
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
