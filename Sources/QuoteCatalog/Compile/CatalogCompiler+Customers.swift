import QuoteCore

extension CatalogCompiler {
    /// Reads customers.csv: each customer once, a credit limit with credit days, an INN of 10 or 12 digits.
    static func readCustomers(_ b: Build) -> [CustomerID: Customer] {
        var customers: [CustomerID: Customer] = [:]
        for row in b.reader("customers.csv", ["id", "name", "group", "credit_days", "credit_limit", "balance"], optional: ["inn"]).rows {
            guard let id = row.text("id"), let name = row.text("name"), let group = row.text("group"),
                let days = row.integer("credit_days", range: 0...365)
            else { continue }
            let limit = row.money("credit_limit", required: false) ?? .zero
            let balance = row.money("balance", required: false) ?? .zero
            if customers[CustomerID(id)] != nil {
                row.fail("id", Message("duplicate.customer", .text(id)))
                continue
            }
            if days > 0 && limit.kopecks == 0 { row.fail("credit_limit", Message("customers.no_limit")) }
            let inn = row.optionalText("inn")
            if let inn, !(inn.count == 10 || inn.count == 12) || !inn.allSatisfy({ $0.isASCII && $0.isNumber }) {
                row.fail("inn", Message("customers.inn", .text(inn)))
            }
            customers[CustomerID(id)] = Customer(
                id: CustomerID(id), name: name, group: CustomerGroupID(group), creditDays: Int(days), creditLimit: limit, balance: balance,
                inn: inn)
        }
        return customers
    }
}
