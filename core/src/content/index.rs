//! What the loader remembers about places across files: where each id is defined,
//! which references point where, which region claims which postcode, and the shape of
//! each decision tree. The checks that need more than one file run here.

use super::diagnostic::{Diagnostic, Diagnostics, Severity, Source};
use super::reader::At;
use crate::model::PostcodeRange;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// A place in the content, ready to report.
#[derive(Debug, Clone)]
pub struct Loc {
    path: PathBuf,
    line: usize,
    col: usize,
}

impl Loc {
    fn at(src: &Source<'_>, offset: usize) -> Loc {
        let (line, col) = src.line_col(offset);
        Loc { path: src.path.to_path_buf(), line, col }
    }

    fn error(&self, message: String) -> Diagnostic {
        Diagnostic { path: self.path.clone(), line: self.line, col: self.col, severity: Severity::Error, message, dutch: None }
    }

    fn error_nl(&self, message: String, dutch: String) -> Diagnostic {
        Diagnostic { dutch: Some(dutch), ..self.error(message) }
    }
}

/// What a file is, in an editor's words, by its name.
fn referrer(path: &std::path::Path) -> &'static str {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("beslisboom.toml") => "beslisboom",
        Some("hulpmiddelen.toml") => "lijst van hulpmiddelen",
        Some(n) if n.ends_with(".md") => "tekst van het zorgpad",
        _ => "inhoud",
    }
}

/// What a reference must point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefKind {
    Contact,
    Phase,
    Hulpmiddel,
    Topic,
}

impl RefKind {
    fn what(&self) -> &'static str {
        match self {
            RefKind::Contact => "contact",
            RefKind::Phase => "zorgpad phase",
            RefKind::Hulpmiddel => "hulpmiddel",
            RefKind::Topic => "zorgpad topic",
        }
    }
}

#[derive(Default)]
pub struct Index {
    defined: HashMap<String, (Loc, &'static str)>,
    refs: Vec<(Loc, String, RefKind)>,
    postcodes: Vec<(Loc, PostcodeRange, String, String)>,
}

impl Index {
    pub fn define(&mut self, src: &Source<'_>, offset: usize, id: &str, what: &'static str, diags: &mut Diagnostics) {
        let here = Loc::at(src, offset);
        if let Some((first, first_what)) = self.defined.get(id) {
            diags.push(here.error_nl(
                format!("duplicate id `{id}`: already used by a {first_what} at {}:{}", first.path.display(), first.line),
                format!("het id ‘{id}’ is al in gebruik; kies een ander id"),
            ));
            return;
        }
        self.defined.insert(id.to_string(), (here, what));
    }

    pub fn refer(&mut self, src: &Source<'_>, offset: usize, target: &str, kind: RefKind) {
        self.refs.push((Loc::at(src, offset), target.to_string(), kind));
    }

    pub fn claim_postcodes(
        &mut self,
        src: &Source<'_>,
        offset: usize,
        range: PostcodeRange,
        region: &str,
        municipality: &str,
    ) {
        self.postcodes.push((Loc::at(src, offset), range, region.to_string(), municipality.to_string()));
    }

