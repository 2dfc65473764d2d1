//! The redactie over real HTTP on loopback, on a copy of the bundled content in its own git
//! repository: four eyes on a phone number, the change committed with both editors named,
//! published, and synced into a store; regions kept apart; bad input refused at the field;
//! users' reports stored once and shown only to the region's editors.

use palliwijzer::commands::DataSource;
use palliwijzer::state::StateDb;
use palliwijzer::web;
use palliwijzer_bench::form::{cookie, hidden};
use palliwijzer_core::model::ItemKind;
use palliwijzer_core::report::{Draft, Report};
use palliwijzer_core::store::Store;
use palliwijzer_core::view::Views;
use reqwest::blocking::Client;
use reqwest::StatusCode;
use std::path::{Path, PathBuf};
use std::process::Command;

const PASSWORD: &str = "correct paard batterij niet";
const NHZ: &str = "noord-holland-zuid";
const HAP: &str = "nhz-huisartsenpost";
const OLD_PHONE: &str = "023 224 25 26";
const OLD_TEL: &str = "tel:+31232242526";
/// A made-up number of the right shape, in a temporary copy of the content only.
const NEW_PHONE: &str = "023 123 4567";

struct Server {
    url: String,
    content: PathBuf,
    keys: PathBuf,
    state: PathBuf,
    _dir: tempfile::TempDir,
    _rt: tokio::runtime::Runtime,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn start() -> Server {
    let dir = tempfile::tempdir().expect("tmp");
    let content = dir.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"), &content);
    git(&content, &["init", "-q"]);
    git(&content, &["add", "."]);
    git(&content, &["-c", "commit.gpgsign=false", "commit", "-q", "-m", "start"]);
    let keys = dir.path().join("keys");
    palliwijzer::publish::generate_keys(&keys, chrono::Utc::now()).expect("keys");
    let state = dir.path().join("state.sqlite");
    let db = StateDb::open(&state).expect("state");
    db.add_editor("anna", Some(NHZ), PASSWORD).expect("a");
    db.add_editor("bram", Some(NHZ), PASSWORD).expect("b");
    db.add_editor("gooi", Some("gooi-en-vechtstreek"), PASSWORD).expect("gooi");
    db.add_editor("landelijk", None, PASSWORD).expect("national");
    db.add_account("coordinator", "nhz-hospice-bardo", PASSWORD).expect("coordinator");
    let opened = DataSource { db: None, content: Some(content.clone()) }.open().expect("content");
    let mut app = web::AppState::new(opened, db).expect("app");
    app.publication = Some(dir.path().join("publication"));
    app.publish_key = Some(keys.join("publish.key"));
    let (rt, url) = web::serve_in_background(app).expect("serve");
    Server { url, content, keys, state, _dir: dir, _rt: rt }
}

fn client() -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// An editor's browser: the session cookie and the form token.
struct Editor {
    cookie: String,
    csrf: String,
}

fn login(s: &Server, c: &Client, user: &str, password: &str) -> Result<Editor, StatusCode> {
    let page = c.get(format!("{}/redactie", s.url)).send().expect("login page");
    let login_cookie = cookie(&page, "pw_login").expect("login cookie");
    let token = hidden(&page.text().expect("html"), "csrf").expect("csrf");
    let res = c
        .post(format!("{}/redactie/inloggen", s.url))
        .header("cookie", &login_cookie)
        .form(&[("csrf", token.as_str()), ("gebruiker", user), ("wachtwoord", password)])
        .send()
        .expect("login");
    if res.status() != StatusCode::SEE_OTHER {
        return Err(res.status());
    }
    let session = cookie(&res, "pw_sessie").expect("session");
    let overview = c.get(format!("{}/redactie", s.url)).header("cookie", &session).send().expect("overview");
    let csrf = hidden(&overview.text().expect("html"), "csrf").expect("csrf on overview");
    Ok(Editor { cookie: session, csrf })
}

fn get(s: &Server, c: &Client, ed: &Editor, path: &str) -> (StatusCode, String) {
    let res = c.get(format!("{}{path}", s.url)).header("cookie", &ed.cookie).send().expect("get");
    (res.status(), res.text().expect("body"))
}

fn post(s: &Server, c: &Client, ed: &Editor, path: &str, form: &[(&str, &str)]) -> reqwest::blocking::Response {
    let mut fields = vec![("csrf", ed.csrf.as_str())];
    fields.extend_from_slice(form);
    c.post(format!("{}{path}", s.url)).header("cookie", &ed.cookie).form(&fields).send().expect("post")
}

fn public_contact(s: &Server, c: &Client) -> String {
    c.get(format!("{}/r/{NHZ}/contact/{HAP}", s.url)).send().expect("public").text().expect("html")
}

fn location(res: &reqwest::blocking::Response) -> String {
    res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

#[test]
fn a_phone_change_needs_a_second_editor_then_is_committed_published_and_synced() {
    let s = start();
    let c = client();
    let anna = login(&s, &c, "anna", PASSWORD).expect("anna");
    let (status, form) = get(&s, &c, &anna, &format!("/redactie/contact/{HAP}"));
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains(OLD_PHONE), "the form shows the current number");

    // A number without saying how it was checked is refused at the field; nothing stored.
    let res = post(&s, &c, &anna, &format!("/redactie/contact/{HAP}"), &[("phone", NEW_PHONE)]);
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().expect("html");
    assert!(page.contains("Zeg hoe u dit hebt gecontroleerd"), "{page}");
    assert!(page.contains(&format!("value=\"{NEW_PHONE}\"")), "what was typed stays");
    // A malformed number gets the Dutch reason next to the field.
    let res =
        post(&s, &c, &anna, &format!("/redactie/contact/{HAP}"), &[("phone", "12345"), ("gecontroleerd", "gebeld")]);
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().expect("html").contains("geen geldig Nederlands telefoonnummer"));
    assert!(StateDb::open(&s.state).expect("state").proposal(1).expect("read").is_none(), "nothing stored");

