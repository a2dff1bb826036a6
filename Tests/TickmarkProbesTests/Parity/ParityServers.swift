import Foundation
import Testing
import TickmarkTestSupport

/// The servers the curl-parity tests send the same requests to with a probe and with `curl`: one
/// raw HTTP/1.1 server whose answers are written byte by byte (so that odd framing can be sent),
/// an HTTP/2-only server (`nghttpd`), and a forward proxy that asks for a password.
enum ParityServers {
    /// The raw server: `script.py [--tls CERT KEY [--client-ca CA]] [--dual] [--proxy USER:PASSWORD] [--socks]`.
    /// With `--dual`, `::1` on the same port accepts nothing (its queue is full) while 127.0.0.1
    /// answers; with `--proxy`, it is a forward proxy (absolute-form GET answered itself, CONNECT
    /// tunnelled) that wants `Proxy-Authorization: Basic` with those credentials; with `--socks`,
    /// a SOCKS5 proxy that connects every request to 127.0.0.1.
    static func raw(_ arguments: [String] = []) throws -> LoopbackScript {
        try LoopbackScript(rawServer, arguments: arguments, what: "parity server")
    }

    /// `raw(arguments)`, started on a thread of its own: the tests' tasks share a few threads,
    /// and waiting for a server to start must not hold one of them.
    static func start(_ arguments: [String] = []) async throws -> LoopbackScript {
        try await offPool { try raw(arguments) }
    }

    /// `http2(serving:certificate:key:)`, started on a thread of its own.
    static func startHTTP2(serving folder: String, certificate: String, key: String) async throws -> LoopbackScript {
        try await offPool { try http2(serving: folder, certificate: certificate, key: key) }
    }

    /// A test CA and a certificate for `localhost`, made on a thread of its own.
    static func certificates(in folder: TemporaryFolder) async throws -> TestCertificates {
        try await offPool { try TestCertificates(in: folder) }
    }

