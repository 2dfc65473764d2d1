//! The store built from the real content, read back through the view models a shell draws:
//! what a GP, a district nurse and a practice nurse would see.

use palliwijzer_core::content::load_dir;
use palliwijzer_core::model::{Audience, ContactKind, Role};
use palliwijzer_core::store::Store;
use palliwijzer_core::view::{ActionKind, BadgeTone, Views};
use palliwijzer_core::CoreError;
use palliwijzer_tests::{content_dir, load_real, real_store, today};

#[test]
fn building_twice_gives_the_same_hash_and_the_same_bytes() {
    let a = load_real();
    let b = load_dir(&content_dir(), today());
    assert_eq!(a.content_hash, b.content_hash);
    let dir = tempfile::tempdir().expect("tmp");
    let (pa, pb) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    Store::build(&a.content, &a.content_hash, &pa).expect("build a");
    Store::build(&b.content, &b.content_hash, &pb).expect("build b");
    assert_eq!(std::fs::read(&pa).expect("a"), std::fs::read(&pb).expect("b"), "builds are byte-identical");
    assert_eq!(Store::open(&pa).expect("open").content_hash().expect("hash"), a.content_hash);
}

#[test]
fn a_changed_file_changes_the_content_hash() {
    let dir = tempfile::tempdir().expect("tmp");
    let copy = dir.path().join("content");
    copy_dir(&content_dir(), &copy);
    let before = load_dir(&copy, today()).content_hash;
    let glossary = copy.join("national/glossary.toml");
    let mut text = std::fs::read_to_string(&glossary).expect("glossary");
    text.push_str("\n# a comment changes the bytes\n");
    std::fs::write(&glossary, text).expect("write");
    assert_ne!(before, load_dir(&copy, today()).content_hash);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

#[test]
fn a_postcode_finds_its_region_and_bad_input_is_answered_in_dutch() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    let found = v.find_region("2031 AB").expect("search");
    assert_eq!(found.matches.len(), 1);
    assert_eq!(found.matches[0].id, "noord-holland-zuid");
    assert!(found.message.contains("Haarlem"), "{}", found.message);
    let by_name = v.find_region("hilversum").expect("search");
    assert_eq!(by_name.matches[0].id, "gooi-en-vechtstreek");
    assert!(by_name.matches[0].notice.is_some(), "an incomplete region says so");
    let unknown = v.find_region("9999").expect("search");
    assert!(unknown.matches.is_empty() && unknown.message.contains("valt (nog) niet"), "{}", unknown.message);
    let malformed = v.find_region("20x1").expect("search");
    assert!(malformed.matches.is_empty() && malformed.message.contains("geen postcode"), "{}", malformed.message);
}

#[test]
fn a_place_name_finds_its_region_and_says_its_municipality_and_one_typo_is_forgiven() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    // Where the hospice is, and the towns people live in, not only the municipalities' names.
    for (typed, region, message) in [
        ("Hoofddorp", "noord-holland-zuid", "Hoofddorp ligt in de gemeente Haarlemmermeer, regio Noord-Holland Zuid."),
        ("bussum", "gooi-en-vechtstreek", "Bussum ligt in de gemeente Gooise Meren, regio Gooi en Vechtstreek."),
        ("Loosdrecht", "gooi-en-vechtstreek", "Loosdrecht ligt in de gemeente Wijdemeren, regio Gooi en Vechtstreek."),
        ("Budel", "zuidoost-brabant", "Budel ligt in de gemeente Cranendonck, regio Zuidoost-Brabant."),
        ("Eindhven", "zuidoost-brabant", "Eindhoven ligt in regio Zuidoost-Brabant."),
        (
            "Nieuw Vennep",
            "noord-holland-zuid",
            "Nieuw-Vennep ligt in de gemeente Haarlemmermeer, regio Noord-Holland Zuid.",
        ),
    ] {
        let found = v.find_region(typed).expect("search");
        assert_eq!(found.matches.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [region], "{typed}");
        assert_eq!(found.message, message, "{typed}");
        assert!(found.fallback.is_none() && found.choose_from.is_empty(), "{typed}");
    }
    // A place no source puts in a region: said so, with the national line and the list.
    let weesp = v.find_region("Weesp").expect("search");
    assert!(weesp.matches.is_empty(), "{:?}", weesp.matches);
    assert!(weesp.fallback.is_some() && !weesp.choose_from.is_empty());
    // Names shorter than five letters are not corrected: "Bsat" finds nothing.
    assert!(v.find_region("Bsat").expect("search").matches.is_empty());
}