    let res =
        post(&s, &c, &anna, &format!("/redactie/contact/{HAP}"), &[("phone", NEW_PHONE), ("gecontroleerd", "gebeld")]);
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let proposal = location(&res);
    assert_eq!(proposal, "/redactie/voorstel/1");
    let (_, shown) = get(&s, &c, &anna, &proposal);
    assert!(shown.contains("tweede redacteur"), "{shown}");
    assert!(shown.contains(NEW_PHONE) && shown.contains("Zo ziet de gebruiker het"), "preview in the real view");
    assert!(public_contact(&s, &c).contains(OLD_TEL), "the public still sees the old number");

    // Anna cannot approve her own phone change.
    let res = post(&s, &c, &anna, "/redactie/voorstel/1/goedkeuren", &[]);
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // An editor of another region cannot see or approve it.
    let gooi = login(&s, &c, "gooi", PASSWORD).expect("gooi");
    assert_eq!(get(&s, &c, &gooi, &proposal).0, StatusCode::FORBIDDEN);
    assert_eq!(get(&s, &c, &gooi, &format!("/redactie/contact/{HAP}")).0, StatusCode::FORBIDDEN);
    assert_eq!(post(&s, &c, &gooi, "/redactie/voorstel/1/goedkeuren", &[]).status(), StatusCode::FORBIDDEN);
    let res = post(
        &s,
        &c,
        &gooi,
        &format!("/redactie/contact/{HAP}"),
        &[("phone", "020 123 4567"), ("gecontroleerd", "gebeld")],
    );
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (_, gooi_overview) = get(&s, &c, &gooi, "/redactie");
    assert!(!gooi_overview.contains(HAP) && !gooi_overview.contains("Voorstel 1"), "other regions stay out of sight");
    assert!(public_contact(&s, &c).contains(OLD_TEL));

