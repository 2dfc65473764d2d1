//! Pages rendered once. Content changes only when the server starts on new content, so a
//! finished response (compressed as the client asked) is kept and served again until what
//! could change it changes: the path and query, the encodings the client accepts, the
//! remembered region (the start page offers "Verder met ..."), today's date (overdue marks),
//! and, for the hospice pages that show beds, the availability version and the minute (each
//! figure says how old it is). Every availability save makes older entries unreachable, and
//! they are dropped.
//!
//! Never kept: anything but a GET answered 200, coordinator and redactie pages, the report
//! form, the API, sync files, the
//! "nu" page (the clock decides its order) and the health check.

use super::Shared;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;

/// Entries kept at most; a full cache starts over (search queries are many and rare).
const MAX_ENTRIES: usize = 4096;
/// The largest response kept (the largest page today is about 60 KB uncompressed).
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    accept_encoding: String,
    region: Option<String>,
    day: String,
    /// For pages that show beds: the availability version and the minute.
    live: Option<(u64, i64)>,
}

struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: axum::body::Bytes,
}

/// Kept responses, for one data version.
#[derive(Default)]
pub struct PageCache {
    pages: Mutex<(u64, HashMap<Key, std::sync::Arc<Page>>)>,
}

impl PageCache {
    fn get(&self, data_version: u64, key: &Key) -> Option<std::sync::Arc<Page>> {
        let pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        if pages.0 != data_version {
            return None;
        }
        pages.1.get(key).cloned()
    }

    fn put(&self, data_version: u64, key: Key, page: Page) {
        let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        if pages.0 != data_version || pages.1.len() >= MAX_ENTRIES {
            *pages = (data_version, HashMap::new());
        }
        pages.1.insert(key, std::sync::Arc::new(page));
    }
}

/// What a request's answer depends on, or `None` when it is never kept.
fn key_for(s: &Shared, req: &Request) -> Option<Key> {
    if req.method() != axum::http::Method::GET {
        return None;
    }
    let path = req.uri().path();
    // Pages for a logged-in person (coordinator, redactie) are theirs alone.
    let never =
        ["/coordinator", "/redactie", "/melden", "/api/", "/sync/", "/gezond"].iter().any(|p| path.starts_with(p));
    let segments: Vec<&str> = path.split('/').collect();
    let clock_decides = matches!(segments.as_slice(), ["", "r", _, "nu"]);
    if never || clock_decides {
        return None;
    }
    let accept_encoding = header_text(req.headers(), header::ACCEPT_ENCODING)?;
    let region = axum_extra::extract::cookie::CookieJar::from_headers(req.headers())
        .get("regio")
        .map(|c| c.value().to_string())
        .filter(|r| s.catalog().region_ids.contains(r));
    let now = chrono::Utc::now();
    let live =
        matches!(segments.as_slice(), ["", "r", _, "hospices"]).then(|| (s.data_version(), now.timestamp() / 60));
    Some(Key {
        path_and_query: req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default(),
        accept_encoding,
        region,
        day: palliwijzer_core::view::Views::today_in_nl().to_string(),
        live,
    })
}

/// A header as text, empty when absent; `None` when it is too long to be a browser's.
fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    let text = headers.get(name).map(|v| v.to_str().unwrap_or("?")).unwrap_or("").to_string();
    (text.len() <= 200).then_some(text)
}

/// The middleware: a kept page, or the page made now and kept.
pub async fn layer(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let Some(key) = key_for(&s, &req) else { return next.run(req).await };
    let version = s.data_version();
    if let Some(page) = s.pages.get(version, &key) {
        let mut res = (page.status, Body::from(page.body.clone())).into_response();
        *res.headers_mut() = page.headers.clone();
        return res;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => {
            let page = Page { status: parts.status, headers: parts.headers.clone(), body: bytes.clone() };
            s.pages.put(version, key, page);
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => super::error::WebError::Internal(format!("pagina te groot om te bewaren: {e}")).into_response(),
    }
}
