//! The expertise decision tree, one step at a time: a question with its answers, or an end
//! point with the contacts to call. Every step has a back link, so it works without state.

use super::contacts::contact_row;
use super::{labels, ContactRow, Views};
use crate::error::CoreError;
use crate::model::{Tree, TreeNode};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AnswerOption {
    pub label: String,
    /// The node this answer leads to.
    pub next: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BeslisboomEnd {
    pub title: String,
    pub advice: String,
    /// Who to call, every one with a number first. When none of the end's own contacts has a
    /// number, the consultation line is added last and `fallback_line` says why.
    pub contacts: Vec<ContactRow>,
    pub fallback_line: Option<String>,
    /// Set when this end leads on to the region's hospice list.
    pub facilities_region: Option<String>,
    pub facilities_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BeslisboomStep {
    pub region_id: String,
    pub tree_title: String,
    pub node_id: String,
    /// The question, or the end's title.
    pub heading: String,
    pub help: Option<String>,
    pub answers: Vec<AnswerOption>,
    pub end: Option<BeslisboomEnd>,
    /// The step before this one; `None` at the start.
    pub back: Option<String>,
    pub back_label: String,
    pub start: String,
    pub source_line: String,
}

fn parent(tree: &Tree, id: &str) -> Option<String> {
    tree.nodes.iter().find_map(|n| match n {
        TreeNode::Question { id: qid, answers, .. } if answers.iter().any(|a| a.next == id) => Some(qid.clone()),
        _ => None,
    })
}

impl Views<'_> {
    /// A step of the region's beslisboom; `node` `None` means the first question.
    pub fn beslisboom(&self, region_id: &str, node: Option<&str>) -> Result<BeslisboomStep, CoreError> {
        let region = self.store.region_heading(region_id)?;
        let tree = self.store.tree_for_region(region_id)?.ok_or_else(|| CoreError::NotFound {
            what: format!("Een beslisboom voor {}", region.name),
            id: region.id.clone(),
        })?;
        let node_id = node.unwrap_or(&tree.start);
        let n = tree.node(node_id).ok_or_else(|| CoreError::not_found("Deze stap in de beslisboom", node_id))?;
        let back = parent(&tree, node_id);
        let mut step = BeslisboomStep {
            region_id: region.id.clone(),
            tree_title: tree.title.clone(),
            node_id: node_id.to_string(),
            heading: String::new(),
            help: None,
            answers: Vec::new(),
            end: None,
            back_label: if back.is_some() { "Vorige vraag".into() } else { "Terug naar het begin".into() },
            back,
            start: tree.start.clone(),
            source_line: format!("Bron: {} · eigenaar {}", labels::source(&tree.source), tree.upkeep.owner),
        };
        match n {
            TreeNode::Question { text, help, answers, .. } => {
                step.heading = text.clone();
                step.help = help.clone();
                step.answers =
                    answers.iter().map(|a| AnswerOption { label: a.label.clone(), next: a.next.clone() }).collect();
            }
            TreeNode::End { title, advice, contacts, show_facilities, .. } => {
                step.heading = title.clone();
                let mut rows = Vec::new();
                for id in contacts {
                    rows.push(contact_row(&self.store.contact(id)?, self.today));
                }
                rows.sort_by_key(|r| r.phone.is_none());
                let mut fallback_line = None;
                if !rows.iter().any(|r| r.phone.is_some()) {
                    if let Some(line) = self.consultation_line()? {
                        fallback_line = Some(if rows.is_empty() {
                            "Bel de consultatie palliatieve zorg: dag en nacht bereikbaar voor advies.".to_string()
                        } else {
                            "Van bovenstaande zorgverleners is geen nummer met bron bekend. Bel de consultatie palliatieve zorg: dag en nacht bereikbaar, zij verwijzen zo nodig door.".to_string()
                        });
                        rows.push(line);
                    }
                }
                step.end = Some(BeslisboomEnd {
                    title: title.clone(),
                    advice: advice.clone(),
                    contacts: rows,
                    fallback_line,
                    facilities_region: show_facilities.then(|| region.id.clone()),
                    facilities_label: show_facilities
                        .then(|| format!("Hospices en palliatieve units in {}", region.name)),
                });
            }
        }
        Ok(step)
    }
}