    // Bram approves: the file changes in its line only and git names both.
    let before = std::fs::read_to_string(s.content.join("regions").join(NHZ).join("contacts.toml")).expect("file");
    let bram = login(&s, &c, "bram", PASSWORD).expect("bram");
    let res = post(&s, &c, &bram, "/redactie/voorstel/1/goedkeuren", &[]);
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().unwrap_or_default());
    let after = std::fs::read_to_string(s.content.join("regions").join(NHZ).join("contacts.toml")).expect("file");
    assert!(after.contains(&format!("phone = \"{NEW_PHONE}\"")));
    assert!(
        after.contains("checked_by = \"Netwerk Palliatieve Zorg Noord-Holland Zuid\"")
            && after.contains("checked_how = \"gebeld\"")
    );
    let changed: Vec<&str> = after.lines().filter(|l| !before.lines().any(|b| b == *l)).collect();
    assert!(changed.len() <= 4, "only the record's changed fields: {changed:?}");
    assert!(after.starts_with("# Contacten in de regio Noord-Holland Zuid."), "comments stay");
    let log = git(&s.content, &["log", "-1", "--format=%an|%cn|%s|%b"]);
    assert!(
        log.starts_with("anna|bram|contact nhz-huisartsenpost: Telefoonnummer gewijzigd en gecontroleerd"),
        "{log}"
    );
    assert!(log.contains("Goedgekeurd-door: bram"), "{log}");
    assert_eq!(git(&s.content, &["status", "--porcelain"]).trim(), "", "nothing left uncommitted");
    let (_, history) = get(&s, &c, &bram, &format!("/redactie/contact/{HAP}"));
    assert!(history.contains("voorgesteld door anna, goedgekeurd door bram"), "{history}");
    // Approved is not published: the website still shows the old number.
    assert!(public_contact(&s, &c).contains(OLD_TEL));

    // Regional editors do not publish; the national editor does.
    assert_eq!(post(&s, &c, &bram, "/redactie/publiceren", &[]).status(), StatusCode::FORBIDDEN);
    let national = login(&s, &c, "landelijk", PASSWORD).expect("national");
    let res = post(&s, &c, &national, "/redactie/publiceren", &[]);
    assert_eq!(res.status(), StatusCode::OK);
    let published = res.text().expect("html");
    assert!(published.contains("staat klaar voor de apps"), "{published}");
    let (_, overview) = get(&s, &c, &national, "/redactie");
    assert!(overview.contains("Sinds de laatste publicatie is niets goedgekeurd."), "{overview}");
    // From the publication on, the website shows what the apps get.
    assert!(public_contact(&s, &c).contains("tel:+31231234567"), "the website serves the published content");

    // An app's store synced from the publication shows the new number and who checked it when.
    let root_hex = std::fs::read_to_string(s.keys.join("root.pub")).expect("root.pub");
    let root = palliwijzer_core::sync::format::verifying_key(&root_hex).expect("root");
    let store_path = s.content.parent().expect("tmp").join("app.sqlite");
    let store = Store::create_empty(&store_path).expect("store");
    let outcome = palliwijzer_core::sync::client::sync(
        &store,
        &format!("{}/sync", s.url),
        &root,
        chrono::Utc::now(),
        &Default::default(),
    )
    .expect("sync");
    assert!(outcome.changed);
    let row = Views::new(&store, Views::today_in_nl()).contact(HAP).expect("contact");
    assert_eq!(row.phone.as_deref(), Some(NEW_PHONE));
    let today = palliwijzer_core::view::labels::date(Views::today_in_nl());
    assert!(
        row.source_line
            .ends_with(&format!("gecontroleerd op {today} door Netwerk Palliatieve Zorg Noord-Holland Zuid (gebeld)")),
        "{}",
        row.source_line
    );

    // What the next publication will carry is listed, and then carried.
    let res = post(&s, &c, &anna, &format!("/redactie/contact/{HAP}"), &[("name", "Huisartsen-Spoedpost Haarlem")]);
    assert_eq!(post(&s, &c, &anna, &format!("{}/goedkeuren", location(&res)), &[]).status(), StatusCode::SEE_OTHER);
    let (_, overview) = get(&s, &c, &national, "/redactie");
    assert!(
        overview.contains("Sinds de laatste publicatie goedgekeurd (1)")
            && overview.contains("contact nhz-huisartsenpost: Naam gewijzigd"),
        "{overview}"
    );
    let again = post(&s, &c, &national, "/redactie/publiceren", &[]).text().expect("html");
    assert!(again.contains("Wat deze publicatie meeneemt sinds de vorige (1)"), "{again}");
}

