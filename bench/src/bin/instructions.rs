//! Work that `scripts/callgrind` counts in instructions (valgrind --tool=callgrind) and in
//! system calls (strace), figures that do not move with machine noise. Each operation runs
//! once inside [`measured`]; the script counts only there.
//!
//! - `instructions prepare DIR`: the national-scale corpus as a store, and a publication of
//!   it in two versions that differ in one contact, plus a store synced to the first.
//! - `instructions OP DIR [URL]`, OP one of `open-wie-bel-ik`, `first-search` (the first of a
//!   process, which loads what search needs), `search` ("consultatie palliatieve zorg", or
//!   the query in `PW_QUERY`, to count one query at a time), `search-all` (the search bench's
//!   32 queries), `search-all-after-syncs` (the same after 16 one-contact syncs applied to a
//!   copy of the store), `nu`, `sync-one` and `sync-patch` (URL: where DIR is served). `sync-one`
//!   syncs from `pub-v2`, the second version published into a folder of its own: no patch,
//!   the sync goes through the tree. `sync-patch` syncs from `pub-patch`, where the second
//!   version was published over the first, as a publisher does: the manifest's patch.

use palliwijzer::publish;
use palliwijzer_bench::synth;
#[path = "../queries.rs"]
mod queries;
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::client::{sync, Options};
use palliwijzer_core::view::Views;
use queries::QUERIES;
use std::path::Path;

const REGION: &str = "noord-holland-zuid";

/// The one call whose instructions count. Never inlined, so callgrind can find it by name.
/// It is marked for strace too: a look at a path that is never there before and after, so
/// the script counts the system calls in between.
#[inline(never)]
fn measured<T>(f: impl FnOnce() -> T) -> T {
    let _ = std::fs::metadata("/palliwijzer-measured-begin");
    let out = std::hint::black_box(f());
    let _ = std::fs::metadata("/palliwijzer-measured-end");
    out
}

fn prepare(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let real = palliwijzer_bench::sync_lab::content().0;
    let v1 = synth::national(&real, 7);
    let hash = "national-v1";
    Store::build(&v1, hash, &dir.join("store.sqlite")).map_err(|e| e.to_string())?;
    let now = chrono::Utc::now();
    publish::generate_keys(&dir.join("keys"), now).map_err(|e| e.to_string())?;
    let key = publish::read_key(&dir.join("keys/publish.key")).map_err(|e| e.to_string())?;
    let keys_json = std::fs::read_to_string(dir.join("keys/keys.json")).map_err(|e| e.to_string())?;
    let later = now + chrono::Duration::days(365);
    let mut v2 = v1.clone();
    let contact = v2.contacts.iter_mut().find(|c| c.id == "consultatie-palliatieve-zorg").ok_or("no contact")?;
    contact.call_for.push_str(" (gewijzigd)");
    publish::publish(&v1, hash, &key, &keys_json, &dir.join("pub-v1"), later, Some(1)).map_err(|e| e.to_string())?;
    publish::publish(&v2, "national-v2", &key, &keys_json, &dir.join("pub-v2"), later, Some(2))
        .map_err(|e| e.to_string())?;
    // Version 2 published over version 1, as a publisher does: its manifest carries the patch.
    publish::publish(&v1, hash, &key, &keys_json, &dir.join("pub-patch"), later, Some(1)).map_err(|e| e.to_string())?;
    publish::publish(&v2, "national-v2", &key, &keys_json, &dir.join("pub-patch"), later, Some(2))
        .map_err(|e| e.to_string())?;
    // A store at version 1, synced from a server of our own.
    let state = palliwijzer::state::StateDb::open(&dir.join("state.sqlite")).map_err(|e| e.to_string())?;
    let data = palliwijzer::commands::DataSource { db: Some(dir.join("store.sqlite")), content: None };
    let mut app =
        palliwijzer::web::AppState::new(data.open().map_err(|e| e.to_string())?, state).map_err(|e| e.to_string())?;
    app.publication = Some(dir.join("pub-v1"));
    let (_rt, site) = palliwijzer::web::serve_in_background(app).map_err(|e| e.to_string())?;
    let at_v1 = Store::create_empty(&dir.join("at-v1.sqlite")).map_err(|e| e.to_string())?;
    sync(&at_v1, &format!("{site}/sync"), &root(dir)?, now, &Options::default()).map_err(|e| e.to_string())?;
    Ok(())
}

fn root(dir: &Path) -> Result<ed25519_dalek::VerifyingKey, String> {
    let text = std::fs::read_to_string(dir.join("keys/root.pub")).map_err(|e| e.to_string())?;
    palliwijzer_core::sync::format::verifying_key(&text).map_err(|e| e.to_string())
}

