//! Attack review, breaks 4 and 5: the loader behind `content lint`, `content build` and
//! `serve --content` reads only regular files inside the content folder, bounded in size, and
//! reports every problem at its place without work that grows faster than the input.

use palliwijzer_core::content::{load_dir, load_files, Severity, MAX_FILE_BYTES};
use std::path::{Path, PathBuf};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn contact(id: &str) -> String {
    format!(
        "[[contact]]\nid = \"{id}\"\nname = \"Contact {id}\"\nkind = \"netwerk\"\ncall_for = \"Om te testen.\"\n\
         source = \"https://example.org/bron\"\nverified_on = 2026-11-01\n\n"
    )
}

fn header() -> String {
    "owner = \"Testredactie\"\nreview_by = 2099-01-01\n\n".to_string()
}

/// "path:line:col: message" for every error, the path relative to `root`.
fn errors(root: &Path) -> Vec<String> {
    load_dir(root, today())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let rel = d.path.strip_prefix(root).unwrap_or(&d.path).display().to_string();
            format!("{rel}:{}:{}: {}", d.line, d.col, d.message)
        })
        .collect()
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_problem_at_the_end_of_a_long_file_is_reported_at_its_own_line() {
    // 7 000 records: the review found line lookups rescanning the file for every id (50 s).
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = header();
    for i in 0..7000 {
        text.push_str(&contact(&format!("c{i}")));
    }
    text.push_str(&contact("c17"));
    write(dir.path(), "national/contacts.toml", &text);
    let got = errors(dir.path());
    let line = 4 + 7000 * 8 + 1;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with(&format!("national/contacts.toml:{line}:6: duplicate id `c17`")), "{got:?}");
}

#[test]
fn a_file_larger_than_the_bound_is_refused_with_its_size_and_nothing_else_is_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = header();
    text.push_str(&contact("echt"));
    text.push_str(&format!("# {}\n", "x".repeat(MAX_FILE_BYTES as usize)));
    write(dir.path(), "regions/groot/contacts.toml", &text);
    write(dir.path(), "national/contacts.toml", &(header() + &contact("blijft")));
    let loaded = load_dir(dir.path(), today());
    let got = errors(dir.path());
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("regions/groot/contacts.toml:1:1: file is 2048 KB, more than the 2048 KB"), "{got:?}");
    assert!(loaded.content.contacts.iter().any(|c| c.id == "blijft"), "the other files are still read");

    // The same bound holds when files are handed over in memory.
    let inputs = vec![(PathBuf::from("national/contacts.toml"), text.into_bytes())];
    let loaded = load_files(dir.path(), &inputs, today());
    assert_eq!(loaded.error_count(), 1);
    assert!(loaded.diagnostics[0].message.contains("split it into smaller files"));
}

fn document(body: &str) -> String {
    format!(
        "+++\nid = \"brief\"\ntitle = \"Brief\"\nkind = \"folder\"\naudience = [\"patient\"]\npaper = \"a4\"\n\
         summary = \"Kort.\"\nsource = \"https://example.org/bron\"\nwritten_on = 2026-11-01\n\
         owner = \"Testredactie\"\nreview_by = 2099-01-01\n+++\n\n{body}"
    )
}

#[test]
fn deep_nesting_and_long_bodies_are_refused_at_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "national/documenten/lijst.md", &document(&format!("Inleiding.\n\n{}x\n", "- ".repeat(8000))));
    write(root, "national/documenten/divs.md", &document(&format!("Tekst\n{}\n", "<div>".repeat(8000))));
    write(root, "national/documenten/lang.md", &document(&"Een zin.\n".repeat(40_000)));
    let got = errors(root);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(got[0].starts_with("national/documenten/divs.md:15:161: HTML tags are nested more than 32"), "{got:#?}");
    assert!(
        got[1].starts_with("national/documenten/lang.md:13:1: the text after the front matter is 351 KB"),
        "{got:#?}"
    );
    assert!(got[2].starts_with("national/documenten/lijst.md:16:1: lists or quotes are nested too deeply"), "{got:#?}");
}

#[cfg(unix)]
#[test]
fn symbolic_links_fifos_and_devices_are_reported_not_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "national/contacts.toml", &(header() + &contact("echt")));
    symlink("/dev/zero", root.join("national/glossary.toml")).expect("symlink");
    symlink("/etc/passwd", root.join("national/hulpmiddelen.toml")).expect("symlink");
    std::fs::create_dir_all(root.join("regions/x")).expect("mkdir");
    let fifo = root.join("regions/x/contacts.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    // A symbolic link to a folder outside the tree is not followed either.
    symlink("/etc", root.join("regions/buiten")).expect("symlink");

    let got = errors(root);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(
        got[0].starts_with("national/glossary.toml:1:1: a symbolic link: content files must be regular"),
        "{got:#?}"
    );
    assert!(got[1].starts_with("national/hulpmiddelen.toml:1:1: a symbolic link"), "{got:#?}");
    assert!(got[2].starts_with("regions/buiten:1:1: a symbolic link"), "{got:#?}");
    assert!(got[3].starts_with("regions/x/contacts.toml:1:1: not a regular file"), "{got:#?}");
    assert_eq!(load_dir(root, today()).content.contacts.len(), 1, "the regular file is still read");
}
