//! A Markdown body as blocks a native shell draws with its own text styles (headings,
//! paragraphs, list items with their marker, quotes), so a phone shows the same text as the
//! website without a web view, at the reader's own font size.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum BlockKind {
    /// A section heading (`##`).
    Heading,
    /// A heading below that (`###` and deeper).
    Subheading,
    Paragraph,
    /// One item of a list; its `marker` is "1." or "•".
    ListItem,
    /// A quoted passage, drawn set apart.
    Quote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TextBlock {
    pub kind: BlockKind,
    /// "3." or "•" before a list item; `None` for other blocks.
    pub marker: Option<String>,
    /// How deeply the block sits in lists (0 outside any list, 1 for a first-level item's second
    /// paragraph or a second-level item): indent by this much.
    pub depth: u32,
    pub spans: Vec<TextSpan>,
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TextSpan {
    pub text: String,
    pub strong: bool,
    pub emphasis: bool,
    /// Where the text links to (an address the lint checked when the content was built).
    pub link: Option<String>,
}

/// An open list: the next item's number, or `None` for bullets.
struct List {
    next: Option<u64>,
}

#[derive(Default)]
struct Builder {
    out: Vec<TextBlock>,
    current: Option<TextBlock>,
    lists: Vec<List>,
    quote: u32,
    strong: u32,
    emphasis: u32,
    link: Option<String>,
}

impl Builder {
    fn start(&mut self, kind: BlockKind, marker: Option<String>) {
        self.flush();
        let kind = if self.quote > 0 && kind == BlockKind::Paragraph { BlockKind::Quote } else { kind };
        // A list item sits at its list's depth; a paragraph inside an item one deeper, under its text.
        let depth =
            if kind == BlockKind::ListItem { self.lists.len().saturating_sub(1) } else { self.lists.len() } as u32;
        self.current = Some(TextBlock { kind, marker, depth, spans: Vec::new() });
    }

    fn flush(&mut self) {
        if let Some(mut b) = self.current.take() {
            if let Some(last) = b.spans.last_mut() {
                let trimmed = last.text.trim_end().len();
                last.text.truncate(trimmed);
            }
            b.spans.retain(|s| !s.text.is_empty());
            if !b.spans.is_empty() {
                self.out.push(b);
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.current.is_none() {
            // Text outside a paragraph (a tight list's continuation, a table cell).
            self.start(BlockKind::Paragraph, None);
        }
        let (strong, emphasis, link) = (self.strong > 0, self.emphasis > 0, self.link.clone());
        let Some(block) = self.current.as_mut() else { return };
        let text = if block.spans.is_empty() { text.trim_start() } else { text };
        match block.spans.last_mut() {
            Some(last) if last.strong == strong && last.emphasis == emphasis && last.link == link => {
                last.text.push_str(text)
            }
            _ => block.spans.push(TextSpan { text: text.to_string(), strong, emphasis, link }),
        }
    }
}

/// The blocks of a Markdown body. Raw HTML in the body is left out (the website shows its
/// sanitized form); a table reads row by row, its cells separated by " · ".
pub fn blocks(markdown: &str) -> Vec<TextBlock> {
    let mut b = Builder::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let kind = if level <= HeadingLevel::H2 { BlockKind::Heading } else { BlockKind::Subheading };
                b.start(kind, None);
            }
            Event::Start(Tag::Paragraph) => {
                // The first paragraph of a loose list item is the item itself.
                let item_waiting =
                    b.current.as_ref().is_some_and(|c| c.kind == BlockKind::ListItem && c.spans.is_empty());
                if !item_waiting {
                    b.start(BlockKind::Paragraph, None);
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                b.flush();
                b.quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                b.flush();
                b.quote = b.quote.saturating_sub(1);
            }
            Event::Start(Tag::List(first)) => {
                b.flush();
                b.lists.push(List { next: first });
            }
            Event::End(TagEnd::List(_)) => {
                b.flush();
                b.lists.pop();
            }
            Event::Start(Tag::Item) => {
                let marker = match b.lists.last_mut() {
                    Some(List { next: Some(n) }) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_string(),
                };
                b.start(BlockKind::ListItem, Some(marker));
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => b.start(BlockKind::Paragraph, None),
            Event::End(TagEnd::TableCell) => b.text(" · "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                if let Some(last) = b.current.as_mut().and_then(|c| c.spans.last_mut()) {
                    if let Some(t) = last.text.strip_suffix(" · ") {
                        last.text = t.to_string();
                    }
                }
                b.flush();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => b.flush(),
            Event::Start(Tag::CodeBlock(_)) => b.start(BlockKind::Paragraph, None),
            Event::Start(Tag::Strong) => b.strong += 1,
            Event::End(TagEnd::Strong) => b.strong = b.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => b.emphasis += 1,
            Event::End(TagEnd::Emphasis) => b.emphasis = b.emphasis.saturating_sub(1),
            // Only an address a phone can open; a link within the website reads as text.
            Event::Start(Tag::Link { dest_url, .. }) => {
                let openable = ["https://", "http://", "mailto:", "tel:"].iter().any(|p| dest_url.starts_with(p));
                b.link = openable.then(|| dest_url.to_string());
            }
            Event::End(TagEnd::Link) => b.link = None,
            Event::Text(t) | Event::Code(t) => b.text(&t),
            Event::SoftBreak => b.text(" "),
            Event::HardBreak => b.text("\n"),
            _ => {}
        }
    }
    b.flush();
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(b: &TextBlock) -> String {
        b.spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn headings_paragraphs_and_numbered_questions_keep_their_order_and_numbers() {
        let md = "## Wat is belangrijk voor u?\n\nBinnenkort heeft u een gesprek.\nDenk er rustig over na.\n\n\
                  1. Wat maakt uw leven de moeite waard?\n2. Waar maakt u zich zorgen over?\n\n\
                  - Schrijf het op.\n- Praat erover.\n\n**Neem de kaart mee.**\n";
        let b = blocks(md);
        let shown: Vec<(BlockKind, Option<&str>, String)> =
            b.iter().map(|x| (x.kind, x.marker.as_deref(), plain(x))).collect();
        assert_eq!(
            shown,
            vec![
                (BlockKind::Heading, None, "Wat is belangrijk voor u?".to_string()),
                (BlockKind::Paragraph, None, "Binnenkort heeft u een gesprek. Denk er rustig over na.".to_string()),
                (BlockKind::ListItem, Some("1."), "Wat maakt uw leven de moeite waard?".to_string()),
                (BlockKind::ListItem, Some("2."), "Waar maakt u zich zorgen over?".to_string()),
                (BlockKind::ListItem, Some("•"), "Schrijf het op.".to_string()),
                (BlockKind::ListItem, Some("•"), "Praat erover.".to_string()),
                (BlockKind::Paragraph, None, "Neem de kaart mee.".to_string()),
            ]
        );
        assert!(b[6].spans[0].strong);
    }

    #[test]
    fn styles_links_nesting_quotes_and_loose_lists() {
        let md = "De **surprise question** helpt, zie [Palliaweb](https://palliaweb.nl/).\n\n\
                  3. Eerst\n\n   nog een alinea\n4. Dan\n   - dieper\n\n> Een *citaat*.\n\n<div>weg</div>\n";
        let b = blocks(md);
        let first = &b[0];
        assert_eq!(plain(first), "De surprise question helpt, zie Palliaweb.");
        assert!(first.spans.iter().any(|s| s.strong && s.text == "surprise question"));
        assert!(first
            .spans
            .iter()
            .any(|s| s.link.as_deref() == Some("https://palliaweb.nl/") && s.text == "Palliaweb"));
        assert_eq!((b[1].marker.as_deref(), plain(&b[1]).as_str()), (Some("3."), "Eerst"));
        assert_eq!((b[2].kind, b[2].depth, plain(&b[2]).as_str()), (BlockKind::Paragraph, 1, "nog een alinea"));
        assert_eq!((b[3].marker.as_deref(), plain(&b[3]).as_str()), (Some("4."), "Dan"));
        assert_eq!((b[4].marker.as_deref(), b[4].depth, plain(&b[4]).as_str()), (Some("•"), 1, "dieper"));
        assert_eq!((b[5].kind, plain(&b[5]).as_str()), (BlockKind::Quote, "Een citaat."));
        assert!(b[5].spans.iter().any(|s| s.emphasis && s.text == "citaat"));
        assert_eq!(b.len(), 6, "raw HTML is left out: {b:#?}");
        let inside = blocks("Zie [de kaart](/documenten/levenswensenkaart).");
        assert_eq!(
            (plain(&inside[0]).as_str(), inside[0].spans.iter().all(|s| s.link.is_none())),
            ("Zie de kaart.", true)
        );
    }

    #[test]
    fn a_table_reads_row_by_row() {
        let b = blocks("| Wie | Wat |\n|---|---|\n| POH | gesprek |\n");
        let rows: Vec<String> = b.iter().map(plain).collect();
        assert_eq!(rows, vec!["Wie · Wat", "POH · gesprek"]);
    }
}
