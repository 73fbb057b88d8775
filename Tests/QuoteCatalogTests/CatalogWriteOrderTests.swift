import Testing

@testable import QuoteCatalog

/// The order the writer inserts `product_names` in: the keys' UTF-8 bytes, SQLite's own order of TEXT keys.
@Suite struct CatalogWriteOrderTests {
    /// ASCII before Cyrillic (`z` is 0x7A, `а` is 0xD0 0xB0, `б` 0xD0 0xB1), a prefix before what extends it
    /// (`a` before `ab`), the empty key first.
    @Test func keysInByteOrder() {
        let sorted = CatalogDatabase.byteOrdered(["б", "ab", "а", "z", "a", "", "аб"])
        #expect(sorted == ["", "a", "ab", "z", "а", "аб", "б"])
    }

    /// Where Swift's `<` and the bytes disagree: `e` with a combining acute (0x65 0xCC 0x81) and the precomposed
    /// `é` (0xC3 0xA9) are one string to Swift, and two keys in this order to SQLite.
    @Test func bytesNotCanonicalEquivalence() {
        #expect(CatalogDatabase.utf8Precedes("e\u{301}", "\u{E9}"))
        #expect(!CatalogDatabase.utf8Precedes("\u{E9}", "e\u{301}"))
        #expect(!CatalogDatabase.utf8Precedes("кирпич", "кирпич"))
        // A long common prefix (20 letters, 38 bytes) decided by its last letter: `а` (0xB0) before `б` (0xB1).
        #expect(CatalogDatabase.utf8Precedes("кирпич керамический а", "кирпич керамический б"))
    }
}
