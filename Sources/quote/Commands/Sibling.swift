#if canImport(Glibc)
import Glibc
#endif

/// The executables installed beside `quote` (`quote-server`, `quote-bench`), which it hands over to so
/// that what they link (Hummingbird, a malloc interposer) never weighs on a quote's start-up.
enum Sibling {
    /// `name` in the folder of the running `quote` (its real path, links resolved).
    static func path(_ name: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        var executable =
            n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments.first ?? "quote"
        if let slash = executable.lastIndex(of: "/") {
            executable = String(executable[...slash])
        } else {
            executable = "./"
        }
        return executable + name
    }

    /// Replaces this process with `executable` and `arguments`, with `environment` added to its own;
    /// returns only when that fails.
    static func exec(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) {
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) }
        argv.append(nil)
        for (key, value) in environment { setenv(key, value, 1) }
        execv(executable, argv)
    }
}
