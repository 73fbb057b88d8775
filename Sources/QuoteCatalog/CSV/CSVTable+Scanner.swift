import QuoteCore

/// `CSVTable.records` over a file's UTF-8 bytes: RFC 4180 fields (`""` for a quote inside quotes), `\r` dropped
/// outside quotes, blank and `#` lines skipped; each field with the line and column (counted in Unicode scalars)
/// it starts at.
struct RecordScanner {
    /// The text being scanned: set by `CSVStream.next` for each call, as its storage's pointer is valid only then.
    var bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let separator: UInt8
    private var records: [CSVTable.Record] = []
    /// Where the scan goes on from; past the end, the last record has been finished.
    private var position = 0
    private var finished = false
    private var fields: [CSVTable.Field] = []
    /// The bytes of the field being read.
    private var current: [UInt8] = []
    private var line = 1, column = 1
    private var fieldLine = 1, fieldColumn = 1
    private var recordLine = 1
    private var inQuotes = false
    private var quotedField = false
    private var atFieldStart = true

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, separator: UInt8) {
        self.bytes = bytes
        self.file = file
        self.separator = separator
    }

    private mutating func finishField() {
        fields.append(CSVTable.Field(text: String(decoding: current, as: UTF8.self), line: fieldLine, column: fieldColumn))
        current.removeAll(keepingCapacity: true)
        atFieldStart = true
        quotedField = false
    }

    private mutating func finishRecord() {
        finishField()
        let blank = fields.count == 1 && fields[0].text.allSatisfy(\.isWhitespace)
        let comment = fields.first.map { $0.text.hasPrefix("#") } ?? false
        if !blank && !comment { records.append(CSVTable.Record(line: recordLine, fields: fields)) }
        // The next record most likely has as many fields: its array is then allocated once, to the size, not
        // grown by doubling (which left a 17-column row of products.csv in room for 32, half of a build's memory).
        let width = fields.count
        fields = []
        fields.reserveCapacity(width)
    }

    /// The bytes of the scalar that starts with `lead` (the text is valid UTF-8).
    private func width(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Appends `bytes[from..<to]` to the field and returns how many scalars they hold.
    private mutating func take(_ from: Int, _ to: Int) -> Int {
        let run = UnsafeBufferPointer(rebasing: bytes[from..<to])
        current.append(contentsOf: run)
        return run.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// Whether the scalar at `i` (of `w` bytes) is Unicode white space, as `Unicode.Scalar.Properties.isWhitespace`.
    private func isWhitespace(at i: Int, width w: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b == 0x20 || (0x09...0x0D).contains(b) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<min(i + w, bytes.count)]), as: UTF8.self)
        return text.unicodeScalars.first?.properties.isWhitespace ?? false
    }

    mutating func scan() -> Result<[CSVTable.Record], CatalogIssue> {
        var all: [CSVTable.Record] = []
        while true {
            switch next() {
            case .failure(let issue): return .failure(issue)
            case .success(nil): return .success(all)
            case .success(let record?): all.append(record)
            }
        }
    }

    /// The next record (nil at the end of the text), or the issue that ends the scan; read up to its end only, so
    /// that a table's records can be taken one at a time (`CSVStream`) as `scan` takes them all.
    mutating func next() -> Result<CSVTable.Record?, CatalogIssue> {
        var i = position
        defer { position = i }
        while records.isEmpty && i < bytes.count {
            if atFieldStart && startField(at: i) {
                i += 1
                continue
            }
            if inQuotes {
                i = quoted(at: i)
                continue
            }
            switch unquoted(at: i) {
            case .success(let next): i = next
            case .failure(let issue): return .failure(issue)
            }
        }
        if records.isEmpty && !finished {
            finished = true
            if inQuotes {
                return .failure(CatalogIssue(file: file, line: fieldLine, column: fieldColumn, Message("csv.quote_not_closed")))
            }
            if !(fields.isEmpty && current.isEmpty && atFieldStart) { finishRecord() }
        }
        return .success(records.popLast())
    }

    /// Notes where a field starts; true when it opens with a quote (which is then read).
    private mutating func startField(at i: Int) -> Bool {
        fieldLine = line
        fieldColumn = column
        if fields.isEmpty { recordLine = line }
        atFieldStart = false
        guard bytes[i] == 0x22 else { return false }
        inQuotes = true
        quotedField = true
        column += 1
        return true
    }

    /// Inside quotes: a doubled quote, the closing one, a line end kept in the field, or a run of its text.
    /// - Returns: the index after what was read.
    private mutating func quoted(at i: Int) -> Int {
        let n = bytes.count
        let b = bytes[i]
        if b == 0x22 {
            column += 1
            if i + 1 < n && bytes[i + 1] == 0x22 {
                current.append(0x22)
                column += 1
                return i + 2
            }
            inQuotes = false
            return i + 1
        }
        if b == 0x0A {
            current.append(b)
            line += 1
            column = 1
            return i + 1
        }
        var j = i + 1
        while j < n && bytes[j] != 0x22 && bytes[j] != 0x0A { j += 1 }
        column += take(i, j)
        return j
    }

    /// Outside quotes: a separator, a line end, white space after a closing quote, or a run of the field's text.
    /// - Returns: the index after what was read, or the issue of text after a closing quote.
    private mutating func unquoted(at i: Int) -> Result<Int, CatalogIssue> {
        let n = bytes.count
        let b = bytes[i]
        switch b {
        case separator:
            finishField()
            column += 1
            return .success(i + 1)
        case 0x0D:
            column += 1
            return .success(i + 1)
        case 0x0A:
            finishRecord()
            line += 1
            column = 1
            return .success(i + 1)
        default:
            if quotedField {
                // After a closing quote only white space may follow, one scalar at a time.
                let w = width(b)
                guard isWhitespace(at: i, width: w) else {
                    return .failure(CatalogIssue(file: file, line: line, column: column, Message("csv.text_after_quote")))
                }
                column += take(i, min(i + w, n))
                return .success(i + w)
            }
            var j = i + 1
            while j < n && bytes[j] != separator && bytes[j] != 0x0D && bytes[j] != 0x0A { j += 1 }
            column += take(i, j)
            return .success(j)
        }
    }
}
