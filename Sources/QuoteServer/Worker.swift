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
    let deadlines: Deadlines

    init(pool: NIOThreadPool, timers: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) {
        self.pool = pool
        self.deadlines = Deadlines(on: timers)
    }

    static let shared = Worker(pool: .singleton)

    /// `work`'s result, or nil when `deadline` passed first (noticed within `Deadlines.tick`). `work` is
    /// given a function that says whether the caller has been answered (a batch asks it between
    /// requests). Without a deadline, `work` runs on the calling task, as it did before there was a limit.
    func run<T: Sendable>(until deadline: ContinuousClock.Instant?, _ work: @escaping @Sendable (_ isLate: () -> Bool) -> T) async -> T? {
        guard let deadline else { return work({ false }) }
        guard deadline > ContinuousClock.now else { return nil }
        return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let race = Race(continuation)
            deadlines.add(race, at: deadline)
            pool.submit { state in
                guard state == .active, !race.isOver else {
                    race.finish(nil)
                    return
                }
                race.finish(work({ race.isOver }))
            }
        }
    }
}

/// Something that can be answered "too late".
protocol Expiring: AnyObject, Sendable {
    var isOver: Bool { get }
    func expire()
}

/// The deadlines of the work in flight, looked at every `tick` by one repeated task on an event loop.
/// Cheaper than a timer per request: scheduling one on an event loop from another thread and cancelling
/// it wake that loop twice per request (6–7 % of the server's CPU under load, measured with perf).
///
/// The entries are kept in the order they were added; as every request has the same limit, that is
/// nearly the order of their deadlines. A sweep answers the expired ones from the front and drops those
/// already answered, stopping at the first that is neither; so an expired entry behind a live one with a
/// later deadline (a request whose body took longer to arrive) waits for it at most that difference.
final class Deadlines: Sendable {
    static let tick = TimeAmount.milliseconds(10)

    private struct Entry {
        var deadline: ContinuousClock.Instant
        var race: any Expiring
    }
    private struct Queue {
        var entries: [Entry] = []
        var head = 0
    }
    private let queue = Mutex(Queue())

    init(on loop: any EventLoop) {
        loop.scheduleRepeatedTask(initialDelay: Self.tick, delay: Self.tick) { [weak self] task in
            guard let self else { return task.cancel() }
            self.sweep(now: .now)
        }
    }

    func add(_ race: any Expiring, at deadline: ContinuousClock.Instant) {
        queue.withLock { $0.entries.append(Entry(deadline: deadline, race: race)) }
    }

    /// Answers the entries whose deadline has passed (outside the lock) and forgets the answered ones.
    func sweep(now: ContinuousClock.Instant) {
        let expired: [any Expiring] = queue.withLock { q in
            var expired: [any Expiring] = []
            while q.head < q.entries.count {
                let e = q.entries[q.head]
                if !e.race.isOver {
                    guard e.deadline <= now else { break }
                    expired.append(e.race)
                }
                q.head += 1
            }
            if q.head == q.entries.count {
                q.entries.removeAll(keepingCapacity: true)
                q.head = 0
            } else if q.head >= 1_024 && q.head * 2 >= q.entries.count {
                q.entries.removeFirst(q.head)
                q.head = 0
            }
            return expired
        }
        for race in expired { race.expire() }
    }
}

/// The one answer of a `Worker.run`: the work's result or the deadline, whichever comes first.
private final class Race<T: Sendable>: Expiring {
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

    func expire() { finish(nil) }
}
