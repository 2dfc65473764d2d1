//! "Hospice met plek": the region's hospices, bijna-thuis-huizen and palliative units from
//! the content (name, number, source, VOORBEELD), joined with the availability their
//! coordinators report (status, free beds, age). Free beds first; every row has a way to
//! call: its own sourced number, or else the consultation line, said as such.

use super::contacts::{facility_row, FacilityRow};
use super::{ActionKind, Badge, ContactAction, Views};
use super::{AvailabilityRow, AvailabilityView};
use crate::availability::{Feed, Status};
use crate::error::CoreError;
use chrono::{DateTime, Utc};

/// The availability a view is built with: a feed and when and how it was obtained.
pub struct Live<'a> {
    pub feed: &'a Feed,
    pub fetched_at: DateTime<Utc>,
    /// The stored copy, because the network failed.
    pub offline: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HospiceRow {
    pub id: String,
    pub name: String,
    /// "Hospice in Haarlem".
    pub kind_place: String,
    /// "6 plaatsen", or "Aantal plaatsen onbekend".
    pub capacity: String,
    pub status: Option<Status>,
    /// "Plek vrij", "Niet doorgegeven", "Onbekend: geen verbinding".
    pub status_label: String,
    /// "2 van 6 bedden vrij".
    pub beds_label: String,
    /// "3 uur geleden bijgewerkt"; `None` when there is no figure.
    pub age_label: Option<String>,
    pub outdated: bool,
    pub outdated_label: Option<String>,
    /// "Notitie van de coördinator: ...".
    pub note_line: Option<String>,
    /// Call (own number, or the consultation line), mail, website.
    pub actions: Vec<ContactAction>,
    /// Said when the call action is not the facility's own number.
    pub route_line: Option<String>,
    pub source_line: String,
    pub voorbeeld: bool,
    pub badges: Vec<Badge>,
    /// Has at least one free bed by a figure younger than a day.
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HospicesView {
    pub region_id: String,
    pub region_name: String,
    pub title: String,
    /// "Stand van 23 november 2026 om 14:02." or what is known offline; empty (not drawn)
    /// when the region has no place to show, where `empty_message` says what to do.
    pub freshness: String,
    pub offline: bool,
    /// What the figures are; empty (not drawn) when the region has no place to show.
    pub intro: String,
    pub rows: Vec<HospiceRow>,
    pub empty_message: Option<String>,
    /// With `empty_message`: the consultation line to call, so the message is no dead end.
    pub empty_actions: Vec<ContactAction>,
    /// For the website: where coordinators report.
    pub coordinator_line: String,
}

/// What the figures on the hospice page are.
const INTRO: &str =
    "Coördinatoren geven zelf door of er plek is; elke regel zegt hoe oud het cijfer is. Bel bij twijfel.";

fn join(f: FacilityRow, live: Option<&AvailabilityRow>, unknown: &str, fallback: Option<&ContactAction>) -> HospiceRow {
    let has = |kind: ActionKind| f.actions.iter().any(|a| a.kind == kind);
    let mut actions = f.actions.clone();
    // Never a route the card does not offer: the website or e-mail only when it is there.
    let other_way = if has(ActionKind::Website) {
        Some(format!("via de website van {}", f.name))
    } else if has(ActionKind::Email) {
        Some(format!("per e-mail bij {}", f.name))
    } else {
        None
    };
    let route_line = match (has(ActionKind::Call), fallback, other_way) {
        (true, _, _) => None,
        (false, Some(call), Some(way)) => {
            actions.insert(0, call.clone());
            Some(format!(
                "Geen eigen nummer met bron bekend. Vraag naar opname {way} of bel de consultatie palliatieve zorg; die kent de plekken in de regio."
            ))
        }
        (false, Some(call), None) => {
            actions.insert(0, call.clone());
            Some(
                "Geen eigen nummer of website met bron bekend. Bel de consultatie palliatieve zorg; die kent de plekken in de regio."
                    .into(),
            )
        }
        (false, None, Some(way)) => Some(format!("Geen nummer met bron bekend: vraag naar opname {way}.")),
        (false, None, None) => Some("Geen nummer of website met bron bekend.".into()),
    };
    let (status, status_label, beds_label, age_label, outdated, outdated_label, note_line) = match live {
        Some(a) => (
            a.status,
            a.status_label.clone(),
            a.beds_label.clone(),
            a.status.is_some().then(|| a.age_label.clone()),
            a.outdated,
            a.outdated_label.clone(),
            a.note.as_ref().map(|n| format!("Notitie van de coördinator: {n}")),
        ),
        None => (None, unknown.to_string(), "Bezetting onbekend".to_string(), None, true, None, None),
    };
    let available = !outdated && live.and_then(|a| a.free_beds).unwrap_or(0) > 0;
    HospiceRow {
        kind_place: format!("{} in {}", f.kind_label, f.place),
        id: f.id,
        name: f.name,
        capacity: f.capacity,
        status,
        status_label,
        beds_label,
        age_label,
        outdated,
        outdated_label,
        note_line,
        actions,
        route_line,
        source_line: f.source_line,
        voorbeeld: f.voorbeeld,
        badges: f.badges,
        available,
    }
}

impl Views<'_> {
    /// The region's places with their availability as of `now`; `live` `None` when no feed
    /// could be fetched and none was stored.
    pub fn hospices(
        &self,
        region_id: &str,
        live: Option<Live<'_>>,
        now: DateTime<Utc>,
    ) -> Result<HospicesView, CoreError> {
        let region = self.store.region_heading(region_id)?;
        let fallback = self.consultation_line()?.and_then(|c| {
            c.actions
                .into_iter()
                .find(|a| a.kind == ActionKind::Call)
                .map(|a| ContactAction { label: format!("{} (consultatie palliatieve zorg)", a.label), ..a })
        });
        let facilities: Vec<FacilityRow> =
            self.store.facilities_for_region(region_id)?.iter().map(|f| facility_row(f, self.today)).collect();
        let availability =
            live.as_ref().map(|l| AvailabilityView::build(l.feed, Some(region_id), now, l.fetched_at, l.offline));
        // Not in the feed at all: never reported; no feed: unknown for want of a connection.
        let unknown = match &availability {
            Some(_) => "Niet doorgegeven",
            None => "Beschikbaarheid onbekend: geen verbinding",
        };
        let mut rows: Vec<HospiceRow> = Vec::new();
        // In the feed's order (free beds first), then whatever the feed does not list.
        if let Some(a) = &availability {
            for live_row in &a.rows {
                if let Some(f) = facilities.iter().find(|f| f.id == live_row.id) {
                    rows.push(join(f.clone(), Some(live_row), unknown, fallback.as_ref()));
                }
            }
        }
        let mut rest: Vec<&FacilityRow> = facilities.iter().filter(|f| !rows.iter().any(|r| r.id == f.id)).collect();
        rest.sort_by(|a, b| (a.voorbeeld, &a.place, &a.name).cmp(&(b.voorbeeld, &b.place, &b.name)));
        rows.extend(rest.into_iter().map(|f| join(f.clone(), None, unknown, fallback.as_ref())));
        let offline = availability.as_ref().is_none_or(|a| a.offline);
        // With no place to show, nothing about figures, their age or a connection.
        let (freshness, intro) = match (&availability, rows.is_empty()) {
            (_, true) => (String::new(), String::new()),
            (Some(a), false) => (a.freshness.clone(), INTRO.to_string()),
            (None, false) => (
                "Geen actuele plekken: er is nog geen overzicht opgehaald (geen verbinding). Bel om te vragen of er plek is."
                    .to_string(),
                INTRO.to_string(),
            ),
        };
        let empty_actions = if rows.is_empty() { fallback.into_iter().collect() } else { Vec::new() };
        Ok(HospicesView {
            title: format!("Hospice met plek · {}", region.name),
            intro,
            empty_message: rows.is_empty().then(|| {
                format!(
                    "Voor {} zijn nog geen hospices of palliatieve units met een bron opgenomen. Bel de consultatie palliatieve zorg; die kent de plekken in de regio.",
                    region.name
                )
            }),
            empty_actions,
            coordinator_line: "Coördinator van een hospice? Geef hier uw plekken door.".into(),
            region_id: region.id,
            region_name: region.name,
            freshness,
            offline,
            rows,
        })
    }
}
