import CSQLite
import QuoteCore

/// Reading a compiled catalog's rows with their checks: every row's types and checksum (`RowChecksum`), then
/// its values by the rules the CSV compiler applies (no negative price, cost or stock, ranges as in
/// `catalogs/README.md`). A row that fails any check stops the read with the table, the row and what is
/// wrong, so a damaged database is refused (exit 3) and never becomes a wrong number.
///
/// Cost: one FNV-1a pass over the bytes of each row read — the rows a request needs, a few dozen for a
/// one-line quote — not over the file. The whole-content checksum (`meta.content_checksum`) is compared
/// when the whole catalog is read (`CatalogStore.loadAll`).
enum CheckedRows {
    /// Runs `SELECT columns, h FROM table WHERE condition` and hands each row that passes its checks to
    /// `body`, which reads it and returns what is wrong with its values, or nil. `types` spells the columns'
    /// types (`SQLiteStatement.mistypedColumn`); `columns` must be every column of the table but `h`, in
    /// order, since the checksum covers them all. Adds each row's checksum to `sum`.
    static func read(
        _ db: SQLiteDatabase, _ table: String, _ columns: String, types: StaticString, where condition: String, _ values: [SQLiteValue],
        sum: inout UInt64, _ body: (SQLiteStatement) -> String?
    ) throws(SQLiteError) {
        let count = Int32(types.utf8CodeUnitCount)
        var problem: String?
        var total = sum
        try db.query("SELECT \(columns), h FROM \(table) WHERE \(condition)", values) { r in
            guard problem == nil else { return }
            if let bad = r.mistypedColumn(types) {
                let name = columns.split(separator: ",").dropFirst(bad).first?.trimmingPrefix(while: \.isWhitespace) ?? "column \(bad + 1)"
                let text = types.withUTF8Buffer { $0[bad] == UInt8(ascii: "T") }
                problem = "row \(key(r)): \(name) is \(typeName(r.columnType(Int32(bad)))), not \(text ? "text" : "a whole number")"
                return
            }
            let h = r.int(count)
            guard r.columnType(count) == SQLITE_INTEGER, r.checksum(table: table, columns: count) == h else {
                problem = "row \(key(r)) does not match its checksum"
                return
            }
            total &+= UInt64(bitPattern: h)
            if let wrong = body(r) { problem = "row \(key(r)): \(wrong)" }
        }
        sum = total
        if let problem {
            throw SQLiteError(code: 0, Message("db.table_damaged", .verbatim(table), .verbatim(problem)))
        }
    }

    /// The row's first two columns, for messages ("BR-NF-M150-SOL/PL-TVER").
    private static func key(_ r: SQLiteStatement) -> String {
        func show(_ c: Int32) -> String {
            switch r.columnType(c) {
            case SQLITE_INTEGER: return String(r.int(c))
            case SQLITE_TEXT: return Echo.short(r.text(c), limit: 40)
            default: return "?"
            }
        }
        return show(0) + "/" + show(1)
    }

    private static func typeName(_ type: Int32) -> String {
        switch type {
        case SQLITE_INTEGER: return "a whole number"
        case SQLITE_TEXT: return "text"
        case SQLITE_NULL: return "empty (NULL)"
        case SQLITE_FLOAT: return "a floating-point number"
        default: return "binary data"
        }
    }
}

/// The value rules of the CSV compiler, for values read back from a database.
enum ValueRule {
    static let largestMoney: Int64 = 1_000_000_000_000

    static func money(_ v: Int64, _ name: String, positive: Bool = false) -> String? {
        if v < 0 || (positive && v == 0) { return "\(name) \(Money(kopecks: v).decimalString) \(positive ? "is not more than zero" : "is negative")" }
        return v > largestMoney ? "\(name) \(Money(kopecks: v).decimalString) is more than 10 000 000 000.00" : nil
    }

    /// A list price: more than zero, at most 10 000 000 000.0000 for its units.
    static func unitPrice(_ p: UnitPrice) -> String? {
        if p.units <= 0 { return "price \(p.decimalString) is not more than zero" }
        return p.units > largestMoney * 100 ? "price \(p.decimalString) is more than 10 000 000 000.00" : nil
    }

    static func quantity(_ v: Int64, _ name: String, positive: Bool = false) -> String? {
        if v < 0 || (positive && v == 0) { return "\(name) \(Quantity(milli: v).decimalString) \(positive ? "is not more than zero" : "is negative")" }
        return v > Quantity.maximum.milli ? "\(name) \(Quantity(milli: v).decimalString) is more than the largest quantity" : nil
    }

    static func optionalQuantity(_ v: Int64?, _ name: String) -> String? { v.flatMap { quantity($0, name, positive: true) } }

    static func range(_ v: Int64, _ name: String, _ range: ClosedRange<Int64>) -> String? {
        range.contains(v) ? nil : "\(name) \(v) is out of range (\(range.lowerBound)…\(range.upperBound))"
    }

    static func optionalRange(_ v: Int64?, _ name: String, _ r: ClosedRange<Int64>) -> String? { v.flatMap { range($0, name, r) } }

    static func rate(_ v: Int64, _ name: String) -> String? { range(v, name, 0...10_000) }

    static func flag(_ v: Int64, _ name: String) -> String? { range(v, name, 0...1) }

}
