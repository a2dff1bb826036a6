import Testing
import Tickmark
import TickmarkProbes

/// A secret is hidden in every form Tickmark's own writers give it.
@Suite struct RedactorTests {
    /// The JSON writer escapes a backspace as `\u0008` in reports and `show --json`, and as `\b`
    /// in run records: both forms are redacted.
    @Test func aSecretIsRedactedInBothJSONEscapeStyles() {
        let secret = "tok\u{8}en\u{C}42\u{1B}"
        let redactor = Redactor(secrets: [secret])
        for format in [JSONWriter.Format.pretty, .compact, .record] {
            var writer = JSONWriter(format: format)
            writer.string("token is \(secret) here")
            let written = writer.text
            #expect(redactor.redact(written) == "\"token is *** here\"", "\(format): \(redactor.redact(written))")
        }
    }
}
