import ArgumentParser
import QuoteCore

#if canImport(Glibc)
import Glibc
#endif

/// `quote serve [--host H] [--port P] [--catalog PATH] …`: the engine over HTTP/JSON.
///
/// The server is its own executable, `quote-server`, beside this one: Hummingbird and NIO are linked
/// only there, so they cost nothing to the start-up of `quote brick …`. This command replaces the
/// process with it (execv), passing the arguments through unchanged.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Serve quotes over HTTP/JSON (POST /v1/quote, POST /v1/quotes, GET /v1/quotes/{id}, POST /v1/quotes/{id}/status, GET /v1/catalog, GET /health, GET /metrics).",
        discussion:
            "Runs quote-server, installed beside quote, with these arguments; `quote serve --help` lists them (docs/integration.md has examples)."
    )

    @Argument(
        parsing: .captureForPassthrough,
        help:
            "--host 127.0.0.1 --port 8080 --catalog PATH --internal-keys-file FILE --quotes-db FILE --in-memory --request-timeout SECONDS --no-access-log"
    )
    var arguments: [String] = []

    func run() throws {
        let server = Self.serverPath()
        guard access(server, X_OK) == 0 else {
            throw Failure(
                error: QuoteError(
                    .invalidRequest, Message("cli.sibling_missing", .verbatim("quote serve"), .verbatim("quote-server"), .text(server))),
                json: false)
        }
        Output.flush()
        Sibling.exec(server, arguments)
        throw Failure(
            error: QuoteError(.invalidRequest, Message("cli.cannot_start", .text(server), .verbatim(String(cString: strerror(errno))))),
            json: false)
    }

    /// `quote-server` in the folder of the running `quote`.
    static func serverPath() -> String { Sibling.path("quote-server") }

    /// The executable `name` in the folder of the running `quote` (its real path, links resolved).
    static func siblingPath(_ name: String) -> String { Sibling.path(name) }
}
