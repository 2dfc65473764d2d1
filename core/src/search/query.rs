//! Turning what a user typed into an FTS5 query, and ranking what comes back.

use super::index::{synonym_groups, RegionRows};
use super::text::{fold, within_one_edit, words};
use crate::model::{ItemKind, Term};
use rusqlite::Connection;

/// What search needs besides the index: the glossary's synonym groups, loaded once per store
/// on the first search, and the index's words, looked up one at a time in `search_word`. All
/// words are loaded only when a typo has to be corrected (once per store).
///
/// The groups are worked out when the index is built and kept beside it (`meta`
/// `search_aids`), so the first search of a process reads one small record instead of parsing
/// and folding the whole glossary.
pub struct Aids {
    groups: Vec<Vec<String>>,
    /// Each glossary term's own names (term, meaning, synonyms), folded, by term id.
    term_names: std::collections::HashMap<String, Vec<String>>,
    /// Every word of the index by its length in characters, for corrections.
    by_len: std::sync::OnceLock<Vec<Vec<String>>>,
    /// Each region's rows in the index (see `index::rebuild`).
    regions: std::collections::HashMap<String, (i64, i64)>,
}

/// [`Aids`] as kept in the store; ordered, so that building twice writes the same bytes.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredAids {
    groups: Vec<Vec<String>>,
    term_names: std::collections::BTreeMap<String, Vec<String>>,
    /// Absent in stores built before regions were searched on their own.
    #[serde(default)]
    regions: RegionRows,
}

const AIDS_KEY: &str = "search_aids";

impl Aids {
    /// Worked out from the glossary, without regions' rows (only a rebuild knows them).
    pub fn load(terms: &[Term]) -> Aids {
        StoredAids::from_terms(terms, RegionRows::new()).into()
    }

