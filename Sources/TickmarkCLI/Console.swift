import Foundation

/// Where a command's output goes: standard output and error by default, buffers in tests.
package struct Console: Sendable {
    /// Writes to standard output.
    package var out: @Sendable (String) -> Void
    /// Writes bytes to standard output (large output such as JSON, in chunks).
    package var outBytes: @Sendable (UnsafeRawBufferPointer) -> Void
    /// Writes to standard error.
    package var err: @Sendable (String) -> Void
    /// Whether standard error is a terminal (live progress is shown then).
    package var isInteractive: Bool
    /// Whether standard output is a terminal. When it is not (CI logs, pipes), `run` prints each
    /// item's result as soon as it is known instead of all at the end.
    package var outputIsTerminal: Bool
    /// Whether colors may be used (a terminal, and `NO_COLOR` unset).
    package var colors: Bool
    /// The environment the command sees.
    package var environment: [String: String]
    /// The folder relative paths are resolved against.
    package var currentDirectory: String

    /// Creates a console.
    package init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        outBytes: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil,
        isInteractive: Bool = false, outputIsTerminal: Bool = false, colors: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.out = out
        self.outBytes = outBytes ?? { bytes in out(String(decoding: bytes, as: UTF8.self)) }
        self.err = err
        self.isInteractive = isInteractive
        self.outputIsTerminal = outputIsTerminal
        self.colors = colors
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// The process's real standard output and error, written unbuffered: each line reaches a
    /// pipe or a CI log as soon as it is printed.
    package static var standard: Console {
        let environment = ProcessInfo.processInfo.environment
        let interactive = isatty(STDERR_FILENO) == 1
        let colors = interactive && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
        return Console(
            out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            err: { text in FileHandle.standardError.write(Data(text.utf8)) },
            outBytes: { bytes in writeAll(bytes, to: STDOUT_FILENO) },
            isInteractive: interactive, outputIsTerminal: isatty(STDOUT_FILENO) == 1, colors: colors, environment: environment
        )
    }

    /// Writes every byte to a descriptor, retrying after interruptions and short writes; stops
    /// quietly when the reader has gone (a closed pipe).
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Prints a line to standard output.
    package func line(_ text: String = "") { out(text + "\n") }
    /// Prints a line to standard error.
    package func errorLine(_ text: String) { err(text + "\n") }

    /// Wraps `text` in an ANSI style when colors are on.
    package func style(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Collects a command's output in memory (for tests and for callers that post-process it).
package final class OutputBuffer: @unchecked Sendable {
    // Guarded by `lock`; shared between the console's closures.
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    /// Creates an empty buffer.
    package init() {}

    /// What was written to standard output.
    package var stdout: String { lock.withLock { outText } }
    /// What was written to standard error.
    package var stderr: String { lock.withLock { errText } }

    /// A console writing into this buffer.
    package func console(environment: [String: String] = [:], currentDirectory: String = FileManager.default.currentDirectoryPath) -> Console {
        Console(
            out: { text in self.lock.withLock { self.outText += text } },
            err: { text in self.lock.withLock { self.errText += text } },
            isInteractive: false, colors: false, environment: environment, currentDirectory: currentDirectory
        )
    }
}
