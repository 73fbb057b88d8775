/// One sheet's cells, row by row, with merged ranges filled in and blank rows left out.
package struct Sheet: Sendable {
    package var name: String
    /// Rows in order, each with at least one cell that is not empty.
    package var rows: [Row]
    /// The widest row's last column (1-based): rows are as wide as this when read as a table.
    package var width: Int

    package struct Row: Sendable {
        /// The row's number on the sheet (1-based), as the spreadsheet shows it.
        package var number: Int
        /// The cells by column, ascending; columns between them are empty.
        package var cells: [Cell]
    }

    package struct Cell: Sendable {
        /// 1-based: A is 1.
        package var column: Int
        package var value: Value
    }

    /// What a cell holds, as read.
    package enum Value: Sendable, Equatable {
        /// Text: a shared string, an inline string or a formula's text result.
        case text(String)
        /// A number, as a plain decimal (`1254.5`, `-0.001`): at most 15 significant digits, as a spreadsheet
        /// shows it, so that a binary artefact such as `12.300000000000001` reads `12.3`.
        case number(String)
        /// A number shown as a date: `2026-12-01`, or `2026-12-01T10:30:00` with a time of day.
        case date(String)
        case bool(Bool)
        /// A formula's error (`#DIV/0!`, `#N/A`).
        case error(String)
        /// A formula whose value was never saved (the file was written by a program that does not calculate).
        case formulaWithoutValue
        case empty
    }
}

extension Sheet.Value {
    /// The value as a catalog cell's text: numbers as plain decimals, dates ISO-8601, booleans `true`/`false`.
    package var text: String {
        switch self {
        case .text(let s), .number(let s), .date(let s), .error(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .formulaWithoutValue, .empty: return ""
        }
    }

    var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .text(let s): return s.allSatisfy(\.isWhitespace)
        default: return false
        }
    }
}

/// A cell reference's parts: `C14` is column 3, row 14.
package enum CellReference {
    /// (column, row), 1-based; nil for what is not a reference.
    package static func parse(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0
        var sawDigit = false
        for u in reference.utf8 {
            switch u {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit: column = column * 26 + Int(u - 64)
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit: column = column * 26 + Int(u - 96)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(u - 48)
            default: return nil
            }
            if column > 16_384 || row > 1_048_576 { return nil }  // Excel's largest sheet: XFD1048576
        }
        return column > 0 && row > 0 ? (column, row) : nil
    }
}
