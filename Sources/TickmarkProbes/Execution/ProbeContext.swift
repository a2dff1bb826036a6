import Foundation
import Tickmark

/// Everything a probe may touch outside itself, injected so that unit tests use fakes and a few
/// end-to-end tests use the real thing.
package struct ProbeContext: Sendable {
    /// The folder probes run in (relative `cwd` and file paths resolve against it).
    package var workingDirectory: String
    /// The environment variables probes see (`run` children inherit them; `env` checks them).
    package var environment: [String: String]
    /// The time limit of one attempt; executors must stop (and kill what they started) by then.
    package var timeout: Duration
    /// The current time.
    package var now: @Sendable () -> Date
    /// Starts processes (`run`, `git`).
    package var processes: any ProcessLauncher
    /// Sends HTTP requests (`http`).
    package var http: any HTTPTransport
    /// Opens TCP connections and inspects TLS certificates (`tcp`, `tls`).
    package var network: any NetworkProber
    /// Reads files (`file`, `version`, `changelog`, `checklist`).
    package var files: any FileReader
    /// The records folder (`--records`, `TICKMARK_RECORDS`, default `.tickmark`): where the
    /// `checklist` probe and `requires:` look for run records, and what `git clean` ignores.
    package var recordsFolder = RecordsFolder.defaultPath

    /// Creates a context from its parts.
    package init(
        workingDirectory: String, environment: [String: String], timeout: Duration,
        now: @escaping @Sendable () -> Date, processes: any ProcessLauncher, http: any HTTPTransport,
        network: any NetworkProber, files: any FileReader
    ) {
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
        self.now = now
        self.processes = processes
        self.http = http
        self.network = network
        self.files = files
    }

    /// `path` resolved against the working directory.
    package func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "." { return workingDirectory }
        return workingDirectory.hasSuffix("/") ? workingDirectory + path : workingDirectory + "/" + path
    }
}

// MARK: Side-effect interfaces (real implementations in System/, fakes in the tests)

/// A process to start.
package struct ProcessRequest: Sendable, Equatable {
    /// The program; a bare name is looked up in `PATH`.
    package var executable: String
    /// Its arguments.
    package var arguments: [String]
    /// Its working directory.
    package var workingDirectory: String
    /// Its complete environment.
    package var environment: [String: String]
    /// When to kill its whole process group.
    package var timeout: Duration
    /// Bytes of each output stream kept (the tail).
    package var outputLimit: Int

    /// Creates a request.
    package init(executable: String, arguments: [String], workingDirectory: String, environment: [String: String], timeout: Duration, outputLimit: Int = 64 * 1024) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
        self.outputLimit = outputLimit
    }
}

/// How a process ended.
package enum ProcessTermination: Sendable, Equatable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal (this number) ended it.
    case signaled(Int32)
    /// Killed (with its whole process group) because the timeout passed, or because the task
    /// awaiting it was cancelled.
    case timedOut
    /// Could not be started (missing binary, bad working directory…).
    case failedToStart(String)
}

/// What a finished process left.
package struct ProcessOutcome: Sendable, Equatable {
    /// How it ended.
    package var termination: ProcessTermination
    /// Standard output (tail, at most the request's `outputLimit`).
    package var standardOutput: [UInt8]
    /// Standard error (tail, at most the request's `outputLimit`).
    package var standardError: [UInt8]
    /// Both streams interleaved in the order they were read (tail, at most the request's `outputLimit`).
    package var combinedOutput: [UInt8]
    /// Whether either stream was cut.
    package var truncated: Bool
    /// Time from starting the process to its end (or to the kill, on timeout).
    package var duration: Duration

    /// Creates an outcome; `combinedOutput` defaults to standard output followed by standard error.
    package init(termination: ProcessTermination, standardOutput: [UInt8], standardError: [UInt8],
                combinedOutput: [UInt8]? = nil, truncated: Bool = false, duration: Duration = .zero) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.combinedOutput = combinedOutput ?? standardOutput + standardError
        self.truncated = truncated
        self.duration = duration
    }
}

/// Starts processes in their own process group and kills the whole group on timeout.
package protocol ProcessLauncher: Sendable {
    /// Runs the process to completion (or timeout) and returns what it left.
    func run(_ request: ProcessRequest) async -> ProcessOutcome
}

/// An HTTP request to send.
package struct HTTPRequest: Sendable, Equatable {
    /// The method, upper case.
    package var method: String
    /// The URL, `http` or `https`.
    package var url: String
    /// Headers to send, in order.
    package var headers: [HTTPHeader]
    /// The body to send.
    package var body: [UInt8]?
    /// The limit for the whole exchange, redirects included.
    package var timeout: Duration
    /// Whether to accept any server certificate.
    package var insecure: Bool
    /// Whether to follow redirects (credentials are never forwarded to another origin).
    package var followRedirects: Bool
    /// The most body bytes kept.
    package var bodyLimit = HTTPResponse.bodyLimit
    /// Whether to stop reading at `bodyLimit` (the checks need the body) or read on, counting.
    package var stopAtBodyLimit = true
    /// A PEM file of the certificate authorities to trust besides the system's (`ca`).
    package var certificateAuthorityFile: String?
    /// A PEM client certificate for mutual TLS (`cert`).
    package var clientCertificateFile: String?
    /// The PEM private key of the client certificate (`key`).
    package var clientKeyFile: String?

    /// Creates a request.
    package init(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil, timeout: Duration, insecure: Bool = false, followRedirects: Bool = true) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.insecure = insecure
        self.followRedirects = followRedirects
    }
}

