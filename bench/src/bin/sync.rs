//! Sync bytes on the wire, against the real `palliwijzer serve --publish` (headers included):
//! nothing changed, one changed contact, one new document (each one version after the app's,
//! so the manifest's patch carries it), a full download; and the same at
//! national scale (synthetic corpus), with the publication's total compressed size.
//!
//! Run: `cargo run --release -p palliwijzer-bench --bin sync`

use palliwijzer::commands::DataSource;
use palliwijzer::publish;
use palliwijzer::state::StateDb;
use palliwijzer::web;
use palliwijzer_bench::synth;
use palliwijzer_core::model::{Content, Document};
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::client::{sync, Options};
use std::path::Path;

fn main() {
    if let Err(e) = bench() {
        eprintln!("bench sync: {e}");
        std::process::exit(1);
    }
}

struct Lab {
    dir: tempfile::TempDir,
    key: ed25519_dalek::SigningKey,
    keys_json: String,
    root: ed25519_dalek::VerifyingKey,
    url: String,
    _rt: tokio::runtime::Runtime,
    version: u64,
}

impl Lab {
    fn publish(&mut self, c: &Content, hash: &str) -> Result<u64, String> {
        self.version += 1;
        let out = self.dir.path().join("pub");
        let p = publish::publish(
            c,
            hash,
            &self.key,
            &self.keys_json,
            &out,
            chrono::Utc::now() + chrono::Duration::days(30),
            Some(self.version),
        )
        .map_err(|e| e.to_string())?;
        Ok(p.total_bytes)
    }

    fn sync(&self, store: &Store) -> Result<u64, String> {
        Ok(sync(store, &self.url, &self.root, chrono::Utc::now(), &Options::default())
            .map_err(|e| e.to_string())?
            .bytes)
    }
}

fn lab() -> Result<Lab, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    publish::generate_keys(&dir.path().join("keys"), chrono::Utc::now()).map_err(|e| e.to_string())?;
    let key = publish::read_key(&dir.path().join("keys/publish.key")).map_err(|e| e.to_string())?;
    let root = publish::read_key(&dir.path().join("keys/root.key")).map_err(|e| e.to_string())?.verifying_key();
    let keys_json = std::fs::read_to_string(dir.path().join("keys/keys.json")).map_err(|e| e.to_string())?;
    let state = StateDb::open(&dir.path().join("state.sqlite")).map_err(|e| e.to_string())?;
    let mut app = web::AppState::new(DataSource { db: None, content: None }.open().map_err(|e| e.to_string())?, state)
        .map_err(|e| e.to_string())?;
    app.publication = Some(dir.path().join("pub"));
    let (rt, site) = web::serve_in_background(app).map_err(|e| e.to_string())?;
    let url = format!("{site}/sync");
    Ok(Lab { dir, key, keys_json, root, url, _rt: rt, version: 0 })
}

fn one_change(c: &Content) -> Content {
    let mut c = c.clone();
    if let Some(x) = c.contacts.iter_mut().find(|x| x.id == "consultatie-palliatieve-zorg") {
        x.call_for.push_str(" Gewijzigd.");
    }
    c
}

fn new_document(c: &Content) -> Content {
    let mut c = c.clone();
    let mut d: Document = c.documents[0].clone();
    d.id = "nieuw-document".into();
    d.title = "Nieuw document".into();
    c.documents.push(d);
    c.sort_for_store();
    c
}

fn measure(label: &str, base: &Content) -> Result<(), String> {
    let mut lab = lab()?;
    let total = lab.publish(base, "a")?;
    let store_path = lab.dir.path().join("app.sqlite");
    let store = Store::create_empty(&store_path).map_err(|e| e.to_string())?;
    let full = lab.sync(&store)?;
    let nothing = lab.sync(&store)?;
    let changed = one_change(base);
    lab.publish(&changed, "b")?;
    let one = lab.sync(&store)?;
    lab.publish(&new_document(&changed), "c")?;
    let doc = lab.sync(&store)?;
    println!("{label}: publication {:.1} KB compressed", total as f64 / 1024.0);
    println!("  nothing changed: {nothing} bytes (target: 304s, <= 500 B)");
    println!("  one changed contact: {one} bytes = {:.2} KB (target <= 2 KB; the patch in the manifest)", one as f64 / 1024.0);
    println!("  one new document: {doc} bytes = {:.2} KB (target <= 3 KB)", doc as f64 / 1024.0);
    println!(
        "  full download: {:.1} KB; full / one change = {:.0} (target >= 100)",
        full as f64 / 1024.0,
        full as f64 / one as f64
    );
    Ok(())
}

fn bench() -> Result<(), String> {
    let today = chrono::Utc::now().date_naive();
    let loaded = palliwijzer_core::content::load_dir(Path::new(&palliwijzer::commands::default_content_dir()), today);
    measure("real content", &loaded.content)?;
    measure("national scale (synthetic)", &synth::national(&loaded.content, 7))?;
    Ok(())
}
