import Foundation
import QuoteCatalog
import QuoteServer
import Testing

/// A catalog rebuilt on disk is picked up without a restart, in one step: under load, every answer is
/// the old catalog's or the new one's, byte for byte, never a mix; a broken rebuild leaves the old serving.
@Suite struct CatalogSwapTests {
    /// The demo catalog with the Tver brick tier at another price, so the two catalogs quote differently.
    static func repriced(_ src: String) throws {
        try Paths.rewriteLines(src + "/prices.csv") { line in
            line.hasPrefix("BR-NF-M150-SOL,TVE,5000,") ? line.replacingOccurrences(of: ",17.40", with: ",17.90") : line
        }
    }

    func waitForGeneration(_ server: TestServer, _ number: Int) async throws -> [String: Any] {
        for _ in 0..<200 {
            let info = try await server.get("/v1/catalog").object ?? [:]
            if info["generation"] as? Int == number { return info }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("generation \(number) never came")
        return [:]
    }

    @Test func aRebuiltDatabaseIsServedWithoutARestartAndNeverMixed() async throws {
        let dir = try Paths.scratch("swap")
        let database = try Paths.compiledDemo(in: dir)
        let newer = try Paths.compiledDemo(in: dir, name: "newer", edit: Self.repriced)
        let old = try await runQuote(["--json", "--catalog", database], stdin: Requests.brickToTver).stdout
        let new = try await runQuote(["--json", "--catalog", newer], stdin: Requests.brickToTver).stdout
        #expect(old != new && new.contains(#""unitPrice":"17.90""#))
        try await TestServer.with(catalog: database) { server in
            #expect(try await server.post("/v1/quote", Requests.brickToTver).text == old)
            // Load from several clients while the database is replaced (a rename, as `quote catalog build` does).
            let answers = try await Self.answersUnderLoad(server) { #expect(rename(newer, database) == 0) }
            #expect(answers.allSatisfy { $0 == old || $0 == new }, "every answer is one whole catalog's")
            let info = try await waitForGeneration(server, 2)
            #expect(info["reloadError"] is NSNull)
            #expect(try await server.post("/v1/quote", Requests.brickToTver).text == new)
        }
    }

    /// `quote catalog import` updates the database in place (the same file, one transaction): the service sees
    /// the commit by the file's size or modification time, loads it as a new generation, and every answer under
    /// load is the old catalog's or the new one's.
    @Test func anInPlaceImportIsServedWithoutARestartAndNeverMixed() async throws {
        let dir = try Paths.scratch("swap-import")
        let database = try Paths.compiledDemo(in: dir)
        let twin = try Paths.compiledDemo(in: dir, name: "twin")
        // PL-TVER no longer has BR-NF-M150-SOL (the other rows kept): the brick comes from elsewhere.
        let file = dir + "/tver.csv"
        try "sku,stock\nBR-NF-M150-SOL,0\n".write(toFile: file, atomically: true, encoding: .utf8)
        let importing = { @Sendable (db: String) in
            ["catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--as-of", Requests.asOf, "--missing", "keep"]
        }
        let old = try await runQuote(["--json", "--catalog", database], stdin: Requests.brickToTver).stdout
        #expect(try await runQuote(importing(twin), stdin: "").status == 0)
        let new = try await runQuote(["--json", "--catalog", twin], stdin: Requests.brickToTver).stdout
        #expect(old != new)
        try await TestServer.with(catalog: database) { server in
            #expect(try await server.post("/v1/quote", Requests.brickToTver).text == old)
            let inode = try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int
            let answers = try await Self.answersUnderLoad(server) { () async throws in
                let status = try await runQuote(importing(database), stdin: "").status
                #expect(status == 0)
            }
            #expect(
                try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int == inode, "the same file, updated")
            #expect(answers.allSatisfy { $0 == old || $0 == new }, "every answer is one whole catalog's")
            let info = try await waitForGeneration(server, 2)
            #expect(info["reloadError"] is NSNull)
            #expect(try await server.post("/v1/quote", Requests.brickToTver).text == new)
        }
    }

    @Test func anEditedCSVFolderIsCompiledAndServed() async throws {
        let dir = try Paths.scratch("swap-csv")
        let folder = dir + "/demo"
        try FileManager.default.copyItem(atPath: Paths.demo, toPath: folder)
        try await TestServer.with(catalog: folder) { server in
            let before = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(before.text.contains(#""unitPrice":"17.40""#))
            try Self.repriced(folder)
            // The folder is compiled again (the generation may step more than once: file times are in seconds).
            var repriced = false
            for _ in 0..<400 where !repriced {
                repriced = try await server.post("/v1/quote", Requests.brickToTver).text.contains(#""unitPrice":"17.90""#)
                if !repriced { try await Task.sleep(for: .milliseconds(25)) }
            }
            #expect(repriced, "the edited price is quoted without a restart")
            let info = try await server.get("/v1/catalog").object ?? [:]
            #expect((info["generation"] as? Int ?? 0) >= 2)
            #expect((info["path"] as? String)?.hasSuffix(".sqlite") == true)
        }
    }

    @Test func aBrokenRebuildLeavesTheOldCatalogServing() async throws {
        let dir = try Paths.scratch("swap-broken")
        let database = try Paths.compiledDemo(in: dir)
        try await TestServer.with(catalog: database) { server in
            let good = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(good.status == 200)
            try Data("not a database".utf8).write(to: URL(fileURLWithPath: dir + "/junk"))
            #expect(rename(dir + "/junk", database) == 0)
            var reported: [String: Any] = [:]
            for _ in 0..<200 {
                reported = try await server.get("/v1/catalog").object ?? [:]
                if !(reported["reloadError"] is NSNull) { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(((reported["reloadError"] as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "catalog_unavailable")
            #expect(reported["generation"] as? Int == 1)
            let still = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(still.status == 200 && still.text == good.text, "the old catalog goes on serving")
            #expect(try await server.get("/health").status == 200)
        }
    }
}

extension CatalogSwapTests {
    /// The brick-to-Tver quote asked 40 times by each of 4 clients at once, with `change` made 30 ms in: every
    /// answer, in no particular order.
    static func answersUnderLoad(_ server: TestServer, change: @Sendable () async throws -> Void) async throws -> [String] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var seen: [String] = []
                    for _ in 0..<40 { seen.append(try await server.post("/v1/quote", Requests.brickToTver).text) }
                    return seen
                }
            }
            try await Task.sleep(for: .milliseconds(30))
            try await change()
            var all: [String] = []
            for try await seen in group { all += seen }
            return all
        }
    }
}
