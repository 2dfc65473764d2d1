//! Fills the searched text and its two FTS5 indexes from the stored items. Run after every
//! change of content (build and sync), inside the same transaction, so the index never
//! disagrees with the content.

use super::text::{fold, words};
use crate::model::*;
use rusqlite::{params, Connection};

/// A glossary entry's ways of saying the same thing, folded: ["hap", "huisartsenpost", ...].
pub fn synonym_groups(terms: &[Term]) -> Vec<Vec<String>> {
    terms
        .iter()
        .map(|t| {
            let mut g: Vec<String> = std::iter::once(&t.term)
                .chain(std::iter::once(&t.meaning))
                .chain(t.synonyms.iter())
                .map(|s| fold(s).split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| !s.is_empty() && s.chars().count() <= 60)
                .collect();
            g.sort();
            g.dedup();
            g
        })
        .filter(|g| g.len() > 1)
        .collect()
}

/// Every way of saying what a title says: the members of each glossary group that the title
/// mentions ("TOPZ ..." gets "team ondersteunende en palliatieve zorg"). Members are found by
/// their first word, so a title costs its own length, not the whole glossary: this runs for
/// every item on every build and sync.
struct Expander<'g> {
    groups: &'g [Vec<String>],
    /// First word of a member → (group, the member's words).
    by_first: std::collections::HashMap<&'g str, Vec<(usize, Vec<&'g str>)>>,
}

impl<'g> Expander<'g> {
    fn new(groups: &'g [Vec<String>]) -> Self {
        let mut by_first: std::collections::HashMap<&str, Vec<(usize, Vec<&str>)>> = Default::default();
        for (i, g) in groups.iter().enumerate() {
            for m in g {
                let w: Vec<&str> = m.split_whitespace().collect();
                if let Some(first) = w.first() {
                    by_first.entry(*first).or_default().push((i, w));
                }
            }
        }
        Expander { groups, by_first }
    }

    fn expansions(&self, title: &str) -> String {
        let folded = fold(title);
        let tw = words(&folded);
        let mut found = std::collections::BTreeSet::new();
        for (at, w) in tw.iter().enumerate() {
            for (group, member) in self.by_first.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                if tw.get(at..at + member.len()) == Some(member.as_slice()) {
                    found.insert(*group);
                }
            }
        }
        found.into_iter().flat_map(|g| self.groups[g].iter().map(String::as_str)).collect::<Vec<_>>().join(" ")
    }
}

