/// A network endpoint written `HOST:PORT`: a host name, an IPv4 address, or an IPv6 address in
/// brackets (`[::1]:5432`).
package struct HostPort: Sendable, Equatable, CustomStringConvertible {
    /// The host name or address, without brackets.
    package var host: String
    /// The port, 1…65535.
    package var port: Int

    /// Creates an endpoint.
    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with brackets around an IPv6 address.
    package var description: String { host.containsBytes(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Why a text is not an endpoint.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, phrased for a diagnostic.
        package var message: String
        /// The message.
        package var description: String { message }
    }

    /// The written parts of an endpoint, before they are checked.
    struct Parts {
        var host: Substring
        var port: Substring?
    }

    /// Splits `[v6]:port`, `host:port` or a bare host; `nil` for an unbracketed IPv6 address.
    static func split(_ text: String) -> Parts? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return Parts(host: host, port: nil) }
            guard rest.hasPrefix(":") else { return nil }
            return Parts(host: host, port: rest.dropFirst())
        }
        let colons = text.filter { $0 == ":" }.count
        if colons > 1 { return nil }
        guard let colon = text.firstIndex(of: ":") else { return Parts(host: Substring(text), port: nil) }
        return Parts(host: text[..<colon], port: text[text.index(after: colon)...])
    }

    /// Parses `text`; `defaultPort` is used when it names no port (otherwise a port is required).
    package static func parse(_ text: String, defaultPort: Int? = nil) -> Result<HostPort, ParseError> {
        guard let parts = split(text) else {
            let message = text.hasPrefix("[")
                ? "'\(text)' must be written [IPv6]:PORT, such as [::1]:5432"
                : "'\(text)' looks like an IPv6 address; write it in brackets, such as [::1]:5432"
            return .failure(ParseError(message: message))
        }
        if let problem = hostProblem(parts.host, bracketed: text.hasPrefix("[")) {
            return .failure(ParseError(message: problem))
        }
        guard let portText = parts.port else {
            guard let defaultPort else { return .failure(ParseError(message: "'\(text)' needs a port, such as \(text):5432")) }
            return .success(HostPort(host: String(parts.host), port: defaultPort))
        }
        guard let port = portNumber(portText) else {
            return .failure(ParseError(message: "port '\(portText)' must be a number from 1 to 65535"))
        }
        return .success(HostPort(host: String(parts.host), port: port))
    }

    /// The port `text` names, if it is a number from 1 to 65535.
    static func portNumber(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let port = Int(text), (1...65535).contains(port) else { return nil }
        return port
    }

    /// What is wrong with a host, if anything.
    static func hostProblem(_ host: Substring, bracketed: Bool) -> String? {
        guard !host.isEmpty else { return "the host is empty" }
        if bracketed {
            let valid = host.containsBytes(":") && host.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
                    || byte == 0x3A || byte == 0x2E
            }
            return valid ? nil : "'\(host)' is not an IPv6 address"
        }
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            let valid = !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                        || byte == 0x2D || byte == 0x5F
                }
            if !valid { return "'\(host)' is not a valid host name" }
        }
        return nil
    }
}
