import QuoteCore

/// Collects every problem found in a catalog, so one build reports them all rather than one per run; and the
/// warnings (a column ignored, a title row skipped), which do not stop a build.
final class IssueLog {
    var issues: [CatalogIssue] = []
    var warnings: [CatalogIssue] = []
    /// Reports past this many are dropped (a wrong separator would otherwise report every cell).
    static let limit = 200

    /// Tables read from workbooks: the name a check uses (`stock.csv` or `stock.xlsx`) → the workbook and the
    /// sheet, so that every issue in them is located `stock.xlsx:Лист1!C14`.
    private var workbooks: [String: (file: String, sheet: String)] = [:]

    /// Locates the issues of `table` (and of its kind's `.csv` name) on its sheet, when it is a workbook's.
    func note(_ table: CSVTable) {
        guard let sheet = table.sheet else { return }
        workbooks[table.file] = (table.file, sheet)
        workbooks[CatalogFileName.csv(table.file)] = (table.file, sheet)
    }

    private func issue(_ file: String, _ line: Int, _ column: Int, _ message: String) -> CatalogIssue {
        guard let book = workbooks[file] else { return CatalogIssue(file: file, line: line, column: column, message: message) }
        return CatalogIssue(file: book.file, line: line, column: column, message: message, sheet: line > 0 ? book.sheet : nil)
    }

    func add(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        if issues.count < IssueLog.limit { issues.append(issue(file, line, column, message)) }
    }

    func warn(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        if warnings.count < IssueLog.limit { warnings.append(issue(file, line, column, message)) }
    }
}

/// Reads one CSV file's columns by name, checking that the header has the columns expected.
///
/// What spreadsheets and 1C add is passed over with a warning: title rows above the header, columns of
/// their own (notes, a name column in a stock file), unnamed columns (an empty one at the end of every row
/// as 1C writes it is passed over silently). A column whose name is close to an expected one stays an
/// error: a typo in a header must not silently drop data.
struct TableReader {
    let table: CSVTable
    let log: IssueLog
    private var index: [String: Int] = [:]
    /// No unknown or repeated column: only then is a row with fewer fields than the header cut short (with a
    /// wrong header, the header is the one mistake to report).
    private var headerIsSound = true
    /// The fields a row must have: up to the last column read (ignored columns after it may be left out).
    private var neededFields = 0
    /// A required column is missing: that is the error, and its cells are not reported empty row by row.
    private var missingColumn = false

    /// - Parameter optional: columns a header may name or leave out (newer columns with a default).
    init(_ table: CSVTable, columns: [String], optional: [String] = [], log: IssueLog) {
        let expected = columns + optional
        let table = table.locatingHeader(known: Set(expected))
        self.table = table
        self.log = log
        log.note(table)
        if table.titleLines > 0, let first = table.header.first {
            log.warn(
                table.file, first.line, 1,
                "the header is on line \(first.line): \(table.titleLines) line\(table.titleLines == 1 ? "" : "s") above it skipped as a title")
        }
        var misspelt = Set<String>()
        for (i, field) in table.header.enumerated() {
            if !expected.contains(field.text) {
                let close = unknownColumn(field, at: i, expected: expected)
                misspelt.formUnion(close)
                headerIsSound = close.isEmpty && headerIsSound
            } else if index[field.text] != nil {
                log.add(table.file, field.line, field.column, "column \u{201C}\(field.text)\u{201D} appears twice")
                headerIsSound = false
            } else {
                index[field.text] = i
                neededFields = i + 1
            }
        }
        for c in columns where index[c] == nil {
            missingColumn = true
            if misspelt.contains(c) { continue }  // "unknown column “crnae” (did you mean crane?)" says it
            log.add(table.file, table.header.first?.line ?? 1, 1, "missing column \u{201C}\(Echo.short(c))\u{201D} (the header must name: \(columns.joined(separator: ", ")))")
        }
    }

