import QuoteCore

/// The `quote` command's own messages — the ones that name its options — in English and Russian, and
/// what it adds to the engine's errors: the option that fixes the field ("use --city").
///
/// The engine's templates are in `QuoteCore/Messages`; these are looked up first, through the same
/// `MessageRenderer`.
enum CLIMessages {
    static func renderer(_ language: Language) -> MessageRenderer {
        // The Russian table only when Russian is asked for: each is built on first use.
        MessageRenderer(language, adding: language == .ru ? [.en: allEN, .ru: allRU] : [.en: allEN])
    }

    /// The option errors and the other commands' messages (`CLIMessages+Commands.swift`), one table a language.
    static let allEN = en.merging(commandsEN) { first, _ in first }
    static let allRU = ru.merging(commandsRU) { first, _ in first }

    static let en: [MessageKey: String] = [
        "cli.json_stdin":
            "--json and --jsonl read requests from stdin: give no product or --qty/--item with them, and only one of the two.",
        "cli.in_memory_needs_jsonl":
            "--in-memory holds the catalog for a stream of requests: use it with --jsonl (a single quote reads only its own rows).",
        "cli.unknown_format": "Unknown format “{0}”.",
        "cli.wall_needs_product": "--wall needs a product: `quote brick --wall 100 --thickness 1.5 --city Tver`.",
        "cli.qty_or_wall": "Give either --qty or --wall, not both.",
        "cli.not_a_number": "{0} “{1}” is not a number (e.g. 120 or 6.5).",
        "cli.wall_options": "--thickness, --openings, --waste and --joint describe a wall: give its area with --wall.",
        "cli.how_many": "How many? Give the quantity with --qty (e.g. --qty 5000, --qty 12pal, --qty 6t).",
        "cli.qty_needs_product": "--qty needs a product: `quote brick --qty 5000 --city Tver`.",
        "cli.item_form": "--item “{0}” must be PRODUCT=QTY, e.g. --item cement=40bag.",
        "cli.nothing": "What should be quoted? Name a product and a quantity: `quote brick --qty 5000 --city Tver`.",
        "cli.usage": "{0} See `quote --help`.",
        // What to do, after an engine error about a field
        "cli.use.city": "Use --city CITY, or --pickup.",
        "cli.use.pickup": "Quote pickup with --pickup, or split the order.",
        "cli.use.wall": "Use --wall AREA (with --thickness for bricks).",
        "cli.use.thickness": "Use --thickness 0.5, 1, 1.5, 2 or 2.5.",
        "cli.use.customer": "Use --customer with an id, INN or part of the name, or leave it out.",
        "error": "error",
        "did_you_mean": "Did you mean",
        "accepted": "Accepted",
    ]

    static let ru: [MessageKey: String] = [
        "cli.json_stdin":
            "--json и --jsonl читают запросы со стандартного ввода: не указывайте с ними товар, --qty или --item, и выберите что-то одно.",
        "cli.in_memory_needs_jsonl":
            "--in-memory держит каталог в памяти для потока запросов: используйте его с --jsonl (одиночный расчёт читает только свои строки).",
        "cli.unknown_format": "Неизвестный формат «{0}».",
        "cli.wall_needs_product": "Для --wall нужен товар: `quote кирпич --wall 100 --thickness 1.5 --city Тверь`.",
        "cli.qty_or_wall": "Укажите --qty или --wall, но не оба сразу.",
        "cli.not_a_number": "{0} «{1}» — не число (например, 120 или 6,5).",
        "cli.wall_options": "--thickness, --openings, --waste и --joint описывают стену: укажите её площадь в --wall.",
        "cli.how_many": "Сколько? Укажите количество в --qty (например, --qty 5000, --qty \"12 поддонов\", --qty 6т).",
        "cli.qty_needs_product": "Для --qty нужен товар: `quote кирпич --qty 5000 --city Тверь`.",
        "cli.item_form": "--item «{0}» пишется как ТОВАР=КОЛИЧЕСТВО, например --item цемент=40меш.",
        "cli.nothing": "Что считать? Назовите товар и количество: `quote кирпич --qty 5000 --city Тверь`.",
        "cli.usage": "{0} См. `quote --help`.",
        "cli.use.city": "Укажите --city ГОРОД или --pickup.",
        "cli.use.pickup": "Оформите самовывоз (--pickup) или разделите заказ.",
        "cli.use.wall": "Укажите --wall ПЛОЩАДЬ (и --thickness для кирпича).",
        "cli.use.thickness": "Укажите --thickness 0.5, 1, 1.5, 2 или 2.5.",
        "cli.use.customer": "Укажите в --customer код, ИНН или часть названия — или не указывайте покупателя.",
        "error": "ошибка",
        "did_you_mean": "Возможно, вы имели в виду",
        "accepted": "Допустимо",
    ]

    /// The request field's option on the command line (`city` → `--city`), for the `[…]` after a message.
    static func option(for field: String) -> String {
        let top = [
            "city": "--city", "customer": "--customer", "by": "--by", "discount": "--discount", "asOf": "--as-of",
            "pickup": "--pickup", "strategy": "--strategy", "lang": "--lang",
        ]
        if let o = top[field] { return o }
        if field.hasSuffix(".thickness") { return "--thickness" }
        if field.hasSuffix(".wall") || field.hasSuffix(".area") { return "--wall" }
        if field.hasSuffix(".openings") { return "--openings" }
        if field.hasSuffix(".waste") { return "--waste" }
        if field.hasSuffix(".joint") { return "--joint" }
        return field
    }

    /// What to do on the command line about an engine error, when the option is not obvious.
    static func advice(for error: QuoteError) -> Message? {
        switch (error.code, error.field ?? "") {
        case (.missingCity, _): return Message("cli.use.city")
        case (.noDelivery, _): return Message("cli.use.pickup")
        case (.invalidUnit, let f) where f.hasSuffix(".unit") && error.text.key == "unit.area_needs_wall": return Message("cli.use.wall")
        case (.missingField, let f) where f.hasSuffix(".thickness"): return Message("cli.use.thickness")
        default: return nil
        }
    }
}
