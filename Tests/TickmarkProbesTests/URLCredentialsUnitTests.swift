import Testing
import TickmarkProbes

/// URL credentials taken out of a URL, masked in text, and the variables that stand for them.
@Suite struct URLCredentialsUnitTests {
    @Test func credentialsAreSplitOffAndDecoded() {
        let (url, credentials) = URLCredentials.split("https://deploy:p%40ss%20w@status.example.com:8443/health?x=1")
        #expect(url == "https://status.example.com:8443/health?x=1")
        #expect(credentials == URLCredentials(user: "deploy", password: "p@ss w"))
        #expect(URLCredentials.split("https://status.example.com/").credentials == nil)
    }

    @Test func passwordsAreMaskedInAnyText() {
        #expect(URLCredentials.masked("GET https://deploy:s3cret@a.example/x and http://u:p@b.example") == "GET https://deploy:***@a.example/x and http://u:***@b.example")
        #expect(URLCredentials.masked("https://user@a.example/ and https://a.example/@x") == "https://user@a.example/ and https://a.example/@x")
    }

    @Test func variablesWrittenAsPasswordsAreFound() {
        #expect(URLCredentials.passwordVariables(in: "probe: http https://deploy:${deploy_pw}@a.example/ ${not_this}") == ["deploy_pw"])
        #expect(URLCredentials.passwordVariables(in: "probe: http ${base}/health").isEmpty)
    }
}