    /// Reports a header field that is no expected column: an error when it looks like a typo of one (and then
    /// returns the columns it may have meant), else a warning that its values are ignored; an unnamed column
    /// without values, nothing.
    private func unknownColumn(_ field: CSVTable.Field, at i: Int, expected: [String]) -> [String] {
        let letter = ColumnLetter.of(i)
        if field.text.isEmpty {
            if let value = table.records.lazy.compactMap({ $0.fields.count > i && !$0.fields[i].text.trimmingSpaces.isEmpty ? $0.fields[i] : nil }).first {
                log.warn(
                    table.file, field.line, field.column,
                    "column \(letter) has no name in the header but values (line \(value.line)): ignored; name it or empty it")
            }
            return []
        }
        let close = NameKey.suggestions(for: field.text, among: expected, limit: 3)
        if !close.isEmpty {
            log.add(
                table.file, field.line, field.column,
                "unknown column \u{201C}\(field.text)\u{201D} (did you mean \(close.joined(separator: ", "))? expected: \(expected.joined(separator: ", ")))")
            return close
        }
        log.warn(
            table.file, field.line, field.column,
            "column \u{201C}\(Echo.short(field.text))\u{201D} (\(letter)) is not a column of \(table.file): ignored (its columns: \(expected.joined(separator: ", ")))")
        return []
    }

    /// Whether the header names `column`.
    func readsColumn(_ column: String) -> Bool { index[column] != nil }

    /// No unknown, repeated or missing column.
    var isSound: Bool { headerIsSound && !missingColumn }

    /// The trimmed, non-empty values of `column` in every record, rows that fail included.
    func values(of column: String) -> [String] {
        guard let i = index[column] else { return [] }
        return table.records.compactMap { r in
            guard i < r.fields.count else { return nil }
            let t = r.fields[i].text.trimmingSpaces
            return t.isEmpty ? nil : t
        }
    }

    var rows: [Row] {
        table.records.compactMap { record in
            if record.fields.count > table.header.count, let extra = record.fields.dropFirst(table.header.count).first(where: { !$0.text.isEmpty }) {
                log.add(table.file, extra.line, extra.column, "more fields than the header has columns (\(record.fields.count) > \(table.header.count)); is a comma inside a value not quoted?")
                return nil
            }
            if headerIsSound && record.fields.count < neededFields {
                // A row cut short (a file truncated mid-row, a lost separator) would read its last cell as a
                // shorter number and the missing cells as empty: "1254.00" cut to "12" is a valid cost.
                let last = record.fields.last
                let column = (last?.column ?? 0) + (last?.text.count ?? 0)
                let missing = table.header[record.fields.count..<neededFields].map(\.text).filter { index[$0] != nil }.joined(separator: ", ")
                log.add(
                    table.file, last?.line ?? record.line, column,
                    "the row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s") where the header has \(table.header.count) (no \(missing)): is the row cut short? Write every column, an empty one as nothing between two separators")
                return nil
            }
            return Row(reader: self, record: record)
        }
    }

    struct Row {
        let reader: TableReader
        let record: CSVTable.Record
        var line: Int { record.line }
        var file: String { reader.table.file }

        /// The cell of `column`, trimmed; "" if the row is short or the column missing.
        func cell(_ column: String) -> (text: String, line: Int, column: Int) {
            guard let i = reader.index[column] else { return ("", record.line, 1) }
            guard i < record.fields.count else {
                let last = record.fields.last
                return ("", last?.line ?? record.line, (last?.column ?? 0) + (last?.text.count ?? 0) + 1)
            }
            let f = record.fields[i]
            return (f.text.trimmingSpaces, f.line, f.column)
        }

        func fail(_ column: String, _ message: String) {
            let c = cell(column)
            let label = reader.table.labels[column].map { "\($0) (\(column))" } ?? column
            reader.log.add(file, c.line, c.column, "\(label): \(message)")
        }

