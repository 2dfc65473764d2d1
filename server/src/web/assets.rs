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
        s.service_worker.clone(),
    )
        .into_response()
}

pub async fn manifest() -> Response {
    ([(header::CONTENT_TYPE, "application/manifest+json")], MANIFEST).into_response()
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
