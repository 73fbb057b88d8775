import QuoteCore

/// The messages of `quote`'s other commands (catalog, saved quotes, serve, bench) that name its options
/// or programs, in English and Russian; looked up with `CLIMessages` (a test checks both have every key).
extension CLIMessages {
    static let commandsEN: [MessageKey: String] = [
        "cli.warning": "warning: {0}",
        "cli.warning.more": "warning: … and {0} more like these ({1})",
        "cli.catalog.unchanged": "{0} The previous database, if any, is unchanged.",
        "cli.catalog.ok": "OK {0}: {1}.",
        "cli.catalog.built": "Built {0}: {1}.",
        "cli.catalog.summary": "{0}, {1}, {2}, {3}, {4}, {5}, {6}, version {7}",
        "cli.import.which_catalog":
            "Which catalog? Give --catalog PATH (a database or a CSV folder) or set QUOTE_CATALOG: an import changes it.",
        "cli.import.missing": "--missing “{0}” is not keep, zero or remove.",
        "cli.sibling_missing": "{0} needs {1} beside quote, at {2}: build it with `swift build --product {1}` (or the whole package).",
        "cli.cannot_start": "Cannot start {0}: {1}.",
        "cli.list.since": "--since “{0}” is not a date: write 2026-12-01 or an ISO-8601 moment.",
        "cli.list.expiring": "--expiring “{0}” is not a span: write 2d (days) or 12h (hours).",
        "cli.mark.outcome": "“{0}” is not an outcome: mark a quote accepted, lost or ordered.",
        "cli.mark.order": "--order gives the 1C order of an ordered quote: mark it `ordered --order {0}`.",
        "cli.show.unreadable": "The saved quote {0} cannot be read: {1} is not {2}.",
        "cli.store.missing":
            "Saved quotes need quote-store beside quote, at {0}: build it with `swift build --product quote-store` (or the whole package).",
        "cli.store.not_running": "quote-store is not running.",
        "cli.store.not_saved":
            "The saved-quotes database {0} cannot be used: {1}. The quote {2} was not saved; check the file and its folder, or name another with --quotes-db.",
        "cli.store.stopped": "quote-store stopped before saving {0} (status {1}): the quote was not saved.",
        "cli.store.no_ack": "quote-store answered something else than an acknowledgement: the quote may not be saved.",
        "cli.store.failed": "quote-store failed.",
        "cli.store.ended": "quote-store {0} ended with status {1} and no answer.",
        "cli.store.where": "Where should saved quotes go? Neither --quotes-db, QUOTE_QUOTES_DB, XDG_DATA_HOME nor HOME is set.",
        "cli.import.report.summary":
            "Imported {0} as the stock of {1} into {2}{3}: {4}, {5} changed{6}, {7} added{8}, {9} removed{10}{11}; stock as of {12}, version {13}.",
        "cli.import.report.and_folder": " and {0}/stock.csv",
        "cli.import.report.prices_changed": ", {0} changed{1}",
        "cli.import.report.dry_run":
            "Dry run, nothing written: importing {0} as the stock of {1} into {2} would change {3} ({4} added, {5} changed, {6} removed{7}){8}",
        "cli.import.report.dry_prices": ", {0}",
        "cli.import.report.line_added": "added",
        "cli.import.report.line_removed": "removed",
        "cli.import.report.line_changed": "changed",
        "cli.import.report.mapped": "Columns and articles mapped by {0}.",
        "cli.import.report.missing": "{0} of {1} not in the file ({2}) {3} {4}.",
        "cli.import.report.would_be": "would be",
        "cli.import.report.were": "were",
        "cli.import.report.kept": "kept as they were (--missing keep)",
        "cli.import.report.zeroed": "set to stock 0 (--missing zero, the default; --missing keep or remove to choose otherwise)",
        "cli.import.report.removed": "no longer offered by it (--missing remove)",
    ]

