//! Changing one record in a content file the way an editor would by hand: the rest of the
//! file (order, comments, blank lines) stays as it was. Used by the redactie: each field an
//! editor can type is checked here first, with a Dutch message for the field, and a change
//! is then written into the file's text with `toml_edit`.

use crate::model::{CheckMethod, ContactKind, ItemKind, MAX_BEDS};
use crate::{hours, invisible, link, phone};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use strum::{EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};
use toml_edit::{DocumentMut, Item, Table, Value};

/// A field an editor can change on a contact or facility.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, EnumString, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    Name,
    CallFor,
    Place,
    Capacity,
    Phone,
    OpeningHours,
    Website,
    Email,
    Source,
    SourceNote,
}

impl Field {
    /// The key in the content file (and the form field's name).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The field's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Naam",
            Field::CallFor => "Waarvoor bellen",
            Field::Place => "Plaats",
            Field::Capacity => "Aantal bedden",
            Field::Phone => "Telefoonnummer",
            Field::OpeningHours => "Bereikbaar (openingstijden)",
            Field::Website => "Website",
            Field::Email => "E-mailadres",
            Field::Source => "Bron (webadres of document waar dit te zien is)",
            Field::SourceNote => "Toelichting bij de bron",
        }
    }

    /// A mistake here sends someone to the wrong place at night: a second editor must approve.
    pub fn needs_second_editor(self) -> bool {
        matches!(self, Field::Phone | Field::OpeningHours)
    }

    /// Whether an item of `kind` has this field.
    pub fn belongs_to(self, kind: ItemKind) -> bool {
        match kind {
            ItemKind::Contact => !matches!(self, Field::Place | Field::Capacity),
            ItemKind::Facility => !matches!(self, Field::CallFor | Field::OpeningHours),
            _ => false,
        }
    }

    /// The fields of `kind`, in form order.
    pub fn of(kind: ItemKind) -> Vec<Field> {
        Field::iter().filter(|f| f.belongs_to(kind)).collect()
    }

    fn required(self) -> bool {
        matches!(self, Field::Name | Field::CallFor | Field::Place | Field::Source)
    }

    fn max_chars(self) -> usize {
        match self {
            Field::CallFor => 2_000,
            Field::SourceNote => 4_000,
            Field::Source => 500,
            _ => 200,
        }
    }

    /// A longer text gets a text area rather than one line.
    pub fn is_long(self) -> bool {
        matches!(self, Field::CallFor | Field::SourceNote)
    }
}

/// Why a value typed into a field is refused, in words the editor can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("{field} is verplicht.")]
    Required { field: &'static str },
    #[error("{field} is te lang: {chars} tekens, hoogstens {max}.")]
    TooLong { field: &'static str, chars: usize, max: usize },
    #[error("{field} bevat een onzichtbaar teken ({code}); typ de tekst opnieuw.")]
    Invisible { field: &'static str, code: String },
    #[error("‘{0}’ is geen geldig Nederlands telefoonnummer. Typ het nummer zoals de bron het toont: tien cijfers, beginnend met 0.")]
    Phone(String),
    #[error("Deze openingstijden kan Palliwijzer niet lezen ({explanation}). Schrijf bijvoorbeeld ‘Mo-Fr 08:00-17:00’, ‘Mo-Fr 17:00-24:00; Sa,Su,PH 00:00-24:00’ of ‘24/7’.")]
    Hours { explanation: String },
    #[error("‘{0}’ is geen bruikbaar webadres. Begin met https:// en gebruik de naam van de site, zonder gebruikersnaam of IP-adres.")]
    Url(String),
    #[error("‘{0}’ is geen e-mailadres. Typ alleen het adres, zoals info@voorbeeld.nl.")]
    Email(String),
    #[error("‘{0}’ is geen aantal bedden. Typ een heel getal van 1 tot en met {MAX_BEDS}.")]
    Capacity(String),
}

/// Checks what an editor typed into `field`. An empty value removes an optional field.
pub fn check(field: Field, value: &str) -> Result<(), FieldError> {
    let v = value.trim();
    let label = field.label();
    if v.is_empty() {
        return if field.required() { Err(FieldError::Required { field: label }) } else { Ok(()) };
    }
    let chars = v.chars().count();
    if chars > field.max_chars() {
        return Err(FieldError::TooLong { field: label, chars, max: field.max_chars() });
    }
    if let Some((_, c)) = invisible::find(v) {
        return Err(FieldError::Invisible { field: label, code: invisible::code(c) });
    }
    match field {
        Field::Phone => phone::parse(v).map(|_| ()).map_err(|_| FieldError::Phone(v.to_string())),
        Field::OpeningHours => hours::check(v).map_err(|e| FieldError::Hours { explanation: e.explanation }),
        Field::Website => link::check_url(v).map_err(|_| FieldError::Url(v.to_string())),
        Field::Source if v.starts_with("http") => link::check_url(v).map_err(|_| FieldError::Url(v.to_string())),
        Field::Email => link::check_email(v).map_err(|_| FieldError::Email(v.to_string())),
        Field::Capacity => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_BEDS).contains(&n) => Ok(()),
            _ => Err(FieldError::Capacity(v.to_string())),
        },
        _ => Ok(()),
    }
}

