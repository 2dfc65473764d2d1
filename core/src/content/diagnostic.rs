//! A problem found in the content, with the place a person can jump to.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at `path:line:col` (1-based line and column, column in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
    /// The same problem in Dutch, for the rules an editor in the redactie can run into across
    /// files (an id taken, a reference to nothing, a postcode two regions claim).
    pub dutch: Option<String>,
}

impl Diagnostic {
    /// The message as an editor reads it: Dutch where the rule has it.
    pub fn for_editor(&self) -> &str {
        self.dutch.as_deref().unwrap_or(&self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {level}: {}", self.path.display(), self.line, self.col, self.message)
    }
}

/// The file a reader works on: its path, its text, where each of its lines starts, and
/// where the parsed part starts (front matter starts after the opening `+++` line).
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub lines: &'a [usize],
    pub base: usize,
}

/// The byte offset at which every line of `text` starts, computed once per file so that
/// finding a position costs a binary search, not a rescan of the file.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

impl<'a> Source<'a> {
    /// 1-based line and column of a byte offset into the parsed part.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let target = self.base.saturating_add(offset).min(self.text.len());
        let line = self.lines.partition_point(|&start| start <= target).max(1);
        let start = self.lines.get(line - 1).copied().unwrap_or(0).min(target);
        let col = self.text.get(start..target).map_or(target - start, |s| s.chars().count()) + 1;
        (line, col)
    }

    pub fn diagnostic(&self, offset: usize, severity: Severity, message: String) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic { path: self.path.to_path_buf(), line, col, severity, message, dutch: None }
    }
}

/// Collects problems as loading goes on, so all of them are reported at once.
#[derive(Default, Debug)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, src: &Source<'_>, offset: usize, message: impl Into<String>) {
        self.items.push(src.diagnostic(offset, Severity::Error, message.into()));
    }

    pub fn warning(&mut self, src: &Source<'_>, offset: usize, message: impl Into<String>) {
        self.items.push(src.diagnostic(offset, Severity::Warning, message.into()));
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Sorted by file, then place, so output is stable.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}
