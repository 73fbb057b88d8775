@testable import QuoteCore

/// A small catalog written out by hand, so every number in the engine tests can be derived on paper.
///
/// - BRICK: 3.6 kg a piece, 400 to a pallet, sold by the pallet; list 20.00, from 4 000 pieces 19.00.
/// - SAND: by the tonne, 1 000.00 a tonne.
/// - WH (zone A, own warehouse, lead 0): 2 000 bricks at cost 10.00.
/// - PL (zone B, plant, lead 2): 100 000 bricks at cost 9.00, minimum 1 200, multiples of 400.
/// - Q (zone A, quarry, lead 1): 1 000 t of sand at cost 700.00.
/// - City X (region R), served Mon–Fri: 100 km from zone A (same day), 300 km from zone B (1 day).
/// - Trucks: T10 (10 t, 14 places), T20 (20 t, 33 places), TIP (tipper, 25 t).
/// - Tariffs from A: T10 5 000 + 50/km beyond 50 km = 7 500; T20 8 000 + 80/km beyond 50 = 12 000;
///   TIP 6 000 + 60/km beyond 50 = 9 000. From B: T10 5 000 + 20/km = 11 000; T20 8 000 + 30/km = 17 000.
enum Fixture {
    static let offset: Int32 = 10_800

    static func moment(_ text: String) -> Moment {
        Moment.parse(Substring(text), defaultOffset: offset) ?? Moment(secondsSinceEpoch: 0, offsetSeconds: 0)
    }

    static func date(_ text: String) -> CivilDate { CivilDate.parse(Substring(text)) ?? CivilDate(day: 0) }

    static func money(_ rub: Int64) -> Money { Money(kopecks: rub * 100) }

    static var catalog: Catalog {
        let settings = CatalogSettings(
            name: "Fixture", currency: "RUB", timeZone: "Europe/Moscow", utcOffsetSeconds: offset, cutoffHour: 14,
            quoteValidityDays: 3, stockFreshnessHours: 48, jointMM: 10)
        let vat = VATSchedule([(date("2019-01-01"), Rate(basisPoints: 2_000)), (date("2026-01-01"), Rate(basisPoints: 2_200))])
        let brick = Product(
            sku: "BRICK", name: "Кирпич", nameEn: "Brick", group: "brick", kind: .brick, unit: .pieces,
            dimensionsMM: (250, 120, 65), unitWeightGrams: 3_600, perPallet: Quantity(whole: 400),
            saleMultiple: Quantity(whole: 400), densityKgM3: nil, palletDeposit: .zero)
        let sand = Product(
            sku: "SAND", name: "Песок", nameEn: "Sand", group: "bulk", kind: .bulk, unit: .tonnes, dimensionsMM: nil,
            unitWeightGrams: 1_000_000, perPallet: nil, saleMultiple: Quantity(whole: 1), densityKgM3: 1_500, palletDeposit: .zero)
        let stockAsOf = moment("2026-12-01T08:00:00+03:00")
        let sources: [SourceID: Source] = [
            "WH": Source(id: "WH", name: "Warehouse", kind: .warehouse, zone: "A", city: "x", leadDays: 0, stockAsOf: stockAsOf),
            "PL": Source(id: "PL", name: "Plant", kind: .supplier, zone: "B", city: "x", leadDays: 2, stockAsOf: stockAsOf),
            "Q": Source(id: "Q", name: "Quarry", kind: .supplier, zone: "A", city: "x", leadDays: 1, stockAsOf: stockAsOf),
        ]
        let offers: [SKU: [StockOffer]] = [
            "BRICK": [
                StockOffer(
                    source: "PL", sku: "BRICK", stock: Quantity(whole: 100_000), cost: money(9), minOrder: Quantity(whole: 1_200),
                    orderMultiple: Quantity(whole: 400)),
                StockOffer(
                    source: "WH", sku: "BRICK", stock: Quantity(whole: 2_000), cost: money(10), minOrder: .zero, orderMultiple: .zero),
            ],
            "SAND": [
                StockOffer(source: "Q", sku: "SAND", stock: Quantity(whole: 1_000), cost: money(700), minOrder: .zero, orderMultiple: .zero)
            ],
        ]
        let prices: [SKU: PriceList] = [
            "BRICK": PriceList(base: [
                PriceTier(minQuantity: .zero, price: money(20)), PriceTier(minQuantity: Quantity(whole: 4_000), price: money(19)),
            ]),
            "SAND": PriceList(base: [PriceTier(minQuantity: .zero, price: money(1_000))]),
        ]
        let x = City(
            id: "x", name: "Икс", aliases: ["Iks"], region: "R",
            deliveryDays: WeekdaySet([.monday, .tuesday, .wednesday, .thursday, .friday]))
        let vehicles = [
            Vehicle(id: "T10", name: "Truck 10 t", body: .flatbed, payloadKg: 10_000, palletPlaces: 14, crane: false),
            Vehicle(id: "T20", name: "Truck 20 t", body: .flatbed, payloadKg: 20_000, palletPlaces: 33, crane: false),
            Vehicle(id: "TIP", name: "Tipper 25 t", body: .tipper, payloadKg: 25_000, palletPlaces: 0, crane: false),
        ]
        func tariff(_ zone: ZoneID, _ vehicle: VehicleID, base: Int64, included: Int64, perKm: Int64) -> (TariffKey, Tariff) {
            let key = TariffKey(zone: zone, city: nil, vehicle: vehicle)
            return (key, Tariff(key: key, basePrice: money(base), includedKm: included, perKm: money(perKm), minCharge: .zero))
        }
        let tariffs = Dictionary(uniqueKeysWithValues: [
            tariff("A", "T10", base: 5_000, included: 50, perKm: 50), tariff("A", "T20", base: 8_000, included: 50, perKm: 80),
            tariff("A", "TIP", base: 6_000, included: 50, perKm: 60), tariff("B", "T10", base: 5_000, included: 0, perKm: 20),
            tariff("B", "T20", base: 8_000, included: 0, perKm: 30),
        ])
        return Catalog(
            version: "fixture", settings: settings, vat: vat, calendar: BusinessCalendar(),
            products: ["BRICK": brick, "SAND": sand],
            productNames: [
                "brick": [ProductName(sku: "BRICK", isDefault: true, label: "BRICK")],
                "kirpich": [ProductName(sku: "BRICK", isDefault: true, label: "кирпич")],
                "sand": [ProductName(sku: "SAND", isDefault: true, label: "SAND")],
            ],
            sources: sources, offers: offers, prices: prices, cities: ["x": x], cityNames: ["x": "x", "iks": "x"],
            vehicles: vehicles,
            routes: [
                RouteKey(zone: "A", city: "x"): Route(zone: "A", city: "x", distanceKm: 100, transitDays: 0),
                RouteKey(zone: "B", city: "x"): Route(zone: "B", city: "x", distanceKm: 300, transitDays: 1),
            ],
            tariffs: tariffs)
    }

    static func request(
        _ items: [(String, Int64, String?)], city: String? = "x", asOf: String = "2026-12-01T10:00:00+03:00", pickup: Bool = false,
        strategy: Strategy = .cheapest
    ) -> QuoteRequest {
        QuoteRequest(
            items: items.map { QuoteRequest.Item(product: $0.0, quantity: Quantity(whole: $0.1), unit: $0.2) }, city: city, pickup: pickup,
            strategy: strategy, asOf: moment(asOf))
    }
}
