//! The content model: what the content files say, after validation.
//! These types are stored in SQLite as JSON, travel in sync buckets as JSON, and are turned
//! into view models for drawing. What needs parsing (phone numbers, Markdown) is done once,
//! when the content is built.
//!
//! Their JSON is read tolerantly, so the model can grow without breaking older apps or
//! older data: unknown fields are ignored, and a missing list, flag or optional field reads
//! as empty, false or none (`#[serde(default)]`). A change an older app cannot read (a new
//! enum value, a new required field) raises `sync::format::FORMAT`: apps that meet a newer
//! format keep their content and ask to be updated.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumString, IntoStaticStr};

/// Who keeps an item correct, and by when it must be looked at again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upkeep {
    pub owner: String,
    pub review_by: NaiveDate,
}

/// A Dutch phone number, checked and formatted when the content was built, so an app
/// needs no phone-number data of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// As written in the content file.
    pub written: String,
    /// As a Dutch reader expects to see it: "088 605 1444".
    pub display: String,
    /// What a phone dials: "tel:+31886051444".
    pub tel_uri: String,
}

/// Where a fact about a contact or facility comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub source: String,
    /// A web source as a reader knows it ("Spaarne Gasthuis, nieuwsbericht over het TOPZ"),
    /// shown instead of its address; absent for source documents, which have their own name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    pub source_note: Option<String>,
    pub verified_on: Option<NaiveDate>,
    /// The check on `verified_on` was made in a stored copy of the source, not at the live
    /// page: shown as such ("nagekeken in een opgeslagen kopie"), never as "gecontroleerd".
    /// Cleared when an editor checks the live source ("Vandaag gecontroleerd").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub checked_in_copy: bool,
    /// Demo data: shown everywhere as VOORBEELD.
    #[serde(default)]
    pub voorbeeld: bool,
    pub upkeep: Upkeep,
    /// Who checked the facts at the live source on `verified_on`, as the public reads it
    /// ("Netwerk Palliatieve Zorg Noord-Holland Zuid"); set by "Vandaag gecontroleerd" in the
    /// redactie.
    /// Absent from the JSON when not set: items that were never checked in the redactie
    /// (most of them) stay as small as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_by: Option<String>,
    /// How they checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_how: Option<CheckMethod>,
}

macro_rules! slug_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
                 EnumString, IntoStaticStr, EnumIter)]
        #[serde(rename_all = "kebab-case")]
        #[strum(serialize_all = "kebab-case")]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        pub enum $name { $($variant),+ }

        impl $name {
            /// The word used in content files and URLs.
            pub fn slug(self) -> &'static str { self.into() }
            /// Every slug, for messages that list what is allowed.
            pub fn all_slugs() -> String {
                use strum::IntoEnumIterator;
                Self::iter().map(|v| v.slug()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

slug_enum!(
    /// What a contact is for; the order here is the order of groups in "wie bel ik".
    ContactKind {
        Consultatie, Huisartsenpost, EigenZorgverleners, GespecialiseerdeZorg, Ziekenhuis,
        Wijkverpleging, Zingeving, SociaalDomein, Vrijwilligers, Paramedisch, Overleg, Netwerk,
    }
);

slug_enum!(
    /// A place where someone can spend the last phase of life.
    FacilityKind { Hospice, BijnaThuisHuis, PalliatieveUnit }
);

slug_enum!(
    /// The professional roles the zorgpad gives actions for.
    Role { Huisarts, Wijkverpleegkundige, Ziekenhuis }
);

slug_enum!(
    /// Who a hulpmiddel or document is meant for.
    Audience { Huisarts, Verpleegkundige, Poh, Patient }
);

slug_enum!(
    /// The kinds of documents a practice nurse hands out.
    DocumentKind { Levenswensenkaart, Zakkaart, Poster, Folder, Patientfolder }
);

slug_enum!(
    /// The paper a document is written to fit on.
    Paper { A4, A5 }
);

slug_enum!(
    /// How an editor checked a fact at its live source.
    CheckMethod { Gebeld, Website, Email, SocialeKaart }
);

slug_enum!(
    /// Every kind of item the content holds: one name for each, used by the store's
    /// tables, the search index, the sync format's record keys and search results.
    ItemKind { Region, Contact, Facility, Phase, Topic, Tree, Hulpmiddel, Term, Document }
);

// The Dutch names of the kinds, the one place they are written: the views show them and the
// search index finds items by them ("hospice", "huisartsenpost").

impl ContactKind {
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::Consultatie => "Consultatie palliatieve zorg",
            ContactKind::Huisartsenpost => "Huisartsenpost (avond, nacht, weekend)",
            ContactKind::EigenZorgverleners => "Eigen zorgverleners van de patiënt",
            ContactKind::GespecialiseerdeZorg => "Gespecialiseerde palliatieve zorg",
            ContactKind::Ziekenhuis => "Ziekenhuis",
            ContactKind::Wijkverpleging => "Wijkverpleging en thuiszorg",
            ContactKind::Zingeving => "Zingeving en geestelijke verzorging",
            ContactKind::SociaalDomein => "Sociaal domein",
            ContactKind::Vrijwilligers => "Vrijwilligers",
            ContactKind::Paramedisch => "Paramedische zorg",
            ContactKind::Overleg => "Overleg: PaTz en MDO",
            ContactKind::Netwerk => "Netwerk palliatieve zorg",
        }
    }
}

impl FacilityKind {
    pub fn label(self) -> &'static str {
        match self {
            FacilityKind::Hospice => "Hospice",
            FacilityKind::BijnaThuisHuis => "Bijna-thuis-huis",
            FacilityKind::PalliatieveUnit => "Palliatieve unit",
        }
    }
}