    /// As kept beside the index; `None` in a store whose index was built before they were
    /// kept (it was brought up to date by a migration, and is rebuilt by its next sync).
    pub fn read(conn: &Connection) -> rusqlite::Result<Option<Aids>> {
        use rusqlite::OptionalExtension;
        let json: Option<String> =
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [AIDS_KEY], |r| r.get(0)).optional()?;
        Ok(json.and_then(|j| serde_json::from_str::<StoredAids>(&j).ok()).map(Aids::from))
    }

    /// Keeps the glossary's groups and the regions' rows beside the index; run with every
    /// rebuild of it.
    pub(super) fn write(conn: &Connection, terms: &[Term], regions: RegionRows) -> rusqlite::Result<()> {
        let json = serde_json::to_string(&StoredAids::from_terms(terms, regions))
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", [AIDS_KEY, json.as_str()])?;
        Ok(())
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

impl From<StoredAids> for Aids {
    fn from(s: StoredAids) -> Aids {
        Aids {
            groups: s.groups,
            term_names: s.term_names.into_iter().collect(),
            by_len: Default::default(),
            regions: s.regions.into_iter().collect(),
        }
    }
}

impl StoredAids {
    /// Each term's names folded once: its own names, and (when it has more than one) a group.
    fn from_terms(terms: &[Term], regions: RegionRows) -> StoredAids {
        let mut groups = Vec::new();
        let mut term_names = std::collections::BTreeMap::new();
        for t in terms {
            let names: Vec<String> = synonym_groups(std::slice::from_ref(t)).into_iter().flatten().collect();
            if !names.is_empty() {
                groups.push(names.clone());
            }
            term_names.insert(t.id.clone(), names);
        }
        StoredAids { groups, term_names, regions }
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
    /// The name begins with the typed words, in order ("TOPZ Spaarne Gasthuis (Team ...)"
    /// for "topz spaarne"): within a tier, such a name comes first.
    pub leads: bool,
}

/// The alternatives for one typed word: itself (as a prefix when it is being typed) and its
/// one-edit corrections when the index does not know it (`own`), and its glossary synonyms.
#[derive(Clone)]
struct Alternatives {
    own: Vec<String>,
    synonyms: Vec<String>,
    /// The glossary's synonyms of more than one word.
    phrases: Vec<Phrase>,
    /// A compound typed joined, in the halves the index knows ("levenswensen kaart").
    compounds: Vec<Phrase>,
    prefix: bool,
}

/// Words to find in this order, kept split: a phrase is compared with every candidate, and
/// splitting it each time cost a fifth of a search.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Phrase {
    text: String,
    words: Vec<String>,
}

impl Phrase {
    fn new(text: String) -> Phrase {
        let words = text.split_whitespace().map(str::to_string).collect();
        Phrase { text, words }
    }

    /// Occurs in `haystack` as whole words, in order.
    fn in_words(&self, haystack: &[&str]) -> bool {
        let n = self.words.len();
        n > 0 && haystack.windows(n).any(|w| w.iter().zip(&self.words).all(|(a, b)| *a == b))
    }
}

impl PartialEq<&str> for Phrase {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

/// The folded words of every kind's label (and a document kind's slug), which abbreviations
/// hold as written, without the glossary's expansions.
fn label_words() -> &'static std::collections::HashSet<String> {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        use crate::model::{ContactKind, DocumentKind, FacilityKind};
        use strum::IntoEnumIterator;
        let labels = ContactKind::iter()
            .map(ContactKind::label)
            .chain(FacilityKind::iter().map(FacilityKind::label))
            .chain(DocumentKind::iter().flat_map(|k| [k.label(), k.slug()]));
        labels.flat_map(|l| words(&fold(l)).into_iter().map(str::to_string).collect::<Vec<_>>()).collect()
    })
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
        parts.extend(self.synonyms.iter().map(|w| quote(w)).chain(self.all_phrases().map(|p| quote(&p.text))));
        format!("({})", parts.join(" OR "))
    }

    fn all_phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.phrases.iter().chain(&self.compounds)
    }

    /// What names and abbreviations are searched for: the typed word, its corrections and its
    /// compound halves, and those of its synonyms that a kind's label says. Every other
    /// synonym is in the abbreviations already (`index::rebuild` expands each name), and
    /// asking FTS5 for all eleven of a word's synonyms cost more than half a search.
    fn names_fts(&self) -> String {
        let labels = label_words();
        let said = |words: &[String]| !words.is_empty() && words.iter().all(|w| labels.contains(w.as_str()));
        let mut parts = vec![self.own_fts()];
        parts.extend(self.compounds.iter().map(|p| quote(&p.text)));
        parts.extend(self.synonyms.iter().filter(|w| labels.contains(w.as_str())).map(|w| quote(w)));
        parts.extend(self.phrases.iter().filter(|p| said(&p.words)).map(|p| quote(&p.text)));
        if parts.len() == 1 {
            return parts.remove(0);
        }
        format!("({})", parts.join(" OR "))
    }

    /// The typed word, its corrections and compound halves, without the glossary's synonyms.
    fn as_typed(&self) -> Alternatives {
        Alternatives { synonyms: Vec::new(), phrases: Vec::new(), ..self.clone() }
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
            || self.all_phrases().any(|p| p.in_words(text_words))
    }

    /// Words at least one of which a text must contain (as folded text, perhaps inside a
    /// longer word) for [`Self::any_in`] to hold: the own words, synonyms, and phrases' first
    /// words.
    fn needles(&self) -> impl Iterator<Item = &str> {
        self.own
            .iter()
            .chain(&self.synonyms)
            .map(String::as_str)
            .chain(self.all_phrases().filter_map(|p| p.words.first()).map(String::as_str))
    }

    /// The word or any synonym of it occurs.
    fn any_in(&self, text_words: &[&str]) -> bool {
        self.own_in(text_words)
            || self.synonyms.iter().any(|w| text_words.contains(&w.as_str()))
            || self.all_phrases().any(|p| p.in_words(text_words))
    }
}

