/// Renders `Message`s in one language: looks the key up in that language's template table and fills
/// the template's `{0}`, `{1}`, … with the parameters written as the language writes them (`Format`).
///
/// The engine's templates are `MessageTemplates.en` and `.ru`; the catalog tools' and the services' (which
/// may name files and commands, as their users type them) `MessageTemplates.toolsEN` and `.toolsRU`; a front end adds its own (its options,
/// its files) with `adding:`. A key missing from the language's table falls back to English, and a key
/// missing from both to the key itself with its parameters, so nothing is ever lost.
public struct MessageRenderer: Sendable {
    public let language: Language
    public let format: Format
    let own: [MessageKey: String]
    let extra: [MessageKey: String]
    let extraEnglish: [MessageKey: String]

    /// - Parameter extra: a front end's own templates by language (looked up before the engine's).
    /// - Complexity: O(1): the tables are shared, not copied.
    public init(_ language: Language, adding extra: [Language: [MessageKey: String]] = [:]) {
        self.language = language
        format = Format(language)
        own = language == .ru ? MessageTemplates.ru : MessageTemplates.en
        self.extra = extra[language] ?? [:]
        extraEnglish = extra[.en] ?? [:]
    }

    func template(_ key: MessageKey) -> String? {
        if let t = extra[key] ?? own[key] { return t }
        // The catalog tools' and services' templates (`MessageTemplates+catalog-*`, `+service-*`) are built only
        // when a key is not the engine's or the front end's: a quote never builds them.
        let tools = language == .ru ? MessageTemplates.toolsRU : MessageTemplates.toolsEN
        return tools[key] ?? extraEnglish[key] ?? MessageTemplates.en[key] ?? MessageTemplates.toolsEN[key]
    }

    /// The sentence for people, made safe to print (`Echo.lines`).
    public func render(_ message: Message) -> String {
        Echo.lines(compose(message))
    }

    func compose(_ message: Message) -> String {
        guard var template = template(message.key) else {
            return message.key.rawValue + "(" + message.args.map(text).joined(separator: ", ") + ")"
        }
        // Read as UTF-8 bytes (`{`, `}` and the digits are ASCII, so never part of a Cyrillic letter's
        // bytes): the text between placeholders is copied in runs, not a `Character` at a time.
        var out: [UInt8] = []
        out.reserveCapacity(template.utf8.count + 64)
        template.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i < bytes.count {
                guard bytes[i] == UInt8(ascii: "{"), let (n, end) = MessageRenderer.placeholder(in: bytes, at: i) else {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                if n < message.args.count { out.append(contentsOf: text(message.args[n]).utf8) }
                i = end
                start = end
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The parameter number of a placeholder `{N}` whose `{` is at `start`, and the index after its
    /// `}`; nil when the text up to the next `}` is not a number (a literal brace, as in a JSON example).
    static func placeholder(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        var n = 0
        var i = start + 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "}") {
            let digit = Int(bytes[i]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit), n < 100_000 else { return nil }
            n = n * 10 + digit
            i += 1
        }
        guard i < bytes.count, i > start + 1 else { return nil }
        return (n, i + 1)
    }

    func text(_ arg: MessageArg) -> String {
        let f = format
        switch arg {
        case .text(let s): return Echo.short(s)
        case .verbatim(let s): return s
        case .bilingual(let en, let ru): return language == .ru ? ru : en
        case .money(let m): return f.money(m)
        case .unitPrice(let p): return f.unitPrice(p)
        case .number(let q): return f.number(q)
        case .integer(let n): return f.integer(n)
        case .quantity(let q, let u): return f.quantity(q, u)
        case .count(let q, let noun): return f.count(q, noun)
        case .percent(let r): return f.percent(r)
        case .date(let d): return f.date(d)
        case .moment(let m): return f.moment(m)
        case .unitName(let u): return f.unitName(u)
        case .unitNames(let us): return us.map(f.unitName).joined(separator: ", ")
        case .body(let b): return f.body(b)
        case .list(let items): return items.map { Echo.short($0) }.joined(separator: ", ")
        case .orList(let items): return f.orList(items.map { Echo.short($0) })
        case .message(let m): return compose(m)
        case .messages(let ms, let separator): return ms.map(compose).joined(separator: separator)
        }
    }
}

/// A template's name: stable, so tests and front ends may refer to it. The engine's keys are listed in
/// `MessageKey.engine`; each has an English and a Russian template (a test checks it).
public struct MessageKey: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// A sentence carried as it is (`Message.plain`).
    public static let plain: MessageKey = "plain"
}
