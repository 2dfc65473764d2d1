//! Fetching the availability feed: a conditional GET with the last ETag, a size limit and
//! timeouts; the last good copy is kept in the store and shown, marked offline, when the
//! network fails.

use super::Feed;
use crate::error::CoreError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::io::Read;
use std::time::Duration;

/// A feed is small; anything larger than this is refused as not ours.
const MAX_FEED_BYTES: u64 = 4 * 1024 * 1024;

/// A feed and how it was obtained.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub feed: Feed,
    pub fetched_at: DateTime<Utc>,
    /// True when this is the stored copy because the network failed.
    pub offline: bool,
}

fn http() -> Result<reqwest::blocking::Client, CoreError> {
    // One TLS provider for the whole process; a second install is refused and harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| CoreError::Unreachable { detail: e.to_string() })
}

fn get(url: &str, etag: Option<&str>) -> Result<Option<(String, Option<String>)>, String> {
    let client = http().map_err(|e| e.to_string())?;
    let mut req = client.get(url).header("accept", "application/json");
    if let Some(tag) = etag {
        req = req.header("if-none-match", tag);
    }
    let res = req.send().map_err(|e| e.to_string())?;
    if res.status() == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(None);
    }
    if !res.status().is_success() {
        return Err(format!("de server antwoordde {}", res.status()));
    }
    let tag = res.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_string);
    let mut body = String::new();
    res.take(MAX_FEED_BYTES + 1).read_to_string(&mut body).map_err(|e| e.to_string())?;
    if body.len() as u64 > MAX_FEED_BYTES {
        return Err("het antwoord is groter dan een beschikbaarheidsoverzicht kan zijn".into());
    }
    Ok(Some((body, tag)))
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
