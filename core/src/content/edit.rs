//! Changing one record in a content file the way an editor would by hand: the rest of the
//! file (order, comments, blank lines) stays as it was. Used by the redactie: each field an
//! editor can type is checked here first, with a Dutch message for the field, and a change
//! is then written into the file's text with `toml_edit`.

use crate::model::{CheckMethod, ContactKind, ItemKind, MAX_BEDS};
use crate::{hours, invisible, link, phone};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use strum::{EnumIter, EnumString, IntoStaticStr};
use toml_edit::{DocumentMut, Item, Table, Value};

/// A field an editor can change: on a contact or facility, a region's postcodes, a step of
/// the beslisboom, or a zorgpad phase or topic.
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
    /// A web source as a reader knows it; cleared when the source changes without it.
    SourceName,
    SourceNote,
    /// Every municipality's postcodes, one line each: "Haarlem: 2011-2013, 2016-2037".
    Postcodes,
    /// A beslisboom question and its explanation.
    Question,
    Help,
    /// A beslisboom end: its title, advice and the contacts it sends to (ids).
    EndTitle,
    Advice,
    EndContacts,
    /// A zorgpad phase or topic.
    Title,
    Summary,
    Wie,
    Hoe,
    Wat,
    Waarom,
    /// The Markdown text below a phase's or topic's fields.
    Body,
}

/// Where a field's value lives in its record.
enum Slot {
    /// A key of the record.
    Key(&'static str),
    /// The municipalities' `postcodes` lists.
    Postcodes,
    /// The Markdown body after the front matter.
    Body,
}

impl Field {
    /// The form field's name (and the name proposals store).
    pub fn key(self) -> &'static str {
        self.into()
    }

    fn slot(self) -> Slot {
        Slot::Key(match self {
            Field::Postcodes => return Slot::Postcodes,
            Field::Body => return Slot::Body,
            Field::Question => "text",
            Field::EndTitle => "title",
            Field::EndContacts => "contacts",
            other => other.key(),
        })
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
            Field::SourceName => "Naam van de bron zoals een lezer die kent (bij een webadres, zoals ‘Spaarne Gasthuis, nieuwsbericht over het TOPZ’)",
            Field::SourceNote => "Toelichting bij de bron",
            Field::Postcodes => "Postcodes per gemeente (één gemeente per regel, zoals ‘Haarlem: 2011-2013, 2016-2037’)",
            Field::Question => "Vraag",
            Field::Help => "Uitleg bij de vraag",
            Field::EndTitle => "Titel van de uitkomst",
            Field::Advice => "Advies",
            Field::EndContacts => "Wie te bellen (ids van contacten, gescheiden door komma’s)",
            Field::Title => "Titel",
            Field::Summary => "Samenvatting",
            Field::Wie => "Wie",
            Field::Hoe => "Hoe",
            Field::Wat => "Wat",
            Field::Waarom => "Waarom",
            Field::Body => "Tekst (Markdown)",
        }
    }

    /// A mistake here sends someone to the wrong place or the wrong region: a second editor
    /// must approve.
    pub fn needs_second_editor(self) -> bool {
        matches!(
            self,
            Field::Phone | Field::OpeningHours | Field::Postcodes | Field::EndTitle | Field::Advice | Field::EndContacts
        )
    }

    /// A new value of this field is a fact from a source: the editor says how it was checked.
    pub fn needs_check(self) -> bool {
        matches!(self, Field::Phone | Field::OpeningHours | Field::Postcodes)
    }

    /// The fields of a contact or facility, in form order (the other kinds: [`fields`]).
    pub fn of(kind: ItemKind) -> Vec<Field> {
        use Field::*;
        match kind {
            ItemKind::Contact => vec![Name, CallFor, Phone, OpeningHours, Website, Email, Source, SourceName, SourceNote],
            ItemKind::Facility => vec![Name, Place, Capacity, Phone, Website, Email, Source, SourceName, SourceNote],
            ItemKind::Region => vec![Postcodes],
            ItemKind::Phase => vec![Title, Summary, Wie, Hoe, Wat, Waarom, Body],
            ItemKind::Topic => vec![Title, Summary, Body],
            _ => Vec::new(),
        }
    }

    fn required(self) -> bool {
        use Field::*;
        matches!(
            self,
            Name | CallFor | Place | Source | Postcodes | Question | EndTitle | Advice | Title | Summary | Wie | Hoe | Wat | Waarom
        )
    }

    fn max_chars(self) -> usize {
        match self {
            Field::CallFor | Field::Help | Field::Advice | Field::Summary => 2_000,
            Field::SourceNote | Field::Wie | Field::Hoe | Field::Wat | Field::Waarom => 4_000,
            Field::Postcodes => 10_000,
            Field::Body => 50_000,
            Field::Source | Field::Question | Field::EndContacts => 500,
            _ => 200,
        }
    }

    /// A longer text gets a text area rather than one line.
    pub fn is_long(self) -> bool {
        self.max_chars() > 500
    }
}

