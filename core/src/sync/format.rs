//! What a publisher writes and a client checks: signed envelopes, the root-signed list of
//! publishing keys, the manifest, and content-addressed objects in a two-level tree.
//!
//! ```text
//! keys.json         envelope signed by the ROOT key: which publishing keys are valid (versioned)
//! manifest2.zst     compact envelope signed by a PUBLISHING key: version, expiry, the index
//! manifest.zst      the same manifest as a JSON envelope listing 16 directories, for apps
//!                   from before the compact one (read as a fallback when it is missing)
//! objects/<sha256>  zstd-compressed JSON: the index (16 directories), a directory (up to 16
//!                   buckets) or a bucket (items)
//! ```
//! An item lives in bucket `hh` (the first two hex digits of sha256("kind/id")), in directory
//! `h`. Changing one record changes one bucket, one directory, the index and the manifest.
//!
//! A manifest may also carry a [`Patch`]: the records that changed since the previous
//! publication. An app at exactly that version applies it and fetches no object at all; any
//! other app (and one that cannot match it) uses the tree. Older apps ignore the field.

use crate::model::*;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A signed document: `signed` is the exact JSON text the signature covers.
///
/// Two layouts carry it: JSON (`keys.json`, `manifest.zst`), where `signed` travels as a
/// string with every quote escaped, and the compact one ([`Envelope::to_compact`]) of
/// `manifest2.zst`: the raw key, the raw signature, then the signed text as it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope {
    pub signed: String,
    /// Hex of the signer's ed25519 public key.
    pub key_id: String,
    pub signature: String,
}

/// What can be wrong with keys, signatures and packed objects; Dutch, as users may read it
/// inside a sync message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("ondertekend met een onbekende sleutel")]
    UnknownKey,
    #[error("handtekening is onleesbaar")]
    UnreadableSignature,
    #[error("handtekening klopt niet")]
    BadSignature,
    #[error("sleutel is geen 32 bytes hex")]
    KeyNotHex,
    #[error("ongeldige publieke sleutel")]
    InvalidKey,
    #[error("geen willekeur van het besturingssysteem: {0}")]
    NoRandomness(String),
    #[error("inpakken mislukt: {0}")]
    Pack(String),
    #[error("onleesbaar object: {0}")]
    Unpack(String),
}

impl Envelope {
    pub fn sign(key: &SigningKey, signed: String) -> Envelope {
        let signature = key.sign(signed.as_bytes());
        Envelope {
            key_id: hex::encode(key.verifying_key().as_bytes()),
            signature: hex::encode(signature.to_bytes()),
            signed,
        }
    }

    /// The compact layout: 32 bytes of public key, 64 bytes of signature, then the signed
    /// text: no hex, and no JSON escaped inside JSON.
    pub fn to_compact(&self) -> Result<Vec<u8>, FormatError> {
        let mut out = Vec::with_capacity(COMPACT_HEAD + self.signed.len());
        out.extend_from_slice(&key_bytes(&self.key_id)?);
        let sig = hex::decode(&self.signature).map_err(|_| FormatError::UnreadableSignature)?;
        if sig.len() != 64 {
            return Err(FormatError::UnreadableSignature);
        }
        out.extend_from_slice(&sig);
        out.extend_from_slice(self.signed.as_bytes());
        Ok(out)
    }

    /// Reads the compact layout back; nothing is checked yet but its shape
    /// ([`Envelope::verify`] checks the signature).
    pub fn from_compact(bytes: &[u8]) -> Result<Envelope, FormatError> {
        if bytes.len() < COMPACT_HEAD {
            return Err(FormatError::Unpack("te kort voor een ondertekend document".into()));
        }
        let (head, signed) = bytes.split_at(COMPACT_HEAD);
        let signed = std::str::from_utf8(signed).map_err(|_| FormatError::Unpack("geen UTF-8-tekst".into()))?;
        Ok(Envelope {
            signed: signed.to_string(),
            key_id: hex::encode(&head[..32]),
            signature: hex::encode(&head[32..]),
        })
    }

