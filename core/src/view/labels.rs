//! Every Dutch word the view models use for the model's enums and dates.

use crate::model::*;
use chrono::{Datelike, NaiveDate};

pub fn role(r: Role) -> &'static str {
    match r {
        Role::Huisarts => "Huisarts",
        Role::Wijkverpleegkundige => "Wijkverpleegkundige",
        Role::Ziekenhuis => "Ziekenhuis",
    }
}

/// "Acties voor de huisarts".
pub fn actions_heading(r: Role) -> &'static str {
    match r {
        Role::Huisarts => "Wat doet de huisarts?",
        Role::Wijkverpleegkundige => "Wat doet de wijkverpleegkundige?",
        Role::Ziekenhuis => "Wat doet het ziekenhuis?",
    }
}

pub fn audience(a: Audience) -> &'static str {
    match a {
        Audience::Huisarts => "Huisarts",
        Audience::Verpleegkundige => "Verpleegkundige",
        Audience::Poh => "Praktijkondersteuner (POH)",
        Audience::Patient => "Patiënt en naasten",
    }
}

/// Each audience as a reader calls it, in the given order.
pub fn audiences(list: &[Audience]) -> Vec<String> {
    list.iter().map(|a| audience(*a).to_string()).collect()
}

pub fn paper(p: Paper) -> &'static str {
    match p {
        Paper::A4 => "A4",
        Paper::A5 => "A5",
    }
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// "1 object", "3 objecten": a count with the word in the right number.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "23 november 2026".
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// The source documents the project started from, by the label content files use for them
/// ("seed 002"), with the name a reader knows them by.
const SOURCE_DOCUMENTS: [(&str, &str); 5] = [
    ("seed 000", "Enquête onder praktijkondersteuners van Agora, PaTz en VPTZ"),
    ("seed 001", "Visie Palliatieve Zorg van RHOGO (huisartsen Gooi en Vechtstreek)"),
    ("seed 002", "Palliatieve zorgkaart van het Netwerk Palliatieve Zorg Noord-Holland Zuid"),
    ("seed 003", "Knelpuntenanalyse palliatieve zorg in de eerste lijn"),
    ("seed 004", "Handleiding Proactieve zorgplanning van het Netwerk Palliatieve Zorg Zuidoost-Brabant"),
];

/// One source as a reader wants to see it: a document by its name, a web address without its
/// scheme. Never a file label.
fn source_part(part: &str) -> String {
    let t = part.trim();
    if let Some((_, name)) = SOURCE_DOCUMENTS.iter().find(|(label, _)| t.starts_with(label)) {
        return (*name).to_string();
    }
    bare_address(t).trim_end_matches('/').to_string()
}

/// A web address without its scheme and "www.": "palliaweb.nl/zorgpraktijk/consultatie".
fn bare_address(t: &str) -> &str {
    let t = t.strip_prefix("https://").or_else(|| t.strip_prefix("http://")).unwrap_or(t);
    t.strip_prefix("www.").unwrap_or(t)
}

/// A source field (one or more sources separated by ";") as a reader wants to see it.
pub fn source(s: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    for part in s.split(';').filter(|p| !p.trim().is_empty()) {
        let name = source_part(part);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("; ")
}

/// The hosts of a source field's web addresses, once each: "palliaweb.nl, nhnieuws.nl".
fn hosts(s: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| p.starts_with("https://") || p.starts_with("http://")) {
        let rest = bare_address(part);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        if !host.is_empty() && !out.contains(&host) {
            out.push(host);
        }
    }
    out.join(", ")
}

/// A source as a card shows it: a web source by the name a reader knows it by, with the
/// site it is on ("Spaarne Gasthuis, nieuwsbericht over het TOPZ (spaarnegasthuis.nl)");
/// without a name, as [`source`] says it.
pub fn named_source(source_field: &str, name: Option<&str>) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => match hosts(source_field) {
            h if h.is_empty() => n.to_string(),
            h => format!("{n} ({h})"),
        },
        None => source(source_field),
    }
}

/// True when every part of a source field is one of the regional source documents, so the
/// fact was taken from a document and not checked at a live source.
pub fn source_is_document(s: &str) -> bool {
    let mut parts = s.split(';').map(str::trim).filter(|p| !p.is_empty()).peekable();
    parts.peek().is_some() && parts.all(|p| SOURCE_DOCUMENTS.iter().any(|(label, _)| p.starts_with(label)))
}

