//! Search that forgives (on the real content) and "wie bel ik nu" at fixed instants (on a
//! fixture with opening hours): what a user at 3 a.m. would notice.

use chrono::TimeZone;
use palliwijzer_core::content::load_dir;
use palliwijzer_core::store::Store;
use palliwijzer_core::view::{NowStatus, Views};
use palliwijzer_tests::{real_store, today};
use std::path::Path;

fn ranked(v: &palliwijzer_core::view::SearchView) -> Vec<(String, String)> {
    let mut all: Vec<_> = v.groups.iter().chain(&v.mentions).flat_map(|g| &g.results).collect();
    all.sort_by_key(|r| r.rank);
    all.iter().map(|r| (r.target.id().to_string(), r.title.clone())).collect()
}

fn top(v: &palliwijzer_core::view::SearchView, n: usize) -> Vec<String> {
    ranked(v).into_iter().take(n).map(|(id, _)| id).collect()
}

#[test]
fn typos_of_one_edit_in_long_words_are_forgiven() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    let hospice = v.search("hosipce", Some("noord-holland-zuid")).expect("search");
    assert!(
        ranked(&hospice).iter().take(3).all(|(_, t)| t.to_lowercase().contains("hospice")),
        "{:?}",
        ranked(&hospice)
    );
    let wvk = v.search("wijkverpleegkunidge", None).expect("search");
    assert!(top(&wvk, 3).contains(&"wvk".to_string()), "{:?}", ranked(&wvk));
    // A word the index knows is not "corrected" into a neighbour: "hap" finds the HAP.
    let hap = v.search("hap", None).expect("search");
    assert!(top(&hap, 3).contains(&"hap".to_string()), "{:?}", ranked(&hap));
    assert!(ranked(&hap).iter().all(|(_, t)| !t.to_lowercase().split_whitespace().any(|w| w == "hat" || w == "kap")));
    // Gibberish finds nothing, and says so.
    let nothing = v.search("xqzv", None).expect("search");
    assert!(nothing.groups.is_empty() && nothing.message.starts_with("Niets gevonden"));
}

#[test]
fn abbreviations_and_their_meaning_find_each_other_both_ways() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    for (query, expected) in [
        ("HAP", "hap"),
        ("huisartsenpost", "hap"),
        ("SO", "so"),
        ("specialist ouderengeneeskunde", "so"),
        ("proactieve zorgplanning", "pzp"),
        ("ACP", "acp"),
    ] {
        let r = v.search(query, None).expect("search");
        assert!(top(&r, 3).contains(&expected.to_string()), "{query}: {:?}", ranked(&r));
    }
    // The HAP abbreviation also finds the region's huisartsenpost, before other regions' posts.
    let hap = ranked(&v.search("HAP", Some("noord-holland-zuid")).expect("search"));
    let nhz = hap.iter().position(|(id, _)| id == "nhz-huisartsenpost").expect("NHZ HAP found");
    let other = hap.iter().position(|(id, _)| id == "gv-huisartsenpost").expect("Gooi en Vechtstreek's post found too");
    assert!(nhz < other, "{hap:?}");
}

#[test]
fn exact_names_rank_first_and_diacritics_and_case_do_not_matter() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    let r = v.search("coordinatie", Some("noord-holland-zuid")).expect("search");
    assert_eq!(top(&r, 1), ["coordinatie"]);
    let exact = v.search("levenswensenkaart", None).expect("search");
    assert!(top(&exact, 2).contains(&"levenswensenkaart".to_string()), "{:?}", ranked(&exact));
    let prefix = v.search("levenswens", None).expect("search");
    assert!(
        top(&prefix, 3).contains(&"levenswensenkaart".to_string()),
        "typing a prefix finds it: {:?}",
        ranked(&prefix)
    );
    let upper = v.search("TOPZ SPAARNE", Some("noord-holland-zuid")).expect("search");
    assert!(top(&upper, 2).contains(&"nhz-topz-spaarne-gasthuis".to_string()), "{:?}", ranked(&upper));
}

