/// A command run for a test's set-up failed.
public struct SetUpError: Error, CustomStringConvertible {
    /// What failed, with the command's output.
    public var description: String

    /// An error saying `description`.
    public init(description: String) {
        self.description = description
    }
}

/// Runs set-up commands (git, openssl) with `sh -c` through `run(_:_:)`; fails when they do.
public enum Shell {
    /// Git author and committer for test repositories, whatever the machine's configuration.
    public static let gitIdentity = [
        "GIT_AUTHOR_NAME": "Tickmark Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Tickmark Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    /// Runs `command` in `folder` with `gitIdentity` in its environment; returns its standard
    /// output, or throws `SetUpError` with both outputs when it exits non-zero.
    @discardableResult
    public static func run(_ command: String, in folder: String) throws -> String {
        let result = try TickmarkTestSupport.run("sh", ["-c", command], environment: gitIdentity, in: folder)
        guard result.status == 0 else {
            throw SetUpError(description: "`\(command)` exited \(result.status): \(result.output)\(result.errors)")
        }
        return result.output
    }
}
