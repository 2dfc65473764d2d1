//! What a shell decides about sync: when the next attempt is due, and the typed outcome of
//! an attempt, recorded in the store (time and problem) so every shell shows the same. How
//! it reads is `view::sync`.

use super::client::{self, Options};
use crate::error::CoreError;
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};
use ed25519_dalek::VerifyingKey;
use std::collections::HashMap;

/// How often a periodic sync runs (WorkManager, BGAppRefreshTask).
pub const INTERVAL_HOURS: u32 = 6;
/// After a failed attempt, how long to wait before trying again on app start.
pub const RETRY_MINUTES: u32 = 15;

/// What one sync attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SyncResult {
    /// New content is in use.
    Applied,
    /// The server has nothing newer.
    Unchanged,
    /// No connection, or the server failed: try again later.
    Offline,
    /// The server offered something that must not be trusted; nothing was applied.
    Refused,
    /// The update needs a newer app; nothing was applied.
    AppTooOld,
}

/// When the shells schedule a periodic sync.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncSchedule {
    pub interval_hours: u32,
    pub retry_minutes: u32,
}

pub fn schedule() -> SyncSchedule {
    SyncSchedule { interval_hours: INTERVAL_HOURS, retry_minutes: RETRY_MINUTES }
}

/// A time sync recorded under `key` ("synced_at", "last_attempt_at").
pub fn recorded_time(meta: &HashMap<String, String>, key: &str) -> Option<DateTime<Utc>> {
    meta.get(key).and_then(|t| DateTime::parse_from_rfc3339(t).ok()).map(|t| t.with_timezone(&Utc))
}

/// Whether a sync is due at `now`: at once while the bundled content is shown or after the
/// clock went back; after a failure once [`RETRY_MINUTES`] passed; else every
/// [`INTERVAL_HOURS`].
pub fn due(store: &Store, now: DateTime<Utc>) -> Result<bool, CoreError> {
    let meta = store.sync_meta()?;
    let Some(last) = recorded_time(&meta, "last_attempt_at") else { return Ok(true) };
    let waited = now - last;
    if waited < Duration::zero() {
        return Ok(true);
    }
    if meta.get("last_problem").is_some_and(|p| !p.is_empty()) {
        return Ok(waited >= Duration::minutes(RETRY_MINUTES.into()));
    }
    if recorded_time(&meta, "synced_at").is_none() {
        return Ok(true);
    }
    Ok(waited >= Duration::hours(INTERVAL_HOURS.into()))
}

/// What one attempt came to, in a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub result: SyncResult,
    pub message: String,
}

/// Runs one sync of `store` against `base` and records the attempt (time and problem) in
/// the store, outside the content transaction. Network failures and refusals are outcomes,
/// not errors; an error is a store that cannot be read or written.
pub fn run(
    store: &Store,
    base: &str,
    root: &VerifyingKey,
    now: DateTime<Utc>,
    opts: &Options,
) -> Result<Attempt, CoreError> {
    let (result, message) = match client::sync(store, base, root, now, opts) {
        Ok(o) if o.changed => (SyncResult::Applied, "Nieuwe gegevens zijn in gebruik.".to_string()),
        Ok(_) => (SyncResult::Unchanged, "De gegevens zijn actueel; er was niets nieuws.".to_string()),
        Err(CoreError::SyncRefused { message }) => (SyncResult::Refused, message),
        Err(CoreError::SyncOffline { message }) => (SyncResult::Offline, message),
        Err(CoreError::SyncAppTooOld { message }) => (SyncResult::AppTooOld, message),
        Err(e) => return Err(e),
    };
    store.set_sync_meta("last_attempt_at", &now.to_rfc3339())?;
    let problem = match result {
        SyncResult::Applied | SyncResult::Unchanged => "",
        SyncResult::Offline | SyncResult::Refused | SyncResult::AppTooOld => message.as_str(),
    };
    store.set_sync_meta("last_problem", problem)?;
    Ok(Attempt { result, message })
}
