//! The sync client: fetch keys and manifest (conditional GETs), check them against the
//! pinned root key, fetch only objects whose hash changed, check every hash and size, and
//! apply everything in one SQLite transaction. Any refusal leaves the store as it was.
//!
//! Defences (The Update Framework's attack list): arbitrary content (signatures, hashes),
//! rollback (versions only grow), freeze (expiry), mix-and-match (one signed manifest names
//! every object by hash), endless data (reads stop at the declared size), slow retrieval
//! (timeouts), key compromise (the root can replace publishing keys; clients pin the root).

use super::format::*;
use crate::error::CoreError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;
use std::collections::HashMap;
use std::time::Duration;

/// The largest keys or manifest document a client reads.
const MAX_DOC_BYTES: u64 = 1024 * 1024;

/// The most one sync may download in objects: about 30 times today's national-scale
/// publication. A server declaring more is refused before anything is fetched.
const MAX_SYNC_BYTES: u64 = 32 * 1024 * 1024;

/// Checks declared entries before fetching: each within the object limit, none listed twice
/// (in `seen`, across the whole sync), and the total to fetch within [`MAX_SYNC_BYTES`].
fn check_entries(
    entries: &[Entry],
    seen: &mut std::collections::HashSet<String>,
    total: &mut u64,
) -> Result<(), Refusal> {
    for e in entries {
        if e.size > MAX_OBJECT_BYTES as u64 {
            return Err(Refusal::Refused(format!(
                "object {} is te groot ({} bytes aangekondigd)",
                short(&e.hash),
                e.size
            )));
        }
        if !seen.insert(e.hash.clone()) {
            return Err(Refusal::Refused(format!("object {} staat dubbel in de lijst", short(&e.hash))));
        }
        *total = total.saturating_add(e.size);
        if *total > MAX_SYNC_BYTES {
            return Err(Refusal::Refused("de update is te groot voor één keer bijwerken".into()));
        }
    }
    Ok(())
}

/// The first characters of a hash, for messages (never more than it has).
fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Longest time for one request, body included: a trickling server is cut off.
    pub timeout: Duration,
    /// Longest time for a whole sync: a server answering each request just in time cannot
    /// keep the phone busy for half an hour.
    pub deadline: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options { timeout: Duration::from_secs(20), deadline: Duration::from_secs(300) }
    }
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub version: u64,
    pub changed: bool,
    /// Bytes received: bodies plus response headers.
    pub bytes: u64,
    pub objects_fetched: u32,
}

/// Why a sync did not apply anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The server sent something that must not be trusted; the reason says what.
    Refused(String),
    /// The network failed; try again later.
    Offline(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Refused(r) => write!(f, "Update geweigerd: {r}. De vorige inhoud blijft in gebruik."),
            Refusal::Offline(r) => write!(f, "Offline: {r}. De vorige inhoud blijft in gebruik."),
        }
    }
}

impl From<Refusal> for CoreError {
    fn from(r: Refusal) -> Self {
        let message = r.to_string();
        match r {
            Refusal::Refused(_) => CoreError::SyncRefused { message },
            Refusal::Offline(_) => CoreError::SyncOffline { message },
        }
    }
}

enum Got {
    NotModified,
    Body { bytes: Vec<u8>, etag: Option<String> },
}

struct Http {
    client: crate::http::Client,
    timeout: Duration,
    /// When the whole sync must be done.
    ends: std::time::Instant,
    deadline: Duration,
    bytes: u64,
    fetched: u32,
}

impl Http {
    fn new(opts: &Options) -> Http {
        Http {
            client: crate::http::Client::new(opts.timeout),
            timeout: opts.timeout,
            ends: std::time::Instant::now() + opts.deadline,
            deadline: opts.deadline,
            bytes: 0,
            fetched: 0,
        }
    }

    fn too_long(&self) -> Refusal {
        Refusal::Offline(format!(
            "de update duurde langer dan {} seconden; probeer het later opnieuw",
            self.deadline.as_secs()
        ))
    }

