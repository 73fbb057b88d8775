import Foundation
import Testing

/// A folder whose parent the user cannot write, through the binary (issue 12, item 6): its catalog is compiled
/// into the user's private cache, and a file there that is not the user's own is not used. Run as user `nobody`
/// with `setpriv` (the tests run as root, for whom no folder is read-only); skipped where that is not possible.
@Suite struct FolderCacheCLITests {
    private static let canSwitchUser = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    private static let nobody: UInt32 = 65_534

    /// `quote args…` as nobody, with HOME = `home`.
    private func runAsNobody(_ args: [String], home: String) -> Finished {
        runQuote(
            ["--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups", "env", "HOME=\(home)", "XDG_CACHE_HOME=", CLI.binary]
                + args,
            executable: "/usr/bin/setpriv")
    }

    @Test(.enabled(if: canSwitchUser)) func aReadOnlyFoldersCatalogIsCachedPrivatelyAndTrustedOnlyIfOwn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // The folder lies in scratch/ro (root's, 755: nobody can read it, not write beside it).
        let ro = scratch.path + "/ro"
        try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: false)
        let folder = try scratch.demoCopy("ro/demo")
        let reference = try scratch.demoCopy("reference")
        let home = scratch.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        try #require(chown(home, Self.nobody, Self.nobody) == 0)
        for p in [scratch.path, ro, folder] { try #require(chmod(p, 0o755) == 0) }
        let args = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json", "--catalog", folder]
        let expected = run(Array(args.dropLast()) + [reference]).stdout

        let first = runAsNobody(args, home: home)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.text == expected)
        #expect(!FileManager.default.fileExists(atPath: folder + ".sqlite"))
        let cache = home + "/.cache/quote"
        let attributes = try FileManager.default.attributesOfItem(atPath: cache)
        #expect((attributes[.posixPermissions] as? Int) == 0o700 && (attributes[.ownerAccountID] as? UInt) == UInt(Self.nobody))
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".sqlite") }
        try #require(cached.count == 1, "\(cached)")

        // The cached file given to root: not nobody's own, so not trusted; compiled again (and nobody's again).
        let file = cache + "/" + cached[0]
        try #require(chown(file, 0, 0) == 0)
        let second = runAsNobody(args, home: home)
        #expect(second.status == 0 && second.text == expected, "\(second.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.ownerAccountID] as? UInt) == UInt(Self.nobody))

        // A cache folder others may enter is refused, with what to do.
        try #require(chmod(cache, 0o755) == 0)
        let third = runAsNobody(args, home: home)
        #expect(third.status == 3)
        #expect(third.text.contains("must be yours alone (chmod 700"), "\(third.text)\(third.stderr)")
    }
}
