//! Hospice availability: the rules for a coordinator's update, the feed everyone reads, and
//! the view model that makes the age of every figure impossible to miss.
//!
//! - [`Status`] and [`Update::validate`]: what a coordinator may store.
//! - [`Feed`]: the JSON of `GET /api/v1/beschikbaarheid`.
//! - how it reads (free beds first, every row with its age): `view::AvailabilityView`.
//! - [`client`]: fetching the feed with ETag, falling back to the last copy when offline.
//! - [`words`]: every word of the coordinators' screen and the API's answers.

pub mod client;
pub mod words;

use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumString, IntoStaticStr};

/// What a facility reports.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Status {
    PlekVrij,
    Wachtlijst,
    Vol,
    Opnamestop,
    Gesloten,
}

impl Status {
    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::PlekVrij => "Plek vrij",
            Status::Wachtlijst => "Wachtlijst",
            Status::Vol => "Vol",
            Status::Opnamestop => "Opnamestop",
            Status::Gesloten => "Gesloten",
        }
    }
}

/// The longest note a coordinator can add.
pub const NOTE_MAX_CHARS: usize = 200;

/// A coordinator's update, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub status: String,
    pub free_beds: String,
    pub note: String,
}

/// A checked update, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Valid {
    pub status: Status,
    pub free_beds: u32,
    pub note: String,
}

impl Update {
    /// Checks every field against the facility's capacity; every problem in Dutch, at once.
    pub fn validate(&self, capacity: Option<u32>) -> Result<Valid, Vec<String>> {
        let mut problems = Vec::new();
        let status = self.status.trim().parse::<Status>().ok();
        if status.is_none() {
            problems.push(format!(
                "Onbekende status '{}'. Kies plek vrij, wachtlijst, vol, opnamestop of gesloten.",
                self.status.trim()
            ));
        }
        let beds = match self.free_beds.trim().parse::<i64>() {
            Ok(n) if n < 0 => {
                problems.push("Het aantal vrije bedden kan niet negatief zijn.".to_string());
                None
            }
            Ok(n) => match capacity {
                Some(c) if n > i64::from(c) => {
                    problems.push(format!("Er zijn {n} vrije bedden opgegeven, maar deze voorziening heeft er {c}."));
                    None
                }
                _ if n > i64::from(crate::model::MAX_BEDS) => {
                    problems.push(format!("{n} vrije bedden is niet mogelijk."));
                    None
                }
                _ => Some(n as u32),
            },
            Err(_) => {
                problems.push(format!("'{}' is geen aantal bedden. Vul een heel getal in.", self.free_beds.trim()));
                None
            }
        };
        let note = self.note.trim().to_string();
        if note.chars().count() > NOTE_MAX_CHARS {
            problems.push(format!(
                "De notitie is {} tekens; maximaal {NOTE_MAX_CHARS}. Maak hem korter.",
                note.chars().count()
            ));
        }
        if note.chars().any(|c| (c.is_control() && c != '\n') || crate::invisible::is_invisible(c)) {
            problems.push(
                "De notitie bevat onzichtbare tekens (zoals een richtingsteken of een teken zonder breedte). Typ hem opnieuw in plaats van te plakken."
                    .to_string(),
            );
        }
        match (status, beds) {
            (Some(Status::PlekVrij), Some(0)) => {
                problems.push("Bij 'plek vrij' hoort minstens 1 vrij bed.".to_string());
            }
            (Some(s @ (Status::Vol | Status::Opnamestop | Status::Gesloten)), Some(n)) if n > 0 => {
                problems.push(format!(
                    "Bij '{}' horen geen vrije bedden, maar er zijn er {n} opgegeven. Kies 'plek vrij' of zet het aantal op 0.",
                    s.label().to_lowercase()
                ));
            }
            _ => {}
        }
        match (status, beds, problems.is_empty()) {
            (Some(status), Some(free_beds), true) => Ok(Valid { status, free_beds, note }),
            _ => Err(problems),
        }
    }
}

/// One facility in the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedFacility {
    pub id: String,
    pub naam: String,
    pub soort: String,
    pub plaats: String,
    pub regio: String,
    pub capaciteit: Option<u32>,
    /// `None` when the facility never reported.
    pub status: Option<Status>,
    pub vrije_bedden: Option<u32>,
    pub notitie: Option<String>,
    /// RFC 3339, UTC.
    pub bijgewerkt_op: Option<String>,
    pub voorbeeld: bool,
}

/// `GET /api/v1/beschikbaarheid`: every facility's state and the server's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feed {
    pub server_tijd: String,
    pub regio: Option<String>,
    pub voorzieningen: Vec<FeedFacility>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upd(status: &str, beds: &str, note: &str) -> Update {
        Update { status: status.into(), free_beds: beds.into(), note: note.into() }
    }

    #[test]
    fn a_valid_update_passes() {
        let v = upd("plek-vrij", "2", " Opname binnen een dag ").validate(Some(6)).expect("valid");
        assert_eq!(v, Valid { status: Status::PlekVrij, free_beds: 2, note: "Opname binnen een dag".into() });
    }

    #[test]
    fn every_bad_field_is_named_in_dutch() {
        let e = upd("bijna-vol", "-1", &"x".repeat(201)).validate(Some(6)).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].contains("Onbekende status 'bijna-vol'"));
        assert!(e[1].contains("negatief"));
        assert!(e[2].contains("maximaal 200"));
        let over = upd("vol", "7", "").validate(Some(6)).unwrap_err();
        assert!(over[0].contains("heeft er 6"), "{over:?}");
        assert!(upd("vol", "twee", "").validate(Some(6)).unwrap_err()[0].contains("geen aantal"));
        assert!(upd("plek-vrij", "0", "").validate(Some(6)).is_err());
        // Attack review: a direction override or a zero-width character in a note is refused.
        for note in ["Bel 020\u{202E}4321", "Opname\u{200B} mogelijk", "\u{2066}morgen\u{2069}"] {
            let e = upd("vol", "0", note).validate(Some(6)).unwrap_err();
            assert!(e[0].contains("onzichtbare tekens"), "{note:?}: {e:?}");
        }
    }

    #[test]
    fn full_or_closed_with_free_beds_contradicts_itself_and_is_refused() {
        for status in ["vol", "opnamestop", "gesloten"] {
            let e = upd(status, "3", "").validate(Some(7)).unwrap_err();
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(e[0].contains("geen vrije bedden") && e[0].contains('3'), "{e:?}");
            assert!(upd(status, "0", "").validate(Some(7)).is_ok());
        }
        assert!(upd("wachtlijst", "0", "").validate(Some(7)).is_ok());
    }
}
