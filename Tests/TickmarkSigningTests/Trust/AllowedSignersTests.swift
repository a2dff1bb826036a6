import Testing
import Tickmark
@testable import TickmarkSigning
import TickmarkTestSupport

@Suite struct AllowedSignersTests {
    static let other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbA0wUkUFHEm6ZH0SyEuqqZ5UxLh9aEzTBqH0m7VXDn"

    @Test func parsesCommentsOptionsQuotesAndForeignKeys() throws {
        let text = """
            # release signers

              alice@example.com,bob@example.com \(Vectors.publicLine) alice's laptop
            "carol@example.com" namespaces="tickmark,git",valid-after="20240101",valid-before="20991231Z" \(Vectors.publicLine)
            *@ops.example.com cert-authority \(Vectors.publicLine)
            dave@example.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ
            """
        let signers = try AllowedSigners(text: text)
        #expect(signers.entries.map(\.line) == [3, 4, 5, 6])
        #expect(signers.entries[0].principals == "alice@example.com,bob@example.com")
        #expect(signers.entries[0].publicKey?.fingerprint == Vectors.fingerprint)
        #expect(signers.entries[1].principals == "carol@example.com")
        #expect(signers.entries[1].namespaces == "tickmark,git")
        #expect(signers.entries[1].validAfter != nil)
        #expect(signers.entries[1].validBefore == 4_102_358_400)
        #expect(signers.entries[2].publicKey == nil, "cert-authority lines are not supported and never match")
        #expect(signers.entries[3].publicKey == nil, "non-Ed25519 keys never match")
    }

    @Test func readsFilesWithCRLFLineEnds() throws {
        let text = "# signers\r\nalice@example.com \(Vectors.publicLine)\r\nbob@example.com \(Self.other)\r\n"
        let signers = try AllowedSigners(text: text)
        #expect(signers.entries.map(\.principals) == ["alice@example.com", "bob@example.com"])
        #expect(signers.entries.map(\.line) == [2, 3])
    }

    @Test(arguments: [
        ("alice \(Vectors.publicLine.prefix(11))", "no Base64"),
        ("alice", "no key"),
        ("alice unknown-option \(Vectors.publicLine)", "unknown option"),
        ("alice namespaces \(Vectors.publicLine)", "needs a value"),
        ("alice valid-after=\"2024\" \(Vectors.publicLine)", "YYYYMMDD"),
        ("alice valid-before=\"20241399\" \(Vectors.publicLine)", "not a valid date"),
        ("alice ssh-ed25519 AAAA!!", "Base64"),
        ("alice namespaces=\"a\" valid-after=\"20240101\" \(Vectors.publicLine)", "separated by commas"),
    ])
    func refusesMalformedLinesNamingTheLine(line: String, reason: String) {
        let error = #expect(throws: TickmarkError.self) { try AllowedSigners(text: "# header\n\(line)\n", path: "allowed_signers") }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("line 2") == true)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        #expect(error?.position?.line == 2)
    }

    @Test func matchesByKeyIdentityNamespaceAndTime() throws {
        let signers = try AllowedSigners(text: """
            *@example.com,!mallory@example.com namespaces="tickmark",valid-after="20200101Z",valid-before="20300101Z" \(Vectors.publicLine)
            """)
        let key = try vectorPublicKey()
        let now = 1_800_000_000  // 2027
        #expect(try signers.match(key: key, namespace: "tickmark", identity: "alice@example.com", now: now).get().line == 1)
        #expect(try signers.match(key: key, namespace: "tickmark", now: now).get().principals.hasPrefix("*@example.com"))
        let failures: [(VerificationFailure.Code, Result<AllowedSigners.Entry, VerificationFailure>)] = [
            (.signerNotAllowed, signers.match(key: key, namespace: "tickmark", identity: "mallory@example.com", now: now)),
            (.signerNotAllowed, signers.match(key: key, namespace: "tickmark", identity: "alice@example.org", now: now)),
            (.signerNotAllowed, signers.match(key: key, namespace: "git", identity: "alice@example.com", now: now)),
            (.signerNotAllowed, signers.match(key: key, namespace: "tickmark", identity: "alice@example.com", now: 1_500_000_000)),
            (.signerNotAllowed, signers.match(key: key, namespace: "tickmark", identity: "alice@example.com", now: 2_000_000_000)),
            (.unknownSigner, signers.match(key: try SSHPublicKey(line: Self.other), namespace: "tickmark", now: now)),
        ]
        for (code, result) in failures {
            guard case .failure(let failure) = result else {
                Issue.record("expected \(code.rawValue), got a match")
                continue
            }
            #expect(failure.code == code, "\(failure.message)")
        }
    }

    @Test func triesLaterLinesWhenAnEarlierOneRefuses() throws {
        let signers = try AllowedSigners(text: """
            alice@example.com namespaces="git" \(Vectors.publicLine)
            alice@example.com namespaces="tickmark" \(Vectors.publicLine)
            """)
        #expect(try signers.match(key: vectorPublicKey(), namespace: "tickmark", identity: "alice@example.com").get().line == 2)
    }

    @Test(arguments: [
        ("alice", "alice", true), ("alice", "bob", nil), ("a*", "alice", true), ("*", "", true), ("a?ice", "alice", true),
        ("a?ice", "alce", nil), ("*.example.com", "x.example.com", true), ("*.example.com", "example.com", nil),
        ("*,!bob", "bob", false), ("bob,alice", "alice", true), ("*a*b*", "xxaxxbxx", true), ("*a*b", "xxaxxbxxc", nil),
    ] as [(String, String, Bool?)])
    func matchesPatternListsLikeOpenSSH(list: String, text: String, expected: Bool?) {
        #expect(PatternList.match(text, list) == expected)
    }

    @Test func agreesWithSSHKeygenOnWhoMaySign() throws {
        try withTemporaryFolder { folder in
            let file = folder + "/report.md", sig = folder + "/report.md.sig", signers = folder + "/allowed_signers"
            try write("report\n", to: file)
            try write(SSHSignature.sign(read(file), with: SigningKey(Vectors.key())).armored, to: sig)
            let lines = [
                "*@example.com,!mallory@example.com namespaces=\"tickmark\" \(Vectors.publicLine)",
                "other@example.com namespaces=\"git\" \(Vectors.publicLine)",
            ]
            try write(lines.joined(separator: "\n") + "\n", to: signers)
            let list = try AllowedSigners(file: signers)
            let key = try vectorPublicKey()
            for identity in ["alice@example.com", "mallory@example.com", "other@example.com", "nobody@example.org"] {
                let tool = try run("ssh-keygen", ["-Y", "verify", "-n", "tickmark", "-f", signers, "-I", identity, "-s", sig], input: file)
                let ours = list.match(key: key, namespace: "tickmark", identity: identity)
                #expect((tool.status == 0) == ((try? ours.get()) != nil), "\(identity): ssh-keygen \(tool.status), Tickmark \(ours)")
            }
        }
    }
}
