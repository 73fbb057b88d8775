/// The company that makes the offer, as a commercial offer names it: from the catalog's settings
/// (`company_name`, `company_inn`, `company_address`, `company_phone`); nil where not set.
public struct Seller: Sendable, Equatable {
    public var name: String?
    public var inn: String?
    public var address: String?
    public var phone: String?

    public init(name: String? = nil, inn: String? = nil, address: String? = nil, phone: String? = nil) {
        self.name = name
        self.inn = inn
        self.address = address
        self.phone = phone
    }

    /// The settings keys, in the order a document lists them.
    public static let settingKeys = ["company_name", "company_inn", "company_address", "company_phone"]
}
