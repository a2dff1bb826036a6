import Foundation

/// Checks of a self-contained HTML page (the board, the audit pack's index.html).
enum PageChecks {
    /// What in `html` would load something, or run something: empty when the page loads nothing.
    static func externalLoads(_ html: String) -> [String] {
        var problems: [String] = []
        let lowered = html.lowercased()
        if !lowered.contains("<meta http-equiv=\"content-security-policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">") {
            problems.append("no Content-Security-Policy that forbids loading")
        }
        for marker in ["<script", "<link", "<iframe", "<img", "<object", "<embed", "@import", "url(", " src=", "srcset="] where lowered.contains(marker) {
            problems.append("contains \(marker)")
        }
        for scheme in ["href=\"http:", "href=\"https:", "href=\"//", "href=\"javascript:"] where lowered.contains(scheme) {
            problems.append("links out with \(scheme)")
        }
        return problems
    }
}
