//! `palliwijzer`: content tools for editors, lookups from the command line, and (later) the
//! website, publishing and sync.

use palliwijzer::commands;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "palliwijzer", version, about = "Palliwijzer: palliatieve zorg in de regio, ook offline.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check and build the content.
    Content {
        #[command(subcommand)]
        command: ContentCommand,
    },
    /// Print the region a 4-digit postcode belongs to.
    Region {
        /// A postcode such as 2031 or "2031 AB".
        postcode: String,
        #[command(flatten)]
        data: commands::DataSource,
    },
    /// Serve the website (default http://127.0.0.1:8080/).
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The address to listen on; 0.0.0.0 to be reachable from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The server's own state (accounts, availability, audit log); created when absent.
        /// Default: palliwijzer/state.sqlite in $XDG_STATE_HOME (~/.local/state).
        #[arg(long)]
        state: Option<PathBuf>,
        /// Also serve a publication (from `palliwijzer publish --out DIR`) under /sync/.
        #[arg(long)]
        publish: Option<PathBuf>,
        /// The publishing key (keys.json next to it): national editors then publish from the
        /// redactie into the --publish folder.
        #[arg(long, requires = "publish")]
        publish_key: Option<PathBuf>,
        #[command(flatten)]
        data: commands::DataSource,
    },
    /// Signing keys for publishing.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Publish the content as signed static files (keys.json, manifest2.zst, manifest.zst, objects/).
    Publish {
        /// The content folder (default: the bundled content).
        #[arg(long)]
        content: Option<PathBuf>,
        /// The publishing key (publish.key).
        #[arg(long)]
        key: PathBuf,
        /// The root-signed keys.json (default: keys.json next to the key).
        #[arg(long)]
        keys: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Days until clients refuse this manifest as frozen, unless a newer one appears.
        #[arg(long, default_value_t = 30)]
        expires_days: i64,
    },
    /// Update a store from a publication; refuses anything not signed, older or damaged.
    Sync {
        /// Where the publication is served, e.g. http://127.0.0.1:8080/sync
        url: String,
        /// The store to update; created by a full first sync when it does not exist.
        #[arg(long)]
        store: PathBuf,
        /// The pinned root public key (root.pub).
        #[arg(long)]
        trust: PathBuf,
    },
    /// Hospice coordinator accounts.
    Hospice {
        #[command(subcommand)]
        command: HospiceCommand,
    },
    /// Editor accounts for the redactie.
    Editor {
        #[command(subcommand)]
        command: EditorCommand,
    },
    /// Search everything; results ranked, one per line with kind and title.
    Search {
        /// What to look for, e.g. "hosipce" or "HAP".
        query: String,
        /// Rank this region (and national items) first.
        #[arg(long)]
        region: Option<String>,
        #[command(flatten)]
        data: commands::DataSource,
    },
    /// Print who can be reached now (or at --at) in a region, in that order.
    Now {
        #[arg(long)]
        region: String,
        /// The moment, RFC 3339 (e.g. 2026-12-25T03:00:00+01:00); default: now.
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        data: commands::DataSource,
    },
    /// Print "wie bel ik" for a postcode or region id.
    WieBelIk {
        /// A postcode (2031) or region id (noord-holland-zuid).
        place: String,
        #[command(flatten)]
        data: commands::DataSource,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Write root.key, root.pub, publish.key, publish.pub and keys.json into DIR.
    Generate {
        #[arg(long)]
        out: PathBuf,
    },
    /// Make a new publishing key and a root-signed keys.json (next version) that lists it.
    Rotate {
        #[arg(long)]
        root: PathBuf,
        /// The current keys.json.
        #[arg(long)]
        keys: PathBuf,
        /// An empty folder for the new publish.key, publish.pub and keys.json.
        #[arg(long)]
        out: PathBuf,
        /// Keep the old publishing keys valid too (for a transition).
        #[arg(long)]
        keep_old: bool,
    },
}

#[derive(Subcommand)]
enum HospiceCommand {
    /// Add a coordinator account for one facility; the password is read from standard input.
    AddAccount {
        #[arg(long)]
        facility: String,
        #[arg(long)]
        user: String,
        /// The server's state file, as for `serve`.
        #[arg(long)]
        state: Option<PathBuf>,
        #[command(flatten)]
        data: commands::DataSource,
    },
}

#[derive(Subcommand)]
enum EditorCommand {
    /// Add an editor for one region (--region ID) or all (--national); the password is read
    /// from standard input.
    AddAccount {
        #[arg(long, required_unless_present = "national", conflicts_with = "national")]
        region: Option<String>,
        #[arg(long)]
        national: bool,
        #[arg(long)]
        user: String,
        /// The server's state file, as for `serve`.
        #[arg(long)]
        state: Option<PathBuf>,
        #[command(flatten)]
        data: commands::DataSource,
    },
}

#[derive(Subcommand)]
enum ContentCommand {
    /// Report every problem in the content as path:line:col; exit 1 on any error.
    Lint {
        /// The content folder (default: the bundled content).
        dir: Option<PathBuf>,
        /// Judge review dates as of this day (YYYY-MM-DD; default: today in the Netherlands).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// Compile the content into one SQLite database (only when lint finds no error).
    Build {
        /// The content folder (default: the bundled content).
        dir: Option<PathBuf>,
        /// The database file to write.
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Content { command: ContentCommand::Lint { dir, today } } => commands::content::lint(dir, today),
        Command::Content { command: ContentCommand::Build { dir, out, today } } => {
            commands::content::build(dir, &out, today)
        }
        Command::Region { postcode, data } => commands::lookup::region(&postcode, &data),
        Command::WieBelIk { place, data } => commands::lookup::wie_bel_ik(&place, &data),
        Command::Search { query, region, data } => commands::lookup::search(&query, region.as_deref(), &data),
        Command::Now { region, at, data } => commands::lookup::now(&region, at.as_deref(), &data),
        Command::Serve { port, bind, state, publish, publish_key, data } => {
            commands::state_file(state).and_then(|state| {
                let addr = std::net::SocketAddr::new(bind, port);
                commands::serve::run(addr, &data, &state, publish, publish_key)
            })
        }
        Command::Keys { command: KeysCommand::Generate { out } } => commands::sync::keys_generate(&out),
        Command::Keys { command: KeysCommand::Rotate { root, keys, out, keep_old } } => {
            commands::sync::keys_rotate(&root, &keys, &out, keep_old)
        }
        Command::Publish { content, key, keys, out, expires_days } => {
            commands::sync::publish(content, &key, keys.as_deref(), &out, expires_days)
        }
        Command::Sync { url, store, trust } => commands::sync::sync(&url, &store, &trust),
        Command::Editor { command: EditorCommand::AddAccount { region, national: _, user, state, data } } => {
            commands::state_file(state)
                .and_then(|state| commands::editor::add_account(region.as_deref(), &user, &state, &data))
        }
        Command::Hospice { command: HospiceCommand::AddAccount { facility, user, state, data } } => {
            commands::state_file(state)
                .and_then(|state| commands::hospice::add_account(&facility, &user, &state, &data))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("palliwijzer: {e}");
            ExitCode::FAILURE
        }
    }
}
