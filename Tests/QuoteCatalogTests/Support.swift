import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// The bundled demo catalog, found from this file: Tests/QuoteCatalogTests/Support.swift → ../../catalogs/demo.
enum Demo {
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // QuoteCatalogTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .path

    static let directory = packageRoot + "/catalogs/demo"

    /// The demo catalog's files as `CatalogCompiler.compile(files:)` takes them.
    static func files() throws -> CatalogFiles {
        var out: [String: [UInt8]] = [:]
        for name in CatalogCompiler.files {
            out[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        }
        return CatalogFiles(contents: out)
    }

    /// The compiled demo catalog.
    static func catalog() throws -> Catalog {
        try CatalogCompiler.compile(directory: directory).get()
    }

    /// The moment every test quotes at: Tuesday 1 December 2026, 10:00 Moscow time (before the 14:00 cut-off).
    // A literal the test writes, so it parses.
    // swift-format-ignore: NeverForceUnwrap
    static let asOf = Moment.parse("2026-12-01T10:00:00+03:00", defaultOffset: 10_800)!
}

/// A catalog held in memory, file name → bytes, with line-based edits for making broken copies.
struct CatalogFiles {
    var contents: [String: [UInt8]]

    func text(_ file: String) -> String { String(decoding: contents[file] ?? [], as: UTF8.self) }

    /// The file's lines (1-based numbering is `lines[n - 1]`); a trailing newline gives a last "" element.
    func lines(_ file: String) -> [String] { text(file).components(separatedBy: "\n") }

    mutating func setLines(_ file: String, _ lines: [String]) {
        contents[file] = Array(lines.joined(separator: "\n").utf8)
    }

    /// Replaces `old` with `new` in line `line` (1-based) of `file`; fails the test if `old` is not there.
    mutating func replace(_ file: String, line: Int, _ old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        var l = lines(file)
        try #require(line >= 1 && line <= l.count, "\(file) has no line \(line)", sourceLocation: sourceLocation)
        try #require(
            l[line - 1].contains(old), "\(file):\(line) is \u{201C}\(l[line - 1])\u{201D}, without \u{201C}\(old)\u{201D}",
            sourceLocation: sourceLocation)
        l[line - 1] = l[line - 1].replacingOccurrences(of: old, with: new)
        setLines(file, l)
    }

    /// Appends a record after the last line; returns its line number.
    @discardableResult
    mutating func append(_ file: String, _ record: String) -> Int {
        var l = lines(file)
        if l.last == "" { l.removeLast() }
        l.append(record)
        setLines(file, l + [""])
        return l.count
    }

    /// The problems `CatalogCompiler.compile(files:)` reports ([] if it compiles).
    func issues() -> [CatalogIssue] {
        switch CatalogCompiler.compile(files: contents) {
        case .success: return []
        case .failure(let problems): return problems.issues
        }
    }

    func compile() throws -> Catalog { try CatalogCompiler.compile(files: contents).get() }
}

/// A fresh directory /tmp/quote-tests-<random>/, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = "/tmp/quote-tests-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes the catalog files into `path/name/` and returns that folder.
    func write(_ files: CatalogFiles, as name: String = "catalog") throws -> String {
        let dir = path + "/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (file, bytes) in files.contents {
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + file))
        }
        return dir
    }

    func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

extension String {
    /// `"\(file):\(line):\(column): "`, the prefix of a `CatalogIssue`'s description.
    static func location(_ file: String, _ line: Int, _ column: Int) -> String { "\(file):\(line):\(column): " }
}
