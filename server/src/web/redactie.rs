//! The redactie: where the people who know the numbers keep them true. Editors log in with
//! their own account (one region, or national), see what needs attention first, propose
//! changes (`redactie_edit`), approve each other's, resolve users' reports and publish.
//!
//! The redactie's words are written here: no app shows these screens.

// Handlers return `Result<_, Response>` to send the page they end on early (login, expired
// form); axum's `Response` is large, boxing it would only add noise at every `?`.
#![allow(clippy::result_large_err)]

use super::layout::{page, Frame};
use super::session::{self, Attempt};
use super::Shared;
use crate::editorial::{may_edit, Proposal, Received};
use crate::state::{Role, Session};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use maud::{html, Markup};
use palliwijzer_core::model::{Content, ItemKind, Provenance};
use palliwijzer_core::view::labels;
use std::collections::HashMap;
use std::net::SocketAddr;

/// The value of a step that either goes on or has the page to answer with instead (a login
/// page, "niet uw regio", ...): the redactie's handlers return that page at once.
macro_rules! or_page {
    ($step:expr) => {
        match $step {
            Ok(value) => value,
            Err(page) => return page,
        }
    };
}
pub(super) use or_page;

pub(super) type FormFields = Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>;

/// The form's fields, with a browser's CRLF line ends (text areas) made LF as in the content
/// files: an untouched text area is then no change.
pub(super) fn fields(form: FormFields) -> HashMap<String, String> {
    let mut f = form.map(|Form(f)| f).unwrap_or_default();
    for v in f.values_mut() {
        if v.contains('\r') {
            *v = v.replace("\r\n", "\n").replace('\r', "\n");
        }
    }
    f
}

pub(super) fn frame(title: &str) -> Frame<'_> {
    Frame { title, region: None, body_class: "redactie" }
}

/// Days ahead the overview warns about reviews falling due.
const DUE_WITHIN_DAYS: i64 = 30;

fn login_markup(csrf: &str, error: Option<&str>) -> Markup {
    page(
        &frame("Redactie"),
        html! {
            h1 { "Redactie" }
            p.intro { "Voor de redacteuren van de netwerken: houd de nummers, tijden en bronnen van uw regio kloppend." }
            @if let Some(e) = error { p.melding role="alert" { (e) } }
            form.formulier method="post" action="/redactie/inloggen" {
                input type="hidden" name="csrf" value=(csrf);
                label for="gebruiker" { "Gebruikersnaam" }
                input #gebruiker type="text" name="gebruiker" autocomplete="username" autocapitalize="none" required;
                label for="wachtwoord" { "Wachtwoord" }
                input #wachtwoord type="password" name="wachtwoord" autocomplete="current-password" required;
                button.knop.groot type="submit" { "Inloggen" }
            }
        },
    )
}

fn login_page(s: &Shared, jar: CookieJar, status: StatusCode, error: Option<&str>) -> Response {
    let csrf = session::login_token(s, &jar).unwrap_or_else(|| s.state.login_token());
    (status, session::with_login_token(jar, &csrf, "/redactie"), login_markup(&csrf, error)).into_response()
}

/// The editor of this request, or the response to send instead (the login page).
pub(super) fn editor_or_login(s: &Shared, jar: &CookieJar) -> Result<Session, Response> {
    session::editor(s, jar, chrono::Utc::now().timestamp()).ok_or_else(|| Redirect::to("/redactie").into_response())
}

/// For a form post: the editor, with the form's token checked.
pub(super) fn editor_posting(s: &Shared, jar: &CookieJar, f: &HashMap<String, String>) -> Result<Session, Response> {
    let Some(ed) = session::editor(s, jar, chrono::Utc::now().timestamp()) else {
        return Err(login_page(
            s,
            jar.clone(),
            StatusCode::UNAUTHORIZED,
            Some("Uw sessie is verlopen. Log opnieuw in; wat u typte is niet opgeslagen."),
        ));
    };
    if !session::same(f.get("csrf").map(String::as_str).unwrap_or(""), &ed.csrf) {
        return Err(message_page(
            StatusCode::FORBIDDEN,
            "Formulier verlopen",
            "Dit formulier is verlopen. Open de pagina opnieuw en probeer het nog eens.",
        ));
    }
    Ok(ed)
}