/// Whether an item of `kind` records how and when it was checked ("Vandaag gecontroleerd").
pub fn takes_check(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Contact | ItemKind::Facility | ItemKind::Region)
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
    #[error("Regel ‘{0}’: schrijf de gemeente, een dubbele punt en de postcodes, zoals ‘Haarlem: 2011-2013, 2063’.")]
    PostcodeLine(String),
    #[error("‘{0}’ is geen postcode of reeks van postcodes: vier cijfers, of twee met een streepje (2011-2037).")]
    Postcode(String),
    #[error("‘{0}’ is geen id van een contact: kleine letters, cijfers en streepjes.")]
    Id(String),
    #[error("De tekst kan zo niet worden getoond: {0}")]
    Markdown(String),
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
        Field::Postcodes => postcode_lines(v).map(|_| ()),
        Field::EndContacts => ids(v).map(|_| ()),
        Field::Body => match super::markdown::body_problem(v) {
            Some((_, problem)) => Err(FieldError::Markdown(problem)),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// "Haarlem: 2011-2013, 2063" per line, as (municipality, ranges as written).
fn postcode_lines(text: &str) -> Result<Vec<(String, Vec<String>)>, FieldError> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (name, ranges) = line.split_once(':').ok_or_else(|| FieldError::PostcodeLine(line.to_string()))?;
        let mut list = Vec::new();
        for r in ranges.split(',').map(str::trim).filter(|r| !r.is_empty()) {
            crate::postcode::parse_range(r).map_err(|_| FieldError::Postcode(r.to_string()))?;
            list.push(r.to_string());
        }
        if name.trim().is_empty() || list.is_empty() {
            return Err(FieldError::PostcodeLine(line.to_string()));
        }
        out.push((name.trim().to_string(), list));
    }
    Ok(out)
}

/// Contact ids separated by commas.
fn ids(text: &str) -> Result<Vec<String>, FieldError> {
    let mut out = Vec::new();
    for id in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        if !super::is_valid_id(id) {
            return Err(FieldError::Id(id.to_string()));
        }
        out.push(id.to_string());
    }
    Ok(out)
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

/// A record's fields with their values as written ("" when absent), in form order.
pub type Values = Vec<(Field, String)>;

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
/// (`None`: national). Zorgpad phases and topics have a file each: see
/// [`is_record_of`] to find it among the region's `zorgpad/*.md`.
pub fn file_of(kind: ItemKind, region: Option<&str>) -> Option<PathBuf> {
    let name = match kind {
        ItemKind::Contact => "contacts.toml",
        ItemKind::Facility => "facilities.toml",
        ItemKind::Region => "region.toml",
        ItemKind::Tree => "beslisboom.toml",
        _ => return None,
    };
    Some(match (kind, region) {
        (ItemKind::Contact, None) => PathBuf::from("national").join(name),
        (_, Some(r)) => PathBuf::from("regions").join(r).join(name),
        (_, None) => return None,
    })
}

