/// Reads a product name — as a manager types it or as the catalog spells it — into words and attributes.
///
/// `кирпич М150 полуторный` → the word `кирпич`, the grade 150 and the format 1.4NF; `газоблок 600 х 300 х 200`
/// → `газоблок` and the size {200, 300, 600}; `ЦЕМ I 42,5Н` → the cement type I and class 42.5. Case does not
/// matter, `ё` is `е`, and a word that mixes Latin and Cyrillic look-alikes (`HФ`, `киpпич` with a Latin `p`)
/// is read in the script most of its letters are in.
public enum NameTokens {
    /// The tokens of `text`. `splitHyphens` (catalog names) also reads the parts of a hyphenated word
    /// (`ПЦ500-Д0` → grade 500); a typed hyphenated word stays whole, so a SKU can be part of a query.
    /// - Complexity: O(n) in the length of `text`.
    public static func tokens(_ text: String, splitHyphens: Bool = false) -> [NameToken] {
        let raw = rawWords(text).map(fold)
        var out: [NameToken] = []
        var i = 0
        while i < raw.count {
            if let (token, used) = merged(raw, at: i) {
                out.append(token)
                i += used
                continue
            }
            let word = raw[i]
            i += 1
            let token = single(word)
            out.append(token)
            if splitHyphens, token.attribute == nil, word.utf8.contains(0x2D) {
                for part in word.split(separator: "-") where !part.isEmpty {
                    let p = single(String(part))
                    if p.attribute != nil || p.key != token.key { out.append(p) }
                }
            }
        }
        return out
    }

    // MARK: - Words

