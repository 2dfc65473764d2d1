//! The website: the same core view models, drawn as HTML. No business rule lives here;
//! handlers ask the core for a view model and hand it to a template.

mod assets;
mod availability;
mod coordinator;
mod error;
mod etag;
mod layout;
mod middleware;
mod page_cache;
mod pages;
mod redactie;
mod redactie_edit;
mod redactie_import;
mod redactie_new;
mod reports;
mod session;
mod urls;

use crate::opened::Opened;
use crate::state::StateDb;
use axum::routing::get;
use axum::Router;
use palliwijzer_core::model::{Content, Facility, ItemKind};
use palliwijzer_core::store::Store;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

/// What the served content says, made once per content and replaced whole when a national
/// editor publishes from the redactie.
pub struct Catalog {
    /// First characters of the content hash: the content version users see.
    pub version: String,
    /// The service worker, with this content version baked in.
    service_worker: String,
    /// Every facility in the content.
    pub facilities: Vec<Facility>,
    /// Region ids, to validate `?regio=`.
    pub region_ids: Vec<String>,
    /// Every item users can report about, with its region (`None`: national).
    reportable: HashMap<(ItemKind, String), Option<String>>,
}

impl Catalog {
    fn of(store: &Store) -> Result<Catalog, palliwijzer_core::CoreError> {
        let version: String = store.content_hash()?.chars().take(10).collect();
        let content = store.load_content()?;
        let mut reportable = HashMap::new();
        for c in &content.contacts {
            reportable.insert((ItemKind::Contact, c.id.clone()), c.region.clone());
        }
        for f in &content.facilities {
            reportable.insert((ItemKind::Facility, f.id.clone()), Some(f.region.clone()));
        }
        for d in &content.documents {
            reportable.insert((ItemKind::Document, d.id.clone()), None);
        }
        Ok(Catalog {
            service_worker: assets::service_worker(&version),
            version,
            region_ids: content.regions.iter().map(|r| r.id.clone()).collect(),
            facilities: content.facilities,
            reportable,
        })
    }

    /// The region of a reportable item (`Some(None)`: national), if it exists.
    pub fn region_of(&self, kind: ItemKind, id: &str) -> Option<Option<String>> {
        self.reportable.get(&(kind, id.to_string())).cloned()
    }
}

/// What every request can reach.
pub struct AppState {
    /// One connection per core: requests on different threads do not wait for each other.
    stores: Vec<Mutex<Store>>,
    /// What the served content says (see [`AppState::catalog`]).
    catalog: RwLock<Arc<Catalog>>,
    /// Accounts, sessions, availability and audit log.
    pub state: StateDb,
    /// Grows with every saved availability update and every new content; part of the feed's
    /// ETag and of every kept page's validity.
    data_version: AtomicU64,
    /// Differs per start, so ETags of an earlier run never match.
    nonce: String,
    /// The feed per region filter, serialized without the server time, for a data version.
    feed_cache: Mutex<HashMap<Option<String>, (u64, availability::Facilities)>>,
    /// A publication (`palliwijzer publish --out`) served under `/sync/`.
    pub publication: Option<std::path::PathBuf>,
    /// Finished responses, made once (see `page_cache`).
    pages: page_cache::PageCache,
    /// The content folder the redactie edits (none when serving a built database).
    pub content_repo: Option<crate::content_repo::ContentRepo>,
    /// The publishing key the national redactie publishes with (keys.json next to it).
    pub publish_key: Option<std::path::PathBuf>,
    /// One approval or publication at a time: each reads and writes the content folder.
    editing: Mutex<()>,
    /// Keeps the store built on the fly (the one being served) alive.
    opened: Mutex<Option<tempfile::TempDir>>,
}

pub type Shared = Arc<AppState>;

/// Runs blocking work (SQLite, argon2) from a handler without stalling the runtime: the
/// worker thread hands its other tasks to the rest of the pool while `f` runs. Requires the
/// multi-threaded runtime, which `serve` and every test use.
pub(crate) fn blocking<T>(f: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(f)
}

