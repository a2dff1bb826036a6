import CTickmarkCurl
import Foundation

/// libcurl, loaded on first use with `dlopen("libcurl.so.4")` (Debian's `libcurl4`). Only HTTP
/// requests load it: other commands start without it, and the packaged binary links nothing but
/// the C library.
package enum CurlLibrary {
    /// The library's file name, as the dynamic loader finds it.
    static let fileName = "libcurl.so.4"
    /// The Debian package that provides it.
    static let package = "libcurl4"

    /// Loads libcurl if it is not loaded yet; nil when it is ready, otherwise why not.
    static func load() -> NetworkFailure? {
        var reason = [CChar](repeating: 0, count: 512)
        guard tickmark_curl_load(fileName, &reason, reason.count) != 0 else { return nil }
        return missing(reason: text(reason))
    }

    /// Whether the library named `fileName` could be loaded, without loading it for use; nil
    /// when it could, otherwise the failure an HTTP probe reports.
    package static func check(_ fileName: String) -> NetworkFailure? {
        var reason = [CChar](repeating: 0, count: 512)
        guard tickmark_curl_try_open(fileName, &reason, reason.count) != 0 else { return nil }
        return missing(reason: text(reason))
    }

    /// The loaded version ("7.88.1"), nil before loading.
    static var version: String? { tickmark_curl_version().map { String(cString: $0) } }

    /// The failure for a library that cannot be loaded: it names the package to install.
    static func missing(reason: String) -> NetworkFailure {
        NetworkFailure("HTTP probes need libcurl, which cannot be loaded (\(reason)); install it with "
                       + "'apt-get install \(package)' (Debian and Ubuntu)", kind: .other)
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
