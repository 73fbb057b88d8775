/// Numbers, money, dates and units as each language writes them: `1 234 567,89 ₽` and `02.12.2026`
/// in Russian, `1,234,567.89` and `2026-12-02` in English. The one place the offer, the messages and
/// every front end take these forms from.
public struct Format: Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    var ru: Bool { language == .ru }

    /// "1 234 567,89 ₽" / "1,234,567.89".
    public func money(_ m: Money) -> String { amount(m) + (ru ? " ₽" : "") }

    /// The amount alone, without the currency sign: "1 234 567,89" / "1,234,567.89".
    public func amount(_ m: Money) -> String {
        ru ? FixedPoint.format(m.kopecks, scale: 2, grouping: " ", point: ",") : FixedPoint.format(m.kopecks, scale: 2, grouping: ",")
    }

    /// A unit price as the list states it: "17,40", or "17 575,00/1000" for a price per thousand.
    public func unitPrice(_ p: UnitPrice) -> String {
        let text = p.per == 1 ? p.decimalString : p.statedString
        guard case .success(let units) = FixedPoint.parse(Substring(text), scale: 4) else { return text }
        let decimals = text.split(separator: ".").last.map { $0.count } ?? 2
        var formatted =
            ru
            ? FixedPoint.format(units, scale: 4, grouping: " ", point: ",") : FixedPoint.format(units, scale: 4, grouping: ",")
        formatted.removeLast(4 - min(decimals, 4))
        return p.per == 1 ? formatted : "\(formatted)/\(p.per)"
    }

    /// "5 040", "1,5" / "5,040", "1.5".
    public func number(_ q: Quantity) -> String {
        ru
            ? FixedPoint.format(q.milli, scale: 3, trim: true, grouping: " ", point: ",")
            : FixedPoint.format(q.milli, scale: 3, trim: true, grouping: ",")
    }

    public func integer(_ n: Int64) -> String { number(Quantity(milli: n.multipliedReportingOverflow(by: 1_000).overflow ? 0 : n * 1_000)) }

    /// Kilograms from grams: "18 144".
    public func kilograms(_ grams: Int64) -> String { number(Quantity(milli: grams)) }

    /// "22 %", "12,5 %".
    public func percent(_ r: Rate) -> String {
        let s = r.percentString
        return (ru ? s.replacingDots(with: ",") : s) + " %"
    }

    /// "02.12.2026" / "2026-12-02".
    public func date(_ d: CivilDate) -> String {
        guard ru else { return d.description }
        let c = d.components
        return pad(c.day) + "." + pad(c.month) + "." + String(c.year)
    }

    /// "Чт 03.12.2026" / "Thu 2026-12-03".
    public func weekdayDate(_ d: CivilDate) -> String {
        (ru ? d.weekday.shortNameRussian : d.weekday.shortName) + " " + date(d)
    }

    /// The weekday written out: "четверг" / "Thursday".
    public func weekdayName(_ d: CivilDate) -> String {
        let i = Int(d.weekday.rawValue)
        return ru
            ? ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"][i]
            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i]
    }

    /// "02.12.2026 18:00" / ISO-8601 in English (as JSON writes it).
    public func moment(_ m: Moment) -> String {
        guard ru else { return m.description }
        let (d, second) = m.local
        return date(d) + " " + pad(Int(second / 3600)) + ":" + pad(Int(second % 3600 / 60))
    }

    /// A number with a noun that agrees with it: "21 поддон", "12 поддонов" / "1 pallet", "12 pallets".
    public func count(_ q: Quantity, _ noun: Noun) -> String {
        number(q) + " " + nounForm(q, noun)
    }

    public func nounForm(_ q: Quantity, _ noun: Noun) -> String {
        if ru {
            switch Plural.category(q) {
            case .one: return noun.ru.one
            case .few: return noun.ru.few
            case .many: return noun.ru.many
            }
        }
        return q == Quantity(whole: 1) ? noun.en.one : noun.en.other
    }

    /// A quantity with its unit: "5 040 шт", "12 поддонов", "40 мешков", "6,5 т" / "5,040 pcs", "12 pallets".
    public func quantity(_ q: Quantity, _ unit: OrderUnit) -> String {
        switch unit {
        case .pallets: return count(q, .pallet)
        case .bags: return count(q, .bag)
        default: return number(q) + " " + unitSymbol(unit)
        }
    }

    /// The unit after a number: "шт", "т", "м³" / "pcs", "t", "m³".
    public func unitSymbol(_ unit: OrderUnit) -> String {
        switch unit {
        case .pieces: return ru ? "шт" : "pcs"
        case .bags: return ru ? "меш." : "bags"
        case .pallets: return ru ? "подд." : "pal"
        case .tonnes: return ru ? "т" : "t"
        case .kilograms: return ru ? "кг" : "kg"
        case .cubicMetres: return ru ? "м³" : "m³"
        case .squareMetres: return ru ? "м²" : "m²"
        }
    }

    /// A unit written out, standing alone: "штуки", "поддоны" / "pieces", "pallets".
    public func unitName(_ unit: OrderUnit) -> String {
        switch unit {
        case .pieces: return ru ? "штуки" : "pieces"
        case .bags: return ru ? "мешки" : "bags"
        case .pallets: return ru ? "поддоны" : "pallets"
        case .tonnes: return ru ? "тонны" : "tonnes"
        case .kilograms: return ru ? "килограммы" : "kilograms"
        case .cubicMetres: return ru ? "кубометры" : "cubic metres"
        case .squareMetres: return ru ? "м² стены" : "m² of wall"
        }
    }

    public func body(_ b: VehicleBody) -> String {
        switch b {
        case .flatbed: return ru ? "бортовой" : "flatbed"
        case .tipper: return ru ? "самосвал" : "tipper"
        }
    }

    /// The strategy's name: "самый дешёвый" / "cheapest".
    public func strategy(_ s: Strategy) -> String {
        guard ru else { return s.rawValue }
        switch s {
        case .cheapest: return "дешевле всего"
        case .fastest: return "быстрее всего"
        case .single: return "из одного источника"
        }
    }

    /// Names as alternatives: "a, b or c" / "a, b или c".
    public func orList(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (ru ? " или " : " or ") + last
    }

    func pad(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}

extension String {
    func replacingDots(with replacement: Character) -> String {
        String(map { $0 == "." ? replacement : $0 })
    }
}
