//! The server's own state, next to the (read-only) content: coordinator accounts, sessions,
//! login throttling, and hospice availability with its audit log. One SQLite file in WAL
//! mode; every change is one transaction.

use palliwijzer_core::availability::{Status, Valid};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

const SCHEMA: &str = "
CREATE TABLE account (user TEXT PRIMARY KEY, facility_id TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
CREATE TABLE availability (
    facility_id TEXT PRIMARY KEY, status TEXT NOT NULL, free_beds INTEGER NOT NULL, note TEXT NOT NULL,
    updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL
) STRICT;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL, facility_id TEXT NOT NULL,
    old TEXT, new TEXT NOT NULL
) STRICT;
CREATE TABLE session (token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT;
CREATE TABLE login_failure (key TEXT PRIMARY KEY, count INTEGER NOT NULL, last_at INTEGER NOT NULL) STRICT;
";

/// Editors and the redactie's work: a role per account (an editor has a region, or none for
/// national), proposals, users' reports and their rate per address.
const SCHEMA_2: &str = "
ALTER TABLE account ADD COLUMN role TEXT NOT NULL DEFAULT 'coordinator';
ALTER TABLE account ADD COLUMN region TEXT;
CREATE TABLE proposal (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, item_id TEXT NOT NULL, region TEXT,
    changes TEXT NOT NULL, check_made TEXT, needs_second INTEGER NOT NULL, report_id TEXT, creates TEXT, removes INTEGER NOT NULL DEFAULT 0,
    proposed_by TEXT NOT NULL, proposed_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open', decided_by TEXT, decided_at TEXT, commit_id TEXT
) STRICT;
CREATE TABLE report (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, item_id TEXT NOT NULL, region TEXT, what TEXT NOT NULL,
    right_value TEXT, reach TEXT, written_at TEXT NOT NULL, received_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open', resolved_by TEXT, resolved_at TEXT, resolution TEXT
) STRICT;
CREATE TABLE report_rate (address TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
CREATE INDEX report_rate_by_address ON report_rate(address, at);
CREATE TABLE publication (
    version INTEGER PRIMARY KEY, at TEXT NOT NULL, by TEXT NOT NULL, commit_id TEXT,
    objects_written INTEGER NOT NULL, total_bytes INTEGER NOT NULL
) STRICT;
";

/// After this many failed logins on one account from one address, that address waits
/// [`LOCKOUT_SECONDS`] for that account. The account's owner elsewhere is not locked out.
pub const MAX_FAILURES: i64 = 5;
/// After this many failed logins from one address on any accounts, the address waits.
pub const MAX_ADDRESS_FAILURES: i64 = 10;
/// After [`MAX_FAILURES`] failed logins on one account from all addresses together, the
/// account takes one password check per this many seconds: guessing from many addresses is
/// slowed to two guesses a minute, and the owner waits half a minute, not a quarter hour.
pub const ACCOUNT_PAUSE_SECONDS: i64 = 30;
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("de statusdatabase is niet bruikbaar: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("de statusdatabase kan niet worden bijgewerkt: {0}")]
    Migrate(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("wachtwoord kan niet worden verwerkt")]
    Hash,
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Keeps one facility's availability.
    Coordinator,
    /// Keeps the content of one region (or, without a region, all of it) in the redactie.
    Editor,
}

impl Role {
    fn slug(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Editor => "editor",
        }
    }

    fn from_slug(s: &str) -> Role {
        if s == "editor" {
            Role::Editor
        } else {
            Role::Coordinator
        }
    }
}

/// A logged-in coordinator or editor.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: String,
    /// A coordinator's facility; empty for editors.
    pub facility_id: String,
    pub csrf: String,
    pub role: Role,
    /// An editor's region; `None` for national editors (and coordinators).
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Availability {
    pub facility_id: String,
    pub status: Status,
    pub free_beds: u32,
    pub note: String,
    pub updated_at: String,
    pub updated_by: String,
    pub version: i64,
}

pub enum Login {
    Ok {
        token: String,
        session: Session,
    },
    Wrong,
    /// This address has failed too often (on this account or on all): wait 15 minutes.
    Throttled,
    /// The account is being guessed at from many places: wait half a minute.
    Slowed,
}

pub enum Saved {
    Ok(Availability),
    /// Someone saved in between: nothing was stored; here is what is there now.
    Conflict(Option<Availability>),
}

pub struct StateDb {
    conn: Mutex<Connection>,
    /// Signs the login form's token, so only tokens this server issued are accepted.
    login_key: [u8; 32],
}

type LoginMac = hmac::Hmac<Sha256>;

pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The OS random source failing is not recoverable for security tokens.
    getrandom::fill(&mut buf).unwrap_or_else(|e| panic!("no OS randomness: {e}"));
    hex::encode(buf)
}

