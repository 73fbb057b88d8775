/// Reads one worksheet part into a `Sheet`.
enum SheetReader {
    /// The cell being read: its type (`t`), style (`s`) and what its `<v>`, `<is>` and `<f>` held.
    private struct PendingCell {
        var column = 0
        var type = "n"
        var style = 0
        var value = ""
        var hasValue = false
        var hasFormula = false
        var inline = RichText()
        var inInline = false
        var inV = false
    }

    private struct State {
        var rows: [Int: [Sheet.Cell]] = [:]
        var merges: [(first: (column: Int, row: Int), last: (column: Int, row: Int))] = []
        var row = 0
        var nextColumn = 1
        var cell: PendingCell?
    }

    static func read(_ archive: ZipArchive, entry: Workbook.Entry, strings: [String], styles: CellStyles, date1904: Bool) -> Result<
        Sheet, WorkbookError
    > {
        switch WorkbookParts.bytes(archive, entry.part) {
        case .success(let data): return parse(data, entry: entry, strings: strings, styles: styles, date1904: date1904)
        case .failure(let e): return .failure(e)
        }
    }

    /// The sheet in `data`, the XML of `entry`'s part.
    static func parse(_ data: [UInt8], entry: Workbook.Entry, strings: [String], styles: CellStyles, date1904: Bool) -> Result<
        Sheet, WorkbookError
    > {
        var state = State()
        let parsed = WorkbookParts.parse(data, entry.part) { events in
            events.start = { name, attributes in start(name, attributes, &state) }
            events.text = { piece in
                if state.cell?.inV == true {
                    state.cell?.value += piece
                } else if state.cell?.inInline == true {
                    state.cell?.inline.append(piece)
                }
            }
            events.end = { name in end(name, &state, strings: strings, styles: styles, date1904: date1904) }
        }
        if case .failure(let e) = parsed { return .failure(e) }
        fillMerges(&state)
        var rows: [Sheet.Row] = []
        var width = 0
        for number in state.rows.keys.sorted() {
            guard let cells = state.rows[number]?.filter({ !$0.value.isEmpty }), !cells.isEmpty else { continue }
            let sorted = cells.sorted { $0.column < $1.column }
            width = max(width, sorted.last?.column ?? 0)
            rows.append(Sheet.Row(number: number, cells: sorted))
        }
        return .success(Sheet(name: entry.name, rows: rows, width: width))
    }

    private static func start(_ name: String, _ attributes: XMLEvents.Attributes, _ state: inout State) {
        switch name {
        case "row":
            state.row = attributes["r"].flatMap { Int($0) } ?? state.row + 1
            state.nextColumn = 1
        case "c":
            var c = PendingCell()
            let reference = attributes["r"].flatMap(CellReference.parse)
            c.column = reference?.column ?? state.nextColumn
            if let reference, state.row == 0 { state.row = reference.row }
            c.type = attributes["t"] ?? "n"
            c.style = attributes["s"].flatMap { Int($0) } ?? 0
            state.cell = c
        case "v": state.cell?.inV = true
        case "f": state.cell?.hasFormula = true
        case "is": state.cell?.inInline = true
        case "mergeCell":
            let ends = (attributes["ref"] ?? "").split(separator: ":").compactMap { CellReference.parse(String($0)) }
            if let first = ends.first { state.merges.append((first, ends.last ?? first)) }
        default:
            if state.cell?.inInline == true { state.cell?.inline.start(name) }
        }
    }

    private static func end(_ name: String, _ state: inout State, strings: [String], styles: CellStyles, date1904: Bool) {
        switch name {
        case "v":
            state.cell?.inV = false
            state.cell?.hasValue = true
        case "is": state.cell?.inInline = false
        case "c":
            guard let c = state.cell else { return }
            state.cell = nil
            state.nextColumn = c.column + 1
            let value = CellValue.of(
                type: c.type, raw: c.value, hasValue: c.hasValue, hasFormula: c.hasFormula,
                inline: {
                    var t = c.inline; return t.take()
                }(), strings: strings,
                isDate: styles.isDate(style: c.style), date1904: date1904)
            state.rows[state.row, default: []].append(Sheet.Cell(column: c.column, value: value))
        default:
            if state.cell?.inInline == true { state.cell?.inline.end(name) }
        }
    }

    /// A merged range shows its first cell's value over all its rows: the value is copied down the range's
    /// first column (a source written once beside the rows it covers), and the other columns stay empty (a
    /// heading spread over several columns names only the first).
    static let fillLimit = 2_000_000

    private static func fillMerges(_ state: inout State) {
        let lastRow = state.rows.keys.max() ?? 0
        // At most `fillLimit` cells filled in: a file merging whole columns many times over is not a table.
        var budget = fillLimit
        for merge in state.merges where merge.last.row > merge.first.row && merge.first.row < lastRow && budget > 0 {
            guard let value = state.rows[merge.first.row]?.first(where: { $0.column == merge.first.column })?.value, !value.isEmpty else {
                continue
            }
            let last = min(merge.last.row, lastRow, merge.first.row + budget)
            budget -= last - merge.first.row
            for row in (merge.first.row + 1)...last {
                var cells = state.rows[row] ?? []
                cells.removeAll { $0.column == merge.first.column }
                cells.append(Sheet.Cell(column: merge.first.column, value: value))
                state.rows[row] = cells
            }
        }
    }
}
