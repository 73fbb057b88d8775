import GRDB
import SavedQuotes

/// The saved-quotes schema, as migrations from the first version on: a database written by any
/// version is brought up to this one when it is opened. Their identifiers are `SavedQuoteTable.migrations`,
/// which `quote --save` checks before it writes a row itself.
enum QuoteStoreMigrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration(SavedQuoteTable.migrations[0]) { db in
            try db.create(table: "quote") { t in
                t.primaryKey("quoteId", .text)
                t.column("savedAt", .integer).notNull().indexed()
                t.column("savedOffset", .integer).notNull()
                t.column("manager", .text).indexed()
                t.column("catalogName", .text).notNull()
                t.column("catalogVersion", .text).notNull()
                t.column("customerId", .text).indexed()
                t.column("customerName", .text)
                t.column("city", .text)
                t.column("asOf", .integer).notNull().indexed()
                t.column("asOfOffset", .integer).notNull()
                t.column("validUntil", .integer).notNull().indexed()
                t.column("validOffset", .integer).notNull()
                t.column("deliveryDay", .integer).notNull()
                t.column("currency", .text).notNull()
                t.column("gross", .text).notNull()
                t.column("request", .text).notNull()
                t.column("response", .text).notNull()
                t.column("form", .text).notNull()
                t.column("status", .text).indexed()
                t.column("statusReason", .text)
                t.column("statusOrder", .text)
                t.column("statusManager", .text)
                t.column("statusAt", .integer)
                t.column("statusOffset", .integer)
            }
            try db.create(table: "quoteEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("quoteId", .text).notNull().indexed().references("quote", onDelete: .cascade)
                t.column("outcome", .text).notNull()
                t.column("reason", .text)
                t.column("orderNumber", .text)
                t.column("manager", .text)
                t.column("at", .integer).notNull()
                t.column("atOffset", .integer).notNull()
            }
        }
        return m
    }
}
