import Foundation
import Tickmark

/// `http`: a request gets the expected status, body, JSON values, headers, within a latency.
package struct HTTPProbe: ProbeKind {
    /// The methods a probe may use.
    package static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// A decoded `http` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// The request method, upper case.
        package var method: String
        /// The URL, `http` or `https`.
        package var url: String
        /// Request headers, in the order written (`headers`).
        package var requestHeaders: [HTTPHeader] = []
        /// The request body (`data`).
        package var requestBody: String?
        /// Skip certificate verification (`insecure`).
        package var insecure = false
        /// Follow redirects (`follow`, default true).
        package var followRedirects = true
        /// Accepted statuses (`status`, default 2xx).
        package var expectedStatus = HTTPStatusExpectation.success
        /// Text the response body must contain (`body`).
        package var bodyContains: String?
        /// A regular expression the response body must match (`matches`).
        package var bodyMatches: String?
        /// Values the JSON response body must hold (`json`).
        package var expectedJSON: [JSONExpectation] = []
        /// Response headers that must be present, containing the value given (`header`).
        package var expectedHeaders: [HTTPHeader] = []
        /// The longest the response may take (`under`).
        package var maximumLatency: Duration?
        /// The most body bytes read for `body`, `matches` and `json` (`max-body`, default 16 MiB).
        package var maximumBody = HTTPResponse.bodyLimit
        /// A PEM file of certificate authorities trusted besides the system's (`ca`).
        package var certificateAuthorityFile: String?
        /// A PEM client certificate for mutual TLS (`cert`).
        package var clientCertificateFile: String?
        /// The client certificate's PEM private key (`key`; default: in the `cert` file).
        package var clientKeyFile: String?

        /// The URL as shown: a password written in it is `***`.
        package var shownURL: String { URLCredentials.masked(url) }

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            var expectations = ["status \(expectedStatus)"]
            if let bodyContains { expectations.append("body containing \(JSONValue.string(bodyContains).evidenceText)") }
            if let bodyMatches { expectations.append("body matching /\(bodyMatches)/") }
            expectations += expectedJSON.map { "json \($0.path) = \($0.value.evidenceText)" }
            expectations += expectedHeaders.map { $0.value.isEmpty ? "header \($0.name)" : "header \($0.name) containing \(JSONValue.string($0.value).evidenceText)" }
            if let maximumLatency { expectations.append("under \(DurationText.format(maximumLatency))") }
            var text = "\(method) \(shownURL)"
            if requestBody != nil { text += " with a body" }
            if insecure { text += " (certificate not verified)" }
            return text + " expecting " + expectations.joined(separator: ", ")
        }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "http",
        summary: "An HTTP request gets the expected status, body, JSON values and headers, in time.",
        usage: "http [METHOD] URL [status=…] [body=…] [matches=…] [json=PATH=VALUE…] [header=NAME:VALUE…] [under=…]",
        parameters: [
            ProbeParameter("METHOD", "\(methods.joined(separator: ", ")); default GET, or POST when `data` is given"),
            ProbeParameter("URL", "an http:// or https:// URL"),
            ProbeParameter("status", "accepted status: a code (200), a list (200,204 or a YAML list), or a class (2xx); default 2xx"),
            ProbeParameter("body", "text the response body must contain"),
            ProbeParameter("matches", "regular expression the response body must match"),
            ProbeParameter("json", "JSON values: inline json=PATH=VALUE or json.PATH=VALUE (repeatable), block `json: { PATH: VALUE }`; "
                + "PATH is dotted (.data.items[0].id) or a JSON Pointer (/data/items/0/id); scalars compare by their JSON text, objects by the keys given"),
            ProbeParameter("header", "response header containing a value: inline header=NAME:VALUE (repeatable; header=NAME only checks presence), block mapping"),
            ProbeParameter("under", "the longest the response may take, such as 800ms"),
            ProbeParameter("headers", "request headers: inline headers=NAME:VALUE (repeatable), block mapping"),
            ProbeParameter("data", "the request body"),
            ProbeParameter("insecure", "true to skip TLS certificate verification (default false)"),
            ProbeParameter("follow", "false to not follow redirects (default true); the status and every check apply to the final response"),
            ProbeParameter("ca", "a PEM file of certificate authorities to trust besides the system's (a relative path is from the folder tickmark runs in)"),
            ProbeParameter("cert", "a PEM client certificate for mutual TLS"),
            ProbeParameter("key", "the client certificate's PEM private key (default: in the cert file)"),
            ProbeParameter("max-body", "the most body read for body, matches and json, such as 64MiB (default 16MiB)"),
        ],
        examples: [
            .valid("probe: http GET https://example.com/health status=200"),
            .valid("probe: http https://example.com/health"),
            .valid("probe: http GET ${base_url}/health status=200"),
            .valid("probe: http ${base_url}/api/version json=.commit=${git.head} under=800ms"),
            .valid("probe: http HEAD https://example.com/ status=2xx,304 header=Content-Type:text/html follow=false"),
            .valid("probe: http https://example.com/api json.version=1.2.3 json=/items/0/id=7 body=ok"),
            .valid("probe: http POST https://example.com/hook data='{\"ok\":true}' headers=Content-Type:application/json status=202"),
            .valid("probe: http https://internal.example.com/health ca=certs/ca.pem cert=certs/client.pem key=certs/client.key"),
            .valid("probe: http https://example.com/export.json json=.count=3 max-body=200MiB"),
            .invalid("probe: http", .missingArgument),
            .invalid("probe: http GET", .missingArgument),
            .invalid("probe: http GTE https://example.com", .invalidArgument),
            .invalid("probe: http GET ftp://example.com/file", .invalidArgument),
            .invalid("probe: http GET example.com/health", .invalidArgument),
            .invalid("probe: http GET https://example.com status=2000", .invalidArgument),
            .invalid("probe: http GET https://example.com:99999/", .invalidArgument),
            .invalid("probe: http GET https://example.com max-body=lots", .invalidArgument),
            .invalid("probe: http GET https://example.com json=.commit", .invalidArgument),
            .invalid("probe: http GET https://example.com json=.a..b=1", .invalidArgument),
            .invalid("probe: http GET https://example.com header=Bad\\ Name:x", .invalidArgument),
            .invalid("probe: http GET https://example.com under=fast", .invalidDuration),
            .invalid("probe: http GET https://example.com matches=(unclosed", .invalidRegex),
            .invalid("probe: http GET https://example.com stauts=200", .unknownOption),
            .invalid("probe: http GET https://example.com extra", .unexpectedArgument),
            .invalid("probe: http GET https://example.com status=200 status=204", .duplicateOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        let usage = "probe: http [METHOD] URL [status=200] …"
        guard let first = decoder.requireArgument("a URL", usage: usage) else { return nil }
        var method: String?
        var urlArgument = first
        if isMethodWord(first.value) || (ProbeDecoder.hasVariables(first.value) && decoder.arguments.count > 1 && !first.value.containsBytes("/")) {
            guard let url = decoder.requireArgument("a URL after the method", usage: usage) else { return nil }
            method = first.value
            urlArgument = url
            if !ProbeDecoder.hasVariables(first.value), !methods.contains(first.value) {
                var message = "'\(first.value)' is not an HTTP method"
                if let suggestion = Suggestion.closest(to: first.value, among: methods) { message += "; did you mean '\(suggestion)'?" }
                decoder.error(.invalidArgument, message, at: first.position, length: first.length, notes: ["methods: \(methods.joined(separator: ", "))"])
            }
        }
        if let problem = urlProblem(urlArgument.value) {
            decoder.error(.invalidArgument, problem, at: urlArgument.position, length: urlArgument.length)
        }
        var configuration = Configuration(method: method ?? "GET", url: urlArgument.value)
        configuration.requestBody = decoder.string("data")
        if method == nil, configuration.requestBody != nil { configuration.method = "POST" }
        configuration.requestHeaders = decodeHeaders("headers", valueRequired: true, &decoder)
        configuration.insecure = decoder.boolean("insecure") ?? false
        configuration.followRedirects = decoder.boolean("follow") ?? true
        if let status = decodeStatus(&decoder) { configuration.expectedStatus = status }
        configuration.bodyContains = decoder.string("body")
        configuration.bodyMatches = decoder.regex("matches")
        configuration.expectedJSON = decodeJSON(&decoder)
        configuration.expectedHeaders = decodeHeaders("header", valueRequired: false, &decoder)
        configuration.maximumLatency = decoder.duration("under")
        configuration.certificateAuthorityFile = decoder.string("ca")
        configuration.clientCertificateFile = decoder.string("cert")
        configuration.clientKeyFile = decoder.string("key")
        if let option = decoder.option("max-body"), let text = option.value.scalarText, !ProbeDecoder.hasVariables(text) {
            if let size = ByteSize.parse(text), size >= 1024 {
                configuration.maximumBody = size
            } else {
                decoder.error(.invalidArgument, "'max-body' must be a size of at least 1KiB such as 64MiB or 100MB, not '\(text)'",
                              at: option.position, length: "max-body".utf8.count)
            }
        }
        decoder.finish(
            allowedOptions: ["status", "body", "matches", "json", "header", "under", "headers", "data", "insecure", "follow", "ca", "cert", "key", "max-body"],
            repeatable: ["json", "header", "headers"]
        )
        return configuration
    }

    /// Whether a first argument reads as a method rather than a URL: letters only.
    private static func isMethodWord(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// What is wrong with a URL, if anything; with variables, only a literal scheme is checked.
    static func urlProblem(_ url: String) -> String? {
        let schemes = ["http", "https"]
        if let variable = firstIndex(of: "${", in: url) {
            let prefix = url[..<variable]
            if let separator = firstIndex(of: "://", in: prefix) {
                let scheme = prefix[..<separator].lowercased()
                return schemes.contains(scheme) ? nil : "URL scheme must be http or https, not '\(scheme)'"
            }
            let literal = prefix.lowercased()
            return literal.isEmpty || "http://".hasPrefix(literal) || "https://".hasPrefix(literal)
                ? nil : "URL '\(URLCredentials.masked(url))' must start with http:// or https://"
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            let shown = URLCredentials.masked(url)
            return firstIndex(of: "://", in: url) != nil ? "'\(shown)' is not a valid URL" : "URL '\(shown)' must start with http:// or https://"
        }
        guard schemes.contains(scheme) else { return "URL scheme must be http or https, not '\(scheme)'" }
        guard let host = components.host, !host.isEmpty else { return "URL '\(URLCredentials.masked(url))' has no host" }
        if let port = components.port, !(1...65535).contains(port) { return "port \(port) is out of range: a port is 1 to 65535" }
        return nil
    }

    /// Where `needle` (ASCII) first occurs in `text`.
    private static func firstIndex<Text: StringProtocol>(of needle: StaticString, in text: Text) -> String.Index? {
        let target = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index...].starts(with: target) { return index }
            index = utf8.index(after: index)
        }
        return nil
    }

    private static func decodeStatus(_ decoder: inout ProbeDecoder) -> HTTPStatusExpectation? {
        guard let option = decoder.option("status") else { return nil }
        let entries: [String]
        if case .list(let elements) = option.value { entries = elements.map { $0.scalarText ?? "" } } else { entries = [option.value.scalarText ?? ""] }
        if entries.contains(where: ProbeDecoder.hasVariables) { return nil }
        switch HTTPStatusExpectation.parse(entries) {
        case .success(let expectation): return expectation
        case .failure(let invalid):
            decoder.error(.invalidArgument, "'status' must be codes from 100 to 599 or classes such as 2xx, not '\(invalid.text)'",
                          at: option.position, length: option.key.utf8.count, notes: ["examples: status=200, status=200,204, status=2xx"])
            return nil
        }
    }

    private static func decodeJSON(_ decoder: inout ProbeDecoder) -> [JSONExpectation] {
        var expectations: [JSONExpectation] = []
        for entry in decoder.entries("json", separator: "=") {
            guard let value = entry.value else {
                decoder.error(.invalidArgument, "'json' expectation '\(entry.name)' has no value; write json=PATH=VALUE, such as json=.status=ok",
                              at: entry.position, length: entry.length)
                continue
            }
            switch JSONPath.parse(entry.name) {
            case .success(let path):
                expectations.append(JSONExpectation(path: path, value: JSONValue(value)))
            case .failure where ProbeDecoder.hasVariables(entry.name):
                expectations.append(JSONExpectation(path: JSONPath(tokens: [entry.name], text: entry.name), value: JSONValue(value)))
            case .failure(let problem):
                decoder.error(.invalidArgument, problem.message, at: entry.position, length: entry.length)
            }
        }
        return expectations
    }

    private static func decodeHeaders(_ key: String, valueRequired: Bool, _ decoder: inout ProbeDecoder) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        for entry in decoder.entries(key, separator: ":") {
            guard HTTPHeader.isValidName(entry.name) || ProbeDecoder.hasVariables(entry.name) else {
                decoder.error(.invalidArgument, "'\(entry.name)' is not a valid header name", at: entry.position, length: entry.length)
                continue
            }
            guard let value = entry.value?.scalarText ?? (valueRequired ? nil : "") else {
                let problem = entry.value == nil ? "needs a value; write \(key)=NAME:VALUE" : "must be a single value"
                decoder.error(.invalidArgument, "'\(key)' entry '\(entry.name)' \(problem)", at: entry.position, length: entry.length)
                continue
            }
            headers.append(HTTPHeader(name: entry.name, value: value))
        }
        return headers
    }
}
