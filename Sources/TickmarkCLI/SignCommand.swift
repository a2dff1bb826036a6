import ArgumentParser
import Foundation
import Tickmark
import TickmarkReport
import TickmarkSigning

/// `tickmark sign FILE --key KEY [--format sshsig|dsse]`.
struct SignCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a report (SSHSIG for ssh-keygen, or a DSSE in-toto envelope).",
        discussion: """
        sshsig writes FILE.sig, verifiable with: ssh-keygen -Y verify -n tickmark -f allowed_signers -I EMAIL -s FILE.sig < FILE

        dsse writes FILE.intoto.json: an in-toto Statement whose subject is FILE (sha256) and whose predicate holds the decision, version, commit, checklist digests and approvers, read from the run records (--record; a record signed directly is its own source).

        Keys are unencrypted OpenSSH Ed25519 files (chmod 600). For a passphrase-protected key, load it into the SSH agent (ssh-add KEY) and pass KEY or KEY.pub: Tickmark signs through SSH_AUTH_SOCK.

        Examples:
          tickmark sign report.md --key ~/.ssh/id_ed25519
          tickmark sign report.html --key ~/.ssh/id_ed25519 --format dsse --record .tickmark/runs/release.json
        """
    )

    @Argument(help: "The file to sign.")
    var file: String

    @Option(help: ArgumentHelp("OpenSSH Ed25519 private key (or its .pub with the key in the SSH agent).", valueName: "key"))
    var key: String

    @Option(help: "Signature format: sshsig or dsse.")
    var format: SignatureFormat = .sshsig

    @Option(parsing: .singleValue, help: ArgumentHelp("Run record(s) the report was made from, for the DSSE predicate (repeatable).", valueName: "record"))
    var record: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the signature (- for standard output).", valueName: "file"))
    var output: String?

    func execute(_ console: Console) async throws -> Int32 {
        try OutputFile.refuseInput(output, option: "--output", inputs: [file, key] + record, base: console.currentDirectory)
        let signingKey = try SigningKey.load(path: expandHome(key, console: console))
        var predicate: InTotoPredicate?
        if format == .dsse {
            var records = try record.map { path throws(TickmarkError) in try RunRecord.load(path) }
            if records.isEmpty, let own = try? RunRecord.load(file) { records = [own] }
            guard !records.isEmpty else {
                throw TickmarkError(.usage, "a DSSE signature carries the release decision: pass the run record(s) behind the report with --record RECORD", path: file)
            }
            predicate = ReleasePredicate.make(records: records)
        }
        if output == OutputFile.standardOutput {
            let (_, bytes) = try ReportSigner.signature(file: file, key: signingKey, format: format, predicate: predicate, output: nil)
            try OutputFile.write(bytes, to: OutputFile.standardOutput, console: console)
            return 0
        }
        let written = try ReportSigner.sign(file: file, key: signingKey, format: format, predicate: predicate, output: output)
        console.line("Signed \(file) with \(signingKey.publicKey.fingerprint)\(signingKey.usesAgent ? " (via the SSH agent)" : ""): \(written)")
        return 0
    }
}

extension SignatureFormat: ExpressibleByArgument {}

/// `~/x` → `$HOME/x`.
func expandHome(_ path: String, console: Console) -> String {
    guard path.hasPrefix("~/"), let home = console.environment["HOME"] else { return path }
    return home + path.dropFirst(1)
}

/// `tickmark verify FILE [--signature SIG] (--allowed-signers FILE | --public-key KEY) [--roster FILE]`.
struct VerifyCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a signed report, and for DSSE the digests of its subjects.",
        discussion: """
        Finds FILE.sig or FILE.intoto.json unless --signature is given. Exit 0 when the signature is valid and every DSSE subject matches the files on disk, 1 otherwise.

        Report signatures are SSHSIG in the namespace "tickmark" (sign-offs use "tickmark-sign-off"), so OpenSSH verifies a report without Tickmark with: ssh-keygen -Y verify -n tickmark -f allowed_signers -I EMAIL -s FILE.sig < FILE

        When FILE is a run record, each signed sign-off in it is checked too, and shown with its key's fingerprint and whose key it is: the key must be one of the signer's keys in the roster (.tickmark/roster.yml, or --roster) or allowed as the signer's email by --allowed-signers (namespace tickmark-sign-off). Without either, a good signature is shown as "signer not verified: no roster". A record whose only signatures are its sign-offs needs neither --allowed-signers nor --public-key.

        Examples:
          tickmark verify report.md --allowed-signers .github/allowed_signers
          tickmark verify report.html --public-key release.pub
          tickmark verify .tickmark/release.json --roster .tickmark/roster.yml
          ssh-keygen -Y verify -n tickmark -f .github/allowed_signers -I ana@example.com -s report.md.sig < report.md
        """
    )

    @Argument(help: "The signed file.")
    var file: String

    @Option(help: ArgumentHelp("The signature file (default FILE.sig, then FILE.intoto.json).", valueName: "sig"))
    var signature: String?

    @Option(help: ArgumentHelp("An OpenSSH allowed_signers file.", valueName: "file"))
    var allowedSigners: String?

    @Option(help: ArgumentHelp("With --allowed-signers: the principal that must have signed.", valueName: "principal"))
    var identity: String?

    @Option(help: ArgumentHelp("A public key file (ssh-ed25519 line).", valueName: "key"))
    var publicKey: String?

    @Option(help: ArgumentHelp("The roster of people and their keys, for sign-offs in a run record (default .tickmark/roster.yml when it exists).", valueName: "file"))
    var roster: String?

    func validate() throws {
        if allowedSigners != nil && publicKey != nil {
            throw ValidationError("pass exactly one of --allowed-signers FILE or --public-key KEY")
        }
    }

    func execute(_ console: Console) async throws -> Int32 {
        let record = try? RunRecord.load(file)
        var failed = false
        if let record {
            let trust = try SignerTrustArguments.load(roster: roster, allowedSigners: allowedSigners, console: console)
            for signOff in record.signOffs where signOff.signature != nil {
                let check = trust.check(signOff, now: Date())
                let who = "sign-off by \(signOff.by) of \(signOff.checklist) › \(signOff.item)"
                if check.counts {
                    console.line("\(file): good signature on the \(who): \(check.text.replacingOccurrences(of: "signed by key", with: "key"))")
                } else {
                    failed = true
                    console.errorLine("\(file): error: \(who) does not count: \(check.problem ?? "refused")")
                }
            }
            let hasSignature = signature != nil || FileManager.default.fileExists(atPath: file + ".sig") || FileManager.default.fileExists(atPath: file + ".intoto.json")
            if !hasSignature {
                if !record.signOffs.contains(where: { $0.signature != nil }) {
                    console.errorLine("\(file): error: neither the record nor its sign-offs are signed")
                    return 1
                }
                return failed ? 1 : 0
            }
        }
        guard allowedSigners != nil || publicKey != nil else {
            throw TickmarkError(.usage, "pass --allowed-signers FILE or --public-key KEY to check the signature of \(file)")
        }
        let result: VerificationResult
        if let allowedSigners {
            result = try ReportVerifier.verify(file: file, signature: signature, allowedSigners: expandHome(allowedSigners, console: console), identity: identity)
        } else {
            let key = try SSHPublicKey(file: expandHome(publicKey!, console: console))
            result = try ReportVerifier.verify(file: file, signature: signature, publicKey: key)
        }
        if result.isVerified {
            console.line("\(file): \(result.summary)")
            return failed ? 1 : 0
        }
        console.errorLine("\(file): error: \(result.summary)")
        return 1
    }
}
