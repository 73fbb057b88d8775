import QuoteCore

/// The offer in a format for people: what `quote …` prints for a new quote and `quote show` for a saved
/// one, through this one function, so every format applies to both.
enum QuoteRender {
    /// `format` is `table` (and the formats added beside it); JSON is the response text itself, which the
    /// caller has (a saved quote's is the text as issued).
    static func render(_ quote: Quote, format: String, language: QuoteTable.Language, showInternal: Bool) -> String {
        switch format {
        default: return QuoteTable.render(quote, language: language, showInternal: showInternal)
        }
    }

    /// The formats `render` prints, and `json`.
    static let formats = ["table", "json"]
}