/// One item as the index holds it, before its text is made.
#[derive(Clone, Copy)]
enum Source<'c> {
    Term(&'c Term),
    Document(&'c Document),
    Hulpmiddel(&'c Hulpmiddel),
    Contact(&'c Contact),
    Phase(&'c Phase),
    Topic(&'c Topic),
    Facility(&'c Facility),
}

impl<'c> Source<'c> {
    fn kind(self) -> ItemKind {
        match self {
            Source::Term(_) => ItemKind::Term,
            Source::Document(_) => ItemKind::Document,
            Source::Hulpmiddel(_) => ItemKind::Hulpmiddel,
            Source::Contact(_) => ItemKind::Contact,
            Source::Phase(_) => ItemKind::Phase,
            Source::Topic(_) => ItemKind::Topic,
            Source::Facility(_) => ItemKind::Facility,
        }
    }

    fn id(self) -> &'c str {
        match self {
            Source::Term(x) => &x.id,
            Source::Document(x) => &x.id,
            Source::Hulpmiddel(x) => &x.id,
            Source::Contact(x) => &x.id,
            Source::Phase(x) => &x.id,
            Source::Topic(x) => &x.id,
            Source::Facility(x) => &x.id,
        }
    }

    fn region(self) -> Option<&'c str> {
        match self {
            Source::Term(_) | Source::Document(_) | Source::Hulpmiddel(_) => None,
            Source::Contact(x) => x.region.as_deref(),
            Source::Phase(x) => Some(&x.region),
            Source::Topic(x) => Some(&x.region),
            Source::Facility(x) => Some(&x.region),
        }
    }

    /// Title, abbreviations (kind labels and glossary expansions) and body.
    fn texts(self, expander: &Expander<'_>) -> Texts {
        let (title, abbrev, body) = match self {
            Source::Term(x) => (&x.term, format!("{} {}", x.meaning, x.synonyms.join(" ")), x.explanation.clone()),
            Source::Document(x) => (
                &x.title,
                format!("{} {} {}", x.kind.label(), x.kind.slug(), expander.expansions(&x.title)),
                format!("{} {}", x.summary, x.body_md),
            ),
            Source::Hulpmiddel(x) => (&x.title, expander.expansions(&x.title), x.description.clone()),
            Source::Contact(x) => {
                (&x.name, format!("{} {}", x.kind.label(), expander.expansions(&x.name)), x.call_for.clone())
            }
            Source::Phase(x) => {
                let body = [&x.summary, &x.wie, &x.hoe, &x.wat, &x.waarom, &x.body_md]
                    .into_iter()
                    .chain(&x.actions.huisarts)
                    .chain(&x.actions.wijkverpleegkundige)
                    .chain(&x.actions.ziekenhuis)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" ");
                (&x.title, expander.expansions(&x.title), body)
            }
            Source::Topic(x) => (
                &x.title,
                expander.expansions(&x.title),
                format!("{} {} {}", x.summary, x.checklist.join(" "), x.body_md),
            ),
            Source::Facility(x) => (
                &x.name,
                format!("{} {}", x.kind.label(), expander.expansions(&x.name)),
                format!("{} {}", x.kind.label(), x.place),
            ),
        };
        Texts { title: title.clone(), abbrev, body }
    }
}

/// The text of one row of `search_text`.
#[derive(PartialEq)]
struct Texts {
    title: String,
    abbrev: String,
    body: String,
}

/// Every indexed item in the index's order: items valid everywhere (glossary, documents,
/// hulpmiddelen, national contacts) first, then each region's, one region after another,
/// kept in their order within each kind.
fn sources(c: &Content) -> Vec<Source<'_>> {
    let mut out: Vec<Source> = Vec::new();
    out.extend(c.terms.iter().map(Source::Term));
    out.extend(c.documents.iter().map(Source::Document));
    out.extend(c.hulpmiddelen.iter().map(Source::Hulpmiddel));
    out.extend(c.contacts.iter().filter(|x| x.region.is_none()).map(Source::Contact));
    #[derive(Default)]
    struct Regional<'c> {
        phases: Vec<Source<'c>>,
        topics: Vec<Source<'c>>,
        contacts: Vec<Source<'c>>,
        facilities: Vec<Source<'c>>,
    }
    let mut by_region: std::collections::BTreeMap<&str, Regional> = Default::default();
    for x in &c.phases {
        by_region.entry(&x.region).or_default().phases.push(Source::Phase(x));
    }
    for x in &c.topics {
        by_region.entry(&x.region).or_default().topics.push(Source::Topic(x));
    }
    for x in &c.contacts {
        if let Some(r) = &x.region {
            by_region.entry(r).or_default().contacts.push(Source::Contact(x));
        }
    }
    for x in &c.facilities {
        by_region.entry(&x.region).or_default().facilities.push(Source::Facility(x));
    }
    for items in by_region.into_values() {
        out.extend(items.phases.into_iter().chain(items.topics).chain(items.contacts).chain(items.facilities));
    }
    out
}

fn insert_row(conn: &Connection, s: Source<'_>, t: &Texts) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO search_text (title, abbrev, body, kind, item_id, region_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![t.title, t.abbrev, t.body, s.kind().slug(), s.id(), s.region()])?;
    Ok(conn.last_insert_rowid())
}

/// The first and last row of each region's items in the index: a region's rows are
/// consecutive, so search can ask FTS5 for one region's matches by rowid range.
pub type RegionRows = std::collections::BTreeMap<String, (i64, i64)>;

/// Each name's abbreviations carry every glossary group the name mentions, in full, so search
/// looks names up by the typed words (and the synonyms a kind's label says) without adding
/// every synonym to the query (see `query::Alternatives::names_fts`).
///
/// Items are laid out as [`sources`] says: searches that take the first matches found (see
/// `query`) then meet national items before any one region's, and a region's own matches can
/// be asked for by their rowid range ([`RegionRows`]).
pub fn rebuild(conn: &Connection, c: &Content) -> rusqlite::Result<()> {
    // Both indexes read their text from `search_text`: emptied and refilled in one step each.
    conn.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('delete-all');
         INSERT INTO search_name (search_name) VALUES ('delete-all');
         DELETE FROM search_text;",
    )?;
    let groups = synonym_groups(&c.terms);
    let expander = Expander::new(&groups);
    let mut region_rows = RegionRows::new();
    for s in sources(c) {
        let rowid = insert_row(conn, s, &s.texts(&expander))?;
        if let Some(region) = s.region() {
            region_rows.entry(region.to_string()).and_modify(|(_, last)| *last = rowid).or_insert((rowid, rowid));
        }
    }
    conn.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('rebuild');
         INSERT INTO search_name (search_name) VALUES ('rebuild');
         INSERT INTO search_index (search_index) VALUES ('optimize');
         INSERT INTO search_name (search_name) VALUES ('optimize');",
    )?;
    super::query::Aids::write(conn, &c.terms, region_rows)?;
    refresh_words(conn)
}

/// The index's words as a plain table, for search to look up one at a time.
fn refresh_words(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM search_word", [])?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, 'row');
         INSERT INTO search_word SELECT term FROM temp.search_vocab;
         DROP TABLE temp.search_vocab;",
    )
}

