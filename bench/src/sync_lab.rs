//! A laboratory for sync: publications of the real content (versions 1 and 2, plus the ones
//! an attacker or a broken server could offer) and an HTTP server on loopback that injects
//! faults. Shared by the sync tests, the soak binary and the byte benchmark.

use palliwijzer::publish;
use palliwijzer_core::model::Content;
use palliwijzer_core::sync::format::{COMPACT_MANIFEST_FILE, MANIFEST_FILE};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    None,
    CutAt(usize),
    Corrupt(usize),
    Truncate,
    Status(u16),
    Drip,
    Oversized,
}

/// Serves `/sync/<file>` from a folder; the fault applies to paths containing `target`.
pub struct FaultServer {
    pub url: String,
    dir: Arc<Mutex<PathBuf>>,
    fault: Arc<Mutex<(String, Fault)>>,
}

fn etag(bytes: &[u8]) -> String {
    format!("\"{}\"", palliwijzer_core::sync::format::sha256_hex(bytes))
}

fn serve_one(mut s: TcpStream, dir: &Path, fault: &(String, Fault)) -> std::io::Result<()> {
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(s.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut inm = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("if-none-match:") {
            inm = Some(v.trim().to_string());
        }
    }
    let file = path.strip_prefix("/sync/").map(|f| dir.join(f));
    let Some(Ok(mut body)) = file.map(std::fs::read) else {
        return s.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    };
    let tag = etag(&body);
    let active = if path.contains(&fault.0) { fault.1.clone() } else { Fault::None };
    if inm.as_deref() == Some(tag.as_str()) && active == Fault::None {
        return s
            .write_all(format!("HTTP/1.1 304 Not Modified\r\nETag: {tag}\r\nConnection: close\r\n\r\n").as_bytes());
    }
    let head =
        |len: usize| format!("HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nETag: {tag}\r\nConnection: close\r\n\r\n");
    match active {
        Fault::None => {
            s.write_all(head(body.len()).as_bytes())?;
            s.write_all(&body)
        }
        Fault::CutAt(n) => {
            s.write_all(head(body.len()).as_bytes())?;
            s.write_all(&body[..n.min(body.len().saturating_sub(1))])?;
            s.shutdown(std::net::Shutdown::Both)
        }
        Fault::Corrupt(i) => {
            let i = i % body.len().max(1);
            body[i] ^= 0x55;
            s.write_all(head(body.len()).as_bytes())?;
            s.write_all(&body)
        }
        Fault::Truncate => {
            let half = body.len() / 2;
            s.write_all(head(half).as_bytes())?;
            s.write_all(&body[..half])
        }
        Fault::Status(code) => {
            s.write_all(format!("HTTP/1.1 {code} Fout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes())
        }
        Fault::Drip => {
            s.write_all(head(body.len()).as_bytes())?;
            for b in body.iter().take(50) {
                s.write_all(&[*b])?;
                std::thread::sleep(Duration::from_millis(100));
            }
            Ok(())
        }
        Fault::Oversized => {
            let extra = vec![b'x'; 200_000];
            s.write_all(head(body.len() + extra.len()).as_bytes())?;
            s.write_all(&body)?;
            s.write_all(&extra)
        }
    }
}

impl FaultServer {
    pub fn start(dir: &Path) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/sync", listener.local_addr().expect("addr"));
        let dir = Arc::new(Mutex::new(dir.to_path_buf()));
        let fault = Arc::new(Mutex::new((String::new(), Fault::None)));
        let (d, f) = (dir.clone(), fault.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let (d, f) = (d.lock().expect("dir").clone(), f.lock().expect("fault").clone());
                std::thread::spawn(move || {
                    let _ = serve_one(conn, &d, &f);
                });
            }
        });
        FaultServer { url, dir, fault }
    }

    pub fn set(&self, target: &str, fault: Fault) {
        *self.fault.lock().expect("fault") = (target.to_string(), fault);
    }

    pub fn serve_dir(&self, dir: &Path) {
        *self.dir.lock().expect("dir") = dir.to_path_buf();
    }
}

/// Keys, and publications of the real content in versions 1 and 2 (one contact changed),
/// plus the publications an attacker or a broken server could offer.
pub struct World {
    pub tmp: tempfile::TempDir,
    pub root_pub: ed25519_dalek::VerifyingKey,
    pub v1_hash: String,
    pub v2_hash: String,
    pub v2_text: String,
    pub v1_text: String,
}

