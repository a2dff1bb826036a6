import CTickmarkCurl
import Foundation
import Tickmark

/// One request and its response with a libcurl easy handle, set up here and performed by the
/// process's `CurlMultiDriver`: no redirect followed, the body decoded when the server compressed
/// it, HTTP/2 when the server offers it over TLS, proxies as libcurl reads them from the
/// environment unless given. A transfer has a connection and a DNS cache of its own, as a
/// separate `curl` command would.
struct CurlTransfer {
    /// What to send.
    struct Hop {
        var url: String
        var method: String
        var headers: [HTTPHeader]
        var body: [UInt8]?
        var user: String?
        var password: String?
    }

    /// What came back.
    struct Answer {
        var status: Int
        var headers: [HTTPHeader]
        var body: [UInt8]
        var bodySize: Int
        var truncated: Bool
        var redirectURL: String?
        var httpVersion: String
    }

    /// Why the transfer failed, with the facts needed to word it.
    struct Failure: Error {
        var code: CURLcode
        var detail: String
        var osError: Int
        var connected: Bool
        var answered: Bool
    }

    var request: HTTPRequest
    var options: CurlOptions

    /// Performs `hop` within `remaining` on `driver`; a cancelled task stops it at once.
    func perform(_ hop: Hop, remaining: Duration, driver: CurlMultiDriver) async -> Result<Answer, Failure> {
        guard let handle = tickmark_curl_easy_init() else {
            return .failure(Failure(code: CURLE_FAILED_INIT, detail: "cannot set up libcurl", osError: 0, connected: false, answered: false))
        }
        // The share holding the handle's DNS cache is freed after the handle (defers run in reverse).
        var dnsCache: UnsafeMutableRawPointer?
        defer { tickmark_curl_share_cleanup(dnsCache) }
        defer { tickmark_curl_easy_cleanup(handle) }
        let receiver = CurlReceiver(limit: request.bodyLimit, stopAtLimit: request.stopAtBodyLimit)
        let slot = UnsafeMutablePointer<tickmark_curl_sink_slot>.allocate(capacity: 1)
        defer { slot.deallocate() }
        let context = Unmanaged.passRetained(receiver)
        defer { context.release() }
        slot.initialize(to: tickmark_curl_sink_slot(function: { context, kind, bytes, count in
            guard let context else { return 1 }
            let receiver = Unmanaged<CurlReceiver>.fromOpaque(context).takeUnretainedValue()
            let buffer = UnsafeRawBufferPointer(start: bytes, count: count)
            return (kind == 0 ? receiver.header(buffer) : receiver.bodyBytes(buffer)) ? 0 : 1
        }, context: context.toOpaque()))
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        var lists: [OpaquePointer?] = []
        defer { lists.forEach { tickmark_curl_list_free(UnsafeMutablePointer($0)) } }
        func list(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
            var list: UnsafeMutablePointer<curl_slist>?
            for line in lines { list = tickmark_curl_list_append(list, line) }
            lists.append(OpaquePointer(list))
            return list
        }

        var code = CURLE_OK
        func set(_ option: CURLoption, _ value: Int) { if code == CURLE_OK { code = tickmark_curl_set_long(handle, option, value) } }
        func set(_ option: CURLoption, _ value: String?) {
            guard let value, code == CURLE_OK else { return }
            code = tickmark_curl_set_string(handle, option, value)
        }
        code = tickmark_curl_set_sink(handle, slot)
        if code == CURLE_OK { code = tickmark_curl_set_string(handle, CURLOPT_ERRORBUFFER, errorBuffer) }
        set(CURLOPT_URL, hop.url)
        set(CURLOPT_NOSIGNAL, 1)
        // One connection per transfer, never kept for another nor taken from one, no TLS session
        // resumed, and names resolved afresh (the multi handle would share all of these).
        set(CURLOPT_FRESH_CONNECT, 1)
        set(CURLOPT_FORBID_REUSE, 1)
        set(CURLOPT_SSL_SESSIONID_CACHE, 0)
        if code == CURLE_OK { code = tickmark_curl_set_own_dns_cache(handle, &dnsCache) }
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_ACCEPT_ENCODING, "")
        let milliseconds = max(1, Int((remaining.seconds * 1000).rounded(.up)))
        set(CURLOPT_TIMEOUT_MS, milliseconds)
        set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        set(CURLOPT_USERAGENT, "tickmark")
        if request.insecure {
            set(CURLOPT_SSL_VERIFYPEER, 0)
            set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        set(CURLOPT_CAINFO, request.certificateAuthorityFile ?? options.certificateAuthorityFile)
        if request.certificateAuthorityFile == nil { set(CURLOPT_CAPATH, options.certificateAuthorityFolder) }
        set(CURLOPT_SSLCERT, request.clientCertificateFile)
        set(CURLOPT_SSLKEY, request.clientKeyFile)
        set(CURLOPT_PROXY, options.proxy)
        set(CURLOPT_NOPROXY, options.noProxy)
        if !options.resolve.isEmpty, code == CURLE_OK { code = tickmark_curl_set_list(handle, CURLOPT_RESOLVE, list(options.resolve)) }
        if let user = hop.user {
            set(CURLOPT_USERNAME, user)
            set(CURLOPT_PASSWORD, hop.password ?? "")
        }
        switch hop.method {
        case "HEAD": set(CURLOPT_NOBODY, 1)
        case "GET" where hop.body == nil: break
        case "POST": break
        default: set(CURLOPT_CUSTOMREQUEST, hop.method)
        }
        if let body = hop.body ?? (hop.method == "POST" ? [] : nil), code == CURLE_OK {
            code = tickmark_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            if code == CURLE_OK {
                // COPYPOSTFIELDS copies POSTFIELDSIZE bytes: NUL bytes in the body are sent too.
                let bytes = body.isEmpty ? [0] : body
                code = bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { tickmark_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
                }
            }
        }
        let headerLines = hop.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        if !headerLines.isEmpty, code == CURLE_OK { code = tickmark_curl_set_list(handle, CURLOPT_HTTPHEADER, list(headerLines)) }
        if code == CURLE_OK { code = await driver.perform(handle) }

        var status = 0
        tickmark_curl_info_long(handle, CURLINFO_RESPONSE_CODE, &status)
        if code == CURLE_WRITE_ERROR, receiver.stoppedAtLimit { code = CURLE_OK }
        guard code == CURLE_OK else {
            var osError = 0
            tickmark_curl_info_long(handle, CURLINFO_OS_ERRNO, &osError)
            var connectTime: curl_off_t = 0
            tickmark_curl_info_offset(handle, CURLINFO_CONNECT_TIME_T, &connectTime)
            let detail = String(cString: errorBuffer)
            return .failure(Failure(code: code, detail: detail.isEmpty ? String(cString: tickmark_curl_strerror(code)) : detail,
                                    osError: osError, connected: connectTime > 0, answered: status > 0 || !receiver.headerLines.isEmpty))
        }
        var redirect: UnsafePointer<CChar>?
        tickmark_curl_info_string(handle, CURLINFO_REDIRECT_URL, &redirect)
        var version = 0
        tickmark_curl_info_long(handle, CURLINFO_HTTP_VERSION, &version)
        return .success(Answer(
            status: status, headers: receiver.headers, body: receiver.body, bodySize: receiver.bodySize,
            truncated: receiver.bodySize > receiver.body.count || receiver.stoppedAtLimit,
            redirectURL: redirect.map { String(cString: $0) }, httpVersion: CurlTransfer.versionText(version)
        ))
    }

    private static func versionText(_ version: Int) -> String {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: "1.1"
        }
    }
}

/// How the transport sets libcurl up beyond what a request says.
struct CurlOptions: Sendable {
    /// A CA file trusted besides the system's store, when a request names none.
    var certificateAuthorityFile: String?
    /// A folder of hashed CA certificates searched besides (`SSL_CERT_DIR`, as `curl --capath`).
    var certificateAuthorityFolder: String?
    /// The proxy to use (as `curl -x`); nil lets libcurl read the environment.
    var proxy: String?
    /// Hosts reached without a proxy (as `curl --noproxy`); nil lets libcurl read the environment.
    var noProxy: String?
    /// Addresses for host names (as `curl --resolve HOST:PORT:ADDRESS,…`).
    var resolve: [String] = []
}
