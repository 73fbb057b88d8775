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
        var h = Hasher64(table)
        for v in values {
            switch v {
            case .null: h.byte(0)
            case .int(let n):
                h.byte(1)
                h.int(n)
            case .text(let s):
                h.byte(2)
                var s = s
                s.withUTF8 { h.text($0) }
            }
        }
        return Int64(bitPattern: h.value)
    }
}

/// FNV-1a over bytes, as `FNV1a` (QuoteCore) computes it, in a loop the compiler specialises here (a generic
/// call across modules costs several times as much per byte).
struct Hasher64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The offset basis: nothing hashed yet.
    init() {}

    /// Starts with `table` and a separator, as `FNV1a.add(String)` does.
    init(_ table: String) {
        var t = table
        t.withUTF8 { bytes(UnsafeBufferPointer(rebasing: $0[...])) }
        byte(0x1F)
    }

    @inline(__always) mutating func byte(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func bytes(_ buffer: UnsafeBufferPointer<UInt8>) {
        var v = value
        for b in buffer {
            v ^= UInt64(b)
            v = v &* 0x0000_0100_0000_01B3
        }
        value = v
    }

    /// `text` and a separator, as `FNV1a.add(String)` adds them.
    mutating func add(_ text: String) {
        var t = text
        t.withUTF8 { bytes(UnsafeBufferPointer(rebasing: $0[...])) }
        byte(0x1F)
    }

    /// `data`'s bytes, as `FNV1a.add(_:)` adds a byte sequence.
    mutating func add(_ data: [UInt8]) { data.withUnsafeBufferPointer { bytes($0) } }

    /// Sixteen hex digits, as `FNV1a.hex`.
    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The eight bytes of `n`, least significant first.
    mutating func int(_ n: Int64) {
        var v = UInt64(bitPattern: n)
        for _ in 0..<8 {
            byte(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Its length (eight bytes) and its bytes.
    mutating func text(_ buffer: UnsafeBufferPointer<UInt8>) {
        int(Int64(buffer.count))
        bytes(buffer)
    }
}

extension SQLiteStatement {
    /// The checksum of the first `count` columns of the current row, as `RowChecksum.of` computes it for the
    /// values written; a REAL or BLOB (which the writer never stores) gives a checksum no row has.
    func checksum(table: String, columns count: Int32) -> Int64 {
        var h = Hasher64(table)
        for c in 0..<count {
            switch columnType(c) {
            case SQLITE_NULL: h.byte(0)
            case SQLITE_INTEGER:
                h.byte(1)
                h.int(int(c))
            case SQLITE_TEXT:
                h.byte(2)
                h.text(rawText(c))
            default: h.byte(9)
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
