import Foundation
import SeededRandom
import Testing

/// `--catalog FOLDER` while `quote catalog import … --catalog FOLDER` runs, with real processes (issue 12, item 1).
/// A quote compiled the folder outside the writers' lock and wrote `FOLDER.sqlite` from files an import had
/// since replaced: the import's database was overwritten (3 of 3 trials), answers mixed new stock with the old
/// stock date, and a killed import left a new stock.csv beside the old sources.csv.
@Suite(.serialized) struct FolderCatalogTests {
    /// The answer to ConcurrencyTests.twoBricks through `catalog` (a folder or a database).
    private func answer(_ catalog: String) -> String { ConcurrencyTests.answer(catalog) }

    private func importing(_ file: String, into folder: String, asOf: String) -> [String] {
        ["catalog", "import", file, "--source", "PL-TVER", "--catalog", folder, "--as-of", asOf]
    }

    @Test func quotesDuringFolderImportsSeeOneWholeCatalogAndNeverUndoAnImport() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        // Two imports that alternate: A raises PL-TVER's costs by 1.00 at 09:00, B puts them back at 09:30. Each
        // changes stock.csv and sources.csv (the stock date), so a mix of files shows in the answer.
        let fileA = scratch.path + "/a.csv", fileB = scratch.path + "/b.csv"
        try ConcurrencyTests.raisedCosts(folder).write(toFile: fileA, atomically: true, encoding: .utf8)
        var original = ["sku,stock,cost"]
        try editLines(folder + "/stock.csv") { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.count == 6, f[0] == "PL-TVER" { original.append("\(f[1]),\(f[2]),\(f[3])") }
            return line
        }
        try (original.joined(separator: "\n") + "\n").write(toFile: fileB, atomically: true, encoding: .utf8)
        let imports = [
            (importing(fileA, into: folder, asOf: "2026-12-01T09:00:00+03:00"), "A"),
            (importing(fileB, into: folder, asOf: "2026-12-01T09:30:00+03:00"), "B"),
        ]
        // The answers of the three catalogs the folder can hold.
        var expected: [String: String] = ["initial": answer(folder)]
        for (args, name) in imports {
            #expect(run(args).status == 0)
            expected[name] = answer(folder)
        }
        try #require(Set(expected.values).count == 3, "the three states answer differently")
        let known = Set(expected.values), answers = expected

        let done = Shared(false)
        let failures = Shared<[String]>([])
        let writer = Thread {
            for round in 0..<8 {
                let (args, name) = imports[round % 2]
                let r = run(args)
                if r.status != 0 { failures.update { $0.append("round \(round): import \(name) failed: \(r.stderr.prefix(300))") } }
                // Said to have succeeded: the database itself, read directly (no compile), has the import.
                let now = ConcurrencyTests.answer(folder + ".sqlite")
                if now != answers[name] {
                    failures.update { $0.append("round \(round): import \(name) succeeded, yet the database answers otherwise") }
                }
            }
            done.update { $0 = true }
        }
        // Readers through the folder, each process compiling it when it finds it changed.
        let oneShot = Shared<[String]>([])
        let readers = (0..<2).map { _ in
            Thread { while !done.value { let a = ConcurrencyTests.answer(folder); oneShot.update { $0.append(a) } } }
        }
        let stream = try JSONLProcess(catalog: folder)
        writer.start()
        for r in readers { r.start() }
        var streamed: [String] = []
        while !done.value {
            guard let a = stream.ask(ConcurrencyTests.twoBricks) else { break }
            streamed.append(a)
        }
        let end = stream.finish()
        while readers.contains(where: \.isExecuting) { usleep(10_000) }

