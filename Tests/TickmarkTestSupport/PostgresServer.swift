import Foundation

/// A throw-away PostgreSQL server (Debian's `postgresql`) on 127.0.0.1 at a free port, with its
/// data in a temporary folder; as root it runs as the `postgres` user (initdb refuses root).
package final class PostgresServer: @unchecked Sendable {
    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    package let url: String
    private let folder: String
    private let binaries: String
    private let asUser: String?

    /// Starts a server, or returns why it cannot (no PostgreSQL installed, initdb or start failed).
    package static func start() -> Result<PostgresServer, SetUpError> {
        let candidates = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = candidates.sorted().last(where: { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb") }) else {
            return .failure(SetUpError(description: "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): run scripts/setup.sh"))
        }
        let binaries = "/usr/lib/postgresql/\(version)/bin"
        let folder = NSTemporaryDirectory() + "tickmark-pg-\(UUID().uuidString.prefix(8))"
        let asUser: String? = getuid() == 0 ? "postgres" : nil
        let port = (try? ClosedPort.find()) ?? 55_432
        do {
            try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
            chmod(folder, 0o755)
            chmod(folder + "/data", 0o700)
            if let asUser { _ = try Shell.run("chown \(asUser) \(folder)/data", in: folder) }
            let server = PostgresServer(url: "postgres://postgres@127.0.0.1:\(port)/postgres", folder: folder, binaries: binaries, asUser: asUser)
            try server.command("\(binaries)/initdb -D \(folder)/data -A trust -U postgres --no-sync >/dev/null")
            try server.command(
                "\(binaries)/pg_ctl -D \(folder)/data -o '-p \(port) -k \(folder)/data -c listen_addresses=127.0.0.1 -c fsync=off' -l \(folder)/data/log start -w >/dev/null"
            )
            return .success(server)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            return .failure(SetUpError(description: "cannot start PostgreSQL on 127.0.0.1:\(port): \(error)"))
        }
    }

    private init(url: String, folder: String, binaries: String, asUser: String?) {
        self.url = url
        self.folder = folder
        self.binaries = binaries
        self.asUser = asUser
    }

    /// Runs `line` as the server's user (through `setpriv` when the tests run as root; unlike `su`
    /// it opens no session), from a script that first closes every descriptor above 2: the server
    /// must not inherit the one Foundation's `Process` watches, or the wait would last until the
    /// server stops.
    private func command(_ line: String) throws {
        let script = folder + "/command.sh"
        let text = "for fd in $(ls /proc/$$/fd); do if [ \"$fd\" -gt 2 ]; then eval \"exec $fd>&-\"; fi; done 2>/dev/null\nexec \(line)\n"
        try text.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        if let asUser {
            _ = try Shell.run("setpriv --reuid=\(asUser) --regid=\(asUser) --init-groups bash \(script)", in: folder)
        } else {
            _ = try Shell.run("bash \(script)", in: folder)
        }
    }

    /// Runs SQL through `psql` (the real client) and returns its output.
    package func psql(_ sql: String) throws -> String {
        let result = try run("psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
        guard result.status == 0 else { throw SetUpError(description: "psql failed: \(result.errors)") }
        return result.output
    }

    /// Stops the server at once and removes its folder.
    package func stop() {
        try? command("\(binaries)/pg_ctl -D \(folder)/data stop -m immediate >/dev/null")
        try? FileManager.default.removeItem(atPath: folder)
    }
}
