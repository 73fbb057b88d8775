import QuoteCore

/// The ids each catalog table defines, and the ids of its rows that failed, so that one root cause is one
/// error: a reference to a product whose row did not parse is not also "unknown SKU" in every table that
/// names it, and nothing refers into a table whose header is broken.
///
/// An unknown id that is really unknown is reported with the closest ids of its table (did you mean).
final class References {
    private struct Table {
        var definedSet: Set<String> = []
        /// Ids written in the table's rows that did not become an entry (the row failed).
        var failed: Set<String> = []
        /// The header lacks the id column or is broken: every reference to the table is suppressed.
        var unreadable = false
    }

    private var tables: [String: Table] = [:]
    /// Suggestions are computed for this many unknown ids per table; past it the message has none (a
    /// catalog of 100,000 SKUs with a wrong column in a big file would otherwise compare every pair).
    private var suggested: [String: Int] = [:]
    /// Each table's ids in order, sorted the first time one is suggested from (a build without errors never is).
    private var sortedIDs: [String: [String]] = [:]
    static let suggestionLimit = 20

    /// A copy to check against on another thread: the same tables, its own counts of suggestions made.
    func copy() -> References {
        let c = References()
        c.tables = tables
        c.suggested = suggested
        c.sortedIDs = sortedIDs
        return c
    }

    /// Takes on `other`'s tables and counts (a copy that read further on another thread).
    func adopt(_ other: References) {
        tables = other.tables
        suggested = other.suggested
        sortedIDs = other.sortedIDs
    }

    /// Records what `table` defines: `defined`, and the `column` values of every record `reader` has (those
    /// of rows that failed among them).
    func note(_ table: String, reader: TableReader, column: String, defined: some Sequence<String>) {
        var t = Table()
        t.definedSet = Set(defined)
        t.unreadable = !reader.readsColumn(column) || !reader.isSound
        for value in reader.values(of: column) where !t.definedSet.contains(value) { t.failed.insert(value) }
        tables[table] = t
    }

    /// Whether `id` is an entry of `table`.
    func has(_ id: String, in table: String) -> Bool { tables[table]?.definedSet.contains(id) ?? false }

    /// Checks that `id` in `row`'s `column` is an entry of `table`: true if it is. If not, reports it (with
    /// did-you-mean) unless its own row failed or the table is unreadable — that error is already reported.
    @discardableResult
    func check(_ id: String, in table: String, what: String, row: TableReader.Row, column: String) -> Bool {
        checked(id, in: table, what: what, row: row, column: column) != nil
    }

    /// `check`, returning the id as `table` defined it (the one string every row naming it then shares: a 100k
    /// catalog's 300,000 stock rows hold 100,000 SKUs) or `id` when the table is not read; nil when it is unknown.
    func checked(_ id: String, in table: String, what: String, row: TableReader.Row, column: String) -> String? {
        guard let t = tables[table] else { return id }
        if let i = t.definedSet.firstIndex(of: id) {
            // Equal Strings may differ in bytes (é composed or not): the row's own bytes are kept then, as before.
            let defined = t.definedSet[i]
            return defined.utf8.elementsEqual(id.utf8) ? defined : id
        }
        if t.unreadable || t.failed.contains(id) { return nil }
        row.fail(
            column,
            Message(
                References.unknownKey[what] ?? "ref.unknown", .text(id), .verbatim(table), .text(what),
                .message(suggestion(for: id, in: table, t))))
        return nil
    }

    /// The message for an unknown id of each kind (`what`): Russian nouns differ in gender.
    static let unknownKey: [String: MessageKey] = [
        "SKU": "ref.unknown_sku", "city": "ref.unknown_city", "source": "ref.unknown_source", "vehicle": "ref.unknown_vehicle",
        "product group": "ref.unknown_product_group",
    ]

    /// "; did you mean A, B?" for up to three close ids, or nothing.
    private func suggestion(for id: String, in table: String, _ t: Table) -> Message {
        let count = suggested[table, default: 0]
        guard count < References.suggestionLimit else { return .empty }
        suggested[table] = count + 1
        let ids = sortedIDs[table] ?? t.definedSet.sorted()
        sortedIDs[table] = ids
        let close = References.closest(to: id, among: ids)
        return References.didYouMean(close)
    }

    /// "; did you mean A, B?" for `close`, or nothing when it is empty.
    static func didYouMean(_ close: [String]) -> Message { close.isEmpty ? .empty : Message("ref.did_you_mean", .list(close)) }

    /// Of `NameKey.suggestions`, those nearest to `typed` (a SKU one letter off is not also shown its cousins two
    /// letters off), and for ids of three letters or fewer only those one edit away (`XYZ` is not `RYA`).
    static func closest(to typed: String, among ids: [String], limit: Int = 3) -> [String] {
        let key = NameKey.normalize(typed)
        let scored = NameKey.suggestions(for: typed, among: ids, limit: 10).map { id -> (Int, String) in
            let candidate = NameKey.normalize(id)
            return (candidate.hasPrefix(key) ? 0 : NameKey.editDistance(key, candidate, limit: 10), id)
        }
        guard let best = scored.map(\.0).min(), key.count > 3 || best <= 1 else { return [] }
        return Array(scored.filter { $0.0 == best }.prefix(limit).map(\.1))
    }
}