/// Across the whole country a common word names hundreds of services. A user in one region
/// sees every one of that region's before any other region's, whichever region it is.
#[test]
fn a_common_word_across_the_country_finds_all_of_the_chosen_regions_services_first() {
    let mut c = palliwijzer_tests::load_real().content;
    let template = c.contacts.iter().find(|x| x.region.is_some()).expect("a regional contact").clone();
    let template_region = c.regions.iter().find(|r| Some(&r.id) == template.region.as_ref()).expect("region").clone();
    // Test data: 30 regions with 15 pharmacies each, 450 in all.
    for r in 1..=30 {
        let mut region = template_region.clone();
        region.id = format!("testregio-{r:02}");
        region.name = format!("Testregio {r}");
        region.municipalities.clear();
        for n in 1..=15 {
            let mut x = template.clone();
            x.id = format!("testregio-{r:02}-apotheek-{n}");
            x.name = format!("Apotheek Testdorp {n}");
            x.region = Some(region.id.clone());
            c.contacts.push(x);
        }
        c.regions.push(region);
    }
    c.sort_for_store();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("land.sqlite");
    Store::build(&c, "landelijk", &path).expect("build");
    let store = Store::open(&path).expect("open");
    let v = Views::new(&store, today());
    for region in ["testregio-01", "testregio-17", "testregio-30"] {
        let found = ranked(&v.search("apotheek", Some(region)).expect("search"));
        let first: Vec<&String> = found.iter().take(15).map(|(id, _)| id).collect();
        assert!(first.iter().all(|id| id.starts_with(region)), "{region}: its 15 pharmacies first, found {first:?}");
    }
}

#[test]
fn results_are_grouped_by_kind_with_snippets() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    let r = v.search("hospice", Some("noord-holland-zuid")).expect("search");
    let titles: Vec<&str> = r.groups.iter().map(|g| g.title.as_str()).collect();
    // Every kind once; groups in the order of their best result, so for "hospice" the places.
    let unique: std::collections::HashSet<&str> = titles.iter().copied().collect();
    assert_eq!(unique.len(), titles.len(), "a kind split over two groups: {titles:?}");
    assert_eq!(titles[..2], ["Hospices en palliatieve units", "Contacten"], "{titles:?}");
    let places: Vec<&str> = r.groups[0].results.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(places[..2], ["Hospice Bardo", "Hospice Haarlem"], "the chosen region's hospices first: {places:?}");
    assert!(r.groups.iter().chain(&r.mentions).flat_map(|g| &g.results).any(|x| !x.snippet.is_empty()));
}

#[test]
fn a_name_that_matches_is_drawn_before_any_result_that_only_mentions_the_word() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    // The guideline a GP looks for, and where it is drawn: groups first, then the mentions.
    for (query, guideline) in [
        ("morfine", "Richtlijn Pijn bij patiënten met kanker"),
        ("euthanasie", "Richtlijn Uitvoering euthanasie"),
        ("benauwdheid", "Richtlijn Dyspneu"),
    ] {
        let r = v.search(query, Some("noord-holland-zuid")).expect("search");
        assert!(!r.mentions.is_empty(), "{query}: something only mentions it");
        let drawn: Vec<&palliwijzer_core::view::SearchResult> =
            r.groups.iter().chain(&r.mentions).flat_map(|g| &g.results).collect();
        let at = drawn.iter().position(|x| x.title.starts_with(guideline)).unwrap_or(usize::MAX);
        let named = r.groups.iter().map(|g| g.results.len()).sum::<usize>();
        assert!(at < named, "{query}: the guideline is drawn among the names, at {at} of {named}: {drawn:#?}");
        // No result that only mentions the word is drawn before one whose name matches, and
        // each kind heads one group in each list.
        let worst_named = r.groups.iter().flat_map(|g| &g.results).map(|x| x.rank).max().expect("named");
        let best_mention = r.mentions.iter().flat_map(|g| &g.results).map(|x| x.rank).min().expect("mentions");
        assert!(worst_named < best_mention, "{query}: {drawn:#?}");
        for list in [&r.groups, &r.mentions] {
            let kinds: std::collections::HashSet<&str> = list.iter().map(|g| g.title.as_str()).collect();
            assert_eq!(kinds.len(), list.len(), "{query}: a kind twice");
        }
        assert_eq!(r.mentions_heading, "Ook genoemd in de tekst");
    }
    // When nothing matches by name there is no second heading: everything is in `groups`.
    let r = v.search("levensgevaar", Some("noord-holland-zuid")).expect("search");
    assert!(r.mentions.is_empty(), "{:#?}", r.mentions);
    let found: Vec<&str> = r.groups.iter().flat_map(|g| &g.results).map(|x| x.title.as_str()).collect();
    assert!(!found.is_empty() && found.iter().all(|t| !t.to_lowercase().contains("levensgevaar")), "{found:?}");
}

