//! The content folder as the redactie changes it: a proposal becomes an edit of one file
//! (layout and comments kept), checked by the whole content lint before it is written, and
//! a git commit with the proposer as author and the approver named. Git stays the source of
//! truth; the history of an item is read back from it.

use crate::editorial::Proposal;
use palliwijzer_core::content::edit::{self, EditError, Values};
use palliwijzer_core::content::{self, Loaded, Severity};
use palliwijzer_core::model::ItemKind;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("{0}")]
    Edit(#[from] EditError),
    #[error("kan {path} niet lezen of schrijven: {detail}")]
    Io { path: String, detail: String },
    #[error("Met deze wijziging klopt de inhoud niet meer ({0}). Er is niets opgeslagen.")]
    Lint(String),
    #[error("De inhoudsmap {0} staat niet in git. Goedkeuren legt elke wijziging vast in de geschiedenis van de inhoud: zet de map in git (git init) en probeer het opnieuw.")]
    NotGit(String),
    #[error("git kon de wijziging niet vastleggen ({0}). Het bestand is teruggezet; er is niets veranderd.")]
    Git(String),
}

/// One change to an item as git remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    pub approved_by: Option<String>,
}

pub struct ContentRepo {
    dir: PathBuf,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> RepoError + '_ {
    move |e| RepoError::Io { path: path.display().to_string(), detail: palliwijzer_core::error::io_reason(&e) }
}

/// The address git records for an editor: never a real mailbox.
fn email(user: &str) -> String {
    format!("{user}@redactie.palliwijzer.invalid")
}

