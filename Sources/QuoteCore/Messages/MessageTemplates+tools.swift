/// The templates of the tools around the engine — the catalog's (`+catalog-en`, `+catalog-ru`) and the
/// services' (`+service-en`, `+service-ru`) — as one table per language, looked up after the engine's.
extension MessageTemplates {
    public static let toolsEN: [MessageKey: String] = catalogEN.merging(serviceEN) { first, _ in first }
    public static let toolsRU: [MessageKey: String] = catalogRU.merging(serviceRU) { first, _ in first }
}
