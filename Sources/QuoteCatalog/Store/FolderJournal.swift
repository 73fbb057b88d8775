/// Replacing several files of a CSV folder together, so a killed writer leaves all of them old or all new.
///
/// Each new file is written beside its target as `NAME.tmp-PID` and flushed; then the journal
/// `.quote-journal` is written (atomically) naming the renames — the commit point; then the files are renamed
/// over their targets and the journal removed. Whoever next takes the folder's writers' lock (a quote that
/// finds the folder changed, a build, an import) first `recover`s: with a journal, it completes its renames;
/// without one, a writer died before committing and its temporary files are removed. Nothing reads the
/// temporary files or the journal as catalog files (they do not end in `.csv`).
enum FolderJournal {
    static func path(_ folder: String) -> String { folder + "/.quote-journal" }

    /// Replaces each `name` of `folder` with its bytes, all together. Call under the folder's writers' lock.
    /// Returns false, with the folder as it was, if a file could not be written.
    static func replace(_ files: [(name: String, bytes: [UInt8])], in folder: String) -> Bool {
        let suffix = ".tmp-\(FileIO.processID)"
        for f in files {
            guard FileIO.writeFlushed(f.bytes, to: folder + "/" + f.name + suffix) else {
                for g in files { FileIO.remove(folder + "/" + g.name + suffix) }
                return false
            }
        }
        let journal = files.map { $0.name + suffix + "\t" + $0.name }.joined(separator: "\n") + "\n"
        guard FileIO.writeAtomically(Array(journal.utf8), to: path(folder)) else {
            for g in files { FileIO.remove(folder + "/" + g.name + suffix) }
            return false
        }
        complete(folder, journal: journal)
        return true
    }

    /// Completes a committed replacement, or clears what an uncommitted one left. Call under the lock.
    static func recover(_ folder: String) {
        if let bytes = FileIO.read(path(folder)) { complete(folder, journal: String(decoding: bytes, as: UTF8.self)) }
        // Temporary files of writers that died before their journal (or of an older quote, which wrote none).
        for name in CatalogCompiler.files { FileIO.removeStaleTemporaries(of: folder + "/" + name) }
        FileIO.removeStaleTemporaries(of: path(folder))
    }

    /// Renames what `journal` names (those already renamed are gone), makes it durable, removes the journal.
    private static func complete(_ folder: String, journal: String) {
        for line in journal.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            // Only plain names in this folder: a journal is ours, but nothing read is trusted to point elsewhere.
            guard parts.count == 2, !parts.contains(where: { $0.contains("/") || $0.hasPrefix(".") }) else { continue }
            let from = folder + "/" + parts[0], to = folder + "/" + parts[1]
            if FileIO.exists(from) { _ = FileIO.move(from, to: to) }
        }
        FileIO.sync(folder)
        FileIO.remove(path(folder))
        FileIO.sync(folder)
    }
}
