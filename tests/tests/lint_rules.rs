//! One failing fixture per lint rule: each must report exactly its one problem, at the exact
//! place an editor has to go to fix it.

use palliwijzer_core::content::{load_dir, Severity};
use std::path::Path;

const TODAY: (i32, u32, u32) = (2026, 11, 23);

/// (fixture folder, expected "path:line:col", words the message must contain)
const RULES: &[(&str, &str, &str)] = &[
    ("malformed-toml", "national/contacts.toml:5:20", "malformed TOML"),
    ("front-matter-missing", "national/documenten/kaart.md:1:1", "must start with TOML front matter"),
    ("front-matter-unclosed", "national/documenten/kaart.md:1:1", "front matter is not closed"),
    ("unknown-field", "national/contacts.toml:9:1", "unknown field `telefoon`"),
    ("missing-field", "national/contacts.toml:4:1", "missing field `call_for`"),
    ("wrong-type", "regions/test/facilities.toml:9:12", "`capacity` in facility must be a whole number"),
    ("duplicate-id", "national/contacts.toml:13:6", "duplicate id `test-contact`"),
    ("invalid-id", "national/contacts.toml:5:6", "may only use a-z, 0-9 and -"),
    ("dangling-phase", "national/hulpmiddelen.toml:9:11", "unknown zorgpad phase `onbekende-fase`"),
    ("invalid-url", "national/contacts.toml:9:11", "not a valid URL"),
    ("invalid-email", "national/contacts.toml:9:9", "not a valid e-mail address"),
    ("invalid-phone", "national/contacts.toml:9:9", "not a valid Dutch phone number"),
    ("unsourced-phone", "national/contacts.toml:9:9", "phone number without `source` and `verified_on`"),
    ("stored-copy-as-live", "national/contacts.toml:10:15", "add `checked_in_copy = true`"),
    ("opening-hours", "national/contacts.toml:9:17", "opening hours `maandag 9-17` do not parse"),
    ("postcode-two-regions", "regions/zuid/region.toml:9:27", "postcode 2031 is claimed by two regions"),
    ("postcode-malformed", "regions/noord/region.toml:9:27", "`20311` is not a 4-digit postcode"),
    ("places-unsourced", "regions/noord/region.toml:12:11", "places need `places_source`"),
    ("tree-cycle", "regions/test/beslisboom.toml:23:8", "makes a cycle"),
    ("tree-unreachable", "regions/test/beslisboom.toml:35:6", "node `vergeten` cannot be reached"),
    ("tree-dangling-next", "regions/test/beslisboom.toml:16:8", "leads to `nergens`"),
    ("unknown-kind", "national/contacts.toml:7:8", "`apotheek` is not a valid contact kind"),
    ("region-folder-mismatch", "regions/noord/region.toml:1:1", "differs from its folder name"),
    ("not-utf8", "national/contacts.toml:1:1", "not valid UTF-8"),
    ("voorbeeld-source", "national/contacts.toml:9:10", "lacks `voorbeeld = true`"),
    ("invisible-character", "national/contacts.toml:6:8", "invisible character (U+202E)"),
];

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint").join(name)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).expect("valid date")
}

/// "path:line:col: message" with the path relative to the fixture.
fn errors(name: &str, severity: Severity) -> Vec<String> {
    let root = fixture(name);
    load_dir(&root, today())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == severity)
        .map(|d| {
            let rel = d.path.strip_prefix(&root).unwrap_or(&d.path).display().to_string();
            format!("{rel}:{}:{}: {}", d.line, d.col, d.message)
        })
        .collect()
}

#[test]
fn every_rule_reports_its_one_problem_at_the_exact_place() {
    let mut failures = Vec::new();
    for (name, place, words) in RULES {
        let got = errors(name, Severity::Error);
        let ok = got.len() == 1 && got[0].starts_with(&format!("{place}: ")) && got[0].contains(words);
        if !ok {
            failures.push(format!("{name}: expected one error at {place} containing {words:?}, got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_folder_is_covered_by_a_rule() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixture(""))
        .expect("fixtures exist")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut named: Vec<String> = RULES.iter().map(|r| r.0.to_string()).collect();
    named.extend(["dangling-contact".to_string(), "review-overdue".to_string()]);
    named.sort();
    assert_eq!(dirs, named);
}

#[test]
fn every_dangling_contact_in_a_tree_is_reported_not_just_the_first() {
    let got = errors("dangling-contact", Severity::Error);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with("regions/test/beslisboom.toml:22:13: unknown contact `bestaat-niet`"), "{got:#?}");
    assert!(got[1].starts_with("regions/test/beslisboom.toml:28:13: unknown contact `bestaat-ook-niet`"), "{got:#?}");
}

#[test]
fn an_overdue_review_is_a_warning_at_the_date_and_not_an_error() {
    assert!(errors("review-overdue", Severity::Error).is_empty());
    let warnings = errors("review-overdue", Severity::Warning);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].starts_with("national/contacts.toml:2:13: review overdue since 2026-01-01"), "{warnings:#?}");
}

#[test]
fn a_web_source_without_a_name_is_a_warning_at_the_address() {
    let warnings = errors("stored-copy-as-live", Severity::Warning);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].starts_with("national/contacts.toml:9:10: web source without `source_name`"), "{warnings:#?}");
    // Named, it passes without a word (the fixture of the overdue review has a name).
    assert!(errors("review-overdue", Severity::Warning).iter().all(|w| !w.contains("source_name")));
}
