import QuoteCore

extension CatalogCompiler {
    /// Reads cities.csv: each city once, its delivery days (at least one), and its id, name and aliases
    /// finding it and no other city.
    static func readCities(_ b: Build) -> (cities: [CityID: City], names: [String: CityID]) {
        var cities: [CityID: City] = [:]
        var cityNames: [String: CityID] = [:]
        let citiesReader = b.reader("cities.csv", ["id", "name", "aliases", "region", "delivery_days"])
        for row in citiesReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let region = row.text("region") else { continue }
            if cities[CityID(id)] != nil {
                row.fail("id", Message("duplicate.city", .text(id)))
                continue
            }
            let aliases = (row.optionalText("aliases") ?? "").split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            let city = City(id: CityID(id), name: name, aliases: aliases, region: RegionID(region), deliveryDays: deliveryDays(row))
            cities[city.id] = city
            for (label, column) in [(id, "id"), (name, "name")] + aliases.map({ ($0, "aliases") }) {
                let key = NameKey.normalize(label)
                if let other = cityNames[key], other != city.id {
                    row.fail(column, Message("cities.name_taken", .text(label), .text("\(other)")))
                } else {
                    cityNames[key] = city.id
                }
            }
        }
        b.refs.note("cities.csv", reader: citiesReader, column: "id", defined: cities.keys.lazy.map(\.rawValue))
        return (cities, cityNames)
    }

    /// The weekdays of `row`'s `delivery_days` (`Mon Wed, Fri`); each word a weekday, at least one.
    static func deliveryDays(_ row: TableReader.Row) -> WeekdaySet {
        var days: [Weekday] = []
        for word in (row.optionalText("delivery_days") ?? "").split(whereSeparator: { $0 == " " || $0 == "," }) {
            if let d = Weekday(shortName: word) {
                days.append(d)
            } else {
                row.fail("delivery_days", Message("cities.not_a_weekday", .text(String(word))))
            }
        }
        if days.isEmpty { row.fail("delivery_days", Message("cities.no_delivery_day")) }
        return WeekdaySet(days)
    }
}
