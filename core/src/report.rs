//! "Klopt dit niet?": a user's short report that something about a contact, facility or
//! document is wrong. The rules for what a report may hold live here, so the apps and the
//! server refuse the same things; the apps queue reports in their store while offline
//! ([`crate::store::Store::queue_report`]) and send each one once when a connection returns.
//! The server keeps a report by its id: a report sent twice (an answer lost on the way back)
//! is stored once.

use crate::model::ItemKind;
use serde::{Deserialize, Serialize};

/// The longest "what is wrong", in characters.
pub const WHAT_MAX_CHARS: usize = 1_000;
/// The longest "the right value".
pub const RIGHT_MAX_CHARS: usize = 300;
/// The longest "how to reach me".
pub const REACH_MAX_CHARS: usize = 200;
/// Reports an app keeps waiting at most; more would only grow the store on a phone offline
/// for weeks (the server limits per address too).
pub const MAX_WAITING: u32 = 50;

/// A report as the user wrote it, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub kind: Option<ItemKind>,
    pub item_id: String,
    pub what: String,
    pub right_value: String,
    pub reach: String,
}

/// A checked report, as it is queued and sent. Plain text only; shown to editors, never to
/// other users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Made on the device: the server stores a report once per id.
    pub id: String,
    pub kind: ItemKind,
    pub item_id: String,
    pub what: String,
    pub right_value: Option<String>,
    pub reach: Option<String>,
    /// RFC 3339, when the user wrote it.
    pub written_at: String,
}

/// Why a report is refused, in words the writer can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("Schrijf kort wat er niet klopt.")]
    Empty,
    #[error("{field} is te lang: hoogstens {max} tekens. Uw tekst staat er nog; maak hem korter.")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} bevat een onzichtbaar teken; typ de tekst opnieuw.")]
    Invisible { field: &'static str },
    #[error("Over dit onderdeel kan geen melding worden gedaan.")]
    NotReportable,
    #[error("Er wachten al {MAX_WAITING} meldingen op verbinding. Maak verbinding, dan worden ze verzonden; daarna kunt u weer melden.")]
    TooManyWaiting,
}

/// Whether users can report about items of `kind`.
pub fn reportable(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Contact | ItemKind::Facility | ItemKind::Document)
}

fn text(value: &str, field: &'static str, max: usize) -> Result<Option<String>, ReportError> {
    // Line breaks may stay; other control characters go (plain text, one screen).
    let v: String = value.trim().chars().filter(|c| *c == '\n' || !c.is_control()).collect();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > max {
        return Err(ReportError::TooLong { field, max });
    }
    if crate::invisible::find(&v).is_some() {
        return Err(ReportError::Invisible { field });
    }
    Ok(Some(v))
}

fn random_id() -> String {
    let mut buf = [0u8; 16];
    // Without OS randomness, the time and a counter still make ids unique on this device.
    if getrandom::fill(&mut buf).is_err() {
        static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let t = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
        buf[..8].copy_from_slice(&t.to_le_bytes());
        buf[8..].copy_from_slice(&n.to_le_bytes());
    }
    hex::encode(buf)
}

/// The labels of the report's fields, where users see them.
pub const WHAT_LABEL: &str = "Wat klopt er niet?";
pub const RIGHT_LABEL: &str = "Wat is het juiste gegeven? (als u het weet)";
pub const REACH_LABEL: &str = "Hoe kan de redactie u bereiken? (mag leeg blijven)";

impl Draft {
    /// Checks the draft and gives it an id and a time.
    pub fn check(&self, now: chrono::DateTime<chrono::Utc>) -> Result<Report, ReportError> {
        let kind = self.kind.filter(|k| reportable(*k)).ok_or(ReportError::NotReportable)?;
        if self.item_id.is_empty() || self.item_id.len() > 80 {
            return Err(ReportError::NotReportable);
        }
        let what = text(&self.what, "Uw beschrijving", WHAT_MAX_CHARS)?.ok_or(ReportError::Empty)?;
        Ok(Report {
            id: random_id(),
            kind,
            item_id: self.item_id.clone(),
            what,
            right_value: text(&self.right_value, "Het juiste gegeven", RIGHT_MAX_CHARS)?,
            reach: text(&self.reach, "Hoe de redactie u bereikt", REACH_MAX_CHARS)?,
            written_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
    }
}

impl Report {
    /// The same rules for a report that arrives at the server: its own id and time kept.
    pub fn checked(self) -> Result<Report, ReportError> {
        let id_ok = (16..=64).contains(&self.id.len()) && self.id.chars().all(|c| c.is_ascii_hexdigit());
        if !id_ok || chrono::DateTime::parse_from_rfc3339(&self.written_at).is_err() {
            return Err(ReportError::NotReportable);
        }
        let draft = Draft {
            kind: Some(self.kind),
            item_id: self.item_id,
            what: self.what,
            right_value: self.right_value.unwrap_or_default(),
            reach: self.reach.unwrap_or_default(),
        };
        let mut checked = draft.check(chrono::Utc::now())?;
        checked.id = self.id;
        checked.written_at = self.written_at;
        Ok(checked)
    }
}

/// What became of one report sent to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The server has it (new, or already from an earlier try).
    Accepted,
    /// The server will never take it (an item that no longer exists): sending again is useless.
    Refused,
    /// Not now (offline, the server busy or limiting): try again later. Says why, in Dutch.
    Later(String),
}

/// Where a site takes reports.
pub fn endpoint(site_url: &str) -> String {
    format!("{}/api/v1/meldingen", site_url.trim_end_matches('/'))
}

/// Sends one report to the site at `site_url`.
pub fn deliver(client: &crate::http::Client, site_url: &str, report: &Report) -> Delivery {
    let body = match serde_json::to_string(report) {
        Ok(b) => b,
        Err(_) => return Delivery::Refused,
    };
    match client.post_json(&endpoint(site_url), &body) {
        Ok(200 | 201) => Delivery::Accepted,
        Ok(400 | 404 | 413 | 422) => Delivery::Refused,
        Ok(status) => Delivery::Later(crate::http::status_line(status)),
        Err(failure) => Delivery::Later(failure.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(what: &str) -> Draft {
        Draft { kind: Some(ItemKind::Contact), item_id: "a".into(), what: what.into(), ..Draft::default() }
    }

    #[test]
    fn a_report_needs_words_and_stays_within_bounds() {
        let now = chrono::Utc::now();
        assert_eq!(draft("  ").check(now), Err(ReportError::Empty));
        let long = "x".repeat(WHAT_MAX_CHARS + 1);
        assert!(matches!(draft(&long).check(now), Err(ReportError::TooLong { .. })));
        assert!(matches!(draft("nummer\u{200b}fout").check(now), Err(ReportError::Invisible { .. })));
        let wrong_kind = Draft { kind: Some(ItemKind::Term), ..draft("x") };
        assert_eq!(wrong_kind.check(now), Err(ReportError::NotReportable));
        let ok = draft(" Nummer is veranderd\u{7} ").check(now).unwrap();
        assert_eq!(ok.what, "Nummer is veranderd");
        assert_eq!(ok.right_value, None);
        assert_eq!(ok.id.len(), 32);
        assert_ne!(ok.id, draft("x").check(now).unwrap().id);
    }

    #[test]
    fn the_server_keeps_the_devices_id_and_refuses_a_forged_one() {
        let r = draft("fout").check(chrono::Utc::now()).unwrap();
        assert_eq!(r.clone().checked().unwrap(), r);
        let forged = Report { id: "'; drop".into(), ..r };
        assert_eq!(forged.checked(), Err(ReportError::NotReportable));
    }
}
