/// Quote ids: derived from the catalog version, the request and `asOf`, so the same inputs give the
/// same id, and short enough to read over the phone ("Q-7K3M-9XPA": Crockford base 32, no I/L/O/U).
enum QuoteID {
    static func make(catalogVersion: String, request: QuoteRequest) -> String {
        var h = FNV1a()
        h.add(catalogVersion)
        for item in request.items {
            h.add(NameKey.normalize(item.product))
            h.add(item.quantity.decimalString)
            h.add(item.unit ?? "")
        }
        h.add(NameKey.normalize(request.city ?? ""))
        h.add(request.pickup ? "pickup" : "delivery")
        h.add(request.strategy.rawValue)
        h.add(request.customer ?? "")
        h.add(request.by?.description ?? "")
        h.add(request.asOf.description)
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var v = h.value
        var chars: [Character] = []
        for _ in 0..<8 {
            chars.append(alphabet[Int(v & 31)])
            v >>= 5
        }
        return "Q-" + String(chars[0..<4]) + "-" + String(chars[4..<8])
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
