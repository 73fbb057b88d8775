import QuoteCore

extension CatalogImport {
    /// `prices.csv` with the base price from 0 (empty region, `min_qty` 0) of each of `skus` set to its price in
    /// `prices`, in place, every other line as it was; in the file's separator, decimal mark and encoding.
    /// The bytes as they were when nothing changes; nil when a row to change spans lines.
    static func rewriteBasePrices(_ bytes: [UInt8], prices: [SKU: PriceList], skus: [SKU]) -> [UInt8]? {
        guard !skus.isEmpty else { return bytes }
        guard case .success(let parsed) = CSVTable.parse(file: "prices.csv", bytes: bytes) else { return nil }
        let table = parsed.locatingHeader(known: ["sku", "region", "min_qty", "price"])
        var index: [String: Int] = [:]
        for (i, f) in table.header.enumerated() { index[f.text] = i }
        guard let skuColumn = index["sku"], let minColumn = index["min_qty"], let priceColumn = index["price"] else { return nil }
        let regionColumn = index["region"]
        let wanted = Set(skus)
        let (bom, lines, lineEnd) = physicalLines(bytes)
        var out = lines
        let separator: Character = table.decimalComma ? ";" : ","
        for record in table.records {
            func cell(_ i: Int?) -> String { i.map { $0 < record.fields.count ? record.fields[$0].text.trimmingSpaces : "" } ?? "" }
            let sku = SKU(cell(skuColumn))
            guard wanted.contains(sku), cell(regionColumn).isEmpty,
                case .success(let min) = NumberText.parse(cell(minColumn), scale: 3, decimalComma: table.decimalComma), min == 0,
                let tier = prices[sku]?.base.first, tier.minQuantity == .zero
            else { continue }
            guard record.fields.allSatisfy({ $0.line == record.line && !$0.text.contains(where: \.isNewline) }), record.line - 1 < out.count
            else { return nil }
            var fields = record.fields.map(\.text)
            while fields.count <= priceColumn { fields.append("") }
            let text = tier.price.statedString
            fields[priceColumn] = table.decimalComma ? String(text.map { $0 == "." ? "," : $0 }) : text
            out[record.line - 1] = fields.map { quoted($0, separator: separator) }.joined(separator: String(separator))
        }
        return table.encoding.encode(out.joined(separator: lineEnd) + (lines.isEmpty ? "" : lineEnd)).map { bom + $0 }
    }

    /// Whether `a` and `b` give each of `skus` the same base price list.
    static func samePrices(_ a: Catalog, _ b: Catalog, skus: [SKU]) -> Bool {
        skus.allSatisfy { a.prices[$0]?.base == b.prices[$0]?.base }
    }
}
