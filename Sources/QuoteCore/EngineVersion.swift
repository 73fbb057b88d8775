/// The engine's version: printed by `quote --version`, sent as `engineVersion` in every JSON
/// response, and the heading of its section in CHANGELOG.md (a test keeps the three the same).
public enum EngineVersion {
    public static let current = "0.3.0"
}