#[test]
fn wie_bel_ik_puts_the_24_7_consultation_line_first_with_a_dialable_number() {
    let (_dir, store) = real_store();
    let view = Views::new(&store, today()).wie_bel_ik("noord-holland-zuid").expect("view");
    let first = &view.groups[0];
    assert_eq!(first.kind, ContactKind::Consultatie);
    let line = first.rows.iter().find(|r| r.id == "consultatie-palliatieve-zorg").expect("national line");
    let call = line.actions.iter().find(|a| a.kind == ActionKind::Call).expect("call action");
    assert_eq!(call.uri, "tel:+31886051444");
    assert_eq!(call.label, "Bel 088 605 1444");
    assert!(
        line.source_line.starts_with("Bron: Palliaweb, themapagina Consultatie (palliaweb.nl) · "),
        "{}",
        line.source_line
    );
    assert!(line.source_line.contains("23 november 2026"), "{}", line.source_line);
    assert!(line.source_line.contains("nagekeken in een opgeslagen kopie"), "{}", line.source_line);
    assert_eq!(line.opening_hours.as_deref(), Some("Dag en nacht bereikbaar (24/7)"));
    // The order a GP reads at night: consultation and huisartsenpost first, the network last.
    let titles: Vec<&str> = view.groups.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles[..5],
        [
            "Consultatie palliatieve zorg",
            "Huisartsenpost (avond, nacht, weekend)",
            "Eigen zorgverleners van de patiënt",
            "Gespecialiseerde palliatieve zorg",
            "Ziekenhuis"
        ]
    );
    assert_eq!(titles.last(), Some(&"Netwerk palliatieve zorg"));
    // A row with a number can be called, with the number on the button; no number is hidden.
    for r in view.groups.iter().flat_map(|g| &g.rows) {
        let call = r.actions.iter().find(|a| a.kind == ActionKind::Call);
        match (&r.phone, call) {
            (Some(number), Some(call)) => assert_eq!(call.label, format!("Bel {number}"), "{}", r.id),
            (None, None) => {}
            (number, call) => panic!("{}: number {number:?} but call action {call:?}", r.id),
        }
    }
}

#[test]
fn demo_data_is_labelled_voorbeeld_and_overdue_items_are_flagged() {
    let (_real_dir, real) = real_store();
    for r in Views::new(&real, today()).regions().expect("regions").regions {
        let f = Views::new(&real, today()).facilities(&r.id).expect("view");
        assert!(f.rows.iter().all(|x| !x.voorbeeld), "no demo facility in the bundled content: {}", r.id);
        let c = Views::new(&real, today()).wie_bel_ik(&r.id).expect("view");
        assert!(c.groups.iter().flat_map(|g| &g.rows).all(|x| !x.voorbeeld), "no demo contact: {}", r.id);
    }
    let (_dir, store) = palliwijzer_tests::demo_store();
    let facilities = Views::new(&store, today()).facilities("voorbeeldregio").expect("view");
    let demo: Vec<_> = facilities.rows.iter().filter(|r| r.voorbeeld).collect();
    assert_eq!(demo.len(), 2, "the demo fixture's hospices");
    for r in demo {
        assert!(r.badges.iter().any(|b| b.tone == BadgeTone::Voorbeeld && b.text == "VOORBEELD"), "{r:?}");
        assert!(r.source_line.starts_with("VOORBEELD"), "{}", r.source_line);
    }
    let later = chrono::NaiveDate::from_ymd_opt(2031, 1, 1).expect("date");
    let view = Views::new(&store, later).wie_bel_ik("noord-holland-zuid").expect("view");
    let row = &view.groups[0].rows[0];
    assert!(row.overdue);
    let later_views = Views::new(&store, later);
    let h = later_views.hulpmiddelen("noord-holland-zuid", None, None).expect("hulpmiddelen");
    assert!(h.groups.iter().flat_map(|g| &g.items).all(|x| x.badges.iter().any(|b| b.tone == BadgeTone::Verouderd)));
    let g = later_views.glossary().expect("glossary");
    assert!(g.entries.iter().all(|e| e.badges.iter().any(|b| b.tone == BadgeTone::Verouderd)));
    let now_views = Views::new(&store, today());
    assert!(
        now_views.glossary().expect("glossary").entries.iter().all(|e| e.badges.is_empty()),
        "nothing is overdue today"
    );
    assert!(
        row.badges.iter().any(|b| b.tone == BadgeTone::Verouderd && b.text.contains("Controle verlopen")),
        "{row:?}"
    );
}

