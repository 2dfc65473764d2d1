//! "Wie bel ik nu?": a region's contacts ordered for this moment. Open now first, then those
//! that open soonest ("opent om 08:00"); in the evening, at night, at weekends and on public
//! holidays the huisartsenpost and the 24/7 lines come first.

use super::contacts::contact_row;
use super::{labels, ContactRow, Views};
use crate::error::CoreError;
use crate::hours::{self, Reach};
use crate::model::{Contact, ContactKind};
use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum NowStatus {
    Open,
    OpensLater,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NowRow {
    pub contact: ContactRow,
    pub status: NowStatus,
    /// "Nu bereikbaar, tot 17:00", "Opent morgen om 08:00", "Bereikbaarheid onbekend".
    pub status_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NowView {
    pub region_id: String,
    pub region_name: String,
    pub title: String,
    /// "maandag 23 november 2026, 23:00".
    pub moment: String,
    /// Office hours, or evening/night/weekend/holiday with what that means for the order.
    pub period: String,
    pub out_of_hours: bool,
    /// Everyone with a number to call, in the order for this moment.
    pub rows: Vec<NowRow>,
    /// "Zonder telefoonnummer": contacts reached by website or e-mail only, folded below.
    pub other_heading: String,
    pub other_rows: Vec<NowRow>,
    /// "Volgorde berekend op maandag 23 november 2026 om 23:00": a saved copy says when.
    pub computed_line: String,
}

const DAYS: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];

fn day_name(w: Weekday) -> &'static str {
    DAYS[w.num_days_from_monday() as usize]
}

/// Evening, night, weekend or public holiday (ANW): outside Mo-Fr 08:00-17:00 on working days.
pub fn is_out_of_hours(at: DateTime<Tz>) -> bool {
    let weekend = matches!(at.weekday(), Weekday::Sat | Weekday::Sun);
    weekend || hours::is_public_holiday(at.date_naive()) || !(8..17).contains(&at.hour())
}

fn when(t: DateTime<Tz>, now: DateTime<Tz>) -> String {
    let days = (t.date_naive() - now.date_naive()).num_days();
    let clock = t.format("%H:%M");
    match days {
        0 => format!("om {clock}"),
        1 => format!("morgen om {clock}"),
        2..=6 => format!("{} om {clock}", day_name(t.weekday())),
        _ => format!("op {} om {clock}", labels::date(t.date_naive())),
    }
}

impl Views<'_> {
    /// The region's contacts as they can be reached at `at`.
    pub fn now(&self, region_id: &str, at: DateTime<Utc>) -> Result<NowView, CoreError> {
        let region = self.store.region(region_id)?;
        let now = at.with_timezone(&chrono_tz::Europe::Amsterdam);
        let anw = is_out_of_hours(now);
        let contacts: Vec<Contact> = self
            .store
            .contacts_for_region(region_id)?
            .into_iter()
            // Meetings, the network and roles in the patient's own team have no line to call
            // now: they belong in the beslisboom and the zorgpad.
            .filter(|c| {
                !matches!(c.kind, ContactKind::Overleg | ContactKind::Netwerk | ContactKind::EigenZorgverleners)
            })
            .collect();
        // Sort key: class, then (at night) the huisartsenpost before other 24/7 lines, then the
        // soonest opening, then the decided order of kinds.
        let mut rows: Vec<(u8, bool, i64, ContactKind, NowRow)> = contacts
            .iter()
            .map(|c| {
                let reach = hours::reach(c.opening_hours.as_deref(), now);
                let always = c.opening_hours.as_deref().map(str::trim) == Some("24/7");
                let (status, label, opens_at) = match &reach {
                    Reach::Open { until: Some(u) } if !always => {
                        (NowStatus::Open, format!("Nu bereikbaar, tot {}", when(*u, now).trim_start_matches("om ")), 0)
                    }
                    Reach::Open { .. } => (NowStatus::Open, "Nu bereikbaar (dag en nacht)".to_string(), 0),
                    Reach::Closed { opens: Some(o) } => {
                        (NowStatus::OpensLater, format!("Nu gesloten, opent {}", when(*o, now)), o.timestamp())
                    }
                    Reach::Closed { opens: None } => (NowStatus::OpensLater, "Nu gesloten".to_string(), i64::MAX),
                    Reach::Unknown => {
                        (NowStatus::Unknown, "Bereikbaarheid onbekend: geen openingstijden bekend".to_string(), 0)
                    }
                };
                let first_at_night = anw && (c.kind == ContactKind::Huisartsenpost || always);
                let class = match (first_at_night, status) {
                    (true, NowStatus::Open) => 0,
                    (true, _) => 1,
                    (false, NowStatus::Open) => 2,
                    (false, NowStatus::OpensLater) => 3,
                    (false, NowStatus::Unknown) => 4,
                };
                let post_later = !(anw && c.kind == ContactKind::Huisartsenpost);
                (
                    class,
                    post_later,
                    opens_at,
                    c.kind,
                    NowRow { contact: contact_row(c, self.today), status, status_label: label },
                )
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.0, a.1, a.2, a.3, a.4.contact.voorbeeld, a.4.contact.name.to_lowercase()).cmp(&(
                b.0,
                b.1,
                b.2,
                b.3,
                b.4.contact.voorbeeld,
                b.4.contact.name.to_lowercase(),
            ))
        });
        let holiday = hours::is_public_holiday(now.date_naive());
        let period = match (anw, holiday) {
            (_, true) => "Feestdag: de huisartsenpost en de lijnen die dag en nacht bereikbaar zijn staan bovenaan.",
            (true, false) => "Avond, nacht of weekend: de huisartsenpost en de lijnen die dag en nacht bereikbaar zijn staan bovenaan.",
            (false, false) => "Kantooruren: wie nu bereikbaar is staat bovenaan.",
        };
        let (rows, other_rows): (Vec<NowRow>, Vec<NowRow>) =
            rows.into_iter().map(|r| r.4).partition(|r| r.contact.phone.is_some());
        let moment = format!("{} {}, {}", day_name(now.weekday()), labels::date(now.date_naive()), now.format("%H:%M"));
        Ok(NowView {
            region_id: region.id.clone(),
            region_name: region.name.clone(),
            title: format!("Wie bel ik nu? · {}", region.name),
            computed_line: format!(
                "Volgorde berekend voor {} {} om {}.",
                day_name(now.weekday()),
                labels::date(now.date_naive()),
                now.format("%H:%M")
            ),
            moment,
            period: period.to_string(),
            out_of_hours: anw,
            rows,
            other_heading: "Zonder telefoonnummer: via website of e-mail".into(),
            other_rows,
        })
    }
}
