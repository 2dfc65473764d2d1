//! The one HTTP GET the sync and availability clients make: conditional (ETag), bounded in
//! time and size, blocking (the shells call the core from a background thread).
//!
//! Built on `ureq` with rustls (ring) and the Mozilla root certificates compiled in
//! (`webpki-roots`): certificates are checked the same way on Android, iOS and a server,
//! with no platform set-up, and without an async runtime inside the app's native library.

use std::io::{Read, Write};
use std::time::Duration;

/// How long connecting may take at most (the whole request has its own limit).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A blocking HTTP client with one time limit for a whole request, body included.
pub struct Client {
    agent: ureq::Agent,
}

/// The status line and headers of an answer whose body went elsewhere.
#[derive(Debug)]
pub struct Head {
    pub status: u16,
    pub etag: Option<String>,
    /// Body bytes written to the sink: at most `limit + 1`.
    pub body_bytes: u64,
    /// Bytes of the status line and headers, as sent (an estimate within a few bytes).
    pub header_bytes: u64,
}

/// What the server answered.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    /// At most `limit + 1` bytes: one more than allowed shows that the body was too large.
    pub body: Vec<u8>,
    /// Bytes of the status line and headers, as sent (an estimate within a few bytes).
    pub header_bytes: u64,
}

impl Reply {
    pub fn not_modified(&self) -> bool {
        self.status == 304
    }

    /// The status as people read it: "503 Service Unavailable".
    pub fn status_line(&self) -> String {
        match ureq::http::StatusCode::from_u16(self.status) {
            Ok(code) => code.to_string(),
            Err(_) => self.status.to_string(),
        }
    }
}

/// Why no reply arrived; the text is Dutch and fits after "niet bereikbaar".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("te traag: tijdslimiet verstreken")]
    Timeout,
    #[error("geen verbinding")]
    NoConnection,
    #[error("het certificaat van de server is niet te vertrouwen")]
    Untrusted,
    #[error("verbinding verbroken tijdens het ontvangen")]
    Interrupted,
    #[error("{0}")]
    Other(String),
    /// Writing what arrived on this device failed (a full disk); not the network's fault.
    #[error("opslaan op dit toestel mislukte: {0}")]
    Local(String),
}

impl Client {
    /// A client whose requests each take at most `timeout`, connecting included.
    pub fn new(timeout: Duration) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
            .http_status_as_error(false)
            .build()
            .new_agent();
        Client { agent }
    }

    /// GETs `url`, sending `etag` as If-None-Match, reading at most `limit + 1` body bytes.
    pub fn get(&self, url: &str, etag: Option<&str>, accept: &str, limit: u64) -> Result<Reply, Failure> {
        let mut body = Vec::new();
        let head = self.get_into(url, etag, accept, limit, &mut body)?;
        Ok(Reply { status: head.status, etag: head.etag, body, header_bytes: head.header_bytes })
    }

    /// GETs `url` and streams at most `limit + 1` body bytes into `sink` as they arrive, so
    /// a large body never has to fit in memory. A 304 writes nothing.
    pub fn get_into(
        &self,
        url: &str,
        etag: Option<&str>,
        accept: &str,
        limit: u64,
        sink: &mut dyn Write,
    ) -> Result<Head, Failure> {
        let mut req = self.agent.get(url).header("accept", accept);
        if let Some(tag) = etag {
            req = req.header("if-none-match", tag);
        }
        let res = req.call().map_err(failure)?;
        let status = res.status().as_u16();
        let header_bytes =
            17 + res.headers().iter().map(|(k, v)| k.as_str().len() as u64 + v.len() as u64 + 4).sum::<u64>();
        let etag = res.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_string);
        let mut body_bytes = 0u64;
        if status != 304 {
            let mut reader = res.into_body().into_reader().take(limit.saturating_add(1));
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(interrupted(e)),
                };
                sink.write_all(&buf[..n]).map_err(|e| Failure::Local(e.to_string()))?;
                body_bytes += n as u64;
            }
        }
        Ok(Head { status, etag, body_bytes, header_bytes })
    }
}

fn failure(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Rustls(rustls::Error::InvalidCertificate(_)) => Failure::Untrusted,
        ureq::Error::Io(io) if is_untrusted(&io) => Failure::Untrusted,
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => Failure::NoConnection,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => Failure::NoConnection,
        other => Failure::Other(other.to_string()),
    }
}

/// rustls reports a certificate it cannot trust as an I/O error during the handshake.
fn is_untrusted(e: &std::io::Error) -> bool {
    matches!(
        e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()),
        Some(rustls::Error::InvalidCertificate(_))
    )
}

/// A body read failed: ureq reports its own errors (a timeout) wrapped in an I/O error.
fn interrupted(e: std::io::Error) -> Failure {
    let timed_out = e.kind() == std::io::ErrorKind::TimedOut
        || matches!(e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()), Some(ureq::Error::Timeout(_)));
    if timed_out {
        Failure::Timeout
    } else {
        Failure::Interrupted
    }
}
