import Tickmark

/// `tcp`: a TCP connection to `HOST:PORT` opens within the timeout.
package struct TCPProbe: ProbeKind {
    /// A decoded `tcp` probe.
    ///
    /// Decoded before variables are substituted, a host or port written with `${…}` is kept as
    /// written in `host` and the port is 0; the runner decodes the substituted probe again.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// Where to connect.
        package var endpoint: HostPort

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String { "connect to \(endpoint) over TCP" }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "tcp",
        summary: "A TCP connection to HOST:PORT opens within the timeout.",
        usage: "tcp HOST:PORT",
        parameters: [
            ProbeParameter("HOST:PORT", "a host name or IPv4 address and a port (1–65535); IPv6 in brackets, such as [::1]:5432"),
        ],
        examples: [
            .valid("probe: tcp db.internal:5432"),
            .valid("probe: tcp 127.0.0.1:6379"),
            .valid("probe: tcp [::1]:5432"),
            .valid("probe: tcp ${db_host}:5432 timeout=5s"),
            .invalid("probe: tcp", .missingArgument),
            .invalid("probe: tcp db.internal", .invalidArgument),
            .invalid("probe: tcp db.internal:70000", .invalidArgument),
            .invalid("probe: tcp db.internal:0", .invalidArgument),
            .invalid("probe: tcp ::1:5432", .invalidArgument),
            .invalid("probe: tcp db.internal:5432 port=5433", .unknownOption),
            .invalid("probe: tcp db.internal 5432", .invalidArgument),
            .invalid("probe: tcp db.internal:5432 db.internal:5433", .unexpectedArgument),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        guard let argument = decoder.requireArgument("HOST:PORT", usage: "probe: tcp HOST:PORT") else { return nil }
        if !argument.value.utf8.contains(0x3A), let next = decoder.arguments.dropFirst().first, HostPort.portNumber(Substring(next.value)) != nil {
            _ = decoder.optionalArgument()
            decoder.error(.invalidArgument, "write the host and port as one word, \(argument.value):\(next.value)",
                          at: argument.position, length: next.position.offset + next.length - argument.position.offset)
            decoder.finish(allowedOptions: [])
            return nil
        }
        let endpoint = decodeEndpoint(argument, defaultPort: nil, &decoder)
        decoder.finish(allowedOptions: [])
        return endpoint.map(Configuration.init)
    }

    /// Reads `HOST[:PORT]`, reporting problems at `argument`; with variables, checks what it can.
    static func decodeEndpoint(_ argument: ProbeArgument, defaultPort: Int?, _ decoder: inout ProbeDecoder) -> HostPort? {
        let text = argument.value
        if ProbeDecoder.hasVariables(text) {
            // A literal port after the last colon can still be checked: `${db_host}:5432`.
            if let colon = text.lastIndex(of: ":"), !text[colon...].containsBytes("}") {
                let portText = text[text.index(after: colon)...]
                if !ProbeDecoder.hasVariables(String(portText)) {
                    guard let port = HostPort.portNumber(portText) else {
                        decoder.error(.invalidArgument, "port '\(portText)' must be a number from 1 to 65535", at: argument.position, length: argument.length)
                        return nil
                    }
                    return HostPort(host: String(text[..<colon]), port: port)
                }
            }
            return HostPort(host: text, port: defaultPort ?? 0)
        }
        switch HostPort.parse(text, defaultPort: defaultPort) {
        case .success(let endpoint):
            return endpoint
        case .failure(let problem):
            decoder.error(.invalidArgument, problem.message, at: argument.position, length: argument.length)
            return nil
        }
    }
}

extension TCPProbe {
    /// Opens and closes a TCP connection. A refusal, an unreachable host or the timeout fail the
    /// probe (that is what it checks); a name that does not resolve is an error.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let endpoint = configuration.endpoint
        var evidence = ProbeEvidence(action: "connect to \(endpoint) over TCP")
        guard (1...65535).contains(endpoint.port) else {
            return ProbeResult(.error, "'\(endpoint.host)' names no port", evidence: evidence)
        }
        switch await context.network.connect(host: endpoint.host, port: endpoint.port, timeout: context.timeout) {
        case .success(let elapsed):
            evidence.fields.append(EvidenceField("connect-time", ExecutionText.duration(elapsed)))
            return ProbeResult(.pass, "connected to \(endpoint) in \(ExecutionText.duration(elapsed))", evidence: evidence)
        case .failure(let failure):
            evidence.fields.append(EvidenceField("failure", failure.kind.rawValue))
            switch failure.kind {
            case .refused, .unreachable, .timedOut:
                return ProbeResult(.fail, failure.message, evidence: evidence)
            case .nameResolution, .tls, .other:
                return ProbeResult(.error, failure.message, evidence: evidence)
            }
        }
    }
}
