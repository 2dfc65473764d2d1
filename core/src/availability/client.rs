//! Fetching the availability feed: a conditional GET with the last ETag, a size limit and
//! timeouts; the last good copy is kept in the store and shown, marked offline, when the
//! network fails.

use super::Feed;
use crate::error::CoreError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// A feed is small; anything larger than this is refused as not ours.
const MAX_FEED_BYTES: u64 = 4 * 1024 * 1024;

/// Longest wait for the feed, body included; after that the stored copy is shown.
const TIMEOUT: Duration = Duration::from_secs(10);

/// A feed and how it was obtained.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub feed: Feed,
    pub fetched_at: DateTime<Utc>,
    /// True when this is the stored copy because the network failed.
    pub offline: bool,
}

/// The feed over the network: `Ok(None)` when it has not changed since `etag`.
fn get(url: &str, etag: Option<&str>) -> Result<Option<(String, Option<String>)>, String> {
    let res = crate::http::Client::new(TIMEOUT)
        .get(url, etag, "application/json", MAX_FEED_BYTES)
        .map_err(|e| format!("{url} niet bereikbaar ({e})"))?;
    if res.not_modified() {
        return Ok(None);
    }
    if !(200..300).contains(&res.status) {
        return Err(format!("de server antwoordde {}", res.status_line()));
    }
    if res.body.len() as u64 > MAX_FEED_BYTES {
        return Err("het antwoord is groter dan een beschikbaarheidsoverzicht kan zijn".into());
    }
    let body = String::from_utf8(res.body).map_err(|_| "het antwoord is geen tekst".to_string())?;
    Ok(Some((body, res.etag)))
}

/// Fetches `url`, or falls back to the copy in `store` when the network fails.
pub fn fetch(store: &Store, url: &str, now: DateTime<Utc>) -> Result<Fetched, CoreError> {
    let cached = store.cached_feed(url)?;
    match get(url, cached.as_ref().and_then(|c| c.etag.as_deref())) {
        Ok(Some((body, etag))) => {
            let feed: Feed = serde_json::from_str(&body)
                .map_err(|e| CoreError::Unreachable { detail: format!("onleesbaar antwoord: {e}") })?;
            store.save_feed(url, etag.as_deref(), &body, now)?;
            Ok(Fetched { feed, fetched_at: now, offline: false })
        }
        Ok(None) => match cached {
            Some(c) => {
                store.save_feed(url, c.etag.as_deref(), &c.body, now)?;
                Ok(Fetched { feed: serde_json::from_str(&c.body)?, fetched_at: now, offline: false })
            }
            None => Err(CoreError::Unreachable { detail: "304 zonder opgeslagen kopie".into() }),
        },
        Err(detail) => match cached {
            Some(c) => Ok(Fetched { feed: serde_json::from_str(&c.body)?, fetched_at: c.fetched_at, offline: true }),
            None => Err(CoreError::Unreachable { detail }),
        },
    }
}
