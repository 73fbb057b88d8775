/// A catalog table's file names: `stock.csv`, or the workbook `stock.xlsx` in its place.
enum CatalogFileName {
    /// `stock.xlsx` → `stock.csv`; any other name as it is.
    static func csv(_ name: String) -> String {
        name.lowercased().hasSuffix(".xlsx") ? String(name.dropLast(5)) + ".csv" : name
    }

    /// `stock.csv` → `stock.xlsx`.
    static func workbook(_ name: String) -> String {
        name.hasSuffix(".csv") ? String(name.dropLast(4)) + ".xlsx" : name
    }

    /// Whether `name` is a spreadsheet program's lock or owner file, left beside a workbook while it is open
    /// (`~$stock.xlsx` from Excel, `.~lock.stock.xlsx#` from LibreOffice): never a table.
    static func isLockFile(_ name: String) -> Bool { name.hasPrefix("~$") || name.hasPrefix(".~lock.") }
}
