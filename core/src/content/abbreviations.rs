//! Abbreviations explained where they appear: at content build, the first "SEH" in a text
//! becomes "SEH (spoedeisende hulp)", from the glossary's own terms. Names are left alone; a
//! text that already explains the abbreviation is too.

use crate::model::{Content, TreeNode};

/// (abbreviation, meaning) for every glossary term written in capitals (VVT, SEH, TOPZ, SO).
fn table(content: &Content) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = content
        .terms
        .iter()
        .filter(|t| {
            let n = t.term.chars().count();
            (2..=6).contains(&n) && t.term.chars().all(|c| c.is_ascii_uppercase()) && !t.meaning.trim().is_empty()
        })
        .map(|t| (t.term.clone(), t.meaning.trim().to_string()))
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Byte offset of the first whole-word `word` in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The first occurrence of each abbreviation in `text`, explained once.
fn explain_text(text: &str, table: &[(String, String)]) -> String {
    let mut out = text.to_string();
    let lower = text.to_lowercase();
    for (abbr, meaning) in table {
        if lower.contains(&meaning.to_lowercase()) {
            continue;
        }
        let Some(at) = find_word(&out, abbr) else { continue };
        let end = at + abbr.len();
        if out[end..].starts_with(" (") {
            continue;
        }
        out.insert_str(end, &format!(" ({meaning})"));
    }
    out
}

/// The same for sanitized HTML: only text between tags changes, never a tag or attribute.
fn explain_html(html: &str, table: &[(String, String)]) -> String {
    let lower = html.to_lowercase();
    let todo: Vec<(String, String)> =
        table.iter().filter(|(_, m)| !lower.contains(&m.to_lowercase())).cloned().collect();
    let mut done: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while !rest.is_empty() {
        let (text, tail) = match rest.find('<') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let pending: Vec<(String, String)> =
            todo.iter().filter(|(a, _)| !done.contains(&a.as_str())).cloned().collect();
        let explained = explain_text(text, &pending);
        for (a, _) in &todo {
            if !done.contains(&a.as_str()) && find_word(text, a).is_some() {
                done.push(a);
            }
        }
        out.push_str(&explained);
        match tail.find('>') {
            Some(j) => {
                out.push_str(&tail[..=j]);
                rest = &tail[j + 1..];
            }
            None => {
                out.push_str(tail);
                rest = "";
            }
        }
    }
    out
}

/// Explains abbreviations in the texts users read (not in names or titles).
pub(super) fn explain(content: &mut Content) {
    let table = table(content);
    if table.is_empty() {
        return;
    }
    let t = |s: &mut String| *s = explain_text(s, &table);
    let h = |s: &mut String| *s = explain_html(s, &table);
    for c in &mut content.contacts {
        t(&mut c.call_for);
    }
    for p in &mut content.phases {
        for s in [&mut p.summary, &mut p.wie, &mut p.hoe, &mut p.wat, &mut p.waarom] {
            t(s);
        }
        for list in [&mut p.actions.huisarts, &mut p.actions.wijkverpleegkundige, &mut p.actions.ziekenhuis] {
            list.iter_mut().for_each(t);
        }
        h(&mut p.body_html);
    }
    for topic in &mut content.topics {
        t(&mut topic.summary);
        topic.checklist.iter_mut().for_each(t);
        h(&mut topic.body_html);
    }
    for tree in &mut content.trees {
        for node in &mut tree.nodes {
            match node {
                TreeNode::Question { text, help, .. } => {
                    t(text);
                    if let Some(x) = help {
                        t(x);
                    }
                }
                TreeNode::End { advice, .. } => t(advice),
            }
        }
    }
    for x in &mut content.hulpmiddelen {
        t(&mut x.description);
    }
    // Printed cards for professionals must keep fitting their page; patients get every
    // abbreviation explained.
    for d in content.documents.iter_mut().filter(|d| d.audience.contains(&crate::model::Audience::Patient)) {
        h(&mut d.body_html);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Vec<(String, String)> {
        vec![("SEH".into(), "spoedeisende hulp".into()), ("VVT".into(), "verpleging, verzorging en thuiszorg".into())]
    }

    #[test]
    fn the_first_occurrence_is_explained_once_and_names_of_words_are_left_alone() {
        let out = explain_text("Via de SEH of de SEH-arts; VVT en SEH.", &table());
        assert_eq!(
            out,
            "Via de SEH (spoedeisende hulp) of de SEH-arts; VVT (verpleging, verzorging en thuiszorg) en SEH."
        );
        assert_eq!(explain_text("SEH (spoedeisende hulp) eerst", &table()), "SEH (spoedeisende hulp) eerst");
        assert_eq!(explain_text("SEHA en ASEH", &table()), "SEHA en ASEH");
    }

    #[test]
    fn html_changes_only_between_tags() {
        let out = explain_html("<p title=\"SEH\">Naar de <strong>SEH</strong> en weer de SEH.</p>", &table());
        assert_eq!(out, "<p title=\"SEH\">Naar de <strong>SEH (spoedeisende hulp)</strong> en weer de SEH.</p>");
    }
}
