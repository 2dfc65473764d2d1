//! Errors a user of the core can meet, each saying what happened and what to do.
//! The wording is Dutch: shells show these messages as they are.

/// What went wrong when opening, building or reading a store.
#[derive(Debug, thiserror::Error)]
#[cfg_attr(feature = "ffi", derive(uniffi::Error), uniffi(flat_error))]
pub enum CoreError {
    #[error("De gegevens zijn niet gevonden ({path}). Installeer de app opnieuw of haal de gegevens opnieuw op.")]
    StoreMissing { path: String },

    #[error("De gegevens kunnen niet worden gelezen ({detail}). Haal de gegevens opnieuw op; de app heeft een goede kopie nodig.")]
    StoreUnreadable { detail: String },

    #[error("{path} is geen gegevensbestand van Palliwijzer (het is leeg of iets anders) en is niet aangeraakt. Kies het juiste bestand, of maak het met `palliwijzer content build`.")]
    NotAStore { path: String },

    #[error("De gegevens zijn gemaakt voor een nieuwere versie van de app. Werk de app bij.")]
    SchemaTooNew,

    #[error("De gegevens zijn gemaakt door een oudere versie van Palliwijzer en worden niet meer gelezen. Zet de meegeleverde gegevens opnieuw klaar; op een server: bouw ze opnieuw met `palliwijzer content build`.")]
    StoreOutdated,

    /// The id stays out of the message: users read names, not internal ids.
    #[error("{what} bestaat niet (meer). Kies opnieuw in het overzicht.")]
    NotFound { what: String, id: String },

    #[error("{0}")]
    InvalidInput(String),

    #[error("De inhoud bevat {errors} fout(en). Los ze eerst op; `palliwijzer content lint` toont waar.")]
    ContentInvalid { errors: u32 },

    #[error("Geen verbinding met de server ({detail}) en nog geen opgeslagen gegevens. Probeer het opnieuw als er verbinding is.")]
    Unreachable { detail: String },

    /// The update server offered something that must not be trusted; nothing was applied.
    #[error("{message}")]
    SyncRefused { message: String },

    /// No connection to the update server, or it failed; nothing was applied.
    #[error("{message}")]
    SyncOffline { message: String },

    /// The update is in a newer format than this app reads; nothing was applied.
    #[error("{message}")]
    SyncAppTooOld { message: String },

    #[error("Kan niet schrijven naar {path}: {detail}. Controleer de map en de vrije ruimte.")]
    Write { path: String, detail: String },

    #[error("De gegevens worden op dit moment bijgewerkt. Probeer het over een paar seconden opnieuw.")]
    StoreBusy,
}

/// Why a file could not be read or written, in Dutch: what users can act on, not the
/// operating system's English ("No such file or directory (os error 2)").
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "het bestand of de map bestaat niet".into(),
        PermissionDenied => "geen toestemming; kijk wie eigenaar is en wie mag lezen en schrijven".into(),
        AlreadyExists => "er staat al iets met die naam".into(),
        StorageFull => "de schijf is vol".into(),
        ReadOnlyFilesystem => "de schijf is alleen te lezen".into(),
        IsADirectory => "dat is een map, geen bestand".into(),
        NotADirectory => "een deel van het pad is geen map".into(),
        InvalidData => "de inhoud is geen leesbare tekst (UTF-8)".into(),
        UnexpectedEof => "het bestand houdt te vroeg op".into(),
        _ => format!("onverwachte fout van het besturingssysteem ({e})"),
    }
}

/// A text file's contents, or "kan <pad> niet lezen: <reden>" in Dutch ([`io_reason`]).
pub fn read_text(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("kan {} niet lezen: {}", path.display(), io_reason(&e)))
}

impl CoreError {
    pub(crate) fn unreadable(e: impl std::fmt::Display) -> Self {
        CoreError::StoreUnreadable { detail: e.to_string() }
    }

    pub(crate) fn not_found(what: &str, id: &str) -> Self {
        CoreError::NotFound { what: what.to_string(), id: id.to_string() }
    }
}

/// What went wrong inside the core, with its cause kept: which SQLite statement or step,
/// which stored record. Whoever logs or tests it gets the whole chain (`source`); a user gets
/// the [`CoreError`] it maps to, whose message says what to do, with this as its detail.
#[derive(Debug, thiserror::Error)]
pub enum Internal {
    #[error("SQLite bij `{op}`: {source}")]
    Sqlite {
        op: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("onleesbaar opgeslagen record bij `{op}`: {source}")]
    Record {
        op: String,
        #[source]
        source: serde_json::Error,
    },
}

/// Sorted by what a user can do about it: a full disk or a read-only file is a write
/// problem, a lock held by another writer is a moment's wait, and the rest means the data
/// cannot be read.
impl From<Internal> for CoreError {
    fn from(e: Internal) -> Self {
        use rusqlite::ErrorCode;
        let code = match &e {
            Internal::Sqlite { source, .. } => source.sqlite_error_code(),
            Internal::Record { .. } => None,
        };
        match code {
            Some(ErrorCode::DiskFull | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
                CoreError::Write { path: "de gegevens van de app".into(), detail: e.to_string() }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => CoreError::StoreBusy,
            _ => CoreError::unreadable(e),
        }
    }
}

/// Names the step a SQLite call or a stored record belongs to: `stmt.query(..).doing("...")?`.
pub(crate) trait Doing<T> {
    fn doing(self, op: &str) -> Result<T, CoreError>;
}

impl<T> Doing<T> for rusqlite::Result<T> {
    fn doing(self, op: &str) -> Result<T, CoreError> {
        self.map_err(|source| Internal::Sqlite { op: op.to_string(), source }.into())
    }
}

impl<T> Doing<T> for serde_json::Result<T> {
    fn doing(self, op: &str) -> Result<T, CoreError> {
        self.map_err(|source| Internal::Record { op: op.to_string(), source }.into())
    }
}

/// A SQLite error whose step is not named: sorted the same way.
impl From<rusqlite::Error> for CoreError {
    fn from(source: rusqlite::Error) -> Self {
        Internal::Sqlite { op: "opslag".into(), source }.into()
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(e: serde_json::Error) -> Self {
        CoreError::unreadable(e)
    }
}
