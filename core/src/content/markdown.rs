//! Markdown to HTML that is safe to show: rendered with `pulldown-cmark`, then cleaned
//! with `ammonia` so no script, style or event handler from content can run. This runs
//! when content is built; the signed store carries the result to every shell.

use pulldown_cmark::{html, Options, Parser};
use std::collections::HashSet;

/// The longest Markdown body the loader renders (a long leaflet is about 10 KB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// How deep lists, quotes and HTML tags may nest; real texts stay under 5.
pub const MAX_NESTING: usize = 32;
/// How wide the run of indentation and list or quote markers before a line's text may be.
const MAX_PREFIX_BYTES: usize = 128;

/// The width of the indentation and list or quote markers a line starts with, and how many
/// markers that run holds (each one a level of nesting). A rule like `-----` is no marker.
fn container_prefix(line: &[u8]) -> (usize, usize) {
    let blank = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
    let (mut i, mut markers) = (0, 0);
    loop {
        while blank(line.get(i)) {
            i += 1;
        }
        let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        match line.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if blank(line.get(i + 1)) => i += 1,
            _ if digits > 0 && matches!(line.get(i + digits), Some(b'.' | b')')) && blank(line.get(i + digits + 1)) => {
                i += digits + 1
            }
            _ => return (i, markers),
        }
        markers += 1;
    }
}

/// Finds what would make rendering slow or unbounded before it is tried: a body too long,
/// lists or quotes nested too deep, HTML tags nested too deep. Returns the byte offset in
/// `body` and the message. Linear in the length of the body.
pub fn body_problem(body: &str) -> Option<(usize, String)> {
    if body.len() > MAX_BODY_BYTES {
        let msg = format!(
            "the text after the front matter is {} KB, more than the {} KB a page may have; split it",
            body.len() / 1024,
            MAX_BODY_BYTES / 1024
        );
        return Some((0, msg));
    }
    if let Some((at, c)) = crate::invisible::find(body) {
        let msg = format!("the text contains an invisible character ({}) here; retype it", crate::invisible::code(c));
        return Some((at, msg));
    }
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let (prefix, markers) = container_prefix(line.as_bytes());
        if prefix > MAX_PREFIX_BYTES || markers > MAX_NESTING {
            let msg = format!(
                "lists or quotes are nested too deeply here (more than {MAX_NESTING} levels or {MAX_PREFIX_BYTES} \
                 characters of indentation); flatten the list"
            );
            return Some((at, msg));
        }
        at += line.len();
    }
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    for (i, _) in body.match_indices('<') {
        match bytes.get(i + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name: String =
                    body[i + 1..].chars().take_while(char::is_ascii_alphanumeric).take(8).collect::<String>();
                let void =
                    ["br", "hr", "img", "input", "wbr", "meta", "link"].contains(&name.to_ascii_lowercase().as_str());
                if !void {
                    depth += 1;
                }
                if depth > MAX_NESTING {
                    let msg =
                        format!("HTML tags are nested more than {MAX_NESTING} levels deep here; use Markdown instead");
                    return Some((i, msg));
                }
            }
            _ => {}
        }
    }
    None
}

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
    use super::{body_problem, to_safe_html};

    #[test]
    fn ordinary_texts_pass_the_bounds_and_deep_nesting_does_not() {
        let ok = "## Kop\n\n- een\n  - twee\n    1. drie\n\n> citaat\n\n---------------------------------------------------------------------------------------------------------------------------------------\n\n<br><strong>x</strong>";
        assert_eq!(body_problem(ok), None);
        let lists = format!("tekst\n{}x\n", "- ".repeat(8000));
        assert_eq!(body_problem(&lists).map(|p| p.0), Some(6), "the problem is reported at the deep line");
        let indented: String = (0..200).map(|i| format!("{}- punt\n", "  ".repeat(i))).collect();
        assert!(body_problem(&indented).is_some());
        let quotes = format!("{}x", ">".repeat(50));
        assert!(body_problem(&quotes).is_some());
        let divs = format!("a{}", "<div>".repeat(8000));
        assert_eq!(body_problem(&divs).map(|p| p.0), Some(1 + 32 * 5));
        assert!(body_problem(&"a".repeat(300 * 1024)).unwrap().1.contains("300 KB"));
    }

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