/// The content folder the redactie edits, or the page that says this server has none (it
/// was started with a built database).
pub(super) fn repo(s: &Shared) -> Result<&crate::content_repo::ContentRepo, Response> {
    s.content_repo.as_ref().ok_or_else(|| {
        message_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Redactie niet beschikbaar",
            "Deze server is gestart met een gebouwde database (--db) in plaats van de inhoudsmap; de redactie werkt alleen op de inhoudsmap.",
        )
    })
}

pub(super) fn message_page(status: StatusCode, title: &str, text: &str) -> Response {
    (
        status,
        page(
            &frame(title),
            html! {
                h1 { (title) }
                p.melding role="alert" { (text) }
                p { a.knop href="/redactie" { "Naar het overzicht" } }
            },
        ),
    )
        .into_response()
}

pub async fn login(
    State(s): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    form: FormFields,
) -> Response {
    let f = fields(form);
    match session::log_in(&s, peer, jar, &f, Role::Editor, "/redactie") {
        Ok(Attempt::Started(jar)) => (jar, Redirect::to("/redactie")).into_response(),
        Ok(Attempt::Refused { status, why, token, jar }) => {
            (status, jar, login_markup(&token, Some(why))).into_response()
        }
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

pub async fn logout(State(s): State<Shared>, jar: CookieJar) -> Response {
    if let Some(token) = session::token(&jar) {
        let _ = super::blocking(|| s.state.logout(&token));
    }
    (session::ended(jar), Redirect::to("/redactie")).into_response()
}

/// Who the public reads as having checked: the region's network, or the redactie.
pub(super) fn checker_name(s: &Shared, region: Option<&str>) -> String {
    match region.and_then(|r| s.store().region(r).ok()) {
        Some(r) => r.network,
        None => "de redactie van Palliwijzer".to_string(),
    }
}

pub(super) fn scope_name(s: &Shared, ed: &Session) -> String {
    match &ed.region {
        Some(r) => s.store().region(r).map(|x| x.name).unwrap_or_else(|_| r.clone()),
        None => "alle regio's (landelijk)".to_string(),
    }
}

/// One item the editor keeps, with what the overview sorts on.
pub(super) struct Kept<'a> {
    pub kind: ItemKind,
    pub id: &'a str,
    pub name: &'a str,
    pub region: Option<&'a str>,
    pub provenance: &'a Provenance,
}

pub(super) fn kept<'a>(content: &'a Content, ed: &Session) -> Vec<Kept<'a>> {
    let contacts = content.contacts.iter().map(|c| Kept {
        kind: ItemKind::Contact,
        id: &c.id,
        name: &c.name,
        region: c.region.as_deref(),
        provenance: &c.provenance,
    });
    let facilities = content.facilities.iter().map(|f| Kept {
        kind: ItemKind::Facility,
        id: &f.id,
        name: &f.name,
        region: Some(f.region.as_str()),
        provenance: &f.provenance,
    });
    contacts.chain(facilities).filter(|k| may_edit(ed.region.as_deref(), k.region)).collect()
}

/// The region records, beslisboom steps and zorgpad texts an editor keeps, in reading order.
fn texts(content: &Content, ed: &Session) -> Vec<(ItemKind, String, String)> {
    let mut out = Vec::new();
    for r in content.regions.iter().filter(|r| may_edit(ed.region.as_deref(), Some(&r.id))) {
        out.push((ItemKind::Region, r.id.clone(), item_name(content, ItemKind::Region, &r.id)));
        for t in content.trees.iter().filter(|t| t.region == r.id) {
            for n in &t.nodes {
                out.push((ItemKind::Tree, n.id().to_string(), item_name(content, ItemKind::Tree, n.id())));
            }
        }
        for p in content.phases.iter().filter(|p| p.region == r.id) {
            out.push((ItemKind::Phase, p.id.clone(), item_name(content, ItemKind::Phase, &p.id)));
        }
        for t in content.topics.iter().filter(|t| t.region == r.id) {
            out.push((ItemKind::Topic, t.id.clone(), item_name(content, ItemKind::Topic, &t.id)));
        }
    }
    out
}

pub(super) fn edit_url(kind: ItemKind, id: &str) -> String {
    format!("/redactie/{}/{id}", kind.slug())
}

