//! The SQLite store: content compiled into one file (`palliwijzer content build`), and
//! opened by every shell to read view models from.

mod outbox;
mod schema;
mod write;

pub use schema::SCHEMA_VERSION;

use crate::error::{CoreError, Doing};
use crate::model::*;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// Makes the store hold `c` (only changed records are written, see [`write`]) and brings
/// the search index along, in the caller's transaction.
fn write_content(tx: &rusqlite::Transaction<'_>, c: &Content, content_hash: &str) -> Result<(), CoreError> {
    let written = write::write_content(tx, c, content_hash)?;
    crate::search::update(tx, c, &written.changed)?;
    Ok(())
}

/// What views that name a region need of a [`Region`].
#[derive(Debug, Clone, serde::Deserialize)]
pub struct RegionHeading {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub complete: bool,
}

/// A feed as last fetched.
pub struct CachedFeed {
    pub etag: Option<String>,
    pub body: String,
    pub fetched_at: chrono::DateTime<chrono::Utc>,
}

/// An open content database.
pub struct Store {
    conn: Connection,
    /// Vocabulary and synonyms for search, loaded on the first search.
    search_aids: std::cell::RefCell<Option<std::sync::Arc<crate::search::Aids>>>,
}

/// Sync facts, on `conn` or inside a transaction the caller commits.
fn write_meta(conn: &Connection, pairs: &[(&str, String)]) -> Result<(), CoreError> {
    let mut stmt = conn
        .prepare_cached("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?1, ?2)")
        .doing("sync_meta bijwerken")?;
    for (k, v) in pairs {
        stmt.execute(params![k, v]).doing("sync_meta bijwerken")?;
    }
    Ok(())
}

fn json<T: Serialize>(v: &T) -> Result<String, CoreError> {
    serde_json::to_string(v).map_err(CoreError::unreadable)
}