    /// Runs blocking set-up work (starting servers, the `openssl` command) on a thread of its own.
    static func offPool<Value>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        let box = await withCheckedContinuation { (continuation: CheckedContinuation<UncheckedBox<Result<Value, any Error>>, Never>) in
            Thread { continuation.resume(returning: UncheckedBox(value: Result { try work() })) }.start()
        }
        return try box.value.get()
    }

    /// Hands a value made on another thread back to the awaiting test; it is used by one test only.
    struct UncheckedBox<Value>: @unchecked Sendable {
        var value: Value
    }

    /// `nghttpd` on 127.0.0.1 serving `folder` over HTTP/2 with TLS only.
    static func http2(serving folder: String, certificate: String, key: String) throws -> LoopbackScript {
        try LoopbackScript(http2Server, arguments: [folder, key, certificate], what: "nghttpd")
    }

    private static let http2Server = #"""
    import ctypes, socket, subprocess, sys, time
    probe = socket.socket(); probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]; probe.close()
    folder, key, cert = sys.argv[1:4]
    libc = ctypes.CDLL("libc.so.6")
    server = subprocess.Popen(["nghttpd", "-a", "127.0.0.1", "-d", folder, str(port), key, cert],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=lambda: libc.prctl(1, 9))
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close(); break
        except OSError:
            time.sleep(0.05)
    print(port, flush=True)
    sys.stdin.read()
    server.kill()
    """#

    private static let rawServer = #"""
    import base64, gzip, json, os, socket, ssl, sys, threading, time, zlib
    from urllib.parse import urlsplit, parse_qs

    args = sys.argv[1:]
    tls = None
    if "--tls" in args:
        i = args.index("--tls")
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args[i + 1], args[i + 2])
        tls.set_alpn_protocols(["http/1.1"])
        if "--client-ca" in args:
            tls.verify_mode = ssl.CERT_REQUIRED
            tls.load_verify_locations(args[args.index("--client-ca") + 1])
    proxy = args[args.index("--proxy") + 1] if "--proxy" in args else None

    def response(status, body=b"", headers=(), reason="OK", end=b"\r\n", length=True):
        lines = [("HTTP/1.1 %d %s" % (status, reason)).encode()] + [("%s: %s" % h).encode() for h in headers]
        if length:
            lines.append(b"Content-Length: %d" % len(body))
        lines.append(b"Connection: close")
        return end.join(lines) + end + end + body

    def answer(method, target, headers, conn):
        url = urlsplit(target)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path
        doc = json.dumps({"version": "1.2.3", "ok": True}).encode()
        if path == "/plain": return response(200, b"hello", [("Content-Type", "text/plain")])
        if path == "/json": return response(200, doc, [("Content-Type", "application/json")])
        if path == "/chunked":
            body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in [doc[:5], doc[5:]]) + b"0\r\nX-Trailer: t\r\n\r\n"
            return response(200, body, [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], length=False)
        if path == "/gzip": return response(200, gzip.compress(doc), [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
        if path == "/deflate": return response(200, zlib.compress(doc), [("Content-Type", "application/json"), ("Content-Encoding", "deflate")])
        if path == "/repeated":
            return response(200, b"ok", [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("Cache-Control", "no-cache"), ("Cache-Control", "max-age=0")])
        if path == "/headers":
            return response(200, json.dumps({k.lower(): v for k, v in headers}).encode(), [("Content-Type", "application/json")])
        if path == "/redirect":
            return response(int(query.get("status", "302")), b"", [("Location", query["to"].replace("PORT", str(port)))], reason="Found")
        if path == "/chain":
            n = int(query.get("n", "0"))
            if n > 0: return response(302, b"", [("Location", "/chain?n=%d" % (n - 1))], reason="Found")
            return response(200, b"end of chain", [("Content-Type", "text/plain")])
        if path == "/auth":
            expected = "Basic " + base64.b64encode(b"user:p@ss w").decode()
            if dict((k.lower(), v) for k, v in headers).get("authorization") == expected:
                return response(200, b"welcome", [("Content-Type", "text/plain")])
            return response(401, b"who are you", [("WWW-Authenticate", 'Basic realm="parity"')], reason="Unauthorized")
        if path == "/numbers":
            return response(200, b'{"a": 1.0, "b": 1.10, "c": 1e2, "big": 1000000000000000, "bigger": 12345678901234567}',
                            [("Content-Type", "application/json")])
        if path == "/big":
            size = int(float(query.get("mb", "2.2")) * 1000000)
            body = b'{"key": "first", "pad": "' + b"x" * size + b'"}'
            return response(200, body, [("Content-Type", "application/json")])
        if path == "/stream":
            size = int(query.get("mb", "100")) * 1000000
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % size)
            block = b"x" * 65536
            sent = 0
            while sent < size:
                part = block[: min(len(block), size - sent)]
                conn.sendall(part)
                sent += len(part)
            return b""
        if path == "/bare-lf": return response(200, b"hello", [("Content-Type", "text/plain")], end=b"\n")
        if path == "/folded": return b"HTTP/1.1 200 OK\r\nX-Folded: first\r\n  second\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        if path == "/space-colon": return b"HTTP/1.1 200 OK\r\nX-Spaced : yes\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        if path == "/dup-length": return b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!"
        if path == "/bad-length": return b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\nConnection: close\r\n\r\nhello"
        if path == "/slow":
            time.sleep(float(query.get("seconds", "30")))
            return response(200, b"late")
        if path == "/status": return response(int(query.get("code", "200")), b"status")
        return response(404, b"not found", reason="Not Found")

    def read_head(conn):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk: return None, None, None, b""
            data += chunk
        head, rest = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = [tuple(x.strip() for x in line.split(":", 1)) for line in lines[1:] if ":" in line]
        length = int(dict((k.lower(), v) for k, v in headers).get("content-length", "0"))
        while len(rest) < length:
            chunk = conn.recv(65536)
            if not chunk: break
            rest += chunk
        return method, target, headers, rest

    def pipe(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data: break
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try: s.shutdown(socket.SHUT_RDWR)
            except OSError: pass

    def socks(conn):
        # SOCKS5 without authentication; every destination is 127.0.0.1 at the port asked for.
        head = conn.recv(2)
        conn.recv(head[1])
        conn.sendall(b"\x05\x00")
        request = conn.recv(4)
        kind = request[3]
        if kind == 1: conn.recv(4)
        elif kind == 3: conn.recv(conn.recv(1)[0])
        else: conn.recv(16)
        target_port = int.from_bytes(conn.recv(2), "big")
        upstream = socket.create_connection(("127.0.0.1", target_port))
        conn.sendall(b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")
        threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()
        pipe(conn, upstream)

    def serve(conn):
        try:
            if "--socks" in args:
                socks(conn)
                return
            if tls: conn = tls.wrap_socket(conn, server_side=True)
            method, target, headers, body = read_head(conn)
            if method is None: return
            if proxy:
                given = dict((k.lower(), v) for k, v in headers).get("proxy-authorization")
                if given != "Basic " + base64.b64encode(proxy.encode()).decode():
                    conn.sendall(response(407, b"", [("Proxy-Authenticate", 'Basic realm="proxy"')], reason="Proxy Authentication Required"))
                    return
                if method == "CONNECT":
                    host, target_port = target.rsplit(":", 1)
                    upstream = socket.create_connection(("127.0.0.1", int(target_port)))
                    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()
                    pipe(conn, upstream)
                    return
                conn.sendall(response(200, b"answered by the proxy for " + target.encode(), [("Content-Type", "text/plain")]))
                return
            conn.sendall(answer(method, target, headers, conn))
        except Exception:
            pass
        finally:
            try: conn.close()
            except OSError: pass

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    keep = []
    if "--dual" in args:
        silent = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        silent.bind(("::1", port))
        silent.listen(0)
        filler = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        filler.connect(("::1", port))
        keep += [silent, filler]
    print(port, flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
    """#
}
