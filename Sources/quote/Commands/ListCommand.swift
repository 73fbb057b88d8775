import ArgumentParser
import QuoteCatalog
import QuoteCore
import SavedQuotes

/// `quote list [--open] [--customer C] [--manager M] [--expiring 2d] [--since DATE] [--follow-up]`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List saved quotes, newest first; --follow-up: those that need a call today.")

    @Flag(help: "Only quotes with no outcome yet that are still valid.")
    var open = false

    @Option(help: "Only this customer's quotes (id, or a part of the name).")
    var customer: String?

    @Option(help: "Only the quotes this manager issued.")
    var manager: String?

    @Option(help: "Only open quotes whose validity ends within this time: 2d (days) or 12h (hours).")
    var expiring: String?

    @Option(help: "Only quotes issued (as of) on or after this date (2026-12-01) or moment (ISO-8601).")
    var since: String?

    @Flag(
        name: .customLong("follow-up"),
        help:
            "What needs a call today: open quotes whose validity ends within a business day, and quotes with no outcome N business days after issue (N: the catalog's follow_up_business_days)."
    )
    var followUp = false

    @Option(name: .customLong("as-of"), help: "The moment to judge open, expiring and follow-up at (ISO-8601; default: now).")
    var asOf: String?

    @Option(help: "The catalog whose calendar and time zone count business days (default: $QUOTE_CATALOG, else the bundled demo).")
    var catalog: String?

    @Option(help: "table or json (one JSON array of quote summaries).")
    var format: String = "table"

    @OptionGroup var store: StoreOptions

    func run() throws {
        let json = format == "json"
        do throws(QuoteError) {
            guard json || format == "table" else {
                throw QuoteError(
                    .invalidRequest, Message("cli.unknown_format", .text(format)), field: "--format", candidates: ["table", "json"])
            }
            let catalogStore = try CatalogLocator.open(explicit: catalog, sourceRoot: sourceRoot)
            let offset = catalogStore.utcOffsetSeconds
            let filter = try makeFilter(offset: offset)
            let lines = try StoreProcess.run("list", database: try store.database(), input: filter.json)
            var quotes: [(SavedQuote, FollowUp.Reason?)] = []
            let follow = FollowUp(
                calendar: catalogStore.calendar, days: catalogStore.settings.followUpBusinessDays, now: filter.now, offsetSeconds: offset)
            for line in lines {
                guard let q = try? SavedQuote.decode(line) else { continue }
                let reason = follow.reason(q)
                if followUp && reason == nil { continue }
                quotes.append((q, followUp ? reason : nil))
            }
            Output.write(json ? Self.json(quotes, now: filter.now) : Self.table(quotes, now: filter.now, followUp: followUp))
        } catch {
            throw Failure(error: error, json: json)
        }
    }

    func makeFilter(offset: Int32) throws(QuoteError) -> SavedQuoteFilter {
        var now = Output.now(offsetSeconds: offset)
        if let asOf {
            guard let m = Moment.parse(Substring(asOf), defaultOffset: offset) else {
                throw QuoteError(.invalidDate, Message("catalog.bad_as_of", .text(asOf)), field: "--as-of")
            }
            now = m
        }
        var filter = SavedQuoteFilter(now: now)
        filter.summaryOnly = true
        filter.open = open
        filter.undecided = followUp
        filter.customer = customer
        filter.manager = manager
        if let since {
            if let d = CivilDate.parse(dayFirst: Substring(since)) {
                filter.since = Moment(date: d, secondOfDay: 0, offsetSeconds: offset)
            } else if let m = Moment.parse(Substring(since), defaultOffset: offset) {
                filter.since = m
            } else {
                throw QuoteError(.invalidDate, Message("cli.list.since", .text(since)), field: "--since")
            }
        }
        if let expiring { filter.expiringBy = try Self.moment(after: now, expiring) }
        return filter
    }

    /// `now` plus a span written `2d` or `12h`.
    static func moment(after now: Moment, _ span: String) throws(QuoteError) -> Moment {
        let unit = span.last.map(String.init) ?? ""
        guard let n = Int64(span.dropLast()), n >= 0, n <= 3_650 * 24, unit == "d" || unit == "h" else {
            throw QuoteError(.invalidRequest, Message("cli.list.expiring", .text(span)), field: "--expiring")
        }
        return Moment(secondsSinceEpoch: now.secondsSinceEpoch + n * (unit == "d" ? 86_400 : 3_600), offsetSeconds: now.offsetSeconds)
    }

    static func table(_ quotes: [(SavedQuote, FollowUp.Reason?)], now: Moment, followUp: Bool) -> String {
        guard !quotes.isEmpty else { return followUp ? "Nothing to follow up.\n" : "No saved quotes match.\n" }
        var rows = [["Quote", "State", "Issued", "Manager", "Customer", "City", "Total", "Valid until"] + (followUp ? ["Why"] : [])]
        for (q, reason) in quotes {
            var row = [
                q.quoteId, q.state(at: now), String(q.asOf.description.prefix(16)), q.manager ?? "—", q.customerName ?? q.customerId ?? "—",
                q.city ?? "pickup", q.gross, String(q.validUntil.description.prefix(16)),
            ]
            if followUp { row.append(reason == .expiring ? "validity ends within a business day" : "no answer yet") }
            rows.append(row.map { Columns.clip(Echo.short($0), 40) })
        }
        return Columns.render(rows, rightAligned: [6], indent: 0, width: Int.max)
    }

    static func json(_ quotes: [(SavedQuote, FollowUp.Reason?)], now: Moment) -> String {
        var out = "["
        for (i, (q, reason)) in quotes.enumerated() {
            if i > 0 { out += "," }
            var text = q.json(summaryOnly: true, now: now)
            if let reason {
                text.removeLast()
                text += ",\"followUp\":\"\(reason.rawValue)\"}"
            }
            out += text
        }
        return out + "]\n"
    }
}
