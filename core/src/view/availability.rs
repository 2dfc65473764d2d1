//! The availability view model: facilities with a free bed first, then waiting lists, then
//! the rest; every row says how old it is, rows older than 24 hours are marked, and an
//! offline copy says so.

use super::labels;
use crate::availability::{Feed, Status};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AvailabilityRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub place: String,
    pub status: Option<Status>,
    /// "Plek vrij", or "Niet doorgegeven".
    pub status_label: String,
    pub free_beds: Option<u32>,
    /// "2 van 6 bedden vrij".
    pub beds_label: String,
    /// "3 uur geleden bijgewerkt", or "Nog nooit doorgegeven".
    pub age_label: String,
    /// Older than 24 hours, or never reported.
    pub outdated: bool,
    pub outdated_label: Option<String>,
    pub note: Option<String>,
    pub voorbeeld: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AvailabilityView {
    pub title: String,
    /// "Stand van 14:02" or "Offline: stand van 23 november 2026 om 10:02 (2 uur oud)".
    pub freshness: String,
    pub offline: bool,
    pub rows: Vec<AvailabilityRow>,
    pub empty_message: Option<String>,
}

const OUTDATED_AFTER_HOURS: i64 = 24;

/// "zojuist", "5 minuten", "1 uur", "3 dagen".
fn age(d: Duration) -> String {
    let m = d.num_minutes().max(0);
    match m {
        0 => "zojuist".into(),
        1 => "1 minuut geleden".into(),
        2..=59 => format!("{m} minuten geleden"),
        60..=119 => "1 uur geleden".into(),
        120..=2879 => format!("{} uur geleden", m / 60),
        _ => format!("{} dagen geleden", m / 1440),
    }
}

/// "2 van 6 bedden vrij", "Geen vrije bedden", "6 bedden; bezetting onbekend".
fn beds_label(status: Option<Status>, free_beds: Option<u32>, capacity: Option<u32>) -> String {
    match (status, free_beds, capacity) {
        (None, _, Some(c)) => format!("{c} bedden; bezetting onbekend"),
        (None, _, None) => "Bezetting onbekend".into(),
        (Some(_), Some(0), _) => "Geen vrije bedden".into(),
        (Some(_), Some(1), Some(c)) => format!("1 van {c} bedden vrij"),
        (Some(_), Some(n), Some(c)) => format!("{n} van {c} bedden vrij"),
        (Some(_), Some(1), None) => "1 bed vrij".into(),
        (Some(_), Some(n), None) => format!("{n} bedden vrij"),
        (Some(_), None, _) => "Aantal vrije bedden onbekend".into(),
    }
}

/// What a coordinator's form says about the stand zorgverleners see now: the same status,
/// beds and age the hospice list shows, and when it will be marked as possibly outdated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// "Zorgverleners zien nu: Plek vrij · 1 van 10 bedden vrij (3 uur geleden bijgewerkt)."
    pub line: String,
    /// Never reported, or older than 24 hours: the list marks it, and the form should too.
    pub outdated: bool,
    /// What to do about it: save again, even when nothing changed.
    pub hint: String,
}

/// The stand of one facility as the coordinator's form shows it (`saved`: status, free beds
/// and when, RFC 3339; `None` when never reported), as of `now`.
pub fn standing(saved: Option<(Status, u32, &str)>, capacity: Option<u32>, now: DateTime<Utc>) -> Standing {
    let Some((status, free, at)) = saved else {
        return Standing {
            line: "Nog niets doorgegeven: zorgverleners zien 'Niet doorgegeven' en moeten bellen om te vragen of er plek is."
                .into(),
            outdated: true,
            hint: String::new(),
        };
    };
    let seen = format!("{} · {}", status.label(), beds_label(Some(status), Some(free), capacity));
    let d = parse(at).map(|t| now - t);
    let outdated = d.is_none_or(|d| d > Duration::hours(OUTDATED_AFTER_HOURS));
    let when = d.map(|d| format!(" ({} bijgewerkt)", age(d))).unwrap_or_default();
    if outdated {
        Standing {
            line: format!("Zorgverleners zien nu: {seen}{when}, met 'Mogelijk verouderd' erbij."),
            outdated,
            hint: "Sla de stand opnieuw op, ook als er niets veranderde: dan verdwijnt die melding.".into(),
        }
    } else {
        Standing {
            line: format!("Zorgverleners zien nu: {seen}{when}."),
            outdated,
            hint: format!(
                "Na {OUTDATED_AFTER_HOURS} uur zonder opslaan staat er 'Mogelijk verouderd' bij: sla dan opnieuw op, ook als er niets veranderde."
            ),
        }
    }
}

fn parse(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t).ok().map(|d| d.with_timezone(&Utc))
}

fn rank(status: Option<Status>) -> u8 {
    match status {
        Some(Status::PlekVrij) => 0,
        Some(Status::Wachtlijst) => 1,
        Some(_) => 2,
        None => 3,
    }
}

