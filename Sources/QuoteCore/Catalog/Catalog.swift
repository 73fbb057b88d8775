/// A catalog snapshot: everything the engine may consult to answer a request.
///
/// The engine never does I/O; it reads only this value. A snapshot may hold the whole catalog (the
/// benchmarks, the tests) or just the rows one request needs (the CLI loads those from SQLite), so
/// the engine treats a missing row as "not in the catalog".
public struct Catalog: Sendable {
    /// Content hash of the source files the catalog was built from: part of every quote id.
    public var version: String
    public var settings: CatalogSettings
    public var vat: VATSchedule
    public var calendar: BusinessCalendar
    public var products: [SKU: Product]
    /// Normalised name (see `NameKey`) → the products it names.
    public var productNames: [String: [ProductName]]
    public var sources: [SourceID: Source]
    /// Each product's offers, in a stable order (by source id).
    public var offers: [SKU: [StockOffer]]
    public var prices: [SKU: PriceList]
    public var cities: [CityID: City]
    /// Normalised name → city.
    public var cityNames: [String: CityID]
    /// Vehicle classes in a stable order (by id).
    public var vehicles: [Vehicle]
    public var routes: [RouteKey: Route]
    public var tariffs: TariffTable
    /// Product groups: the cap on manual discounts and the margin floor.
    public var productGroups: [ProductGroupID: ProductGroup] = [:]
    public var customers: [CustomerID: Customer] = [:]
    /// Discount of a customer group on a product group.
    public var discounts: [DiscountKey: Rate] = [:]
    /// What products' names say (`ProductProfile`), for the ones already read: a front end that looked a name
    /// up may leave them here; the engine reads the names itself for any product not in it.
    public var productProfiles: [SKU: ProductProfile] = [:]

    public init(
        version: String, settings: CatalogSettings, vat: VATSchedule, calendar: BusinessCalendar,
        products: [SKU: Product] = [:], productNames: [String: [ProductName]] = [:],
        sources: [SourceID: Source] = [:], offers: [SKU: [StockOffer]] = [:], prices: [SKU: PriceList] = [:],
        cities: [CityID: City] = [:], cityNames: [String: CityID] = [:], vehicles: [Vehicle] = [],
        routes: [RouteKey: Route] = [:], tariffs: [TariffKey: Tariff] = [:]
    ) {
        self.version = version
        self.settings = settings
        self.vat = vat
        self.calendar = calendar
        self.products = products
        self.productNames = productNames
        self.sources = sources
        self.offers = offers
        self.prices = prices
        self.cities = cities
        self.cityNames = cityNames
        self.vehicles = vehicles
        self.routes = routes
        self.tariffs = TariffTable(tariffs)
    }

    /// The tariff for one trip of `vehicle` from `zone` to `city`: the city's own row, else the zone's.
    /// (A quote's slots read a route's rows at once: `TariffTable.rows(zone:city:)`.)
    public func tariff(zone: ZoneID, city: CityID, vehicle: VehicleID) -> Tariff? {
        tariffs[TariffKey(zone: zone, city: city, vehicle: vehicle)]
            ?? tariffs[TariffKey(zone: zone, city: nil, vehicle: vehicle)]
    }
}

public struct CatalogSettings: Sendable {
    public var name: String
    public var currency: String
    public var timeZone: String
    public var utcOffsetSeconds: Int32
    public var cutoffHour: Int
    public var quoteValidityDays: Int
    public var stockFreshnessHours: Int
    public var jointMM: Int
    /// The last day the price list holds (nil: until replaced).
    public var priceListValidUntil: CivilDate?
    /// Added to each crane truck's trip when the customer needs unloading by crane.
    public var craneSurcharge: Money = .zero
    /// Added to a shipment's delivery price when it arrives on a Saturday or Sunday.
    public var weekendSurcharge: Rate = Rate(basisPoints: 0)
    /// The company making the offers (for the printable offer).
    public var seller: Seller = Seller()
    /// Business days after a saved quote is issued without an answer before `quote list --follow-up`
    /// lists it for a call.
    public var followUpBusinessDays: Int = 3

