import Foundation
import Testing

/// A forward HTTP proxy on 127.0.0.1 (a Python script started for one test): plain requests in
/// absolute form are passed on, CONNECT opens a tunnel, always to 127.0.0.1 at the port asked
/// for (so tests can name hosts that do not exist, which are not loopback and so use the proxy).
/// It writes each request line it receives to a log the test reads, and exits when its standard
/// input closes.
package final class LoopbackProxy {
    private let script: LoopbackScript

    /// The port the proxy listens on.
    package var port: Int { script.port }

    /// Starts the proxy.
    package init(sourceLocation: SourceLocation = #_sourceLocation) throws {
        script = try LoopbackScript(LoopbackProxy.script, files: ["requests.log"], what: "proxy", sourceLocation: sourceLocation)
    }

    /// The request lines the proxy has received, in order.
    package var requestLines: [String] {
        let log = script.folder.path + "/requests.log"
        return ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Kills the proxy.
    package func stop() { script.stop() }

    private static let script = #"""
    import os, select, socket, sys, threading
    from urllib.parse import urlsplit

    log = open(sys.argv[1], "a", buffering=1)
    lock = threading.Lock()

    def relay(a, b):
        sockets = [a, b]
        while True:
            ready, _, _ = select.select(sockets, [], [], 30)
            if not ready:
                return
            for s in ready:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)

    def handle(client):
        try:
            reader = client.makefile("rb")
            line = reader.readline().decode("latin-1")
            headers = []
            while True:
                header = reader.readline()
                if header in (b"\r\n", b"\n", b""):
                    break
                headers.append(header)
            with lock:
                log.write(line.strip() + "\n")
            method, target, version = line.split()
            if method == "CONNECT":
                host, port = target.rsplit(":", 1)
                upstream = socket.create_connection(("127.0.0.1", int(port)))
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                parts = urlsplit(target)
                upstream = socket.create_connection(("127.0.0.1", parts.port or 80))
                path = (parts.path or "/") + ("?" + parts.query if parts.query else "")
                kept = [h for h in headers if not h.lower().startswith(b"proxy-")]
                upstream.sendall(f"{method} {path} {version}\r\n".encode() + b"".join(kept) + b"\r\n")
            relay(client, upstream)
            upstream.close()
        except Exception:
            pass
        finally:
            client.close()

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    print(server.getsockname()[1], flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    while True:
        connection, _ = server.accept()
        threading.Thread(target=handle, args=(connection,), daemon=True).start()
    """#
}
