import QuoteCore
import QuoteWorkbook

extension WorkbookError {
    /// What is wrong with the workbook, as a message in the catalog keeper's language.
    var text: Message {
        switch self {
        case .empty: return Message("workbook.empty")
        case .notZip: return Message("workbook.not_zip")
        case .notWorkbook(let missing): return Message("workbook.not_workbook", .verbatim(missing))
        case .damaged(let part): return Message("workbook.damaged", .verbatim(part))
        case .tooLarge(let part): return Message("workbook.too_large", .verbatim(part), .integer(Int64(WorkbookError.partLimitMB)))
        case .badXML(let part, let line, let message):
            return Message("workbook.bad_xml", .verbatim(part), .integer(Int64(line)), .verbatim(message))
        case .noSheets: return Message("workbook.no_sheets")
        case .noSuchSheet(let name, let available):
            return Message("workbook.no_such_sheet", .text(name), .list(available.map { "\u{201C}\($0)\u{201D}" }))
        }
    }
}
