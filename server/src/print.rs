//! Plain-text drawing of view models for the terminal. Like every shell, it only draws.

use palliwijzer_core::view::{ContactRow, WieBelIkView};
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
