#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCmarkGFM

/// GitHub-flavored Markdown rendered to HTML by cmark-gfm, for reports.
///
/// Raw HTML in the document passes `HTMLAllowList`, as on GitHub: formatting tags without
/// attributes are kept (reports put evidence in `<details>` blocks); styles, forms, meta, base and
/// every other tag are shown as text, and links keep only safe addresses. Images are turned into links to their address (the alt text becomes the link text),
/// so the rendered page loads nothing from elsewhere; `data:` images stay images. Task items in
/// block quotes, which this cmark-gfm leaves as text, get their checkbox as Tickmark reads them.
package enum MarkdownHTML {
    /// The HTML of `bytes`, parsed with the tasklist, table, strikethrough, autolink and tagfilter
    /// extensions. Invalid UTF-8 is replaced by U+FFFD.
    package static func render(_ bytes: [UInt8]) -> String {
        MarkdownConverter.withParserLock { renderLocked(bytes) }
    }

    private static func renderLocked(_ bytes: [UInt8]) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        var tasklist: OpaquePointer?
        for name in ["tasklist", "table", "strikethrough", "autolink", "tagfilter"] {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
                if name == "tasklist" { tasklist = syntaxExtension }
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
        if let tasklist { markQuotedTasks(in: document, tasklist: tasklist) }
        applyAllowList(to: document)
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

    /// Passes every raw HTML node through `HTMLAllowList`, and empties the address of every link
    /// or image whose scheme it does not allow (`javascript:`, `vbscript:`, `file:` …; images
    /// keep `data:`), so that what is rendered unsafe is only what the allow-list lets through.
    private static func applyAllowList(to document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                cmark_node_set_literal(node, HTMLAllowList.sanitize(literal))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                if !HTMLAllowList.isSafeURL(url), !(isImage && url.lowercased().hasPrefix("data:image/")) {
                    cmark_node_set_url(node, "")
                }
            default:
                continue
            }
        }
    }

    /// Gives list items inside block quotes that start with `[ ] `, `[x] ` or `[X] ` the tasklist
    /// extension's checkbox, and removes the box text.
    private static func markQuotedTasks(in document: OpaquePointer, tasklist: OpaquePointer) {
        var items: [OpaquePointer] = []
        var quoteDepth = 0
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_BLOCK_QUOTE { quoteDepth += event == CMARK_EVENT_ENTER ? 1 : -1 }
                if event == CMARK_EVENT_ENTER, type == CMARK_NODE_ITEM, quoteDepth > 0,
                   cmark_node_get_syntax_extension(node) == nil { items.append(node) }
            }
        }
        for item in items {
            guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { continue }
            // The box may be split over several text nodes (`[` is a link opener).
            var texts: [OpaquePointer] = []
            var prefix = ""
            var next = cmark_node_first_child(paragraph)
            while let node = next, cmark_node_get_type(node) == CMARK_NODE_TEXT, prefix.utf8.count < 4 {
                texts.append(node)
                prefix += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                next = cmark_node_next(node)
            }
            let bytes = Array(prefix.utf8)
            guard bytes.count >= 4, bytes[0] == 0x5B, [0x20, 0x78, 0x58].contains(bytes[1]), bytes[2] == 0x5D, bytes[3] == 0x20,
                  cmark_node_set_syntax_extension(item, tasklist) != 0 else { continue }
            _ = cmark_gfm_extensions_set_tasklist_item_checked(item, bytes[1] != 0x20)
            var remaining = 4
            for node in texts where remaining > 0 {
                let literal = Array((cmark_node_get_literal(node).map { String(cString: $0) } ?? "").utf8)
                let cut = min(remaining, literal.count)
                remaining -= cut
                cmark_node_set_literal(node, String(decoding: literal[cut...], as: UTF8.self))
            }
        }
    }
}
