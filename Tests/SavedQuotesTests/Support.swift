import Foundation
import QuoteCatalog
import QuoteCore

/// The demo catalog and quotes on it, for the saved-quote tests.
enum Demo {
    static let directory =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/catalogs/demo"

    nonisolated(unsafe) static let catalog: Catalog = {
        guard case .success(let c) = CatalogCompiler.compile(directory: directory) else { fatalError("the demo catalog does not compile") }
        return c
    }()

    static let offset: Int32 = 10_800

    /// The quote of a JSON request on the demo catalog.
    static func quote(_ json: String) throws -> (Quote, JSONRequest) {
        // A literal the test writes, so it parses.
        // swift-format-ignore: NeverForceUnwrap
        let now = Moment.parse("2026-12-01T10:00:00+03:00", defaultOffset: offset)!
        let r = try JSONRequest.decode(Array(json.utf8), now: now, offsetSeconds: offset).get()
        return (try QuoteEngine.quote(r.request, catalog: catalog, explain: r.explain), r)
    }
}

/// A fresh folder under /tmp for one test.
struct Scratch {
    let path = "/tmp/saved-quotes-tests-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
