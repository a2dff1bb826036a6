import Foundation
import Testing

/// A small HTTP(S) server on 127.0.0.1, a Python script started for one test.
///
/// Endpoints: `/json`, `/slow?seconds=N`, `/redirect?to=URL` (302; `PORT` in URL becomes the
/// server's port), `/headers` (the request headers as JSON, names in lower case), `/big` (3 MiB),
/// and POST echoing the body. The script exits when its standard input closes, so it cannot
/// outlive the test process.
package final class LoopbackServer {
    /// `http`, or `https` when started with a certificate.
    package let scheme: String
    private let script: LoopbackScript

    /// The port the server listens on.
    package var port: Int { script.port }
    /// `scheme://127.0.0.1:port`.
    package var base: String { "\(scheme)://127.0.0.1:\(port)" }

    /// Starts the server on `port` (0: any free port); with a certificate and key, it speaks HTTPS.
    /// A server stopped with `stop()` can be started again on its port, as a service restarts.
    package init(port: Int = 0, certificate: String? = nil, key: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        script = try LoopbackScript(LoopbackServer.script, arguments: [String(port)] + [certificate, key].compactMap { $0 }, what: "server", sourceLocation: sourceLocation)
        scheme = certificate == nil ? "http" : "https"
    }

    /// Kills the server.
    package func stop() { script.stop() }

    private static let script = #"""
    import http.server, json, os, ssl, sys, threading, time, urllib.parse

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *arguments): pass
        def answer(self, code, body, content_type="text/plain", headers=()):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers: self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD": self.wfile.write(body)
        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(url.query)
            if url.path == "/slow":
                time.sleep(float(query.get("seconds", ["5"])[0]))
                self.answer(200, b"late")
            elif url.path == "/redirect":
                target = query["to"][0].replace("PORT", str(self.server.server_address[1]))
                self.answer(302, b"", headers=[("Location", target)])
            elif url.path == "/headers":
                body = json.dumps({name.lower(): value for name, value in self.headers.items()})
                self.answer(200, body.encode(), "application/json")
            elif url.path == "/big":
                self.answer(200, b"x" * (3 * 1024 * 1024))
            else:
                self.answer(200, b'{"ok": true, "version": "1.2.3"}', "application/json")
        do_HEAD = do_GET
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.answer(201, body, "application/json")

    # Room for many requests arriving at once (the default backlog of 5 drops some handshakes).
    http.server.ThreadingHTTPServer.request_queue_size = 128
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    if len(sys.argv) > 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    def watch_parent():
        sys.stdin.buffer.read()
        os._exit(0)
    threading.Thread(target=watch_parent, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
}

/// A certificate authority and a certificate it signed for `localhost` and `127.0.0.1`, valid
/// for 30 days, made with the `openssl` command.
package struct TestCertificates: Sendable {
    /// The path of the authority's certificate (PEM).
    package let authority: String
    /// The path of the server certificate (PEM).
    package let certificate: String
    /// The path of the server certificate's private key (PEM).
    package let key: String

    /// Makes the authority and the certificate in `folder`.
    package init(in folder: TemporaryFolder) throws {
        let curve = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        try folder.write("leaf.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
        try Shell.run("""
            openssl req -x509 \(curve) -keyout ca.key -out ca.pem -days 30 -subj '/CN=Tickmark Test CA' \
              -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign && \
            openssl req \(curve) -keyout leaf.key -out leaf.csr -subj '/O=Tickmark/CN=localhost' && \
            openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile leaf.ext -out leaf.pem
            """, in: folder.path)
        authority = folder.path + "/ca.pem"
        certificate = folder.path + "/leaf.pem"
        key = folder.path + "/leaf.key"
    }
}
