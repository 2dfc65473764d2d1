//! Every Dutch word the view models use for the model's enums and dates.

use crate::model::*;
use chrono::{Datelike, NaiveDate};

pub fn contact_kind(k: ContactKind) -> &'static str {
    match k {
        ContactKind::Consultatie => "Consultatie palliatieve zorg",
        ContactKind::Huisartsenpost => "Huisartsenpost (avond, nacht, weekend)",
        ContactKind::EigenZorgverleners => "Eigen zorgverleners van de patiënt",
        ContactKind::GespecialiseerdeZorg => "Gespecialiseerde palliatieve zorg",
        ContactKind::Ziekenhuis => "Ziekenhuis",
        ContactKind::Wijkverpleging => "Wijkverpleging en thuiszorg",
        ContactKind::Zingeving => "Zingeving en geestelijke verzorging",
        ContactKind::SociaalDomein => "Sociaal domein",
        ContactKind::Vrijwilligers => "Vrijwilligers",
        ContactKind::Paramedisch => "Paramedische zorg",
        ContactKind::Overleg => "Overleg: PaTz en MDO",
        ContactKind::Netwerk => "Netwerk palliatieve zorg",
    }
}

pub fn facility_kind(k: FacilityKind) -> &'static str {
    match k {
        FacilityKind::Hospice => "Hospice",
        FacilityKind::BijnaThuisHuis => "Bijna-thuis-huis",
        FacilityKind::PalliatieveUnit => "Palliatieve unit",
    }
}

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

pub fn document_kind(k: DocumentKind) -> &'static str {
    match k {
        DocumentKind::Levenswensenkaart => "Levenswensenkaart",
        DocumentKind::Zakkaart => "Zakkaart",
        DocumentKind::Poster => "Poster",
        DocumentKind::Folder => "Folder voor zorgverleners",
        DocumentKind::Patientfolder => "Folder voor patiënten",
    }
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

/// "23 november 2026".
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A source as a reader wants to see it: a web address without its scheme.
pub fn source(s: &str) -> String {
    let t = s.trim();
    let t = t.strip_prefix("https://").or_else(|| t.strip_prefix("http://")).unwrap_or(t);
    let t = t.strip_prefix("www.").unwrap_or(t);
    t.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_dutch() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), "23 november 2026");
        assert_eq!(source("https://palliaweb.nl/zorgpraktijk/consultatie"), "palliaweb.nl/zorgpraktijk/consultatie");
    }
}
