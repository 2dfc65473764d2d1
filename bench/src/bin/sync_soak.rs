//! Sync soak: 1 000 syncs against a loopback server injecting random faults (cut connections,
//! corrupted bytes, truncation, 500 and 503, trickling, oversized bodies, older, expired,
//! wrongly signed and mixed publications). Prints its counts; corrupt or mixed stores must be 0.
//!
//! Run: `cargo run --release -p palliwijzer-bench --bin sync_soak`

use palliwijzer_bench::sync_lab::{check_store, world, FaultDraw, FaultServer};
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::client::{sync, Options};
use std::time::{Duration, Instant};

const ROUNDS: usize = 1000;

fn main() {
    let started = Instant::now();
    let w = world();
    let server = FaultServer::start(&w.tmp.path().join("v1"));
    let opts = Options { timeout: Duration::from_millis(800), ..Default::default() };
    let template = w.tmp.path().join("template.sqlite");
    {
        let s = Store::create_empty(&template).expect("store");
        sync(&s, &server.url, &w.root_pub, chrono::Utc::now(), &opts).expect("first sync");
    }
    let path = w.tmp.path().join("soak.sqlite");
    let mut draw = FaultDraw::new(0x50a_c0de);
    let (mut applied, mut unchanged, mut refused, mut offline, mut bad) = (0, 0, 0, 0, 0);
    for round in 0..ROUNDS {
        if round % 10 == 0 {
            std::fs::copy(&template, &path).expect("reset");
        }
        let (dir, target, fault) = draw.draw();
        server.serve_dir(&w.tmp.path().join(dir));
        server.set(target, fault);
        let store = Store::open(&path).expect("open");
        match sync(&store, &server.url, &w.root_pub, chrono::Utc::now(), &opts) {
            Ok(o) if o.changed => applied += 1,
            Ok(_) => unchanged += 1,
            Err(e) if e.to_string().starts_with("Offline") => offline += 1,
            Err(_) => refused += 1,
        }
        drop(store);
        if let Err(e) = check_store(&w, &path) {
            bad += 1;
            eprintln!("round {round}: {e}");
        }
    }
    println!(
        "sync soak: {ROUNDS} syncs with random faults in {:.0} s: {applied} applied, {unchanged} unchanged, {refused} refused, {offline} offline; corrupt or mixed stores: {bad}",
        started.elapsed().as_secs_f64()
    );
    if bad > 0 {
        std::process::exit(1);
    }
}
