import QuoteCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// read(2), under a name `FileIO.read` does not shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }

/// The few file operations the catalog needs, on the C library (no Foundation: it costs the CLI
/// several milliseconds of start-up).
enum FileIO {
    /// The largest file a catalog reads (a CSV table or an import file): the 100,000-SKU catalog's largest
    /// table is about 15 MB.
    static let maximumFileBytes = 256 << 20

    /// Why a file was not read.
    enum ReadFailure: Error, CustomStringConvertible {
        case missing
        case notRegular(String)
        case tooLarge(Int64)
        case unreadable(String)

        /// Why, as data: rendered in the reader's language.
        var text: Message {
            switch self {
            case .missing: return Message("file.missing")
            case .notRegular(let kind): return Message("file.not_regular", .fileKind(kind))
            case .tooLarge(let size): return Message("file.too_large", .whole(size), .verbatim(String(FileIO.maximumFileBytes >> 20)))
            case .unreadable(let reason): return Message("file.unreadable", .verbatim(reason))
            }
        }

        var description: String {
            switch self {
            case .missing: return "there is no such file"
            case .notRegular(let kind): return "it is \(kind), not a regular file: only regular files are read"
            case .tooLarge(let size):
                return "it is \(size) bytes, more than the \(FileIO.maximumFileBytes >> 20) MiB a catalog file may have"
            case .unreadable(let reason): return "it cannot be read (\(reason))"
            }
        }
    }

    /// The whole file, or nil if it cannot be read (see `readRegular`).
    static func read(_ path: String) -> [UInt8]? { try? readRegular(path).get() }

    /// The whole of a regular file of at most `limit` bytes. A FIFO, a device (`/dev/zero`, `/dev/urandom`), a
    /// socket or a directory is refused without reading (opened non-blocking, so a FIFO with no writer does not
    /// hang the open), and a file that grows past `limit` while it is read is refused too.
    static func readRegular(_ path: String, limit: Int = maximumFileBytes) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular(kind(st.st_mode))) }
        guard Int64(st.st_size) <= Int64(limit) else { return .failure(.tooLarge(Int64(st.st_size))) }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, 65_536) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
            if out.count > limit { return .failure(.tooLarge(Int64(out.count))) }
        }
        return .success(out)
    }

    /// What a file that is not regular is, for messages.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "a special file"
        }
    }

    /// What is at `path` when it is not a regular file (nil: a regular file, or nothing there). Follows links.
    static func nonRegularKind(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFREG ? nil : kind(st.st_mode)
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// What is at `path` itself (a link is not followed): nil if nothing, "" for a regular file, else what it is.
    static func entryKind(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return ""
        case S_IFLNK: return "a symbolic link"
        default: return kind(st.st_mode)
        }
    }

    /// The first `count` bytes of a regular file (fewer if it is shorter), or nil.
    static func prefix(_ path: String, _ count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        let n = out.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, count) }
        return n < 0 ? nil : Array(out.prefix(n))
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Device and inode: changes when a file is replaced by a rename.
    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    static func size(_ path: String) -> Int64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int64(st.st_size)
    }

    /// What changes when a file is written or replaced: size, modification time to the nanosecond, inode, device.
    static func signature(_ path: String) -> [Int64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [
            Int64(st.st_size), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec), Int64(bitPattern: UInt64(st.st_ino)),
            Int64(bitPattern: UInt64(st.st_dev)),
        ]
    }

    /// The path with links and `..` resolved, or nil.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// Owner and permission bits of `path` itself (a link is not followed), and whether it is a regular file / folder.
    static func ownership(_ path: String) -> (owner: UInt32, mode: UInt32, regular: Bool, directory: Bool)? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        let type = st.st_mode & S_IFMT
        return (UInt32(st.st_uid), UInt32(st.st_mode & 0o7777), type == S_IFREG, type == S_IFDIR)
    }

    static var effectiveUser: UInt32 { UInt32(geteuid()) }

    /// Creates a folder with `mode` (an existing one is left as it is); false if it cannot.
    static func makeDirectory(_ path: String, mode: UInt32) -> Bool { mkdir(path, mode_t(mode)) == 0 || errno == EEXIST }

    static func modificationTime(_ path: String) -> Int64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int64(st.st_mtim.tv_sec)
    }

    /// Names of the entries of a directory, sorted.
    static func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Flushes a file's contents to disk.
    static func sync(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Atomically replaces `to` with `from` (same filesystem), then makes the rename durable.
    static func replace(_ from: String, with to: String) -> Bool {
        guard rename(from, to) == 0 else { return false }
        sync(directory(of: to))
        return true
    }

    static func remove(_ path: String) { unlink(path) }

    /// Renames `from` over `to` (same folder), without syncing.
    static func move(_ from: String, to: String) -> Bool { rename(from, to) == 0 }

    /// Writes `bytes` to `path` (created or truncated) and flushes it to disk.
    static func writeFlushed(_ bytes: [UInt8], to path: String) -> Bool {
        remove(path)
        guard let f = fopen(path, "wb") else { return false }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let ok = written == bytes.count && fflush(f) == 0 && fsync(fileno(f)) == 0
        return fclose(f) == 0 && ok
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static var processID: Int32 { getpid() }

    static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    static func makeDirectory(_ path: String) -> Bool { mkdir(path, 0o755) == 0 || isDirectory(path) }

    /// Writes `bytes` to `path` atomically: into `path.tmp-<pid>` beside it, flushed to disk, then renamed
    /// over `path`. A reader sees the old file or the new one; a writer killed half-way leaves the old one.
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
        let temporary = path + ".tmp-\(processID)"
        remove(temporary)
        guard let f = fopen(temporary, "wb") else { return false }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let ok = written == bytes.count && fflush(f) == 0 && fsync(fileno(f)) == 0
        fclose(f)
        guard ok, replace(temporary, with: path) else {
            remove(temporary)
            return false
        }
        return true
    }

    /// Removes the temporary files `path.tmp-<pid>` that writers killed half-way left behind (those whose
    /// process no longer exists).
    static func removeStaleTemporaries(of path: String) {
        let folder = directory(of: path)
        let prefix = String(path.split(separator: "/").last ?? "") + ".tmp-"
        for name in list(folder) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != processID else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { remove(folder + "/" + name) }
        }
    }

    /// Runs `body` holding an exclusive lock on the folder of `path` (flock on the folder itself, so no lock
    /// file is left behind; released when the process ends, however it ends). Catalog writers take it so that
    /// an import's read-modify-write and a build never interleave. Not re-entrant: `body` must not take it.
    static func withExclusiveLock<T, E: Error>(of path: String, _ body: () throws(E) -> T) throws(E) -> T {
        let fd = open(directory(of: path), O_RDONLY)
        if fd >= 0 {
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        defer { if fd >= 0 { close(fd) } }  // closing the descriptor releases the lock
        return try body()
    }
}