#[test]
fn a_gp_who_needs_medicine_at_night_finds_where_it_is_filled() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    // The post's card says where; the snippet shows the place, not only the word.
    for (region, post, place) in [
        ("zuidoost-brabant", "zob-huisartsenposten-oost-brabant", "Catharina Ziekenhuis"),
        ("gooi-en-vechtstreek", "gv-huisartsenpost", "Tergooi MC"),
    ] {
        for query in ["dienstapotheek", "apotheek"] {
            let r = v.search(query, Some(region)).expect("search");
            let first = r.groups.iter().flat_map(|g| &g.results).next().expect("found");
            assert_eq!(first.target.id(), post, "{region}, {query}");
            assert!(first.snippet.contains(place), "{region}, {query}: {}", first.snippet);
        }
    }
}

#[test]
fn a_count_that_was_cut_off_says_more_and_how_to_narrow_it() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    let shown = |r: &palliwijzer_core::view::SearchView| {
        r.groups.iter().chain(&r.mentions).map(|g| g.results.len()).sum::<usize>()
    };
    // One letter typed: far more than is shown, and the count does not pretend otherwise.
    let one = v.search("h", Some("noord-holland-zuid")).expect("search");
    assert_eq!(shown(&one), 60);
    assert_eq!(
        one.message,
        "Meer dan 60 resultaten voor 'h'; de beste 60 staan hieronder. Typ verder om te verfijnen."
    );
    let some = v.search("hospice", Some("noord-holland-zuid")).expect("search");
    assert!(shown(&some) < 60);
    assert_eq!(some.message, format!("{} resultaten voor 'hospice'.", shown(&some)));
    let single = v.search("levensgevaar", Some("noord-holland-zuid")).expect("search");
    assert_eq!(single.message, "1 resultaat voor 'levensgevaar'.");
}

fn fixture_store() -> (tempfile::TempDir, Store) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/now");
    let loaded = load_dir(&dir, today());
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("now.sqlite");
    Store::build(&loaded.content, &loaded.content_hash, &path).expect("build");
    (tmp, Store::open(&path).expect("open"))
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<chrono::Utc> {
    chrono_tz::Europe::Amsterdam
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .expect("local time")
        .with_timezone(&chrono::Utc)
}

/// (contact id, status label) in order.
fn order(
    store: &Store,
    when: chrono::DateTime<chrono::Utc>,
) -> (Vec<(String, String)>, palliwijzer_core::view::NowView) {
    let v = Views::new(store, today()).now("test", when).expect("now");
    (v.rows.iter().map(|r| (r.contact.id.clone(), r.status_label.clone())).collect(), v)
}

