/// Values from outside (catalog cells, request arguments) as they are echoed in messages and tables: cut to a
/// readable length, with control characters shown rather than sent to the terminal.
public enum Echo {
    /// The longest echo by default, in characters.
    public static let defaultLimit = 80

    /// `text` with every control character (C0, DEL, C1: ESC, CR, the bell…) and the bidirectional overrides
    /// written as `\u{…}` escapes, cut after `limit` characters with "… (N more bytes)".
    /// - Complexity: O(min(n, limit)): a 50 MB cell costs no more than a short one.
    public static func short(_ text: String, limit: Int = defaultLimit) -> String {
        var out = ""
        var shown = 0
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index != scalars.endIndex && shown < limit {
            let s = scalars[index]
            if isUnsafe(s) {
                out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
            shown += 1
            index = scalars.index(after: index)
        }
        guard index != scalars.endIndex else { return out }
        // How much was left out, counted in UTF-8 bytes (cheap on any length).
        let rest = text.utf8.count - String(scalars[..<index]).utf8.count
        return out + "… (\(rest) more bytes)"
    }

    /// The longest line of a message by default, in characters.
    public static let defaultLineLimit = 500

    /// A message or a table made safe to print: each line as `short` renders it (cut after `lineLimit`
    /// characters, control characters escaped), the line breaks kept. Text with nothing to change is returned
    /// as it is.
    /// - Complexity: O(n) in the length of `text`.
    public static func lines(_ text: String, lineLimit: Int = defaultLineLimit) -> String {
        var lineLength = 0
        var clean = true
        for s in text.unicodeScalars {
            if s == "\n" {
                lineLength = 0
                continue
            }
            lineLength += 1
            if lineLength > lineLimit || isUnsafe(s) {
                clean = false
                break
            }
        }
        if clean { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { short(String($0), limit: lineLimit) }.joined(
            separator: "\n")
    }

    /// Control characters and the bidirectional formatting characters that reorder what a terminal shows.
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E
            || v == 0x200F
    }

    /// Whether `text` would be echoed changed (it is long or has characters `short` escapes).
    public static func needsCare(_ text: String, limit: Int = defaultLimit) -> Bool {
        text.utf8.count > limit || text.unicodeScalars.contains(where: isUnsafe)
    }
}
