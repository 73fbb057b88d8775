import QuoteCore
import Testing

@testable import quote

/// The `quote` command's own templates: every key in English and in Russian, with the same parameters.
@Suite struct CLIMessagesTests {
    @Test(arguments: ["options", "commands"])
    func bothLanguagesHaveEveryTemplate(table: String) {
        let (en, ru) = table == "options" ? (CLIMessages.en, CLIMessages.ru) : (CLIMessages.commandsEN, CLIMessages.commandsRU)
        #expect(Set(en.keys) == Set(ru.keys), "\(table): \(Set(en.keys).symmetricDifference(ru.keys).map(\.rawValue).sorted())")
        for (key, english) in en {
            #expect(Self.placeholders(english) == Self.placeholders(ru[key] ?? ""), "\(key.rawValue)")
        }
    }

    /// A Russian template of a sentence has Cyrillic letters; and no key of `quote`'s is also the engine's.
    @Test func russianIsRussianAndKeysAreApart() {
        for (key, text) in CLIMessages.allRU where (CLIMessages.allEN[key] ?? "").contains(/[A-Za-z]{3,}/) {
            #expect(text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(key.rawValue): \(text)")
        }
        #expect(Set(CLIMessages.allEN.keys).isDisjoint(with: MessageTemplates.toolsEN.keys))
    }

    static func placeholders(_ s: String) -> Set<String> {
        Set(s.matches(of: /\{([0-9]+)\}/).map { String($0.output.1) })
    }
}
