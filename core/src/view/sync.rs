//! The sync status as a shell shows it: which version, updated when, the last problem.

use super::labels;
use crate::error::CoreError;
use crate::store::Store;
use crate::sync::{Attempt, SyncResult};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncStatus {
    /// "Gegevens".
    pub title: String,
    /// "Bijgewerkt op 23 november 2026 om 14:02", or that the bundled content is shown.
    pub line: String,
    /// The last attempt's problem, if any: "Update geweigerd: ..." or "Offline: ...".
    pub problem: Option<String>,
    /// "Laatste poging: 23 november 2026 om 14:05".
    pub last_attempt_line: Option<String>,
    pub version: u64,
    /// True while the content is the copy that shipped with the app.
    pub bundled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncOutcome {
    pub result: SyncResult,
    /// One sentence for the user.
    pub message: String,
    pub status: SyncStatus,
}

impl SyncOutcome {
    /// An attempt and the status it left.
    pub fn of(attempt: Attempt, store: &Store) -> Result<SyncOutcome, CoreError> {
        Ok(SyncOutcome { result: attempt.result, message: attempt.message, status: SyncStatus::of(store)? })
    }
}

fn at(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&chrono_tz::Europe::Amsterdam);
    format!("{} om {}", labels::date(local.date_naive()), local.format("%H:%M"))
}

impl SyncStatus {
    pub fn of(store: &Store) -> Result<SyncStatus, CoreError> {
        let meta = store.sync_meta()?;
        let version: u64 = meta.get("manifest_version").and_then(|v| v.parse().ok()).unwrap_or(0);
        let synced = crate::sync::recorded_time(&meta, "synced_at");
        let checked = meta.get("content_checked_on").and_then(|d| d.parse::<chrono::NaiveDate>().ok());
        let line = match (synced, checked) {
            (Some(t), _) => format!("Bijgewerkt op {}", at(t)),
            (None, Some(day)) => format!(
                "Meegeleverde inhoud (nieuwste controle: {}); nog niet bijgewerkt via internet",
                labels::date(day)
            ),
            (None, None) => "Meegeleverde inhoud; nog niet bijgewerkt via internet".to_string(),
        };
        Ok(SyncStatus {
            title: "Gegevens".into(),
            line,
            problem: meta.get("last_problem").filter(|p| !p.is_empty()).cloned(),
            last_attempt_line: crate::sync::recorded_time(&meta, "last_attempt_at")
                .map(|t| format!("Laatste poging: {}", at(t))),
            version,
            bundled: synced.is_none(),
        })
    }
}
