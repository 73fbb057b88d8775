import QuoteCore

/// An amount written out in Russian words, as invoices and offers state it: «сто девятнадцать тысяч
/// семьсот сорок девять рублей 12 копеек».
enum AmountInWords {
    static let units = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
    static let unitsFeminine = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
    static let teens = [
        "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать",
        "восемнадцать", "девятнадцать",
    ]
    static let tens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
    static let hundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"]
    /// Thousand, million, billion: their plural forms and whether they are feminine.
    static let scales: [(Plural.Forms, Bool)] = [
        (Plural.Forms("тысяча", "тысячи", "тысяч"), true), (Plural.Forms("миллион", "миллиона", "миллионов"), false),
        (Plural.Forms("миллиард", "миллиарда", "миллиардов"), false), (Plural.Forms("триллион", "триллиона", "триллионов"), false),
    ]

    /// The words for 1…999, masculine or feminine.
    static func triple(_ n: Int64, feminine: Bool) -> [String] {
        var words: [String] = []
        let h = Int(n / 100), rest = Int(n % 100)
        if h > 0 { words.append(hundreds[h]) }
        if rest >= 10 && rest < 20 {
            words.append(teens[rest - 10])
        } else {
            if rest >= 20 { words.append(tens[rest / 10]) }
            if rest % 10 > 0 { words.append((feminine ? unitsFeminine : units)[rest % 10]) }
        }
        return words
    }

    /// A whole number in words ("ноль" for 0); rubles are masculine.
    static func words(_ n: Int64) -> String {
        guard n > 0 else { return "ноль" }
        var groups: [Int64] = []
        var rest = n
        while rest > 0 {
            groups.append(rest % 1_000)
            rest /= 1_000
        }
        var words: [String] = []
        for (i, g) in groups.enumerated().reversed() where g > 0 {
            if i == 0 {
                words += triple(g, feminine: false)
            } else if i - 1 < scales.count {
                let (forms, feminine) = scales[i - 1]
                words += triple(g, feminine: feminine) + [forms.form(for: g)]
            }
        }
        return words.joined(separator: " ")
    }

    /// "сто девятнадцать тысяч семьсот сорок девять рублей 12 копеек".
    static func rubles(_ m: Money) -> String {
        let rubles = m.kopecks.magnitude / 100, kopecks = m.kopecks.magnitude % 100
        let r = Int64(clamping: rubles), k = Int64(kopecks)
        let kop = k < 10 ? "0\(k)" : "\(k)"
        return
            "\(words(r)) \(Plural.Forms("рубль", "рубля", "рублей").form(for: r)) \(kop) \(Plural.Forms("копейка", "копейки", "копеек").form(for: k))"
    }
}
