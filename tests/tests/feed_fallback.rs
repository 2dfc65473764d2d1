//! The availability feed behind a Wi-Fi login page: a 200 answer that is not the feed counts as
//! no network, so the phone shows its stored copy marked offline, and without a copy the
//! hospice view still gives every place a number to call. Real HTTP on loopback.

use palliwijzer_core::availability::client;
use palliwijzer_core::view::{ActionKind, Live, Views};
use palliwijzer_tests::{real_store, today};
use std::io::{Read, Write};
use std::net::TcpListener;

/// Answers every request on a loopback port with `status`, `content_type` and `body`.
fn server(content_type: &'static str, body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/api/v1/beschikbaarheid", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(body.as_bytes());
        }
    });
    url
}

const FEED: &str = r#"{"server_tijd":"2026-11-30T10:00:00Z","regio":null,"voorzieningen":[
  {"id":"nhz-hospice-bardo","naam":"Hospice Bardo","soort":"Hospice","plaats":"Hoofddorp","regio":"noord-holland-zuid",
   "capaciteit":10,"status":"plek-vrij","vrije_bedden":2,"notitie":null,"bijgewerkt_op":"2026-11-30T09:00:00Z","voorbeeld":false}]}"#;
const PORTAL: &str = "<html><body><h1>Log in op het gastennetwerk</h1></body></html>";

#[test]
fn a_login_page_instead_of_the_feed_shows_the_stored_copy_marked_offline() {
    let (_d, store) = real_store();
    let good = server("application/json", FEED.to_string());
    let now = chrono::Utc::now();
    let first = client::fetch(&store, &good, now).expect("the feed");
    assert!(!first.offline);
    // Same address, now behind a captive portal: store the copy under that URL first.
    let portal = server("text/html", PORTAL.to_string());
    let _ = client::settle(
        &store,
        &portal,
        None,
        client::Answer::Fresh { feed: first.feed.clone(), body: FEED.to_string(), etag: None },
        now,
    )
    .expect("stored");
    let later = now + chrono::Duration::minutes(30);
    let got = client::fetch(&store, &portal, later).expect("the stored copy");
    assert!(got.offline, "a login page is no feed: the copy is marked offline");
    let view = Views::new(&store, today())
        .hospices(
            "noord-holland-zuid",
            Some(Live { feed: &got.feed, fetched_at: got.fetched_at, offline: true }),
            later,
        )
        .expect("view");
    assert!(view.offline && view.freshness.starts_with("Offline"), "{}", view.freshness);
    let bardo = view.rows.iter().find(|r| r.id == "nhz-hospice-bardo").expect("bardo");
    assert!(bardo.status_label.starts_with("Plek vrij"), "{}", bardo.status_label);
}

#[test]
fn without_a_copy_a_login_page_says_what_happened_and_every_place_still_has_a_number() {
    let (_d, store) = real_store();
    let portal = server("text/html", PORTAL.to_string());
    let err = client::fetch(&store, &portal, chrono::Utc::now()).expect_err("no feed, no copy");
    assert!(err.to_string().contains("geen beschikbaarheidsoverzicht"), "{err}");
    let view = Views::new(&store, today()).hospices("noord-holland-zuid", None, chrono::Utc::now()).expect("view");
    assert!(view.offline && view.freshness.starts_with("Geen actuele plekken"), "{}", view.freshness);
    assert!(!view.rows.is_empty());
    for r in &view.rows {
        assert!(r.actions.iter().any(|a| a.kind == ActionKind::Call), "{} has no number to call", r.name);
        assert!(r.status_label.contains("geen verbinding"), "{}", r.status_label);
    }
}