#[test]
fn vandaag_gecontroleerd_is_recorded_at_once_and_plain_changes_need_no_second_editor() {
    let s = start();
    let c = client();
    let anna = login(&s, &c, "anna", PASSWORD).expect("anna");
    // Until now its number was checked in a stored copy of the page: the list says so.
    let (_, overview) = get(&s, &c, &anna, "/redactie");
    let row = overview.split(&format!("/redactie/contact/{HAP}")).nth(1).expect("the post is listed");
    let row = &row[..row.find("</li>").unwrap_or(row.len())];
    assert!(row.contains("nagekeken in een opgeslagen kopie op") && row.contains("nooit live gecontroleerd"), "{row}");
    let res = post(&s, &c, &anna, &format!("/redactie/contact/{HAP}"), &[("gecontroleerd", "website")]);
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).ends_with("?gecontroleerd=1"));
    // Checked at the live source now: the file no longer says "only in a stored copy".
    let file = std::fs::read_to_string(s.content.join("regions/noord-holland-zuid/contacts.toml")).expect("file");
    let record = file.split("[[contact]]").find(|r| r.contains(&format!("id = \"{HAP}\""))).expect("record");
    assert!(!record.contains("checked_in_copy") && record.contains("checked_how = \"website\""), "{record}");
    let log = git(&s.content, &["log", "-1", "--format=%an|%cn|%s"]);
    assert!(log.starts_with("anna|anna|contact nhz-huisartsenpost: gecontroleerd"), "{log}");
    // A name change is not one that sends anyone to the wrong place: the proposer may apply it.
    let res = post(&s, &c, &anna, &format!("/redactie/contact/{HAP}"), &[("name", "Huisartsen-Spoedpost Haarlem")]);
    let proposal = location(&res);
    let (_, page) = get(&s, &c, &anna, &proposal);
    assert!(page.contains("Goedkeuren en vastleggen"), "{page}");
    let id = proposal.rsplit('/').next().expect("id");
    assert_eq!(
        post(&s, &c, &anna, &format!("/redactie/voorstel/{id}/goedkeuren"), &[]).status(),
        StatusCode::SEE_OTHER
    );
    // Nothing changed is said, and stores nothing; also when the browser sends a text area
    // back with CRLF line ends.
    let res = post(&s, &c, &anna, &format!("/redactie/contact/{HAP}"), &[]);
    assert!(res.text().expect("html").contains("Er is niets veranderd"));
    let (_, form) = get(&s, &c, &anna, "/redactie/region/noord-holland-zuid");
    let lines = form
        .split("name=\"postcodes\"")
        .nth(1)
        .and_then(|r| r.split('>').nth(1))
        .and_then(|r| r.split("</textarea").next())
        .expect("textarea");
    assert!(lines.contains('\n'));
    let res =
        post(&s, &c, &anna, "/redactie/region/noord-holland-zuid", &[("postcodes", &lines.replace('\n', "\r\n"))]);
    assert!(res.text().expect("html").contains("Er is niets veranderd"));
}

fn report(item: &str, what: &str) -> Report {
    Draft { kind: Some(ItemKind::Contact), item_id: item.into(), what: what.into(), ..Draft::default() }
        .check(chrono::Utc::now())
        .expect("valid")
}

