import QuoteCore

extension CatalogCompiler {
    /// The company's details for the printable offer, from the optional settings `company_name`,
    /// `company_inn`, `company_address`, `company_phone` (empty or absent: not printed).
    static func seller(_ settings: [String: String]) -> Seller {
        func value(_ key: String) -> String? {
            guard let v = settings[key], !v.allSatisfy(\.isWhitespace) else { return nil }
            return v
        }
        return Seller(
            name: value("company_name"), inn: value("company_inn"), address: value("company_address"), phone: value("company_phone"))
    }
}
