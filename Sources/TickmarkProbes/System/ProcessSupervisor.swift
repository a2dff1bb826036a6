import Foundation

/// Watches a started process: reads both pipes into bounded tails, enforces the deadline on the
/// whole process group, and reaps the process and what it left behind. Used once, on one thread.
final class ProcessSupervisor {
    private struct Stream {
        var fd: Int32
        var tail: OutputTail
    }

    private let pid: pid_t
    private var streams: [Stream]
    private var combined: OutputTail
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
    private let clock = ContinuousClock()

    init(pid: pid_t, outputFD: Int32, errorFD: Int32, limit: Int) {
        self.pid = pid
        streams = [Stream(fd: outputFD, tail: OutputTail(limit: limit)), Stream(fd: errorFD, tail: OutputTail(limit: limit))]
        combined = OutputTail(limit: limit)
    }

    deinit { buffer.deallocate() }

    /// Runs until the process has ended and been reaped; then closes the pipes.
    func supervise(deadline: ContinuousClock.Instant, grace: Duration, linger: Duration,
                            cancellation: CancellationFlag, start: ContinuousClock.Instant) -> ProcessOutcome {
        var timedOut = false
        var killAt: ContinuousClock.Instant?
        var pause = Duration.milliseconds(1)
        // The process is detected as ended without being reaped, so its pid (the group's id)
        // cannot be reused before the group is killed below.
        while !hasEnded() {
            let now = clock.now
            var wakeUp = now + pause
            if !timedOut {
                if now >= deadline || cancellation.isRaised {
                    timedOut = true
                    kill(-pid, SIGTERM)
                    killAt = now + grace
                } else {
                    wakeUp = min(wakeUp, deadline)
                }
            }
            if let instant = killAt {
                if now >= instant {
                    kill(-pid, SIGKILL)
                    killAt = nil
                } else {
                    wakeUp = min(wakeUp, instant)
                }
            }
            let active = readOnce(waitingUntil: wakeUp)
            pause = active ? .milliseconds(1) : min(pause * 2, .milliseconds(50))
        }
        let duration = clock.now - start
        _ = readOnce(waitingUntil: clock.now)
        kill(-pid, SIGKILL)   // whatever the process left running in its group
        ProbeProcessGroups.unregister(pid)
        let status = reap()
        let lingerEnd = clock.now + linger
        while streams.contains(where: { $0.fd >= 0 }), clock.now < lingerEnd {
            _ = readOnce(waitingUntil: lingerEnd)
        }
        for stream in streams where stream.fd >= 0 { close(stream.fd) }

        let termination: ProcessTermination
        if timedOut {
            termination = .timedOut
        } else if let status = status, status & 0x7F == 0 {
            termination = .exited((status >> 8) & 0xFF)
        } else if let status = status {
            termination = .signaled(status & 0x7F)
        } else {
            // Something else in this process waited for our child (a `waitpid(-1)`): its exit
            // status is lost, and must not pass for a success.
            termination = .failedToStart("its exit status was collected elsewhere in this process")
        }
        let output = streams[0].tail.bytes(), error = streams[1].tail.bytes()
        let combinedBytes = combined.bytes()
        return ProcessOutcome(
            termination: termination, standardOutput: output, standardError: error, combinedOutput: combinedBytes,
            truncated: streams[0].tail.truncated || streams[1].tail.truncated, duration: duration
        )
    }

    /// Whether the process has ended, leaving it unreaped.
    private func hasEnded() -> Bool {
        var information = siginfo_t()
        while true {
            let result = waitid(P_PID, id_t(pid), &information, WEXITED | WNOHANG | WNOWAIT)
            if result == 0 { return information.si_signo == SIGCHLD }
            if errno != EINTR { return true }   // ECHILD: nothing left to wait for
        }
    }

    /// Reaps the process and returns its wait status; `nil` when it was reaped elsewhere.
    private func reap() -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return nil }
        }
        return status
    }

    /// Waits until data, end of file, or `instant`; reads what is there. Returns whether anything
    /// was read or closed.
    private func readOnce(waitingUntil instant: ContinuousClock.Instant) -> Bool {
        let remaining = instant - clock.now
        let milliseconds = remaining <= .zero ? 0 : Int32(min(60_000, (remaining.seconds * 1000).rounded(.up)))
        let open = streams.indices.filter { streams[$0].fd >= 0 }
        guard !open.isEmpty else {
            if milliseconds > 0 { usleep(useconds_t(milliseconds) * 1000) }
            return false
        }
        var descriptors = open.map { pollfd(fd: streams[$0].fd, events: Int16(POLLIN), revents: 0) }
        guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { return false }
        var active = false
        for (position, index) in open.enumerated() where descriptors[position].revents != 0 {
            active = true
            let count = read(streams[index].fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<count])
                streams[index].tail.append(chunk)
                combined.append(chunk)
            } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                close(streams[index].fd)
                streams[index].fd = -1
            }
        }
        return active
    }
}
