import Foundation
import Testing
import TickmarkTestSupport

/// The service as deployed, on a loopback port: `/health`, `/api/version` (the version and commit
/// the test writes to `deployed.json`), the web app at `/app`, CORS on `OPTIONS`, 404 elsewhere.
/// An outage: after `crash(afterHealthChecks:)`, the process dies shortly after answering that
/// many more health checks (a fixed point in a watch, whatever the machine's speed).
final class ServiceServer: @unchecked Sendable {
    private let script: LoopbackScript

    /// `http://127.0.0.1:PORT`.
    var base: String { "http://127.0.0.1:\(script.port)" }

    init() throws {
        script = try LoopbackScript(Self.source, files: ["deployed.json", "crash-after"], what: "service")
        try deploy(version: "1.3.2", commit: "")
    }

    /// What `/api/version` answers from now on.
    func deploy(version: String, commit: String) throws {
        try #"{"version": "\#(version)", "commit": "\#(commit)"}"#.write(toFile: script.folder.path + "/deployed.json", atomically: true, encoding: .utf8)
    }

    /// The process exits 0.8 s after it answered `count` more `/health` requests.
    func crash(afterHealthChecks count: Int) throws {
        try "\(count)".write(toFile: script.folder.path + "/crash-after", atomically: true, encoding: .utf8)
    }

    /// Kills the server.
    func stop() { script.stop() }

    static let source = #"""
    import http.server, json, os, sys, threading

    deployed, crash_after = sys.argv[1], sys.argv[2]
    health_checks = []
    lock = threading.Lock()

    def count_health_check():
        with open(crash_after) as handle:
            limit = handle.read().strip()
        if not limit:
            return
        with lock:
            health_checks.append(1)
            if len(health_checks) == int(limit):
                threading.Timer(0.8, lambda: os._exit(1)).start()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *arguments): pass

        def send(self, code, body, kind="application/json", headers=()):
            data = body.encode()
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers: self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/health":
                self.send(200, '{"status": "ok"}')
                return count_health_check()
            if self.path == "/api/version":
                with open(deployed) as handle:
                    return self.send(200, handle.read())
            if self.path == "/app":
                return self.send(200, "<!doctype html><title>Service</title>", "text/html")
            return self.send(404, '{"error": "not found"}')

        def do_OPTIONS(self):
            origin = self.headers.get("Origin", "")
            self.send(204, "", "text/plain", [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Methods", "GET")])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    def watch_parent():
        sys.stdin.buffer.read()
        os._exit(0)
    threading.Thread(target=watch_parent, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
}
