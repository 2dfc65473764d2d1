//! One parser per kind of content file. Each reads records with [`Record`], reports every
//! problem it sees, and adds what it could read to the content and the index.

use super::diagnostic::{Diagnostics, Source};
use super::index::{Index, RefKind};
use super::markdown;
use super::reader::{At, Record};
use crate::model::*;
use crate::{hours, link, phone, postcode};
use std::str::FromStr;
use toml_edit::TableLike;

/// Owner and review date set once at the top of a file.
#[derive(Default, Clone)]
pub struct Defaults {
    owner: Option<String>,
    review_by: Option<At<chrono::NaiveDate>>,
}

/// Everything a parser needs: where it reads, and where it writes.
pub struct Sink<'x> {
    pub content: &'x mut Content,
    pub index: &'x mut Index,
    pub diags: &'x mut Diagnostics,
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

impl Sink<'_> {
    fn finish(&mut self, rec: Record<'_>) {
        for d in rec.finish() {
            self.diags.push(d);
        }
    }

    /// Reads `id`, checks its form and registers it as a top-level item.
    fn id(&mut self, rec: &mut Record<'_>, what: &'static str) -> Option<String> {
        let id = rec.string("id")?;
        if !is_valid_id(&id.value) {
            rec.error(id.offset, format!("id `{}` may only use a-z, 0-9 and -", id.value));
            return None;
        }
        self.index.define(&rec.source(), id.offset, &id.value, what, self.diags);
        Some(id.value)
    }

    fn reference(&mut self, src: &Source<'_>, at: &At<String>, kind: RefKind) {
        self.index.refer(src, at.offset, &at.value, kind);
    }
}

fn enum_value<T: FromStr>(rec: &mut Record<'_>, at: &At<String>, field: &str, allowed: String) -> Option<T> {
    match T::from_str(&at.value) {
        Ok(v) => Some(v),
        Err(_) => {
            rec.error(at.offset, format!("`{}` is not a valid {field}; use one of: {allowed}", at.value));
            None
        }
    }
}

fn enum_list<T: FromStr>(rec: &mut Record<'_>, key: &'static str, field: &str, allowed: fn() -> String) -> Vec<T> {
    let items = rec.strings(key);
    items.iter().filter_map(|at| enum_value(rec, at, field, allowed())).collect()
}

fn defaults(rec: &mut Record<'_>) -> Defaults {
    Defaults { owner: rec.opt_string("owner").map(|a| a.value), review_by: rec.opt_date("review_by") }
}

fn upkeep(rec: &mut Record<'_>, d: &Defaults, sink: &mut Sink<'_>, today: chrono::NaiveDate) -> Option<Upkeep> {
    let owner = rec.opt_string("owner").map(|a| a.value).or_else(|| d.owner.clone());
    // An inherited date is reported where it is written: at the top of the file.
    let review = rec.opt_date("review_by").or_else(|| d.review_by.clone());
    let review_by = review.as_ref().map(|a| a.value);
    if owner.as_deref().is_none_or(str::is_empty) {
        rec.error(rec.offset(), "missing field `owner` (set it on the record or at the top of the file)");
    }
    if review_by.is_none() {
        rec.error(rec.offset(), "missing field `review_by` (set it on the record or at the top of the file)");
    }
    if let Some(date) = review_by {
        if date < today {
            let at = review.map(|a| a.offset).unwrap_or(rec.offset());
            sink.diags.warning(
                &rec.source(),
                at,
                format!("review overdue since {date}: check this item and set a new review_by"),
            );
        }
    }
    Some(Upkeep { owner: owner?, review_by: review_by? })
}

fn opt_url(rec: &mut Record<'_>, key: &'static str) -> Option<String> {
    let at = rec.opt_string(key)?;
    match link::check_url(&at.value) {
        Ok(()) => Some(at.value),
        Err(e) => {
            rec.error(at.offset, e);
            None
        }
    }
}

fn opt_email(rec: &mut Record<'_>) -> Option<String> {
    let at = rec.opt_string("email")?;
    match link::check_email(&at.value) {
        Ok(()) => Some(at.value),
        Err(e) => {
            rec.error(at.offset, e);
            None
        }
    }
}

