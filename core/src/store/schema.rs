//! The database schema, as migrations: new stores are created through all of them; a store
//! from a newer build is refused instead of misread, and so is one from before schema 5,
//! whose items lack what content building now renders (see `V5`).

use rusqlite_migration::{Migrations, M};

/// Items are kept as JSON (the content model) next to the columns that queries need.
const V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE region (id TEXT PRIMARY KEY, name TEXT NOT NULL, json TEXT NOT NULL) STRICT;
CREATE TABLE postcode_range (
    first INTEGER NOT NULL, last INTEGER NOT NULL,
    region_id TEXT NOT NULL REFERENCES region(id), municipality TEXT NOT NULL
) STRICT;
CREATE INDEX postcode_range_by_first ON postcode_range(first, last);
CREATE TABLE contact (
    id TEXT PRIMARY KEY, region_id TEXT REFERENCES region(id), kind TEXT NOT NULL,
    name TEXT NOT NULL, json TEXT NOT NULL
) STRICT;
CREATE INDEX contact_by_region ON contact(region_id);
CREATE TABLE facility (
    id TEXT PRIMARY KEY, region_id TEXT NOT NULL REFERENCES region(id), kind TEXT NOT NULL,
    name TEXT NOT NULL, json TEXT NOT NULL
) STRICT;
CREATE INDEX facility_by_region ON facility(region_id);
CREATE TABLE phase (id TEXT PRIMARY KEY, region_id TEXT NOT NULL, ord INTEGER NOT NULL, json TEXT NOT NULL) STRICT;
CREATE TABLE topic (id TEXT PRIMARY KEY, region_id TEXT NOT NULL, json TEXT NOT NULL) STRICT;
CREATE TABLE tree (id TEXT PRIMARY KEY, region_id TEXT NOT NULL, json TEXT NOT NULL) STRICT;
CREATE TABLE hulpmiddel (id TEXT PRIMARY KEY, title TEXT NOT NULL, json TEXT NOT NULL) STRICT;
CREATE TABLE term (id TEXT PRIMARY KEY, term TEXT NOT NULL, json TEXT NOT NULL) STRICT;
CREATE TABLE document (id TEXT PRIMARY KEY, title TEXT NOT NULL, json TEXT NOT NULL) STRICT;
";

