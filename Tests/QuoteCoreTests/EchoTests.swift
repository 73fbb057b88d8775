import Testing

@testable import QuoteCore

/// How values from outside are echoed (issue 12, item 7): cut to a readable length, control characters shown.
@Suite struct EchoTests {
    @Test func controlCharactersAreShownNotSent() {
        // ESC [ 3 1 m (red), a bell, a carriage return, DEL, a C1 CSI (U+009B) and a right-to-left override.
        #expect(Echo.short("a\u{1B}[31mb\u{07}c\rd\u{7F}e\u{9B}f\u{202E}g") == "a\\u{1B}[31mb\\u{7}c\\u{D}d\\u{7F}e\\u{9B}f\\u{202E}g")
        #expect(Echo.short("Кирпич «М150» 250×120×65") == "Кирпич «М150» 250×120×65")  // printable text unchanged
    }

    @Test func longValuesAreCut() {
        // 100 × "x" at a limit of 80: 80 shown, 100 − 80 = 20 bytes left out.
        #expect(Echo.short(String(repeating: "x", count: 100)) == String(repeating: "x", count: 80) + "… (20 more bytes)")
        // Cut by characters, counted in bytes: 90 × "ж" (2 bytes each) at 80 → 10 left, 20 bytes.
        #expect(Echo.short(String(repeating: "ж", count: 90)) == String(repeating: "ж", count: 80) + "… (20 more bytes)")
        #expect(Echo.short(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80))
    }

    @Test func messagesKeepTheirLinesAndCutEachOne() {
        let line = String(repeating: "y", count: 600)
        // Two lines: the second, 600 long, is cut at 500 (100 bytes left out); the break stays.
        #expect(Echo.lines("ok\n" + line) == "ok\n" + String(repeating: "y", count: 500) + "… (100 more bytes)")
        #expect(Echo.lines("error: \u{1B}]0;title\u{7}\nnext") == "error: \\u{1B}]0;title\\u{7}\nnext")
        let plain = "a.csv:1:1: fine\nb.csv:2:3: fine too"
        #expect(Echo.lines(plain) == plain)
    }

    @Test func errorsMakeWhatTheyEchoSafe() {
        let e = QuoteError(
            .unknownProduct, Message.plain("Unknown product \u{201C}\u{1B}[2Jbrik\u{201D}."), field: "product\u{1B}",
            candidates: ["\u{1B}[31mbrick"])
        #expect(e.message == "Unknown product \u{201C}\\u{1B}[2Jbrik\u{201D}.")
        #expect(e.field == "product\\u{1B}")
        #expect(e.candidates == ["\\u{1B}[31mbrick"])
    }
}
