/// Spreadsheet column letters: A for the first column, Z for the 26th, AA for the 27th.
enum ColumnLetter {
    /// The letter of the column at 0-based `index`.
    static func of(_ index: Int) -> String {
        var n = max(0, index) + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// A sheet's name as a cell reference writes it: as it is when it is letters, digits and `_` (Cyrillic
    /// included), else in single quotes with a quote doubled (`'Прайс 2026'`).
    static func quotedSheet(_ name: String) -> String {
        if !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return name }
        return "'" + name.replacing("'", with: "''") + "'"
    }
}
