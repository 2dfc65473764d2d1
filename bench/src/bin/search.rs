//! Search and store benchmark on the synthetic national-scale corpus, in one run:
//! - store open + first wie-bel-ik view (median; target <= 10 ms), and the cold first run;
//! - peak RSS of a fresh process that opens the store, draws the view and searches (<= 30 MB);
//! - search p50 and p99 over a fixed query set (targets <= 1 ms and <= 5 ms);
//! - the same queries on tantivy with its default tokenizer, like for like: both engines
//!   return the top 10 ids (ratio), and our full view (ranking, grouping, snippets) against
//!   tantivy's top 10 ids (ratio); for each engine how many queries find the intended item in
//!   the top 3.
//!
//! Run: `cargo run --release -p palliwijzer-bench --bin search`

use palliwijzer_bench::queries::QUERIES;
use palliwijzer_bench::{peak_rss_mb, percentile, synth};
use palliwijzer_core::store::Store;
use palliwijzer_core::view::Views;
use std::path::Path;
use std::time::Instant;

const REGION: &str = "noord-holland-zuid";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("--rss-probe") => rss_probe(Path::new(args.get(2).map(String::as_str).unwrap_or(""))),
        _ => bench(),
    };
    if let Err(e) = result {
        eprintln!("bench search: {e}");
        std::process::exit(1);
    }
}

