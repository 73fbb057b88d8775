import QuoteCore

/// The offer in a format for people: what `quote …` prints for a new quote and `quote show` for a saved
/// one, through this one function, so every format applies to both.
enum QuoteRender {
    /// `table`, `text` or `html` (`Offer.render`), fitted to the terminal's width. JSON is the response
    /// text itself, which the caller has (a saved quote's is the text as issued).
    static func render(_ quote: Quote, format: OfferFormat, language: Language, showInternal: Bool) -> String {
        Offer.render(quote, format: format, language: language, showInternal: showInternal, width: Output.terminalWidth)
    }

    /// The formats `render` prints, and `json`.
    static let formats = OfferFormat.allCases.map(\.rawValue)
}