/// What a typed value will look like to users, for the form to show next to the field:
/// opening hours in Dutch, a phone number as it will be shown.
pub fn readable(field: Field, value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || check(field, v).is_err() {
        return None;
    }
    match field {
        Field::OpeningHours => Some(hours::dutch(v)),
        Field::Phone => phone::parse(v).ok().map(|p| p.display),
        _ => None,
    }
}

/// One field set to a new value; an empty value removes the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: Field,
    pub value: String,
}

/// "Vandaag gecontroleerd": who checked the item at its live source, how and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub on: NaiveDate,
    /// As the public reads it: the network's or the redactie's name, never a person.
    pub by: String,
    pub how: CheckMethod,
}

/// Why a change cannot be written into a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("het inhoudsbestand is geen leesbare TOML meer ({0}); herstel het in git")]
    NotToml(String),
    #[error("‘{id}’ staat niet (meer) in het inhoudsbestand; misschien is het intussen verwijderd of hernoemd")]
    NoSuchItem { id: String },
    #[error("dit soort onderdeel kan de redactie nog niet wijzigen")]
    NotEditable,
    #[error("er is al een onderdeel met id ‘{id}’; kies een ander id")]
    Exists { id: String },
    #[error("{0}")]
    Field(#[from] FieldError),
}

/// The file, relative to the content folder, that holds the items of `kind` for `region`
/// (`None`: national).
pub fn file_of(kind: ItemKind, region: Option<&str>) -> Option<PathBuf> {
    let name = match kind {
        ItemKind::Contact => "contacts.toml",
        ItemKind::Facility => "facilities.toml",
        _ => return None,
    };
    Some(match (kind, region) {
        (ItemKind::Contact, None) => PathBuf::from("national").join(name),
        (_, Some(r)) => PathBuf::from("regions").join(r).join(name),
        (_, None) => return None,
    })
}

fn table_key(kind: ItemKind) -> Result<&'static str, EditError> {
    match kind {
        ItemKind::Contact => Ok("contact"),
        ItemKind::Facility => Ok("facility"),
        _ => Err(EditError::NotEditable),
    }
}

fn record<'d>(doc: &'d mut DocumentMut, kind: ItemKind, id: &str) -> Result<&'d mut Table, EditError> {
    let key = table_key(kind)?;
    let missing = || EditError::NoSuchItem { id: id.to_string() };
    let tables = doc.get_mut(key).and_then(Item::as_array_of_tables_mut).ok_or_else(missing)?;
    tables.iter_mut().find(|t| t.get("id").and_then(Item::as_str) == Some(id)).ok_or_else(missing)
}

fn parse(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>().map_err(|e| EditError::NotToml(e.message().to_string()))
}

/// The record's current value of every field of `kind` ("" when absent), as the form shows it.
pub fn current(text: &str, kind: ItemKind, id: &str) -> Result<Vec<(Field, String)>, EditError> {
    let mut doc = parse(text)?;
    let table = record(&mut doc, kind, id)?;
    Ok(Field::of(kind)
        .into_iter()
        .map(|f| {
            let value = match table.get(f.key()) {
                Some(item) => match item.as_value() {
                    Some(Value::String(s)) => s.value().clone(),
                    Some(Value::Integer(i)) => i.value().to_string(),
                    _ => String::new(),
                },
                None => String::new(),
            };
            (f, value)
        })
        .collect())
}

