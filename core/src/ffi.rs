//! The core as seen from Kotlin and Swift (UniFFI): one object over an open store whose
//! methods return the view models. Errors arrive as `CoreError` with a Dutch message.
//!
//! Network calls (the availability feed, sync) never run while the store's lock is held:
//! the feed is fetched between two short locks, and sync runs on a connection of its own
//! (the store is in write-ahead-log mode), so a view call answers while a sync stalls.

use crate::error::CoreError;
use crate::model::{Audience, Role};
use crate::store::Store;
use crate::sync::{SyncResult, SyncSchedule};
use crate::view::*;
use crate::view::{SyncOutcome, SyncStatus};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// Where this app build finds its website, feed and updates, and the key it pins.
#[derive(Debug, Clone, uniffi::Record)]
pub struct AppConfig {
    /// The website, for links users share (`https://...`).
    pub site_url: String,
    /// The availability feed (`.../api/v1/beschikbaarheid`).
    pub feed_url: String,
    /// The publication to sync from (`.../sync`).
    pub sync_url: String,
    /// The pinned root public key, hex.
    pub root_key_hex: String,
}

/// An open Palliwijzer store. Safe to share between threads.
#[derive(uniffi::Object)]
pub struct Palliwijzer {
    path: PathBuf,
    config: AppConfig,
    store: Mutex<Store>,
    /// One sync at a time; views do not wait for it.
    syncing: Mutex<()>,
    /// One round of sending reports at a time, so none goes twice from this device.
    sending: Mutex<()>,
}

fn moment(unix_seconds: Option<i64>) -> Result<DateTime<Utc>, CoreError> {
    match unix_seconds {
        Some(s) => DateTime::from_timestamp(s, 0).ok_or_else(|| CoreError::InvalidInput("Ongeldig tijdstip.".into())),
        None => Ok(Utc::now()),
    }
}

impl Palliwijzer {
    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave the read-only store half-changed.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with<T>(&self, f: impl FnOnce(&Views<'_>) -> Result<T, CoreError>) -> Result<T, CoreError> {
        let store = self.store();
        f(&Views::new(&store, Views::today_in_nl()).with_site_url(Some(&self.config.site_url)))
    }
}

impl Palliwijzer {
    /// Sends waiting reports oldest first, never holding the store's lock while the network
    /// answers; stops at the first that cannot go now. Returns (sent, still waiting, why not).
    fn deliver_waiting(&self) -> Result<(u32, u32, Option<String>), CoreError> {
        use crate::report::Delivery;
        let _one_at_a_time = self.sending.lock().unwrap_or_else(|p| p.into_inner());
        let waiting = self.store().waiting_reports()?;
        let client = crate::http::Client::new(std::time::Duration::from_secs(15));
        let mut sent = 0;
        let mut why = None;
        for report in &waiting {
            match crate::report::deliver(&client, &self.config.site_url, report) {
                Delivery::Accepted => {
                    sent += 1;
                    self.store().report_sent(&report.id)?;
                }
                Delivery::Refused => self.store().report_sent(&report.id)?,
                Delivery::Later(reason) => {
                    why = Some(reason);
                    break;
                }
            }
        }
        Ok((sent, self.store().reports_waiting()?, why))
    }
}

/// The fixed words of every shell's chrome (also when no store can be opened).
#[uniffi::export]
pub fn shell_text() -> UiText {
    ui_text()
}

/// The words of the "Klopt dit niet?" form.
#[uniffi::export]
pub fn report_form() -> ReportForm {
    crate::view::report_form()
}

/// How often the shells schedule a sync.
#[uniffi::export]
pub fn sync_schedule() -> SyncSchedule {
    crate::sync::schedule()
}

#[uniffi::export]
impl Palliwijzer {
    /// Opens the database at `path` (the bundled snapshot on first launch).
    #[uniffi::constructor]
    pub fn open(path: String, config: AppConfig) -> Result<Arc<Self>, CoreError> {
        let store = Store::open(Path::new(&path))?;
        store.allow_concurrent_sync()?;
        Ok(Arc::new(Palliwijzer {
            path: PathBuf::from(path),
            config,
            store: Mutex::new(store),
            syncing: Mutex::new(()),
            sending: Mutex::new(()),
        }))
    }

