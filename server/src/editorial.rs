//! The redactie's records in the server's state database: proposals (a change waiting for
//! approval), users' reports ("Klopt dit niet?") and publications. The content itself lives
//! in git (`content_repo`); these are the work around it.

use crate::state::{StateDb, StateError};
use palliwijzer_core::content::edit::{Change, Check};
use palliwijzer_core::model::{ContactKind, ItemKind};
use palliwijzer_core::report::Report;
use rusqlite::{params, OptionalExtension};

/// Reports one address may send per hour; more are refused (429) and not stored.
pub const REPORTS_PER_HOUR: i64 = 10;
/// Open reports kept at most: a flood from many addresses cannot fill the disk.
pub const MAX_OPEN_REPORTS: i64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Approved,
    Rejected,
}

impl Status {
    fn slug(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    fn from_slug(s: &str) -> Status {
        match s {
            "approved" => Status::Approved,
            "rejected" => Status::Rejected,
            _ => Status::Open,
        }
    }
}

/// A change to one item, waiting for approval or decided.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: i64,
    pub kind: ItemKind,
    pub item_id: String,
    /// The item's region; `None` for a national item.
    pub region: Option<String>,
    pub changes: Vec<Change>,
    pub check_made: Option<Check>,
    /// A second editor must approve (phone numbers, opening hours).
    pub needs_second: bool,
    /// The report this proposal answers.
    pub report_id: Option<String>,
    /// A new contact of this kind (from an import), rather than a change to one that exists.
    pub creates: Option<ContactKind>,
    /// The item no longer exists and goes.
    pub removes: bool,
    pub proposed_by: String,
    pub proposed_at: String,
    pub status: Status,
    pub decided_by: Option<String>,
    pub commit_id: Option<String>,
}

/// What an editor proposes.
pub struct NewProposal<'a> {
    pub kind: ItemKind,
    pub item_id: &'a str,
    pub region: Option<&'a str>,
    pub changes: &'a [Change],
    pub check_made: Option<&'a Check>,
    pub report_id: Option<&'a str>,
    pub creates: Option<ContactKind>,
    pub removes: bool,
    pub by: &'a str,
    pub at: &'a str,
}

impl NewProposal<'_> {
    /// The proposal as it would be stored, not yet stored: to run the whole lint with it
    /// before anything is kept.
    pub fn as_proposal(&self) -> Proposal {
        Proposal {
            id: 0,
            kind: self.kind,
            item_id: self.item_id.to_string(),
            region: self.region.map(str::to_string),
            changes: self.changes.to_vec(),
            check_made: self.check_made.cloned(),
            needs_second: self.removes || self.changes.iter().any(|c| c.field.needs_second_editor()),
            report_id: self.report_id.map(str::to_string),
            creates: self.creates,
            removes: self.removes,
            proposed_by: self.by.to_string(),
            proposed_at: self.at.to_string(),
            status: Status::Open,
            decided_by: None,
            commit_id: None,
        }
    }
}

/// A report as the redactie sees it.
#[derive(Debug, Clone)]
pub struct Received {
    pub report: Report,
    pub region: Option<String>,
    pub received_at: String,
    pub open: bool,
    pub resolution: Option<String>,
}

/// A publication made from the redactie.
#[derive(Debug, Clone)]
pub struct Publication {
    pub version: i64,
    /// RFC 3339.
    pub at: String,
    pub by: String,
    /// The content's git commit it was made from, if the folder is in git.
    pub commit: Option<String>,
}

/// What became of a report that arrived.
#[derive(Debug, PartialEq, Eq)]
pub enum Arrival {
    New,
    /// Its id was already here: a retry after a lost answer. Nothing stored twice.
    Again,
    /// This address sent too many this hour, or too many are open: not stored.
    TooMany,
}

/// Whether an editor of `editor_region` (`None`: national) may see and change an item of
/// `item_region` (`None`: national item).
pub fn may_edit(editor_region: Option<&str>, item_region: Option<&str>) -> bool {
    editor_region.is_none() || editor_region == item_region
}

