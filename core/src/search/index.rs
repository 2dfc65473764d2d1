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

fn row(
    conn: &Connection,
    kind: ItemKind,
    id: &str,
    region: Option<&str>,
    title: &str,
    abbrev: &str,
    body: &str,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO search_text (title, abbrev, body, kind, item_id, region_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![title, abbrev, body, kind.slug(), id, region],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The first and last row of each region's items in the index: a region's rows are
/// consecutive, so search can ask FTS5 for one region's matches by rowid range.
pub type RegionRows = std::collections::BTreeMap<String, (i64, i64)>;

/// Each name's abbreviations carry every glossary group the name mentions, in full, so search
/// looks names up by the typed words (and the synonyms a kind's label says) without adding
/// every synonym to the query (see `query::Alternatives::names_fts`).
///
/// Items valid everywhere (glossary, documents, hulpmiddelen, national contacts) are indexed
/// first, then each region's, one region after another: searches that take the first
/// matches found (see `query`) then meet national items before any one region's, and a
/// region's own matches can be asked for by their rowid range ([`RegionRows`]).
pub fn rebuild(conn: &Connection, c: &Content) -> rusqlite::Result<()> {
    // Both indexes read their text from `search_text`: emptied and refilled in one step each.
    conn.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('delete-all');
         INSERT INTO search_name (search_name) VALUES ('delete-all');
         DELETE FROM search_text;",
    )?;
    let groups = synonym_groups(&c.terms);
    let expander = Expander::new(&groups);
    let expansions = |title: &str| expander.expansions(title);
    for x in &c.terms {
        let abbrev = format!("{} {}", x.meaning, x.synonyms.join(" "));
        row(conn, ItemKind::Term, &x.id, None, &x.term, &abbrev, &x.explanation)?;
    }
    for x in &c.documents {
        let abbrev = format!("{} {} {}", x.kind.label(), x.kind.slug(), expansions(&x.title));
        row(conn, ItemKind::Document, &x.id, None, &x.title, &abbrev, &format!("{} {}", x.summary, x.body_md))?;
    }
    for x in &c.hulpmiddelen {
        row(conn, ItemKind::Hulpmiddel, &x.id, None, &x.title, &expansions(&x.title), &x.description)?;
    }
    let contact = |x: &Contact| {
        let abbrev = format!("{} {}", x.kind.label(), expansions(&x.name));
        row(conn, ItemKind::Contact, &x.id, x.region.as_deref(), &x.name, &abbrev, &x.call_for)
    };
    for x in c.contacts.iter().filter(|x| x.region.is_none()) {
        contact(x)?;
    }
    // Each region's items, kept in their order within each kind.
    #[derive(Default)]
    struct Regional<'c> {
        phases: Vec<&'c Phase>,
        topics: Vec<&'c Topic>,
        contacts: Vec<&'c Contact>,
        facilities: Vec<&'c Facility>,
    }
    let mut by_region: std::collections::BTreeMap<&str, Regional> = Default::default();
    for x in &c.phases {
        by_region.entry(&x.region).or_default().phases.push(x);
    }
    for x in &c.topics {
        by_region.entry(&x.region).or_default().topics.push(x);
    }
    for x in &c.contacts {
        if let Some(r) = &x.region {
            by_region.entry(r).or_default().contacts.push(x);
        }
    }
    for x in &c.facilities {
        by_region.entry(&x.region).or_default().facilities.push(x);
    }
    let mut region_rows = RegionRows::new();
    for (region, items) in by_region {
        let mut rows = Vec::new();
        for x in items.phases {
            let body = [&x.summary, &x.wie, &x.hoe, &x.wat, &x.waarom, &x.body_md]
                .into_iter()
                .cloned()
                .chain(
                    x.actions
                        .huisarts
                        .iter()
                        .chain(&x.actions.wijkverpleegkundige)
                        .chain(&x.actions.ziekenhuis)
                        .cloned(),
                )
                .collect::<Vec<_>>()
                .join(" ");
            rows.push(row(conn, ItemKind::Phase, &x.id, Some(region), &x.title, &expansions(&x.title), &body)?);
        }
        for x in items.topics {
            let body = format!("{} {} {}", x.summary, x.checklist.join(" "), x.body_md);
            rows.push(row(conn, ItemKind::Topic, &x.id, Some(region), &x.title, &expansions(&x.title), &body)?);
        }
        for x in items.contacts {
            rows.push(contact(x)?);
        }
        for x in items.facilities {
            let abbrev = format!("{} {}", x.kind.label(), expansions(&x.name));
            let body = format!("{} {}", x.kind.label(), x.place);
            rows.push(row(conn, ItemKind::Facility, &x.id, Some(region), &x.name, &abbrev, &body)?);
        }
        if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
            region_rows.insert(region.to_string(), (*first, *last));
        }
    }
    conn.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('rebuild');
         INSERT INTO search_name (search_name) VALUES ('rebuild');
         INSERT INTO search_index (search_index) VALUES ('optimize');
         INSERT INTO search_name (search_name) VALUES ('optimize');",
    )?;
    super::query::Aids::write(conn, &c.terms, region_rows)?;
    // The index's words as a plain table, for search to look up one at a time.
    conn.execute("DELETE FROM search_word", [])?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, 'row');
         INSERT INTO search_word SELECT term FROM temp.search_vocab;
         DROP TABLE temp.search_vocab;",
    )?;
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
