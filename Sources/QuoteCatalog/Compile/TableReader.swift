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

    private func issue(_ file: String, _ line: Int, _ column: Int, _ message: Message) -> CatalogIssue {
        guard let book = workbooks[file] else { return CatalogIssue(file: file, line: line, column: column, message) }
        return CatalogIssue(file: book.file, line: line, column: column, message, sheet: line > 0 ? book.sheet : nil)
    }

    func add(_ file: String, _ line: Int, _ column: Int, _ message: Message) {
        if issues.count < IssueLog.limit { issues.append(issue(file, line, column, message)) }
    }

    func warn(_ file: String, _ line: Int, _ column: Int, _ message: Message) {
        if warnings.count < IssueLog.limit { warnings.append(issue(file, line, column, message)) }
    }

    /// `other`'s issues put at `index` of this log's, before those added since (as if reported then), up to the limit.
    func insert(_ other: IssueLog, at index: Int) {
        guard !other.issues.isEmpty else { return }
        issues.insert(contentsOf: other.issues, at: min(index, issues.count))
        if issues.count > IssueLog.limit { issues.removeLast(issues.count - IssueLog.limit) }
    }

    /// An empty log that locates issues as this one does (the workbooks noted so far), for a step run elsewhere.
    func fresh() -> IssueLog {
        let log = IssueLog()
        log.workbooks = workbooks
        return log
    }

    /// Adds `other`'s issues and warnings after this log's (up to the limit), as if they had been reported here
    /// in that order; and where its workbooks' issues are located.
    func append(_ other: IssueLog) {
        issues.append(contentsOf: other.issues.prefix(max(0, IssueLog.limit - issues.count)))
        warnings.append(contentsOf: other.warnings.prefix(max(0, IssueLog.limit - warnings.count)))
        workbooks.merge(other.workbooks) { _, theirs in theirs }
    }

    @available(*, deprecated, message: "say it with a Message of MessageTemplates+catalog-en/ru, so it is rendered in Russian too")
    func add(_ file: String, _ line: Int, _ column: Int, _ message: String) { add(file, line, column, Message.plain(message)) }

    @available(*, deprecated, message: "say it with a Message of MessageTemplates+catalog-en/ru, so it is rendered in Russian too")
    func warn(_ file: String, _ line: Int, _ column: Int, _ message: String) { warn(file, line, column, Message.plain(message)) }
}

