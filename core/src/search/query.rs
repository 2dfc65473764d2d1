//! Turning what a user typed into an FTS5 query, and ranking what comes back.

use super::index::{has_phrase, synonym_groups};
use super::text::{fold, within_one_edit, words};
use crate::model::{ItemKind, Term};
use rusqlite::Connection;

/// What search needs besides the index: the glossary's synonym groups, loaded once per store
/// on the first search, and the index's words, looked up one at a time in `search_word`. All
/// words are loaded only when a typo has to be corrected (once per store).
pub struct Aids {
    groups: Vec<Vec<String>>,
    /// Each glossary term's own names (term, meaning, synonyms), folded, by term id.
    term_names: std::collections::HashMap<String, Vec<String>>,
    /// Every word of the index by its length in characters, for corrections.
    by_len: std::sync::OnceLock<Vec<Vec<String>>>,
}

impl Aids {
    pub fn load(terms: &[Term]) -> Aids {
        let term_names = terms
            .iter()
            .map(|t| (t.id.clone(), synonym_groups(std::slice::from_ref(t)).into_iter().flatten().collect()))
            .collect();
        Aids { groups: synonym_groups(terms), term_names, by_len: std::sync::OnceLock::new() }
    }

    /// Whether the index has this word.
    fn known(&self, conn: &Connection, word: &str) -> rusqlite::Result<bool> {
        use rusqlite::OptionalExtension;
        let mut stmt = conn.prepare_cached("SELECT 1 FROM search_word WHERE term = ?1")?;
        Ok(stmt.query_row([word], |_| Ok(())).optional()?.is_some())
    }

    /// Whether some word of the index starts with `prefix`.
    fn has_prefix(&self, conn: &Connection, prefix: &str) -> rusqlite::Result<bool> {
        use rusqlite::OptionalExtension;
        let mut stmt = conn.prepare_cached("SELECT term FROM search_word WHERE term >= ?1 ORDER BY term LIMIT 1")?;
        let next: Option<String> = stmt.query_row([prefix], |r| r.get(0)).optional()?;
        Ok(next.is_some_and(|w| w.starts_with(prefix)))
    }