/// "Bron: palliaweb.nl/... · gecontroleerd op 23 november 2026"; for a check made in a stored
/// copy of the page (`in_copy`), that instead; for a fact taken from a source document:
/// "Bron: Palliatieve zorgkaart ... (brondocument; overgenomen op ...)".
pub fn source_line(
    source_field: &str,
    source_name: Option<&str>,
    verified_on: Option<NaiveDate>,
    in_copy: bool,
) -> String {
    let name = named_source(source_field, source_name);
    match (source_is_document(source_field), verified_on) {
        (true, Some(d)) => format!("Bron: {name} (brondocument; overgenomen op {}; niet apart gecontroleerd)", date(d)),
        (true, None) => format!("Bron: {name} (brondocument)"),
        (false, Some(d)) if in_copy => {
            format!("Bron: {name} · nagekeken in een opgeslagen kopie op {}; nog niet live gecontroleerd", date(d))
        }
        (false, Some(d)) => format!("Bron: {name} · gecontroleerd op {}", date(d)),
        (false, None) => format!("Bron: {name}"),
    }
}

/// A source line for facts an editor checked at the live source: "Bron: spoedpost.com ·
/// gecontroleerd op 3 december 2026 door Netwerk Palliatieve Zorg Noord-Holland Zuid (gebeld)".
pub fn checked_line(
    source_field: &str,
    source_name: Option<&str>,
    on: NaiveDate,
    by: &str,
    how: Option<&str>,
) -> String {
    let name = named_source(source_field, source_name);
    match how {
        Some(how) => format!("Bron: {name} · gecontroleerd op {} door {by} ({how})", date(on)),
        None => format!("Bron: {name} · gecontroleerd op {} door {by}", date(on)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_is_not_objects() {
        assert_eq!(count(1, "object", "objecten"), "1 object");
        assert_eq!(count(0, "object", "objecten"), "0 objecten");
        assert_eq!(count(3, "object", "objecten"), "3 objecten");
    }

    #[test]
    fn dates_read_in_dutch() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), "23 november 2026");
        assert_eq!(source("https://palliaweb.nl/zorgpraktijk/consultatie"), "palliaweb.nl/zorgpraktijk/consultatie");
    }

    #[test]
    fn sources_read_by_their_name_never_by_a_file_label() {
        let field = "seed 004: handleiding PTO; seed 002: palliatieve zorgkaart; seed 002";
        let shown = source(field);
        assert!(!shown.contains("seed"), "{shown}");
        assert_eq!(
            shown,
            "Handleiding Proactieve zorgplanning van het Netwerk Palliatieve Zorg Zuidoost-Brabant; \
             Palliatieve zorgkaart van het Netwerk Palliatieve Zorg Noord-Holland Zuid"
        );
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        assert!(source_line("seed 002", None, d, false).contains("brondocument"));
        assert!(!source_line("seed 002", None, d, false).contains("gecontroleerd op"));
        assert!(source_line("https://palliaweb.nl/x", None, d, false).ends_with("gecontroleerd op 23 november 2026"));
    }

    #[test]
    fn a_check_in_a_stored_copy_never_reads_as_a_live_check() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        let line = source_line("https://palliaweb.nl/x", None, d, true);
        assert_eq!(
            line,
            "Bron: palliaweb.nl/x · nagekeken in een opgeslagen kopie op 23 november 2026; nog niet live gecontroleerd"
        );
        assert!(!line.contains("gecontroleerd op"), "{line}");
    }

    #[test]
    fn a_web_source_reads_by_its_name_with_the_site_it_is_on() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        let url = "https://www.spaarnegasthuis.nl/nieuws/uitbreiding-team";
        assert_eq!(
            source_line(url, Some("Spaarne Gasthuis, nieuwsbericht over het TOPZ"), d, true),
            "Bron: Spaarne Gasthuis, nieuwsbericht over het TOPZ (spaarnegasthuis.nl) · nagekeken in een opgeslagen \
             kopie op 23 november 2026; nog niet live gecontroleerd"
        );
        let on = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(
            checked_line(url, Some("Spaarne Gasthuis"), on, "Netwerk NHZ", Some("gebeld")),
            "Bron: Spaarne Gasthuis (spaarnegasthuis.nl) · gecontroleerd op 3 december 2026 door Netwerk NHZ (gebeld)"
        );
        // No name, or an empty one: the address, as before; a document keeps its own name.
        assert!(source_line(url, Some("  "), d, false).starts_with("Bron: spaarnegasthuis.nl/nieuws/"));
        assert!(source_line("seed 002", None, d, false).starts_with("Bron: Palliatieve zorgkaart"));
    }
}
