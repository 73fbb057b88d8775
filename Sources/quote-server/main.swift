import QuoteServer

#if canImport(Glibc)
import Glibc
#endif

/// The root of this source tree, for the bundled demo catalog (as `quote` finds it).
let sourceRoot: String = {
    var path = #filePath
    for _ in 0..<3 {
        if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
    }
    return path
}()

let status = await QuoteServerApp.main(arguments: Array(CommandLine.arguments.dropFirst()), sourceRoot: sourceRoot)
exit(status)
