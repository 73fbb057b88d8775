import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// FIFOs, devices and huge files where a catalog, a catalog table or an import file is expected (issue 12,
/// item 4). They hung forever (a FIFO) or read until memory ran out (`/dev/zero`); now only regular files
/// are read, up to 256 MiB, and the error says why. Every run has a timeout, so a hang fails the test.
@Suite struct SpecialFileTests {
    private static let timeout: TimeInterval = 20
    private static let brick = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf]
    private static let streamInput = Data((requestLine(#"[{"product":"brick","quantity":"5000"}]"#) + "\n").utf8)

    private func fifo(_ path: String) throws {
        try #require(mkfifo(path, 0o600) == 0, "mkfifo \(path)")
    }

    private func expectPrompt(_ r: Finished, status: Int32, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!r.timedOut, "hung: killed after \(Self.timeout) s", sourceLocation: sourceLocation)
        #expect(!r.signaled, sourceLocation: sourceLocation)
        #expect(r.status == status, "\(r.text)\(r.stderr)", sourceLocation: sourceLocation)
        #expect((r.text + r.stderr).contains(fragment), "\(r.text)\(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aFIFOAsTheCatalog() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let pipe = scratch.path + "/catalog.sqlite"
        try fifo(pipe)
        let why = "is a FIFO (named pipe), not a catalog database"
        expectPrompt(runQuote(Self.brick + ["--catalog", pipe], timeout: Self.timeout), status: 3, why)
        expectPrompt(runQuote(Self.brick, env: ["QUOTE_CATALOG": pipe], timeout: Self.timeout), status: 3, why)
        let stream = runQuote(["--jsonl", "--catalog", pipe], input: Self.streamInput, timeout: Self.timeout)
        expectPrompt(stream, status: 3, why)
        #expect(errorObject(stream.lines.first ?? "")?["code"] as? String == "catalog_unavailable", "\(stream.text)")
    }

    @Test(arguments: ["fifo", "/dev/zero", "/dev/urandom", "huge"])
    func aSpecialFileAsACatalogTable(kind: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        let stock = folder + "/stock.csv"
        try FileManager.default.removeItem(atPath: stock)
        let why: String
        switch kind {
        case "fifo":
            try fifo(stock)
            why = "stock.csv:0:0: not read: it is a FIFO (named pipe), not a regular file"
        case "huge":
            // A sparse file of 300 MiB: over the 256 MiB limit, refused by its size before a byte is read.
            let fd = open(stock, O_CREAT | O_WRONLY, 0o644)
            try #require(fd >= 0 && ftruncate(fd, 300 << 20) == 0)
            close(fd)
            why = "stock.csv:0:0: not read: it is 314572800 bytes, more than the 256 MiB a catalog file may have"
        default:
            try FileManager.default.createSymbolicLink(atPath: stock, withDestinationPath: kind)
            why = "stock.csv:0:0: not read: it is a character device, not a regular file"
        }
        expectPrompt(runQuote(Self.brick + ["--catalog", folder], timeout: Self.timeout), status: 3, why)
        expectPrompt(
            runQuote(["--jsonl", "--catalog", folder], input: Self.streamInput, timeout: Self.timeout), status: 3, "not read: it is")
        expectPrompt(runQuote(["catalog", "check", folder], timeout: Self.timeout), status: 3, why)
    }

    @Test(arguments: ["fifo", "/dev/zero"])
    func aSpecialFileToImport(kind: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        var file = kind
        if kind == "fifo" {
            file = scratch.path + "/tver.csv"
            try fifo(file)
        }
        let r = runQuote(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--as-of", CLI.asOf], timeout: Self.timeout)
        expectPrompt(
            r, status: 2,
            "Cannot read the import file \(file): it is a \(kind == "fifo" ? "FIFO (named pipe)" : "character device"), not a regular file")
    }
}
