//! Loading the content folder: every file parsed, every rule checked, every problem
//! reported with its place. `lint` is loading without keeping the result. Abbreviations in
//! the texts users read are explained at their first use ([`abbreviations`]). [`edit`]
//! changes one record in a file as an editor would by hand (the redactie).

mod abbreviations;
mod diagnostic;
pub mod edit;
mod files;
mod index;
mod markdown;
mod reader;

pub use diagnostic::{Diagnostic, Severity};
pub use files::is_valid_id;
pub use markdown::to_safe_html;

use crate::model::Content;
use chrono::NaiveDate;
use diagnostic::{Diagnostics, Source};
use files::Sink;
use index::Index;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The result of reading a content folder.
#[derive(Debug)]
pub struct Loaded {
    /// What could be read; only trustworthy when there are no errors.
    pub content: Content,
    /// Every problem, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// SHA-256 over every file's path and bytes: same input, same hash.
    pub content_hash: String,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }
}

/// What a file in the content folder is, judged by its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    Contacts {
        region: Option<String>,
    },
    Facilities {
        region: String,
    },
    Region {
        region: String,
    },
    Phase {
        region: String,
    },
    Topic {
        region: String,
    },
    Tree {
        region: String,
    },
    Hulpmiddelen,
    Glossary,
    Document,
    /// Documentation for editors; not content.
    Readme,
    Unknown,
}

/// Classifies a path relative to the content folder.
pub fn classify(rel: &Path) -> FileKind {
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let p: Vec<&str> = parts.iter().map(String::as_str).collect();
    match p.as_slice() {
        [name] if name.eq_ignore_ascii_case("README.md") => FileKind::Readme,
        ["national", "contacts.toml"] => FileKind::Contacts { region: None },
        ["national", "hulpmiddelen.toml"] => FileKind::Hulpmiddelen,
        ["national", "glossary.toml"] => FileKind::Glossary,
        ["national", "documenten", f] if f.ends_with(".md") => FileKind::Document,
        ["regions", r, "region.toml"] => FileKind::Region { region: r.to_string() },
        ["regions", r, "contacts.toml"] => FileKind::Contacts { region: Some(r.to_string()) },
        ["regions", r, "facilities.toml"] => FileKind::Facilities { region: r.to_string() },
        ["regions", r, "beslisboom.toml"] => FileKind::Tree { region: r.to_string() },
        ["regions", r, "zorgpad", f] if f.starts_with("onderwerp-") && f.ends_with(".md") => {
            FileKind::Topic { region: r.to_string() }
        }
        ["regions", r, "zorgpad", f]
            if f.ends_with(".md")
                && f.len() > 3
                && f.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                && f.as_bytes()[2] == b'-' =>
        {
            FileKind::Phase { region: r.to_string() }
        }
        _ => FileKind::Unknown,
    }
}

/// Splits `+++`-fenced TOML front matter from a Markdown body.
/// Returns (front matter, byte offset of the front matter, body, byte offset of the body).
pub(crate) fn split_front_matter(text: &str) -> Result<(&str, usize, &str, usize), String> {
    let start = if text.starts_with("+++\n") {
        4
    } else if text.starts_with("+++\r\n") {
        5
    } else {
        return Err(
            "a Markdown file must start with TOML front matter: a line `+++`, the fields, and a closing `+++`".into()
        );
    };
    let rest = &text[start..];
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = start + pos + line.len();
            return Ok((&rest[..pos], start, &text[body_start..], body_start));
        }
        pos += line.len();
    }
    Err("front matter is not closed: add a line `+++` after the fields".into())
}

/// The largest content file the loader reads (today's largest is about 55 KB).
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Finds the content files under `dir`. Only regular files are read: a symbolic link (which
/// could point out of the tree, or at `/dev/zero`), a FIFO or a device is reported instead.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        // `DirEntry::file_type` does not follow symbolic links.
        let kind = e.file_type()?;
        if kind.is_dir() {
            walk(&path, out, diags)?;
        } else if kind.is_file() {
            out.push(path);
        } else {
            let what = if kind.is_symlink() { "a symbolic link" } else { "not a regular file" };
            diags.push(file_problem(
                &path,
                format!("{what}: content files must be regular files inside the content folder; it is not read"),
            ));
        }
    }
    Ok(())
}

fn file_problem(path: &Path, message: String) -> Diagnostic {
    Diagnostic { path: path.to_path_buf(), line: 1, col: 1, severity: Severity::Error, message, dutch: None }
}

fn too_large(len: u64) -> String {
    format!(
        "file is {} KB, more than the {} KB a content file may have; split it into smaller files",
        len / 1024,
        MAX_FILE_BYTES / 1024
    )
}

/// Reads one regular file, at most [`MAX_FILE_BYTES`] of it.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file: content files must be regular files inside the content folder".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads and checks a whole content folder. `today` decides which reviews are overdue.
pub fn load_dir(dir: &Path, today: NaiveDate) -> Loaded {
    load_dir_with(dir, today, &[])
}

