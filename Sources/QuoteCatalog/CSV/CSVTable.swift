import QuoteCore

/// A problem in a catalog file, located as editors and compilers do: `file:line:column: message`; in a
/// workbook as spreadsheets name a cell: `file:sheet!C14: message` (`line` is then the sheet's row).
///
/// The message is data (`Message`, keys in `MessageTemplates+catalog-en.swift`), rendered in the catalog
/// keeper's language: `message(in:)`, `description(in:)`; `message` and `description` are English.
public struct CatalogIssue: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var text: Message
    /// The workbook sheet the issue is on; nil for a CSV file.
    public var sheet: String?

    /// The file name is made safe to print (`Echo.short`); the message's values are, when it is rendered (a 50
    /// MB cell echoed in it is cut, an escape sequence in a catalog's text is shown, not sent to the terminal).
    public init(file: String, line: Int, column: Int, _ text: Message, sheet: String? = nil) {
        self.file = Echo.short(file)
        self.line = line
        self.column = column
        self.text = text
        self.sheet = sheet.map { Echo.short($0) }
    }

    /// An issue whose sentence exists in English only: build a `Message` with a catalog key instead.
    @available(*, deprecated, message: "say it with a Message of MessageTemplates+catalog-en/ru, so it is rendered in Russian too")
    public init(file: String, line: Int, column: Int, message: String, sheet: String? = nil) {
        self.init(file: file, line: line, column: column, Message.plain(message), sheet: sheet)
    }

    /// The message in English.
    public var message: String { message(in: .en) }

    public func message(in language: Language) -> String { MessageRenderer(language).render(text) }

    public var description: String { description(in: .en) }

    /// `file:line:column: message` (or `file:sheet!C14: message`) in `language`.
    public func description(in language: Language) -> String { location + ": " + message(in: language) }

    /// The issue as one message, located as `description` writes it.
    public var located: Message { Message("catalog.at_location", .verbatim(location), .message(text)) }

    /// `file:line:column`, or `file:sheet!C14` (`file:sheet!14` for a whole row, `file:sheet` for the sheet).
    public var location: String {
        guard let sheet else { return "\(file):\(line):\(column)" }
        let cell = (column > 0 && line > 0 ? ColumnLetter.of(column - 1) : "") + (line > 0 ? String(line) : "")
        return "\(file):\(ColumnLetter.quotedSheet(sheet))" + (cell.isEmpty ? "" : "!" + cell)
    }
}

/// A parsed CSV file: its header and records, each field with the line and column it started at.
///
/// Accepts what spreadsheets write: a UTF-8 byte-order mark, `;` as the separator (when the header has
/// `;` and no `,`), RFC 4180 quoting with `""` for a quote, CRLF line ends. Blank lines and lines
/// starting with `#` are skipped.
public struct CSVTable: Sendable {
    public struct Field: Sendable {
        public var text: String
        /// Kept in 32 bits: a 100k catalog has millions of fields, 24 bytes each instead of 32.
        private var line32: Int32
        private var column32: Int32
        public var line: Int {
            get { Int(line32) }
            set { line32 = Int32(clamping: newValue) }
        }
        public var column: Int {
            get { Int(column32) }
            set { column32 = Int32(clamping: newValue) }
        }

        public init(text: String, line: Int, column: Int) {
            self.text = text
            self.line32 = Int32(clamping: line)
            self.column32 = Int32(clamping: column)
        }
    }

    public struct Record: Sendable {
        public var line: Int
        public var fields: [Field]
    }

    public var file: String
    public var header: [Field]
    public var records: [Record]
    /// `;`-separated files may write decimals with a comma.
    public var decimalComma: Bool

    /// The encoding the file was read in (Windows-1251 when it is not UTF-8 and reads as Russian text in it).
    public var encoding: TextEncoding = .utf8
    /// The workbook sheet the table was read from; nil for CSV. Its fields' `line` is the sheet's row and
    /// `column` the 1-based column (A is 1).
    public var sheet: String?
    /// Lines above the header that were skipped as a title (`locatingHeader`): 0 when the header is the first.
    public var titleLines: Int = 0
    /// Column → the header as the file wrote it, where a reader renamed it (a supplier's "Остаток" read as
    /// `stock`): messages name both.
    public var labels: [String: String] = [:]

    /// Parses `bytes` (the contents of `file`): CSV, or an Excel workbook's sheet when `file` ends in `.xlsx` or
    /// the bytes are a ZIP archive (`sheet`: its name; nil, the first sheet). See `CSVTable.workbook`.
    public static func parse(file: String, bytes: [UInt8], sheet: String? = nil) -> Result<CSVTable, CatalogIssue> {
        if isWorkbook(file: file, bytes: bytes) { return workbook(file: file, bytes: bytes, sheet: sheet) }
        switch CSVStream.open(file: file, bytes: bytes) {
        case .failure(let issue): return .failure(issue)
        case .success(var stream):
            var records: [Record] = []
            while true {
                switch stream.next() {
                case .failure(let issue): return .failure(issue)
                case .success(let record?): records.append(record)
                case .success(nil): return .success(stream.table(records: records))
                }
            }
        }
    }

