// Times writing and reading a run record: `RunRecord.jsonBytes()` and `RunRecord.decode(_:path:)`
// of the record file given, median of 21 rounds each. Built and run by scripts/bench-record.sh,
// against this checkout and an earlier one, from the same source (only API both have is used).
import Foundation
import TickmarkReport

let path = CommandLine.arguments[1]
let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
let record = try RunRecord.decode(bytes, path: path)

func medianMilliseconds(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<21 {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    return times.sorted()[times.count / 2]
}

let write = try medianMilliseconds { _ = try record.jsonBytes() }
let read = try medianMilliseconds { _ = try RunRecord.decode(bytes, path: path) }
let items = record.checklists.reduce(0) { $0 + $1.items.count }
print(String(format: "jsonBytes %.2f ms, decode %.2f ms (%d items, %d bytes)", write, read, items, bytes.count))
