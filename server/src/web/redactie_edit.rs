//! Changing one item in the redactie: the form (every field checked with a Dutch message
//! next to it, nothing stored on a mistake), the proposal with a preview in the real view
//! models, and approval by a second editor for what can send someone to the wrong place.

// Handlers return `Result<_, Response>` to send the page they end on early (login, expired
// form); axum's `Response` is large, boxing it would only add noise at every `?`.
#![allow(clippy::result_large_err)]

use super::layout::page;
use super::redactie::{
    checker_name, editor_or_login, editor_posting, fields, frame, item_name, message_page, or_page, FormFields,
};
use super::Shared;
use crate::content_repo::{ContentRepo, RepoError};
use crate::editorial::{may_edit, NewProposal, Proposal, Status};
use crate::state::Session;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use maud::{html, Markup};
use palliwijzer_core::content::edit::{self, Change, Check, Field};
use palliwijzer_core::model::{CheckMethod, Content, ItemKind};
use palliwijzer_core::view::Views;
use std::collections::HashMap;
use strum::IntoEnumIterator;

fn editable_kind(kind: &str) -> Option<ItemKind> {
    let kind: ItemKind = kind.parse().ok()?;
    (!Field::of(kind).is_empty() || kind == ItemKind::Tree).then_some(kind)
}

/// The item's region (`None`: national), if the item exists.
pub(super) fn region_of(content: &Content, kind: ItemKind, id: &str) -> Option<Option<String>> {
    match kind {
        ItemKind::Contact => content.contacts.iter().find(|c| c.id == id).map(|c| c.region.clone()),
        ItemKind::Facility => content.facilities.iter().find(|f| f.id == id).map(|f| Some(f.region.clone())),
        ItemKind::Document => content.documents.iter().find(|d| d.id == id).map(|_| None),
        ItemKind::Region => content.regions.iter().find(|r| r.id == id).map(|r| Some(r.id.clone())),
        ItemKind::Tree => content.trees.iter().find(|t| t.node(id).is_some()).map(|t| Some(t.region.clone())),
        ItemKind::Phase => content.phases.iter().find(|p| p.id == id).map(|p| Some(p.region.clone())),
        ItemKind::Topic => content.topics.iter().find(|t| t.id == id).map(|t| Some(t.region.clone())),
        _ => None,
    }
}

