import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `quote serve` as users run it: it hands over to quote-server, which prints its address, and on
/// SIGTERM or SIGINT finishes the request in flight before it exits 0.
@Suite struct ShutdownTests {
    /// Starts `quote serve --port 0 …` and returns the process and the port it printed.
    static func start(_ arguments: [String], log: String? = nil) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.binary("quote"))
        process.arguments = ["serve", "--port", "0"] + (log == nil ? ["--no-access-log"] : []) + arguments
        let output = Pipe()
        process.standardOutput = output
        if let log {
            FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        var line = ""
        let handle = output.fileHandleForReading
        while !line.hasSuffix("\n") {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { break }
            line += String(decoding: byte, as: UTF8.self)
        }
        let port = line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        return (process, port)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalFinishesTheRequestInFlightThenExitsZero(_ signal: Int32) async throws {
        let dir = try Paths.scratch("shutdown")
        let database = try Paths.compiledDemo(in: dir)
        let (process, port) = try Self.start(["--catalog", database])
        #expect(port > 0, "quote serve prints the port it listens on")
        defer { if process.isRunning { process.terminate() } }
        let body = Array(Requests.brickToTver.utf8)
        // The request's head and half its body go out; the signal comes; then the rest.
        let reply: HTTPReply? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let head = "POST /v1/quote HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
                continuation.resume(
                    returning: Self.slowRequest(port: port, head: head, body: body, midway: { kill(process.processIdentifier, signal) }))
            }
        }
        #expect(reply?.status == 200, "the request in flight is answered")
        #expect(reply?.text.contains("Q-FZM9-WR2H") == true)
        await withCheckedContinuation { c in
            DispatchQueue.global().async {
                process.waitUntilExit(); c.resume()
            }
        }
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        // And it no longer listens.
        #expect(await HTTPClient.request(port: port, "GET", "/health") == nil)
    }

    @Test func eachRequestGetsAnAccessLogLine() async throws {
        let dir = try Paths.scratch("access-log")
        let database = try Paths.compiledDemo(in: dir)
        let log = dir + "/server.log"
        let (process, port) = try Self.start(["--catalog", database], log: log)
        defer { if process.isRunning { process.terminate() } }
        #expect(
            await HTTPClient.request(port: port, "POST", "/v1/quote", json: Requests.one(#"[{"product":"brik","quantity":"1"}]"#))?.status
                == 400)
        #expect(await HTTPClient.request(port: port, "GET", "/health")?.status == 200)
        kill(process.processIdentifier, SIGTERM)
        await withCheckedContinuation { c in
            DispatchQueue.global().async {
                process.waitUntilExit(); c.resume()
            }
        }
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let lines = text.split(separator: "\n").filter { $0.hasSuffix(" request") }
        #expect(lines.count == 2, "\(text)")
        #expect(
            lines.first?.contains("codes=unknown_product") == true && lines.first?.contains("method=POST path=/v1/quote status=400") == true
        )
        #expect(lines.last?.contains("method=GET path=/health status=200") == true)
        #expect(text.contains("catalog loaded"))
    }

    /// Sends `head` and half of `body`, calls `midway`, waits a little, sends the rest and reads the reply.
    static func slowRequest(port: Int, head: String, body: [UInt8], midway: () -> Void) -> HTTPReply? {
        guard let fd = HTTPClient.connectLoopback(port: port) else { return nil }
        defer { close(fd) }
        let half = body.count / 2
        guard HTTPClient.sendAll(fd, Array((head + "\r\n").utf8) + body[0..<half]) else { return nil }
        usleep(200_000)
        midway()
        usleep(300_000)
        guard HTTPClient.sendAll(fd, Array(body[half...])) else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return HTTPClient.parse(received)
    }
}