    /// The error for a file that is neither UTF-8 nor Windows-1251: at the first line that does not decode.
    static func undecodable(file: String, bytes: [UInt8]) -> CatalogIssue {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var line = 1
        var lineStart = body.startIndex
        for i in body.indices where body[i] == 0x0A {
            if String(validating: body[lineStart..<i], as: UTF8.self) == nil { break }
            line += 1
            lineStart = i + 1
        }
        return CatalogIssue(file: file, line: line, column: 1, Message("csv.undecodable"))
    }

    /// The separator: of the first 20 lines that are not blank or comments, the one with the most `;` or `,`
    /// while having none of the other decides (the header, usually; a title row above it has fewer, and a data
    /// row with decimal commas in a `;` file has both). `,` when no line decides.
    static func separator(of text: String) -> Unicode.Scalar {
        var best = 0
        var separator: Unicode.Scalar = ","
        var looked = 0
        var rest = Substring(text)
        // Line by line from the start, on any line end ("\r\n" is one Character), never splitting the whole file.
        while !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
            let t = line.trimmingPrefix(while: \.isWhitespace)
            if t.isEmpty || t.hasPrefix("#") { continue }
            looked += 1
            if looked > 20 { break }
            let semicolons = line.utf8.count(where: { $0 == UInt8(ascii: ";") })
            let commas = line.utf8.count(where: { $0 == UInt8(ascii: ",") })
            if semicolons > best && commas == 0 {
                best = semicolons
                separator = ";"
            } else if commas > best && semicolons == 0 {
                best = commas
                separator = ","
            }
        }
        return separator
    }

    /// This table with its header found among the first records: when the first row names none of `known`
    /// columns but a later one (within the first 20) does, as a title row above the header in a 1C or Excel
    /// export, that row is the header and the rows above it are dropped (counted in `titleLines`).
    public func locatingHeader(known: Set<String>) -> CSVTable {
        guard !header.contains(where: { known.contains($0.text) }) else { return self }
        for (i, record) in records.prefix(20).enumerated() where record.fields.contains(where: { known.contains($0.text.trimmingSpaces) }) {
            var copy = self
            copy.header = record.fields.map { Field(text: $0.text.trimmingSpaces, line: $0.line, column: $0.column) }
            copy.records = Array(records.dropFirst(i + 1))
            copy.titleLines = i + 1
            return copy
        }
        return self
    }
}

extension String {
    var trimmingSpaces: String {
        // Most cells start and end with a printable ASCII byte: nothing to trim, and no Characters to form.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// A CSV file's records one at a time, as `CSVTable.parse` reads them (the same decoding, separator, records and
/// issues): a catalog build reads its largest tables' rows this way without holding them all.
struct CSVStream {
    /// The file's header, its fields trimmed.
    let header: [CSVTable.Field]
    private let file: String
    private let separator: Unicode.Scalar
    private let encoding: TextEncoding
    /// The decoded text (native, so contiguous UTF-8): the scanner's pointer into it is set again for each `next`.
    private var text: String
    private var scanner: RecordScanner

    /// The file decoded and its header read; the issue when it does not decode, is empty, or its header does not scan.
    static func open(file: String, bytes: [UInt8]) -> Result<CSVStream, CatalogIssue> {
        guard let (text, encoding) = TextEncoding.decode(bytes[...]) else {
            return .failure(CSVTable.undecodable(file: file, bytes: bytes))
        }
        let separator = CSVTable.separator(of: text)
        var stream = CSVStream(file: file, separator: separator, encoding: encoding, text: text)
        switch stream.next() {
        case .failure(let issue): return .failure(issue)
        case .success(nil): return .failure(CatalogIssue(file: file, line: 1, column: 1, Message("csv.empty")))
        case .success(let first?):
            var header = first.fields
            for i in header.indices { header[i].text = header[i].text.trimmingSpaces }
            return .success(CSVStream(header: header, of: stream))
        }
    }

    private init(file: String, separator: Unicode.Scalar, encoding: TextEncoding, text: String) {
        self.header = []
        self.file = file
        self.separator = separator
        self.encoding = encoding
        self.text = text
        scanner = RecordScanner(
            bytes: UnsafeBufferPointer(start: nil, count: 0), file: file, separator: UInt8(truncatingIfNeeded: separator.value))
    }

    private init(header: [CSVTable.Field], of stream: CSVStream) {
        self.header = header
        file = stream.file
        separator = stream.separator
        encoding = stream.encoding
        text = stream.text
        scanner = stream.scanner
    }

    /// The next record after the header (nil at the end), or the issue that makes the file unreadable.
    mutating func next() -> Result<CSVTable.Record?, CatalogIssue> {
        text.withUTF8 { bytes in
            scanner.bytes = bytes
            defer { scanner.bytes = UnsafeBufferPointer(start: nil, count: 0) }
            return scanner.next()
        }
    }

    /// The table of the header and `records` (those `next` returned).
    func table(records: [CSVTable.Record]) -> CSVTable {
        CSVTable(file: file, header: header, records: records, decimalComma: separator == ";", encoding: encoding)
    }
}