fn run(op: &str, dir: &Path, url: Option<&str>) -> Result<String, String> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).ok_or("date")?;
    match op {
        "open-wie-bel-ik" => {
            let rows = measured(|| {
                let store = Store::open(&dir.join("store.sqlite")).map_err(|e| e.to_string())?;
                let view = Views::new(&store, today).wie_bel_ik(REGION).map_err(|e| e.to_string())?;
                Ok::<_, String>(view.groups.iter().map(|g| g.rows.len()).sum::<usize>())
            })?;
            Ok(format!("{rows} contacts"))
        }
        "first-search" => {
            let store = Store::open(&dir.join("store.sqlite")).map_err(|e| e.to_string())?;
            let views = Views::new(&store, today);
            let found = measured(|| views.search("hospice", Some(REGION))).map_err(|e| e.to_string())?;
            Ok(format!("{} groups", found.groups.len()))
        }
        "search" | "search-all" | "nu" | "search-all-after-syncs" => {
            let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
            let path = if op == "search-all-after-syncs" {
                // 16 syncs that each rename a contact, applied as a sync applies them (only the
                // changed rows go into the index): the index then holds the segments they add.
                let copy = tmp.path().join("store.sqlite");
                std::fs::copy(dir.join("store.sqlite"), &copy).map_err(|e| e.to_string())?;
                let store = Store::open(&copy).map_err(|e| e.to_string())?;
                let mut content = store.load_content().map_err(|e| e.to_string())?;
                for i in 0..16 {
                    let n = content.contacts.len();
                    let contact = &mut content.contacts[(i * 97) % n];
                    contact.name = format!("{} (versie {i})", contact.name);
                    store.apply_sync(&content, &format!("renamed-{i}"), &[], &[], None).map_err(|e| e.to_string())?;
                }
                copy
            } else {
                dir.join("store.sqlite")
            };
            let op = if op == "search-all-after-syncs" { "search-all" } else { op };
            let store = Store::open(&path).map_err(|e| e.to_string())?;
            let views = Views::new(&store, today);
            // The first search of a process is counted on its own (`first-search`).
            views.search("hospice", Some(REGION)).map_err(|e| e.to_string())?;
            if op == "search-all" {
                let results = measured(|| {
                    QUERIES.iter().map(|(q, _)| views.search(q, Some(REGION))).collect::<Result<Vec<_>, _>>()
                })
                .map_err(|e| e.to_string())?;
                Ok(format!("{} searches", results.len()))
            } else if op == "search" {
                let q = std::env::var("PW_QUERY").unwrap_or("consultatie palliatieve zorg".into());
                let found = measured(|| views.search(&q, Some(REGION))).map_err(|e| e.to_string())?;
                Ok(format!("{} groups", found.groups.len()))
            } else {
                let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T23:00:00+01:00")
                    .map_err(|e| e.to_string())?
                    .with_timezone(&chrono::Utc);
                // The first view of a process loads the public-holiday table (opening-hours):
                // about 32 million instructions, once. Counted here: a view after that.
                views.now(REGION, at).map_err(|e| e.to_string())?;
                let now = measured(|| views.now(REGION, at)).map_err(|e| e.to_string())?;
                Ok(format!("{} rows", now.rows.len()))
            }
        }
        "sync-one" | "sync-patch" => {
            let url = url.ok_or("sync-one and sync-patch need the URL where the folder is served")?;
            let url = format!("{url}/{}", if op == "sync-one" { "pub-v2" } else { "pub-patch" });
            let url = url.as_str();
            let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
            let copy = tmp.path().join("store.sqlite");
            std::fs::copy(dir.join("at-v1.sqlite"), &copy).map_err(|e| e.to_string())?;
            let store = Store::open(&copy).map_err(|e| e.to_string())?;
            let root = root(dir)?;
            let now = chrono::Utc::now();
            let outcome = measured(|| sync(&store, url, &root, now, &Options::default())).map_err(|e| e.to_string())?;
            Ok(format!("version {}, {} objects", outcome.version, outcome.objects_fetched))
        }
        other => Err(format!("unknown operation {other}")),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("prepare") if args.len() == 3 => prepare(Path::new(&args[2])).map(|()| "prepared".to_string()),
        Some(op) if args.len() >= 3 => run(op, Path::new(&args[2]), args.get(3).map(String::as_str)),
        _ => Err("usage: instructions prepare DIR | instructions OP DIR [URL]".into()),
    };
    match result {
        Ok(said) => println!("{said}"),
        Err(e) => {
            eprintln!("instructions: {e}");
            std::process::exit(1);
        }
    }
}
