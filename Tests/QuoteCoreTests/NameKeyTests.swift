import Testing

@testable import QuoteCore

/// `NameKey.normalize`'s byte-by-byte path for Russian names (`russianKey`) gives the key the general path
/// (`key(ofLowercased: text.lowercased())`) gives, and leaves every other text to it.
@Suite struct NameKeyFastPathTests {
    /// Keys derived by hand from the transliteration table: К→k, и→i, р→r, п→p, ч→ch; Щ→shch; Ё→e; ъ ь dropped;
    /// х after a digit is x, elsewhere kh; × is x; spaces, hyphens and dots dropped.
    static let russian: [(String, String)] = [
        ("Кирпич М150", "kirpichm150"), ("Щебень 5-20", "shcheben520"), ("Ёлка ёж", "elkaezh"), ("объём", "obem"),
        ("600х300", "600x300"), ("600 х300", "600kh300"), ("600Х300", "600x300"), ("600×300", "600x300"), ("Хлеб", "khleb"),
        ("Тверь", "tver"), ("ЭЮЯ", "eyuya"),
        // Latin-1 and U+2000–U+207F punctuation dropped (« » ° é – “ ”); a dropped scalar ends a number: 5°х is 5kh.
        ("Кирпич «Тверца»", "kirpichtvertsa"), ("600×300 – М150", "600x300m150"), ("Café", "caf"), ("é×", "x"),
        ("5°х", "5kh"), ("5–х", "5kh"), ("“Хит”", "khit"),
    ]

    @Test(arguments: russian)
    func russianNames(text: String, key: String) {
        #expect(NameKey.normalize(text) == key)
        #expect(NameKey.russianKey(text) == key)
        #expect(NameKey.key(ofLowercased: text.lowercased()) == key)
    }

    /// Other scalars (Ѐ, ђ, İ, Greek, №, the Kelvin sign, an emoji) are the general path's.
    @Test(arguments: ["Ѐлка", "ђ", "İstanbul", "Σίγμα", "кирпич 🧱", "№5", "\u{212A}m"])
    func otherScalarsGoTheGeneralWay(text: String) {
        #expect(NameKey.russianKey(text) == nil)
        #expect(NameKey.normalize(text) == NameKey.key(ofLowercased: text.lowercased()))
    }
}