/// The lists a record of `kind` can stand in, each with the list's key; `None`: the file's
/// top level is the record.
fn lists(kind: ItemKind) -> Result<&'static [&'static str], EditError> {
    match kind {
        ItemKind::Contact => Ok(&["contact"]),
        ItemKind::Facility => Ok(&["facility"]),
        ItemKind::Tree => Ok(&["question", "end"]),
        ItemKind::Region | ItemKind::Phase | ItemKind::Topic => Ok(&[]),
        _ => Err(EditError::NotEditable),
    }
}

/// The record and, for the beslisboom, which list it stands in.
fn record<'d>(doc: &'d mut DocumentMut, kind: ItemKind, id: &str) -> Result<(&'d mut Table, &'static str), EditError> {
    let missing = || EditError::NoSuchItem { id: id.to_string() };
    let lists = lists(kind)?;
    if lists.is_empty() {
        let top = doc.as_table_mut();
        return if top.get("id").and_then(Item::as_str) == Some(id) { Ok((top, "")) } else { Err(missing()) };
    }
    let key = lists
        .iter()
        .find(|k| {
            doc.get(k)
                .and_then(Item::as_array_of_tables)
                .is_some_and(|t| t.iter().any(|x| x.get("id").and_then(Item::as_str) == Some(id)))
        })
        .ok_or_else(missing)?;
    let tables = doc.get_mut(key).and_then(Item::as_array_of_tables_mut).ok_or_else(missing)?;
    let table = tables.iter_mut().find(|t| t.get("id").and_then(Item::as_str) == Some(id)).ok_or_else(missing)?;
    Ok((table, key))
}

/// The fields of the record, by where it stands (a beslisboom question or end).
fn fields_at(kind: ItemKind, list: &str) -> Vec<Field> {
    match (kind, list) {
        (ItemKind::Tree, "question") => vec![Field::Question, Field::Help],
        (ItemKind::Tree, _) => vec![Field::EndTitle, Field::Advice, Field::EndContacts],
        (kind, _) => Field::of(kind),
    }
}

fn parse(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>().map_err(|e| EditError::NotToml(e.message().to_string()))
}

/// A Markdown file's parts: (up to the front matter, the front matter, the closing fence, the
/// body). A TOML file is all front matter.
struct Parts<'t> {
    open: &'t str,
    front: &'t str,
    close: &'t str,
    body: &'t str,
}

fn parts(text: &str, kind: ItemKind) -> Result<Parts<'_>, EditError> {
    if !matches!(kind, ItemKind::Phase | ItemKind::Topic) {
        return Ok(Parts { open: "", front: text, close: "", body: "" });
    }
    let (front, front_at, body, body_at) = super::split_front_matter(text).map_err(EditError::NotToml)?;
    let front_end = front_at + front.len();
    Ok(Parts { open: &text[..front_at], front, close: &text[front_end..body_at], body })
}

/// Whether `text` is the file of record `id` of `kind` (for phases and topics, which have a
/// file each).
pub fn is_record_of(text: &str, kind: ItemKind, id: &str) -> bool {
    current(text, kind, id).is_ok()
}

