//! The `palliwijzer` binary as an editor or a GP uses it: exit codes and what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_palliwijzer")).args(args).current_dir(repo()).output().expect("runs")
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn region_of_a_haarlem_postcode() {
    let o = run(&["region", "2031"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("noord-holland-zuid\tNoord-Holland Zuid"), "{out}");
    assert!(out.contains("Haarlem"), "{out}");
}

#[test]
fn unknown_and_malformed_postcodes_fail_with_a_clear_message() {
    let unknown = run(&["region", "9999"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown).1.contains("Postcode 9999 valt (nog) niet in een regio"), "{:?}", text(&unknown));
    for bad in ["20x1", "203", "hallo"] {
        let o = run(&["region", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(text(&o).1.contains("geen postcode"), "{bad}: {:?}", text(&o));
    }
}

#[test]
fn wie_bel_ik_prints_the_national_line_with_its_tel_link_and_source() {
    let o = run(&["wie-bel-ik", "2031"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let first_group = out.find("== ").expect("groups");
    assert!(out[first_group..].starts_with("== Consultatie palliatieve zorg =="), "{out}");
    assert!(out.contains("Bel 088 605 1444  <tel:+31886051444>"), "{out}");
    assert!(out.contains("Bron: Palliaweb, themapagina Consultatie (palliaweb.nl)"), "{out}");
}

#[test]
fn lint_passes_on_the_real_content_and_fails_on_a_broken_fixture() {
    let ok = run(&["content", "lint", "content", "--today", "2026-11-23"]);
    assert!(ok.status.success(), "{:?}", text(&ok));
    assert!(text(&ok).1.starts_with("0 error(s)"), "{:?}", text(&ok));
    let bad = run(&["content", "lint", "tests/fixtures/lint/invalid-phone", "--today", "2026-11-23"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad).0.contains("national/contacts.toml:9:9: error: `023 12` is not a valid Dutch phone number"),
        "{:?}",
        text(&bad)
    );
}

#[test]
fn build_writes_a_store_and_a_failed_build_leaves_the_old_one_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("content.sqlite");
    let o = run(&["content", "build", "content", "--out", out.to_str().expect("utf8")]);
    assert!(o.status.success(), "{:?}", text(&o));
    assert!(text(&o).0.contains("content hash"), "{:?}", text(&o));
    let before = std::fs::read(&out).expect("built");
    let o = run(&["content", "build", "tests/fixtures/lint/tree-cycle", "--out", out.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("Not built"), "{:?}", text(&o));
    assert_eq!(std::fs::read(&out).expect("still there"), before, "the good store is kept");
    let from_db = run(&["region", "2132", "--db", out.to_str().expect("utf8")]);
    assert!(text(&from_db).0.contains("Haarlemmermeer"), "{:?}", text(&from_db));
}

#[test]
fn a_missing_content_folder_is_named() {
    let o = run(&["content", "lint", "does-not-exist"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("does-not-exist"), "{:?}", text(&o));
}

#[test]
fn search_prints_ranked_results_one_per_line_with_kind_and_title() {
    let o = run(&["search", "hosipce", "--region", "noord-holland-zuid"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let first = out.lines().next().expect("a result");
    let cols: Vec<&str> = first.split('\t').collect();
    assert_eq!(cols.len(), 3, "{first}");
    assert_eq!(cols[0], "1");
    assert!(cols[2].to_lowercase().contains("hospice"), "{out}");
    let none = run(&["search", "xqzvw"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(text(&none).0.contains("Niets gevonden"));
}

#[test]
fn now_prints_the_order_for_a_given_moment_and_refuses_a_bad_one() {
    let o = run(&["now", "--region", "noord-holland-zuid", "--at", "2026-12-25T03:00:00+01:00"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("vrijdag 25 december 2026, 03:00"), "{out}");
    assert!(out.contains("Feestdag"), "{out}");
    let first = out.lines().find(|l| l.contains('[')).expect("a row");
    // At night the huisartsenpost comes first, reachable by its hours, then the 24/7 line.
    assert!(first.contains("Spoedpost") && first.contains("Nu bereikbaar, tot maandag om 08:00"), "{out}");
    let second = out.lines().filter(|l| l.contains('[')).nth(1).expect("a second row");
    assert!(second.contains("Nu bereikbaar (dag en nacht)"), "{out}");
    let bad = run(&["now", "--region", "noord-holland-zuid", "--at", "morgen"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).1.contains("geen tijdstip"));
}

/// Issue "A core a newcomer can change", item 8: the server's state file goes to the user's
/// state folder, not into the working directory (where `-wal` and `-shm` files showed up in git).
#[test]
fn the_state_file_defaults_to_the_state_folder_not_the_working_directory() {
    use std::io::Write;
    let home = tempfile::tempdir().expect("tmp");
    let work = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(env!("CARGO_BIN_EXE_palliwijzer"))
        .args(["hospice", "add-account", "--facility", "nhz-hospice-bardo", "--user", "bardo-test"])
        .arg("--content")
        .arg(repo().join("content"))
        .current_dir(work.path())
        .env("HOME", home.path())
        .env_remove("XDG_STATE_HOME")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(b"een lang genoeg wachtwoord\n").expect("password");
    let o = child.wait_with_output().expect("done");
    assert!(o.status.success(), "{:?}", text(&o));
    assert!(home.path().join(".local/state/palliwijzer/state.sqlite").is_file());
    let left: Vec<_> = std::fs::read_dir(work.path()).expect("list").collect();
    assert!(left.is_empty(), "files in the working directory: {left:?}");
}
