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
}
