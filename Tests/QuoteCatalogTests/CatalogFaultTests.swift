import Foundation
import QuoteCatalogGenerator
import QuoteCore
import SeededRandom
import Testing

@testable import QuoteCatalog

/// Damaged compiled catalogs: truncated, corrupted, a table missing, another schema version. Each is refused
/// with `catalog_unavailable` (exit 3) and a message that says to rebuild it — never a crash, never a quote from
/// half a catalog. (The binary's exit status for each is checked in `BadInputTests.damagedCatalogsEndWithExit3`;
/// a missing file, garbage and an empty file in `CatalogDatabaseTests`.)
@Suite struct CatalogFaultTests {
    /// The demo written to a fresh folder: (folder, database path, its bytes).
    private func demoDatabase() throws -> (TemporaryDirectory, String, Data) {
        let tmp = try TemporaryDirectory()
        let path = tmp.path + "/demo.sqlite"
        try CatalogDatabase.write(try Demo.catalog(), to: path)
        return (tmp, path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A request that needs most tables: a brick to Tver for a customer.
    private var request: QuoteRequest {
        QuoteRequest(
            items: [QuoteRequest.Item(product: "brick", quantity: Quantity(whole: 5000), unit: nil)], city: "Tver", customer: "C-1001",
            asOf: Demo.asOf)
    }

    /// Opening `path` and reading a request's snapshot and the whole catalog: the first failure, or nil if all
    /// of it reads.
    private func readFailure(_ path: String) -> QuoteError? {
        do {
            let store = try CatalogStore(path: path)
            _ = try store.snapshot(for: request)
            _ = try store.loadAll()
            return nil
        } catch {
            return error
        }
    }

    private func expectRefused(_ path: String, _ fragment: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = readFailure(path) else {
            Issue.record("\(path) read as a whole catalog", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == .catalogUnavailable, "\(error)", sourceLocation: sourceLocation)
        #expect(error.code.exitStatus == 3, sourceLocation: sourceLocation)
        #expect(
            error.message.contains("rebuild it") && error.message.contains("quote catalog build"), "\(error.message)",
            sourceLocation: sourceLocation)
        if !fragment.isEmpty { #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation) }
    }

    @Test(arguments: [100, 4_096, 8_192, 50_000])
    func truncatedFile(keeping bytes: Int) throws {
        let (tmp, path, data) = try demoDatabase()
        defer { tmp.remove() }
        try #require(data.count > 50_000, "the demo database is \(data.count) bytes")
        try data.prefix(bytes).write(to: URL(fileURLWithPath: path))
        expectRefused(path)
    }

    @Test func truncatedByOnePage() throws {
        let (tmp, path, data) = try demoDatabase()
        defer { tmp.remove() }
        try data.dropLast(4_096).write(to: URL(fileURLWithPath: path))
        expectRefused(path)
    }

    @Test func corruptedPages() throws {
        let (tmp, path, data) = try demoDatabase()
        defer { tmp.remove() }
        // Pages 2… overwritten with a pattern: the schema page survives, every table's b-tree is garbage.
        var bytes = [UInt8](data)
        for i in 4_096..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 131 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectRefused(path, "malformed")
        // The first page (the header and the schema) garbled.
        bytes = [UInt8](data)
        for i in 100..<4_096 { bytes[i] = UInt8(truncatingIfNeeded: i &* 17) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectRefused(path)
    }

    /// Random damage, seeded: a page of garbage somewhere, or a few bytes flipped. Whatever SQLite still reads
    /// must not crash the reader; what it cannot is `catalog_unavailable`.
    @Test func randomDamageNeverCrashesTheReader() throws {
        let (tmp, path, data) = try demoDatabase()
        defer { tmp.remove() }
        var rng = Seeded(SplitMix64(seed: 0x5EED_FA17))
        var refused = 0
        for round in 0..<150 {
            var bytes = [UInt8](data)
            if round % 2 == 0 {
                let page = Int.random(in: 1..<(bytes.count / 4_096), using: &rng)
                for i in (page * 4_096)..<min(bytes.count, (page + 1) * 4_096) { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
            } else {
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    bytes[Int.random(in: 100..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            if let error = readFailure(path) {
                refused += 1
                #expect(error.code == .catalogUnavailable || error.code == .catalogInvalid, "round \(round): \(error)")
                #expect(error.message.contains("quote catalog build"), "round \(round): \(error.message)")
            }
        }
        #expect(refused > 0)
    }

    @Test(arguments: CatalogSchema.tables.filter { $0 != "meta" })
    func missingTable(_ table: String) throws {
        let (tmp, path, _) = try demoDatabase()
        defer { tmp.remove() }
        do {
            let db = try SQLiteDatabase(path: path, readOnly: false)
            try db.execute("DROP TABLE \(table)")
        }
        // Refused when opened, before any request: a `--jsonl` stream ends with one error line and exit 3.
        do {
            _ = try CatalogStore(path: path)
            Issue.record("a catalog without \(table) opened")
        } catch {
            #expect(error.code == .catalogUnavailable)
            #expect(error.message == "\(path) is missing the table \(table): it is damaged; rebuild it with `quote catalog build`.")
        }
    }

    @Test func missingMetaTable() throws {
        let (tmp, path, _) = try demoDatabase()
        defer { tmp.remove() }
        do {
            let db = try SQLiteDatabase(path: path, readOnly: false)
            try db.execute("DROP TABLE meta")
        }
        expectRefused(path, "no such table: meta")
    }

    @Test(arguments: [(CatalogSchema.version - 1, "an older"), (CatalogSchema.version + 1, "a newer")])
    func otherSchemaVersion(_ version: Int, _ age: String) throws {
        let (tmp, path, _) = try demoDatabase()
        defer { tmp.remove() }
        do {
            let db = try SQLiteDatabase(path: path, readOnly: false)
            try db.execute("UPDATE meta SET value='\(version)' WHERE key='schema_version'")
        }
        expectRefused(
            path,
            "is a catalog of schema version \(version); this quote reads version \(CatalogSchema.version). It was built by \(age) quote: "
                + "rebuild it from its CSV folder with `quote catalog build`.")
    }

    /// A folder's own database of another schema (left by another version of quote) is rebuilt on first use.
    @Test func aFoldersDatabaseOfAnotherSchemaIsRebuilt() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let folder = try tmp.write(try Demo.files(), as: "demo")
        let database = folder + ".sqlite"
        try CatalogDatabase.write(try Demo.catalog(), to: database)
        do {
            let db = try SQLiteDatabase(path: database, readOnly: false)
            try db.execute("UPDATE meta SET value='\(CatalogSchema.version - 1)' WHERE key='schema_version'")
        }
        let store = try CatalogLocator.open(explicit: folder, sourceRoot: nil)
        #expect(try store.loadAll().products.count == 34)
        #expect(try CatalogStore(path: database).loadAll().products.count == 34)
    }

    /// A writer killed half-way leaves `PATH.tmp-<pid>`; the next write removes it (its process is gone) and
    /// leaves a temporary file of a live process alone.
    @Test func temporaryFilesOfDeadWritersAreRemoved() throws {
        let (tmp, path, _) = try demoDatabase()
        defer { tmp.remove() }
        // No process has pid 2^22 + 1 (above any Linux pid_max); pid 1 always exists.
        let dead = path + ".tmp-4194305", alive = path + ".tmp-1"
        for p in [dead, alive] { #expect(FileManager.default.createFile(atPath: p, contents: Data("half".utf8))) }
        try CatalogDatabase.write(try Demo.catalog(), to: path)
        #expect(tmp.entries() == ["demo.sqlite", "demo.sqlite.tmp-1"])
        #expect(try CatalogStore(path: path).loadAll().products.count == 34)
    }
}

/// The catalog generator's SplitMix64 as a `RandomNumberGenerator`.
private struct Seeded: RandomNumberGenerator {
    var inner: SplitMix64
    init(_ inner: SplitMix64) { self.inner = inner }
    mutating func next() -> UInt64 { inner.next() }
}
