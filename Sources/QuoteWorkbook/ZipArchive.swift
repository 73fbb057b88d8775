import CMinizip

/// The parts of a ZIP archive held in memory, read through minizip.
final class ZipArchive {
    /// A part larger than this when uncompressed is refused: a workbook's sheet of 100 000 rows is tens of
    /// megabytes, and a small archive that inflates to gigabytes is an attack, not a price list.
    static let partLimit = 256 << 20

    private let stream: UnsafeMutablePointer<quote_memory_stream>
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let handle: unzFile

    /// nil when `contents` is not a ZIP archive minizip can read.
    init?(_ contents: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, contents.count))
        _ = copy.initialize(from: contents)
        let stream = UnsafeMutablePointer<quote_memory_stream>.allocate(capacity: 1)
        stream.initialize(to: quote_memory_stream(bytes: UnsafePointer(copy.baseAddress), size: ZPOS64_T(contents.count), position: 0))
        guard let handle = quote_unzip_open_memory(stream) else {
            stream.deallocate()
            copy.deallocate()
            return nil
        }
        self.stream = stream
        self.bytes = copy
        self.handle = handle
    }

    deinit {
        unzClose(handle)
        stream.deallocate()
        bytes.deallocate()
    }

    enum PartError: Error {
        case missing
        case tooLarge
        case damaged(code: Int32)
    }

    /// The uncompressed bytes of the part named `name` (matched without regard to case, as Excel does).
    func part(_ name: String) -> Result<[UInt8], PartError> {
        guard unzLocateFile(handle, name, 2) == UNZ_OK else { return .failure(.missing) }
        var info = unz_file_info64()
        guard unzGetCurrentFileInfo64(handle, &info, nil, 0, nil, 0, nil, 0) == UNZ_OK else {
            return .failure(.damaged(code: UNZ_BADZIPFILE))
        }
        guard info.uncompressed_size <= UInt64(Self.partLimit) else { return .failure(.tooLarge) }
        let opened = unzOpenCurrentFile(handle)
        guard opened == UNZ_OK else { return .failure(.damaged(code: opened)) }
        var out: [UInt8] = []
        out.reserveCapacity(Int(info.uncompressed_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { unzReadCurrentFile(handle, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                unzCloseCurrentFile(handle)
                return .failure(.damaged(code: n))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<Int(n)])
            if out.count > Self.partLimit {
                unzCloseCurrentFile(handle)
                return .failure(.tooLarge)
            }
        }
        // Closing checks the CRC, now that the whole part is read.
        let closed = unzCloseCurrentFile(handle)
        return closed == UNZ_OK ? .success(out) : .failure(.damaged(code: closed))
    }
}