    static let commandsRU: [MessageKey: String] = [
        "cli.warning": "предупреждение: {0}",
        "cli.warning.more": "предупреждение: … и ещё {0} таких же ({1})",
        "cli.catalog.unchanged": "{0} Прежняя база, если она была, не изменилась.",
        "cli.catalog.ok": "Каталог {0} в порядке: {1}.",
        "cli.catalog.built": "Собран {0}: {1}.",
        "cli.catalog.summary": "{0}, {1}, {2}, {3}, {4}, {5}, {6}, версия {7}",
        "cli.import.which_catalog":
            "Какой каталог? Укажите --catalog ПУТЬ (базу или папку с CSV) или задайте QUOTE_CATALOG: загрузка изменяет каталог.",
        "cli.import.missing": "--missing «{0}» — не keep, zero и не remove.",
        "cli.sibling_missing":
            "Для {0} нужен {1} рядом с quote, по пути {2}: соберите его командой `swift build --product {1}` (или весь пакет).",
        "cli.cannot_start": "Не удаётся запустить {0}: {1}.",
        "cli.list.since": "--since «{0}» — не дата: пишите 2026-12-01 или момент времени в ISO-8601.",
        "cli.list.expiring": "--expiring «{0}» — не срок: пишите 2d (дни) или 12h (часы).",
        "cli.mark.outcome": "«{0}» — не исход: отметьте предложение как accepted, lost или ordered.",
        "cli.mark.order": "--order — номер заказа 1С по принятому предложению: отметьте его `ordered --order {0}`.",
        "cli.show.unreadable": "Сохранённое предложение {0} не читается: {1} — не {2}.",
        "cli.store.missing":
            "Для сохранённых предложений нужен quote-store рядом с quote, по пути {0}: соберите его командой `swift build --product quote-store` (или весь пакет).",
        "cli.store.not_running": "quote-store не запущен.",
        "cli.store.not_saved":
            "Базой сохранённых предложений {0} нельзя воспользоваться: {1}. Предложение {2} не сохранено; проверьте файл и его папку или укажите другую базу в --quotes-db.",
        "cli.store.stopped": "quote-store остановился, не сохранив {0} (статус {1}): предложение не сохранено.",
        "cli.store.no_ack": "quote-store ответил не подтверждением: предложение, возможно, не сохранено.",
        "cli.store.failed": "Ошибка quote-store.",
        "cli.store.ended": "quote-store {0} завершился со статусом {1} без ответа.",
        "cli.store.where": "Куда сохранять предложения? Не задано ни --quotes-db, ни QUOTE_QUOTES_DB, ни XDG_DATA_HOME, ни HOME.",
        "cli.import.report.summary":
            "Загружен {0} как остатки {1} в {2}{3}: {4}; изменено {5}{6}, добавлено {7}{8}, удалено {9}{10}{11}; остатки на {12}, версия {13}.",
        "cli.import.report.and_folder": " и {0}/stock.csv",
        "cli.import.report.prices_changed": "; изменилось {0}{1}",
        "cli.import.report.dry_run":
            "Пробный запуск, ничего не записано: загрузка {0} как остатков {1} в {2} изменила бы {3} (добавлено {4}, изменено {5}, удалено {6}{7}){8}",
        "cli.import.report.dry_prices": "; изменилось бы {0}",
        "cli.import.report.line_added": "добавлен",
        "cli.import.report.line_removed": "удалён",
        "cli.import.report.line_changed": "изменён",
        "cli.import.report.mapped": "Столбцы и артикулы сопоставлены по {0}.",
        "cli.import.report.missing": "{0} {1} нет в файле ({2}); {3} {4}.",
        "cli.import.report.would_be": "при загрузке",
        "cli.import.report.were": "после загрузки",
        "cli.import.report.kept": "они остаются как были (--missing keep)",
        "cli.import.report.zeroed": "остаток у них — 0 (--missing zero, по умолчанию; --missing keep или remove — чтобы иначе)",
        "cli.import.report.removed": "источник их больше не предлагает (--missing remove)",
    ]
}
