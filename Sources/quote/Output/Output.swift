import QuoteCore

#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error, written through the C library's buffered streams.
enum Output {
    // The process's own streams, opened once; only the main thread writes to them.
    nonisolated(unsafe) private static let out = fdopen(1, "w")
    nonisolated(unsafe) private static let err = fdopen(2, "w")

    static func write(_ text: String) {
        fputs(text, out)
    }

    static func error(_ text: String) {
        fflush(out)
        fputs(text + "\n", err)
        fflush(err)
    }

    static func flush() {
        fflush(out)
    }

    /// Flushes stdout; false once the reader has gone away (EPIPE) or the write failed.
    static func flushSucceeded() -> Bool {
        fflush(out) == 0 && ferror(out) == 0
    }

    /// Whether the user's locale is Russian (LC_ALL, else LC_MESSAGES, else LANG starts with "ru").
    static var localeIsRussian: Bool {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = getenv(name), v.pointee != 0 { return String(cString: v).hasPrefix("ru") }
        }
        return false
    }

    /// The width to fit the table to: `COLUMNS` when set to a number, else the terminal's width when
    /// stdout is one (TIOCGWINSZ), else 100.
    static var terminalWidth: Int {
        if let v = getenv("COLUMNS"), let n = Int(String(cString: v)), n > 0 { return n }
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    /// The current moment (wall clock): only the CLI reads it, to default `--as-of` to now.
    static func now(offsetSeconds: Int32) -> Moment {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Moment(secondsSinceEpoch: Int64(ts.tv_sec), offsetSeconds: offsetSeconds)
    }
}
