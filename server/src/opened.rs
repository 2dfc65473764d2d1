//! An open content store, however it came to be (a built file, or content built on the fly):
//! what the commands hand to the website.

use palliwijzer_core::store::Store;
use std::path::PathBuf;

/// An open store, and the temporary folder it lives in when built on the fly.
pub struct Opened {
    pub store: Store,
    /// The database file, for opening more connections to it.
    pub path: PathBuf,
    /// Keeps a store built on the fly alive; removed with it.
    pub dir: Option<tempfile::TempDir>,
    /// The content folder it was built from (none for a built database): what the redactie
    /// edits.
    pub content: Option<PathBuf>,
}
