//! A first, simple search across everything a user can open: case and diacritics folded,
//! every word must occur. Ranking: title matches before body matches, the chosen region
//! before others. (The search issue replaces the matching with FTS5 and typo tolerance.)

use super::region::fold;
use super::Views;
use crate::error::CoreError;

/// What a result opens. Shells turn this into a screen or a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SearchTarget {
    Contact { region_id: Option<String>, id: String },
    Facility { region_id: String, id: String },
    Phase { region_id: String, id: String },
    Topic { region_id: String, id: String },
    Hulpmiddel { id: String, url: Option<String> },
    Document { id: String },
    Term { id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SearchResult {
    pub title: String,
    pub snippet: String,
    pub target: SearchTarget,
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
    pub groups: Vec<SearchGroup>,
    pub message: String,
}

struct Candidate {
    group: usize,
    title: String,
    body: String,
    target: SearchTarget,
    in_region: bool,
}

const GROUPS: [&str; 7] = [
    "Contacten",
    "Hospices en palliatieve units",
    "Zorgpad",
    "Zorgpad: onderwerpen",
    "Hulpmiddelen",
    "Documenten",
    "Begrippen",
];

fn snippet(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= 140 {
        t
    } else {
        format!("{}…", t.chars().take(140).collect::<String>().trim_end())
    }
}

impl Views<'_> {
    pub fn search(&self, query: &str, region_id: Option<&str>) -> Result<SearchView, CoreError> {
        let q = query.trim();
        let words: Vec<String> = fold(q).split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            return Ok(SearchView { query: q.into(), groups: Vec::new(), message: "Typ een zoekwoord.".into() });
        }
        let s = self.store;
        let here = |r: Option<&str>| region_id.is_some() && r == region_id;
        let mut all = Vec::new();
        for r in s.regions()? {
            for c in s.contacts_for_region(&r.id)?.into_iter().filter(|c| c.region.as_deref() == Some(r.id.as_str())) {
                all.push(Candidate {
                    group: 0,
                    in_region: here(Some(&r.id)),
                    body: c.call_for.clone(),
                    target: SearchTarget::Contact { region_id: c.region.clone(), id: c.id.clone() },
                    title: c.name,
                });
            }
            for f in s.facilities_for_region(&r.id)? {
                all.push(Candidate {
                    group: 1,
                    in_region: here(Some(&r.id)),
                    body: format!("{} {}", f.place, super::labels::facility_kind(f.kind)),
                    target: SearchTarget::Facility { region_id: r.id.clone(), id: f.id.clone() },
                    title: f.name,
                });
            }
            for p in s.phases(&r.id)? {
                all.push(Candidate {
                    group: 2,
                    in_region: here(Some(&r.id)),
                    body: format!("{} {} {} {}", p.summary, p.wie, p.hoe, p.wat),
                    target: SearchTarget::Phase { region_id: r.id.clone(), id: p.id.clone() },
                    title: p.title,
                });
            }
            for t in s.topics(&r.id)? {
                all.push(Candidate {
                    group: 3,
                    in_region: here(Some(&r.id)),
                    body: format!("{} {}", t.summary, t.body_md),
                    target: SearchTarget::Topic { region_id: r.id.clone(), id: t.id.clone() },
                    title: t.title,
                });
            }
        }
        for c in s.contacts_national()? {
            all.push(Candidate {
                group: 0,
                in_region: true,
                body: c.call_for.clone(),
                target: SearchTarget::Contact { region_id: None, id: c.id.clone() },
                title: c.name,
            });
        }
        for h in s.hulpmiddelen()? {
            all.push(Candidate {
                group: 4,
                in_region: true,
                body: h.description.clone(),
                target: SearchTarget::Hulpmiddel { id: h.id.clone(), url: h.url.clone() },
                title: h.title,
            });
        }
        for d in s.documents()? {
            all.push(Candidate {
                group: 5,
                in_region: true,
                body: format!("{} {}", d.summary, d.body_md),
                target: SearchTarget::Document { id: d.id.clone() },
                title: d.title,
            });
        }
        for t in s.terms()? {
            all.push(Candidate {
                group: 6,
                in_region: true,
                body: format!("{} {} {}", t.meaning, t.explanation, t.synonyms.join(" ")),
                target: SearchTarget::Term { id: t.id.clone() },
                title: format!("{}: {}", t.term, t.meaning),
            });
        }
        let mut hits: Vec<(u8, Candidate)> = all
            .into_iter()
            .filter_map(|c| {
                let (title, body) = (fold(&c.title), fold(&c.body));
                let in_title = words.iter().all(|w| title.contains(w.as_str()));
                let anywhere = words.iter().all(|w| title.contains(w.as_str()) || body.contains(w.as_str()));
                let rank = if title == fold(q) {
                    0
                } else if in_title {
                    1
                } else if anywhere {
                    2
                } else {
                    return None;
                };
                Some((rank + if c.in_region { 0 } else { 3 }, c))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, fold(&a.1.title)).cmp(&(b.0, fold(&b.1.title))));
        let total = hits.len();
        let mut groups: Vec<SearchGroup> = Vec::new();
        let mut order: Vec<usize> = Vec::new();
        for (_, c) in hits {
            let i = match order.iter().position(|g| *g == c.group) {
                Some(i) => i,
                None => {
                    order.push(c.group);
                    groups.push(SearchGroup { title: GROUPS[c.group].into(), results: Vec::new() });
                    groups.len() - 1
                }
            };
            groups[i].results.push(SearchResult { snippet: snippet(&c.body), title: c.title, target: c.target });
        }
        let message = match total {
            0 => format!("Niets gevonden voor '{q}'. Probeer een ander woord of een afkorting."),
            1 => format!("1 resultaat voor '{q}'."),
            n => format!("{n} resultaten voor '{q}'."),
        };
        Ok(SearchView { query: q.into(), groups, message })
    }

    /// One contact as a row, for its own shareable page.
    pub fn contact(&self, id: &str) -> Result<super::ContactRow, CoreError> {
        Ok(super::contacts::contact_row(&self.store.contact(id)?, self.today))
    }
}
