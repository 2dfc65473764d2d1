//! Reads typed fields out of a TOML table while remembering where each one stood,
//! so every problem can be reported at its own line, and all of them at once.

use super::diagnostic::{Diagnostic, Severity, Source};
use chrono::NaiveDate;
use toml_edit::{Item, Key, TableLike, Value};

/// A value with the byte offset it was read from.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub offset: usize,
}

/// One TOML table being read as a record of a known shape.
pub struct Record<'a> {
    src: Source<'a>,
    table: &'a dyn TableLike,
    offset: usize,
    what: &'static str,
    known: Vec<&'static str>,
    problems: Vec<Diagnostic>,
}

fn item_offset(item: &Item) -> Option<usize> {
    item.span().map(|s| s.start)
}

fn key_offset(key: &Key) -> Option<usize> {
    key.span().map(|s| s.start)
}

impl<'a> Record<'a> {
    pub fn new(src: Source<'a>, table: &'a dyn TableLike, offset: usize, what: &'static str) -> Self {
        Record { src, table, offset, what, known: Vec::new(), problems: Vec::new() }
    }

    /// The offset of the record itself, for problems that belong to it as a whole.
    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn source(&self) -> Source<'a> {
        self.src
    }

    /// A problem at `offset`: a message, or a field rule's error said as its message.
    pub fn error(&mut self, offset: usize, message: impl ToString) {
        self.problems.push(self.src.diagnostic(offset, Severity::Error, message.to_string()));
    }

    /// Something the lint lets pass but a reader would notice: said, not refused.
    pub fn warning(&mut self, offset: usize, message: impl ToString) {
        self.problems.push(self.src.diagnostic(offset, Severity::Warning, message.to_string()));
    }

    fn take(&mut self, key: &'static str) -> Option<(&'a Key, &'a Item)> {
        self.known.push(key);
        self.table.get_key_value(key)
    }

    fn value_offset(&self, key: &Key, item: &Item) -> usize {
        item_offset(item).or_else(|| key_offset(key)).unwrap_or(self.offset)
    }

    fn missing(&mut self, key: &str) {
        let msg = format!("missing field `{key}` in {}", self.what);
        self.error(self.offset, msg);
    }

    fn wrong_type(&mut self, offset: usize, key: &str, expected: &str) {
        let msg = format!("field `{key}` in {} must be {expected}", self.what);
        self.error(offset, msg);
    }

    pub fn opt_string(&mut self, key: &'static str) -> Option<At<String>> {
        let (k, item) = self.take(key)?;
        let offset = self.value_offset(k, item);
        match item.as_str() {
            Some(s) => {
                self.visible(offset, key, s);
                Some(At { value: s.trim().to_string(), offset })
            }
            None => {
                self.wrong_type(offset, key, "a string");
                None
            }
        }
    }

    /// Direction overrides and zero-width characters change what a reader sees without
    /// showing themselves: refused in every string.
    fn visible(&mut self, offset: usize, key: &str, s: &str) {
        if let Some((_, c)) = crate::invisible::find(s) {
            let msg = format!(
                "field `{key}` in {} contains an invisible character ({}); retype the text",
                self.what,
                crate::invisible::code(c)
            );
            self.error(offset, msg);
        }
    }

    /// A required, non-empty string.
    pub fn string(&mut self, key: &'static str) -> Option<At<String>> {
        let present = self.table.contains_key(key);
        let v = self.opt_string(key);
        match &v {
            None if !present => self.missing(key),
            Some(s) if s.value.is_empty() => {
                let msg = format!("field `{key}` in {} must not be empty", self.what);
                self.error(s.offset, msg);
            }
            _ => {}
        }
        v.filter(|s| !s.value.is_empty())
    }

    pub fn opt_bool(&mut self, key: &'static str) -> Option<bool> {
        let (k, item) = self.take(key)?;
        let offset = self.value_offset(k, item);
        let b = item.as_bool();
        if b.is_none() {
            self.wrong_type(offset, key, "true or false");
        }
        b
    }

    pub fn opt_integer(&mut self, key: &'static str) -> Option<At<i64>> {
        let (k, item) = self.take(key)?;
        let offset = self.value_offset(k, item);
        match item.as_integer() {
            Some(value) => Some(At { value, offset }),
            None => {
                self.wrong_type(offset, key, "a whole number");
                None
            }
        }
    }

    pub fn integer(&mut self, key: &'static str) -> Option<At<i64>> {
        let present = self.table.contains_key(key);
        let v = self.opt_integer(key);
        if !present {
            self.missing(key);
        }
        v
    }

    pub fn opt_date(&mut self, key: &'static str) -> Option<At<NaiveDate>> {
        let (k, item) = self.take(key)?;
        let offset = self.value_offset(k, item);
        let date = match item.as_value() {
            Some(Value::Datetime(dt)) => {
                let dt = dt.value();
                match (dt.date, dt.time) {
                    (Some(d), None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
                    _ => None,
                }
            }
            _ => None,
        };
        if date.is_none() {
            self.wrong_type(offset, key, "a date like 2026-11-23 (without quotes)");
        }
        date.map(|value| At { value, offset })
    }

    pub fn date(&mut self, key: &'static str) -> Option<At<NaiveDate>> {
        let present = self.table.contains_key(key);
        let v = self.opt_date(key);
        if !present {
            self.missing(key);
        }
        v
    }

    /// An optional array of strings; absent means empty.
    pub fn strings(&mut self, key: &'static str) -> Vec<At<String>> {
        let Some((k, item)) = self.take(key) else { return Vec::new() };
        let offset = self.value_offset(k, item);
        let Some(array) = item.as_array() else {
            self.wrong_type(offset, key, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in array.iter() {
            let at = v.span().map(|s| s.start).unwrap_or(offset);
            match v.as_str() {
                Some(s) => {
                    self.visible(at, key, s);
                    out.push(At { value: s.trim().to_string(), offset: at })
                }
                None => self.wrong_type(at, key, "an array of strings"),
            }
        }
        out
    }

    /// A required array of strings with at least one element.
    pub fn nonempty_strings(&mut self, key: &'static str) -> Vec<At<String>> {
        let present = self.table.contains_key(key);
        let v = self.strings(key);
        if !present {
            self.missing(key);
        } else if v.is_empty() {
            let msg = format!("field `{key}` in {} needs at least one entry", self.what);
            self.error(self.offset, msg);
        }
        v
    }

    /// A sub-table (`[acties]` or an inline table).
    pub fn table(&mut self, key: &'static str, what: &'static str) -> Option<Record<'a>> {
        let (k, item) = self.take(key)?;
        let offset = self.value_offset(k, item);
        match item.as_table_like() {
            Some(t) => Some(Record::new(self.src, t, offset, what)),
            None => {
                self.wrong_type(offset, key, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[contact]]`) or an array of inline tables.
    pub fn tables(&mut self, key: &'static str, what: &'static str) -> Vec<Record<'a>> {
        let Some((k, item)) = self.take(key) else { return Vec::new() };
        let offset = self.value_offset(k, item);
        let src = self.src;
        match item {
            Item::ArrayOfTables(aot) => aot
                .iter()
                .map(|t| {
                    let at = t.span().map(|s| s.start).unwrap_or(offset);
                    Record::new(src, t as &dyn TableLike, at, what)
                })
                .collect(),
            Item::Value(Value::Array(a)) => {
                let mut out = Vec::new();
                for v in a.iter() {
                    let at = v.span().map(|s| s.start).unwrap_or(offset);
                    match v.as_inline_table() {
                        Some(t) => out.push(Record::new(src, t as &dyn TableLike, at, what)),
                        None => self.wrong_type(at, key, "a list of tables"),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(offset, key, "a list of tables ([[...]])");
                Vec::new()
            }
        }
    }

    /// Ends reading: every field nobody asked for is reported as unknown.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let known = std::mem::take(&mut self.known);
        let mut unknown = Vec::new();
        for (key, item) in self.table.iter() {
            if !known.contains(&key) {
                let at = self
                    .table
                    .get_key_value(key)
                    .and_then(|(k, _)| key_offset(k))
                    .or_else(|| item_offset(item))
                    .unwrap_or(self.offset);
                unknown.push((at, key.to_string()));
            }
        }
        for (at, key) in unknown {
            let msg = format!("unknown field `{key}` in {}; known fields: {}", self.what, known.join(", "));
            self.error(at, msg);
        }
        self.problems
    }
}
