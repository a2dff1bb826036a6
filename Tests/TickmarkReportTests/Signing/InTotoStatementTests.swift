import Testing
import Tickmark
@testable import TickmarkReport
import TickmarkSigning

@Suite struct InTotoStatementTests {
    @Test func writesAStatementThatReadsBack() throws {
        let statement = InTotoStatement(
            subjects: [InTotoStatement.Subject(name: "report.md", bytes: Array("hello\n".utf8))],
            predicateType: "https://tickmark.dev/release-report/v1",
            predicate: .object(["decision": .string("GO"), "approvers": .array([.string("alice")])])
        )
        let text = statement.json.text()
        #expect(text.hasPrefix("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"report.md\",\"digest\":{\"sha256\":\""))
        #expect(try InTotoStatement(json: JSONParser.parse(text)) == statement)
    }

    @Test(arguments: [
        ("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"digest\":{\"sha256\":\"ab\"}}],\"predicateType\":\"x\"}", "_type"),
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"x\"}", "subject"),
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\"}],\"predicateType\":\"x\"}", "no digest"),
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"AB\"}}],\"predicateType\":\"x\"}", "lowercase hex"),
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"ab\"}}]}", "predicateType"),
    ])
    func refusesMalformedStatements(json: String, reason: String) throws {
        let failure = #expect(throws: VerificationFailure.self) { try InTotoStatement(json: JSONParser.parse(json)) }
        #expect(failure?.message.contains(reason) == true, "\(failure?.message ?? "")")
    }
}