/// An HTTP response.
package struct HTTPResponse: Sendable, Equatable {
    /// The largest body kept by default, in bytes (16 MiB; `max-body` changes it for a probe).
    package static let bodyLimit = 16 * 1024 * 1024

    /// The status code.
    package var status: Int
    /// The response headers.
    package var headers: [HTTPHeader]
    /// The body (at most the first `bodyLimit` bytes).
    package var body: [UInt8]
    /// Time from sending the request to receiving the whole body.
    package var latency: Duration
    /// The URL that answered, after redirects; `nil` when it is the one requested.
    package var finalURL: String?
    /// Whether the body was longer than the request's `bodyLimit` and cut.
    package var bodyTruncated: Bool
    /// The body's size as received (decoded), kept or not; at least `body.count`.
    package var bodySize: Int
    /// The protocol version that answered: `1.1`, `2` …
    package var httpVersion: String?

    /// Creates a response.
    package init(status: Int, headers: [HTTPHeader], body: [UInt8], latency: Duration, finalURL: String? = nil, bodyTruncated: Bool = false,
                 bodySize: Int? = nil, httpVersion: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
        self.finalURL = finalURL
        self.bodyTruncated = bodyTruncated
        self.bodySize = max(bodySize ?? body.count, body.count)
        self.httpVersion = httpVersion
    }

    /// The value of the first header named `name` (compared case-insensitively).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The values of every header named `name` (compared case-insensitively), in order.
    package func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}

/// Why a request or connection could not be made.
package struct NetworkFailure: Error, Sendable, Equatable {
    /// What kind of failure it was.
    package enum Kind: String, Sendable, Equatable {
        /// The host name could not be resolved.
        case nameResolution
        /// The host answered that nothing listens on the port.
        case refused
        /// The network or host cannot be reached.
        case unreachable
        /// The time limit passed.
        case timedOut
        /// The TLS handshake failed (or, for HTTP, the certificate was rejected).
        case tls
        /// Anything else: a protocol error, a reset connection, a bad URL.
        case other
    }

    /// What went wrong, one line (`connection refused`, `timed out after 2s`, `certificate expired`).
    package var message: String
    /// What kind of failure it was.
    package var kind: Kind
    /// Whether it was the timeout.
    package var timedOut: Bool { kind == .timedOut }

    /// Creates a failure of a kind.
    package init(_ message: String, kind: Kind) {
        self.message = message
        self.kind = kind
    }

    /// Creates a failure that is the timeout, or of no particular kind.
    package init(_ message: String, timedOut: Bool = false) {
        self.init(message, kind: timedOut ? .timedOut : .other)
    }
}

/// Sends HTTP requests.
package protocol HTTPTransport: Sendable {
    /// Sends the request and returns the final response (after redirects, when followed).
    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure>
}

/// The certificate a TLS server presented, as far as a probe needs it.
package struct CertificateInfo: Sendable, Equatable {
    /// The subject's distinguished name, on one line.
    package var subject: String
    /// The issuer's distinguished name, on one line.
    package var issuer: String
    /// The start of the validity period.
    package var notBefore: Date
    /// The end of the validity period.
    package var notAfter: Date
    /// Whether the chain verified against the system's trust store.
    package var chainVerified: Bool
    /// Whether the certificate is valid for the host name asked for.
    package var matchesHost: Bool
    /// The verifier's complaint when `chainVerified` is false.
    package var verificationError: String?

    /// Creates certificate facts.
    package init(subject: String, issuer: String, notBefore: Date, notAfter: Date, chainVerified: Bool, matchesHost: Bool, verificationError: String? = nil) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.chainVerified = chainVerified
        self.matchesHost = matchesHost
        self.verificationError = verificationError
    }
}

/// Opens TCP connections and performs TLS handshakes.
package protocol NetworkProber: Sendable {
    /// Opens (and closes) a TCP connection; returns how long connecting took.
    func connect(host: String, port: Int, timeout: Duration) async -> Result<Duration, NetworkFailure>
    /// Performs a TLS handshake and returns the server's certificate.
    func certificate(host: String, port: Int, serverName: String, timeout: Duration) async -> Result<CertificateInfo, NetworkFailure>
}

/// Reads files.
package protocol FileReader: Sendable {
    /// The file's bytes, `nil` when it does not exist; throws when it exists but cannot be read.
    func read(_ path: String) throws -> [UInt8]?
    /// Whether something exists at `path`.
    func exists(_ path: String) -> Bool
    /// The file's last modification time, `nil` when it does not exist.
    func modificationDate(_ path: String) -> Date?
    /// The names in a folder (empty when it does not exist).
    func list(_ folder: String) -> [String]
    /// A bounded read of the file's content (see `FileContent`), `nil` when it does not exist.
    func readContent(_ path: String, limit: Int, deadline: ContinuousClock.Instant, needle: [UInt8]?) throws -> FileContent?
}

extension ProbeContext {
    /// A context whose side effects are real: processes, HTTP, sockets and files of this machine,
    /// and the system clock.
    package static func live(workingDirectory: String, environment: [String: String], timeout: Duration) -> ProbeContext {
        ProbeContext(
            workingDirectory: workingDirectory, environment: environment, timeout: timeout,
            now: { Date() }, processes: SystemProcessLauncher(), http: CurlHTTPTransport(environment: environment),
            network: SocketNetworkProber(), files: LocalFileReader()
        )
    }
}