fn param(q: &Option<String>, key: &str) -> Option<String> {
    url::form_urlencoded::parse(q.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

fn today() -> chrono::NaiveDate {
    Views::today_in_nl()
}

fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What the form shows: values (as typed or current), a message per field, one at the top.
struct FormState {
    values: edit::Values,
    errors: HashMap<Field, String>,
    check_error: Option<String>,
    method: String,
    report: Option<String>,
    notice: Option<String>,
}

pub(super) fn method_label(m: CheckMethod) -> &'static str {
    match m {
        CheckMethod::Gebeld => "Gebeld",
        CheckMethod::Website => "Op de website van de instelling gezien",
        CheckMethod::Email => "Per e-mail bevestigd",
        CheckMethod::SocialeKaart => "Volgens de (gecontroleerde) sociale kaart van het netwerk",
    }
}

fn form_markup(
    s: &Shared,
    ed: &Session,
    kind: ItemKind,
    id: &str,
    name: &str,
    region: Option<&str>,
    st: &FormState,
) -> Markup {
    let repo = s.content_repo.as_ref();
    let history = repo.map(|r| r.history(kind, region, id)).unwrap_or_default();
    let report = st.report.as_ref().and_then(|r| super::blocking(|| s.state.report(r)).ok().flatten());
    html! {
        h1 { (name) }
        p.klein { (kind.noun()) " · " (region_name(s, region)) }
        @if let Some(n) = &st.notice { p.gelukt role="status" { (n) } }
        @if !st.errors.is_empty() || st.check_error.is_some() {
            p.melding role="alert" { "Niet opgeslagen: verbeter wat hieronder bij de velden staat. Wat u typte, staat er nog." }
        }
        @if let Some(r) = &report {
            aside.kaart {
                h2 { "Melding van een gebruiker" }
                p { (r.report.what) }
                @if let Some(v) = &r.report.right_value { p { "Juist volgens de melder: " (v) } }
            }
        }
        form.formulier method="post" action=(super::redactie::edit_url(kind, id)) {
            input type="hidden" name="csrf" value=(ed.csrf);
            @if let Some(r) = &st.report { input type="hidden" name="melding" value=(r); }
            @for (field, value) in &st.values {
                @let fid = format!("veld-{}", field.key());
                label for=(fid) {
                    (field.label())
                    @if field.needs_second_editor() { " " span.klein { "(een tweede redacteur keurt dit goed)" } }
                }
                @if field.is_long() {
                    textarea id=(fid) name=(field.key()) rows="4" aria-invalid=[st.errors.get(field).map(|_| "true")] { (value) }
                } @else {
                    input id=(fid) type="text" name=(field.key()) value=(value) aria-invalid=[st.errors.get(field).map(|_| "true")];
                }
                @if let Some(e) = st.errors.get(field) { p.veldfout role="alert" { (e) } }
                @else if let Some(r) = edit::readable(*field, value) { p.klein.leesbaar { "Zo leest de gebruiker het: " (r) } }
            }
            @if edit::takes_check(kind) {
            fieldset.statussen {
                legend { "Vandaag gecontroleerd?" }
                p.klein { "Een nieuw nummer of nieuwe tijden neemt u alleen over uit een bron die u zelf zag of belde. Zeg hoe." }
                label.keuze {
                    input type="radio" name="gecontroleerd" value="" checked[st.method.is_empty()];
                    span { "Niet vandaag gecontroleerd" }
                }
                @for m in CheckMethod::iter() {
                    label.keuze {
                        input type="radio" name="gecontroleerd" value=(m.slug()) checked[st.method == m.slug()];
                        span { (method_label(m)) }
                    }
                }
                @if let Some(e) = &st.check_error { p.veldfout role="alert" { (e) } }
            }
            }
            button.knop.groot type="submit" { "Opslaan als voorstel" }
        }
        @if matches!(kind, ItemKind::Contact | ItemKind::Facility) {
            section {
                h2 { "Bestaat dit niet meer?" }
                p { "Stel voor het te verwijderen. Een tweede redacteur keurt dat goed; tot dan blijft het staan." }
                form method="post" action=(format!("{}/verwijderen", super::redactie::edit_url(kind, id))) {
                    input type="hidden" name="csrf" value=(ed.csrf);
                    @if let Some(r) = &st.report { input type="hidden" name="melding" value=(r); }
                    button.knop type="submit" { "Verwijderen voorstellen" }
                }
            }
        }
        section {
            h2 { "Geschiedenis" }
            @if history.is_empty() { p { "Nog geen wijzigingen via de redactie." } }
            ul {
                @for h in &history {
                    li {
                        (h.date) ": " (h.subject) " · voorgesteld door " (h.author)
                        @if let Some(a) = &h.approved_by { ", goedgekeurd door " (a) }
                        " · " code { (h.commit) }
                    }
                }
            }
        }
        p { a href="/redactie" { "Terug naar het overzicht" } }
    }
}

/// A region as editors read it: its name, or "landelijk" for national items.
fn region_name(s: &Shared, region: Option<&str>) -> String {
    match region {
        Some(r) => s.store().region(r).map(|x| x.name).unwrap_or_else(|_| r.to_string()),
        None => "landelijk".to_string(),
    }
}

struct Item {
    kind: ItemKind,
    id: String,
    name: String,
    region: Option<String>,
}

/// The item from the content folder as it is now, if this editor may change it.
fn find<'s>(s: &'s Shared, ed: &Session, kind: &str, id: &str) -> Result<(Item, &'s ContentRepo), Response> {
    let repo = super::redactie::repo(s)?;
    let not_found = || message_page(StatusCode::NOT_FOUND, "Niet gevonden", "Dit onderdeel bestaat niet (meer).");
    let kind = editable_kind(kind).ok_or_else(not_found)?;
    let loaded = super::blocking(|| palliwijzer_core::content::load_dir(repo.dir(), today()));
    let region = region_of(&loaded.content, kind, id).ok_or_else(not_found)?;
    if !may_edit(ed.region.as_deref(), region.as_deref()) {
        return Err(message_page(
            StatusCode::FORBIDDEN,
            "Niet uw regio",
            "Dit onderdeel hoort bij een andere regio; die redactie houdt het bij.",
        ));
    }
    Ok((Item { kind, id: id.to_string(), name: item_name(&loaded.content, kind, id), region }, repo))
}

