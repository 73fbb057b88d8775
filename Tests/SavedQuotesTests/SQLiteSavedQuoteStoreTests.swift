import Foundation
import QuoteCore
import SavedQuotes
import SavedQuotesSQLite
import Testing

/// The GRDB store on a file: migrated from empty, idempotent saves, statuses with their history, filters.
@Suite struct SQLiteSavedQuoteStoreTests {
    // A literal the test writes, so it parses.
    // swift-format-ignore: NeverForceUnwrap
    static let now = Moment.parse("2026-12-01T12:00:00+03:00", defaultOffset: 10_800)!

    static func saved(_ json: String, manager: String? = nil) throws -> SavedQuote {
        let (quote, r) = try Demo.quote(json)
        return SavedQuote(
            issuing: quote, request: r.request.json(), response: quote.json(), catalogVersion: Demo.catalog.version, manager: manager,
            savedAt: now)
    }

    @Test func savesOnceReadsBackAndKeepsTheStatusHistory() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try SQLiteSavedQuoteStore(path: scratch.path + "/sub/q.sqlite")
        let q = try Self.saved(#"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver"}"#, manager: "anna")
        #expect(try store.save(q) == true)
        #expect(try store.save(q) == false, "the second save of the same id stores nothing")
        #expect(try store.quote(id: q.quoteId) == q)
        #expect(try store.quote(id: "Q-0000-0000") == nil)

        let accepted = QuoteStatus(outcome: .accepted, manager: "anna", at: Self.now)
        let ordered = QuoteStatus(
            outcome: .ordered, order: "1C-000123", manager: "anna",
            at: Moment(secondsSinceEpoch: Self.now.secondsSinceEpoch + 60, offsetSeconds: 10_800))
        _ = try store.mark(id: q.quoteId, accepted)
        let marked = try #require(try store.mark(id: q.quoteId, ordered))
        #expect(marked.status == ordered)
        #expect(try store.history(id: q.quoteId) == [accepted, ordered])
        #expect(try store.mark(id: "Q-0000-0000", accepted) == nil)
        #expect(try store.integrityCheck() == "ok")

        // The file for its owner only (0600), the folder it made too (0700).
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.path + "/sub/q.sqlite")
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: scratch.path + "/sub")[.posixPermissions] as? Int == 0o700)
        // A second process (here: a second store) opening the migrated file finds its quotes.
        #expect(try SQLiteSavedQuoteStore(path: scratch.path + "/sub/q.sqlite").quote(id: q.quoteId)?.status == ordered)
    }

    /// The brick quote is valid until 2026-12-02T18:00 (+03:00): from 12:00 on the 1st that is 30 hours away, so
    /// it is not expiring within one day (24 h) and is within two (48 h). Marked lost, it is no longer open.
    @Test func filtersSelectOpenExpiringAndByManager() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try SQLiteSavedQuoteStore(path: scratch.path + "/q.sqlite")
        let a = try Self.saved(#"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver"}"#, manager: "anna")
        let b = try Self.saved(
            #"{"items":[{"product":"cement","quantity":"40","unit":"bag"}],"city":"Klin","customer":"C-1001"}"#, manager: "boris")
        _ = try store.save(a)
        _ = try store.save(b)
        var filter = SavedQuoteFilter(now: Self.now)
        #expect(try store.list(filter).count == 2)
        filter.manager = "boris"
        #expect(try store.list(filter).map(\.quoteId) == [b.quoteId])
        filter.manager = nil
        filter.customer = "стройдом"
        #expect(try store.list(filter).map(\.quoteId) == [b.quoteId])
        filter.customer = nil
        #expect(a.validUntil.description == "2026-12-02T18:00:00+03:00")
        filter.expiringBy = Moment(secondsSinceEpoch: Self.now.secondsSinceEpoch + 86_400, offsetSeconds: 10_800)
        #expect(try store.list(filter).contains { $0.quoteId == a.quoteId } == false)
        filter.expiringBy = Moment(secondsSinceEpoch: Self.now.secondsSinceEpoch + 2 * 86_400, offsetSeconds: 10_800)
        #expect(try store.list(filter).contains { $0.quoteId == a.quoteId })
        _ = try store.mark(id: a.quoteId, QuoteStatus(outcome: .lost, reason: "too dear", at: Self.now))
        var open = SavedQuoteFilter(now: Self.now)
        open.open = true
        #expect(try store.list(open).map(\.quoteId) == [b.quoteId])
        open.summaryOnly = true
        #expect(try store.list(open).first?.response == "", "a summary leaves the texts out")
    }

    /// What is not a database is refused with what is wrong, never overwritten.
    @Test func aFolderOrAnotherFileIsRefused() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/dir.sqlite", withIntermediateDirectories: true)
        #expect(throws: QuoteError.self) { try SQLiteSavedQuoteStore(path: scratch.path + "/dir.sqlite") }
        try "not a database".write(toFile: scratch.path + "/text.sqlite", atomically: true, encoding: .utf8)
        do {
            _ = try SQLiteSavedQuoteStore(path: scratch.path + "/text.sqlite")
            Issue.record("a text file opened as the quotes database")
        } catch {
            #expect(error.code == .quoteStoreUnavailable)
            #expect(error.message.contains("--quotes-db"))
        }
        #expect(try String(contentsOfFile: scratch.path + "/text.sqlite", encoding: .utf8) == "not a database")
    }
}
