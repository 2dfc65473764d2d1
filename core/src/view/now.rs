//! "Wie bel ik nu?": a region's contacts ordered for this moment. Open now first, then those
//! that open soonest ("opent om 08:00"); in the evening, at night, at weekends and on public
//! holidays the huisartsenpost and the 24/7 lines come first.

use super::contacts::contact_row;
use super::{labels, ActionKind, ContactRow, Views};
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
    /// "maandag 23 november 2026, 23:00", for a printout's heading; screens show `computed_line`.
    pub moment: String,
    /// Office hours, or evening/night/weekend/holiday with what that means for the order.
    pub period: String,
    pub out_of_hours: bool,
    /// Everyone with a number to call, in the order for this moment. In the evening, at night,
    /// at weekends and on holidays also the region's huisartsenpost when it is open and its
    /// number is not known: it is who is on duty, and its card says where the number is.
    pub rows: Vec<NowRow>,
    /// "Zonder telefoonnummer …": the other contacts without a number, folded below; the
    /// heading names website or e-mail only when every one of them has one.
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

/// The day of `t` as said from `now`: nothing for today, "morgen", a weekday this week, or a date.
fn day_of(t: DateTime<Tz>, now: DateTime<Tz>) -> Option<String> {
    match (t.date_naive() - now.date_naive()).num_days() {
        0 => None,
        1 => Some("morgen".into()),
        2..=6 => Some(day_name(t.weekday()).into()),
        _ => Some(format!("op {}", labels::date(t.date_naive()))),
    }
}

/// "tot 17:00", "tot morgen om 08:00".
fn until(t: DateTime<Tz>, now: DateTime<Tz>) -> String {
    match day_of(t, now) {
        None => format!("tot {}", t.format("%H:%M")),
        Some(day) => format!("tot {day} om {}", t.format("%H:%M")),
    }
}

/// "opent om 17:00", "opent maandag om 08:00".
fn opens(t: DateTime<Tz>, now: DateTime<Tz>) -> String {
    match day_of(t, now) {
        None => format!("opent om {}", t.format("%H:%M")),
        Some(day) => format!("opent {day} om {}", t.format("%H:%M")),
    }
}

/// How urgently a row is offered, compared field by field: lower comes first.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Urgency {
    /// Which band the row falls in (see [`Band`]).
    band: Band,
    /// At night the huisartsenpost comes before the other lines that are always open.
    not_the_post_at_night: bool,
    /// When it opens (seconds since 1970); 0 when open or unknown, last when never.
    opens_at: i64,
    /// Then the decided order of kinds, real before demo data, and the name.
    kind: ContactKind,
    voorbeeld: bool,
    name: String,
}