/// Reads one CSV file's columns by name, checking that the header has the columns expected.
///
/// What spreadsheets and 1C add is passed over with a warning: title rows above the header, columns of
/// their own (notes, a name column in a stock file), unnamed columns (an empty one at the end of every row
/// as 1C writes it is passed over silently). A column whose name is close to an expected one stays an
/// error: a typo in a header must not silently drop data.
final class TableReader {
    let table: CSVTable
    let log: IssueLog
    private var index: [String: Int] = [:]
    /// `index` as a list, searched by `position(of:)` for every cell a row reads: a table has a few columns, each
    /// name a short string compared in a word or two, where the dictionary hashed the name for each of a 100k
    /// catalog's 6 million cells.
    private var positions: [(column: String, index: Int)] = []
    /// No unknown or repeated column: only then is a row with fewer fields than the header cut short (with a
    /// wrong header, the header is the one mistake to report).
    private var headerIsSound = true
    /// The fields a row must have: up to the last column read (ignored columns after it may be left out).
    private var neededFields = 0
    /// A required column is missing: that is the error, and its cells are not reported empty row by row.
    private var missingColumn = false
    /// A streamed table's rows not read yet (`streaming`): read once, by `forEachRow`; nil when the table is whole.
    private var stream: CSVStream?
    /// Where a streamed table's parse failure goes (the build then fails with it, as with a table that does not parse).
    private var streamFailed: ((CatalogIssue) -> Void)?
    /// The column a streamed table's values are counted in as its rows are read (`count`), and the counts.
    private var counted: (column: String, counts: [String: Int])?

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
                Message("csv.title_skipped", .verbatim(String(first.line)), .count(Int64(table.titleLines), .line)))
        }
        var misspelt = Set<String>()
        for (i, field) in table.header.enumerated() {
            if !expected.contains(field.text) {
                let close = unknownColumn(field, at: i, expected: expected)
                misspelt.formUnion(close)
                headerIsSound = close.isEmpty && headerIsSound
            } else if index[field.text] != nil {
                log.add(table.file, field.line, field.column, Message("csv.column_twice", .text(field.text)))
                headerIsSound = false
            } else {
                index[field.text] = i
                positions.append((field.text, i))
                neededFields = i + 1
            }
        }
        for c in columns where index[c] == nil {
            missingColumn = true
            if misspelt.contains(c) { continue }  // "unknown column “crnae” (did you mean crane?)" says it
            log.add(table.file, table.header.first?.line ?? 1, 1, Message("csv.column_missing", .text(c), .list(columns)))
        }
    }

    /// A reader of `stream`'s rows, read one at a time by `forEachRow` and never all held. Only for a header that
    /// `isExact`: none of the header's checks then looks at the rows (title rows, unnamed columns).
    convenience init(
        streaming stream: CSVStream, columns: [String], optional: [String], log: IssueLog, failed: @escaping (CatalogIssue) -> Void
    ) {
        self.init(stream.table(records: []), columns: columns, optional: optional, log: log)
        self.stream = stream
        streamFailed = failed
    }

    /// Whether `header` names each of `columns` and of `optional` at most once and nothing else.
    static func isExact(_ header: [CSVTable.Field], columns: [String], optional: [String]) -> Bool {
        let names = header.map(\.text)
        let expected = Set(columns + optional)
        return Set(names).count == names.count && names.allSatisfy(expected.contains) && columns.allSatisfy(names.contains)
    }

    /// Reports a header field that is no expected column: an error when it looks like a typo of one (and then
    /// returns the columns it may have meant), else a warning that its values are ignored; an unnamed column
    /// without values, nothing.
    private func unknownColumn(_ field: CSVTable.Field, at i: Int, expected: [String]) -> [String] {
        let letter = ColumnLetter.of(i)
        if field.text.isEmpty {
            if let value = table.records.lazy.compactMap({
                $0.fields.count > i && !$0.fields[i].text.trimmingSpaces.isEmpty ? $0.fields[i] : nil
            }).first {
                log.warn(
                    table.file, field.line, field.column,
                    Message("csv.column_unnamed", .verbatim(letter), .verbatim(String(value.line))))
            }
            return []
        }
        let close = NameKey.suggestions(for: field.text, among: expected, limit: 3)
        if !close.isEmpty {
            log.add(
                table.file, field.line, field.column,
                Message("csv.column_unknown", .text(field.text), .list(close), .list(expected)))
            return close
        }
        log.warn(
            table.file, field.line, field.column,
            Message("csv.column_ignored", .text(field.text), .verbatim(letter), .text(table.file), .list(expected)))
        return []
    }

    /// Whether the header names `column`.
    func readsColumn(_ column: String) -> Bool { position(of: column) != nil }

    /// Where `column` is in the header (`index[column]`), found by a search of `positions`.
    @inline(__always) func position(of column: String) -> Int? {
        for p in positions where p.column == column { return p.index }
        return nil
    }

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

    /// How many records have each of `values(of: column)`, counted without listing them. Of a streamed table,
    /// once its rows are read, for the column named to `count` before.
    func counts(of column: String) -> [String: Int] {
        if let counted, counted.column == column { return counted.counts }
        var counts: [String: Int] = [:]
        for r in table.records { count(column, r, into: &counts) }
        return counts
    }

    /// Has a streamed table's `column` counted as `forEachRow` reads it (`counts(of:)` reads them afterwards).
    func count(_ column: String) {
        if stream != nil { counted = (column, [:]) }
    }

    private func count(_ column: String, _ r: CSVTable.Record, into counts: inout [String: Int]) {
        guard let i = position(of: column), i < r.fields.count else { return }
        let t = r.fields[i].text.trimmingSpaces
        if !t.isEmpty { counts[t, default: 0] += 1 }
    }

    /// `body` on each row of `rows`, in order; of a streamed table, reading its records one at a time. The rows
    /// that are cut short or too long are reported as `rows` reports them: all before what `body` reports.
    func forEachRow(_ body: (Row) -> Void) {
        guard var rest = stream else {
            for row in rows { body(row) }
            return
        }
        stream = nil
        let shapes = log.fresh(), start = log.issues.count
        var counts: [String: Int] = [:]
        defer {
            log.insert(shapes, at: start)
            if let column = counted?.column { counted = (column, counts) }
        }
        while true {
            switch rest.next() {
            case .failure(let issue):
                streamFailed?(issue)
                return
            case .success(nil): return
            case .success(let record?):
                if let column = counted?.column { count(column, record, into: &counts) }
                if let row = row(record, log: shapes) { body(row) }
            }
        }
    }

    var rows: [Row] { table.records.compactMap { row($0, log: log) } }

    /// The row of `record`, or nil when it has too many fields or is cut short (reported in `log`).
    private func row(_ record: CSVTable.Record, log: IssueLog) -> Row? {
        if record.fields.count > table.header.count,
            let extra = record.fields.dropFirst(table.header.count).first(where: { !$0.text.isEmpty })
        {
            log.add(
                table.file, extra.line, extra.column,
                Message("csv.too_many_fields", .verbatim(String(record.fields.count)), .verbatim(String(table.header.count))))
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
                Message(
                    "csv.row_short", .count(Int64(record.fields.count), .field), .verbatim(String(table.header.count)), .verbatim(missing)))
            return nil
        }
        return Row(reader: self, record: record)
    }

    struct Row {
        let reader: TableReader
        let record: CSVTable.Record
        var line: Int { record.line }
        var file: String { reader.table.file }

        /// The cell of `column`, trimmed; "" if the row is short or the column missing.
        func cell(_ column: String) -> (text: String, line: Int, column: Int) {
            guard let i = reader.position(of: column) else { return ("", record.line, 1) }
            guard i < record.fields.count else {
                let last = record.fields.last
                return ("", last?.line ?? record.line, (last?.column ?? 0) + (last?.text.count ?? 0) + 1)
            }
            let f = record.fields[i]
            return (f.text.trimmingSpaces, f.line, f.column)
        }

        /// Reports `message` at the cell of `column`, prefixed by the column (and the file's own name for it).
        func fail(_ column: String, _ message: Message) {
            reader.fail(column, at: place(column), message)
        }

        /// Where the cell of `column` is, for a message about it once the row itself is let go (`TableReader.fail`).
        func place(_ column: String) -> Place {
            let c = cell(column)
            return Place(line: Int32(clamping: c.line), column: Int32(clamping: c.column))
        }

        @available(*, deprecated, message: "say it with a Message of MessageTemplates+catalog-en/ru, so it is rendered in Russian too")
        func fail(_ column: String, _ message: String) { fail(column, Message.plain(message)) }

        func text(_ column: String, required: Bool = true) -> String? {
            let c = cell(column)
            if c.text.isEmpty {
                // A column the header lacks is reported once, as the header's error.
                if required && reader.readsColumn(column) { fail(column, Message("cell.empty")) }
                return nil
            }
            return c.text
        }

        func optionalText(_ column: String) -> String? { text(column, required: false) }

        private func fixed(_ column: String, scale: Int, required: Bool, what: MessageKey) -> Int64? {
            guard let t = text(column, required: required) else { return nil }
            switch NumberText.parse(t, scale: scale, decimalComma: reader.table.decimalComma) {
            case .success(let v): return v
            case .failure(.tooManyDecimals(let n)):
                fail(column, Message("cell.decimals", .text(t), .verbatim(String(n)), .message(Message(what))))
            case .failure(.tooLarge):
                fail(column, Message("cell.too_large", .text(t)))
            case .failure:
                let hint = !reader.table.decimalComma && t.contains(",") ? Message("cell.use_dot", .text(t.replacingComma)) : .empty
                fail(column, Message("cell.not_a_number", .text(t), .message(hint)))
            }
            return nil
        }

        func quantity(_ column: String, required: Bool = true, positive: Bool = false) -> Quantity? {
            guard let v = fixed(column, scale: 3, required: required, what: "cell.decimals_quantity") else { return nil }
            if v < 0 || (positive && v == 0) {
                fail(column, Message(positive ? "cell.not_positive" : "cell.negative"))
                return nil
            }
            if v > Quantity.maximum.milli {
                fail(column, Message("cell.quantity_over_max", .verbatim(Quantity.maximum.decimalString)))
                return nil
            }
            return Quantity(milli: v)
        }

        func money(_ column: String, required: Bool = true, positive: Bool = false) -> Money? {
            guard let v = fixed(column, scale: 2, required: required, what: "cell.decimals_money") else { return nil }
            if v < 0 || (positive && v == 0) {
                fail(column, Message(positive ? "cell.not_positive" : "cell.negative"))
                return nil
            }
            if v > 1_000_000_000_000 {
                fail(column, Message("cell.money_over_max"))
                return nil
            }
            return Money(kopecks: v)
        }

        func integer(_ column: String, required: Bool = true, range: ClosedRange<Int64>) -> Int64? {
            guard let v = fixed(column, scale: 0, required: required, what: "cell.decimals_integer") else { return nil }
            guard range.contains(v) else {
                fail(
                    column,
                    Message(
                        "cell.out_of_range", .verbatim(String(v)), .verbatim(String(range.lowerBound)), .verbatim(String(range.upperBound)))
                )
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
                fail(column, Message("cell.not_bool", .text(t)))
                return nil
            }
        }

        func date(_ column: String) -> CivilDate? {
            guard let t = text(column) else { return nil }
            guard let d = CivilDate.parse(Substring(t)) else {
                fail(column, Message("cell.not_a_date", .text(t)))
                return nil
            }
            return d
        }

        func moment(_ column: String, defaultOffset: Int32) -> Moment? {
            guard let t = text(column) else { return nil }
            guard let m = Moment.parse(Substring(t), defaultOffset: defaultOffset) else {
                fail(column, Message("cell.not_a_moment", .text(t)))
                return nil
            }
            return m
        }

        func choice<E: RawRepresentable & CaseIterable>(_ column: String, _ type: E.Type) -> E? where E.RawValue == String {
            guard let t = text(column) else { return nil }
            guard let v = E(rawValue: t) else {
                fail(column, Message("cell.not_one_of", .text(t), .list(E.allCases.map(\.rawValue))))
                return nil
            }
            return v
        }
    }
}

extension String {
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

extension TableReader {
    /// A cell's line and column (`Row.place`).
    struct Place {
        let line: Int32
        let column: Int32
    }

    /// `Row.fail` of the row whose cell of `column` is at `place`.
    func fail(_ column: String, at place: Place, _ message: Message) {
        let label = table.labels[column].map { "\($0) (\(column))" } ?? column
        log.add(table.file, Int(place.line), Int(place.column), Message("catalog.cell", .text(label), .message(message)))
    }
}
