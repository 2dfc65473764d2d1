//! Sync against a real HTTP server on loopback that injects faults: every refusal leaves the
//! store exactly as it was, and no fault ever produces a corrupt or mixed store.

use palliwijzer::publish;
use palliwijzer_core::content::load_dir;
use palliwijzer_core::model::Content;
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::client::{sync, Options};
use palliwijzer_core::sync::format::hex;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
enum Fault {
    None,
    CutAt(usize),
    Corrupt(usize),
    Truncate,
    Status(u16),
    Drip,
    Oversized,
}

/// Serves `/sync/<file>` from a folder; the fault applies to paths containing `target`.
struct FaultServer {
    url: String,
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
    fn start(dir: &Path) -> FaultServer {
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

    fn set(&self, target: &str, fault: Fault) {
        *self.fault.lock().expect("fault") = (target.to_string(), fault);
    }

    fn serve_dir(&self, dir: &Path) {
        *self.dir.lock().expect("dir") = dir.to_path_buf();
    }
}

/// Keys, and publications of the real content in versions 1 and 2 (one contact changed),
/// plus the publications an attacker or a broken server could offer.
struct World {
    tmp: tempfile::TempDir,
    root_pub: ed25519_dalek::VerifyingKey,
    v1_hash: String,
    v2_hash: String,
    v2_text: String,
    v1_text: String,
}

const CHANGED: &str = "consultatie-palliatieve-zorg";

fn content() -> (Content, String) {
    let l = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"), chrono::Utc::now().date_naive());
    assert_eq!(l.error_count(), 0);
    (l.content, l.content_hash)
}

fn world() -> World {
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
    std::fs::copy(t.join("v2/manifest.json"), t.join("mixed/manifest.json")).expect("mix");
    // An older version (rollback), an expired manifest (freeze).
    p("older", &c1, &h1, &key, &keys_json, later, 5);
    p("expired", &c2, &h2, &key, &keys_json, now - chrono::Duration::hours(1), 30);
    // Signed by a key the root never listed.
    let stranger = palliwijzer_core::sync::format::generate_key().expect("key");
    p("wrong-key", &c2, &h2, &stranger, &keys_json, later, 40);
    // A keys.json signed by another root.
    let other_root = palliwijzer_core::sync::format::generate_key().expect("key");
    let forged =
        publish::sign_keys(&other_root, 9, vec![hex(stranger.verifying_key().as_bytes())], later).expect("sign");
    p("wrong-root", &c2, &h2, &stranger, &forged, later, 50);
    // A keys.json of an older version than the client knows (keys rollback).
    let keys_v2 = publish::sign_keys(&root, 2, vec![hex(key.verifying_key().as_bytes())], later).expect("sign");
    p("v2-keys2", &c2, &h2, &key, &keys_v2, later, 20);
    World { root_pub: root.verifying_key(), v1_hash: h1, v2_hash: h2, v1_text, v2_text, tmp }
}

fn copy_dir(from: &Path, to: &Path) {
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

fn opts() -> Options {
    Options { timeout: Duration::from_millis(1500) }
}

/// A store synced to v1, copied to a fresh path.
fn store_at_v1(w: &World, server: &FaultServer, name: &str) -> PathBuf {
    let template = w.tmp.path().join("template-v1.sqlite");
    if !template.exists() {
        server.serve_dir(&w.tmp.path().join("v1"));
        server.set("", Fault::None);
        let s = Store::create_empty(&template).expect("create");
        let o = sync(&s, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("first sync");
        assert!(o.changed && o.version == 10);
    }
    let path = w.tmp.path().join(name);
    std::fs::copy(&template, &path).expect("copy");
    path
}

/// The store is whole and of exactly one version: its recorded hash matches its content.
fn version_of(w: &World, path: &Path) -> u8 {
    let s = Store::open(path).expect("open");
    let ok: String = rusqlite::Connection::open(path)
        .expect("db")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(ok, "ok");
    let hash = s.content_hash().expect("hash");
    let text = s.contact(CHANGED).expect("contact").call_for;
    match (hash == w.v1_hash, hash == w.v2_hash) {
        (true, _) => {
            assert_eq!(text, w.v1_text, "mixed store: v1 hash with v2 content");
            1
        }
        (_, true) => {
            assert_eq!(text, w.v2_text, "mixed store: v2 hash with v1 content");
            2
        }
        _ => panic!("unknown content hash {hash}"),
    }
}

#[test]
fn a_first_full_sync_then_only_changed_objects_then_a_304() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "a.sqlite");
    assert_eq!(version_of(&w, &path), 1);
    let store = Store::open(&path).expect("open");
    let same = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("no change");
    assert!(!same.changed);
    assert!(same.bytes <= 1024, "nothing changed cost {} bytes", same.bytes);
    server.serve_dir(&w.tmp.path().join("v2"));
    let one = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("v2");
    assert!(one.changed && one.version == 20);
    assert_eq!(one.objects_fetched, 3, "manifest, one directory, one bucket");
    drop(store);
    assert_eq!(version_of(&w, &path), 2);
}

#[test]
fn every_fault_is_refused_and_leaves_the_store_as_it_was() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let cases: Vec<(&str, &str, Fault, &str)> = vec![
        ("v2", "objects/", Fault::CutAt(10), "Offline"),
        ("v2", "manifest.json", Fault::CutAt(40), "Offline"),
        ("v2", "objects/", Fault::Corrupt(7), "Update geweigerd"),
        ("v2", "manifest.json", Fault::Corrupt(120), "Update geweigerd"),
        ("v2", "objects/", Fault::Truncate, "Update geweigerd"),
        ("v2", "manifest.json", Fault::Status(500), "Offline"),
        ("v2", "objects/", Fault::Status(503), "Offline"),
        ("v2", "objects/", Fault::Drip, "Offline"),
        ("v2", "objects/", Fault::Oversized, "groter dan aangekondigd"),
        ("v2", "keys.json", Fault::Corrupt(30), "Update geweigerd"),
        ("older", "", Fault::None, "ouder dan de huidige versie"),
        ("expired", "", Fault::None, "verlopen"),
        ("wrong-key", "", Fault::None, "sleutel die de root niet kent"),
        ("wrong-root", "", Fault::None, "sleutellijst"),
        ("mixed", "", Fault::None, "Update geweigerd"),
    ];
    for (i, (dir, target, fault, words)) in cases.into_iter().enumerate() {
        let path = store_at_v1(&w, &server, &format!("case-{i}.sqlite"));
        let before = std::fs::read(&path).expect("bytes");
        server.serve_dir(&w.tmp.path().join(dir));
        server.set(target, fault.clone());
        let store = Store::open(&path).expect("open");
        let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).err();
        server.set("", Fault::None);
        let msg = err.map(|e| e.to_string()).unwrap_or_else(|| panic!("{dir} {target} {fault:?}: accepted"));
        assert!(msg.contains(words), "{dir} {target} {fault:?}: {msg}");
        assert!(msg.contains("De vorige inhoud blijft in gebruik"), "{msg}");
        drop(store);
        assert_eq!(version_of(&w, &path), 1, "{dir} {target} {fault:?}");
        assert_eq!(
            Store::open(&path).expect("open").sync_meta().expect("meta").get("manifest_version").map(String::as_str),
            Some("10")
        );
        let _ = before;
    }
}