    public init(
        name: String, currency: String, timeZone: String, utcOffsetSeconds: Int32, cutoffHour: Int,
        quoteValidityDays: Int, stockFreshnessHours: Int, jointMM: Int, priceListValidUntil: CivilDate? = nil
    ) {
        self.priceListValidUntil = priceListValidUntil
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.utcOffsetSeconds = utcOffsetSeconds
        self.cutoffHour = cutoffHour
        self.quoteValidityDays = quoteValidityDays
        self.stockFreshnessHours = stockFreshnessHours
        self.jointMM = jointMM
    }
}

/// VAT rates with the dates they take effect.
public struct VATSchedule: Sendable {
    /// Sorted by date, earliest first.
    public private(set) var rates: [(from: CivilDate, rate: Rate)]

    public init(_ rates: [(from: CivilDate, rate: Rate)]) {
        self.rates = rates.sorted { $0.from < $1.from }
    }

    /// The rate in force on `date`, or nil before the first row.
    public func rate(on date: CivilDate) -> Rate? {
        rates.last { $0.from <= date }?.rate
    }
}

public enum ProductKind: String, Sendable, CaseIterable {
    /// A ceramic brick: a masonry unit with a mortar joint.
    case brick
    /// An aerated concrete block laid on thin-joint glue.
    case block
    /// A bag of cement or dry mix.
    case bag
    /// Loose goods sold by weight (sand, crushed stone), carried in tippers.
    case bulk
}

public enum SellingUnit: String, Sendable, CaseIterable {
    case pieces = "pcs"
    case bags = "bag"
    case tonnes = "t"
}

public struct Product: Sendable {
    public var sku: SKU
    public var name: String
    public var nameEn: String
    public var group: ProductGroupID
    public var kind: ProductKind
    public var unit: SellingUnit
    /// Length, width and height of one piece in mm (bricks and blocks).
    public var dimensionsMM: (length: Int, width: Int, height: Int)?
    /// Weight of one selling unit in grams (a tonne is 1 000 000).
    public var unitWeightGrams: Int64
    /// Selling units on one pallet; nil for bulk goods.
    public var perPallet: Quantity?
    /// The sold quantity is a multiple of this.
    public var saleMultiple: Quantity
    /// Bulk density in kg/m³, for goods ordered by volume.
    public var densityKgM3: Int?
    /// Deposit per returnable pallet.
    public var palletDeposit: Money
    /// The product's own mortar or glue joint in mm; nil: the catalog's (bricks) or none (glued blocks).
    public var jointMM: Int?
    /// Overrides of the computed masonry rates (see `Masonry`): pieces per m³ of masonry, and pieces per
    /// m² of wall (per half-brick layer for bricks).
    public var perM3Override: Quantity?
    public var perM2Override: Quantity?

    public init(
        sku: SKU, name: String, nameEn: String, group: ProductGroupID, kind: ProductKind, unit: SellingUnit,
        dimensionsMM: (length: Int, width: Int, height: Int)?, unitWeightGrams: Int64, perPallet: Quantity?,
        saleMultiple: Quantity, densityKgM3: Int?, palletDeposit: Money, jointMM: Int? = nil,
        perM3Override: Quantity? = nil, perM2Override: Quantity? = nil
    ) {
        self.jointMM = jointMM
        self.perM3Override = perM3Override
        self.perM2Override = perM2Override
        self.sku = sku
        self.name = name
        self.nameEn = nameEn
        self.group = group
        self.kind = kind
        self.unit = unit
        self.dimensionsMM = dimensionsMM
        self.unitWeightGrams = unitWeightGrams
        self.perPallet = perPallet
        self.saleMultiple = saleMultiple
        self.densityKgM3 = densityKgM3
        self.palletDeposit = palletDeposit
    }

