import Foundation
import SeededRandom
import Testing

/// Catalog updates under load, with real processes: quotes running while `quote catalog import` and `quote
/// catalog build` replace the database see the old catalog or the new one, never a mix and never an error; a
/// build or import killed half-way (SIGKILL) leaves the previous catalog usable; a long `--jsonl` stream that
/// reopens the catalog keeps no descriptors and no memory.
@Suite struct ConcurrencyTests {
    /// Two bricks from PL-TVER with their costs: an import that raises every PL-TVER cost by 1.00 changes both
    /// lines, and its stock date the validity; a response mixing two catalogs would show one cost of each.
    static let twoBricks = requestLine(
        #"[{"product":"BR-NF-M150-SOL","quantity":"5000"},{"product":"BR-NF-M125-SOL","quantity":"5000"}]"#,
        #""city":"Tver","internal":true"#)

    /// PL-TVER's rows of `stock.csv` in `folder` as an import file with every cost up by 1.00 (and, with `rewrite`,
    /// `stock.csv` itself changed the same way, for a build that gives the same new figures).
    static func raisedCosts(_ folder: String, rewrite: Bool = false) throws -> String {
        var importRows = ["sku,stock,cost"]
        try editLines(folder + "/stock.csv") { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, f[0] == "PL-TVER", let cost = Double(f[3]) else { return line }
            let raised = String(format: "%.2f", cost + 1)
            importRows.append("\(f[1]),\(f[2]),\(raised)")
            return rewrite ? [f[0], f[1], f[2], raised, f[4], f[5]].joined(separator: ",") : line
        }
        return importRows.joined(separator: "\n") + "\n"
    }

    /// The `--json` answer to `twoBricks` from `catalog`.
    static func answer(_ catalog: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let r = run(["--json", "--catalog", catalog], stdin: twoBricks, sourceLocation: sourceLocation)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        return String(r.stdout.dropLast())
    }

    @Test func quotesDuringImportsAndBuildsSeeOldOrNewNeverAMix() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let file = scratch.path + "/tver.csv"
        try Self.raisedCosts(dir).write(toFile: file, atomically: true, encoding: .utf8)
        let live = scratch.path + "/live.sqlite"
        let build = ["catalog", "build", dir, "--out", live, "--as-of", CLI.asOf]
        let importing = ["catalog", "import", file, "--source", "PL-TVER", "--catalog", live, "--as-of", "2026-12-01T09:00:00+03:00"]
        // The two catalogs a quote may see, and the byte-exact answer of each (the same catalog, request and asOf
        // always give the same bytes).
        #expect(run(build).status == 0)
        let old = Self.answer(live)
        #expect(run(importing).status == 0)
        let new = Self.answer(live)
        #expect(old.contains(#""cost":"73684.80""#) && new.contains(#""cost":"78724.80""#))
        #expect(run(build).status == 0)
        #expect(Self.answer(live) == old)

        // The writer: import and build in turn, as fast as they go, in another thread.
        let writer = Shared<[String]>([])
        let done = Shared(false)
        let thread = Thread {
            for round in 0..<6 {
                for args in [importing, build] {
                    let r = run(args)
                    if r.status != 0 { writer.update { $0.append("round \(round) \(args[1]): \(r.status) \(r.stderr)") } }
                }
            }
            done.update { $0 = true }
        }
        // A second reader: one process per quote, each opening the catalog afresh.
        let oneShot = Shared<[String]>([])
        let oneShotThread = Thread {
            while !done.value { oneShot.update { $0.append(ConcurrencyTests.answer(live)) } }
        }
        let stream = try JSONLProcess(catalog: live)
        thread.start()
        oneShotThread.start()
        var answers: [String] = []
        while !done.value {
            guard let a = stream.ask(Self.twoBricks) else { break }
            answers.append(a)
        }
        for _ in 0..<5 { answers.append(stream.ask(Self.twoBricks) ?? "no answer") }
        let end = stream.finish()
        while oneShotThread.isExecuting { usleep(10_000) }

        #expect(end.status == 0 && !end.signaled)
        #expect(writer.value == [], "every import and build succeeded")
        let stale = answers.filter { $0 != old && $0 != new }
        #expect(stale.isEmpty, "\(stale.count) of \(answers.count) stream answers are neither catalog's: \(stale.first?.prefix(400) ?? "")")
        let seen = (old: answers.filter { $0 == old }.count, new: answers.filter { $0 == new }.count)
        #expect(seen.old > 0 && seen.new > 0, "the stream saw both catalogs: \(seen) in \(answers.count)")
        let oneShotStale = oneShot.value.filter { $0 != old && $0 != new }
        #expect(oneShotStale.isEmpty, "\(oneShotStale.count) of \(oneShot.value.count) one-shot answers are neither catalog's")
        #expect(!scratch.entries().contains { $0.contains(".tmp-") })
    }

