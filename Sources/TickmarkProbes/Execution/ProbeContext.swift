import Foundation
import Tickmark

/// Everything a probe may touch outside itself, injected so that unit tests use fakes and a few
/// end-to-end tests use the real thing.
public struct ProbeContext: Sendable {
    /// The folder probes run in (relative `cwd` and file paths resolve against it).
    public var workingDirectory: String
    /// The environment variables probes see (`run` children inherit them; `env` checks them).
    public var environment: [String: String]
    /// The time limit of one attempt; executors must stop (and kill what they started) by then.
    public var timeout: Duration
    /// The current time.
    public var now: @Sendable () -> Date
    /// Starts processes (`run`, `git`).
    public var processes: any ProcessLauncher
    /// Sends HTTP requests (`http`).
    public var http: any HTTPTransport
    /// Opens TCP connections and inspects TLS certificates (`tcp`, `tls`).
    public var network: any NetworkProber
    /// Reads files (`file`, `version`, `changelog`, `checklist`).
    public var files: any FileReader

    /// Creates a context from its parts.
    public init(
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
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "." { return workingDirectory }
        return workingDirectory.hasSuffix("/") ? workingDirectory + path : workingDirectory + "/" + path
    }
}

// MARK: Side-effect interfaces (real implementations and fakes live beside their kinds)

/// A process to start.
public struct ProcessRequest: Sendable, Equatable {
    /// The program; a bare name is looked up in `PATH`.
    public var executable: String
    /// Its arguments.
    public var arguments: [String]
    /// Its working directory.
    public var workingDirectory: String
    /// Its complete environment.
    public var environment: [String: String]
    /// When to kill its whole process group.
    public var timeout: Duration
    /// Bytes of each output stream kept (the tail).
    public var outputLimit: Int

    /// Creates a request.
    public init(executable: String, arguments: [String], workingDirectory: String, environment: [String: String], timeout: Duration, outputLimit: Int = 64 * 1024) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
        self.outputLimit = outputLimit
    }
}

/// How a process ended.
public enum ProcessTermination: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// Killed (with its whole process group) because the timeout passed.
    case timedOut
    /// Could not be started (missing binary, bad working directory…).
    case failedToStart(String)
}

/// What a finished process left.
public struct ProcessOutcome: Sendable, Equatable {
    public var termination: ProcessTermination
    /// Standard output (tail, at most the request's `outputLimit`).
    public var standardOutput: [UInt8]
    /// Standard error (tail, at most the request's `outputLimit`).
    public var standardError: [UInt8]
    /// Whether either stream was cut.
    public var truncated: Bool

    public init(termination: ProcessTermination, standardOutput: [UInt8], standardError: [UInt8], truncated: Bool = false) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.truncated = truncated
    }
}

/// Starts processes in their own process group and kills the whole group on timeout.
public protocol ProcessLauncher: Sendable {
    /// Runs the process to completion (or timeout) and returns what it left.
    func run(_ request: ProcessRequest) async -> ProcessOutcome
}

/// An HTTP request to send.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    public var timeout: Duration
    public var insecure: Bool
    public var followRedirects: Bool

    public init(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil, timeout: Duration, insecure: Bool = false, followRedirects: Bool = true) {
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
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [HTTPHeader]
    /// The body (at most the first 1 MiB).
    public var body: [UInt8]
    /// Time from sending the request to receiving the whole body.
    public var latency: Duration

    public init(status: Int, headers: [HTTPHeader], body: [UInt8], latency: Duration) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
    }
}

/// Why a request or connection could not be made.
public struct NetworkFailure: Error, Sendable, Equatable {
    /// What went wrong, one line (`connection refused`, `timed out after 2s`, `certificate expired`).
    public var message: String
    /// Whether it was the timeout.
    public var timedOut: Bool

    public init(_ message: String, timedOut: Bool = false) {
        self.message = message
        self.timedOut = timedOut
    }
}

/// Sends HTTP requests.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure>
}

/// The certificate a TLS server presented, as far as a probe needs it.
public struct CertificateInfo: Sendable, Equatable {
    public var subject: String
    public var issuer: String
    public var notBefore: Date
    public var notAfter: Date
    /// Whether the chain verified against the system's trust store.
    public var chainVerified: Bool
    /// Whether the certificate is valid for the host name asked for.
    public var matchesHost: Bool
    /// The verifier's complaint when `chainVerified` is false.
    public var verificationError: String?

    public init(subject: String, issuer: String, notBefore: Date, notAfter: Date, chainVerified: Bool, matchesHost: Bool, verificationError: String? = nil) {
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
public protocol NetworkProber: Sendable {
    /// Opens (and closes) a TCP connection; returns how long connecting took.
    func connect(host: String, port: Int, timeout: Duration) async -> Result<Duration, NetworkFailure>
    /// Performs a TLS handshake and returns the server's certificate.
    func certificate(host: String, port: Int, serverName: String, timeout: Duration) async -> Result<CertificateInfo, NetworkFailure>
}

/// Reads files.
public protocol FileReader: Sendable {
    /// The file's bytes, `nil` when it does not exist; throws when it exists but cannot be read.
    func read(_ path: String) throws -> [UInt8]?
    /// Whether something exists at `path`.
    func exists(_ path: String) -> Bool
    /// The file's last modification time, `nil` when it does not exist.
    func modificationDate(_ path: String) -> Date?
    /// The names in a folder (empty when it does not exist).
    func list(_ folder: String) -> [String]
}