    /// Checks the signature against `key`; returns the signed text.
    pub fn verify(&self, key: &VerifyingKey) -> Result<&str, FormatError> {
        if self.key_id != hex::encode(key.as_bytes()) {
            return Err(FormatError::UnknownKey);
        }
        let sig = hex::decode(&self.signature)
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
            .map(|b| Signature::from_bytes(&b))
            .ok_or(FormatError::UnreadableSignature)?;
        key.verify_strict(self.signed.as_bytes(), &sig).map_err(|_| FormatError::BadSignature)?;
        Ok(&self.signed)
    }
}

/// The compact layout's fixed head: a public key and a signature.
const COMPACT_HEAD: usize = 32 + 64;

fn key_bytes(hex_key: &str) -> Result<[u8; 32], FormatError> {
    hex::decode(hex_key.trim()).ok().and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok()).ok_or(FormatError::KeyNotHex)
}

pub fn verifying_key(hex_key: &str) -> Result<VerifyingKey, FormatError> {
    VerifyingKey::from_bytes(&key_bytes(hex_key)?).map_err(|_| FormatError::InvalidKey)
}

pub fn signing_key(hex_key: &str) -> Result<SigningKey, FormatError> {
    Ok(SigningKey::from_bytes(&key_bytes(hex_key)?))
}

/// A new random key (the OS random source).
pub fn generate_key() -> Result<SigningKey, FormatError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| FormatError::NoRandomness(e.to_string()))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Signed by the root: which publishing keys may sign manifests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysDoc {
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u64,
    /// RFC 3339.
    pub expires: String,
    pub publish_keys: Vec<String>,
}

pub const KEYS_TYPE: &str = "palliwijzer-keys";
pub const MANIFEST_TYPE: &str = "palliwijzer-manifest";

/// The wire format this build writes and reads. Raised only for a change an older app
/// cannot read (a new enum value, a new required field; see `model`): an app that meets a
/// higher one keeps its content and asks to be updated.
pub const FORMAT: u32 = 1;

fn first_format() -> u32 {
    1
}

/// An object in the tree: its name (hex prefix), hash and size of the stored bytes.
/// Written as a compact `[name, hash, size]` array: manifests and directories stay small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "(String, String, u64)", from = "(String, String, u64)")]
pub struct Entry {
    pub name: String,
    pub hash: String,
    pub size: u64,
}

impl From<Entry> for (String, String, u64) {
    fn from(e: Entry) -> Self {
        (e.name, e.hash, e.size)
    }
}

impl From<(String, String, u64)> for Entry {
    fn from((name, hash, size): (String, String, u64)) -> Self {
        Entry { name, hash, size }
    }
}

/// The manifest as a JSON envelope listing every directory, zstd-compressed: what apps from
/// before [`COMPACT_MANIFEST_FILE`] read. Publishers keep writing it beside the compact one.
pub const MANIFEST_FILE: &str = "manifest.zst";

/// The manifest in the compact layout, zstd-compressed: the same fields, but one index object
/// instead of 16 directory entries, and no escaped JSON inside JSON. Apps read this one first
/// and fall back to [`MANIFEST_FILE`] only when a publication has none (404).
pub const COMPACT_MANIFEST_FILE: &str = "manifest2.zst";

/// The records that changed from one publication to the next, signed with the manifest
/// that carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patch {
    /// The version this patch applies to: only an app at exactly this version uses it.
    pub from: u64,
    /// The content hash of that version: a second check that the app holds what it expects.
    pub from_content_hash: String,
    /// New and changed records.
    #[serde(default)]
    pub upserts: Vec<Item>,
    /// Records that are gone, by key ("contact/x").
    #[serde(default)]
    pub removes: Vec<String>,
    /// Changed records as JSON merge patches (RFC 7386) on the version the app holds: only
    /// the fields that changed travel. Only in the compact manifest ([`Patch::compacted`]);
    /// apps that read the JSON manifest get whole records in `upserts`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// One record's change: a JSON merge patch on its previous version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub key: String,
    pub merge: serde_json::Value,
}

