//! Applying new content to a store writes only what changed (`Store::apply_sync`). Whatever
//! changed, the store must then answer exactly as one built afresh from the new content:
//! the same records, postcodes, searched text in the same places, words, and search results.

use palliwijzer_core::model::{Contact, ContactKind, Content};
use palliwijzer_core::store::Store;
use palliwijzer_tests::{demo_content, today};
use rusqlite::Connection;
use std::path::Path;

fn demo() -> Content {
    let dir = demo_content();
    let loaded = palliwijzer_core::content::load_dir(dir.path(), today());
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    loaded.content
}

/// Every row a reader can see, table by table, in a fixed order: content tables by id,
/// search text by rowid (its order is what search meets first), words sorted, and each
/// full-text index's words with how many rows and times they occur.
fn dump(path: &Path) -> Vec<(String, Vec<String>)> {
    let conn = Connection::open(path).expect("open");
    // What each full-text index holds, word by word with its counts.
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.index_words USING fts5vocab(main, search_index, 'row');
         CREATE VIRTUAL TABLE temp.name_words USING fts5vocab(main, search_name, 'row');",
    )
    .expect("vocabulary views");
    let queries = [
        "SELECT id || ' ' || name || ' ' || json FROM region ORDER BY id",
        "SELECT first || '-' || last || ' ' || region_id || ' ' || municipality FROM postcode_range ORDER BY 1",
        "SELECT id || ' ' || ifnull(region_id, '-') || ' ' || kind || ' ' || name || ' ' || json FROM contact ORDER BY id",
        "SELECT id || ' ' || region_id || ' ' || kind || ' ' || name || ' ' || json FROM facility ORDER BY id",
        "SELECT id || ' ' || region_id || ' ' || ord || ' ' || json FROM phase ORDER BY id",
        "SELECT id || ' ' || region_id || ' ' || json FROM topic ORDER BY id",
        "SELECT id || ' ' || region_id || ' ' || json FROM tree ORDER BY id",
        "SELECT id || ' ' || title || ' ' || json FROM hulpmiddel ORDER BY id",
        "SELECT id || ' ' || term || ' ' || json FROM term ORDER BY id",
        "SELECT id || ' ' || title || ' ' || json FROM document ORDER BY id",
        "SELECT rowid || ' ' || kind || ' ' || item_id || ' ' || ifnull(region_id, '-') || ' ' || title || ' | ' \
         || abbrev || ' | ' || body FROM search_text ORDER BY rowid",
        "SELECT term FROM search_word ORDER BY term",
        "SELECT term || ' ' || doc || ' ' || cnt FROM temp.index_words ORDER BY term",
        "SELECT term || ' ' || doc || ' ' || cnt FROM temp.name_words ORDER BY term",
        "SELECT value FROM meta WHERE key IN ('content_hash', 'search_aids') ORDER BY key",
        // As compact as after a build: one segment each, not one more per sync.
        "SELECT count(*) || ' pages' FROM search_index_data",
        "SELECT count(*) || ' pages' FROM search_name_data",
    ];
    queries
        .iter()
        .map(|q| {
            let mut stmt = conn.prepare(q).expect(q);
            let rows = stmt.query_map([], |r| r.get::<_, String>(0)).expect(q);
            (q.to_string(), rows.collect::<Result<Vec<_>, _>>().expect(q))
        })
        .collect()
}

/// What a user would see searching: every hit's kind, id and tier, in order.
fn searched(store: &Store) -> Vec<String> {
    ["hospice", "topz", "consultatie palliatieve zorg", "huisartsenpost", "morfine", "zorgpad", "wijkverpleging", "bed"]
        .iter()
        .flat_map(|q| {
            let hits = store.search(q, Some("noord-holland-zuid"), false, 40).expect("search");
            hits.into_iter().map(move |h| format!("{q}: {:?} {} {:?} {}", h.kind, h.item_id, h.tier, h.snippet))
        })
        .collect()
}

/// Applies `new` to a store built from `old` and checks it against a store built from `new`.
/// Both are put in store order first, as loading content and syncing do.
fn applied_equals_built(old: &Content, new: &Content, what: &str) {
    let (mut old, mut new) = (old.clone(), new.clone());
    old.sort_for_store();
    new.sort_for_store();
    let (old, new) = (&old, &new);
    let dir = tempfile::tempdir().expect("tmp");
    let (applied, built) = (dir.path().join("applied.sqlite"), dir.path().join("built.sqlite"));
    Store::build(old, "old-hash", &applied).expect("build old");
    Store::build(new, "new-hash", &built).expect("build new");
    let store = Store::open(&applied).expect("open");
    // Searched once before, as an app would have: what it loaded must not outlive the apply.
    store.search("hospice", None, false, 10).expect("search before");
    store.apply_sync(new, "new-hash", &[], &[], None).expect("apply");
    let fresh = Store::open(&built).expect("open built");
    assert_eq!(searched(&store), searched(&fresh), "{what}: search answers as a fresh build does");
    assert_eq!(store.load_content().expect("load"), fresh.load_content().expect("load"), "{what}: content");
    drop(store);
    // Each index agrees with the text it was made from (FTS5 reads it back and compares).
    let conn = Connection::open(&applied).expect("open");
    conn.execute_batch(
        "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1);
         INSERT INTO search_name (search_name, rank) VALUES ('integrity-check', 1);",
    )
    .unwrap_or_else(|e| panic!("{what}: the index disagrees with its text: {e}"));
    drop(conn);
    for ((query, a), (_, b)) in dump(&applied).into_iter().zip(dump(&built)) {
        assert_eq!(a, b, "{what}: {query}");
    }
}