pub const CHANGED: &str = "consultatie-palliatieve-zorg";

pub fn content() -> (Content, String) {
    let l = palliwijzer_core::content::load_dir(
        &palliwijzer::commands::default_content_dir(),
        chrono::Utc::now().date_naive(),
    );
    assert_eq!(l.error_count(), 0);
    (l.content, l.content_hash)
}

pub fn world() -> World {
    let tmp = tempfile::tempdir().expect("tmp");
    let t = tmp.path();
    let now = chrono::Utc::now();
    publish::generate_keys(&t.join("keys"), now).expect("keys");
    let key = publish::read_key(&t.join("keys/publish.key")).expect("key");
    let root = publish::read_key(&t.join("keys/root.key")).expect("root");
    let keys_json = std::fs::read_to_string(t.join("keys/keys.json")).expect("keys.json");
    let later = now + chrono::Duration::days(30);
    let (c1, h1) = content();
    let mut c2 = c1.clone();
    let contact = c2.contacts.iter_mut().find(|c| c.id == CHANGED).expect("contact");
    contact.call_for.push_str(" (versie 2)");
    let v2_text = contact.call_for.clone();
    let v1_text = c1.contacts.iter().find(|c| c.id == CHANGED).expect("contact").call_for.clone();
    let h2 = format!("{h1}-v2");
    let p = |dir: &str, c: &Content, h: &str, key: &ed25519_dalek::SigningKey, keys: &str, exp, v| {
        publish::publish(c, h, key, keys, &t.join(dir), exp, Some(v)).expect("publish");
    };
    p("v1", &c1, &h1, &key, &keys_json, later, 10);
    p("v2", &c2, &h2, &key, &keys_json, later, 20);
    // v2 with v1's objects only: a manifest naming objects that are not there (mixed).
    copy_dir(&t.join("v1"), &t.join("mixed"));
    for file in [MANIFEST_FILE, COMPACT_MANIFEST_FILE] {
        std::fs::copy(t.join("v2").join(file), t.join("mixed").join(file)).expect("mix");
    }
    // An older version (rollback), an expired manifest (freeze).
    p("older", &c1, &h1, &key, &keys_json, later, 5);
    p("expired", &c2, &h2, &key, &keys_json, now - chrono::Duration::hours(1), 30);
    // Signed by a key the root never listed.
    let stranger = palliwijzer_core::sync::format::generate_key().expect("key");
    p("wrong-key", &c2, &h2, &stranger, &keys_json, later, 40);
    // A keys.json signed by another root.
    let other_root = palliwijzer_core::sync::format::generate_key().expect("key");
    let forged = publish::sign_keys(&other_root, 9, vec![hex::encode(stranger.verifying_key().as_bytes())], later)
        .expect("sign");
    p("wrong-root", &c2, &h2, &stranger, &forged, later, 50);
    // A keys.json of an older version than the client knows (keys rollback).
    let keys_v2 = publish::sign_keys(&root, 2, vec![hex::encode(key.verifying_key().as_bytes())], later).expect("sign");
    p("v2-keys2", &c2, &h2, &key, &keys_v2, later, 20);
    World { root_pub: root.verifying_key(), v1_hash: h1, v2_hash: h2, v1_text, v2_text, tmp }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

/// The store is whole (SQLite integrity check) and of exactly one version: its recorded
/// content hash matches its content. Returns 1 or 2, or what is wrong.
pub fn check_store(w: &World, path: &Path) -> Result<u8, String> {
    let s = palliwijzer_core::store::Store::open(path).map_err(|e| e.to_string())?;
    let ok: String = rusqlite::Connection::open(path)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
        .map_err(|e| e.to_string())?;
    if ok != "ok" {
        return Err(format!("corrupt store: {ok}"));
    }
    let hash = s.content_hash().map_err(|e| e.to_string())?;
    let text = s.contact(CHANGED).map_err(|e| e.to_string())?.call_for;
    match (hash == w.v1_hash, hash == w.v2_hash) {
        (true, _) if text == w.v1_text => Ok(1),
        (_, true) if text == w.v2_text => Ok(2),
        (true, _) | (_, true) => Err("mixed store: the recorded version does not match the content".into()),
        _ => Err(format!("unknown content hash {hash}")),
    }
}

/// A seeded random draw of what the server does next: which publication it serves, which
/// file the fault hits, and the fault. Deterministic for a seed (xorshift64).
pub struct FaultDraw(u64);

impl FaultDraw {
    pub fn new(seed: u64) -> Self {
        FaultDraw(seed.max(1))
    }

    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    pub fn draw(&mut self) -> (&'static str, &'static str, Fault) {
        const DIRS: [&str; 7] = ["v2", "older", "expired", "wrong-key", "wrong-root", "mixed", "v1"];
        const TARGETS: [&str; 4] = ["objects/", "manifest", "keys.json", ""];
        let fault = match self.next(9) {
            0 => Fault::CutAt(self.next(400) as usize),
            1 => Fault::Corrupt(self.next(5000) as usize),
            2 => Fault::Truncate,
            3 => Fault::Status(if self.next(2) == 0 { 500 } else { 503 }),
            4 => Fault::Oversized,
            // Trickling costs a timeout each; drawn less often.
            5 if self.next(3) == 0 => Fault::Drip,
            _ => Fault::None,
        };
        let dir = DIRS[self.next(DIRS.len() as u64) as usize];
        (dir, TARGETS[self.next(TARGETS.len() as u64) as usize], fault)
    }
}

/// A publication signed with the valid key whose manifest names one directory holding the
/// given objects as buckets, as a compromised publishing key could offer: every hash and
/// size is right, so only the client's bounds stand between these bytes and the phone.
pub fn signed_with_objects(w: &World, name: &str, version: u64, objects: &[Vec<u8>]) -> PathBuf {
    use palliwijzer_core::sync::format::{compress, sha256_hex, Dir, Entry};
    let t = w.tmp.path();
    let dir = t.join(name);
    copy_dir(&t.join("v1"), &dir);
    let put = |bytes: &[u8]| -> Entry {
        let hash = sha256_hex(bytes);
        std::fs::write(dir.join("objects").join(&hash), bytes).expect("write object");
        Entry { name: "00".into(), hash, size: bytes.len() as u64 }
    };
    let buckets: Vec<Entry> = objects.iter().map(|o| put(o)).collect();
    let listing = compress(&serde_json::to_vec(&Dir { buckets }).expect("json")).expect("zstd");
    let listed = put(&listing);
    resign(w, &dir, |m| {
        m["version"] = serde_json::json!(version);
        m["dirs"] = serde_json::to_value(vec![Entry { name: "0".into(), ..listed }]).expect("dirs");
    });
    dir
}

/// Rewrites the manifest in `dir` with `f` and signs it again with the valid publishing key,
/// as a compromised key could: the JSON manifest is read, and the result is written in both
/// layouts. The compact one then lists the directories itself, as the JSON one does (a
/// client reads the tree from either), so every hostile case reaches the apps' first path.
pub fn resign(w: &World, dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    use palliwijzer_core::sync::format::{compress, decompress, Envelope};
    let env: Envelope = serde_json::from_slice(
        &decompress(&std::fs::read(dir.join(MANIFEST_FILE)).expect("read"), 1 << 22).expect("zstd"),
    )
    .expect("envelope");
    let mut m: serde_json::Value = serde_json::from_str(&env.signed).expect("manifest");
    f(&mut m);
    let key = publish::read_key(&w.tmp.path().join("keys/publish.key")).expect("key");
    let signed = Envelope::sign(&key, m.to_string());
    std::fs::write(dir.join(MANIFEST_FILE), compress(&serde_json::to_vec(&signed).expect("json")).expect("zstd"))
        .expect("write");
    let compact = signed.to_compact().expect("compact");
    std::fs::write(dir.join(COMPACT_MANIFEST_FILE), compress(&compact).expect("zstd")).expect("write");
}

/// A zstd object that unpacks to `{"items":[` then `unpacked` spaces: a few KB on the
/// wire, any size in memory for a client that unpacks it whole.
pub fn bomb(unpacked: usize) -> Vec<u8> {
    let mut json = b"{\"items\":[".to_vec();
    json.resize(unpacked, b' ');
    json.extend_from_slice(b"]}");
    palliwijzer_core::sync::format::compress(&json).expect("zstd")
}
