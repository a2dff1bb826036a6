import ArgumentParser
import Foundation
import Tickmark
import TickmarkReport
import TickmarkSigning

/// `tickmark verify FILE [--signature SIG] (--allowed-signers FILE | --public-key KEY) [--roster FILE]`.
struct VerifyCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a signed report, and for DSSE the digests of its subjects.",
        discussion: """
        Finds FILE.sig or FILE.intoto.json unless --signature is given. Exit 0 when the signature is valid and every DSSE subject matches the files on disk, 1 otherwise.

        Report signatures are SSHSIG in the namespace "tickmark" (sign-offs use "tickmark-sign-off"), so OpenSSH verifies a report without Tickmark with: ssh-keygen -Y verify -n tickmark -f allowed_signers -I EMAIL -s FILE.sig < FILE

        When FILE is a run record, each signed sign-off in it is checked too, and shown with its key's fingerprint and whose key it is: the key must be one of the signer's keys in the roster (.tickmark/roster.yml, or --roster) or allowed as the signer's email by --allowed-signers (namespace tickmark-sign-off). Without either, a good signature is shown as "signer not verified: no roster". A record whose only signatures are its sign-offs needs neither --allowed-signers nor --public-key.

        Under a good DSSE signature, the approvals its release predicate names are listed, each signed one with its key's fingerprint and whose key it was when the report was signed.

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

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        var paths = TypedPaths(console)
        do {
            return try execute(console, paths: &paths)
        } catch {
            throw paths.naming(error)
        }
    }

    /// Verifies, with every path read from the console's folder and named as typed.
    private func execute(_ console: Console, paths: inout TypedPaths) throws(TickmarkError) -> Int32 {
        let filePath = paths.resolve(file, console: console)
        let signaturePath = signature.map { paths.resolve($0, console: console) }
        let record = try? RunRecord.load(filePath)
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
            let hasSignature = signaturePath != nil || FileManager.default.fileExists(atPath: filePath + ".sig") || FileManager.default.fileExists(atPath: filePath + ".intoto.json")
            if !hasSignature {
                if !record.signOffs.contains(where: { $0.signature != nil }) {
                    console.errorLine("\(file): error: neither the record nor its sign-offs are signed")
                    return 1
                }
                return failed ? 1 : 0
            }
        }
        let result: VerificationResult
        if let allowedSigners {
            result = try ReportVerifier.verify(file: filePath, signature: signaturePath, allowedSigners: paths.resolve(allowedSigners, console: console), identity: identity)
        } else if let publicKey {
            let key = try SSHPublicKey(file: paths.resolve(publicKey, console: console))
            result = try ReportVerifier.verify(file: filePath, signature: signaturePath, publicKey: key)
        } else {
            throw TickmarkError(.usage, "pass --allowed-signers FILE or --public-key KEY to check the signature of \(file)")
        }
        guard result.isVerified else {
            console.errorLine("\(file): error: \(result.summary)")
            return 1
        }
        console.line("\(file): \(result.summary)")
        for line in PredicateApprovers.lines(of: result.statement) { console.line("  " + line) }
        return failed ? 1 : 0
    }
}
