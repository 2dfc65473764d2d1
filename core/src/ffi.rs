//! The core as seen from Kotlin and Swift (UniFFI): one object over an open store whose
//! methods return the view models. Errors arrive as `CoreError` with a Dutch message.

use crate::error::CoreError;
use crate::model::{Audience, Role};
use crate::store::Store;
use crate::view::*;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

/// An open Palliwijzer store. Safe to share between threads.
#[derive(uniffi::Object)]
pub struct Palliwijzer {
    store: Mutex<Store>,
}

impl Palliwijzer {
    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave the read-only store half-changed.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with<T>(&self, f: impl FnOnce(&Views<'_>) -> Result<T, CoreError>) -> Result<T, CoreError> {
        let store = self.store();
        f(&Views::new(&store, Views::today_in_nl()))
    }
}

#[uniffi::export]
impl Palliwijzer {
    /// Opens the database at `path` (the bundled snapshot on first launch).
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>, CoreError> {
        Ok(Arc::new(Palliwijzer { store: Mutex::new(Store::open(Path::new(&path))?) }))
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

    pub fn wie_bel_ik(&self, region_id: String) -> Result<WieBelIkView, CoreError> {
        self.with(|v| v.wie_bel_ik(&region_id))
    }

    pub fn facilities(&self, region_id: String) -> Result<FacilitiesView, CoreError> {
        self.with(|v| v.facilities(&region_id))
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

    pub fn hulpmiddelen(
        &self,
        region_id: String,
        phase_id: Option<String>,
        audience: Option<Audience>,
    ) -> Result<HulpmiddelenView, CoreError> {
        self.with(|v| v.hulpmiddelen(&region_id, phase_id.as_deref(), audience))
    }

    pub fn documents(&self) -> Result<DocumentListView, CoreError> {
        self.with(|v| v.documents())
    }

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

    /// Who can be reached at `at_unix_seconds` (now when absent), ordered for that moment.
    pub fn wie_bel_ik_nu(&self, region_id: String, at_unix_seconds: Option<i64>) -> Result<NowView, CoreError> {
        let at = match at_unix_seconds {
            Some(s) => chrono::DateTime::from_timestamp(s, 0)
                .ok_or_else(|| CoreError::InvalidInput("Ongeldig tijdstip.".into()))?,
            None => chrono::Utc::now(),
        };
        self.with(|v| v.now(&region_id, at))
    }

    /// Fetches the availability feed at `feed_url` (falls back to the stored copy offline)
    /// and returns the region's facilities, free beds first, each with its age.
    pub fn availability(
        &self,
        region_id: String,
        feed_url: String,
    ) -> Result<crate::availability::AvailabilityView, CoreError> {
        let store = self.store();
        let now = chrono::Utc::now();
        let got = crate::availability::client::fetch(&store, &feed_url, now)?;
        Ok(crate::availability::AvailabilityView::build(&got.feed, Some(&region_id), now, got.fetched_at, got.offline))
    }

    /// Updates the content from the publication at `base_url`, trusting `root_key_hex` (the
    /// pinned root.pub). A refusal is an error with a Dutch "Update geweigerd: ..." message;
    /// the previous content stays.
    pub fn sync(&self, base_url: String, root_key_hex: String) -> Result<crate::sync::SyncStatus, CoreError> {
        let root = crate::sync::format::verifying_key(&root_key_hex).map_err(CoreError::InvalidInput)?;
        let store = self.store();
        crate::sync::client::sync(&store, &base_url, &root, chrono::Utc::now(), &Default::default())?;
        crate::sync::SyncStatus::of(&store, None)
    }

    /// Which content version this store holds and when it was last updated.
    pub fn sync_status(&self) -> Result<crate::sync::SyncStatus, CoreError> {
        crate::sync::SyncStatus::of(&self.store(), None)
    }

    pub fn glossary(&self) -> Result<GlossaryView, CoreError> {
        self.with(|v| v.glossary())
    }
}