#[test]
fn a_phase_for_the_huisarts_has_actions_a_role_switch_and_neighbours() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    let p = v.phase("noord-holland-zuid", "markeren", Role::Huisarts).expect("phase");
    assert_eq!(p.position, "Fase 2 van 9");
    assert_eq!(p.actions_heading, "Wat doet de huisarts?");
    assert!(!p.actions.is_empty());
    assert_eq!(p.roles.iter().filter(|r| r.selected).count(), 1);
    assert_eq!(p.previous.as_ref().map(|x| x.id.as_str()), Some("signaleren"));
    assert_eq!(p.next.as_ref().map(|x| x.id.as_str()), Some("afstemming"));
    let wvk = v.phase("noord-holland-zuid", "markeren", Role::Wijkverpleegkundige).expect("phase");
    assert_ne!(p.actions, wvk.actions, "the role switch changes what is shown");
    assert!(matches!(v.phase("noord-holland-zuid", "bestaat-niet", Role::Huisarts), Err(CoreError::NotFound { .. })));
    let overview = v.zorgpad("gooi-en-vechtstreek").expect("overview");
    assert!(overview.phases.is_empty() && overview.notice.is_some(), "a region without zorgpad says so");
}

#[test]
fn the_beslisboom_walks_from_the_first_question_to_topz_and_back() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    let mut step = v.beslisboom("noord-holland-zuid", None).expect("start");
    assert!(step.back.is_none());
    assert_eq!(step.heading, "Is er een centrale zorgverlener?");
    let mut path = vec![step.node_id.clone()];
    // Follow: no central caregiver → medical question → known in Spaarne Gasthuis.
    for words in ["Nee", "Medisch", "Ja"] {
        let next = step
            .answers
            .iter()
            .find(|a| a.label.contains(words))
            .unwrap_or_else(|| panic!("answer {words} in {step:?}"));
        step = v.beslisboom("noord-holland-zuid", Some(&next.next)).expect("step");
        path.push(step.node_id.clone());
    }
    let end = step.end.as_ref().expect("an end point");
    assert!(end.contacts.iter().any(|c| c.id == "nhz-topz-spaarne-gasthuis"), "{end:?}");
    // Back links retrace the path.
    let mut back = step.back.clone();
    for expected in path.iter().rev().skip(1) {
        assert_eq!(back.as_deref(), Some(expected.as_str()));
        back = v.beslisboom("noord-holland-zuid", back.as_deref()).expect("back").back;
    }
    assert!(back.is_none());
}

#[test]
fn hulpmiddelen_filter_by_phase_and_audience() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    let all = v.hulpmiddelen("noord-holland-zuid", None, None).expect("all");
    let medicatie = v.hulpmiddelen("noord-holland-zuid", Some("medicatiereview"), None).expect("phase");
    assert_eq!(medicatie.groups.len(), 1);
    assert!(medicatie.groups[0].items.iter().any(|h| h.id == "strip-methode"));
    let patient = v.hulpmiddelen("noord-holland-zuid", None, Some(Audience::Patient)).expect("patient");
    let count = |x: &palliwijzer_core::view::HulpmiddelenView| x.groups.iter().map(|g| g.items.len()).sum::<usize>();
    assert!(count(&patient) < count(&all) && count(&patient) > 0);
    assert!(patient
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .all(|h| h.audience.contains(&"Patiënt en naasten".to_string())));
}

