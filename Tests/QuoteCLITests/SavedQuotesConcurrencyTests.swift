import Foundation
import Testing

/// Several writers on one quotes database at once, with real processes: three `quote --jsonl` streams saving
/// every quote, a `quote serve` saving over HTTP (through GRDB), and a fourth stream killed with SIGKILL while
/// it saves. The database is set up first by one `quote --save` (quote-store creates and migrates it), so the
/// streams write their rows themselves (`DirectQuoteWriter`) and the killed process is the writer. Nothing
/// acknowledged is lost, nothing is half-written, the file stays sound.
@Suite struct SavedQuotesConcurrencyTests {
    /// A saved request: brick to Tver at second `second` of minute `minute` past 10:00 (a distinct quote id each).
    static func request(_ minute: Int, _ second: Int) -> String {
        let asOf = String(format: "2026-12-01T10:%02d:%02d+03:00", minute, second)
        return #"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver","asOf":""# + asOf
            + #"","save":true,"manager":"m\#(minute)"}"#
    }

    /// Run on a Dispatch thread: the waits here (processes, curl, the streams' group) must not hold one of the
    /// few threads of the Swift concurrency pool, on which the in-process servers of the service tests run.
    @Test(.timeLimit(.minutes(3))) func concurrentSavesWithOneWriterKilledLoseNothing() async throws {
        try await offPool(Self.scenario)
    }

    static func scenario() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let db = scratch.path + "/q.sqlite"
        let perStream = 12
        // The first save creates the database through quote-store.
        let setup = run([
            "brick", "--qty", "5000", "--city", "Tver", "--as-of", "2026-12-01T09:00:00+03:00", "--save", "--format", "json", "--quotes-db",
            db,
        ])
        #expect(setup.status == 0, "\(setup.stderr)")
        let streams = try (0..<4).map { _ in try JSONLProcess(catalog: CLI.demoDirectory, extraArgs: ["--quotes-db", db]) }
        let acknowledged = Acknowledged()
        let group = DispatchGroup()
        for (s, stream) in streams.enumerated() {
            DispatchQueue.global().async(group: group) {
                for i in 0..<perStream {
                    let answer: String?
                    if s == 3 && i == perStream / 2 {
                        // Stream 3 dies while it saves: the request is on its way, the kill follows within 0–3 ms
                        // (before, during or after the commit), and the stream ends there.
                        stream.send([request(s, i)])
                        usleep(UInt32.random(in: 0...3_000))
                        kill(stream.pid, SIGKILL)
                        acknowledged.killed()
                        answer = stream.readLine()
                    } else {
                        answer = stream.ask(request(s, i))
                    }
                    guard let answer else { break }
                    if answer.contains(#""quoteId""#) { acknowledged.add(answer) } else { acknowledged.refused(answer) }
                }
            }
        }
        // The service saves beside them.
        let server = try ServerProcess(arguments: ["serve", "--port", "0", "--no-access-log", "--quotes-db", db])
        for i in 0..<perStream {
            let answer = server.post("/v1/quote", body: request(10, i))
            if answer.contains(#""quoteId""#) { acknowledged.add(answer) }
        }
        server.stop()
        group.wait()
        for stream in streams { stream.finish() }

        // Every save acknowledged: three whole streams, the killed one's first half (and the save it was killed in,
        // when it was answered within the 0–3 ms), the server's; none refused.
        #expect(acknowledged.kills == 1)
        let expected = 3 * perStream + perStream / 2 + perStream
        #expect(acknowledged.count == expected || acknowledged.count == expected + 1, "\(acknowledged.refusals)")
        #expect(acknowledged.refusals.isEmpty, "\(acknowledged.refusals)")
        let integrity = Process()
        integrity.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        integrity.arguments = [
            "python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])", db,
        ]
        let pipe = Pipe()
        integrity.standardOutput = pipe
        try integrity.run()
        integrity.waitUntilExit()
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "ok\n")
        // Every acknowledged quote is there, byte for byte as it was answered.
        let listed = run(["list", "--format", "json", "--as-of", CLI.asOf, "--quotes-db", db])
        let quotes = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        // The setup's quote is there too; the killed save may have committed before its answer was written:
        // then it is there unacknowledged.
        let ids = Set(quotes.compactMap { $0["quoteId"] as? String })
        #expect(quotes.count == acknowledged.count + 1 || quotes.count == acknowledged.count + 2)
        for answer in acknowledged.all {
            let id = try #require(try jsonObject(answer)["quoteId"] as? String)
            #expect(ids.contains(id))
        }
        for answer in acknowledged.all.prefix(20) {
            let id = try #require(try jsonObject(answer)["quoteId"] as? String)
            let shown = run(["show", id, "--format", "json", "--quotes-db", db])
            #expect(shown.stdout == answer + "\n")
        }
    }
}

/// Answers collected from several threads.
final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String] = []
    private var errors: [String] = []
    private var killCount = 0

    func add(_ answer: String) { lock.withLock { answers.append(answer) } }
    func refused(_ answer: String) { lock.withLock { errors.append(answer) } }
    func killed() { lock.withLock { killCount += 1 } }
    var kills: Int { lock.withLock { killCount } }
    var count: Int { lock.withLock { answers.count } }
    var all: [String] { lock.withLock { answers } }
    var refusals: [String] { lock.withLock { errors } }
}

/// `quote serve …` on a free port, with requests sent by curl.
final class ServerProcess {
    let process = Process()
    let port: Int

    init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // "quote-server listening on http://127.0.0.1:PORT"
        var line = ""
        let handle = output.fileHandleForReading
        while !line.contains("\n") {
            let data = handle.availableData
            if data.isEmpty { break }
            line += String(decoding: data, as: UTF8.self)
        }
        port = Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }

    func post(_ path: String, body: String) -> String {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-s", "--data-binary", body, "http://127.0.0.1:\(port)\(path)"]
        let out = Pipe()
        curl.standardOutput = out
        guard (try? curl.run()) != nil else { return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