pub async fn form(
    State(s): State<Shared>,
    Path((kind, id)): Path<(String, String)>,
    jar: CookieJar,
    RawQuery(q): RawQuery,
) -> Response {
    let ed = or_page!(editor_or_login(&s, &jar));
    let (item, repo) = or_page!(find(&s, &ed, &kind, &id));
    let values = match super::blocking(|| repo.current(item.kind, item.region.as_deref(), &item.id)) {
        Ok(v) => v,
        Err(e) => return message_page(StatusCode::CONFLICT, "Kan niet lezen", &e.to_string()),
    };
    let notice = param(&q, "gecontroleerd").map(|_| "Vastgelegd: vandaag gecontroleerd.".to_string());
    let st = FormState {
        values,
        errors: HashMap::new(),
        check_error: None,
        method: String::new(),
        report: param(&q, "melding"),
        notice,
    };
    page(&frame(&item.name), form_markup(&s, &ed, item.kind, &item.id, &item.name, item.region.as_deref(), &st))
        .into_response()
}

pub async fn save(
    State(s): State<Shared>,
    Path((kind, id)): Path<(String, String)>,
    jar: CookieJar,
    form: FormFields,
) -> Response {
    let f = fields(form);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    let (item, repo) = or_page!(find(&s, &ed, &kind, &id));
    let current = match super::blocking(|| repo.current(item.kind, item.region.as_deref(), &item.id)) {
        Ok(v) => v,
        Err(e) => return message_page(StatusCode::CONFLICT, "Kan niet lezen", &e.to_string()),
    };
    let mut values = Vec::new();
    let mut changes = Vec::new();
    let mut errors = HashMap::new();
    for (field, old) in &current {
        let typed = f.get(field.key()).map(|v| v.trim().to_string()).unwrap_or_else(|| old.clone());
        if typed != old.trim() {
            if let Err(e) = edit::check(*field, &typed) {
                errors.insert(*field, e.to_string());
            }
            changes.push(Change { field: *field, value: typed.clone() });
        }
        values.push((*field, typed));
    }
    let method_typed = f.get("gecontroleerd").cloned().unwrap_or_default();
    let method: Option<CheckMethod> = method_typed.parse().ok().filter(|_| edit::takes_check(item.kind));
    let mut check_error = None;
    if method.is_none() && changes.iter().any(|c| c.field.needs_check()) {
        check_error = Some("Zeg hoe u dit hebt gecontroleerd: een nieuw nummer of nieuwe tijden komen alleen uit een bron die u zelf zag of belde.".to_string());
    }
    let report = f.get("melding").filter(|r| !r.is_empty()).cloned();
    let redraw = |status: StatusCode, errors, check_error, notice| {
        let st = FormState {
            values: values.clone(),
            errors,
            check_error,
            method: method_typed.clone(),
            report: report.clone(),
            notice,
        };
        (
            status,
            page(
                &frame(&item.name),
                form_markup(&s, &ed, item.kind, &item.id, &item.name, item.region.as_deref(), &st),
            ),
        )
            .into_response()
    };
    if !errors.is_empty() || check_error.is_some() {
        return redraw(StatusCode::BAD_REQUEST, errors, check_error, None);
    }
    if changes.is_empty() && method.is_none() {
        return redraw(
            StatusCode::OK,
            HashMap::new(),
            None,
            Some("Er is niets veranderd; er is niets opgeslagen.".into()),
        );
    }
    let check = method.map(|how| Check { on: today(), by: checker_name(&s, item.region.as_deref()), how });
    let at = now_text();
    let new = NewProposal {
        kind: item.kind,
        item_id: &item.id,
        region: item.region.as_deref(),
        changes: &changes,
        check_made: check.as_ref(),
        report_id: report.as_deref(),
        creates: None,
        removes: false,
        by: &ed.user,
        at: &at,
    };
    let pid = match super::blocking(|| s.state.propose(&new)) {
        Ok(id) => id,
        Err(e) => return super::error::WebError::Internal(e.to_string()).into_response(),
    };
    if let Some(r) = &report {
        let _ = super::blocking(|| s.state.resolve_report(r, &ed.user, &format!("voorstel {pid}"), &at));
    }
    // "Vandaag gecontroleerd" alone changes no fact: it is recorded at once.
    if changes.is_empty() {
        return match approve_now(&s, &ed, pid) {
            Ok(_) => Redirect::to(&format!("{}?gecontroleerd=1", super::redactie::edit_url(item.kind, &item.id)))
                .into_response(),
            Err(r) => r,
        };
    }
    Redirect::to(&format!("/redactie/voorstel/{pid}")).into_response()
}

