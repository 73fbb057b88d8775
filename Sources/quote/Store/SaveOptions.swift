import ArgumentParser
import QuoteCore

/// `--quotes-db`: which saved-quotes database a command uses.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("quotes-db"),
        help:
            "The saved-quotes database (default: $QUOTE_QUOTES_DB, else $XDG_DATA_HOME/quote/quotes.sqlite, else ~/.local/share/quote/quotes.sqlite)."
    )
    var quotesDB: String?

    func database() throws(QuoteError) -> String { try StoreProcess.databasePath(quotesDB) }
}

/// `--save` and `--manager` with `--quotes-db`, for the commands that quote.
struct SaveOptions: ParsableArguments {
    @Flag(help: "Save the issued quote (before it is printed), to reopen it with `quote show ID`.")
    var save = false

    @Option(help: "Who issues the quote, kept with it (default: $QUOTE_MANAGER).")
    var manager: String?

    @OptionGroup var store: StoreOptions

    /// A saver started ahead of the quote when `--save` is given.
    func saver() throws(QuoteError) -> QuoteSaver? {
        guard save else { return nil }
        let saver = try QuoteSaver(quotesDB: store.quotesDB, manager: manager)
        try saver.start()
        return saver
    }
}

/// The saver of a JSON session: started when the first request asks to be saved (`"save": true`, or
/// every request with `--save`), kept for the rest of a `--jsonl` stream.
final class SaveSession {
    let options: SaveOptions
    private var current: QuoteSaver?

    init(_ options: SaveOptions) { self.options = options }

    func saver() throws(QuoteError) -> QuoteSaver {
        if let current { return current }
        let saver = try QuoteSaver(quotesDB: options.store.quotesDB, manager: options.manager)
        try saver.start()
        current = saver
        return saver
    }

    func finish() {
        current?.finish()
        current = nil
    }
}