impl Store {
    /// Compiles validated content into a new database at `out`. The file appears whole or
    /// not at all: it is written next to `out` and renamed into place.
    pub fn build(content: &Content, content_hash: &str, out: &Path) -> Result<(), CoreError> {
        let write_err =
            |e: &dyn std::fmt::Display| CoreError::Write { path: out.display().to_string(), detail: e.to_string() };
        let tmp = out.with_extension("building");
        let _ = std::fs::remove_file(&tmp);
        {
            let mut conn = Connection::open(&tmp).map_err(|e| write_err(&e))?;
            schema::migrations().to_latest(&mut conn).map_err(|e| write_err(&e))?;
            Self::fill(&mut conn, content, content_hash).map_err(|e| write_err(&e))?;
            conn.execute_batch("VACUUM;").map_err(|e| write_err(&e))?;
        }
        std::fs::rename(&tmp, out).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            write_err(&e)
        })
    }

    fn fill(conn: &mut Connection, c: &Content, content_hash: &str) -> Result<(), CoreError> {
        let tx = conn.transaction()?;
        write_content(&tx, c, content_hash)?;
        // How old the content is: the newest check of a fact in it, which the apps show for
        // the copy they shipped with. Taken from the content, so a build stays reproducible.
        let checked = c
            .contacts
            .iter()
            .map(|x| &x.provenance)
            .chain(c.facilities.iter().map(|x| &x.provenance))
            .filter_map(|p| p.verified_on)
            .chain(c.regions.iter().flat_map(|r| r.municipalities.iter().map(|m| m.verified_on)))
            .max();
        if let Some(day) = checked {
            tx.execute(
                "INSERT OR REPLACE INTO sync_meta (key, value) VALUES ('content_checked_on', ?1)",
                [day.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Creates an empty store at `path` (schema only), for a first full sync.
    pub fn create_empty(path: &Path) -> Result<Store, CoreError> {
        let write_err =
            |e: &dyn std::fmt::Display| CoreError::Write { path: path.display().to_string(), detail: e.to_string() };
        let mut conn = Connection::open(path).map_err(|e| write_err(&e))?;
        schema::migrations().to_latest(&mut conn).map_err(|e| write_err(&e))?;
        Ok(Store { conn, search_aids: std::cell::RefCell::new(None) })
    }

    /// Everything sync recorded (`manifest_version`, ETags, ...).
    pub fn sync_meta(&self) -> Result<std::collections::HashMap<String, String>, CoreError> {
        let mut stmt = self.conn.prepare("SELECT key, value FROM sync_meta")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn set_sync_meta(&self, key: &str, value: &str) -> Result<(), CoreError> {
        write_meta(&self.conn, &[(key, value.to_string())])
    }

    /// Several sync facts at once: all are kept, or none.
    pub fn set_sync_meta_all(&self, pairs: &[(&str, String)]) -> Result<(), CoreError> {
        let tx = self.conn.unchecked_transaction().doing("sync_meta bijwerken")?;
        write_meta(&tx, pairs)?;
        tx.commit().doing("sync_meta bijwerken")?;
        Ok(())
    }

    /// Where the store lives, for files that belong next to it; `None` for a store in memory.
    pub fn path(&self) -> Option<std::path::PathBuf> {
        self.conn.path().filter(|p| !p.is_empty()).map(std::path::PathBuf::from)
    }

    fn write_error(&self, e: impl std::fmt::Display) -> CoreError {
        let path = self.path().map(|p| p.display().to_string()).unwrap_or_else(|| "het geheugen".into());
        CoreError::Write { path, detail: e.to_string() }
    }

    /// Whether a sync object (a directory or bucket, named by its hash) is already here.
    pub fn has_sync_object(&self, hash: &str) -> Result<bool, CoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM sync_object WHERE hash = ?1")?
            .query_row([hash], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Keeps one sync object whose hash the caller has checked, copying its `size` bytes
    /// from `bytes` (a file) straight into the database, never into memory as a whole.
    /// Objects are named by their hash, so keeping one before the sync that fetched it is
    /// applied is safe: a sync that fails later reuses it instead of fetching it again.
    pub fn put_sync_object(&self, hash: &str, size: u64, bytes: &mut dyn std::io::Read) -> Result<(), CoreError> {
        let len = i64::try_from(size).map_err(|e| self.write_error(e))?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("INSERT OR REPLACE INTO sync_object (hash, bytes) VALUES (?1, zeroblob(?2))", params![hash, len])
            .map_err(|e| self.write_error(e))?;
        let row = tx.last_insert_rowid();
        {
            let mut blob =
                tx.blob_open(rusqlite::MAIN_DB, "sync_object", "bytes", row, false).map_err(|e| self.write_error(e))?;
            let copied = std::io::copy(bytes, &mut blob).map_err(|e| self.write_error(e))?;
            if copied != size {
                return Err(self.write_error(format!("{copied} van {size} bytes opgeslagen")));
            }
        }
        tx.commit().map_err(|e| self.write_error(e))?;
        Ok(())
    }

    /// Reads a kept sync object through `f` as a stream; `None` when it is not here.
    pub fn read_sync_object<T>(
        &self,
        hash: &str,
        f: impl FnOnce(&mut dyn std::io::Read) -> T,
    ) -> Result<Option<T>, CoreError> {
        let row: Option<i64> = self
            .conn
            .prepare_cached("SELECT rowid FROM sync_object WHERE hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?;
        let Some(row) = row else { return Ok(None) };
        let mut blob = self.conn.blob_open(rusqlite::MAIN_DB, "sync_object", "bytes", row, true)?;
        Ok(Some(f(&mut blob)))
    }

    /// The hashes of every sync object kept.
    pub fn sync_object_hashes(&self) -> Result<Vec<String>, CoreError> {
        let mut stmt = self.conn.prepare("SELECT hash FROM sync_object").doing("sync-objecten lezen")?;
        let rows = stmt.query_map([], |r| r.get(0)).doing("sync-objecten lezen")?;
        rows.collect::<Result<Vec<String>, _>>().doing("sync-objecten lezen")
    }

    /// Replaces all content in one transaction: the content tables, the search index, the
    /// sync state, and the kept objects, of which only those in `keep` (the ones this
    /// content was assembled from) stay. A crash leaves the old content or the new.
    pub fn apply_sync(
        &self,
        c: &Content,
        content_hash: &str,
        keep: &[String],
        meta: &[(&str, String)],
        pause: Option<std::time::Duration>,
    ) -> Result<(), CoreError> {
        let tx = self.conn.unchecked_transaction().doing("update toepassen")?;
        write_content(&tx, c, content_hash)?;
        if let Some(pause) = pause {
            // Crash tests kill the process here (see `sync::client::Options::pause_in_apply`).
            eprintln!("apply: paused");
            std::thread::sleep(pause);
        }
        tx.execute(
            "DELETE FROM sync_object WHERE hash NOT IN (SELECT value FROM json_each(?1))",
            [serde_json::to_string(keep).doing("update toepassen")?],
        )
        .doing("oude sync-objecten opruimen")?;
        write_meta(&tx, meta)?;
        tx.commit().doing("update toepassen")?;
        // New content may bring new words and synonyms.
        *self.search_aids.borrow_mut() = None;
        Ok(())
    }

    /// Lets one connection apply a sync while others keep reading (write-ahead log), and
    /// makes a reader wait briefly instead of failing while a commit finishes.
    pub fn allow_concurrent_sync(&self) -> Result<(), CoreError> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        Ok(())
    }

    /// Forgets what search loaded, after another connection changed the content.
    pub fn forget_search_aids(&self) {
        *self.search_aids.borrow_mut() = None;
    }

    /// Opens a built store. A missing file is not created: it is an error a user can act on.
    pub fn open(path: &Path) -> Result<Store, CoreError> {
        if !path.is_file() {
            return Err(CoreError::StoreMissing { path: path.display().to_string() });
        }
        let mut conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(CoreError::unreadable)?;
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(CoreError::unreadable)?;
        if version > SCHEMA_VERSION {
            return Err(CoreError::SchemaTooNew);
        }
        // Version 0 is an empty file or another program's database: opening must not turn
        // it into a store by writing a schema into it.
        if version == 0 {
            return Err(CoreError::NotAStore { path: path.display().to_string() });
        }
        if (1..schema::RENDERED_SINCE).contains(&version) {
            return Err(CoreError::StoreOutdated);
        }
        if version < SCHEMA_VERSION {
            schema::migrations().to_latest(&mut conn).map_err(CoreError::unreadable)?;
        }
        let store = Store { conn, search_aids: std::cell::RefCell::new(None) };
        store.content_hash()?;
        if version < schema::REGIONS_TOGETHER_SINCE {
            // Once, after an app update: the index is laid out anew from the stored content.
            let content = store.load_content()?;
            let tx = store.conn.unchecked_transaction().doing("zoekindex opnieuw opbouwen")?;
            crate::search::rebuild(&tx, &content).doing("zoekindex opnieuw opbouwen")?;
            tx.commit().doing("zoekindex opnieuw opbouwen")?;
        }
        Ok(store)
    }

    /// Everything the store holds, as the content model.
    pub fn load_content(&self) -> Result<Content, CoreError> {
        Ok(Content {
            regions: self.all("SELECT json FROM region ORDER BY id", [])?,
            contacts: self.all("SELECT json FROM contact ORDER BY id", [])?,
            facilities: self.all("SELECT json FROM facility ORDER BY id", [])?,
            phases: self.all("SELECT json FROM phase ORDER BY region_id, ord", [])?,
            topics: self.all("SELECT json FROM topic ORDER BY id", [])?,
            trees: self.all("SELECT json FROM tree ORDER BY id", [])?,
            hulpmiddelen: self.all("SELECT json FROM hulpmiddel ORDER BY id", [])?,
            terms: self.all("SELECT json FROM term ORDER BY id", [])?,
            documents: self.all("SELECT json FROM document ORDER BY id", [])?,
        })
    }

    /// Full-text search; see [`crate::search`].
    pub fn search(
        &self,
        query: &str,
        region: Option<&str>,
        typing: bool,
        limit: usize,
    ) -> Result<Vec<crate::search::Hit>, CoreError> {
        let cached = self.search_aids.borrow().clone();
        let aids = match cached {
            Some(a) => a,
            None => {
                let a = match crate::search::Aids::read(&self.conn)? {
                    Some(a) => std::sync::Arc::new(a),
                    None => std::sync::Arc::new(crate::search::Aids::load(&self.terms()?)),
                };
                *self.search_aids.borrow_mut() = Some(a.clone());
                a
            }
        };
        // One read transaction for the whole search: outside one, each of its few hundred
        // statements takes and drops SQLite's file lock and checks the file again, system
        // calls that doubled a search's time (and that instruction counts do not show).
        if !self.conn.is_autocommit() {
            return Ok(crate::search::search(&self.conn, &aids, query, region, typing, limit)?);
        }
        let read = self.conn.unchecked_transaction().doing("zoeken")?;
        let hits = crate::search::search(&read, &aids, query, region, typing, limit)?;
        read.finish().doing("zoeken")?;
        Ok(hits)
    }

    pub fn hulpmiddel(&self, id: &str) -> Result<Hulpmiddel, CoreError> {
        self.one("SELECT json FROM hulpmiddel WHERE id = ?1", id)?
            .ok_or_else(|| CoreError::not_found("Dit hulpmiddel", id))
    }

    /// The last stored copy of a feed.
    pub fn cached_feed(&self, url: &str) -> Result<Option<CachedFeed>, CoreError> {
        let row = self
            .conn
            .prepare_cached("SELECT etag, body, fetched_at FROM feed_cache WHERE url = ?1")?
            .query_row([url], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
            .optional()?;
        Ok(row.map(|(etag, body, at)| CachedFeed {
            etag,
            body,
            fetched_at: chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or_default(),
        }))
    }

    pub fn save_feed(
        &self,
        url: &str,
        etag: Option<&str>,
        body: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), CoreError> {
        self.conn.execute(
            "INSERT INTO feed_cache (url, etag, body, fetched_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(url) DO UPDATE SET etag = ?2, body = ?3, fetched_at = ?4",
            params![url, etag, body, at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// The hash of the content this store was built from.
    pub fn content_hash(&self) -> Result<String, CoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'content_hash'", [], |r| r.get(0))
            .optional()?
            .ok_or_else(|| CoreError::unreadable("de database bevat geen inhoud"))
    }

    fn all<T: DeserializeOwned>(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<T>, CoreError> {
        let mut stmt = self.conn.prepare_cached(sql).doing(sql)?;
        let rows = stmt.query_map(params, |r| r.get::<_, String>(0)).doing(sql)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(serde_json::from_str(&row.doing(sql)?).doing(sql)?);
        }
        Ok(out)
    }

    fn one<T: DeserializeOwned>(&self, sql: &str, id: &str) -> Result<Option<T>, CoreError> {
        let text: Option<String> =
            self.conn.prepare_cached(sql).doing(sql)?.query_row([id], |r| r.get(0)).optional().doing(sql)?;
        text.map(|t| serde_json::from_str(&t).doing(&format!("{sql} ({id})"))).transpose()
    }

    pub fn regions(&self) -> Result<Vec<Region>, CoreError> {
        self.all("SELECT json FROM region ORDER BY name", [])
    }

    pub fn region(&self, id: &str) -> Result<Region, CoreError> {
        self.one("SELECT json FROM region WHERE id = ?1", id)?.ok_or_else(|| CoreError::not_found("Deze regio", id))
    }

    /// What most views show of a region, read without its municipalities and their postcode
    /// ranges (most of its record: reading them cost half of the region's share of the first
    /// "wie bel ik").
    pub fn region_heading(&self, id: &str) -> Result<RegionHeading, CoreError> {
        self.one("SELECT json FROM region WHERE id = ?1", id)?.ok_or_else(|| CoreError::not_found("Deze regio", id))
    }

    /// The region and municipality a 4-digit postcode belongs to, if any.
    pub fn region_for_postcode(&self, postcode: u16) -> Result<Option<(Region, String)>, CoreError> {
        let hit: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT region_id, municipality FROM postcode_range WHERE first <= ?1 AND last >= ?1 LIMIT 1",
            )?
            .query_row([postcode], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match hit {
            Some((region, municipality)) => Ok(Some((self.region(&region)?, municipality))),
            None => Ok(None),
        }
    }

    /// The region's own contacts and the national ones.
    pub fn contacts_for_region(&self, region: &str) -> Result<Vec<Contact>, CoreError> {
        self.all("SELECT json FROM contact WHERE region_id = ?1 OR region_id IS NULL ORDER BY name", [region])
    }

    /// Whether the region (or the national content) has a contact of `kind`, without reading any.
    pub fn has_contact_kind(&self, region: &str, kind: crate::model::ContactKind) -> Result<bool, CoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM contact WHERE (region_id = ?1 OR region_id IS NULL) AND kind = ?2)",
            [region, kind.slug()],
            |r| r.get(0),
        )?)
    }

    /// Whether the region has any hospice or palliative unit, without reading one.
    pub fn has_facilities(&self, region: &str) -> Result<bool, CoreError> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM facility WHERE region_id = ?1)", [region], |r| r.get(0))?)
    }

    pub fn contacts_national(&self) -> Result<Vec<Contact>, CoreError> {
        self.all("SELECT json FROM contact WHERE region_id IS NULL ORDER BY name", [])
    }

    pub fn contact(&self, id: &str) -> Result<Contact, CoreError> {
        self.one("SELECT json FROM contact WHERE id = ?1", id)?.ok_or_else(|| CoreError::not_found("Dit contact", id))
    }

    pub fn facilities_for_region(&self, region: &str) -> Result<Vec<Facility>, CoreError> {
        self.all("SELECT json FROM facility WHERE region_id = ?1 ORDER BY name", [region])
    }

    pub fn phases(&self, region: &str) -> Result<Vec<Phase>, CoreError> {
        self.all("SELECT json FROM phase WHERE region_id = ?1 ORDER BY ord", [region])
    }

    pub fn topics(&self, region: &str) -> Result<Vec<Topic>, CoreError> {
        self.all("SELECT json FROM topic WHERE region_id = ?1 ORDER BY id", [region])
    }

    pub fn topic(&self, id: &str) -> Result<Topic, CoreError> {
        self.one("SELECT json FROM topic WHERE id = ?1", id)?.ok_or_else(|| CoreError::not_found("Dit onderwerp", id))
    }

    /// The decision tree of a region, if it has one.
    pub fn tree_for_region(&self, region: &str) -> Result<Option<Tree>, CoreError> {
        self.one("SELECT json FROM tree WHERE region_id = ?1 ORDER BY id LIMIT 1", region)
    }

    pub fn hulpmiddelen(&self) -> Result<Vec<Hulpmiddel>, CoreError> {
        self.all("SELECT json FROM hulpmiddel ORDER BY title COLLATE NOCASE", [])
    }

    pub fn terms(&self) -> Result<Vec<Term>, CoreError> {
        self.all("SELECT json FROM term ORDER BY term COLLATE NOCASE", [])
    }

    pub fn documents(&self) -> Result<Vec<Document>, CoreError> {
        self.all("SELECT json FROM document ORDER BY title COLLATE NOCASE", [])
    }

    pub fn document(&self, id: &str) -> Result<Document, CoreError> {
        self.one("SELECT json FROM document WHERE id = ?1", id)?.ok_or_else(|| CoreError::not_found("Dit document", id))
    }
}
