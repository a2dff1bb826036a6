/// The repository's root folder, found from this file's own path (`Tests/TickmarkTestSupport/`).
public let repositoryRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
}()