/// Brings the index up to date after the records in `changed` (kind and id) were added,
/// changed or removed and the store now holds `c`. When the same items are indexed in the
/// same places as before and the glossary is unchanged, only rows whose text changed are
/// written (a changed phone number writes none), and the index is then merged into one
/// segment again; otherwise the index is rebuilt.
pub fn update(conn: &Connection, c: &Content, changed: &[(ItemKind, String)]) -> rusqlite::Result<()> {
    if changed.is_empty() {
        return Ok(());
    }
    // The glossary gives every title its expansions; regions set where rows go.
    if changed.iter().any(|(k, _)| matches!(k, ItemKind::Term | ItemKind::Region)) {
        return rebuild(conn, c);
    }
    let sources = sources(c);
    let stored: Vec<(i64, String, String, Option<String>)> = {
        let mut stmt = conn.prepare("SELECT rowid, kind, item_id, region_id FROM search_text ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let same_places = stored.len() == sources.len()
        && stored.iter().zip(&sources).all(|((_, kind, id, region), s)| {
            kind == s.kind().slug() && id == s.id() && region.as_deref() == s.region()
        });
    if !same_places {
        return rebuild(conn, c);
    }
    let changed: std::collections::HashSet<(ItemKind, &str)> =
        changed.iter().map(|(k, id)| (*k, id.as_str())).collect();
    let groups = synonym_groups(&c.terms);
    let expander = Expander::new(&groups);
    let mut rewritten = 0;
    for ((rowid, ..), s) in stored.iter().zip(&sources) {
        if !changed.contains(&(s.kind(), s.id())) {
            continue;
        }
        let new = s.texts(&expander);
        let old = conn.query_row("SELECT title, abbrev, body FROM search_text WHERE rowid = ?1", [rowid], |r| {
            Ok(Texts { title: r.get(0)?, abbrev: r.get(1)?, body: r.get(2)? })
        })?;
        if old == new {
            continue;
        }
        let (kind, id, region) = (s.kind().slug(), s.id(), s.region());
        // External-content indexes forget a row by being told exactly what they indexed.
        conn.execute(
            "INSERT INTO search_index (search_index, rowid, title, abbrev, body, kind, item_id, region_id) \
             VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![rowid, old.title, old.abbrev, old.body, kind, id, region],
        )?;
        conn.execute(
            "INSERT INTO search_name (search_name, rowid, title, abbrev, kind, item_id, region_id) \
             VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6)",
            params![rowid, old.title, old.abbrev, kind, id, region],
        )?;
        conn.execute(
            "UPDATE search_text SET title = ?2, abbrev = ?3, body = ?4 WHERE rowid = ?1",
            params![rowid, new.title, new.abbrev, new.body],
        )?;
        conn.execute(
            "INSERT INTO search_index (rowid, title, abbrev, body, kind, item_id, region_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![rowid, new.title, new.abbrev, new.body, kind, id, region],
        )?;
        conn.execute(
            "INSERT INTO search_name (rowid, title, abbrev, kind, item_id, region_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![rowid, new.title, new.abbrev, kind, id, region],
        )?;
        rewritten += 1;
    }
    if rewritten > 0 {
        // Each sync's rows would otherwise stay a segment of their own beside the big one,
        // and every search reads every segment: after 16 one-contact syncs the search bench
        // cost 1.8 times as many instructions. Merged, searches cost what they did after a build.
        conn.execute_batch(
            "INSERT INTO search_index (search_index) VALUES ('optimize');
             INSERT INTO search_name (search_name) VALUES ('optimize');",
        )?;
        refresh_words(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Contains `phrase` as whole words.
    fn has_phrase(haystack_words: &[&str], phrase: &str) -> bool {
        let p: Vec<&str> = phrase.split_whitespace().collect();
        !p.is_empty() && haystack_words.windows(p.len()).any(|w| w == p.as_slice())
    }

    /// The definition: every group with a member the title says as whole words, in order.
    fn by_definition(title: &str, groups: &[Vec<String>]) -> String {
        let folded = fold(title);
        let tw = words(&folded);
        groups.iter().filter(|g| g.iter().any(|m| has_phrase(&tw, m))).flatten().cloned().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn titles_get_every_group_they_mention_in_glossary_order() {
        let groups: Vec<Vec<String>> = [
            vec!["hap", "huisartsenpost"],
            vec!["palliatieve unit", "pu"],
            vec!["team ondersteunende en palliatieve zorg", "topz"],
            vec!["zorg", "verzorging"],
        ]
        .iter()
        .map(|g| g.iter().map(|m| m.to_string()).collect())
        .collect();
        let expander = Expander::new(&groups);
        for title in [
            "TOPZ Spaarne Gasthuis",
            "Palliatieve unit en HAP",
            "Huisartsenpost Haarlem: zorg in de nacht",
            "Palliatieve zorg",
            "Unit palliatieve",
            "",
        ] {
            assert_eq!(expander.expansions(title), by_definition(title, &groups), "{title}");
        }
        assert_eq!(expander.expansions("Palliatieve unit en HAP"), "hap huisartsenpost palliatieve unit pu");
    }
}
