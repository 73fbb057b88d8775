import Foundation
import Testing

/// `quote <product> --qty N --city C`: the demo quote, end to end through the built binary.
///
/// The demo quote, derived by hand from catalogs/demo/*.csv:
///
/// - "brick" is a family of 14 bricks (aliases.csv:16–29); its default is BR-NF-M150-SOL (aliases.csv:17), solid
///   brick NF M150: 3.6 kg a piece, 420 to a pallet, sold in multiples of 420 (products.csv:3).
/// - 5 000 pcs asked → sold ⌈5000 / 420⌉ = 12 pallets × 420 = 5 040 pcs; weight 5 040 × 3.6 kg = 18 144 kg.
/// - Tver (cities.csv:4) is in region TVE, which has its own list (prices.csv:84–86: from 0 17.90, from 5 000
///   17.40, from 10 000 16.90): 5 040 ≥ 5 000 → 17.40 a piece.
/// - Line net 5 040 × 17.40 = 87 696.00; VAT on 2026-12-01 is 22 % (vat.csv:3, from 2026-01-01):
///   87 696.00 × 0.22 = 19 293.12; gross 106 989.12.
/// - Sources (stock.csv): WH-KHIMKI 6 300 (lead 0, zone MSK-N, 150 km), PL-TVER 126 000 (min 1 680, multiples of
///   420, lead 2, zone TVR, 15 km), PL-KALUGA 33 600 (min 3 360, lead 3, zone KLG, 350 km). The goods cost the
///   customer the same from each, so "cheapest" is decided by delivery:
///   - PL-TVER → tver has its own flat tariffs (tariffs.csv:37–41): 18 144 kg / 12 pallets needs 20 t, so one
///     SEMI-20 (20 000 kg, 33 places) at 8 000.00 beats two FB-10 (2 × 5 500.00 = 11 000.00);
///   - WH-KHIMKI → tver by the MSK-N rule (tariffs.csv:5): SEMI-20 12 000 + 75 × (150 − 40) = 20 250.00;
///   - PL-KALUGA → tver by the KLG rule (tariffs.csv:19): SEMI-20 10 800 + 68 × (350 − 40) = 31 880.00.
///   So PL-TVER, one SEMI-20: cost 8 000.00, VAT 22 % 1 760.00, gross 9 760.00.
/// - Dates: as of Tue 2026-12-01 10:00, before the 14:00 cut-off, so the order day is Dec 1; PL-TVER's lead of 2
///   business days → ready Thu 2026-12-03; transit 0 days (routes.csv:28) → delivered Thu 2026-12-03 (Tver takes
///   deliveries Mon–Sat).
/// - Valid until: 3 business days (settings) would be Fri 2026-12-04 23:59:59, but PL-TVER's stock figures
///   (2026-11-30T18:00) go stale after 48 h, at 2026-12-02T18:00:00+03:00, which is earlier.
/// - Returnable pallets: 12 × 250.00 deposit (products.csv:3) = 3 000.00, a line of its own with no VAT.
/// - Totals: net 87 696.00 + 3 000.00 + 8 000.00 = 98 696.00; VAT 19 293.12 + 0 + 1 760.00 = 21 053.12;
///   gross 119 749.12; 18 144 kg, 12 pallets.
/// - Alternative "fastest": WH-KHIMKI (lead 0, transit 0) delivers on 2026-12-01 for goods 106 989.12 + deposit
///   3 000.00 + delivery 20 250.00 × 1.22 = 24 705.00 → 134 694.12.
/// - Hint "truck_room": the SEMI-20 carries 18 144 kg of 20 000; one more pallet (420 × 3.6 = 1 512 kg) makes
///   19 656 kg and fits, two (21 168 kg) do not → room for 1 more pallet.
@Suite struct PriceCommandTests {
    static let brickToTver = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf]

    @Test func binaryIsFound() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary), "\(CLI.binary)")
    }

    @Test func demoQuoteJSONHasEveryFixedField() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try scratch.demoCopy()
        let r = run(Self.brickToTver + ["--format", "json", "--catalog", catalog])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        #expect(r.stdout.hasPrefix("{\"quoteId\":\"Q-"))
        #expect(r.stdout.hasSuffix("}\n"))
        let q = try jsonObject(r.stdout)

        // Top level.
        let quoteId = try #require(q["quoteId"] as? String)
        // "Q-" + 4 + "-" + 4 characters of Crockford base 32 (no I, L, O, U).
        #expect(quoteId.count == 11)
        #expect(quoteId.dropFirst(2).allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ-".contains($0) })
        #expect(q["asOf"] as? String == "2026-12-01T10:00:00+03:00")
        #expect(q["validUntil"] as? String == "2026-12-02T18:00:00+03:00")
        #expect(q["currency"] as? String == "RUB")
        #expect(q["deliveryDate"] as? String == "2026-12-03")
        #expect(q["city"] as? String == "Тверь")
        #expect(q["pickup"] as? Bool == false)
        #expect(q["strategy"] as? String == "cheapest")
        #expect(q["vatRate"] as? String == "22")

        // lines[]
        let lines = try #require(q["lines"] as? [[String: Any]])
        #expect(lines.count == 2)  // the bricks and the pallet deposit
        #expect(lines.map { $0["kind"] as? String } == ["goods", "deposit"])
        #expect(kopecks(lines.last?["net"]) == 3_000_00 && kopecks(lines.last?["vat"]) == 0)
        let line = try #require(lines.first)
        for key in ["sku", "requestedQuantity", "quantity", "unit", "unitPrice", "net", "vat", "gross", "allocations"] {
            #expect(line[key] != nil, "lines[0].\(key) is missing")
        }
        #expect(line["sku"] as? String == "BR-NF-M150-SOL")
        #expect(line["requestedQuantity"] as? String == "5000")
        #expect(line["quantity"] as? String == "5040")
        #expect(line["unit"] as? String == "pcs")
        #expect(line["pallets"] as? Int == 12)
        #expect(line["weightKg"] as? String == "18144")
        #expect(line["priceRegion"] as? String == "TVE")
        #expect(line["priceTierFrom"] as? String == "5000")
        #expect(kopecks(line["unitPrice"]) == 17_40)
        #expect(kopecks(line["net"]) == 87_696_00)
        #expect(kopecks(line["vat"]) == 19_293_12)
        #expect(kopecks(line["gross"]) == 106_989_12)
        let allocations = try #require(line["allocations"] as? [[String: Any]])
        #expect(allocations.count == 1)
        #expect(allocations.first?["source"] as? String == "PL-TVER")
        #expect(allocations.first?["quantity"] as? String == "5040")
        #expect(allocations.first?["readyDate"] as? String == "2026-12-03")
        // The other 13 bricks "brick" names are listed.
        #expect((line["otherSkus"] as? [String])?.count == 13)

        // shipments[]
        let shipments = try #require(q["shipments"] as? [[String: Any]])
        #expect(shipments.count == 1)
        let shipment = try #require(shipments.first)
        for key in ["source", "vehicles", "weightKg", "pallets", "cost", "deliveryDate"] {
            #expect(shipment[key] != nil, "shipments[0].\(key) is missing")
        }
        #expect(shipment["source"] as? String == "PL-TVER")
        #expect(shipment["weightKg"] as? String == "18144")
        #expect(shipment["pallets"] as? Int == 12)
        #expect(shipment["distanceKm"] as? Int == 15)
        #expect(kopecks(shipment["cost"]) == 8_000_00)
        #expect(kopecks(shipment["vat"]) == 1_760_00)
        #expect(kopecks(shipment["gross"]) == 9_760_00)
        #expect(shipment["readyDate"] as? String == "2026-12-03")
        #expect(shipment["deliveryDate"] as? String == "2026-12-03")
        let vehicles = try #require(shipment["vehicles"] as? [[String: Any]])
        #expect(vehicles.count == 1)
        #expect(vehicles.first?["vehicle"] as? String == "SEMI-20")
        #expect(vehicles.first?["count"] as? Int == 1)
        #expect(kopecks(vehicles.first?["tripPrice"]) == 8_000_00)

        // totals
        let totals = try #require(q["totals"] as? [String: Any])
        for key in ["net", "vat", "gross", "weightKg", "pallets"] {
            #expect(totals[key] != nil, "totals.\(key) is missing")
        }
        #expect(kopecks(totals["net"]) == 98_696_00)
        #expect(kopecks(totals["vat"]) == 21_053_12)
        #expect(kopecks(totals["gross"]) == 119_749_12)
        #expect(totals["weightKg"] as? String == "18144")
        #expect(totals["pallets"] as? Int == 12)

        // warnings[], alternatives[], hints[]
        let warnings = try #require(q["warnings"] as? [Any])
        #expect(warnings.isEmpty)  // PL-TVER's stock is 16 h old, under the 48 h limit
        let alternatives = try #require(q["alternatives"] as? [[String: Any]])
        #expect(alternatives.count == 1)
        #expect(alternatives.first?["strategy"] as? String == "fastest")
        #expect(kopecks(alternatives.first?["gross"]) == 134_694_12)
        #expect(alternatives.first?["deliveryDate"] as? String == "2026-12-01")
        #expect(alternatives.first?["sources"] as? [String] == ["WH-KHIMKI"])
        let hints = try #require(q["hints"] as? [[String: Any]])
        #expect(hints.count == 1)
        #expect(hints.first?["code"] as? String == "truck_room")
        #expect((hints.first?["message"] as? String)?.contains("room for 1 more pallet") == true)
    }

    @Test func demoQuoteTotalsAddUpLineByLine() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let r = run(Self.brickToTver + ["--format", "json", "--catalog", try scratch.demoCopy()])
        #expect(r.status == 0, "\(r.stderr)")
        let q = try jsonObject(r.stdout)
        let lines = try #require(q["lines"] as? [[String: Any]])
        let shipments = try #require(q["shipments"] as? [[String: Any]])
        let totals = try #require(q["totals"] as? [String: Any])

        // Every money field is a decimal string with two decimals (kopecks() refuses anything else).
        var linesNet: Int64 = 0, linesVat: Int64 = 0
        for l in lines {
            let net = try #require(kopecks(l["net"])), vat = try #require(kopecks(l["vat"])), gross = try #require(kopecks(l["gross"]))
            let unitPrice = try #require(kopecks(l["unitPrice"]))
            let quantityText = try #require(l["quantity"] as? String)
            let quantity = try #require(Int64(quantityText))
            #expect(net == unitPrice * quantity)  // 17.40 × 5040 = 87 696.00; 250.00 × 12 pallets = 3 000.00
            // 22 %, rounded half up to the kopeck; a pallet deposit carries none (it is refunded)
            #expect(vat == (l["kind"] as? String == "deposit" ? 0 : (net * 22 + 50) / 100))
            #expect(gross == net + vat)
            linesNet += net
            linesVat += vat
        }
        var shipmentsCost: Int64 = 0, shipmentsVat: Int64 = 0
        for s in shipments {
            let cost = try #require(kopecks(s["cost"])), vat = try #require(kopecks(s["vat"])), gross = try #require(kopecks(s["gross"]))
            let vehicles = try #require(s["vehicles"] as? [[String: Any]])
            let trips = try vehicles.reduce(Int64(0)) { sum, v in
                sum + Int64(try #require(v["count"] as? Int)) * (try #require(kopecks(v["tripPrice"])))
            }
            #expect(cost == trips)
            #expect(vat == (cost * 22 + 50) / 100)
            #expect(gross == cost + vat)
            shipmentsCost += cost
            shipmentsVat += vat
        }
        let net = try #require(kopecks(totals["net"])), vat = try #require(kopecks(totals["vat"])),
            gross = try #require(kopecks(totals["gross"]))
        #expect(net == linesNet + shipmentsCost)  // 87 696.00 + 8 000.00
        #expect(vat == linesVat + shipmentsVat)  // 19 293.12 + 1 760.00
        #expect(gross == net + vat)  // 95 696.00 + 21 053.12
        #expect(totals["pallets"] as? Int == lines.reduce(0) { $0 + (($1["pallets"] as? Int) ?? 0) })
        #expect(totals["weightKg"] as? String == "18144")
    }

    @Test func sameCommandTwiceGivesIdenticalOutput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try scratch.demoCopy()
        for format in ["json", "table"] {
            let a = run(Self.brickToTver + ["--format", format, "--catalog", catalog])
            let b = run(Self.brickToTver + ["--format", format, "--catalog", catalog])
            #expect(a.status == 0 && b.status == 0)
            #expect(!a.stdout.isEmpty)
            #expect(Array(a.stdout.utf8) == Array(b.stdout.utf8), "\(format) output differs between two runs")
        }
    }

    @Test func bundledDemoIsTheDefaultCatalog() throws {
        // No --catalog and no QUOTE_CATALOG: the binary finds catalogs/demo from its source tree (run from /tmp, so
        // not from the working directory). A copy of the same files gives the same catalog version, so the same
        // quote, quote id included.
        let scratch = try Scratch()
        defer { scratch.remove() }
        let byDefault = run(Self.brickToTver + ["--format", "json"], cwd: scratch.path)
        let byCopy = run(Self.brickToTver + ["--format", "json", "--catalog", try scratch.demoCopy()])
        #expect(byDefault.status == 0, "\(byDefault.stderr)")
        #expect(byDefault.stdout == byCopy.stdout)
    }

    @Test func tableOutput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let r = run(Self.brickToTver + ["--catalog", try scratch.demoCopy()])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        #expect(r.stdout.hasPrefix("Quote Q-"))
        #expect(r.stdout.contains("5,040 pcs"))
        #expect(r.stdout.contains("17.40"))
        #expect(r.stdout.contains("87,696.00"))
        #expect(r.stdout.contains("Total"))
        // The totals block: net, VAT 22 %, total, right-aligned.
        #expect(r.stdout.contains("Pallet deposit    3,000.00"))
        #expect(r.stdout.contains("Net              98,696.00"))
        #expect(r.stdout.contains("VAT 22 %         21,053.12"))
        #expect(r.stdout.contains("Total, RUB      119,749.12"))
        #expect(r.stdout.contains("1 × Фура (полуприцеп) 20 т (8,000.00)"))
        #expect(r.stdout.contains("Delivery date: Thu 2026-12-03 · 12 pallets · 18,144 kg"))
        #expect(r.stdout.contains("Alternative (fastest): 134,694.12 with VAT, delivered 2026-12-01\n"))
        // The supplier's own name and the source ids are only in the manager's notes, after the offer.
        let parts = r.stdout.components(separatedBy: "── For the manager only — not for the customer ──")
        #expect(parts.count == 2)
        #expect(!parts[0].contains("Тверца") && !parts[0].contains("WH-KHIMKI") && !parts[0].contains("PL-TVER"))
        #expect(parts[1].contains("1. BR-NF-M150-SOL ← PL-TVER Кирпичный завод «Тверца» (Тверь): 5,040 pcs, ready 2026-12-03"))
        #expect(parts[1].contains("Alternative (fastest): WH-KHIMKI"))
    }

    @Test func pickupNeedsNoCity() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let r = run(["brick", "--qty", "5000", "--pickup", "--as-of", CLI.asOf, "--format", "json", "--catalog", try scratch.demoCopy()])
        #expect(r.status == 0, "\(r.stderr)")
        let q = try jsonObject(r.stdout)
        #expect(q["pickup"] as? Bool == true)
        #expect(q["city"] is NSNull)
        // No city, no region: the base list (prices.csv:5–7), 5 040 ≥ 5 000 → 18.00; 5 040 × 18.00 = 90 720.00,
        // VAT 22 % = 19 958.40; plus the 12 pallets' deposit 3 000.00 (no VAT); nothing to deliver.
        let line = try #require((q["lines"] as? [[String: Any]])?.first)
        #expect(kopecks(line["unitPrice"]) == 18_00)
        #expect(kopecks(line["net"]) == 90_720_00)
        let totals = try #require(q["totals"] as? [String: Any])
        #expect(kopecks(totals["net"]) == 93_720_00)
        #expect(kopecks(totals["vat"]) == 19_958_40)
        #expect(kopecks(totals["gross"]) == 113_678_40)
        for s in (q["shipments"] as? [[String: Any]]) ?? [] {
            #expect((s["vehicles"] as? [Any])?.isEmpty == true)
            #expect(kopecks(s["cost"]) == 0)
        }
        // The table says so too.
        let table = run(["brick", "--qty", "5000", "--pickup", "--as-of", CLI.asOf, "--catalog", scratch.path + "/demo"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("· pickup ·"))
        #expect(table.stdout.contains("Ready for pickup: "))
    }

    @Test func russianNamesWork() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let latin = run(Self.brickToTver + ["--format", "json", "--catalog", try scratch.demoCopy()])
        let russian = run([
            "кирпич", "--qty", "5000", "--city", "Тверь", "--as-of", CLI.asOf, "--format", "json", "--catalog", scratch.path + "/demo",
        ])
        #expect(russian.status == 0, "\(russian.stderr)")
        let a = try jsonObject(latin.stdout), b = try jsonObject(russian.stdout)
        // The same product, city and money; only the quote id (it hashes the names as typed) may differ.
        #expect((b["lines"] as? [[String: Any]])?.first?["sku"] as? String == "BR-NF-M150-SOL")
        #expect(kopecks((b["totals"] as? [String: Any])?["gross"]) == 119_749_12)
        #expect(kopecks((a["totals"] as? [String: Any])?["gross"]) == 119_749_12)
    }
}
