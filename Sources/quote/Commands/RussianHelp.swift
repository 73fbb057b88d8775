/// `quote --help` in Russian, for a Russian locale or `--lang ru`: every option a manager uses, in the
/// manager's words. (ArgumentParser's generated help is English; the catalog and service commands keep it.)
enum RussianHelp {
    /// Whether `arguments` ask for the quoting command's help (not a `catalog` or `serve` subcommand's).
    static func wanted(_ arguments: [String]) -> Bool {
        guard arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" else { return false }
        return !arguments.contains("catalog") && !arguments.contains("serve")
    }

    static let text = """
        quote — расчёт коммерческого предложения на стройматериалы: что продаём, откуда, какими машинами,
        когда привезём и сколько это стоит с НДС.

        ИСПОЛЬЗОВАНИЕ
          quote ТОВАР --qty КОЛИЧЕСТВО --city ГОРОД [параметры]
          quote ТОВАР --qty КОЛИЧЕСТВО --pickup
          quote --item кирпич=5000 --item цемент=40меш --city Клин

        ЧТО И СКОЛЬКО
          ТОВАР                  артикул, название или синоним: кирпич, brick, BR-NF-M150-SOL
          --qty КОЛИЧЕСТВО       5000, "5 000", 5к, "5 тыс", 12pal, "12 поддонов", 40меш, 6т, "1,5 т", 1500кг, 20м3
                                 («5,000» для штук не угадывается: будет ошибка с обоими прочтениями)
          --item ТОВАР=КОЛ-ВО    ещё одна позиция (можно повторять)
          --wall М2              вместо --qty: площадь стены (кирпич и блоки)
          --thickness КИРПИЧЕЙ   толщина стены: 0.5, 1, 1.5, 2, 2.5 (120, 250, 380, 510, 640 мм)
          --openings М2          проёмы (окна, двери) — вычесть из стены
          --waste ПРОЦЕНТ        запас на бой
          --joint ММ             толщина шва (по умолчанию 10 мм для кирпича)

        КУДА И КОГДА
          --city ГОРОД           город доставки: Тверь, Tver (обязателен, если не самовывоз)
          --pickup [ИСТОЧНИК]    самовывоз: без доставки; можно назвать склад (--pickup WH-KHIMKI)
          --crane                разгрузка манипулятором (доплата за рейс)
          --by ДАТА              к какому числу нужен товар: 15.12.2026 или 2026-12-15
          --strategy СТРАТЕГИЯ   cheapest — дешевле всего (по умолчанию), fastest — быстрее всего,
                                 single — каждая позиция из одного источника

        ПОКУПАТЕЛЬ И ЦЕНА
          --customer КТО         код, ИНН или часть названия: C-1001, 7701234567, СтройДом, Петров
          --discount ПРОЦЕНТ     ручная скидка сверх скидки покупателя (с пределом по группе товаров)
          --internal             показать себестоимость и маржу (только для компании!)

        ВИД ОТВЕТА
          --format table         таблица для менеджера (по умолчанию); ниже — заметки только для менеджера
          --format text          короткое предложение для мессенджера (до 60 символов в строке)
          --format html          коммерческое предложение для печати (A4)
          --format json          JSON для программ
          --lang ru|en           язык; по умолчанию русский, если русская локаль
          --explain              почему выбраны эти источники и машины
          --as-of МОМЕНТ         рассчитать на момент (ISO-8601: 2026-12-01T10:00:00+03:00)
          --catalog ПУТЬ         каталог (база или папка CSV); по умолчанию $QUOTE_CATALOG или демо-каталог

        КОДЫ ВЫХОДА
          0 рассчитано · 1 нельзя поставить или доставить · 2 ошибка в запросе · 3 проблема с каталогом

        Подробнее: docs/manager-guide.md. Справка по каталогу и сервису: quote catalog --help, quote serve --help.
        """
}
