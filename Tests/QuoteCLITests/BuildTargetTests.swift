import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `quote catalog build --out PATH` replaces only a catalog (issue 12, item 5). It renamed its database over
/// whatever was there: a text file, and, run as root, the device node `/dev/zero`. Now anything at PATH that is
/// not a regular file holding a catalog is left as it was, with exit 3 and the reason.
@Suite struct BuildTargetTests {
    private func build(_ folder: String, out: String) -> (status: Int32, stdout: String, stderr: String) {
        run(["catalog", "build", folder, "--out", out, "--as-of", CLI.asOf])
    }

    private func sql(_ path: String, _ statement: String) throws {
        let r = runQuote(
            [
                "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path,
                statement,
            ],
            executable: "/usr/bin/env")
        try #require(r.status == 0, "\(r.stderr)")
    }

    private func expectRefused(
        _ r: (status: Int32, stdout: String, stderr: String), _ path: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        #expect(
            r.stderr.contains("\(path) is \(what), not a catalog database: nothing was written"), "\(r.stderr)",
            sourceLocation: sourceLocation)
    }

    @Test func aTextFileIsLeftAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        let notes = scratch.path + "/notes.txt"
        try "my notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        expectRefused(build(folder, out: notes), notes, "a file that is not an SQLite database")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my notes\n")
        let empty = scratch.path + "/empty.sqlite"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        expectRefused(build(folder, out: empty), empty, "an empty file")
        // Nothing beside them either: no temporary file left.
        #expect(scratch.entries() == ["demo", "empty.sqlite", "notes.txt"])
    }

    @Test func specialFilesLinksAndFoldersAreLeftAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        let pipe = scratch.path + "/pipe"
        try #require(mkfifo(pipe, 0o600) == 0)
        expectRefused(build(folder, out: pipe), pipe, "a FIFO (named pipe)")
        let link = scratch.path + "/zero"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        expectRefused(build(folder, out: link), link, "a symbolic link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/zero")
        let dir = scratch.path + "/dir"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        expectRefused(build(folder, out: dir), dir, "a folder")
        if getuid() == 0 {
            // As root, a character device of our own (the /dev/zero of the issue, without touching /dev).
            let node = scratch.path + "/zero-node"
            // Device 1:5 is /dev/zero; glibc encodes small major:minor as major << 8 | minor.
            try #require(mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 5)) == 0)
            expectRefused(build(folder, out: node), node, "a character device")
            var st = stat()
            #expect(stat(node, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
        }
    }

    @Test func anotherProgramsDatabaseIsLeftAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        let other = scratch.path + "/other.sqlite"
        try sql(other, "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('keep me');")
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        expectRefused(build(folder, out: other), other, "an SQLite database of another program")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    }

    @Test func catalogsOldNewAndDamagedAreReplaced() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        let db = scratch.path + "/demo.sqlite"
        #expect(build(folder, out: db).status == 0)  // nothing there
        #expect(build(folder, out: db).status == 0)  // a catalog: replaced
        // Damaged past its header (its first 4096 bytes kept): still recognisably a catalog, so it can be rebuilt.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        try bytes.prefix(4_096).write(to: URL(fileURLWithPath: db))
        #expect(build(folder, out: db).status == 0)
        // A catalog of schema 4, written before the header's application id: known by its schema version.
        let old = scratch.path + "/old.sqlite"
        try sql(old, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES('schema_version','4');")
        #expect(build(folder, out: old).status == 0)
        let quote = run(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--catalog", old])
        #expect(quote.status == 0, "\(quote.stderr)")
    }
}