fn string_list(item: &Item) -> Vec<String> {
    item.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// The record's current value of each of its fields ("" when absent), as the form shows it.
pub fn current(text: &str, kind: ItemKind, id: &str) -> Result<Values, EditError> {
    let parts = parts(text, kind)?;
    let mut doc = parse(parts.front)?;
    let (table, list) = record(&mut doc, kind, id)?;
    Ok(values(table, fields_at(kind, list), parts.body))
}

/// The values of `fields` in `table` (and `body`), as the form shows them.
fn values(table: &Table, fields: Vec<Field>, body: &str) -> Values {
    fields
        .into_iter()
        .map(|f| {
            let value = match f.slot() {
                Slot::Body => body.trim().to_string(),
                Slot::Postcodes => municipalities(table)
                    .map(|(name, t)| format!("{name}: {}", t.get("postcodes").map(string_list).unwrap_or_default().join(", ")))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Slot::Key(key) => match table.get(key) {
                    Some(item) => match item.as_value() {
                        Some(Value::String(s)) => s.value().clone(),
                        Some(Value::Integer(i)) => i.value().to_string(),
                        Some(Value::Array(_)) => string_list(item).join(", "),
                        _ => String::new(),
                    },
                    None => String::new(),
                },
            };
            (f, value)
        })
        .collect()
}

/// Every contact or facility in a file with its fields as written, read in one pass (for
/// comparing an import with the file, not with the content as shown, where abbreviations
/// are explained).
pub fn all_current(text: &str, kind: ItemKind) -> Result<Vec<(String, Values)>, EditError> {
    let key = match kind {
        ItemKind::Contact => "contact",
        ItemKind::Facility => "facility",
        _ => return Err(EditError::NotEditable),
    };
    let doc = parse(text)?;
    let Some(tables) = doc.get(key).and_then(Item::as_array_of_tables) else { return Ok(Vec::new()) };
    Ok(tables
        .iter()
        .filter_map(|t| Some((t.get("id").and_then(Item::as_str)?.to_string(), values(t, Field::of(kind), ""))))
        .collect())
}

fn municipalities(top: &Table) -> impl Iterator<Item = (String, &Table)> {
    top.get("municipality")
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(|t| t.iter())
        .map(|t| (t.get("name").and_then(Item::as_str).unwrap_or("").to_string(), t))
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

fn toml_date(on: NaiveDate) -> Result<toml_edit::Datetime, EditError> {
    on.format("%Y-%m-%d").to_string().parse().map_err(|e: toml_edit::DatetimeParseError| EditError::NotToml(e.to_string()))
}

fn list_value(items: &[String]) -> Value {
    Value::Array(items.iter().map(String::as_str).collect())
}

/// Sets each named municipality's postcodes; with a check, marks the changed ones (or, with
/// no change, all) as checked on that day.
fn set_postcodes(top: &mut Table, text: &str, check_made: Option<&Check>) -> Result<(), EditError> {
    let wanted = postcode_lines(text)?;
    let list = top
        .get_mut("municipality")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| EditError::NoSuchItem { id: "municipality".into() })?;
    for (name, _) in &wanted {
        if !list.iter().any(|t| t.get("name").and_then(Item::as_str) == Some(name.as_str())) {
            return Err(EditError::NoSuchItem { id: name.clone() });
        }
    }
    for t in list.iter_mut() {
        let name = t.get("name").and_then(Item::as_str).unwrap_or("").to_string();
        let old = t.get("postcodes").map(string_list).unwrap_or_default();
        let new = wanted.iter().find(|(n, _)| *n == name).map(|(_, r)| r.clone());
        let changed = new.as_ref().is_some_and(|n| *n != old);
        if let Some(n) = new.filter(|_| changed) {
            set(t, "postcodes", list_value(&n));
        }
        if let Some(k) = check_made {
            if changed || wanted.is_empty() || text.trim().is_empty() {
                set(t, "verified_on", Value::from(toml_date(k.on)?));
            }
        }
    }
    Ok(())
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
        check(c.field, &c.value)?;
    }
    let parts = parts(text, kind)?;
    let mut doc = parse(parts.front)?;
    let (table, list) = record(&mut doc, kind, id)?;
    let allowed = fields_at(kind, list);
    let mut body = parts.body.to_string();
    let mut postcodes_checked = false;
    for c in changes {
        if !allowed.contains(&c.field) {
            return Err(EditError::NotEditable);
        }
        let v = c.value.trim();
        match c.field.slot() {
            Slot::Body => body = format!("\n{v}\n"),
            Slot::Postcodes => {
                set_postcodes(table, v, check_made)?;
                postcodes_checked = true;
            }
            Slot::Key(key) if v.is_empty() => {
                table.remove(key);
            }
            // Checked above: a whole number of beds.
            Slot::Key(key) if c.field == Field::Capacity => set(table, key, Value::from(v.parse::<i64>().unwrap_or_default())),
            Slot::Key(key) if c.field == Field::EndContacts => set(table, key, list_value(&ids(v)?)),
            Slot::Key(key) => set(table, key, Value::from(v)),
        }
    }
    // A new source with the old source's name would show the wrong name: without a new name,
    // the card shows the new address.
    if changes.iter().any(|c| c.field == Field::Source) && !changes.iter().any(|c| c.field == Field::SourceName) {
        table.remove("source_name");
    }
    match (kind, check_made) {
        (ItemKind::Region, Some(k)) if !postcodes_checked => set_postcodes(table, "", Some(k))?,
        (ItemKind::Contact | ItemKind::Facility, Some(k)) => {
            set(table, "verified_on", Value::from(toml_date(k.on)?));
            set(table, "checked_by", Value::from(k.by.as_str()));
            set(table, "checked_how", Value::from(k.how.slug()));
            // Checked at the live source now: no longer only in a stored copy.
            table.remove("checked_in_copy");
        }
        _ => {}
    }
    Ok(format!("{}{}{}{}", parts.open, doc, parts.close, body))
}

