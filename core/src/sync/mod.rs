//! Offline-first sync: signed, content-addressed bundles; only changed objects travel;
//! nothing is applied half. See [`format`] for what is published and [`client`] for the
//! checks a client makes.

pub mod client;
pub mod format;
mod status;

pub use status::{due, recorded_time, run, schedule, Attempt, SyncResult, SyncSchedule};
