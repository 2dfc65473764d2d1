//! Peak memory of one sync in the worst cases a hostile server can offer (attack review,
//! break 2), each run in a fresh process so its peak (VmHWM) is its own. The peer is an
//! honest first sync of the national-scale publication in the same run.
//!
//! Run: `cargo run --release -p palliwijzer-bench --bin sync_memory`

use palliwijzer::publish;
use palliwijzer_bench::sync_lab::{bomb, signed_with_objects, world, FaultServer};
use palliwijzer_bench::synth;
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::client::{sync, Options};
use std::path::Path;

/// Peak resident memory of this process so far, in KB (Linux).
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// In the child: sync `store` from `url`, print "peak_kb outcome".
fn child(store: &Path, url: &str, root_hex: &str) {
    let bytes = hex::decode(root_hex).expect("hex");
    let root = ed25519_dalek::VerifyingKey::from_bytes(bytes.as_slice().try_into().expect("32 bytes")).expect("key");
    let s = if store.exists() { Store::open(store) } else { Store::create_empty(store) }.expect("store");
    let before = peak_kb();
    let outcome = match sync(&s, url, &root, chrono::Utc::now(), &Options::default()) {
        Ok(o) => format!("applied version {} ({} objects)", o.version, o.objects_fetched),
        Err(e) => format!("refused: {e}"),
    };
    println!("{before} {} {outcome}", peak_kb());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 5 && args[1] == "--child" {
        child(Path::new(&args[2]), &args[3], &args[4]);
        return;
    }
    let w = world();
    let t = w.tmp.path();
    let root_hex = hex::encode(w.root_pub.as_bytes());
    let server = FaultServer::start(&t.join("v1"));

    // The honest peer: the whole national-scale publication into an empty store.
    let national = synth::national(&palliwijzer_bench::sync_lab::content().0, 7);
    let key = publish::read_key(&t.join("keys/publish.key")).expect("key");
    let keys_json = std::fs::read_to_string(t.join("keys/keys.json")).expect("keys.json");
    let later = chrono::Utc::now() + chrono::Duration::days(30);
    publish::publish(&national, "national", &key, &keys_json, &t.join("national"), later, Some(60)).expect("publish");

    let random = |n: usize, seed: u8| -> Vec<u8> {
        let mut x = 0x9e37_79b9u32 ^ u32::from(seed);
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect()
    };
    let cases: Vec<(&str, std::path::PathBuf, bool)> = vec![
        ("honest first sync, national scale", t.join("national"), true),
        (
            "2 objects of 15 MiB (hashes right, not zstd)",
            signed_with_objects(&w, "big", 70, &[random(15 << 20, 1), random(15 << 20, 2)]),
            false,
        ),
        (
            "5 objects unpacking to 15 MiB each",
            signed_with_objects(&w, "bombs", 71, &(0..5).map(|i| bomb((15 << 20) + i)).collect::<Vec<_>>()),
            false,
        ),
    ];
    println!("case                                            peak before  peak after  growth   outcome");
    for (name, dir, fresh) in cases {
        server.serve_dir(&dir);
        let store = t.join(format!("mem-{}.sqlite", name.len()));
        if !fresh {
            std::fs::copy(t.join("template.sqlite"), &store).expect("copy template");
        }
        let out = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args(["--child", &store.display().to_string(), &server.url, &root_hex])
            .output()
            .expect("child runs");
        let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let mut parts = line.splitn(3, ' ');
        let before: u64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        let after: u64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        let outcome = parts.next().unwrap_or("").chars().take(90).collect::<String>();
        println!("{name:<47} {:>8} KB {:>8} KB {:>6} KB  {outcome}", before, after, after.saturating_sub(before));
        if fresh {
            // Later cases start from a store holding the real content at version 1.
            server.serve_dir(&t.join("v1"));
            let template = t.join("template.sqlite");
            let s = Store::create_empty(&template).expect("store");
            sync(&s, &server.url, &w.root_pub, chrono::Utc::now(), &Options::default()).expect("v1");
        }
    }
}
