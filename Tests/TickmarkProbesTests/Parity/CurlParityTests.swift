import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// Each case sends the same request with an `http` probe and with the `curl` command to the same
/// loopback server, and compares: where curl's behaviour is the contract (framing, compression,
/// HTTP/2, address fallback, proxies, credentials, TLS), the probe's verdict must be curl's.
/// One test at a time: each starts servers and waits for them.
@Suite(.serialized, .timeLimit(.minutes(1))) struct CurlParityTests {
    @Test func plainChunkedAndCompressedBodiesReadAsCurlReadsThem() async throws {
        let server = try await ParityServers.start()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        for path in ["/json", "/chunked", "/gzip", "/deflate"] {
            let probe = try await ParityProbe.run("probe: http \(base)\(path) json=.version=1.2.3 body=version")
            let curl = try await CurlVerdict.of(["\(base)\(path)"])
            #expect(probe.status == .pass, "\(path): \(probe.reason)")
            #expect(curl.answered && curl.status == 200 && curl.body.contains("1.2.3"), "\(path): curl got \(curl.body)")
        }
    }

    @Test func headerPresenceAndRepeatedHeadersAreChecked() async throws {
        let server = try await ParityServers.start()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let present = try await ParityProbe.run("probe: http \(base)/plain header=Content-Type")
        #expect(present.status == .pass, "\(present.reason)")
        let repeated = try await ParityProbe.run("probe: http \(base)/repeated header=Set-Cookie:b=2 header=Cache-Control:max-age=0")
        #expect(repeated.status == .pass, "\(repeated.reason)")
        let absent = try await ParityProbe.run("probe: http \(base)/repeated header=Set-Cookie:c=3")
        #expect(absent.reason == #"header Set-Cookie is "a=1", "b=2", expected one of them to contain "c=3""#)
        let curl = try await CurlVerdict.of(["-D", "-", "-o", "/dev/null", "\(base)/repeated"])
        #expect(curl.body.contains("Set-Cookie: a=1") && curl.body.contains("Set-Cookie: b=2"))
    }

    @Test func anIPv6AddressThatDoesNotAnswerFallsBackToIPv4() async throws {
        let server = try await ParityServers.start(["--dual"])
        defer { server.stop() }
        let resolve = "dual.test:\(server.port):[::1],127.0.0.1"
        let clock = ContinuousClock()
        var start = clock.now
        let probe = try await ParityProbe.run("probe: http http://dual.test:\(server.port)/plain body=hello",
                                              CurlHTTPTransport(resolve: [resolve]), timeout: .seconds(20))
        let probeTime = clock.now - start
        start = clock.now
        let curl = try await CurlVerdict.of(["--resolve", resolve, "--max-time", "20", "http://dual.test:\(server.port)/plain"])
        let curlTime = clock.now - start
        #expect(probe.status == .pass, "\(probe.reason)")
        #expect(curl.answered && curl.status == 200)
        #expect(probeTime < .seconds(5) && curlTime < .seconds(5), "probe \(probeTime), curl \(curlTime)")

        // tcp and tls probes fall back the same way.
        let network = SocketNetworkProber(hosts: ["dual.test": ["::1", "127.0.0.1"]])
        start = clock.now
        let tcp = try await ProbeRun.inline("probe: tcp dual.test:\(server.port)", in: ParityProbe.context(network: network, timeout: .seconds(20)))
        #expect(tcp.status == .pass, "\(tcp.reason)")
        #expect(clock.now - start < .seconds(5))
    }

    @Test func jsonNumbersCompareByValue() async throws {
        let server = try await ParityServers.start()
        defer { server.stop() }
        let probe = try await ParityProbe.run(
            "probe: http http://127.0.0.1:\(server.port)/numbers json=.a=1.0 json=.a=1 json=.b=1.1 json=.b=1.10 json=.c=100 json=.c=1e2 "
                + "json=.big=1000000000000000 json=.big=1e15 json=.bigger=12345678901234567")
        #expect(probe.status == .pass, "\(probe.reason)")
        let wrong = try await ParityProbe.run("probe: http http://127.0.0.1:\(server.port)/numbers json=.a=2 json=.c=1e3")
        #expect(wrong.reason == "json .a is 1, expected \"2\"; json .c is 100, expected \"1e3\"")
    }

    @Test func aProxyPasswordIsPercentDecodedAsCurlDecodesIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let certificates = try await ParityServers.certificates(in: folder)
        let origin = try await ParityServers.start(["--tls", certificates.certificate, certificates.key])
        defer { origin.stop() }
        let proxy = try await ParityServers.start(["--proxy", "proxyuser:p@ss:w0rd"])
        defer { proxy.stop() }
        let proxyURL = "http://proxyuser:p%40ss%3Aw0rd@127.0.0.1:\(proxy.port)"
        let target = "https://localhost:\(origin.port)/json"
        let probe = try await ParityProbe.run("probe: http \(target) ca=\(certificates.authority) json=.ok=true",
                                              CurlHTTPTransport(proxy: proxyURL, noProxy: ""))
        let curl = try await CurlVerdict.of(["-x", proxyURL, "--noproxy", "", "--cacert", certificates.authority, target])
        #expect(probe.status == .pass, "\(probe.reason)")
        #expect(curl.answered && curl.status == 200, "\(curl.errors)")

        let wrongURL = "http://proxyuser:wrong@127.0.0.1:\(proxy.port)"
        let refused = try await ParityProbe.run("probe: http \(target) ca=\(certificates.authority)", CurlHTTPTransport(proxy: wrongURL, noProxy: ""))
        let curlRefused = try await CurlVerdict.of(["-x", wrongURL, "--noproxy", "", "--cacert", certificates.authority, target])
        #expect(refused.status == .error && !curlRefused.answered, "\(refused.reason) / curl exit \(curlRefused.exitStatus)")
        #expect(!refused.reason.contains("wrong"), "\(refused.reason)")

        let plain = try await ParityProbe.run("probe: http http://service.test:1/x body=service.test", CurlHTTPTransport(proxy: proxyURL, noProxy: ""))
        #expect(plain.status == .pass, "\(plain.reason)")

        // A CIDR range in no_proxy is reached directly, as curl reaches it.
        let direct = try await ParityProbe.run("probe: http https://127.0.0.1:\(origin.port)/json insecure=true json=.ok=true",
                                               CurlHTTPTransport(proxy: wrongURL, noProxy: "10.0.0.0/8, 127.0.0.0/8"))
        let curlDirect = try await CurlVerdict.of(["-x", wrongURL, "--noproxy", "10.0.0.0/8,127.0.0.0/8", "-k", "https://127.0.0.1:\(origin.port)/json"])
        #expect(direct.status == .pass, "\(direct.reason)")
        #expect(curlDirect.answered && curlDirect.status == 200, "\(curlDirect.errors)")
    }

    @Test func aSOCKS5ProxyIsSpokenAsCurlSpeaksIt() async throws {
        let origin = try await ParityServers.start()
        defer { origin.stop() }
        let proxy = try await ParityServers.start(["--socks"])
        defer { proxy.stop() }
        let proxyURL = "socks5h://127.0.0.1:\(proxy.port)"
        let target = "http://service.test:\(origin.port)/json"
        let probe = try await ParityProbe.run("probe: http \(target) json=.ok=true", CurlHTTPTransport(proxy: proxyURL, noProxy: ""))
        let curl = try await CurlVerdict.of(["-x", proxyURL, "--noproxy", "", target])
        #expect(probe.status == .pass, "\(probe.reason)")
        #expect(curl.answered && curl.status == 200, "\(curl.errors)")
    }

    @Test func largeBodiesAreReadUpToMaxBody() async throws {
        let server = try await ParityServers.start()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/big?mb=2.2"
        let probe = try await ParityProbe.run("probe: http \(url) json=.key=first")
        #expect(probe.status == .pass, "\(probe.reason)")
        let capped = try await ParityProbe.run("probe: http \(url) json=.key=first max-body=1MiB")
        #expect(capped.status == .fail)
        #expect(capped.reason.contains("max-body"), "\(capped.reason)")
    }

    @Test func credentialsInTheURLAreSentAndNeverShown() async throws {
        let server = try await ParityServers.start()
        defer { server.stop() }
        let url = "http://user:p%40ss%20w@127.0.0.1:\(server.port)/auth"
        let probe = try await ParityProbe.run("probe: http \(url) body=welcome")
        let curl = try await CurlVerdict.of([url])
        #expect(probe.status == .pass, "\(probe.reason)")
        #expect(curl.answered && curl.status == 200)
        #expect(probe.evidence.action == "GET http://user:***@127.0.0.1:\(server.port)/auth")
        let shown = "\(probe.reason) \(probe.evidence.action) \(probe.evidence.fields.map(\.value)) \(probe.evidence.output)"
        #expect(!shown.contains("p%40ss") && !shown.contains("p@ss"), "\(shown)")
        let (decoded, _) = try Fixture.decode(Fixture.inline("probe: http \(url) status=200"))
        #expect(try #require(decoded).configuration.summary == "GET http://user:***@127.0.0.1:\(server.port)/auth expecting status 200")

        // Sent to the URL's origin only: a redirect to another one goes without them.
        let away = try await ParityProbe.run("probe: http http://user:secret@127.0.0.1:\(server.port)/redirect?to=http://localhost:PORT/auth status=401")
        #expect(away.status == .pass, "\(away.reason)")
    }

    @Test func anHTTP2OnlyServerAnswers() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let certificates = try await ParityServers.certificates(in: folder)
        let site = try TemporaryFolder()
        defer { site.remove() }
        try site.write("health.json", #"{"status": "ok"}"#)
        let server = try await ParityServers.startHTTP2(serving: site.path, certificate: certificates.certificate, key: certificates.key)
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/health.json"
        let probe = try await ParityProbe.run("probe: http \(url) ca=\(certificates.authority) json=.status=ok")
        let curl = try await CurlVerdict.of(["--cacert", certificates.authority, url])
        #expect(probe.status == .pass, "\(probe.reason)")
        #expect(probe.evidence.field("protocol") == "HTTP/2")
        #expect(curl.answered && curl.status == 200 && curl.httpVersion == "2", "\(curl)")
        let untrusted = try await ParityProbe.run("probe: http \(url)")
        let curlUntrusted = try await CurlVerdict.of([url])
        #expect(untrusted.status == .error && !curlUntrusted.answered)
        #expect(untrusted.reason.hasPrefix("certificate of localhost is not trusted"), "\(untrusted.reason)")
    }

    @Test func aConnectTimeoutAndAResponseTimeoutAreNamedApart() async throws {
        let server = try await ParityServers.start(["--dual"])
        defer { server.stop() }
        let silent = try await ParityProbe.run("probe: http http://[::1]:\(server.port)/plain", timeout: .seconds(1))
        #expect(silent.reason == "connecting to [::1]:\(server.port) timed out after 1s")
        let slow = try await ParityProbe.run("probe: http http://127.0.0.1:\(server.port)/slow?seconds=20", timeout: .seconds(1))
        #expect(slow.reason == "no response from 127.0.0.1:\(server.port) within 1s (the connection was made)")
        let curlSilent = try await CurlVerdict.of(["--max-time", "1", "http://[::1]:\(server.port)/plain"])
        #expect(curlSilent.exitStatus == 28)
    }

    @Test func aCAFileAndAClientCertificateAreUsed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let certificates = try await ParityServers.certificates(in: folder)
        _ = try await ParityServers.offPool { try Shell.run("""
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout client.key -out client.csr -subj '/CN=probe' 2>/dev/null && \
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -out client.pem 2>/dev/null
            """, in: folder.path) }
        let server = try await ParityServers.start(["--tls", certificates.certificate, certificates.key, "--client-ca", certificates.authority])
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/json"
        let mutual = "ca=\(certificates.authority) cert=\(folder.path)/client.pem key=\(folder.path)/client.key"
        let probe = try await ParityProbe.run("probe: http \(url) \(mutual) json=.ok=true")
        let curl = try await CurlVerdict.of(["--cacert", certificates.authority, "--cert", "\(folder.path)/client.pem", "--key", "\(folder.path)/client.key", url])
        #expect(probe.status == .pass, "\(probe.reason)")
        #expect(curl.answered && curl.status == 200)
        let anonymous = try await ParityProbe.run("probe: http \(url) ca=\(certificates.authority)")
        let curlAnonymous = try await CurlVerdict.of(["--cacert", certificates.authority, url])
        #expect(anonymous.status == .error && !curlAnonymous.answered, "\(anonymous.reason)")
    }

    @Test func aCustomHostAndSecretHeadersStayWithTheirOrigin() async throws {
        let server = try await ParityServers.start()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/redirect?to=http://localhost:PORT/headers"
        let probe = try await ParityProbe.run("probe: http \(url) headers=Host:internal.example headers=X-Api-Key:k3y headers=Accept:application/json")
        #expect(probe.status == .pass, "\(probe.reason)")
        let seen = try JSONDecoder().decode([String: String].self, from: Data(probe.evidence.output.utf8))
        #expect(seen["host"] == "localhost:\(server.port)")
        #expect(seen["x-api-key"] == nil && seen["accept"] == "application/json", "\(seen)")
        // curl does not send the Host header on either (the contract); it does forward X-Api-Key.
        let curl = try await CurlVerdict.of(["-L", "-H", "Host: internal.example", url])
        #expect(try JSONDecoder().decode([String: String].self, from: Data(curl.body.utf8))["host"] == "localhost:\(server.port)")
    }

    @Test func aPortOutOfRangeIsAnError() async throws {
        let (_, diagnostics) = try Fixture.decode(Fixture.inline("probe: http http://127.0.0.1:99999/"))
        #expect(diagnostics.map(\.message) == ["port 99999 is out of range: a port is 1 to 65535"])
        let curl = try await CurlVerdict.of(["http://127.0.0.1:99999/"])
        #expect(!curl.answered)
        let failure = await CurlHTTPTransport().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:99999/", timeout: .seconds(2)))
        #expect(throws: NetworkFailure.self) { try failure.get() }
    }

    @Test func oddFramingIsReadAsCurlReadsIt() async throws {
        let server = try await ParityServers.start()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        for (path, check) in [("/bare-lf", "body=hello"), ("/folded", "header=X-Folded:second"), ("/space-colon", "body=ok"),
                              ("/dup-length", "body=hello"), ("/bad-length", "body=hello"), ("/chain?n=3", "body=end")] {
            let probe = try await ParityProbe.run("probe: http \(base)\(path) \(check)")
            let curl = try await CurlVerdict.of(["-L", "\(base)\(path)"])
            #expect((probe.status == .error) == !curl.answered, "\(path): probe \(probe.status) \(probe.reason), curl exit \(curl.exitStatus)")
            if curl.answered { #expect(probe.status == .pass, "\(path): \(probe.reason)") }
        }
        let folded = try await ParityProbe.run("probe: http \(base)/folded header=X-Folded:first")
        #expect(folded.status == .pass, "\(folded.reason)")
    }

    @Test func aMissingLibcurlNamesThePackage() {
        let failure = CurlLibrary.check("libcurl-not-there.so.9")
        #expect(failure?.message.hasPrefix("HTTP probes need libcurl, which cannot be loaded (libcurl-not-there.so.9") == true)
        #expect(failure?.message.hasSuffix("install it with 'apt-get install libcurl4' (Debian and Ubuntu)") == true)
        #expect(CurlLibrary.check("libcurl.so.4") == nil)
    }
}