impl Urgency {
    /// The huisartsenpost, open now in the evening, at night, at a weekend or on a holiday.
    fn is_post_on_duty(&self) -> bool {
        !self.not_the_post_at_night && self.band == Band::FirstAtNightOpen
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Band {
    /// Evening, night, weekend or holiday: the huisartsenpost and 24/7 lines, open now.
    FirstAtNightOpen,
    /// The same, not open now (closed for a holiday, say).
    FirstAtNightLater,
    Open,
    OpensLater,
    Unknown,
}

/// Reachability at `now` as a status and its words, and when a closed line opens. `open` is
/// what an open line is: "Nu bereikbaar", or "Nu open" for a service whose number is unknown.
fn reachability(opening_hours: Option<&str>, now: DateTime<Tz>, open: &str) -> (NowStatus, String, i64) {
    match hours::reach(opening_hours, now) {
        Reach::Open { .. } if hours::always_open(opening_hours) => {
            (NowStatus::Open, format!("{open} (dag en nacht)"), 0)
        }
        Reach::Open { until: Some(u) } => (NowStatus::Open, format!("{open}, {}", until(u, now)), 0),
        Reach::Open { until: None } => (NowStatus::Open, format!("{open} (dag en nacht)"), 0),
        Reach::Closed { opens: Some(o) } => {
            (NowStatus::OpensLater, format!("Nu gesloten, {}", opens(o, now)), o.timestamp())
        }
        Reach::Closed { opens: None } => (NowStatus::OpensLater, "Nu gesloten".to_string(), i64::MAX),
        Reach::Unknown => (NowStatus::Unknown, "Bereikbaarheid onbekend: geen openingstijden bekend".to_string(), 0),
    }
}

impl Views<'_> {
    /// The region's contacts as they can be reached at `at`.
    pub fn now(&self, region_id: &str, at: DateTime<Utc>) -> Result<NowView, CoreError> {
        let region = self.store.region_heading(region_id)?;
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
        let mut rows: Vec<(Urgency, NowRow)> = contacts
            .iter()
            .map(|c| {
                let post = c.kind == ContactKind::Huisartsenpost;
                // A post whose number is unknown is open, not reachable.
                let unknown_post = post && c.phone.is_none();
                let open = if unknown_post { "Nu open" } else { "Nu bereikbaar" };
                let (status, mut label, opens_at) = reachability(c.opening_hours.as_deref(), now, open);
                let first_at_night = anw && (post || hours::always_open(c.opening_hours.as_deref()));
                let band = match (first_at_night, status) {
                    (true, NowStatus::Open) => Band::FirstAtNightOpen,
                    (true, _) => Band::FirstAtNightLater,
                    (false, NowStatus::Open) => Band::Open,
                    (false, NowStatus::OpensLater) => Band::OpensLater,
                    (false, NowStatus::Unknown) => Band::Unknown,
                };
                let contact = contact_row(c, self.today);
                let urgency = Urgency {
                    band,
                    not_the_post_at_night: !(anw && post),
                    opens_at,
                    kind: c.kind,
                    voorbeeld: contact.voorbeeld,
                    name: contact.name.to_lowercase(),
                };
                if unknown_post && urgency.is_post_on_duty() {
                    // The post on duty without a known number: said at once, not found out by
                    // looking for a call button.
                    label.push_str("; nummer niet bekend in Palliwijzer");
                }
                (urgency, NowRow { contact, status, status_label: label })
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let holiday = hours::is_public_holiday(now.date_naive());
        let has_post = contacts.iter().any(|c| c.kind == ContactKind::Huisartsenpost);
        let period = match (anw, holiday, has_post) {
            (false, false, _) => "Kantooruren: wie nu bereikbaar is staat bovenaan.",
            (_, true, true) => "Feestdag: de huisartsenpost en de lijnen die dag en nacht bereikbaar zijn staan bovenaan.",
            (_, true, false) => "Feestdag: de lijnen die dag en nacht bereikbaar zijn staan bovenaan. De huisartsenpost van deze regio staat nog niet in Palliwijzer.",
            (true, false, true) => "Avond, nacht of weekend: de huisartsenpost en de lijnen die dag en nacht bereikbaar zijn staan bovenaan.",
            (true, false, false) => "Avond, nacht of weekend: de lijnen die dag en nacht bereikbaar zijn staan bovenaan. De huisartsenpost van deze regio staat nog niet in Palliwijzer.",
        };
        let (mut callable, mut other_rows) = (Vec::new(), Vec::new());
        for (urgency, row) in rows {
            if row.contact.phone.is_some() || urgency.is_post_on_duty() {
                callable.push(row);
            } else {
                other_rows.push(row);
            }
        }
        let other_heading = if other_rows
            .iter()
            .all(|r| r.contact.actions.iter().any(|a| matches!(a.kind, ActionKind::Website | ActionKind::Email)))
        {
            "Zonder telefoonnummer: via website of e-mail"
        } else {
            "Zonder bekend telefoonnummer: op elke kaart staat waar u verder kunt"
        };
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
            rows: callable,
            other_heading: other_heading.into(),
            other_rows,
        })
    }
}
