import QuoteCore

extension CatalogCompiler {
    /// What one build's table steps share: the tables not read yet, the ids each table read so far defines,
    /// and where the issues go.
    final class Build {
        let refs = References()
        let log: IssueLog
        let parsing: ParseFailures
        private var pending: [String: PendingTable]

        init(tables: consuming [String: PendingTable], log: IssueLog, parsing: ParseFailures) {
            pending = consume tables
            self.log = log
            self.parsing = parsing
        }

        /// The reader of table `name`, parsed now; its bytes are let go of here and its parsed fields when the
        /// step that reads it is done with the reader: a 100k catalog's parsed tables are most of a build's
        /// memory, and they need not all be held at once. A table that does not parse reads as empty (its
        /// issue fails the build).
        func reader(_ name: String, _ columns: [String], optional: [String] = []) -> TableReader {
            var table = CSVTable(file: name, header: [], records: [], decimalComma: false)
            if let waiting = pending.removeValue(forKey: name) {
                switch CSVTable.parse(file: waiting.file, bytes: waiting.bytes) {
                case .success(let parsed): table = parsed
                case .failure(let issue): parsing.issues.append((waiting.order, issue))
                }
            }
            return TableReader(table, columns: columns, optional: optional, log: log)
        }
    }
}
