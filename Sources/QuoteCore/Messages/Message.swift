/// Something the engine says — an error, a warning, a hint, a line of explanation — as data: a stable
/// template key and typed parameters. `MessageRenderer` turns it into English or Russian; the engine
/// itself never builds the sentence, so it names no CLI option and no file.
public struct Message: Sendable, Equatable {
    public var key: MessageKey
    public var args: [MessageArg]

    public init(_ key: MessageKey, _ args: MessageArg...) {
        self.key = key
        self.args = args
    }

    public init(_ key: MessageKey, args: [MessageArg]) {
        self.key = key
        self.args = args
    }

    /// Text that is no language at all, shown as it is (a library's own report, a list already rendered).
    public static func plain(_ text: String) -> Message { Message(.plain, .verbatim(text)) }

    /// Nothing: a part of a sentence that is left out.
    public static let empty = Message(.plain, .verbatim(""))
}

/// A message's parameter: what it is, so each language writes it its own way (`1 234,50 ₽` or
/// `1,234.50`, `02.12.2026` or `2026-12-02`, `5 поддонов` or `5 pallets`).
public indirect enum MessageArg: Sendable, Equatable {
    /// A value from outside (a name typed in a request, a catalog's cell): echoed safely, cut to a readable length.
    case text(String)
    /// Shown exactly: a field path, a JSON snippet, a number to type.
    case verbatim(String)
    /// A catalog value that has a name in each language (a product's `name` and `name_en`).
    case bilingual(en: String, ru: String)
    case money(Money)
    case unitPrice(UnitPrice)
    /// A bare number ("5 040" / "5,040").
    case number(Quantity)
    case integer(Int64)
    /// A number with its unit ("5 040 шт", "12 поддонов", "6,5 т").
    case quantity(Quantity, OrderUnit)
    /// A number with a noun that agrees with it ("1 поддон", "2 поддона", "5 поддонов").
    case count(Quantity, Noun)
    case percent(Rate)
    case date(CivilDate)
    case moment(Moment)
    /// A unit written out, standing alone ("pieces" / "штуки").
    case unitName(OrderUnit)
    case unitNames([OrderUnit])
    case body(VehicleBody)
    /// Names joined with commas.
    case list([String])
    /// Alternatives: "a or b" / "a или b".
    case orList([String])
    case message(Message)
    case messages([Message], separator: String)

    /// A count of whole things: `.count(12, .pallet)`.
    public static func count(_ n: Int64, _ noun: Noun) -> MessageArg { .count(Quantity(whole: n), noun) }
}

/// Nouns that agree with a number: one, few and many forms in Russian, singular and plural in English.
public enum Noun: String, Sendable, CaseIterable {
    case pallet, morePallet, piece, bag, hour, day, businessDay, brick, item, customer, truck, product, line, field, problem

    /// English singular and plural.
    var en: (one: String, other: String) {
        switch self {
        case .pallet: return ("pallet", "pallets")
        case .morePallet: return ("more pallet", "more pallets")
        case .piece: return ("piece", "pieces")
        case .bag: return ("bag", "bags")
        case .hour: return ("hour", "hours")
        case .day: return ("day", "days")
        case .businessDay: return ("business day", "business days")
        case .brick: return ("brick", "bricks")
        case .item: return ("item", "items")
        case .customer: return ("customer", "customers")
        case .truck: return ("truck", "trucks")
        case .product: return ("product", "products")
        case .line: return ("line", "lines")
        case .field: return ("field", "fields")
        case .problem: return ("problem", "problems")
        }
    }

    /// Russian forms for 1, for 2–4, for 5–20 (and fractions take the second).
    var ru: Plural.Forms {
        switch self {
        case .pallet, .morePallet: return Plural.Forms("поддон", "поддона", "поддонов")
        case .piece: return Plural.Forms("штука", "штуки", "штук")
        case .bag: return Plural.Forms("мешок", "мешка", "мешков")
        case .hour: return Plural.Forms("час", "часа", "часов")
        case .day: return Plural.Forms("день", "дня", "дней")
        case .businessDay: return Plural.Forms("рабочий день", "рабочих дня", "рабочих дней")
        case .brick: return Plural.Forms("кирпич", "кирпича", "кирпичей")
        case .item: return Plural.Forms("позиция", "позиции", "позиций")
        case .customer: return Plural.Forms("покупатель", "покупателя", "покупателей")
        case .truck: return Plural.Forms("машина", "машины", "машин")
        case .product: return Plural.Forms("товар", "товара", "товаров")
        case .line: return Plural.Forms("строка", "строки", "строк")
        case .field: return Plural.Forms("поле", "поля", "полей")
        case .problem: return Plural.Forms("ошибка", "ошибки", "ошибок")
        }
    }
}