    fn corrections(&self, conn: &Connection, word: &str) -> rusqlite::Result<Vec<String>> {
        let by_len = match self.by_len.get() {
            Some(b) => b,
            None => {
                let mut stmt = conn.prepare("SELECT term FROM search_word")?;
                let mut by_len: Vec<Vec<String>> = Vec::new();
                for w in stmt.query_map([], |r| r.get::<_, String>(0))? {
                    let w = w?;
                    let n = w.chars().count();
                    if by_len.len() <= n + 1 {
                        by_len.resize(n + 2, Vec::new());
                    }
                    by_len[n].push(w);
                }
                self.by_len.get_or_init(|| by_len)
            }
        };
        let n = word.chars().count();
        let mut out = Vec::new();
        for len in n.saturating_sub(1)..=n + 1 {
            for w in by_len.get(len).map(Vec::as_slice).unwrap_or(&[]) {
                if within_one_edit(word, w) {
                    out.push(w.clone());
                }
            }
        }
        out.sort();
        Ok(out)
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
    pub kind: ItemKind,
    pub item_id: String,
    pub region_id: Option<String>,
    pub title: String,
    /// Plain text: no Markdown.
    pub snippet: String,
    /// The byte range of the matching word in `snippet`, to mark.
    pub marked: Option<(usize, usize)>,
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

    /// The word as typed (not as a prefix), a correction or a synonym occurs as a whole word.
    fn exact_in(&self, text_words: &[&str]) -> bool {
        self.own.iter().chain(&self.synonyms).any(|w| text_words.contains(&w.as_str()))
            || self.phrases.iter().any(|p| has_phrase(text_words, p))
    }

    /// The word or any synonym of it occurs.
    fn any_in(&self, text_words: &[&str]) -> bool {
        self.own_in(text_words)
            || self.synonyms.iter().any(|w| text_words.contains(&w.as_str()))
            || self.phrases.iter().any(|p| has_phrase(text_words, p))
    }
}

fn alternatives(conn: &Connection, word: &str, prefix: bool, aids: &Aids) -> rusqlite::Result<Alternatives> {
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
    let known = aids.known(conn, word)? || (prefix && aids.has_prefix(conn, word)?);
    if !known && word.chars().count() >= 5 {
        alt.own.extend(aids.corrections(conn, word)?);
    }
    // A Dutch compound typed joined that the content writes apart ("levenswensenkaart" for
    // "levenswensen kaart"): both halves known words of at least three letters.
    if !known && word.chars().count() >= 8 {
        let chars: Vec<char> = word.chars().collect();
        for k in 3..=chars.len() - 3 {
            let (a, b): (String, String) = (chars[..k].iter().collect(), chars[k..].iter().collect());
            if aids.known(conn, &a)? && aids.known(conn, &b)? {
                alt.phrases.push(format!("{a} {b}"));
            }
        }
    }
    alt.own.dedup();
    alt.synonyms.sort();
    alt.synonyms.dedup();
    alt.phrases.sort();
    alt.phrases.dedup();
    Ok(alt)
}

/// A query read for searching: the words as typed (folded), each word's alternatives, the
/// other readings of the words (compounds typed apart), and the glossary's other names for
/// the whole query.
struct Parsed {
    typed: Vec<String>,
    alts: Vec<Alternatives>,
    /// Each reading with two neighbouring words joined ("behandelwensen gesprek" read as
    /// "behandelwensengesprek"): its alternatives and its words.
    readings: Vec<Vec<Alternatives>>,
    reading_words: Vec<Vec<String>>,
    /// The query as one phrase, and its glossary synonyms ("specialist ouderengeneeskunde" → SO).
    whole: String,
    whole_alts: Vec<String>,
}

fn parse(conn: &Connection, query: &str, typing: bool, aids: &Aids) -> rusqlite::Result<Option<Parsed>> {
    let folded = fold(query.trim());
    let typed: Vec<String> = words(&folded).into_iter().map(str::to_string).collect();
    let Some(last) = typed.len().checked_sub(1) else { return Ok(None) };
    let alts: Vec<Alternatives> = typed
        .iter()
        .enumerate()
        .map(|(i, w)| alternatives(conn, w, typing && i == last, aids))
        .collect::<rusqlite::Result<_>>()?;
    let (mut readings, mut reading_words) = (Vec::new(), Vec::new());
    for i in 0..last {
        let joined = format!("{}{}", typed[i], typed[i + 1]);
        let is_last = i + 1 == last;
        if !(aids.known(conn, &joined)? || (typing && is_last && aids.has_prefix(conn, &joined)?)) {
            continue;
        }
        let mut words_read = typed.clone();
        words_read.splice(i..i + 2, [joined.clone()]);
        reading_words.push(words_read);
        let reading = typed
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i + 1)
            .map(|(j, w)| {
                if j == i {
                    alternatives(conn, &joined, typing && is_last, aids)
                } else {
                    alternatives(conn, w, typing && j == last, aids)
                }
            })
            .collect::<rusqlite::Result<_>>()?;
        readings.push(reading);
    }
    let whole = typed.join(" ");
    let whole_alts = aids
        .groups
        .iter()
        .filter(|g| typed.len() > 1 && g.iter().any(|m| *m == whole))
        .flat_map(|g| g.iter().filter(|m| **m != whole).cloned())
        .collect();
    Ok(Some(Parsed { typed, alts, readings, reading_words, whole, whole_alts }))
}

/// The three FTS5 queries, in the order their matches become candidates: names (ranked by
/// bm25), names and abbreviations, everything. Name matches are fetched on their own so
/// that many synonym or body matches cannot push them out before ranking; bm25 costs time in
/// proportion to how common the words are, so only the (few) name matches are ordered by it.
fn fts_queries(p: &Parsed) -> [(String, bool); 3] {
    let and = |r: &[Alternatives]| r.iter().map(Alternatives::fts).collect::<Vec<_>>().join(" AND ");
    let mut fts = and(&p.alts);
    for r in &p.readings {
        fts = format!("({fts}) OR ({})", and(r));
    }
    if !p.whole_alts.is_empty() {
        fts = format!("({fts}) OR {}", p.whole_alts.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" OR "));
    }
    let own_and = |r: &[Alternatives]| r.iter().map(Alternatives::own_fts).collect::<Vec<_>>().join(" AND ");
    let mut names = format!("({})", own_and(&p.alts));
    for r in &p.readings {
        names = format!("{names} OR ({})", own_and(r));
    }
    [(format!("title : ({names})"), true), (format!("{{title abbrev}} : ({fts})"), false), (fts, false)]
}

