//! "Wie bel ik?": a region's contacts grouped by what they are for, each with the actions
//! a phone can take, its source and verification date, and marks that must not be missed.
//! Also the region's hospices and similar places.

use super::{badges, labels, Badge, Views};
use crate::error::CoreError;
use crate::model::{Contact, ContactKind, Facility, Phone, Provenance};
use chrono::NaiveDate;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ActionKind {
    Call,
    Email,
    Website,
}

/// Something a shell performs: dial, write, open. `uri` is ready to hand to the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ContactAction {
    pub kind: ActionKind,
    pub label: String,
    pub uri: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ContactRow {
    pub id: String,
    pub name: String,
    pub call_for: String,
    /// "088 605 1444", when a sourced (or VOORBEELD) number exists.
    pub phone: Option<String>,
    pub opening_hours: Option<String>,
    /// "Bereikbaar: maandag tot en met vrijdag 08:00-17:00", ready to show.
    pub hours_line: Option<String>,
    pub actions: Vec<ContactAction>,
    /// "Bron: palliaweb.nl/... · gecontroleerd op 23 november 2026", or for facts seen only in
    /// a stored copy of the page "... · nagekeken in een opgeslagen kopie op ...".
    pub source_line: String,
    pub voorbeeld: bool,
    pub overdue: bool,
    pub badges: Vec<Badge>,
    /// Said when there is no number to call.
    pub note: Option<String>,
    pub national: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ContactGroup {
    pub kind: crate::model::ContactKind,
    pub title: String,
    pub rows: Vec<ContactRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WieBelIkView {
    pub region_id: String,
    pub region_name: String,
    pub title: String,
    pub intro: String,
    pub notice: Option<String>,
    pub groups: Vec<ContactGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FacilityRow {
    pub id: String,
    pub name: String,
    pub kind_label: String,
    pub place: String,
    /// "6 plaatsen", or "Aantal plaatsen onbekend".
    pub capacity: String,
    pub actions: Vec<ContactAction>,
    pub source_line: String,
    pub voorbeeld: bool,
    pub overdue: bool,
    pub badges: Vec<Badge>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FacilitiesView {
    pub region_id: String,
    pub region_name: String,
    pub title: String,
    pub intro: String,
    pub rows: Vec<FacilityRow>,
    pub empty_message: Option<String>,
}

fn source_line(p: &Provenance) -> String {
    if p.voorbeeld {
        return "VOORBEELD: verzonnen gegevens om de app te laten zien. Niet gebruiken.".into();
    }
    match (&p.checked_by, p.verified_on) {
        // Checked in the redactie: at the live source, whatever the source first was.
        (Some(by), Some(on)) => {
            labels::checked_line(&p.source, p.source_name.as_deref(), on, by, p.checked_how.map(|h| h.label()))
        }
        _ => labels::source_line(&p.source, p.source_name.as_deref(), p.verified_on, p.checked_in_copy),
    }
}

fn actions(
    phone: Option<&Phone>,
    email: Option<&str>,
    website: Option<&str>,
    voorbeeld: bool,
) -> (Option<String>, Vec<ContactAction>) {
    let mut out = Vec::new();
    let mut shown = None;
    if let Some(number) = phone {
        let display = &number.display;
        let label = if voorbeeld { format!("Bel {display} (VOORBEELD)") } else { format!("Bel {display}") };
        out.push(ContactAction { kind: ActionKind::Call, label, uri: number.tel_uri.clone() });
        shown = Some(display.clone());
    }
    if let Some(mail) = email {
        out.push(ContactAction {
            kind: ActionKind::Email,
            label: format!("Mail {mail}"),
            uri: format!("mailto:{mail}"),
        });
    }
    if let Some(url) = website {
        out.push(ContactAction { kind: ActionKind::Website, label: "Website".into(), uri: url.to_string() });
    }
    (shown, out)
}

pub(crate) fn contact_row(c: &Contact, today: NaiveDate) -> ContactRow {
    let p = &c.provenance;
    let (phone, actions) = actions(c.phone.as_ref(), c.email.as_deref(), c.website.as_deref(), p.voorbeeld);
    // Only the ways the card offers.
    let note = match (&phone, c.website.is_some(), c.email.is_some()) {
        (Some(_), _, _) | (None, false, false) => None,
        (None, true, true) => Some("Geen telefoonnummer met bron bekend: gebruik de website of e-mail.".into()),
        (None, true, false) => Some("Geen telefoonnummer met bron bekend: gebruik de website.".into()),
        (None, false, true) => Some("Geen telefoonnummer met bron bekend: stuur een e-mail.".into()),
    };
    let badges = badges(p.voorbeeld, p.upkeep.review_by, today);
    let hours = c.opening_hours.as_deref().map(crate::hours::dutch);
    ContactRow {
        id: c.id.clone(),
        name: c.name.clone(),
        call_for: c.call_for.clone(),
        phone,
        hours_line: hours.as_deref().map(|h| {
            if h.starts_with("Dag en nacht") {
                h.to_string()
            } else {
                format!("Bereikbaar: {h}")
            }
        }),
        opening_hours: hours,
        actions,
        source_line: source_line(p),
        voorbeeld: p.voorbeeld,
        overdue: p.upkeep.review_by < today,
        badges,
        note,
        national: c.region.is_none(),
    }
}

pub(crate) fn facility_row(f: &Facility, today: NaiveDate) -> FacilityRow {
    let p = &f.provenance;
    let (_, actions) = actions(f.phone.as_ref(), f.email.as_deref(), f.website.as_deref(), p.voorbeeld);
    FacilityRow {
        id: f.id.clone(),
        name: f.name.clone(),
        kind_label: f.kind.label().into(),
        place: f.place.clone(),
        capacity: match f.capacity {
            Some(1) => "1 plaats".into(),
            Some(n) => format!("{n} plaatsen"),
            None => "Aantal plaatsen onbekend".into(),
        },
        actions,
        source_line: source_line(p),
        voorbeeld: p.voorbeeld,
        overdue: p.upkeep.review_by < today,
        badges: badges(p.voorbeeld, p.upkeep.review_by, today),
    }
}

/// Real before demo, then by name.
fn row_order(a: &ContactRow, b: &ContactRow) -> std::cmp::Ordering {
    (a.voorbeeld, a.phone.is_none(), a.name.to_lowercase()).cmp(&(
        b.voorbeeld,
        b.phone.is_none(),
        b.name.to_lowercase(),
    ))
}

impl Views<'_> {
    /// One contact as a row, for its own shareable page.
    pub fn contact(&self, id: &str) -> Result<ContactRow, CoreError> {
        Ok(contact_row(&self.store.contact(id)?, self.today))
    }

    /// The national consultation line for palliative care (day and night), the number to
    /// offer wherever no better one is known. `None` only if the content lacks it.
    pub fn consultation_line(&self) -> Result<Option<ContactRow>, CoreError> {
        Ok(self
            .store
            .contacts_national()?
            .iter()
            .filter(|c| c.kind == ContactKind::Consultatie && c.phone.is_some() && !c.provenance.voorbeeld)
            .min_by_key(|c| c.id.clone())
            .map(|c| contact_row(c, self.today)))
    }

    pub fn wie_bel_ik(&self, region_id: &str) -> Result<WieBelIkView, CoreError> {
        let region = self.store.region_heading(region_id)?;
        let mut groups: BTreeMap<ContactKind, Vec<ContactRow>> = BTreeMap::new();
        for c in self.store.contacts_for_region(region_id)? {
            groups.entry(c.kind).or_default().push(contact_row(&c, self.today));
        }
        let groups = groups
            .into_iter()
            .map(|(kind, mut rows)| {
                rows.sort_by(row_order);
                ContactGroup { kind, title: kind.label().into(), rows }
            })
            .collect();
        Ok(WieBelIkView {
            region_id: region.id.clone(),
            region_name: region.name.clone(),
            title: format!("Wie bel ik? · {}", region.name),
            intro:
                "Bij twijfel over een palliatieve patiënt: de consultatie palliatieve zorg is dag en nacht bereikbaar."
                    .into(),
            notice: (!region.complete).then(|| {
                format!(
                    "Voor {} is nog niet alle regionale informatie opgenomen. De landelijke nummers gelden wel.",
                    region.name
                )
            }),
            groups,
        })
    }

    pub fn facilities(&self, region_id: &str) -> Result<FacilitiesView, CoreError> {
        let region = self.store.region_heading(region_id)?;
        let mut rows: Vec<FacilityRow> =
            self.store.facilities_for_region(region_id)?.iter().map(|f| facility_row(f, self.today)).collect();
        rows.sort_by(|a, b| (a.voorbeeld, &a.place, &a.name).cmp(&(b.voorbeeld, &b.place, &b.name)));
        Ok(FacilitiesView {
            region_id: region.id.clone(),
            region_name: region.name.clone(),
            title: format!("Hospices en palliatieve units · {}", region.name),
            intro: "Capaciteit volgens de bron. Bel of kijk op de website of er nu plek is.".into(),
            empty_message: rows
                .is_empty()
                .then(|| format!("Voor {} zijn nog geen voorzieningen opgenomen.", region.name)),
            rows,
        })
    }
}