#[test]
fn a_report_sent_twice_is_stored_once_and_only_its_regions_editors_see_it() {
    let s = start();
    let c = client();
    let r = report(HAP, "Het nummer is veranderd <script>alert(1)</script>");
    for expected in [StatusCode::CREATED, StatusCode::OK] {
        let res = c.post(format!("{}/api/v1/meldingen", s.url)).json(&r).send().expect("send");
        assert_eq!(res.status(), expected);
    }
    assert_eq!(StateDb::open(&s.state).expect("state").report_count().expect("count"), 1);
    // An item that does not exist, and an oversized body, are refused and not stored.
    let res = c.post(format!("{}/api/v1/meldingen", s.url)).json(&report("bestaat-niet", "x")).send().expect("send");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let huge = serde_json::json!({ "id": "ab".repeat(16), "kind": "contact", "item_id": HAP, "what": "x".repeat(40_000), "written_at": "2026-11-30T10:00:00Z" });
    let res = c.post(format!("{}/api/v1/meldingen", s.url)).json(&huge).send().expect("send");
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_eq!(StateDb::open(&s.state).expect("state").report_count().expect("count"), 1);

    let anna = login(&s, &c, "anna", PASSWORD).expect("anna");
    let (_, overview) = get(&s, &c, &anna, "/redactie");
    assert!(overview.contains("Meldingen van gebruikers (1)"), "{overview}");
    assert!(overview.contains("&lt;script&gt;") && !overview.contains("<script>alert"), "plain text");
    let gooi = login(&s, &c, "gooi", PASSWORD).expect("gooi");
    assert!(get(&s, &c, &gooi, "/redactie").1.contains("Meldingen van gebruikers (0)"));
    assert_eq!(post(&s, &c, &gooi, &format!("/redactie/melding/{}/klopt", r.id), &[]).status(), StatusCode::FORBIDDEN);
    // "Gecontroleerd, klopt" closes it.
    assert_eq!(post(&s, &c, &anna, &format!("/redactie/melding/{}/klopt", r.id), &[]).status(), StatusCode::SEE_OTHER);
    assert!(get(&s, &c, &anna, "/redactie").1.contains("Meldingen van gebruikers (0)"));

    // The rate per address: the eleventh report in an hour is refused.
    let mut statuses = Vec::new();
    for i in 0..11 {
        let res = c
            .post(format!("{}/api/v1/meldingen", s.url))
            .json(&report(HAP, &format!("melding {i}")))
            .send()
            .expect("send");
        statuses.push(res.status());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 9, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}

#[test]
fn editors_and_coordinators_each_have_their_own_door_and_guessing_is_throttled() {
    let s = start();
    let c = client();
    assert_eq!(login(&s, &c, "coordinator", PASSWORD).err(), Some(StatusCode::UNAUTHORIZED));
    for _ in 0..5 {
        assert_eq!(login(&s, &c, "anna", "fout wachtwoord").err(), Some(StatusCode::UNAUTHORIZED));
    }
    assert_eq!(login(&s, &c, "anna", PASSWORD).err(), Some(StatusCode::TOO_MANY_REQUESTS));
    // A form post without the session's token is refused.
    let bram = login(&s, &c, "bram", PASSWORD).expect("bram");
    let forged = Editor { cookie: bram.cookie.clone(), csrf: "0".repeat(64) };
    let res = post(&s, &c, &forged, &format!("/redactie/contact/{HAP}"), &[("gecontroleerd", "gebeld")]);
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[test]
fn a_sociale_kaart_becomes_proposals_and_a_bad_line_is_named_with_nothing_lost() {
    let s = start();
    let c = client();
    let anna = login(&s, &c, "anna", PASSWORD).expect("anna");
    let csv = "id;naam;soort;waarvoor;telefoon;bron;gecontroleerd_op\n\
               nhz-wijkteam-test;Wijkteam Test;wijkverpleging;Thuiszorg in de wijk;023 123 4567;Sociale kaart van het netwerk;30-11-2026\n\
               nhz-fout;Fout;wijkverpleging;Thuiszorg;12345;Sociale kaart;30-11-2026\n\
               gv-rhogo;Niet van ons;netwerk;Vragen;;Sociale kaart;30-11-2026\n";
    // A malformed file: the reason, and the text is still in the form.
    let res = post(&s, &c, &anna, "/redactie/import", &[("csv", "id,naam\nx,y\n"), ("stap", "voorbeeld")]);
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().expect("html");
    assert!(page.contains("mist de kolom ‘soort’") && page.contains("id,naam\nx,y"), "{page}");
    // The preview stores nothing.
    let res = post(&s, &c, &anna, "/redactie/import", &[("csv", csv), ("stap", "voorbeeld")]);
    let page = res.text().expect("html");
    assert!(page.contains("nieuw contact (Wijkverpleging en thuiszorg)"), "{page}");
    assert!(page.contains("Regel 3: ‘12345’ is geen geldig Nederlands telefoonnummer"), "{page}");
    assert!(StateDb::open(&s.state).expect("state").proposal(1).expect("read").is_none());
    // Making proposals: one for the good line, the others named.
    let res = post(&s, &c, &anna, "/redactie/import", &[("csv", csv), ("stap", "voorstellen")]);
    let page = res.text().expect("html");
    assert!(page.contains("1 voorstel(len) aangemaakt"), "{page}");
    assert!(page.contains("Regel 4: ‘gv-rhogo’ hoort bij een andere regio"), "{page}");
    let p = StateDb::open(&s.state).expect("state").proposal(1).expect("read").expect("proposal");
    assert!(p.needs_second && p.creates.is_some(), "a new number needs a second editor");
    // Bram approves: the new contact is in the file, with its check, and passes the lint.
    let bram = login(&s, &c, "bram", PASSWORD).expect("bram");
    assert_eq!(post(&s, &c, &bram, "/redactie/voorstel/1/goedkeuren", &[]).status(), StatusCode::SEE_OTHER);
    let file = std::fs::read_to_string(s.content.join("regions").join(NHZ).join("contacts.toml")).expect("file");
    assert!(file.contains("id = \"nhz-wijkteam-test\"") && file.contains("checked_how = \"sociale-kaart\""), "{file}");
    let loaded = palliwijzer_core::content::load_dir(&s.content, Views::today_in_nl());
    assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics);
    let added = loaded.content.contacts.iter().find(|x| x.id == "nhz-wijkteam-test").expect("added");
    assert_eq!(added.provenance.verified_on, chrono::NaiveDate::from_ymd_opt(2026, 11, 30));
}

#[test]
fn postcodes_beslisboom_ends_and_zorgpad_text_are_edited_with_the_same_care() {
    let s = start();
    let c = client();
    let anna = login(&s, &c, "anna", PASSWORD).expect("anna");
    let bram = login(&s, &c, "bram", PASSWORD).expect("bram");
    let (_, overview) = get(&s, &c, &anna, "/redactie");
    assert!(
        overview.contains("/redactie/region/noord-holland-zuid")
            && overview.contains("/redactie/tree/nhz-bb-eind-complexe-vraag")
    );
    assert!(!overview.contains("/redactie/region/gooi-en-vechtstreek"), "another region's postcodes stay out of sight");

    // A postcode that another region already has: the whole lint refuses it; nothing changes.
    let region_file = s.content.join("regions").join(NHZ).join("region.toml");
    let before = std::fs::read_to_string(&region_file).expect("region");
    let (_, form) = get(&s, &c, &anna, "/redactie/region/noord-holland-zuid");
    assert!(form.contains("Haarlem: 2011-2013, 2016-2037, 2063"), "{form}");
    let res = post(
        &s,
        &c,
        &anna,
        "/redactie/region/noord-holland-zuid",
        &[("postcodes", "Haarlem: 2011-2013, 2016-2037, 2063, 1211")],
    );
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a postcode change says how it was checked");
    let res = post(
        &s,
        &c,
        &anna,
        "/redactie/region/noord-holland-zuid",
        &[("postcodes", "Haarlem: 2011-2013, 2016-2037, 2063, 1211"), ("gecontroleerd", "website")],
    );
    let proposal = location(&res);
    let (_, page) = get(&s, &c, &bram, &proposal);
    assert!(page.contains("tweede redacteur"), "{page}");
    let res = post(&s, &c, &bram, &format!("{proposal}/goedkeuren"), &[]);
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().expect("html");
    assert!(page.contains("postcode 1211 hoort al bij") && page.contains("Er is niets opgeslagen"), "{page}");
    assert_eq!(std::fs::read_to_string(&region_file).expect("region"), before);

    // A beslisboom end: four eyes, and the lint checks the contact exists.
    let end = "/redactie/tree/nhz-bb-eind-complexe-vraag";
    let res = post(&s, &c, &anna, end, &[("end_contacts", "nhz-casemanager-bardo")]);
    let proposal = location(&res);
    assert_eq!(post(&s, &c, &anna, &format!("{proposal}/goedkeuren"), &[]).status(), StatusCode::FORBIDDEN);
    assert_eq!(post(&s, &c, &bram, &format!("{proposal}/goedkeuren"), &[]).status(), StatusCode::SEE_OTHER);
    let tree = std::fs::read_to_string(s.content.join("regions").join(NHZ).join("beslisboom.toml")).expect("tree");
    assert!(tree.contains("contacts = [\"nhz-casemanager-bardo\"]"), "{tree}");
    let res = post(&s, &c, &anna, end, &[("end_contacts", "bestaat-niet")]);
    let proposal = location(&res);
    let (_, page) = get(&s, &c, &bram, &proposal);
    assert!(page.contains("klopt de inhoud niet meer"), "the preview already says the lint refuses it: {page}");

    // Zorgpad text: no second editor needed; the front matter and the rest of the file stay.
    let topic_file = s.content.join("regions").join(NHZ).join("zorgpad").join("onderwerp-centrale-zorgverlener.md");
    let old = std::fs::read_to_string(&topic_file).expect("topic");
    let (_, form) = get(&s, &c, &anna, "/redactie/topic/onderwerp-centrale-zorgverlener");
    assert!(!form.contains("Vandaag gecontroleerd?"), "texts are not checked facts");
    let res = post(
        &s,
        &c,
        &anna,
        "/redactie/topic/onderwerp-centrale-zorgverlener",
        &[("summary", "Wie het overzicht houdt.")],
    );
    let proposal = location(&res);
    assert_eq!(post(&s, &c, &anna, &format!("{proposal}/goedkeuren"), &[]).status(), StatusCode::SEE_OTHER);
    let new = std::fs::read_to_string(&topic_file).expect("topic");
    assert!(new.contains("summary = \"Wie het overzicht houdt.\""));
    assert_eq!(old.lines().count(), new.lines().count(), "one line changed, none added or lost");
    assert_eq!(palliwijzer_core::content::load_dir(&s.content, Views::today_in_nl()).error_count(), 0);
}

#[test]
fn a_contact_that_no_longer_exists_goes_with_four_eyes_and_a_new_one_comes_with_its_check() {
    let s = start();
    let c = client();
    let anna = login(&s, &c, "anna", PASSWORD).expect("anna");
    let bram = login(&s, &c, "bram", PASSWORD).expect("bram");
    // A contact a beslisboom end sends to cannot go: the lint says so and nothing changes.
    let res = post(&s, &c, &anna, "/redactie/contact/nhz-casemanager-bardo/verwijderen", &[]);
    let proposal = location(&res);
    assert_eq!(post(&s, &c, &anna, &format!("{proposal}/goedkeuren"), &[]).status(), StatusCode::FORBIDDEN);
    let res = post(&s, &c, &bram, &format!("{proposal}/goedkeuren"), &[]);
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().expect("html");
    assert!(
        page.contains("‘nhz-casemanager-bardo’ bestaat dan niet meer, maar de beslisboom verwijst er nog naar"),
        "{page}"
    );
    // One nothing refers to goes, with both editors named.
    let res = post(&s, &c, &anna, "/redactie/contact/nhz-regionaal-mdo/verwijderen", &[]);
    let proposal = location(&res);
    assert!(get(&s, &c, &bram, &proposal).1.contains("Dit onderdeel verdwijnt"));
    assert_eq!(post(&s, &c, &bram, &format!("{proposal}/goedkeuren"), &[]).status(), StatusCode::SEE_OTHER);
    let file = std::fs::read_to_string(s.content.join("regions").join(NHZ).join("contacts.toml")).expect("file");
    assert!(!file.contains("nhz-regionaal-mdo") && file.contains("nhz-mdo-topz"));
    assert!(git(&s.content, &["log", "-1", "--format=%s %an %cn"])
        .starts_with("contact nhz-regionaal-mdo: verwijderd (bestaat niet meer) anna bram"));

    // A new contact: every field checked, how it was checked required; a number needs Bram.
    let res = post(
        &s,
        &c,
        &anna,
        "/redactie/nieuw",
        &[
            ("id", "nhz-wijkteam"),
            ("regio", NHZ),
            ("soort", "wijkverpleging"),
            ("name", "Wijkteam"),
            ("phone", "12345"),
        ],
    );
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().expect("html");
    assert!(
        page.contains("geen geldig Nederlands telefoonnummer")
            && page.contains("Waarvoor bellen is verplicht")
            && page.contains("Zeg hoe u dit contact"),
        "{page}"
    );
    assert!(page.contains("value=\"nhz-wijkteam\""), "what was typed stays");
    // Another region is not Anna's to add to.
    let res = post(
        &s,
        &c,
        &anna,
        "/redactie/nieuw",
        &[("id", "gv-x"), ("regio", "gooi-en-vechtstreek"), ("soort", "netwerk")],
    );
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post(
        &s,
        &c,
        &anna,
        "/redactie/nieuw",
        &[
            ("id", "nhz-wijkteam"),
            ("regio", NHZ),
            ("soort", "wijkverpleging"),
            ("name", "Wijkteam Haarlem"),
            ("call_for", "Zorg thuis"),
            ("phone", NEW_PHONE),
            ("source", "https://example.org/wijkteam"),
            ("gecontroleerd", "gebeld"),
        ],
    );
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let proposal = location(&res);
    assert!(get(&s, &c, &anna, &proposal).1.contains("Dit contact komt erbij"));
    assert_eq!(post(&s, &c, &anna, &format!("{proposal}/goedkeuren"), &[]).status(), StatusCode::FORBIDDEN);
    assert_eq!(post(&s, &c, &bram, &format!("{proposal}/goedkeuren"), &[]).status(), StatusCode::SEE_OTHER);
    let loaded = palliwijzer_core::content::load_dir(&s.content, Views::today_in_nl());
    assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics);
    let added = loaded.content.contacts.iter().find(|x| x.id == "nhz-wijkteam").expect("added");
    assert_eq!(added.provenance.checked_how, Some(palliwijzer_core::model::CheckMethod::Gebeld));
    assert_eq!(added.provenance.verified_on, Some(Views::today_in_nl()));
}

