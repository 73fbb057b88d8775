import ArgumentParser
import QuoteCatalog
import QuoteCore

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

    @Option(help: "table or json.")
    var format: String = "table"

    @Flag(help: "Show why each source and truck was chosen.")
    var explain = false

    @Flag(name: .customLong("json"), help: "Read one JSON request from stdin and print one JSON response.")
    var jsonRequest = false

    @Flag(name: .customLong("jsonl"), help: "Read JSON requests, one per line, until EOF; print one response per line, in order.")
    var jsonLines = false

    @OptionGroup var saving: SaveOptions

    func run() throws {
        if jsonRequest || jsonLines {
            guard product == nil && qty == nil && items.isEmpty && !(jsonRequest && jsonLines) else {
                throw Failure(
                    error: QuoteError(.invalidRequest, "--json and --jsonl read requests from stdin: give no product or --qty/--item with them, and only one of the two.", field: jsonLines ? "--jsonl" : "--json"),
                    json: true)
            }
            let saving = self.saving
            throw Exit(status: jsonLines ? JSONMode.stream(catalog: catalog, saving: saving) : JSONMode.single(catalog: catalog, saving: saving))
        }
        let json = format == "json"
        guard format == "json" || format == "table" else {
            throw Failure(error: QuoteError(.invalidRequest, "Unknown format \u{201C}\(format)\u{201D}.", field: "--format", candidates: ["table", "json"]), json: false)
        }
        let text: String
        do {
            text = try quoteText(json: json)
        } catch {
            throw Failure(error: error, json: json)
        }
        // A table shows the catalog's names: an escape sequence in one is shown, not obeyed, and a name of
        // thousands of characters is cut (JSON escapes control characters itself).
        Output.write(json ? text : Echo.lines(text, lineLimit: 1_000))
    }

    func quoteText(json: Bool) throws(QuoteError) -> String {
        // --save: quote-store starts now, so that its start-up overlaps the quote's.
        let saver = try saving.saver()
        defer { saver?.finish() }
        let store = try CatalogLocator.open(explicit: catalog, sourceRoot: sourceRoot)
        let request = try makeRequest(offset: store.utcOffsetSeconds)
        let snapshot = try store.snapshot(for: request)
        let quote = try QuoteEngine.quote(request, catalog: snapshot, explain: explain)
        // The JSON only when it is printed or saved: the table's path does not pay for writing it.
        let response = json || saver != nil ? quote.json(includeInternal: showInternal) : ""
        // Saved (and acknowledged) before anything is printed: an offer read out is one that can be reopened.
        try saver?.save(quote, request: request, explain: explain, response: response, store: store)
        return json ? response + "\n" : QuoteRender.render(quote, format: format, language: try language(), showInternal: showInternal)
    }

    func makeRequest(offset: Int32) throws(QuoteError) -> QuoteRequest {
        var lines: [QuoteRequest.Item] = []
        if let wall {
            guard let product else {
                throw QuoteError(.unknownProduct, "--wall needs a product: `quote brick --wall 100 --thickness 1.5 --city Tver`.", field: "product")
            }
            guard qty == nil else {
                throw QuoteError(.invalidRequest, "Give either --qty or --wall, not both.", field: "--wall")
            }
            func decimal(_ text: String?, _ option: String) throws(QuoteError) -> Quantity? {
                guard let text else { return nil }
                guard case .success(let q) = Quantity.parse(Substring(text), decimalComma: true), q.milli >= 0 else {
                    throw QuoteError(.invalidQuantity, "\(option) \u{201C}\(text)\u{201D} is not a number (e.g. 120 or 6.5).", field: option)
                }
                return q
            }
            let spec = Wall(
                area: try decimal(wall, "--wall") ?? .zero, thickness: try decimal(thickness, "--thickness"),
                openings: try decimal(openings, "--openings") ?? .zero, jointMM: joint, waste: try decimal(waste, "--waste") ?? .zero)
            lines.append(QuoteRequest.Item(product: product, wall: spec))
        } else if thickness != nil || openings != nil || waste != nil || joint != nil {
            throw QuoteError(.invalidRequest, "--thickness, --openings, --waste and --joint describe a wall: give its area with --wall.", field: "--wall")
        } else if let product {
            guard let qty else {
                throw QuoteError(.invalidQuantity, "How many? Give the quantity with --qty (e.g. --qty 5000, --qty 12pal, --qty 6t).", field: "--qty")
            }
            lines.append(try QuoteRequest.Item(product: product, typed: qty, field: "--qty"))
        } else if qty != nil {
            throw QuoteError(.unknownProduct, "--qty needs a product: `quote brick --qty 5000 --city Tver`.", field: "product")
        }
        for (i, text) in items.enumerated() {
            guard let eq = text.lastIndex(of: "="), eq != text.startIndex else {
                throw QuoteError(.invalidRequest, "--item \u{201C}\(text)\u{201D} must be PRODUCT=QTY, e.g. --item cement=40bag.", field: "--item[\(i)]")
            }
            lines.append(try QuoteRequest.Item(product: String(text[..<eq]), typed: String(text[text.index(after: eq)...]), field: "--item[\(i)]"))
        }
        guard !lines.isEmpty else {
            throw QuoteError(.emptyRequest, "What should be quoted? Name a product and a quantity: `quote brick --qty 5000 --city Tver`.", field: "product")
        }
        guard let strategy = Strategy(rawValue: strategy) else {
            throw QuoteError(.invalidStrategy, "Unknown strategy \u{201C}\(strategy)\u{201D}.", field: "--strategy", candidates: Strategy.allCases.map(\.rawValue))
        }
        var byDate: CivilDate?
        if let by {
            guard let d = CivilDate.parse(dayFirst: Substring(by)) else {
                throw QuoteError(.invalidDate, "--by \u{201C}\(by)\u{201D} is not a date: write 2026-12-15 or 15.12.2026.", field: "--by")
            }
            byDate = d
        }
        var moment = Output.now(offsetSeconds: offset)
        if let asOf {
            guard let m = Moment.parse(Substring(asOf), defaultOffset: offset) else {
                throw QuoteError(.invalidDate, "--as-of \u{201C}\(asOf)\u{201D} is not a moment: write ISO-8601, e.g. 2026-12-01T10:00:00+03:00.", field: "--as-of")
            }
            moment = m
        }
        var manual: Rate?
        if let discount {
            guard case .success(let bp) = FixedPoint.parse(Substring(discount), scale: 2, decimalComma: true), (0...10_000).contains(bp) else {
                throw QuoteError(.invalidQuantity, "--discount \u{201C}\(discount)\u{201D} is not a percentage from 0 to 100.", field: "--discount")
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

    func language() throws(QuoteError) -> QuoteTable.Language {
        if let lang {
            guard let l = QuoteTable.Language(rawValue: lang) else {
                throw QuoteError(.invalidRequest, "Unknown language \u{201C}\(lang)\u{201D}.", field: "--lang", candidates: ["en", "ru"])
            }
            return l
        }
        return Output.localeIsRussian ? .ru : .en
    }
}