/// Applies an open proposal under the editing lock; returns the commit.
fn approve_now(s: &Shared, ed: &Session, pid: i64) -> Result<String, Response> {
    let repo = super::redactie::repo(s)?;
    let _one_at_a_time = s.editing.lock().unwrap_or_else(|p| p.into_inner());
    let p = match super::blocking(|| s.state.proposal(pid)) {
        Ok(Some(p)) => p,
        _ => return Err(message_page(StatusCode::NOT_FOUND, "Niet gevonden", "Dit voorstel bestaat niet.")),
    };
    if p.status != Status::Open {
        return Err(message_page(StatusCode::CONFLICT, "Al besloten", "Over dit voorstel is al besloten."));
    }
    if p.needs_second && p.proposed_by == ed.user {
        return Err(message_page(
            StatusCode::FORBIDDEN,
            "Tweede redacteur nodig",
            "Dit voorstel wijzigt een telefoonnummer, openingstijden, postcodes of een uitkomst van de beslisboom: een andere redacteur moet het goedkeuren. Vraag een collega.",
        ));
    }
    let commit = super::blocking(|| repo.apply(&p, &ed.user, today())).map_err(|e| {
        let status = match e {
            RepoError::Lint(_) | RepoError::Edit(_) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::CONFLICT,
        };
        message_page(status, "Niet vastgelegd", &e.to_string())
    })?;
    let _ = super::blocking(|| s.state.decide(pid, &ed.user, Status::Approved, Some(&commit), &now_text()));
    Ok(commit)
}

fn diff(p: &Proposal, current: &[(Field, String)]) -> Markup {
    html! {
        div.verschil {
            @if p.removes {
                div.wijziging { h3 { "Verwijderen" } p { del { "Dit onderdeel verdwijnt uit de app en de website." } } }
            }
            @if p.creates.is_some() {
                div.wijziging { h3 { "Nieuw" } p { ins { "Dit contact komt erbij." } } }
            }
            @for c in &p.changes {
                @let old = current.iter().find(|(f, _)| *f == c.field).map(|(_, v)| v.as_str()).unwrap_or("");
                div.wijziging {
                    h3 { (c.field.label()) }
                    p { "Nu: " del { (if old.is_empty() { "(leeg)" } else { old }) } }
                    p { "Voorgesteld: " ins { (if c.value.is_empty() { "(leeg)" } else { c.value.as_str() }) } }
                }
            }
            @if let Some(k) = &p.check_made {
                div.wijziging {
                    h3 { "Gecontroleerd" }
                    p { ins { (palliwijzer_core::view::labels::date(k.on)) " door " (k.by) " (" (k.how.label()) ")" } }
                }
            }
        }
    }
}