impl AppState {
    pub fn new(opened: Opened, state: StateDb) -> Result<Self, palliwijzer_core::CoreError> {
        let extra = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).saturating_sub(1);
        let catalog = Catalog::of(&opened.store)?;
        let mut stores = vec![Mutex::new(opened.store)];
        for _ in 0..extra {
            stores.push(Mutex::new(Store::open(&opened.path)?));
        }
        Ok(AppState {
            catalog: RwLock::new(Arc::new(catalog)),
            stores,
            state,
            data_version: AtomicU64::new(1),
            nonce: crate::state::random_hex(4),
            feed_cache: Mutex::new(HashMap::new()),
            publication: None,
            pages: page_cache::PageCache::default(),
            content_repo: opened.content.map(crate::content_repo::ContentRepo::new),
            publish_key: None,
            editing: Mutex::new(()),
            opened: Mutex::new(opened.dir),
        })
    }

    /// What the served content says now.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.catalog.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Serves `content` from now on (after a publication from the redactie): it is built into
    /// a new store file, then every connection and the catalog are swapped, and pages made
    /// from the old content are no longer served. A request sees the old content or the new,
    /// never a mix within one connection.
    pub fn serve_content(&self, content: &Content, content_hash: &str) -> Result<(), palliwijzer_core::CoreError> {
        let dir = tempfile::tempdir().map_err(|e| palliwijzer_core::CoreError::Write {
            path: std::env::temp_dir().display().to_string(),
            detail: e.to_string(),
        })?;
        let path = dir.path().join("palliwijzer.sqlite");
        Store::build(content, content_hash, &path)?;
        let mut fresh = Vec::with_capacity(self.stores.len());
        for _ in 0..self.stores.len() {
            fresh.push(Store::open(&path)?);
        }
        let catalog = Catalog::of(&fresh[0])?;
        for (slot, store) in self.stores.iter().zip(fresh) {
            *slot.lock().unwrap_or_else(|p| p.into_inner()) = store;
        }
        *self.catalog.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalog);
        // No connection uses the old file any more: its folder goes.
        *self.opened.lock().unwrap_or_else(|p| p.into_inner()) = Some(dir);
        self.availability_changed();
        Ok(())
    }

    pub fn data_version(&self) -> u64 {
        self.data_version.load(Ordering::Acquire)
    }

    /// Call after every saved availability update (and new content): feeds, ETags and kept
    /// pages change.
    pub fn availability_changed(&self) {
        self.data_version.fetch_add(1, Ordering::AcqRel);
    }

    /// A free connection if there is one, else waits for one.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        for s in &self.stores {
            if let Ok(guard) = s.try_lock() {
                return guard;
            }
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let i = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % self.stores.len();
        self.stores[i].lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(pages::start))
        .route("/regio", get(pages::find_region))
        .route("/r/{region}", get(pages::region_home))
        .route("/r/{region}/wie-bel-ik", get(pages::wie_bel_ik))
        .route("/r/{region}/nu", get(pages::now))
        .route("/r/{region}/contact/{id}", get(pages::contact))
        .route("/r/{region}/hospices", get(pages::hospices))
        .route("/r/{region}/zorgpad", get(pages::zorgpad))
        .route("/r/{region}/zorgpad/{phase}", get(pages::phase))
        .route("/r/{region}/onderwerp/{topic}", get(pages::topic))
        .route("/r/{region}/beslisboom", get(pages::beslisboom_start))
        .route("/r/{region}/beslisboom/{node}", get(pages::beslisboom_step))
        .route("/r/{region}/hulpmiddelen", get(pages::hulpmiddelen))
        .route("/r/{region}/zoeken", get(pages::search))
        .route("/documenten", get(pages::documents))
        .route("/documenten/{id}", get(pages::document))
        .route("/begrippen", get(pages::glossary))
        .route("/offline-lijst.json", get(pages::offline_list))
        .route("/offline", get(pages::offline))
        .route("/sw.js", get(assets::sw))
        .route("/manifest.webmanifest", get(assets::manifest))
        .route("/static/{file}", get(assets::file))
        .route("/gezond", get(|| async { "ok" }))
        .route("/api/v1/beschikbaarheid", get(availability::feed))
        .route("/api/v1/beschikbaarheid/{facility}", axum::routing::post(availability::update))
        .route("/api/v1/openapi.json", get(assets::openapi))
        .route("/sync/{*path}", get(assets::publication))
        .route("/coordinator", get(coordinator::login_page))
        .route("/coordinator/inloggen", axum::routing::post(coordinator::login))
        .route("/coordinator/beschikbaarheid", get(coordinator::form).post(coordinator::save))
        .route("/coordinator/uitloggen", axum::routing::post(coordinator::logout))
        .route("/melden", get(reports::form).post(reports::send))
        .route(
            "/api/v1/meldingen",
            axum::routing::post(reports::receive).layer(axum::extract::DefaultBodyLimit::max(reports::MAX_BODY_BYTES)),
        )
        .route("/redactie", get(redactie::overview))
        .route("/redactie/inloggen", axum::routing::post(redactie::login))
        .route("/redactie/uitloggen", axum::routing::post(redactie::logout))
        .route("/redactie/publiceren", axum::routing::post(redactie::publish))
        .route("/redactie/melding/{id}/klopt", axum::routing::post(redactie::report_fine))
        .route("/redactie/voorstel/{id}", get(redactie_edit::proposal))
        .route("/redactie/voorstel/{id}/goedkeuren", axum::routing::post(redactie_edit::approve))
        .route("/redactie/voorstel/{id}/afwijzen", axum::routing::post(redactie_edit::reject))
        .route("/redactie/import", get(redactie_import::page_get).post(redactie_import::page_post))
        .route("/redactie/nieuw", get(redactie_new::form).post(redactie_new::save))
        .route("/redactie/{kind}/{id}/verwijderen", axum::routing::post(redactie_edit::remove))
        .route("/redactie/{kind}/{id}", get(redactie_edit::form).post(redactie_edit::save))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), pages::keep_region_when_not_found))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        // Published manifests are zstd already: compressing them again only costs time, and
        // the `vary` header it adds costs every app's sync 24 bytes.
        .layer(tower_http::compression::CompressionLayer::new().compress_when({
            use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
            DefaultPredicate::new().and(NotForContentType::const_new("application/zstd"))
        }))
        .layer(axum::middleware::from_fn_with_state(state.clone(), page_cache::layer))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(error::panic_response))
        .layer(axum::middleware::from_fn(middleware::log_request))
        .with_state(state)
}

