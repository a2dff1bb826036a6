import Foundation
import Mustache
import Tickmark

/// The formats `tickmark report` writes.
package enum ReportFormat: String, CaseIterable, Sendable {
    /// The checklists re-rendered as Markdown, with a summary and a sign-off block.
    case md
    /// One self-contained HTML page of the same.
    case html
    /// `tickmark.report/v1` JSON.
    case json
    /// JUnit XML.
    case junit

    /// Whether the format is rendered from a Mustache template (and so takes `--template`).
    package var usesTemplate: Bool { self == .md || self == .html }
}

/// Renders a `ReleaseReport` in each format.
package enum ReportRenderer {
    /// The report's text. `template` (read from `templatePath`, named in errors) replaces the
    /// built-in Mustache template of the Markdown and HTML formats.
    package static func render(
        _ report: ReleaseReport, format: ReportFormat, template: String? = nil, templatePath: String? = nil
    ) throws(TickmarkError) -> String {
        switch format {
        case .json:
            return ReportJSON.text(report)
        case .junit:
            return JUnitWriter.xml(for: [report.record])
        case .md, .html:
            let bodies = try report.record.checklists.map { checklist throws(TickmarkError) in
                try ChecklistMarkdown.render(checklist, signOffs: report.record.signOffs, at: report.generatedAt, trust: report.trust)
            }
            let view = format == .md
                ? ReportView(report, bodies: bodies, escape: ReportText.markdown, html: { _ in "" })
                : ReportView(report, bodies: bodies, escape: { $0 }, html: MarkdownHTML.render)
            let text = template ?? (format == .md ? EmbeddedTemplates.reportMarkdown : EmbeddedTemplates.reportHTML)
            return try renderTemplate(text, view: view, path: template == nil ? nil : templatePath)
        }
    }

    /// The built-in template of a format, as shipped in `templates/`.
    package static func builtInTemplate(_ format: ReportFormat) -> String? {
        switch format {
        case .md: return EmbeddedTemplates.reportMarkdown
        case .html: return EmbeddedTemplates.reportHTML
        case .json, .junit: return nil
        }
    }

    static func renderTemplate(_ text: String, view: ReportView, path: String? = nil) throws(TickmarkError) -> String {
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let position = SourcePosition(line: error.context.lineNumber, column: error.context.columnNumber, offset: 0)
            throw TickmarkError(.invalidInput, "the report template is not valid Mustache (\(error.error))", path: path ?? "template", position: position)
        } catch {
            throw TickmarkError(.invalidInput, "the report template is not valid Mustache: \(error)", path: path)
        }
        return template.render(view)
    }
}
