import Foundation
import Tickmark
import TickmarkProbes

/// What `tickmark run` shows while probes run.
///
/// On a terminal (standard error), one live line names the probe that started last. When
/// standard output is not a terminal (a CI log, a pipe), each item's result is printed as soon
/// as it and every item before it have finished, in document order, and an item whose probes
/// run longer than `heartbeat` gets a "still running" line at each multiple of it.
final class RunProgress: @unchecked Sendable {
    // All state is guarded by `lock`: events arrive from concurrent probe tasks, and heartbeat
    // timers fire on a Dispatch queue.
    private let lock = NSLock()
    private let console: Console
    private let checklists: [Checklist]
    private let heartbeat: Duration
    /// Whether results are printed as items finish (standard output is not a terminal).
    let streams: Bool
    private let total: Int
    private var started = 0
    private var lastLine = ""
    /// The selected items of each checklist that has started, by checklist number.
    private var planned: [Int: [ChecklistItem]] = [:]
    /// Results not printed yet, by checklist and item number.
    private var results: [Int: [Int: ItemOutcome]] = [:]
    /// The next checklist and item to print, and whether that checklist's title is printed.
    private var next = (checklist: 0, item: 0, titled: false)
    /// Heartbeat timers by item. Dispatch timers, not tasks: they fire on time even when probe
    /// tasks keep every thread of Swift's cooperative pool busy.
    private var heartbeats: [String: DispatchSourceTimer] = [:]
    /// "still running" lines printed, by item.
    private var beats: [String: Int] = [:]
    private var finishedItems: Set<String> = []

    init(checklists: [Checklist], console: Console, heartbeat: Duration = .seconds(30)) {
        self.console = console
        self.checklists = checklists
        self.heartbeat = heartbeat
        self.streams = !console.outputIsTerminal
        self.total = checklists.reduce(0) { $0 + $1.allItems.reduce(0) { $0 + ($1.state == .na ? 0 : $1.probes.count) } }
    }

    func handle(_ event: RunEvent) {
        lock.withLock {
            switch event {
            case .checklistStarted(let checklist, let items):
                planned[checklist] = items
                if streams { printReady() }
            case .probeStarted(let checklist, let item, let label):
                started += 1
                let width = 100
                let text = "[\(min(started, total))/\(total)] \(label)"
                lastLine = text.count > width ? String(text.prefix(width - 1)) + "…" : text
                if streams { startHeartbeat(checklist: checklist, item: item) }
            case .itemFinished(let checklist, let item, let outcome):
                let key = "\(checklist)/\(item)"
                finishedItems.insert(key)
                heartbeats.removeValue(forKey: key)?.cancel()
                if streams {
                    results[checklist, default: [:]][item] = outcome
                    printReady()
                }
            }
            if console.isInteractive { console.err("\r\u{1B}[2K" + lastLine) }
        }
    }

    /// Stops the heartbeats and clears the live line.
    func finish() {
        lock.withLock {
            for task in heartbeats.values { task.cancel() }
            heartbeats = [:]
            if console.isInteractive { console.err("\r\u{1B}[2K") }
        }
    }

    /// Prints every result whose predecessors are all printed. Called with `lock` held.
    private func printReady() {
        while next.checklist < checklists.count, let items = planned[next.checklist] {
            if !next.titled {
                RunSummaryText.printTitle(checklists[next.checklist], console: console)
                next.titled = true
            }
            while next.item < items.count, let outcome = results[next.checklist]?.removeValue(forKey: next.item) {
                RunSummaryText.printItem(outcome, console: console)
                next.item += 1
            }
            guard next.item == items.count else { return }
            console.line()
            next = (next.checklist + 1, 0, false)
        }
    }

    /// Starts the item's heartbeat unless it has one or has finished. Called with `lock` held.
    private func startHeartbeat(checklist: Int, item: Int) {
        let key = "\(checklist)/\(item)"
        guard heartbeats[key] == nil, !finishedItems.contains(key),
              let text = planned[checklist].flatMap({ item < $0.count ? $0[item].text : nil }) else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler { [weak self] in self?.stillRunning(key, text: text) }
        timer.schedule(deadline: .now() + heartbeat.dispatchInterval, repeating: heartbeat.dispatchInterval)
        heartbeats[key] = timer
        timer.resume()
    }

    /// Prints a "still running" line unless the item has finished meanwhile.
    private func stillRunning(_ key: String, text: String) {
        lock.withLock {
            guard !finishedItems.contains(key), heartbeats[key] != nil else { return }
            beats[key, default: 0] += 1
            console.line("still running: \(text) (\(DurationText.format(heartbeat * beats[key, default: 1])))")
        }
    }
}

extension Duration {
    /// The duration as Dispatch counts time (nanoseconds).
    fileprivate var dispatchInterval: DispatchTimeInterval {
        .nanoseconds(Int(components.seconds) * 1_000_000_000 + Int(components.attoseconds / 1_000_000_000))
    }
}
