//! Hulpmiddelen (tools, guidelines, leaflets), filtered by zorgpad phase and audience and
//! grouped by phase in zorgpad order.

use super::{labels, Views};
use crate::error::CoreError;
use crate::model::{Audience, Hulpmiddel, Phase};
use strum::IntoEnumIterator;

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HulpmiddelRow {
    pub id: String,
    pub title: String,
    pub description: String,
    pub url: Option<String>,
    /// An in-app topic to open instead of (or next to) the web page.
    pub topic_id: Option<String>,
    /// Where a tap leads: the web page, else the in-app topic; `None` when neither exists.
    pub destination: Option<super::Destination>,
    pub audience: Vec<String>,
    /// "Voor: Huisarts, Verpleegkundige".
    pub audience_line: String,
    pub phases: Vec<String>,
    /// Past its review date: the link or description may be outdated.
    pub badges: Vec<super::Badge>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HulpmiddelGroup {
    pub title: String,
    pub items: Vec<HulpmiddelRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FilterOption {
    /// The value to pass back; empty means "all".
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A wider choice of filters offered when the chosen ones leave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FilterWidening {
    /// "Alle fasen voor Patiënt en naasten (6)".
    pub label: String,
    /// The filter values to choose instead, as in [`FilterOption::value`] (empty: all).
    pub phase: String,
    pub audience: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HulpmiddelenView {
    pub title: String,
    pub phase_filter: Vec<FilterOption>,
    pub audience_filter: Vec<FilterOption>,
    pub groups: Vec<HulpmiddelGroup>,
    /// "6 hulpmiddelen", or what the filters left out: "Geen hulpmiddelen voor … in de fase …".
    pub count_line: String,
    /// When the filters leave nothing: each filter dropped in turn, with what it would show.
    pub widen: Vec<FilterWidening>,
}

/// Where a hulpmiddel leads: its web page, else its in-app topic (opened in `region_id`);
/// `None` when it has neither (the lint refuses that).
pub(crate) fn destination(url: Option<&str>, topic: Option<&str>, region_id: &str) -> Option<super::Destination> {
    match (url, topic) {
        (Some(url), _) => Some(super::Destination::Web { url: url.to_string() }),
        (None, Some(t)) => {
            Some(super::Destination::Topic { region_id: region_id.to_string(), topic_id: t.to_string() })
        }
        (None, None) => None,
    }
}

/// Whether the filters keep `h`: in `phase` (any when `None`) and for `audience` (anyone).
fn shown(h: &Hulpmiddel, phase: Option<&str>, audience: Option<Audience>) -> bool {
    phase.is_none_or(|p| h.phases.iter().any(|x| x == p)) && audience.is_none_or(|a| h.audience.contains(&a))
}

/// `region_id`: the region whose zorgpad the row is shown in (a topic opens there).
pub(crate) fn row(h: &Hulpmiddel, phases: &[Phase], region_id: &str, today: chrono::NaiveDate) -> HulpmiddelRow {
    HulpmiddelRow {
        destination: destination(h.url.as_deref(), h.topic.as_deref(), region_id),
        id: h.id.clone(),
        title: h.title.clone(),
        description: h.description.clone(),
        url: h.url.clone(),
        topic_id: h.topic.clone(),
        audience: labels::audiences(&h.audience),
        audience_line: format!("Voor: {}", labels::audiences(&h.audience).join(", ")),
        phases: phases.iter().filter(|p| h.phases.contains(&p.id)).map(|p| p.title.clone()).collect(),
        badges: super::badges(false, h.upkeep.review_by, today),
    }
}

impl Views<'_> {
    /// `phase` and `audience` narrow the list; `None` shows all. Phases come from `region`'s zorgpad.
    pub fn hulpmiddelen(
        &self,
        region_id: &str,
        phase: Option<&str>,
        audience: Option<Audience>,
    ) -> Result<HulpmiddelenView, CoreError> {
        let phases = self.store.phases(region_id)?;
        if let Some(p) = phase {
            if !phases.iter().any(|x| x.id == p) {
                return Err(CoreError::not_found("Deze fase", p));
            }
        }
        let all = self.store.hulpmiddelen()?;
        let chosen: Vec<&Hulpmiddel> = all.iter().filter(|h| shown(h, phase, audience)).collect();
        let mut groups = Vec::new();
        for p in &phases {
            if phase.is_some_and(|x| x != p.id) {
                continue;
            }
            let items: Vec<HulpmiddelRow> = chosen
                .iter()
                .filter(|h| h.phases.contains(&p.id))
                .map(|h| row(h, &phases, region_id, self.today))
                .collect();
            if !items.is_empty() {
                groups.push(HulpmiddelGroup { title: format!("{}. {}", p.order, p.title), items });
            }
        }
        if phase.is_none() {
            let other: Vec<HulpmiddelRow> = chosen
                .iter()
                .filter(|h| !h.phases.iter().any(|id| phases.iter().any(|p| &p.id == id)))
                .map(|h| row(h, &phases, region_id, self.today))
                .collect();
            if !other.is_empty() {
                groups.push(HulpmiddelGroup { title: "Algemeen".into(), items: other });
            }
        }
        let mut phase_filter =
            vec![FilterOption { value: String::new(), label: "Alle fasen".into(), selected: phase.is_none() }];
        phase_filter.extend(phases.iter().map(|p| FilterOption {
            value: p.id.clone(),
            label: p.title.clone(),
            selected: phase == Some(p.id.as_str()),
        }));
        let mut audience_filter =
            vec![FilterOption { value: String::new(), label: "Iedereen".into(), selected: audience.is_none() }];
        audience_filter.extend(Audience::iter().map(|a| FilterOption {
            value: a.slug().into(),
            label: labels::audience(a).into(),
            selected: audience == Some(a),
        }));
        let n = chosen.len();
        let phase_title = phase.and_then(|p| phases.iter().find(|x| x.id == p)).map(|p| p.title.as_str());
        let for_whom = audience.map(|a| format!(" voor {}", labels::audience(a))).unwrap_or_default();
        let in_phase = phase_title.map(|t| format!(" in de fase {t}")).unwrap_or_default();
        let count_line = match n {
            0 => format!("Geen hulpmiddelen{for_whom}{in_phase}."),
            n => labels::count(n as u64, "hulpmiddel", "hulpmiddelen"),
        };
        // Nothing left: offer each filter dropped in turn, never a dead end.
        let mut widen = Vec::new();
        if n == 0 {
            let count = |p: Option<&str>, a: Option<Audience>| all.iter().filter(|h| shown(h, p, a)).count();
            let slug = |a: Option<Audience>| a.map(|a| a.slug().to_string()).unwrap_or_default();
            if phase.is_some() {
                let (wider, label) = match audience {
                    Some(_) => (count(None, audience), format!("Alle fasen{for_whom}")),
                    None => (count(None, None), "Alle hulpmiddelen".to_string()),
                };
                if wider > 0 {
                    let label = format!("{label} ({wider})");
                    widen.push(FilterWidening { label, phase: String::new(), audience: slug(audience) });
                }
            }
            if audience.is_some() {
                let wider = count(phase, None);
                let label = match phase_title {
                    Some(t) => format!("Iedereen in de fase {t} ({wider})"),
                    None => format!("Alle hulpmiddelen ({wider})"),
                };
                if wider > 0 {
                    let phase = phase.unwrap_or_default().to_string();
                    widen.push(FilterWidening { label, phase, audience: String::new() });
                }
            }
        }
        Ok(HulpmiddelenView { title: "Hulpmiddelen".into(), phase_filter, audience_filter, groups, count_line, widen })
    }
}
