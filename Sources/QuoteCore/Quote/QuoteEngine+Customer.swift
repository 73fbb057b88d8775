/// Finding the customer a manager names: by id (Latin and Cyrillic look-alikes folded: `С-1001` with
/// a Cyrillic С is `C-1001`), by INN, or by any part of the name without the legal form and quotes
/// (`СтройДом` for ООО «СтройДом», `Петров` for ИП Петров Андрей Викторович).
extension QuoteEngine {
    /// Legal forms left out of a name before matching.
    static let legalForms: Set<String> = ["ооо", "оао", "зао", "пао", "ао", "ип", "нао", "ooo", "ip", "llc", "ao"]

    /// The customer named in the request, or nil when it names none.
    /// - Throws: `unknown_customer` with did-you-mean when none matches, or the candidates when a
    ///   part of a name matches several.
    static func resolveCustomer(_ text: String?, in catalog: Catalog) throws(QuoteError) -> Customer? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        if let c = catalog.customers[CustomerID(text)] { return c }
        let all = catalog.customers.values.sorted { $0.id < $1.id }
        let id = lookalikeKey(text)
        if let c = all.first(where: { lookalikeKey($0.id.rawValue) == id }) { return c }
        let digits = text.filter { !$0.isWhitespace }
        if digits.count == 10 || digits.count == 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let c = all.first(where: { $0.inn == digits })
        {
            return c
        }
        let key = NameKey.normalize(bareName(text))
        if let c = all.first(where: { NameKey.normalize(bareName($0.name)) == key }) { return c }
        let partial = key.count >= 3 ? all.filter { NameKey.normalize(bareName($0.name)).contains(key) } : []
        if partial.count == 1 { return partial[0] }
        if partial.count > 1 {
            throw QuoteError(
                .unknownCustomer, Message("customer.ambiguous", .text(text)),
                field: "customer", candidates: partial.map { "\($0.id) \($0.name)" })
        }
        let labels = all.flatMap { [$0.id.rawValue, bareName($0.name)] }
        throw QuoteError(
            .unknownCustomer, Message("customer.unknown", .text(text)),
            field: "customer", candidates: NameKey.suggestions(for: bareName(text), among: labels))
    }

    /// `name` without its legal form and quotes: "ООО «СтройДом»" → "СтройДом".
    static func bareName(_ name: String) -> String {
        let quotes: Set<Character> = ["«", "»", "\"", "'", "“", "”", "„"]
        let words = name.split { $0.isWhitespace || quotes.contains($0) }
        let kept = words.filter { !legalForms.contains($0.lowercased()) }
        return kept.isEmpty ? name : kept.joined(separator: " ")
    }

    /// An id with Cyrillic letters that look like Latin ones read as those (С → C, О → O, Р → P …),
    /// upper-cased, separators dropped.
    static func lookalikeKey(_ id: String) -> String {
        let lookalikes: [Character: Character] = [
            "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y",
        ]
        var out = ""
        for ch in id.uppercased() where ch.isLetter || ch.isNumber {
            out.append(lookalikes[ch] ?? ch)
        }
        return out
    }
}
