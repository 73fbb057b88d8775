/// Writes JSON text directly, keys in the order they are written, so output is byte-for-byte stable
/// and needs no intermediate tree or Foundation.
///
/// The text is gathered as UTF-8 bytes and made a `String` once, when `text` is read: appending to a
/// `String` piece by piece costs a few hundred instructions an append (a response is about a thousand
/// of them), appending bytes a few.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = [false]

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// The JSON text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func literal(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ k: String?) {
        separate()
        if let k {
            JSONWriter.appendQuoted(k, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    public mutating func beginObject(_ k: String? = nil) {
        key(k)
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray(_ k: String? = nil) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func string(_ k: String?, _ value: String?) {
        key(k)
        if let value { JSONWriter.appendQuoted(value, to: &bytes) } else { literal("null") }
    }

    public mutating func bool(_ k: String?, _ value: Bool) {
        key(k)
        if value { literal("true") } else { literal("false") }
    }

    public mutating func int(_ k: String?, _ value: Int64) {
        key(k)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes `json`, already JSON text, as the value.
    public mutating func raw(_ k: String?, _ json: String) {
        key(k)
        bytes.append(contentsOf: json.utf8)
    }

    /// Writes `value` as the value.
    public mutating func value(_ k: String?, _ value: JSONValue) {
        key(k)
        value.write(to: &bytes)
    }

    public mutating func null(_ k: String?) {
        key(k)
        literal("null")
    }

    /// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (Cyrillic included) as UTF-8, runs of plain bytes copied whole.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { text in
            var start = 0
            for i in 0..<text.count {
                let b = text[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<i]))
                appendEscape(b, to: &out)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<text.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `appendQuoted` onto a `String`.
    public static func appendQuoted(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        appendQuoted(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// The escape of one byte that a JSON string cannot hold as it is: `\"`, `\\`, `\n`, `\r`, `\t`,
    /// or `\u00XX` for the other control characters.
    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch b {
        case 0x22: out.append(UInt8(ascii: "\""))
        case 0x5C: out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { hex in
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]])
            }
        }
    }
}
