//! The zorgpad: its phases for a chosen role, and its topics (checklist, MDO, ...).

use super::{labels, Views};
use crate::error::CoreError;
use crate::model::{Phase, Role, Topic};
use strum::IntoEnumIterator;

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PhaseLink {
    pub id: String,
    pub order: u32,
    pub title: String,
    pub summary: String,
    /// "2. Markeren".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TopicLink {
    pub id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RoleOption {
    pub role: Role,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Section {
    pub heading: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ZorgpadView {
    pub region_id: String,
    pub title: String,
    pub intro: String,
    pub phases: Vec<PhaseLink>,
    pub topics: Vec<TopicLink>,
    pub topics_heading: String,
    pub notice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PhaseView {
    pub region_id: String,
    pub id: String,
    /// "Fase 2 van 9".
    pub position: String,
    pub title: String,
    pub summary: String,
    pub roles: Vec<RoleOption>,
    pub wie_heading: String,
    pub wie: String,
    pub hoe_heading: String,
    pub hoe: String,
    pub hulpmiddelen_heading: String,
    pub topics_heading: String,
    pub actions_heading: String,
    pub actions: Vec<String>,
    pub background: Vec<Section>,
    pub body_html: String,
    /// The same text as blocks for a native screen (the apps).
    pub body: Vec<super::TextBlock>,
    pub hulpmiddelen: Vec<super::HulpmiddelRow>,
    pub topics: Vec<TopicLink>,
    pub previous: Option<PhaseLink>,
    pub next: Option<PhaseLink>,
    pub source_line: String,
    pub badges: Vec<super::Badge>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TopicView {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub checklist_heading: String,
    pub checklist: Vec<String>,
    pub body_html: String,
    /// The same text as blocks for a native screen (the apps).
    pub body: Vec<super::TextBlock>,
    pub phases_heading: String,
    pub phases: Vec<PhaseLink>,
    pub source_line: String,
    pub badges: Vec<super::Badge>,
}

fn link(p: &Phase) -> PhaseLink {
    PhaseLink {
        id: p.id.clone(),
        order: p.order,
        title: p.title.clone(),
        summary: p.summary.clone(),
        label: format!("{}. {}", p.order, p.title),
    }
}

fn topic_link(t: &Topic) -> TopicLink {
    TopicLink { id: t.id.clone(), title: t.title.clone(), summary: t.summary.clone() }
}

impl Views<'_> {
    pub fn zorgpad(&self, region_id: &str) -> Result<ZorgpadView, CoreError> {
        let region = self.store.region_heading(region_id)?;
        let phases = self.store.phases(region_id)?;
        let topics = self.store.topics(region_id)?;
        Ok(ZorgpadView {
            region_id: region.id.clone(),
            title: format!("Zorgpad palliatieve zorg · {}", region.name),
            intro: "De stappen van signaleren tot nazorg, met per stap wie wat doet.".into(),
            notice: phases.is_empty().then(|| {
                format!("Voor {} is nog geen regionaal zorgpad opgenomen. Het zorgpad van Noord-Holland Zuid laat zien hoe het werkt.", region.name)
            }),
            phases: phases.iter().map(link).collect(),
            topics: topics.iter().map(topic_link).collect(),
            topics_heading: "Onderwerpen".into(),
        })
    }

    /// One phase, with the actions for `role` and a switch to the other roles.
    pub fn phase(&self, region_id: &str, phase_id: &str, role: Role) -> Result<PhaseView, CoreError> {
        let phases = self.store.phases(region_id)?;
        let i =
            phases.iter().position(|p| p.id == phase_id).ok_or_else(|| CoreError::not_found("Deze fase", phase_id))?;
        let p = &phases[i];
        let all_hulpmiddelen = self.store.hulpmiddelen()?;
        let hulpmiddelen = p
            .hulpmiddelen
            .iter()
            .filter_map(|id| all_hulpmiddelen.iter().find(|h| &h.id == id))
            .map(|h| super::hulpmiddelen::row(h, &phases, region_id, self.today))
            .collect();
        let mut topics = Vec::new();
        for id in &p.topics {
            topics.push(topic_link(&self.store.topic(id)?));
        }
        Ok(PhaseView {
            region_id: region_id.to_string(),
            id: p.id.clone(),
            position: format!("Fase {} van {}", i + 1, phases.len()),
            title: p.title.clone(),
            summary: p.summary.clone(),
            roles: Role::iter()
                .map(|r| RoleOption { role: r, label: labels::role(r).into(), selected: r == role })
                .collect(),
            wie_heading: "Wie".into(),
            wie: p.wie.clone(),
            hoe_heading: "Hoe".into(),
            hoe: p.hoe.clone(),
            hulpmiddelen_heading: "Hulpmiddelen".into(),
            topics_heading: "Zie ook".into(),
            actions_heading: labels::actions_heading(role).into(),
            actions: p.actions.for_role(role).to_vec(),
            background: vec![
                Section { heading: "Wat".into(), text: p.wat.clone() },
                Section { heading: "Waarom".into(), text: p.waarom.clone() },
            ],
            body_html: p.body_html.clone(),
            body: super::blocks(&p.body_md),
            hulpmiddelen,
            topics,
            previous: i.checked_sub(1).map(|j| link(&phases[j])),
            next: phases.get(i + 1).map(link),
            source_line: format!("Bron: {} · eigenaar {}", labels::source(&p.source), p.upkeep.owner),
            badges: super::badges(false, p.upkeep.review_by, self.today),
        })
    }

    pub fn topic(&self, topic_id: &str) -> Result<TopicView, CoreError> {
        let t = self.store.topic(topic_id)?;
        let phases = self.store.phases(&t.region)?;
        Ok(TopicView {
            id: t.id.clone(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            checklist_heading: "Checklist".into(),
            checklist: t.checklist.clone(),
            body_html: t.body_html.clone(),
            body: super::blocks(&t.body_md),
            phases_heading: "Hoort bij".into(),
            phases: phases.iter().filter(|p| t.phases.contains(&p.id)).map(link).collect(),
            source_line: format!("Bron: {} · eigenaar {}", labels::source(&t.source), t.upkeep.owner),
            badges: super::badges(false, t.upkeep.review_by, self.today),
        })
    }
}