    /// Pallets goods travel on: flatbeds for everything palletised, tippers for bulk.
    public var body: VehicleBody { kind == .bulk ? .tipper : .flatbed }
}

/// One product a name stands for; a family name (`brick`) stands for several, one the default.
public struct ProductName: Sendable, Hashable {
    public var sku: SKU
    public var isDefault: Bool
    /// The name as the catalog spells it, for did-you-mean lists.
    public var label: String

    public init(sku: SKU, isDefault: Bool, label: String) {
        self.sku = sku
        self.isDefault = isDefault
        self.label = label
    }

    /// The product a name means when it stands for several: the one marked default, else the first.
    public static func chosen(from names: [ProductName]) -> ProductName? {
        names.first(where: \.isDefault) ?? names.first
    }
}

public enum SourceKind: String, Sendable, CaseIterable {
    case warehouse, supplier
}

public struct Source: Sendable {
    public var id: SourceID
    public var name: String
    public var kind: SourceKind
    public var zone: ZoneID
    public var city: CityID
    public var leadDays: Int
    public var stockAsOf: Moment
    /// Whether customers may collect from it (`pickup` in sources.csv; warehouses by default).
    public var allowsPickup: Bool
    /// The name the customer sees ("склад в Химках", "с завода-изготовителя"; `public_name` in sources.csv);
    /// nil: a neutral name by kind. A supplier's own name is for the manager only.
    public var publicName: String? = nil

    public init(
        id: SourceID, name: String, kind: SourceKind, zone: ZoneID, city: CityID, leadDays: Int, stockAsOf: Moment,
        allowsPickup: Bool? = nil
    ) {
        self.allowsPickup = allowsPickup ?? (kind == .warehouse)
        self.id = id
        self.name = name
        self.kind = kind
        self.zone = zone
        self.city = city
        self.leadDays = leadDays
        self.stockAsOf = stockAsOf
    }
}

/// What one source has of one product.
public struct StockOffer: Sendable {
    public var source: SourceID
    public var sku: SKU
    public var stock: Quantity
    /// Purchase cost per selling unit; never shown to customers.
    public var cost: Money
    public var minOrder: Quantity
    public var orderMultiple: Quantity

    public init(source: SourceID, sku: SKU, stock: Quantity, cost: Money, minOrder: Quantity, orderMultiple: Quantity) {
        self.source = source
        self.sku = sku
        self.stock = stock
        self.cost = cost
        self.minOrder = minOrder
        self.orderMultiple = orderMultiple
    }

    /// Whether this source can supply exactly `quantity`.
    public func canSupply(_ quantity: Quantity) -> Bool {
        quantity <= stock && quantity >= minOrder
            && (orderMultiple.milli <= 0 || quantity.milli % orderMultiple.milli == 0)
    }
}

public struct PriceTier: Sendable, Hashable {
    public var minQuantity: Quantity
    public var price: UnitPrice
    public init(minQuantity: Quantity, price: UnitPrice) {
        self.minQuantity = minQuantity
        self.price = price
    }
    /// A tier priced in whole kopecks per unit.
    public init(minQuantity: Quantity, price: Money) {
        self.init(minQuantity: minQuantity, price: UnitPrice(price))
    }
}

/// A product's list prices: the base tiers and regional lists that replace them.
public struct PriceList: Sendable {
    /// Sorted by `minQuantity`.
    public var base: [PriceTier]
    public var regional: [RegionID: [PriceTier]]

    public init(base: [PriceTier], regional: [RegionID: [PriceTier]] = [:]) {
        self.base = base.sorted { $0.minQuantity < $1.minQuantity }
        self.regional = regional.mapValues { $0.sorted { $0.minQuantity < $1.minQuantity } }
    }

    /// The tiers that apply in `region`: its own list if it has one, else the base list.
    public func tiers(region: RegionID?) -> (tiers: [PriceTier], region: RegionID?) {
        if let region, let own = regional[region], !own.isEmpty { return (own, region) }
        return (base, nil)
    }
}