        func text(_ column: String, required: Bool = true) -> String? {
            let c = cell(column)
            if c.text.isEmpty {
                // A column the header lacks is reported once, as the header's error.
                if required && reader.readsColumn(column) { fail(column, "is empty; a value is required") }
                return nil
            }
            return c.text
        }

        func optionalText(_ column: String) -> String? { text(column, required: false) }

        private func fixed(_ column: String, scale: Int, required: Bool, what: String) -> Int64? {
            guard let t = text(column, required: required) else { return nil }
            switch NumberText.parse(t, scale: scale, decimalComma: reader.table.decimalComma) {
            case .success(let v): return v
            case .failure(.tooManyDecimals(let n)):
                fail(column, "\u{201C}\(Echo.short(t))\u{201D} has more than \(n) decimals (\(what))")
            case .failure(.tooLarge):
                fail(column, "\u{201C}\(Echo.short(t))\u{201D} is too large")
            case .failure:
                let hint = !reader.table.decimalComma && t.contains(",") ? " (use a dot: \(t.replacingComma))" : ""
                fail(column, "\u{201C}\(Echo.short(t))\u{201D} is not a number\(hint)")
            }
            return nil
        }

        func quantity(_ column: String, required: Bool = true, positive: Bool = false) -> Quantity? {
            guard let v = fixed(column, scale: 3, required: required, what: "quantities have at most 3") else { return nil }
            if v < 0 || (positive && v == 0) {
                fail(column, positive ? "must be more than zero" : "must not be negative")
                return nil
            }
            if v > Quantity.maximum.milli {
                fail(column, "is more than the largest quantity allowed (\(Quantity.maximum.decimalString))")
                return nil
            }
            return Quantity(milli: v)
        }

        func money(_ column: String, required: Bool = true, positive: Bool = false) -> Money? {
            guard let v = fixed(column, scale: 2, required: required, what: "money has kopecks at most") else { return nil }
            if v < 0 || (positive && v == 0) {
                fail(column, positive ? "must be more than zero" : "must not be negative")
                return nil
            }
            if v > 1_000_000_000_000 {
                fail(column, "is more than 10 000 000 000.00, surely a mistake")
                return nil
            }
            return Money(kopecks: v)
        }

        func integer(_ column: String, required: Bool = true, range: ClosedRange<Int64>) -> Int64? {
            guard let v = fixed(column, scale: 0, required: required, what: "a whole number is expected") else { return nil }
            guard range.contains(v) else {
                fail(column, "\(v) is out of range (\(range.lowerBound)…\(range.upperBound))")
                return nil
            }
            return v
        }

        func bool(_ column: String) -> Bool? {
            guard let t = text(column) else { return nil }
            switch t.lowercased() {
            case "yes", "true", "1", "да", "y": return true
            case "no", "false", "0", "нет", "n": return false
            default:
                fail(column, "\u{201C}\(Echo.short(t))\u{201D} is not yes or no")
                return nil
            }
        }

        func date(_ column: String) -> CivilDate? {
            guard let t = text(column) else { return nil }
            guard let d = CivilDate.parse(Substring(t)) else {
                fail(column, "\u{201C}\(Echo.short(t))\u{201D} is not a date (YYYY-MM-DD)")
                return nil
            }
            return d
        }

        func moment(_ column: String, defaultOffset: Int32) -> Moment? {
            guard let t = text(column) else { return nil }
            guard let m = Moment.parse(Substring(t), defaultOffset: defaultOffset) else {
                fail(column, "\u{201C}\(Echo.short(t))\u{201D} is not a moment (2026-11-27T18:00:00+03:00)")
                return nil
            }
            return m
        }

        func choice<E: RawRepresentable & CaseIterable>(_ column: String, _ type: E.Type) -> E? where E.RawValue == String {
            guard let t = text(column) else { return nil }
            guard let v = E(rawValue: t) else {
                fail(column, "\u{201C}\(Echo.short(t))\u{201D} is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return v
        }
    }
}

extension String {
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}
