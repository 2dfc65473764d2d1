//! Sync bytes on the wire, against the real `palliwijzer serve --publish` (headers included):
//! nothing changed, one changed contact, one new document (each one version after the app's,
//! so the manifest's patch carries it), a full download; and the same at
//! national scale (synthetic corpus), with the publication's total compressed size.
//!
//! Every figure is also counted on the wire by a TCP proxy between the app and the server
//! (both directions, requests included), with the number of connections a sync opened.
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

/// A loopback TCP proxy that counts every byte in both directions and every connection.
struct Counter {
    /// Bytes the app sent, and bytes it received.
    bytes: std::sync::Arc<[std::sync::atomic::AtomicU64; 2]>,
    connections: std::sync::Arc<std::sync::atomic::AtomicU64>,
    url: String,
}

impl Counter {
    fn start(upstream: std::net::SocketAddr) -> Result<Counter, String> {
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        let url = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
        let bytes = std::sync::Arc::new([std::sync::atomic::AtomicU64::new(0), std::sync::atomic::AtomicU64::new(0)]);
        let connections = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let (b, n) = (bytes.clone(), connections.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = std::net::TcpStream::connect(upstream) else { continue };
                n.fetch_add(1, Ordering::Relaxed);
                for (direction, (mut from, mut to)) in
                    [(client.try_clone(), server.try_clone()), (server.try_clone(), client.try_clone())]
                        .into_iter()
                        .enumerate()
                        .filter_map(|(d, (a, b))| Some((d, (a.ok()?, b.ok()?))))
                {
                    let b = b.clone();
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16 * 1024];
                        while let Ok(k) = std::io::Read::read(&mut from, &mut buf) {
                            if k == 0 || std::io::Write::write_all(&mut to, &buf[..k]).is_err() {
                                break;
                            }
                            b[direction].fetch_add(k as u64, Ordering::Relaxed);
                        }
                        let _ = to.shutdown(std::net::Shutdown::Write);
                    });
                }
            }
        });
        Ok(Counter { bytes, connections, url })
    }

    /// Bytes since the last call, and the connections opened.
    fn take(&self) -> Wire {
        use std::sync::atomic::Ordering;
        Wire {
            sent: self.bytes[0].swap(0, Ordering::Relaxed),
            received: self.bytes[1].swap(0, Ordering::Relaxed),
            connections: self.connections.swap(0, Ordering::Relaxed),
        }
    }
}

/// What one sync cost on the wire.
#[derive(Clone, Copy)]
struct Wire {
    sent: u64,
    received: u64,
    connections: u64,
}

impl std::fmt::Display for Wire {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} B on the wire ({} received, {} sent) in {} connection(s)",
            self.sent + self.received,
            self.received,
            self.sent,
            self.connections
        )
    }
}

struct Lab {
    dir: tempfile::TempDir,
    key: ed25519_dalek::SigningKey,
    keys_json: String,
    root: ed25519_dalek::VerifyingKey,
    url: String,
    counter: Counter,
    _rt: tokio::runtime::Runtime,
    version: u64,
}

impl Lab {
    /// Publishes `c` under a content hash as long as a real one (64 hex digits, as
    /// `content::load_dir` makes), so the manifests weigh what they will.
    fn publish(&mut self, c: &Content, label: &str) -> Result<u64, String> {
        let hash = palliwijzer_core::sync::format::sha256_hex(label.as_bytes());
        let hash = hash.as_str();
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

    /// One sync: the client's own count, and what the proxy counted on the wire.
    fn sync(&self, store: &Store) -> Result<(u64, Wire), String> {
        self.counter.take();
        let own = sync(store, &self.url, &self.root, chrono::Utc::now(), &Options::default())
            .map_err(|e| e.to_string())?
            .bytes;
        // Let the proxy's threads pass on the last bytes.
        std::thread::sleep(std::time::Duration::from_millis(50));
        Ok((own, self.counter.take()))
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
    let upstream: std::net::SocketAddr =
        site.trim_start_matches("http://").parse().map_err(|e: std::net::AddrParseError| e.to_string())?;
    let counter = Counter::start(upstream)?;
    let url = format!("{}/sync", counter.url);
    Ok(Lab { dir, key, keys_json, root, url, counter, _rt: rt, version: 0 })
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
    let wire = |(own, wire): (u64, Wire)| format!("{own} B counted by the app; {wire}");
    println!("{label}: publication {:.1} KB compressed", total as f64 / 1024.0);
    println!("  nothing changed (target <= 500 B): {}", wire(nothing));
    println!("  one changed contact (target <= 2 KB; the patch in the manifest): {}", wire(one));
    println!("  one new document (target <= 3 KB): {}", wire(doc));
    println!(
        "  full download: {}; full / one change = {:.0} (target >= 100)",
        wire(full),
        full.0 as f64 / one.0 as f64
    );
    Ok(())
}

/// The same sequence over HTTPS, as a web server or CDN would host the publication: nginx
/// serving the static files with TLS, the byte counter between it and the app.
fn measure_https(label: &str, base: &Content) -> Result<(), String> {
    palliwijzer_bench::need("nginx", "nginx")?;
    let mut lab = lab()?;
    lab.publish(base, "a")?;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        l.local_addr().map_err(|e| e.to_string())?.port()
    };
    let (_nginx, root_der) =
        palliwijzer_bench::nginx_tls(&lab.dir.path().join("pub"), &lab.dir.path().join("tls"), port)?;
    let counter = Counter::start(([127, 0, 0, 1], port).into())?;
    let url = format!("{}/", counter.url.replace("http://", "https://"));
    let options = Options { test_root: Some(root_der), ..Options::default() };
    let store = Store::create_empty(&lab.dir.path().join("app-https.sqlite")).map_err(|e| e.to_string())?;
    let root = lab.root;
    let run = |store: &Store| -> Result<Wire, String> {
        counter.take();
        sync(store, &url, &root, chrono::Utc::now(), &options).map_err(|e| e.to_string())?;
        std::thread::sleep(std::time::Duration::from_millis(50));
        Ok(counter.take())
    };
    let full = run(&store)?;
    let nothing = run(&store)?;
    let changed = one_change(base);
    lab.publish(&changed, "b")?;
    let one = run(&store)?;
    lab.publish(&new_document(&changed), "c")?;
    let doc = run(&store)?;
    println!("{label} over HTTPS (nginx serving the files with TLS, a new connection per sync):");
    println!("  nothing changed: {nothing}");
    println!("  one changed contact: {one}");
    println!("  one new document: {doc}");
    println!("  full download: {full}");
    Ok(())
}

fn bench() -> Result<(), String> {
    let today = chrono::Utc::now().date_naive();
    let loaded = palliwijzer_core::content::load_dir(Path::new(&palliwijzer::commands::default_content_dir()), today);
    measure("real content", &loaded.content)?;
    let national = synth::national(&loaded.content, 7);
    measure("national scale (synthetic)", &national)?;
    measure_https("national scale (synthetic)", &national)?;
    Ok(())
}