/// The file's text without contact or facility `id` (a service that no longer exists); the
/// rest of the file as it was. What still refers to it (a beslisboom end) the lint reports.
pub fn remove(text: &str, kind: ItemKind, id: &str) -> Result<String, EditError> {
    let key = match kind {
        ItemKind::Contact => "contact",
        ItemKind::Facility => "facility",
        _ => return Err(EditError::NotEditable),
    };
    let mut doc = parse(text)?;
    let missing = || EditError::NoSuchItem { id: id.to_string() };
    let tables = doc.get_mut(key).and_then(Item::as_array_of_tables_mut).ok_or_else(missing)?;
    let at = tables.iter().position(|t| t.get("id").and_then(Item::as_str) == Some(id)).ok_or_else(missing)?;
    tables.remove(at);
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
        if !Field::of(ItemKind::Contact).contains(&c.field) {
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
source_name = "Huisartsen-Spoedpost, veelgestelde vragen"
verified_on = 2026-11-30
checked_in_copy = true

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
    fn a_live_check_ends_a_check_made_only_in_a_stored_copy() {
        let check = Check { on: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), by: "Netwerk X".into(), how: CheckMethod::Website };
        let out = apply(FILE, ItemKind::Contact, "a", &[], Some(&check)).unwrap();
        let a = &out[..out.find("id = \"b\"").unwrap()];
        assert!(a.contains("verified_on = 2026-12-03") && a.contains("checked_how = \"website\""), "{out}");
        assert!(!a.contains("checked_in_copy"), "{out}");
    }

    #[test]
    fn a_new_source_never_keeps_the_old_sources_name() {
        let new_source = Change { field: Field::Source, value: "https://spoedpost.com/contact".into() };
        let out = apply(FILE, ItemKind::Contact, "a", std::slice::from_ref(&new_source), None).unwrap();
        assert!(!out.contains("source_name"), "{out}");
        let named = [new_source, Change { field: Field::SourceName, value: "Huisartsen-Spoedpost, contact".into() }];
        let out = apply(FILE, ItemKind::Contact, "a", &named, None).unwrap();
        assert!(out.contains("source_name = \"Huisartsen-Spoedpost, contact\""), "{out}");
        // Another field changed: the name stays.
        let phone = [Change { field: Field::Phone, value: "023 123 4567".into() }];
        assert!(apply(FILE, ItemKind::Contact, "a", &phone, None).unwrap().contains("source_name = \"Huisartsen-Spoedpost, veelgestelde vragen\""));
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
    fn postcodes_beslisboom_ends_and_zorgpad_text_change_in_place() {
        let region = "id = \"r\"\nname = \"R\"\n\n[[municipality]]\nname = \"Haarlem\"\npostcodes = [\"2011-2013\"] # zie bron\nverified_on = 2026-11-23\n\n[[municipality]]\nname = \"Heemstede\"\npostcodes = [\"2100-2106\"]\nverified_on = 2026-11-23\n";
        let now = current(region, ItemKind::Region, "r").unwrap();
        assert_eq!(now, vec![(Field::Postcodes, "Haarlem: 2011-2013\nHeemstede: 2100-2106".to_string())]);
        let check = Check { on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), by: "N".into(), how: CheckMethod::Website };
        let change = [Change { field: Field::Postcodes, value: "Haarlem: 2011-2013, 2063\nHeemstede: 2100-2106".into() }];
        let out = apply(region, ItemKind::Region, "r", &change, Some(&check)).unwrap();
        assert!(out.contains("postcodes = [\"2011-2013\", \"2063\"] # zie bron"), "{out}");
        let heemstede = &out[out.find("Heemstede").unwrap()..];
        assert!(heemstede.contains("verified_on = 2026-11-23"), "an unchanged municipality keeps its date: {out}");
        assert!(out[..out.find("Heemstede").unwrap()].contains("verified_on = 2026-12-02"), "{out}");
        let bad = [Change { field: Field::Postcodes, value: "Haarlem 2011".into() }];
        assert!(matches!(apply(region, ItemKind::Region, "r", &bad, None), Err(EditError::Field(FieldError::PostcodeLine(_)))));
        let unknown = [Change { field: Field::Postcodes, value: "Atlantis: 9999".into() }];
        assert_eq!(apply(region, ItemKind::Region, "r", &unknown, None), Err(EditError::NoSuchItem { id: "Atlantis".into() }));

        let tree = "id = \"t\"\n\n[[question]]\nid = \"q\"\ntext = \"Vraag?\"\n\n[[end]]\nid = \"e\"\ntitle = \"Eind\"\nadvice = \"Bel\"\ncontacts = [\"a\"]\n";
        assert_eq!(current(tree, ItemKind::Tree, "q").unwrap(), vec![(Field::Question, "Vraag?".into()), (Field::Help, String::new())]);
        let end = [Change { field: Field::EndContacts, value: "a, b".into() }];
        let out = apply(tree, ItemKind::Tree, "e", &end, None).unwrap();
        assert!(out.ends_with("contacts = [\"a\", \"b\"]\n"), "{out}");
        assert_eq!(apply(tree, ItemKind::Tree, "q", &end, None), Err(EditError::NotEditable), "a question has no contacts");

        let phase = "+++\nid = \"p\"\ntitle = \"Fase\"\nsummary = \"Kort\"\n+++\n\nOude tekst.\n";
        assert_eq!(current(phase, ItemKind::Topic, "p").unwrap()[2], (Field::Body, "Oude tekst.".into()));
        let body = [Change { field: Field::Body, value: "Nieuwe **tekst**.".into() }, Change { field: Field::Summary, value: "Korter".into() }];
        let out = apply(phase, ItemKind::Topic, "p", &body, None).unwrap();
        assert_eq!(out, "+++\nid = \"p\"\ntitle = \"Fase\"\nsummary = \"Korter\"\n+++\n\nNieuwe **tekst**.\n");
        assert!(Field::Postcodes.needs_second_editor() && Field::EndContacts.needs_second_editor() && !Field::Body.needs_second_editor());
    }

    #[test]
    fn a_removed_contact_takes_only_its_own_lines() {
        let out = remove(FILE, ItemKind::Contact, "b").unwrap();
        assert!(!out.contains("id = \"b\"") && out.contains("id = \"a\"") && out.contains("phone = \"023 224 25 26\""), "{out}");
        assert_eq!(remove(FILE, ItemKind::Contact, "zz"), Err(EditError::NoSuchItem { id: "zz".into() }));
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
