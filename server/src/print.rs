//! Plain-text drawing of view models for the terminal. Like every shell, it only draws.

use palliwijzer_core::view::{ContactRow, NowView, SearchTarget, SearchView, WieBelIkView};
use std::fmt::Write;

fn row(out: &mut String, r: &ContactRow) {
    let marks: Vec<String> = r.badges.iter().map(|b| format!("[{}]", b.text)).collect();
    let national = if r.national { " (landelijk)" } else { "" };
    let _ = writeln!(out, "  {}{national} {}", r.name, marks.join(" "));
    let _ = writeln!(out, "    {}", r.call_for);
    for a in &r.actions {
        let _ = writeln!(out, "    {}  <{}>", a.label, a.uri);
    }
    if let Some(h) = &r.opening_hours {
        let _ = writeln!(out, "    Bereikbaar: {h}");
    }
    if let Some(n) = &r.note {
        let _ = writeln!(out, "    {n}");
    }
    let _ = writeln!(out, "    {}", r.source_line);
}

pub fn wie_bel_ik(v: &WieBelIkView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{}", v.title, v.intro);
    if let Some(n) = &v.notice {
        let _ = writeln!(out, "Let op: {n}");
    }
    for g in &v.groups {
        let _ = writeln!(out, "\n== {} ==", g.title);
        for r in &g.rows {
            row(&mut out, r);
        }
    }
    out
}

fn kind(t: &SearchTarget) -> &'static str {
    match t {
        SearchTarget::Contact { .. } => "contact",
        SearchTarget::Facility { .. } => "voorziening",
        SearchTarget::Phase { .. } => "zorgpad",
        SearchTarget::Topic { .. } => "onderwerp",
        SearchTarget::Hulpmiddel { .. } => "hulpmiddel",
        SearchTarget::Document { .. } => "document",
        SearchTarget::Term { .. } => "begrip",
    }
}

/// Ranked results, one per line: rank, kind, title.
pub fn search(v: &SearchView) -> String {
    let mut out = String::new();
    // Ranked as found, whether the name matched or only the text (`mentions`).
    let mut all: Vec<_> = v.groups.iter().chain(&v.mentions).flat_map(|g| &g.results).collect();
    all.sort_by_key(|r| r.rank);
    for r in all {
        let _ = writeln!(out, "{}\t{}\t{}", r.rank, kind(&r.target), r.title);
    }
    let _ = writeln!(out, "{}", v.message);
    out
}

pub fn now(v: &NowView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} · {}\n{}", v.title, v.moment, v.period);
    for r in &v.rows {
        let _ = writeln!(out, "\n{}  [{}]", r.contact.name, r.status_label);
        for a in &r.contact.actions {
            let _ = writeln!(out, "    {}  <{}>", a.label, a.uri);
        }
    }
    out
}
