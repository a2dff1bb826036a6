import Foundation
import TickmarkReport

/// The shell shared by the audit pack's `index.html` and the board: one self-contained page whose
/// Content-Security-Policy lets it load nothing (no scripts, fonts, images from elsewhere or
/// frames), with its styles inline and a print layout. Every text put into it is escaped here.
package enum HTMLPage {
    /// `text` with `& < > " '` escaped, safe in element content and in quoted attributes (as the
    /// HTML report escapes it).
    package static func escape(_ text: String) -> String {
        ReportText.html(text)
    }

    /// A time as people read it: `2026-12-01 18:00:05 UTC`.
    package static func time(_ date: Date) -> String {
        let stamp = RunRecord.timestamp(date)
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(8)) + " UTC"
    }

    /// The Content-Security-Policy of both pages.
    package static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    /// A whole page: `title` (escaped here) and `body`, HTML already built from escaped text.
    package static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A GO / NO-GO badge (or another verdict word, shown as good, bad or neither).
    package static func verdict(_ word: String, good: Bool? = nil) -> String {
        let kind = good.map { $0 ? "go" : "nogo" } ?? (word == "GO" ? "go" : word == "NO-GO" ? "nogo" : "other")
        return "<span class=\"verdict \(kind)\">\(escape(word))</span>"
    }

    private static let style = """
    :root{--go:#11682f;--go-bg:#e3f4e8;--no:#a3161b;--no-bg:#fbe4e4;--other:#6b5900;--other-bg:#fbf3d0;--line:#d0d4da;--muted:#59606b}
    *{box-sizing:border-box}
    body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1f24;margin:0 auto;max-width:70rem;padding:1.5rem}
    h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.75rem 0 .5rem}h3{font-size:1.02rem;margin:1rem 0 .35rem}
    p.lead{color:var(--muted);margin:.1rem 0 1rem}
    .verdict{display:inline-block;font-weight:700;padding:.1rem .55rem;border-radius:.3rem;border:2px solid;letter-spacing:.02em;white-space:nowrap}
    .verdict.go{color:var(--go);background:var(--go-bg);border-color:var(--go)}
    .verdict.nogo{color:var(--no);background:var(--no-bg);border-color:var(--no)}
    .verdict.other{color:var(--other);background:var(--other-bg);border-color:var(--other)}
    .banner{display:flex;gap:1rem;align-items:center;border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
    .banner .verdict{font-size:1.35rem}
    table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
    th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
    th{font-size:.82rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
    code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em;overflow-wrap:anywhere}
    .muted{color:var(--muted)}
    .phase{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:.5rem;padding:.6rem 1rem .4rem;margin:0 0 1rem;break-inside:avoid}
    .phase.go{border-left-color:var(--go)}.phase.nogo{border-left-color:var(--no)}.phase.other{border-left-color:var(--other)}
    .phase header{display:flex;gap:.75rem;align-items:baseline;flex-wrap:wrap}
    .phase header h2{margin:0;font-size:1.15rem}
    ul{margin:.2rem 0 .6rem;padding-left:1.3rem}li{margin:.15rem 0}
    .rounds{display:flex;flex-wrap:wrap;gap:3px;margin:.3rem 0 .6rem}
    .round{width:1.6rem;height:1.6rem;border-radius:.2rem;font-size:.7rem;display:flex;align-items:center;justify-content:center;border:1px solid}
    .round.go{background:var(--go-bg);color:var(--go)}.round.nogo{background:var(--no-bg);color:var(--no)}
    .note{font-size:.85rem;color:var(--muted)}
    footer{margin-top:2rem;font-size:.8rem;color:var(--muted)}
    @media print{body{max-width:none;padding:0;font-size:11pt}.phase,.banner,tr{break-inside:avoid}a{color:inherit;text-decoration:none}
      .verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}.round{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """
}
