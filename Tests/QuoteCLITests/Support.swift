import Foundation
import Testing

/// Runs the built `quote` binary as a separate process.
enum CLI {
    /// The package root: Tests/QuoteCLITests/Support.swift → ../..
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // QuoteCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .path

    static let demoDirectory = packageRoot + "/catalogs/demo"

    /// The `quote` binary built with the tests. On Linux the test runner is
    /// `.build/<triple>/debug/<package>PackageTests.xctest`, and `quote` is built into the same folder, which is
    /// what `Bundle.main` points at (or the .xctest bundle's folder on macOS); `.build/debug/quote` (a link to
    /// the same folder) is the fallback.
    static let binary: String = {
        var candidates: [URL] = []
        let main = Bundle.main.bundleURL
        candidates.append(main.appendingPathComponent("quote"))
        candidates.append(main.deletingLastPathComponent().appendingPathComponent("quote"))
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("quote"))
        }
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("quote"))
        }
        candidates.append(URL(fileURLWithPath: packageRoot + "/.build/debug/quote"))
        for c in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: c.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: c.path)
            {
                return c.standardizedFileURL.path
            }
        }
        return packageRoot + "/.build/debug/quote"
    }()

    /// The moment every quote is made at: Tuesday 1 December 2026, 10:00 Moscow time, before the 14:00 cut-off.
    static let asOf = "2026-12-01T10:00:00+03:00"
}

/// Runs `quote args…` and returns its exit status and output. The inherited environment is kept except
/// `QUOTE_CATALOG`, which is set only if `env` sets it; `env` entries are added on top. `binary`: another copy
/// of `quote` to run.
func run(
    _ args: [String], stdin: String? = nil, env: [String: String] = [:], cwd: String = "/tmp", binary: String = CLI.binary,
    sourceLocation: SourceLocation = #_sourceLocation
) -> (status: Int32, stdout: String, stderr: String) {
    let capture = "/tmp/quote-tests-run-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    let outPath = capture + ".out", errPath = capture + ".err"
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
        Issue.record("cannot create \(capture).out/.err", sourceLocation: sourceLocation)
        return (-1, "", "")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment["QUOTE_CATALOG"] = nil
    environment["COLUMNS"] = nil  // the table fits 100 columns when stdout is not a terminal
    environment.merge(env) { _, new in new }
    process.environment = environment
    process.currentDirectoryURL = URL(fileURLWithPath: cwd)
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    do {
        try process.run()
    } catch {
        Issue.record("cannot run \(binary): \(error)", sourceLocation: sourceLocation)
        return (-1, "", "")
    }
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    try? out.close()
    try? err.close()
    let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    if process.terminationReason == .uncaughtSignal {
        Issue.record(
            "quote \(args.joined(separator: " ")) was killed by signal \(process.terminationStatus)\n\(stderr)",
            sourceLocation: sourceLocation)
    }
    return (process.terminationStatus, stdout, stderr)
}

/// A fresh /tmp/quote-tests-<random>/ folder for one test, with helpers to copy the demo catalog into it.
struct Scratch {
    let path: String

    init() throws {
        path = "/tmp/quote-tests-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// A copy of the demo catalog's CSV files in `path/name`; returns that folder.
    func demoCopy(_ name: String = "demo") throws -> String {
        let dir = path + "/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: CLI.demoDirectory) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: CLI.demoDirectory + "/" + file, toPath: dir + "/" + file)
        }
        return dir
    }

    /// Replaces `old` with `new` in line `line` (1-based) of `file`; fails if `old` is not there.
    func edit(_ file: String, line: Int, _ old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        try #require(lines.indices.contains(line - 1), sourceLocation: sourceLocation)
        try #require(lines[line - 1].contains(old), "\(file):\(line) is \u{201C}\(lines[line - 1])\u{201D}", sourceLocation: sourceLocation)
        lines[line - 1] = lines[line - 1].replacingOccurrences(of: old, with: new)
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }

    func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// A money string ("87696.00": digits, a dot, exactly two decimals) as an integer count of kopecks; nil otherwise.
func kopecks(_ value: Any?) -> Int64? {
    guard let s = value as? String else { return nil }
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, !parts[0].isEmpty,
        parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
        let whole = Int64(parts[0]), let cents = Int64(parts[1]), whole >= 0
    else { return nil }
    return whole * 100 + cents
}

/// The JSON object printed on stdout.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(value as? [String: Any], "stdout is not a JSON object: \(text)", sourceLocation: sourceLocation)
}

/// Runs one SQL statement on the SQLite file at `path` (through Python's sqlite3, so that the test does not
/// share the code under test).
func sqlite(_ path: String, _ sql: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", path, sql]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "sqlite: \(sql)")
}
