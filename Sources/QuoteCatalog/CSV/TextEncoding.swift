#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encodings a catalog file may come in: UTF-8 (with or without a byte-order mark), or
/// Windows-1251, which 1C and a Russian-locale Excel write when told "CSV" without "UTF-8".
///
/// Conversion goes through the C library's iconv, not a table of our own.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case windows1251 = "Windows-1251"

    /// `bytes` as text: UTF-8 when they are valid UTF-8; else Windows-1251 when they read as Russian text in
    /// it (see `looksLikeWindows1251`); else nil. A UTF-8 byte-order mark is dropped.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> (text: String, encoding: TextEncoding)? {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        guard looksLikeWindows1251(body), let utf8 = convert(Array(body), from: "CP1251", to: "UTF-8"),
            let text = String(validating: utf8, as: UTF8.self)
        else { return nil }
        return (text, .windows1251)
    }

    /// `text` in this encoding (for writing a file back as it came); nil if a character has no code in it.
    public func encode(_ text: String) -> [UInt8]? {
        switch self {
        case .utf8: return Array(text.utf8)
        case .windows1251: return TextEncoding.convert(Array(text.utf8), from: "UTF-8", to: "CP1251")
        }
    }

    /// Whether the bytes over 0x7F are what Russian text in Windows-1251 is made of: at least four in five of
    /// them Cyrillic letters (0xC0–0xFF, Ё ё) or the no-break space (1C's thousands separator), №, the
    /// typographic dashes and quotes. A Latin-1 or damaged file is not Windows-1251 and stays refused.
    static func looksLikeWindows1251(_ bytes: ArraySlice<UInt8>) -> Bool {
        let punctuation: Set<UInt8> = [0xA0, 0xB9, 0x96, 0x97, 0xAB, 0xBB, 0x93, 0x94, 0x85]
        var high = 0, russian = 0
        for b in bytes where b >= 0x80 {
            high += 1
            if b >= 0xC0 || b == 0xA8 || b == 0xB8 || punctuation.contains(b) { russian += 1 }
            if b == 0x98 { return false }  // no character in Windows-1251
        }
        return high > 0 && russian * 5 >= high * 4
    }

    /// `bytes` converted by iconv, or nil when a byte sequence has no conversion.
    static func convert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
        let cd = iconv_open(to, from)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        if bytes.isEmpty { return [] }
        // A Windows-1251 byte is at most three bytes of UTF-8, and UTF-8 never grows into Windows-1251.
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 4)
        var input = bytes
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return nil }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1 as Int, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output.prefix(produced))
    }
}