fn checked_words(p: &Provenance) -> String {
    match (p.verified_on, &p.checked_by) {
        (Some(d), Some(by)) => format!("gecontroleerd op {} door {by}", labels::date(d)),
        (Some(d), None) if labels::source_is_document(&p.source) => {
            format!("overgenomen uit een brondocument op {}; nooit live gecontroleerd", labels::date(d))
        }
        (Some(d), None) if p.checked_in_copy => {
            format!("nagekeken in een opgeslagen kopie op {}; nooit live gecontroleerd", labels::date(d))
        }
        (Some(d), None) => format!("gecontroleerd op {}", labels::date(d)),
        (None, _) => "nooit gecontroleerd".to_string(),
    }
}

fn item_row(k: &Kept<'_>) -> Markup {
    html! {
        li {
            a href=(edit_url(k.kind, k.id)) { (k.name) }
            " · " span.klein { (checked_words(k.provenance)) " · controle uiterlijk " (labels::date(k.provenance.upkeep.review_by)) }
        }
    }
}

pub(super) fn item_name(content: &Content, kind: ItemKind, id: &str) -> String {
    let found = match kind {
        ItemKind::Contact => content.contacts.iter().find(|c| c.id == id).map(|c| c.name.clone()),
        ItemKind::Facility => content.facilities.iter().find(|f| f.id == id).map(|f| f.name.clone()),
        ItemKind::Document => content.documents.iter().find(|d| d.id == id).map(|d| d.title.clone()),
        ItemKind::Region => content.regions.iter().find(|r| r.id == id).map(|r| format!("Postcodes van {}", r.name)),
        ItemKind::Tree => content.trees.iter().find_map(|t| t.node(id)).map(|n| match n {
            palliwijzer_core::model::TreeNode::Question { text, .. } => format!("Beslisboom: {text}"),
            palliwijzer_core::model::TreeNode::End { title, .. } => format!("Beslisboom, uitkomst: {title}"),
        }),
        ItemKind::Phase => content.phases.iter().find(|p| p.id == id).map(|p| format!("Zorgpad: {}", p.title)),
        ItemKind::Topic => {
            content.topics.iter().find(|t| t.id == id).map(|t| format!("Zorgpad-onderwerp: {}", t.title))
        }
        _ => None,
    };
    found.unwrap_or_else(|| "(onderdeel bestaat niet meer)".to_string())
}

/// An RFC 3339 time as a Dutch day: "30 november 2026".
pub(super) fn day(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| labels::date(t.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()))
        .unwrap_or_else(|_| rfc3339.to_string())
}

fn report_markup(r: &Received, content: &Content, csrf: &str) -> Markup {
    let name = item_name(content, r.report.kind, &r.report.item_id);
    let editable = matches!(r.report.kind, ItemKind::Contact | ItemKind::Facility);
    html! {
        article.kaart.melding-redactie id=(format!("m-{}", r.report.id)) {
            h3 { (name) " " span.klein { "(" (r.report.kind.noun()) ")" } }
            p { strong { "Wat klopt er niet: " } (r.report.what) }
            @if let Some(v) = &r.report.right_value { p { strong { "Juist volgens de melder: " } (v) } }
            @if let Some(v) = &r.report.reach { p { strong { "Bereikbaar via: " } (v) } }
            p.klein { "Ontvangen op " (day(&r.received_at)) }
            p.acties {
                @if editable {
                    a.knop href=(format!("{}?melding={}", edit_url(r.report.kind, &r.report.item_id), r.report.id)) { "Wijziging voorstellen" }
                    " "
                }
                form.inline method="post" action=(format!("/redactie/melding/{}/klopt", r.report.id)) {
                    input type="hidden" name="csrf" value=(csrf);
                    button.knop type="submit" { "Gecontroleerd, klopt" }
                }
            }
        }
    }
}

pub(super) fn proposal_summary(p: &Proposal, content: &Content) -> Markup {
    let name = item_name(content, p.kind, &p.item_id);
    let fields: Vec<&str> = p.changes.iter().map(|c| c.field.label()).collect();
    html! {
        li {
            a href=(format!("/redactie/voorstel/{}", p.id)) { "Voorstel " (p.id) ": " (name) }
            " · " (if fields.is_empty() { "alleen gecontroleerd".to_string() } else { fields.join(", ") })
            " · door " (p.proposed_by)
            @if p.needs_second { " · " strong { "tweede redacteur nodig" } }
        }
    }
}

