//! Static files, compiled into the binary: stylesheet, script, service worker, manifest.

use super::Shared;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const CSS: &str = include_str!("../../assets/app.css");
const JS: &str = include_str!("../../assets/app.js");
const SW: &str = include_str!("../../assets/sw.js");
const MANIFEST: &str = include_str!("../../assets/manifest.webmanifest");
/// The API description; a test checks it against the real routes.
pub const OPENAPI: &str = include_str!("../../assets/openapi.json");

/// The service worker with the content version in it: new content, new worker, new cache.
pub fn service_worker(version: &str) -> String {
    SW.replace("__VERSION__", version)
}

pub async fn file(State(s): State<Shared>, Path(name): Path<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "app.css" => (CSS, "text/css; charset=utf-8"),
        "app.js" => (JS, "text/javascript; charset=utf-8"),
        _ => return super::pages::not_found(State(s)).await,
    };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

pub async fn sw(State(s): State<Shared>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
        s.catalog().service_worker.clone(),
    )
        .into_response()
}

pub async fn manifest() -> Response {
    ([(header::CONTENT_TYPE, "application/manifest+json")], MANIFEST).into_response()
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Files of a publication, with ETags: `keys.json`, `manifest2.zst`, `manifest.zst`,
/// `objects/<sha256>`.
/// (Not tower-http's `ServeDir`: it offers no ETags, and the apps' "nothing changed" costs two
/// 304s only because of them.)
pub async fn publication(
    State(s): State<Shared>,
    Path(path): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some(dir) = &s.publication else { return super::pages::not_found(State(s.clone())).await };
    let object = path.strip_prefix("objects/").filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if !["keys.json", "manifest.zst", "manifest2.zst"].contains(&path.as_str()) && object.is_none() {
        return super::pages::not_found(State(s.clone())).await;
    }
    let Ok(bytes) = std::fs::read(dir.join(&path)) else {
        return super::pages::not_found(State(s.clone())).await;
    };
    // Half a SHA-256 is plenty to tell versions apart (what is fetched is checked by its
    // signature and full hash anyway), and every sync carries the tag twice.
    let tag = format!(
        "\"{}\"",
        object
            .map(|h| h[..32].to_string())
            .unwrap_or_else(|| palliwijzer_core::sync::format::sha256_hex(&bytes)[..32].to_string())
    );
    let cache = if object.is_some() { "public, max-age=31536000, immutable" } else { "no-cache" };
    let kind = match path.as_str() {
        "keys.json" => "application/json",
        "manifest.zst" | "manifest2.zst" => "application/zstd",
        _ => "application/octet-stream",
    };
    if super::etag::fresh(&headers, &tag) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag), (header::CACHE_CONTROL, cache.to_string())])
            .into_response();
    }
    (
        StatusCode::OK,
        [(header::ETAG, tag), (header::CACHE_CONTROL, cache.to_string()), (header::CONTENT_TYPE, kind.to_string())],
        bytes,
    )
        .into_response()
}
