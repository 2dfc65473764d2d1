//! Dutch phone numbers: validated and formatted with `phonenumber` (libphonenumber's data)
//! when content is built; the store keeps the formatted [`Phone`].

use crate::model::Phone;
use phonenumber::{country, Mode, PhoneNumber};

/// Why a written number cannot be dialled (the lint shows it at the field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("`{text}` is not a phone number ({reason})")]
    NotANumber { text: String, reason: String },
    #[error("`{0}` is not a Dutch number")]
    NotDutch(String),
    #[error("`{0}` is not a valid Dutch phone number")]
    Invalid(String),
}

/// A phone number that is valid in the Netherlands.
#[derive(Debug, Clone)]
pub struct DutchNumber(PhoneNumber);

impl DutchNumber {
    /// Parses a number as written in Dutch content ("088 605 1444", "+31 88 605 1444").
    pub fn parse(text: &str) -> Result<Self, PhoneError> {
        let number = phonenumber::parse(Some(country::Id::NL), text)
            .map_err(|e| PhoneError::NotANumber { text: text.to_string(), reason: e.to_string() })?;
        if number.code().value() != 31 {
            return Err(PhoneError::NotDutch(text.to_string()));
        }
        if !phonenumber::is_valid(&number) {
            return Err(PhoneError::Invalid(text.to_string()));
        }
        Ok(DutchNumber(number))
    }

    /// How a Dutch reader expects to see it: "088 605 1444".
    pub fn display(&self) -> String {
        self.0.format().mode(Mode::National).to_string()
    }

    /// The `tel:` link a phone dials: "tel:+31886051444".
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.0.format().mode(Mode::E164))
    }

    /// What the content model keeps: the number as written, for reading and for dialling.
    pub fn to_phone(&self, written: &str) -> Phone {
        Phone { written: written.to_string(), display: self.display(), tel_uri: self.tel_uri() }
    }
}

/// Checks `written` and formats it; the error says why it cannot be dialled.
pub fn parse(written: &str) -> Result<Phone, PhoneError> {
    DutchNumber::parse(written).map(|n| n.to_phone(written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_consultation_line_formats_for_reading_and_dialling() {
        let n = DutchNumber::parse("088-6051444").expect("valid");
        assert_eq!(n.display(), "088 605 1444");
        assert_eq!(n.tel_uri(), "tel:+31886051444");
    }

    #[test]
    fn rejects_numbers_that_cannot_be_dialled_in_the_netherlands() {
        assert!(DutchNumber::parse("0123").is_err());
        assert!(DutchNumber::parse("bel ons").is_err());
        assert!(DutchNumber::parse("+32 2 555 12 12").is_err(), "Belgian number");
    }
}
