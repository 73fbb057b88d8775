// swift-tools-version: 6.1
import PackageDescription

// The benchmark suite pulls in ordo-one/package-benchmark and its malloc interposer. A plain build,
// the tests and CI's test pass do not need them, so the target exists only when asked for
// (QUOTE_BENCHMARKS=1), as Hummingbird does with its own benchmarks.
let withBenchmarks = Context.environment["QUOTE_BENCHMARKS"] != nil

var package = Package(
    name: "quote",
    products: [
        .executable(name: "quote", targets: ["quote"]),
        .library(name: "QuoteCore", targets: ["QuoteCore"]),
        .library(name: "QuoteCatalog", targets: ["QuoteCatalog"]),
        // The HTTP service (`quote serve` hands over to it): its own executable, so that Hummingbird and
        // NIO never weigh on the CLI's start-up.
        .executable(name: "quote-server", targets: ["quote-server"]),
        // `quote bench`: latency on a catalog, with allocations counted by a malloc interposer that
        // only this executable loads.
        .executable(name: "quote-bench", targets: ["quote-bench"]),
        // Saved quotes (GRDB, so Foundation): `quote --save`, `show`, `list`, `mark`, `requote` run it and
        // talk JSON over a pipe, so that the plain quote path never loads Foundation.
        .executable(name: "quote-store", targets: ["quote-store"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The pricing engine: catalog snapshot + request + clock in, quote out. No I/O, no Foundation.
        .target(name: "QuoteCore"),
        // The system SQLite library (libsqlite3-dev), through its C API.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The ZIP container of a workbook (Debian's libminizip-dev, which needs only zlib) and its XML parts
        // (libexpat1-dev), through their C APIs: small C libraries, no Foundation on the CLI's quote path.
        .systemLibrary(name: "CMinizip", pkgConfig: "minizip", providers: [.apt(["libminizip-dev"])]),
        .systemLibrary(name: "CExpat", pkgConfig: "expat", providers: [.apt(["libexpat1-dev"])]),
        // GLPK, the GNU Linear Programming Kit (Debian's libglpk-dev for the header, libglpk40 to run): its
        // header only; the library is loaded when a quote first needs an integer program solved.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // The engine's integer programs solved by GLPK (`GLPKSolver`), for the front ends to hand in.
        .target(name: "QuoteGLPK", dependencies: ["QuoteCore", "CGLPK"]),
        // Excel workbooks (.xlsx) read into sheets of typed cells, which the catalog reads as it reads CSV.
        .target(name: "QuoteWorkbook", dependencies: ["QuoteCore", "CMinizip", "CExpat"]),
        // CSV catalogs: parsing, validation, compilation into SQLite, and loading snapshots from it.
        .target(name: "QuoteCatalog", dependencies: ["QuoteCore", "CSQLite", "QuoteWorkbook"]),
        // A seedable pseudo-random generator (SplitMix64): the one the synthetic catalogs, the bench mix
        // and the randomised tests all draw from.
        .target(name: "SeededRandom"),
        // Synthetic catalogs of any size (`quote catalog generate`): a tool, not part of the catalog library.
        .target(name: "QuoteCatalogGenerator", dependencies: ["QuoteCore", "QuoteCatalog", "SeededRandom"]),
        // Saved quotes without storage: the record, its status, filters, follow-up dates, the store's
        // protocol and the JSON the front ends and `quote-store` exchange. No Foundation.
        .target(name: "SavedQuotes", dependencies: ["QuoteCore"]),
        // The store in SQLite, through GRDB (migrations, WAL, typed records).
        .target(
            name: "SavedQuotesSQLite",
            dependencies: ["SavedQuotes", "QuoteCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(name: "quote-store", dependencies: ["SavedQuotes", "SavedQuotesSQLite", "QuoteCore"]),
        // The command-line tool: parses arguments, calls the catalog and the engine, prints.
        .executableTarget(
            name: "quote",
            dependencies: [
                "QuoteCore", "QuoteCatalog", "QuoteCatalogGenerator", "SavedQuotes", "QuoteGLPK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The HTTP service: routes, catalog hot swap, metrics, keys. A library, so the tests run it in-process.
        .target(
            name: "QuoteServer",
            dependencies: [
                "QuoteCore", "QuoteCatalog", "SavedQuotes", "SavedQuotesSQLite", "QuoteGLPK",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // NIOThreadPool: the engine's work runs on it, off Swift concurrency's threads (Worker.swift).
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "quote-server", dependencies: ["QuoteServer"]),
        // Replaying requests against a catalog and timing them: the library the `quote-bench` tool runs.
        .target(name: "QuoteBench", dependencies: ["QuoteCore", "QuoteCatalog", "SeededRandom"]),
        .executableTarget(
            name: "quote-bench",
            dependencies: [
                "QuoteBench", "QuoteCore", "QuoteCatalog", "QuoteGLPK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]
        ),
        .testTarget(name: "QuoteCoreTests", dependencies: ["QuoteCore", "QuoteGLPK", "SeededRandom"]),
        .testTarget(
            name: "QuoteCatalogTests",
            dependencies: ["QuoteCatalog", "QuoteWorkbook", "QuoteCatalogGenerator", "QuoteCore", "SeededRandom"]),
        // How another Swift program embeds the engine, with only the public API (README, "Embedding").
        .executableTarget(name: "quote-embed-example", dependencies: ["QuoteCore", "QuoteCatalog"], path: "Examples/EmbedQuote"),
        .testTarget(name: "QuoteCLITests", dependencies: ["quote", "quote-bench", "quote-embed-example", "quote-store", "SeededRandom"]),
        .testTarget(name: "QuoteBenchTests", dependencies: ["QuoteBench", "QuoteCatalog", "QuoteCore"]),
        .testTarget(
            name: "SavedQuotesTests",
            dependencies: ["SavedQuotes", "SavedQuotesSQLite", "QuoteCore", "QuoteCatalog", "quote-store", "quote"]),
        .testTarget(
            name: "QuoteServerTests",
            dependencies: [
                "QuoteServer", "quote-server", "quote", "QuoteCore", "QuoteCatalog", "SavedQuotes", "SavedQuotesSQLite",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)

if withBenchmarks {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"])
    )
    package.targets.append(
        .executableTarget(
            name: "QuoteBenchmarks",
            dependencies: [
                "QuoteCore", "QuoteCatalog", "QuoteCatalogGenerator", "QuoteGLPK",
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/QuoteBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
}