/// The moment the preview is computed for: `?moment=2026-12-25T03:00` (Dutch time) or now.
fn moment(q: &Option<String>) -> (chrono::DateTime<chrono::Utc>, String) {
    use chrono::TimeZone;
    let tz = chrono_tz::Europe::Amsterdam;
    let typed = param(q, "moment").and_then(|m| chrono::NaiveDateTime::parse_from_str(&m, "%Y-%m-%dT%H:%M").ok());
    let local = typed
        .and_then(|t| tz.from_local_datetime(&t).earliest())
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&tz));
    (local.with_timezone(&chrono::Utc), local.format("%Y-%m-%dT%H:%M").to_string())
}

/// The proposal drawn by the same view models the public sees, built from the content with
/// the change made.
fn preview(s: &Shared, p: &Proposal, ed: &Session, at: chrono::DateTime<chrono::Utc>) -> Result<Markup, String> {
    let repo = s.content_repo.as_ref().ok_or("geen inhoudsmap")?;
    let loaded = repo.with_proposal(p, today()).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("voorbeeld.sqlite");
    palliwijzer_core::store::Store::build(&loaded.content, &loaded.content_hash, &path).map_err(|e| e.to_string())?;
    let store = palliwijzer_core::store::Store::open(&path).map_err(|e| e.to_string())?;
    let views = Views::new(&store, today());
    let region = p
        .region
        .clone()
        .or_else(|| ed.region.clone())
        .or_else(|| loaded.content.regions.first().map(|r| r.id.clone()))
        .ok_or("geen regio")?;
    if p.removes && p.kind == ItemKind::Facility {
        return Ok(html! { p { "Na goedkeuring staat deze instelling niet meer in de lijst van hospices." } });
    }
    match p.kind {
        ItemKind::Facility => {
            let v = views.hospices(&region, None, at).map_err(|e| e.to_string())?;
            let row = v.rows.iter().find(|r| r.id == p.item_id).ok_or("niet in de lijst")?;
            Ok(html! {
                article.kaart {
                    h3 { (row.name) }
                    p { (row.kind_place) " · " (row.capacity) }
                    p.acties { @for a in &row.actions { (super::layout::action(a)) " " } }
                    @if let Some(n) = &row.route_line { p.noot { (n) } }
                    p.bron { (row.source_line) }
                }
            })
        }
        ItemKind::Tree => {
            let step = views.beslisboom(&region, Some(&p.item_id)).map_err(|e| e.to_string())?;
            Ok(html! {
                p.klein { (step.tree_title) }
                h3 { (step.heading) }
                @if let Some(h) = &step.help { p { (h) } }
                @if !step.answers.is_empty() { ul { @for a in &step.answers { li { (a.label) } } } }
                @if let Some(end) = &step.end {
                    p { (end.advice) }
                    @if let Some(f) = &end.fallback_line { p.melding { (f) } }
                    @for c in &end.contacts { (super::layout::contact(c, "", 4)) }
                }
            })
        }
        ItemKind::Phase => {
            let v =
                views.phase(&region, &p.item_id, palliwijzer_core::model::Role::Huisarts).map_err(|e| e.to_string())?;
            Ok(html! {
                h3 { (v.title) }
                p.intro { (v.summary) }
                h4 { (v.wie_heading) } p { (v.wie) }
                h4 { (v.hoe_heading) } p { (v.hoe) }
                @for sec in &v.background { h4 { (sec.heading) } p { (sec.text) } }
                div.tekst { (super::layout::trusted_html(&v.body_html)) }
            })
        }
        ItemKind::Topic => {
            let v = views.topic(&p.item_id).map_err(|e| e.to_string())?;
            Ok(
                html! { h3 { (v.title) } p.intro { (v.summary) } div.tekst { (super::layout::trusted_html(&v.body_html)) } },
            )
        }
        ItemKind::Region => {
            // Each first postcode of a proposed range, looked up as a user would.
            let mut lines = Vec::new();
            for c in &p.changes {
                for line in c.value.lines() {
                    for range in line.split_once(':').map(|(_, r)| r).unwrap_or("").split(',') {
                        let first = range.trim().split('-').next().unwrap_or("").trim().to_string();
                        if first.is_empty() {
                            continue;
                        }
                        let found = views.find_region(&first).map_err(|e| e.to_string())?;
                        lines.push(format!("{first}: {}", found.message));
                    }
                }
            }
            Ok(html! { ul { @for l in &lines { li { (l) } } } })
        }
        _ => {
            let v = views.now(&region, at).map_err(|e| e.to_string())?;
            Ok(html! { h3 { (v.title) } (super::pages::now_body(&v)) })
        }
    }
}

