//! Sync against a real HTTP server on loopback that injects faults: every refusal leaves the
//! store exactly as it was, and no fault ever produces a corrupt or mixed store.

use palliwijzer::publish;
use palliwijzer_bench::sync_lab::{
    check_store, content, copy_dir, resign, world, Fault, FaultDraw, FaultServer, World,
};
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::client::{sync, Options};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn opts() -> Options {
    Options { timeout: Duration::from_millis(1500), ..Default::default() }
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

/// `palliwijzer sync URL --store STORE --trust root.pub` (root.pub written by the caller).
fn cli_sync(w: &World, server: &FaultServer, store: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_palliwijzer"));
    c.args(["sync", &server.url, "--store"]).arg(store).arg("--trust").arg(w.tmp.path().join("root.pub"));
    c
}

/// A missing file is said in Dutch, with the path: never the operating system's English.
#[test]
fn a_missing_trust_file_or_key_is_said_in_dutch() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let missing = w.tmp.path().join("bestaat-niet.pub");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_palliwijzer"))
        .args(["sync", &server.url, "--store"])
        .arg(w.tmp.path().join("nieuw.sqlite"))
        .arg("--trust")
        .arg(&missing)
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("bestaat-niet.pub niet lezen: het bestand of de map bestaat niet"), "{said}");
    assert!(!said.contains("os error") && !said.contains("No such file"), "{said}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_palliwijzer"))
        .args(["publish", "--key"])
        .arg(w.tmp.path().join("geen.key"))
        .arg("--out")
        .arg(w.tmp.path().join("uit"))
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("geen.key") && said.contains("bestaat niet"), "{said}");
    assert!(!said.contains("os error"), "{said}");
}

/// The store is whole and of exactly one version; panics (fails the test) otherwise.
fn version_of(w: &World, path: &Path) -> u8 {
    check_store(w, path).unwrap_or_else(|e| panic!("{e}"))
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
    assert_eq!(one.objects_fetched, 4, "manifest, the index, one directory, one bucket");
    drop(store);
    assert_eq!(version_of(&w, &path), 2);
}

/// A publication from before the compact manifest (only `manifest.zst`, listing the
/// directories) still updates the app, and a second sync finds nothing changed.
#[test]
fn a_publication_without_the_compact_manifest_is_read_from_the_json_one() {
    use palliwijzer_core::sync::format::COMPACT_MANIFEST_FILE;
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "oud-formaat.sqlite");
    let old = w.tmp.path().join("v2-json-only");
    copy_dir(&w.tmp.path().join("v2"), &old);
    std::fs::remove_file(old.join(COMPACT_MANIFEST_FILE)).expect("remove");
    server.serve_dir(&old);
    let store = Store::open(&path).expect("open");
    let one = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("v2");
    assert!(one.changed && one.version == 20);
    assert_eq!(one.objects_fetched, 3, "manifest, one directory, one bucket");
    let same = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("no change");
    assert!(!same.changed && same.version == 20);
    assert_eq!(same.objects_fetched, 0, "a 404, then two 304s");
    drop(store);
    assert_eq!(version_of(&w, &path), 2);
}

#[test]
fn every_fault_is_refused_and_leaves_the_store_as_it_was() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let cases: Vec<(&str, &str, Fault, &str)> = vec![
        ("v2", "objects/", Fault::CutAt(10), "Offline"),
        ("v2", "manifest", Fault::CutAt(40), "Offline"),
        ("v2", "objects/", Fault::Corrupt(7), "Update geweigerd"),
        ("v2", "manifest", Fault::Corrupt(120), "Update geweigerd"),
        ("v2", "objects/", Fault::Truncate, "Update geweigerd"),
        ("v2", "manifest", Fault::Status(500), "Offline"),
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
    let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect_err("refused");
    assert!(err.to_string().contains("ouder dan de bekende versie"), "{err}");
}

