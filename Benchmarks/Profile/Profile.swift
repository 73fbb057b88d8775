import QuoteCatalog
import QuoteCore
import QuoteGLPK

#if canImport(Glibc)
import Glibc
#endif

/// One benchmark's body outside package-benchmark, for a profiler: `QUOTE_PROFILE=<case>` runs that
/// case `QUOTE_PROFILE_ITERATIONS` times (default 1,000) in `profiledLoop`. `scripts/profile.sh`
/// compiles this folder with `../QuoteBenchmarks/Fixtures.swift` against the release build of the
/// package's modules (valgrind cannot run the benchmark executable itself: it crashes under its
/// malloc interposer and async runner) and runs it under callgrind, counting only that loop.
///
/// Cases: `one-line`, `twenty-lines`, `twenty-lines-proven` (GLPK settles the plan), `wall`, `json`, `cold-open`, each `-demo` or `-100k`.
enum Profile {
    static func runIfAsked() {
        guard let value = getenv("QUOTE_PROFILE") else { return }
        let name = String(cString: value)
        let iterations = getenv("QUOTE_PROFILE_ITERATIONS").flatMap { Int(String(cString: $0)) } ?? 1_000
        let size: Fixture.Size = name.hasSuffix("-100k") ? .large : .demo
        let work: () throws -> Void
        switch name.replacingLastSegment() {
        case "one-line":
            let catalog = Fixture.catalog(size)
            work = { blackHoleProfile(try QuoteEngine.quote(Fixture.oneLine, catalog: catalog)) }
        case "twenty-lines":
            let catalog = Fixture.catalog(size)
            let request = Fixture.twentyLines(size)
            work = { blackHoleProfile(try QuoteEngine.quote(request, catalog: catalog)) }
        case "twenty-lines-proven":
            let catalog = Fixture.catalog(size)
            let request = Fixture.twentyLines(size)
            let solver = GLPKSolver()
            work = { blackHoleProfile(try QuoteEngine.quote(request, catalog: catalog, solver: solver)) }
        case "wall":
            let catalog = Fixture.catalog(size)
            work = { blackHoleProfile(try QuoteEngine.quote(Fixture.wall, catalog: catalog)) }
        case "json":
            let catalog = Fixture.catalog(size)
            work = {
                guard case .success(let r) = JSONRequest.decode(Fixture.oneLineJSON, now: Fixture.asOf, offsetSeconds: 10_800) else {
                    return
                }
                blackHoleProfile(try QuoteEngine.quote(r.request, catalog: catalog).json(id: r.id))
            }
        case "cold-open":
            let path = Fixture.database(size)
            work = {
                let store = try CatalogStore(path: path)
                blackHoleProfile(try QuoteEngine.quote(Fixture.oneLine, catalog: try store.snapshot(for: Fixture.oneLine)))
            }
        default:
            Fixture.note(
                "unknown QUOTE_PROFILE case \(name): one-line, twenty-lines, twenty-lines-proven, wall, json, cold-open, each -demo or -100k"
            )
            exit(2)
        }
        do {
            try work()  // warm-up: lazy statics, first-use caches
            let start = Fixture.now()
            try profiledLoop(iterations, work)
            let seconds = Fixture.now() - start
            Fixture.note("\(name): \(iterations) iterations, \(Int(seconds * 1e9 / Double(iterations)) / 1000) µs each")
        } catch {
            Fixture.note("\(name) failed: \(error)")
            exit(1)
        }
        exit(0)
    }
}

/// The loop callgrind counts (`--toggle-collect=*profiledLoop*`).
@inline(never)
func profiledLoop(_ iterations: Int, _ work: () throws -> Void) throws {
    for _ in 0..<iterations { try work() }
}

@inline(never)
func blackHoleProfile<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

extension String {
    /// "one-line-demo" → "one-line".
    fileprivate func replacingLastSegment() -> String {
        guard let dash = lastIndex(of: "-") else { return self }
        return String(self[..<dash])
    }
}
