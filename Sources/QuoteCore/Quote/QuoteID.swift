/// Quote ids: derived from the catalog version, the request and `asOf`, so the same inputs give the
/// same id, and short enough to read over the phone ("Q-7K3M-9XPA": Crockford base 32, no I/L/O/U).
enum QuoteID {
    /// Hashes what the request means, not how it was typed: each line's SKU, quantity and unit as
    /// resolved (so `brick` and `кирпич`, `5000` and `"5000" pcs` give the same id), the city, the
    /// options and `asOf`.
    static func make(catalogVersion: String, request: QuoteRequest, lines: [LineDraft], city: City?, customer: Customer?) -> String {
        var h = FNV1a()
        h.add(catalogVersion)
        for line in lines {
            h.add(line.product.sku.rawValue)
            h.add(line.requested.milli)
            h.add(line.unit.rawValue)
            if let wall = line.wall {
                h.add(wall.area.milli)
                h.add(wall.thickness?.milli ?? -1)
                h.add(wall.openings.milli)
                h.add(Int64(wall.jointMM ?? -1))
                h.add(wall.waste.milli)
            }
        }
        h.add(city?.id.rawValue ?? "")
        h.add(request.pickup ? 1 : 0)
        if let source = request.pickupSource { h.add(source) }
        h.add(request.crane ? 1 : 0)
        h.add(request.strategy.rawValue)
        h.add(customer?.id.rawValue ?? "")
        h.add(Int64(request.discount?.basisPoints ?? -1))
        h.add(Int64(request.by?.day ?? -1))
        h.add(request.asOf.secondsSinceEpoch)
        h.add(Int64(request.asOf.offsetSeconds))
        return spelled(h.value)
    }

    /// "Q-" and the hash's low 40 bits as two groups of four Crockford base-32 digits, least
    /// significant first; written as ASCII bytes (no `Character`s to break into graphemes).
    static func spelled(_ hash: UInt64) -> String {
        let alphabet: StaticString = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
        var v = hash
        return String(unsafeUninitializedCapacity: 11) { buffer in
            alphabet.withUTF8Buffer { digits in
                buffer[0] = UInt8(ascii: "Q")
                buffer[1] = UInt8(ascii: "-")
                buffer[6] = UInt8(ascii: "-")
                for i in 0..<8 {
                    buffer[i < 4 ? 2 + i : 3 + i] = digits[Int(v & 31)]
                    v >>= 5
                }
            }
            return 11
        }
    }
}

/// 64-bit FNV-1a: a small, stable, well-known hash (the same on every machine and every run, unlike
/// Swift's `Hasher`).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01B3
        }
    }
    /// Adds the eight bytes of `value`.
    public mutating func add(_ value: Int64) {
        var v = UInt64(bitPattern: value)
        for _ in 0..<8 {
            self.value ^= v & 0xFF
            self.value = self.value &* 0x0000_0100_0000_01B3
            v >>= 8
        }
    }

    /// Adds the string and a separator, so ("ab","c") and ("a","bc") differ.
    public mutating func add(_ text: String) {
        add(text.utf8)
        add(CollectionOfOne(0x1F))
    }
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