#[test]
fn an_older_keys_list_is_refused_after_a_newer_one() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v2-keys2"));
    let path = store_at_v1(&w, &server, "k.sqlite");
    server.serve_dir(&w.tmp.path().join("v2-keys2"));
    let store = Store::open(&path).expect("open");
    sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("keys v2 accepted");
    // Back to a server with keys version 1 and a newer manifest: the keys rollback is refused.
    copy_dir(&w.tmp.path().join("v2"), &w.tmp.path().join("v3-keys1"));
    let key = publish::read_key(&w.tmp.path().join("keys/publish.key")).expect("key");
    let keys1 = std::fs::read_to_string(w.tmp.path().join("keys/keys.json")).expect("keys");
    let (c, h) = content();
    publish::publish(
        &c,
        &h,
        &key,
        &keys1,
        &w.tmp.path().join("v3-keys1"),
        chrono::Utc::now() + chrono::Duration::days(3),
        Some(30),
    )
    .expect("publish");
    server.serve_dir(&w.tmp.path().join("v3-keys1"));
    let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).err().expect("refused");
    assert!(err.to_string().contains("ouder dan de bekende versie"), "{err}");
}

#[test]
fn a_kill_9_in_the_middle_of_an_apply_leaves_the_old_version() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "kill.sqlite");
    server.serve_dir(&w.tmp.path().join("v2"));
    std::fs::write(w.tmp.path().join("root.pub"), hex(w.root_pub.as_bytes())).expect("root.pub");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_palliwijzer"))
        .args(["sync", &server.url, "--store"])
        .arg(&path)
        .arg("--trust")
        .arg(w.tmp.path().join("root.pub"))
        .env("PALLIWIJZER_APPLY_PAUSE_MS", "20000")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut err = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    err.read_line(&mut line).expect("line");
    assert!(line.contains("apply: paused"), "{line}");
    child.kill().expect("kill -9");
    child.wait().expect("reaped");
    assert_eq!(version_of(&w, &path), 1, "the store holds the old version, whole");
    // And the next sync completes.
    let store = Store::open(&path).expect("open");
    assert!(sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("resync").changed);
    drop(store);
    assert_eq!(version_of(&w, &path), 2);
}

#[test]
fn a_seeded_run_of_120_random_faults_never_leaves_a_corrupt_or_mixed_store() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let dirs = ["v2", "older", "expired", "wrong-key", "wrong-root", "mixed", "v1"];
    let targets = ["objects/", "manifest.json", "keys.json", ""];
    let mut seed: u64 = 0x5eed_2026;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let (mut applied, mut refused) = (0, 0);
    let path = store_at_v1(&w, &server, "random.sqlite");
    for round in 0..120 {
        if round % 10 == 0 {
            std::fs::copy(w.tmp.path().join("template-v1.sqlite"), &path).expect("reset");
        }
        let fault = match next(8) {
            0 => Fault::CutAt(next(400) as usize),
            1 => Fault::Corrupt(next(5000) as usize),
            2 => Fault::Truncate,
            3 => Fault::Status(if next(2) == 0 { 500 } else { 503 }),
            4 => Fault::Oversized,
            5 => Fault::Drip,
            _ => Fault::None,
        };
        server.serve_dir(&w.tmp.path().join(dirs[next(dirs.len() as u64) as usize]));
        server.set(targets[next(targets.len() as u64) as usize], fault);
        let store = Store::open(&path).expect("open");
        match sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()) {
            Ok(_) => applied += 1,
            Err(_) => refused += 1,
        }
        drop(store);
        let v = version_of(&w, &path);
        assert!(v == 1 || v == 2);
    }
    server.set("", Fault::None);
    println!("120 faults: {applied} syncs completed, {refused} refused, 0 corrupt or mixed stores");
    assert!(refused > 20 && applied > 5, "the run exercised both paths: {applied} applied, {refused} refused");
}

#[allow(dead_code)]
fn read_all(mut r: impl Read) -> Vec<u8> {
    let mut v = Vec::new();
    let _ = r.read_to_end(&mut v);
    v
}