#[test]
fn documents_render_as_safe_html_with_source_and_paper_size() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    let list = v.documents().expect("list");
    assert!(list.documents.len() >= 6);
    let d = v.document("levenswensenkaart").expect("document");
    assert_eq!(d.paper, palliwijzer_core::model::Paper::A5);
    assert_eq!(d.paper_label, "A5");
    // Every shell says who a document is for in the same words.
    assert_eq!(d.detail_line, "Levenswensenkaart · A5 · voor Patiënt en naasten");
    let listed = list.documents.iter().find(|x| x.id == "levenswensenkaart").expect("listed");
    assert_eq!(listed.detail_line, d.detail_line);
    assert!(d.html.contains("<h2>") || d.html.contains("<p>"), "{}", d.html);
    assert!(!d.html.contains("<script"));
    assert!(d.source_line.contains("geschreven op"), "{}", d.source_line);
    let g = v.glossary().expect("glossary");
    let terms: Vec<String> = g.entries.iter().map(|e| palliwijzer_core::search::text::fold(&e.term)).collect();
    let mut sorted = terms.clone();
    sorted.sort();
    assert_eq!(terms, sorted, "the whole glossary is alphabetical, accents and capitals aside");
    assert!(terms.len() >= 80, "{}", terms.len());
    let hap = g.entries.iter().find(|e| e.term == "HAP").expect("HAP");
    assert!(
        hap.synonyms_line.as_deref().is_some_and(|l| l.starts_with("Ook: huisartsenpost, doktersdienst")),
        "{hap:?}"
    );
    assert!(g.entries.iter().filter(|e| e.synonyms.is_empty()).all(|e| e.synonyms_line.is_none()));
    let h = v.hulpmiddelen("noord-holland-zuid", None, Some(Audience::Patient)).expect("hulpmiddelen");
    assert!(h
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .all(|r| r.audience_line.starts_with("Voor: ") && r.audience_line.contains("Patiënt en naasten")));
}

#[test]
fn opening_a_missing_corrupt_or_newer_store_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let missing = Store::open(&dir.path().join("nope.sqlite")).err().expect("missing is an error");
    assert!(matches!(missing, CoreError::StoreMissing { .. }));
    assert!(missing.to_string().contains("niet gevonden"), "{missing}");
    assert!(!dir.path().join("nope.sqlite").exists(), "opening does not create an empty store");

    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, b"dit is geen database, maar een boodschappenlijst").expect("write");
    let e = Store::open(&garbage).err().expect("garbage is an error");
    assert!(matches!(e, CoreError::StoreUnreadable { .. }), "{e:?}");

    let (_keep, _) = real_store();
    let newer = real_store_file(dir.path(), "newer.sqlite");
    rusqlite::Connection::open(&newer).expect("open").pragma_update(None, "user_version", 99).expect("bump");
    assert!(matches!(Store::open(&newer).err(), Some(CoreError::SchemaTooNew)));
}

/// The real content built into `dir/name`, for a test to age or damage.
fn real_store_file(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let loaded = load_real();
    let path = dir.join(name);
    Store::build(&loaded.content, &loaded.content_hash, &path).expect("build");
    path
}

#[test]
fn a_store_from_before_build_time_rendering_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let old = real_store_file(dir.path(), "old.sqlite");
    rusqlite::Connection::open(&old).expect("open").pragma_update(None, "user_version", 4).expect("age");
    let e = Store::open(&old).err().expect("old content is refused");
    assert!(matches!(e, CoreError::StoreOutdated), "{e:?}");
    assert!(e.to_string().contains("meegeleverde gegevens opnieuw"), "{e}");
}

