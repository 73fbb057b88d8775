import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A response as the tests read it.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (nil if it is not one).
    var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }

    /// The `error.code` of a JSON error body.
    var errorCode: String? { (object?["error"] as? [String: Any])?["code"] as? String }
}

/// A minimal HTTP/1.1 client over a loopback socket: one request per connection (`Connection: close`).
/// Blocking, so it runs on a Dispatch thread, never on the Swift concurrency pool the server uses.
enum HTTPClient {
    static func request(
        port: Int, _ method: String, _ path: String, body: [UInt8] = [], headers: [String: String] = [:], rawHead: String? = nil
    ) async -> HTTPReply? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: blocking(port: port, method, path, body: body, headers: headers, rawHead: rawHead))
            }
        }
    }

    static func request(port: Int, _ method: String, _ path: String, json: String, headers: [String: String] = [:]) async -> HTTPReply? {
        await request(port: port, method, path, body: Array(json.utf8), headers: headers)
    }

    /// A TCP socket connected to 127.0.0.1:`port`, or nil; the caller closes it.
    static func connectLoopback(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    static func blocking(port: Int, _ method: String, _ path: String, body: [UInt8], headers: [String: String], rawHead: String?)
        -> HTTPReply?
    {
        guard let fd = connectLoopback(port: port) else { return nil }
        defer { close(fd) }
        // Generous: on a fully loaded test run a server has taken over 30 s to answer.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = rawHead ?? "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "\r\n"
        guard sendAll(fd, Array(head.utf8) + body) else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return parse(received)
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer (413) and close before reading everything: what it said still counts.
            if n <= 0 { return sent > 0 }
            sent += n
        }
        return true
    }

    /// Status line, headers (names lower-cased) and body (by Content-Length, or what is left; chunked decoded).
    static func parse(_ bytes: [UInt8]) -> HTTPReply? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...(max(0, bytes.count - 4))).first(where: { bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, statusLine.count >= 12, let status = Int(statusLine.dropFirst(9).prefix(3)) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        if let length = headers["content-length"].flatMap(Int.init), length <= body.count { body = Array(body[0..<length]) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard let lineEnd = (i..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                let size = Int(String(decoding: bytes[i..<lineEnd], as: UTF8.self), radix: 16), size > 0, lineEnd + 2 + size <= bytes.count
            else { break }
            out += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            i = lineEnd + 2 + size + 2
        }
        return out
    }
}
