#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCmarkGFM

/// GitHub-flavored Markdown rendered to HTML by cmark-gfm, for reports.
///
/// Raw HTML in the document is kept (reports put evidence in `<details>` blocks), except the tags
/// GitHub filters too (`<script>`, `<style>`, `<iframe>`, …), which the tagfilter extension
/// escapes. Images are turned into links to their address (the alt text becomes the link text),
/// so the rendered page loads nothing from elsewhere; `data:` images stay images.
public enum MarkdownHTML {
    /// The HTML of `bytes`, parsed with the tasklist, table, strikethrough, autolink and tagfilter
    /// extensions. Invalid UTF-8 is replaced by U+FFFD.
    public static func render(_ bytes: [UInt8]) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["tasklist", "table", "strikethrough", "autolink", "tagfilter"] {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress, chars.count > 0 {
                    cmark_parser_feed(parser, base, chars.count)
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        linkImages(in: document)
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Replaces every image whose address is not a `data:` URL by a link with the same children.
    private static func linkImages(in document: OpaquePointer) {
        var images: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                      cmark_node_get_type(node) == CMARK_NODE_IMAGE else { continue }
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if !url.lowercased().hasPrefix("data:") { images.append(node) }
            }
        }
        for image in images {
            guard let link = cmark_node_new(CMARK_NODE_LINK) else { continue }
            cmark_node_set_url(link, cmark_node_get_url(image))
            cmark_node_set_title(link, cmark_node_get_title(image))
            while let child = cmark_node_first_child(image) {
                cmark_node_append_child(link, child)
            }
            if cmark_node_first_child(link) == nil, let text = cmark_node_new(CMARK_NODE_TEXT) {
                cmark_node_set_literal(text, cmark_node_get_url(image))
                cmark_node_append_child(link, text)
            }
            if cmark_node_replace(image, link) != 0 {
                cmark_node_free(image)
            } else {
                cmark_node_free(link)
            }
        }
    }
}
