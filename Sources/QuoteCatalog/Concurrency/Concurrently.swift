import Dispatch

/// Two pieces of work at once, on this thread and one other: a catalog build has two independent halves at a few
/// points (its rules and its database; two tables), and the machine two cores.
///
/// The caller guarantees the two closures share nothing mutable (each has its own log, references and tables);
/// that is why what they capture need not be `Sendable`.
enum Concurrently {
    /// Runs `first` here and `second` on another thread, and returns when both are done.
    static func run<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        let box = ResultBox<B>()
        let group = DispatchGroup()
        let a = withoutActuallyEscaping(second) { escapable -> A in
            let work = Unchecked(escapable)
            // A queue of its own targets libdispatch's overcommitting root queue, which starts a thread whenever
            // none is idle: the caller, waiting, never waits on a bounded pool its own thread may belong to (a
            // catalog compiled by a service on a pool's thread).
            DispatchQueue(label: "quote.catalog.concurrently").async(group: group) { box.value = work.value() }
            let a = first()
            group.wait()
            return a
        }
        guard let b = box.value else { preconditionFailure("the other thread's work returned nothing") }
        return (a, b)
    }

    /// The other thread's result, read once `DispatchGroup.wait` has returned.
    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }

    /// A closure handed to the other thread; `run` waits for it before returning, so it never outlives its captures.
    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
