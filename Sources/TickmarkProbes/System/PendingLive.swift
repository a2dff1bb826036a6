import Foundation

// Stand-ins until the system implementations land; replaced by ProbeContext.live.
struct PendingLauncher: ProcessLauncher {
    func run(_ request: ProcessRequest) async -> ProcessOutcome {
        ProcessOutcome(termination: .failedToStart("processes are not available yet"), standardOutput: [], standardError: [])
    }
}

struct PendingTransport: HTTPTransport, NetworkProber, FileReader {
    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> { .failure(NetworkFailure("not available")) }
    func connect(host: String, port: Int, timeout: Duration) async -> Result<Duration, NetworkFailure> { .failure(NetworkFailure("not available")) }
    func certificate(host: String, port: Int, serverName: String, timeout: Duration) async -> Result<CertificateInfo, NetworkFailure> { .failure(NetworkFailure("not available")) }
    func read(_ path: String) throws -> [UInt8]? { nil }
    func exists(_ path: String) -> Bool { false }
    func modificationDate(_ path: String) -> Date? { nil }
    func list(_ folder: String) -> [String] { [] }
}

extension ProbeContext {
    /// The context of a real run.
    public static func live(workingDirectory: String, environment: [String: String], timeout: Duration) -> ProbeContext {
        ProbeContext(workingDirectory: workingDirectory, environment: environment, timeout: timeout, now: { Date() },
                     processes: PendingLauncher(), http: PendingTransport(), network: PendingTransport(), files: PendingTransport())
    }
}
