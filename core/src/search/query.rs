//! Turning what a user typed into an FTS5 query, and ranking what comes back.

use super::index::{has_phrase, synonym_groups};
use super::text::{fold, within_one_edit, words};
use crate::model::Term;
use rusqlite::Connection;
use std::collections::HashSet;

/// What search needs besides the index: the index's vocabulary (for typos) and the glossary's
/// synonym groups. Loaded once per store, on the first search.
pub struct Aids {
    vocab: HashSet<String>,
    by_len: Vec<Vec<String>>,
    groups: Vec<Vec<String>>,
    /// Each glossary term's own names (term, meaning, synonyms), folded, by term id.
    term_names: std::collections::HashMap<String, Vec<String>>,
}

impl Aids {
    pub fn load(conn: &Connection, terms: &[Term]) -> rusqlite::Result<Aids> {
        let mut stmt = conn.prepare("SELECT term FROM search_vocab")?;
        let vocab: HashSet<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
        let mut by_len: Vec<Vec<String>> = Vec::new();
        for w in &vocab {
            let n = w.chars().count();
            if by_len.len() <= n + 1 {
                by_len.resize(n + 2, Vec::new());
            }
            by_len[n].push(w.clone());
        }
        let term_names = terms
            .iter()
            .map(|t| (t.id.clone(), synonym_groups(std::slice::from_ref(t)).into_iter().flatten().collect()))
            .collect();
        Ok(Aids { vocab, by_len, groups: synonym_groups(terms), term_names })
    }

    fn corrections(&self, word: &str) -> Vec<String> {
        let n = word.chars().count();
        let mut out = Vec::new();
        for len in n.saturating_sub(1)..=n + 1 {
            for w in self.by_len.get(len).map(Vec::as_slice).unwrap_or(&[]) {
                if within_one_edit(word, w) {
                    out.push(w.clone());
                }
            }
        }
        out.sort();
        out
    }

    fn has_prefix(&self, prefix: &str) -> bool {
        self.vocab.iter().any(|w| w.starts_with(prefix))
    }
}

/// How well a hit matches: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    ExactName,
    Name,
    Abbreviation,
    Body,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: String,
    pub item_id: String,
    pub region_id: Option<String>,
    pub title: String,
    pub snippet: String,
    pub tier: Tier,
    /// Outside the chosen region (and not national).
    pub elsewhere: bool,
    pub score: f64,
}

/// The alternatives for one typed word: itself (as a prefix when it is being typed) and its
/// one-edit corrections when the index does not know it (`own`), and its glossary synonyms.
struct Alternatives {
    own: Vec<String>,
    synonyms: Vec<String>,
    phrases: Vec<String>,
    prefix: bool,
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

impl Alternatives {
    fn fts(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (i, w) in self.own.iter().enumerate() {
            // Only the typed word itself is a prefix; corrections and synonyms are whole words.
            parts.push(if self.prefix && i == 0 { format!("{}*", quote(w)) } else { quote(w) });
        }
        parts.extend(self.synonyms.iter().chain(&self.phrases).map(|p| quote(p)));
        format!("({})", parts.join(" OR "))
    }

    /// Only the typed word and its corrections, for the name-match query.
    fn own_fts(&self) -> String {
        let parts: Vec<String> = self
            .own
            .iter()
            .enumerate()
            .map(|(i, w)| if self.prefix && i == 0 { format!("{}*", quote(w)) } else { quote(w) })
            .collect();
        format!("({})", parts.join(" OR "))
    }

    /// The typed word (or a correction of it) occurs.
    fn own_in(&self, text_words: &[&str]) -> bool {
        self.own
            .iter()
            .enumerate()
            .any(|(i, w)| text_words.iter().any(|t| t == w || (self.prefix && i == 0 && t.starts_with(w.as_str()))))
    }

