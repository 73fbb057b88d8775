import QuoteCore

/// Parameters of catalog diagnostics written as the English messages always wrote them (`2000000.00`,
/// `5040`, `Sat`: what the CSV files hold) and as Russian writes them (`2 000 000,00 ₽`, `5 040`, `суббота`).
extension MessageArg {
    /// A catalog's figure: `5040` / `5 040`.
    static func figure(_ q: Quantity) -> MessageArg { .bilingual(en: q.decimalString, ru: Format(.ru).number(q)) }

    /// A whole number: `20000` / `20 000`.
    static func whole(_ n: Int64) -> MessageArg { .bilingual(en: String(n), ru: Format(.ru).integer(n)) }

    /// An amount as the CSV files write it: `14.62` / `14,62 ₽`.
    static func amount(_ m: Money) -> MessageArg { .bilingual(en: m.decimalString, ru: Format(.ru).money(m)) }

    /// A list price: `17.5750` / `17,575 ₽`.
    static func listPrice(_ p: UnitPrice) -> MessageArg { .bilingual(en: p.decimalString, ru: Format(.ru).unitPrice(p) + " ₽") }

    /// The weekday of `date`: `Sat` / `суббота`.
    static func weekdayOf(_ date: CivilDate) -> MessageArg {
        .bilingual(en: date.weekday.shortName, ru: Format(.ru).weekdayName(date))
    }
}

extension MessageArg {
    /// What a file that is not a regular one is (`FileIO.kind`), in the reader's language.
    static func fileKind(_ kind: String) -> MessageArg { .bilingual(en: kind, ru: fileKindsRussian[kind] ?? kind) }

    static let fileKindsRussian = [
        "a FIFO (named pipe)": "FIFO (именованный канал)", "a character device": "символьное устройство",
        "a block device": "блочное устройство", "a socket": "сокет", "a folder": "папка", "a special file": "специальный файл",
        "a symbolic link": "символическая ссылка", "an empty file": "пустой файл",
        "a file that is not an SQLite database": "файл, который не является базой SQLite",
        "an SQLite database of another program": "база SQLite другой программы",
    ]
}

extension CatalogStore {
    /// Why a database could not be read or written, for a message: what this program found (a damaged
    /// database, said in the reader's language), or SQLite's or the system's own words.
    static func reason(_ error: any Error) -> MessageArg {
        if let e = error as? SQLiteError, let text = e.text { return .message(text) }
        if let e = error as? QuoteError { return .message(e.text) }
        return .verbatim("\(error)")
    }
}
