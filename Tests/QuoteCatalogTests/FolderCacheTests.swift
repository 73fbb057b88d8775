import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// The cache for CSV folders whose parent is read-only (issue 12, item 6). The compiled catalog went to a
/// predictable `/tmp/quote-catalog-<hash>.sqlite` and was used as found: another user planted one and a brick
/// went from 17.40 to 1.00. Now it is `$XDG_CACHE_HOME/quote` (else `~/.cache/quote`), mode 0700, and a file there
/// is used only if it is this user's, writable by no one else, and its content checksum holds.
/// (These call `FolderCache` with the cache root given, as `XDG_CACHE_HOME` would: as root, as the tests run,
/// no folder is read-only, so the fallback itself cannot be reached through the binary.)
@Suite struct FolderCacheTests {
    /// The demo's base price of BR-NF-M150-SOL from 0 pieces (prices.csv:5): 18.50.
    private static let listPrice = UnitPrice(Money(kopecks: 1_850))

    private func basePrice(_ store: CatalogStore) throws -> UnitPrice? {
        try store.loadAll().prices["BR-NF-M150-SOL"]?.base.first?.price
    }

    /// A demo folder and a cache root in a fresh folder.
    private func setUp() throws -> (TemporaryDirectory, folder: String, root: String) {
        let tmp = try TemporaryDirectory()
        let folder = try tmp.write(try Demo.files(), as: "demo")
        return (tmp, folder, tmp.path + "/cache")
    }

    /// The demo with BR-NF-M150-SOL at 1.00, compiled for the folder's current files: what an attacker would plant.
    private func plant(at path: String, for folder: String) throws {
        var catalog = try Demo.catalog()
        catalog.prices["BR-NF-M150-SOL"]?.base = [PriceTier(minQuantity: .zero, price: Money(kopecks: 100))]
        try CatalogDatabase.writeLocked(catalog, to: path, fingerprint: FolderCatalog.fingerprint(folder))
    }

    @Test func theCacheIsPrivateAndItsCatalogTheFolders() throws {
        let (tmp, folder, root) = try setUp()
        defer { tmp.remove() }
        let store = try FolderCache.open(folder, root: root)
        #expect(try basePrice(store) == Self.listPrice)
        let own = try #require(FileIO.ownership(root + "/quote"))
        #expect(own.directory && own.mode == 0o700 && own.owner == FileIO.effectiveUser)
        #expect(store.path.hasPrefix(root + "/quote/catalog-") && store.path.hasSuffix(".sqlite"))
        // Opened again, the same file is used (it is fresh and trusted).
        #expect(try FolderCache.open(folder, root: root).path == store.path)
    }

    @Test(arguments: ["another owner", "group-writable", "world-writable", "a link"])
    func aPlantedCatalogIsNotTrusted(how: String) throws {
        let (tmp, folder, root) = try setUp()
        defer { tmp.remove() }
        let path = try FolderCache.path(for: folder, root: root)
        switch how {
        case "a link":
            let elsewhere = tmp.path + "/planted.sqlite"
            try plant(at: elsewhere, for: folder)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
        default:
            try plant(at: path, for: folder)
            if how == "another owner" {
                guard getuid() == 0 else { return }  // only root can give a file away
                try #require(chown(path, 12_345, 12_345) == 0)
            } else {
                try #require(chmod(path, how == "group-writable" ? 0o664 : 0o646) == 0)
            }
        }
        // Fresh by its fingerprint, valid by its checksums, yet not this user's own: compiled again from the folder.
        let store = try FolderCache.open(folder, root: root)
        #expect(try basePrice(store) == Self.listPrice, "the planted price was used (\(how))")
        #expect(FolderCache.isTrusted(path))
    }

    @Test func aCacheFolderOthersCanEnterIsRefused() throws {
        let (tmp, folder, root) = try setUp()
        defer { tmp.remove() }
        _ = try FolderCache.open(folder, root: root)
        try #require(chmod(root + "/quote", 0o755) == 0)
        #expect {
            _ = try FolderCache.open(folder, root: root)
        } throws: { error in
            let e = error as? QuoteError
            return e?.code == .catalogUnavailable && e?.message.contains("with mode 755: it must be yours alone (chmod 700") == true
        }
    }

    @Test func aDamagedCachedCatalogIsCompiledAgain() throws {
        let (tmp, folder, root) = try setUp()
        defer { tmp.remove() }
        let path = try FolderCache.open(folder, root: root).path
        // A row lost: no row's own checksum tells, the content checksum does, so the cached file is not used.
        try SQLiteDatabase(path: path, readOnly: false).execute("DELETE FROM stock WHERE source = 'PL-TVER'")
        let store = try FolderCache.open(folder, root: root)
        #expect(try store.loadAll().offers["BR-NF-M150-SOL"]?.contains { $0.source == "PL-TVER" } == true)
    }
}
