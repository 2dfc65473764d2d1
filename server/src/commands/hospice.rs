//! `palliwijzer hospice add-account`: a coordinator account for one facility.

use super::{CliError, DataSource};
use crate::state::StateDb;
use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

/// The password from standard input (one line), asked for on standard error.
pub fn read_password(user: &str) -> Result<String, CliError> {
    eprintln!("Wachtwoord voor '{user}' (minstens 12 tekens), gevolgd door Enter:");
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| CliError::State(format!("kan het wachtwoord niet lezen: {e}")))?;
    Ok(password.trim_end_matches(['\n', '\r']).to_string())
}

pub fn add_account(facility: &str, user: &str, state: &Path, data: &DataSource) -> Result<ExitCode, CliError> {
    let opened = data.open()?;
    let known = opened.store.regions()?.iter().try_fold(false, |found, r| {
        Ok::<_, CliError>(found || opened.store.facilities_for_region(&r.id)?.iter().any(|f| f.id == facility))
    })?;
    if !known {
        eprintln!("Onbekende voorziening '{facility}'. De ids staan in content/regions/*/facilities.toml.");
        return Ok(ExitCode::from(2));
    }
    let password = read_password(user)?;
    let password = password.as_str();
    let db = StateDb::open(state).map_err(|e| CliError::State(e.to_string()))?;
    match db.add_account(&user.to_lowercase(), facility, password) {
        Ok(()) => {
            println!("Account '{user}' aangemaakt voor {facility} in {}.", state.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("Niet aangemaakt: {e}.");
            Ok(ExitCode::FAILURE)
        }
    }
}