/// How well a candidate matches the query: its tier, and whether it lies in another region.
fn judge(c: &Candidate, p: &Parsed, aids: &Aids, region: Option<&str>) -> (Tier, bool) {
    let ft = fold(&c.title);
    let fa = fold(&c.abbrev);
    let (tw, aw) = (words(&ft), words(&fa));
    let whole_in = |w: &[&str]| p.whole_alts.iter().any(|x| has_phrase(w, x));
    let own_name =
        c.kind == ItemKind::Term && aids.term_names.get(&c.item_id).is_some_and(|names| names.contains(&p.whole));
    let tier_of = |alts: &[Alternatives]| {
        if alts.iter().all(|a| a.own_in(&tw)) {
            Tier::Name
        } else if alts.iter().all(|a| a.any_in(&tw) || a.any_in(&aw)) || whole_in(&tw) || whole_in(&aw) {
            Tier::Abbreviation
        } else {
            Tier::Body
        }
    };
    // A service or place whose name the query says in full (as typed, corrected, or by a
    // glossary synonym) is what the user asked for: it ranks with exact names, before the
    // glossary's entry for the word.
    let service = matches!(c.kind, ItemKind::Contact | ItemKind::Facility);
    let names_service = service
        && (p.alts.iter().all(|a| a.exact_in(&tw))
            || p.readings.iter().any(|r| r.iter().all(|a| a.exact_in(&tw)))
            || whole_in(&tw));
    let typed_is_title = tw.len() == p.typed.len() && tw.iter().zip(&p.typed).all(|(a, b)| a == b);
    let reading_is_title = p.reading_words.iter().any(|r| tw.len() == r.len() && tw.iter().zip(r).all(|(a, b)| a == b));
    let tier = if typed_is_title || own_name || names_service || reading_is_title {
        Tier::ExactName
    } else {
        p.readings.iter().map(|r| tier_of(r)).fold(tier_of(&p.alts), std::cmp::min)
    };
    let elsewhere = matches!((&c.region_id, region), (Some(r), Some(chosen)) if r != chosen);
    (tier, elsewhere)
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
    let Some(p) = parse(conn, query, typing, aids)? else { return Ok(Vec::new()) };
    let mut candidates: Vec<Candidate> = Vec::new();
    for (q, ranked) in fts_queries(&p) {
        for c in candidates_for(conn, &q, ranked)? {
            if !candidates.iter().any(|x| x.rowid == c.rowid) {
                candidates.push(c);
            }
        }
    }
    let mut hits: Vec<(i64, Hit)> = candidates
        .into_iter()
        .map(|c| {
            let (tier, elsewhere) = judge(&c, &p, aids, region);
            let hit = Hit {
                kind: c.kind,
                item_id: c.item_id,
                region_id: c.region_id,
                title: c.title,
                snippet: String::new(),
                marked: None,
                tier,
                elsewhere,
                score: c.score,
            };
            (c.rowid, hit)
        })
        .collect();
    // Within a tier, the glossary's explanation of a word comes after the services it names.
    let rank = |h: &Hit| (h.tier, h.elsewhere, h.kind == ItemKind::Term);
    hits.sort_by(|(_, a), (_, b)| {
        rank(a)
            .cmp(&rank(b))
            .then(a.score.partial_cmp(&b.score).unwrap_or(std::cmp::Ordering::Equal))
            .then(a.title.chars().count().cmp(&b.title.chars().count()))
    });
    hits.truncate(limit);
    add_snippets(conn, &mut hits, &p.alts)?;
    Ok(hits.into_iter().map(|(_, h)| h).collect())
}

/// Snippets only for what is shown: a window of the body around the first matching word.
fn add_snippets(conn: &Connection, hits: &mut [(i64, Hit)], alts: &[Alternatives]) -> rusqlite::Result<()> {
    if hits.is_empty() {
        return Ok(());
    }
    let ids = hits.iter().map(|(rowid, _)| rowid.to_string()).collect::<Vec<_>>().join(",");
    let mut stmt = conn.prepare(&format!("SELECT rowid, body FROM search_index WHERE rowid IN ({ids})"))?;
    let bodies: std::collections::HashMap<i64, String> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    for (rowid, h) in hits.iter_mut() {
        if let Some(body) = bodies.get(rowid) {
            (h.snippet, h.marked) = snippet(body, alts);
        }
    }
    Ok(())
}

struct Candidate {
    rowid: i64,
    kind: ItemKind,
    item_id: String,
    region_id: Option<String>,
    title: String,
    abbrev: String,
    score: f64,
}

/// An item kind read from the index; a kind this build does not know is an error, never
/// silently taken for another.
fn item_kind(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<ItemKind> {
    let text: String = r.get(i)?;
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
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
            kind: item_kind(r, 1)?,
            item_id: r.get(2)?,
            region_id: r.get(3)?,
            title: r.get(4)?,
            abbrev: r.get(5)?,
            score: r.get(6)?,
        })
    })?;
    rows.collect()
}

