import QuoteCore
import Testing

/// `JSONWriter.appendQuoted`: a string with nothing to escape is written as it is; quotes, backslashes
/// and control characters are escaped; the JSON parser reads every one back to the same string.
@Suite struct JSONWriterTests {
    @Test(arguments: [
        ("Кирпич М150 (250×120×65)", #""Кирпич М150 (250×120×65)""#),
        ("", #""""#),
        (#"say "internal""#, #""say \"internal\"""#),
        (#"C:\catalog"#, #""C:\\catalog""#),
        ("one\ntwo\r\tthree", #""one\ntwo\r\tthree""#),
        ("bell\u{07}", #""bell\u0007""#),
        ("\u{1F}end", #""\u001fend""#),
    ])
    func quoted(_ text: String, _ expected: String) {
        var out = "["
        JSONWriter.appendQuoted(text, to: &out)
        #expect(out == "[" + expected)
        #expect(JSONParser.parse(Array(expected.utf8)) == .success(.string(text)))
    }
}
