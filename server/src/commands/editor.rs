//! `palliwijzer editor add-account`: an editor for one region, or national.

use super::{CliError, DataSource};
use crate::state::StateDb;
use std::path::Path;
use std::process::ExitCode;

pub fn add_account(region: Option<&str>, user: &str, state: &Path, data: &DataSource) -> Result<ExitCode, CliError> {
    if let Some(region) = region {
        let opened = data.open()?;
        if !opened.store.regions()?.iter().any(|r| r.id == region) {
            eprintln!("Onbekende regio '{region}'. De ids zijn de mapnamen in content/regions/.");
            return Ok(ExitCode::from(2));
        }
    }
    let password = super::hospice::read_password(user)?;
    let db = StateDb::open(state).map_err(|e| CliError::State(e.to_string()))?;
    match db.add_editor(&user.to_lowercase(), region, &password) {
        Ok(()) => {
            let scope = region.map(|r| format!("regio {r}")).unwrap_or_else(|| "landelijk".into());
            println!("Redacteur '{user}' aangemaakt ({scope}) in {}.", state.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("Niet aangemaakt: {e}.");
            Ok(ExitCode::FAILURE)
        }
    }
}
