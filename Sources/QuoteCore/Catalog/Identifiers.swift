/// A string identifier tagged with what it identifies, so a SKU is never passed where a city is
/// expected.
public struct Identifier<Tag>: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum ProductTag {}
public enum SourceTag {}
public enum CityTag {}
public enum VehicleTag {}
public enum ZoneTag {}
public enum RegionTag {}
public enum ProductGroupTag {}
public enum CustomerTag {}
public enum CustomerGroupTag {}

public typealias SKU = Identifier<ProductTag>
public typealias SourceID = Identifier<SourceTag>
public typealias CityID = Identifier<CityTag>
public typealias VehicleID = Identifier<VehicleTag>
public typealias ZoneID = Identifier<ZoneTag>
/// A price region: cities that share a regional price list.
public typealias RegionID = Identifier<RegionTag>
public typealias ProductGroupID = Identifier<ProductGroupTag>
public typealias CustomerID = Identifier<CustomerTag>
/// A customer group: the customers that share the discounts of `DiscountKey`.
public typealias CustomerGroupID = Identifier<CustomerGroupTag>