    /// Splits on spaces, brackets, quotes and punctuation; a comma or dot between digits stays (`42,5`, `2.1НФ`).
    /// Lower-cased on the way (`ё` as `е`), scalar by scalar: this runs on every name of a family.
    static func rawWords(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < scalars.count && (0x30...0x39).contains(scalars[k].value) }
        for (k, s) in scalars.enumerated() {
            let keepsNumber = (s == "," || s == ".") && isDigit(k - 1) && isDigit(k + 1)
            if isSpace(s) || (separators.contains(s) && !keepsNumber) {
                if !current.isEmpty { words.append(String(current)) }
                current = String.UnicodeScalarView()
            } else {
                appendLowercased(s, to: &current)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09...0x0D, 0xA0: true
        case 0x21...0x7E, 0x400...0x4FF: false
        default: s.properties.isWhitespace
        }
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x61...0x7A, 0x41...0x5A, 0x400...0x4FF: true
        case 0...0x7F: false
        default: s.properties.isAlphabetic
        }
    }

    /// `s` in lower case, `ё` as `е`: Latin and Cyrillic directly, anything else through the Unicode mapping.
    static func appendLowercased(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = s.value
        let mapped: UInt32? =
            switch v {
            case 0x41...0x5A: v + 0x20
            case 0x410...0x42F: v + 0x20
            case 0x401, 0x451: 0x435
            case 0x61...0x7A, 0x430...0x44F, 0x30...0x39: v
            default: nil
            }
        if let mapped, let scalar = Unicode.Scalar(mapped) {
            out.append(scalar)
        } else if s.properties.changesWhenLowercased {
            out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        } else {
            out.append(s)
        }
    }

    static let separators: Set<Unicode.Scalar> = [
        "(", ")", "[", "]", "{", "}", "«", "»", "\"", "\u{201C}", "\u{201D}", "\u{201E}", "'", ",", ".", ";", ":", "!", "?",
    ]

    /// Latin and Cyrillic letters that look alike, lower case.
    static let cyrillicToLatin: [Character: Character] = [
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
    ]
    static let latinToCyrillic: [Character: Character] = Dictionary(uniqueKeysWithValues: cyrillicToLatin.map { ($0.value, $0.key) })

    /// A word mixing scripts written in the one most of its letters are in (Cyrillic on a tie).
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        var cyrillic = 0
        var latin = 0
        for s in word.unicodeScalars {
            if (0x0430...0x044F).contains(s.value) { cyrillic += 1 } else if (0x61...0x7A).contains(s.value) { latin += 1 }
        }
        guard cyrillic > 0 && latin > 0 else { return word }
        let map = cyrillic >= latin ? latinToCyrillic : cyrillicToLatin
        return String(word.map { map[$0] ?? $0 })
    }

    // MARK: - Several words read as one

    /// `600 х 300 х 200`, `50 кг`, `ЦЕМ I`: the token and how many raw words it took, or nil.
    static func merged(_ raw: [String], at i: Int) -> (NameToken, Int)? {
        let w = raw[i]
        if isDigits(w) {
            // 600 x 300 [x 200]
            var dims = [w]
            var k = i + 1
            while k + 1 < raw.count, dims.count < 3, timesSigns.contains(raw[k]), isDigits(raw[k + 1]) {
                dims.append(raw[k + 1])
                k += 2
            }
            if dims.count > 1, let size = size(dims.compactMap { Int($0) }) {
                return (token(raw[i..<k].joined(separator: " "), size), k - i)
            }
            if i + 1 < raw.count, kilogramWords.contains(raw[i + 1]), let kg = Int(w), (1...5_000).contains(kg) {
                return (token(w + " " + raw[i + 1], .packKg(kg)), 2)
            }
        }
        if w.utf8.count <= 6, cementWords.contains(NameKey.key(ofLowercased: w)), i + 1 < raw.count, let roman = romanNumeral(raw[i + 1]) {
            return (token(w + " " + raw[i + 1], .cementType(roman)), 2)
        }
        return nil
    }

    static let timesSigns: Set<String> = ["x", "х", "×", "*"]
    static let kilogramWords: Set<String> = ["кг", "kg"]
    static let cementWords: Set<String> = ["tsem", "cem", "sem"]

    /// `I`, `II/А-Ш` → "I", "II"; nil for anything else.
    static func romanNumeral(_ word: String) -> String? {
        let head = word.prefix { $0 != "/" }
        let folded = String(head.map { $0 == "і" ? "i" : $0 })
        return ["i", "ii", "iii", "iv", "v"].contains(folded) ? folded.uppercased() : nil
    }

    static func token(_ text: String, _ attribute: ProductAttribute) -> NameToken {
        NameToken(text: text, key: NameKey.key(ofLowercased: text), attribute: attribute, isPhraseable: false, isFiller: false)
    }

    // MARK: - One word

    /// One raw word: an attribute written as one word (`м150`, `d500`, `5-20`, `600х300х200`, `42,5н`, `50кг`,
    /// `полуторный`), a filler, or a plain word.
    static func single(_ w: String) -> NameToken {
        let key = NameKey.key(ofLowercased: w)
        let lettersOnly = !w.isEmpty && w.unicodeScalars.allSatisfy(isLetter)
        if let a = coded(w) {
            return NameToken(text: w, key: key, attribute: a, isPhraseable: lettersOnly, isFiller: false)
        }
        if let a = wordAttribute(key) {
            return NameToken(text: w, key: key, attribute: a, isPhraseable: true, isFiller: false)
        }
        return NameToken(text: w, key: key, attribute: nil, isPhraseable: !key.isEmpty, isFiller: fillers.contains(key) || key.isEmpty)
    }

    /// Attributes written with digits: grade, density, format code, size, fraction, cement class, bag weight.
    static func coded(_ w: String) -> ProductAttribute? {
        // Without a digit only a format code can be one (`NF`, `НФ`): most words of a name stop here.
        guard w.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), let first = w.first else {
            return w == "nf" || w == "нф" ? .format(.nf) : nil
        }
        if isDigits(w) { return Int(w).map { .number($0) } }
        if let n = digitsAfter(w, prefixes: ["м", "m"]), (10...2_000).contains(n) { return .grade(n) }
        if let n = digitsAfter(w, prefixes: ["пц", "pc"]), (100...700).contains(n) { return .grade(n) }
        if let n = digitsAfter(w, prefixes: ["d", "д"]), (100...2_500).contains(n) { return .density(n) }
        if let f = formatCodes[NameKey.key(ofLowercased: w)] { return .format(f) }
        guard first.isASCII && first.isNumber else { return nil }
        if let kg = digitsBefore(w, suffixes: ["кг", "kg"]), (1...5_000).contains(kg) { return .packKg(kg) }
        if let c = cementClass(w) { return .cementClass(c) }
        if let f = fraction(w) { return f }
        let parts = w.split(whereSeparator: { timesSigns.contains(String($0)) })
        if parts.count >= 2, parts.count <= 3, parts.allSatisfy({ isDigits(String($0)) }) {
            return size(parts.compactMap { Int($0) })
        }
        return nil
    }

    /// 5-20, 5–20, 5/20 (a < b, in mm).
    static func fraction(_ w: String) -> ProductAttribute? {
        let parts = w.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" || $0 == "/" })
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a < b, b <= 1_000 else { return nil }
        return .fraction(a, b)
    }

    /// 22,5 32,5 42,5 52,5 with an optional Н/N or R/Р (normal or rapid hardening) → tenths of MPa.
    static func cementClass(_ w: String) -> Int? {
        var s = w.replacingComma()
        if let last = s.last, ["н", "n", "р", "r", "h", "p"].contains(last) { s.removeLast() }
        let classes = ["22.5": 225, "32.5": 325, "42.5": 425, "52.5": 525]
        return classes[s]
    }

    static func size(_ dims: [Int]) -> ProductAttribute? {
        guard dims.count >= 2, dims.allSatisfy({ (10...10_000).contains($0) }) else { return nil }
        return .size(dims.sorted())
    }

    static let formatCodes: [String: ProductAttribute.BrickFormat] = [
        "nf": .nf, "1nf": .nf, "14nf": .nf14, "1.4nf": .nf14, "21nf": .nf21, "2.1nf": .nf21,
    ]

    /// Attributes written as words, by the beginning of their key (Russian adjectives change their endings:
    /// `полуторный`, `полуторного`), or by the whole key.
    static func wordAttribute(_ key: String) -> ProductAttribute? {
        if let a = wholeWords[key] { return a }
        guard key.utf8.count >= 4 else { return nil }
        for (stem, a) in stems where key.utf8.starts(with: stem.utf8) { return a }
        return nil
    }

    static let stems: [(String, ProductAttribute)] = [
        ("odinarn", .format(.nf)), ("polutorn", .format(.nf14)), ("dvoyn", .format(.nf21)),
        ("polnotel", .body(.solid)), ("pustotel", .body(.hollow)), ("shchelev", .body(.hollow)), ("poriz", .body(.porous)),
        ("oblitsovochn", .facing), ("litsev", .facing),
        ("krasn", .colour(.red)), ("korichnev", .colour(.brown)), ("zhelt", .colour(.yellow)), ("chern", .colour(.black)),
        ("bezhev", .colour(.beige)),
    ]

    static let wholeWords: [String: ProductAttribute] = [
        "single": .format(.nf), "double": .format(.nf21),
        "solid": .body(.solid), "hollow": .body(.hollow), "porous": .body(.porous), "facing": .facing,
        "red": .colour(.red), "brown": .colour(.brown), "yellow": .colour(.yellow), "grey": .colour(.grey), "gray": .colour(.grey),
        "white": .colour(.white), "black": .colour(.black), "beige": .colour(.beige),
        "seryy": .colour(.grey), "seraya": .colour(.grey), "serogo": .colour(.grey), "serye": .colour(.grey), "seroe": .colour(.grey),
        "belyy": .colour(.white), "belaya": .colour(.white), "belogo": .colour(.white), "belye": .colour(.white), "beloe": .colour(.white),
    ]

    static let colourLabels: [ProductAttribute.Colour: String] = [
        .red: "красный", .brown: "коричневый", .yellow: "жёлтый", .grey: "серый", .white: "белый", .black: "чёрный", .beige: "бежевый",
    ]

    /// Words that say nothing when left over: `фр.` (fraction), `мм`, `марка`, `класс`, `для`.
    static let fillers: Set<String> = [
        "fr", "fraktsiya", "fraktsii", "fraction", "mm", "marka", "marki", "grade", "klass", "class", "dlya", "for", "of", "the",
        "sht", "pcs", "format", "formata", "formate",
    ]

    // MARK: - Characters

    static func isDigits(_ w: String) -> Bool { !w.isEmpty && w.utf8.count <= 9 && w.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// The number after one of `prefixes` (`м150` → 150), or nil.
    static func digitsAfter(_ w: String, prefixes: [String]) -> Int? {
        for p in prefixes where w.hasPrefix(p) {
            let rest = String(w.dropFirst(p.count))
            if isDigits(rest) { return Int(rest) }
        }
        return nil
    }

    /// The number before one of `suffixes` (`50кг` → 50), or nil.
    static func digitsBefore(_ w: String, suffixes: [String]) -> Int? {
        for s in suffixes where w.hasSuffix(s) {
            let rest = String(w.dropLast(s.count))
            if isDigits(rest) { return Int(rest) }
        }
        return nil
    }
}

extension String {
    /// `42,5` as `42.5`.
    fileprivate func replacingComma() -> String { String(map { $0 == "," ? "." : $0 }) }
}