#[test]
fn an_import_compares_with_the_file_as_written_not_with_explained_abbreviations() {
    let s = start();
    let c = client();
    let anna = login(&s, &c, "anna", PASSWORD).expect("anna");
    let file = std::fs::read_to_string(s.content.join("regions").join(NHZ).join("contacts.toml")).expect("file");
    let now = palliwijzer_core::content::edit::current(&file, ItemKind::Contact, HAP).expect("current");
    let value = |f: palliwijzer_core::content::edit::Field| {
        now.iter().find(|(x, _)| *x == f).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    use palliwijzer_core::content::edit::Field;
    assert!(value(Field::CallFor).contains("ICPC A69.01"), "the file writes the abbreviation bare");
    let quoted = |v: String| format!("\"{}\"", v.replace('"', "\"\""));
    let csv = format!(
        "id;naam;soort;waarvoor;telefoon;bron;gecontroleerd_op\n{HAP};{};huisartsenpost;{};{NEW_PHONE};{};30-11-2026\n",
        quoted(value(Field::Name)),
        quoted(value(Field::CallFor)),
        quoted(value(Field::Source))
    );
    let page =
        post(&s, &c, &anna, "/redactie/import", &[("csv", csv.as_str()), ("stap", "voorbeeld")]).text().expect("html");
    assert!(page.contains("wijzigt: Telefoonnummer<"), "only the number changes: {page}");
}
