/// An Excel workbook (`.xlsx`, Office Open XML) read for its cell values: the ZIP container through
/// minizip, the XML parts through expat.
///
/// What is read: the sheets' names and order (`xl/workbook.xml` and its relationships), shared strings,
/// the cell styles that make a number a date (`xl/styles.xml`), and each sheet's cells with their types
/// — numbers, text (shared and inline), dates, booleans, formulas by the value the spreadsheet program
/// last saved, errors — and its merged ranges. Formatting, charts and everything else is passed over.
package struct Workbook {
    /// The sheets in tab order, with whether each is hidden.
    package var sheets: [(name: String, hidden: Bool)] { entries.map { ($0.name, $0.hidden) } }

    struct Entry: Sendable {
        var name: String
        var part: String
        var hidden: Bool
    }

    let entries: [Entry]
    let sharedStrings: [String]
    let styles: CellStyles
    let date1904: Bool
    private let archive: ZipArchive

    /// Reads the workbook's structure from `bytes` (the file's contents); sheets are read on demand.
    package static func open(_ bytes: [UInt8]) -> Result<Workbook, WorkbookError> {
        if bytes.isEmpty { return .failure(.empty) }
        guard bytes.starts(with: [0x50, 0x4B]), let archive = ZipArchive(bytes) else { return .failure(.notZip) }
        let path: String
        switch WorkbookParts.officeDocument(archive) {
        case .success(let p): path = p
        case .failure(let e): return .failure(e)
        }
        let structure: WorkbookParts.Structure
        switch WorkbookParts.structure(archive, workbook: path) {
        case .success(let s): structure = s
        case .failure(let e): return .failure(e)
        }
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        var strings: [String] = []
        if let part = structure.sharedStrings {
            switch WorkbookParts.sharedStrings(archive, part: WorkbookParts.resolve(part, in: directory)) {
            case .success(let s): strings = s
            case .failure(let e): return .failure(e)
            }
        }
        var styles = CellStyles()
        if let part = structure.styles {
            switch WorkbookParts.styles(archive, part: WorkbookParts.resolve(part, in: directory)) {
            case .success(let s): styles = s
            case .failure(let e): return .failure(e)
            }
        }
        let entries = structure.sheets.map {
            Entry(name: $0.name, part: WorkbookParts.resolve($0.target, in: directory), hidden: $0.hidden)
        }
        guard !entries.isEmpty else { return .failure(.noSheets) }
        return .success(
            Workbook(entries: entries, sharedStrings: strings, styles: styles, date1904: structure.date1904, archive: archive))
    }

    /// The sheet named `name` (exactly, or else without regard to case), or with no name the first sheet
    /// that is not hidden (the first one when all are).
    package func sheet(named name: String?) -> Result<Sheet, WorkbookError> {
        let entry: Entry
        if let name {
            guard
                let found = entries.first(where: { $0.name == name }) ?? entries.first(where: { $0.name.lowercased() == name.lowercased() })
            else {
                return .failure(.noSuchSheet(name, available: entries.map(\.name)))
            }
            entry = found
        } else if let first = entries.first(where: { !$0.hidden }) ?? entries.first {
            entry = first
        } else {
            return .failure(.noSheets)
        }
        return SheetReader.read(archive, entry: entry, strings: sharedStrings, styles: styles, date1904: date1904)
    }
}

/// Why a workbook could not be read.
package enum WorkbookError: Error, Sendable, Equatable {
    /// The file has no bytes at all.
    case empty
    /// The file is not a ZIP archive (as every `.xlsx` is): another format, or damaged at its start or end.
    case notZip
    /// A ZIP archive without the parts of a workbook (`xl/workbook.xml`): an `.docx`, an `.ods`, a plain archive.
    case notWorkbook(missing: String)
    /// A part of the archive could not be unpacked (damaged, cut short, or a checksum that does not match).
    case damaged(part: String)
    /// A part unpacks to more than `ZipArchive.partLimit` bytes.
    case tooLarge(part: String)
    /// A part is not well-formed XML.
    case badXML(part: String, line: Int, message: String)
    case noSheets
    case noSuchSheet(String, available: [String])

    /// The largest part a workbook may unpack to, in MB (`tooLarge`).
    package static var partLimitMB: Int { ZipArchive.partLimit >> 20 }
}