/// RFC 7386: `patch` made to `target`. An object merges key by key (null removes a key);
/// anything else replaces the target whole.
fn merge(target: &mut serde_json::Value, patch: &serde_json::Value) {
    let serde_json::Value::Object(fields) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = serde_json::Value::Object(Default::default());
    }
    if let serde_json::Value::Object(t) = target {
        for (k, v) in fields {
            if v.is_null() {
                t.remove(k);
            } else {
                merge(t.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
    }
}

/// The merge patch that turns `old` into `new` (for records, whose empty values are null or
/// absent alike; [`Patch::compacted`] checks the result).
fn merge_patch(old: &serde_json::Value, new: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let (Value::Object(o), Value::Object(n)) = (old, new) else { return new.clone() };
    let mut out = serde_json::Map::new();
    for (k, nv) in n {
        match o.get(k) {
            Some(ov) if ov == nv => {}
            Some(ov) => {
                out.insert(k.clone(), merge_patch(ov, nv));
            }
            None => {
                out.insert(k.clone(), nv.clone());
            }
        }
    }
    for k in o.keys().filter(|k| !n.contains_key(*k)) {
        out.insert(k.clone(), Value::Null);
    }
    Value::Object(out)
}

/// The largest patch (as JSON) a publisher puts in a manifest; a larger change travels as
/// objects only, so a big change never makes the manifest big for everyone.
pub const MAX_PATCH_BYTES: usize = 32 * 1024;

impl Patch {
    /// What changed from `old` to `new`, by key; `None` when nothing did.
    pub fn between(from: u64, from_content_hash: &str, old: &[Item], new: &[Item]) -> Option<Patch> {
        let old_by_key: std::collections::HashMap<String, &Item> = old.iter().map(|i| (i.key(), i)).collect();
        let new_keys: std::collections::HashSet<String> = new.iter().map(Item::key).collect();
        let upserts: Vec<Item> =
            new.iter().filter(|i| old_by_key.get(&i.key()).is_none_or(|o| *o != *i)).cloned().collect();
        let mut removes: Vec<String> = old_by_key.keys().filter(|k| !new_keys.contains(*k)).cloned().collect();
        removes.sort();
        if upserts.is_empty() && removes.is_empty() {
            return None;
        }
        Some(Patch { from, from_content_hash: from_content_hash.to_string(), upserts, removes, changes: Vec::new() })
    }

    /// This patch with each changed record (one `old` holds under its key) as a merge patch
    /// when that is smaller than the record; `None` when none is, or when the result, made
    /// to `old`, would not give exactly what this patch gives (then the whole records travel).
    pub fn compacted(&self, old: &[Item]) -> Option<Patch> {
        let old_by_key: std::collections::HashMap<String, &Item> = old.iter().map(|i| (i.key(), i)).collect();
        let mut compact = Patch { upserts: Vec::new(), changes: Vec::new(), ..self.clone() };
        for item in &self.upserts {
            let key = item.key();
            let whole = serde_json::to_value(item).ok()?;
            let change = match old_by_key.get(&key) {
                Some(before) => {
                    let merge = merge_patch(&serde_json::to_value(before).ok()?, &whole);
                    let smaller = serde_json::to_vec(&merge).ok()?.len() < serde_json::to_vec(&whole).ok()?.len();
                    smaller.then_some(Change { key, merge })
                }
                None => None,
            };
            match change {
                Some(c) => compact.changes.push(c),
                None => compact.upserts.push(item.clone()),
            }
        }
        if compact.changes.is_empty() {
            return None;
        }
        let whole = self.apply(old.to_vec())?;
        (compact.apply(old.to_vec()).as_ref() == Some(&whole)).then_some(compact)
    }

    /// `items` with this patch made; `None` when it does not fit them (a record to remove or
    /// change that is not there, a change that does not give a record of the same key): then
    /// the tree is used instead.
    pub fn apply(&self, items: Vec<Item>) -> Option<Vec<Item>> {
        let mut by_key: std::collections::BTreeMap<String, Item> = items.into_iter().map(|i| (i.key(), i)).collect();
        for k in &self.removes {
            by_key.remove(k)?;
        }
        for i in &self.upserts {
            by_key.insert(i.key(), i.clone());
        }
        for c in &self.changes {
            let before = by_key.get(&c.key)?;
            let mut value = serde_json::to_value(before).ok()?;
            merge(&mut value, &c.merge);
            let after: Item = serde_json::from_value(value).ok()?;
            if after.key() != c.key {
                return None;
            }
            by_key.insert(c.key.clone(), after);
        }
        Some(by_key.into_values().collect())
    }
}

/// Signed by a publishing key: the state of all content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(rename = "type")]
    pub kind: String,
    /// The wire format ([`FORMAT`]); absent in publications from before it was written.
    #[serde(default = "first_format")]
    pub format: u32,
    /// Only grows; a client refuses a lower one.
    pub version: u64,
    /// RFC 3339; a client refuses an expired manifest.
    pub expires: String,
    pub content_hash: String,
    /// The directories, listed in the manifest itself ([`MANIFEST_FILE`]). Always written,
    /// even empty: apps from before the compact manifest require the field.
    #[serde(default)]
    pub dirs: Vec<Entry>,
    /// The object listing the directories ([`COMPACT_MANIFEST_FILE`]); when present, it is
    /// what the tree is read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Entry>,
    /// The change from the previous publication, when it is small (see [`Patch`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<Patch>,
}

/// The object a compact manifest names: every directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub dirs: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dir {
    pub buckets: Vec<Entry>,
}