#[test]
fn a_kill_9_in_the_middle_of_an_apply_leaves_the_old_version() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "kill.sqlite");
    server.serve_dir(&w.tmp.path().join("v2"));
    std::fs::write(w.tmp.path().join("root.pub"), hex::encode(w.root_pub.as_bytes())).expect("root.pub");
    let mut child = cli_sync(&w, &server, &path)
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
    let mut draw = FaultDraw::new(0x5eed_2026);
    let (mut applied, mut refused) = (0, 0);
    let path = store_at_v1(&w, &server, "random.sqlite");
    for round in 0..120 {
        if round % 10 == 0 {
            std::fs::copy(w.tmp.path().join("template-v1.sqlite"), &path).expect("reset");
        }
        let (dir, target, fault) = draw.draw();
        server.serve_dir(&w.tmp.path().join(dir));
        server.set(target, fault);
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

#[test]
fn a_rotated_publishing_key_is_accepted_and_the_retired_one_refused_without_an_app_update() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "rotate.sqlite");
    let t = w.tmp.path();
    let v = publish::rotate(
        &t.join("keys/root.key"),
        &t.join("keys/keys.json"),
        &t.join("rotated"),
        false,
        chrono::Utc::now(),
    )
    .expect("rotate");
    assert_eq!(v, 2);
    let new_key = publish::read_key(&t.join("rotated/publish.key")).expect("new key");
    let keys2 = std::fs::read_to_string(t.join("rotated/keys.json")).expect("keys");
    let (c, h) = content();
    publish::publish(
        &c,
        &h,
        &new_key,
        &keys2,
        &t.join("new"),
        chrono::Utc::now() + chrono::Duration::days(3),
        Some(60),
    )
    .expect("publish");
    server.serve_dir(&t.join("new"));
    let store = Store::open(&path).expect("open");
    let o = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("new key accepted");
    assert_eq!(o.version, 60);
    // The retired key signs a newer manifest next to the new keys.json: refused.
    let old_key = publish::read_key(&t.join("keys/publish.key")).expect("old key");
    publish::publish(
        &c,
        &h,
        &old_key,
        &keys2,
        &t.join("retired"),
        chrono::Utc::now() + chrono::Duration::days(3),
        Some(70),
    )
    .expect("publish");
    server.serve_dir(&t.join("retired"));
    let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect_err("refused");
    assert!(err.to_string().contains("sleutel die de root niet kent"), "{err}");
}

#[test]
fn palliwijzer_serve_hosts_a_publication_with_etags_so_an_unchanged_sync_is_two_304s() {
    use palliwijzer::commands::DataSource;
    let w = world();
    let state = palliwijzer::state::StateDb::open(&w.tmp.path().join("state.sqlite")).expect("state");
    let mut app =
        palliwijzer::web::AppState::new(DataSource { db: None, content: None }.open().expect("content"), state)
            .expect("app");
    app.publication = Some(w.tmp.path().join("v1"));
    let (_rt, site) = palliwijzer::web::serve_in_background(app).expect("serve");
    let url = format!("{site}/sync");
    let path = w.tmp.path().join("served.sqlite");
    let store = Store::create_empty(&path).expect("create");
    assert!(sync(&store, &url, &w.root_pub, chrono::Utc::now(), &opts()).expect("full").changed);
    let again = sync(&store, &url, &w.root_pub, chrono::Utc::now(), &opts()).expect("unchanged");
    assert!(!again.changed && again.objects_fetched == 0, "{again:?}");
    assert!(again.bytes <= 1024, "an unchanged sync cost {} bytes", again.bytes);
}

/// Attack review, break 1: new keys.json learned behind an unchanged manifest (a 304) must
/// be kept with its version, so the old keys.json (listing the revoked key) cannot come back.
#[test]
fn a_revoked_publishing_key_cannot_come_back_after_keys_were_learned_behind_a_304() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "revoked.sqlite");
    let t = w.tmp.path();
    publish::rotate(&t.join("keys/root.key"), &t.join("keys/keys.json"), &t.join("rotated"), false, chrono::Utc::now())
        .expect("rotate");
    // The same publication, only keys.json replaced by the rotated one: the manifest answers 304.
    copy_dir(&t.join("v1"), &t.join("keys-only"));
    std::fs::copy(t.join("rotated/keys.json"), t.join("keys-only/keys.json")).expect("keys");
    server.serve_dir(&t.join("keys-only"));
    let store = Store::open(&path).expect("open");
    let o = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("unchanged");
    assert!(!o.changed);
    assert_eq!(store.sync_meta().expect("meta").get("keys_version").map(String::as_str), Some("2"));

    // The old keys.json (version 1) with a newer manifest signed by the revoked key: refused.
    let (c, h) = content();
    let old_key = publish::read_key(&t.join("keys/publish.key")).expect("old key");
    let old_keys = std::fs::read_to_string(t.join("keys/keys.json")).expect("old keys");
    publish::publish(
        &c,
        &h,
        &old_key,
        &old_keys,
        &t.join("replay"),
        chrono::Utc::now() + chrono::Duration::days(3),
        Some(90),
    )
    .expect("publish");
    server.serve_dir(&t.join("replay"));
    let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect_err("refused");
    assert!(err.to_string().contains("ouder dan de bekende versie"), "{err}");
    assert_eq!(store.sync_meta().expect("meta").get("keys_version").map(String::as_str), Some("2"));
}

