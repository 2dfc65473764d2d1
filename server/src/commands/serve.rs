//! `palliwijzer serve`: the website on the bundled content (or a built database).

use super::{CliError, DataSource};
use crate::web;
use std::net::SocketAddr;
use std::process::ExitCode;

pub fn run(
    addr: SocketAddr,
    data: &DataSource,
    state_file: &std::path::Path,
    publication: Option<std::path::PathBuf>,
    publish_key: Option<std::path::PathBuf>,
) -> Result<ExitCode, CliError> {
    let started = std::time::Instant::now();
    let db = crate::state::StateDb::open(state_file).map_err(|e| CliError::State(e.to_string()))?;
    let mut state = web::AppState::new(data.open()?, db)?;
    state.publication = publication;
    if let Some(key) = &publish_key {
        // Refused now rather than when an editor presses "Publiceren".
        crate::publish::read_key(key)?;
    }
    state.publish_key = publish_key;
    eprintln!("Inhoud geladen in {} ms; status in {}.", started.elapsed().as_millis(), state_file.display());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(CliError::Serve)?;
    runtime.block_on(web::serve(state, addr)).map_err(CliError::Serve)?;
    Ok(ExitCode::SUCCESS)
}
