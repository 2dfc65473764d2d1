//! Publishing: keys (a root that signs which publishing keys are valid) and the static
//! files any web server or CDN can host: `keys.json`, `manifest2.zst` (compact), `manifest.zst`
//! (JSON, for apps from before the compact one), `objects/<sha256>`.

use chrono::{DateTime, Utc};
use palliwijzer_core::model::Content;
use palliwijzer_core::sync::format::*;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{0}")]
    Key(String),
    #[error("kan {path} niet schrijven of lezen: {detail}")]
    Io { path: String, detail: String },
    #[error("{0}")]
    Format(String),
    #[error("{0}")]
    Signing(#[from] palliwijzer_core::sync::format::FormatError),
    #[error("de vorige publicatie in {path} is onleesbaar ({detail}); zonder haar versie kan de nieuwe niet hoger worden. Herstel of verwijder {path} en publiceer opnieuw.")]
    PreviousUnreadable { path: String, detail: String },
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> PublishError + '_ {
    move |e| PublishError::Io { path: path.display().to_string(), detail: palliwijzer_core::error::io_reason(&e) }
}

/// The publication already in the output folder, if any. One that is there but cannot be
/// read is an error: taking it for none could publish a version that apps refuse as older
/// than what they have.
fn previous_manifest(path: &Path) -> Result<Option<Manifest>, PublishError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(path)(e)),
    };
    let unreadable = |detail: String| PublishError::PreviousUnreadable { path: path.display().to_string(), detail };
    let text = decompress(&bytes, MAX_OBJECT_BYTES).map_err(|e| unreadable(e.to_string()))?;
    let env: Envelope = serde_json::from_slice(&text).map_err(|e| unreadable(e.to_string()))?;
    let manifest: Manifest = serde_json::from_str(&env.signed).map_err(|e| unreadable(e.to_string()))?;
    Ok(Some(manifest))
}

/// The records of a publication, read back from its objects in `objects_dir`; `None` when
/// an object is missing or unreadable (then no patch is made, and apps use the tree).
fn items_of(objects_dir: &Path, manifest: &Manifest) -> Option<Vec<Item>> {
    let read = |hash: &str| -> Option<Vec<u8>> {
        let bytes = std::fs::read(objects_dir.join(hash)).ok()?;
        decompress(&bytes, MAX_OBJECT_BYTES).ok()
    };
    let mut items = Vec::new();
    for d in &manifest.dirs {
        let dir: Dir = serde_json::from_slice(&read(&d.hash)?).ok()?;
        for b in &dir.buckets {
            let bucket: Bucket = serde_json::from_slice(&read(&b.hash)?).ok()?;
            items.extend(bucket.items);
        }
    }
    Some(items)
}

/// The change from the previous publication, when it is small and, made to the previous
/// records, gives exactly the new ones: whole records (for the JSON manifest), and, for the
/// compact manifest, changed records as merge patches when that is smaller.
fn patch_from(previous: &Manifest, objects_dir: &Path, content: &Content) -> Option<(Patch, Patch)> {
    let old = items_of(objects_dir, previous)?;
    let new = items(content);
    let patch = Patch::between(previous.version, &previous.content_hash, &old, &new)?;
    let size = serde_json::to_vec(&patch).ok()?.len();
    let mut expected = new;
    expected.sort_by_key(Item::key);
    if size > MAX_PATCH_BYTES || patch.apply(old.clone()).as_ref() != Some(&expected) {
        return None;
    }
    let compact = patch.compacted(&old).unwrap_or_else(|| patch.clone());
    Some((patch, compact))
}

/// Writes `bytes` to `path` whole or not at all.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), PublishError> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

/// `root.key`, `root.pub`, `publish.key`, `publish.pub`, and `keys.json` (signed by root).
pub fn generate_keys(out: &Path, now: DateTime<Utc>) -> Result<(), PublishError> {
    std::fs::create_dir_all(out).map_err(io(out))?;
    for f in ["root.key", "publish.key"] {
        if out.join(f).exists() {
            return Err(PublishError::Key(format!(
                "{} bestaat al; kies een lege map (sleutels worden nooit overschreven)",
                out.join(f).display()
            )));
        }
    }
    let root = generate_key()?;
    let publish = generate_key()?;
    write_atomic(&out.join("root.key"), hex::encode(root.as_bytes()).as_bytes())?;
    write_atomic(&out.join("root.pub"), hex::encode(root.verifying_key().as_bytes()).as_bytes())?;
    write_atomic(&out.join("publish.key"), hex::encode(publish.as_bytes()).as_bytes())?;
    write_atomic(&out.join("publish.pub"), hex::encode(publish.verifying_key().as_bytes()).as_bytes())?;
    let keys =
        sign_keys(&root, 1, vec![hex::encode(publish.verifying_key().as_bytes())], now + chrono::Duration::days(365))?;
    write_atomic(&out.join("keys.json"), keys.as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["root.key", "publish.key"] {
            let _ = std::fs::set_permissions(out.join(f), std::fs::Permissions::from_mode(0o600));
        }
    }
    Ok(())
}