/// After an app update, a store from schema 8 (its search index laid out by kind, without
/// each region's rows) opens with the index laid out anew, and search finds as before.
#[test]
fn a_store_from_schema_8_gets_its_search_index_rebuilt_once_when_opened() {
    let dir = tempfile::tempdir().expect("tmp");
    let old = real_store_file(dir.path(), "schema8.sqlite");
    {
        let conn = rusqlite::Connection::open(&old).expect("open");
        // What schema 8 kept beside its index: no regions' rows.
        conn.execute("DELETE FROM meta WHERE key = 'search_aids'", []).expect("forget");
        conn.pragma_update(None, "user_version", 8).expect("age");
    }
    let store = Store::open(&old).expect("migrated");
    let aids: String = rusqlite::Connection::open(&old)
        .expect("open")
        .query_row("SELECT value FROM meta WHERE key = 'search_aids'", [], |r| r.get(0))
        .expect("kept again");
    assert!(aids.contains("\"noord-holland-zuid\":["), "each region's rows: {aids}");
    let v = Views::new(&store, today());
    let found = v.search("hospice", Some("noord-holland-zuid")).expect("search");
    assert_eq!(found.groups[0].results[0].title, "Hospice Bardo");
    drop(store);
    let version: i64 = rusqlite::Connection::open(&old)
        .expect("open")
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, palliwijzer_core::store::SCHEMA_VERSION);
}

#[test]
fn abbreviations_are_explained_where_they_appear() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    let topic = v.topic("onderwerp-ziekenhuis").expect("topic");
    let all = format!("{} {} {}", topic.summary, topic.checklist.join(" "), topic.body_html);
    assert!(all.contains("SEH (spoedeisende hulp)"), "{all}");
    // Once per text: a summary and a body are each read on their own.
    assert_eq!(topic.body_html.matches("(spoedeisende hulp)").count(), 1, "explained once: {}", topic.body_html);
    // Names stay as they are.
    let c = v.contact("nhz-topz-spaarne-gasthuis").expect("contact");
    assert!(c.name.starts_with("TOPZ Spaarne Gasthuis"), "{}", c.name);
}

/// Attack review, also expected: an empty file, or another program's database, passed as
/// the store is refused with a message that says what it is, and nothing is written into it.
#[test]
fn a_file_that_is_no_store_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let empty = dir.path().join("leeg.sqlite");
    std::fs::write(&empty, b"").expect("write");
    let foreign = dir.path().join("ander.sqlite");
    rusqlite::Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE boodschappen (wat TEXT);"))
        .expect("another program's database");
    let before = std::fs::read(&foreign).expect("read");
    for (path, bytes) in [(&empty, Vec::new()), (&foreign, before)] {
        let err = Store::open(path).err().expect("refused");
        assert!(matches!(err, CoreError::NotAStore { .. }), "{err}");
        assert!(err.to_string().contains("geen gegevensbestand van Palliwijzer"), "{err}");
        assert_eq!(std::fs::read(path).expect("read"), bytes, "nothing written into {}", path.display());
    }
}

/// Issue "A core a newcomer can change", item 1: a write that fails is not reported as data
/// that cannot be read. Another writer's lock is a moment's wait; a read-only store a write
/// problem.
#[test]
fn write_failures_say_write_and_a_lock_says_wait_not_unreadable() {
    let (dir, store) = real_store();
    let path = dir.path().join("content.sqlite");
    assert!(path.is_file(), "real_store keeps its file at {}", path.display());
    let other = rusqlite::Connection::open(&path).expect("second connection");
    other.execute_batch("BEGIN EXCLUSIVE;").expect("lock");
    let busy = store.set_sync_meta("checked_at", "nu").expect_err("locked");
    assert!(matches!(busy, CoreError::StoreBusy), "{busy:?}");
    assert!(busy.to_string().contains("Probeer het over een paar seconden opnieuw"), "{busy}");
    other.execute_batch("ROLLBACK;").expect("unlock");

    let readonly = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("read-only connection");
    let err: CoreError = readonly.execute("DELETE FROM sync_meta", []).expect_err("refused").into();
    assert!(matches!(err, CoreError::Write { .. }), "{err:?}");
    assert!(!err.to_string().contains("kunnen niet worden gelezen"), "{err}");
}

