//! Ready-to-draw view models. Every Dutch word, every order and every flag a user sees is
//! decided here, so the website, Android and iOS shells only draw.

mod app;
mod availability;
mod beslisboom;
mod blocks;
mod contacts;
mod documents;
mod hospices;
mod hulpmiddelen;
pub mod labels;
mod now;
mod region;
mod report;
mod search;
mod sync;
mod zorgpad;

pub use app::{ui_text, Destination, HomeView, MenuItem, UiText};
pub use availability::{standing, AvailabilityRow, AvailabilityView, Standing};
pub use beslisboom::{AnswerOption, BeslisboomEnd, BeslisboomStep};
pub use blocks::{blocks, BlockKind, TextBlock, TextSpan};
pub use contacts::{ActionKind, ContactAction, ContactGroup, ContactRow, FacilitiesView, FacilityRow, WieBelIkView};
pub use documents::{DocumentListView, DocumentSummary, DocumentView, GlossaryEntry, GlossaryView};
pub use hospices::{HospiceRow, HospicesView, Live};
pub use hulpmiddelen::{FilterOption, FilterWidening, HulpmiddelGroup, HulpmiddelRow, HulpmiddelenView};
pub use now::{is_out_of_hours, NowRow, NowStatus, NowView};
pub use region::{RegionChoiceView, RegionOption, RegionSearchView};
pub use report::{report_form, ReportForm, ReportOutcome};
pub use search::{SearchGroup, SearchResult, SearchTarget, SearchView, TextPart};
pub use sync::{SyncOutcome, SyncStatus};
pub use zorgpad::{PhaseLink, PhaseView, RoleOption, Section, TopicLink, TopicView, ZorgpadView};

use crate::store::Store;
use chrono::NaiveDate;

/// A mark on an item that a user must not miss.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Badge {
    pub text: String,
    pub tone: BadgeTone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum BadgeTone {
    /// Demo data, not real.
    Voorbeeld,
    /// Past its review date: may be outdated.
    Verouderd,
}

pub(crate) fn badges(voorbeeld: bool, review_by: NaiveDate, today: NaiveDate) -> Vec<Badge> {
    let mut out = Vec::new();
    if voorbeeld {
        out.push(Badge { text: "VOORBEELD".into(), tone: BadgeTone::Voorbeeld });
    }
    if review_by < today {
        out.push(Badge {
            text: format!("Controle verlopen sinds {}: mogelijk verouderd", labels::date(review_by)),
            tone: BadgeTone::Verouderd,
        });
    }
    out
}

/// The view models over one open store, as of one day (for review flags).
pub struct Views<'s> {
    store: &'s Store,
    today: NaiveDate,
    /// The website's address, for links a user shares (`https://...`).
    site_url: Option<String>,
}

impl<'s> Views<'s> {
    pub fn new(store: &'s Store, today: NaiveDate) -> Self {
        Views { store, today, site_url: None }
    }

    /// Views whose share links point at the site at `site_url`.
    pub fn with_site_url(mut self, site_url: Option<&str>) -> Self {
        self.site_url = site_url.map(str::to_string);
        self
    }

    /// Today in the Netherlands, for shells that do not pass a date.
    pub fn today_in_nl() -> NaiveDate {
        chrono::Utc::now().with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
    }
}
