//! `palliwijzer keys generate`, `palliwijzer publish` and `palliwijzer sync`.

use super::{content_dir, today, CliError};
use crate::publish;
use palliwijzer_core::error::{io_reason, read_text};
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::{client, format};
use palliwijzer_core::view::{labels, SyncStatus};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn keys_generate(out: &Path) -> Result<ExitCode, CliError> {
    publish::generate_keys(out, chrono::Utc::now())?;
    println!(
        "Sleutels geschreven in {}: root.pub gaat in de app; root.key en publish.key blijven geheim (nooit in git).",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn keys_rotate(root: &Path, keys: &Path, out: &Path, keep_old: bool) -> Result<ExitCode, CliError> {
    let version = publish::rotate(root, keys, out, keep_old, chrono::Utc::now())?;
    println!(
        "Nieuwe publicatiesleutel in {}; keys.json versie {version}. Publiceer voortaan met deze sleutel en keys.json.",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn publish(
    content: Option<PathBuf>,
    key: &Path,
    keys: Option<&Path>,
    out: &Path,
    expires_days: i64,
) -> Result<ExitCode, CliError> {
    let dir = content_dir(content)?;
    let loaded = palliwijzer_core::content::load_dir(&dir, today(None));
    if loaded.error_count() > 0 {
        for d in &loaded.diagnostics {
            println!("{d}");
        }
        eprintln!("Niet gepubliceerd: {} fout(en) in de inhoud.", loaded.error_count());
        return Ok(ExitCode::FAILURE);
    }
    let signing = publish::read_key(key)?;
    let keys_path = keys.map(Path::to_path_buf).unwrap_or_else(|| key.with_file_name("keys.json"));
    let keys_json = read_text(&keys_path).map_err(CliError::State)?;
    let expires = chrono::Utc::now() + chrono::Duration::days(expires_days.max(0));
    let p = publish::publish(&loaded.content, &loaded.content_hash, &signing, &keys_json, out, expires, None)?;
    println!(
        "Gepubliceerd: versie {} in {} ({} nieuw, {} hergebruikt, {:.1} KB in totaal).",
        p.version,
        out.display(),
        labels::count(p.objects_written as u64, "object", "objecten"),
        p.objects_reused,
        p.total_bytes as f64 / 1024.0
    );
    Ok(ExitCode::SUCCESS)
}

pub fn sync(url: &str, store_path: &Path, trust: &Path) -> Result<ExitCode, CliError> {
    let root_hex = read_text(trust).map_err(CliError::State)?;
    let root = format::verifying_key(&root_hex).map_err(|e| CliError::State(format!("{}: {e}", trust.display())))?;
    // A first sync fills a new file next to the store and renames it into place only when
    // it succeeded: a failed or killed first sync never leaves a half-created store.
    let created = !store_path.exists();
    let partial = store_path.with_extension("nieuw");
    let work = if created { partial.as_path() } else { store_path };
    if created {
        let _ = std::fs::remove_file(&partial);
    }
    let store = if created { Store::create_empty(work)? } else { Store::open(work)? };
    // Crash tests ask for a pause inside the apply transaction, to kill the process there.
    let pause_in_apply = std::env::var("PALLIWIJZER_APPLY_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(std::time::Duration::from_millis);
    let options = client::Options { pause_in_apply, ..Default::default() };
    let outcome = match client::sync(&store, url, &root, chrono::Utc::now(), &options) {
        Ok(o) => Ok((o, SyncStatus::of(&store)?)),
        Err(e) => Err(e),
    };
    drop(store);
    match outcome {
        Ok((o, status)) => {
            if created {
                std::fs::rename(&partial, store_path).map_err(|e| {
                    CliError::State(format!("kan {} niet klaarzetten: {}", store_path.display(), io_reason(&e)))
                })?;
            }
            let what = if o.changed { "bijgewerkt" } else { "geen wijzigingen" };
            let objects = labels::count(o.objects_fetched.into(), "object", "objecten");
            println!("{} ({what}; {objects}, {} bytes ontvangen)", status.line, o.bytes);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if created {
                let _ = std::fs::remove_file(&partial);
            }
            eprintln!("{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}
