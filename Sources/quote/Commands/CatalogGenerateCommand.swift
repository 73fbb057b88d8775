import ArgumentParser
import QuoteCatalog
import QuoteCatalogGenerator
import QuoteCore

extension CatalogCommand {
    /// `quote catalog generate DIR`: a synthetic catalog folder for benchmarks and scale tests.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic catalog of a given size into a folder: deterministic for a seed, shaped like real data.",
            discussion: """
                Writes every catalog CSV file (see catalogs/README.md) into DIR, replacing files of the same names. The same \
                options always give the same bytes. The catalog has the demo's settings, vehicles and calendar, and answers \
                the demo's requests: `brick` is the house brick of the Tver plant and `Tver` is a town in it. Compile it with \
                `quote catalog build DIR`.
                """
        )

        @Argument(help: "The folder to write the CSV files into (created if missing).")
        var directory: String

        @Option(help: "Number of SKUs.")
        var skus: Int = 100_000

        @Option(help: "Number of sources (warehouses, plants, suppliers, quarries); the demo's 6 are always among them.")
        var sources: Int = 200

        @Option(help: "Number of towns; the demo's 24 are always among them.")
        var cities: Int = 1_000

        @Option(help: "Mean number of sources offering each SKU.")
        var offers: Int = 3

        @Option(help: "Seed of the pseudo-random generator.")
        var seed: UInt64 = 1

        @Option(help: "en or ru: the language of its messages (default: ru when the locale is Russian, else en).")
        var lang: String?

        func run() throws {
            _ = try Failure.checked(lang)
            let options = CatalogGenerator.Options(skus: skus, sources: sources, cities: cities, offersPerSKU: offers, seed: seed)
            if let problem = options.problemText {
                throw Failure(error: QuoteError(.invalidRequest, problem), json: false)
            }
            let catalog = CatalogGenerator.generate(options)
            do {
                try catalog.write(to: directory)
            } catch {
                throw Failure(
                    error: QuoteError(.catalogUnavailable, Message("generator.write_failed", .text(error.file), .message(error.text))),
                    json: false)
            }
            let counts = catalog.records.map { "\($0.count) \($0.file.dropLast(4))" }.joined(separator: ", ")
            Output.write("Wrote \(directory): \(counts); \(catalog.totalBytes / 1024) KiB.\n")
        }
    }
}