#[test]
fn weekday_10_00_office_hours_first_then_who_opens_soonest() {
    let (_t, store) = fixture_store();
    let (rows, view) = order(&store, at(2026, 11, 24, 10, 0)); // Tuesday
    assert!(!view.out_of_hours);
    assert_eq!(view.moment, "dinsdag 24 november 2026, 10:00");
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, ["test-247", "test-kantoor", "test-ochtend", "test-hap", "test-onbekend"], "{rows:?}");
    assert_eq!(rows[1].1, "Nu bereikbaar, tot 17:00");
    assert_eq!(rows[2].1, "Nu bereikbaar, tot 12:00");
    assert_eq!(rows[3].1, "Nu gesloten, opent om 17:00");
    assert!(rows[4].1.starts_with("Bereikbaarheid onbekend"));
    assert!(!ids.contains(&"test-overleg"), "meetings are not a number to call now");
    assert!(!ids.contains(&"test-eigen-huisarts"), "roles in the patient's own team are not a line to call now");
    let folded: Vec<&str> = view.other_rows.iter().map(|r| r.contact.id.as_str()).collect();
    assert_eq!(folded, ["test-zonder-nummer"], "without a number: folded below, not among the calls");
    assert!(view.computed_line.contains("dinsdag 24 november 2026 om 10:00"), "{}", view.computed_line);
}

#[test]
fn weekday_23_00_the_huisartsenpost_and_24_7_lines_come_first() {
    let (_t, store) = fixture_store();
    let (rows, view) = order(&store, at(2026, 11, 24, 23, 0));
    assert!(view.out_of_hours);
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(&ids[..2], ["test-hap", "test-247"]);
    assert_eq!(rows[2], ("test-kantoor".to_string(), "Nu gesloten, opent morgen om 08:00".to_string()));
    assert_eq!(rows[3], ("test-ochtend".to_string(), "Nu gesloten, opent morgen om 09:00".to_string()));
}

#[test]
fn sunday_koningsdag_and_christmas_are_out_of_hours_with_the_right_next_opening() {
    let (_t, store) = fixture_store();
    let (sunday, v) = order(&store, at(2026, 11, 29, 14, 0));
    assert!(v.out_of_hours);
    assert_eq!(&sunday[0].0, "test-hap");
    assert!(sunday.contains(&("test-kantoor".into(), "Nu gesloten, opent morgen om 08:00".into())), "{sunday:?}");

    let (koningsdag, v) = order(&store, at(2026, 4, 27, 10, 0)); // a Monday, public holiday
    assert!(v.out_of_hours && v.period.starts_with("Feestdag"), "{}", v.period);
    assert_eq!(&koningsdag[0], &("test-hap".to_string(), "Nu bereikbaar, tot morgen om 08:00".to_string()));
    assert!(
        koningsdag.contains(&("test-kantoor".into(), "Nu gesloten, opent morgen om 08:00".into())),
        "{koningsdag:?}"
    );

    let (christmas, v) = order(&store, at(2026, 12, 25, 10, 0)); // Friday; Saturday is the 2nd Christmas day
    assert!(v.out_of_hours && v.period.starts_with("Feestdag"));
    assert!(
        christmas.contains(&("test-kantoor".into(), "Nu gesloten, opent maandag om 08:00".into())),
        "{christmas:?}"
    );
    assert!(
        christmas.contains(&("test-ochtend".into(), "Nu gesloten, opent maandag om 09:00".into())),
        "{christmas:?}"
    );
}