impl ContentRepo {
    pub fn new(dir: PathBuf) -> Self {
        ContentRepo { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file, relative to the folder, that holds item `id` of `kind` in `region`.
    fn file(&self, kind: ItemKind, region: Option<&str>, id: &str) -> Result<PathBuf, RepoError> {
        if let Some(rel) = edit::file_of(kind, region) {
            return Ok(rel);
        }
        // Zorgpad phases and topics have a file each: the one whose front matter has this id.
        let (Some(r), ItemKind::Phase | ItemKind::Topic) = (region, kind) else {
            return Err(RepoError::Edit(EditError::NotEditable));
        };
        let dir = PathBuf::from("regions").join(r).join("zorgpad");
        let full = self.dir.join(&dir);
        let mut names: Vec<_> = std::fs::read_dir(&full)
            .map_err(io(&full))?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .collect();
        names.sort();
        for name in names {
            let text = std::fs::read_to_string(full.join(&name)).map_err(io(&full))?;
            if edit::is_record_of(&text, kind, id) {
                return Ok(dir.join(name));
            }
        }
        Err(RepoError::Edit(EditError::NoSuchItem { id: id.to_string() }))
    }

    /// The text of the file that holds item `id` of `kind` in `region`.
    pub fn read(&self, kind: ItemKind, region: Option<&str>, id: &str) -> Result<String, RepoError> {
        let path = self.dir.join(self.file(kind, region, id)?);
        std::fs::read_to_string(&path).map_err(io(&path))
    }

    /// The item's fields as the form shows them.
    pub fn current(&self, kind: ItemKind, region: Option<&str>, id: &str) -> Result<Values, RepoError> {
        Ok(edit::current(&self.read(kind, region, id)?, kind, id)?)
    }

    /// Every contact or facility of `region` (`None`: national) with its fields as the file
    /// writes them; none when the file is not there.
    pub fn written(&self, kind: ItemKind, region: Option<&str>) -> Result<Vec<(String, Values)>, RepoError> {
        let Some(rel) = edit::file_of(kind, region) else { return Ok(Vec::new()) };
        let path = self.dir.join(rel);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(edit::all_current(&text, kind)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(io(&path)(e)),
        }
    }

    /// The proposal's file after the change: (path relative to the folder, new text).
    fn changed(&self, p: &Proposal) -> Result<(PathBuf, String), RepoError> {
        // A new contact goes into its region's contacts file, where it is not yet.
        let rel = match p.creates {
            Some(_) => edit::file_of(p.kind, p.region.as_deref()).ok_or(RepoError::Edit(EditError::NotEditable))?,
            None => self.file(p.kind, p.region.as_deref(), &p.item_id)?,
        };
        let path = self.dir.join(&rel);
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let new = match (p.creates, &p.check_made) {
            _ if p.removes => edit::remove(&text, p.kind, &p.item_id)?,
            (Some(kind), Some(check)) => edit::add_contact(&text, &p.item_id, kind, &p.changes, check)?,
            // A new contact without a check date would break the truth rules: refused.
            (Some(_), None) => return Err(RepoError::Lint("een nieuw contact heeft een controledatum nodig".into())),
            (None, check) => edit::apply(&text, p.kind, &p.item_id, &p.changes, check.as_ref())?,
        };
        Ok((rel, new))
    }

    /// All content as it would be with the proposal: for the preview, and checked by the same
    /// lint as `palliwijzer content lint`. An error anywhere refuses it.
    pub fn with_proposal(&self, p: &Proposal, today: chrono::NaiveDate) -> Result<Loaded, RepoError> {
        let (rel, new) = self.changed(p)?;
        let loaded = content::load_dir_with(&self.dir, today, &[(rel, new.into_bytes())]);
        match loaded.diagnostics.iter().find(|d| d.severity == Severity::Error) {
            Some(d) => Err(RepoError::Lint(d.for_editor().to_string())),
            None => Ok(loaded),
        }
    }

    fn git(&self) -> Command {
        let mut c = Command::new("git");
        c.arg("-C").arg(&self.dir).env("GIT_TERMINAL_PROMPT", "0").env_remove("GIT_DIR").env_remove("GIT_WORK_TREE");
        c
    }

    fn run(&self, args: &[&str], envs: &[(&str, &str)]) -> Result<String, RepoError> {
        let out = self
            .git()
            .args(args)
            .envs(envs.iter().copied())
            .output()
            .map_err(|e| RepoError::Git(format!("git is niet te starten: {e}")))?;
        if !out.status.success() {
            return Err(RepoError::Git(String::from_utf8_lossy(&out.stderr).trim().to_string()));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// The commit the content folder is at, if it is in git.
    pub fn head(&self) -> Option<String> {
        self.run(&["rev-parse", "--short=12", "HEAD"], &[]).ok()
    }

    /// Writes the approved proposal into its file and commits that file alone, with the
    /// proposer as author and the approver as committer. Returns the commit. On any failure
    /// the file is as it was.
    pub fn apply(&self, p: &Proposal, approver: &str, today: chrono::NaiveDate) -> Result<String, RepoError> {
        if self.run(&["rev-parse", "--is-inside-work-tree"], &[]).is_err() {
            return Err(RepoError::NotGit(self.dir.display().to_string()));
        }
        self.with_proposal(p, today)?;
        let (rel, new) = self.changed(p)?;
        let path = self.dir.join(&rel);
        let old = std::fs::read(&path).map_err(io(&path))?;
        let tmp = path.with_extension("toml.redactie");
        std::fs::write(&tmp, new.as_bytes()).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let fields: Vec<&str> = p.changes.iter().map(|c| c.field.label()).collect();
        let what = match (fields.is_empty(), &p.check_made) {
            _ if p.creates.is_some() => "nieuw contact".to_string(),
            _ if p.removes => "verwijderd (bestaat niet meer)".to_string(),
            (true, _) => "gecontroleerd".to_string(),
            (false, Some(_)) => format!("{} gewijzigd en gecontroleerd", fields.join(", ")),
            (false, None) => format!("{} gewijzigd", fields.join(", ")),
        };
        let message = format!(
            "{} {}: {what}\n\nVoorstel: {}\nVoorgesteld-door: {}\nGoedgekeurd-door: {approver}\n",
            p.kind.slug(),
            p.item_id,
            p.id,
            p.proposed_by
        );
        let author = format!("{} <{}>", p.proposed_by, email(&p.proposed_by));
        let committer_email = email(approver);
        let envs = [("GIT_COMMITTER_NAME", approver), ("GIT_COMMITTER_EMAIL", committer_email.as_str())];
        let committed = self.run(&["add", "--", &rel_s], &envs).and_then(|_| {
            self.run(
                &[
                    "-c",
                    "commit.gpgsign=false",
                    "commit",
                    "-q",
                    "--no-verify",
                    "-m",
                    &message,
                    "--author",
                    &author,
                    "--",
                    &rel_s,
                ],
                &envs,
            )
        });
        if let Err(e) = committed {
            let _ = std::fs::write(&path, &old);
            let _ = self.run(&["reset", "-q", "--", &rel_s], &[]);
            return Err(e);
        }
        self.run(&["rev-parse", "--short=12", "HEAD"], &[])
    }

    /// What was committed to the content since `commit` (everything, without one), newest
    /// first, as the commits' subjects: what a publication will carry. At most 200.
    pub fn changes_since(&self, commit: Option<&str>) -> Vec<String> {
        let range = match commit {
            Some(c) if c.chars().all(|x| x.is_ascii_hexdigit()) => format!("{c}..HEAD"),
            _ => "HEAD".to_string(),
        };
        match self.run(&["log", "-n", "200", "--format=%s", &range, "--", "."], &[]) {
            Ok(out) => out.lines().filter(|l| !l.is_empty()).map(str::to_string).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The redactie's changes to one item, newest first (at most 20).
    pub fn history(&self, kind: ItemKind, region: Option<&str>, id: &str) -> Vec<HistoryEntry> {
        let Ok(rel) = self.file(kind, region, id) else { return Vec::new() };
        let grep = format!("--grep={} {id}:", kind.slug());
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let args = [
            "log",
            "-n",
            "20",
            "--fixed-strings",
            &grep,
            "--date=short",
            "--format=%h%x1f%ad%x1f%an%x1f%s%x1f%b%x1e",
            "--",
            &rel_s,
        ];
        let Ok(out) = self.run(&args, &[]) else { return Vec::new() };
        out.split('\u{1e}')
            .filter_map(|entry| {
                let mut parts = entry.trim().split('\u{1f}');
                let (commit, date, author, subject) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
                let body = parts.next().unwrap_or("");
                let approved_by =
                    body.lines().find_map(|l| l.strip_prefix("Goedgekeurd-door: ")).map(|s| s.trim().to_string());
                Some(HistoryEntry {
                    commit: commit.to_string(),
                    date: date.to_string(),
                    author: author.to_string(),
                    subject: subject.to_string(),
                    approved_by,
                })
            })
            .filter(|h| !h.commit.is_empty())
            .collect()
    }
}
