//! `palliwijzer region POSTCODE` and `palliwijzer wie-bel-ik PLACE`.

use super::{CliError, DataSource};
use crate::print;
use palliwijzer_core::postcode::parse_user_postcode;
use palliwijzer_core::view::Views;
use std::process::ExitCode;

/// Exit code for input that is not a postcode at all.
const BAD_INPUT: u8 = 2;

pub fn region(postcode: &str, data: &DataSource) -> Result<ExitCode, CliError> {
    if let Err(message) = parse_user_postcode(postcode) {
        eprintln!("{message}");
        return Ok(ExitCode::from(BAD_INPUT));
    }
    let opened = data.open()?;
    let views = Views::new(&opened.store, super::today(None));
    let found = views.find_region(postcode)?;
    match found.matches.first() {
        Some(r) => {
            println!("{}", found.message);
            println!("{}\t{}", r.id, r.name);
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("{}", found.message);
            Ok(ExitCode::FAILURE)
        }
    }
}

pub fn wie_bel_ik(place: &str, data: &DataSource) -> Result<ExitCode, CliError> {
    let opened = data.open()?;
    let views = Views::new(&opened.store, super::today(None));
    let region_id = if place.trim().chars().next().is_some_and(|c| c.is_ascii_digit()) {
        if let Err(message) = parse_user_postcode(place) {
            eprintln!("{message}");
            return Ok(ExitCode::from(BAD_INPUT));
        }
        let found = views.find_region(place)?;
        match found.matches.first() {
            Some(r) => {
                println!("{}\n", found.message);
                r.id.clone()
            }
            None => {
                eprintln!("{}", found.message);
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        place.trim().to_string()
    };
    let view = views.wie_bel_ik(&region_id)?;
    print!("{}", print::wie_bel_ik(&view));
    Ok(ExitCode::SUCCESS)
}

pub fn search(query: &str, region: Option<&str>, data: &DataSource) -> Result<ExitCode, CliError> {
    let opened = data.open()?;
    let views = Views::new(&opened.store, super::today(None));
    let view = views.search(query, region)?;
    print!("{}", print::search(&view));
    Ok(if view.groups.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

pub fn now(region: &str, at: Option<&str>, data: &DataSource) -> Result<ExitCode, CliError> {
    let at = match at {
        None => chrono::Utc::now(),
        Some(text) => match chrono::DateTime::parse_from_rfc3339(text) {
            Ok(t) => t.with_timezone(&chrono::Utc),
            Err(e) => {
                eprintln!("'{text}' is geen tijdstip ({e}). Gebruik bijvoorbeeld 2026-12-25T03:00:00+01:00.");
                return Ok(ExitCode::from(BAD_INPUT));
            }
        },
    };
    let opened = data.open()?;
    let views = Views::new(&opened.store, super::today(None));
    print!("{}", print::now(&views.now(region, at)?));
    Ok(ExitCode::SUCCESS)
}
