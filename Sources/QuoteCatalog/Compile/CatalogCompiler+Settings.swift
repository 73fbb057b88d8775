import QuoteCore

extension CatalogCompiler {
    /// settings.csv's rows by key: each value's text and its row (to report a bad value at its line).
    struct SettingsTable {
        var values: [String: (String, TableReader.Row)] = [:]
        let log: IssueLog

        /// The settings a catalog may leave empty or out.
        static let optional =
            ["price_list_valid_until", "crane_surcharge", "weekend_surcharge_percent", "follow_up_business_days"] + Seller.settingKeys
        /// Every setting there is.
        static let known =
            [
                "name", "currency", "time_zone", "utc_offset", "cutoff_hour", "quote_validity_days", "stock_freshness_hours", "joint_mm",
                "price_list_valid_until", "crane_surcharge", "weekend_surcharge_percent", "follow_up_business_days",
            ] + Seller.settingKeys

        /// A required setting; reported missing when it is not there.
        func required(_ key: String) -> (String, TableReader.Row)? {
            guard let s = values[key] else {
                log.add("settings.csv", 1, 1, Message("settings.missing", .text(key)))
                return nil
            }
            return s
        }

        /// An optional setting that has a value.
        func given(_ key: String) -> (String, TableReader.Row)? {
            guard let s = values[key], !s.0.isEmpty else { return nil }
            return s
        }

        /// A required whole-number setting in `range`; `fallback` (after reporting) when it is missing or wrong.
        func integer(_ key: String, _ range: ClosedRange<Int>, _ fallback: Int) -> Int {
            guard let (text, row) = required(key) else { return fallback }
            guard let v = Int(text), range.contains(v) else {
                row.fail(
                    "value",
                    Message(
                        "settings.whole_number", .verbatim(key), .verbatim(String(range.lowerBound)), .verbatim(String(range.upperBound)),
                        .text(text)))
                return fallback
            }
            return v
        }
    }

    /// Reads settings.csv: each key once, a value for every required one, no unknown key.
    static func readSettingsTable(_ b: Build) -> SettingsTable {
        var table = SettingsTable(log: b.log)
        for row in b.reader("settings.csv", ["key", "value"]).rows {
            guard let key = row.text("key") else { continue }
            if table.values[key] != nil { row.fail("key", Message("settings.twice", .text(key))) }
            // Only the optional settings may be left empty; a required one without a value is an error here,
            // at its line, not a silent "" (or a fallback) further on.
            table.values[key] = (row.text("value", required: !SettingsTable.optional.contains(key)) ?? "", row)
        }
        for (key, (_, row)) in table.values where !SettingsTable.known.contains(key) {
            row.fail("key", Message("settings.unknown", .text(key), .list(SettingsTable.known)))
        }
        return table
    }

    /// The settings the other tables are read with (the UTC offset of a moment written without one).
    static func baseSettings(_ table: SettingsTable) -> CatalogSettings {
        var offset: Int32 = 0
        if let (text, row) = table.required("utc_offset") {
            // `03:00` without its sign is east of UTC: what a spreadsheet shows of `+03:00` once it took it for a time.
            let unsigned = text.utf8.count == 5 && text.utf8.first.map { (0x30...0x39).contains($0) } == true
            if let o = Moment.parseOffset(Substring(unsigned ? "+" + text : text)) {
                offset = o
            } else {
                row.fail("value", Message("settings.utc_offset", .text(text)))
            }
        }
        let currency = table.required("currency")?.0 ?? "RUB"
        var priceListValidUntil: CivilDate?
        if let (text, row) = table.given("price_list_valid_until") {
            if let d = CivilDate.parse(Substring(text)) {
                priceListValidUntil = d
            } else {
                row.fail("value", Message("settings.not_a_date", .verbatim("price_list_valid_until"), .text(text)))
            }
        }
        return CatalogSettings(
            name: table.required("name")?.0 ?? "", currency: currency, timeZone: table.required("time_zone")?.0 ?? "",
            utcOffsetSeconds: offset, cutoffHour: table.integer("cutoff_hour", 0...24, 14),
            quoteValidityDays: table.integer("quote_validity_days", 0...365, 3),
            stockFreshnessHours: table.integer("stock_freshness_hours", 1...8760, 48), jointMM: table.integer("joint_mm", 0...50, 10),
            priceListValidUntil: priceListValidUntil)
    }

    /// `settings` with the optional settings read last: the crane and weekend surcharges, the seller, the
    /// follow-up days.
    static func settingsWithExtras(_ settings: CatalogSettings, _ table: SettingsTable) -> CatalogSettings {
        var craneSurcharge = Money.zero
        if let (text, row) = table.given("crane_surcharge") {
            if case .success(let m) = NumberText.parse(text, scale: 2, decimalComma: row.reader.table.decimalComma), m >= 0 {
                craneSurcharge = Money(kopecks: m)
            } else {
                row.fail("value", Message("settings.not_an_amount", .verbatim("crane_surcharge"), .text(text)))
            }
        }
        var weekendSurcharge = Rate(basisPoints: 0)
        if let (text, row) = table.given("weekend_surcharge_percent") {
            if case .success(let bp) = NumberText.parse(text, scale: 2, decimalComma: row.reader.table.decimalComma),
                (0...100_000).contains(bp)
            {
                weekendSurcharge = Rate(basisPoints: Int32(bp))
            } else {
                row.fail("value", Message("settings.not_a_percentage", .verbatim("weekend_surcharge_percent"), .text(text)))
            }
        }
        var settingsWithSurcharges = settings
        settingsWithSurcharges.craneSurcharge = craneSurcharge
        settingsWithSurcharges.weekendSurcharge = weekendSurcharge
        settingsWithSurcharges.seller = CatalogCompiler.seller(table.values.mapValues(\.0))
        if let (text, row) = table.given("follow_up_business_days") {
            if let days = Int(text), (1...60).contains(days) {
                settingsWithSurcharges.followUpBusinessDays = days
            } else {
                row.fail(
                    "value",
                    Message("settings.whole_number", .verbatim("follow_up_business_days"), .verbatim("1"), .verbatim("60"), .text(text)))
            }
        }
        return settingsWithSurcharges
    }
}