#[test]
fn at_night_the_post_on_duty_is_on_top_even_without_a_known_number_and_no_line_promises_what_is_absent() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    let monday_23 = at(2026, 11, 30, 23, 0);

    // Gooi en Vechtstreek: the post is open, its number is not in the content. A nurse at 23:00
    // sees it first, told at once that the number is not here, and the consultation line next.
    let gooi = v.now("gooi-en-vechtstreek", monday_23).expect("now");
    assert_eq!(gooi.rows[0].contact.id, "gv-huisartsenpost", "{:?}", gooi.rows);
    assert!(gooi.rows[0].contact.phone.is_none());
    assert_eq!(gooi.rows[0].status_label, "Nu open, tot morgen om 08:00; nummer niet bekend in Palliwijzer");
    assert_eq!(gooi.rows[1].contact.phone.as_deref(), Some("088 605 1444"));
    assert!(gooi.other_rows.iter().all(|r| r.contact.id != "gv-huisartsenpost"));
    // Some folded cards have no website or e-mail either: the heading does not promise one.
    assert_eq!(gooi.other_heading, "Zonder bekend telefoonnummer: op elke kaart staat waar u verder kunt");
    // In office hours the post is closed and folds away with the others.
    let office = v.now("gooi-en-vechtstreek", at(2026, 11, 30, 10, 0)).expect("now");
    assert!(office.rows.iter().all(|r| r.contact.phone.is_some()), "{:?}", office.rows);
    assert!(office.other_rows.iter().any(|r| r.contact.id == "gv-huisartsenpost"));

    // Zuidoost-Brabant: two posts, neither number known; both on top at night, before the
    // consultation line.
    let brabant = v.now("zuidoost-brabant", monday_23).expect("now");
    let mut top: Vec<&str> = brabant.rows.iter().take(2).map(|r| r.contact.id.as_str()).collect();
    top.sort();
    assert_eq!(top, ["zob-huisartsenposten-oost-brabant", "zob-shoko-huisartsenpost-veldhoven"]);
    assert_eq!(brabant.rows[2].contact.phone.as_deref(), Some("088 605 1444"));

    // Noord-Holland Zuid: the post with its number comes first, and nothing is added to its label.
    let nhz = v.now("noord-holland-zuid", monday_23).expect("now");
    assert_eq!(nhz.rows[0].contact.id, "nhz-huisartsenpost");
    assert!(nhz.rows[0].contact.phone.is_some());
    assert!(!nhz.rows[0].status_label.contains("nummer"), "{}", nhz.rows[0].status_label);
    assert!(nhz.period.starts_with("Avond, nacht of weekend: de huisartsenpost en"), "{}", nhz.period);
}

#[test]
fn a_region_without_a_post_in_the_content_is_not_promised_one_on_top() {
    let (_t, store) = fixture_store();
    let v = Views::new(&store, today());
    let night = v.now("zonder-post", at(2026, 11, 24, 23, 0)).expect("now");
    assert_eq!(
        night.period,
        "Avond, nacht of weekend: de lijnen die dag en nacht bereikbaar zijn staan bovenaan. De huisartsenpost van deze regio staat nog niet in Palliwijzer."
    );
    assert_eq!(night.rows[0].contact.id, "test-247");
    let holiday = v.now("zonder-post", at(2026, 12, 25, 10, 0)).expect("now");
    assert!(
        holiday.period.starts_with("Feestdag: de lijnen") && holiday.period.contains("staat nog niet"),
        "{}",
        holiday.period
    );
    // Where there is a post, the line says it is on top.
    let test = v.now("test", at(2026, 11, 24, 23, 0)).expect("now");
    assert!(test.period.starts_with("Avond, nacht of weekend: de huisartsenpost en"), "{}", test.period);
    // The region's menu promises the post on top only where there is one.
    let hint = |region: &str| v.home(region).expect("home").primary[0].hint.clone();
    assert_eq!(hint("zonder-post"), "Wie nu bereikbaar is, in de volgorde van dit moment");
    assert_eq!(hint("test"), "Wie nu bereikbaar is; 's avonds en 's nachts de huisartsenpost bovenaan");
}

#[test]
fn the_night_the_clocks_change_keeps_local_times_right() {
    let (_t, store) = fixture_store();
    // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET. At 02:30 (first pass) it is night.
    let first_0230 = chrono::Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).single().expect("utc");
    let (rows, v) = order(&store, first_0230);
    assert_eq!(v.moment, "zondag 25 oktober 2026, 02:30");
    assert!(rows.contains(&("test-kantoor".into(), "Nu gesloten, opent morgen om 08:00".into())), "{rows:?}");
    // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST; 01:30 UTC is 03:30 local.
    let spring = chrono::Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).single().expect("utc");
    let (rows, v) = order(&store, spring);
    assert_eq!(v.moment, "zondag 29 maart 2026, 03:30");
    assert_eq!(rows[0].0, "test-hap");
    assert!(rows.contains(&("test-kantoor".into(), "Nu gesloten, opent morgen om 08:00".into())), "{rows:?}");
    let status: Vec<NowStatus> =
        Views::new(&store, today()).now("test", spring).expect("now").rows.iter().map(|r| r.status).collect();
    assert_eq!(status[0], NowStatus::Open);
}

