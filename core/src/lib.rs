//! # Palliwijzer core
//!
//! Everything domain-shaped, so every shell (website, Android, iOS) shows the same thing:
//!
//! - [`model`]: the content model (contacts, facilities, zorgpad, beslisboom, hulpmiddelen,
//!   documents, glossary, regions).
//! - [`availability`]: hospice availability: update rules, feed, view model, client.
//! - [`content`]: reading, checking and rendering the content folder (`palliwijzer content
//!   lint`); feature `authoring`, so the apps' native library carries no parsers it never runs.
//! - [`store`]: the SQLite database the content is built into, and opened from.
//! - [`search`]: forgiving full-text search (FTS5, glossary synonyms, typos).
//! - [`sync`]: signed, content-addressed sync that applies all or nothing.
//! - [`report`]: "Klopt dit niet?": what a user's report may hold, queued while offline.
//! - [`view`]: ready-to-draw view models with every Dutch word and ordering decided.
//! - [`phone`] (feature `authoring`), [`hours`], [`postcode`], [`link`], [`invisible`]: the
//!   field rules.
//! - [`http`]: the one bounded, conditional GET that sync and availability make.
//! - [`error`]: what can go wrong when opening or reading a store, and what to do about it.

pub mod availability;
#[cfg(feature = "authoring")]
pub mod content;
pub mod error;
pub mod hours;
pub mod http;
pub mod invisible;
pub mod link;
pub mod model;
#[cfg(feature = "authoring")]
pub mod phone;
pub mod postcode;
pub mod report;
pub mod search;
pub mod store;
pub mod sync;
pub mod view;

#[cfg(feature = "ffi")]
mod ffi;
#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!("palliwijzer");

pub use error::CoreError;
