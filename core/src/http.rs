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
        status_line(self.status)
    }
}

/// A status as people read it: "503 Service Unavailable".
pub fn status_line(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status) {
        Ok(code) => code.to_string(),
        Err(_) => status.to_string(),
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
    /// Another failure, said in Dutch (the library's English text stays out).
    #[error("{0}")]
    Other(&'static str),
    /// The address itself is refused before anything is sent; the text says why.
    #[error("{0}")]
    Address(String),
    /// The server sent us to another address; only redirects on the same origin are followed.
    #[error("de server verwijst door naar een ander adres ({0}); stel het juiste adres in")]
    Elsewhere(String),
    /// Writing what arrived on this device failed (a full disk); not the network's fault.
    #[error("opslaan op dit toestel mislukte: {0}")]
    Local(String),
}

impl Client {
    /// A client whose requests each take at most `timeout`, connecting included.
    pub fn new(timeout: Duration) -> Client {
        Self::trusting(timeout, None)
    }

    /// As [`Client::new`]; with `test_root` (a certificate in DER), that certificate
    /// authority is the only one trusted instead of the public ones. For benches and tests
    /// that run their own HTTPS server on loopback; the apps and the command line never set it.
    pub fn trusting(timeout: Duration, test_root: Option<&[u8]>) -> Client {
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
            .http_status_as_error(false)
            // Redirects are followed here, on the same origin only (see `get_into`).
            .max_redirects(0);
        if let Some(der) = test_root {
            let root = ureq::tls::Certificate::from_der(der).to_owned();
            config = config
                .tls_config(ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&[root])).build());
        }
        Client { agent: config.build().new_agent() }
    }

    /// GETs `url`, sending `etag` as If-None-Match, reading at most `limit + 1` body bytes.
    pub fn get(&self, url: &str, etag: Option<&str>, accept: &str, limit: u64) -> Result<Reply, Failure> {
        let mut body = Vec::new();
        let head = self.get_into(url, etag, accept, limit, &mut body)?;
        Ok(Reply { status: head.status, etag: head.etag, body, header_bytes: head.header_bytes })
    }

    /// GETs `url` and streams at most `limit + 1` body bytes into `sink` as they arrive, so
    /// a large body never has to fit in memory. A 304 writes nothing. The address must be
    /// HTTPS (plain HTTP only to this machine) and carry no user name or password; a
    /// redirect is followed only to the same origin, at most [`MAX_REDIRECTS`] times.
    pub fn get_into(
        &self,
        url: &str,
        etag: Option<&str>,
        accept: &str,
        limit: u64,
        sink: &mut dyn Write,
    ) -> Result<Head, Failure> {
        let mut target = checked(url)?;
        let mut header_bytes = 0;
        for _ in 0..=MAX_REDIRECTS {
            let mut req = self.agent.get(target.as_str()).header("accept", accept);
            if let Some(tag) = etag {
                req = req.header("if-none-match", tag);
            }
            let res = req.call().map_err(failure)?;
            let status = res.status().as_u16();
            header_bytes +=
                17 + res.headers().iter().map(|(k, v)| k.as_str().len() as u64 + v.len() as u64 + 4).sum::<u64>();
            if (300..400).contains(&status) && status != 304 {
                let location = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("");
                let next = target.join(location).map_err(|_| Failure::Other("ongeldige doorverwijzing"))?;
                if next.origin() != target.origin() {
                    return Err(Failure::Elsewhere(shown(&next)));
                }
                target = next;
                continue;
            }
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
            return Ok(Head { status, etag, body_bytes, header_bytes });
        }
        Err(Failure::Other("te veel doorverwijzingen"))
    }

    /// POSTs a JSON body to `url` under the same address rules as GET; a redirect is not
    /// followed. Returns the status; the answer's body is not read.
    pub fn post_json(&self, url: &str, body: &str) -> Result<u16, Failure> {
        let target = checked(url)?;
        let res = self
            .agent
            .post(target.as_str())
            .header("content-type", "application/json")
            .send(body)
            .map_err(failure)?;
        Ok(res.status().as_u16())
    }
}

/// How many redirects (on the same origin) one request follows.
pub const MAX_REDIRECTS: usize = 5;

/// An address as messages show it: without user name, password or query.
pub fn shown(url: &url::Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.set_query(None);
    u.to_string()
}

/// Refuses an address before anything is sent: not a URL, not HTTPS (plain HTTP is for
/// this machine only, as in tests and a local server), or with credentials in it.
pub fn checked(url: &str) -> Result<url::Url, Failure> {
    let u = url::Url::parse(url).map_err(|_| Failure::Address("het adres is geen geldige URL".into()))?;
    if !u.username().is_empty() || u.password().is_some() {
        return Err(Failure::Address(
            "het adres bevat een gebruikersnaam of wachtwoord; die horen niet in een adres".into(),
        ));
    }
    let loopback = match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    match u.scheme() {
        "https" => Ok(u),
        "http" if loopback => Ok(u),
        _ => Err(Failure::Address(format!(
            "alleen https-adressen zijn toegestaan (http alleen op deze computer), niet {}",
            shown(&u)
        ))),
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
        ureq::Error::BadUri(_) => Failure::Address("het adres is geen geldige URL".into()),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => Failure::Other("de beveiligde verbinding kwam niet tot stand"),
        ureq::Error::LargeResponseHeader(..) => Failure::Other("de server stuurde te grote kopregels"),
        ureq::Error::Protocol(_) | ureq::Error::Http(_) => Failure::Other("de server gaf een onleesbaar antwoord"),
        ureq::Error::Io(_) => Failure::Interrupted,
        _ => Failure::Other("onverwachte fout bij het ophalen"),
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
