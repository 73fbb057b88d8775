import QuoteCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a catalog database says about itself: which catalog a long-running front end is quoting
/// against (`GET /v1/catalog`), and until when its price list and holiday calendar hold.
public struct CatalogInfo: Sendable, Equatable {
    /// The database file quoted against.
    public var path: String
    public var name: String
    public var version: String
    public var currency: String
    public var timeZone: String
    public var utcOffsetSeconds: Int32
    /// When the database file was written (its modification time), in the catalog's offset.
    public var built: Moment?
    /// The last day the catalog's price list is valid (nil: no end date given).
    public var priceListValidUntil: CivilDate?
    /// The years the holiday calendar lists, first to last (nil: no holidays listed).
    public var calendarYears: ClosedRange<Int>?
    /// Whether the whole catalog is held in memory (else each request reads its rows from SQLite).
    public var inMemory: Bool
}

extension CatalogStore {
    /// This store's catalog: name, version, build time and validity.
    public func info(inMemory: Bool) -> CatalogInfo {
        let s = base.settings
        return CatalogInfo(
            path: path, name: s.name, version: base.version, currency: s.currency, timeZone: s.timeZone,
            utcOffsetSeconds: s.utcOffsetSeconds,
            built: FileIO.modificationTime(path).map { Moment(secondsSinceEpoch: $0, offsetSeconds: s.utcOffsetSeconds) },
            priceListValidUntil: s.priceListValidUntil, calendarYears: base.calendar.coveredYears, inMemory: inMemory)
    }
}

extension Moment {
    /// The current moment (wall clock) in the given offset: long-running front ends default `asOf` to it.
    public static func now(offsetSeconds: Int32) -> Moment {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Moment(secondsSinceEpoch: Int64(ts.tv_sec), offsetSeconds: offsetSeconds)
    }
}