/// Issue "A core a newcomer can change", item 1: errors designed twice. A damaged record
/// reaches the user as the Dutch "cannot be read" with what to do, and the detail names the
/// statement and the record that failed, for whoever has to find it.
#[test]
fn a_damaged_record_is_unreadable_for_the_user_and_named_for_the_developer() {
    let (dir, store) = real_store();
    rusqlite::Connection::open(dir.path().join("content.sqlite"))
        .and_then(|c| c.execute("UPDATE contact SET json = '{\"kapot' WHERE id = 'consultatie-palliatieve-zorg'", []))
        .expect("damage one record");
    let err = Views::new(&store, today()).contact("consultatie-palliatieve-zorg").expect_err("an error");
    let CoreError::StoreUnreadable { detail } = &err else { panic!("{err:?}") };
    assert!(err.to_string().starts_with("De gegevens kunnen niet worden gelezen"), "{err}");
    assert!(err.to_string().contains("Haal de gegevens opnieuw op"), "{err}");
    assert!(detail.contains("SELECT json FROM contact"), "{detail}");
    assert!(detail.contains("consultatie-palliatieve-zorg"), "{detail}");
}

/// Every fact in the bundled content was checked in a stored copy of its page or taken from a
/// source document; none at the live source yet. No card may say "gecontroleerd op" for them.
#[test]
fn no_card_claims_a_live_check_that_was_made_in_a_stored_copy() {
    let (_dir, store) = real_store();
    let views = Views::new(&store, today());
    let mut lines = Vec::new();
    for region in store.regions().expect("regions") {
        for group in views.wie_bel_ik(&region.id).expect("wie bel ik").groups {
            lines.extend(group.rows.into_iter().map(|r| (r.id, r.source_line)));
        }
        for row in views.hospices(&region.id, None, chrono::Utc::now()).expect("hospices").rows {
            lines.push((row.id, row.source_line));
        }
    }
    let in_copy = lines.iter().filter(|(_, l)| l.contains("nagekeken in een opgeslagen kopie op")).count();
    assert!(in_copy >= 10, "{lines:#?}");
    for (id, line) in &lines {
        assert!(!line.contains("gecontroleerd op"), "{id}: {line}");
    }
    // A web source reads by its name, with only the site it is on: never a bare page address.
    let named = lines.iter().filter(|(_, l)| l.contains("(palliaweb.nl)")).count();
    assert!(named >= 2, "{lines:#?}");
    for (id, line) in &lines {
        let said = line.split(" · ").next().unwrap_or(line);
        assert!(!said.contains('/'), "{id} shows an address as its source: {line}");
    }
}

/// "In de app leest u hoe ...": a hulpmiddel without a web page opens its in-app topic from the
/// list, from a zorgpad phase and from search; one with a page opens the page. Never a dead tap.
#[test]
fn a_hulpmiddel_without_a_web_page_opens_its_topic_everywhere() {
    use palliwijzer_core::view::{Destination, SearchTarget};
    let (_dir, store) = real_store();
    let views = Views::new(&store, today());
    let region = "noord-holland-zuid";
    let topic = Destination::Topic { region_id: region.into(), topic_id: "onderwerp-surprise-question".into() };
    let list = views.hulpmiddelen(region, None, None).expect("hulpmiddelen");
    let rows: Vec<_> = list.groups.iter().flat_map(|g| g.items.iter()).collect();
    let sq = rows.iter().find(|h| h.id == "surprise-question").expect("in the list");
    assert_eq!(sq.destination.as_ref(), Some(&topic));
    for h in &rows {
        match (&h.url, &h.destination) {
            (Some(u), Some(Destination::Web { url })) => assert_eq!(u, url),
            (None, Some(Destination::Topic { .. })) => assert!(h.topic_id.is_some(), "{}", h.id),
            other => panic!("{}: a tap leads nowhere or elsewhere: {other:?}", h.id),
        }
    }
    let phase = views.phase(region, "signaleren", Role::Huisarts).expect("phase");
    let in_phase = phase.hulpmiddelen.iter().find(|h| h.id == "surprise-question").expect("in the phase");
    assert_eq!(in_phase.destination.as_ref(), Some(&topic));
    let found = views.search("surprise question", Some(region)).expect("search");
    let hit = found
        .groups
        .iter()
        .flat_map(|g| g.results.iter())
        .find(|r| matches!(&r.target, SearchTarget::Hulpmiddel { id, .. } if id == "surprise-question"))
        .expect("found by search");
    assert_eq!(hit.destination, topic);
}