    /// Identifies the content version this store holds.
    pub fn content_hash(&self) -> Result<String, CoreError> {
        self.store().content_hash()
    }

    pub fn regions(&self) -> Result<RegionChoiceView, CoreError> {
        self.with(|v| v.regions())
    }

    pub fn find_region(&self, query: String) -> Result<RegionSearchView, CoreError> {
        self.with(|v| v.find_region(&query))
    }

    /// A region's start screen: its menu, with only what exists for that region.
    pub fn home(&self, region_id: String) -> Result<HomeView, CoreError> {
        self.with(|v| v.home(&region_id))
    }

    pub fn wie_bel_ik(&self, region_id: String) -> Result<WieBelIkView, CoreError> {
        self.with(|v| v.wie_bel_ik(&region_id))
    }

    pub fn zorgpad(&self, region_id: String) -> Result<ZorgpadView, CoreError> {
        self.with(|v| v.zorgpad(&region_id))
    }

    pub fn phase(&self, region_id: String, phase_id: String, role: Role) -> Result<PhaseView, CoreError> {
        self.with(|v| v.phase(&region_id, &phase_id, role))
    }

    pub fn topic(&self, topic_id: String) -> Result<TopicView, CoreError> {
        self.with(|v| v.topic(&topic_id))
    }

    /// A step of the region's beslisboom; `None` for the first question.
    pub fn beslisboom(&self, region_id: String, node_id: Option<String>) -> Result<BeslisboomStep, CoreError> {
        self.with(|v| v.beslisboom(&region_id, node_id.as_deref()))
    }

    /// `phase_id` and `audience`: the `value` of a chosen filter option of the view; `None` or
    /// empty shows all.
    pub fn hulpmiddelen(
        &self,
        region_id: String,
        phase_id: Option<String>,
        audience: Option<String>,
    ) -> Result<HulpmiddelenView, CoreError> {
        let phase = phase_id.filter(|p| !p.is_empty());
        let audience = match audience.as_deref().filter(|a| !a.is_empty()) {
            Some(a) => Some(a.parse::<Audience>().map_err(|_| CoreError::not_found("Deze doelgroep", a))?),
            None => None,
        };
        self.with(|v| v.hulpmiddelen(&region_id, phase.as_deref(), audience))
    }

    pub fn documents(&self) -> Result<DocumentListView, CoreError> {
        self.with(|v| v.documents())
    }

    /// A document with its share link on the configured site.
    pub fn document(&self, document_id: String) -> Result<DocumentView, CoreError> {
        self.with(|v| v.document(&document_id))
    }

    /// Everything matching `query`, grouped by kind; `region_id` ranks that region first.
    pub fn search(&self, query: String, region_id: Option<String>) -> Result<SearchView, CoreError> {
        self.with(|v| v.search(&query, region_id.as_deref()))
    }

    pub fn contact(&self, contact_id: String) -> Result<ContactRow, CoreError> {
        self.with(|v| v.contact(&contact_id))
    }

    pub fn glossary(&self) -> Result<GlossaryView, CoreError> {
        self.with(|v| v.glossary())
    }

    /// Who can be reached at `at_unix_seconds` (now when absent), ordered for that moment.
    pub fn wie_bel_ik_nu(&self, region_id: String, at_unix_seconds: Option<i64>) -> Result<NowView, CoreError> {
        let at = moment(at_unix_seconds)?;
        self.with(|v| v.now(&region_id, at))
    }

