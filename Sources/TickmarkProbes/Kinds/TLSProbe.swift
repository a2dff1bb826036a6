import Tickmark

/// `tls`: the certificate served at `HOST[:PORT]` is valid for the host and stays valid for at
/// least `days` more days. The chain is always verified.
package struct TLSProbe: ProbeKind {
    /// A decoded `tls` probe.
    ///
    /// Decoded before variables are substituted, a host or port written with `${…}` is kept as
    /// written in `endpoint.host`; the runner decodes the substituted probe again.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// Where to connect; the port defaults to 443.
        package var endpoint: HostPort
        /// Days the certificate must remain valid from now (`days`, default 0: valid now).
        package var minimumDaysRemaining = 0
        /// The name to send (SNI) and verify the certificate against (`servername`); the host by default.
        package var serverName: String?

        /// The name the certificate must be valid for.
        package var verifiedName: String { serverName ?? endpoint.host }

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            var text = "TLS handshake with \(endpoint) verifying the certificate for \(verifiedName)"
            if minimumDaysRemaining > 0 { text += " and at least \(minimumDaysRemaining) days of validity" }
            return text
        }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "tls",
        summary: "The certificate served at HOST:PORT is valid for the host and expires later than `days` from now.",
        usage: "tls HOST[:PORT] [days=N] [servername=NAME]",
        parameters: [
            ProbeParameter("HOST[:PORT]", "where to connect; the port defaults to 443"),
            ProbeParameter("days", "days the certificate must remain valid (default 0)"),
            ProbeParameter("servername", "name to send (SNI) and verify the certificate for, when it differs from HOST"),
        ],
        examples: [
            .valid("probe: tls api.example.com"),
            .valid("probe: tls api.example.com:443 days=14"),
            .valid("probe: tls 10.0.0.5:8443 servername=api.example.com days=30"),
            .valid("probe: tls ${api_host} days=${cert_days}"),
            .invalid("probe: tls", .missingArgument),
            .invalid("probe: tls api.example.com days=-1", .invalidArgument),
            .invalid("probe: tls api.example.com days=two", .invalidArgument),
            .invalid("probe: tls api.example.com:https", .invalidArgument),
            .invalid("probe: tls api.example.com servername=bad_name!", .invalidArgument),
            .invalid("probe: tls api.example.com insecure=true", .unknownOption),
            .invalid("probe: tls api.example.com dyas=14", .unknownOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        guard let argument = decoder.requireArgument("HOST[:PORT]", usage: "probe: tls HOST[:PORT] [days=N]") else { return nil }
        let endpoint = TCPProbe.decodeEndpoint(argument, defaultPort: 443, &decoder)
        var configuration = endpoint.map { Configuration(endpoint: $0) }
        if let days = decoder.integer("days", range: 0...36500) { configuration?.minimumDaysRemaining = days }
        if let option = decoder.option("servername"), let name = option.value.scalarText {
            if ProbeDecoder.hasVariables(name) || HostPort.hostProblem(Substring(name), bracketed: false) == nil {
                configuration?.serverName = name
            } else {
                decoder.error(.invalidArgument, "'servername' must be a host name, not '\(name)'", at: option.position, length: option.key.utf8.count)
            }
        }
        if let option = decoder.option("insecure") {
            decoder.error(.unknownOption, "'tls' probe has no option 'insecure': it exists to verify the certificate",
                          at: option.position, length: option.key.utf8.count)
        }
        decoder.finish(allowedOptions: ["days", "servername"])
        return configuration
    }
}
