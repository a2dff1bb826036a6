import Foundation
import Testing
import Tickmark
import TickmarkCLI
import TickmarkTestSupport

/// A checklist cannot make its HTML report lie: its HTML passes an allow-list, links keep only
/// safe addresses, forms and `<base>` are refused by the CSP too, and a real browser shows the
/// true decision banner whatever the checklist holds.
@Suite struct ReportSpoofingTests {
    static let hostile = """
    # Release

    <div style="position:fixed;top:0;left:0;right:0;height:2000px;z-index:2147483647;background:#1a7f37;color:#fff;font-size:44px">✅ GO</div>
    <meta http-equiv="refresh" content="0;url=https://example.com/">
    <base href="https://example.com/">
    <form action="https://example.com/approve"><button>Approve</button></form>
    <a href="javascript:alert(1)">details</a> <img src=x onerror=alert(1)>
    <!-- hidden note -->

    - [ ] Tests pass `probe: run swift test`
    - [ ] See [the plan](javascript:alert(1)) and <javascript:alert(2)> and [notes](JaVa&#x09;script:alert(3))
    - [ ] <details open><summary>Kept</summary>formatting stays</details> <b onclick="x()">bold</b>

    """

    static func report() async throws -> (Workspace, String) {
        let workspace = try Workspace()
        try workspace.write("c.md", hostile)
        try workspace.write("r.json", record: try workspace.runRecord(of: "c.md", failing: ["Tests": "3 failures"]))
        let result = await workspace.run(["report", "r.json", "--format", "html", "-o", "report.html"])
        #expect(result.code == 1, "\(result.stderr)")
        return (workspace, try workspace.read("report.html"))
    }

    @Test func theChecklistsHTMLPassesAnAllowList() async throws {
        let (workspace, html) = try await Self.report()
        defer { workspace.remove() }
        let body = String(html[html.range(of: "<main>")!.lowerBound...])
        for forbidden in ["<div style", "<meta", "<base", "<form", "<button", "<img", "<a href=\"javascript", "<a href=\"JaVa", "<b onclick", "hidden note"] {
            #expect(!body.contains(forbidden), "the report holds \(forbidden)")
        }
        #expect(body.contains("<div>✅ GO</div>\n&lt;meta http-equiv"))
        #expect(body.contains("See <a href=\"\">the plan</a> and <a href=\"\">javascript:alert(2)</a>"))
        #expect(body.contains("<details open><summary>Kept</summary>formatting stays</details> <b>bold</b>"))
        #expect(html.contains("form-action 'none'; base-uri 'none'"))
    }

    @Test func aBrowserShowsTheTrueBanner() async throws {
        let (workspace, _) = try await Self.report()
        defer { workspace.remove() }
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let browser = try #require(chromium, "no chromium: scripts/setup.sh installs it")
        let shot = workspace.path("report.png")
        let result = try TickmarkTestSupport.run(browser, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(workspace.path("profile"))",
            "--window-size=1000,700", "--screenshot=\(shot)", "file://\(workspace.path("report.html"))",
        ], environment: ["HOME": workspace.folder])
        try #require(FileManager.default.fileExists(atPath: shot), "chromium wrote no screenshot: \(result.errors)")
        // The banner's background at its top left and in its middle: NO-GO red (#c4222e), never green.
        let pixels = try Self.pixels(shot, at: [(10, 10), (500, 40), (990, 90)])
        for pixel in pixels {
            #expect(pixel == [0xC4, 0x22, 0x2E], "the banner shows \(pixel), not NO-GO red")
        }
    }

    /// The RGB values of the PNG at `path` at each (x, y), decoded with Python's zlib.
    static func pixels(_ path: String, at points: [(Int, Int)]) throws -> [[Int]] {
        let script = """
        import sys, zlib, struct, json
        data = open(sys.argv[1], 'rb').read()
        pos, idat, width, height, depth, ctype = 8, b'', 0, 0, 0, 0
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8]); chunk = data[pos + 8:pos + 8 + length]; pos += 12 + length
            if kind == b'IHDR': width, height, depth, ctype = struct.unpack('>IIBB', chunk[:10])
            elif kind == b'IDAT': idat += chunk
        channels = {2: 3, 6: 4}[ctype]; stride = width * channels; raw = zlib.decompress(idat); rows = []; previous = bytearray(stride)
        for y in range(height):
            kind = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0; b = previous[i]; c = previous[i - channels] if i >= channels else 0
                if kind == 1: line[i] = (line[i] + a) & 255
                elif kind == 2: line[i] = (line[i] + b) & 255
                elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif kind == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(line); previous = line
        points = json.loads(sys.argv[2])
        print(json.dumps([list(rows[y][x * channels:x * channels + 3]) for x, y in points]))
        """
        let json = "[" + points.map { "[\($0.0),\($0.1)]" }.joined(separator: ",") + "]"
        let result = try TickmarkTestSupport.run("python3", ["-c", script, path, json])
        try #require(result.status == 0, "\(result.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[Int]])
    }
}