fn sha(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// A status in the state database that this build does not know (written by a newer one).
#[derive(Debug, thiserror::Error)]
#[error("onbekende status '{0}' in de statusdatabase; deze versie van de server kent hem niet, werk haar bij")]
struct UnknownStatus(String);

fn row_to_availability(r: &rusqlite::Row<'_>) -> rusqlite::Result<Availability> {
    let status: String = r.get(1)?;
    // A status this build does not know is an error, never quietly shown as "gesloten".
    let status: Status = status.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            Box::new(UnknownStatus(status.clone())),
        )
    })?;
    Ok(Availability {
        facility_id: r.get(0)?,
        status,
        free_beds: r.get(2)?,
        note: r.get(3)?,
        updated_at: r.get(4)?,
        updated_by: r.get(5)?,
        version: r.get(6)?,
    })
}

const SELECT: &str = "SELECT facility_id, status, free_beds, note, updated_at, updated_by, version FROM availability";

/// A password hash to compare against when the user does not exist, so a wrong user name
/// costs as much time as a wrong password.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("geen-echt-wachtwoord").unwrap_or_default());

fn hash_password(password: &str) -> Result<String, StateError> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| StateError::Hash)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| StateError::Hash)?;
    Ok(argon2::Argon2::default().hash_password(password.as_bytes(), &salt).map_err(|_| StateError::Hash)?.to_string())
}

/// At least 12 characters between the first and last that are not blank, of at least 6
/// different kinds: twelve spaces or "aaaaaaaaaaaa" are refused.
pub fn strong_enough(password: &str) -> bool {
    let core = password.trim();
    let distinct: std::collections::HashSet<char> = core.chars().collect();
    core.chars().count() >= 12 && distinct.len() >= 6
}

fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash)
        .map(|h| argon2::Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

impl StateDb {
    pub fn open(path: &Path) -> Result<StateDb, StateError> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::new(vec![M::up(SCHEMA), M::up(SCHEMA_2)]).to_latest(&mut conn)?;
        let mut login_key = [0u8; 32];
        getrandom::fill(&mut login_key).map_err(|_| StateError::Hash)?;
        Ok(StateDb { conn: Mutex::new(conn), login_key })
    }

    fn login_mac(&self, nonce: &str) -> LoginMac {
        use hmac::Mac;
        let mut mac =
            <LoginMac as Mac>::new_from_slice(&self.login_key).unwrap_or_else(|_| unreachable!("any key length"));
        mac.update(nonce.as_bytes());
        mac
    }

    /// A fresh token for the login form: a random part and this server's signature over it.
    pub fn login_token(&self) -> String {
        use hmac::Mac;
        let nonce = random_hex(16);
        let tag = hex::encode(self.login_mac(&nonce).finalize().into_bytes());
        format!("{nonce}{tag}")
    }

    /// Whether this server issued `token` (since it started), checked in constant time.
    pub fn login_token_is_ours(&self, token: &str) -> bool {
        use hmac::Mac;
        if token.len() != 96 || !token.is_ascii() {
            return false;
        }
        let (nonce, tag) = token.split_at(32);
        let Ok(tag) = hex::decode(tag) else { return false };
        self.login_mac(nonce).verify_slice(&tag).is_ok()
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A coordinator account for one facility.
    pub fn add_account(&self, user: &str, facility_id: &str, password: &str) -> Result<(), StateError> {
        self.insert_account(user, password, Role::Coordinator, facility_id, None)
    }

    /// An editor account for one region, or national when `region` is `None`.
    pub fn add_editor(&self, user: &str, region: Option<&str>, password: &str) -> Result<(), StateError> {
        self.insert_account(user, password, Role::Editor, "", region)
    }

    fn insert_account(
        &self,
        user: &str,
        password: &str,
        role: Role,
        facility_id: &str,
        region: Option<&str>,
    ) -> Result<(), StateError> {
        let ok_name = (3..=40).contains(&user.len())
            && user.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if !ok_name {
            return Err(StateError::Invalid(format!(
                "gebruikersnaam '{user}' is ongeldig: 3 tot 40 tekens, kleine letters, cijfers, punt, streep of liggend streepje"
            )));
        }
        if !strong_enough(password) {
            return Err(StateError::Invalid(palliwijzer_core::availability::words::COORDINATOR.password_rule.into()));
        }
        let hash = hash_password(password)?;
        let conn = self.conn();
        let exists: bool =
            conn.query_row("SELECT count(*) FROM account WHERE user = ?1", [user], |r| r.get::<_, i64>(0))? > 0;
        if exists {
            return Err(StateError::Invalid(format!("account '{user}' bestaat al")));
        }
        conn.execute(
            "INSERT INTO account (user, facility_id, password_hash, created_at, role, region) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![user, facility_id, hash, chrono::Utc::now().to_rfc3339(), role.slug(), region],
        )?;
        Ok(())
    }

    /// Whether `key` has at least `max` failures, the last one less than `wait` seconds ago.
    fn throttled(conn: &Connection, key: &str, max: i64, wait: i64, now: i64) -> rusqlite::Result<bool> {
        let row: Option<(i64, i64)> = conn
            .query_row("SELECT count, last_at FROM login_failure WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(matches!(row, Some((n, at)) if n >= max && now - at < wait))
    }

    fn fail(conn: &Connection, key: &str, now: i64) -> rusqlite::Result<()> {
        // Rows past the lockout can throttle nothing: they go, so the table cannot grow.
        conn.execute("DELETE FROM login_failure WHERE ?1 - last_at >= ?2", params![now, LOCKOUT_SECONDS])?;
        conn.execute(
            "INSERT INTO login_failure (key, count, last_at) VALUES (?1, 1, ?2) \
             ON CONFLICT(key) DO UPDATE SET count = CASE WHEN ?2 - last_at >= ?3 THEN 1 ELSE count + 1 END, last_at = ?2",
            params![key, now, LOCKOUT_SECONDS],
        )?;
        Ok(())
    }

    /// Checks a password; throttles one account from one address after [`MAX_FAILURES`],
    /// and one address on all accounts after [`MAX_ADDRESS_FAILURES`]. An attacker is slowed
    /// to a few guesses per address per quarter hour; the coordinator at the hospice, on
    /// another address, still logs in. An attempt counts as a failure from the moment it is let through (check and record in
    /// one step under the lock), so parallel attempts cannot get more than [`MAX_FAILURES`]
    /// password checks; a correct password takes the account's count back.
    pub fn login(&self, user: &str, password: &str, ip: &str, now: i64) -> Result<Login, StateError> {
        // A typed user name is stored only as its hash: a long one cannot grow the database.
        let account = sha(user);
        let (pair_key, ip_key, account_key) =
            (format!("user:{account}@{ip}"), format!("ip:{ip}"), format!("account:{account}"));
        let stored: Option<(String, String, String, Option<String>)> = {
            let conn = self.conn();
            if Self::throttled(&conn, &pair_key, MAX_FAILURES, LOCKOUT_SECONDS, now)?
                || Self::throttled(&conn, &ip_key, MAX_ADDRESS_FAILURES, LOCKOUT_SECONDS, now)?
            {
                return Ok(Login::Throttled);
            }
            if Self::throttled(&conn, &account_key, MAX_FAILURES, ACCOUNT_PAUSE_SECONDS, now)? {
                return Ok(Login::Slowed);
            }
            for key in [&pair_key, &ip_key, &account_key] {
                Self::fail(&conn, key, now)?;
            }
            conn.query_row(
                "SELECT facility_id, password_hash, role, region FROM account WHERE user = ?1",
                [user],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
        };
        // Hashing runs without holding the database lock.
        let ok = match &stored {
            Some((_, hash, _, _)) => verify_password(password, hash),
            None => {
                verify_password(password, &DUMMY_HASH);
                false
            }
        };
        let conn = self.conn();
        match (ok, stored) {
            (true, Some((facility_id, _, role, region))) => {
                conn.execute("DELETE FROM login_failure WHERE key = ?1", [&pair_key])?;
                for key in [&ip_key, &account_key] {
                    conn.execute("UPDATE login_failure SET count = max(count - 1, 0) WHERE key = ?1", [key])?;
                }
                let token = random_hex(32);
                let csrf = random_hex(32);
                conn.execute(
                    "INSERT INTO session (token_hash, user, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
                    params![sha(&token), user, csrf, now + SESSION_SECONDS],
                )?;
                let role = Role::from_slug(&role);
                Ok(Login::Ok { token, session: Session { user: user.to_string(), facility_id, csrf, role, region } })
            }
            // Already counted when it was let through.
            _ => Ok(Login::Wrong),
        }
    }

    /// The session a cookie token belongs to, if it exists and has not expired.
    pub fn session(&self, token: &str, now: i64) -> Result<Option<Session>, StateError> {
        let conn = self.conn();
        Ok(conn
            .query_row(
                "SELECT s.user, a.facility_id, s.csrf, a.role, a.region FROM session s JOIN account a ON a.user = s.user \
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                params![sha(token), now],
                |r| {
                    Ok(Session {
                        user: r.get(0)?,
                        facility_id: r.get(1)?,
                        csrf: r.get(2)?,
                        role: Role::from_slug(&r.get::<_, String>(3)?),
                        region: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn logout(&self, token: &str) -> Result<(), StateError> {
        self.conn().execute("DELETE FROM session WHERE token_hash = ?1", [sha(token)])?;
        Ok(())
    }

    pub fn availability(&self, facility_id: &str) -> Result<Option<Availability>, StateError> {
        let conn = self.conn();
        Ok(conn
            .query_row(&format!("{SELECT} WHERE facility_id = ?1"), [facility_id], row_to_availability)
            .optional()?)
    }

    pub fn all_availability(&self) -> Result<Vec<Availability>, StateError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY facility_id"))?;
        let rows = stmt.query_map([], row_to_availability)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Stores an update and its audit entry in one transaction. `expected_version` is the
    /// version the saver last saw (0 before the first save): a save over someone else's
    /// newer save is refused, so nothing is lost silently.
    pub fn save(
        &self,
        user: &str,
        facility_id: &str,
        v: &Valid,
        expected_version: i64,
        now: &str,
    ) -> Result<Saved, StateError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old =
            tx.query_row(&format!("{SELECT} WHERE facility_id = ?1"), [facility_id], row_to_availability).optional()?;
        let current = old.as_ref().map(|o| o.version).unwrap_or(0);
        if expected_version != current {
            return Ok(Saved::Conflict(old));
        }
        let new = Availability {
            facility_id: facility_id.to_string(),
            status: v.status,
            free_beds: v.free_beds,
            note: v.note.clone(),
            updated_at: now.to_string(),
            updated_by: user.to_string(),
            version: current + 1,
        };
        tx.execute(
            "INSERT INTO availability (facility_id, status, free_beds, note, updated_at, updated_by, version) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(facility_id) DO UPDATE SET \
             status = ?2, free_beds = ?3, note = ?4, updated_at = ?5, updated_by = ?6, version = ?7",
            params![
                new.facility_id,
                new.status.slug(),
                new.free_beds,
                new.note,
                new.updated_at,
                new.updated_by,
                new.version
            ],
        )?;
        let old_json =
            old.as_ref().map(serde_json::to_string).transpose().map_err(|e| StateError::Invalid(e.to_string()))?;
        let new_json = serde_json::to_string(&new).map_err(|e| StateError::Invalid(e.to_string()))?;
        tx.execute(
            "INSERT INTO audit (at, user, facility_id, old, new) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![now, user, facility_id, old_json, new_json],
        )?;
        tx.commit()?;
        Ok(Saved::Ok(new))
    }

    /// Bytes the failed-login records take (keys), for tests of what an attacker can store.
    pub fn login_failure_bytes(&self) -> Result<i64, StateError> {
        Ok(self.conn().query_row("SELECT coalesce(sum(length(key)), 0) FROM login_failure", [], |r| r.get(0))?)
    }

    pub fn audit_count(&self) -> Result<i64, StateError> {
        Ok(self.conn().query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
    }
}