    /// The region's hospices with the availability their coordinators report: fetched from
    /// the configured feed (the stored copy, marked offline, when that fails), joined with
    /// the content's names, numbers and sources.
    pub fn hospices(&self, region_id: String) -> Result<HospicesView, CoreError> {
        use crate::availability::client;
        let url = self.config.feed_url.clone();
        let cached = self.store().cached_feed(&url)?;
        // No lock while the network answers (or does not).
        let answer = client::request(&url, cached.as_ref().and_then(|c| c.etag.as_deref()));
        let now = Utc::now();
        let store = self.store();
        // No feed and no copy: the hospice view says so and offers the consultation line.
        let fetched = match client::settle(&store, &url, cached, answer, now) {
            Ok(f) => Some(f),
            Err(CoreError::Unreachable { .. }) => None,
            Err(e) => return Err(e),
        };
        let views = Views::new(&store, Views::today_in_nl());
        let live = fetched.as_ref().map(|f| Live { feed: &f.feed, fetched_at: f.fetched_at, offline: f.offline });
        views.hospices(&region_id, live, now)
    }

    /// Updates the content from the configured publication. Offline and refused are outcomes
    /// with a Dutch message, and the previous content stays; an error means the store itself
    /// cannot be read or written. Runs on its own connection: views keep answering.
    pub fn sync(&self) -> Result<SyncOutcome, CoreError> {
        let _one_at_a_time = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
        let own = Store::open(&self.path)?;
        own.allow_concurrent_sync()?;
        let outcome = match crate::sync::format::verifying_key(&self.config.root_key_hex) {
            Ok(root) => SyncOutcome::of(
                crate::sync::run(&own, &self.config.sync_url, &root, Utc::now(), &Default::default())?,
                &own,
            )?,
            Err(_) => SyncOutcome {
                result: SyncResult::Refused,
                message: "Update geweigerd: deze app-versie heeft geen geldige sleutel om updates te controleren. Werk de app bij. De vorige inhoud blijft in gebruik.".into(),
                status: SyncStatus::of(&own)?,
            },
        };
        if outcome.result == SyncResult::Applied {
            self.store().forget_search_aids();
        }
        Ok(outcome)
    }

    /// Which content version this store holds, when it was updated, the last problem.
    pub fn sync_status(&self) -> Result<SyncStatus, CoreError> {
        SyncStatus::of(&self.store())
    }

    /// "Klopt dit niet?": checks the report, keeps it on this device and tries to send
    /// everything waiting at once. Offline, it stays and goes with the next attempt
    /// ([`Palliwijzer::send_reports`]); the server stores each report once. A report the
    /// rules refuse is an `InvalidInput` error with a Dutch message, and nothing is kept.
    pub fn report_problem(
        &self,
        kind: crate::model::ItemKind,
        item_id: String,
        what: String,
        right_value: String,
        reach: String,
    ) -> Result<ReportOutcome, CoreError> {
        let draft = crate::report::Draft { kind: Some(kind), item_id, what, right_value, reach };
        let report = draft.check(Utc::now()).map_err(|e| CoreError::InvalidInput(e.to_string()))?;
        self.store().queue_report(&report)?;
        let (sent, waiting, why) = self.deliver_waiting()?;
        Ok(ReportOutcome::after_report(sent, waiting, why.as_deref()))
    }

    /// Sends the reports waiting on this device; call when a connection returns and with
    /// every scheduled sync.
    pub fn send_reports(&self) -> Result<ReportOutcome, CoreError> {
        let (sent, waiting, _) = self.deliver_waiting()?;
        Ok(ReportOutcome::after_retry(sent, waiting))
    }

    /// Whether a sync is due at `at_unix_seconds` (now when absent).
    pub fn sync_due(&self, at_unix_seconds: Option<i64>) -> Result<bool, CoreError> {
        let at = moment(at_unix_seconds)?;
        crate::sync::due(&self.store(), at)
    }
}
