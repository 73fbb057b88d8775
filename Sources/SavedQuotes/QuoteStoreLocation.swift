/// Where the saved-quotes database is: `--quotes-db`, else `$QUOTE_QUOTES_DB`, else `quotes.sqlite` in the
/// user's data directory, `$XDG_DATA_HOME/quote/`, else `~/.local/share/quote/`.
public enum QuoteStoreLocation {
    public static let fileName = "quotes.sqlite"

    /// The database path; nil when neither an explicit path nor a home directory is known.
    /// - Parameter environment: looks a variable up (empty counts as unset).
    public static func path(explicit: String?, environment: (String) -> String?) -> String? {
        func env(_ name: String) -> String? {
            guard let v = environment(name), !v.isEmpty else { return nil }
            return v
        }
        if let explicit, !explicit.isEmpty { return explicit }
        if let p = env("QUOTE_QUOTES_DB") { return p }
        if let data = env("XDG_DATA_HOME"), data.hasPrefix("/") { return data + "/quote/" + fileName }
        if let home = env("HOME") { return home + "/.local/share/quote/" + fileName }
        return nil
    }
}
