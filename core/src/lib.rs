//! # Palliwijzer core
//!
//! Everything domain-shaped, so every shell (website, Android, iOS) shows the same thing:
//!
//! - [`model`]: the content model (contacts, facilities, zorgpad, beslisboom, hulpmiddelen,
//!   documents, glossary, regions).
//! - [`availability`]: hospice availability: update rules, feed, view model, client.
//! - [`content`]: reading and checking the content folder (`palliwijzer content lint`).
//! - [`store`]: the SQLite database the content is built into, and opened from.
//! - [`search`]: forgiving full-text search (FTS5, glossary synonyms, typos).
//! - [`sync`]: signed, content-addressed sync that applies all or nothing.
//! - [`view`]: ready-to-draw view models with every Dutch word and ordering decided.
//! - [`phone`], [`hours`], [`postcode`], [`link`]: the field rules shared by all of these.
//! - [`error`]: what can go wrong when opening or reading a store, and what to do about it.

pub mod availability;
pub mod content;
pub mod error;
pub mod hours;
pub mod link;
pub mod model;
pub mod phone;
pub mod postcode;
pub mod search;
pub mod store;
pub mod sync;
pub mod view;

#[cfg(feature = "ffi")]
mod ffi;
#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!("palliwijzer");

pub use error::CoreError;
