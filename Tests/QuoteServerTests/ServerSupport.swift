import Foundation
import Logging
import NIOCore
import QuoteCatalog
import QuoteCore
import QuoteServer
import SavedQuotes
import SavedQuotesSQLite
import ServiceLifecycle
import Testing

enum Paths {
    /// Tests/QuoteServerTests/ServerSupport.swift → ../..
    static let packageRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let demo = packageRoot + "/catalogs/demo"

    /// A binary built with the tests (`quote`, `quote-server`): beside the test bundle, else in .build/debug.
    static func binary(_ name: String) -> String {
        var candidates: [URL] = [
            Bundle.main.bundleURL.appendingPathComponent(name),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
        ]
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(name))
        }
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        }
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: c.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return c.standardizedFileURL.path
            }
        }
        return packageRoot + "/.build/debug/" + name
    }

    /// A new empty folder under /tmp.
    static func scratch(_ label: String) throws -> String {
        let dir = NSTemporaryDirectory() + "quote-server-tests-\(label)-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The demo catalog copied to `dir/demo` (edited by `edit`) and compiled to `dir/<name>.sqlite`.
    static func compiledDemo(in dir: String, name: String = "demo", edit: (String) throws -> Void = { _ in }) throws -> String {
        let copy = dir + "/" + name + "-src"
        if FileManager.default.fileExists(atPath: copy) { try FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: demo, toPath: copy)
        try edit(copy)
        let catalog = try CatalogRules.compile(directory: copy, asOf: nil).get().catalog
        let database = dir + "/" + name + ".sqlite"
        try CatalogDatabase.write(catalog, to: database)
        return database
    }

    /// Rewrites each line of a file (nil drops it).
    static func rewriteLines(_ file: String, _ change: (String) -> String?) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try (lines.compactMap(change).joined(separator: "\n")).write(toFile: file, atomically: true, encoding: .utf8)
    }
}

/// A server run in this process on a free loopback port, shut down gracefully at the end of `body`.
struct TestServer: Sendable {
    let port: Int
    let catalog: LiveCatalog

    static func with(
        catalog path: String?, keys: [String] = [], reloadMilliseconds: Int = 50, maximumBatch: Int = 1_000, quotesDB: String? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestServer) async throws -> Void
    ) async throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.catalog = path
        configuration.internalKeys = InternalKeys(keys: keys)
        configuration.reloadIntervalMilliseconds = reloadMilliseconds
        configuration.maximumBatch = maximumBatch
        configuration.accessLog = false
        configure(&configuration)
        var logger = Logger(label: "quote.server.tests")
        logger.logLevel = .critical
        let live = LiveCatalog(explicit: path, sourceRoot: Paths.packageRoot)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let savedQuotes: Result<any SavedQuoteStore, QuoteError>? = try quotesDB.map { .success(try SQLiteSavedQuoteStore(path: $0)) }
        let app = QuoteServerApp.makeApplication(
            configuration, catalog: live, metrics: ServerMetrics(), logger: logger, savedQuotes: savedQuotes
        ) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await p in ports { port = p }
            let server = TestServer(port: port, catalog: live)
            do {
                try await body(server)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    func post(_ path: String, _ json: String, headers: [String: String] = [:]) async throws -> HTTPReply {
        try #require(await HTTPClient.request(port: port, "POST", path, json: json, headers: headers))
    }

    func post(_ path: String, bytes: [UInt8], headers: [String: String] = [:]) async throws -> HTTPReply {
        try #require(await HTTPClient.request(port: port, "POST", path, body: bytes, headers: headers))
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPReply {
        try #require(await HTTPClient.request(port: port, "GET", path, headers: headers))
    }
}

/// Runs `quote ARGS` with `stdin` and returns its standard output. On a Dispatch thread: waiting for a
/// process must not hold one of the few threads the servers under test run on.
func runQuote(_ args: [String], stdin: String) async throws -> (status: Int32, stdout: String) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try runQuoteBlocking(args, stdin: stdin) }) }
    }
}

func runQuoteBlocking(_ args: [String], stdin: String) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Paths.binary("quote"))
    process.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment["QUOTE_CATALOG"] = nil
    process.environment = environment
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

enum Requests {
    static let asOf = "2026-12-01T10:00:00+03:00"
    static func one(
        _ items: String = #"[{"product":"brick","quantity":"5000","unit":"pcs"}]"#, _ rest: String = #""city":"Tver""#, id: String? = nil
    ) -> String {
        let idPart = id.map { "\"id\":\($0)," } ?? ""
        return "{\(idPart)\"items\":\(items),\(rest),\"asOf\":\"\(asOf)\"}"
    }
    static let brickToTver = one(id: "\"crm-4711\"")
}
