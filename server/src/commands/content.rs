//! `palliwijzer content lint` and `palliwijzer content build`.

use super::{content_dir, today, CliError};
use palliwijzer_core::content::{load_dir, Loaded, Severity};
use palliwijzer_core::store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn report(loaded: &Loaded) -> (usize, usize) {
    for d in &loaded.diagnostics {
        println!("{d}");
    }
    let errors = loaded.error_count();
    let warnings = loaded.diagnostics.len() - errors;
    (errors, warnings)
}

pub fn lint(dir: Option<PathBuf>, day: Option<chrono::NaiveDate>) -> Result<ExitCode, CliError> {
    let dir = content_dir(dir)?;
    let loaded = load_dir(&dir, today(day));
    let (errors, warnings) = report(&loaded);
    let c = &loaded.content;
    eprintln!(
        "{errors} error(s), {warnings} warning(s). Read {} regions, {} contacts, {} facilities, {} zorgpad phases, {} topics, {} decision trees, {} hulpmiddelen, {} terms, {} documents.",
        c.regions.len(), c.contacts.len(), c.facilities.len(), c.phases.len(), c.topics.len(), c.trees.len(),
        c.hulpmiddelen.len(), c.terms.len(), c.documents.len()
    );
    Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

pub fn build(dir: Option<PathBuf>, out: &Path, day: Option<chrono::NaiveDate>) -> Result<ExitCode, CliError> {
    let dir = content_dir(dir)?;
    let loaded = load_dir(&dir, today(day));
    let (errors, _) = report(&loaded);
    if errors > 0 {
        eprintln!("Not built: {errors} error(s). {} was left as it was.", out.display());
        return Ok(ExitCode::FAILURE);
    }
    Store::build(&loaded.content, &loaded.content_hash, out)?;
    let warnings = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    println!("Built {} (content hash {}, {warnings} warning(s)).", out.display(), loaded.content_hash);
    Ok(ExitCode::SUCCESS)
}