impl AvailabilityView {
    /// Builds the view from a feed fetched at `fetched_at` (device clock), as of `now`.
    /// Ages use the server's clock (`server_tijd`) plus the time since fetching, so a wrong
    /// phone clock cannot make old figures look new.
    pub fn build(
        feed: &Feed,
        region: Option<&str>,
        now: DateTime<Utc>,
        fetched_at: DateTime<Utc>,
        offline: bool,
    ) -> Self {
        let server_now = parse(&feed.server_tijd).unwrap_or(fetched_at) + (now - fetched_at).max(Duration::zero());
        let mut rows: Vec<AvailabilityRow> =
            feed.voorzieningen
                .iter()
                .filter(|f| region.is_none_or(|r| f.regio == r))
                .map(|f| {
                    let updated = f.bijgewerkt_op.as_deref().and_then(parse);
                    let (age_label, outdated) = match updated {
                        Some(u) => {
                            let d = server_now - u;
                            (format!("{} bijgewerkt", age(d)), d > Duration::hours(OUTDATED_AFTER_HOURS))
                        }
                        None => ("Nog nooit doorgegeven".to_string(), true),
                    };
                    let beds_label = beds_label(f.status, f.vrije_bedden, f.capaciteit);
                    AvailabilityRow {
                        id: f.id.clone(),
                        name: f.naam.clone(),
                        kind: f.soort.clone(),
                        place: f.plaats.clone(),
                        status: f.status,
                        status_label: f.status.map(Status::label).unwrap_or("Niet doorgegeven").to_string(),
                        free_beds: f.vrije_bedden,
                        beds_label,
                        age_label,
                        outdated,
                        outdated_label: outdated.then(|| match updated {
                            Some(_) => "Mogelijk verouderd: langer dan 24 uur niet bijgewerkt. Bel om het na te gaan."
                                .to_string(),
                            None => "Nog nooit doorgegeven. Bel om te vragen of er plek is.".to_string(),
                        }),
                        note: f.notitie.clone().filter(|n| !n.is_empty()),
                        voorbeeld: f.voorbeeld,
                    }
                })
                .collect();
        rows.sort_by(|a, b| {
            (rank(a.status), a.outdated, std::cmp::Reverse(a.free_beds), a.voorbeeld, a.name.to_lowercase()).cmp(&(
                rank(b.status),
                b.outdated,
                std::cmp::Reverse(b.free_beds),
                b.voorbeeld,
                b.name.to_lowercase(),
            ))
        });
        let amsterdam = |t: DateTime<Utc>| t.with_timezone(&chrono_tz::Europe::Amsterdam);
        let local = amsterdam(server_now - (now - fetched_at).max(Duration::zero()));
        let freshness = if offline {
            format!(
                "Offline: stand van {} om {} ({} opgehaald). Bel bij twijfel.",
                labels::date(local.date_naive()),
                local.format("%H:%M"),
                age(now - fetched_at)
            )
        } else {
            format!("Stand van {} om {}.", labels::date(local.date_naive()), local.format("%H:%M"))
        };
        AvailabilityView {
            title: "Hospice met plek".into(),
            freshness,
            offline,
            empty_message: rows.is_empty().then(|| "Geen voorzieningen in deze regio.".to_string()),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::FeedFacility;

    fn fac(id: &str, status: Option<Status>, beds: Option<u32>, updated: Option<&str>) -> FeedFacility {
        FeedFacility {
            id: id.into(),
            naam: id.into(),
            soort: "Hospice".into(),
            plaats: "Haarlem".into(),
            regio: "r".into(),
            capaciteit: Some(6),
            status,
            vrije_bedden: beds,
            notitie: None,
            bijgewerkt_op: updated.map(str::to_string),
            voorbeeld: false,
        }
    }

    fn t(s: &str) -> DateTime<Utc> {
        parse(s).expect("time")
    }

    #[test]
    fn free_beds_first_then_waiting_lists_with_ages_and_old_rows_marked() {
        let feed = Feed {
            server_tijd: "2026-11-23T15:00:00Z".into(),
            regio: None,
            voorzieningen: vec![
                fac("vol", Some(Status::Vol), Some(0), Some("2026-11-23T14:00:00Z")),
                fac("wacht", Some(Status::Wachtlijst), Some(0), Some("2026-11-23T12:00:00Z")),
                fac("oud-vrij", Some(Status::PlekVrij), Some(3), Some("2026-11-21T12:00:00Z")),
                fac("vrij", Some(Status::PlekVrij), Some(1), Some("2026-11-23T14:57:00Z")),
                fac("nooit", None, None, None),
            ],
        };
        let now = t("2026-11-23T15:00:00Z");
        let v = AvailabilityView::build(&feed, None, now, now, false);
        let ids: Vec<&str> = v.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["vrij", "oud-vrij", "wacht", "vol", "nooit"]);
        assert_eq!(v.rows[0].age_label, "3 minuten geleden bijgewerkt");
        assert_eq!(v.rows[0].beds_label, "1 van 6 bedden vrij");
        assert!(v.rows[1].outdated && v.rows[1].age_label == "2 dagen geleden bijgewerkt");
        assert_eq!(v.rows[2].age_label, "3 uur geleden bijgewerkt");
        assert!(v.rows[4].outdated && v.rows[4].age_label == "Nog nooit doorgegeven");
        assert_eq!(v.freshness, "Stand van 23 november 2026 om 16:00.");
    }

    #[test]
    fn offline_copies_age_by_the_server_clock_not_the_phone_clock() {
        let feed = Feed {
            server_tijd: "2026-11-23T15:00:00Z".into(),
            regio: None,
            voorzieningen: vec![fac("vrij", Some(Status::PlekVrij), Some(1), Some("2026-11-23T14:00:00Z"))],
        };
        // Fetched when the phone said 09:00 (its clock is 6 hours behind), shown 2 hours later.
        let fetched = t("2026-11-23T09:00:00Z");
        let v = AvailabilityView::build(&feed, None, t("2026-11-23T11:00:00Z"), fetched, true);
        assert_eq!(v.rows[0].age_label, "3 uur geleden bijgewerkt");
        assert!(
            v.offline
                && v.freshness.starts_with("Offline: stand van 23 november 2026 om 16:00 (2 uur geleden opgehaald)"),
            "{}",
            v.freshness
        );
    }
}
