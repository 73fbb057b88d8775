import Foundation
import Testing

/// The README shows real terminal output; these tests keep it real. Each `console` block's `$ quote …`
/// (or `$ swift run quote …`) command is run against the bundled demo catalog and must print exactly
/// what the README shows under it.
@Suite struct ReadmeTests {
    struct Example: CustomStringConvertible {
        var arguments: [String]
        var output: String
        var description: String { arguments.joined(separator: " ") }
    }

    static func examples() throws -> [Example] {
        let readme = try String(contentsOfFile: CLI.packageRoot + "/README.md", encoding: .utf8)
        var examples: [Example] = []
        for block in readme.components(separatedBy: "```console\n").dropFirst() {
            guard let body = block.components(separatedBy: "```").first else { continue }
            var current: Example?
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("$ ") {
                    if let c = current { examples.append(c) }
                    var words = line.dropFirst(2).split(separator: " ").map(String.init)
                    if words.starts(with: ["swift", "run"]) { words.removeFirst(2) }
                    guard words.first == "quote" else {
                        current = nil
                        continue
                    }
                    current = Example(arguments: Array(words.dropFirst()), output: "")
                } else if current != nil {
                    current?.output += line + "\n"
                }
            }
            if var c = current {
                // The block's last line ends the output; drop the empty piece after the final newline.
                if c.output.hasSuffix("\n\n") { c.output.removeLast() }
                examples.append(c)
            }
        }
        return examples
    }

    @Test func readmeExamplesPrintWhatTheReadmeShows() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 3)
        for example in examples {
            let result = run(example.arguments, cwd: CLI.packageRoot)
            // Errors go to stderr, quotes and JSON to stdout; the README shows whichever was printed.
            let printed = result.stdout.isEmpty ? result.stderr : result.stdout
            #expect(printed == example.output, "README example: quote \(example)")
        }
    }
}