/// One record, tagged with what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "item", rename_all = "kebab-case")]
pub enum Item {
    Region(Region),
    Contact(Contact),
    Facility(Facility),
    Phase(Phase),
    Topic(Topic),
    Tree(Tree),
    Hulpmiddel(Hulpmiddel),
    Term(Term),
    Document(Document),
}

impl Item {
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Region(_) => ItemKind::Region,
            Item::Contact(_) => ItemKind::Contact,
            Item::Facility(_) => ItemKind::Facility,
            Item::Phase(_) => ItemKind::Phase,
            Item::Topic(_) => ItemKind::Topic,
            Item::Tree(_) => ItemKind::Tree,
            Item::Hulpmiddel(_) => ItemKind::Hulpmiddel,
            Item::Term(_) => ItemKind::Term,
            Item::Document(_) => ItemKind::Document,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Item::Region(x) => &x.id,
            Item::Contact(x) => &x.id,
            Item::Facility(x) => &x.id,
            Item::Phase(x) => &x.id,
            Item::Topic(x) => &x.id,
            Item::Tree(x) => &x.id,
            Item::Hulpmiddel(x) => &x.id,
            Item::Term(x) => &x.id,
            Item::Document(x) => &x.id,
        }
    }

    /// "contact/consultatie-palliatieve-zorg": which bucket a record goes in.
    pub fn key(&self) -> String {
        format!("{}/{}", self.kind().slug(), self.id())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub items: Vec<Item>,
}

pub fn items(c: &Content) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    out.extend(c.regions.iter().cloned().map(Item::Region));
    out.extend(c.contacts.iter().cloned().map(Item::Contact));
    out.extend(c.facilities.iter().cloned().map(Item::Facility));
    out.extend(c.phases.iter().cloned().map(Item::Phase));
    out.extend(c.topics.iter().cloned().map(Item::Topic));
    out.extend(c.trees.iter().cloned().map(Item::Tree));
    out.extend(c.hulpmiddelen.iter().cloned().map(Item::Hulpmiddel));
    out.extend(c.terms.iter().cloned().map(Item::Term));
    out.extend(c.documents.iter().cloned().map(Item::Document));
    out
}

/// Puts items back into the content model, in the stable order a build uses.
pub fn content_of(items: Vec<Item>) -> Content {
    let mut c = Content::default();
    for i in items {
        match i {
            Item::Region(x) => c.regions.push(x),
            Item::Contact(x) => c.contacts.push(x),
            Item::Facility(x) => c.facilities.push(x),
            Item::Phase(x) => c.phases.push(x),
            Item::Topic(x) => c.topics.push(x),
            Item::Tree(x) => c.trees.push(x),
            Item::Hulpmiddel(x) => c.hulpmiddelen.push(x),
            Item::Term(x) => c.terms.push(x),
            Item::Document(x) => c.documents.push(x),
        }
    }
    c.sort_for_store();
    c
}

pub fn compress(json: &[u8]) -> Result<Vec<u8>, FormatError> {
    zstd::bulk::compress(json, 19).map_err(|e| FormatError::Pack(e.to_string()))
}

/// Decompresses at most `limit` bytes: a bomb is refused, not expanded.
pub fn decompress(bytes: &[u8], limit: usize) -> Result<Vec<u8>, FormatError> {
    zstd::bulk::decompress(bytes, limit).map_err(|e| FormatError::Unpack(e.to_string()))
}

/// The largest decompressed object a client accepts.
pub const MAX_OBJECT_BYTES: usize = 16 * 1024 * 1024;

