//! Fetching the availability feed: a conditional GET with the last ETag, a size limit and
//! timeouts; the last good copy is kept in the store and shown, marked offline, when the
//! network fails.

use super::Feed;
use crate::error::CoreError;
use crate::store::{CachedFeed, Store};
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

/// What the network said, before the store is involved.
pub enum Answer {
    /// A new feed; `body` is stored as it came.
    Fresh { feed: Feed, body: String, etag: Option<String> },
    /// Not changed since the ETag sent.
    NotModified,
    /// No usable answer; the reason in Dutch.
    Failed(String),
}

/// The network half of a fetch: a conditional GET. It touches no store, so a caller holds no
/// lock while it waits. A 200 answer that is not a feed (a Wi-Fi login page, say) is a failure
/// like no network at all.
pub fn request(url: &str, etag: Option<&str>) -> Answer {
    let res = match crate::http::Client::new(TIMEOUT).get(url, etag, "application/json", MAX_FEED_BYTES) {
        Ok(r) => r,
        Err(e) => {
            let shown = url::Url::parse(url).map(|u| crate::http::shown(&u)).unwrap_or_default();
            return Answer::Failed(format!("{shown} niet bereikbaar ({e})"));
        }
    };
    if res.not_modified() {
        return Answer::NotModified;
    }
    if !(200..300).contains(&res.status) {
        return Answer::Failed(format!("de server antwoordde {}", res.status_line()));
    }
    if res.body.len() as u64 > MAX_FEED_BYTES {
        return Answer::Failed("het antwoord is groter dan een beschikbaarheidsoverzicht kan zijn".into());
    }
    let Ok(body) = String::from_utf8(res.body) else {
        return Answer::Failed("het antwoord is geen tekst".into());
    };
    match serde_json::from_str::<Feed>(&body) {
        Ok(feed) => Answer::Fresh { feed, body, etag: res.etag },
        Err(_) => Answer::Failed(
            "het antwoord is geen beschikbaarheidsoverzicht (misschien een inlogpagina van een wifi-netwerk)".into(),
        ),
    }
}

/// The store half: keeps a fresh feed, or falls back to the stored copy (`cached`, read
/// before the request), marked offline. No network and no copy is
/// [`CoreError::Unreachable`], with the reason.
pub fn settle(
    store: &Store,
    url: &str,
    cached: Option<CachedFeed>,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Fetched, CoreError> {
    match answer {
        Answer::Fresh { feed, body, etag } => {
            store.save_feed(url, etag.as_deref(), &body, now)?;
            Ok(Fetched { feed, fetched_at: now, offline: false })
        }
        Answer::NotModified => match cached {
            Some(c) => {
                store.save_feed(url, c.etag.as_deref(), &c.body, now)?;
                Ok(Fetched { feed: serde_json::from_str(&c.body)?, fetched_at: now, offline: false })
            }
            None => Err(CoreError::Unreachable { detail: "304 zonder opgeslagen kopie".into() }),
        },
        Answer::Failed(detail) => match cached {
            Some(c) => Ok(Fetched { feed: serde_json::from_str(&c.body)?, fetched_at: c.fetched_at, offline: true }),
            None => Err(CoreError::Unreachable { detail }),
        },
    }
}

/// Fetches `url`, or falls back to the copy in `store` when the network fails.
pub fn fetch(store: &Store, url: &str, now: DateTime<Utc>) -> Result<Fetched, CoreError> {
    let cached = store.cached_feed(url)?;
    let answer = request(url, cached.as_ref().and_then(|c| c.etag.as_deref()));
    settle(store, url, cached, answer, now)
}
