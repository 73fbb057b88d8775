import NIOCore
import NIOPosix
import Synchronization

/// Runs the engine's work (a quote, a batch) off Swift concurrency's threads, within a wall-clock limit.
///
/// The engine is synchronous CPU work that cannot be stopped midway, so what a time limit can honestly
/// promise is an answer at the limit, not a stopped computation: the work runs on a thread pool (one
/// thread per core), the request's task waits without holding a thread, and at the deadline the caller
/// is answered (`timed_out`) while the work goes on unseen until it finishes, bounded by the engine's own
/// search budgets. Work still queued at the deadline is never started, so a burst of slow requests
/// cannot pile up more computations than the pool has threads; a batch looks at the clock between its
/// requests and stops there.
struct Worker: Sendable {
    let pool: NIOThreadPool
    let timers: any EventLoopGroup

    static let shared = Worker(pool: .singleton, timers: MultiThreadedEventLoopGroup.singleton)

    /// `work`'s result, or nil when `deadline` passed first. `work` is given a function that says whether
    /// the deadline has passed (a batch asks it between requests). Without a deadline, `work` runs on the
    /// calling task, as it did before there was a limit.
    func run<T: Sendable>(until deadline: ContinuousClock.Instant?, _ work: @escaping @Sendable (_ isLate: () -> Bool) -> T) async -> T? {
        guard let deadline else { return work({ false }) }
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return nil }
        return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let race = Race(continuation)
            let timer = timers.next().scheduleTask(in: .nanoseconds(Self.nanoseconds(left))) { race.finish(nil) }
            pool.submit { state in
                guard state == .active, !race.isOver else {
                    race.finish(nil)
                    return
                }
                let value = work({ race.isOver })
                if race.finish(value) { timer.cancel() }
            }
        }
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The one answer of a `Worker.run`: the work's result or the deadline, whichever comes first.
private final class Race<T: Sendable>: Sendable {
    private let waiting: Mutex<CheckedContinuation<T?, Never>?>

    init(_ continuation: CheckedContinuation<T?, Never>) { waiting = Mutex(continuation) }

    /// Whether the caller has been answered (by the deadline or the work).
    var isOver: Bool { waiting.withLock { $0 == nil } }

    /// Answers the caller with `value` unless it has been answered; returns whether this call did.
    @discardableResult
    func finish(_ value: T?) -> Bool {
        guard let continuation = waiting.withLock({ $0.take() }) else { return false }
        continuation.resume(returning: value)
        return true
    }
}
