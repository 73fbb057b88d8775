import QuoteCore
import QuoteWorkbook

/// Excel workbooks (`.xlsx`) read as tables: one sheet becomes the header and records a CSV file would give,
/// so that every check, warning and mapping applies to it unchanged.
///
/// A field's `line` is the sheet's row number and its `column` the column's number (A is 1), so an issue
/// names the cell as the spreadsheet shows it (`stock.xlsx:Лист1!C14`). Cells are read as text the
/// catalog's readers accept: numbers as plain decimals (`1254.5`; at most 15 significant digits, as the
/// spreadsheet shows them), dates as `YYYY-MM-DD` (with `THH:MM:SS` when a time of day is set), booleans
/// as `true`/`false`, formulas by the value last saved with them. Blank rows and rows whose first cell
/// starts with `#` are passed over, as in CSV; every row is as wide as the widest of the first 21 (the header's), so
/// a cell left empty at the end of a row is an empty value, not a row cut short. Numbers typed as text may have a decimal comma.
extension CSVTable {
    /// The most cells one sheet is read into: 20 million (a 100 000-SKU stock table has 600 000), so that a
    /// stray value in column XFD does not make every row 16 384 fields wide.
    static let cellLimit = 20_000_000

    /// Whether `bytes` are to be read as a workbook: the name says `.xlsx` (or `.xlsm`), or the bytes are a
    /// ZIP archive (which no CSV file is).
    static func isWorkbook(file: String, bytes: [UInt8]) -> Bool {
        let lower = file.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// The table on `sheet` (nil: the first visible sheet) of the workbook `bytes`, the contents of `file`.
    /// - Returns: the table, or the issue: what is wrong with the file, a sheet it lacks, or the first cell
    ///   holding a formula's error or a formula without a saved value.
    public static func workbook(file: String, bytes: [UInt8], sheet name: String? = nil) -> Result<CSVTable, CatalogIssue> {
        let book: Workbook
        switch Workbook.open(bytes) {
        case .success(let b): book = b
        case .failure(let e): return .failure(CatalogIssue(file: file, line: 0, column: 0, e.text))
        }
        let sheet: Sheet
        switch book.sheet(named: name) {
        case .success(let s): sheet = s
        case .failure(let e):
            let text = name == nil ? e.text : Message("workbook.choose_sheet", .message(e.text))
            return .failure(CatalogIssue(file: file, line: 0, column: 0, text))
        }
        // Rows as wide as the widest of the first 21 (where the header is looked for), or their own last cell.
        let width = sheet.rows.prefix(21).map { $0.cells.last?.column ?? 0 }.max() ?? 1
        let cellCount = sheet.rows.reduce(0) { $0 + max(width, $1.cells.last?.column ?? 0) }
        guard cellCount <= cellLimit else {
            return .failure(
                CatalogIssue(
                    file: file, line: 0, column: 0,
                    Message(
                        "workbook.too_many_cells", .whole(Int64(cellCount)), .whole(Int64(sheet.rows.count)),
                        .verbatim(ColumnLetter.of(width - 1)),
                        .whole(Int64(cellLimit))),
                    sheet: sheet.name))
        }
        var records: [Record] = []
        for row in sheet.rows {
            var fields: [Field] = []
            let rowWidth = max(width, row.cells.last?.column ?? 0)
            fields.reserveCapacity(rowWidth)
            var cells = row.cells[...]
            for column in 1...max(1, rowWidth) {
                var text = ""
                if let cell = cells.first, cell.column == column {
                    cells = cells.dropFirst()
                    if let issue = unreadable(cell.value, file: file, sheet: sheet.name, row: row.number, column: column) {
                        return .failure(issue)
                    }
                    text = cell.value.text
                }
                fields.append(Field(text: text, line: row.number, column: column))
            }
            if let first = fields.first(where: { !$0.text.isEmpty }), first.text.hasPrefix("#") { continue }
            records.append(Record(line: row.number, fields: fields))
        }
        guard let first = records.first else {
            return .failure(
                CatalogIssue(file: file, line: 0, column: 0, Message("workbook.empty_sheet"), sheet: sheet.name))
        }
        var header = first.fields
        for i in header.indices { header[i].text = header[i].text.trimmingSpaces }
        var table = CSVTable(file: file, header: header, records: Array(records.dropFirst()), decimalComma: true)
        table.sheet = sheet.name
        return .success(table)
    }

    /// The issue of a cell whose value cannot be read: a formula's error, a formula never calculated.
    private static func unreadable(_ value: Sheet.Value, file: String, sheet: String, row: Int, column: Int) -> CatalogIssue? {
        switch value {
        case .error(let code):
            return CatalogIssue(
                file: file, line: row, column: column,
                Message("workbook.cell_error", .verbatim(code)), sheet: sheet)
        case .formulaWithoutValue:
            return CatalogIssue(
                file: file, line: row, column: column,
                Message("workbook.formula_without_value"), sheet: sheet)
        default: return nil
        }
    }
}
