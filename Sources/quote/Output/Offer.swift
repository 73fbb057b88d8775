import QuoteCore

/// The forms a quote is printed in (`--format`).
enum OfferFormat: String, CaseIterable {
    /// For the manager at the terminal: the offer, then the manager's notes.
    case table
    /// For programs: the JSON response.
    case json
    /// A compact offer to paste into a messenger: at most 60 columns, totals and date first.
    case text
    /// A printable commercial offer, one self-contained HTML page.
    case html
}

enum Offer {
    static func render(_ q: Quote, format: OfferFormat, language: Language, showInternal: Bool, width: Int) -> String {
        switch format {
        case .table: return QuoteTable.render(q, language: language, showInternal: showInternal, width: width)
        case .json: return q.json(includeInternal: showInternal, language: language) + "\n"
        case .text: return OfferText.render(q, language: language)
        case .html: return OfferHTML.render(q, language: language)
        }
    }
}
