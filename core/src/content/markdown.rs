//! Markdown to HTML that is safe to show: rendered with `pulldown-cmark`, then cleaned
//! with `ammonia` so no script, style or event handler from content can run. This runs
//! when content is built; the signed store carries the result to every shell.

use pulldown_cmark::{html, Options, Parser};
use std::collections::HashSet;

pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    let mut raw = String::new();
    html::push_html(&mut raw, parser);
    let tags: HashSet<&str> = [
        "p",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "a",
        "blockquote",
        "code",
        "pre",
        "hr",
        "br",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "del",
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto", "tel"].into_iter().collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(schemes)
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_renders_and_script_does_not() {
        let html = to_safe_html(
            "## Kop\n\n**Vet** [link](https://thuisarts.nl)\n\n<script>alert(1)</script><img src=x onerror=alert(1)>",
        );
        assert!(html.contains("<h2>Kop</h2>"), "{html}");
        assert!(html.contains("<strong>Vet</strong>"));
        assert!(html.contains("href=\"https://thuisarts.nl\""));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!to_safe_html("[x](javascript:alert(1))").contains("javascript:"));
    }
}
