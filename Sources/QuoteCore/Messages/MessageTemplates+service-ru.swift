/// What the services say in Russian: the same keys and parameters as `MessageTemplates+service-en.swift`.
/// Paths, headers and JSON fields stay as they are typed (`GET /v1/catalog`, `X-Quote-Key`, `"status"`).
extension MessageTemplates {
    public static let serviceRU: [MessageKey: String] = [
        // HTTP
        "service.not_found":
            "Нет такого ресурса: {0}. У сервиса есть POST /v1/quote, POST /v1/quotes, GET /v1/quotes/{id}, POST /v1/quotes/{id}/status, GET /v1/catalog, GET /health и GET /metrics.",
        "service.no_saved_resource":
            "Нет такого ресурса: {0}. Сохранённые предложения — это GET /v1/quotes/{id} и POST /v1/quotes/{id}/status.",
        "service.method_not_allowed": "Этот ресурс принимает только {0}.",
        "service.body_too_large": "Тело запроса больше {0} байт: отправляйте не больше 1 МиБ на запрос (разбейте пакет).",
        "service.body_unreadable": "Не удалось прочитать тело запроса ({0}); отправьте его ещё раз.",
        "service.batch_invalid":
            "Пакет — некорректный JSON: {0} (байт {1}). Отправьте JSON-массив запросов или по одному запросу в строке.",
        "service.batch_empty": "Пакет пуст: отправьте JSON-массив запросов или по одному запросу в строке.",
        "service.batch_too_large": "В пакете может быть не больше {0} запросов (в этом {1}).",
        "service.internal_not_allowed":
            "Внутренние данные (закупочные цены, маржа) — только для запросов с ключом: передайте его в Authorization: Bearer KEY или X-Quote-Key либо уберите \"internal\".",
        "service.saved_internal":
            "Это предложение выдано с внутренними данными (закупочные цены, маржа): передайте ключ в Authorization: Bearer KEY или X-Quote-Key.",
        "service.no_saved_quotes": "Этот сервис не хранит предложения: запустите его с --quotes-db ФАЙЛ.",
        "service.timed_out":
            "Ответ не рассчитан за предел времени сервиса, {0} с. Отправьте запрос позже ещё раз или разбейте пакет на части поменьше.",
        // Сохранённые предложения
        "saved.unknown_quote":
            "Нет сохранённого предложения с номером «{0}»: его выдали без сохранения или сохранили в другую базу предложений.",
        "quotes_db.unusable":
            "Базой сохранённых предложений {0} нельзя воспользоваться: {1}. Укажите другую в --quotes-db или QUOTE_QUOTES_DB.",
        "quotes_db.unreadable":
            "Базой сохранённых предложений {0} нельзя воспользоваться: {1}. Проверьте файл и его папку или укажите другую в --quotes-db.",
        "quotes_db.cannot_create": "её не удаётся создать ({0})",
        "quotes_db.not_regular": "это не обычный файл",
        "quotes_db.folder": "не удаётся создать её папку {0} ({1})",
        "status.not_object": "Статус — JSON-объект вида {\"status\":\"ordered\",\"order\":\"1C-000123\"}.",
        "status.unknown_field": "Неизвестное поле «{0}»: в статусе бывают status, reason, order и manager.",
        "status.missing": "В статусе нет \"status\": отправьте accepted, lost или ordered.",
        "status.not_an_outcome": "«{0}» — не исход: отправьте accepted, lost или ordered.",
        "status.order_without_ordered":
            "\"order\" — номер заказа 1С по принятому предложению: отправляйте его вместе с \"status\":\"ordered\".",
        // quote-store (его запускает quote)
        "quote_store.usage": "использование: quote-store save|get ID|list|mark ID --db ПУТЬ (его запускает quote; см. quote show --help).",
        "quote_store.malformed": "quote-store получил неверное сообщение ({0}): {1} — не {2}.",
        "quote_store.what.saved_quote": "сохранённое предложение",
        "quote_store.what.filter": "фильтр",
        "quote_store.what.status": "статус",
        "quote_store.needs_id": "quote-store {0}: нужен номер предложения.",
        "quote_store.list_input": "quote-store list читает фильтр в виде JSON со стандартного ввода.",
        "quote_store.mark_input": "quote-store mark читает статус в виде JSON со стандартного ввода.",
        "quote_store.unknown_command": "quote-store: неизвестная команда «{0}».",
        // Файл запросов
        "requests.unreadable": "Файл запросов {0} не читается: {1}.",
        "requests.empty": "В файле запросов {0} нет ни одного запроса: пишите по одному JSON-запросу в строке.",
        // quote bench
        "bench.counts": "--quotes — от 1 до 100 000 000, --warmup — от 0 до 100 000 000.",
        "bench.format": "--format — text или json, а не «{0}».",
        "bench.max_p99": "--max-p99 «{0}» — не длительность: пишите 500us, 2ms или 0.01s.",
        "bench.nothing_to_quote": "В каталоге нет товара в наличии или города с маршрутом: рассчитывать нечего.",
        "quotes_db.folder_unopened": "не удаётся открыть её папку {0} ({1})",
    ]
}
