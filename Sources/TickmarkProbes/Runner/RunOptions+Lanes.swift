extension RunOptions {
    /// The probe kinds that wait on the network and run in the network lane.
    package static let networkKinds: Set<String> = ["http", "tcp", "tls"]

    /// The positions of `kinds` in the lane of the other probes (0) and of network probes (1), in order.
    static func lanes(of kinds: [String]) -> [[Int]] {
        var lanes: [[Int]] = [[], []]
        for (index, kind) in kinds.enumerated() { lanes[networkKinds.contains(kind) ? 1 : 0].append(index) }
        return lanes
    }
}
