//! Dutch 4-digit postcodes (the number part of "2031 AB").

use crate::model::PostcodeRange;

/// Why a postcode could not be read: Dutch for what a user typed, English for the lint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostcodeError {
    #[error("'{0}' is geen postcode. Typ vier cijfers, bijvoorbeeld 2031 of 2031 AB.")]
    NotAPostcode(String),
    #[error("'{0}' is geen postcode: een postcode begint niet met 0.")]
    StartsWithZero(String),
    #[error("`{0}` is not a 4-digit postcode or a range like 2011-2037")]
    NotInContentForm(String),
    #[error("postcode range `{0}` runs backwards")]
    Backwards(String),
}

/// Reads what a user typed: "2031", "2031AB", "2031 ab". Returns the 4-digit number.
pub fn parse_user_postcode(text: &str) -> Result<u16, PostcodeError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = compact.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &compact[digits.len()..];
    let letters_ok = rest.is_empty() || (rest.chars().count() == 2 && rest.chars().all(|c| c.is_ascii_alphabetic()));
    let typed = || text.trim().to_string();
    if digits.len() != 4 || !letters_ok {
        return Err(PostcodeError::NotAPostcode(typed()));
    }
    let n: u16 = digits.parse().map_err(|_| PostcodeError::NotAPostcode(typed()))?;
    if n < 1000 {
        return Err(PostcodeError::StartsWithZero(typed()));
    }
    Ok(n)
}

/// Reads a content entry: "2031" or an inclusive range "2011-2037".
pub fn parse_range(text: &str) -> Result<PostcodeRange, PostcodeError> {
    let one = |s: &str| -> Result<u16, PostcodeError> {
        let s = s.trim();
        match s.parse::<u16>() {
            Ok(n) if s.len() == 4 && n >= 1000 => Ok(n),
            _ => Err(PostcodeError::NotInContentForm(text.to_string())),
        }
    };
    let range = match text.split_once('-') {
        Some((a, b)) => PostcodeRange { first: one(a)?, last: one(b)? },
        None => {
            let n = one(text)?;
            PostcodeRange { first: n, last: n }
        }
    };
    if range.first > range.last {
        return Err(PostcodeError::Backwards(text.to_string()));
    }
    Ok(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_people_type() {
        assert_eq!(parse_user_postcode("2031"), Ok(2031));
        assert_eq!(parse_user_postcode(" 2031 ab "), Ok(2031));
        assert_eq!(parse_user_postcode("2031AB"), Ok(2031));
    }

    #[test]
    fn refuses_malformed_postcodes_in_dutch() {
        for bad in ["203", "20311", "abcd", "0123", "2031 ABC", ""] {
            let e = parse_user_postcode(bad).unwrap_err();
            assert!(e.to_string().contains("postcode"), "{bad}: {e}");
        }
    }

    #[test]
    fn ranges_are_inclusive_and_checked() {
        assert_eq!(parse_range("2011-2037"), Ok(PostcodeRange { first: 2011, last: 2037 }));
        assert!(parse_range("2037-2011").is_err());
        assert!(parse_range("20x1").is_err());
    }
}
