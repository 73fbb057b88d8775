import QuoteCatalog

/// Writes one catalog CSV file: a header, then records, quoting a field only when it must be
/// (a comma, a quote, a line break, surrounding spaces, or a leading `#` that would read as a comment).
struct CSVBuilder {
    private(set) var text: String
    private(set) var records = 0
    private let columns: Int

    init(_ header: [String], reserve: Int = 0) {
        text = ""
        text.reserveCapacity(reserve)
        columns = header.count
        append(header)
        records = 0
    }

    mutating func row(_ fields: String...) { append(fields) }

    mutating func append(_ fields: [String]) {
        precondition(fields.count == columns, "\(fields.count) fields for \(columns) columns")
        for (i, f) in fields.enumerated() {
            if i > 0 { text += "," }
            text += CSVBuilder.quoted(f, first: i == 0)
        }
        text += "\n"
        records += 1
    }

    var bytes: [UInt8] { Array(text.utf8) }

    static func quoted(_ field: String, first: Bool) -> String {
        var needs = first && field.hasPrefix("#")
        if !needs, let f = field.utf8.first, let l = field.utf8.last, f == 0x20 || l == 0x20 { needs = true }
        if !needs {
            for b in field.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
                needs = true
                break
            }
        }
        guard needs else { return field }
        var out = "\""
        for c in field {
            out.append(c)
            if c == "\"" { out.append("\"") }
        }
        out += "\""
        return out
    }
}

/// Decimal text for the catalog files.
enum GeneratorFormat {
    /// 12345 kopecks → "123.45".
    static func money(_ kopecks: Int64) -> String { fixed(kopecks, places: 2, trim: false) }

    /// A list price as a price list writes it: to 10 kopecks under 100 roubles, else to the rouble
    /// (half up).
    static func roundedPrice(_ kopecks: Int64) -> Int64 {
        kopecks < 10_000 ? (kopecks + 5) / 10 * 10 : (kopecks + 50) / 100 * 100
    }

    /// Grams → kilograms with up to three decimals: 3600 → "3.6", 50000 → "50".
    static func kilograms(_ grams: Int64) -> String { fixed(grams, places: 3, trim: true) }

    static func fixed(_ value: Int64, places: Int, trim: Bool) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let negative = value < 0
        let v = negative ? -value : value
        var whole = String(v / scale)
        var fraction = String(v % scale)
        while fraction.count < places { fraction = "0" + fraction }
        if trim { while fraction.hasSuffix("0") { fraction.removeLast() } }
        if !fraction.isEmpty { whole += "." + fraction }
        return negative ? "-" + whole : whole
    }

    /// `n` with leading zeros to `width` digits.
    static func padded(_ n: Int, _ width: Int) -> String {
        var s = String(n)
        while s.count < width { s = "0" + s }
        return s
    }
}