/// A copy of v1 whose manifest `f` rewrites, signed again with the valid key.
fn resigned(w: &World, name: &str, f: impl Fn(&mut serde_json::Value)) -> PathBuf {
    let t = w.tmp.path();
    let dir = t.join(name);
    copy_dir(&t.join("v1"), &dir);
    resign(w, &dir, f);
    dir
}

/// A manifest signed by a valid key whose directory entries are hostile: `f` rewrites them.
fn hostile(w: &World, name: &str, version: u64, f: impl Fn(&mut Vec<serde_json::Value>)) -> PathBuf {
    resigned(w, name, |m| {
        m["version"] = serde_json::json!(version);
        let mut dirs = m["dirs"].as_array().cloned().expect("dirs");
        f(&mut dirs);
        m["dirs"] = serde_json::Value::Array(dirs);
    })
}

/// Issue "A core a newcomer can change", item 2: a publication in a newer wire format is not
/// "onleesbaar": the app keeps its content, says to update the app, and shows it in its status.
#[test]
fn a_newer_wire_format_keeps_the_content_and_asks_for_an_app_update() {
    use palliwijzer_core::sync::{format::FORMAT, run, SyncResult};
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "formaat.sqlite");
    server.serve_dir(&resigned(&w, "newer-format", |m| {
        m["version"] = serde_json::json!(90);
        m["format"] = serde_json::json!(FORMAT + 1);
    }));
    let store = Store::open(&path).expect("open");
    let attempt = run(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("an outcome");
    assert_eq!(attempt.result, SyncResult::AppTooOld);
    assert!(attempt.message.contains("Werk de app bij"), "{}", attempt.message);
    let status = palliwijzer_core::view::SyncStatus::of(&store).expect("status");
    assert!(status.problem.is_some_and(|p| p.contains("Werk de app bij")));
    drop(store);
    assert_eq!(version_of(&w, &path), 1, "the content stays");
}

/// A publication directory whose previous manifest cannot be read is not taken for "no
/// previous version": publishing stops and says what to do.
#[test]
fn publishing_over_an_unreadable_previous_manifest_is_refused() {
    let w = world();
    let t = w.tmp.path();
    let out = t.join("kapot");
    copy_dir(&t.join("v1"), &out);
    std::fs::write(out.join("manifest.zst"), b"geen zstd").expect("damage");
    let key = publish::read_key(&t.join("keys/publish.key")).expect("key");
    let keys_json = std::fs::read_to_string(t.join("keys/keys.json")).expect("keys");
    let (c, h) = content();
    let later = chrono::Utc::now() + chrono::Duration::days(30);
    let err = publish::publish(&c, &h, &key, &keys_json, &out, later, None).err().expect("refused");
    assert!(matches!(err, publish::PublishError::PreviousUnreadable { .. }), "{err}");
    assert!(err.to_string().contains("onleesbaar"), "{err}");
}

/// Attack review, break 2: sizes a server declares are bounded and entries are unique; a
/// declared size of u64::MAX is refused in Dutch instead of panicking, and the store stays.
#[test]
fn declared_sizes_are_bounded_and_duplicate_entries_refused() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "sizes.sqlite");
    type Damage = Box<dyn Fn(&mut Vec<serde_json::Value>)>;
    let cases: Vec<(&str, Damage, &str)> = vec![
        ("huge", Box::new(|d| d[0][2] = serde_json::json!(u64::MAX)), "te groot"),
        ("eight-gib", Box::new(|d| d[0][2] = serde_json::json!(8u64 << 30)), "te groot"),
        (
            "duplicates",
            Box::new(|d| {
                let first = d[0].clone();
                d.extend(std::iter::repeat_n(first, 63));
            }),
            "dubbel",
        ),
    ];
    for (i, (name, f, words)) in cases.into_iter().enumerate() {
        server.serve_dir(&hostile(&w, name, 20 + i as u64, f));
        let store = Store::open(&path).expect("open");
        let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect_err("refused");
        assert!(err.to_string().contains(words), "{name}: {err}");
        assert_eq!(version_of(&w, &path), 1, "{name}: the store stays whole at its version");
    }
}

