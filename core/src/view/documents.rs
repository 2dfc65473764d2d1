//! Documents a practice nurse hands out (rendered safely), and the glossary.

use super::{badges, labels, Badge, Views};
use crate::error::CoreError;
use crate::model::{Audience, Document, DocumentKind, Paper};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DocumentSummary {
    pub id: String,
    pub title: String,
    pub kind_label: String,
    pub summary: String,
    pub audience: Vec<String>,
    pub paper: Paper,
    /// "A5".
    pub paper_label: String,
    /// "Levenswensenkaart · A5 · voor Patiënt en naasten".
    pub detail_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DocumentListView {
    pub title: String,
    pub documents: Vec<DocumentSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DocumentView {
    pub id: String,
    pub title: String,
    pub kind: DocumentKind,
    pub kind_label: String,
    pub summary: String,
    pub audience: Vec<String>,
    /// The page size the print layout uses.
    pub paper: Paper,
    /// "A5".
    pub paper_label: String,
    /// "Levenswensenkaart · A5 · voor Patiënt en naasten".
    pub detail_line: String,
    /// Where this document lives on the website (`/documenten/...`).
    pub path: String,
    /// The full address to share; `None` when the shell did not say which site it belongs to.
    pub share_url: Option<String>,
    /// Sanitized HTML, safe to show as it is (the website).
    pub html: String,
    /// The same text as blocks for a native screen (the apps).
    pub blocks: Vec<super::TextBlock>,
    pub source_line: String,
    pub share_text: String,
    pub badges: Vec<Badge>,
    /// For patients: printed at 12 pt or more.
    pub for_patient: bool,
    /// Lines to fill in by hand on paper ("Naam van de praktijk"), drawn under the text.
    pub fill_in: Vec<String>,
    /// A whole printable page (HTML with its own style: paper size, type size, room to write)
    /// for the apps' print effect. The website prints `html` with its own stylesheet.
    pub print_html: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GlossaryEntry {
    pub id: String,
    pub term: String,
    pub meaning: String,
    pub explanation: String,
    pub synonyms: Vec<String>,
    /// "Ook: morfine, morphine"; `None` without synonyms.
    pub synonyms_line: Option<String>,
    pub badges: Vec<Badge>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GlossaryView {
    pub title: String,
    pub entries: Vec<GlossaryEntry>,
}

/// What a practice writes on a patient document before handing it out.
/// "Levenswensenkaart · A5 · voor Patiënt en naasten".
fn detail_line(d: &Document) -> String {
    match d.audience.is_empty() {
        true => format!("{} · {}", d.kind.label(), labels::paper(d.paper)),
        false => format!(
            "{} · {} · voor {}",
            d.kind.label(),
            labels::paper(d.paper),
            labels::audiences(&d.audience).join(", ")
        ),
    }
}

fn fill_in(d: &Document) -> Vec<String> {
    if d.audience.contains(&Audience::Patient) {
        vec!["Naam van de praktijk".into(), "Telefoonnummer van de praktijk".into()]
    } else {
        Vec::new()
    }
}

/// A standalone page to print: the paper size, 12 pt for patients (10 pt otherwise), room to
/// write under each question of a levenswensenkaart, and the fill-in lines.
fn print_html(d: &Document, fill_in: &[String]) -> String {
    let patient = d.audience.contains(&Audience::Patient);
    let size = if patient { "12pt" } else { "10pt" };
    let paper = labels::paper(d.paper);
    let room = if d.kind == DocumentKind::Levenswensenkaart {
        "ol li{padding-bottom:3.2em;border-bottom:1px dotted #777;margin-bottom:.4em}"
    } else {
        ""
    };
    let lines: String = fill_in.iter().map(|l| format!("<p class=\"invulveld\">{l}:</p>")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{title}</title><style>\
         @page{{size:{paper};margin:10mm}}body{{font-family:sans-serif;font-size:{size};line-height:1.4;color:#000}}\
         h1{{font-size:1.4em}}h2{{font-size:1.15em}}{room}\
         .invulveld{{border-bottom:1px solid #000;padding-top:1.6em;margin:0 0 .4em}}</style></head>\
         <body><h1>{title}</h1>{body}{lines}</body></html>",
        title = escape(&d.title),
        body = d.body_html,
    )
}

/// Text for HTML: the five characters that matter.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

impl Views<'_> {
    pub fn documents(&self) -> Result<DocumentListView, CoreError> {
        let mut docs = self.store.documents()?;
        docs.sort_by_key(|a| (a.kind, a.title.to_lowercase()));
        Ok(DocumentListView {
            title: "Voor de patiënt en de praktijk".into(),
            documents: docs
                .iter()
                .map(|d| DocumentSummary {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    kind_label: d.kind.label().into(),
                    summary: d.summary.clone(),
                    audience: labels::audiences(&d.audience),
                    paper: d.paper,
                    paper_label: labels::paper(d.paper).into(),
                    detail_line: detail_line(d),
                })
                .collect(),
        })
    }

    pub fn document(&self, id: &str) -> Result<DocumentView, CoreError> {
        let d = self.store.document(id)?;
        let destination = super::Destination::Document { document_id: d.id.clone() };
        let fill_in = fill_in(&d);
        Ok(DocumentView {
            id: d.id.clone(),
            title: d.title.clone(),
            kind: d.kind,
            kind_label: d.kind.label().into(),
            summary: d.summary.clone(),
            audience: labels::audiences(&d.audience),
            paper: d.paper,
            paper_label: labels::paper(d.paper).into(),
            detail_line: detail_line(&d),
            path: destination.path(),
            share_url: self.site_url.as_deref().map(|site| destination.url(site)),
            html: d.body_html.clone(),
            blocks: super::blocks(&d.body_md),
            source_line: format!(
                "Bron: {} · geschreven op {} · eigenaar {}",
                labels::source(&d.source),
                labels::date(d.written_on),
                d.upkeep.owner
            ),
            share_text: format!("{}: {}", d.title, d.summary),
            badges: badges(false, d.upkeep.review_by, self.today),
            for_patient: d.audience.contains(&Audience::Patient),
            print_html: print_html(&d, &fill_in),
            fill_in,
        })
    }

    pub fn glossary(&self) -> Result<GlossaryView, CoreError> {
        let mut entries: Vec<GlossaryEntry> = self
            .store
            .terms()?
            .into_iter()
            .map(|t| GlossaryEntry {
                badges: badges(false, t.upkeep.review_by, self.today),
                id: t.id,
                term: t.term,
                meaning: t.meaning,
                explanation: t.explanation,
                synonyms_line: (!t.synonyms.is_empty()).then(|| format!("Ook: {}", t.synonyms.join(", "))),
                synonyms: t.synonyms,
            })
            .collect();
        entries.sort_by_key(|e| super::region::fold(&e.term));
        Ok(GlossaryView { title: "Begrippen en afkortingen".into(), entries })
    }
}
