import Foundation
import QuoteServer
import Testing

/// schemas/openapi.yaml is a valid OpenAPI 3.1 document whose references resolve
/// (scripts/validate-openapi.py: openapi-spec-validator, then every $ref followed), and it lists
/// every error code the service can answer with.
@Suite struct OpenAPITests {
    @Test func theDocumentValidates() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Paths.packageRoot + "/scripts/validate-openapi.py", Paths.packageRoot + "/schemas/openapi.yaml"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("valid OpenAPI 3.1.0; 3 referenced schema files resolve"), "\(text)")
    }

    @Test func theServiceCodesAreDocumented() throws {
        let text = try String(contentsOfFile: Paths.packageRoot + "/schemas/openapi.yaml", encoding: .utf8)
        #expect(text.contains("enum: [internal_not_allowed, not_found, method_not_allowed, timed_out]"))
        for code in ServiceCodes.all { #expect(text.contains("`\(code)`"), "\(code) is described") }
        for status in ["\"400\"", "\"403\"", "\"413\"", "\"422\"", "\"503\"", "\"405\""] { #expect(text.contains(status), "\(status)") }
    }
}

@Test func quoteVersionNamesTheAPIVersion() async throws {
    let r = try await runQuote(["--version"], stdin: "")
    #expect(r.status == 0)
    #expect(r.stdout.contains("HTTP/JSON API v\(QuoteServerApp.apiVersion)"), "\(r.stdout)")
}
