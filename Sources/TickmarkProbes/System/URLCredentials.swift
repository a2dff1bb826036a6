import Foundation

/// The user name and password written in a URL (`https://user:pass@host/`): taken out of the URL
/// before it is sent or shown, sent as Basic credentials to the URL's origin only, and shown as
/// `user:***@` wherever Tickmark prints the URL.
package struct URLCredentials: Sendable, Equatable {
    /// The user name, percent-decoded.
    package var user: String
    /// The password, percent-decoded (empty when none is written).
    package var password: String

    /// Credentials as given.
    package init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The credentials of `url` and the URL without them; nil credentials when it has none.
    package static func split(_ url: String) -> (url: String, credentials: URLCredentials?) {
        guard var components = URLComponents(string: url), components.user != nil || components.password != nil else { return (url, nil) }
        let credentials = URLCredentials(user: components.user ?? "", password: components.password ?? "")
        components.percentEncodedUser = nil
        components.percentEncodedPassword = nil
        return (components.string ?? url, credentials)
    }

    /// `text` with the password of every `scheme://user:password@` in it replaced by `***`.
    package static func masked(_ text: String) -> String {
        guard text.contains("@"), text.contains("://") else { return text }
        var result = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            result += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            // The authority ends at the first '/', '?', '#' or white space; its userinfo at the last '@'.
            let end = rest.firstIndex { "/?#\"' \t\n<>".contains($0) } ?? rest.endIndex
            let authority = rest[..<end]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[...colon] + "***" + authority[at...]
            } else {
                result += authority
            }
            rest = rest[end...]
        }
        return result + rest
    }
}

extension URLCredentials {
    /// The names of the variables written in the password of a URL in `text`
    /// (`https://deploy:${deploy_password}@host/`): their values are secret, whatever their names.
    package static func passwordVariables(in text: String) -> Set<String> {
        guard text.contains("://"), text.contains("${") else { return [] }
        var names: Set<String> = []
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            let end = rest.firstIndex { "/?#\"' \t\n<>`".contains($0) } ?? rest.endIndex
            let authority = rest[..<end]
            rest = rest[end...]
            guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { continue }
            var password = authority[authority.index(after: colon)..<at]
            while let open = password.range(of: "${") {
                guard let close = password[open.upperBound...].firstIndex(of: "}") else { break }
                names.insert(password[open.upperBound..<close].trimmingCharacters(in: .whitespaces))
                password = password[password.index(after: close)...]
            }
        }
        return names
    }
}
