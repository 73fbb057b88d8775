/// Why a request got no quote: a stable code, what was wrong, where, and what would be accepted.
///
/// The JSON error object and the terminal message are two renderings of this one value.
public struct QuoteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Code
    /// What was wrong and what to do, as data: rendered in the request's language by `MessageRenderer`.
    public var text: Message
    /// Where: a JSON path (`items[0].quantity`) or the CLI option (`--qty`).
    public var field: String?
    /// Did-you-mean: names close to the one given, or the accepted values.
    public var candidates: [String]
    /// The request's other mistakes found in the same pass (every bad line and option at once); this
    /// error is the first of them.
    public var others: [QuoteError] = []

    /// Values echoed in `field` and `candidates` are made safe to print here, once for every error: cut to a
    /// readable length, control characters such as terminal escape sequences shown as `\u{1B}` (`Echo`); the
    /// message's own values are, when it is rendered.
    public init(_ code: Code, _ text: Message, field: String? = nil, candidates: [String] = []) {
        self.code = code
        self.text = text
        self.field = field.map { Echo.short($0) }
        self.candidates = candidates.map { Echo.short($0) }
    }

    /// An error whose sentence exists in English only: say it with a `Message` instead, so that it is rendered
    /// in the reader's language.
    @available(*, deprecated, message: "say it with a Message (MessageTemplates+catalog/service), so it is rendered in Russian too")
    public init(_ code: Code, _ message: String, field: String? = nil, candidates: [String] = []) {
        self.init(code, Message.plain(message), field: field, candidates: candidates)
    }

    /// The message in English.
    public var message: String { MessageRenderer(.en).render(text) }

    /// The message in `language`.
    public func message(in language: Language) -> String { MessageRenderer(language).render(text) }

    public var description: String {
        var s = message
        if !candidates.isEmpty { s += " Did you mean: " + candidates.joined(separator: ", ") + "?" }
        return s
    }

    /// Stable error codes. Their meaning never changes; new ones may be added.
    public enum Code: String, Sendable, CaseIterable {
        // Bad requests (exit 2)
        case emptyRequest = "empty_request"
        case unknownProduct = "unknown_product"
        /// A product name and attributes that fit several products, none of them the family's default: the
        /// candidates are listed, each with what tells it apart.
        case ambiguousProduct = "ambiguous_product"
        case unknownCity = "unknown_city"
        case missingCity = "missing_city"
        case invalidQuantity = "invalid_quantity"
        /// `5,000` of goods counted in whole units: five or five thousand? Both readings are offered.
        case ambiguousQuantity = "ambiguous_quantity"
        case quantityTooLarge = "quantity_too_large"
        case invalidUnit = "invalid_unit"
        case invalidDate = "invalid_date"
        case invalidStrategy = "invalid_strategy"
        case invalidRequest = "invalid_request"
        case amountTooLarge = "amount_too_large"
        case invalidJSON = "invalid_json"
        case unknownField = "unknown_field"
        case missingField = "missing_field"
        case invalidType = "invalid_type"
        case requestTooLarge = "request_too_large"
        case unknownCustomer = "unknown_customer"
        case discountTooLarge = "discount_too_large"
        /// `pickup` names a source that is not in the catalog, or that does not stock the products.
        case unknownSource = "unknown_source"
        /// `pickup` names a source that does not let customers collect.
        case pickupNotAllowed = "pickup_not_allowed"
        /// `quote show|requote|mark`, `GET /v1/quotes/{id}`: no saved quote has that id.
        case unknownQuote = "unknown_quote"
        /// `quote mark`: not one of the outcomes (accepted, lost, ordered), or an `--order` without `ordered`.
        case invalidStatus = "invalid_status"
        // Not quotable (exit 1)
        case notAvailable = "not_available"
        case noDelivery = "no_delivery"
        // Catalog problems (exit 3)
        case catalogInvalid = "catalog_invalid"
        case catalogUnavailable = "catalog_unavailable"
        /// The saved-quotes database cannot be opened, written or read (exit 3, as a catalog problem).
        case quoteStoreUnavailable = "quote_store_unavailable"

        /// The process exit status this error ends a one-shot CLI run with.
        public var exitStatus: Int32 {
            switch self {
            case .notAvailable, .noDelivery: return 1
            case .catalogInvalid, .catalogUnavailable, .quoteStoreUnavailable: return 3
            default: return 2
            }
        }
    }
}