/// Markdown as plain text: link targets, emphasis and heading marks gone.
fn plain(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    // "[text](url)" → "text"
    while let Some(open) = rest.find("](") {
        let Some(close) = rest[open..].find(')') else { break };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.chars().filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '[' | ']' | '>' | '|')).collect()
}

/// About fourteen words of `body` around the first word a query alternative matches, as plain
/// text, with the byte range of that word.
fn snippet(body: &str, alts: &[Alternatives]) -> (String, Option<(usize, usize)>) {
    const BEFORE: usize = 4;
    const LEN: usize = 14;
    let text = plain(body);
    let words: Vec<&str> = text.split_whitespace().filter(|w| *w != "-").collect();
    let hit = words.iter().position(|w| {
        let f = fold(w);
        let core = words_of(&f);
        alts.iter().any(|a| a.any_in(&core))
    });
    let start = hit.map(|i| i.saturating_sub(BEFORE)).unwrap_or(0);
    let end = (start + LEN).min(words.len());
    let mut out = String::new();
    let mut marked = None;
    if start > 0 {
        out.push('…');
    }
    for (i, w) in words[start..end].iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if Some(start + i) == hit {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            let at = out.len() + w.find(core).unwrap_or(0);
            marked = Some((at, at + core.len()));
        }
        out.push_str(w);
    }
    if end < words.len() {
        out.push('…');
    }
    (out, marked)
}

fn words_of(folded: &str) -> Vec<&str> {
    words(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database with just the index's words, and aids with these synonym groups.
    fn aids(vocab: &[&str], groups: &[&[&str]]) -> (Connection, Aids) {
        let conn = Connection::open_in_memory().expect("sqlite");
        conn.execute_batch("CREATE TABLE search_word (term TEXT PRIMARY KEY) WITHOUT ROWID;").expect("table");
        for w in vocab {
            conn.execute("INSERT INTO search_word VALUES (?1)", [w]).expect("word");
        }
        let groups = groups.iter().map(|g| g.iter().map(|m| m.to_string()).collect()).collect();
        (conn, Aids { groups, term_names: Default::default(), by_len: Default::default() })
    }

    fn alts(setup: &(Connection, Aids), word: &str, prefix: bool) -> Alternatives {
        alternatives(&setup.0, word, prefix, &setup.1).expect("alternatives")
    }

    #[test]
    fn a_known_word_is_not_corrected_and_an_unknown_one_is_by_one_edit() {
        let a = aids(&["hap", "hat", "benauwdheid", "delier"], &[]);
        // "hap" is in the index: it must not turn into "hat".
        assert_eq!(alts(&a, "hap", false).own, ["hap"]);
        // Five letters or more, unknown: one-edit corrections join the typed word.
        assert_eq!(alts(&a, "benauwdhied", false).own, ["benauwdhied", "benauwdheid"]);
        assert_eq!(alts(&a, "delir", false).own, ["delir", "delier"]);
        // Shorter unknown words are left alone: too many near misses.
        assert_eq!(alts(&a, "hip", false).own, ["hip"]);
    }

    #[test]
    fn synonyms_and_phrases_come_from_the_glossary_and_joined_compounds_are_split() {
        let a = aids(&["levenswensen", "kaart", "huisartsenpost"], &[&["hap", "huisartsenpost", "huisartsen post"]]);
        let hap = alts(&a, "hap", false);
        assert_eq!(hap.synonyms, ["huisartsenpost"]);
        assert_eq!(hap.phrases, ["huisartsen post"]);
        let compound = alts(&a, "levenswensenkaart", false);
        assert_eq!(compound.phrases, ["levenswensen kaart"]);
        assert_eq!(compound.fts(), "(\"levenswensenkaart\" OR \"levenswensen kaart\")");
    }

    #[test]
    fn only_the_word_being_typed_is_a_prefix_and_quotes_are_escaped() {
        let a = aids(&["pijnbestrijding"], &[]);
        let typing = alts(&a, "pijn", true);
        assert_eq!(typing.fts(), "(\"pijn\"*)");
        assert!(typing.own_in(&["pijnbestrijding"]));
        assert!(!typing.exact_in(&["pijnbestrijding"]), "a prefix is not the exact word");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn snippets_are_plain_text_around_the_first_match_with_the_word_marked() {
        let a = aids(&["morfine"], &[]);
        let found = [alts(&a, "morfine", false)];
        let body = "Een **lange** inleiding van zeer veel woorden voordat het gaat over [morfine](https://x.nl) en de dosering bij pijn in de laatste fase van het leven thuis";
        let (text, marked) = snippet(body, &found);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(!text.contains("**") && !text.contains("https"), "{text}");
        let (a, b) = marked.expect("marked");
        assert_eq!(&text[a..b], "morfine");
    }
}
