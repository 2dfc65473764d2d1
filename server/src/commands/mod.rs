//! The subcommands, and where they get their data.

pub mod content;
pub mod editor;
pub mod hospice;
pub mod lookup;
pub mod serve;
pub mod sync;

use palliwijzer_core::store::Store;
use palliwijzer_core::CoreError;
use std::path::{Path, PathBuf};

/// What went wrong in a command, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Core(#[from] CoreError),
    #[error("kan de inhoudsmap {path} niet vinden; geef een map op of start vanuit de projectmap")]
    NoContent { path: String },
    #[error("kan geen tijdelijke database maken: {0}")]
    Temp(std::io::Error),
    #[error("{0}")]
    State(String),
    #[error("{0}")]
    Publish(#[from] crate::publish::PublishError),
    #[error("kan de website niet starten: {0}")]
    Serve(std::io::Error),
}

/// The server's state file: the one given, or `palliwijzer/state.sqlite` in the user's
/// state folder ($XDG_STATE_HOME, else ~/.local/state), never the working directory (where
/// it and its `-wal` and `-shm` files would end up in a git checkout).
pub fn state_file(given: Option<PathBuf>) -> Result<PathBuf, CliError> {
    if let Some(path) = given {
        return Ok(path);
    }
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".local/state")))
        .ok_or_else(|| {
            CliError::State("geen map voor de status gevonden (HOME is niet gezet); geef --state PAD".into())
        })?;
    let dir = base.join("palliwijzer");
    std::fs::create_dir_all(&dir).map_err(|e| {
        CliError::State(format!(
            "kan de statusmap {} niet maken: {}; geef --state PAD",
            dir.display(),
            palliwijzer_core::error::io_reason(&e)
        ))
    })?;
    Ok(dir.join("state.sqlite"))
}

/// Where lookups read from: a built database, or the content folder built on the fly.
#[derive(clap::Args, Debug)]
pub struct DataSource {
    /// A database built with `palliwijzer content build`.
    #[arg(long, conflicts_with = "content")]
    pub db: Option<PathBuf>,
    /// A content folder to build first (default: the bundled content).
    #[arg(long)]
    pub content: Option<PathBuf>,
}

/// The bundled content: `./content` when run from the project, else next to the sources.
pub fn default_content_dir() -> PathBuf {
    let here = PathBuf::from("content");
    if here.join("national").is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("content")
}

pub fn content_dir(dir: Option<PathBuf>) -> Result<PathBuf, CliError> {
    let dir = dir.unwrap_or_else(default_content_dir);
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(CliError::NoContent { path: dir.display().to_string() })
    }
}

pub fn today(given: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    given.unwrap_or_else(palliwijzer_core::view::Views::today_in_nl)
}

pub use crate::opened::Opened;

impl DataSource {
    pub fn open(&self) -> Result<Opened, CliError> {
        if let Some(db) = &self.db {
            return Ok(Opened { store: Store::open(db)?, path: db.clone(), dir: None, content: None });
        }
        let dir = content_dir(self.content.clone())?;
        let loaded = palliwijzer_core::content::load_dir(&dir, today(None));
        if loaded.error_count() > 0 {
            for d in loaded.diagnostics.iter().filter(|d| d.severity == palliwijzer_core::content::Severity::Error) {
                eprintln!("{d}");
            }
            return Err(CoreError::ContentInvalid { errors: loaded.error_count() as u32 }.into());
        }
        let tmp = tempfile::tempdir().map_err(CliError::Temp)?;
        let path = tmp.path().join("palliwijzer.sqlite");
        Store::build(&loaded.content, &loaded.content_hash, &path)?;
        Ok(Opened { store: Store::open(&path)?, path, dir: Some(tmp), content: Some(dir) })
    }
}