/// Whether a source note says the check was made in a stored copy of the page, not live.
fn says_stored_copy(note: &str) -> bool {
    let n = note.to_lowercase();
    ["opgeslagen kopie", "stored copy", "bewaarde kopie"].iter().any(|w| n.contains(w))
}

/// Phone, source and verification: the truth rules for anything a user may call.
fn reachability(
    rec: &mut Record<'_>,
    d: &Defaults,
    sink: &mut Sink<'_>,
    today: chrono::NaiveDate,
) -> (Option<String>, Option<String>, Option<Phone>, Option<Provenance>) {
    let website = opt_url(rec, "website");
    let email = opt_email(rec);
    let phone_at = rec.opt_string("phone");
    let source = rec.string("source");
    let source_name = rec.opt_string("source_name").map(|a| a.value);
    let source_note = rec.opt_string("source_note");
    let verified_on = rec.opt_date("verified_on").map(|a| a.value);
    let checked_in_copy = rec.opt_bool("checked_in_copy").unwrap_or(false);
    let voorbeeld = rec.opt_bool("voorbeeld").unwrap_or(false);
    let checked_by = rec.opt_string("checked_by").map(|a| a.value);
    if let Some(note) = source_note.as_ref().filter(|n| says_stored_copy(&n.value)) {
        if !checked_in_copy && checked_by.is_none() {
            rec.error(
                note.offset,
                "`source_note` says the facts were checked in a stored copy of the page: add `checked_in_copy = true`, so no shell shows it as checked at the live source",
            );
        }
    }
    let source_note = source_note.map(|a| a.value);
    let checked_how = rec
        .opt_string("checked_how")
        .and_then(|at| enum_value::<CheckMethod>(rec, &at, "check method", CheckMethod::all_slugs()));
    let upkeep = upkeep(rec, d, sink, today);
    let mut phone = None;
    if let Some(p) = &phone_at {
        match phone::parse(&p.value) {
            Ok(number) => phone = Some(number),
            Err(e) => rec.error(p.offset, e),
        }
        if !voorbeeld && (source.is_none() || verified_on.is_none()) {
            rec.error(p.offset, "phone number without `source` and `verified_on`: record where it comes from and when it was checked, or mark the record `voorbeeld = true`");
        }
    }
    if !voorbeeld && verified_on.is_none() && phone_at.is_none() {
        rec.error(
            rec.offset(),
            "missing field `verified_on`: the date these facts were checked (or mark the record `voorbeeld = true`)",
        );
    }
    if let Some(s) = &source {
        if s.value.eq_ignore_ascii_case("voorbeeld") && !voorbeeld {
            rec.error(s.offset, "source is `voorbeeld` but the record lacks `voorbeeld = true`");
        }
        if s.value.starts_with("http") {
            if let Err(e) = link::check_url(&s.value) {
                rec.error(s.offset, e);
            }
            if source_name.is_none() && !voorbeeld {
                rec.warning(
                    s.offset,
                    "web source without `source_name`: every card shows its address; add the page as a reader knows it, e.g. `source_name = \"Spaarne Gasthuis, nieuwsbericht over het TOPZ\"`",
                );
            }
        }
    }
    let prov = match (source, upkeep) {
        (Some(s), Some(u)) => Some(Provenance {
            source: s.value,
            source_name,
            source_note,
            verified_on,
            checked_in_copy,
            voorbeeld,
            upkeep: u,
            checked_by,
            checked_how,
        }),
        _ => None,
    };
    (website, email, phone, prov)
}

pub fn contacts(
    src: Source<'_>,
    root: &dyn TableLike,
    region: Option<&str>,
    sink: &mut Sink<'_>,
    today: chrono::NaiveDate,
) {
    let mut top = Record::new(src, root, 0, "contacts file");
    let d = defaults(&mut top);
    for mut rec in top.tables("contact", "contact") {
        let id = sink.id(&mut rec, "contact");
        let name = rec.string("name");
        let kind_at = rec.string("kind");
        let kind = kind_at
            .as_ref()
            .and_then(|k| enum_value::<ContactKind>(&mut rec, k, "contact kind", ContactKind::all_slugs()));
        let call_for = rec.string("call_for");
        let hours_at = rec.opt_string("opening_hours");
        if let Some(h) = &hours_at {
            if let Err(e) = hours::check(&h.value) {
                rec.error(h.offset, e);
            }
        }
        let (website, email, phone, prov) = reachability(&mut rec, &d, sink, today);
        if let (Some(id), Some(name), Some(kind), Some(call_for), Some(provenance)) = (id, name, kind, call_for, prov) {
            sink.content.contacts.push(Contact {
                id,
                region: region.map(str::to_string),
                name: name.value,
                kind,
                call_for: call_for.value,
                website,
                email,
                phone,
                opening_hours: hours_at.map(|h| h.value),
                provenance,
            });
        }
        sink.finish(rec);
    }
    sink.finish(top);
}

