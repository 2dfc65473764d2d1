//! Search that forgives, on SQLite FTS5: case and diacritics folded, prefixes while typing,
//! abbreviations and synonyms both ways (taken from the glossary), one typo in words of five
//! letters or more. Ranked: exact name, then name, then abbreviation, then body text; the
//! chosen region (and national items) before other regions.

mod index;
mod query;
pub mod text;

pub use index::{rebuild, update};
pub use query::{search, Aids, Hit, Tier};
