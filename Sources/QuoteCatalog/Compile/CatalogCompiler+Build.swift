import QuoteCore

extension CatalogCompiler {
    /// What one build's table steps share: the tables not read yet, the ids each table read so far defines,
    /// and where the issues go.
    final class Build {
        let refs: References
        let log: IssueLog
        let parsing: ParseFailures
        private var pending: [String: PendingTable]
        /// The folder the tables were read from, when they were (nil: given as bytes).
        var directory: String?
        /// The tables parsed so far: their order and file, without their bytes.
        private(set) var read: [String: (order: Int, file: String)] = [:]

        init(tables: consuming [String: PendingTable], log: IssueLog, parsing: ParseFailures, refs: References = References()) {
            pending = consume tables
            self.log = log
            self.parsing = parsing
            self.refs = refs
        }

        /// The tables `names` not read yet, taken out of this build (to hand to a step run on another thread).
        func take(_ names: [String]) -> [String: PendingTable] {
            var taken: [String: PendingTable] = [:]
            for name in names { taken[name] = pending.removeValue(forKey: name) }
            return taken
        }

        /// Tables taken with `take` given back, to be read here after all.
        func giveBack(_ tables: [String: PendingTable]) { pending.merge(tables) { _, given in given } }

        /// A build of its own for table `name` (taken from this one), with `refs`: a step run on another thread
        /// reads and reports there, and its log is added to this one's afterwards (`IssueLog.append`).
        func branch(_ name: String, refs: References) -> Build {
            Build(tables: take([name]), log: log.fresh(), parsing: ParseFailures(), refs: refs)
        }

        /// `reader(streaming: true)` of a CSV file: its header read, its rows left to `forEachRow` when it is
        /// exact, else the rest parsed (the same records, issues and reader as `CSVTable.parse` gives).
        private func streamingReader(_ waiting: PendingTable, _ columns: [String], optional: [String]) -> TableReader {
            // A file that does not parse reads as empty, as in `reader`.
            func empty() -> TableReader {
                TableReader(
                    CSVTable(file: waiting.file, header: [], records: [], decimalComma: false), columns: columns, optional: optional,
                    log: log)
            }
            let parsing = parsing, order = waiting.order
            switch CSVStream.open(file: waiting.file, bytes: waiting.bytes) {
            case .failure(let issue):
                parsing.issues.append((order, issue))
                return empty()
            case .success(var stream):
                if TableReader.isExact(stream.header, columns: columns, optional: optional) {
                    return TableReader(streaming: stream, columns: columns, optional: optional, log: log) {
                        parsing.issues.append((order, $0))
                    }
                }
                var records: [CSVTable.Record] = []
                while true {
                    switch stream.next() {
                    case .failure(let issue):
                        parsing.issues.append((order, issue))
                        return empty()
                    case .success(let record?): records.append(record)
                    case .success(nil): return TableReader(stream.table(records: records), columns: columns, optional: optional, log: log)
                    }
                }
            }
        }

        /// Whether this branch found nothing wrong: no issue and every table parsed.
        var isClean: Bool { log.issues.isEmpty && parsing.issues.isEmpty }

        /// The reader of table `name`, parsed now; its bytes are let go of here and its parsed fields when the
        /// step that reads it is done with the reader: a 100k catalog's parsed tables are most of a build's
        /// memory, and they need not all be held at once. A table that does not parse reads as empty (its
        /// issue fails the build).
        ///
        /// `streaming`: a CSV file whose header is exactly the columns (`TableReader.isExact`) is not parsed
        /// whole but read a record at a time by the step's `forEachRow` (the largest tables' parsed fields were
        /// a third of a 100k build's memory); any other is parsed whole, as before.
        func reader(_ name: String, _ columns: [String], optional: [String] = [], streaming: Bool = false) -> TableReader {
            var table = CSVTable(file: name, header: [], records: [], decimalComma: false)
            if streaming, let waiting = pending[name], !CSVTable.isWorkbook(file: waiting.file, bytes: waiting.bytes) {
                pending[name] = nil
                read[name] = (waiting.order, waiting.file)
                return streamingReader(waiting, columns, optional: optional)
            }
            if let waiting = pending.removeValue(forKey: name) {
                read[name] = (waiting.order, waiting.file)
                switch CSVTable.parse(file: waiting.file, bytes: waiting.bytes) {
                case .success(let parsed): table = parsed
                case .failure(let issue): parsing.issues.append((waiting.order, issue))
                }
            }
            return TableReader(table, columns: columns, optional: optional, log: log)
        }
    }
}