/// Attack review, break 3: a whole sync has a deadline (every request answered just in time
/// cannot keep a phone busy), and a first sync that is killed leaves no store file behind.
#[test]
fn a_whole_sync_has_a_deadline_and_a_killed_first_sync_leaves_no_store() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "deadline.sqlite");
    server.serve_dir(&w.tmp.path().join("v2"));
    server.set("objects/", Fault::Drip);
    let store = Store::open(&path).expect("open");
    let started = std::time::Instant::now();
    let slow = Options { timeout: Duration::from_secs(4), deadline: Duration::from_secs(2), ..Default::default() };
    let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &slow).expect_err("cut off");
    let took = started.elapsed();
    assert!(err.to_string().contains("duurde langer dan 2 seconden"), "{err}");
    assert!(took < Duration::from_millis(3500), "the deadline holds: {took:?}");
    drop(store);
    assert_eq!(version_of(&w, &path), 1);

    // A first sync into a new file, killed while objects trickle in: no store appears.
    std::fs::write(w.tmp.path().join("root.pub"), hex::encode(w.root_pub.as_bytes())).expect("root.pub");
    let fresh = w.tmp.path().join("eerste.sqlite");
    let mut child = cli_sync(&w, &server, &fresh).spawn().expect("spawn");
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().expect("kill -9");
    child.wait().expect("reaped");
    assert!(!fresh.exists(), "a killed first sync leaves no half-created store");
    server.set("", Fault::None);
    let ok = cli_sync(&w, &server, &fresh).output().expect("run");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(version_of(&w, &fresh), 2, "the next first sync completes");
}

/// Attack review, break 2 (the rest): with a valid signature, a server can still offer objects
/// that unpack to far more than they weigh. Objects are streamed to a file next to the store
/// and unpacked as a stream within a bound per object and per sync; the store stays at its
/// version, and no file is left behind.
#[test]
fn objects_that_unpack_too_large_are_refused_and_nothing_is_left_behind() {
    use palliwijzer_bench::sync_lab::{bomb, signed_with_objects};
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "bommen.sqlite");
    let cases = [
        ("one-bomb", vec![bomb(20 << 20)], "uitgepakt te groot"),
        (
            "many-bombs",
            vec![
                bomb(15 << 20),
                bomb((15 << 20) + 1),
                bomb((15 << 20) + 2),
                bomb((15 << 20) + 3),
                bomb((15 << 20) + 4),
            ],
            "te groot voor één keer bijwerken",
        ),
    ];
    for (i, (name, objects, words)) in cases.into_iter().enumerate() {
        server.serve_dir(&signed_with_objects(&w, name, 30 + i as u64, &objects));
        let store = Store::open(&path).expect("open");
        let err = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect_err("refused");
        assert!(err.to_string().contains(words), "{name}: {err}");
        drop(store);
        assert_eq!(version_of(&w, &path), 1, "{name}: the store stays whole at its version");
    }
    let left: Vec<String> = std::fs::read_dir(w.tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("ontvangst"))
        .collect();
    assert!(left.is_empty(), "spool files left behind: {left:?}");

    // Objects a refused sync already checked are kept by hash and not fetched again.
    server.serve_dir(&w.tmp.path().join("v2"));
    let store = Store::open(&path).expect("open");
    let o = sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts()).expect("v2 applies");
    assert!(o.changed && o.version == 20);
}

/// A server that answers every request with a redirect to `location` (`{port}` is replaced
/// by its own port).
fn redirecting(location: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let to = location.replace("{port}", &port.to_string());
            let _ = write!(s, "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// Attack review, also expected: sync speaks HTTPS (plain HTTP only on this machine), keeps
/// the origin it was given, never repeats credentials from the address, and says it in Dutch.
#[test]
fn sync_addresses_are_https_keep_their_origin_and_never_leak_credentials() {
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let path = store_at_v1(&w, &server, "adressen.sqlite");
    let port = server.url.rsplit(':').next().expect("port").to_string();
    let cases = [
        ("http://palliwijzer.example/sync".to_string(), "alleen https-adressen zijn toegestaan"),
        (format!("http://gebruiker:geheim@127.0.0.1:{port}"), "bevat een gebruikersnaam of wachtwoord"),
        (redirecting("http://127.0.0.2:{port}/keys.json"), "verwijst door naar een ander adres (http://127.0.0.2:"),
        (
            redirecting("https://aanvaller.example/keys.json"),
            "verwijst door naar een ander adres (https://aanvaller.example/",
        ),
        (redirecting("/weer/keys.json"), "te veel doorverwijzingen"),
    ];
    for (url, words) in cases {
        let store = Store::open(&path).expect("open");
        let err = sync(&store, &url, &w.root_pub, chrono::Utc::now(), &opts()).expect_err("refused");
        let text = err.to_string();
        assert!(text.contains(words), "{url}: {text}");
        assert!(!text.contains("geheim"), "{url}: the password is repeated: {text}");
        assert!(!text.to_lowercase().contains("redirect"), "{url}: not Dutch: {text}");
        drop(store);
        assert_eq!(version_of(&w, &path), 1);
    }
}