    /// SIGKILL at random moments of a build or an import (of a catalog big enough that they take a while): the
    /// database is the previous one or the finished new one, and quotes; a folder's files are each old or new.
    @Test func aKilledBuildOrImportLeavesThePreviousCatalog() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let old = try scratch.demoCopy("old")
        try Self.enlarge(old, by: 1_500)
        let new = try scratch.demoCopy("new")
        try Self.enlarge(new, by: 1_500)
        let file = scratch.path + "/tver.csv"
        try Self.raisedCosts(new, rewrite: true).write(toFile: file, atomically: true, encoding: .utf8)
        let pristine = scratch.path + "/pristine.sqlite", live = scratch.path + "/live.sqlite"
        #expect(run(["catalog", "build", old, "--out", pristine]).status == 0)
        let asOf = "2026-12-01T09:00:00+03:00"
        let operations: [(name: String, args: [String])] = [
            ("build", ["catalog", "build", new, "--out", live]),
            ("import", ["catalog", "import", file, "--source", "PL-TVER", "--catalog", live, "--as-of", asOf]),
        ]
        // What each operation gives when it finishes, and how long it takes.
        func reset() throws {
            try? FileManager.default.removeItem(atPath: live + ".next")
            try FileManager.default.copyItem(atPath: pristine, toPath: live + ".next")
            #expect(rename(live + ".next", live) == 0)
        }
        try reset()
        let before = Self.answer(live)
        var finished: [String: (answer: String, seconds: Double)] = [:]
        for op in operations {
            try reset()
            let start = Date()
            let r = run(op.args)
            #expect(r.status == 0, "\(op.name): \(r.stderr)")
            finished[op.name] = (Self.answer(live), Date().timeIntervalSince(start))
        }
        #expect(finished["build"]?.answer != before && finished["import"]?.answer != before)