    /// The word or any synonym of it occurs.
    fn any_in(&self, text_words: &[&str]) -> bool {
        self.own_in(text_words)
            || self.synonyms.iter().any(|w| text_words.contains(&w.as_str()))
            || self.phrases.iter().any(|p| has_phrase(text_words, p))
    }
}

fn alternatives(word: &str, prefix: bool, aids: &Aids) -> Alternatives {
    let mut alt = Alternatives { own: vec![word.to_string()], synonyms: Vec::new(), phrases: Vec::new(), prefix };
    for g in aids.groups.iter().filter(|g| g.iter().any(|m| m == word)) {
        for m in g.iter().filter(|m| *m != word) {
            if m.contains(' ') {
                alt.phrases.push(m.clone());
            } else {
                alt.synonyms.push(m.clone());
            }
        }
    }
    let known = aids.vocab.contains(word) || (prefix && aids.has_prefix(word));
    if !known && word.chars().count() >= 5 {
        alt.own.extend(aids.corrections(word));
    }
    alt.own.dedup();
    alt.synonyms.sort();
    alt.synonyms.dedup();
    alt.phrases.sort();
    alt.phrases.dedup();
    alt
}

/// Searches the index. `typing`: the last word may still be incomplete (prefix match).
pub fn search(
    conn: &Connection,
    aids: &Aids,
    query: &str,
    region: Option<&str>,
    typing: bool,
    limit: usize,
) -> rusqlite::Result<Vec<Hit>> {
    let folded = fold(query.trim());
    let typed = words(&folded);
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let last = typed.len() - 1;
    let alts: Vec<Alternatives> =
        typed.iter().enumerate().map(|(i, w)| alternatives(w, typing && i == last, aids)).collect();
    // The whole query may itself be a glossary member ("specialist ouderengeneeskunde" → SO).
    let whole = typed.join(" ");
    let whole_alts: Vec<String> = aids
        .groups
        .iter()
        .filter(|g| typed.len() > 1 && g.iter().any(|m| *m == whole))
        .flat_map(|g| g.iter().filter(|m| **m != whole).cloned())
        .collect();
    let mut fts = alts.iter().map(Alternatives::fts).collect::<Vec<_>>().join(" AND ");
    if !whole_alts.is_empty() {
        fts = format!("({fts}) OR {}", whole_alts.iter().map(|p| quote(p)).collect::<Vec<_>>().join(" OR "));
    }
    // Name matches are fetched on their own, so many synonym or body matches cannot push
    // them out of the candidates before ranking.
    // bm25 scores every matching row against every alternative, which costs time in
    // proportion to how common the words are. So bm25 orders only the name matches (few);
    // abbreviation and body matches are ordered within their tier by region and title length.
    let names = format!("title : ({})", alts.iter().map(Alternatives::own_fts).collect::<Vec<_>>().join(" AND "));
    let short = format!("{{title abbrev}} : ({fts})");
    let mut candidates: Vec<Candidate> = Vec::new();
    for (q, ranked) in [(&names, true), (&short, false), (&fts, false)] {
        for c in candidates_for(conn, q, ranked)? {
            if !candidates.iter().any(|x| x.rowid == c.rowid) {
                candidates.push(c);
            }
        }
    }
    let mut hits = Vec::new();
    for c in candidates {
        let ft = fold(&c.title);
        let fa = fold(&c.abbrev);
        let (tw, aw) = (words(&ft), words(&fa));
        let whole_in = |w: &[&str]| whole_alts.iter().any(|p| has_phrase(w, p));
        let own_name = c.kind == "term" && aids.term_names.get(&c.item_id).is_some_and(|names| names.contains(&whole));
        let tier = if tw == typed || own_name {
            Tier::ExactName
        } else if alts.iter().all(|a| a.own_in(&tw)) {
            Tier::Name
        } else if alts.iter().all(|a| a.any_in(&tw) || a.any_in(&aw)) || whole_in(&tw) || whole_in(&aw) {
            Tier::Abbreviation
        } else {
            Tier::Body
        };
        let elsewhere = matches!((&c.region_id, region), (Some(r), Some(chosen)) if r != chosen);
        hits.push((
            c.rowid,
            Hit {
                kind: c.kind,
                item_id: c.item_id,
                region_id: c.region_id,
                title: c.title,
                snippet: String::new(),
                tier,
                elsewhere,
                score: c.score,
            },
        ));
    }
    hits.sort_by(|(_, a), (_, b)| {
        (a.tier, a.elsewhere)
            .cmp(&(b.tier, b.elsewhere))
            .then(a.score.partial_cmp(&b.score).unwrap_or(std::cmp::Ordering::Equal))
            .then(a.title.chars().count().cmp(&b.title.chars().count()))
    });
    hits.truncate(limit);
    // Snippets only for what is shown: a window of the body around the first matching word.
    if !hits.is_empty() {
        let ids = hits.iter().map(|(rowid, _)| rowid.to_string()).collect::<Vec<_>>().join(",");
        let mut stmt = conn.prepare(&format!("SELECT rowid, body FROM search_index WHERE rowid IN ({ids})"))?;
        let bodies: std::collections::HashMap<i64, String> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        for (rowid, h) in &mut hits {
            if let Some(body) = bodies.get(rowid) {
                h.snippet = snippet(body, &alts);
            }
        }
    }
    Ok(hits.into_iter().map(|(_, h)| h).collect())
}

struct Candidate {
    rowid: i64,
    kind: String,
    item_id: String,
    region_id: Option<String>,
    title: String,
    abbrev: String,
    score: f64,
}

/// Matches of one FTS5 query: the best 100 by bm25 (title counts most, then abbreviations)
/// when `ranked`, else the first 100 found.
fn candidates_for(conn: &Connection, fts: &str, ranked: bool) -> rusqlite::Result<Vec<Candidate>> {
    const RANKED: &str = "SELECT rowid, kind, item_id, region_id, title, abbrev, bm25(search_index, 10.0, 4.0, 1.0) \
         FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT 100";
    const FIRST: &str = "SELECT rowid, kind, item_id, region_id, title, abbrev, 0.0 \
         FROM search_index WHERE search_index MATCH ?1 LIMIT 150";
    let mut stmt = conn.prepare_cached(if ranked { RANKED } else { FIRST })?;
    let rows = stmt.query_map([fts], |r| {
        Ok(Candidate {
            rowid: r.get(0)?,
            kind: r.get(1)?,
            item_id: r.get(2)?,
            region_id: r.get(3)?,
            title: r.get(4)?,
            abbrev: r.get(5)?,
            score: r.get(6)?,
        })
    })?;
    rows.collect()
}

/// About fourteen words of `body` around the first word a query alternative matches.
fn snippet(body: &str, alts: &[Alternatives]) -> String {
    const BEFORE: usize = 4;
    const LEN: usize = 14;
    let words: Vec<&str> = body
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '#' | '*' | '_' | '`' | '>' | '|')))
        .filter(|w| !w.is_empty() && *w != "-")
        .collect();
    let hit = words.iter().position(|w| {
        let f = fold(w);
        let core = words_of(&f);
        alts.iter().any(|a| a.any_in(&core))
    });
    let start = hit.map(|i| i.saturating_sub(BEFORE)).unwrap_or(0);
    let end = (start + LEN).min(words.len());
    let mut out = words[start..end].join(" ");
    if start > 0 {
        out = format!("…{out}");
    }
    if end < words.len() {
        out.push('…');
    }
    out
}

fn words_of(folded: &str) -> Vec<&str> {
    words(folded)
}
