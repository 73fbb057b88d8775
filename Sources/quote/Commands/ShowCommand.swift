import ArgumentParser
import QuoteCore
import SavedQuotes

/// `quote show Q-XXXX-XXXX`: a saved quote as it was issued, whatever the catalog has become since.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a saved quote as it was issued (--format json: the response byte for byte).")

    @Argument(help: "The quote id, as printed on the offer (Q-XXXX-XXXX).")
    var id: String

    @Option(help: "table or json (the response exactly as issued).")
    var format: String = "table"

    @Option(help: "en or ru (default: ru when the locale is Russian, else en).")
    var lang: String?

    @Flag(name: .customLong("internal"), help: "Also show costs and margins (for the company only).")
    var showInternal = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let json = format == "json"
        do throws(QuoteError) {
            guard let offerFormat = OfferFormat(rawValue: format) else {
                throw QuoteError(
                    .invalidRequest, Message("cli.unknown_format", .text(format)), field: "--format", candidates: QuoteRender.formats)
            }
            let saved = try Self.fetch(id, database: try store.database())
            if json {
                Output.write(saved.response + "\n")
                return
            }
            let quote = try Self.issuedQuote(saved)
            let text = QuoteRender.render(quote, format: offerFormat, language: try Language.chosen(lang), showInternal: showInternal)
            Output.write(Echo.lines(text, lineLimit: 1_000))
        } catch {
            throw Failure(error: error, json: json)
        }
    }

    /// The saved quote `id` (ids are read as printed; case does not matter).
    static func fetch(_ id: String, database: String) throws(QuoteError) -> SavedQuote {
        let wanted = id.uppercased()
        let lines = try StoreProcess.run("get", database: database, arguments: [wanted])
        guard let line = lines.first else { throw QuoteError.unknownQuote(wanted, field: "id") }
        do {
            return try SavedQuote.decode(line)
        } catch {
            throw QuoteError(
                .quoteStoreUnavailable, Message("cli.show.unreadable", .text(wanted), .verbatim(error.path), .verbatim(error.expected)))
        }
    }

    /// The `Quote` as issued, from its saved form.
    static func issuedQuote(_ saved: SavedQuote) throws(QuoteError) -> Quote {
        do {
            return try Quote.decodeSaved(Array(saved.form.utf8))
        } catch {
            throw QuoteError(
                .quoteStoreUnavailable,
                Message("cli.show.unreadable", .text(saved.quoteId), .verbatim(error.path), .verbatim(error.expected)))
        }
    }
}

extension Language {
    /// `--lang`, else Russian when the locale is.
    static func chosen(_ lang: String?) throws(QuoteError) -> Language {
        guard let lang else { return Output.localeIsRussian ? .ru : .en }
        guard let l = Language(rawValue: lang) else {
            throw QuoteError(.invalidRequest, Message("language.unknown", .text(lang)), field: "--lang", candidates: ["en", "ru"])
        }
        return l
    }
}
