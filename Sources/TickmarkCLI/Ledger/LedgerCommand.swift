import ArgumentParser
import Foundation
import Tickmark
import TickmarkLedger
import TickmarkReport
import TickmarkSigning

/// `tickmark ledger add|list|show|verify|export`: the append-only, hash-chained release ledger.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "The release ledger: append-only and hash-chained, in SQLite or PostgreSQL; audit packs.",
        discussion: """
        Each entry records one release (its checklists' digests, decision, version, commit, approvers) and stores its run records, reports and their signatures; it holds the SHA-256 of the entry before it, so `ledger verify` finds any changed, removed or reordered entry.

        The ledger is .tickmark/ledger.sqlite (an SQLite file) unless --ledger or TICKMARK_LEDGER names another file or a PostgreSQL database (postgres://user@host/db, through the system libpq).

        Examples:
          tickmark ledger add .tickmark/release.json --report report.html
          tickmark ledger add .tickmark/runs/*.json --report report.md --key ~/.ssh/id_ed25519
          tickmark ledger list --format json
          tickmark ledger show 12
          tickmark ledger verify --ledger postgres://ci@db.example/releases
          tickmark ledger export --from 2026-10-01 --to 2026-12-31 -o audit-q4
        """,
        subcommands: [LedgerAddCommand.self, LedgerListCommand.self, LedgerShowCommand.self, LedgerVerifyCommand.self, LedgerExportCommand.self]
    )
}

/// `--ledger LOCATION`, shared by the ledger's subcommands.
struct LedgerArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The ledger: an SQLite file or postgres://… (default: TICKMARK_LEDGER, else .tickmark/ledger.sqlite).", valueName: "location"
    ))
    var ledger: String?

    /// The location as given, made absolute when it is a file.
    func location(_ console: Console) -> String {
        let named = ledger ?? console.environment["TICKMARK_LEDGER"] ?? LedgerLocation.defaultPath
        if named.hasPrefix("postgres://") || named.hasPrefix("postgresql://") { return named }
        return CommandPaths.absolute(named, base: console.currentDirectory)
    }

    /// Opens the ledger; reading commands refuse a missing SQLite file rather than create one.
    func open(_ console: Console, create: Bool) throws(TickmarkError) -> any LedgerStore {
        let location = location(console)
        if !create, !location.contains("://"), !FileManager.default.fileExists(atPath: location) {
            throw TickmarkError(.unreadable, "no ledger here yet: add a release with `tickmark ledger add RECORD`, or name one with --ledger", path: location)
        }
        return try LedgerLocation.open(location)
    }
}

/// `tickmark ledger add RECORD… [--report FILE…] [--key KEY]`.
struct LedgerAddCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Append a release (its run records, reports and signatures) to the ledger.",
        discussion: """
        Signatures beside a record or report (FILE.sig, FILE.intoto.json) are stored with it. With --key the entry itself is signed (SSHSIG, namespace tickmark-ledger). Appends from parallel jobs are serialised by the database: each gets the next number.

        Examples:
          tickmark ledger add .tickmark/release.json --report report.html
          tickmark ledger add job1.json job2.json --report report.md --key ~/.ssh/id_ed25519 --ledger postgres://ci@db/releases
        """
    )

    @Argument(help: "Run records (tickmark.run/v1) of the release.")
    var records: [String]

    @Option(parsing: .singleValue, help: ArgumentHelp("A report of the release (repeatable); its .sig / .intoto.json are stored too.", valueName: "file"))
    var report: [String] = []

    @Option(help: ArgumentHelp("Sign the entry with this OpenSSH Ed25519 key (or its .pub with the key in the SSH agent).", valueName: "key"))
    var key: String?

    @OptionGroup var ledgerArguments: LedgerArguments

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let inputs = try LedgerAppender.inputs(records: records, reports: report, base: console.currentDirectory)
        let signingKey = try key.map { key throws(TickmarkError) in try SigningKey.load(path: CommandPaths.absolute(expandHome(key, console: console), base: console.currentDirectory)) }
        let store = try ledgerArguments.open(console, create: true)
        let environment = console.environment
        let who = environment["GITHUB_ACTOR"] ?? environment["GITLAB_USER_LOGIN"] ?? environment["USER"] ?? "unknown"
        let host = ProcessInfo.processInfo.hostName
        let job = environment["GITHUB_RUN_ID"].map { " (run \($0))" } ?? environment["CI_JOB_ID"].map { " (job \($0))" } ?? ""
        let stored = try LedgerAppender.append(
            to: store, records: inputs.records, files: inputs.files, key: signingKey, addedBy: "\(who)@\(host)\(job)"
        )
        let label = LedgerEntry(body: stored.body)?.label ?? "entry \(stored.sequence)"
        console.line("Added \(label) to \(store.description): \(stored.hash)")
        return 0
    }
}

/// `tickmark ledger verify [--head HASH]`.
struct LedgerVerifyCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the ledger's chain: names any changed, removed or reordered entry (exit 1).",
        discussion: """
        Every entry's content must match its hash, its number and the hash of the entry before it; signed entries must carry a good signature by the key they name; the records, reports and signatures stored with each entry must match their digests. Removing entries from the end of a chain leaves a shorter, valid chain: keep the head hash printed here somewhere else (a release note, a signed tag) and pass it with --head to find that too.

        Examples:
          tickmark ledger verify
          tickmark ledger verify --ledger postgres://ci@db.example/releases --head 3f5a…
        """
    )

    @Option(help: ArgumentHelp("A head hash printed by an earlier verify: the ledger must still contain that entry.", valueName: "hash"))
    var head: String?

    @OptionGroup var ledgerArguments: LedgerArguments

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let store = try ledgerArguments.open(console, create: false)
        let outcome = try LedgerVerifier.verify(try store.entries(), expectedHead: head) { digest throws(TickmarkError) in try store.file(digest) }
        for problem in outcome.problems {
            console.errorLine("\(store.description): error: \(problem)")
        }
        guard outcome.problems.isEmpty else {
            console.errorLine("\(store.description): the ledger does not verify: \(outcome.problems.count) problem\(outcome.problems.count == 1 ? "" : "s") in \(outcome.count) entries")
            return 1
        }
        let signed = outcome.signed > 0 ? ", \(outcome.signed) signed" : ""
        console.line("\(store.description): \(outcome.count) entries, chain intact\(signed); head \(outcome.head ?? StoredEntry.genesis)")
        return 0
    }
}
