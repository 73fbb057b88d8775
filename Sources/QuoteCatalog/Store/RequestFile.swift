import QuoteCore

/// A file of JSON requests, one a line (JSON Lines, as `quote --jsonl` reads them): what `quote bench`
/// replays.
public enum RequestFile {
    /// The file's non-blank lines, each without its line end (a CR before the LF is dropped too).
    /// - Returns: `invalid_request` naming the file and why it cannot be read, or when it holds no request.
    public static func lines(_ path: String) -> Result<[[UInt8]], QuoteError> {
        let bytes: [UInt8]
        switch FileIO.readRegular(path) {
        case .success(let b): bytes = b
        case .failure(let why):
            return .failure(QuoteError(.invalidRequest, Message("requests.unreadable", .text(path), .message(why.text))))
        }
        var lines: [[UInt8]] = []
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var line = Array(raw)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            lines.append(line)
        }
        guard !lines.isEmpty else {
            return .failure(QuoteError(.emptyRequest, Message("requests.empty", .text(path))))
        }
        return .success(lines)
    }
}
