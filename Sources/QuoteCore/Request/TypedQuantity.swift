/// A quantity as a manager types it: `5000`, `5 000` (a space, no-break or thin space between groups
/// of three), `5 тыс`, `5к`, `5k`, `1,5 т`, `1.5t`, `12 поддонов`.
///
/// `5,000` — a comma followed by exactly three digits — is read both ways: five (a decimal comma,
/// as Russian writes it) or five thousand (a thousands separator, as English does). The engine
/// refuses it for goods counted in whole units (pieces, bags, pallets), where both readings are
/// plausible, and offers both; for tonnes, kilograms and m³ the decimal reading stands.
public struct TypedQuantity: Sendable, Equatable {
    public var quantity: Quantity
    /// The unit typed after the number (nil: the product's selling unit).
    public var unit: String?
    /// The thousands reading of an ambiguous `5,000`, with the text as typed.
    public var ambiguity: Ambiguity?

    public struct Ambiguity: Sendable, Equatable {
        public var text: String
        public var thousands: Quantity
    }

    /// Characters that separate groups of three digits: space, no-break space, narrow no-break space,
    /// thin space.
    static let groupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    /// Parses `text`; `field` names the request field in errors.
    /// - Throws: `invalid_quantity` when there is no number, `quantity_too_large` past 64 bits.
    /// - Complexity: O(n) in the length of `text`.
    public static func parse(_ text: String, field: String) throws(QuoteError) -> TypedQuantity {
        let chars = Array(text.trimmingPrefix(while: \.isWhitespace))
        let (digits, rest) = number(chars)
        var unit = String(rest).trimmingPrefix(while: \.isWhitespace)
        var factor: Int64 = 1
        if let stripped = thousandsWord(unit) {
            factor = 1_000
            unit = stripped.trimmingPrefix(while: \.isWhitespace)
        }
        let unitText = String(unit.reversed().drop(while: \.isWhitespace).reversed())
        var ambiguity: Ambiguity?
        if let thousands = ambiguousThousands(digits), factor == 1 {
            ambiguity = Ambiguity(text: text.trimmingCharacters(), thousands: try value(thousands, text: text, field: field, factor: 1))
        }
        let q = try value(digits, text: text, field: field, factor: factor)
        return TypedQuantity(quantity: q, unit: unitText.isEmpty ? nil : unitText, ambiguity: ambiguity)
    }

    /// The number at the start of `chars` with its group separators removed, and what follows it. A
    /// separator counts only between digits and before exactly three of them (`5 000`, not `12 под`).
    static func number(_ chars: [Character]) -> (String, ArraySlice<Character>) {
        var out = ""
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < chars.count && chars[k].isASCII && chars[k].isNumber }
        while i < chars.count {
            let c = chars[i]
            if c.isASCII && (c.isNumber || c == "." || c == "," || c == "-" || c == "+") {
                out.append(c)
                i += 1
            } else if groupSeparators.contains(c), i > 0, isDigit(i - 1), isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), !isDigit(i + 4) {
                i += 1
            } else {
                break
            }
        }
        return (out, chars[i...])
    }

    /// `тыс`, `тыс.`, `тысяч`, `тысячи`, `k`, `к` (not the `k` of `kg` or the `к` of `кг`, `куб`): the
    /// rest after it, or nil.
    static func thousandsWord(_ text: Substring) -> Substring? {
        let lower = text.lowercased()
        for word in ["тысячи", "тысяча", "тысяч", "тыс.", "тыс", "thousand"] where lower.hasPrefix(word) {
            return text.dropFirst(word.count)
        }
        if let first = text.first, first == "k" || first == "к" || first == "K" || first == "К" {
            let next = text.dropFirst().first
            if next == nil || next?.isLetter == false { return text.dropFirst() }
        }
        return nil
    }

    /// `5,000` or `12,500`: one comma, one to three digits before it, exactly three after, no dot. The
    /// thousands reading's digits, or nil.
    static func ambiguousThousands(_ digits: String) -> String? {
        let parts = digits.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, !digits.contains("."), (1...3).contains(parts[0].filter(\.isNumber).count),
            parts[1].count == 3, parts[1].allSatisfy(\.isNumber)
        else { return nil }
        return String(parts[0]) + String(parts[1])
    }

    static func value(_ digits: String, text: String, field: String, factor: Int64) throws(QuoteError) -> Quantity {
        switch Quantity.parse(Substring(digits), decimalComma: true) {
        case .success(let q):
            let (scaled, overflow) = q.milli.multipliedReportingOverflow(by: factor)
            guard !overflow else { throw QuoteError(.quantityTooLarge, Message("quantity.too_large_text", .text(text)), field: field) }
            return Quantity(milli: scaled)
        case .failure(.tooLarge):
            throw QuoteError(.quantityTooLarge, Message("quantity.too_large_text", .text(text)), field: field)
        case .failure(.tooManyDecimals):
            throw QuoteError(.invalidQuantity, Message("quantity.too_many_decimals", .text(text)), field: field)
        case .failure:
            throw QuoteError(
                .invalidQuantity, Message("quantity.not_a_number", .text(text)),
                field: field, candidates: OrderUnit.allCases.map(\.rawValue))
        }
    }
}

extension String {
    /// Without leading and trailing whitespace.
    func trimmingCharacters() -> String {
        String(self.trimmingPrefix(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
