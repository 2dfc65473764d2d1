//! Search results as a shell draws them: grouped by kind (in the order of each kind's best
//! hit), each with a snippet and a target to open. Results whose name matches come first;
//! results that only mention the words in their text follow under a heading of their own,
//! grouped the same way. Matching and ranking: [`crate::search`].

use super::Views;
use crate::error::CoreError;
use crate::model::ItemKind;
use crate::search::text::fold;
use crate::search::Tier;

/// What a result opens. Shells turn this into a screen or a URL. A hulpmiddel's `topic` is
/// the in-app topic it opens when it has no web page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SearchTarget {
    Contact { region_id: Option<String>, id: String },
    Facility { region_id: String, id: String },
    Phase { region_id: String, id: String },
    Topic { region_id: String, id: String },
    Hulpmiddel { id: String, url: Option<String>, topic: Option<String> },
    Document { id: String },
    Term { id: String },
}

impl SearchTarget {
    /// The id of the item a result opens.
    pub fn id(&self) -> &str {
        match self {
            SearchTarget::Contact { id, .. }
            | SearchTarget::Facility { id, .. }
            | SearchTarget::Phase { id, .. }
            | SearchTarget::Topic { id, .. }
            | SearchTarget::Hulpmiddel { id, .. }
            | SearchTarget::Document { id }
            | SearchTarget::Term { id } => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SearchResult {
    /// 1 for the best match overall, across groups.
    pub rank: u32,
    pub title: String,
    /// Plain text around the first match.
    pub snippet: String,
    /// The same text in parts, the match marked: what shells draw (bold, `<mark>`).
    pub snippet_parts: Vec<TextPart>,
    pub target: SearchTarget,
    /// Where the result leads in the apps (and, by its path, on the website).
    pub destination: super::Destination,
}

/// A piece of text, marked when it is what the user searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TextPart {
    pub text: String,
    pub marked: bool,
}

fn parts(text: &str, marked: Option<(usize, usize)>) -> Vec<TextPart> {
    let part = |t: &str, m: bool| TextPart { text: t.to_string(), marked: m };
    match marked {
        Some((a, b)) if a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) => {
            [part(&text[..a], false), part(&text[a..b], true), part(&text[b..], false)]
                .into_iter()
                .filter(|p| !p.text.is_empty())
                .collect()
        }
        _ if text.is_empty() => Vec::new(),
        _ => vec![part(text, false)],
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SearchGroup {
    pub title: String,
    pub results: Vec<SearchResult>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SearchView {
    pub query: String,
    /// Results whose name (or abbreviation) matches. When nothing matches by name, every
    /// result is here and `mentions` is empty.
    pub groups: Vec<SearchGroup>,
    /// "Ook genoemd in de tekst": shown after `groups`, only when both have results.
    pub mentions_heading: String,
    /// Results that only mention the words in their text, grouped by kind like `groups`. Kept
    /// apart so that a guideline named "morfine" is not drawn below a glossary entry that
    /// only mentions it, because that entry's group began with a better hit.
    pub mentions: Vec<SearchGroup>,
    pub message: String,
    /// When nothing was found: the consultation line, so a search never ends empty-handed.
    pub fallback: Option<super::ContactRow>,
}

/// Result groups in the order shown, with their titles. Regions and trees are not indexed.
const GROUPS: [(ItemKind, &str); 7] = [
    (ItemKind::Contact, "Contacten"),
    (ItemKind::Facility, "Hospices en palliatieve units"),
    (ItemKind::Phase, "Zorgpad"),
    (ItemKind::Topic, "Zorgpad: onderwerpen"),
    (ItemKind::Hulpmiddel, "Hulpmiddelen"),
    (ItemKind::Document, "Documenten"),
    (ItemKind::Term, "Begrippen"),
];

/// How many results a search shows at most.
const SHOWN: usize = 60;

/// The heading over results that only mention the words searched for.
const MENTIONS: &str = "Ook genoemd in de tekst";

impl Views<'_> {
    /// Searches everything; `region_id` ranks that region (and national items) first. The last
    /// word may be incomplete ("levenswens" finds the levenswensenkaart).
    pub fn search(&self, query: &str, region_id: Option<&str>) -> Result<SearchView, CoreError> {
        let q = query.trim();
        if fold(q).split_whitespace().next().is_none() {
            return Ok(SearchView {
                query: q.into(),
                groups: Vec::new(),
                mentions_heading: MENTIONS.into(),
                mentions: Vec::new(),
                message: "Typ een zoekwoord: een symptoom, een dienst, een document of een afkorting.".into(),
                fallback: None,
            });
        }
        // One more than is shown, to know whether there are more.
        let mut hits = self.store.search(q, region_id, true, SHOWN + 1)?;
        let more = hits.len() > SHOWN;
        hits.truncate(SHOWN);
        let total = hits.len();
        // Split only when some name matches: a list of mentions alone needs no second heading.
        let by_name = hits.iter().any(|h| h.tier < Tier::Body);
        let mut groups: Vec<(usize, SearchGroup)> = Vec::new();
        let mut mentions: Vec<(usize, SearchGroup)> = Vec::new();
        for (i, h) in hits.into_iter().enumerate() {
            let Some(g) = GROUPS.iter().position(|(k, _)| *k == h.kind) else { continue };
            let region = || h.region_id.clone().unwrap_or_default();
            let id = h.item_id.clone();
            let target = match h.kind {
                ItemKind::Contact => SearchTarget::Contact { region_id: h.region_id.clone(), id },
                ItemKind::Facility => SearchTarget::Facility { region_id: region(), id },
                ItemKind::Phase => SearchTarget::Phase { region_id: region(), id },
                ItemKind::Topic => SearchTarget::Topic { region_id: region(), id },
                ItemKind::Hulpmiddel => {
                    let found = self.store.hulpmiddel(&h.item_id)?;
                    SearchTarget::Hulpmiddel { url: found.url, topic: found.topic, id }
                }
                ItemKind::Document => SearchTarget::Document { id },
                ItemKind::Term => SearchTarget::Term { id },
                // Not in the index (see `search::index::rebuild`).
                ItemKind::Region | ItemKind::Tree => continue,
            };
            let destination = target.destination(region_id.unwrap_or_default());
            let result = SearchResult {
                rank: i as u32 + 1,
                title: h.title,
                snippet_parts: parts(&h.snippet, h.marked),
                snippet: h.snippet,
                target,
                destination,
            };
            let list = if by_name && h.tier == Tier::Body { &mut mentions } else { &mut groups };
            match list.iter_mut().find(|(i, _)| *i == g) {
                Some((_, group)) => group.results.push(result),
                None => list.push((g, SearchGroup { title: GROUPS[g].1.into(), results: vec![result] })),
            }
        }
        let message = match total {
            0 => format!(
                "Niets gevonden voor '{q}'. Probeer een ander woord of een afkorting. Richtlijnen voor symptomen staan op palliaweb.nl; bij een vraag over een patiënt kunt u de consultatie palliatieve zorg bellen."
            ),
            n if more => format!("Meer dan {n} resultaten voor '{q}'; de beste {n} staan hieronder. Typ verder om te verfijnen."),
            n => format!("{} voor '{q}'.", super::labels::count(n as u64, "resultaat", "resultaten")),
        };
        let fallback = if total == 0 { self.consultation_line()? } else { None };
        let list = |l: Vec<(usize, SearchGroup)>| l.into_iter().map(|(_, g)| g).collect();
        Ok(SearchView {
            query: q.into(),
            groups: list(groups),
            mentions_heading: MENTIONS.into(),
            mentions: list(mentions),
            message,
            fallback,
        })
    }
}