/// Sets `key` to `value`, keeping the comment and spacing around an existing value.
fn set(table: &mut Table, key: &str, value: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// The file's text with `changes` and `check` made to record `id`; everything else as it
/// was. Each change is checked first: nothing is written for a value the lint would refuse.
pub fn apply(
    text: &str,
    kind: ItemKind,
    id: &str,
    changes: &[Change],
    check_made: Option<&Check>,
) -> Result<String, EditError> {
    for c in changes {
        if !c.field.belongs_to(kind) {
            return Err(EditError::NotEditable);
        }
        check(c.field, &c.value)?;
    }
    let mut doc = parse(text)?;
    let table = record(&mut doc, kind, id)?;
    for c in changes {
        let v = c.value.trim();
        if v.is_empty() {
            table.remove(c.field.key());
        } else if c.field == Field::Capacity {
            // Checked above: a whole number of beds.
            set(table, c.field.key(), Value::from(v.parse::<i64>().unwrap_or_default()));
        } else {
            set(table, c.field.key(), Value::from(v));
        }
    }
    if let Some(k) = check_made {
        let date: toml_edit::Datetime = k
            .on
            .format("%Y-%m-%d")
            .to_string()
            .parse()
            .map_err(|e: toml_edit::DatetimeParseError| EditError::NotToml(e.to_string()))?;
        set(table, "verified_on", Value::from(date));
        set(table, "checked_by", Value::from(k.by.as_str()));
        set(table, "checked_how", Value::from(k.how.slug()));
    }
    Ok(doc.to_string())
}

/// The file's text with a new contact `id` of `kind` appended, its fields from `changes`
/// and its check from `check_made` (a new contact needs both a source and a check date).
/// The rest of the file stays as it was.
pub fn add_contact(
    text: &str,
    id: &str,
    kind: ContactKind,
    changes: &[Change],
    check_made: &Check,
) -> Result<String, EditError> {
    for c in changes {
        if !c.field.belongs_to(ItemKind::Contact) {
            return Err(EditError::NotEditable);
        }
        check(c.field, &c.value)?;
    }
    for required in [Field::Name, Field::CallFor, Field::Source] {
        if !changes.iter().any(|c| c.field == required && !c.value.trim().is_empty()) {
            return Err(FieldError::Required { field: required.label() }.into());
        }
    }
    let mut doc = parse(text)?;
    if doc.get("contact").and_then(Item::as_array_of_tables).is_some_and(|t| {
        t.iter().any(|x| x.get("id").and_then(Item::as_str) == Some(id))
    }) {
        return Err(EditError::Exists { id: id.to_string() });
    }
    let mut table = Table::new();
    set(&mut table, "id", Value::from(id));
    // Fields in the order the hand-written records use.
    for field in Field::of(ItemKind::Contact) {
        if field == Field::CallFor {
            set(&mut table, "kind", Value::from(kind.slug()));
        }
        if let Some(c) = changes.iter().find(|c| c.field == field && !c.value.trim().is_empty()) {
            set(&mut table, field.key(), Value::from(c.value.trim()));
        }
    }
    doc.as_table_mut()
        .entry("contact")
        .or_insert_with(|| Item::ArrayOfTables(toml_edit::ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or_else(|| EditError::NotToml("`contact` is geen lijst van contacten".into()))?
        .push(table);
    let text = doc.to_string();
    apply(&text, ItemKind::Contact, id, &[], Some(check_made))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# Contacten in een regio.
owner = "Redactie"
review_by = 2027-05-23

[[contact]]
id = "a"
name = "Post A"   # zoals op de site
kind = "huisartsenpost"
call_for = "Spoed"
phone = "023 224 25 26"
source = "https://spoedpost.com"
verified_on = 2026-11-30

# Tweede contact.
[[contact]]
id = "b"
name = "B"
kind = "netwerk"
call_for = "Vragen"
source = "seed 002"
verified_on = 2026-11-23
"#;

    #[test]
    fn a_change_touches_only_its_field_and_keeps_comments() {
        let changes = [Change { field: Field::Phone, value: "023 123 4567".into() }];
        let out = apply(FILE, ItemKind::Contact, "a", &changes, None).unwrap();
        assert_eq!(out, FILE.replace("023 224 25 26", "023 123 4567"));
    }

    #[test]
    fn a_check_records_who_how_and_when_and_new_fields_land_in_their_record() {
        let check = Check { on: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), by: "Netwerk X".into(), how: CheckMethod::Gebeld };
        let changes = [Change { field: Field::Website, value: "https://b.nl".into() }];
        let out = apply(FILE, ItemKind::Contact, "b", &changes, Some(&check)).unwrap();
        let b = &out[out.find("id = \"b\"").unwrap()..];
        assert!(b.contains("verified_on = 2026-12-03"), "{out}");
        assert!(b.contains("checked_by = \"Netwerk X\"") && b.contains("checked_how = \"gebeld\""), "{out}");
        assert!(b.contains("website = \"https://b.nl\""), "{out}");
        assert!(out.starts_with("# Contacten in een regio.") && out.contains("# Tweede contact."), "{out}");
        assert!(out[..out.find("id = \"b\"").unwrap()].contains("verified_on = 2026-11-30"), "a is untouched");
    }

    #[test]
    fn bad_input_gets_a_dutch_message_and_changes_nothing() {
        let bad = [Change { field: Field::Phone, value: "12345".into() }];
        let e = apply(FILE, ItemKind::Contact, "a", &bad, None).unwrap_err();
        assert!(e.to_string().contains("geen geldig Nederlands telefoonnummer"), "{e}");
        let e = check(Field::OpeningHours, "maandag 9 tot 5").unwrap_err();
        assert!(e.to_string().starts_with("Deze openingstijden kan Palliwijzer niet lezen"), "{e}");
        assert_eq!(check(Field::Name, "  "), Err(FieldError::Required { field: "Naam" }));
        assert!(matches!(check(Field::Website, "https://1.2.3.4/"), Err(FieldError::Url(_))));
        assert!(matches!(check(Field::Name, "Post\u{202e}A"), Err(FieldError::Invisible { .. })));
        assert!(matches!(check(Field::Capacity, "0"), Err(FieldError::Capacity(_))));
        let e = apply(FILE, ItemKind::Contact, "zz", &[], None).unwrap_err();
        assert_eq!(e, EditError::NoSuchItem { id: "zz".into() });
    }

    #[test]
    fn a_new_contact_lands_at_the_end_with_its_check_and_needs_name_call_for_and_source() {
        let check = Check { on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), by: "Netwerk X".into(), how: CheckMethod::SocialeKaart };
        let field = |f: Field, v: &str| Change { field: f, value: v.into() };
        let changes = [field(Field::Name, "Nieuw"), field(Field::CallFor, "Vragen"), field(Field::Source, "Sociale kaart X")];
        let out = add_contact(FILE, "c", ContactKind::Netwerk, &changes, &check).unwrap();
        assert!(out.starts_with(FILE), "the file's text stays as it was");
        let c = &out[FILE.len()..];
        assert!(c.contains("[[contact]]\nid = \"c\"\nname = \"Nieuw\"\nkind = \"netwerk\"\ncall_for = \"Vragen\""), "{c}");
        assert!(c.contains("verified_on = 2026-12-01") && c.contains("checked_how = \"sociale-kaart\""), "{c}");
        assert_eq!(add_contact(FILE, "a", ContactKind::Netwerk, &changes, &check), Err(EditError::Exists { id: "a".into() }));
        let e = add_contact(FILE, "d", ContactKind::Netwerk, &changes[..2], &check).unwrap_err();
        assert!(e.to_string().starts_with("Bron"), "{e}");
    }

    #[test]
    fn the_form_sees_current_values_and_readable_hours() {
        let now = current(FILE, ItemKind::Contact, "a").unwrap();
        assert!(now.contains(&(Field::Phone, "023 224 25 26".into())));
        assert!(now.contains(&(Field::Email, String::new())));
        assert_eq!(readable(Field::OpeningHours, "Mo-Fr 08:00-17:00").as_deref(), Some("ma-vr 08:00-17:00"));
        assert_eq!(readable(Field::Phone, "0231234567").as_deref(), Some("023 123 4567"));
        assert!(Field::Phone.needs_second_editor() && !Field::Name.needs_second_editor());
    }
}
