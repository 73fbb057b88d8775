/// Decoding a request that has already been parsed (an element of a batch), and the UTF-8 byte-order
/// mark that every JSON front end accepts.
extension JSONRequest {
    /// Decodes one parsed request, as `decode(_:now:offsetSeconds:)` does after parsing: the same checks,
    /// the same errors, the request's `id` with them.
    public static func decode(value: JSONValue, now: Moment, offsetSeconds: Int32) -> Result<JSONRequest, RequestFailure> {
        var id: JSONValue?
        var language: Language?
        if case .object(let members) = value {
            id = members.first { $0.key == "id" }?.value
            if case .string(let code)? = members.first(where: { $0.key == "lang" })?.value { language = Language(rawValue: code) }
        }
        do {
            return .success(try decode(value, now: now, offsetSeconds: offsetSeconds))
        } catch {
            return .failure(RequestFailure(error: error, id: id, language: language ?? .en))
        }
    }

    /// Whether `bytes` start with the UTF-8 byte-order mark EF BB BF.
    public static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}