/// The objects for some content, and the entries each manifest layout names.
pub struct TreeObjects {
    /// The directories, for [`MANIFEST_FILE`].
    pub dirs: Vec<Entry>,
    /// The object listing them, for [`COMPACT_MANIFEST_FILE`].
    pub index: Entry,
    /// Every object's bytes by hash, the index included.
    pub objects: Vec<(String, Vec<u8>)>,
}

/// Buckets, directories and the index for some content.
pub fn build_tree(c: &Content) -> Result<TreeObjects, FormatError> {
    let mut buckets: std::collections::BTreeMap<String, Vec<Item>> = Default::default();
    for item in items(c) {
        let h = sha256_hex(item.key().as_bytes());
        buckets.entry(h[..2].to_string()).or_default().push(item);
    }
    let mut objects = Vec::new();
    let mut dirs: std::collections::BTreeMap<String, Vec<Entry>> = Default::default();
    for (name, mut list) in buckets {
        list.sort_by_key(Item::key);
        let json = serde_json::to_vec(&Bucket { items: list }).map_err(|e| FormatError::Pack(e.to_string()))?;
        let bytes = compress(&json)?;
        let hash = sha256_hex(&bytes);
        dirs.entry(name[..1].to_string()).or_default().push(Entry {
            name: name.clone(),
            hash: hash.clone(),
            size: bytes.len() as u64,
        });
        objects.push((hash, bytes));
    }
    let mut entries = Vec::new();
    for (name, buckets) in dirs {
        let json = serde_json::to_vec(&Dir { buckets }).map_err(|e| FormatError::Pack(e.to_string()))?;
        let bytes = compress(&json)?;
        let hash = sha256_hex(&bytes);
        entries.push(Entry { name, hash: hash.clone(), size: bytes.len() as u64 });
        objects.push((hash, bytes));
    }
    let json = serde_json::to_vec(&Index { dirs: entries.clone() }).map_err(|e| FormatError::Pack(e.to_string()))?;
    let bytes = compress(&json)?;
    let hash = sha256_hex(&bytes);
    let index = Entry { name: String::new(), hash: hash.clone(), size: bytes.len() as u64 };
    objects.push((hash, bytes));
    Ok(TreeObjects { dirs: entries, index, objects })
}

#[cfg(test)]
mod tolerance {
    use super::Item;

    /// The model can grow without breaking older apps or older data: an unknown field is
    /// ignored, and a missing list, flag or optional field reads as empty, false or none.
    #[test]
    fn items_read_with_unknown_fields_and_without_optional_ones() {
        let json = r#"{"kind":"contact","item":{
            "id":"x","region":null,"name":"Consultatie","kind":"consultatie","call_for":"Advies",
            "een_veld_van_later":{"wat":"dan ook"},
            "provenance":{"source":"https://palliaweb.nl","upkeep":{"owner":"Redactie","review_by":"2027-01-01"}}
        }}"#;
        let item: Item = serde_json::from_str(json).expect("reads");
        let Item::Contact(c) = item else { panic!("a contact") };
        assert!(c.phone.is_none() && c.website.is_none() && !c.provenance.voorbeeld);
        let region = r#"{"kind":"region","item":{"id":"r","name":"R","network":"N","website":null,"complete":true,
            "upkeep":{"owner":"Redactie","review_by":"2027-01-01"}}}"#;
        let Item::Region(r) = serde_json::from_str::<Item>(region).expect("reads") else { panic!("a region") };
        assert!(r.municipalities.is_empty());
        // A kind this build does not know is not read as something else.
        assert!(serde_json::from_str::<Item>(r#"{"kind":"poster","item":{}}"#).is_err());
    }
}

#[cfg(test)]
mod compact {
    use super::*;