    /// Reports dangling references and postcodes claimed twice.
    pub fn check(&self, diags: &mut Diagnostics) {
        for (loc, target, kind) in &self.refs {
            match self.defined.get(target) {
                Some((_, what)) if *what == kind.what() => {}
                Some((_, what)) => {
                    diags.push(loc.error(format!("`{target}` is a {what}, but a {} is expected here", kind.what())))
                }
                None => diags.push(loc.error_nl(
                    format!("unknown {} `{target}`: no such id in the content", kind.what()),
                    format!("‘{target}’ bestaat dan niet meer, maar de {} verwijst er nog naar; pas die eerst aan", referrer(&loc.path)),
                )),
            }
        }
        let mut claims = self.postcodes.clone();
        claims.sort_by_key(|(_, r, _, _)| (r.first, r.last));
        for (i, (loc, r, region, muni)) in claims.iter().enumerate() {
            for (oloc, o, oregion, omuni) in &claims[..i] {
                if o.last >= r.first && r.last >= o.first {
                    let first = o.first.max(r.first);
                    let (later, earlier, lregion, eregion, lmuni, emuni) =
                        if (&loc.path, loc.line) >= (&oloc.path, oloc.line) {
                            (loc, oloc, region, oregion, muni, omuni)
                        } else {
                            (oloc, loc, oregion, region, omuni, muni)
                        };
                    let what = if lregion == eregion { "twice in region" } else { "by two regions:" };
                    diags.push(later.error_nl(
                        format!(
                            "postcode {first} is claimed {what} `{eregion}` ({emuni}, {}:{}) and `{lregion}` ({lmuni})",
                            earlier.path.display(),
                            earlier.line
                        ),
                        format!("postcode {first} hoort al bij {emuni} (regio {eregion}); een postcode hoort bij één gemeente in één regio"),
                    ));
                }
            }
        }
    }
}

/// The nodes and edges of one decision tree, for cycle and reachability checks.
#[derive(Default)]
pub struct TreeShape {
    nodes: BTreeMap<String, Loc>,
    edges: Vec<(String, String, Loc)>,
}

impl TreeShape {
    pub fn node(&mut self, src: &Source<'_>, id: &At<String>, diags: &mut Diagnostics) {
        let here = Loc::at(src, id.offset);
        if let Some(first) = self.nodes.get(&id.value) {
            diags.push(
                here.error(format!(
                    "duplicate node id `{}` in this beslisboom (first at line {})",
                    id.value, first.line
                )),
            );
            return;
        }
        self.nodes.insert(id.value.clone(), here);
    }

    pub fn edge(&mut self, src: &Source<'_>, from: &str, to: &At<String>) {
        self.edges.push((from.to_string(), to.value.clone(), Loc::at(src, to.offset)));
    }

    /// Dangling `next`, unknown `start`, cycles, and nodes no path reaches.
    pub fn check(&self, src: &Source<'_>, start: &At<String>, diags: &mut Diagnostics) {
        for (_, to, loc) in &self.edges {
            if !self.nodes.contains_key(to) {
                diags
                    .push(loc.error(format!("answer leads to `{to}`, which is no question or end in this beslisboom")));
            }
        }
        if !self.nodes.contains_key(&start.value) {
            diags.push(
                Loc::at(src, start.offset).error(format!("start `{}` is no question in this beslisboom", start.value)),
            );
            return;
        }
        let mut next: BTreeMap<&str, Vec<(&str, &Loc)>> = BTreeMap::new();
        for (from, to, loc) in &self.edges {
            next.entry(from.as_str()).or_default().push((to.as_str(), loc));
        }
        // Depth-first walk with colours: grey on the current path means a cycle.
        let mut state: HashMap<&str, u8> = HashMap::new();
        let mut reported = BTreeSet::new();
        let mut stack: Vec<(&str, usize)> = vec![(start.value.as_str(), 0)];
        state.insert(start.value.as_str(), 1);
        while let Some((node, i)) = stack.pop() {
            let outs = next.get(node).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(&(to, loc)) = outs.get(i) {
                stack.push((node, i + 1));
                match state.get(to) {
                    // Each cycle once: the guard records it.
                    Some(1) if reported.insert((node, to)) => {
                        diags.push(loc.error(format!(
                            "answer from `{node}` to `{to}` makes a cycle: a user could go round forever"
                        )));
                    }
                    Some(_) => {}
                    None if self.nodes.contains_key(to) => {
                        state.insert(to, 1);
                        stack.push((to, 0));
                    }
                    None => {}
                }
            } else {
                state.insert(node, 2);
            }
        }
        for (id, loc) in &self.nodes {
            if !state.contains_key(id.as_str()) {
                diags.push(loc.error(format!("node `{id}` cannot be reached from start `{}`", start.value)));
            }
        }
    }
}
