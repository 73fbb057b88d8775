import Foundation
import SeededRandom
import Testing

/// Seeded fuzzing through the real binary: tens of thousands of requests made from the valid examples (fields
/// dropped, types swapped, numbers at the edges, strings of every kind, bytes flipped) and random bytes, through
/// `quote --jsonl`; random bytes through `--json`; damaged catalog databases. Each must give a quote or a
/// structured error with a known code — no crash, no hang, no error without a code.
///
/// A short run is part of `swift test`. For a long one (see docs/bad-input.md):
///
///     QUOTE_FUZZ_COUNT=1000000 QUOTE_FUZZ_SEED=7 swift test --filter FuzzTests
///
/// A failure names its seed and writes the input that failed to /tmp/quote-fuzz-<seed>-<batch>.jsonl (with
/// QUOTE_FUZZ_KEEP=1, every batch's input is kept there).
@Suite struct FuzzTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["QUOTE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_201
    static let count: Int = ProcessInfo.processInfo.environment["QUOTE_FUZZ_COUNT"].flatMap { Int($0) } ?? 20_000
    /// Requests per `--jsonl` process: a long run is many processes, so no file grows past a few hundred MB.
    static let batch = 20_000

    static let codes: Set<String> = [
        "invalid_json", "request_too_large", "unknown_field", "missing_field", "invalid_type", "empty_request", "invalid_request",
        "unknown_product", "unknown_city", "unknown_customer", "missing_city", "invalid_quantity", "quantity_too_large", "invalid_unit",
        "invalid_date", "invalid_strategy", "discount_too_large", "amount_too_large", "not_available", "no_delivery", "catalog_unavailable",
        "catalog_invalid", "unknown_source", "pickup_not_allowed", "ambiguous_quantity",
    ]

    @Test func mutatedAndRandomRequestsThroughTheStream() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        var rng = SplitMix64(seed: Self.seed)
        var remaining = Self.count
        var number = 0
        var tally: [String: Int] = [:]
        while remaining > 0 {
            let size = min(Self.batch, remaining)
            remaining -= size
            var lines: [[UInt8]] = []
            lines.reserveCapacity(size)
            for _ in 0..<size { lines.append(Fuzzer.line(using: &rng)) }
            let input = Data(lines.joined(separator: [0x0A]) + [0x0A])
            let expected = lines.filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
            if ProcessInfo.processInfo.environment["QUOTE_FUZZ_KEEP"] == "1" {
                try? input.write(to: URL(fileURLWithPath: "/tmp/quote-fuzz-\(Self.seed)-\(number).jsonl"))
            }
            let r = runQuote(["--jsonl", "--catalog", db], input: input, timeout: (Double(size) / 100 + 60) * (Fuzzer.hard ? 10 : 1))
            var failures: [String] = []
            if r.status != 0 || r.signaled || r.timedOut {
                failures.append("exit \(r.status), signaled \(r.signaled), timed out \(r.timedOut)")
            }
            if !r.stderr.isEmpty { failures.append("stderr: \(r.stderr.prefix(500))") }
            let out = r.lines
            if out.count != expected.count { failures.append("\(expected.count) requests, \(out.count) answers") }
            for (i, answer) in out.enumerated() {
                let verdict = Self.judge(answer)
                tally[verdict, default: 0] += 1
                if verdict.hasPrefix("BAD") && failures.count < 20 {
                    let request = i < expected.count ? String(decoding: expected[i].prefix(300), as: UTF8.self) : "?"
                    failures.append("answer \(i): \(verdict)\n  request: \(request)\n  answer: \(answer.prefix(300))")
                }
            }
            if !failures.isEmpty {
                let path = "/tmp/quote-fuzz-\(Self.seed)-\(number).jsonl"
                try? input.write(to: URL(fileURLWithPath: path))
                let report: String =
                    "fuzz seed \(Self.seed), batch \(number) (input kept in \(path); repeat with QUOTE_FUZZ_SEED=\(Self.seed) "
                    + "QUOTE_FUZZ_COUNT=\(Self.count)):\n" + failures.joined(separator: "\n")
                Issue.record(Comment(rawValue: report))
                return
            }
            number += 1
        }
        // The mutations reach the engine, not just the parser: a fair share are quotes and engine errors.
        #expect(tally["quote", default: 0] > Self.count / 40, "\(tally)")
        #expect(tally.keys.filter { !$0.hasPrefix("BAD") }.count >= 15, "codes seen: \(tally.keys.sorted())")
    }

    /// "quote", an error code, or "BAD: why".
    static func judge(_ line: String) -> String {
        // The request's `id` comes back verbatim, any JSON value: 1E400 or a 400-digit integer is valid JSON that
        // JSONSerialization will not read. The id is checked for being a well-formed value, then left out.
        guard let rest = withoutID(line), let object = (try? JSONSerialization.jsonObject(with: Data(rest.utf8))) as? [String: Any] else {
            return "BAD: not a JSON object"
        }
        if object["quoteId"] != nil {
            guard let lines = object["lines"] as? [Any], !lines.isEmpty, let totals = object["totals"] as? [String: Any],
                totals["gross"] is String,
                object["error"] == nil
            else { return "BAD: a quote without lines or totals" }
            return "quote"
        }
        guard let error = object["error"] as? [String: Any] else { return "BAD: neither a quote nor an error" }
        guard let code = error["code"] as? String, codes.contains(code) else { return "BAD: unknown code \(error["code"] ?? "none")" }
        guard let message = error["message"] as? String, !message.isEmpty else { return "BAD: no message" }
        guard error.keys.contains("field") else { return "BAD: no field member" }
        return code
    }

    /// `line` without its leading `"id":VALUE,` member (nil if VALUE is not one well-formed JSON value).
    static func withoutID(_ line: String) -> String? {
        let prefix = #"{"id":"#
        guard line.hasPrefix(prefix) else { return line }
        let bytes = Array(line.utf8)
        var i = prefix.utf8.count
        let start = i
        var depth = 0
        var inString = false
        var escaped = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x5B || b == 0x7B {
                depth += 1
            } else if b == 0x5D || b == 0x7D {
                if depth == 0 { return nil }
                depth -= 1
            } else if b == 0x2C && depth == 0 {
                break
            }
            i += 1
        }
        guard i < bytes.count, i > start else { return nil }
        // The value alone, wrapped in an array, must parse — with its numbers read as 0 (JSONSerialization
        // refuses numbers beyond a Double, which JSON itself allows).
        var normalized: [UInt8] = []
        var inText = false, escape = false, inNumber = false
        for b in bytes[start..<i] {
            if inText {
                normalized.append(b)
                if escape { escape = false } else if b == 0x5C { escape = true } else if b == 0x22 { inText = false }
                continue
            }
            let digit = (0x30...0x39).contains(b)
            let numeric = digit || b == 0x2D || (inNumber && (b == 0x2B || b == 0x2E || b == 0x45 || b == 0x65))
            if numeric {
                if !inNumber { normalized.append(0x30) }
                inNumber = true
                continue
            }
            inNumber = false
            if b == 0x22 { inText = true }
            normalized.append(b)
        }
        guard (try? JSONSerialization.jsonObject(with: Data([0x5B] + normalized + [0x5D]))) != nil else { return nil }
        return "{" + String(decoding: bytes[(i + 1)...], as: UTF8.self)
    }

    /// Random bytes (newlines included) as the one request of `quote --json`.
    @Test func randomBytesThroughOneShotJSON() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        var rng = SplitMix64(seed: Self.seed &+ 1)
        for round in 0..<80 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int.random(in: 0...2_000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1: bytes = Fuzzer.mutateBytes(Array(Fuzzer.seeds[round % Fuzzer.seeds.count].text.utf8), using: &rng)
            default:
                bytes = Array(Fuzzer.seeds[round % Fuzzer.seeds.count].text.utf8)
                bytes.insert(contentsOf: [0x0A, 0x0D, 0x00, 0xFF], at: Int.random(in: 0...bytes.count, using: &rng))
            }
            let r = runQuote(["--json", "--catalog", db], input: Data(bytes), timeout: 20)
            #expect(!r.signaled && !r.timedOut, "round \(round)")
            #expect([0, 1, 2].contains(r.status), "round \(round): exit \(r.status)")
            #expect(r.lines.count == 1 && !Self.judge(r.lines.first ?? "").hasPrefix("BAD"), "round \(round): \(r.text.prefix(300))")
        }
    }

    /// Damaged databases (a page of garbage, or a few bytes flipped), asked several kinds of request through
    /// `--jsonl`: whatever SQLite still reads must not crash the engine; what it cannot is exit 3, "rebuild".
    @Test func damagedCatalogsNeverCrashTheBinary() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: db)))
        let requests = [
            requestLine(#"[{"product":"brick","quantity":"5000"}]"#),
            requestLine(
                #"[{"product":"brick","quantity":"5000"},{"product":"cement","quantity":"40","unit":"bag"},{"product":"sand","quantity":"5","unit":"m3"}]"#,
                #""city":"Klin","customer":"C-1001""#),
            requestLine(#"[{"product":"газобетон","quantity":"2","unit":"pal"}]"#, #""pickup":true,"strategy":"fastest""#),
            requestLine(#"[{"product":"brik","quantity":"5000"}]"#, #""city":"Tvre""#),
            requestLine(#"[{"product":"brick","wall":{"area":"100","thickness":"1.5"}}]"#, #""city":"Rzhev","internal":true"#),
        ]
        let input = Data((requests.joined(separator: "\n") + "\n").utf8)
        var rng = SplitMix64(seed: Self.seed &+ 2)
        var outcomes: [Int32: Int] = [:]
        for round in 0..<40 {
            var bytes = good
            if round % 2 == 0 {
                let page = Int.random(in: 1..<(bytes.count / 4_096), using: &rng)
                for i in (page * 4_096)..<min(bytes.count, (page + 1) * 4_096) { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
            } else {
                for _ in 0..<Int.random(in: 1...16, using: &rng) {
                    bytes[Int.random(in: 100..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
            }
            let path = scratch.path + "/damaged.sqlite"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let r = runQuote(["--jsonl", "--catalog", path], input: input, timeout: 30)
            outcomes[r.status, default: 0] += 1
            #expect(!r.signaled && !r.timedOut, "round \(round)")
            #expect(r.status == 0 || r.status == 3, "round \(round): exit \(r.status)")
            #expect(r.lines.count == (r.status == 3 ? 1 : requests.count), "round \(round): \(r.text.prefix(500))")
            for line in r.lines {
                #expect(!Self.judge(line).hasPrefix("BAD"), "round \(round): \(line.prefix(300))")
                if let e = errorObject(line), (e["code"] as? String)?.hasPrefix("catalog_") == true {
                    #expect((e["message"] as? String)?.contains("quote catalog build") == true, "round \(round): \(line.prefix(300))")
                }
            }
        }
        #expect(outcomes[3, default: 0] > 0, "\(outcomes)")
    }
}

// MARK: - Making requests

/// A JSON value for building requests, serialised exactly as written (duplicate keys kept, numbers as given).
indirect enum JSONText {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([(String, JSONText)])

    var text: String {
        switch self {
        case .string(let s): return JSONText.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a): return "[" + a.map(\.text).joined(separator: ",") + "]"
        case .object(let o): return "{" + o.map { JSONText.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

enum Fuzzer {
    /// One of `choices` (never empty).
    static func pick<T>(_ choices: [T], _ rng: inout SplitMix64) -> T { choices[Int.random(in: 0..<choices.count, using: &rng)] }

    /// Whether to send the heavy shapes too: quantities of millions of pieces (or walls of 10⁵ m²) and 200
    /// heavy lines. They were slow before the split enumeration was bounded by stock (docs/bad-input.md);
    /// now they run in every run, CI's included, unless QUOTE_FUZZ_HARD=0.
    static let hard: Bool = {
        ProcessInfo.processInfo.environment["QUOTE_FUZZ_HARD"].map { $0 == "1" } ?? true
    }()

    static func item(_ product: String, _ quantity: String, _ unit: String? = nil) -> JSONText {
        var members: [(String, JSONText)] = [("product", .string(product)), ("quantity", .string(quantity))]
        if let unit { members.append(("unit", .string(unit))) }
        return .object(members)
    }

    static func request(_ items: [JSONText], _ rest: [(String, JSONText)]) -> JSONText {
        .object([("id", .string("fuzz")), ("items", .array(items))] + rest + [("asOf", .string(CLI.asOf))])
    }

    /// The valid examples every mutation starts from.
    static let seeds: [JSONText] = [
        request([item("brick", "5000", "pcs")], [("city", .string("Tver")), ("strategy", .string("cheapest")), ("pickup", .bool(false))]),
        request([item("brick", "5000"), item("cement", "40", "bag"), item("sand", "5", "m3")], [("city", .string("Klin"))]),
        request(
            [item("газобетон", "2", "pal")],
            [("city", .string("Коломна")), ("strategy", .string("single")), ("customer", .string("C-1001"))]),
        request(
            [
                .object([
                    ("product", .string("brick")),
                    (
                        "wall",
                        .object([
                            ("area", .string("100")), ("thickness", .string("1.5")), ("openings", .string("10")), ("waste", .string("5")),
                        ])
                    ),
                ])
            ],
            [("city", .string("Klin"))]),
        request([item("brick", "5000")], [("pickup", .bool(true)), ("by", .string("2026-12-03"))]),
        request(
            [item("brick", "5000")],
            [("city", .string("Tver")), ("customer", .string("C-1003")), ("discount", .string("2")), ("internal", .bool(true))]),
        request([item("cement", "40", "bag")], [("city", .string("Klin")), ("explain", .bool(true)), ("by", .string("2026-12-02"))]),
        request(
            [item("BR-NF-M150-SOL", "12", "pal"), item("blocks", "6", "m3")],
            [("city", .string("Rzhev")), ("strategy", .string("fastest"))]),
        request([item("щебень", "20", "t")], [("city", .string("Dmitrov")), ("crane", .bool(true))]),
    ]

    static let numbers =
        [
            "0", "-0", "1", "-1", "0.001", "0.0001", "0.5", "999", "1000000001", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "1e3", "1E400", "1e-400", "0x10", "NaN", "Infinity", "-Infinity", "", " ", " 5000", "5000 ", "5,000",
            "5 000",
            "５０００", "00005000", "5000.000", "5000.0000", "+5000", ".5", "5.", "1_000", "١٢٣", "12pal", "5000pcs",
            String(repeating: "9", count: 400),
        ] + (hard ? ["999999999", "1000000000", "99999999", "9999999", "99999"] : [])
    static let strings = [
        "", " ", "brick", "BRICK", "кирпич", "kirpich", "brik", "cement", "sand", "щебень", "Tver", "Тверь", "tver ", "Москва", "C-1001",
        "C-17",
        "pcs", "bag", "pal", "t", "kg", "m3", "m2", "litre", "cheapest", "fastest", "single", "quickest", "2026-12-01", "2026-02-29",
        "2026-13-01", "0000-01-01", "9999-12-31", "2026-12-01T10:00:00+03:00", "2026-12-01T24:00:00Z", "2026-12-01T10:00:00+99:00",
        "9999-12-31T23:59:59-18:00", "0001-01-01T00:00:00+18:00", "yesterday", "'; DROP TABLE products; --", "\"", "\\", "\u{0}",
        "\u{7}\u{1B}[2J",
        "🧱🧱", "e\u{301}", "\u{202E}revT", "\u{FEFF}brick", "\u{FFFD}", String(repeating: "x", count: 10_000),
        String(repeating: "кирпич ", count: 500),
    ]

    static func leaf(using rng: inout SplitMix64) -> JSONText {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1, 2: return .string(pick(strings, &rng))
        case 3, 4: return .string(pick(numbers, &rng))
        case 5:
            let n = pick(numbers, &rng)
            return n.allSatisfy({ "0123456789-+.eE".contains($0) }) && !n.isEmpty
                ? .number(n) : .number(String(Int64.random(in: Int64.min...Int64.max, using: &rng)))
        case 6: return .bool(Bool.random(using: &rng))
        case 7: return .null
        case 8: return .array([])
        default: return .object([])
        }
    }

    /// A copy of `value` with one random change somewhere inside.
    static func mutate(_ value: JSONText, using rng: inout SplitMix64, depth: Int = 0) -> JSONText {
        let here = depth > 3 || Int.random(in: 0..<3, using: &rng) == 0
        switch value {
        case .object(var members):
            if here || members.isEmpty {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0 where !members.isEmpty: members.remove(at: Int.random(in: 0..<members.count, using: &rng))  // a field dropped
                case 1 where !members.isEmpty: members.append(pick(members, &rng))  // a key twice
                case 2:
                    let names = [
                        "qty", "Items", "city ", "unit", "product", "quantity", "wall", "area", "thickness", "joint", "openings", "waste",
                        "crane", "extra",
                    ]
                    members.insert(
                        (pick(names, &rng), leaf(using: &rng)), at: Int.random(in: 0...members.count, using: &rng))
                case 3 where !members.isEmpty:
                    let i = Int.random(in: 0..<members.count, using: &rng)
                    members[i].1 = leaf(using: &rng)  // a value of another type, or an edge
                default:
                    return leaf(using: &rng)
                }
                return .object(members)
            }
            let i = Int.random(in: 0..<members.count, using: &rng)
            members[i].1 = mutate(members[i].1, using: &rng, depth: depth + 1)
            return .object(members)
        case .array(var elements):
            if here || elements.isEmpty {
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: return .array([])
                case 1 where !elements.isEmpty:
                    return .array(
                        Array(repeating: elements[0], count: pick((hard ? [2, 20, 199, 200, 201] : [2, 4, 201]), &rng)))
                case 2 where !elements.isEmpty: elements.remove(at: Int.random(in: 0..<elements.count, using: &rng))
                case 3: elements.append(leaf(using: &rng))
                default: return leaf(using: &rng)
                }
                return .array(elements)
            }
            let i = Int.random(in: 0..<elements.count, using: &rng)
            elements[i] = mutate(elements[i], using: &rng, depth: depth + 1)
            return .array(elements)
        default:
            if Int.random(in: 0..<8, using: &rng) == 0 {
                var nested = value
                for _ in 0..<Int.random(in: 1...40, using: &rng) { nested = .array([nested]) }
                return nested
            }
            return leaf(using: &rng)
        }
    }

    /// `bytes` cut, spliced or flipped — never a newline, which would make two lines of one.
    static func mutateBytes(_ bytes: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !b.isEmpty: b.removeSubrange(Int.random(in: 0..<b.count, using: &rng)...)
            case 1: b.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...b.count, using: &rng))
            case 2 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &rng))
            case 3 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &rng)] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            default:
                let bad: [[UInt8]] = [
                    [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0x5C], [0x22],
                ]
                b.insert(contentsOf: pick(bad, &rng), at: Int.random(in: 0...b.count, using: &rng))
            }
        }
        return b.map { $0 == 0x0A ? 0x20 : $0 }
    }

    /// One request line: mostly a mutated example, sometimes bytes cut or flipped, sometimes random bytes.
    static func line(using rng: inout SplitMix64) -> [UInt8] {
        let roll = Int.random(in: 0..<100, using: &rng)
        if roll < 4 {
            return (0..<Int.random(in: 0...300, using: &rng)).map { _ in
                let b = UInt8.random(in: 0...255, using: &rng)
                return b == 0x0A ? 0x20 : b
            }
        }
        var value = pick(seeds, &rng)
        if roll >= 10 {  // 10 %: the examples as they are
            for _ in 0..<Int.random(in: 1...2, using: &rng) { value = mutate(value, using: &rng) }
        }
        let bytes = Array(value.text.utf8)
        return roll < 20 ? mutateBytes(bytes, using: &rng) : bytes
    }
}