/// Full-text search over every item; `abbrev` holds glossary expansions and kind labels.
const V2: &str = "
CREATE VIRTUAL TABLE search_index USING fts5(
    title, abbrev, body, kind UNINDEXED, item_id UNINDEXED, region_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');
";

/// The last fetched availability feed per URL, for offline use. Not content: sync leaves it.
const V3: &str = "
CREATE TABLE feed_cache (url TEXT PRIMARY KEY, etag TEXT, body TEXT NOT NULL, fetched_at TEXT NOT NULL) STRICT;
";

/// What sync knows: the trusted keys and manifest it last accepted, ETags, and the objects
/// (directories and buckets) the current content was assembled from.
const V4: &str = "
CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE sync_object (hash TEXT PRIMARY KEY, bytes BLOB NOT NULL) STRICT;
";

/// No new table: from here on the items' JSON carries formatted phone numbers and rendered
/// HTML, made when content is built. Older content cannot be brought up to date on a
/// phone (it has no parsers), so `Store::open` refuses a store below this version.
const V5: &str = "-- items carry phone numbers and HTML rendered at build time";

/// The index's words as a plain table, written with the index: search looks words up one by
/// one (is it known? does any start with this?) instead of loading the whole vocabulary on
/// the first search of a process.
const V6: &str = "
CREATE TABLE search_word (term TEXT PRIMARY KEY) WITHOUT ROWID, STRICT;
INSERT INTO search_word SELECT DISTINCT term FROM search_vocab;
";

/// Reports ("Klopt dit niet?") written on this device and not yet accepted by the server.
/// Not content: sync leaves it.
const V7: &str = "
CREATE TABLE report_outbox (id TEXT PRIMARY KEY, json TEXT NOT NULL, queued_at TEXT NOT NULL) STRICT;
";

/// The searched text in a plain table, indexed twice: everything (`search_index`), and names
/// and abbreviations alone (`search_name`). Most searches are answered from names, where a
/// common word ("zorg") costs the few words of a name instead of every body that says it.
/// Both indexes read their text from `search_text` (external content), so rebuilding them
/// empties them in one step instead of deleting row by row. Nothing ranks by bm25 over
/// everything, so that index keeps no row sizes (`columnsize = 0`). The vocabulary view goes:
/// only a rebuild reads it (into `search_word`), and every table in the schema costs each
/// opening of the store the time to parse it.
const V8: &str = "
CREATE TABLE search_text (
    rowid INTEGER PRIMARY KEY, title TEXT NOT NULL, abbrev TEXT NOT NULL, body TEXT NOT NULL,
    kind TEXT NOT NULL, item_id TEXT NOT NULL, region_id TEXT
);
INSERT INTO search_text SELECT rowid, title, abbrev, body, kind, item_id, region_id FROM search_index;
DROP TABLE search_vocab;
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    title, abbrev, body, kind UNINDEXED, item_id UNINDEXED, region_id UNINDEXED,
    content = 'search_text', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
CREATE VIRTUAL TABLE search_name USING fts5(
    title, abbrev, kind UNINDEXED, item_id UNINDEXED, region_id UNINDEXED,
    content = 'search_text', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
INSERT INTO search_index (search_index) VALUES ('rebuild');
INSERT INTO search_name (search_name) VALUES ('rebuild');
";

/// Nothing ranks by bm25 any more, so the names index keeps no row sizes either: one table
/// less to write on every sync and to parse on every opening. A store from before schema 9
/// also gets its search index rebuilt when it is opened (`Store::open`): from 9 on, each
/// region's rows are consecutive, and search asks for the chosen region's matches by range.
const V9: &str = "
DROP TABLE search_name;
CREATE VIRTUAL TABLE search_name USING fts5(
    title, abbrev, kind UNINDEXED, item_id UNINDEXED, region_id UNINDEXED,
    content = 'search_text', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
INSERT INTO search_name (search_name) VALUES ('rebuild');
";

/// The first schema whose search index keeps each region's rows together.
pub const REGIONS_TOGETHER_SINCE: i64 = 9;

/// The first schema whose items carry what content building renders.
pub const RENDERED_SINCE: i64 = 5;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
    ])
}

/// The schema version this build writes and reads (SQLite `user_version`).
pub const SCHEMA_VERSION: i64 = 9;

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }

    /// A phone that last opened its store with schema 7 keeps what it could find.
    #[test]
    fn the_split_index_of_schema_8_finds_what_schema_7_indexed() -> rusqlite::Result<()> {
        let mut conn = rusqlite::Connection::open_in_memory()?;
        super::migrations().to_version(&mut conn, 7).expect("to schema 7");
        conn.execute(
            "INSERT INTO search_index (title, abbrev, body, kind, item_id, region_id) \
             VALUES ('Hospice Bardo', 'bijna-thuis-huis', 'Een huis met zes kamers', 'facility', 'bardo', 'nhz')",
            [],
        )?;
        super::migrations().to_latest(&mut conn).expect("to the latest schema");
        let found = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, String>(0));
        assert_eq!(found("SELECT item_id FROM search_name WHERE search_name MATCH 'bardo'")?, "bardo");
        assert_eq!(found("SELECT item_id FROM search_name WHERE search_name MATCH 'bijna'")?, "bardo");
        assert_eq!(found("SELECT region_id FROM search_index WHERE search_index MATCH 'kamers'")?, "nhz");
        let in_names: i64 =
            conn.query_row("SELECT count(*) FROM search_name WHERE search_name MATCH 'kamers'", [], |r| r.get(0))?;
        assert_eq!(in_names, 0, "bodies are not in the names index");
        let sizes: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name LIKE '%docsize'", [], |r| r.get(0))?;
        assert_eq!(sizes, 0, "no index keeps row sizes");
        Ok(())
    }
}