fn kind_of(s: &str) -> rusqlite::Result<ItemKind> {
    s.parse().map_err(|_| rusqlite::Error::InvalidColumnType(0, s.to_string(), rusqlite::types::Type::Text))
}

fn json_col<T: serde::de::DeserializeOwned>(i: usize, s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

const PROPOSAL: &str = "SELECT id, kind, item_id, region, changes, check_made, needs_second, report_id, \
    proposed_by, proposed_at, status, decided_by, commit_id, creates, removes FROM proposal";

fn proposal_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Proposal> {
    let check: Option<String> = r.get(5)?;
    Ok(Proposal {
        id: r.get(0)?,
        kind: kind_of(&r.get::<_, String>(1)?)?,
        item_id: r.get(2)?,
        region: r.get(3)?,
        changes: json_col(4, &r.get::<_, String>(4)?)?,
        check_made: check.map(|c| json_col(5, &c)).transpose()?,
        needs_second: r.get::<_, i64>(6)? != 0,
        report_id: r.get(7)?,
        proposed_by: r.get(8)?,
        proposed_at: r.get(9)?,
        status: Status::from_slug(&r.get::<_, String>(10)?),
        decided_by: r.get(11)?,
        commit_id: r.get(12)?,
        creates: r
            .get::<_, Option<String>>(13)?
            .map(|k| k.parse())
            .transpose()
            .map_err(|_| rusqlite::Error::InvalidColumnType(13, "creates".into(), rusqlite::types::Type::Text))?,
        removes: r.get::<_, i64>(14)? != 0,
    })
}

const REPORT: &str = "SELECT id, kind, item_id, what, right_value, reach, written_at, region, received_at, status, \
    resolution FROM report";

fn report_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Received> {
    Ok(Received {
        report: Report {
            id: r.get(0)?,
            kind: kind_of(&r.get::<_, String>(1)?)?,
            item_id: r.get(2)?,
            what: r.get(3)?,
            right_value: r.get(4)?,
            reach: r.get(5)?,
            written_at: r.get(6)?,
        },
        region: r.get(7)?,
        received_at: r.get(8)?,
        open: r.get::<_, String>(9)? == "open",
        resolution: r.get(10)?,
    })
}

fn invalid(e: serde_json::Error) -> StateError {
    StateError::Invalid(e.to_string())
}

impl StateDb {
    pub fn propose(&self, p: &NewProposal<'_>) -> Result<i64, StateError> {
        // A number that goes can no longer be called: as much a risk as a changed one.
        let needs_second = p.as_proposal().needs_second;
        let changes = serde_json::to_string(p.changes).map_err(invalid)?;
        let check = p.check_made.map(serde_json::to_string).transpose().map_err(invalid)?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO proposal (kind, item_id, region, changes, check_made, needs_second, report_id, proposed_by, proposed_at, creates, removes) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                p.kind.slug(),
                p.item_id,
                p.region,
                changes,
                check,
                needs_second,
                p.report_id,
                p.by,
                p.at,
                p.creates.map(|k| k.slug()),
                p.removes
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    pub fn proposal(&self, id: i64) -> Result<Option<Proposal>, StateError> {
        Ok(self.conn().query_row(&format!("{PROPOSAL} WHERE id = ?1"), [id], proposal_row).optional()?)
    }

    /// Open proposals an editor of `region` may see, oldest first.
    pub fn open_proposals(&self, region: Option<&str>) -> Result<Vec<Proposal>, StateError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("{PROPOSAL} WHERE status = 'open' ORDER BY id"))?;
        let all = stmt.query_map([], proposal_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(all.into_iter().filter(|p| may_edit(region, p.region.as_deref())).collect())
    }

    /// Marks an open proposal decided; false when someone decided it first.
    pub fn decide(
        &self,
        id: i64,
        by: &str,
        status: Status,
        commit_id: Option<&str>,
        at: &str,
    ) -> Result<bool, StateError> {
        let n = self.conn().execute(
            "UPDATE proposal SET status = ?2, decided_by = ?3, decided_at = ?4, commit_id = ?5 \
             WHERE id = ?1 AND status = 'open'",
            params![id, status.slug(), by, at, commit_id],
        )?;
        Ok(n == 1)
    }

    /// Stores a report once per id, within the rate per address and the cap on open reports.
    pub fn receive_report(
        &self,
        r: &Report,
        region: Option<&str>,
        address: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Arrival, StateError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let known: bool =
            tx.query_row("SELECT count(*) FROM report WHERE id = ?1", [&r.id], |x| x.get::<_, i64>(0))? > 0;
        if known {
            return Ok(Arrival::Again);
        }
        let t = now.timestamp();
        tx.execute("DELETE FROM report_rate WHERE at < ?1", [t - 3600])?;
        let recent: i64 =
            tx.query_row("SELECT count(*) FROM report_rate WHERE address = ?1", [address], |x| x.get(0))?;
        let open: i64 = tx.query_row("SELECT count(*) FROM report WHERE status = 'open'", [], |x| x.get(0))?;
        if recent >= REPORTS_PER_HOUR || open >= MAX_OPEN_REPORTS {
            return Ok(Arrival::TooMany);
        }
        tx.execute("INSERT INTO report_rate (address, at) VALUES (?1, ?2)", params![address, t])?;
        tx.execute(
            "INSERT INTO report (id, kind, item_id, region, what, right_value, reach, written_at, received_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                r.id,
                r.kind.slug(),
                r.item_id,
                region,
                r.what,
                r.right_value,
                r.reach,
                r.written_at,
                now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ],
        )?;
        tx.commit()?;
        Ok(Arrival::New)
    }

    /// Open reports an editor of `region` may see, oldest first.
    pub fn open_reports(&self, region: Option<&str>) -> Result<Vec<Received>, StateError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("{REPORT} WHERE status = 'open' ORDER BY received_at, id"))?;
        let all = stmt.query_map([], report_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(all.into_iter().filter(|x| may_edit(region, x.region.as_deref())).collect())
    }

    pub fn report(&self, id: &str) -> Result<Option<Received>, StateError> {
        Ok(self.conn().query_row(&format!("{REPORT} WHERE id = ?1"), [id], report_row).optional()?)
    }

    /// Closes a report with what was done ("gecontroleerd, klopt", "voorstel 3").
    pub fn resolve_report(&self, id: &str, by: &str, resolution: &str, at: &str) -> Result<bool, StateError> {
        let n = self.conn().execute(
            "UPDATE report SET status = 'resolved', resolved_by = ?2, resolution = ?3, resolved_at = ?4 \
             WHERE id = ?1 AND status = 'open'",
            params![id, by, resolution, at],
        )?;
        Ok(n == 1)
    }

    /// How many reports with this id are stored (0 or 1), for tests.
    pub fn report_count(&self) -> Result<i64, StateError> {
        Ok(self.conn().query_row("SELECT count(*) FROM report", [], |r| r.get(0))?)
    }

    pub fn record_publication(
        &self,
        version: u64,
        by: &str,
        commit_id: Option<&str>,
        objects_written: u64,
        total_bytes: u64,
        at: &str,
    ) -> Result<(), StateError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO publication (version, at, by, commit_id, objects_written, total_bytes) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![version as i64, at, by, commit_id, objects_written as i64, total_bytes as i64],
        )?;
        Ok(())
    }

    /// The last publication made from the redactie.
    pub fn last_publication(&self) -> Result<Option<Publication>, StateError> {
        Ok(self
            .conn()
            .query_row("SELECT version, at, by, commit_id FROM publication ORDER BY version DESC LIMIT 1", [], |r| {
                Ok(Publication { version: r.get(0)?, at: r.get(1)?, by: r.get(2)?, commit: r.get(3)? })
            })
            .optional()?)
    }
}
