//! The sync status a shell shows: which version, how old, offline or refused.

use crate::error::CoreError;
use crate::store::Store;
use crate::view::labels;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncStatus {
    /// "Bijgewerkt op 23 november 2026 om 14:02 · versie 1763906520".
    pub line: String,
    /// The last attempt's problem, if any: "Update geweigerd: ..." or "Offline: ...".
    pub problem: Option<String>,
    pub version: u64,
    /// True while the content is the copy that shipped with the app.
    pub bundled: bool,
}

impl SyncStatus {
    pub fn of(store: &Store, problem: Option<String>) -> Result<SyncStatus, CoreError> {
        let meta = store.sync_meta()?;
        let version: u64 = meta.get("manifest_version").and_then(|v| v.parse().ok()).unwrap_or(0);
        let at =
            meta.get("synced_at").and_then(|t| DateTime::parse_from_rfc3339(t).ok()).map(|t| t.with_timezone(&Utc));
        let line = match at {
            Some(t) => {
                let local = t.with_timezone(&chrono_tz::Europe::Amsterdam);
                format!(
                    "Bijgewerkt op {} om {} · versie {version}",
                    labels::date(local.date_naive()),
                    local.format("%H:%M")
                )
            }
            None => "Meegeleverde inhoud; nog niet bijgewerkt via internet".to_string(),
        };
        Ok(SyncStatus { line, problem, version, bundled: at.is_none() })
    }
}
