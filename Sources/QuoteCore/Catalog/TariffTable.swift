/// The catalog's trip tariffs, held by route: for each zone, its rule for every city (city nil) and
/// the rows of the cities it prices on their own.
///
/// A quote prices every truck class of every slot it considers. Held by route, a slot's tariffs are
/// two look-ups (the city's own rows, the zone's rule) instead of two per truck class, each hashing a
/// zone, a city and a vehicle id. A route holds one row per vehicle class, a handful, so a row is
/// found in it by comparing vehicle ids.
public struct TariffTable: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// A zone's rows for one city, or its rule for every city (city nil).
    public struct Route: Hashable, Sendable {
        public var zone: ZoneID
        public var city: CityID?
        public init(zone: ZoneID, city: CityID?) {
            self.zone = zone
            self.city = city
        }
    }

    private var routes: [Route: [Tariff]] = [:]
    /// The number of rows.
    public private(set) var count = 0

    public init() {}

    public init(_ tariffs: [TariffKey: Tariff]) {
        for (key, tariff) in tariffs { self[key] = tariff }
    }

    public init(dictionaryLiteral elements: (TariffKey, Tariff)...) {
        for (key, tariff) in elements { self[key] = tariff }
    }

    /// The row for one zone, city (nil: the zone's rule) and vehicle class; setting nil removes it.
    /// The row is stored under the subscript's key.
    public subscript(key: TariffKey) -> Tariff? {
        get {
            guard let rows = routes[Route(zone: key.zone, city: key.city)],
                let i = rows.firstIndex(where: { $0.key.vehicle == key.vehicle })
            else { return nil }
            return rows[i]
        }
        set {
            let route = Route(zone: key.zone, city: key.city)
            // Taken out and put back, so the array is not copied while another reference holds it.
            var rows = routes.removeValue(forKey: route) ?? []
            switch (rows.firstIndex(where: { $0.key.vehicle == key.vehicle }), newValue) {
            case (let i?, let tariff?):
                rows[i] = tariff
            case (let i?, nil):
                rows.remove(at: i)
                count -= 1
            case (nil, let tariff?):
                rows.append(tariff)
                count += 1
            case (nil, nil):
                break
            }
            if !rows.isEmpty { routes[route] = rows }
        }
    }

    /// The rows of one zone for one city (nil: the zone's rule for every city), one per vehicle class.
    public func rows(zone: ZoneID, city: CityID?) -> [Tariff] {
        routes[Route(zone: zone, city: city)] ?? []
    }

    /// Every row, in no particular order.
    public var values: [Tariff] { routes.values.flatMap { $0 } }
    public var keys: [TariffKey] { values.map(\.key) }
    public var isEmpty: Bool { count == 0 }

    public func makeIterator() -> IndexingIterator<[(key: TariffKey, value: Tariff)]> {
        values.map { (key: $0.key, value: $0) }.makeIterator()
    }
}
