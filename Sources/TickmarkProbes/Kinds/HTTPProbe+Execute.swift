import Foundation
import Tickmark

extension HTTPProbe {
    /// Sends the request and checks status, body, JSON values, headers and latency; every
    /// expectation that does not hold is named in the reason.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        var request = HTTPRequest(
            method: configuration.method, url: configuration.url, headers: configuration.requestHeaders,
            body: configuration.requestBody.map { Array($0.utf8) }, timeout: context.timeout,
            insecure: configuration.insecure, followRedirects: configuration.followRedirects
        )
        let checksBody = configuration.bodyContains != nil || configuration.bodyMatches != nil || !configuration.expectedJSON.isEmpty
        // Without body checks, only the head shown as evidence is kept; the rest is read and counted.
        request.bodyLimit = checksBody ? configuration.maximumBody : min(configuration.maximumBody, max(ProbeEvidence.outputLimit, 4096))
        request.stopAtBodyLimit = checksBody
        request.certificateAuthorityFile = configuration.certificateAuthorityFile.map { path(of: $0, in: context) }
        request.clientCertificateFile = configuration.clientCertificateFile.map { path(of: $0, in: context) }
        request.clientKeyFile = configuration.clientKeyFile.map { path(of: $0, in: context) }
        var evidence = ProbeEvidence(action: "\(configuration.method) \(configuration.shownURL)")
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
        problems += jsonProblems(configuration.expectedJSON, body: response.body, truncated: response.bodyTruncated, limit: request.bodyLimit)
        problems += headerProblems(configuration.expectedHeaders, in: response)
        if let maximum = configuration.maximumLatency, response.latency > maximum {
            problems.append("took \(ExecutionText.duration(response.latency)), more than \(ExecutionText.duration(maximum))")
        }
        guard problems.isEmpty else {
            let cut = response.bodyTruncated && checksBody
                ? " (only the first \(ByteSize.format(request.bodyLimit)) of the body was read: raise max-body to check more)" : ""
            return ProbeResult(.fail, problems.joined(separator: "; ") + cut, evidence: evidence)
        }
        return ProbeResult(.pass, "status \(response.status) in \(ExecutionText.duration(response.latency))", evidence: evidence)
    }

    /// The header expectations that do not hold, one phrase each. A name alone asks for the
    /// header to be there; with a value, one of the header's values (it may be repeated) must
    /// contain it.
    static func headerProblems(_ expectations: [HTTPHeader], in response: HTTPResponse) -> [String] {
        expectations.compactMap { header -> String? in
            let values = response.headerValues(header.name)
            guard !values.isEmpty else { return "header \(header.name) is missing" }
            if header.value.isEmpty || values.contains(where: { $0.contains(header.value) }) { return nil }
            let shown = values.map { ExecutionText.quoted($0) }.joined(separator: ", ")
            return values.count == 1
                ? "header \(header.name) is \(shown), expected it to contain \(ExecutionText.quoted(header.value))"
                : "header \(header.name) is \(shown), expected one of them to contain \(ExecutionText.quoted(header.value))"
        }
    }

    /// A path as written in the probe, relative to the working directory when not absolute.
    private static func path(of file: String, in context: ProbeContext) -> String {
        file.hasPrefix("/") ? file : context.workingDirectory + "/" + file
    }

    /// The JSON expectations that do not hold, one phrase each.
    static func jsonProblems(_ expectations: [JSONExpectation], body: [UInt8], truncated: Bool = false, limit: Int = HTTPResponse.bodyLimit) -> [String] {
        guard !expectations.isEmpty else { return [] }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            if truncated { return ["body is larger than max-body=\(ByteSize.format(limit).replacingOccurrences(of: " ", with: "")) and json needs all of it"] }
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
        if let finalURL = response.finalURL { evidence.fields.append(EvidenceField("final-url", URLCredentials.masked(finalURL))) }
        if let version = response.httpVersion, version != "1.1" { evidence.fields.append(EvidenceField("protocol", "HTTP/\(version)")) }
        let size = "\(response.bodySize) bytes" + (response.bodyTruncated && response.bodySize == response.body.count ? " (cut)" : "")
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
