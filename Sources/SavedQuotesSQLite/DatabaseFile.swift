import QuoteCore
import SavedQuotes

#if canImport(Glibc)
import Glibc
#endif

/// Creating the database file for its owner alone, and keeping two processes from setting up a new
/// file at the same time (an exclusive `flock` on its folder while the schema is created or migrated).
enum DatabaseFile {
    struct Setup {
        var folder: Int32
        /// The file did not exist before.
        var created: Bool

        func unlock() {
            flock(folder, LOCK_UN)
            close(folder)
        }
    }

    /// Makes the folder (0700) and the file (0600) if they are missing, refuses what is not a regular
    /// file, and locks the folder.
    static func prepare(_ path: String) throws(QuoteError) -> Setup {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        try makeFolders(folder.isEmpty ? "/" : folder, for: path)
        let dir = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dir >= 0 else { throw failure(path, Message("quotes_db.folder_unopened", .text(folder), .verbatim(errorText()))) }
        while flock(dir, LOCK_EX) != 0 && errno == EINTR {}
        var info = stat()
        var created = false
        if lstat(path, &info) != 0 {
            let old = umask(0o077)
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            umask(old)
            guard fd >= 0 else {
                close(dir)
                throw failure(path, Message("quotes_db.cannot_create", .verbatim(errorText())))
            }
            close(fd)
            created = true
        } else if (info.st_mode & S_IFMT) != S_IFREG {
            close(dir)
            throw failure(path, Message("quotes_db.not_regular"))
        }
        return Setup(folder: dir, created: created)
    }

    /// Creates the missing folders of `folder`, each 0700.
    static func makeFolders(_ folder: String, for path: String) throws(QuoteError) {
        var info = stat()
        if stat(folder, &info) == 0 { return }
        if let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
            try makeFolders(String(folder[..<slash]), for: path)
        }
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
            throw failure(path, Message("quotes_db.folder", .text(folder), .verbatim(errorText())))
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }

    static func failure(_ path: String, _ what: Message) -> QuoteError {
        QuoteError(.quoteStoreUnavailable, Message("quotes_db.unusable", .text(path), .message(what)))
    }
}
