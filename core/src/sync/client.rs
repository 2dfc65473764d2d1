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

/// The most all objects of one sync may expand to when unpacked: about 10 times today's
/// national-scale content. With this bound and objects streamed to disk, what a hostile
/// server can make a phone hold in memory is the content it describes, at most this much.
const MAX_SYNC_EXPANDED: u64 = 64 * 1024 * 1024;

/// The largest zstd window (2^23 = 8 MiB, what level 19 uses) a client sets aside.
const MAX_WINDOW_LOG: u32 = 23;

/// Unpacked objects up to this size are parsed from memory (see [`decode`]); a bucket of the
/// national-scale bench unpacks to 54 KB at most.
const IN_MEMORY_BYTES: u64 = 256 * 1024;

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
    /// For crash tests only: a pause inside the apply transaction, so a test can kill the
    /// process there. The CLI sets it from `PALLIWIJZER_APPLY_PAUSE_MS`; the apps never do.
    pub pause_in_apply: Option<Duration>,
    /// For benches and tests only: the one certificate authority (DER) to trust instead of
    /// the public ones, for an HTTPS server of their own on loopback. The apps never set it.
    pub test_root: Option<Vec<u8>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(20),
            deadline: Duration::from_secs(300),
            pause_in_apply: None,
            test_root: None,
        }
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
    /// What arrived could not be written on this device (a full disk).
    Local(String),
    /// The publication is in a newer format than this app reads: update the app.
    AppTooOld,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Refused(r) => write!(f, "Update geweigerd: {r}. De vorige inhoud blijft in gebruik."),
            Refusal::Offline(r) => write!(f, "Offline: {r}. De vorige inhoud blijft in gebruik."),
            Refusal::Local(r) => {
                write!(f, "Bijwerken mislukt: {r}. Maak ruimte vrij; de vorige inhoud blijft in gebruik.")
            }
            Refusal::AppTooOld => write!(
                f,
                "Er zijn nieuwe gegevens, maar deze versie van de app kan ze nog niet lezen. Werk de app bij; tot dan blijft de vorige inhoud in gebruik."
            ),
        }
    }
}

impl From<Refusal> for CoreError {
    fn from(r: Refusal) -> Self {
        let message = r.to_string();
        match r {
            Refusal::Refused(_) => CoreError::SyncRefused { message },
            Refusal::Offline(_) => CoreError::SyncOffline { message },
            Refusal::Local(detail) => CoreError::Write { path: "de opslag van de app".into(), detail },
            Refusal::AppTooOld => CoreError::SyncAppTooOld { message },
        }
    }
}

enum Got {
    NotModified,
    /// 404: only the compact manifest may be missing (a publication from before it).
    Missing,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
    },
}

/// An object on its way in: written to a file next to the store as it arrives (to memory
/// for a store in memory), its SHA-256 and length computed on the way. The file goes
/// when the spool does.
struct Spool {
    target: SpoolTarget,
    hasher: sha2::Sha256,
    len: u64,
}

enum SpoolTarget {
    File(std::fs::File, std::path::PathBuf),
    Memory(Vec<u8>),
}

impl Spool {
    fn next_to(store: &Store) -> Result<Spool, Refusal> {
        use sha2::Digest;
        let target = match store.path() {
            None => SpoolTarget::Memory(Vec::new()),
            Some(p) => {
                let mut name = p.file_name().unwrap_or_default().to_os_string();
                name.push(format!(".ontvangst-{}", std::process::id()));
                let path = p.with_file_name(name);
                let cannot = |e: std::io::Error| {
                    let reason = crate::error::io_reason(&e);
                    Refusal::Local(format!("{} kan niet worden aangemaakt ({reason})", path.display()))
                };
                let file = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .open(&path)
                    .map_err(cannot)?;
                SpoolTarget::File(file, path)
            }
        };
        Ok(Spool { target, hasher: sha2::Sha256::new(), len: 0 })
    }

    fn hash(&self) -> String {
        use sha2::Digest;
        hex::encode(self.hasher.clone().finalize())
    }

