import CExpat

#if canImport(Glibc)
import Glibc
#endif

/// A workbook part read as a stream of events by expat: elements by their local name (the namespace
/// dropped, so `x:row` and `row` are alike), their attributes by local name, and character data.
///
/// expat refuses what is not well-formed XML, does not fetch external entities and guards against entity
/// expansion attacks (billion laughs) on its own.
final class XMLEvents {
    struct Failure: Error {
        var line: Int
        var message: String
    }

    var start: (_ name: String, _ attributes: Attributes) -> Void = { _, _ in }

    /// An element's attributes, looked up by local name when asked (most elements' are never read).
    struct Attributes {
        let pairs: UnsafeMutablePointer<UnsafePointer<XML_Char>?>?

        subscript(_ key: String) -> String? {
            guard let pairs else { return nil }
            var i = 0
            return key.withCString { wanted in
                while let name = pairs[i], let value = pairs[i + 1] {
                    let local = strrchr(name, Int32(UInt8(ascii: "|"))).map { UnsafePointer($0 + 1) } ?? name
                    if strcmp(local, wanted) == 0 { return String(cString: value) }
                    i += 2
                }
                return nil
            }
        }
    }
    var end: (_ name: String) -> Void = { _ in }
    /// Character data, in pieces (one text node may arrive as several calls).
    var text: (_ piece: String) -> Void = { _ in }

    /// Parses `bytes`, calling the handlers as it goes.
    func parse(_ bytes: [UInt8]) -> Result<Void, Failure> {
        guard bytes.count < Int(Int32.max) else { return .failure(Failure(line: 0, message: "too large")) }
        guard let parser = XML_ParserCreateNS(nil, XML_Char(UInt8(ascii: "|"))) else {
            return .failure(Failure(line: 0, message: "out of memory"))
        }
        defer { XML_ParserFree(parser) }
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetElementHandler(parser, xmlStart, xmlEnd)
        XML_SetCharacterDataHandler(parser, xmlText)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { XML_Parse(parser, $0.baseAddress, Int32($0.count), 1) }
        }
        guard status == XML_STATUS_OK else {
            let message = XML_ErrorString(XML_GetErrorCode(parser)).map { String(cString: $0) } ?? "not well-formed"
            return .failure(Failure(line: Int(XML_GetCurrentLineNumber(parser)), message: message))
        }
        return .success(())
    }

    /// The local part of an expanded name `namespace|local` (a short string, without the namespace's copy).
    static func localName(_ name: UnsafePointer<XML_Char>) -> String {
        guard let bar = strrchr(name, Int32(UInt8(ascii: "|"))) else { return String(cString: name) }
        return String(cString: bar + 1)
    }
}

private func events(_ data: UnsafeMutableRawPointer?) -> XMLEvents? {
    data.map { Unmanaged<XMLEvents>.fromOpaque($0).takeUnretainedValue() }
}

private func xmlStart(
    _ data: UnsafeMutableRawPointer?, _ name: UnsafePointer<XML_Char>?, _ attrs: UnsafeMutablePointer<UnsafePointer<XML_Char>?>?
) {
    guard let reader = events(data), let name else { return }
    reader.start(XMLEvents.localName(name), XMLEvents.Attributes(pairs: attrs))
}

private func xmlEnd(_ data: UnsafeMutableRawPointer?, _ name: UnsafePointer<XML_Char>?) {
    guard let reader = events(data), let name else { return }
    reader.end(XMLEvents.localName(name))
}

private func xmlText(_ data: UnsafeMutableRawPointer?, _ s: UnsafePointer<XML_Char>?, _ length: Int32) {
    guard let reader = events(data), let s, length > 0 else { return }
    let piece = UnsafeBufferPointer(start: s, count: Int(length)).withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
    reader.text(piece)
}
