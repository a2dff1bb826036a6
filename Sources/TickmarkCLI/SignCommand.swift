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

        dsse writes FILE.intoto.json: an in-toto Statement whose subject is FILE (sha256) and whose predicate holds the decision, version, commit, checklist digests and approvers, read from the run records (--record; a record signed directly is its own source). Each signed sign-off in the predicate carries its key's fingerprint and whose key it is, from the roster (.tickmark/roster.yml, or --roster) or --allowed-signers.

        Relative paths are taken from the current folder.

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

    @OptionGroup var trustArguments: SignerTrustArguments

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        try OutputFile.refuseInput(output, option: "--output", inputs: [file, key] + record, base: console.currentDirectory)
        var paths = TypedPaths(console)
        do {
            return try execute(console, paths: &paths)
        } catch {
            throw paths.naming(error)
        }
    }

    /// Signs, with every path read from the console's folder.
    private func execute(_ console: Console, paths: inout TypedPaths) throws(TickmarkError) -> Int32 {
        let signingKey = try SigningKey.load(path: paths.resolve(key, console: console))
        let filePath = paths.resolve(file, console: console)
        var predicate: InTotoPredicate?
        if format == .dsse {
            let recordPaths = record.map { paths.resolve($0, console: console) }
            var records = try recordPaths.map { path throws(TickmarkError) in try RunRecord.load(path) }
            if records.isEmpty, let own = try? RunRecord.load(filePath) { records = [own] }
            guard !records.isEmpty else {
                throw TickmarkError(.usage, "a DSSE signature carries the release decision: pass the run record(s) behind the report with --record RECORD", path: file)
            }
            let trust = records.contains { $0.signOffs.contains { $0.signature != nil } } ? try trustArguments.trust(console) : .none
            predicate = ReleasePredicate.make(records: records, trust: trust)
        }
        if output == OutputFile.standardOutput {
            let (_, bytes) = try ReportSigner.signature(file: filePath, key: signingKey, format: format, predicate: predicate, output: nil)
            try OutputFile.write(bytes, to: OutputFile.standardOutput, console: console)
            return 0
        }
        let outputPath = output.map { paths.resolve($0, console: console) }
        let written = try ReportSigner.sign(file: filePath, key: signingKey, format: format, predicate: predicate, output: outputPath)
        console.line("Signed \(file) with \(signingKey.publicKey.fingerprint)\(signingKey.usesAgent ? " (via the SSH agent)" : ""): \(paths.display(written))")
        return 0
    }
}

extension SignatureFormat: ExpressibleByArgument {}

/// `~/x` → `$HOME/x`.
func expandHome(_ path: String, console: Console) -> String {
    guard path.hasPrefix("~/"), let home = console.environment["HOME"] else { return path }
    return home + path.dropFirst(1)
}