pub async fn overview(State(s): State<Shared>, jar: CookieJar) -> Response {
    let ed = match session::editor(&s, &jar, chrono::Utc::now().timestamp()) {
        Some(ed) => ed,
        None => return login_page(&s, jar, StatusCode::OK, None),
    };
    let repo = or_page!(repo(&s));
    let today = palliwijzer_core::view::Views::today_in_nl();
    let loaded = super::blocking(|| palliwijzer_core::content::load_dir(repo.dir(), today));
    let region = ed.region.as_deref();
    let reports = super::blocking(|| s.state.open_reports(region)).unwrap_or_default();
    let proposals = super::blocking(|| s.state.open_proposals(region)).unwrap_or_default();
    let mut items = kept(&loaded.content, &ed);
    // Oldest check first; never checked before everything.
    items.sort_by_key(|k| (k.provenance.verified_on, k.name.to_lowercase()));
    let due = today + chrono::Duration::days(DUE_WITHIN_DAYS);
    let mut due_items: Vec<&Kept<'_>> = items.iter().filter(|k| k.provenance.upkeep.review_by <= due).collect();
    due_items.sort_by_key(|k| k.provenance.upkeep.review_by);
    let publication = super::blocking(|| s.state.last_publication()).ok().flatten();
    let unpublished = match &publication {
        Some(p) if ed.region.is_none() => super::blocking(|| repo.changes_since(p.commit.as_deref())),
        _ => Vec::new(),
    };
    page(
        &frame("Redactie"),
        html! {
            h1 { "Redactie: " (scope_name(&s, &ed)) }
            p.klein { "Ingelogd als " (ed.user) "." }
            section {
                h2 { "Meldingen van gebruikers (" (reports.len()) ")" }
                @if reports.is_empty() { p { "Geen open meldingen." } }
                @for r in &reports { (report_markup(r, &loaded.content, &ed.csrf)) }
            }
            section {
                h2 { "Voorstellen die wachten (" (proposals.len()) ")" }
                @if proposals.is_empty() { p { "Geen voorstellen die wachten." } }
                ul { @for p in &proposals { (proposal_summary(p, &loaded.content)) } }
            }
            section {
                h2 { "Controle verlopen of binnen " (DUE_WITHIN_DAYS) " dagen (" (due_items.len()) ")" }
                @if due_items.is_empty() { p { "Geen controles die binnen " (DUE_WITHIN_DAYS) " dagen verlopen." } }
                ul { @for k in &due_items { (item_row(k)) } }
            }
            section {
                h2 { "Alle contacten en instellingen (langst niet gecontroleerd eerst)" }
                ul { @for k in &items { (item_row(k)) } }
            }
            section {
                h2 { "Postcodes, beslisboom en zorgpad" }
                ul { @for (kind, id, name) in texts(&loaded.content, &ed) { li { a href=(edit_url(kind, &id)) { (name) } } } }
            }
            section {
                h2 { "Nieuwe contacten" }
                p { a.knop href="/redactie/nieuw" { "Nieuw contact voorstellen" } }
                p { a.knop href="/redactie/import" { "Contacten uit de sociale kaart (CSV) voorstellen" } }
            }
            @if ed.region.is_none() {
                section {
                    h2 { "Publiceren" }
                    @if let Some(last) = &publication { p { "Laatste publicatie: versie " (last.version) ", " (day(&last.at)) " door " (last.by) "." } }
                    @if publication.is_some() {
                        @if unpublished.is_empty() { p { "Sinds de laatste publicatie is niets goedgekeurd." } }
                        @else {
                            p { "Sinds de laatste publicatie goedgekeurd (" (unpublished.len()) "):" }
                            ul { @for c in &unpublished { li { (c) } } }
                        }
                    }
                    p { "Publiceren maakt de goedgekeurde inhoud beschikbaar voor de apps (ondertekend). Alleen wat is goedgekeurd, gaat mee." }
                    form method="post" action="/redactie/publiceren" {
                        input type="hidden" name="csrf" value=(ed.csrf);
                        button.knop.groot type="submit" { "Publiceren" }
                    }
                }
            }
            form method="post" action="/redactie/uitloggen" {
                input type="hidden" name="csrf" value=(ed.csrf);
                button.knop type="submit" { "Uitloggen" }
            }
        },
    )
    .into_response()
}

