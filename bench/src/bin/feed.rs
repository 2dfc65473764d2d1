//! Availability feed benchmark, in one run on the synthetic national corpus (307 facilities):
//! - wrk against `GET /api/v1/beschikbaarheid` and against nginx serving the same bytes as a
//!   static file: requests per second and the ratio (target at least 0.5);
//! - 50 coordinators of 50 facilities saving at the same moment while wrk loads the feed:
//!   saved, lost and errors (target 0 lost, 0 errors).
//!
//! Run: `cargo run --release -p palliwijzer-bench --bin feed`

use palliwijzer::commands::DataSource;
use palliwijzer::state::StateDb;
use palliwijzer::web;
use palliwijzer_bench::form::{cookie, hidden};
use palliwijzer_bench::{need, run, synth, wrk};
use std::process::Command;
use std::sync::Arc;

const COORDINATORS: usize = 50;
const PASSWORD: &str = "benchmark wachtwoord lang genoeg";

fn main() {
    if let Err(e) = bench() {
        eprintln!("bench feed: {e}");
        std::process::exit(1);
    }
}

/// One coordinator logs in and saves, from an address of their own on loopback (127.0.0.`n`):
/// fifty hospices are fifty addresses, and logins are throttled per address.
fn coordinate(base: &str, user: &str, facility: &str, beds: u32, n: u8) -> Result<(), String> {
    let c = reqwest::blocking::Client::builder()
        .local_address(std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, n)))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let page = c.get(format!("{base}/coordinator")).send().map_err(|e| e.to_string())?;
    let login_cookie = cookie(&page, "pw_login").ok_or("no login cookie")?;
    let csrf = hidden(&page.text().map_err(|e| e.to_string())?, "csrf").unwrap_or_default();
    let res = c
        .post(format!("{base}/coordinator/inloggen"))
        .header("cookie", &login_cookie)
        .form(&[("csrf", csrf.as_str()), ("gebruiker", user), ("wachtwoord", PASSWORD)])
        .send()
        .map_err(|e| e.to_string())?;
    let session = cookie(&res, "pw_sessie").ok_or_else(|| format!("login of {user}: {}", res.status()))?;
    let form = c
        .get(format!("{base}/coordinator/beschikbaarheid"))
        .header("cookie", &session)
        .send()
        .map_err(|e| e.to_string())?;
    let page = form.text().map_err(|e| e.to_string())?;
    let token = hidden(&page, "csrf").unwrap_or_default();
    let version: i64 = hidden(&page, "versie").and_then(|v| v.parse().ok()).unwrap_or(0);
    let saved = c
        .post(format!("{base}/api/v1/beschikbaarheid/{facility}"))
        .header("cookie", &session)
        .header("x-csrf-token", token)
        .json(&serde_json::json!({"status": "plek-vrij", "vrije_bedden": beds, "notitie": "benchmark", "versie": version}))
        .send()
        .map_err(|e| e.to_string())?;
    if saved.status().is_success() {
        Ok(())
    } else {
        Err(format!("save of {facility}: {}", saved.status()))
    }
}

fn bench() -> Result<(), String> {
    need("wrk", "wrk")?;
    need("nginx", "nginx")?;
    need("curl", "curl")?;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let loaded = palliwijzer_core::content::load_dir(&palliwijzer::commands::default_content_dir(), today);
    let corpus = synth::national(&loaded.content, 7);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db_path = dir.path().join("national.sqlite");
    palliwijzer_core::store::Store::build(&corpus, "synthetic", &db_path).map_err(|e| e.to_string())?;
    let state = StateDb::open(&dir.path().join("state.sqlite")).map_err(|e| e.to_string())?;
    let facilities: Vec<(String, u32)> = corpus
        .facilities
        .iter()
        .filter(|f| f.id.starts_with("synth-"))
        .take(COORDINATORS)
        .map(|f| (f.id.clone(), f.capacity.unwrap_or(2)))
        .collect();
    for (i, (f, _)) in facilities.iter().enumerate() {
        state.add_account(&format!("coord-{i:02}"), f, PASSWORD).map_err(|e| e.to_string())?;
    }
    let opened = DataSource { db: Some(db_path.clone()), content: None }.open().map_err(|e| e.to_string())?;
    let app = web::AppState::new(opened, state).map_err(|e| e.to_string())?;
    let (_rt, base) = web::serve_in_background(app).map_err(|e| e.to_string())?;

    let feed_url = format!("{base}/api/v1/beschikbaarheid");
    let body = run(Command::new("curl").args(["-s", &feed_url]))?;
    std::fs::write(dir.path().join("feed.json"), &body).map_err(|e| e.to_string())?;
    let nginx = palliwijzer_bench::nginx(dir.path(), "application/json", 19000 + (std::process::id() % 1000) as u16)?;
    let port = nginx.port;
    let static_url = format!("http://127.0.0.1:{port}/feed.json");

    wrk(&feed_url, 1, 4, 2)?;
    let ours = wrk(&feed_url, 2, 32, 8)?;
    let theirs = wrk(&static_url, 2, 32, 8)?;
    println!("availability feed ({} facilities, {:.1} KB JSON)", corpus.facilities.len(), body.len() as f64 / 1024.0);
    println!(
        "  requests/s (2 threads, 32 connections): palliwijzer {:.0}, nginx static {:.0}, ratio {:.2} (target >= 0.50)",
        ours.rps,
        theirs.rps,
        ours.rps / theirs.rps
    );

    // 50 coordinators at once, while the feed is under load.
    let load_url = feed_url.clone();
    let load = std::thread::spawn(move || wrk(&load_url, 1, 16, 10));
    std::thread::sleep(std::time::Duration::from_millis(500));
    let barrier = Arc::new(std::sync::Barrier::new(facilities.len()));
    let handles: Vec<_> = facilities
        .iter()
        .enumerate()
        .map(|(i, (f, cap))| {
            let (base, f, beds, barrier) = (base.clone(), f.clone(), 1 + (i as u32 % *cap.max(&1)), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                coordinate(&base, &format!("coord-{i:02}"), &f, beds, 10 + i as u8).map(|()| (f, beds))
            })
        })
        .collect();
    let results: Vec<Result<(String, u32), String>> =
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("thread".into()))).collect();
    let under_load = load.join().map_err(|_| "wrk thread")??;
    let errors: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    let feed: serde_json::Value =
        serde_json::from_str(&run(Command::new("curl").args(["-s", &feed_url]))?).map_err(|e| e.to_string())?;
    let list = feed["voorzieningen"].as_array().cloned().unwrap_or_default();
    let lost = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|(f, beds)| {
            !list.iter().any(|x| x["id"] == *f && x["vrije_bedden"] == *beds && x["status"] == "plek-vrij")
        })
        .count();
    println!(
        "  {} concurrent coordinator updates while the feed served {:.0} requests/s: {} saved, {lost} lost, {} errors",
        facilities.len(),
        under_load.rps,
        results.len() - errors.len(),
        errors.len()
    );
    for e in errors.iter().take(3) {
        println!("    error: {e}");
    }
    Ok(())
}
