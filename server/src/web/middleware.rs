//! What every response carries (security headers) and what every request leaves behind
//! (one log line).

use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// A strict policy: only our own scripts and styles, no inline code, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";

/// Every response gets `nosniff` and a resource policy; pages (HTML) also the policy that
/// governs scripts, framing and referrers. JSON and sync objects stay small: a phone syncing
/// over a weak connection pays for every header byte.
pub async fn security_headers(req: Request, next: Next) -> Response {
    // Pages behind a login are never kept: not by the browser, not by a proxy.
    let private = req.uri().path().starts_with("/coordinator");
    let mut res = next.run(req).await;
    if private {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    if html {
        // Browsers heed this only over HTTPS (behind the TLS proxy); once seen, they never
        // again send a password or session cookie to this site in plain HTTP.
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        h.insert(
            "permissions-policy",
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        );
        h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    }
    res
}

/// Request lines go through one buffer that is written out when full and every quarter
/// second (`flush_log_regularly`): under load, logging is not a write to stdout per request.
static LOG: std::sync::LazyLock<std::sync::Mutex<std::io::BufWriter<std::io::Stdout>>> =
    std::sync::LazyLock::new(|| std::sync::Mutex::new(std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout())));

/// Writes out the request lines still in the buffer.
pub fn flush_log() {
    use std::io::Write;
    let _ = LOG.lock().unwrap_or_else(|p| p.into_inner()).flush();
}

/// Writes the buffered request lines out every 250 ms; runs as long as the server.
pub async fn flush_log_regularly() {
    let mut every = tokio::time::interval(std::time::Duration::from_millis(250));
    loop {
        every.tick().await;
        flush_log();
    }
}

/// `GET /r/x/wie-bel-ik 200 1.3ms 9876B`, one line per request.
pub async fn log_request(req: Request, next: Next) -> Response {
    use std::io::Write;
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    // Compressed bodies have no Content-Length; the body's own size hint knows when it is exact.
    use axum::body::HttpBody;
    let bytes = res.body().size_hint().exact().map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    let line = format!(
        "{} {method} {path} {} {:.1}ms {bytes}B\n",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
        res.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let _ = LOG.lock().unwrap_or_else(|p| p.into_inner()).write_all(line.as_bytes());
    res
}
