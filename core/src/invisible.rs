//! Characters a reader cannot see but that change what text shows: direction overrides
//! and isolates (which can make "0201" read as "1020", the "Trojan Source" trick) and
//! zero-width characters. Refused in content, links and coordinators' notes.

/// The first such character in `text`, with its byte offset.
pub fn find(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| is_invisible(*c))
}

pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'                    // Arabic letter mark
            | '\u{200B}'..='\u{200F}' // zero width space, (non-)joiner, left/right-to-left marks
            | '\u{202A}'..='\u{202E}' // direction embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // direction isolates
            | '\u{FEFF}' // zero width no-break space
    )
}

/// How a message names it: "U+202E".
pub fn code(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    #[test]
    fn direction_overrides_and_zero_width_characters_are_found_and_ordinary_text_is_not() {
        assert_eq!(super::find("Bel 020\u{202E}1234"), Some((7, '\u{202E}')));
        assert_eq!(super::find("a\u{200B}b").map(|f| super::code(f.1)), Some("U+200B".into()));
        assert_eq!(super::find("Crème brûlée – 24/7, ‘s nachts, ook \u{00AD}zacht afbreken"), None);
    }
}
