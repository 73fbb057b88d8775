/// The parts of a workbook that say where its sheets are and how to read their cells.
enum WorkbookParts {
    struct Structure {
        var sheets: [(name: String, target: String, hidden: Bool)] = []
        var sharedStrings: String?
        var styles: String?
        var date1904 = false
    }

    /// The bytes of `part`, or why not.
    static func bytes(_ archive: ZipArchive, _ part: String) -> Result<[UInt8], WorkbookError> {
        switch archive.part(part) {
        case .success(let b): return .success(b)
        case .failure(.missing): return .failure(.notWorkbook(missing: part))
        case .failure(.tooLarge): return .failure(.tooLarge(part: part))
        case .failure(.damaged): return .failure(.damaged(part: part))
        }
    }

    /// Parses `part` with `setUp` installing the handlers.
    static func parse(_ archive: ZipArchive, _ part: String, _ setUp: (XMLEvents) -> Void) -> Result<Void, WorkbookError> {
        switch bytes(archive, part) {
        case .success(let data): return parse(data, part, setUp)
        case .failure(let e): return .failure(e)
        }
    }

    /// Parses `data`, the XML of `part`, with `setUp` installing the handlers.
    static func parse(_ data: [UInt8], _ part: String, _ setUp: (XMLEvents) -> Void) -> Result<Void, WorkbookError> {
        let events = XMLEvents()
        setUp(events)
        switch events.parse(data) {
        case .success: return .success(())
        case .failure(let f): return .failure(.badXML(part: part, line: f.line, message: f.message))
        }
    }

    /// The relationships of a part: id → target (`_rels/.rels`, `xl/_rels/workbook.xml.rels`).
    static func relationships(_ archive: ZipArchive, _ part: String) -> Result<[(id: String, type: String, target: String)], WorkbookError>
    {
        var found: [(id: String, type: String, target: String)] = []
        return parse(archive, part) { events in
            events.start = { name, attributes in
                guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
                found.append((id, attributes["Type"] ?? "", target))
            }
        }.map { found }
    }

    /// The workbook part the package's root relationships name (`xl/workbook.xml` as Excel and LibreOffice write it).
    static func officeDocument(_ archive: ZipArchive) -> Result<String, WorkbookError> {
        switch relationships(archive, "_rels/.rels") {
        case .success(let rels):
            if let doc = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) { return .success(resolve(doc.target, in: "")) }
            return .failure(.notWorkbook(missing: "xl/workbook.xml"))
        case .failure(.notWorkbook):
            // No root relationships: try where every writer puts it.
            return archive.part("xl/workbook.xml").map { _ in "xl/workbook.xml" }.mapError { _ in .notWorkbook(missing: "xl/workbook.xml") }
        case .failure(let e): return .failure(e)
        }
    }

    /// The sheets (name, part, hidden), the shared strings' and styles' parts and the date system.
    static func structure(_ archive: ZipArchive, workbook: String) -> Result<Structure, WorkbookError> {
        var s = Structure()
        var declared: [(name: String, id: String, hidden: Bool)] = []
        let parsed = parse(archive, workbook) { events in
            events.start = { name, attributes in
                if name == "sheet", let sheetName = attributes["name"], let id = attributes["id"] {
                    declared.append((sheetName, id, attributes["state"] == "hidden" || attributes["state"] == "veryHidden"))
                } else if name == "workbookPr", let d = attributes["date1904"] {
                    s.date1904 = d == "1" || d == "true"
                }
            }
        }
        if case .failure(let e) = parsed { return .failure(e) }
        let slash = workbook.lastIndex(of: "/")
        let relsPart =
            slash.map { String(workbook[..<$0]) + "/_rels/" + String(workbook[workbook.index(after: $0)...]) + ".rels" }
            ?? "_rels/\(workbook).rels"
        let rels: [(id: String, type: String, target: String)]
        switch relationships(archive, relsPart) {
        case .success(let r): rels = r
        case .failure(let e): return .failure(e)
        }
        for sheet in declared {
            guard let rel = rels.first(where: { $0.id == sheet.id }) else {
                return .failure(.notWorkbook(missing: "the part of sheet \u{201C}\(sheet.name)\u{201D}"))
            }
            s.sheets.append((sheet.name, rel.target, sheet.hidden))
        }
        s.sharedStrings = rels.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target
        s.styles = rels.first(where: { $0.type.hasSuffix("/styles") })?.target
        return .success(s)
    }

    /// `target` as a part name: relative to `directory` unless it starts with `/`; `..` steps taken.
    static func resolve(_ target: String, in directory: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : directory.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else if piece != "." {
                parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The shared strings table: each `<si>`'s text, its runs joined, phonetic runs (`<rPh>`) left out.
    static func sharedStrings(_ archive: ZipArchive, part: String) -> Result<[String], WorkbookError> {
        var strings: [String] = []
        var text = RichText()
        return parse(archive, part) { events in
            events.start = { name, _ in text.start(name) }
            events.text = { text.append($0) }
            events.end = { name in
                if name == "si" { strings.append(text.take()) } else { text.end(name) }
            }
        }.map { strings }
    }

    /// Which cell styles show a number as a date.
    static func styles(_ archive: ZipArchive, part: String) -> Result<CellStyles, WorkbookError> {
        var formats: [Int: String] = [:]
        var xfFormats: [Int] = []
        var inCellXfs = false
        let parsed = parse(archive, part) { events in
            events.start = { name, attributes in
                switch name {
                case "numFmt":
                    if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { formats[id] = code }
                case "cellXfs": inCellXfs = true
                case "xf" where inCellXfs: xfFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
                default: break
                }
            }
            events.end = { name in if name == "cellXfs" { inCellXfs = false } }
        }
        return parsed.map { CellStyles(dateStyles: xfFormats.map { CellStyles.isDateFormat(id: $0, code: formats[$0]) }) }
    }
}

/// The text of an `<si>` or `<is>` element: its `<t>` elements, outside phonetic runs.
struct RichText {
    private var inT = false
    private var inPhonetic = 0
    private var buffer = ""

    mutating func start(_ name: String) {
        if name == "t" && inPhonetic == 0 { inT = true } else if name == "rPh" { inPhonetic += 1 }
    }

    mutating func end(_ name: String) {
        if name == "t" { inT = false } else if name == "rPh" { inPhonetic = max(0, inPhonetic - 1) }
    }

    mutating func append(_ piece: String) { if inT { buffer += piece } }

    mutating func take() -> String {
        defer { buffer = ""; inT = false; inPhonetic = 0 }
        return buffer
    }
}

/// The styles of a workbook's cells, as far as reading values needs: whether each shows a number as a date.
struct CellStyles: Sendable {
    var dateStyles: [Bool] = []

    func isDate(style: Int) -> Bool { style >= 0 && style < dateStyles.count && dateStyles[style] }

    /// Whether number format `id` (with its `code` when the workbook defines it) shows a date or a time:
    /// Excel's built-in date formats (14–22, 45–47 and the East Asian ones), or a code with a day, month,
    /// year, hour or second field outside quoted text, `[…]` sections and escaped characters.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        guard let code else { return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) }
        var quoted = false, bracket = false, escaped = false
        for c in code {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default:
                if !quoted && !bracket && "dDmMyYhHsS".contains(c) { return true }
            }
        }
        return false
    }
}