pub async fn proposal(
    State(s): State<Shared>,
    Path(pid): Path<i64>,
    jar: CookieJar,
    RawQuery(q): RawQuery,
) -> Response {
    let ed = or_page!(editor_or_login(&s, &jar));
    let Some(p) = super::blocking(|| s.state.proposal(pid)).ok().flatten() else {
        return message_page(StatusCode::NOT_FOUND, "Niet gevonden", "Dit voorstel bestaat niet.");
    };
    if !may_edit(ed.region.as_deref(), p.region.as_deref()) {
        return message_page(StatusCode::FORBIDDEN, "Niet uw regio", "Dit voorstel hoort bij een andere regio.");
    }
    let repo = or_page!(super::redactie::repo(&s));
    let current = super::blocking(|| repo.current(p.kind, p.region.as_deref(), &p.item_id)).unwrap_or_default();
    let name = current
        .iter()
        .chain(p.changes.iter().map(|c| (c.field, c.value.clone())).collect::<Vec<_>>().iter())
        .find(|(f, v)| *f == Field::Name && !v.is_empty())
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| p.item_id.clone());
    let (at, at_text) = moment(&q);
    let shown = if p.status == Status::Open { Some(super::blocking(|| preview(&s, &p, &ed, at))) } else { None };
    let may_approve = p.status == Status::Open && !(p.needs_second && p.proposed_by == ed.user);
    page(
        &frame("Voorstel"),
        html! {
            h1 { "Voorstel " (p.id) ": " (name) }
            p.klein { "Voorgesteld door " (p.proposed_by) " op " (super::redactie::day(&p.proposed_at)) "." }
            @match p.status {
                Status::Open => {
                    @if p.needs_second {
                        p.melding role="status" { "Dit voorstel wijzigt een telefoonnummer, openingstijden, postcodes of een uitkomst van de beslisboom. Het gaat pas in als een tweede redacteur het goedkeurt; tot dan zien gebruikers het oude gegeven." }
                    } @else {
                        p role="status" { "Dit voorstel gaat in zodra een redacteur het goedkeurt; tot dan zien gebruikers het oude gegeven." }
                    }
                },
                Status::Approved => p.gelukt role="status" { "Goedgekeurd door " (p.decided_by.clone().unwrap_or_default()) " en vastgelegd in de geschiedenis van de inhoud (" code { (p.commit_id.clone().unwrap_or_default()) } "). Gebruikers krijgen het bij de volgende publicatie." },
                Status::Rejected => p.melding role="status" { "Afgewezen door " (p.decided_by.clone().unwrap_or_default()) "." },
            }
            (diff(&p, &current))
            @if let Some(shown) = shown {
                section.voorbeeld {
                    h2 { "Zo ziet de gebruiker het" }
                    @if p.kind == ItemKind::Contact {
                        form method="get" action=(format!("/redactie/voorstel/{}", p.id)) {
                            label for="moment" { "Op dit moment (Nederlandse tijd)" }
                            input #moment type="datetime-local" name="moment" value=(at_text);
                            button.knop type="submit" { "Toon" }
                        }
                    }
                    @match shown {
                        Ok(m) => (m),
                        Err(e) => p.melding role="alert" { (e) },
                    }
                }
            }
            @if p.status == Status::Open {
                @if may_approve {
                    form method="post" action=(format!("/redactie/voorstel/{}/goedkeuren", p.id)) {
                        input type="hidden" name="csrf" value=(ed.csrf);
                        button.knop.groot.bel type="submit" { "Goedkeuren en vastleggen" }
                    }
                } @else {
                    p { strong { "U stelde dit voor; een andere redacteur keurt het goed." } }
                }
                form method="post" action=(format!("/redactie/voorstel/{}/afwijzen", p.id)) {
                    input type="hidden" name="csrf" value=(ed.csrf);
                    button.knop type="submit" { (if p.proposed_by == ed.user { "Voorstel intrekken" } else { "Afwijzen" }) }
                }
            }
            p { a href=(super::redactie::edit_url(p.kind, &p.item_id)) { "Naar het onderdeel" } " · " a href="/redactie" { "Naar het overzicht" } }
        },
    )
    .into_response()
}

