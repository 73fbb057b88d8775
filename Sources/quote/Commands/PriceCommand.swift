import ArgumentParser
import QuoteCatalog
import QuoteCore
import QuoteGLPK

/// `quote <product> --qty <n>[unit] --city <city>`: one quote, as a table or JSON.
struct PriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Quote products delivered to a city (the default command: `quote brick --qty 5000 --city Tver`)."
    )

    @Argument(help: "Product: SKU, name or alias (`brick`, `кирпич`, `BR-NF-M150-SOL`).")
    var product: String?

    @Option(help: "Quantity with an optional unit: 5000, 5000pcs, 12pal, 6t, 1500kg, 40bag.")
    var qty: String?

    @Option(help: "Instead of --qty: the wall to build, in m² (bricks and blocks).")
    var wall: String?

    @Option(help: "The wall's thickness in bricks: 0.5, 1, 1.5, 2 or 2.5 (120, 250, 380, 510, 640 mm).")
    var thickness: String?

    @Option(help: "Openings (windows, doors) to subtract from the wall, in m².")
    var openings: String?

    @Option(help: "Waste allowance in percent, added to the wall's need.")
    var waste: String?

    @Option(help: "Mortar joint in mm (default: the product's, else the catalog's 10 mm for bricks, none for glued blocks).")
    var joint: Int?

    @Option(name: .customLong("item"), help: "Another line, as PRODUCT=QTY[unit] (repeatable): --item cement=40bag.")
    var items: [String] = []

    @Option(help: "Delivery city (name or alias: Tver, Тверь).")
    var city: String?

    @Flag(help: "The customer collects the goods: no delivery. `--pickup SOURCE` names the pickup point (id or name).")
    var pickup = false

    @Option(name: .customLong("pickup-from"), help: "The pickup point, by source id or name (implies --pickup).")
    var pickupFrom: String?

    @Flag(help: "Unload by crane: crane trucks only, with the catalog's crane surcharge per trip.")
    var crane = false

    @Option(help: "The date the goods are needed by (2026-12-15 or 15.12.2026).")
    var by: String?

    @Option(help: "cheapest (goods + delivery), fastest (earliest delivery) or single (one source per line).")
    var strategy: String = "cheapest"

    @Option(help: "Customer id or name: group discounts and credit terms.")
    var customer: String?

    @Option(help: "A manual discount in percent, on top of the customer's, capped per product group.")
    var discount: String?

    @Flag(name: .customLong("internal"), help: "Show each line's cost and margin (for the company only; never send this to a customer).")
    var showInternal = false

    @Option(help: "en or ru (default: ru when the locale is Russian, else en).")
    var lang: String?

    @Option(name: .customLong("as-of"), help: "The moment to quote at (ISO-8601, default: now in the catalog's time zone).")
    var asOf: String?

    @Option(help: "Catalog database or CSV folder (default: $QUOTE_CATALOG, else the bundled demo).")
    var catalog: String?

    @Option(help: "table, json, text (a compact offer for a messenger) or html (a printable commercial offer).")
    var format: String = "table"

    @Flag(help: "Show why each source and truck was chosen.")
    var explain = false

    @Flag(name: .customLong("json"), help: "Read one JSON request from stdin and print one JSON response.")
    var jsonRequest = false

    @Flag(name: .customLong("jsonl"), help: "Read JSON requests, one per line, until EOF; print one response per line, in order.")
    var jsonLines = false

    @Flag(
        name: .customLong("in-memory"),
        help: "With --jsonl: hold the whole catalog in memory whatever its size (default: up to 64 MiB on disk).")
    var inMemory = false

    @OptionGroup var saving: SaveOptions

    func run() throws {
        guard !inMemory || jsonLines else {
            throw Failure(error: QuoteError(.invalidRequest, Message("cli.in_memory_needs_jsonl"), field: "--in-memory"), json: jsonRequest)
        }
        if jsonRequest || jsonLines {
            guard product == nil && qty == nil && items.isEmpty && !(jsonRequest && jsonLines) else {
                throw Failure(
                    error: QuoteError(.invalidRequest, Message("cli.json_stdin"), field: jsonLines ? "--jsonl" : "--json"),
                    json: true)
            }
            let saving = self.saving
            let status =
                jsonLines
                ? JSONMode.stream(catalog: catalog, saving: saving, inMemory: inMemory) : JSONMode.single(catalog: catalog, saving: saving)
            throw Exit(status: status)
        }
        let json = format == "json"
        guard let offerFormat = OfferFormat(rawValue: format) else {
            throw Failure(
                error: QuoteError(
                    .invalidRequest, Message("cli.unknown_format", .text(format)), field: "--format",
                    candidates: OfferFormat.allCases.map(\.rawValue)),
                json: false)
        }
        let text: String
        do {
            text = try quoteText(offerFormat)
        } catch {
            throw Failure(error: error, json: json)
        }
        // A table shows the catalog's names: an escape sequence in one is shown, not obeyed, and a name of
        // thousands of characters is cut (JSON escapes control characters itself).
        Output.write(json ? text : Echo.lines(text, lineLimit: 1_000))
    }

    func quoteText(_ format: OfferFormat) throws(QuoteError) -> String {
        // --save: quote-store starts now, so that its start-up overlaps the quote's.
        let saver = try saving.saver()
        defer { saver?.finish() }
        let store = try CatalogLocator.open(explicit: catalog, sourceRoot: sourceRoot)
        let request = try makeRequest(offset: store.utcOffsetSeconds)
        let snapshot = try store.snapshot(for: request)
        let quote = try QuoteEngine.quote(request, catalog: snapshot, explain: explain, solver: GLPKSolver())
        let json = format == .json
        // The JSON only when it is printed or saved: the other formats' path does not pay for writing it.
        let response = json || saver != nil ? quote.json(includeInternal: showInternal, language: try language()) : ""
        // Saved (and acknowledged) before anything is printed: an offer read out is one that can be reopened.
        try saver?.save(quote, request: request, explain: explain, response: response, store: store)
        return json ? response + "\n" : QuoteRender.render(quote, format: format, language: try language(), showInternal: showInternal)
    }

    func makeRequest(offset: Int32) throws(QuoteError) -> QuoteRequest {
        let lines = try requestLines()
        guard let strategy = Strategy(rawValue: strategy) else {
            throw QuoteError(
                .invalidStrategy, Message("strategy.unknown", .text(strategy)), field: "--strategy",
                candidates: Strategy.allCases.map(\.rawValue))
        }
        var byDate: CivilDate?
        if let by {
            guard let d = CivilDate.parse(dayFirst: Substring(by)) else {
                throw QuoteError(.invalidDate, Message("date.not_a_date_dmy", .verbatim("--by"), .text(by)), field: "--by")
            }
            byDate = d
        }
        var moment = Output.now(offsetSeconds: offset)
        if let asOf {
            guard let m = Moment.parse(Substring(asOf), defaultOffset: offset) else {
                throw QuoteError(.invalidDate, Message("moment.invalid", .verbatim("--as-of"), .text(asOf)), field: "--as-of")
            }
            moment = m
        }
        var manual: Rate?
        if let discount {
            guard case .success(let bp) = FixedPoint.parse(Substring(discount), scale: 2, decimalComma: true), (0...10_000).contains(bp)
            else {
                throw QuoteError(
                    .invalidQuantity, Message("discount.not_percentage", .verbatim("--discount"), .text(discount)), field: "--discount")
            }
            manual = Rate(basisPoints: Int32(bp))
        }
        var request = QuoteRequest(
            items: lines, city: city, pickup: pickup || pickupFrom != nil, strategy: strategy, customer: customer, by: byDate, asOf: moment,
            discount: manual)
        request.crane = crane
        request.pickupSource = pickupFrom
        return request
    }

    /// The request's lines: the product with `--qty` or `--wall` (and its options), then every `--item`.
    func requestLines() throws(QuoteError) -> [QuoteRequest.Item] {
        var lines: [QuoteRequest.Item] = []
        if let wall {
            guard let product else {
                throw QuoteError(.unknownProduct, Message("cli.wall_needs_product"), field: "product")
            }
            guard qty == nil else {
                throw QuoteError(.invalidRequest, Message("cli.qty_or_wall"), field: "--wall")
            }
            func decimal(_ text: String?, _ option: String) throws(QuoteError) -> Quantity? {
                guard let text else { return nil }
                guard case .success(let q) = Quantity.parse(Substring(text), decimalComma: true), q.milli >= 0 else {
                    throw QuoteError(.invalidQuantity, Message("cli.not_a_number", .verbatim(option), .text(text)), field: option)
                }
                return q
            }
            let spec = Wall(
                area: try decimal(wall, "--wall") ?? .zero, thickness: try decimal(thickness, "--thickness"),
                openings: try decimal(openings, "--openings") ?? .zero, jointMM: joint, waste: try decimal(waste, "--waste") ?? .zero)
            lines.append(QuoteRequest.Item(product: product, wall: spec))
        } else if thickness != nil || openings != nil || waste != nil || joint != nil {
            throw QuoteError(.invalidRequest, Message("cli.wall_options"), field: "--wall")
        } else if let product {
            guard let qty else {
                throw QuoteError(.invalidQuantity, Message("cli.how_many"), field: "--qty")
            }
            lines.append(try QuoteRequest.Item(product: product, typed: qty, field: "--qty"))
        } else if qty != nil {
            throw QuoteError(.unknownProduct, Message("cli.qty_needs_product"), field: "product")
        }
        for (i, text) in items.enumerated() {
            guard let eq = text.lastIndex(of: "="), eq != text.startIndex else {
                throw QuoteError(.invalidRequest, Message("cli.item_form", .text(text)), field: "--item[\(i)]")
            }
            lines.append(
                try QuoteRequest.Item(product: String(text[..<eq]), typed: String(text[text.index(after: eq)...]), field: "--item[\(i)]"))
        }
        guard !lines.isEmpty else {
            throw QuoteError(.emptyRequest, Message("cli.nothing"), field: "product")
        }
        return lines
    }

    func language() throws(QuoteError) -> Language { try Language.chosen(lang) }
}