    /// The compact layout carries the same signed text: read back, it verifies, and one
    /// changed byte anywhere in it (text, signature or key) is refused.
    #[test]
    fn a_compact_envelope_verifies_and_refuses_any_changed_byte() {
        let key = generate_key().expect("key");
        let text = r#"{"type":"palliwijzer-manifest","version":7,"naam":"Café \"De Kroon\""}"#;
        let env = Envelope::sign(&key, text.to_string());
        let bytes = env.to_compact().expect("compact");
        assert_eq!(bytes.len(), 96 + text.len(), "no hex, no escaping");
        let back = Envelope::from_compact(&bytes).expect("reads");
        assert_eq!(back.verify(&key.verifying_key()), Ok(text));
        for (at, expected) in [
            (bytes.len() - 3, FormatError::BadSignature),
            (40, FormatError::BadSignature),
            (5, FormatError::UnknownKey),
        ] {
            let mut bad = bytes.clone();
            bad[at] ^= 1;
            let read = Envelope::from_compact(&bad).expect("still shaped right");
            assert_eq!(read.verify(&key.verifying_key()), Err(expected), "byte {at}");
        }
        assert!(Envelope::from_compact(&bytes[..95]).is_err(), "shorter than its head");
    }

    /// Apps from before the compact manifest require `dirs` in the JSON one, even when the
    /// content is empty; `index` is new and they ignore it.
    #[test]
    fn the_json_manifest_keeps_the_fields_older_apps_require() {
        let m = Manifest {
            kind: MANIFEST_TYPE.into(),
            format: FORMAT,
            version: 1,
            expires: "2027-01-01T00:00:00Z".into(),
            content_hash: "h".into(),
            dirs: Vec::new(),
            index: None,
            patch: None,
        };
        let json = serde_json::to_value(&m).expect("json");
        assert_eq!(json["dirs"], serde_json::json!([]));
        assert!(json.get("index").is_none());
    }
}

#[cfg(test)]
mod changes {
    use super::*;

    fn contact(json: serde_json::Value) -> Item {
        serde_json::from_value(serde_json::json!({"kind": "contact", "item": json})).expect("contact")
    }

    fn base() -> serde_json::Value {
        serde_json::json!({
            "id": "x", "region": "r", "name": "Consultatie", "kind": "consultatie",
            "call_for": "Advies bij pijn", "website": "https://palliaweb.nl", "email": null,
            "provenance": {"source": "https://palliaweb.nl", "source_note": "Een lange bronvermelding ".repeat(20),
                "upkeep": {"owner": "Redactie", "review_by": "2027-01-01"}}
        })
    }

    /// A changed record travels as the fields that changed, and made to the app's record it
    /// gives exactly the new one: a changed text, a value that became empty, a new value.
    #[test]
    fn a_changed_record_travels_as_its_changed_fields_and_gives_the_same_record() {
        let old = vec![
            contact(base()),
            contact(serde_json::json!({"id": "y", "name": "Ander", "kind": "consultatie",
            "call_for": "", "region": null, "provenance": {"source": "https://palliaweb.nl",
            "upkeep": {"owner": "Redactie", "review_by": "2027-01-01"}}})),
        ];
        let mut changed = base();
        changed["call_for"] = "Advies bij pijn en benauwdheid".into();
        changed["website"] = serde_json::Value::Null;
        changed["email"] = "info@example.org".into();
        let new = vec![contact(changed), old[1].clone()];
        let full = Patch::between(1, "h1", &old, &new).expect("a change");
        assert_eq!(full.upserts.len(), 1);
        let compact = full.compacted(&old).expect("smaller as a change");
        assert!(compact.upserts.is_empty() && compact.changes.len() == 1);
        let merge = serde_json::to_string(&compact.changes[0].merge).expect("json");
        assert!(merge.contains("benauwdheid") && !merge.contains("bronvermelding"), "{merge}");
        assert!(merge.len() * 4 < serde_json::to_string(&full.upserts[0]).expect("json").len());
        assert_eq!(compact.apply(old.clone()), full.apply(old.clone()));
        // An app that lacks the record cannot use the change: the tree is used instead.
        assert_eq!(compact.apply(vec![old[1].clone()]), None);
        // A new record has nothing to change: it travels whole.
        let mut added = new.clone();
        added.push(contact(serde_json::json!({"id": "z", "name": "Nieuw", "kind": "consultatie", "call_for": "",
            "region": null, "provenance": {"source": "https://palliaweb.nl",
            "upkeep": {"owner": "Redactie", "review_by": "2027-01-01"}}})));
        let both = Patch::between(1, "h1", &old, &added).expect("changes").compacted(&old).expect("compact");
        assert_eq!((both.upserts.len(), both.changes.len()), (1, 1));
        assert_eq!(both.upserts[0].key(), "contact/z");
    }
}