#[test]
fn what_clinicians_type_finds_the_guideline_and_who_to_call() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    // Symptoms, medication and end-of-life decisions lead to the national guidelines.
    for (query, expected) in [
        ("benauwdheid", "dyspneu"),
        ("delier", "delier"),
        ("pijn", "pijn"),
        ("morfine", "opioid"),
        ("midazolam", "sedatie"),
        ("palliatieve sedatie", "sedatie"),
        ("euthanasie", "euthanasie"),
        ("stoppen met eten en drinken", "stoppen"),
        ("ICD uitzetten", "icd"),
    ] {
        let r = v.search(query, Some("noord-holland-zuid")).expect("search");
        let found = ranked(&r);
        assert!(
            found.iter().take(5).any(|(id, t)| id.contains(expected) || t.to_lowercase().contains(expected)),
            "{query}: {found:?}"
        );
    }
    // Nothing found still ends in a number to call.
    let none = v.search("xqzvw", Some("noord-holland-zuid")).expect("search");
    let line = none.fallback.expect("the consultation line");
    assert!(line.actions.iter().any(|a| a.uri == "tel:+31886051444"));
}

#[test]
fn the_snippet_marks_the_word_as_typed_where_the_text_has_it_and_a_synonym_only_where_it_does_not() {
    let (_d, store) = real_store();
    let r = Views::new(&store, today()).search("morfine", Some("gooi-en-vechtstreek")).expect("search");
    let results: Vec<_> = r.groups.iter().chain(&r.mentions).flat_map(|g| &g.results).collect();
    let marked = |res: &palliwijzer_core::view::SearchResult| -> Vec<String> {
        res.snippet_parts.iter().filter(|p| p.marked).map(|p| p.text.to_lowercase()).collect()
    };
    let mut typed_marked = 0;
    for res in &results {
        let says_it = res.snippet.to_lowercase().contains("morfine");
        let m = marked(res);
        assert!(m.len() <= 1, "{}: {:?}", res.title, res.snippet_parts);
        if says_it {
            assert_eq!(m, ["morfine"], "{} marks a synonym while the snippet says morfine: {}", res.title, res.snippet);
            typed_marked += 1;
        }
    }
    assert!(typed_marked >= 3, "{results:#?}");
}

#[test]
fn dutch_compounds_match_split_and_joined() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    let split = top(&v.search("behandelwensen gesprek", Some("noord-holland-zuid")).expect("search"), 3);
    assert!(split.contains(&"behandelwensengesprek".to_string()), "split: {split:?}");
    let joined = top(&v.search("behandelwensengesprek", Some("noord-holland-zuid")).expect("search"), 3);
    assert!(joined.contains(&"behandelwensengesprek".to_string()), "joined: {joined:?}");
    // Joined where the content writes the words apart: "wijkverpleging thuiszorg" → one word.
    let apart = v.search("palliatievezorg", Some("noord-holland-zuid")).expect("search");
    assert!(!apart.groups.is_empty(), "a compound of two known words finds them apart");
}

#[test]
fn a_service_comes_before_the_glossary_and_snippets_are_plain_text_with_the_match_marked() {
    let (_d, store) = real_store();
    let v = Views::new(&store, today());
    let r = v.search("huisartsenpost", Some("noord-holland-zuid")).expect("search");
    assert_eq!(top(&r, 1), ["nhz-huisartsenpost"], "{:?}", ranked(&r));
    for res in r.groups.iter().chain(&r.mentions).flat_map(|g| &g.results) {
        assert!(!res.snippet.contains("**") && !res.snippet.contains("]("), "{}", res.snippet);
    }
    let marked: Vec<String> = r
        .groups
        .iter()
        .chain(&r.mentions)
        .flat_map(|g| &g.results)
        .flat_map(|x| &x.snippet_parts)
        .filter(|p| p.marked)
        .map(|p| p.text.to_lowercase())
        .collect();
    assert!(marked.iter().any(|m| m.contains("huisartsenpost")), "{marked:?}");
}