fn contact_in<'c>(c: &'c mut Content, region: &str) -> &'c mut Contact {
    c.contacts.iter_mut().find(|x| x.region.as_deref() == Some(region)).expect("a contact in the region")
}

#[test]
fn a_changed_phone_number_or_name_reads_as_a_fresh_build() {
    let old = demo();
    let mut new = old.clone();
    let c = new
        .contacts
        .iter_mut()
        .find(|x| x.region.as_deref() == Some("noord-holland-zuid") && x.phone.is_some())
        .expect("a contact with a phone number in the region");
    let mut phone = c.phone.clone().expect("checked");
    phone.display.push_str(" (toestel 2)");
    c.phone = Some(phone);
    applied_equals_built(&old, &new, "phone number");

    let mut renamed = old.clone();
    contact_in(&mut renamed, "noord-holland-zuid").name = "Hospice Zandvoort aan Zee".into();
    applied_equals_built(&old, &renamed, "renamed contact");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("s.sqlite");
    Store::build(&old, "old", &path).expect("build");
    let store = Store::open(&path).expect("open");
    store.apply_sync(&renamed, "new", &[], &[], None).expect("apply");
    let hits = store.search("zandvoort aan zee", Some("noord-holland-zuid"), false, 10).expect("search");
    assert!(hits.iter().any(|h| h.title == "Hospice Zandvoort aan Zee"), "the new name is found: {hits:?}");
}

#[test]
fn added_removed_and_moved_records_read_as_a_fresh_build() {
    let old = demo();

    let mut added = old.clone();
    let mut doc = old.documents[0].clone();
    doc.id = "nieuw-document".into();
    doc.title = "Nieuwe folder over mondverzorging".into();
    added.documents.insert(1, doc);
    added.contacts.push(Contact {
        id: "nieuw-contact".into(),
        region: Some("noord-holland-zuid".into()),
        name: "Nieuw consultatieteam".into(),
        kind: ContactKind::Consultatie,
        call_for: "Advies bij complexe symptomen".into(),
        website: None,
        email: None,
        phone: None,
        opening_hours: None,
        provenance: old.contacts[0].provenance.clone(),
    });
    applied_equals_built(&old, &added, "added document and contact");
    applied_equals_built(&added, &old, "removed document and contact");

    let mut moved = old.clone();
    let other = old.regions.iter().map(|r| r.id.clone()).find(|r| r != "noord-holland-zuid").expect("two regions");
    contact_in(&mut moved, "noord-holland-zuid").region = Some(other);
    applied_equals_built(&old, &moved, "contact moved to another region");
}

#[test]
fn glossary_regions_and_documents_changes_read_as_a_fresh_build() {
    let old = demo();

    let mut glossary = old.clone();
    glossary.terms[0].synonyms.push("zorgpaadje".into());
    applied_equals_built(&old, &glossary, "new synonym");

    let mut body = old.clone();
    body.documents[0].body_md.push_str("\n\nExtra alinea over slaapmedicatie.");
    applied_equals_built(&old, &body, "document body");

    let mut region = old.clone();
    region.regions[0].name.push_str(" (nieuw)");
    if let Some(m) = region.regions[0].municipalities.first_mut() {
        m.postcodes.truncate(1);
    }
    applied_equals_built(&old, &region, "region and its postcodes");

    let mut gone = old.clone();
    let region_id = gone.regions.last().expect("a region").id.clone();
    gone.regions.retain(|r| r.id != region_id);
    gone.contacts.retain(|x| x.region.as_deref() != Some(region_id.as_str()));
    gone.facilities.retain(|x| x.region != region_id);
    gone.phases.retain(|x| x.region != region_id);
    gone.topics.retain(|x| x.region != region_id);
    gone.trees.retain(|x| x.region != region_id);
    applied_equals_built(&old, &gone, "a region removed");
}

#[test]
fn the_same_content_again_leaves_the_store_as_built() {
    let old = demo();
    applied_equals_built(&old, &old, "nothing changed");
}
