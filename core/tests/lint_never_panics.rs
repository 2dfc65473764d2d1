//! Lint must survive anything an editor (or a broken disk) can put in a file: arbitrary
//! bytes, and real content files with random damage. It may report errors; it may not panic.

use palliwijzer_core::content::load_files;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const PATHS: &[&str] = &[
    "national/contacts.toml",
    "national/hulpmiddelen.toml",
    "national/glossary.toml",
    "national/documenten/kaart.md",
    "regions/r/region.toml",
    "regions/r/contacts.toml",
    "regions/r/facilities.toml",
    "regions/r/beslisboom.toml",
    "regions/r/zorgpad/01-fase.md",
    "regions/r/zorgpad/onderwerp-x.md",
];

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// Real content files to damage.
fn real_files() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    [
        "national/contacts.toml",
        "regions/noord-holland-zuid/region.toml",
        "regions/noord-holland-zuid/beslisboom.toml",
        "regions/noord-holland-zuid/zorgpad/02-markeren.md",
        "national/documenten/levenswensenkaart.md",
    ]
    .into_iter()
    .map(|rel| (PathBuf::from(rel), std::fs::read(root.join(rel)).expect("real content file")))
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(which in 0..PATHS.len(), bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let loaded = load_files(Path::new("c"), &[(PathBuf::from(PATHS[which]), bytes)], today());
        for d in &loaded.diagnostics {
            prop_assert!(d.line >= 1 && d.col >= 1);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(which in 0..PATHS.len(), text in "(\\+\\+\\+\n)?[a-z_\\[\\]=\" \n0-9.\\-{},#]{0,400}") {
        let _ = load_files(Path::new("c"), &[(PathBuf::from(PATHS[which]), text.into_bytes())], today());
    }

    #[test]
    fn damaged_real_files_never_panic(
        file in 0usize..5,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut files = real_files();
        let bytes = &mut files[file].1;
        for (at, byte, op) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let _ = load_files(Path::new("c"), &files, today());
    }
}

/// Found by `arbitrary_text_never_panics` in CI: toml_edit 0.23 panicked on this input.
#[test]
fn the_input_that_once_crashed_the_toml_parser_is_a_malformed_toml_error() {
    let text = "}\n=[[[[,=\"\n{{{}\"\n}{\"\n}0 0]a}\n{.}";
    let loaded =
        load_files(Path::new("c"), &[(PathBuf::from("national/contacts.toml"), text.as_bytes().to_vec())], today());
    assert_eq!(loaded.error_count(), 1, "{:#?}", loaded.diagnostics);
    assert!(loaded.diagnostics[0].message.starts_with("malformed TOML"), "{:#?}", loaded.diagnostics);
}
