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
        sum: inout UInt64, _ body: (SQLiteStatement) -> Message?
    ) throws(SQLiteError) {
        let count = Int32(types.utf8CodeUnitCount)
        var problem: Message?
        var total = sum
        try db.query("SELECT \(columns), h FROM \(table) WHERE \(condition)", values) { r in
            guard problem == nil else { return }
            if let bad = r.mistypedColumn(types) {
                let name = columns.split(separator: ",").dropFirst(bad).first?.trimmingPrefix(while: \.isWhitespace) ?? "column \(bad + 1)"
                let text = types.withUTF8Buffer { $0[bad] == UInt8(ascii: "T") }
                problem = Message(
                    "db.row_type", .verbatim(key(r)), .verbatim(String(name)), .message(typeName(r.columnType(Int32(bad)))),
                    .message(Message(text ? "db.type.text" : "db.type.integer")))
                return
            }
            let h = r.int(count)
            guard r.columnType(count) == SQLITE_INTEGER, r.checksum(table: table, columns: count) == h else {
                problem = Message("db.row_checksum", .verbatim(key(r)))
                return
            }
            total &+= UInt64(bitPattern: h)
            if let wrong = body(r) { problem = Message("db.row_wrong", .verbatim(key(r)), .message(wrong)) }
        }
        sum = total
        if let problem {
            throw SQLiteError(code: 0, Message("db.table_damaged", .verbatim(table), .message(problem)))
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

    private static func typeName(_ type: Int32) -> Message {
        switch type {
        case SQLITE_INTEGER: return Message("db.type.integer")
        case SQLITE_TEXT: return Message("db.type.text")
        case SQLITE_NULL: return Message("db.type.null")
        case SQLITE_FLOAT: return Message("db.type.float")
        default: return Message("db.type.blob")
        }
    }
}

/// The value rules of the CSV compiler, for values read back from a database.
enum ValueRule {
    static let largestMoney: Int64 = 1_000_000_000_000

    static func money(_ v: Int64, _ name: String, positive: Bool = false) -> Message? {
        let value = [MessageArg.verbatim(name), .amount(Money(kopecks: v))]
        if v < 0 || (positive && v == 0) { return Message(positive ? "value.not_positive" : "value.negative", args: value) }
        return v > largestMoney ? Message("value.money_too_large", args: value) : nil
    }

    /// A list price: more than zero, at most 10 000 000 000.0000 for its units.
    static func unitPrice(_ p: UnitPrice) -> Message? {
        let value = [MessageArg.verbatim("price"), .listPrice(p)]
        if p.units <= 0 { return Message("value.not_positive", args: value) }
        return p.units > largestMoney * 100 ? Message("value.money_too_large", args: value) : nil
    }

    static func quantity(_ v: Int64, _ name: String, positive: Bool = false) -> Message? {
        let value = [MessageArg.verbatim(name), .figure(Quantity(milli: v))]
        if v < 0 || (positive && v == 0) { return Message(positive ? "value.not_positive" : "value.negative", args: value) }
        return v > Quantity.maximum.milli ? Message("value.quantity_too_large", args: value) : nil
    }

    static func optionalQuantity(_ v: Int64?, _ name: String) -> Message? { v.flatMap { quantity($0, name, positive: true) } }

    static func range(_ v: Int64, _ name: String, _ range: ClosedRange<Int64>) -> Message? {
        range.contains(v)
            ? nil
            : Message(
                "value.out_of_range", .verbatim(name), .verbatim(String(v)), .verbatim(String(range.lowerBound)),
                .verbatim(String(range.upperBound)))
    }

    static func optionalRange(_ v: Int64?, _ name: String, _ r: ClosedRange<Int64>) -> Message? { v.flatMap { range($0, name, r) } }

    static func rate(_ v: Int64, _ name: String) -> Message? { range(v, name, 0...10_000) }

    static func flag(_ v: Int64, _ name: String) -> Message? { range(v, name, 0...1) }

}