pub fn facilities(src: Source<'_>, root: &dyn TableLike, region: &str, sink: &mut Sink<'_>, today: chrono::NaiveDate) {
    let mut top = Record::new(src, root, 0, "facilities file");
    let d = defaults(&mut top);
    for mut rec in top.tables("facility", "facility") {
        let id = sink.id(&mut rec, "facility");
        let name = rec.string("name");
        let kind_at = rec.string("kind");
        let kind = kind_at
            .as_ref()
            .and_then(|k| enum_value::<FacilityKind>(&mut rec, k, "facility kind", FacilityKind::all_slugs()));
        let place = rec.string("place");
        let capacity = match rec.opt_integer("capacity") {
            Some(c) if !(1..=i64::from(MAX_BEDS)).contains(&c.value) => {
                rec.error(
                    c.offset,
                    format!("capacity {} is not a plausible number of beds (1 to {MAX_BEDS})", c.value),
                );
                None
            }
            c => c.map(|c| c.value as u32),
        };
        let (website, email, phone, prov) = reachability(&mut rec, &d, sink, today);
        if let (Some(id), Some(name), Some(kind), Some(place), Some(provenance)) = (id, name, kind, place, prov) {
            sink.content.facilities.push(Facility {
                id,
                region: region.to_string(),
                name: name.value,
                kind,
                place: place.value,
                capacity,
                website,
                email,
                phone,
                provenance,
            });
        }
        sink.finish(rec);
    }
    sink.finish(top);
}

pub fn region(src: Source<'_>, root: &dyn TableLike, dir_id: &str, sink: &mut Sink<'_>, today: chrono::NaiveDate) {
    let mut rec = Record::new(src, root, 0, "region");
    let id = sink.id(&mut rec, "region");
    if let Some(id) = &id {
        if id != dir_id {
            rec.error(0, format!("region id `{id}` differs from its folder name `{dir_id}`"));
        }
    }
    let name = rec.string("name");
    let network = rec.string("network");
    let website = opt_url(&mut rec, "website");
    let complete = rec.opt_bool("complete").unwrap_or(false);
    let up = upkeep(&mut rec, &Defaults::default(), sink, today);
    let mut municipalities = Vec::new();
    for mut m in rec.tables("municipality", "municipality") {
        let mname = m.string("name");
        let mut ranges = Vec::new();
        for at in m.nonempty_strings("postcodes") {
            match postcode::parse_range(&at.value) {
                Ok(r) => {
                    sink.index.claim_postcodes(&src, at.offset, r, dir_id, mname.as_ref().map_or("", |n| &n.value));
                    ranges.push(r);
                }
                Err(e) => m.error(at.offset, e),
            }
        }
        let source = m.string("source");
        if let Some(s) = &source {
            if s.value.starts_with("http") {
                if let Err(e) = link::check_url(&s.value) {
                    m.error(s.offset, e);
                }
            }
        }
        let source_note = m.opt_string("source_note").map(|a| a.value);
        let verified_on = m.date("verified_on");
        let places = m.strings("places");
        let places_source = m.opt_string("places_source");
        match (&places_source, places.first()) {
            (Some(s), _) => {
                if let Err(e) = link::check_url(&s.value) {
                    m.error(s.offset, e);
                }
            }
            (None, Some(first)) => m.error(
                first.offset,
                "places need `places_source`: the page that lists them as part of this municipality",
            ),
            (None, None) => {}
        }
        for p in &places {
            if p.value.is_empty() {
                m.error(p.offset, "a place needs a name");
            }
        }
        if let (Some(n), Some(s), Some(v)) = (mname, source, verified_on) {
            municipalities.push(Municipality {
                name: n.value,
                postcodes: ranges,
                source: s.value,
                source_note,
                verified_on: v.value,
                places: places.into_iter().map(|p| p.value).collect(),
                places_source: places_source.map(|s| s.value),
            });
        }
        sink.finish(m);
    }
    if let (Some(id), Some(name), Some(network), Some(upkeep)) = (id, name, network, up) {
        sink.content.regions.push(Region {
            id,
            name: name.value,
            network: network.value,
            website,
            complete,
            municipalities,
            upkeep,
        });
    }
    sink.finish(rec);
}

