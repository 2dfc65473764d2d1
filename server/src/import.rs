//! Reading a sociale kaart: the contacts a network keeps in a spreadsheet, exported as CSV
//! (comma or semicolon, as Dutch spreadsheet programs write it). Each row becomes a checked
//! plan (a new contact, changes to one that exists, or nothing to do) or a problem with its
//! line and a Dutch reason. Nothing here writes: the redactie turns plans into proposals.

use palliwijzer_core::content::edit::{self, Change, Field};
use palliwijzer_core::content::is_valid_id;
use palliwijzer_core::model::ContactKind;
use std::collections::HashSet;

/// The largest file taken, and the most rows: a whole region's sociale kaart fits easily.
pub const MAX_BYTES: usize = 1024 * 1024;
pub const MAX_ROWS: usize = 2_000;

/// The columns, as the first row must name them (in any order; case and spaces ignored).
pub const COLUMNS: [(&str, Option<Field>); 12] = [
    ("id", None),
    ("naam", Some(Field::Name)),
    ("soort", None),
    ("waarvoor", Some(Field::CallFor)),
    ("telefoon", Some(Field::Phone)),
    ("bereikbaar", Some(Field::OpeningHours)),
    ("website", Some(Field::Website)),
    ("email", Some(Field::Email)),
    ("bron", Some(Field::Source)),
    ("bron_naam", Some(Field::SourceName)),
    ("gecontroleerd_op", None),
    ("regio", None),
];

/// The columns a file cannot do without.
const REQUIRED: [&str; 6] = ["id", "naam", "soort", "waarvoor", "bron", "gecontroleerd_op"];

/// "id, naam, ..." for messages: every column, or only the optional ones ("telefoon, ... en regio").
fn column_list(optional_only: bool) -> String {
    let names: Vec<&str> =
        COLUMNS.iter().map(|(n, _)| *n).filter(|n| !optional_only || !REQUIRED.contains(n)).collect();
    match (optional_only, names.split_last()) {
        (true, Some((last, rest))) => format!("{} en {last}", rest.join(", ")),
        _ => names.join(", "),
    }
}

/// What one row asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    New { kind: ContactKind, changes: Vec<Change> },
    Change { changes: Vec<Change> },
    Nothing,
}

/// A contact that exists, as its file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: String,
    pub region: Option<String>,
    pub values: edit::Values,
    pub verified_on: Option<chrono::NaiveDate>,
}

/// A readable row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub id: String,
    /// The contact's region (`None`: national).
    pub region: Option<String>,
    pub checked_on: chrono::NaiveDate,
    pub plan: Plan,
}

/// A row that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// Why the file as a whole cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("Het bestand is leeg.")]
    Empty,
    #[error("Het bestand is te groot ({0} KB); hoogstens 1024 KB. Splits het in delen per gemeente.")]
    TooLarge(usize),
    #[error("Meer dan {MAX_ROWS} regels; splits het bestand.")]
    TooManyRows,
    #[error("De eerste regel mist de kolom ‘{0}’. Nodig: {required}; daarnaast mogen {optional}.", required = REQUIRED.join(", "), optional = column_list(true))]
    MissingColumn(&'static str),
    #[error("Onbekende kolom ‘{0}’ in de eerste regel. Toegestaan: {all}.", all = column_list(false))]
    UnknownColumn(String),
}

/// A date as a Dutch spreadsheet writes it: 2026-12-03, 3-12-2026 or 03/12/2026.
fn date(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"].iter().find_map(|f| chrono::NaiveDate::parse_from_str(t, f).ok())
}

/// Reads `text` for an editor of `scope` (`None`: national) against the contacts that exist.
/// `today` refuses check dates in the future.
pub fn read(
    text: &str,
    scope: Option<&str>,
    regions: &[String],
    existing: &[Existing],
    today: chrono::NaiveDate,
) -> Result<(Vec<Row>, Vec<Problem>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(text.len() / 1024));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| ImportError::MissingColumn("id"))?
        .iter()
        .map(|h| h.trim().to_lowercase().replace(' ', "_"))
        .collect();
    for h in &header {
        if !h.is_empty() && !COLUMNS.iter().any(|(name, _)| name == h) {
            return Err(ImportError::UnknownColumn(h.clone()));
        }
    }
    for required in REQUIRED {
        if !header.iter().any(|h| h == required) {
            return Err(ImportError::MissingColumn(required));
        }
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (i, record) in reader.records().enumerate() {
        if i >= MAX_ROWS {
            return Err(ImportError::TooManyRows);
        }
        let line = record.as_ref().ok().and_then(|r| r.position()).map(|p| p.line() as usize).unwrap_or(i + 2);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem { line, message: format!("deze regel is niet te lezen ({e})") });
                continue;
            }
        };
        let cell = |name: &str| -> String {
            header.iter().position(|h| h == name).and_then(|i| record.get(i)).unwrap_or("").trim().to_string()
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match row(line, &cell, scope, regions, existing, today, &mut seen) {
            Ok(r) => rows.push(r),
            Err(message) => problems.push(Problem { line, message }),
        }
    }
    Ok((rows, problems))
}