fn alternatives(conn: &Connection, word: &str, prefix: bool, aids: &Aids) -> rusqlite::Result<Alternatives> {
    let mut alt = Alternatives {
        own: vec![word.to_string()],
        synonyms: Vec::new(),
        phrases: Vec::new(),
        compounds: Vec::new(),
        prefix,
    };
    for g in aids.groups.iter().filter(|g| g.iter().any(|m| m == word)) {
        for m in g.iter().filter(|m| *m != word) {
            if m.contains(' ') {
                alt.phrases.push(Phrase::new(m.clone()));
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
                alt.compounds.push(Phrase::new(format!("{a} {b}")));
            }
        }
    }
    alt.own.dedup();
    alt.synonyms.sort();
    alt.synonyms.dedup();
    alt.phrases.sort();
    alt.phrases.dedup();
    alt.compounds.sort();
    alt.compounds.dedup();
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
    whole_alts: Vec<Phrase>,
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
        .filter(|g| typed.len() > 1 && g.contains(&whole))
        .flat_map(|g| g.iter().filter(|m| **m != whole).cloned().map(Phrase::new))
        .collect();
    Ok(Some(Parsed { typed, alts, readings, reading_words, whole, whole_alts }))
}

/// Where a query looks.
#[derive(Clone, Copy)]
enum Source {
    /// Names only (the typed words and their corrections), the first 200 found.
    Titles,
    /// Names and abbreviations, the first 150 found.
    Names,
    /// Everything, bodies included, the first 150 found.
    Everything,
}

/// The three FTS5 queries, in the order their matches become candidates: names, names and
/// abbreviations, everything. Name matches are fetched on their own so that many synonym or
/// body matches cannot push them out before ranking. Nothing is ordered by bm25: it counts
/// every row a word occurs in (in any column) for every query, a quarter of the slowest
/// search, while the tiers, the region and a name that begins with the typed words decide
/// the order users see (`search`).
///
/// Names and abbreviations are matched by the typed words, their corrections, compound halves
/// and readings, and the synonyms a kind's label says ([`Alternatives::names_fts`]): every
/// name's abbreviations already hold the glossary groups it mentions (`index::rebuild`).
/// Bodies hold no such expansions: the query for everything carries all synonyms.
fn fts_queries(p: &Parsed) -> [String; 3] {
    // Every typed word (as `word` makes it) AND'ed, for the query as typed and each reading.
    let each_reading = |word: fn(&Alternatives) -> String| {
        std::iter::once(&p.alts)
            .chain(&p.readings)
            .map(|r| format!("({})", r.iter().map(word).collect::<Vec<_>>().join(" AND ")))
            .collect::<Vec<_>>()
            .join(" OR ")
    };
    let mut fts = each_reading(Alternatives::fts);
    if !p.whole_alts.is_empty() {
        fts = format!("({fts}) OR {}", p.whole_alts.iter().map(|w| quote(&w.text)).collect::<Vec<_>>().join(" OR "));
    }
    let names = each_reading(Alternatives::own_fts);
    let with_halves = each_reading(Alternatives::names_fts);
    [format!("title : ({names})"), format!("{{title abbrev}} : ({with_halves})"), fts]
}