        var rng = SplitMix64(seed: 0xC0FFEE)
        var outcomes: [String] = []
        for round in 0..<6 {
            let op = operations[round % 2]
            try reset()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = op.args
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let seconds = (finished[op.name]?.seconds ?? 0.5) * Double.random(in: 0.2...1.1, using: &rng)  // the writing is at the end
            usleep(useconds_t(seconds * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = Self.answer(live)
            let state = after == before ? "old" : after == finished[op.name]?.answer ? "new" : "MIXED"
            let leftover = scratch.entries().contains { $0.contains(".tmp-") }
            outcomes.append("\(op.name) killed at \(Int(seconds * 1000)) ms: \(state)\(leftover ? ", mid-write" : "")")
            #expect(
                state != "MIXED",
                "round \(round): \(op.name) killed after \(seconds) s left a catalog that is neither: \(after.prefix(300))")
        }
        // The killed writers' temporary files are removed by the next write.
        #expect(run(operations[0].args).status == 0)
        #expect(!scratch.entries().contains { $0.contains(".tmp-") }, "\(scratch.entries()) after \(outcomes)")

        // Into a folder: stock.csv and sources.csv are each the old file or the new one, and the folder compiles.
        let reference = try scratch.demoCopy("reference")
        try Self.enlarge(reference, by: 1_500)
        #expect(run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", reference, "--as-of", asOf]).status == 0)
        let originals = try ["stock.csv", "sources.csv"].map { try Data(contentsOf: URL(fileURLWithPath: old + "/" + $0)) }
        let imported = try ["stock.csv", "sources.csv"].map { try Data(contentsOf: URL(fileURLWithPath: reference + "/" + $0)) }
        let duration = finished["import"]?.seconds ?? 0.5
        for round in 0..<2 {
            let folder = try scratch.demoCopy("folder\(round)")
            try Self.enlarge(folder, by: 1_500)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["catalog", "import", file, "--source", "PL-TVER", "--catalog", folder, "--as-of", asOf]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(duration * 2 * Double.random(in: 0.2...1.0, using: &rng) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (i, name) in ["stock.csv", "sources.csv"].enumerated() {
                let now = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
                #expect(now == originals[i] || now == imported[i], "round \(round): \(name) is neither the old file nor the new one")
            }
            let check = run(["catalog", "check", folder])
            #expect(check.status == 0, "round \(round): \(check.stderr.prefix(500))")
        }
    }

    /// A `--jsonl` stream over 10 000 requests, its catalog replaced every 1 000: it answers from the new catalog
    /// each time, and ends with the descriptors it had and about the memory.
    @Test func aStreamKeepsNoDescriptorsOrMemoryAcrossReopenings() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let file = scratch.path + "/tver.csv"
        try Self.raisedCosts(dir).write(toFile: file, atomically: true, encoding: .utf8)
        let old = scratch.path + "/old.sqlite", new = scratch.path + "/new.sqlite", live = scratch.path + "/live.sqlite"
        #expect(run(["catalog", "build", dir, "--out", old]).status == 0)
        #expect(run(["catalog", "build", dir, "--out", new]).status == 0)
        #expect(
            run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", new, "--as-of", "2026-12-01T09:00:00+03:00"]).status == 0)
        func replace(with source: String) throws {
            try FileManager.default.copyItem(atPath: source, toPath: live + ".next")
            #expect(rename(live + ".next", live) == 0)
        }
        try replace(with: old)
        let answers = (old: Self.answer(old), new: Self.answer(new))

        // Cheap and dear requests, quotes and errors.
        let mix = [
            requestLine(#"[{"product":"brick","quantity":"5000"}]"#, #""pickup":true"#),
            requestLine(#"[{"product":"brik","quantity":"5000"}]"#),
            requestLine(#"[{"product":"cement","quantity":"40","unit":"bag"}]"#, #""city":"Klin","customer":"C-1001""#),
            #"{"items":[{"product":"brick","qty":"5000"}],"city":"Tver"}"#,
            "not json",
        ]
        let stream = try JSONLProcess(catalog: live)
        func batch(_ count: Int) -> [String] {
            var out: [String] = []
            for start in stride(from: 0, to: count, by: 100) {
                let lines = (start..<min(count, start + 100)).map { mix[$0 % mix.count] }
                stream.send(lines)
                for _ in lines { out.append(stream.readLine() ?? "") }
            }
            return out
        }
        _ = batch(500)
        let descriptors = ProcFS.descriptors(stream.pid)
        let rss = ProcFS.status(stream.pid, "VmRSS") ?? 0
        var switched = 0
        for round in 0..<10 {
            try replace(with: round % 2 == 0 ? new : old)
            let expected = round % 2 == 0 ? answers.new : answers.old
            #expect(stream.ask(Self.twoBricks) == expected, "round \(round): the stream answers from the catalog now in place")
            switched += 1
            let out = batch(1_000)
            #expect(out.allSatisfy { $0.hasPrefix("{\"") }, "round \(round)")
        }
        let descriptorsAfter = ProcFS.descriptors(stream.pid)
        let rssAfter = ProcFS.status(stream.pid, "VmRSS") ?? 0
        let end = stream.finish()
        #expect(end.status == 0 && !end.signaled)
        #expect(switched == 10)
        #expect(descriptorsAfter == descriptors, "before: \(descriptors)\nafter: \(descriptorsAfter)")
        #expect(!descriptorsAfter.contains { $0.contains("(deleted)") })
        #expect(rss > 0 && rssAfter - rss < 4_096, "VmRSS \(rss) kB after 500 requests, \(rssAfter) kB after 10 500")
    }

    /// Adds `count` generated bricks to the catalog in `folder`, each priced and stocked by PL-TVER: a catalog
    /// that takes a while to build and import.
    static func enlarge(_ folder: String, by count: Int) throws {
        func append(_ file: String, _ lines: [String]) throws {
            let handle = try #require(FileHandle(forWritingAtPath: folder + "/" + file))
            handle.seekToEndOfFile()
            handle.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            try handle.close()
        }
        let ids = (1...count).map { String(format: "BR-GEN-%05d", $0) }
        try append(
            "products.csv",
            ids.map { "\($0),Кирпич генерированный \($0),Generated brick \($0),brick,brick,pcs,250,120,65,3.5,420,420,,250.00,,," })
        try append("prices.csv", ids.flatMap { ["\($0),,0,20.00,", "\($0),,5000,19.50,"] })
        try append(
            "stock.csv", ids.enumerated().map { "PL-TVER,\($1),\(42_000 + $0 * 420),15.\(String(format: "%02d", $0 % 100)),1680,420" })
    }
}

/// A value shared between threads, behind a lock.
final class Shared<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