/// A new publishing key, and a keys.json of the next version that lists only it (or it and
/// the old ones with `keep_old`), signed by the root. Clients accept the new key on their
/// next sync; no app update is needed.
pub fn rotate(
    root_key: &Path,
    keys_json: &Path,
    out: &Path,
    keep_old: bool,
    now: DateTime<Utc>,
) -> Result<u64, PublishError> {
    let root = read_key(root_key)?;
    let text = std::fs::read_to_string(keys_json).map_err(io(keys_json))?;
    let env: Envelope =
        serde_json::from_str(&text).map_err(|e| PublishError::Format(format!("{}: {e}", keys_json.display())))?;
    let current: KeysDoc =
        serde_json::from_str(env.verify(&root.verifying_key())?).map_err(|e| PublishError::Format(e.to_string()))?;
    std::fs::create_dir_all(out).map_err(io(out))?;
    if out.join("publish.key").exists() {
        return Err(PublishError::Key(format!("{} bestaat al; kies een lege map", out.join("publish.key").display())));
    }
    let new = generate_key()?;
    let mut keys = if keep_old { current.publish_keys.clone() } else { Vec::new() };
    keys.push(hex::encode(new.verifying_key().as_bytes()));
    let version = current.version + 1;
    write_atomic(&out.join("publish.key"), hex::encode(new.as_bytes()).as_bytes())?;
    write_atomic(&out.join("publish.pub"), hex::encode(new.verifying_key().as_bytes()).as_bytes())?;
    write_atomic(
        &out.join("keys.json"),
        sign_keys(&root, version, keys, now + chrono::Duration::days(365))?.as_bytes(),
    )?;
    Ok(version)
}

/// A keys document signed by `root`, as JSON text.
pub fn sign_keys(
    root: &ed25519_dalek::SigningKey,
    version: u64,
    publish_keys: Vec<String>,
    expires: DateTime<Utc>,
) -> Result<String, PublishError> {
    let doc = KeysDoc { kind: KEYS_TYPE.into(), version, expires: expires.to_rfc3339(), publish_keys };
    let signed = serde_json::to_string(&doc).map_err(|e| PublishError::Format(e.to_string()))?;
    serde_json::to_string_pretty(&Envelope::sign(root, signed)).map_err(|e| PublishError::Format(e.to_string()))
}

pub fn read_key(path: &Path) -> Result<ed25519_dalek::SigningKey, PublishError> {
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    signing_key(&text).map_err(|e| PublishError::Key(format!("{}: {e}", path.display())))
}

/// What a publish did.
pub struct Published {
    pub version: u64,
    pub objects_written: usize,
    pub objects_reused: usize,
    pub total_bytes: u64,
    /// Bytes of the new objects and the compact manifest: at most what an app fetches for
    /// this update.
    pub written_bytes: u64,
}

/// Writes objects first, then the signed manifests: a client never sees a manifest that names
/// objects which are not there yet. `version` defaults to the clock, always above the last.
pub fn publish(
    content: &Content,
    content_hash: &str,
    key: &ed25519_dalek::SigningKey,
    keys_json: &str,
    out: &Path,
    expires: DateTime<Utc>,
    version: Option<u64>,
) -> Result<Published, PublishError> {
    let objects_dir = out.join("objects");
    std::fs::create_dir_all(&objects_dir).map_err(io(&objects_dir))?;
    let TreeObjects { dirs, index, objects } = build_tree(content)?;
    let (mut written, mut reused, mut total, mut new_bytes) = (0, 0, 0u64, 0u64);
    for (hash, bytes) in &objects {
        total += bytes.len() as u64;
        let path = objects_dir.join(hash);
        if path.exists() {
            reused += 1;
        } else {
            write_atomic(&path, bytes)?;
            written += 1;
            new_bytes += bytes.len() as u64;
        }
    }
    let previous = previous_manifest(&out.join(MANIFEST_FILE))?;
    let previous_version = previous.as_ref().map(|m| m.version).unwrap_or(0);
    let version = version.unwrap_or_else(|| (Utc::now().timestamp() as u64).max(previous_version + 1));
    // Same content again: no patch (apps at that version see nothing changed).
    let (patch, compact_patch) = previous
        .as_ref()
        .filter(|p| p.content_hash != content_hash && p.version < version)
        .and_then(|p| patch_from(p, &objects_dir, content))
        .unzip();
    let manifest = Manifest {
        kind: MANIFEST_TYPE.into(),
        format: FORMAT,
        version,
        expires: expires.to_rfc3339(),
        content_hash: content_hash.into(),
        dirs,
        index: None,
        patch,
    };
    let sign = |m: &Manifest| -> Result<Envelope, PublishError> {
        Ok(Envelope::sign(key, serde_json::to_string(m).map_err(|e| PublishError::Format(e.to_string()))?))
    };
    // The same manifest twice: listing the directories, for apps from before the compact
    // layout, and naming the index, for the others.
    let json = serde_json::to_string(&sign(&manifest)?).map_err(|e| PublishError::Format(e.to_string()))?;
    let compact =
        sign(&Manifest { dirs: Vec::new(), index: Some(index), patch: compact_patch, ..manifest })?.to_compact()?;
    write_atomic(&out.join("keys.json"), keys_json.as_bytes())?;
    let packed = compress(json.as_bytes())?;
    write_atomic(&out.join(MANIFEST_FILE), &packed)?;
    let packed_compact = compress(&compact)?;
    write_atomic(&out.join(COMPACT_MANIFEST_FILE), &packed_compact)?;
    total += packed.len() as u64 + packed_compact.len() as u64 + keys_json.len() as u64;
    Ok(Published {
        version,
        objects_written: written,
        objects_reused: reused,
        total_bytes: total,
        written_bytes: new_bytes + packed_compact.len() as u64,
    })
}
