import ArgumentParser
import QuoteCatalog
import QuoteCore
import SavedQuotes

/// `quote mark Q-… accepted|lost|ordered [--reason …] [--order 1C-number]`: what became of a quote.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record what became of a saved quote: accepted, lost or ordered (with the 1C order number).")

    @Argument(help: "The quote id (Q-XXXX-XXXX).")
    var id: String

    @Argument(help: "accepted, lost or ordered.")
    var outcome: String

    @Option(help: "Why (a lost quote's reason, say).")
    var reason: String?

    @Option(help: "The order's number in 1C (with `ordered`).")
    var order: String?

    @Option(help: "Who records it (default: $QUOTE_MANAGER).")
    var manager: String?

    @Option(name: .customLong("as-of"), help: "When it happened (ISO-8601; default: now).")
    var asOf: String?

    @Option(help: "table or json.")
    var format: String = "table"

    @Option(help: "The catalog whose time zone dates are in (default: $QUOTE_CATALOG, else the bundled demo).")
    var catalog: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let json = format == "json"
        do throws(QuoteError) {
            let status = try makeStatus()
            let wanted = id.uppercased()
            let lines = try StoreProcess.run("mark", database: try store.database(), arguments: [wanted], input: status.json)
            guard let line = lines.first, let saved = try? SavedQuote.decode(line) else {
                throw QuoteError.unknownQuote(wanted, field: "id")
            }
            if json {
                Output.write(saved.json(summaryOnly: true, now: status.at) + "\n")
            } else {
                var text = "\(saved.quoteId): \(status.outcome.rawValue)"
                if let order = status.order { text += ", order \(order)" }
                if let reason = status.reason { text += " (\(reason))" }
                text += " · \(status.at)"
                if let by = status.manager { text += " · \(by)" }
                Output.write(Echo.lines(text) + "\n")
            }
        } catch {
            throw Failure(error: error, json: json)
        }
    }

    func makeStatus() throws(QuoteError) -> QuoteStatus {
        guard let outcome = QuoteStatus.Outcome(rawValue: outcome.lowercased()) else {
            throw QuoteError(
                .invalidStatus, Message("cli.mark.outcome", .text(self.outcome)), field: "outcome",
                candidates: QuoteStatus.Outcome.allCases.map(\.rawValue))
        }
        if order != nil && outcome != .ordered {
            throw QuoteError(.invalidStatus, Message("cli.mark.order", .text(order ?? "")), field: "--order")
        }
        let offset = try CatalogLocator.open(explicit: catalog, sourceRoot: sourceRoot).utcOffsetSeconds
        var at = Output.now(offsetSeconds: offset)
        if let asOf {
            guard let m = Moment.parse(Substring(asOf), defaultOffset: offset) else {
                throw QuoteError(.invalidDate, Message("catalog.bad_as_of", .text(asOf)), field: "--as-of")
            }
            at = m
        }
        return QuoteStatus(outcome: outcome, reason: reason, order: order, manager: StoreProcess.manager(manager), at: at)
    }
}
