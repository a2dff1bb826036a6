import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// What the `curl` command made of a request: its exit status, the final status code, the body,
/// and the HTTP version that answered.
struct CurlVerdict {
    var exitStatus: Int32
    var status: Int
    var body: String
    var httpVersion: String
    var errors: String

    /// Whether curl got a response at all (exit 0).
    var answered: Bool { exitStatus == 0 }

    /// Runs `curl` with `arguments` (the URL among them), asking for decoded bodies and no proxy
    /// from the environment unless the arguments name one. It waits on a thread of its own, not
    /// on one of the few threads the tests' tasks share.
    static func of(_ arguments: [String]) async throws -> CurlVerdict {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<CurlVerdict, any Error>, Never>) in
            Thread { continuation.resume(returning: Result { try blocking(arguments) }) }.start()
        }
        return try result.get()
    }

    private static func blocking(_ arguments: [String]) throws -> CurlVerdict {
        let marker = "\n--tickmark-parity--"
        let run = try run("curl", ["-sS", "--compressed", "-w", "\(marker)%{http_code} %{http_version}"] + arguments,
                          environment: ["PATH": "/usr/bin:/bin"])
        let parts = run.output.components(separatedBy: marker)
        let tail = (parts.last ?? "").split(separator: " ")
        return CurlVerdict(exitStatus: run.status, status: Int(tail.first ?? "") ?? 0, body: parts.dropLast().joined(separator: marker),
                           httpVersion: tail.count > 1 ? String(tail[1]) : "", errors: run.errors)
    }
}

/// Runs probes the way `tickmark run` does, with a transport the test sets up.
enum ParityProbe {
    static func context(_ transport: CurlHTTPTransport = CurlHTTPTransport(), network: SocketNetworkProber = SocketNetworkProber(),
                        timeout: Duration = .seconds(10)) -> ProbeContext {
        var context = ProbeContext.live(workingDirectory: "/tmp", environment: [:], timeout: timeout)
        context.http = transport
        context.network = network
        return context
    }

    static func run(_ probe: String, _ transport: CurlHTTPTransport = CurlHTTPTransport(), timeout: Duration = .seconds(10),
                    sourceLocation: SourceLocation = #_sourceLocation) async throws -> ProbeResult {
        try await ProbeRun.inline(probe, in: context(transport, timeout: timeout), sourceLocation: sourceLocation)
    }
}
