/// Text columns padded to their widest cell, counting characters (so Cyrillic aligns with Latin).
enum Columns {
    /// `s` cut to `width` characters, the last one an ellipsis (for lists where a cell may not wrap).
    static func clip(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(width - 1)) + "…"
    }

    /// - Parameters:
    ///   - wrapping: the column that gives way when the rows are wider than `width`: its cells wrap at
    ///     spaces over several lines (never cutting a word), the other columns keep their width.
    static func render(
        _ rows: [[String]], rightAligned: Set<Int>, header: Bool = true, indent: Int = 2, wrapping: Int? = nil, width: Int
    ) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        if let w = wrapping, w < columns {
            let others = widths.enumerated().filter { $0.offset != w }.reduce(0) { $0 + $1.element } + 2 * (columns - 1) + indent
            widths[w] = max(12, min(widths[w], width - others))
        }
        var out = ""
        for (n, r) in rows.enumerated() {
            let cellLines = r.enumerated().map { i, c in i == wrapping && c.count > widths[i] ? TextWrap.lines(c, width: widths[i]) : [c] }
            let height = cellLines.map(\.count).max() ?? 1
            for k in 0..<height {
                var cells: [String] = []
                for (i, lines) in cellLines.enumerated() {
                    let c = k < lines.count ? lines[k] : ""
                    let padding = String(repeating: " ", count: max(0, widths[i] - c.count))
                    cells.append(rightAligned.contains(i) ? padding + c : c + padding)
                }
                var text = String(repeating: " ", count: indent) + cells.joined(separator: "  ")
                while text.hasSuffix(" ") { text.removeLast() }
                out += text + "\n"
            }
            if header && n == 0 {
                out +=
                    String(repeating: " ", count: indent) + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }
}
