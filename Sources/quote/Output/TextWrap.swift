/// Breaking text into lines of a given width at spaces, so that no word — a grade such as `М150`, a size
/// such as `250×120×65` — is ever cut. Widths count characters (Cyrillic and Latin alike).
enum TextWrap {
    /// `text` in lines of at most `width` characters; a word longer than the width stands on its own line.
    /// - Complexity: O(n) in the length of `text`.
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var out: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                out.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || out.isEmpty { out.append(current) }
        return out
    }

    /// A paragraph: the first line starts with `prefix`, the others are indented by `indent` spaces.
    static func paragraph(_ text: String, width: Int, prefix: String = "", indent: Int = 0) -> String {
        let body = lines(text, width: max(width - max(prefix.count, indent), 20))
        var out = ""
        for (i, l) in body.enumerated() {
            out += (i == 0 ? prefix : String(repeating: " ", count: indent)) + l + "\n"
        }
        return out
    }
}
