import HTTPTypes

#if canImport(Glibc)
import Glibc
#endif

/// The keys that let a caller see internal data (costs, margins): from `QUOTE_INTERNAL_KEYS`
/// (comma-separated) and a file of one key per line. Without a matching key, `"internal": true`
/// is refused with 403.
public struct InternalKeys: Sendable {
    let keys: [[UInt8]]

    public init(keys: [String]) {
        self.keys = keys.map { Array($0.utf8) }.filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { keys.isEmpty }

    public struct Problem: Error, Sendable { public var text: String }

    static func load(environment: String?, file: String?) -> Result<InternalKeys, Problem> {
        var list = (environment ?? "").split(separator: ",").map { String($0).trimmingSpaces }
        if let file {
            guard let text = readText(file) else { return .failure(Problem(text: "Cannot read the internal keys file \(file).")) }
            list += text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { String($0).trimmingSpaces }.filter {
                !$0.hasPrefix("#")
            }
        }
        return .success(InternalKeys(keys: list))
    }

    /// Whether the request presents a configured key, as `Authorization: Bearer KEY` or `X-Quote-Key: KEY`.
    func allows(_ headers: HTTPFields) -> Bool {
        guard !keys.isEmpty else { return false }
        var presented: [Substring] = []
        if let auth = headers[.authorization], auth.count > 7, auth.prefix(7).lowercased() == "bearer " {
            presented.append(auth.dropFirst(7))
        }
        if let name = HTTPField.Name("X-Quote-Key"), let key = headers[name] { presented.append(Substring(key)) }
        return presented.contains { candidate in
            let bytes = Array(candidate.utf8)
            return keys.contains { Self.same($0, bytes) }
        }
    }

    /// Compares without stopping at the first difference, so the time taken does not tell how much of a key was right.
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    private static func readText(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while out.count <= 1 << 20 {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, f) }
            if n > 0 { out.append(contentsOf: buffer[0..<n]) }
            if n < 4096 { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