    /// Copies what arrived into the store under `hash`.
    fn keep(mut self, store: &Store, hash: &str) -> Result<(), CoreError> {
        use std::io::Seek;
        match &mut self.target {
            SpoolTarget::Memory(bytes) => store.put_sync_object(hash, self.len, &mut bytes.as_slice()),
            SpoolTarget::File(file, _) => {
                file.rewind().map_err(|e| Refusal::Local(e.to_string()))?;
                store.put_sync_object(hash, self.len, &mut std::io::BufReader::new(&mut *file))
            }
        }
    }
}

impl std::io::Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = match &mut self.target {
            SpoolTarget::File(file, _) => file.write(buf)?,
            SpoolTarget::Memory(bytes) => bytes.write(buf)?,
        };
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.target {
            SpoolTarget::File(file, _) => file.flush(),
            SpoolTarget::Memory(_) => Ok(()),
        }
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if let SpoolTarget::File(_, path) = &self.target {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A reader that counts what passed through it.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Unpacks and reads a kept object as a stream, within what is left of `budget` (the
/// unpacked bytes one sync may still use) and within the object limit.
fn decode<T: serde::de::DeserializeOwned>(
    store: &Store,
    e: &Entry,
    budget: &mut u64,
    what: &str,
) -> Result<T, CoreError> {
    let allowed = (*budget).min(MAX_OBJECT_BYTES as u64);
    let read = store.read_sync_object(&e.hash, |r| {
        let mut decoder = zstd::stream::read::Decoder::new(r).map_err(|e| e.to_string())?;
        // A frame may ask for a window of up to 2 GiB; what the publisher writes needs 8 MiB.
        decoder.window_log_max(MAX_WINDOW_LOG).map_err(|e| e.to_string())?;
        let mut counted = Counted { inner: std::io::Read::take(decoder, allowed + 1), read: 0 };
        // Most objects (a bucket is some 30 records) are parsed from memory, several times
        // faster than from a stream; a larger one is parsed as a stream after its first part,
        // so memory stays bounded whatever an object claims.
        let mut head = Vec::with_capacity(64 * 1024);
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut counted, IN_MEMORY_BYTES), &mut head)
            .map_err(|e| e.to_string())?;
        let parsed = if (head.len() as u64) < IN_MEMORY_BYTES {
            serde_json::from_slice::<T>(&head)
        } else {
            let rest = std::io::Read::chain(std::io::Cursor::new(head), &mut counted);
            serde_json::from_reader::<_, T>(std::io::BufReader::new(rest))
        };
        Ok::<_, String>((parsed, counted.read))
    })?;
    let Some(outcome) = read else {
        return Err(Refusal::Refused(format!("object {} ontbreekt", short(&e.hash))).into());
    };
    let (parsed, unpacked) = outcome.map_err(|e| Refusal::Refused(format!("{what} is onleesbaar ({e})")))?;
    if unpacked > allowed {
        let message = if allowed < MAX_OBJECT_BYTES as u64 {
            "de update is uitgepakt te groot voor één keer bijwerken".to_string()
        } else {
            format!("object {} is uitgepakt te groot", short(&e.hash))
        };
        return Err(Refusal::Refused(message).into());
    }
    *budget -= unpacked;
    parsed.map_err(|_| Refusal::Refused(format!("{what} is onleesbaar")).into())
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

/// What a GET delivered into its sink.
enum Delivered {
    NotModified,
    Missing,
    Body { etag: Option<String> },
}

/// The refusal for a file the publication should have.
fn missing(url: &str) -> Refusal {
    Refusal::Refused(format!("de server antwoordde {} op {url}", crate::http::status_line(404)))
}

impl Http {
    fn new(opts: &Options) -> Http {
        Http {
            client: crate::http::Client::trusting(opts.timeout, opts.test_root.as_deref()),
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

    /// GETs `url` into `sink`, at most `limit` bytes of body; more is refused (endless
    /// data). No request runs past the whole sync's deadline.
    fn get_into(
        &mut self,
        url: &str,
        etag: Option<&str>,
        limit: u64,
        sink: &mut dyn std::io::Write,
    ) -> Result<Delivered, Refusal> {
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
        let res = client.get_into(url, etag, "*/*", limit, sink).map_err(|e| match e {
            crate::http::Failure::Local(detail) => Refusal::Local(detail),
            e @ (crate::http::Failure::Address(_) | crate::http::Failure::Elsewhere(_)) => {
                Refusal::Refused(e.to_string())
            }
            _ if std::time::Instant::now() >= self.ends => self.too_long(),
            e => Refusal::Offline(format!("{url} niet bereikbaar ({e})")),
        })?;
        self.bytes += res.header_bytes;
        if res.status == 304 {
            return Ok(Delivered::NotModified);
        }
        if res.status == 404 {
            return Ok(Delivered::Missing);
        }
        if res.status >= 500 {
            return Err(Refusal::Offline(format!("de server antwoordde {}", crate::http::status_line(res.status))));
        }
        if !(200..300).contains(&res.status) {
            return Err(Refusal::Refused(format!(
                "de server antwoordde {} op {url}",
                crate::http::status_line(res.status)
            )));
        }
        self.bytes += res.body_bytes;
        self.fetched += 1;
        if res.body_bytes > limit {
            return Err(Refusal::Refused(format!("{url} is groter dan aangekondigd")));
        }
        Ok(Delivered::Body { etag: res.etag })
    }

    /// A small document (keys, manifest), read into memory.
    fn get(&mut self, url: &str, etag: Option<&str>, limit: u64) -> Result<Got, Refusal> {
        let mut bytes = Vec::new();
        Ok(match self.get_into(url, etag, limit, &mut bytes)? {
            Delivered::NotModified => Got::NotModified,
            Delivered::Missing => Got::Missing,
            Delivered::Body { etag } => Got::Body { bytes, etag },
        })
    }

    /// An object named by its hash, streamed to disk and kept in the store once it has
    /// exactly `size` bytes with that SHA-256. One already kept is not fetched again.
    fn object(&mut self, store: &Store, base: &str, e: &Entry) -> Result<(), CoreError> {
        if store.has_sync_object(&e.hash)? {
            return Ok(());
        }
        let url = format!("{base}/objects/{}", e.hash);
        let mut spool = Spool::next_to(store)?;
        match self.get_into(&url, None, e.size, &mut spool)? {
            Delivered::NotModified => {
                return Err(Refusal::Refused("onverwacht 304-antwoord op een object".into()).into());
            }
            Delivered::Missing => return Err(missing(&url).into()),
            Delivered::Body { .. } => {}
        }
        if spool.len != e.size {
            return Err(Refusal::Refused(format!(
                "object {} heeft {} bytes in plaats van {}",
                short(&e.hash),
                spool.len,
                e.size
            ))
            .into());
        }
        if spool.hash() != e.hash {
            return Err(Refusal::Refused(format!(
                "object {} is beschadigd of vervalst (hash klopt niet)",
                short(&e.hash)
            ))
            .into());
        }
        spool.keep(store, &e.hash)
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

/// The keys document of this sync: fetched, or the stored copy behind a 304; checked
/// against the pinned root.
struct Keys {
    env: Envelope,
    etag: Option<String>,
    /// Fetched now, not the stored copy.
    changed: bool,
    doc: KeysDoc,
}

impl Keys {
    /// What the client learned about keys, kept whole, version included: a keys document
    /// older than this one is refused on every later path.
    fn learned(&self) -> Result<Vec<(&'static str, String)>, CoreError> {
        let mut out = vec![
            ("keys_json", serde_json::to_string(&self.env).map_err(CoreError::unreadable)?),
            ("keys_version", self.doc.version.to_string()),
        ];
        if let Some(t) = &self.etag {
            out.push(("keys_etag", t.clone()));
        }
        Ok(out)
    }
}

fn fetch_keys(
    http: &mut Http,
    base: &str,
    meta: &HashMap<String, String>,
    root: &VerifyingKey,
    now: DateTime<Utc>,
) -> Result<Keys, CoreError> {
    let url = format!("{base}/keys.json");
    let (env, etag, changed) = match http.get(&url, meta.get("keys_etag").map(String::as_str), MAX_DOC_BYTES)? {
        Got::Body { bytes, etag } => (envelope(&bytes, "sleutellijst")?, etag, true),
        Got::Missing => return Err(missing(&url).into()),
        Got::NotModified => {
            let stored = meta
                .get("keys_json")
                .ok_or_else(|| Refusal::Refused("304 voor de sleutellijst zonder opgeslagen kopie".into()))?;
            (envelope(stored.as_bytes(), "opgeslagen sleutellijst")?, meta.get("keys_etag").cloned(), false)
        }
    };
    let doc = check_keys(&env, root, meta, now)?;
    Ok(Keys { env, etag, changed, doc })
}

/// The manifest envelope and its ETag; `None` when the server says it has not changed and
/// the stored one has not expired. The compact manifest is asked for first; only a
/// publication without one (404) is read from the JSON manifest.
fn fetch_manifest(
    http: &mut Http,
    base: &str,
    meta: &HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Option<(Envelope, Option<String>)>, CoreError> {
    let etag = meta.get("manifest_etag").map(String::as_str);
    let (got, compact) = match http.get(&format!("{base}/{COMPACT_MANIFEST_FILE}"), etag, MAX_DOC_BYTES)? {
        Got::Missing => (http.get(&format!("{base}/{MANIFEST_FILE}"), etag, MAX_DOC_BYTES)?, false),
        got => (got, true),
    };
    match got {
        Got::Missing => Err(missing(&format!("{base}/{MANIFEST_FILE}")).into()),
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
            Ok(None)
        }
        Got::Body { bytes, etag } => {
            let text = decompress(&bytes, MAX_DOC_BYTES as usize * 4).map_err(|e| Refusal::Refused(e.to_string()))?;
            let env = if compact {
                Envelope::from_compact(&text).map_err(|_| Refusal::Refused("manifest is onleesbaar".into()))?
            } else {
                envelope(&text, "manifest")?
            };
            Ok(Some((env, etag)))
        }
    }
}

/// The manifest inside `env`, if a key the root lists signed it, in a format this app reads,
/// not older than `stored_version` and not expired.
fn check_manifest(
    env: &Envelope,
    keys: &KeysDoc,
    stored_version: u64,
    now: DateTime<Utc>,
) -> Result<Manifest, CoreError> {
    if !keys.publish_keys.contains(&env.key_id) {
        return Err(Refusal::Refused("manifest is ondertekend met een sleutel die de root niet kent".into()).into());
    }
    let key = verifying_key(&env.key_id).map_err(|e| Refusal::Refused(format!("manifest: {e}")))?;
    let text = env.verify(&key).map_err(|e| Refusal::Refused(format!("manifest: {e}")))?;
    let manifest: Manifest =
        serde_json::from_str(text).map_err(|_| Refusal::Refused("manifest is onleesbaar".into()))?;
    if manifest.kind != MANIFEST_TYPE {
        return Err(Refusal::Refused("manifest heeft het verkeerde type".into()).into());
    }
    if manifest.format > FORMAT {
        return Err(Refusal::AppTooOld.into());
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
    Ok(manifest)
}

/// Every object of `manifest`: only those whose hash the store does not hold are fetched,
/// streamed to disk, then read back one at a time within what one sync may unpack.
/// Returns the hashes of the objects the content is made of, and its records.
fn fetch_objects(
    http: &mut Http,
    store: &Store,
    base: &str,
    manifest: &Manifest,
) -> Result<(Vec<String>, Vec<Item>), CoreError> {
    let (mut keep, mut items) = (Vec::new(), Vec::new());
    let (mut seen, mut total) = (std::collections::HashSet::new(), 0u64);
    let mut budget = MAX_SYNC_EXPANDED;
    let dirs = match &manifest.index {
        Some(index) => {
            check_entries(std::slice::from_ref(index), &mut seen, &mut total)?;
            http.object(store, base, index)?;
            let listed: Index = decode(store, index, &mut budget, "inhoudsopgave")?;
            keep.push(index.hash.clone());
            listed.dirs
        }
        None => manifest.dirs.clone(),
    };
    check_entries(&dirs, &mut seen, &mut total)?;
    for d in &dirs {
        http.object(store, base, d)?;
        let dir: Dir = decode(store, d, &mut budget, "map-object")?;
        keep.push(d.hash.clone());
        check_entries(&dir.buckets, &mut seen, &mut total)?;
        for b in &dir.buckets {
            http.object(store, base, b)?;
            let bucket: Bucket = decode(store, b, &mut budget, "inhoud-object")?;
            items.extend(bucket.items);
            keep.push(b.hash.clone());
        }
    }
    Ok((keep, items))
}

/// The store's records with the manifest's patch made, when the patch starts from exactly
/// what the store holds (its version and content hash) and fits it; else `None`, and the
/// tree is used.
fn patched(
    store: &Store,
    manifest: &Manifest,
    stored_version: u64,
    meta: &HashMap<String, String>,
) -> Result<Option<Vec<Item>>, CoreError> {
    let Some(patch) = &manifest.patch else { return Ok(None) };
    let fits = stored_version > 0
        && patch.from == stored_version
        && meta.get("content_hash").map(String::as_str) == Some(patch.from_content_hash.as_str());
    if !fits {
        return Ok(None);
    }
    Ok(patch.apply(items(&store.load_content()?)))
}

/// Syncs `store` with the publication at `base` (without trailing slash): keys, manifest,
/// the objects that changed, then everything applied in one transaction, or nothing.
pub fn sync(
    store: &Store,
    base: &str,
    root: &VerifyingKey,
    now: DateTime<Utc>,
    opts: &Options,
) -> Result<Outcome, CoreError> {
    let base = base.trim_end_matches('/');
    // Checked before anything is sent; after this, addresses in messages carry no secrets.
    if let Err(e) = crate::http::checked(base) {
        return Err(Refusal::Refused(format!("het update-adres wordt niet gebruikt: {e}")).into());
    }
    let meta = store.sync_meta()?;
    let mut http = Http::new(opts);
    let outcome =
        |http: &Http, version, changed| Outcome { version, changed, bytes: http.bytes, objects_fetched: http.fetched };
    let stored_version: u64 = meta.get("manifest_version").and_then(|v| v.parse().ok()).unwrap_or(0);

    let keys = fetch_keys(&mut http, base, &meta, root, now)?;
    let Some((manifest_env, manifest_etag)) = fetch_manifest(&mut http, base, &meta, now)? else {
        let mut learned = vec![("checked_at", now.to_rfc3339())];
        if keys.changed {
            learned.extend(keys.learned()?);
        }
        store.set_sync_meta_all(&learned)?;
        return Ok(outcome(&http, stored_version, false));
    };
    let manifest = check_manifest(&manifest_env, &keys.doc, stored_version, now)?;
    let unchanged = manifest.version == stored_version && meta.get("content_hash") == Some(&manifest.content_hash);
    if manifest.version == stored_version && !unchanged && stored_version > 0 {
        return Err(Refusal::Refused(format!(
            "manifest versie {stored_version} noemt andere inhoud dan eerder onder dezelfde versie"
        ))
        .into());
    }

    let mut meta_out = keys.learned()?;
    meta_out.extend([
        ("manifest_json", serde_json::to_string(&manifest_env).map_err(CoreError::unreadable)?),
        ("manifest_version", manifest.version.to_string()),
        ("content_hash", manifest.content_hash.clone()),
        ("synced_at", now.to_rfc3339()),
        ("checked_at", now.to_rfc3339()),
    ]);
    if let Some(t) = manifest_etag {
        meta_out.push(("manifest_etag", t));
    }
    if unchanged {
        store.set_sync_meta_all(&meta_out)?;
        return Ok(outcome(&http, manifest.version, false));
    }
    // One version behind, with a patch that fits: no object to fetch.
    if let Some(patched) = patched(store, &manifest, stored_version, &meta)? {
        // The kept objects stay as they are: the next sync that uses the tree fetches what
        // changed since they were made.
        let keep = store.sync_object_hashes()?;
        store.apply_sync(&content_of(patched), &manifest.content_hash, &keep, &meta_out, opts.pause_in_apply)?;
        return Ok(outcome(&http, manifest.version, true));
    }
    let (keep, items) = fetch_objects(&mut http, store, base, &manifest)?;
    store.apply_sync(&content_of(items), &manifest.content_hash, &keep, &meta_out, opts.pause_in_apply)?;
    Ok(outcome(&http, manifest.version, true))
}
