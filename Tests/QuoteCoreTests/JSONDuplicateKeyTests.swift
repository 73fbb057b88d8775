import Foundation
import Testing

@testable import QuoteCore

/// The JSON reader's duplicate-key check costs linear time (issue 12, item 8). It compared each new key with
/// every key before it: a 1 MiB object of 101,679 short keys ("k0" … "k18d2e") took about 5.2 × 10^9 string
/// comparisons (n²/2) — 79 s for 40,000 keys in a debug build, growing fourfold per doubling. Now a set past
/// 16 members: the 1 MiB object parses in well under a second (0.34 s through the whole debug binary).
@Suite struct JSONDuplicateKeyTests {
    /// `{"k0":0,"k1":0,…}` with `count` keys (hexadecimal), plus `extra` members at the end.
    private func object(_ count: Int, extra: String = "") -> [UInt8] {
        var s = "{"
        for i in 0..<count { s += (i == 0 ? "" : ",") + "\"k\(String(i, radix: 16))\":0" }
        return Array((s + extra + "}").utf8)
    }

    @Test func aMebibyteOfShortKeysParsesInLinearTime() throws {
        let bytes = object(101_679)
        #expect(bytes.count <= 1 << 20)  // what a request line may be
        let clock = ContinuousClock()
        let start = clock.now
        guard case .success(.object(let members)) = JSONParser.parse(bytes) else {
            Issue.record("not parsed")
            return
        }
        let elapsed = clock.now - start
        #expect(members.count == 101_679)
        // Quadratic, this took minutes; linear, a fraction of a second even unoptimised. 10 s leaves room for a
        // loaded machine and is still far below the quadratic cost.
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }

    @Test(arguments: [2, 15, 16, 17, 1_000, 100_000])
    func aRepeatedKeyIsFoundAtAnySize(count: Int) throws {
        // "k0" again as the last member: in the scanned part (fewer than 16 members) or past it (in the set).
        let result = JSONParser.parse(object(count, extra: ",\"k0\":1"))
        guard case .failure(let failure) = result else {
            Issue.record("a repeated key was accepted in an object of \(count + 1) members")
            return
        }
        #expect(failure.message.contains("the member \u{201C}k0\u{201D} appears twice"), "\(failure.message)")
    }

    @Test func distinctKeysAreNotRepeatsAtAnySize() throws {
        // 17 keys crosses the scan limit: none is reported.
        guard case .success(.object(let members)) = JSONParser.parse(object(17)) else {
            Issue.record("17 distinct keys refused")
            return
        }
        #expect(members.map(\.key).last == "k10")  // 16 in hexadecimal
    }
}
