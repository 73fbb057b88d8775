/// How typed names are matched: case-insensitive, `ё` = `е`, Cyrillic read as its Latin
/// transliteration (so `Тверь` = `Tver`, `кирпич` = `kirpich`), spaces and punctuation ignored.
///
/// The catalog build stores every product and city name under this key, and the engine looks up
/// what a manager typed under the same key: one function, so the two can never disagree.
public enum NameKey {
    /// The lookup key of `text`.
    /// - Complexity: O(n) in the length of `text`.
    public static func normalize(_ text: some StringProtocol) -> String {
        // Fast path for plain ASCII (SKUs, Latin names): lower-case letters and digits, nothing else.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Built in place: a short key (most are) stays inside the String, with no allocation.
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var n = 0
                for b in text.utf8 {
                    switch b {
                    case 0x30...0x39, 0x61...0x7A:
                        buffer[n] = b
                        n += 1
                    case 0x41...0x5A:
                        buffer[n] = b + 0x20
                        n += 1
                    default: break
                    }
                }
                return n
            }
        }
        if let key = russianKey(text) { return key }
        return key(ofLowercased: text.lowercased())
    }

    /// `key(ofLowercased: text.lowercased())` read off the UTF-8 bytes, for text of ASCII, Latin-1 (`×`, `«»`),
    /// the Russian letters (А–я, Ё ё) and the punctuation of U+2000–U+207F (`–`, `“”`) only (product and city
    /// names); nil for any other scalar (the general path then reads it). Each of those scalars lower-cases to
    /// one scalar on its own, so byte by byte is the same key.
    static func russianKey(_ text: some StringProtocol) -> String? {
        // The longest output per input byte is "shch" (4 bytes) for щ (2 bytes): twice the input is enough. The key
        // is written into a scratch buffer and copied out at its own length: a String built in a buffer of twice
        // the input would keep that capacity in every key a catalog stores.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.utf8.count * 2) { out in
            var writer = RussianKeyWriter(out: out)
            for b in text.utf8 {
                guard writer.take(b) else { return nil }
            }
            return writer.key
        }
    }

    /// `russianKey` between two bytes: the key written so far and the scalar being read.
    private struct RussianKeyWriter {
        let out: UnsafeMutableBufferPointer<UInt8>
        var n = 0
        var previousWasDigit = false
        /// The first byte of a scalar whose last byte is still to come.
        var lead: UInt8 = 0
        /// Bytes of a punctuation scalar still to drop.
        var skip = 0

        init(out: UnsafeMutableBufferPointer<UInt8>) { self.out = out }

        /// The key, or nil when the text ended inside a scalar.
        var key: String? {
            guard lead == 0 && skip == 0 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
        }

        /// Reads one byte of the text; false on a scalar this path does not know (the general path reads it).
        mutating func take(_ b: UInt8) -> Bool {
            if skip > 0 {
                // The last bytes of a punctuation scalar of U+2000–U+207F (dashes, quotes): dropped.
                skip -= 1
                if skip == 0 { previousWasDigit = false }
                return true
            }
            if lead == 0xE2 {
                // Of the three-byte scalars only U+2000–U+207F, which lower-case to themselves and are no letter kept.
                guard b == 0x80 || b == 0x81 else { return false }
                lead = 0
                skip = 1
                return true
            }
            if lead != 0 { return twoByte((UInt32(lead & 0x1F) << 6) | UInt32(b & 0x3F)) }
            return first(b)
        }

        /// A two-byte scalar, U+0080–U+00FF or U+0400–U+047F.
        mutating func twoByte(_ v: UInt32) -> Bool {
            lead = 0
            if v < 0x100 && v != 0xD7 {
                // Latin-1 (« », °, é, ß): lower-cased, still none of the letters kept, so dropped.
                previousWasDigit = false
                return true
            }
            var lower = v
            if (0x0410...0x042F).contains(v) { lower = v + 0x20 } else if v == 0x0401 { lower = 0x0451 }
            if lower == 0xD7 || (lower == 0x0445 && previousWasDigit) {
                put("x")
            } else if (0x0430...0x044F).contains(lower) || lower == 0x0451 {
                put(lower == 0x0451 ? "e" : NameKey.russianLatin[Int(lower - 0x0430)])
            } else {
                return false
            }
            previousWasDigit = false
            return true
        }

        /// A byte that starts a scalar: ASCII, or the lead byte of a two- or three-byte one.
        mutating func first(_ b: UInt8) -> Bool {
            switch b {
            case 0x30...0x39:
                append(b)
                previousWasDigit = true
                return true
            case 0x61...0x7A: append(b)
            case 0x41...0x5A: append(b + 0x20)
            case 0xC2, 0xC3, 0xD0, 0xD1, 0xE2:
                lead = b
                return true  // previousWasDigit is the scalar's, once it is read
            case 0x80...: return false
            default: break
            }
            previousWasDigit = false
            return true
        }

        mutating func append(_ b: UInt8) {
            out[n] = b
            n += 1
        }

        mutating func put(_ latin: StaticString) {
            latin.withUTF8Buffer { for b in $0 { append(b) } }
        }
    }

    /// `cyrillic` as static text, for `russianKey`.
    private static let russianLatin: [StaticString] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ]

    /// The lookup key of `lower`, already lower-cased (`NameTokens` lower-cases each word as it splits them).
    /// - Complexity: O(n) in the length of `lower`.
    static func key(ofLowercased lower: String) -> String {
        var out = ""
        out.reserveCapacity(lower.utf8.count)
        var previousWasDigit = false
        for scalar in lower.unicodeScalars {
            let v = scalar.value
            if (0x30...0x39).contains(v) {
                out.unicodeScalars.append(scalar)
                previousWasDigit = true
                continue
            }
            defer { previousWasDigit = false }
            if (0x61...0x7A).contains(v) {
                out.unicodeScalars.append(scalar)
            } else if v == 0xD7 || (v == 0x0445 && previousWasDigit) {
                out += "x"  // 600×300 and 600х300 (Cyrillic х) as 600x300
            } else if (0x0430...0x044F).contains(v) || v == 0x0451 {
                out += v == 0x0451 ? "e" : cyrillic[Int(v - 0x0430)]
            }
            // everything else (spaces, hyphens, dots, quotes) is dropped
        }
        return out
    }

    /// Latin spelling of а…я (ISO 9-like, as Russian names are usually written in Latin).
    private static let cyrillic: [String] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ]

    /// Up to `limit` of `labels` that look like what was typed: closest first, by edit distance on
    /// their keys, among those within a third of the typed key's length (at least 2 edits), or whose
    /// key starts with the typed one.
    /// - Complexity: O(n · k · m) for n labels of key length m and a typed key of length k.
    public static func suggestions(for typed: String, among labels: [String], limit: Int = 5) -> [String] {
        let key = normalize(typed)
        guard !key.isEmpty else { return [] }
        let budget = suggestionBudget(key)
        var scored: [(distance: Int, label: String)] = []
        var seen = Set<String>()
        for label in labels {
            let candidate = normalize(label)
            guard !candidate.isEmpty, seen.insert(label).inserted else { continue }
            if candidate.hasPrefix(key) && key.count >= 3 {
                scored.append((0, label))
                continue
            }
            let d = editDistance(key, candidate, limit: budget)
            if d <= budget { scored.append((d, label)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.label < $1.label }
        return Array(scored.prefix(limit).map(\.label))
    }

    /// How many edits a suggestion for the typed `key` (normalised) may be away: a third of its length, at least 2.
    public static func suggestionBudget(_ key: String) -> Int { max(2, key.count / 3) }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    package static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in 1..<(y.count + 1) {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return x.isEmpty ? y.count : previous[y.count]
    }
}