impl ItemKind {
    /// What a reader calls an item of this kind: "contact", "instelling".
    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Region => "regio",
            ItemKind::Contact => "contact",
            ItemKind::Facility => "instelling",
            ItemKind::Phase => "fase van het zorgpad",
            ItemKind::Topic => "onderwerp",
            ItemKind::Tree => "beslisboom",
            ItemKind::Hulpmiddel => "hulpmiddel",
            ItemKind::Term => "begrip",
            ItemKind::Document => "document",
        }
    }
}

impl CheckMethod {
    /// As it reads after "gecontroleerd": "gecontroleerd door het netwerk (gebeld)".
    pub fn label(self) -> &'static str {
        match self {
            CheckMethod::Gebeld => "gebeld",
            CheckMethod::Website => "op de website",
            CheckMethod::Email => "per e-mail",
            CheckMethod::SocialeKaart => "sociale kaart van het netwerk",
        }
    }
}

impl DocumentKind {
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Levenswensenkaart => "Levenswensenkaart",
            DocumentKind::Zakkaart => "Zakkaart",
            DocumentKind::Poster => "Poster",
            DocumentKind::Folder => "Folder voor zorgverleners",
            DocumentKind::Patientfolder => "Folder voor patiënten",
        }
    }
}

/// An inclusive range of 4-digit postcodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostcodeRange {
    pub first: u16,
    pub last: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub name: String,
    #[serde(default)]
    pub postcodes: Vec<PostcodeRange>,
    pub source: String,
    pub source_note: Option<String>,
    pub verified_on: NaiveDate,
    /// The places (kernen) in the municipality, so "Hoofddorp" finds Haarlemmermeer. Optional
    /// on the wire: older stores and apps read a municipality without them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// The page that lists `places`; required when there are any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places_source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub network: String,
    pub website: Option<String>,
    #[serde(default)]
    pub complete: bool,
    #[serde(default)]
    pub municipalities: Vec<Municipality>,
    pub upkeep: Upkeep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    /// `None` for national contacts, valid in every region.
    pub region: Option<String>,
    pub name: String,
    pub kind: ContactKind,
    pub call_for: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<Phone>,
    /// OpenStreetMap `opening_hours` syntax.
    pub opening_hours: Option<String>,
    pub provenance: Provenance,
}

/// The most beds a facility can have: a capacity above it is refused by the lint, free beds
/// above it by the availability rules.
pub const MAX_BEDS: u32 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facility {
    pub id: String,
    pub region: String,
    pub name: String,
    pub kind: FacilityKind,
    pub place: String,
    pub capacity: Option<u32>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<Phone>,
    pub provenance: Provenance,
}

