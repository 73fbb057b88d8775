/// Writes JSON text directly, keys in the order they are written, so output is byte-for-byte stable
/// and needs no intermediate tree or Foundation.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma = [false]

    public init(capacity: Int = 2048) { text.reserveCapacity(capacity) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ k: String?) {
        separate()
        if let k {
            JSONWriter.appendQuoted(k, to: &text)
            text += ":"
        }
    }

    public mutating func beginObject(_ k: String? = nil) {
        key(k)
        text += "{"
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        text += "}"
    }

    public mutating func beginArray(_ k: String? = nil) {
        key(k)
        text += "["
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        text += "]"
    }

    public mutating func string(_ k: String?, _ value: String?) {
        key(k)
        if let value { JSONWriter.appendQuoted(value, to: &text) } else { text += "null" }
    }

    public mutating func bool(_ k: String?, _ value: Bool) {
        key(k)
        text += value ? "true" : "false"
    }

    public mutating func int(_ k: String?, _ value: Int64) {
        key(k)
        text += String(value)
    }

    /// Writes `json`, already JSON text, as the value.
    public mutating func raw(_ k: String?, _ json: String) {
        key(k)
        text += json
    }

    public mutating func null(_ k: String?) {
        key(k)
        text += "null"
    }

    /// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (Cyrillic included) as UTF-8. Runs of plain bytes are appended whole, and a
    /// string with nothing to escape (nearly every one) is appended as it is, without a copy made first.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        var s = s
        let plain = s.withUTF8 { bytes in !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
        if plain {
            out += s
            out += "\""
            return
        }
        s.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if start < i { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) }
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = String(b, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                start = i + 1
            }
            if start < bytes.count { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self) }
        }
        out += "\""
    }
}