    /// GETs `url`, reading at most `limit` bytes of body; more is refused (endless data).
    /// No request runs past the whole sync's deadline.
    fn get(&mut self, url: &str, etag: Option<&str>, limit: u64) -> Result<Got, Refusal> {
        let left = self.ends.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(self.too_long());
        }
        let short;
        let client = if left < self.timeout {
            short = crate::http::Client::new(left);
            &short
        } else {
            &self.client
        };
        let res = client.get(url, etag, "*/*", limit).map_err(|e| {
            if std::time::Instant::now() >= self.ends {
                self.too_long()
            } else {
                Refusal::Offline(format!("{url} niet bereikbaar ({e})"))
            }
        })?;
        self.bytes += res.header_bytes;
        if res.not_modified() {
            return Ok(Got::NotModified);
        }
        if res.status >= 500 {
            return Err(Refusal::Offline(format!("de server antwoordde {}", res.status_line())));
        }
        if !(200..300).contains(&res.status) {
            return Err(Refusal::Refused(format!("de server antwoordde {} op {url}", res.status_line())));
        }
        self.bytes += res.body.len() as u64;
        self.fetched += 1;
        if res.body.len() as u64 > limit {
            return Err(Refusal::Refused(format!("{url} is groter dan aangekondigd")));
        }
        Ok(Got::Body { bytes: res.body, etag: res.etag })
    }

    /// An object named by its hash: exactly `size` bytes with that SHA-256.
    fn object(&mut self, base: &str, e: &Entry) -> Result<Vec<u8>, Refusal> {
        let url = format!("{base}/objects/{}", e.hash);
        match self.get(&url, None, e.size)? {
            Got::Body { bytes, .. } => {
                if bytes.len() as u64 != e.size {
                    return Err(Refusal::Refused(format!(
                        "object {} heeft {} bytes in plaats van {}",
                        short(&e.hash),
                        bytes.len(),
                        e.size
                    )));
                }
                if sha256_hex(&bytes) != e.hash {
                    return Err(Refusal::Refused(format!(
                        "object {} is beschadigd of vervalst (hash klopt niet)",
                        short(&e.hash)
                    )));
                }
                Ok(bytes)
            }
            Got::NotModified => Err(Refusal::Refused("onverwacht 304-antwoord op een object".into())),
        }
    }
}

fn parse_time(t: &str) -> Result<DateTime<Utc>, Refusal> {
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| Refusal::Refused(format!("ongeldige datum '{t}'")))
}

fn envelope(bytes: &[u8], what: &str) -> Result<Envelope, Refusal> {
    serde_json::from_slice(bytes).map_err(|_| Refusal::Refused(format!("{what} is onleesbaar")))
}

