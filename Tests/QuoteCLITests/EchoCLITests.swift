import Foundation
import Testing

/// What the binary echoes (issue 12, item 7): a 50 MB cell was echoed whole in its error (52 MB of stderr), and
/// escape sequences in catalog names and request arguments reached the terminal.
@Suite struct EchoCLITests {
    @Test func aHugeCellIsCutInItsError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = try scratch.demoCopy()
        // products.csv:3's weight_kg "3.6" followed by 8 MiB of "x": the cell is 3 + 8,388,608 = 8,388,611 bytes,
        // echoed as its first 80 characters and "… (8388531 more bytes)".
        try scratch.edit(
            folder + "/products.csv", line: 3, ",65,3.6,420,", with: ",65,3.6" + String(repeating: "x", count: 8 << 20) + ",420,")
        let r = run(["catalog", "check", folder])
        #expect(r.status == 3)
        #expect(
            r.stderr.contains(
                "weight_kg: \u{201C}3.6" + String(repeating: "x", count: 77) + "… (8388531 more bytes)\u{201D} is not a number"))
        #expect(r.stderr.utf8.count < 10_000, "\(r.stderr.utf8.count) bytes of stderr")
    }

    @Test func escapeSequencesInCatalogNamesAreShownInTables() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch) { folder in
            // products.csv:3 is BR-NF-M150-SOL: its Russian and English names start with "clear the screen".
            try editLines(folder + "/products.csv") { line in
                line.hasPrefix("BR-NF-M150-SOL,")
                    ? line.replacingOccurrences(of: "BR-NF-M150-SOL,", with: "BR-NF-M150-SOL,\u{1B}[2J") : line
            }
            try editLines(folder + "/products.csv") { line in
                line.hasPrefix("BR-NF-M150-SOL,") ? line.replacingOccurrences(of: ",Solid", with: ",\u{1B}[2JSolid") : line
            }
        }
        for lang in ["ru", "en"] {
            let r = run(["BR-NF-M150-SOL", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--catalog", db, "--lang", lang])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}"))
            #expect(r.stdout.contains("\\u{1B}[2J"), "\(r.stdout)")
        }
    }

    @Test func escapeSequencesAndHugeArgumentsInErrors() throws {
        let r = run(["\u{1B}]0;pwned\u{07}brik", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf])
        #expect(r.status == 2)
        #expect(!r.stderr.contains("\u{1B}") && !r.stderr.contains("\u{07}"))
        #expect(r.stderr.contains("\\u{1B}]0;pwned\\u{7}brik"), "\(r.stderr)")
        // A 100,000-character argument (one argument may have at most 128 KiB): every line of the error is at most 500 characters and what is left out is counted.
        let huge = run([String(repeating: "q", count: 100_000), "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf])
        #expect(huge.status == 2)
        #expect(huge.stderr.utf8.count < 4_000, "\(huge.stderr.utf8.count) bytes")
        #expect(huge.stderr.contains("more bytes)"))
    }
}
