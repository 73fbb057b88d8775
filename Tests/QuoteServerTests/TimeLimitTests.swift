import Dispatch
import Foundation
import NIOPosix
import QuoteServer
import Synchronization
import Testing

/// The service's time limit (`--request-timeout`): a quote or batch not computed by then is answered
/// 503 `timed_out` at the limit, while the computation finishes unseen on the worker's thread.
///
/// A request is made slow on purpose by `beforeWork`, which holds the worker's thread (as a slow
/// computation would) for bodies that contain "slow", until the test lets it go or a time passes. Each
/// test has a pool of two threads of its own, so that its held threads never delay another test's quotes.
/// The checks are causal rather than timed where they can be (the answer came while the computation
/// was still held), so that a machine busy with other tests does not make them fail.
@Suite struct TimeLimitTests {
    let dir: String
    let database: String

    init() throws {
        dir = try Paths.scratch("time-limit")
        database = try Paths.compiledDemo(in: dir)
    }

    /// Holds each "slow" computation until `release` or for at most `longest`, and counts them.
    final class Holds: Sendable {
        let started = Mutex(0)
        let finished = Mutex(0)
        let gate = DispatchSemaphore(value: 0)
        let longest: Duration
        init(_ longest: Duration) { self.longest = longest }

        func body(_ body: [UInt8]) {
            guard String(decoding: body, as: UTF8.self).contains("slow") else { return }
            started.withLock { $0 += 1 }
            _ = gate.wait(
                timeout: .now()
                    + .nanoseconds(Int(longest.components.seconds * 1_000_000_000 + longest.components.attoseconds / 1_000_000_000)))
            finished.withLock { $0 += 1 }
        }

        func release(_ count: Int) { for _ in 0..<count { gate.signal() } }
        var startedCount: Int { started.withLock { $0 } }
        var finishedCount: Int { finished.withLock { $0 } }
    }

    /// A server whose quotes must be answered within `limit` ms, with `holds` slowing the "slow" ones, on
    /// a pool of two threads.
    func withServer(limit: Int, holds: Holds, _ body: @Sendable (TestServer) async throws -> Void) async throws {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        defer {
            holds.release(8)
            pool.shutdownGracefully { _ in }
        }
        try await TestServer.with(catalog: database) { c in
            c.requestTimeoutMilliseconds = limit
            c.beforeWork = { holds.body($0) }
            c.workerPool = pool
        } _: { server in
            try await body(server)
        }
    }