/// Checks the keys document against the pinned root.
fn check_keys(
    env: &Envelope,
    root: &VerifyingKey,
    meta: &HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<KeysDoc, Refusal> {
    let text = env.verify(root).map_err(|e| Refusal::Refused(format!("sleutellijst: {e}")))?;
    let keys: KeysDoc =
        serde_json::from_str(text).map_err(|_| Refusal::Refused("sleutellijst is onleesbaar".into()))?;
    if keys.kind != KEYS_TYPE {
        return Err(Refusal::Refused("sleutellijst heeft het verkeerde type".into()));
    }
    let known: u64 = meta.get("keys_version").and_then(|v| v.parse().ok()).unwrap_or(0);
    if keys.version < known {
        return Err(Refusal::Refused(format!(
            "sleutellijst versie {} is ouder dan de bekende versie {known}",
            keys.version
        )));
    }
    if parse_time(&keys.expires)? <= now {
        return Err(Refusal::Refused(format!("sleutellijst is verlopen op {}", keys.expires)));
    }
    Ok(keys)
}

/// Syncs `store` with the publication at `base` (without trailing slash).
pub fn sync(
    store: &Store,
    base: &str,
    root: &VerifyingKey,
    now: DateTime<Utc>,
    opts: &Options,
) -> Result<Outcome, CoreError> {
    let base = base.trim_end_matches('/');
    let meta = store.sync_meta()?;
    let mut http = Http::new(opts);

    // 1. The keys the root allows.
    let (keys_env, keys_etag, keys_changed) =
        match http.get(&format!("{base}/keys.json"), meta.get("keys_etag").map(String::as_str), MAX_DOC_BYTES)? {
            Got::Body { bytes, etag } => (envelope(&bytes, "sleutellijst")?, etag, true),
            Got::NotModified => {
                let stored = meta
                    .get("keys_json")
                    .ok_or_else(|| Refusal::Refused("304 voor de sleutellijst zonder opgeslagen kopie".into()))?;
                (envelope(stored.as_bytes(), "opgeslagen sleutellijst")?, meta.get("keys_etag").cloned(), false)
            }
        };
    let keys = check_keys(&keys_env, root, &meta, now)?;

    // 2. The manifest, signed by one of those keys.
    let stored_version: u64 = meta.get("manifest_version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let got =
        http.get(&format!("{base}/{MANIFEST_FILE}"), meta.get("manifest_etag").map(String::as_str), MAX_DOC_BYTES)?;
    let (manifest_env, manifest_etag) = match got {
        Got::NotModified => {
            let stored = meta
                .get("manifest_json")
                .ok_or_else(|| Refusal::Refused("304 voor het manifest zonder opgeslagen kopie".into()))?;
            let m: Manifest = serde_json::from_str(&envelope(stored.as_bytes(), "opgeslagen manifest")?.signed)
                .map_err(|_| Refusal::Refused("opgeslagen manifest is onleesbaar".into()))?;
            if parse_time(&m.expires)? <= now {
                return Err(Refusal::Refused(format!(
                    "de server biedt geen nieuwer manifest en het huidige is verlopen op {}",
                    m.expires
                ))
                .into());
            }
            // What the client learned about keys is kept whole, version included: a keys
            // document older than this one is refused on every later path.
            let mut learned: Vec<(&str, String)> = vec![("checked_at", now.to_rfc3339())];
            if keys_changed {
                learned.push(("keys_json", serde_json::to_string(&keys_env).map_err(CoreError::unreadable)?));
                learned.push(("keys_version", keys.version.to_string()));
                if let Some(t) = &keys_etag {
                    learned.push(("keys_etag", t.clone()));
                }
            }
            store.set_sync_meta_all(&learned)?;
            return Ok(Outcome {
                version: stored_version,
                changed: false,
                bytes: http.bytes,
                objects_fetched: http.fetched,
            });
        }
        Got::Body { bytes, etag } => {
            let text = decompress(&bytes, MAX_DOC_BYTES as usize * 4).map_err(Refusal::Refused)?;
            (envelope(&text, "manifest")?, etag)
        }
    };
    if !keys.publish_keys.contains(&manifest_env.key_id) {
        return Err(Refusal::Refused("manifest is ondertekend met een sleutel die de root niet kent".into()).into());
    }
    let key = verifying_key(&manifest_env.key_id).map_err(|e| Refusal::Refused(format!("manifest: {e}")))?;
    let text = manifest_env.verify(&key).map_err(|e| Refusal::Refused(format!("manifest: {e}")))?;
    let manifest: Manifest =
        serde_json::from_str(text).map_err(|_| Refusal::Refused("manifest is onleesbaar".into()))?;
    if manifest.kind != MANIFEST_TYPE {
        return Err(Refusal::Refused("manifest heeft het verkeerde type".into()).into());
    }
    if manifest.version < stored_version {
        return Err(Refusal::Refused(format!(
            "manifest versie {} is ouder dan de huidige versie {stored_version}",
            manifest.version
        ))
        .into());
    }
    if parse_time(&manifest.expires)? <= now {
        return Err(Refusal::Refused(format!("manifest is verlopen op {}", manifest.expires)).into());
    }
    let unchanged = manifest.version == stored_version && meta.get("content_hash") == Some(&manifest.content_hash);
    if manifest.version == stored_version && !unchanged && stored_version > 0 {
        return Err(Refusal::Refused(format!(
            "manifest versie {stored_version} noemt andere inhoud dan eerder onder dezelfde versie"
        ))
        .into());
    }

    // 3. Only the objects whose hash we do not hold yet.
    let mut objects: Vec<(String, Vec<u8>)> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    if !unchanged {
        let (mut seen, mut total) = (std::collections::HashSet::new(), 0u64);
        check_entries(&manifest.dirs, &mut seen, &mut total)?;
        for d in &manifest.dirs {
            let dir_bytes = match store.sync_object(&d.hash)? {
                Some(b) => b,
                None => http.object(base, d)?,
            };
            let dir: Dir = serde_json::from_slice(&decompress(&dir_bytes, MAX_OBJECT_BYTES).map_err(Refusal::Refused)?)
                .map_err(|_| Refusal::Refused("map-object is onleesbaar".into()))?;
            objects.push((d.hash.clone(), dir_bytes));
            check_entries(&dir.buckets, &mut seen, &mut total)?;
            for b in &dir.buckets {
                let bytes = match store.sync_object(&b.hash)? {
                    Some(x) => x,
                    None => http.object(base, b)?,
                };
                let bucket: Bucket =
                    serde_json::from_slice(&decompress(&bytes, MAX_OBJECT_BYTES).map_err(Refusal::Refused)?)
                        .map_err(|_| Refusal::Refused("inhoud-object is onleesbaar".into()))?;
                items.extend(bucket.items);
                objects.push((b.hash.clone(), bytes));
            }
        }
    }

    // 4. Everything at once, or nothing.
    let mut meta_out: Vec<(&str, String)> = vec![
        ("keys_json", serde_json::to_string(&keys_env).map_err(CoreError::unreadable)?),
        ("keys_version", keys.version.to_string()),
        ("manifest_json", serde_json::to_string(&manifest_env).map_err(CoreError::unreadable)?),
        ("manifest_version", manifest.version.to_string()),
        ("content_hash", manifest.content_hash.clone()),
        ("synced_at", now.to_rfc3339()),
        ("checked_at", now.to_rfc3339()),
    ];
    if let Some(t) = keys_etag {
        meta_out.push(("keys_etag", t));
    }
    if let Some(t) = manifest_etag {
        meta_out.push(("manifest_etag", t));
    }
    if unchanged {
        for (k, v) in &meta_out {
            store.set_sync_meta(k, v)?;
        }
        return Ok(Outcome {
            version: manifest.version,
            changed: false,
            bytes: http.bytes,
            objects_fetched: http.fetched,
        });
    }
    let content = content_of(items);
    store.apply_sync(&content, &manifest.content_hash, &objects, &meta_out)?;
    Ok(Outcome { version: manifest.version, changed: true, bytes: http.bytes, objects_fetched: http.fetched })
}
