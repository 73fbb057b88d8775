import ArgumentParser
import QuoteCatalog
import QuoteCore

#if canImport(Glibc)
import Glibc
#endif

/// `quote`: prices orders of building materials.
///
/// Exit codes: 0 quoted, 1 not quotable (nothing available or deliverable), 2 bad request,
/// 3 catalog problem.
@main
struct QuoteTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Price orders of building materials: what is sold, from where, on which trucks, when, at what price with VAT.",
        discussion: """
            Exit codes: 0 quoted, 1 not quotable (nothing available or deliverable), 2 bad request, 3 catalog problem.
            The catalog is --catalog PATH, else $QUOTE_CATALOG, else the bundled demo catalog (catalogs/demo).
            """,
        version: "\(EngineVersion.current) (HTTP/JSON API v1)",
        subcommands: [
            PriceCommand.self, CatalogCommand.self, ServeCommand.self, BenchCommand.self, ShowCommand.self, RequoteCommand.self,
            ListCommand.self,
            MarkCommand.self,
        ],
        defaultSubcommand: PriceCommand.self
    )

    /// The command `arguments` ask for. A plain quote (`quote brick --qty 5000 …`, `quote --json`) is parsed by
    /// `PriceCommand` alone: parsing through the root first builds the whole tree of subcommands, whose
    /// protocol-conformance look-ups were over a third of the CLI's start-up (callgrind). Anything else — a
    /// subcommand, help, the version, a completion script — and any argument the price command refuses go
    /// through the root, so usage errors and help read as before.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        let rootOnly: Set<String> = ["help", "-h", "--help", "--help-hidden", "--version"]
        let names = configuration.subcommands.map { $0._commandName }
        if let first = arguments.first, !names.contains(first),
            !arguments.contains(where: { rootOnly.contains($0) || $0.hasPrefix("--generate-completion") || $0.hasPrefix("--experimental") }
            ),
            let command = try? PriceCommand.parseAsRoot(arguments)
        {
            return command
        }
        return try parseAsRoot(arguments)
    }

    /// Parses the arguments and runs, turning every failure into a message and a documented exit code
    /// (ArgumentParser's own usage errors become 2, "bad request", rather than 64).
    static func main() {
        // A parent may start us with signals blocked (some test runners do): unblock them, so that
        // SIGTERM and SIGINT stop the process as users expect.
        var all = sigset_t()
        sigfillset(&all)
        sigprocmask(SIG_UNBLOCK, &all, nil)
        let status: Int32
        let arguments = Array(CommandLine.arguments.dropFirst())
        if CLILanguage.current == .ru && RussianHelp.wanted(arguments) {
            Output.write(RussianHelp.text + "\n")
            Output.flush()
            Glibc.exit(0)
        }
        do {
            var command = try parse(PickupArgument.rewrite(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            status = 0
        } catch let exit as Exit {
            status = exit.status
        } catch let failure as Failure {
            failure.report()
            status = failure.error.code.exitStatus
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                status = 0
            } else {
                // A usage error (unknown option, missing value): a bad request, in the format asked for.
                let arguments = CommandLine.arguments
                let json =
                    arguments.contains("--format=json") || arguments.contains("--json") || arguments.contains("--jsonl")
                    || zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" }
                let usage = QuoteError(.invalidRequest, Message("cli.usage", .verbatim(fullMessage(for: error))))
                Failure(error: usage, json: json).report()
                status = 2
            }
        }
        Output.flush()
        Glibc.exit(status)
    }
}

/// The root of this source tree, for finding the bundled demo catalog from any working directory.
let sourceRoot: String = {
    var path = #filePath
    for _ in 0..<3 {
        if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
    }
    return path
}()

/// Ends the process with `status` after everything was printed (the JSON modes).
struct Exit: Error {
    var status: Int32
}

/// A request that got no quote, with how to print it.
struct Failure: Error {
    var error: QuoteError
    var json: Bool
    /// The language of the message: `--lang`, else the locale.
    var language: Language = CLILanguage.current

    /// `error: message [--option]`, what to do, and the did-you-mean or accepted values under it.
    static func text(_ error: QuoteError, _ renderer: MessageRenderer) -> String {
        func word(_ key: MessageKey) -> String { renderer.render(Message(key)) }
        var text = word("error") + ": " + renderer.render(error.text)
        if let field = error.field, !field.isEmpty { text += " [\(CLIMessages.option(for: field))]" }
        if let advice = CLIMessages.advice(for: error) { text += "\n  " + renderer.render(advice) }
        if !error.candidates.isEmpty {
            text +=
                error.code == .unknownProduct || error.code == .ambiguousProduct || error.code == .unknownCity
                ? "\n  \(word("did_you_mean")): " + error.candidates.joined(separator: ", ") + "?"
                : "\n  \(word("accepted")): " + error.candidates.joined(separator: ", ")
        }
        return text
    }

    /// The language `--lang` names (nil: the locale's), or the error for one that is neither en nor ru.
    static func checked(_ lang: String?) throws -> Language {
        do throws(QuoteError) { return try Language.chosen(lang) } catch { throw Failure(error: error, json: false) }
    }

    func report() {
        let renderer = CLIMessages.renderer(language)
        if json {
            Output.write(error.json(renderer: renderer) + "\n")
        } else {
            // Every mistake of the request, each as its own error line.
            Output.error(([error] + error.others).map { Failure.text($0, renderer) }.joined(separator: "\n"))
        }
    }
}

/// The language the command speaks: `--lang ru|en` (or `--lang=ru`) when given and valid, else Russian
/// when the locale is Russian, else English. Read from the arguments, so even a usage error is in it.
enum CLILanguage {
    static var current: Language { from(arguments: Array(CommandLine.arguments.dropFirst()), localeIsRussian: Output.localeIsRussian) }

    static func from(arguments: [String], localeIsRussian: Bool) -> Language {
        for (i, a) in arguments.enumerated() {
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst("--lang=".count))) { return l }
            if a == "--lang", i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) { return l }
        }
        return localeIsRussian ? .ru : .en
    }
}

/// `--pickup SOURCE` and `--pickup=SOURCE`: the pickup flag with a value, which ArgumentParser's flags
/// cannot take, rewritten to `--pickup --pickup-from SOURCE`. A word after `--pickup` is a source
/// only once the product has been named (`quote brick --qty 12pal --pickup WH-KHIMKI`); before it,
/// it is the product (`quote --pickup brick --qty 12pal`).
enum PickupArgument {
    /// Options of the quote command that take a value.
    static let valued: Set<String> = [
        "--qty", "--wall", "--thickness", "--openings", "--waste", "--joint", "--item", "--city", "--by", "--strategy",
        "--customer", "--discount", "--lang", "--as-of", "--catalog", "--format", "--pickup-from", "--manager", "--quotes-db",
    ]

    static func rewrite(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var positional = false
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a.hasPrefix("--pickup=") {
                out += ["--pickup", "--pickup-from", String(a.dropFirst("--pickup=".count))]
            } else if a == "--pickup", positional, i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") {
                out += ["--pickup", "--pickup-from", arguments[i + 1]]
                i += 1
            } else if valued.contains(a), i + 1 < arguments.count {
                out += [a, arguments[i + 1]]
                i += 1
            } else {
                if !a.hasPrefix("-") { positional = true }
                out.append(a)
            }
            i += 1
        }
        return out
    }
}