fn string_refs(rec: &mut Record<'_>, key: &'static str, kind: RefKind, sink: &mut Sink<'_>) -> Vec<String> {
    let items = rec.strings(key);
    let src = rec.source();
    items
        .into_iter()
        .map(|at| {
            sink.reference(&src, &at, kind.clone());
            at.value
        })
        .collect()
}

pub fn phase(
    src: Source<'_>,
    root: &dyn TableLike,
    body: &str,
    region: &str,
    sink: &mut Sink<'_>,
    today: chrono::NaiveDate,
) {
    let mut rec = Record::new(src, root, 0, "zorgpad phase");
    let id = sink.id(&mut rec, "zorgpad phase");
    let order = rec.integer("order").and_then(|o| {
        if (1..=99).contains(&o.value) {
            Some(o.value as u32)
        } else {
            rec.error(o.offset, "order must be between 1 and 99");
            None
        }
    });
    let title = rec.string("title");
    let summary = rec.string("summary");
    let wie = rec.string("wie");
    let hoe = rec.string("hoe");
    let wat = rec.string("wat");
    let waarom = rec.string("waarom");
    let hulpmiddelen = string_refs(&mut rec, "hulpmiddelen", RefKind::Hulpmiddel, sink);
    let topics = string_refs(&mut rec, "topics", RefKind::Topic, sink);
    let source = rec.string("source");
    let up = upkeep(&mut rec, &Defaults::default(), sink, today);
    let mut actions = Actions::default();
    match rec.table("acties", "acties") {
        Some(mut a) => {
            actions.huisarts = a.nonempty_strings("huisarts").into_iter().map(|s| s.value).collect();
            actions.wijkverpleegkundige =
                a.nonempty_strings("wijkverpleegkundige").into_iter().map(|s| s.value).collect();
            actions.ziekenhuis = a.nonempty_strings("ziekenhuis").into_iter().map(|s| s.value).collect();
            sink.finish(a);
        }
        None => rec.error(rec.offset(), "missing table `[acties]` with huisarts, wijkverpleegkundige and ziekenhuis"),
    }
    if let (
        Some(id),
        Some(order),
        Some(t),
        Some(s),
        Some(wie),
        Some(hoe),
        Some(wat),
        Some(waarom),
        Some(source),
        Some(upkeep),
    ) = (id, order, title, summary, wie, hoe, wat, waarom, source, up)
    {
        sink.content.phases.push(Phase {
            id,
            region: region.to_string(),
            order,
            title: t.value,
            summary: s.value,
            wie: wie.value,
            hoe: hoe.value,
            wat: wat.value,
            waarom: waarom.value,
            actions,
            hulpmiddelen,
            topics,
            body_md: body.trim().to_string(),
            body_html: markdown::to_safe_html(body.trim()),
            source: source.value,
            upkeep,
        });
    }
    sink.finish(rec);
}

pub fn topic(
    src: Source<'_>,
    root: &dyn TableLike,
    body: &str,
    region: &str,
    sink: &mut Sink<'_>,
    today: chrono::NaiveDate,
) {
    let mut rec = Record::new(src, root, 0, "zorgpad topic");
    let id = sink.id(&mut rec, "zorgpad topic");
    let title = rec.string("title");
    let summary = rec.string("summary");
    let phases = string_refs(&mut rec, "phases", RefKind::Phase, sink);
    let checklist = rec.strings("checklist").into_iter().map(|s| s.value).collect();
    let source = rec.string("source");
    let up = upkeep(&mut rec, &Defaults::default(), sink, today);
    if let (Some(id), Some(t), Some(s), Some(source), Some(upkeep)) = (id, title, summary, source, up) {
        sink.content.topics.push(Topic {
            id,
            region: region.to_string(),
            title: t.value,
            summary: s.value,
            phases,
            checklist,
            body_md: body.trim().to_string(),
            body_html: markdown::to_safe_html(body.trim()),
            source: source.value,
            upkeep,
        });
    }
    sink.finish(rec);
}