/// Like [`load_dir`], with the bytes of some files (paths relative to `dir`) replaced: an
/// editor's change, checked and previewed before it is written.
pub fn load_dir_with(dir: &Path, today: NaiveDate, replaced: &[(PathBuf, Vec<u8>)]) -> Loaded {
    let mut diags = Diagnostics::default();
    let mut files = Vec::new();
    if let Err(e) = walk(dir, &mut files, &mut diags) {
        diags.push(file_problem(dir, format!("cannot read the content folder: {e}")));
    }
    let mut inputs = Vec::new();
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
        if let Some((_, bytes)) = replaced.iter().find(|(r, _)| *r == rel) {
            inputs.push((rel, bytes.clone()));
            continue;
        }
        match read_bounded(&path) {
            Ok(bytes) => inputs.push((rel, bytes)),
            Err(message) => diags.push(file_problem(&path, message)),
        }
    }
    let mut loaded = load_files(dir, &inputs, today);
    if !diags.items.is_empty() {
        diags.items.append(&mut loaded.diagnostics);
        loaded.diagnostics = diags.into_sorted();
    }
    loaded
}

/// Reads and checks content given as (path relative to `root`, bytes) pairs.
/// Paths in diagnostics are `root` joined with the relative path.
pub fn load_files(root: &Path, inputs: &[(PathBuf, Vec<u8>)], today: NaiveDate) -> Loaded {
    let mut content = Content::default();
    let mut index = Index::default();
    let mut diags = Diagnostics::default();
    let mut hasher = Sha256::new();
    let mut sorted: Vec<&(PathBuf, Vec<u8>)> = inputs.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (rel, bytes) in sorted {
        let kind = classify(rel);
        if kind == FileKind::Readme {
            continue;
        }
        hasher.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
        let path = root.join(rel);
        if bytes.len() as u64 > MAX_FILE_BYTES {
            diags.push(file_problem(&path, too_large(bytes.len() as u64)));
            continue;
        }
        let mut sink = Sink { content: &mut content, index: &mut index, diags: &mut diags };
        load_one(&path, &kind, bytes, &mut sink, today);
    }
    index.check(&mut diags);
    abbreviations::explain(&mut content);
    content.sort_for_store();
    Loaded { content, diagnostics: diags.into_sorted(), content_hash: hex::encode(hasher.finalize()) }
}

fn load_one(path: &Path, kind: &FileKind, bytes: &[u8], sink: &mut Sink<'_>, today: NaiveDate) {
    let whole = Source { path, text: "", lines: &[], base: 0 };
    if *kind == FileKind::Unknown {
        sink.diags.warning(&whole, 0, "file is not part of the content layout (see content/README.md) and is ignored");
        return;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            sink.diags.error(
                &whole,
                0,
                format!("file is not valid UTF-8 (first bad byte at offset {})", e.valid_up_to()),
            );
            return;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = diagnostic::line_starts(text);
    let is_markdown = matches!(kind, FileKind::Phase { .. } | FileKind::Topic { .. } | FileKind::Document);
    let (toml_text, base, body, body_start) = if is_markdown {
        match split_front_matter(text) {
            Ok(parts) => parts,
            Err(e) => {
                sink.diags.error(&Source { path, text, lines: &lines, base: 0 }, 0, e);
                return;
            }
        }
    } else {
        (text, 0, "", text.len())
    };
    let src = Source { path, text, lines: &lines, base };
    if let Some((at, problem)) = markdown::body_problem(body) {
        sink.diags.error(&src, (body_start + at).saturating_sub(base), problem);
        return;
    }
    // A parser bug must not take the lint down with it (toml_edit 0.23 panicked on some
    // malformed input): a panic is reported as unreadable TOML, like any other parse error.
    let parsed = std::panic::catch_unwind(|| toml_edit::Document::parse(toml_text));
    let doc = match parsed {
        Err(_) => {
            sink.diags.error(&src, 0, "malformed TOML: the parser could not read this file");
            return;
        }
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let msg = e.message().trim().to_string();
            sink.diags.error(&src, at, format!("malformed TOML: {msg}"));
            return;
        }
    };
    let root = doc.as_table() as &dyn toml_edit::TableLike;
    match kind {
        FileKind::Contacts { region } => files::contacts(src, root, region.as_deref(), sink, today),
        FileKind::Facilities { region } => files::facilities(src, root, region, sink, today),
        FileKind::Region { region } => files::region(src, root, region, sink, today),
        FileKind::Phase { region } => files::phase(src, root, body, region, sink, today),
        FileKind::Topic { region } => files::topic(src, root, body, region, sink, today),
        FileKind::Tree { region } => files::tree(src, root, region, sink, today),
        FileKind::Hulpmiddelen => files::hulpmiddelen(src, root, sink, today),
        FileKind::Glossary => files::glossary(src, root, sink, today),
        FileKind::Document => files::document(src, root, body, sink, today),
        FileKind::Readme | FileKind::Unknown => {}
    }
}