/// "Bestaat dit niet meer?": a proposal to remove a contact or facility (a second editor
/// approves).
pub async fn remove(
    State(s): State<Shared>,
    Path((kind, id)): Path<(String, String)>,
    jar: CookieJar,
    form: FormFields,
) -> Response {
    let f = fields(form);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    let (item, _) = or_page!(find(&s, &ed, &kind, &id));
    if !matches!(item.kind, ItemKind::Contact | ItemKind::Facility) {
        return message_page(
            StatusCode::BAD_REQUEST,
            "Niet te verwijderen",
            "Alleen contacten en instellingen kunnen hier worden verwijderd.",
        );
    }
    let report = f.get("melding").filter(|r| !r.is_empty()).cloned();
    let at = now_text();
    let new = NewProposal {
        kind: item.kind,
        item_id: &item.id,
        region: item.region.as_deref(),
        changes: &[],
        check_made: None,
        report_id: report.as_deref(),
        creates: None,
        removes: true,
        by: &ed.user,
        at: &at,
    };
    match super::blocking(|| s.state.propose(&new)) {
        Ok(pid) => {
            if let Some(r) = &report {
                let _ = super::blocking(|| s.state.resolve_report(r, &ed.user, &format!("voorstel {pid}"), &at));
            }
            Redirect::to(&format!("/redactie/voorstel/{pid}")).into_response()
        }
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

pub async fn approve(State(s): State<Shared>, Path(pid): Path<i64>, jar: CookieJar, form: FormFields) -> Response {
    let f = fields(form);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    match super::blocking(|| s.state.proposal(pid)).ok().flatten() {
        Some(p) if may_edit(ed.region.as_deref(), p.region.as_deref()) => {}
        Some(_) => {
            return message_page(StatusCode::FORBIDDEN, "Niet uw regio", "Dit voorstel hoort bij een andere regio.")
        }
        None => return message_page(StatusCode::NOT_FOUND, "Niet gevonden", "Dit voorstel bestaat niet."),
    }
    match approve_now(&s, &ed, pid) {
        Ok(_) => Redirect::to(&format!("/redactie/voorstel/{pid}")).into_response(),
        Err(r) => r,
    }
}

pub async fn reject(State(s): State<Shared>, Path(pid): Path<i64>, jar: CookieJar, form: FormFields) -> Response {
    let f = fields(form);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    match super::blocking(|| s.state.proposal(pid)).ok().flatten() {
        Some(p) if may_edit(ed.region.as_deref(), p.region.as_deref()) => {
            let _ = super::blocking(|| s.state.decide(pid, &ed.user, Status::Rejected, None, &now_text()));
            Redirect::to(&format!("/redactie/voorstel/{pid}")).into_response()
        }
        Some(_) => message_page(StatusCode::FORBIDDEN, "Niet uw regio", "Dit voorstel hoort bij een andere regio."),
        None => message_page(StatusCode::NOT_FOUND, "Niet gevonden", "Dit voorstel bestaat niet."),
    }
}