/// The actions per role in a zorgpad phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Actions {
    #[serde(default)]
    pub huisarts: Vec<String>,
    #[serde(default)]
    pub wijkverpleegkundige: Vec<String>,
    #[serde(default)]
    pub ziekenhuis: Vec<String>,
}

impl Actions {
    pub fn for_role(&self, role: Role) -> &[String] {
        match role {
            Role::Huisarts => &self.huisarts,
            Role::Wijkverpleegkundige => &self.wijkverpleegkundige,
            Role::Ziekenhuis => &self.ziekenhuis,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub id: String,
    pub region: String,
    pub order: u32,
    pub title: String,
    pub summary: String,
    pub wie: String,
    pub hoe: String,
    pub wat: String,
    pub waarom: String,
    pub actions: Actions,
    #[serde(default)]
    pub hulpmiddelen: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub body_md: String,
    /// `body_md` rendered and sanitized when the content was built.
    pub body_html: String,
    pub source: String,
    pub upkeep: Upkeep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub region: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub phases: Vec<String>,
    #[serde(default)]
    pub checklist: Vec<String>,
    pub body_md: String,
    /// `body_md` rendered and sanitized when the content was built.
    pub body_html: String,
    pub source: String,
    pub upkeep: Upkeep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub label: String,
    pub next: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum TreeNode {
    Question { id: String, text: String, help: Option<String>, answers: Vec<Answer> },
    End { id: String, title: String, advice: String, contacts: Vec<String>, show_facilities: bool },
}

impl TreeNode {
    pub fn id(&self) -> &str {
        match self {
            TreeNode::Question { id, .. } | TreeNode::End { id, .. } => id,
        }
    }
}

/// A decision tree: which expertise to involve for which question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tree {
    pub id: String,
    pub region: String,
    pub title: String,
    pub start: String,
    #[serde(default)]
    pub nodes: Vec<TreeNode>,
    pub source: String,
    pub upkeep: Upkeep,
}

impl Tree {
    pub fn node(&self, id: &str) -> Option<&TreeNode> {
        self.nodes.iter().find(|n| n.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hulpmiddel {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    #[serde(default)]
    pub also_at: Vec<String>,
    pub topic: Option<String>,
    pub description: String,
    #[serde(default)]
    pub phases: Vec<String>,
    #[serde(default)]
    pub audience: Vec<Audience>,
    pub source: String,
    pub source_note: Option<String>,
    pub upkeep: Upkeep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub meaning: String,
    pub explanation: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub source: String,
    pub source_note: Option<String>,
    pub upkeep: Upkeep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub kind: DocumentKind,
    #[serde(default)]
    pub audience: Vec<Audience>,
    pub paper: Paper,
    pub summary: String,
    pub body_md: String,
    /// `body_md` rendered and sanitized when the content was built.
    pub body_html: String,
    pub source: String,
    pub written_on: NaiveDate,
    pub upkeep: Upkeep,
}

/// All content, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub regions: Vec<Region>,
    pub contacts: Vec<Contact>,
    pub facilities: Vec<Facility>,
    pub phases: Vec<Phase>,
    pub topics: Vec<Topic>,
    pub trees: Vec<Tree>,
    pub hulpmiddelen: Vec<Hulpmiddel>,
    pub terms: Vec<Term>,
    pub documents: Vec<Document>,
}

impl Content {
    /// A stable order for everything, so builds are deterministic.
    pub fn sort_for_store(&mut self) {
        self.regions.sort_by(|a, b| a.id.cmp(&b.id));
        self.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        self.facilities.sort_by(|a, b| a.id.cmp(&b.id));
        self.phases.sort_by(|a, b| (&a.region, a.order, &a.id).cmp(&(&b.region, b.order, &b.id)));
        self.topics.sort_by(|a, b| a.id.cmp(&b.id));
        self.trees.sort_by(|a, b| a.id.cmp(&b.id));
        self.hulpmiddelen.sort_by(|a, b| a.id.cmp(&b.id));
        self.terms.sort_by(|a, b| a.id.cmp(&b.id));
        self.documents.sort_by(|a, b| a.id.cmp(&b.id));
    }
}
