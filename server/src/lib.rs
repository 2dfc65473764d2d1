//! The `palliwijzer` binary's parts, as a library so benchmarks and tests can start the real
//! website in-process.
//!
//! - [`commands`]: the subcommands (content tools, lookups, serve) and where they get data.
//! - [`web`]: the website: routes, pages, assets, headers.
//! - [`publish`]: keys and the signed static files clients sync from.
//! - [`state`]: the server's own state: accounts (coordinators, editors), sessions,
//!   availability, audit.
//! - [`editorial`]: the redactie's records in that state: proposals, users' reports,
//!   publications.
//! - [`import`]: a network's sociale kaart (CSV) read into planned changes, line by line.
//! - [`content_repo`]: the content folder in git, changed one approved proposal at a time.
//! - [`opened`]: an open content store, as the commands hand it to the website.
//! - [`print`]: plain-text drawing of view models for the terminal.

pub mod commands;
pub mod content_repo;
pub mod editorial;
pub mod import;
pub mod opened;
pub mod print;
pub mod publish;
pub mod state;
pub mod web;
