//! The `palliwijzer` binary's parts, as a library so benchmarks and tests can start the real
//! website in-process.
//!
//! - [`commands`]: the subcommands (content tools, lookups, serve) and where they get data.
//! - [`web`]: the website: routes, pages, assets, headers.
//! - [`publish`]: keys and the signed static files clients sync from.
//! - [`state`]: the server's own state: coordinator accounts, sessions, availability, audit.
//! - [`opened`]: an open content store, as the commands hand it to the website.
//! - [`print`]: plain-text drawing of view models for the terminal.

pub mod commands;
pub mod opened;
pub mod print;
pub mod publish;
pub mod state;
pub mod web;