/// In a fresh process: what an app does at start plus a round of searches; prints VmHWM.
fn rss_probe(db: &Path) -> Result<(), String> {
    let store = Store::open(db).map_err(|e| e.to_string())?;
    let views = Views::new(&store, today());
    views.wie_bel_ik("synth-01").map_err(|e| e.to_string())?;
    for (q, _) in QUERIES {
        views.search(q, Some(REGION)).map_err(|e| e.to_string())?;
    }
    println!("{:.1}", peak_rss_mb().ok_or("no /proc/self/status")?);
    Ok(())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn bench() -> Result<(), String> {
    let content_dir = palliwijzer::commands::default_content_dir();
    let loaded = palliwijzer_core::content::load_dir(&content_dir, today());
    if loaded.error_count() > 0 {
        return Err("the real content has lint errors".into());
    }
    let corpus = synth::national(&loaded.content, 7);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = dir.path().join("national.sqlite");
    let t = Instant::now();
    Store::build(&corpus, "synthetic", &db).map_err(|e| e.to_string())?;
    let build_ms = ms(t);
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "corpus: {} regions, {} contacts, {} facilities, {} documents, {} terms; store {:.1} MB, built in {:.0} ms",
        corpus.regions.len(),
        corpus.contacts.len(),
        corpus.facilities.len(),
        corpus.documents.len(),
        corpus.terms.len(),
        size as f64 / 1e6,
        build_ms
    );

    // Store open + first wie-bel-ik view.
    let mut open_view = Vec::new();
    for _ in 0..31 {
        let t = Instant::now();
        let store = Store::open(&db).map_err(|e| e.to_string())?;
        let v = Views::new(&store, today()).wie_bel_ik("synth-01").map_err(|e| e.to_string())?;
        open_view.push(ms(t));
        assert!(!v.groups.is_empty());
    }
    let cold = open_view[0];
    let mut warm = open_view[1..].to_vec();
    warm.sort_by(f64::total_cmp);
    println!(
        "store open + first wie-bel-ik (200 contacts): median {:.2} ms (target <= 10 ms); first in a fresh process {:.1} ms",
        percentile(&warm, 50.0), cold
    );

    // Peak RSS in a fresh process.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = std::process::Command::new(exe).arg("--rss-probe").arg(&db).output().map_err(|e| e.to_string())?;
    let rss = String::from_utf8_lossy(&out.stdout).trim().to_string();
    println!("peak RSS (open, view, {} searches, fresh process): {rss} MB (target <= 30 MB)", QUERIES.len());

    // Our search.
    let store = Store::open(&db).map_err(|e| e.to_string())?;
    let views = Views::new(&store, today());
    let t = Instant::now();
    views.search("hospice", Some(REGION)).map_err(|e| e.to_string())?;
    let first_search = ms(t);
    let mut ours = Vec::new();
    let mut ours_hits = 0;
    for round in 0..20 {
        for (q, want) in QUERIES {
            let t = Instant::now();
            let r = views.search(q, Some(REGION)).map_err(|e| e.to_string())?;
            ours.push(ms(t));
            if round == 0 {
                let mut all: Vec<_> = r.groups.iter().flat_map(|g| &g.results).collect();
                all.sort_by_key(|x| x.rank);
                let found = all.iter().take(3).any(|x| x.target.id() == *want);
                if found {
                    ours_hits += 1;
                } else {
                    eprintln!(
                        "  palliwijzer misses {q:?} → {want} (top 3: {:?})",
                        all.iter().take(3).map(|x| x.target.id()).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
    // The slowest queries (median over the rounds), to know where time goes.
    let mut per_query: Vec<(f64, &str)> = QUERIES
        .iter()
        .enumerate()
        .map(|(i, (q, _))| {
            let mut t: Vec<f64> = (0..20).map(|round| ours[round * QUERIES.len() + i]).collect();
            t.sort_by(f64::total_cmp);
            (t[10], *q)
        })
        .collect();
    per_query.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "slowest queries (median): {}",
        per_query.iter().take(5).map(|(t, q)| format!("{q:?} {t:.2} ms")).collect::<Vec<_>>().join(", ")
    );
    ours.sort_by(f64::total_cmp);

    // Like for like with tantivy: the ranked top 10 ids only (no grouping, no view).
    let mut ours_ids = Vec::new();
    for _ in 0..20 {
        for (q, _) in QUERIES {
            let t = Instant::now();
            let hits = store.search(q, Some(REGION), false, 10).map_err(|e| e.to_string())?;
            let ids: Vec<&str> = hits.iter().map(|h| h.item_id.as_str()).collect();
            ours_ids.push(ms(t));
            std::hint::black_box(ids);
        }
    }
    ours_ids.sort_by(f64::total_cmp);

    // The peer: tantivy, default tokenizer, same documents (title, abbrev, body).
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{Schema, Value, STORED, STRING, TEXT};
    use tantivy::{doc, Index, TantivyDocument};
    let mut schema = Schema::builder();
    let f_id = schema.add_text_field("id", STRING | STORED);
    let f_title = schema.add_text_field("title", TEXT);
    let f_abbrev = schema.add_text_field("abbrev", TEXT);
    let f_body = schema.add_text_field("body", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer = index.writer(64_000_000).map_err(|e| e.to_string())?;
    let conn = rusqlite::Connection::open(&db).map_err(|e| e.to_string())?;
    let mut stmt = conn.prepare("SELECT item_id, title, abbrev, body FROM search_index").map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })
        .map_err(|e| e.to_string())?;
    for row in rows {
        let (id, title, abbrev, body) = row.map_err(|e| e.to_string())?;
        writer
            .add_document(doc!(f_id => id, f_title => title, f_abbrev => abbrev, f_body => body))
            .map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    let reader = index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&index, vec![f_title, f_abbrev, f_body]);
    parser.set_conjunction_by_default();
    let mut theirs = Vec::new();
    let mut their_hits = 0;
    for round in 0..20 {
        for (q, want) in QUERIES {
            // Top 10 ids, read back from the stored field: what our top 10 gives.
            let t = Instant::now();
            let top = match parser.parse_query(q) {
                Ok(query) => {
                    searcher.search(&query, &TopDocs::with_limit(10).order_by_score()).map_err(|e| e.to_string())?
                }
                Err(_) => Vec::new(),
            };
            let ids: Vec<String> = top
                .iter()
                .filter_map(|(_, a)| searcher.doc::<TantivyDocument>(*a).ok())
                .filter_map(|d| d.get_first(f_id).and_then(|v| v.as_str().map(str::to_string)))
                .collect();
            theirs.push(ms(t));
            if round == 0 && ids.iter().take(3).any(|i| i == want) {
                their_hits += 1;
            }
        }
    }
    theirs.sort_by(f64::total_cmp);
    let n = QUERIES.len();
    println!("search, {n} queries x 20 rounds (the first of a process, which loads what search needs: {first_search:.1} ms; target <= 2 ms):");
    println!(
        "  palliwijzer (SQLite FTS5): p50 {:.3} ms, p99 {:.3} ms (targets <= 1 ms, <= 5 ms); intended item in top 3: {ours_hits}/{n}",
        percentile(&ours, 50.0), percentile(&ours, 99.0)
    );
    println!(
        "  palliwijzer, top 10 ids only (ranking without the view): p50 {:.3} ms, p99 {:.3} ms",
        percentile(&ours_ids, 50.0),
        percentile(&ours_ids, 99.0)
    );
    println!(
        "  tantivy (default tokenizer), top 10 ids: p50 {:.3} ms, p99 {:.3} ms; intended item in top 3: {their_hits}/{n}",
        percentile(&theirs, 50.0),
        percentile(&theirs, 99.0)
    );
    println!(
        "  like for like, top 10 ids, palliwijzer/tantivy: p50 {:.1}, p99 {:.1}",
        percentile(&ours_ids, 50.0) / percentile(&theirs, 50.0),
        percentile(&ours_ids, 99.0) / percentile(&theirs, 99.0)
    );
    println!(
        "  our full view against tantivy's top 10 ids: p50 {:.1}, p99 {:.1}",
        percentile(&ours, 50.0) / percentile(&theirs, 50.0),
        percentile(&ours, 99.0) / percentile(&theirs, 99.0)
    );

    // A common word in one region: across the country it names hundreds of services; the
    // chosen region's own must all come first.
    let (mut own, mut first) = (0, 0);
    for word in ["apotheek", "thuiszorg", "huisartsenpraktijk", "wijkteam"] {
        for region in ["synth-01", "synth-09", "synth-17", "synth-25"] {
            let expected: std::collections::HashSet<&str> = corpus
                .contacts
                .iter()
                .filter(|c| c.region.as_deref() == Some(region) && c.name.to_lowercase().contains(word))
                .map(|c| c.id.as_str())
                .collect();
            let r = views.search(word, Some(region)).map_err(|e| e.to_string())?;
            let mut all: Vec<_> = r.groups.iter().flat_map(|g| &g.results).collect();
            all.sort_by_key(|x| x.rank);
            // Other kinds may come before them (the glossary's explanation of the word).
            let services: Vec<&str> = all
                .iter()
                .filter(|x| matches!(x.target, palliwijzer_core::view::SearchTarget::Contact { .. }))
                .map(|x| x.target.id())
                .collect();
            own += expected.len();
            first += services.iter().take(expected.len()).filter(|id| expected.contains(*id)).count();
        }
    }
    println!("a common word in one region (4 words x 4 regions): the region's own services first: {first} of {own}");
    Ok(())
}