    @Test func aQuoteOverTheLimitIs503AtTheLimit() async throws {
        // Held for up to 300 s (released when the test ends; long, because a fully loaded test run has kept
        // this server waiting for its threads for over 30 s), limit 1 s: answered at the limit, while the
        // computation is still held.
        // Without the limit the answer would come only when the hold ends.
        let holds = Holds(.seconds(300))
        try await withServer(limit: 1_000, holds: holds) { server in
            let start = ContinuousClock.now
            let slow = try await server.post("/v1/quote", Requests.one(id: #""slow-1""#))
            #expect(slow.status == 503)
            #expect(slow.errorCode == "timed_out")
            #expect(slow.text.hasPrefix(#"{"id":"slow-1","error":{"code":"timed_out","#), "\(slow.text)")
            #expect(slow.text.contains("time limit of 1 s"), "\(slow.text)")
            #expect(ContinuousClock.now - start >= .seconds(1), "not before the limit")
            #expect(holds.startedCount == 1 && holds.finishedCount == 0, "answered while the computation is held")
            // One of the two threads is still held; the other answers a quick quote as usual.
            let quick = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(quick.status == 200)
            #expect(holds.finishedCount == 0)
            // In Russian for a Russian request.
            let ru = try await server.post(
                "/v1/quote", Requests.one(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","lang":"ru""#, id: #""slow-ru""#))
            #expect(ru.status == 503 && ru.errorCode == "timed_out")
            #expect(ru.text.contains("предел времени сервиса, 1 с"), "\(ru.text)")
            let metrics = try await server.get("/metrics")
            #expect(metrics.text.contains(#"quote_errors_total{code="timed_out"} 2"#), "\(metrics.text)")
        }
    }

    @Test func slowRequestsDoNotPileUpOnTheWorkers() async throws {
        // Four slow quotes at once on two threads, limit 1 s: all four are answered 503 at the limit; two
        // are computing (held) then, the other two are still queued. Meanwhile /health is answered: no
        // thread of Swift concurrency is held by a computation (quoted on them, the two held quotes would
        // take both of a 2-core machine's). Once the held two are let go, the queued two are skipped,
        // never computed: their callers were answered.
        let holds = Holds(.seconds(300))
        try await withServer(limit: 1_000, holds: holds) { server in
            let replies = try await withThrowingTaskGroup(of: HTTPReply.self) { group in
                for i in 1...4 { group.addTask { try await server.post("/v1/quote", Requests.one(id: "\"slow-\(i)\"")) } }
                while holds.startedCount < 2 { try await Task.sleep(for: .milliseconds(10)) }
                let health = try await server.get("/health")
                #expect(health.status == 200)
                #expect(holds.finishedCount == 0, "/health waited for the computations")
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.map(\.status) == [503, 503, 503, 503])
            #expect(holds.finishedCount == 0, "answered while the computations are held")
            holds.release(2)
            while holds.finishedCount < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(try await server.post("/v1/quote", Requests.brickToTver).status == 200, "both threads free again")
            #expect(holds.startedCount == 2, "the two queued past their deadline were not started")
        }
    }

    @Test func aSlowQuoteWithinTheLimitIsAnswered() async throws {
        // Held 0.3 s, limit 30 s: the quote itself, byte for byte as without the hold (but for its id).
        let holds = Holds(.milliseconds(300))
        try await withServer(limit: 30_000, holds: holds) { server in
            let plain = try await server.post("/v1/quote", Requests.one(id: #""quick""#))
            let slow = try await server.post("/v1/quote", Requests.one(id: #""slow""#))
            #expect(plain.status == 200 && slow.status == 200)
            #expect(slow.text == plain.text.replacingOccurrences(of: #""id":"quick""#, with: #""id":"slow""#))
            #expect(holds.finishedCount == 1)
        }
    }

    @Test func aBatchOverTheLimitIs503() async throws {
        // 1,000 quotes cannot be computed in 1 ms (each takes tens of microseconds even in a release build),
        // and the batch stops at the first request it finds late.
        try await withServer(limit: 1, holds: Holds(.zero)) { server in
            let batch = Array(repeating: Requests.brickToTver, count: 1_000).joined(separator: "\n")
            let r = try await server.post("/v1/quotes", batch, headers: ["Accept-Language": "ru-RU,ru;q=0.9"])
            #expect(r.status == 503)
            #expect(r.errorCode == "timed_out")
            #expect(r.text.hasPrefix(#"{"error":{"code":"timed_out","#), "\(r.text.prefix(300))")
            #expect(r.text.contains("0,001 с"), "\(r.text)")
        }
    }

    @Test func withoutALimitTheQuoteIsAnsweredOnItsOwnTask() async throws {
        let holds = Holds(.milliseconds(300))
        try await withServer(limit: 0, holds: holds) { server in
            let slow = try await server.post("/v1/quote", Requests.one(id: #""slow-0""#))
            #expect(slow.status == 200)
            #expect(holds.finishedCount == 1)
        }
    }

    @Test(arguments: [
        (["--request-timeout", "2.5"], 2_500), (["--request-timeout=0.05"], 50), (["--request-timeout", "0"], 0), ([], 10_000),
    ])
    func theLimitIsGivenInSeconds(_ arguments: [String], _ milliseconds: Int) throws {
        guard case .run(let c) = ServerConfiguration.parse(arguments, environment: { _ in nil }) else {
            Issue.record("\(arguments) refused")
            return
        }
        #expect(c.requestTimeoutMilliseconds == milliseconds)
    }

    @Test(arguments: ["-1", "abc", "3600.001", "0.0001", ""])
    func aBadLimitIsRefused(_ value: String) {
        guard case .invalid(let message) = ServerConfiguration.parse(["--request-timeout", value], environment: { _ in nil }) else {
            Issue.record("\(value) accepted")
            return
        }
        #expect(message.contains("--request-timeout"))
    }
}
