//! Content lint at scale (attack review, break 4): linting must grow with the size of the
//! content, not with its square. Lints `contacts.toml` files of 3 000, 6 000 and 12 000
//! records and compares each with the peer that bounds it from below: parsing the same
//! TOML with `toml_edit` and nothing else. Then times the inputs that were pathological
//! (8 000 nested list markers, 8 000 nested `<div>`s, a 50 MB body).
//!
//! Run: `cargo run --release -p palliwijzer-bench --bin lint`

use palliwijzer_core::content::load_files;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn contacts(n: usize) -> String {
    let mut text = String::from("owner = \"Bench\"\nreview_by = 2099-01-01\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "[[contact]]\nid = \"c{i}\"\nname = \"Contact {i}\"\nkind = \"netwerk\"\ncall_for = \"Om te meten.\"\n\
             source = \"https://example.org/bron\"\nverified_on = 2026-11-01\n\n"
        ));
    }
    text
}

fn document(body: &str) -> Vec<u8> {
    format!(
        "+++\nid = \"brief\"\ntitle = \"Brief\"\nkind = \"folder\"\naudience = [\"patient\"]\npaper = \"a4\"\n\
         summary = \"Kort.\"\nsource = \"https://example.org/bron\"\nwritten_on = 2026-11-01\n\
         owner = \"Bench\"\nreview_by = 2099-01-01\n+++\n\n{body}"
    )
    .into_bytes()
}

fn ms(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let root = Path::new("/bench");
    println!("records  bytes      lint ms  toml_edit ms  ratio");
    let mut per_record = Vec::new();
    for n in [3_000, 6_000, 12_000] {
        let text = contacts(n);
        let inputs = vec![(PathBuf::from("national/contacts.toml"), text.clone().into_bytes())];
        let lint = ms(|| {
            let loaded = load_files(root, &inputs, today);
            assert_eq!(loaded.content.contacts.len(), n);
        });
        let parse = ms(|| {
            let doc: toml_edit::Document<&str> = toml_edit::Document::parse(text.as_str()).expect("parses");
            assert!(doc.as_table().contains_key("contact"));
        });
        println!("{n:>7}  {:>9}  {lint:>7.0}  {parse:>12.0}  {:>5.1}", text.len(), lint / parse);
        per_record.push(lint / n as f64);
    }
    println!(
        "lint time per record, 12 000 vs 3 000 records: {:.2}x (1 = linear; the review found 4x per doubling)",
        per_record[2] / per_record[0]
    );
    let cases: [(&str, Vec<u8>); 3] = [
        ("8 000 nested list markers", document(&format!("{}x\n", "- ".repeat(8000)))),
        ("8 000 nested <div>s", document(&"<div>".repeat(8000))),
        ("50 MB body", document(&"Een zin die zich herhaalt.\n".repeat(50 * 1024 * 1024 / 27))),
    ];
    for (name, bytes) in cases {
        let inputs = vec![(PathBuf::from("national/documenten/brief.md"), bytes)];
        let mut message = String::new();
        let took = ms(|| {
            let loaded = load_files(root, &inputs, today);
            message = loaded.diagnostics.first().map(|d| d.message.clone()).unwrap_or_default();
        });
        println!("{name}: {took:.1} ms, refused: {message}");
    }
}
