/// The compiled catalog's SQLite schema. `version` changes whenever the layout does; a database of
/// another version is refused with a message to rebuild it.
///
/// Every table's last column, `h`, is its row's checksum (`RowChecksum`); `meta.content_checksum` is the sum
/// (modulo 2^64) of the checksums of every row of every other table, and `products.rows_h` the sum of those of
/// the product's stock and price rows. Versions 5 and 6 added them. Version 8 added `sources.public_name` (what the
/// customer is told about a source; empty: a neutral name by kind) and the company's details in `meta`.
enum CatalogSchema {
    static let version = 8

    static let tables = [
        "meta", "vat", "holidays", "products", "product_names", "sources", "stock", "prices", "cities", "city_names",
        "vehicles", "routes", "tariffs", "product_groups", "customers", "discounts",
    ]

    /// Created once the rows are in (one sort instead of an index kept up row by row): an import finds a
    /// source's rows by it. A database built before it had it is still read, its imports scan `stock`.
    static let indexes = """
        CREATE INDEX IF NOT EXISTS stock_by_source ON stock(source);
        """

    static let create = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE vat(effective_from INTEGER PRIMARY KEY, rate_bp INTEGER NOT NULL, h INTEGER NOT NULL);
        CREATE TABLE holidays(day INTEGER PRIMARY KEY, working INTEGER NOT NULL, h INTEGER NOT NULL);
        CREATE TABLE products(
            sku TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL, kind TEXT NOT NULL,
            unit TEXT NOT NULL, length_mm INTEGER, width_mm INTEGER, height_mm INTEGER, weight_g INTEGER NOT NULL,
            per_pallet INTEGER, sale_multiple INTEGER NOT NULL, density INTEGER, deposit INTEGER NOT NULL,
            joint_mm INTEGER, per_m3 INTEGER, per_m2 INTEGER, rows_h INTEGER NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE product_names(
            key TEXT NOT NULL, sku TEXT NOT NULL, is_default INTEGER NOT NULL, label TEXT NOT NULL, h INTEGER NOT NULL,
            PRIMARY KEY(key, sku)) WITHOUT ROWID;
        CREATE TABLE sources(
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, zone TEXT NOT NULL, city TEXT NOT NULL,
            lead_days INTEGER NOT NULL, stock_as_of INTEGER NOT NULL, stock_as_of_offset INTEGER NOT NULL,
            pickup INTEGER NOT NULL, public_name TEXT NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE stock(
            sku TEXT NOT NULL, source TEXT NOT NULL, stock INTEGER NOT NULL, cost INTEGER NOT NULL,
            min_order INTEGER NOT NULL, order_multiple INTEGER NOT NULL, h INTEGER NOT NULL, PRIMARY KEY(sku, source)) WITHOUT ROWID;
        CREATE TABLE prices(
            sku TEXT NOT NULL, region TEXT NOT NULL, min_qty INTEGER NOT NULL, price INTEGER NOT NULL, per INTEGER NOT NULL,
            decimals INTEGER NOT NULL, h INTEGER NOT NULL,
            PRIMARY KEY(sku, region, min_qty)) WITHOUT ROWID;
        CREATE TABLE cities(
            id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL, region TEXT NOT NULL,
            delivery_mask INTEGER NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE city_names(key TEXT PRIMARY KEY, city TEXT NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE vehicles(
            id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL, payload_kg INTEGER NOT NULL,
            pallet_places INTEGER NOT NULL, crane INTEGER NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE routes(
            city TEXT NOT NULL, zone TEXT NOT NULL, distance_km INTEGER NOT NULL, transit_days INTEGER NOT NULL, h INTEGER NOT NULL,
            PRIMARY KEY(city, zone)) WITHOUT ROWID;
        CREATE TABLE tariffs(
            zone TEXT NOT NULL, city TEXT NOT NULL, vehicle TEXT NOT NULL, base_price INTEGER NOT NULL,
            included_km INTEGER NOT NULL, per_km INTEGER NOT NULL, min_charge INTEGER NOT NULL, h INTEGER NOT NULL,
            PRIMARY KEY(zone, city, vehicle)) WITHOUT ROWID;
        CREATE TABLE product_groups(
            id TEXT PRIMARY KEY, name TEXT NOT NULL, max_discount_bp INTEGER NOT NULL, min_margin_bp INTEGER NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE customers(
            id TEXT PRIMARY KEY, name TEXT NOT NULL, grp TEXT NOT NULL, credit_days INTEGER NOT NULL,
            credit_limit INTEGER NOT NULL, balance INTEGER NOT NULL, inn TEXT NOT NULL, h INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE discounts(
            customer_group TEXT NOT NULL, product_group TEXT NOT NULL, rate_bp INTEGER NOT NULL, h INTEGER NOT NULL,
            PRIMARY KEY(customer_group, product_group)) WITHOUT ROWID;
        """
}
