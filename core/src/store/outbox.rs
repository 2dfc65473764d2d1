//! Reports waiting on this device for a connection: kept in the store until the server has
//! accepted them, so a report written offline is sent once the connection returns.

use super::{json, Store};
use crate::error::{CoreError, Doing};
use crate::report::{Report, ReportError, MAX_WAITING};
use rusqlite::params;

impl Store {
    /// Keeps `report` until [`Store::report_sent`] says the server has it.
    pub fn queue_report(&self, report: &Report) -> Result<(), CoreError> {
        if self.reports_waiting()? >= MAX_WAITING {
            return Err(CoreError::InvalidInput(ReportError::TooManyWaiting.to_string()));
        }
        self.conn
            .execute(
                "INSERT OR IGNORE INTO report_outbox (id, json, queued_at) VALUES (?1, ?2, ?3)",
                params![report.id, json(report)?, chrono::Utc::now().to_rfc3339()],
            )
            .doing("melding bewaren")?;
        Ok(())
    }

    /// The reports not yet sent, oldest first.
    pub fn waiting_reports(&self) -> Result<Vec<Report>, CoreError> {
        let mut stmt = self.conn.prepare("SELECT json FROM report_outbox ORDER BY queued_at, id").doing("meldingen lezen")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).doing("meldingen lezen")?;
        let mut out = Vec::new();
        for row in rows {
            out.push(serde_json::from_str(&row.doing("meldingen lezen")?).doing("melding lezen")?);
        }
        Ok(out)
    }

    pub fn reports_waiting(&self) -> Result<u32, CoreError> {
        self.conn.query_row("SELECT count(*) FROM report_outbox", [], |r| r.get(0)).doing("meldingen tellen")
    }

    /// The server has `id` (or will never take it): it no longer waits here.
    pub fn report_sent(&self, id: &str) -> Result<(), CoreError> {
        self.conn.execute("DELETE FROM report_outbox WHERE id = ?1", [id]).doing("melding afmelden")?;
        Ok(())
    }
}