pub fn tree(src: Source<'_>, root: &dyn TableLike, region: &str, sink: &mut Sink<'_>, today: chrono::NaiveDate) {
    let mut rec = Record::new(src, root, 0, "beslisboom");
    let id = sink.id(&mut rec, "beslisboom");
    let title = rec.string("title");
    let start = rec.string("start");
    let source = rec.string("source");
    let up = upkeep(&mut rec, &Defaults::default(), sink, today);
    let mut nodes = Vec::new();
    let mut shape = super::index::TreeShape::default();
    for mut q in rec.tables("question", "beslisboom question") {
        let qid = q.string("id");
        let text = q.string("text");
        let help = q.opt_string("help").map(|h| h.value);
        let mut answers = Vec::new();
        let answer_recs = q.tables("answer", "beslisboom answer");
        if answer_recs.len() < 2 {
            q.error(q.offset(), "a question needs at least two answers ([[question.answer]])");
        }
        for mut a in answer_recs {
            let label = a.string("label");
            let next = a.string("next");
            if let (Some(qid), Some(next)) = (&qid, &next) {
                shape.edge(&src, &qid.value, next);
            }
            if let (Some(l), Some(n)) = (label, next) {
                answers.push(Answer { label: l.value, next: n.value });
            }
            sink.finish(a);
        }
        if let Some(qid) = &qid {
            shape.node(&src, qid, sink.diags);
        }
        if let (Some(qid), Some(text)) = (qid, text) {
            nodes.push(TreeNode::Question { id: qid.value, text: text.value, help, answers });
        }
        sink.finish(q);
    }
    for mut e in rec.tables("end", "beslisboom end") {
        let eid = e.string("id");
        let etitle = e.string("title");
        let advice = e.string("advice");
        let contacts_at = e.nonempty_strings("contacts");
        let esrc = e.source();
        for c in &contacts_at {
            sink.reference(&esrc, c, RefKind::Contact);
        }
        let show_facilities = e.opt_bool("show_facilities").unwrap_or(false);
        if let Some(eid) = &eid {
            shape.node(&src, eid, sink.diags);
        }
        if let (Some(eid), Some(t), Some(a)) = (eid, etitle, advice) {
            nodes.push(TreeNode::End {
                id: eid.value,
                title: t.value,
                advice: a.value,
                contacts: contacts_at.into_iter().map(|c| c.value).collect(),
                show_facilities,
            });
        }
        sink.finish(e);
    }
    if let Some(start) = &start {
        shape.check(&src, start, sink.diags);
    }
    if let (Some(id), Some(t), Some(start), Some(source), Some(upkeep)) = (id, title, start, source, up) {
        sink.content.trees.push(Tree {
            id,
            region: region.to_string(),
            title: t.value,
            start: start.value,
            nodes,
            source: source.value,
            upkeep,
        });
    }
    sink.finish(rec);
}

