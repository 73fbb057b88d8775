import QuoteCore
import SavedQuotes

#if canImport(Glibc)
import Glibc
#endif

/// A running `quote-store` (installed beside `quote`), with a pipe to its stdin and one from its stdout.
///
/// `quote` links no Foundation, and so no GRDB: what touches the saved-quotes database runs in that
/// process, and the two speak one JSON object a line (`SavedQuote.json`, the filter, the status).
final class StoreProcess {
    let pid: pid_t
    private var input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var ended = false

    /// Starts `quote-store COMMAND --db DATABASE ARGUMENTS…`.
    /// - Throws: `quote_store_unavailable` when it is not installed or cannot be started.
    init(_ command: String, database: String, arguments: [String] = []) throws(QuoteError) {
        // A quote-store that dies (killed, out of disk) must be an error here, not a SIGPIPE that ends quote.
        signal(SIGPIPE, SIG_IGN)
        let program = ServeCommand.siblingPath("quote-store")
        guard access(program, X_OK) == 0 else {
            throw QuoteError(.quoteStoreUnavailable, Message("cli.store.missing", .text(program)))
        }
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else {
            throw QuoteError(
                .quoteStoreUnavailable, Message("cli.cannot_start", .verbatim("quote-store"), .verbatim(String(cString: strerror(errno)))))
        }
        // Our ends stay ours: another child started later (a --jsonl stream's) must not hold them open.
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        let argv = ([program, command, "--db", database, "--lang", CLILanguage.current.rawValue] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, program, &actions, nil, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw QuoteError(
                .quoteStoreUnavailable, Message("cli.cannot_start", .text(program), .verbatim(String(cString: strerror(status)))))
        }
        pid = child
        input = toChild[1]
        output = fromChild[0]
    }

    /// Sends one line (a line end is added).
    func send(_ text: String) -> Bool {
        let bytes = Array((text + "\n").utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { return false }
        }
        return true
    }

    /// Closes its stdin: it has been told everything.
    func finishSending() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// The next line of its answer (without the line end), or nil at its end.
    func nextLine() -> [UInt8]? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<nl])
                buffer.removeFirst(nl + 1)
                return line
            }
            if ended {
                return buffer.isEmpty
                    ? nil
                    : {
                        let rest = buffer; buffer = []; return rest
                    }()
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if n > 0 { buffer += chunk[..<n] } else if n < 0 && errno == EINTR { continue } else { ended = true }
        }
    }

    /// Closes both pipes without waiting for it: it ends on its own once its stdin is closed.
    func detach() {
        finishSending()
        close(output)
    }

    /// Waits for it to end; its exit status (a signal counts as 3).
    func wait() -> Int32 {
        finishSending()
        close(output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signalled = status & 0x7F
        return signalled == 0 ? (status >> 8) & 0xFF : 3
    }

    /// An answer line as the error it carries, if it is one.
    static func error(in line: [UInt8]) -> QuoteError? {
        guard case .success(let value) = JSONParser.parse(line), let f = try? JSONFields(value, path: ""),
            let e = try? f.optionalObject("error")
        else {
            return nil
        }
        let code = (try? e.string("code")).flatMap(QuoteError.Code.init(rawValue:)) ?? .quoteStoreUnavailable
        // quote-store rendered its message in our language (`--lang`): it is passed on as it is.
        let message = (try? e.string("message")).map(Message.plain) ?? Message("cli.store.failed")
        return QuoteError(code, message, field: try? e.optionalString("field"))
    }

    /// Runs one command to its end: every answer line, or the error it ended with.
    static func run(_ command: String, database: String, arguments: [String] = [], input: String? = nil) throws(QuoteError) -> [[UInt8]] {
        let process = try StoreProcess(command, database: database, arguments: arguments)
        if let input { _ = process.send(input) }
        process.finishSending()
        var lines: [[UInt8]] = []
        while let line = process.nextLine() { lines.append(line) }
        let status = process.wait()
        if let last = lines.last, let error = error(in: last) { throw error }
        guard status == 0 else {
            throw QuoteError(.quoteStoreUnavailable, Message("cli.store.ended", .verbatim(command), .verbatim(String(status))))
        }
        return lines
    }

    /// The saved-quotes database: `--quotes-db`, else `$QUOTE_QUOTES_DB`, else the user's data directory.
    static func databasePath(_ explicit: String?) throws(QuoteError) -> String {
        let path = QuoteStoreLocation.path(explicit: explicit) { name in getenv(name).map { String(cString: $0) } }
        guard let path else {
            throw QuoteError(.quoteStoreUnavailable, Message("cli.store.where"), field: "--quotes-db")
        }
        return path
    }

    /// `--manager`, else `$QUOTE_MANAGER`.
    static func manager(_ explicit: String?) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        guard let v = getenv("QUOTE_MANAGER"), v.pointee != 0 else { return nil }
        return String(cString: v)
    }
}
