//! Helpers shared by the end-to-end tests: the real content, a real SQLite file built
//! from it, and a fixed day so review flags do not change under the tests.

use palliwijzer_core::content::{load_dir, Loaded};
use palliwijzer_core::store::Store;
use std::path::{Path, PathBuf};

/// The bundled content folder of this checkout.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The day the tests judge review dates on.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

pub fn load_real() -> Loaded {
    load_dir(&content_dir(), today())
}

/// A store built from the real content into a temporary folder (kept alive by the `TempDir`).
pub fn real_store() -> (tempfile::TempDir, Store) {
    let loaded = load_real();
    assert_eq!(loaded.error_count(), 0, "real content must lint clean: {:#?}", loaded.diagnostics);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("content.sqlite");
    Store::build(&loaded.content, &loaded.content_hash, &path).expect("build");
    let store = Store::open(&path).expect("open");
    (dir, store)
}

/// The real content with the demo fixture's regions laid over it (`tests/fixtures/demo`), in
/// a temporary folder: for tests of how VOORBEELD data is shown. Never the bundled content.
pub fn demo_content() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).expect("copy");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    copy(&content_dir(), dir.path());
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/regions"), &dir.path().join("regions"));
    dir
}

/// A store built from [`demo_content`].
pub fn demo_store() -> (tempfile::TempDir, Store) {
    let content = demo_content();
    let loaded = load_dir(content.path(), today());
    assert_eq!(loaded.error_count(), 0, "demo content must lint clean: {:#?}", loaded.diagnostics);
    let path = content.path().join("demo.sqlite");
    Store::build(&loaded.content, &loaded.content_hash, &path).expect("build");
    let store = Store::open(&path).expect("open");
    (content, store)
}