pub fn hulpmiddelen(src: Source<'_>, root: &dyn TableLike, sink: &mut Sink<'_>, today: chrono::NaiveDate) {
    let mut top = Record::new(src, root, 0, "hulpmiddelen file");
    let d = defaults(&mut top);
    for mut rec in top.tables("hulpmiddel", "hulpmiddel") {
        let id = sink.id(&mut rec, "hulpmiddel");
        let title = rec.string("title");
        let url = opt_url(&mut rec, "url");
        let url_given = url.is_some();
        let mut also_at = Vec::new();
        for at in rec.strings("also_at") {
            match link::check_url(&at.value) {
                Ok(()) => also_at.push(at.value),
                Err(e) => rec.error(at.offset, e),
            }
        }
        let topic_at = rec.opt_string("topic");
        if let Some(t) = &topic_at {
            sink.reference(&src, t, RefKind::Topic);
        }
        if !url_given && topic_at.is_none() {
            rec.error(rec.offset(), "a hulpmiddel needs a `url` or a `topic`");
        }
        let description = rec.string("description");
        let phases = string_refs(&mut rec, "phases", RefKind::Phase, sink);
        let audience: Vec<Audience> = enum_list(&mut rec, "audience", "audience", Audience::all_slugs);
        if audience.is_empty() {
            rec.error(rec.offset(), "field `audience` needs at least one of: huisarts, verpleegkundige, poh, patient");
        }
        let source = rec.string("source");
        let source_note = rec.opt_string("source_note").map(|a| a.value);
        let up = upkeep(&mut rec, &d, sink, today);
        if let (Some(id), Some(t), Some(desc), Some(source), Some(upkeep)) = (id, title, description, source, up) {
            sink.content.hulpmiddelen.push(Hulpmiddel {
                id,
                title: t.value,
                url,
                also_at,
                topic: topic_at.map(|t| t.value),
                description: desc.value,
                phases,
                audience,
                source: source.value,
                source_note,
                upkeep,
            });
        }
        sink.finish(rec);
    }
    sink.finish(top);
}

pub fn glossary(src: Source<'_>, root: &dyn TableLike, sink: &mut Sink<'_>, today: chrono::NaiveDate) {
    let mut top = Record::new(src, root, 0, "glossary file");
    let d = defaults(&mut top);
    for mut rec in top.tables("term", "term") {
        let id = sink.id(&mut rec, "term");
        let term = rec.string("term");
        let meaning = rec.string("meaning");
        let explanation = rec.string("explanation");
        let synonyms = rec.strings("synonyms").into_iter().map(|s| s.value).filter(|s| !s.is_empty()).collect();
        let source = rec.string("source");
        let source_note = rec.opt_string("source_note").map(|a| a.value);
        let up = upkeep(&mut rec, &d, sink, today);
        if let (Some(id), Some(t), Some(m), Some(e), Some(source), Some(upkeep)) =
            (id, term, meaning, explanation, source, up)
        {
            sink.content.terms.push(Term {
                id,
                term: t.value,
                meaning: m.value,
                explanation: e.value,
                synonyms,
                source: source.value,
                source_note,
                upkeep,
            });
        }
        sink.finish(rec);
    }
    sink.finish(top);
}

pub fn document(src: Source<'_>, root: &dyn TableLike, body: &str, sink: &mut Sink<'_>, today: chrono::NaiveDate) {
    let mut rec = Record::new(src, root, 0, "document");
    let id = sink.id(&mut rec, "document");
    let title = rec.string("title");
    let kind_at = rec.string("kind");
    let kind = kind_at
        .as_ref()
        .and_then(|k| enum_value::<DocumentKind>(&mut rec, k, "document kind", DocumentKind::all_slugs()));
    let audience: Vec<Audience> = enum_list(&mut rec, "audience", "audience", Audience::all_slugs);
    if audience.is_empty() {
        rec.error(rec.offset(), "field `audience` needs at least one of: huisarts, verpleegkundige, poh, patient");
    }
    let paper_at = rec.string("paper");
    let paper = paper_at.as_ref().and_then(|p| {
        enum_value::<Paper>(
            &mut rec,
            &At { value: p.value.to_lowercase(), offset: p.offset },
            "paper size",
            Paper::all_slugs(),
        )
    });
    let summary = rec.string("summary");
    let source = rec.string("source");
    let written_on = rec.date("written_on");
    let up = upkeep(&mut rec, &Defaults::default(), sink, today);
    if body.trim().is_empty() {
        rec.error(rec.offset(), "a document needs a Markdown body after the front matter");
    }
    if let (Some(id), Some(t), Some(kind), Some(paper), Some(s), Some(source), Some(w), Some(upkeep)) =
        (id, title, kind, paper, summary, source, written_on, up)
    {
        sink.content.documents.push(Document {
            id,
            title: t.value,
            kind,
            audience,
            paper,
            summary: s.value,
            body_md: body.trim().to_string(),
            body_html: markdown::to_safe_html(body.trim()),
            source: source.value,
            written_on: w.value,
            upkeep,
        });
    }
    sink.finish(rec);
}