        #expect(end.status == 0 && !end.signaled)
        #expect(failures.value.isEmpty, "\(failures.value)")
        let mixedStream = streamed.filter { !known.contains($0) }, mixedOneShot = oneShot.value.filter { !known.contains($0) }
        #expect(mixedStream.isEmpty, "\(mixedStream.count) of \(streamed.count) streamed answers are no catalog's")
        #expect(mixedOneShot.isEmpty, "\(mixedOneShot.count) of \(oneShot.value.count) one-shot answers are no catalog's")
        // The last import was B: the folder and its database agree on it, and nothing is left behind.
        #expect(answer(folder + ".sqlite") == expected["B"])
        #expect(answer(folder) == expected["B"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasSuffix(".csv") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        print("folder race: \(oneShot.value.count) one-shot and \(streamed.count) streamed answers during 8 imports, none mixed")
    }

    /// The moments between an import's commit and its end, set up by hand: the journal names the renames, one
    /// is done. The next quote completes it before compiling: both files new, the answer the import's.
    @Test func aCommittedImportCutShortIsCompleted() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy(), reference = try scratch.demoCopy("reference")
        let file = scratch.path + "/tver.csv"
        try ConcurrencyTests.raisedCosts(folder).write(toFile: file, atomically: true, encoding: .utf8)
        let before = answer(folder)
        #expect(run(importing(file, into: reference, asOf: "2026-12-01T09:00:00+03:00")).status == 0)
        let after = answer(reference)
        let fm = FileManager.default
        // stock.csv already renamed; sources.csv still as its temporary file of a dead writer (pid 999999).
        try fm.removeItem(atPath: folder + "/stock.csv")
        try fm.copyItem(atPath: reference + "/stock.csv", toPath: folder + "/stock.csv")
        try fm.copyItem(atPath: reference + "/sources.csv", toPath: folder + "/sources.csv.tmp-999999")
        try "stock.csv.tmp-999999\tstock.csv\nsources.csv.tmp-999999\tsources.csv\n".write(
            toFile: folder + "/.quote-journal", atomically: true, encoding: .utf8)
        #expect(answer(folder) == after && after != before)
        for name in ["stock.csv", "sources.csv"] {
            #expect(fm.contentsEqual(atPath: folder + "/" + name, andPath: reference + "/" + name), "\(name)")
        }
        #expect(try fm.contentsOfDirectory(atPath: folder).filter { !$0.hasSuffix(".csv") }.isEmpty)
    }

    /// Before its commit an import has written only temporary files: they are removed and the folder is as it was.
    @Test func anUncommittedImportLeavesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        let before = answer(folder)
        try "garbage".write(toFile: folder + "/stock.csv.tmp-999999", atomically: true, encoding: .utf8)
        try "garbage".write(toFile: folder + "/sources.csv.tmp-999999", atomically: true, encoding: .utf8)
        // A changed file makes the next quote compile (under the lock, which cleans up first).
        try editLines(folder + "/settings.csv") { $0 }
        #expect(answer(folder) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasSuffix(".csv") }.isEmpty)
    }

    /// SIGKILL at random moments of a folder import (of an enlarged catalog): afterwards the folder's two files are
    /// both old or both new, the quote through the folder agrees with them, and nothing is left behind.
    @Test func aKilledFolderImportLeavesBothFilesOldOrBothNew() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let pristine = try scratch.demoCopy("pristine")
        try ConcurrencyTests.enlarge(pristine, by: 1_500)
        let reference = scratch.path + "/reference"
        try FileManager.default.copyItem(atPath: pristine, toPath: reference)
        let file = scratch.path + "/tver.csv"
        try ConcurrencyTests.raisedCosts(pristine).write(toFile: file, atomically: true, encoding: .utf8)
        let asOf = "2026-12-01T09:00:00+03:00"
        let oldAnswer = answer(pristine)
        let start = Date()
        #expect(run(importing(file, into: reference, asOf: asOf)).status == 0)
        let duration = Date().timeIntervalSince(start)
        let newAnswer = answer(reference)
        func contents(_ folder: String) throws -> [Data] {
            try ["stock.csv", "sources.csv"].map { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) }
        }
        let old = try contents(pristine), new = try contents(reference)
        var rng = SplitMix64(seed: 0xF01DE12)
        var states: [String: Int] = [:]
        for round in 0..<8 {
            let folder = scratch.path + "/folder\(round)"
            try FileManager.default.copyItem(atPath: pristine, toPath: folder)
            try? FileManager.default.copyItem(atPath: pristine + ".sqlite", toPath: folder + ".sqlite")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = importing(file, into: folder, asOf: asOf)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(duration * Double.random(in: 0.3...1.1, using: &rng) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let quoted = answer(folder)  // recovers, compiles if needed
            let files = try contents(folder)
            let state = files == old ? "old" : files == new ? "new" : "MIXED"
            states[state, default: 0] += 1
            #expect(state != "MIXED", "round \(round): stock.csv and sources.csv disagree")
            #expect(quoted == (state == "new" ? newAnswer : oldAnswer), "round \(round): the quote is not the files' catalog")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasSuffix(".csv") }.isEmpty)
        }
        print("killed folder imports: \(states)")
    }
}
