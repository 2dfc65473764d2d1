//! Documents a practice nurse hands out (rendered safely), and the glossary.

use super::{badges, labels, Badge, Views};
use crate::error::CoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DocumentSummary {
    pub id: String,
    pub title: String,
    pub kind_label: String,
    pub summary: String,
    pub audience: Vec<String>,
    pub paper: String,
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
    pub kind_label: String,
    pub summary: String,
    pub audience: Vec<String>,
    /// "A5": the page size the print layout uses.
    pub paper: String,
    /// Sanitized HTML, safe to show as it is.
    pub html: String,
    pub source_line: String,
    pub share_text: String,
    pub badges: Vec<Badge>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GlossaryEntry {
    pub id: String,
    pub term: String,
    pub meaning: String,
    pub explanation: String,
    pub synonyms: Vec<String>,
    pub badges: Vec<Badge>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GlossaryView {
    pub title: String,
    pub entries: Vec<GlossaryEntry>,
}

impl Views<'_> {
    pub fn documents(&self) -> Result<DocumentListView, CoreError> {
        let mut docs = self.store.documents()?;
        docs.sort_by(|a, b| (a.kind, a.title.to_lowercase()).cmp(&(b.kind, b.title.to_lowercase())));
        Ok(DocumentListView {
            title: "Voor de patiënt en de praktijk".into(),
            documents: docs
                .iter()
                .map(|d| DocumentSummary {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    kind_label: labels::document_kind(d.kind).into(),
                    summary: d.summary.clone(),
                    audience: d.audience.iter().map(|a| labels::audience(*a).to_string()).collect(),
                    paper: labels::paper(d.paper).into(),
                })
                .collect(),
        })
    }

    pub fn document(&self, id: &str) -> Result<DocumentView, CoreError> {
        let d = self.store.document(id)?;
        Ok(DocumentView {
            id: d.id.clone(),
            title: d.title.clone(),
            kind_label: labels::document_kind(d.kind).into(),
            summary: d.summary.clone(),
            audience: d.audience.iter().map(|a| labels::audience(*a).to_string()).collect(),
            paper: labels::paper(d.paper).into(),
            html: d.body_html.clone(),
            source_line: format!(
                "Bron: {} · geschreven op {} · eigenaar {}",
                d.source,
                labels::date(d.written_on),
                d.upkeep.owner
            ),
            share_text: format!("{}: {}", d.title, d.summary),
            badges: badges(false, d.upkeep.review_by, self.today),
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
                synonyms: t.synonyms,
            })
            .collect();
        entries.sort_by_key(|e| super::region::fold(&e.term));
        Ok(GlossaryView { title: "Begrippen en afkortingen".into(), entries })
    }
}
