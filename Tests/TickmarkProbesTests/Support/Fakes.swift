import Foundation
import Synchronization
import TickmarkProbes

/// A process launcher that answers from a closure and remembers every request.
final class FakeProcessLauncher: ProcessLauncher {
    private let answer: @Sendable (ProcessRequest) -> ProcessOutcome
    private let recorded = Mutex<[ProcessRequest]>([])

    init(_ answer: @escaping @Sendable (ProcessRequest) -> ProcessOutcome) {
        self.answer = answer
    }

    /// A launcher whose processes all end the same way.
    convenience init(_ outcome: ProcessOutcome) {
        self.init { _ in outcome }
    }

    /// The requests received, in order.
    var requests: [ProcessRequest] { recorded.withLock { $0 } }

    func run(_ request: ProcessRequest) async -> ProcessOutcome {
        recorded.withLock { $0.append(request) }
        return answer(request)
    }

    /// An outcome with text output.
    static func exited(_ status: Int32, stdout: String = "", stderr: String = "") -> ProcessOutcome {
        ProcessOutcome(termination: .exited(status), standardOutput: Array(stdout.utf8), standardError: Array(stderr.utf8),
                       duration: .milliseconds(12))
    }

    /// A launcher answering `git -C REPO ARGS…` by ARGS; other commands exit 127.
    static func git(_ answers: [[String]: ProcessOutcome]) -> FakeProcessLauncher {
        FakeProcessLauncher { request in
            guard request.executable == "git", request.arguments.count >= 2, request.arguments[0] == "-C" else {
                return exited(127, stderr: "\(request.executable): not found")
            }
            return answers[Array(request.arguments.dropFirst(2))] ?? exited(128, stderr: "fatal: unexpected command in test: \(request.arguments)")
        }
    }
}

/// An HTTP transport that answers from a closure and remembers every request.
final class FakeHTTPTransport: HTTPTransport {
    private let answer: @Sendable (HTTPRequest) -> Result<HTTPResponse, NetworkFailure>
    private let recorded = Mutex<[HTTPRequest]>([])

    init(_ answer: @escaping @Sendable (HTTPRequest) -> Result<HTTPResponse, NetworkFailure>) {
        self.answer = answer
    }

    /// A transport that always gives this response.
    convenience init(status: Int, body: String = "", headers: [HTTPHeader] = [], latency: Duration = .milliseconds(20)) {
        self.init { _ in .success(HTTPResponse(status: status, headers: headers, body: Array(body.utf8), latency: latency)) }
    }

    var requests: [HTTPRequest] { recorded.withLock { $0 } }

    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
        recorded.withLock { $0.append(request) }
        return answer(request)
    }
}

/// A network prober with fixed answers that remembers what it was asked.
final class FakeNetworkProber: NetworkProber {
    struct Call: Equatable {
        var host: String
        var port: Int
        var serverName: String?
        var timeout: Duration
    }

    private let connection: Result<Duration, NetworkFailure>
    private let certificateAnswer: Result<CertificateInfo, NetworkFailure>
    private let recorded = Mutex<[Call]>([])

    init(connection: Result<Duration, NetworkFailure> = .success(.milliseconds(3)),
         certificate: Result<CertificateInfo, NetworkFailure> = .failure(NetworkFailure("no TLS in this test", kind: .other))) {
        self.connection = connection
        self.certificateAnswer = certificate
    }

    var calls: [Call] { recorded.withLock { $0 } }

    func connect(host: String, port: Int, timeout: Duration) async -> Result<Duration, NetworkFailure> {
        recorded.withLock { $0.append(Call(host: host, port: port, serverName: nil, timeout: timeout)) }
        return connection
    }

    func certificate(host: String, port: Int, serverName: String, timeout: Duration) async -> Result<CertificateInfo, NetworkFailure> {
        recorded.withLock { $0.append(Call(host: host, port: port, serverName: serverName, timeout: timeout)) }
        return certificateAnswer
    }
}

/// Files held in memory, by absolute path.
struct InMemoryFileReader: FileReader {
    struct File {
        var bytes: [UInt8]
        var modified: Date
    }

    var files: [String: File] = [:]
    /// Folders that exist (folders holding a file exist anyway).
    var folders: Set<String> = []
    /// Paths that exist but cannot be read.
    var unreadable: Set<String> = []

    init(_ files: [String: String] = [:], modified: Date = FixedClock.date) {
        for (path, text) in files { self.files[path] = File(bytes: Array(text.utf8), modified: modified) }
    }

    struct Unreadable: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path): permission denied" }
    }

    func read(_ path: String) throws -> [UInt8]? {
        if unreadable.contains(path) { throw Unreadable(path: path) }
        return files[path]?.bytes
    }

    func exists(_ path: String) -> Bool {
        files[path] != nil || unreadable.contains(path) || folders.contains(path) || files.keys.contains { $0.hasPrefix(path + "/") }
    }

    func modificationDate(_ path: String) -> Date? { files[path]?.modified }

    func list(_ folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let below = files.keys.filter { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count) }
        return Set(below.compactMap { $0.split(separator: "/").first.map(String.init) }).sorted()
    }
}

/// A clock stopped at a known instant: Friday 2026-05-15 14:30:00 UTC.
enum FixedClock {
    static let date = Date(timeIntervalSince1970: 1_778_855_400)

    /// `date` moved by a number of days (negative: earlier).
    static func days(_ count: Double) -> Date { date.addingTimeInterval(count * 86400) }
}
