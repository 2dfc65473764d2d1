//! Writes content into the store's tables, changing only the records that differ from what
//! is stored: a sync that changes one contact rewrites one row, not every table. A record is
//! its id, its JSON (the content model) and the columns queries filter and sort by; rows are
//! found by id, and no query reads them in the order they were written, so the order in
//! which records arrive does not matter to the tables.

use super::json;
use crate::error::CoreError;
use crate::model::*;
use rusqlite::types::Value;
use rusqlite::{params, Transaction};
use std::collections::HashMap;

/// What a write changed, for the search index to follow.
#[derive(Debug, Default)]
pub struct Written {
    /// Records added, changed or removed, by kind and id.
    pub changed: Vec<(ItemKind, String)>,
}

/// One row as its table holds it.
struct Record {
    id: String,
    json: String,
    columns: Vec<(&'static str, Value)>,
}

fn record<T: serde::Serialize>(id: &str, x: &T, columns: Vec<(&'static str, Value)>) -> Result<Record, CoreError> {
    Ok(Record { id: id.to_string(), json: json(x)?, columns })
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The records of one kind, with the columns its table has besides id and JSON, made one at
/// a time as they are written (a first sync writes megabytes of JSON).
fn records<'c>(c: &'c Content, kind: ItemKind) -> Box<dyn Iterator<Item = Result<Record, CoreError>> + 'c> {
    match kind {
        ItemKind::Region => Box::new(c.regions.iter().map(|x| record(&x.id, x, vec![("name", text(&x.name))]))),
        ItemKind::Contact => Box::new(c.contacts.iter().map(|x| {
            let region = x.region.as_deref().map_or(Value::Null, text);
            record(&x.id, x, vec![("region_id", region), ("kind", text(x.kind.slug())), ("name", text(&x.name))])
        })),
        ItemKind::Facility => Box::new(c.facilities.iter().map(|x| {
            record(
                &x.id,
                x,
                vec![("region_id", text(&x.region)), ("kind", text(x.kind.slug())), ("name", text(&x.name))],
            )
        })),
        ItemKind::Phase => Box::new(
            c.phases
                .iter()
                .map(|x| record(&x.id, x, vec![("region_id", text(&x.region)), ("ord", Value::from(x.order))])),
        ),
        ItemKind::Topic => Box::new(c.topics.iter().map(|x| record(&x.id, x, vec![("region_id", text(&x.region))]))),
        ItemKind::Tree => Box::new(c.trees.iter().map(|x| record(&x.id, x, vec![("region_id", text(&x.region))]))),
        ItemKind::Hulpmiddel => {
            Box::new(c.hulpmiddelen.iter().map(|x| record(&x.id, x, vec![("title", text(&x.title))])))
        }
        ItemKind::Term => Box::new(c.terms.iter().map(|x| record(&x.id, x, vec![("term", text(&x.term))]))),
        ItemKind::Document => Box::new(c.documents.iter().map(|x| record(&x.id, x, vec![("title", text(&x.title))]))),
    }
}

fn delete_postcodes(tx: &Transaction<'_>, region: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM postcode_range WHERE region_id = ?1", [region])?;
    Ok(())
}

fn insert(tx: &Transaction<'_>, table: &str, r: &Record) -> rusqlite::Result<()> {
    let names: Vec<&str> = r.columns.iter().map(|(n, _)| *n).collect();
    let marks = vec!["?"; r.columns.len() + 2].join(", ");
    let sql = format!("INSERT INTO {table} (id, json, {}) VALUES ({marks})", names.join(", "));
    let values = [text(&r.id), text(&r.json)].into_iter().chain(r.columns.iter().map(|(_, v)| v.clone()));
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn update(tx: &Transaction<'_>, table: &str, r: &Record) -> rusqlite::Result<()> {
    let sets: Vec<String> = r.columns.iter().map(|(n, _)| format!(", {n} = ?")).collect();
    let sql = format!("UPDATE {table} SET json = ?{} WHERE id = ?", sets.concat());
    let values = std::iter::once(text(&r.json))
        .chain(r.columns.iter().map(|(_, v)| v.clone()))
        .chain(std::iter::once(text(&r.id)));
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// The region's postcode ranges, written anew.
fn write_postcodes(tx: &Transaction<'_>, r: &Region) -> rusqlite::Result<()> {
    delete_postcodes(tx, &r.id)?;
    let mut stmt =
        tx.prepare_cached("INSERT INTO postcode_range (first, last, region_id, municipality) VALUES (?1, ?2, ?3, ?4)")?;
    for m in &r.municipalities {
        for p in &m.postcodes {
            stmt.execute(params![p.first, p.last, r.id, m.name])?;
        }
    }
    Ok(())
}

/// Makes the tables hold exactly `c` and the content hash: records that are new are added,
/// changed ones rewritten in place, and ones `c` no longer has removed. Regions are written
/// first and removed last, as other records name them.
pub fn write_content(tx: &Transaction<'_>, c: &Content, content_hash: &str) -> Result<Written, CoreError> {
    tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('content_hash', ?1)", [content_hash])?;
    let mut written = Written::default();
    let mut gone_regions = Vec::new();
    for kind in <ItemKind as strum::IntoEnumIterator>::iter() {
        let table = kind.slug();
        let mut stored: HashMap<String, String> = {
            let mut stmt = tx.prepare(&format!("SELECT id, json FROM {table}"))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for r in records(c, kind) {
            let r = r?;
            match stored.remove(&r.id) {
                Some(json) if json == r.json => continue,
                Some(_) => update(tx, table, &r)?,
                None => insert(tx, table, &r)?,
            }
            written.changed.push((kind, r.id));
        }
        let mut gone: Vec<String> = stored.into_keys().collect();
        gone.sort();
        for id in gone {
            if kind == ItemKind::Region {
                gone_regions.push(id.clone());
            } else {
                tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [&id])?;
            }
            written.changed.push((kind, id));
        }
    }
    for r in &c.regions {
        if written.changed.iter().any(|(k, id)| *k == ItemKind::Region && *id == r.id) {
            write_postcodes(tx, r)?;
        }
    }
    for id in gone_regions {
        delete_postcodes(tx, &id)?;
        tx.execute("DELETE FROM region WHERE id = ?1", [&id])?;
    }
    Ok(written)
}
