/// The language an answer is rendered in: messages, labels, numbers, dates.
public enum Language: String, Sendable, CaseIterable {
    case en, ru
}
