import Foundation
import Tickmark

extension HTTPProbe {
    /// Sends the request and checks status, body, JSON values, headers and latency; every
    /// expectation that does not hold is named in the reason.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let request = HTTPRequest(
            method: configuration.method, url: configuration.url, headers: configuration.requestHeaders,
            body: configuration.requestBody.map { Array($0.utf8) }, timeout: context.timeout,
            insecure: configuration.insecure, followRedirects: configuration.followRedirects
        )
        var evidence = ProbeEvidence(action: "\(configuration.method) \(configuration.url)")
        if configuration.insecure { evidence.fields.append(EvidenceField("certificate", "not verified (insecure)")) }
        let response: HTTPResponse
        switch await context.http.send(request) {
        case .success(let received): response = received
        case .failure(let failure): return ProbeResult(.error, failure.message, evidence: evidence)
        }
        describe(response, in: &evidence)

        var problems: [String] = []
        if !configuration.expectedStatus.matches(response.status) {
            problems.append("expected status \(configuration.expectedStatus), got \(response.status)")
        }
        let text = String(decoding: response.body, as: UTF8.self)
        if let expected = configuration.bodyContains, !text.contains(expected) {
            problems.append("body does not contain \(ExecutionText.quoted(expected))")
        }
        if let pattern = configuration.bodyMatches {
            switch ExecutionText.matches(pattern, in: text) {
            case .failure(let invalid): return ProbeResult(.error, invalid.message, evidence: evidence)
            case .success(false): problems.append("body does not match /\(pattern)/")
            case .success(true): break
            }
        }
        problems += jsonProblems(configuration.expectedJSON, body: response.body)
        for header in configuration.expectedHeaders {
            guard let value = response.header(header.name) else {
                problems.append("header \(header.name) is missing")
                continue
            }
            if !value.contains(header.value) {
                problems.append("header \(header.name) is \(ExecutionText.quoted(value)), expected it to contain \(ExecutionText.quoted(header.value))")
            }
        }
        if let maximum = configuration.maximumLatency, response.latency > maximum {
            problems.append("took \(ExecutionText.duration(response.latency)), more than \(ExecutionText.duration(maximum))")
        }
        guard problems.isEmpty else {
            let cut = response.bodyTruncated ? " (body cut at \(HTTPResponse.bodyLimit / 1024 / 1024) MiB)" : ""
            return ProbeResult(.fail, problems.joined(separator: "; ") + cut, evidence: evidence)
        }
        return ProbeResult(.pass, "status \(response.status) in \(ExecutionText.duration(response.latency))", evidence: evidence)
    }

    /// The JSON expectations that do not hold, one phrase each.
    static func jsonProblems(_ expectations: [JSONExpectation], body: [UInt8]) -> [String] {
        guard !expectations.isEmpty else { return [] }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            return [body.isEmpty ? "body is empty, not JSON" : "body is not JSON"]
        }
        return expectations.compactMap { expectation in
            guard let found = expectation.path.resolve(in: document) else { return "json \(expectation.path) is missing" }
            if expectation.value.isSatisfied(by: found) { return nil }
            let text = found.evidenceText
            let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
            return "json \(expectation.path) is \(shown), expected \(expectation.value.evidenceText)"
        }
    }

    /// Adds the response's facts and the head of a textual body to the evidence.
    private static func describe(_ response: HTTPResponse, in evidence: inout ProbeEvidence) {
        evidence.fields.append(EvidenceField("status", String(response.status)))
        evidence.fields.append(EvidenceField("latency", ExecutionText.duration(response.latency)))
        let contentType = response.header("Content-Type")
        if let contentType { evidence.fields.append(EvidenceField("content-type", contentType)) }
        if let finalURL = response.finalURL { evidence.fields.append(EvidenceField("final-url", finalURL)) }
        let size = "\(response.body.count) bytes" + (response.bodyTruncated ? " (cut)" : "")
        evidence.fields.append(EvidenceField("body", size))
        if isText(contentType: contentType, body: response.body) {
            evidence.output = EvidenceText.head(response.body)
        } else if !response.body.isEmpty {
            evidence.output = "(\(response.body.count) bytes of \(contentType ?? "binary data") not shown)"
        }
    }

    /// Whether a body is text worth showing: a textual content type, or none and valid UTF-8
    /// without NUL bytes.
    static func isText(contentType: String?, body: [UInt8]) -> Bool {
        if let type = contentType?.lowercased() {
            return type.hasPrefix("text/") || ["json", "xml", "javascript", "x-www-form-urlencoded", "yaml"].contains { type.contains($0) }
        }
        let sample = body.prefix(4096)
        // One replacement character is allowed: the sample may end inside a character.
        return !sample.contains(0) && String(decoding: sample, as: UTF8.self).unicodeScalars.filter { $0 == "\u{FFFD}" }.count <= 1
    }
}
