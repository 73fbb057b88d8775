import Foundation
import Testing

/// Runs `body` on a Dispatch thread: a test that waits for processes must not hold one of the few threads of
/// the Swift concurrency pool, on which the in-process servers of the service tests run.
func offPool(_ body: @escaping @Sendable () throws -> Void) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

/// Saved quotes as users run them: `quote … --save`, `quote show`, `requote`, `list`, `mark`, with the real
/// `quote` and `quote-store` binaries and a quotes database in a scratch folder.
@Suite struct SavedQuotesCLITests {
    static let brick = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf]

    /// For C-1001 (5 % off bricks: 17.40 → 16.53; 5,040 × 16.53 = 83,311.20): the Russian offer, the
    /// messenger text and the printable HTML of the saved quote are those of the issued one — the customer
    /// is told «с завода-изготовителя (Тверь)», never the plant's own name, and the manager's notes stay
    /// apart — whatever the language it was saved in.
    @Test func aSavedQuoteShowsInEveryFormatAndLanguageAsIssued() async throws {
        try await offPool {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let db = ["--quotes-db", scratch.path + "/q.sqlite"]
            let order = Self.brick + ["--customer", "C-1001"]
            let saved = run(order + ["--lang", "en", "--save"] + db)
            #expect(saved.status == 0, "\(saved.stderr)")
            let id = String(saved.stdout.split(separator: " ").dropFirst().first ?? "")
            for (format, lang) in [("table", "ru"), ("table", "en"), ("text", "ru"), ("html", "ru")] {
                let issued = run(order + ["--format", format, "--lang", lang])
                let shown = run(["show", id, "--format", format, "--lang", lang] + db)
                #expect(shown.status == 0, "\(shown.stderr)")
                #expect(shown.stdout == issued.stdout, "show --format \(format) --lang \(lang)")
            }
            let russian = run(["show", id, "--format", "text", "--lang", "ru"] + db).stdout
            #expect(russian.contains("5 040 шт × 16,53 = 83 311,20 ₽"))
            #expect(!russian.contains("Тверца"))
        }
    }

    /// The README's quote (5,040 bricks to Tver at 17.40, total 119,749.12): saved, then the catalog's Tver
    /// price for 5,000+ raised from 17.40 to 18.40. `show` gives the issued JSON byte for byte and the issued
    /// table line for line; `requote` prices 5,040 × 18.40 = 92,736.00 (+5,040.00 on the goods line).
    @Test func showIsTheIssuedQuoteAfterTheCatalogChanged() async throws {
        try await offPool(Self.showIsTheIssuedQuoteAfterTheCatalogChangedScenario)
    }

    static func showIsTheIssuedQuoteAfterTheCatalogChangedScenario() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try scratch.demoCopy()
        let db = ["--quotes-db", scratch.path + "/q.sqlite"]
        let issuedJSON = run(brick + ["--catalog", catalog, "--format", "json", "--save"] + db)
        #expect(issuedJSON.status == 0, "\(issuedJSON.stderr)")
        let issuedTable = run(brick + ["--catalog", catalog, "--lang", "en"])
        #expect(issuedTable.stdout.hasPrefix("Quote Q-FZM9-WR2H"))

        try scratch.edit(catalog + "/prices.csv", line: 85, "BR-NF-M150-SOL,TVE,5000,17.40,", with: "BR-NF-M150-SOL,TVE,5000,18.40,")
        let today = run(brick + ["--catalog", catalog, "--format", "json"])
        #expect(today.stdout.contains(#""unitPrice":"18.40""#), "the catalog change took effect")

        let shownJSON = run(["show", "Q-FZM9-WR2H", "--format", "json"] + db)
        #expect(shownJSON.status == 0, "\(shownJSON.stderr)")
        #expect(shownJSON.stdout == issuedJSON.stdout)
        let shownTable = run(["show", "q-fzm9-wr2h", "--lang", "en"] + db)
        #expect(shownTable.stdout == issuedTable.stdout)

        let requote = run(["requote", "Q-FZM9-WR2H", "--catalog", catalog, "--as-of", CLI.asOf, "--format", "json"] + db)
        #expect(requote.status == 0, "\(requote.stderr)")
        let changes = try #require(try jsonObject(requote.stdout)["changes"] as? [[String: Any]])
        let price = try #require(changes.first { $0["section"] as? String == "BR-NF-M150-SOL" && $0["what"] as? String == "unit price" })
        #expect(price["issued"] as? String == "17.40")
        #expect(price["today"] as? String == "18.40")
        let amount = try #require(changes.first { $0["section"] as? String == "BR-NF-M150-SOL" && $0["what"] as? String == "amount" })
        // 5,040 × 18.40 = 92,736.00 against 5,040 × 17.40 = 87,696.00.
        #expect(amount["today"] as? String == "92736.00")
        #expect(amount["difference"] as? String == "+5040.00")
        // The goods' VAT grows by 22 % of 5,040.00 = 1,108.80, so the total by 6,148.80: 119,749.12 → 125,897.92.
        let total = try #require(changes.first { $0["what"] as? String == "total" })
        #expect(total["today"] as? String == "125897.92")
        #expect(total["difference"] as? String == "+6148.80")

        let table = run(["requote", "Q-FZM9-WR2H", "--catalog", catalog, "--as-of", CLI.asOf] + db)
        #expect(table.stdout.contains("unit price     17.40"))
        #expect(table.stdout.contains("+5040.00"))
    }

    /// Saving the same quote twice keeps one row; the second save reports nothing new and changes nothing.
    @Test func savingTwiceIsIdempotent() async throws { try await offPool(Self.savingTwiceIsIdempotentScenario) }

    static func savingTwiceIsIdempotentScenario() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let db = ["--quotes-db", scratch.path + "/q.sqlite"]
        let first = run(brick + ["--format", "json", "--save", "--manager", "anna"] + db)
        let second = run(brick + ["--format", "json", "--save", "--manager", "boris"] + db)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(first.stdout == second.stdout)
        let list = run(["list", "--format", "json", "--as-of", CLI.asOf] + db)
        let quotes = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(quotes.count == 1)
        #expect(quotes.first?["manager"] as? String == "anna", "the first save stands")
    }

    /// Once quote-store has set a database up, `quote --save` writes its row itself (no second process): a copy
    /// of `quote` alone in a folder, with no quote-store beside it, saves into that database, and the quote reads
    /// back byte for byte. Where the file is new, or at a schema this build does not know (a later migration), it
    /// leaves the file to quote-store, and the lone copy says that quote-store is needed.
    @Test func aSaveIntoASetUpDatabaseNeedsNoSecondProcess() async throws {
        try await offPool(Self.aSaveIntoASetUpDatabaseNeedsNoSecondProcessScenario)
    }

    static func aSaveIntoASetUpDatabaseNeedsNoSecondProcessScenario() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path + "/q.sqlite"
        let setup = run(brick + ["--save", "--quotes-db", path])
        #expect(setup.status == 0, "\(setup.stderr)")
        let alone = scratch.path + "/alone/quote"
        try FileManager.default.createDirectory(atPath: scratch.path + "/alone", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: alone)
        let brickAt = { (time: String) in
            ["brick", "--qty", "5000", "--city", "Tver", "--as-of", "2026-12-01T\(time):00+03:00", "--catalog", CLI.demoDirectory]
        }
        let later = brickAt("11:00")
        let saved = run(later + ["--format", "json", "--save", "--quotes-db", path], binary: alone)
        #expect(saved.status == 0, "\(saved.stderr)")
        let id = try #require(try jsonObject(saved.stdout)["quoteId"] as? String)
        let shown = run(["show", id, "--format", "json", "--quotes-db", path])
        #expect(shown.stdout == saved.stdout)
        // The WAL beside the file is as private as the file.
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600, "\(file)")
        }

        // Listing, showing or marking in a database never saved into creates no file.
        let none = scratch.path + "/none.sqlite"
        let listed = run(["list", "--format", "json", "--as-of", CLI.asOf, "--quotes-db", none])
        #expect(listed.status == 0 && listed.stdout == "[]\n", "\(listed.stdout)\(listed.stderr)")
        #expect(run(["show", id, "--quotes-db", none]).stderr.contains(id))
        #expect(run(["mark", id, "lost", "--quotes-db", none]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: none))

        let fresh = run(later + ["--save", "--quotes-db", scratch.path + "/new.sqlite"], binary: alone)
        #expect(fresh.status != 0)
        #expect(fresh.stderr.contains("quote-store"), "\(fresh.stderr)")
        try sqlite(path, "INSERT INTO grdb_migrations VALUES ('v2: a later build')")
        let newer = run(brickAt("12:00") + ["--save", "--quotes-db", path], binary: alone)
        #expect(newer.status != 0, "a database of a later schema is not written into")
        #expect(newer.stderr.contains("quote-store"), "\(newer.stderr)")
    }

    /// The database is the user's alone: the file 0600, a folder it creates 0700; by default it lives under
    /// $XDG_DATA_HOME/quote.
    @Test func theDatabaseIsPrivateAndInTheDataDirectory() async throws {
        try await offPool(Self.theDatabaseIsPrivateAndInTheDataDirectoryScenario)
    }

    static func theDatabaseIsPrivateAndInTheDataDirectoryScenario() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let r = run(brick + ["--save"], env: ["XDG_DATA_HOME": scratch.path + "/data", "QUOTE_QUOTES_DB": ""])
        #expect(r.status == 0, "\(r.stderr)")
        let file = scratch.path + "/data/quote/quotes.sqlite"
        let fileMode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        let folderMode = try #require(
            try FileManager.default.attributesOfItem(atPath: scratch.path + "/data/quote")[.posixPermissions] as? Int)
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
    }

    /// `--json` with `"save": true` (and `"manager"`), and `mark`, and the list's filters on what they recorded.
    @Test func jsonSaveMarkAndListFilters() async throws { try await offPool(Self.jsonSaveMarkAndListFiltersScenario) }

    static func jsonSaveMarkAndListFiltersScenario() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let db = ["--quotes-db", scratch.path + "/q.sqlite"]
        // Three quotes: two for СтройДом (C-1001) by anna on 1 and 2 December, one without a customer by boris.
        let requests = [
            #"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00","customer":"C-1001","save":true,"manager":"anna"}"#,
            #"{"items":[{"product":"cement","quantity":"40","unit":"bag"}],"city":"Klin","asOf":"2026-12-02T10:00:00+03:00","customer":"C-1001","save":true,"manager":"anna"}"#,
            #"{"items":[{"product":"brick","quantity":"10000"}],"city":"Tver","asOf":"2026-12-02T11:00:00+03:00","save":true,"manager":"boris"}"#,
        ]
        var ids: [String] = []
        for request in requests {
            let r = run(["--json"] + db, stdin: request)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            ids.append(try #require(try jsonObject(r.stdout)["quoteId"] as? String))
        }
        func listed(_ args: [String]) throws -> [String] {
            let r = run(["list", "--format", "json", "--as-of", "2026-12-02T12:00:00+03:00"] + args + db)
            #expect(r.status == 0, "\(r.stderr)")
            let quotes = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            return quotes.compactMap { $0["quoteId"] as? String }
        }
        #expect(try listed([]) == [ids[2], ids[1], ids[0]], "the latest issued first")
        #expect(try listed(["--customer", "стройдом"]) == [ids[1], ids[0]])
        #expect(try listed(["--manager", "boris"]) == [ids[2]])
        #expect(try listed(["--since", "2026-12-02"]) == [ids[2], ids[1]])

        let mark = run(
            ["mark", ids[1], "ordered", "--order", "1C-000123", "--manager", "anna", "--as-of", "2026-12-02T12:00:00+03:00"] + db)
        #expect(mark.status == 0, "\(mark.stderr)")
        #expect(mark.stdout.contains("ordered, order 1C-000123"))
        #expect(try listed(["--open"]).contains(ids[1]) == false)
        let wrong = run(["mark", ids[0], "won"] + db)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("accepted, lost, ordered"))
        let unknown = run(["show", "Q-0000-0000"] + db)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("No saved quote has the id"))
    }

    /// Follow-up across the New Year holidays of the demo calendar (2025-12-31 and 2026-01-01…09 are days off,
    /// then a weekend), with the catalog's `follow_up_business_days` at 2. A quote issued on Tuesday 2025-12-30 is
    /// valid 3 business days, to the end of Wednesday 2026-01-14 (12, 13, 14 January). With no answer it is due a
    /// call 2 business days after issue: on Tuesday 13 January, not on 1 January. On the 12th nothing is listed; on
    /// the 13th it is, for no answer; on the 14th for its validity ending within a business day (before 10:00
    /// on the 15th).
    @Test func followUpCountsBusinessDaysAcrossHolidays() async throws {
        try await offPool(Self.followUpCountsBusinessDaysAcrossHolidaysScenario)
    }

    static func followUpCountsBusinessDaysAcrossHolidaysScenario() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try scratch.demoCopy()
        let settings = catalog + "/settings.csv"
        try (String(contentsOfFile: settings, encoding: .utf8) + "follow_up_business_days,2\n").write(
            toFile: settings, atomically: true, encoding: .utf8)
        let db = ["--quotes-db", scratch.path + "/q.sqlite"]
        let request =
            #"{"items":[{"product":"cement","quantity":"40","unit":"bag"}],"city":"Klin","asOf":"2025-12-30T10:00:00+03:00","save":true}"#
        let saved = run(["--json", "--catalog", catalog] + db, stdin: request)
        #expect(saved.status == 0, "\(saved.stdout)\(saved.stderr)")
        let id = try #require(try jsonObject(saved.stdout)["quoteId"] as? String)
        #expect(saved.stdout.contains(#""validUntil":"2026-01-14T23:59:59+03:00""#))
        func followUp(_ day: String) -> String {
            run(["list", "--follow-up", "--catalog", catalog, "--as-of", day + "T10:00:00+03:00"] + db).stdout
        }
        #expect(followUp("2026-01-12") == "Nothing to follow up.\n")
        let thirteenth = followUp("2026-01-13")
        #expect(thirteenth.contains(id) && thirteenth.contains("no answer yet"), "\(thirteenth)")
        let fourteenth = followUp("2026-01-14")
        #expect(fourteenth.contains(id) && fourteenth.contains("validity ends within a business day"), "\(fourteenth)")
        // Marked lost, it is no longer followed up.
        let lost = run(["mark", id, "lost", "--reason", "too dear", "--catalog", catalog] + db)
        #expect(lost.status == 0, "\(lost.stderr)")
        #expect(followUp("2026-01-13") == "Nothing to follow up.\n")
    }
}