/// A hospice without its own number points to a route the card offers: its website only when
/// it has one (Hospice Haarlem has none), and always the consultation line to call.
#[test]
fn a_hospice_without_a_number_never_points_to_a_website_it_does_not_show() {
    let (_dir, store) = real_store();
    let views = Views::new(&store, today());
    let mut without_site = 0;
    for region in store.regions().expect("regions") {
        for row in views.hospices(&region.id, None, chrono::Utc::now()).expect("hospices").rows {
            let Some(route) = &row.route_line else { continue };
            let has = |kind: ActionKind| row.actions.iter().any(|a| a.kind == kind);
            assert!(has(ActionKind::Call), "{}: {route}", row.name);
            assert_eq!(
                route.contains("website"),
                has(ActionKind::Website) || route.contains("of website"),
                "{}: {route}",
                row.name
            );
            assert_eq!(
                route.contains("e-mail"),
                has(ActionKind::Email) && !has(ActionKind::Website),
                "{}: {route}",
                row.name
            );
            if !has(ActionKind::Website) && !has(ActionKind::Email) {
                without_site += 1;
                assert!(
                    route.starts_with("Geen eigen nummer of website met bron bekend. Bel de consultatie"),
                    "{route}"
                );
            }
        }
    }
    assert!(without_site >= 1, "Hospice Haarlem has no website in the content");
}

/// A region with no hospice in the content says so and offers the consultation line to call,
/// not only its name; a region with hospices has their cards and no such button.
#[test]
fn a_region_without_hospices_in_the_content_offers_the_consultation_line_to_call() {
    let (_dir, store) = real_store();
    let views = Views::new(&store, today());
    let brabant = views.hospices("zuidoost-brabant", None, chrono::Utc::now()).expect("hospices");
    assert!(brabant.rows.is_empty());
    assert!(brabant.empty_message.as_deref().is_some_and(|m| m.contains("Bel de consultatie")), "{brabant:?}");
    let calls: Vec<&str> = brabant.empty_actions.iter().map(|a| a.uri.as_str()).collect();
    assert_eq!(calls, ["tel:+31886051444"]);
    assert_eq!(brabant.empty_actions[0].label, "Bel 088 605 1444 (consultatie palliatieve zorg)");
    // Nothing about figures, their age or a connection where there are no places to show.
    assert_eq!((brabant.freshness.as_str(), brabant.intro.as_str()), ("", ""));
    // The region's menu does not promise places either.
    let hint = |region: &str| {
        let home = views.home(region).expect("home");
        home.primary.iter().find(|m| m.label == "Hospice met plek").expect("menu item").hint.clone()
    };
    assert_eq!(hint("zuidoost-brabant"), "Nog geen hospices met bron opgenomen; wie u dan belt");
    assert_eq!(hint("noord-holland-zuid"), "Hospices en palliatieve units, met de plekken die zij doorgeven");
    let nhz = views.hospices("noord-holland-zuid", None, chrono::Utc::now()).expect("hospices");
    assert!(!nhz.rows.is_empty() && nhz.empty_message.is_none() && nhz.empty_actions.is_empty());
    assert!(!nhz.freshness.is_empty() && !nhz.intro.is_empty());
}

/// A store as shipped says how old its content is (the newest check of a fact in it), not
/// only that it shipped with the app.
#[test]
fn the_bundled_content_says_how_old_it_is() {
    let (_dir, store) = real_store();
    let status = palliwijzer_core::view::SyncStatus::of(&store).expect("status");
    assert!(status.bundled);
    let loaded = load_real();
    let newest = loaded
        .content
        .contacts
        .iter()
        .filter_map(|c| c.provenance.verified_on)
        .chain(loaded.content.facilities.iter().filter_map(|f| f.provenance.verified_on))
        .chain(loaded.content.regions.iter().flat_map(|r| r.municipalities.iter().map(|m| m.verified_on)))
        .max()
        .expect("dated facts");
    assert_eq!(
        status.line,
        format!(
            "Meegeleverde inhoud (nieuwste controle: {}); nog niet bijgewerkt via internet",
            palliwijzer_core::view::labels::date(newest)
        )
    );
}

