import CSQLite
import QuoteCore

/// The checksum every row of a compiled catalog carries in its last column, `h`.
///
/// FNV-1a (64 bits) over the table's name and the row's values, each with its type (integer, text, null) and,
/// for text, its length: a value of another type, another length or any one byte changed gives another
/// checksum (FNV-1a's steps are bijections, so two inputs of the same length that differ in one byte never
/// collide). The writer computes it from the values it inserts; the reader recomputes it from the values
/// SQLite hands back, before using them. It guards against damage (a flipped bit, a page of another table, a
/// hand edit), not against someone who recomputes it: that is what the cache's owner and mode check is for.
enum RowChecksum {
    static func of(table: String, _ values: [SQLiteValue]) -> Int64 {
        var h = FNV1a()
        h.add(table)
        for v in values {
            switch v {
            case .null: h.add(CollectionOfOne(0))
            case .int(let n):
                h.add(CollectionOfOne(1))
                h.add(n)
            case .text(let s):
                h.add(CollectionOfOne(2))
                var s = s
                s.withUTF8 { bytes in
                    h.add(Int64(bytes.count))
                    h.add(bytes)
                }
            }
        }
        return Int64(bitPattern: h.value)
    }
}

extension SQLiteStatement {
    /// The checksum of the first `count` columns of the current row, as `RowChecksum.of` computes it for the
    /// values written; a REAL or BLOB (which the writer never stores) gives a checksum no row has.
    func checksum(table: String, columns count: Int32) -> Int64 {
        var h = FNV1a()
        h.add(table)
        for c in 0..<count {
            switch columnType(c) {
            case SQLITE_NULL: h.add(CollectionOfOne(0))
            case SQLITE_INTEGER:
                h.add(CollectionOfOne(1))
                h.add(int(c))
            case SQLITE_TEXT:
                h.add(CollectionOfOne(2))
                let bytes = rawText(c)
                h.add(Int64(bytes.count))
                h.add(bytes)
            default: h.add(CollectionOfOne(9))
            }
        }
        return Int64(bitPattern: h.value)
    }

    /// Whether the first columns have the types `types` spells, one letter each: `I` an integer, `i` an integer
    /// or NULL, `T` text. Returns the index of the first column that does not, or nil.
    func mistypedColumn(_ types: StaticString) -> Int? {
        var index = 0
        var bad: Int?
        types.withUTF8Buffer { letters in
            for letter in letters {
                let t = columnType(Int32(index))
                let ok: Bool
                switch letter {
                case UInt8(ascii: "I"): ok = t == SQLITE_INTEGER
                case UInt8(ascii: "i"): ok = t == SQLITE_INTEGER || t == SQLITE_NULL
                default: ok = t == SQLITE_TEXT
                }
                if !ok && bad == nil { bad = index }
                index += 1
            }
        }
        return bad
    }
}