/// "Gecontroleerd, klopt": the report is closed without a change.
pub async fn report_fine(
    State(s): State<Shared>,
    Path(id): Path<String>,
    jar: CookieJar,
    form: FormFields,
) -> Response {
    let f = fields(form);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    let Some(report) = super::blocking(|| s.state.report(&id)).ok().flatten() else {
        return message_page(StatusCode::NOT_FOUND, "Melding niet gevonden", "Deze melding bestaat niet.");
    };
    if !may_edit(ed.region.as_deref(), report.region.as_deref()) {
        return message_page(StatusCode::FORBIDDEN, "Niet uw regio", "Deze melding hoort bij een andere regio.");
    }
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match super::blocking(|| s.state.resolve_report(&id, &ed.user, "gecontroleerd, klopt", &at)) {
        Ok(_) => Redirect::to("/redactie").into_response(),
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

/// A national editor publishes the approved content: the same signed publication as
/// `palliwijzer publish`, into the folder this server serves under `/sync/`.
pub async fn publish(State(s): State<Shared>, jar: CookieJar, form: FormFields) -> Response {
    let f = fields(form);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    if ed.region.is_some() {
        return message_page(StatusCode::FORBIDDEN, "Alleen landelijk", "Publiceren is voor de landelijke redactie.");
    }
    let (Some(repo), Some(out), Some(key)) = (s.content_repo.as_ref(), s.publication.as_ref(), s.publish_key.as_ref())
    else {
        return message_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Publiceren niet ingesteld",
            "Deze server publiceert niet: start hem met --publish MAP en --publish-key SLEUTEL.",
        );
    };
    let _one_at_a_time = s.editing.lock().unwrap_or_else(|p| p.into_inner());
    let started = std::time::Instant::now();
    let today = palliwijzer_core::view::Views::today_in_nl();
    let previous = super::blocking(|| s.state.last_publication()).ok().flatten();
    let carried = match &previous {
        Some(p) => super::blocking(|| repo.changes_since(p.commit.as_deref())),
        None => Vec::new(),
    };
    let result = super::blocking(|| -> Result<(crate::publish::Published, Option<String>, bool), String> {
        let loaded = palliwijzer_core::content::load_dir(repo.dir(), today);
        if loaded.error_count() > 0 {
            return Err(format!(
                "De inhoud heeft {} fout(en); er is niets gepubliceerd. `palliwijzer content lint` toont waar.",
                loaded.error_count()
            ));
        }
        let signing = crate::publish::read_key(key).map_err(|e| e.to_string())?;
        let keys_path = key.with_file_name("keys.json");
        let keys_json = palliwijzer_core::error::read_text(&keys_path)?;
        let expires = chrono::Utc::now() + chrono::Duration::days(30);
        let p =
            crate::publish::publish(&loaded.content, &loaded.content_hash, &signing, &keys_json, out, expires, None)
                .map_err(|e| e.to_string())?;
        // The website shows what the apps get: from now on it serves the published content.
        let site = match s.serve_content(&loaded.content, &loaded.content_hash) {
            Ok(()) => true,
            Err(e) => {
                eprintln!("publish: the website keeps the previous content: {e}");
                false
            }
        };
        Ok((p, repo.head(), site))
    });
    match result {
        Ok((p, head, site)) => {
            let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let _ = super::blocking(|| {
                s.state.record_publication(
                    p.version,
                    &ed.user,
                    head.as_deref(),
                    p.objects_written as u64,
                    p.total_bytes,
                    &at,
                )
            });
            let ms = started.elapsed().as_millis();
            page(
                &frame("Gepubliceerd"),
                html! {
                    h1 { "Gepubliceerd" }
                    p.gelukt role="status" {
                        "Versie " (p.version) " staat klaar voor de apps: " (labels::count(p.objects_written as u64, "nieuw object", "nieuwe objecten")) " ("
                        (format!("{:.1}", p.written_bytes as f64 / 1024.0)) " KB nieuw, "
                        (format!("{:.1}", p.total_bytes as f64 / 1024.0)) " KB in totaal), in " (ms) " ms."
                    }
                    @if !carried.is_empty() {
                        p { "Wat deze publicatie meeneemt sinds de vorige (" (carried.len()) "):" }
                        ul { @for c in &carried { li { (c) } } }
                    }
                    p { "Apps halen de wijzigingen op bij hun volgende synchronisatie; alleen wat veranderde, gaat over de lijn." }
                    @if site {
                        p { "De website toont de nieuwe inhoud vanaf nu." }
                    } @else {
                        p.melding role="alert" { "De website toont nog de vorige inhoud (zie het serverlog); herstart de server om de nieuwe te tonen." }
                    }
                    p { a.knop href="/redactie" { "Naar het overzicht" } }
                },
            )
            .into_response()
        }
        Err(m) => message_page(StatusCode::CONFLICT, "Niet gepubliceerd", &m),
    }
}