/// How long a client may take. The review found idle and half-sent connections open past
/// 65 s: each one holds a socket and memory an attacker can multiply.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// To send a request's headers, and between requests on a kept-alive connection.
    pub header: std::time::Duration,
    /// To send a request's body.
    pub body: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { header: std::time::Duration::from_secs(10), body: std::time::Duration::from_secs(20) }
    }
}

/// Serves until Ctrl-C. Prints where, so a person can open it.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    println!("Palliwijzer draait op http://{local}/ (inhoud versie {})", state.catalog().version);
    let app = router(Arc::new(state));
    serve_on(listener, app, Limits::default(), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// The website of `state` on a free loopback port, served from a runtime of its own in the
/// background (for tests and benches). Returns the runtime (serving stops when it is dropped)
/// and the address, "http://127.0.0.1:PORT".
pub fn serve_in_background(state: AppState) -> std::io::Result<(tokio::runtime::Runtime, String)> {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let url = format!("http://{}", listener.local_addr()?);
    rt.spawn(serve_on(listener, router(Arc::new(state)), Limits::default(), std::future::pending()));
    Ok((rt, url))
}

/// Ends a background task when the server stops.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Serves `app` on `listener` over HTTP/1.1 within `limits` until `stop` completes. Each
/// request carries the peer's address (`ConnectInfo`), as login throttling needs it.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use tower::ServiceExt;
    let app = app.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(limits.body));
    let flusher = tokio::spawn(middleware::flush_log_regularly());
    let _stop_flushing = AbortOnDrop(flusher);
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of file descriptors and the like: wait a moment instead of spinning.
                Err(e) => {
                    eprintln!("verbinding niet aangenomen: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => {
                middleware::flush_log();
                return Ok(());
            }
        };
        let service = app.clone().map_request(move |mut req: axum::http::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            req.map(axum::body::Body::new)
        });
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(limits.header);
            let conn = http.serve_connection(
                hyper_util::rt::TokioIo::new(stream),
                hyper_util::service::TowerToHyperService::new(service),
            );
            // A client that goes away or is cut off by a limit is not an error worth a line.
            let _ = conn.await;
        });
    }
}