/// How well a candidate matches the query: its tier, whether it lies in another region, and
/// whether its name begins with the typed words.
fn judge(c: &Candidate, p: &Parsed, aids: &Aids, region: Option<&str>) -> (Tier, bool, bool) {
    let ft = fold(&c.title);
    let fa = fold(&c.abbrev);
    let (tw, aw) = (words(&ft), words(&fa));
    let whole_in = |w: &[&str]| p.whole_alts.iter().any(|x| x.in_words(w));
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
    // Another region than the chosen one; with no region chosen, any region: national items
    // (the glossary's "HAP") then come before the posts of every region.
    let elsewhere = match (&c.region_id, region) {
        (Some(r), Some(chosen)) => r != chosen,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let leads = p.alts.iter().enumerate().all(|(i, a)| tw.get(i).is_some_and(|w| a.own_in(std::slice::from_ref(w))));
    (tier, elsewhere, leads)
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
    let mut seen = std::collections::HashSet::new();
    let mut hits: Vec<(i64, Hit)> = Vec::new();
    // The chosen region's own matches are asked for first: across the whole country the
    // first matches found could all lie elsewhere (one region's pharmacies among 28 regions').
    let rows = region.and_then(|r| aids.regions.get(r)).copied();
    let [titles, names, everything] = fts_queries(&p);
    let mut passes = vec![(&titles, Source::Titles, None)];
    for (q, source) in [(&names, Source::Names), (&everything, Source::Everything)] {
        if rows.is_some() {
            passes.push((q, source, rows));
        }
        passes.push((q, source, None));
    }
    for (q, source, rows) in passes {
        // Bodies only count for what names cannot fill: every name or abbreviation match
        // ranks before every body match, so with `limit` of them the bodies cannot show.
        if matches!(source, Source::Everything) && hits.iter().filter(|(_, h)| h.tier < Tier::Body).count() >= limit {
            break;
        }
        for rowid in matches(conn, q, source, rows)? {
            // A row found by an earlier pass is not read again.
            if !seen.insert(rowid) {
                continue;
            }
            let Some(c) = candidate(conn, rowid)? else { continue };
            let (tier, elsewhere, leads) = judge(&c, &p, aids, region);
            let hit = Hit {
                kind: c.kind,
                item_id: c.item_id,
                region_id: c.region_id,
                title: c.title,
                snippet: String::new(),
                marked: None,
                tier,
                elsewhere,
                leads,
            };
            hits.push((rowid, hit));
        }
    }
    // Within a tier, the glossary's explanation of a word comes after the services it names.
    // Then names that begin with the typed words, then the shorter title; each key is worked
    // out once, not per comparison. The sort is stable: the order found breaks ties.
    let mut keyed: Vec<_> = hits
        .into_iter()
        .map(|(rowid, h)| {
            ((h.tier, h.elsewhere, h.kind == ItemKind::Term, !h.leads, h.title.chars().count()), rowid, h)
        })
        .collect();
    keyed.sort_by_key(|k| k.0);
    keyed.truncate(limit);
    let mut hits: Vec<(i64, Hit)> = keyed.into_iter().map(|(_, rowid, h)| (rowid, h)).collect();
    add_snippets(conn, &mut hits, &p.alts)?;
    Ok(hits.into_iter().map(|(_, h)| h).collect())
}

/// Snippets only for what is shown: a window of the body around the first matching word.
fn add_snippets(conn: &Connection, hits: &mut [(i64, Hit)], alts: &[Alternatives]) -> rusqlite::Result<()> {
    if hits.is_empty() {
        return Ok(());
    }
    let ids = hits.iter().map(|(rowid, _)| rowid.to_string()).collect::<Vec<_>>().join(",");
    let mut stmt = conn.prepare(&format!("SELECT rowid, body FROM search_text WHERE rowid IN ({ids})"))?;
    let bodies: std::collections::HashMap<i64, String> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let all_needles = needles(alts);
    // The words as typed come first: who types "morfine" sees "morfine" marked where the
    // body has it, not a synonym ("opioïden") that happens to come earlier.
    let typed: Vec<Alternatives> = alts.iter().map(Alternatives::as_typed).collect();
    let has_synonyms = alts.iter().any(|a| !a.synonyms.is_empty() || !a.phrases.is_empty());
    let typed_needles = has_synonyms.then(|| needles(&typed));
    for (rowid, h) in hits.iter_mut() {
        if let Some(body) = bodies.get(rowid) {
            let folded = FoldedBody::new(body);
            let as_typed = typed_needles
                .as_ref()
                .and_then(|n| folded.first(n))
                .map(|at| snippet_from(body, &typed, Some(Some(at))));
            (h.snippet, h.marked) = match as_typed {
                Some(found @ (_, Some(_))) => found,
                _ => snippet_from(body, alts, Some(folded.first(&all_needles))),
            };
        }
    }
    Ok(())
}

struct Candidate {
    kind: ItemKind,
    item_id: String,
    region_id: Option<String>,
    title: String,
    abbrev: String,
}

/// An item kind read from the index; a kind this build does not know is an error, never
/// silently taken for another.
fn item_kind(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<ItemKind> {
    let text: String = r.get(i)?;
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// Matches of one FTS5 query in the index `source` names, by rowid; with `rows`, only those
/// in that rowid range (one region's items). Only rowids: FTS5 reads them from its own index,
/// and the text of a row is read once ([`candidate`]) however many passes find it.
fn matches(conn: &Connection, fts: &str, source: Source, rows: Option<(i64, i64)>) -> rusqlite::Result<Vec<i64>> {
    let sql = match (source, rows.is_some()) {
        (Source::Titles, _) => "SELECT rowid FROM search_name WHERE search_name MATCH ?1 LIMIT 200",
        (Source::Names, false) => "SELECT rowid FROM search_name WHERE search_name MATCH ?1 LIMIT 150",
        (Source::Names, true) => {
            "SELECT rowid FROM search_name WHERE search_name MATCH ?1 AND rowid BETWEEN ?2 AND ?3 LIMIT 150"
        }
        (Source::Everything, false) => "SELECT rowid FROM search_index WHERE search_index MATCH ?1 LIMIT 150",
        (Source::Everything, true) => {
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 AND rowid BETWEEN ?2 AND ?3 LIMIT 150"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let read = |r: &rusqlite::Row<'_>| r.get(0);
    match rows {
        Some((first, last)) => stmt.query_map(rusqlite::params![fts, first, last], read)?.collect(),
        None => stmt.query_map([fts], read)?.collect(),
    }
}

/// The searched text of one row; `None` when it is gone (never, within one transaction).
fn candidate(conn: &Connection, rowid: i64) -> rusqlite::Result<Option<Candidate>> {
    use rusqlite::OptionalExtension;
    let mut stmt =
        conn.prepare_cached("SELECT kind, item_id, region_id, title, abbrev FROM search_text WHERE rowid = ?1")?;
    stmt.query_row([rowid], |r| {
        Ok(Candidate {
            kind: item_kind(r, 0)?,
            item_id: r.get(1)?,
            region_id: r.get(2)?,
            title: r.get(3)?,
            abbrev: r.get(4)?,
        })
    })
    .optional()
}

/// One whitespace-separated piece of a Markdown body as plain text: link targets, emphasis
/// and heading marks gone ("**[morfine](https://…)**" → "morfine"); empty when nothing is
/// left, and a lone "-" (a list mark) counts as nothing.
fn plain_token(token: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    const MARKS: &[char] = &['*', '_', '`', '#', '[', ']', '>', '|'];
    if token == "-" {
        return Cow::Borrowed("");
    }
    if !token.contains(MARKS) {
        return Cow::Borrowed(token);
    }
    let mut out = String::with_capacity(token.len());
    let mut rest = token;
    while let Some(open) = rest.find("](") {
        out.push_str(&rest[..open]);
        rest = rest[open..].find(')').map_or("", |close| &rest[open + close + 1..]);
    }
    out.push_str(rest);
    out.retain(|c| !MARKS.contains(&c));
    Cow::Owned(if out == "-" { String::new() } else { out })
}

/// The plain words of a Markdown body, one at a time: a snippet needs the words up to its
/// match and a few after, not the whole of a long document.
fn plain_words(body: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    body.split_whitespace().map(plain_token).filter(|w| !w.is_empty())
}

/// Where to start reading `body` for a snippet whose match can come no earlier than byte
/// `at`: `before` plain words back, and whether any word comes before that start.
fn start_before(body: &str, at: usize, before: usize) -> (usize, bool) {
    // The start of the word `at` falls in (after a space of any width, such as a no-break space).
    let token_start =
        body[..at].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let offset = |t: &str| t.as_ptr() as usize - body.as_ptr() as usize;
    let mut back = body[..token_start].split_whitespace().rev().filter(|t| !plain_token(t).is_empty());
    let mut start = token_start;
    for t in back.by_ref().take(before) {
        start = offset(t);
    }
    (start, back.next().is_some())
}

/// Finds where the first of the alternatives' words could be in a lower-case text.
struct Needles(Vec<memchr::memmem::Finder<'static>>);

impl Needles {
    fn first_in(&self, lower: &str) -> Option<usize> {
        self.0.iter().filter_map(|f| f.find(lower.as_bytes())).min()
    }
}

fn needles(alts: &[Alternatives]) -> Needles {
    Needles(alts.iter().flat_map(Alternatives::needles).map(|n| memchr::memmem::Finder::new(n).into_owned()).collect())
}

/// About fourteen words of `body` around the first word a query alternative matches, as plain
/// text, with the byte range of that word. `needles` finds the alternatives' words in text
/// (see [`Alternatives::needles`]); without it the whole body is read.
/// (The search itself folds each body once for two sets of needles: `add_snippets`.)
#[cfg(test)]
fn snippet(body: &str, alts: &[Alternatives], needles: Option<&Needles>) -> (String, Option<(usize, usize)>) {
    let first = needles.map(|needles| FoldedBody::new(body).first(needles));
    snippet_from(body, alts, first)
}

/// A body folded once for finding needles in, however many sets of needles look.
struct FoldedBody {
    text: String,
    /// For each byte of `text`, where it came from in the body; none for ASCII bodies, whose
    /// folding is lower case, every byte where it was.
    from: Option<Vec<usize>>,
}

impl FoldedBody {
    fn new(body: &str) -> FoldedBody {
        if body.is_ascii() {
            FoldedBody { text: body.to_ascii_lowercase(), from: None }
        } else {
            let (text, from) = super::text::fold_with_offsets(body);
            FoldedBody { text, from: Some(from) }
        }
    }

    /// Where in the body the first of `needles` could begin.
    fn first(&self, needles: &Needles) -> Option<usize> {
        let at = needles.first_in(&self.text)?;
        Some(self.from.as_ref().map_or(at, |from| from[at]))
    }
}

/// [`snippet`] with the first possible match already looked up: `Some(None)` when the body
/// cannot hold one, `None` to read the whole body.
fn snippet_from(body: &str, alts: &[Alternatives], first: Option<Option<usize>>) -> (String, Option<(usize, usize)>) {
    const BEFORE: usize = 4;
    const LEN: usize = 14;
    let matches = |w: &str| {
        let f = fold(w);
        let core = words(&f);
        alts.iter().any(|a| a.any_in(&core))
    };
    // A match needs one of the alternatives' words in the folded text: from the first place
    // one could be, read words from a little before it (or not at all).
    let (from, mut skipped) = match first {
        Some(Some(at)) => start_before(body, at, BEFORE),
        Some(None) => (body.len(), false),
        None => (0, false),
    };
    // Read until the first match, keeping the last few words before it.
    let mut all = plain_words(&body[from..]);
    let mut window = std::collections::VecDeque::new();
    let mut hit = None;
    for w in all.by_ref() {
        let found = matches(&w);
        window.push_back(w);
        if found {
            hit = Some(window.len() - 1);
            break;
        }
        if window.len() > BEFORE {
            window.pop_front();
            skipped = true;
        }
    }
    let (mut shown, more) = match hit {
        Some(_) => {
            let mut shown: Vec<_> = window.into_iter().collect();
            shown.extend(all.by_ref().take(LEN.saturating_sub(shown.len())));
            (shown, all.next().is_some())
        }
        // No match: the body's first words.
        None => {
            skipped = false;
            let mut first = plain_words(body);
            (first.by_ref().take(LEN).collect(), first.next().is_some())
        }
    };
    let mut out = String::new();
    let mut marked = None;
    if skipped {
        out.push('…');
    }
    for (i, w) in shown.drain(..).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if Some(i) == hit {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            let at = out.len() + w.find(core).unwrap_or(0);
            marked = Some((at, at + core.len()));
        }
        out.push_str(&w);
    }
    if more {
        out.push('…');
    }
    (out, marked)
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
        let aids =
            Aids { groups, term_names: Default::default(), by_len: Default::default(), regions: Default::default() };
        (conn, aids)
    }

    fn alts(setup: &(Connection, Aids), word: &str, prefix: bool) -> Alternatives {
        alternatives(&setup.0, word, prefix, &setup.1).expect("alternatives")
    }

    #[test]
    fn the_aids_kept_beside_the_index_are_those_worked_out_from_the_glossary() {
        let conn = Connection::open_in_memory().expect("sqlite");
        conn.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);").expect("table");
        assert!(Aids::read(&conn).expect("read").is_none(), "nothing kept yet: worked out on the first search");
        let term = |id: &str, term: &str, meaning: &str, synonyms: &[&str]| {
            let json = serde_json::json!({"id": id, "term": term, "meaning": meaning, "explanation": "",
                "synonyms": synonyms, "source": "x", "source_note": null,
                "upkeep": {"owner": "x", "review_by": "2027-01-01"}});
            serde_json::from_value::<Term>(json).expect("term")
        };
        let terms = [term("hap", "HAP", "Huisartsenpost", &["Doktersdienst"]), term("x", "X", "x", &[])];
        let regions = [("noord".to_string(), (40, 90))].into_iter().collect();
        Aids::write(&conn, &terms, regions).expect("write");
        let (kept, worked_out) = (Aids::read(&conn).expect("read").expect("kept"), Aids::load(&terms));
        assert_eq!(kept.groups, worked_out.groups);
        assert_eq!(kept.groups, [["doktersdienst", "hap", "huisartsenpost"]]);
        assert_eq!(kept.term_names, worked_out.term_names);
        assert_eq!(kept.regions.get("noord"), Some(&(40, 90)), "each region's rows are kept too");
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
        // Names are searched for the typed word and the synonyms a kind's label says
        // ("Huisartsenpost (avond, nacht, weekend)"); the others are in every name's
        // abbreviations already.
        let a2 = aids(&[], &[&["doktersdienst", "hap", "huisartsenpost", "spoed post"]]);
        assert_eq!(alts(&a2, "hap", false).names_fts(), "((\"hap\") OR \"huisartsenpost\")");
        let compound = alts(&a, "levenswensenkaart", false);
        assert_eq!(compound.compounds, ["levenswensen kaart"]);
        assert_eq!(compound.names_fts(), "((\"levenswensenkaart\") OR \"levenswensen kaart\")");
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

    /// The first way snippets were made: the whole body as plain text, then a window of it.
    fn snippet_by_definition(body: &str, alts: &[Alternatives]) -> (String, Option<(usize, usize)>) {
        let mut text = String::new();
        let mut rest = body;
        while let Some(open) = rest.find("](") {
            let Some(close) = rest[open..].find(')') else { break };
            text.push_str(&rest[..open]);
            rest = &rest[open + close + 1..];
        }
        text.push_str(rest);
        let text: String =
            text.chars().filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '[' | ']' | '>' | '|')).collect();
        let words_: Vec<&str> = text.split_whitespace().filter(|w| *w != "-").collect();
        let hit = words_.iter().position(|w| alts.iter().any(|a| a.any_in(&words(&fold(w)))));
        let start = hit.map(|i| i.saturating_sub(4)).unwrap_or(0);
        let end = (start + 14).min(words_.len());
        let mut out = if start > 0 { "…".to_string() } else { String::new() };
        let mut marked = None;
        for (i, w) in words_[start..end].iter().enumerate() {
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
        if end < words_.len() {
            out.push('…');
        }
        (out, marked)
    }

    #[test]
    fn snippets_read_word_by_word_say_what_the_whole_body_said() {
        let a = aids(&["morfine", "pijn"], &[]);
        let found = [alts(&a, "morfine", false), alts(&a, "pijn", true)];
        let long = "Een **lange** inleiding van zeer veel woorden voordat het gaat over [morfine](https://x.nl) en de dosering bij pijn in de laatste fase van het leven thuis";
        for body in [
            long,
            "Morfine eerst.",
            "# Kop\n\nTwee - drie [vier](https://a.nl/b) *vijf* morfine",
            "een twee drie vier morfine vijf zes zeven acht negen tien elf twaalf dertien veertien",
            "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien",
            "een twee drie",
            "",
            "| tabel | met morfine | en > citaat |",
            "een - twee - drie - vier - vijf - zes - zeven morfine acht",
            "Vertrouwen komt voor een twee drie vier vijf zes zeven acht negen tien elf morfine",
            "ligt het aan de morfinepomp of aan de morfine zelf, een twee drie vier vijf zes zeven",
            "Eén patiënt krijgt daarna toch morfine, een twee drie vier vijf zes zeven acht negen",
            "**morfine** - eerst",
            "Eén patiënt, één coördinator, één zorgverlener en dan pas de morfine, een twee drie vier vijf",
            "Een twee drie vier vijf zes zeven acht negen tien elf twaalf: geen café, geen crème",
            "een\u{a0}twee drie\u{a0}vier vijf zes zeven acht negen tien elf twaalf dertien 15\u{a0}mg\u{a0}morfine",
            "ééé\u{2003}morfine",
        ] {
            let want = snippet_by_definition(body, &found);
            assert_eq!(snippet(body, &found, Some(&needles(&found))), want, "{body}");
            assert_eq!(snippet(body, &found, None), want, "{body}");
        }
    }

    #[test]
    fn the_word_as_typed_is_marked_before_an_earlier_synonym_and_a_synonym_when_it_is_absent() {
        let a = aids(&["morfine", "opioiden", "pijn"], &[&["morfine", "opioiden"]]);
        let found = [alts(&a, "morfine", false)];
        let typed: Vec<Alternatives> = found.iter().map(Alternatives::as_typed).collect();
        let body = "Bij pijn helpen opioiden zoals morfine, in een lage dosis.";
        let (text, marked) = snippet(body, &typed, Some(&needles(&typed)));
        let (x, y) = marked.expect("the typed word is in the body");
        assert_eq!(&text[x..y], "morfine");
        let only_synonym = "Bij pijn helpen opioiden, in een lage dosis.";
        assert_eq!(snippet(only_synonym, &typed, Some(&needles(&typed))).1, None);
        let (text, marked) = snippet(only_synonym, &found, Some(&needles(&found)));
        let (x, y) = marked.expect("the synonym");
        assert_eq!(&text[x..y], "opioiden");
    }

    #[test]
    fn snippets_are_plain_text_around_the_first_match_with_the_word_marked() {
        let a = aids(&["morfine"], &[]);
        let found = [alts(&a, "morfine", false)];
        let body = "Een **lange** inleiding van zeer veel woorden voordat het gaat over [morfine](https://x.nl) en de dosering bij pijn in de laatste fase van het leven thuis";
        let (text, marked) = snippet(body, &found, Some(&needles(&found)));
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(!text.contains("**") && !text.contains("https"), "{text}");
        let (a, b) = marked.expect("marked");
        assert_eq!(&text[a..b], "morfine");
    }
}