fn row(
    line: usize,
    cell: &dyn Fn(&str) -> String,
    scope: Option<&str>,
    regions: &[String],
    existing: &[Existing],
    today: chrono::NaiveDate,
    seen: &mut HashSet<String>,
) -> Result<Row, String> {
    let id = cell("id").to_lowercase();
    if !is_valid_id(&id) {
        return Err(format!(
            "id ‘{id}’ is ongeldig: alleen kleine letters, cijfers en streepjes, zoals nhz-wijkteam-haarlem"
        ));
    }
    if !seen.insert(id.clone()) {
        return Err(format!("id ‘{id}’ staat twee keer in het bestand"));
    }
    let checked_on = date(&cell("gecontroleerd_op"))
        .ok_or("gecontroleerd_op ontbreekt of is geen datum (schrijf 3-12-2026); zonder controledatum kan een contact niet in de app")?;
    if checked_on > today {
        return Err(format!("gecontroleerd_op {} ligt in de toekomst", checked_on.format("%d-%m-%Y")));
    }
    let mut values = Vec::new();
    for (name, field) in COLUMNS {
        let Some(field) = field else { continue };
        let v = cell(name);
        if v.is_empty() {
            continue;
        }
        edit::check(field, &v).map_err(|e| e.to_string())?;
        values.push(Change { field, value: v });
    }
    match existing.iter().find(|c| c.id == id) {
        Some(c) => {
            if scope.is_some() && scope != c.region.as_deref() {
                return Err(format!("‘{id}’ hoort bij een andere regio; die redactie houdt het bij"));
            }
            let changes: Vec<Change> = values
                .into_iter()
                .filter(|ch| c.values.iter().find(|(f, _)| *f == ch.field).is_none_or(|(_, v)| v.trim() != ch.value))
                .collect();
            let newer = c.verified_on.is_none_or(|d| checked_on > d);
            let plan = if changes.is_empty() && !newer { Plan::Nothing } else { Plan::Change { changes } };
            Ok(Row { line, id, region: c.region.clone(), checked_on, plan })
        }
        None => {
            let kind: ContactKind = cell("soort").parse().map_err(|_| {
                format!("soort ‘{}’ bestaat niet; kies uit: {}", cell("soort"), ContactKind::all_slugs())
            })?;
            let region = match (scope, cell("regio")) {
                (Some(r), _) => Some(r.to_string()),
                (None, r) if r.is_empty() => None,
                (None, r) if regions.contains(&r) => Some(r),
                (None, r) => return Err(format!("regio ‘{r}’ bestaat niet")),
            };
            for required in [Field::Name, Field::CallFor, Field::Source] {
                if !values.iter().any(|c| c.field == required) {
                    return Err(format!("{} is verplicht voor een nieuw contact", required.label()));
                }
            }
            Ok(Row { line, id, region, checked_on, plan: Plan::New { kind, changes: values } })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn rows_become_plans_or_problems_with_their_line() {
        let csv = "id;naam;soort;waarvoor;telefoon;bron;gecontroleerd_op\n\
                   nhz-nieuw;Wijkteam;wijkverpleging;Thuiszorg;023 123 4567;Sociale kaart;30-11-2026\n\
                   nhz-fout;Fout;wijkverpleging;Thuiszorg;12345;Sociale kaart;30-11-2026\n\
                   \"nhz-quote\";\"Naam; met puntkomma\";netwerk;Vragen;;Sociale kaart;2026-11-30\n\
                   nhz-geen-datum;X;netwerk;Vragen;;Bron;\n";
        let regions = vec!["noord-holland-zuid".to_string()];
        let (rows, problems) = read(csv, Some("noord-holland-zuid"), &regions, &[], today()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(
            matches!(&rows[0].plan, Plan::New { kind: ContactKind::Wijkverpleging, changes } if changes.len() == 4)
        );
        assert_eq!(rows[1].line, 4);
        assert!(matches!(&rows[1].plan, Plan::New { changes, .. } if changes[0].value == "Naam; met puntkomma"));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line, 3);
        assert!(problems[0].message.contains("geen geldig Nederlands telefoonnummer"), "{:?}", problems[0]);
        assert_eq!(problems[1].line, 5);
        assert!(problems[1].message.contains("gecontroleerd_op"));
    }

    #[test]
    fn a_file_that_cannot_be_read_says_why() {
        let regions = Vec::new();
        assert_eq!(read("", None, &regions, &[], today()), Err(ImportError::Empty));
        assert_eq!(read("id,naam\nx,y\n", None, &regions, &[], today()), Err(ImportError::MissingColumn("soort")));
        let e = read("id,naam,soort,waarvoor,bron,gecontroleerd_op,fax\n", None, &regions, &[], today()).unwrap_err();
        assert_eq!(e, ImportError::UnknownColumn("fax".into()));
        // The messages list the columns the code knows.
        assert_eq!(
            ImportError::MissingColumn("soort").to_string(),
            "De eerste regel mist de kolom ‘soort’. Nodig: id, naam, soort, waarvoor, bron, gecontroleerd_op; \
             daarnaast mogen telefoon, bereikbaar, website, email, bron_naam en regio."
        );
        assert_eq!(
            e.to_string(),
            "Onbekende kolom ‘fax’ in de eerste regel. Toegestaan: id, naam, soort, waarvoor, telefoon, bereikbaar, \
             website, email, bron, bron_naam, gecontroleerd_op, regio."
        );
    }
}
