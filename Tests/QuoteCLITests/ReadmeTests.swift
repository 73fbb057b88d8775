import Foundation
import Testing

/// The README shows real terminal output; these tests keep it real. Each `console` block's `$ quote …`
/// (or `$ swift run quote …`) command is run against the bundled demo catalog and must print exactly
/// what the README shows under it.
@Suite struct ReadmeTests {
    struct Example: CustomStringConvertible {
        var arguments: [String]
        var stdin: String? = nil
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
                    var command = String(line.dropFirst(2))
                    // `printf '%s\n' 'A' 'B' | quote …` or `echo 'A' | quote …`: the quoted strings, one a line, are stdin.
                    var stdin: String?
                    if let pipe = command.range(of: " | quote "), command.hasPrefix("printf ") || command.hasPrefix("echo ") {
                        let feeder = command[..<pipe.lowerBound].replacingOccurrences(of: "printf '%s\\n' ", with: "")
                        let quoted = feeder.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter {
                            $0.offset % 2 == 1
                        }.map(\.element)
                        stdin = quoted.joined(separator: "\n") + "\n"
                        command = "quote " + command[pipe.upperBound...]
                    }
                    var words = command.split(separator: " ").map(String.init)
                    if words.starts(with: ["swift", "run"]) { words.removeFirst(2) }
                    guard words.first == "quote" else {
                        current = nil
                        continue
                    }
                    current = Example(arguments: Array(words.dropFirst()), stdin: stdin, output: "")
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

    /// The JSON interface's example: the request block, sent to `quote --json`, gets exactly the
    /// response block (compared as JSON values; the README pretty-prints it).
    @Test func readmeJSONExampleIsTheRealResponse() throws {
        let readme = try String(contentsOfFile: CLI.packageRoot + "/README.md", encoding: .utf8)
        func block(after marker: String) throws -> String {
            let rest = try #require(readme.components(separatedBy: marker).dropFirst().first)
            let body = try #require(rest.components(separatedBy: "```json\n").dropFirst().first)
            return try #require(body.components(separatedBy: "```").first)
        }
        let request = try block(after: "<!-- example: request -->")
        let response = try block(after: "<!-- example: response -->")
        let compact = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(request.utf8)))
        let r = run(["--json"], stdin: String(decoding: compact, as: UTF8.self), cwd: CLI.packageRoot)
        #expect(r.status == 0)
        let actual = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? NSDictionary
        let shown = try JSONSerialization.jsonObject(with: Data(response.utf8)) as? NSDictionary
        #expect(actual != nil && actual == shown, "README's response differs from: \(r.stdout)")
    }

    @Test func readmeExamplesPrintWhatTheReadmeShows() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 3)
        for example in examples {
            let result = run(example.arguments, stdin: example.stdin, cwd: CLI.packageRoot)
            // Errors go to stderr, quotes and JSON to stdout; the README shows whichever was printed.
            let printed = result.stdout.isEmpty ? result.stderr : result.stdout
            #expect(printed == example.output, "README example: quote \(example)")
        }
    }
}
