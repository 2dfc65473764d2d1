//! Website benchmark for the wie-bel-ik page, in one run:
//! - bytes on first load (HTML + CSS + JS + manifest), brotli and gzip as a browser asks;
//! - server time p50 (one connection, sequential requests, wrk --latency);
//! - requests per second against nginx serving the same bytes as a static file.
//!
//! Run: `cargo run --release -p palliwijzer-bench --bin web`

use palliwijzer::commands::DataSource;
use palliwijzer::web;
use palliwijzer_bench::{need, run, wrk};
use std::process::Command;

const PAGE: &str = "/r/noord-holland-zuid/wie-bel-ik";
const FIRST_LOAD: [&str; 4] = [PAGE, "/static/app.css", "/static/app.js", "/manifest.webmanifest"];

fn main() {
    if let Err(e) = bench() {
        eprintln!("bench web: {e}");
        std::process::exit(1);
    }
}

fn bytes(url: &str, encoding: &str) -> Result<u64, String> {
    let out = run(Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{size_download}", "-H"])
        .arg(format!("Accept-Encoding: {encoding}"))
        .arg(url))?;
    out.trim().parse().map_err(|e| format!("curl size: {e}"))
}

fn bench() -> Result<(), String> {
    need("wrk", "wrk")?;
    need("nginx", "nginx")?;
    need("curl", "curl")?;

    let data = DataSource { db: None, content: None };
    let state_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = palliwijzer::state::StateDb::open(&state_dir.path().join("state.sqlite")).map_err(|e| e.to_string())?;
    let state = web::AppState::new(data.open().map_err(|e| e.to_string())?, db).map_err(|e| e.to_string())?;
    let (_rt, ours) = web::serve_in_background(state).map_err(|e| e.to_string())?;

    // Bytes on first load.
    let mut br_total = 0;
    let mut gz_total = 0;
    let mut raw_total = 0;
    for path in FIRST_LOAD {
        let url = format!("{ours}{path}");
        br_total += bytes(&url, "br")?;
        gz_total += bytes(&url, "gzip")?;
        raw_total += bytes(&url, "identity")?;
    }

    // nginx serving the same HTML bytes as a static file.
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let html = run(Command::new("curl").args(["-s", &format!("{ours}{PAGE}")]))?;
    std::fs::write(dir.path().join("wie-bel-ik.html"), &html).map_err(|e| e.to_string())?;
    let nginx = palliwijzer_bench::nginx(dir.path(), "text/html", 18000 + (std::process::id() % 1000) as u16)?;
    let port = nginx.port;
    let theirs = format!("http://127.0.0.1:{port}/wie-bel-ik.html");
    let nginx_bytes = run(Command::new("curl").args(["-s", &theirs]))?;
    if nginx_bytes.len() != html.len() {
        return Err(format!("nginx serves {} bytes, ours {}", nginx_bytes.len(), html.len()));
    }

    // Warm up, then measure: latency with one connection, throughput with 32.
    wrk(&format!("{ours}{PAGE}"), 1, 4, 2)?;
    let single = wrk(&format!("{ours}{PAGE}"), 1, 1, 5)?;
    let ours_load = wrk(&format!("{ours}{PAGE}"), 2, 32, 8)?;
    let nginx_single = wrk(&theirs, 1, 1, 5)?;
    let nginx_load = wrk(&theirs, 2, 32, 8)?;

    println!("wie-bel-ik page ({PAGE}), first load = HTML + CSS + JS + manifest");
    println!(
        "  first load bytes: {:.1} KB brotli, {:.1} KB gzip, {:.1} KB uncompressed (target <= 50 KB compressed)",
        br_total as f64 / 1024.0,
        gz_total as f64 / 1024.0,
        raw_total as f64 / 1024.0
    );
    println!(
        "  server time p50 (1 connection): {:.2} ms (target <= 5 ms); nginx static: {:.2} ms",
        single.p50_ms, nginx_single.p50_ms
    );
    println!(
        "  requests/s (2 threads, 32 connections): palliwijzer {:.0}, nginx static {:.0}, ratio {:.2}",
        ours_load.rps,
        nginx_load.rps,
        ours_load.rps / nginx_load.rps
    );
    Ok(())
}
