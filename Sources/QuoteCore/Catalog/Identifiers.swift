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

public typealias SKU = Identifier<ProductTag>
public typealias SourceID = Identifier<SourceTag>
public typealias CityID = Identifier<CityTag>
public typealias VehicleID = Identifier<VehicleTag>
public typealias ZoneID = Identifier<ZoneTag>