/// Filters that leave no hulpmiddel say which, and offer each filter dropped in turn with what
/// it shows; in every region, for every phase and audience, the list is never a dead end.
#[test]
fn hulpmiddelen_filters_that_leave_nothing_offer_a_wider_choice_that_shows_what_it_says() {
    let (_dir, store) = real_store();
    let v = Views::new(&store, today());
    let none = v.hulpmiddelen("noord-holland-zuid", Some("markeren"), Some(Audience::Patient)).expect("filtered");
    assert!(none.groups.is_empty());
    assert_eq!(none.count_line, "Geen hulpmiddelen voor Patiënt en naasten in de fase Markeren.");
    let offered: Vec<(&str, &str)> = none.widen.iter().map(|w| (w.phase.as_str(), w.audience.as_str())).collect();
    assert_eq!(offered, [("", "patient"), ("markeren", "")]);
    assert!(none.widen[0].label.starts_with("Alle fasen voor Patiënt en naasten ("), "{:?}", none.widen);
    assert!(none.widen[1].label.starts_with("Iedereen in de fase Markeren ("), "{:?}", none.widen);

    let mut checked = 0;
    for region in store.regions().expect("regions") {
        let all = v.hulpmiddelen(&region.id, None, None).expect("all");
        for p in all.phase_filter.iter().map(|o| o.value.as_str()) {
            for a in all.audience_filter.iter().map(|o| o.value.as_str()) {
                let phase = Some(p).filter(|p| !p.is_empty());
                let audience = Some(a).filter(|a| !a.is_empty()).map(|a| a.parse::<Audience>().expect("audience"));
                let view = v.hulpmiddelen(&region.id, phase, audience).expect("view");
                let shown: usize = view.groups.iter().map(|g| g.items.len()).sum();
                if shown > 0 {
                    assert!(view.widen.is_empty(), "{p}/{a}");
                    continue;
                }
                checked += 1;
                assert!(!view.widen.is_empty(), "{} {p}/{a}: a dead end", region.id);
                for w in &view.widen {
                    // Following the offer shows as many as its label says.
                    let phase = Some(w.phase.as_str()).filter(|p| !p.is_empty());
                    let audience =
                        Some(w.audience.as_str()).filter(|a| !a.is_empty()).map(|a| a.parse().expect("audience"));
                    let wider = v.hulpmiddelen(&region.id, phase, audience).expect("wider");
                    // A hulpmiddel of two phases is listed under both; it counts once.
                    let n = wider
                        .groups
                        .iter()
                        .flat_map(|g| &g.items)
                        .map(|h| &h.id)
                        .collect::<std::collections::HashSet<_>>()
                        .len();
                    assert!(n > 0 && w.label.ends_with(&format!("({n})")), "{}: {} shows {n}", region.id, w.label);
                }
            }
        }
    }
    assert!(checked >= 10, "{checked}");
}

/// A contact without a number says which other way the card offers, and no other.
#[test]
fn a_contact_without_a_number_names_only_the_ways_its_card_offers() {
    let (_dir, store) = real_store();
    let views = Views::new(&store, today());
    let mut notes = 0;
    for region in store.regions().expect("regions") {
        for row in views.wie_bel_ik(&region.id).expect("wie bel ik").groups.into_iter().flat_map(|g| g.rows) {
            let Some(note) = &row.note else { continue };
            notes += 1;
            let has = |kind: ActionKind| row.actions.iter().any(|a| a.kind == kind);
            assert_eq!(note.contains("website"), has(ActionKind::Website), "{}: {note}", row.name);
            assert_eq!(note.contains("e-mail"), has(ActionKind::Email), "{}: {note}", row.name);
        }
    }
    assert!(notes >= 2, "{notes}");
}

/// The error shown when nothing can be read names the consultation line from memory: it must be
/// the number the bundled content gives, with its source, so a change there cannot leave it stale.
#[test]
fn the_number_in_the_general_error_is_the_contents_consultation_line() {
    let (_dir, store) = real_store();
    let line = store.contact("consultatie-palliatieve-zorg").expect("national line");
    let phone = line.phone.expect("a sourced number");
    let said = palliwijzer_core::view::ui_text().general_error;
    assert!(said.ends_with(&format!("{}.", phone.display)), "{said} vs {}", phone.display);
}