public struct City: Sendable {
    public var id: CityID
    public var name: String
    public var aliases: [String]
    public var region: RegionID
    public var deliveryDays: WeekdaySet

    public init(id: CityID, name: String, aliases: [String], region: RegionID, deliveryDays: WeekdaySet) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.region = region
        self.deliveryDays = deliveryDays
    }
}

public enum VehicleBody: String, Sendable, CaseIterable {
    case flatbed, tipper
}

public struct Vehicle: Sendable {
    public var id: VehicleID
    public var name: String
    public var body: VehicleBody
    public var payloadKg: Int64
    public var palletPlaces: Int64
    public var crane: Bool

    public init(id: VehicleID, name: String, body: VehicleBody, payloadKg: Int64, palletPlaces: Int64, crane: Bool) {
        self.id = id
        self.name = name
        self.body = body
        self.payloadKg = payloadKg
        self.palletPlaces = palletPlaces
        self.crane = crane
    }
}

public struct RouteKey: Hashable, Sendable {
    public var zone: ZoneID
    public var city: CityID
    public init(zone: ZoneID, city: CityID) {
        self.zone = zone
        self.city = city
    }
}

public struct Route: Sendable {
    public var zone: ZoneID
    public var city: CityID
    public var distanceKm: Int64
    public var transitDays: Int

    public init(zone: ZoneID, city: CityID, distanceKm: Int64, transitDays: Int) {
        self.zone = zone
        self.city = city
        self.distanceKm = distanceKm
        self.transitDays = transitDays
    }
}

public struct TariffKey: Hashable, Sendable {
    public var zone: ZoneID
    /// nil: the zone's rule for every city.
    public var city: CityID?
    public var vehicle: VehicleID
    public init(zone: ZoneID, city: CityID?, vehicle: VehicleID) {
        self.zone = zone
        self.city = city
        self.vehicle = vehicle
    }
}

/// The price of one trip: `base + perKm × max(0, distance − includedKm)`, at least `minCharge`.
public struct Tariff: Sendable {
    public var key: TariffKey
    public var basePrice: Money
    public var includedKm: Int64
    public var perKm: Money
    public var minCharge: Money

    public init(key: TariffKey, basePrice: Money, includedKm: Int64, perKm: Money, minCharge: Money) {
        self.key = key
        self.basePrice = basePrice
        self.includedKm = includedKm
        self.perKm = perKm
        self.minCharge = minCharge
    }
}

/// A product group's commercial limits.
public struct ProductGroup: Sendable {
    public var id: ProductGroupID
    public var name: String
    /// The largest manual discount a manager may give on it.
    public var maxDiscount: Rate
    /// Below this margin a line is flagged in the internal view.
    public var minMargin: Rate

    public init(id: ProductGroupID, name: String, maxDiscount: Rate, minMargin: Rate) {
        self.id = id
        self.name = name
        self.maxDiscount = maxDiscount
        self.minMargin = minMargin
    }
}

public struct Customer: Sendable {
    public var id: CustomerID
    public var name: String
    public var group: CustomerGroupID
    /// Days of credit after delivery; 0: prepayment.
    public var creditDays: Int
    public var creditLimit: Money
    /// What the customer owes now.
    public var balance: Money
    /// The taxpayer number (ИНН): 10 digits for a company, 12 for a sole trader.
    public var inn: String?

    public init(
        id: CustomerID, name: String, group: CustomerGroupID, creditDays: Int, creditLimit: Money, balance: Money, inn: String? = nil
    ) {
        self.inn = inn
        self.id = id
        self.name = name
        self.group = group
        self.creditDays = creditDays
        self.creditLimit = creditLimit
        self.balance = balance
    }
}

public struct DiscountKey: Hashable, Sendable {
    public var customerGroup: CustomerGroupID
    public var productGroup: ProductGroupID
    public init(customerGroup: CustomerGroupID, productGroup: ProductGroupID) {
        self.customerGroup = customerGroup
        self.productGroup = productGroup
    }
}
