/// Every way to split one line over its offers: whole units (pallets, or tonnes for bulk) shared
/// out, the leftover part unit going whole to one source, each part a quantity its source can supply.
///
/// Single sources come first, then pairs, then triples (each in source order), while within the
/// budgets of `SourcingContext`; past them the splits found so far are kept and `truncated` is set.
struct LineSplitter {
    typealias Split = [(offer: Int, quantity: Quantity)]

    let offers: [StockOffer]
    /// The split unit and how many whole ones the line holds, and the part unit left over.
    let unit: Quantity
    let units: Int64
    let rest: Quantity
    /// Whether a combination of offers (indices, two or more) can be left out unexplored because a
    /// single source is sure to beat it.
    let skip: ([Int]) -> Bool

    private(set) var splits: [Split] = []
    private(set) var truncated = false
    private var steps = 0

    init(sold: Quantity, unit: Quantity, offers: [StockOffer], skip: @escaping ([Int]) -> Bool) {
        self.offers = offers
        self.unit = unit
        self.units = sold.milli / unit.milli
        self.rest = Quantity(milli: sold.milli - units * unit.milli)
        self.skip = skip
    }

    /// Enumerates the splits: combinations of one, two and three offers, each shared out.
    mutating func run() {
        let n = offers.count
        guard n > 0 else { return }
        for size in 1...min(SourcingContext.maximumParts, n) {
            var combination = Array(0..<size)
            repeat {
                if size == 1 || !skip(combination) { share(over: combination) }
                if truncated { return }
            } while Self.advance(&combination, n: n)
        }
    }

    /// The next combination of `combination.count` indices out of `n`, in lexicographic order; false
    /// after the last.
    static func advance(_ combination: inout [Int], n: Int) -> Bool {
        let size = combination.count
        var i = size - 1
        while i >= 0 && combination[i] == n - size + i { i -= 1 }
        if i < 0 { return false }
        combination[i] += 1
        for j in (i + 1)..<size { combination[j] = combination[j - 1] + 1 }
        return true
    }

    /// Shares the whole units over the chosen offers, each ≥ 0 (a part of 0 units is allowed only if
    /// it takes the leftover), and the leftover to one of them.
    private mutating func share(over combination: [Int]) {
        if combination.count == 1 {
            // One offer takes it all: the one split the enumeration below makes, without its arrays.
            steps += 1
            if steps > SourcingContext.enumerationBudget {
                truncated = true
                return
            }
            if units <= offers[combination[0]].stock.milli / unit.milli + 1 { emit(combination, [units]) }
            return
        }
        // The most whole units each chosen offer can take, and what the offers from each one on can
        // take together, so the enumeration never wanders past stock.
        let most = combination.map { offers[$0].stock.milli / unit.milli }
        var suffixMost = [Int64](repeating: 0, count: combination.count + 1)
        for j in stride(from: combination.count - 1, through: 0, by: -1) { suffixMost[j] = suffixMost[j + 1] + most[j] }
        var counts = [Int64](repeating: 0, count: combination.count)
        distribute(0, units, combination, most, suffixMost, &counts)
    }

    private mutating func distribute(
        _ k: Int, _ left: Int64, _ combination: [Int], _ most: [Int64], _ suffixMost: [Int64], _ counts: inout [Int64]
    ) {
        if truncated { return }
        steps += 1
        if steps > SourcingContext.enumerationBudget {
            truncated = true
            return
        }
        // What is left must fit in the remaining offers' stock (one part unit of slack for the rest).
        if left > suffixMost[k] + 1 { return }
        if k == combination.count - 1 {
            counts[k] = left
            emit(combination, counts)
            return
        }
        // At least what the later offers cannot take, at most what this one can.
        var c = max(0, left - suffixMost[k + 1] - 1)
        while c <= min(left, most[k] + 1) {
            counts[k] = c
            distribute(k + 1, left - c, combination, most, suffixMost, &counts)
            c += 1
        }
    }

    /// Records the split of these whole-unit counts, once for each offer that could take the leftover.
    private mutating func emit(_ combination: [Int], _ counts: [Int64]) {
        // Each chosen offer in turn takes the leftover; with none left over, one split (holder -1).
        let holders = rest.milli > 0 ? 0..<combination.count : -1..<0
        for restHolder in holders {
            guard let split = parts(combination, counts, restHolder: restHolder) else { continue }
            if splits.count >= SourcingContext.allocationBudget {
                truncated = true
                return
            }
            splits.append(split)
        }
    }

    /// The parts of one split, or nil when some part is empty or more than its source can supply.
    private func parts(_ combination: [Int], _ counts: [Int64], restHolder: Int) -> Split? {
        var parts: Split = []
        for j in 0..<combination.count {
            let q = Quantity(milli: counts[j] * unit.milli + (j == restHolder ? rest.milli : 0))
            if q.milli == 0 || !offers[combination[j]].canSupply(q) { return nil }
            parts.append((combination[j], q))
        }
        return parts
    }

    /// When no split supplies the whole line (not enough anywhere, or no quantities fit the sources'
    /// steps): what each source can supply, largest stock first, up to what was asked, and how much
    /// that is.
    static func partialSupply(of line: LineDraft, offers: [StockOffer]) -> (split: Split, supplied: Quantity) {
        var parts: Split = []
        var left = line.sold.milli
        for (i, offer) in offers.enumerated().sorted(by: { $0.element.stock > $1.element.stock }) where left > 0 {
            var q = min(offer.stock.milli, left)
            if offer.orderMultiple.milli > 0 { q -= q % offer.orderMultiple.milli }
            if line.product.unit != .tonnes { q -= q % Quantity.scaleFactor }
            guard q > 0, offer.canSupply(Quantity(milli: q)) else { continue }
            parts.append((i, Quantity(milli: q)))
            left -= q
        }
        return (parts.sorted { $0.offer < $1.offer }, Quantity(milli: line.sold.milli - left))
    }
}
