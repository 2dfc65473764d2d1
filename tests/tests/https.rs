//! The core's HTTP client checks certificates: a real TLS server on loopback with a
//! certificate no public authority signed is refused before any request is sent.

use palliwijzer_core::http::{Client, Failure};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::Read;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

/// A server configuration with a self-signed certificate for `host`, and that certificate (DER).
fn self_signed(host: &str) -> (rustls::ServerConfig, Vec<u8>) {
    let certified = rcgen::generate_simple_self_signed(vec![host.to_string()]).expect("certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("protocols")
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .expect("server config");
    (config, certified.cert.der().to_vec())
}

type Tls = rustls::StreamOwned<rustls::ServerConnection, std::net::TcpStream>;

/// Accepts one TLS connection on loopback with a self-signed certificate for `host` and hands
/// it to `serve`; returns the port, the certificate (DER) and a handle yielding what `serve`
/// returned.
fn serve_once<T: Send + 'static>(
    host: &str,
    serve: impl FnOnce(&mut Tls) -> T + Send + 'static,
) -> (u16, Vec<u8>, std::thread::JoinHandle<T>) {
    let (config, der) = self_signed(host);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let handle = std::thread::spawn(move || {
        let (tcp, _) = listener.accept().expect("accept");
        tcp.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
        let conn = rustls::ServerConnection::new(Arc::new(config)).expect("connection");
        serve(&mut rustls::StreamOwned::new(conn, tcp))
    });
    (port, der, handle)
}

/// Serves one TLS connection with a self-signed certificate for `localhost`; returns the
/// port and a handle that yields the bytes of HTTP request the server received.
fn self_signed_server() -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    let (port, _, handle) = serve_once("localhost", |tls| {
        let mut request = Vec::new();
        let _ = tls.read_to_end(&mut request);
        request
    });
    (port, handle)
}

#[test]
fn a_server_with_an_untrusted_certificate_is_refused_before_any_request() {
    let (port, server) = self_signed_server();
    let url = format!("https://localhost:{port}/sync/keys.json");
    let failure = Client::new(Duration::from_secs(5)).get(&url, None, "*/*", 1024).expect_err("must be refused");
    assert_eq!(failure, Failure::Untrusted, "{failure}");
    assert!(failure.to_string().contains("certificaat"), "{failure}");
    let received = server.join().expect("server thread");
    assert!(received.is_empty(), "no request may reach an untrusted server: {}", String::from_utf8_lossy(&received));
}

/// Serves one TLS request with a certificate for 127.0.0.1 and answers "ok"; returns the
/// port and the certificate (DER).
fn answering_server() -> (u16, Vec<u8>, std::thread::JoinHandle<()>) {
    use std::io::Write;
    serve_once("127.0.0.1", |tls| {
        let mut seen = Vec::new();
        let mut buf = [0u8; 1024];
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
            match tls.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        let _ = tls.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
        let _ = tls.flush();
    })
}

#[test]
fn a_tests_own_certificate_authority_is_trusted_only_when_given() {
    let (port, der, server) = answering_server();
    let url = format!("https://127.0.0.1:{port}/sync/keys.json");
    let reply = Client::trusting(Duration::from_secs(5), Some(&der)).get(&url, None, "*/*", 1024).expect("trusted");
    assert_eq!((reply.status, reply.body.as_slice()), (200, b"ok".as_slice()));
    server.join().expect("server thread");
    // Without it, the same kind of server is refused.
    let (port, _, server) = answering_server();
    let url = format!("https://127.0.0.1:{port}/sync/keys.json");
    assert_eq!(
        Client::new(Duration::from_secs(5)).get(&url, None, "*/*", 1024).expect_err("refused"),
        Failure::Untrusted
    );
    server.join().expect("server thread");
}
