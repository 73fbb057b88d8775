import Foundation
import SeededRandom
import Testing

// Helpers for the robustness suites (BadInputTests, FuzzTests, ConcurrencyTests): running the binary with
// any bytes on stdin, talking to a long-lived `quote --jsonl`, reading /proc, seeded randomness.

/// What a finished process did.
struct Finished {
    var status: Int32
    /// Ended by a signal (a crash, or killed after its time ran out).
    var signaled: Bool
    var timedOut: Bool
    var stdout: Data
    var stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// Runs `quote args…` (or `executable`) with `input` as stdin from a file, so any size and any bytes; kills it
/// after `timeout` seconds.
func runQuote(
    _ args: [String], input: Data = Data(), env: [String: String] = [:], executable: String = CLI.binary, timeout: TimeInterval = 60,
    cwd: String = "/tmp", sourceLocation: SourceLocation = #_sourceLocation
) -> Finished {
    let base = "/tmp/quote-tests-proc-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    let paths = (input: base + ".in", out: base + ".out", err: base + ".err")
    defer { for p in [paths.input, paths.out, paths.err] { try? FileManager.default.removeItem(atPath: p) } }
    _ = FileManager.default.createFile(atPath: paths.input, contents: input)
    _ = FileManager.default.createFile(atPath: paths.out, contents: nil)
    _ = FileManager.default.createFile(atPath: paths.err, contents: nil)
    guard let stdin = FileHandle(forReadingAtPath: paths.input), let out = FileHandle(forWritingAtPath: paths.out),
        let err = FileHandle(forWritingAtPath: paths.err)
    else {
        Issue.record("cannot create \(base).*", sourceLocation: sourceLocation)
        return Finished(status: -1, signaled: false, timedOut: false, stdout: Data(), stderr: "")
    }
    defer {
        try? stdin.close()
        try? out.close()
        try? err.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment["QUOTE_CATALOG"] = nil
    environment["COLUMNS"] = nil  // the table fits 100 columns when stdout is not a terminal
    environment.merge(env) { _, new in new }
    process.environment = environment
    process.currentDirectoryURL = URL(fileURLWithPath: cwd)
    process.standardInput = stdin
    process.standardOutput = out
    process.standardError = err
    do {
        try process.run()
    } catch {
        Issue.record("cannot run \(executable): \(error)", sourceLocation: sourceLocation)
        return Finished(status: -1, signaled: false, timedOut: false, stdout: Data(), stderr: "")
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(2_000) }
    let timedOut = process.isRunning
    if timedOut {
        kill(process.processIdentifier, SIGKILL)
        Issue.record("quote \(args.joined(separator: " ").prefix(200)) did not finish in \(Int(timeout)) s", sourceLocation: sourceLocation)
    }
    process.waitUntilExit()
    let signaled = process.terminationReason == .uncaughtSignal
    if signaled && !timedOut {
        Issue.record(
            "quote \(args.joined(separator: " ").prefix(200)) was killed by signal \(process.terminationStatus)",
            sourceLocation: sourceLocation)
    }
    return Finished(
        status: process.terminationStatus, signaled: signaled, timedOut: timedOut,
        stdout: FileManager.default.contents(atPath: paths.out) ?? Data(),
        stderr: (try? String(contentsOfFile: paths.err, encoding: .utf8)) ?? "")
}

/// A long-lived `quote --jsonl`: requests are written one line at a time and answers read back, so a test can
/// look at the process (its descriptors, its memory) between requests.
final class JSONLProcess: @unchecked Sendable {  // one thread may send while another reads
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []

    init(catalog: String, extraArgs: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["--jsonl", "--catalog", catalog] + extraArgs
        var environment = ProcessInfo.processInfo.environment
        environment["QUOTE_CATALOG"] = nil
        environment["COLUMNS"] = nil  // the table fits 100 columns when stdout is not a terminal
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Writes `lines`, each followed by a newline.
    func send(_ lines: [String]) {
        var data = Data()
        for l in lines {
            data.append(contentsOf: Array(l.utf8))
            data.append(0x0A)
        }
        input.fileHandleForWriting.write(data)
    }

    /// The next line of output, or nil at its end or after `timeout` seconds without one.
    func readLine(timeout: TimeInterval = 20) -> String? {
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, Int32(min(left, 1) * 1000))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Sends one request and returns its answer.
    func ask(_ line: String, timeout: TimeInterval = 20) -> String? {
        send([line])
        return readLine(timeout: timeout)
    }

    /// Closes stdin and waits for the exit status (SIGKILL after `timeout` seconds).
    @discardableResult
    func finish(timeout: TimeInterval = 20) -> (status: Int32, signaled: Bool) {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }
}

/// /proc facts about a running process (Linux).
enum ProcFS {
    /// Its open file descriptors, as "fd → target".
    static func descriptors(_ pid: Int32) -> [String] {
        let dir = "/proc/\(pid)/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.sorted().map { name in
            "\(name) → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/" + name)) ?? "?")
        }
    }

    /// A `VmRSS`-style line of /proc/PID/status, in kB.
    static func status(_ pid: Int32, _ key: String) -> Int? {
        // /proc files report size 0: read them to the end by hand.
        let fd = open("/proc/\(pid)/status", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return Int(line.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }
}

/// Builds the demo (a copy, changed by `edit`) with `quote catalog build`; returns (folder, database).
func buildDemo(
    _ scratch: Scratch, _ name: String = "demo", sourceLocation: SourceLocation = #_sourceLocation, edit: ((String) throws -> Void)? = nil
) throws -> (folder: String, database: String) {
    let dir = try scratch.demoCopy(name)
    try edit?(dir)
    let database = dir + ".sqlite"
    let r = run(["catalog", "build", dir, "--out", database, "--as-of", CLI.asOf])
    try #require(r.status == 0, "quote catalog build \(name): \(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
    return (dir, database)
}

/// Rewrites `file` line by line: `change` returns the new line, or nil to drop it.
func editLines(_ file: String, _ change: (String) -> String?) throws {
    let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
    try lines.compactMap(change).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
}

/// The `error` object of a JSON error line, or nil.
func errorObject(_ line: String) -> [String: Any]? {
    guard let data = line.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        return nil
    }
    return object["error"] as? [String: Any]
}

/// A request line for the demo at the tests' moment.
func requestLine(_ items: String, _ rest: String = #""city":"Tver""#, id: String? = nil) -> String {
    var members: [String] = []
    if let id { members.append(#""id":"# + id) }
    members.append(#""items":"# + items)
    if !rest.isEmpty { members.append(rest) }
    members.append(#""asOf":"\#(CLI.asOf)""#)
    return "{" + members.joined(separator: ",") + "}"
}
