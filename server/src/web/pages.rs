//! One handler per page: validate the request, ask the core for the view model, draw it.

use super::error::WebError;
use super::layout::{self, page, Frame};
use super::{urls, Shared};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use palliwijzer_core::content::is_valid_id;
use palliwijzer_core::model::{Audience, ItemKind, Role};
use palliwijzer_core::view::{report_form, ui_text, MenuItem, SearchGroup, Views};
use palliwijzer_core::CoreError;
use std::str::FromStr;

type Page = Result<Response, WebError>;

fn with_views<T>(s: &Shared, f: impl FnOnce(&Views<'_>) -> Result<T, CoreError>) -> Result<T, WebError> {
    super::blocking(|| {
        let store = s.store();
        let views = Views::new(&store, Views::today_in_nl());
        Ok(f(&views)?)
    })
}

/// Path segments are ids: anything else is a malformed request, not a missing page.
fn id(kind: &str, value: &str) -> Result<String, WebError> {
    if is_valid_id(value) {
        Ok(value.to_string())
    } else {
        Err(WebError::BadRequest(format!("'{value}' is geen geldige {kind}-code. Gebruik de links op de site.")))
    }
}

fn params(q: &Option<String>) -> Vec<(String, String)> {
    q.as_deref().map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default()
}

fn param(q: &Option<String>, key: &str) -> Option<String> {
    params(q).into_iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| !v.is_empty())
}

const REGION_COOKIE: &str = "regio";

fn remembered_region(headers: &HeaderMap) -> Option<String> {
    let jar = axum_extra::extract::cookie::CookieJar::from_headers(headers);
    jar.get(REGION_COOKIE).map(|c| c.value().to_string()).filter(|v| is_valid_id(v))
}

fn html_response(markup: Markup) -> Response {
    markup.into_response()
}

fn frame<'a>(title: &'a str, region: Option<(&'a str, &'a str)>) -> Frame<'a> {
    Frame { title, region, body_class: "" }
}

fn region_search_form(value: &str) -> Markup {
    let text = ui_text();
    html! {
        form.zoek method="get" action="/regio" role="search" {
            label for="regio-q" { (text.postcode_label) }
            div.rij {
                input #regio-q type="search" name="q" value=(value) inputmode="search" autocomplete="postal-code" required;
                button.knop type="submit" { (text.find_region_button) }
            }
        }
    }
}

pub async fn start(State(s): State<Shared>, headers: HeaderMap) -> Page {
    let text = ui_text();
    let choice = with_views(&s, |v| v.regions())?;
    let remembered = remembered_region(&headers).and_then(|id| choice.regions.iter().find(|r| r.id == id).cloned());
    Ok(html_response(page(
        &frame(&text.start, remembered.as_ref().map(|r| (r.id.as_str(), r.name.as_str()))),
        html! {
            h1 { (text.start_heading) }
            @if let Some(r) = &remembered {
                p.verder { a.knop.groot href=(urls::region(&r.id)) { (choice.continue_label) " " (r.name) } }
                h2 { (choice.other_region_heading) }
            } @else {
                // A copy saved for offline use is made without the cookie: app.js fills this in
                // from the remembered region, so offline the GP still gets "Verder met ...".
                p #verder-kopie.verder hidden { a.knop.groot href="/" data-voorvoegsel=(choice.continue_label) {} }
                h2 { (choice.title) }
            }
            p { (choice.prompt) }
            (region_search_form(""))
            ul.lijst {
                @for r in &choice.regions {
                    li {
                        a href=(urls::region(&r.id)) data-regio=(r.id) { strong { (r.name) } br; span.klein { (r.municipalities) } }
                    }
                }
            }
        },
    )))
}

pub async fn find_region(State(s): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let text = ui_text();
    let query = param(&q, "q").unwrap_or_default();
    if query.chars().count() > 100 {
        return Err(WebError::BadRequest("De zoekvraag is te lang. Typ een postcode of plaatsnaam.".into()));
    }
    let found = with_views(&s, |v| v.find_region(&query))?;
    if found.matches.len() == 1 {
        return Ok(Redirect::to(&urls::region(&found.matches[0].id)).into_response());
    }
    Ok(html_response(page(
        &frame(&text.find_region_title, None),
        html! {
            h1 { (text.find_region_title) }
            p role="status" { (found.message) }
            (region_search_form(&found.query))
            @if let Some(c) = &found.fallback { (layout::contact(c, "", 2)) }
            ul.lijst {
                @for r in found.matches.iter().chain(&found.choose_from) {
                    li { a href=(urls::region(&r.id)) { strong { (r.name) } br; span.klein { (r.municipalities) } } }
                }
            }
            p { a href=(urls::DOCUMENTS) { (ui_text().documents_link) } }
        },
    )))
}

fn menu(items: &[MenuItem]) -> Markup {
    html! {
        @for m in items.iter().filter(|m| !m.app_only) {
            li { a.taak href=(m.target.path()) { strong { (m.label) } span { (m.hint) } } }
        }
    }
}

pub async fn region_home(State(s): State<Shared>, Path(region): Path<String>) -> Page {
    let region = id("regio", &region)?;
    let home = with_views(&s, |v| v.home(&region))?;
    let text = ui_text();
    let body = page(
        &frame(&home.title, Some((&home.region_id, &home.title))),
        html! {
            h1 { (home.title) }
            @if let Some(n) = &home.notice { p.melding { (n) } }
            ul.taken { (menu(&home.primary)) }
            h2 { (home.more_heading) }
            ul.taken.meer { (menu(&home.more)) }
            form.zoek method="get" action=(urls::search(&home.region_id)) role="search" {
                label for="zoek-q" { (text.search_label) }
                div.rij {
                    input #zoek-q type="search" name="q" required;
                    button.knop type="submit" { (text.search_button) }
                }
            }
            p { a href=(home.change_region.target.path()) { (home.change_region.label) } }
        },
    );
    // Remembered for a year; app.js reads it offline ("Verder met ..."), so not HttpOnly.
    let remembered = axum_extra::extract::cookie::Cookie::build((REGION_COOKIE, home.region_id.clone()))
        .path("/")
        .max_age(cookie::time::Duration::days(365))
        .same_site(axum_extra::extract::cookie::SameSite::Lax)
        .build();
    Ok((axum_extra::extract::cookie::CookieJar::new().add(remembered), html_response(body)).into_response())
}

pub async fn wie_bel_ik(State(s): State<Shared>, Path(region): Path<String>) -> Page {
    let text = ui_text();
    let region = id("regio", &region)?;
    let v = with_views(&s, |v| v.wie_bel_ik(&region))?;
    Ok(html_response(page(
        &frame(&v.title, Some((&v.region_id, &v.region_name))),
        html! {
            h1 { (v.title) }
            p.intro { (v.intro) }
            p { a.knop href=(urls::now(&v.region_id)) { (text.now_link) } }
            @if let Some(n) = &v.notice { p.melding { (n) } }
            details.inhoud {
                summary { (text.jump_to_group) " (" (v.groups.len()) ")" }
                nav aria-label=(text.groups_label) {
                    ul { @for g in &v.groups { li { a href=(format!("#g-{}", g.kind.slug())) { (g.title) } } } }
                }
            }
            @for g in &v.groups {
                section.groep id=(format!("g-{}", g.kind.slug())) aria-labelledby=(format!("h-{}", g.kind.slug())) {
                    h2 id=(format!("h-{}", g.kind.slug())) { (g.title) }
                    @for r in &g.rows { (layout::contact(r, &v.region_id, 3)) }
                }
            }
        },
    )))
}

pub async fn now(State(s): State<Shared>, Path(region): Path<String>) -> Page {
    let text = ui_text();
    let region = id("regio", &region)?;
    let v = with_views(&s, |v| v.now(&region, chrono::Utc::now()))?;
    Ok(html_response(page(
        &frame(&v.title, Some((&v.region_id, &v.region_name))),
        html! {
            h1 { (v.title) }
            (now_body(&v))
            p { a href=(urls::wie_bel_ik(&v.region_id)) { (text.all_contacts) } }
        },
    )))
}

/// "Wie bel ik nu?" below its heading: also the redactie's preview of a proposal.
pub(super) fn now_body(v: &palliwijzer_core::view::NowView) -> Markup {
    html! {
            p.intro { (v.period) }
            p.klein.berekend { (v.computed_line) }
            @for row in &v.rows {
                @let class = match row.status {
                    palliwijzer_core::view::NowStatus::Open => "status open",
                    palliwijzer_core::view::NowStatus::OpensLater => "status later",
                    palliwijzer_core::view::NowStatus::Unknown => "status onbekend",
                };
                div.nu-rij {
                    p class=(class) { (row.status_label) }
                    (layout::contact(&row.contact, &v.region_id, 3))
                }
            }
            @if !v.other_rows.is_empty() {
                details.zonder-nummer {
                    summary { (v.other_heading) " (" (v.other_rows.len()) ")" }
                    @for row in &v.other_rows { (layout::contact(&row.contact, &v.region_id, 3)) }
                }
            }
    }
}

pub async fn contact(State(s): State<Shared>, Path((region, contact)): Path<(String, String)>) -> Page {
    let text = ui_text();
    let region = id("regio", &region)?;
    let contact = id("contact", &contact)?;
    let (r, row) = with_views(&s, |v| Ok((v.region(&region)?, v.contact(&contact)?)))?;
    Ok(html_response(page(
        &frame(&row.name, Some((&r.id, &r.name))),
        html! {
            (layout::contact(&row, &r.id, 1))
            p.melden { a href=(urls::report(ItemKind::Contact, &row.id, &urls::contact(&r.id, &row.id))) { (report_form().title) } }
            p { a href=(urls::wie_bel_ik(&r.id)) { (text.all_contacts_in) " " (r.name) } }
        },
    )))
}

pub async fn hospices(State(s): State<Shared>, Path(region): Path<String>) -> Page {
    let region = id("regio", &region)?;
    let feed = super::availability::feed_value(&s, Some(&region)).map_err(WebError::Internal)?;
    let now = chrono::Utc::now();
    let feed = palliwijzer_core::availability::Feed { server_tijd: now.to_rfc3339(), ..feed };
    let live = palliwijzer_core::view::Live { feed: &feed, fetched_at: now, offline: false };
    let v = with_views(&s, |v| v.hospices(&region, Some(live), now))?;
    Ok(html_response(page(
        &frame(&v.title, Some((&v.region_id, &v.region_name))),
        html! {
            h1 { (v.title) }
            @if !v.freshness.is_empty() { p.intro { (v.freshness) " " (v.intro) } }
            @if let Some(m) = &v.empty_message { p.melding { (m) } }
            @if !v.empty_actions.is_empty() {
                p.acties { @for a in &v.empty_actions { (layout::action(a)) " " } }
            }
            @for row in &v.rows {
                @let state = if row.outdated { " verouderd-rij" } else if row.available { " beschikbaar" } else { "" };
                @let class = format!("kaart facility{state}{}", if row.voorbeeld { " is-voorbeeld" } else { "" });
                article class=(class) id=(format!("v-{}", row.id)) {
                    h3 { (row.name) }
                    @if !row.badges.is_empty() { p.badges { (layout::badges(&row.badges)) } }
                    p.regel-status { (row.status_label) " · " (row.beds_label) }
                    @if let Some(a) = &row.age_label { p.klein { (a) } }
                    @if let Some(o) = &row.outdated_label { p.melding { (o) } }
                    @if let Some(n) = &row.note_line { p { (n) } }
                    p { (row.kind_place) " · " (row.capacity) }
                    @if !row.actions.is_empty() {
                        p.acties { @for a in &row.actions { (layout::action(a)) " " } }
                    }
                    @if let Some(r) = &row.route_line { p.noot { (r) } }
                    p.bron { (row.source_line) }
                    p.melden { a href=(urls::report(ItemKind::Facility, &row.id, &urls::hospices(&v.region_id))) { (report_form().title) } }
                }
            }
            p.klein { a href="/coordinator" { (v.coordinator_line) } }
        },
    )))
}

pub async fn zorgpad(State(s): State<Shared>, Path(region): Path<String>) -> Page {
    let region = id("regio", &region)?;
    let (r, v) = with_views(&s, |v| Ok((v.region(&region)?, v.zorgpad(&region)?)))?;
    Ok(html_response(page(
        &frame(&v.title, Some((&r.id, &r.name))),
        html! {
            h1 { (v.title) }
            p.intro { (v.intro) }
            @if let Some(n) = &v.notice { p.melding { (n) } }
            ol.fasen {
                @for p in &v.phases {
                    li { a href=(urls::phase(&r.id, &p.id, Role::Huisarts)) { strong { (p.title) } br; span.klein { (p.summary) } } }
                }
            }
            @if !v.topics.is_empty() {
                h2 { (v.topics_heading) }
                ul.lijst {
                    @for t in &v.topics { li { a href=(urls::topic(&r.id, &t.id)) { (t.title) } } }
                }
            }
        },
    )))
}

fn role_param(q: &Option<String>) -> Result<Role, WebError> {
    match param(q, "rol") {
        None => Ok(Role::Huisarts),
        Some(r) => Role::from_str(&r).map_err(|_| {
            WebError::BadRequest(format!("Onbekende rol '{r}'. Kies huisarts, wijkverpleegkundige of ziekenhuis."))
        }),
    }
}

pub async fn phase(
    State(s): State<Shared>,
    Path((region, phase)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Page {
    let text = ui_text();
    let region = id("regio", &region)?;
    let phase = id("fase", &phase)?;
    let role = role_param(&q)?;
    let (r, p) = with_views(&s, |v| Ok((v.region(&region)?, v.phase(&region, &phase, role)?)))?;
    Ok(html_response(page(
        &frame(&p.title, Some((&r.id, &r.name))),
        html! {
            p.klein { a href=(urls::zorgpad(&r.id)) { (text.zorgpad) } " · " (p.position) }
            h1 { (p.title) }
            @if !p.badges.is_empty() { p.badges { (layout::badges(&p.badges)) } }
            p.intro { (p.summary) }
            nav.rollen aria-label=(text.role) {
                @for o in &p.roles {
                    @if o.selected {
                        a.knop.gekozen href=(urls::phase(&r.id, &p.id, o.role)) aria-current="page" { (o.label) }
                    } @else {
                        a.knop href=(urls::phase(&r.id, &p.id, o.role)) { (o.label) }
                    }
                }
            }
            section.kaart aria-labelledby="acties" {
                h2 #acties { (p.actions_heading) }
                ul { @for a in &p.actions { li { (a) } } }
            }
            h2 { (p.wie_heading) } p { (p.wie) }
            h2 { (p.hoe_heading) } p { (p.hoe) }
            @for sec in &p.background { h2 { (sec.heading) } p { (sec.text) } }
            @if !p.body_html.is_empty() { div.tekst { (layout::trusted_html(&p.body_html)) } }
            @if !p.hulpmiddelen.is_empty() {
                h2 { (p.hulpmiddelen_heading) }
                ul.lijst {
                    @for h in &p.hulpmiddelen {
                        li {
                            @if let Some(u) = &h.url { a href=(u) rel="noopener noreferrer" { (h.title) } }
                            @else if let Some(t) = &h.topic_id { a href=(urls::topic(&r.id, t)) { (h.title) } }
                            @else { (h.title) }
                            br; span.klein { (h.description) }
                        }
                    }
                }
            }
            @if !p.topics.is_empty() {
                h2 { (p.topics_heading) }
                ul.lijst { @for t in &p.topics { li { a href=(urls::topic(&r.id, &t.id)) { (t.title) } } } }
            }
            nav.buren aria-label=(text.phases) {
                @if let Some(prev) = &p.previous { a.knop href=(urls::phase(&r.id, &prev.id, role)) { "← " (prev.title) } }
                @if let Some(next) = &p.next { a.knop href=(urls::phase(&r.id, &next.id, role)) { (next.title) " →" } }
            }
            p.bron { (p.source_line) }
        },
    )))
}

pub async fn topic(State(s): State<Shared>, Path((region, topic)): Path<(String, String)>) -> Page {
    let text = ui_text();
    let region = id("regio", &region)?;
    let topic = id("onderwerp", &topic)?;
    let (r, t) = with_views(&s, |v| Ok((v.region(&region)?, v.topic(&topic)?)))?;
    Ok(html_response(page(
        &frame(&t.title, Some((&r.id, &r.name))),
        html! {
            p.klein { a href=(urls::zorgpad(&r.id)) { (text.zorgpad) } }
            h1 { (t.title) }
            @if !t.badges.is_empty() { p.badges { (layout::badges(&t.badges)) } }
            p.intro { (t.summary) }
            @if !t.checklist.is_empty() {
                section.kaart aria-labelledby="checklist" {
                    h2 #checklist { (t.checklist_heading) }
                    ul.checklist { @for item in &t.checklist { li { (item) } } }
                }
            }
            div.tekst { (layout::trusted_html(&t.body_html)) }
            @if !t.phases.is_empty() {
                h2 { (t.phases_heading) }
                ul.lijst { @for p in &t.phases { li { a href=(urls::phase(&r.id, &p.id, Role::Huisarts)) { (p.title) } } } }
            }
            p.bron { (t.source_line) }
        },
    )))
}

pub async fn beslisboom_start(State(s): State<Shared>, Path(region): Path<String>) -> Page {
    let region = id("regio", &region)?;
    beslisboom(&s, &region, None)
}

pub async fn beslisboom_step(State(s): State<Shared>, Path((region, node)): Path<(String, String)>) -> Page {
    let region = id("regio", &region)?;
    let node = id("stap", &node)?;
    beslisboom(&s, &region, Some(&node))
}

fn beslisboom(s: &Shared, region: &str, node: Option<&str>) -> Page {
    let text = ui_text();
    let (r, step) = with_views(s, |v| Ok((v.region(region)?, v.beslisboom(region, node)?)))?;
    Ok(html_response(page(
        &frame(&step.heading, Some((&r.id, &r.name))),
        html! {
            p.klein { (step.tree_title) }
            h1 { (step.heading) }
            @if let Some(h) = &step.help { p.intro { (h) } }
            @if !step.answers.is_empty() {
                ul.antwoorden {
                    @for a in &step.answers { li { a.knop.groot href=(urls::beslisboom(&r.id, Some(&a.next))) { (a.label) } } }
                }
            }
            @if let Some(end) = &step.end {
                p.intro { (end.advice) }
                @if let Some(f) = &end.fallback_line { p.melding { (f) } }
                @for c in &end.contacts { (layout::contact(c, &r.id, 3)) }
                @if let (Some(fr), Some(label)) = (&end.facilities_region, &end.facilities_label) {
                    p { a.knop.groot href=(urls::hospices(fr)) { (label) } }
                }
            }
            nav.terug aria-label=(text.beslisboom) {
                @if let Some(b) = &step.back {
                    @let to = if *b == step.start { None } else { Some(b.as_str()) };
                    a.knop href=(urls::beslisboom(&r.id, to)) { "← " (step.back_label) }
                }
                @if step.node_id != step.start {
                    a.knop href=(urls::beslisboom(&r.id, None)) { (text.restart) }
                }
            }
            p.bron { (step.source_line) }
        },
    )))
}

pub async fn hulpmiddelen(State(s): State<Shared>, Path(region): Path<String>, RawQuery(q): RawQuery) -> Page {
    let text = ui_text();
    let region = id("regio", &region)?;
    let phase = param(&q, "fase").map(|f| id("fase", &f)).transpose()?;
    let audience = match param(&q, "voor") {
        None => None,
        Some(a) => Some(Audience::from_str(&a).map_err(|_| {
            WebError::BadRequest(format!("Onbekende doelgroep '{a}'. Kies huisarts, verpleegkundige, poh of patient."))
        })?),
    };
    let result = with_views(&s, |v| Ok((v.region(&region)?, v.hulpmiddelen(&region, phase.as_deref(), audience))));
    let (r, view) = result?;
    let view = view.map_err(|e| match e {
        CoreError::NotFound { .. } => {
            WebError::BadRequest(format!("Onbekende fase '{}'.", phase.clone().unwrap_or_default()))
        }
        other => other.into(),
    })?;
    Ok(html_response(page(
        &frame(&view.title, Some((&r.id, &r.name))),
        html! {
            h1 { (view.title) }
            form.filters method="get" action=(urls::hulpmiddelen(&r.id)) {
                div {
                    label for="fase" { (text.phase_filter) }
                    select #fase name="fase" {
                        @for o in &view.phase_filter { option value=(o.value) selected[o.selected] { (o.label) } }
                    }
                }
                div {
                    label for="voor" { (text.audience_filter) }
                    select #voor name="voor" {
                        @for o in &view.audience_filter { option value=(o.value) selected[o.selected] { (o.label) } }
                    }
                }
                button.knop type="submit" { (text.show) }
            }
            p role="status" { (view.count_line) }
            @if !view.widen.is_empty() {
                ul.lijst.ruimer {
                    @for w in &view.widen {
                        @let query = url::form_urlencoded::Serializer::new(String::new())
                            .append_pair("fase", &w.phase)
                            .append_pair("voor", &w.audience)
                            .finish();
                        li { a href=(format!("{}?{query}", urls::hulpmiddelen(&r.id))) { (w.label) } }
                    }
                }
            }
            @for g in &view.groups {
                h2 { (g.title) }
                ul.lijst {
                    @for h in &g.items {
                        li {
                            @if let Some(u) = &h.url { a href=(u) rel="noopener noreferrer" { (h.title) } }
                            @else if let Some(t) = &h.topic_id { a href=(urls::topic(&r.id, t)) { (h.title) } }
                            @else { (h.title) }
                            br; span.klein { (h.description) }
                            br; span.klein { (h.audience_line) }
                            @if !h.badges.is_empty() { br; (layout::badges(&h.badges)) }
                        }
                    }
                }
            }
        },
    )))
}

pub async fn search(State(s): State<Shared>, Path(region): Path<String>, RawQuery(q): RawQuery) -> Page {
    let region = id("regio", &region)?;
    let query = param(&q, "q").unwrap_or_default();
    if query.chars().count() > 200 {
        return Err(WebError::BadRequest("De zoekvraag is te lang (meer dan 200 tekens).".into()));
    }
    let (r, view) = with_views(&s, |v| Ok((v.region(&region)?, v.search(&query, Some(&region))?)))?;
    let text = ui_text();
    Ok(html_response(page(
        &frame(&text.search_title, Some((&r.id, &r.name))),
        html! {
            h1 { (text.search_title) }
            form.zoek method="get" action=(urls::search(&r.id)) role="search" {
                label for="zoek-q" { (text.search_label) }
                div.rij {
                    input #zoek-q type="search" name="q" value=(view.query) required;
                    button.knop type="submit" { (text.search_button) }
                }
            }
            p role="status" { (view.message) }
            @if let Some(c) = &view.fallback { (layout::contact(c, &r.id, 3)) }
            @for g in &view.groups {
                h2 { (g.title) }
                (search_results(&r.id, g))
            }
            @if !view.mentions.is_empty() {
                h2 { (view.mentions_heading) }
                @for g in &view.mentions {
                    h3 { (g.title) }
                    (search_results(&r.id, g))
                }
            }
        },
    )))
}

/// One group of search results: each a link with its snippet, the match marked.
fn search_results(region: &str, g: &SearchGroup) -> Markup {
    html! {
        ul.lijst {
            @for res in &g.results {
                li {
                    a href=(urls::target(region, &res.target)) { (res.title) } br;
                    span.klein.fragment {
                        @for part in &res.snippet_parts {
                            @if part.marked { mark { (part.text) } } @else { (part.text) }
                        }
                    }
                }
            }
        }
    }
}

pub async fn documents(State(s): State<Shared>) -> Page {
    let v = with_views(&s, |v| v.documents())?;
    Ok(html_response(page(
        &frame(&v.title, None),
        html! {
            h1 { (v.title) }
            ul.lijst {
                @for d in &v.documents {
                    li {
                        a href=(urls::document(&d.id)) { strong { (d.title) } }
                        br; span.klein { (d.detail_line) }
                        br; span.klein { (d.summary) }
                    }
                }
            }
        },
    )))
}

pub async fn document(State(s): State<Shared>, Path(doc): Path<String>) -> Page {
    let doc = id("document", &doc)?;
    let d = with_views(&s, |v| v.document(&doc))?;
    let body_class = format!(
        "document papier-{} soort-{}{}",
        d.paper.slug(),
        d.kind.slug(),
        if d.for_patient { " voor-patient" } else { "" }
    );
    let text = ui_text();
    Ok(html_response(page(
        &Frame { title: &d.title, region: None, body_class: &body_class },
        html! {
            article.document {
                h1 { (d.title) }
                @if !d.badges.is_empty() { p.badges { (layout::badges(&d.badges)) } }
                p.klein.scherm { (d.detail_line) }
                // First, as in the apps: who hands a card out should not scroll past it to print.
                div.deel-acties {
                    button.knop type="button" data-actie="print" hidden { (text.print) }
                    button.knop type="button" data-actie="deel" data-titel=(d.title) data-tekst=(d.share_text) hidden { (text.share) }
                    p.deel-status role="status" {}
                    noscript { p { (text.share_fallback) } }
                }
                div.tekst { (layout::trusted_html(&d.html)) }
                @if !d.fill_in.is_empty() {
                    div.invulvelden { @for label in &d.fill_in { p.invulveld { (label) ":" } } }
                }
                p.bron { (d.source_line) }
                p.scherm.melden { a href=(urls::report(ItemKind::Document, &d.id, &urls::document(&d.id))) { (report_form().title) } }
            }
        },
    )))
}

pub async fn glossary(State(s): State<Shared>) -> Page {
    let g = with_views(&s, |v| v.glossary())?;
    Ok(html_response(page(
        &frame(&g.title, None),
        html! {
            h1 { (g.title) }
            dl.begrippen {
                @for e in &g.entries {
                    dt id=(e.id) { (e.term) }
                    dd {
                        strong { (e.meaning) } br;
                        (e.explanation)
                        @if !e.badges.is_empty() { br; (layout::badges(&e.badges)) }
                        @if let Some(line) = &e.synonyms_line { br; span.klein { (line) } }
                    }
                }
            }
        },
    )))
}

/// Every URL the service worker stores on the first visit, so the site works offline.
pub async fn offline_list(State(s): State<Shared>) -> Page {
    let mut list: Vec<String> = vec![
        "/".into(),
        "/offline".into(),
        urls::DOCUMENTS.into(),
        urls::GLOSSARY.into(),
        "/static/app.css".into(),
        "/static/app.js".into(),
        "/manifest.webmanifest".into(),
    ];
    with_views(&s, |v| {
        for d in v.documents()?.documents {
            list.push(urls::document(&d.id));
        }
        for r in v.regions()?.regions {
            let id = r.id.as_str();
            list.extend([
                urls::region(id),
                urls::now(id),
                urls::wie_bel_ik(id),
                urls::hospices(id),
                urls::zorgpad(id),
                urls::hulpmiddelen(id),
            ]);
            for g in v.wie_bel_ik(id)?.groups {
                list.extend(g.rows.iter().map(|c| urls::contact(id, &c.id)));
            }
            let z = v.zorgpad(id)?;
            for p in &z.phases {
                for role in [Role::Huisarts, Role::Wijkverpleegkundige, Role::Ziekenhuis] {
                    list.push(urls::phase(id, &p.id, role));
                }
            }
            list.extend(z.topics.iter().map(|t| urls::topic(id, &t.id)));
            if let Ok(start) = v.beslisboom(id, None) {
                list.push(urls::beslisboom(id, None));
                let mut todo: Vec<String> = start.answers.iter().map(|a| a.next.clone()).collect();
                let mut seen = std::collections::BTreeSet::new();
                while let Some(n) = todo.pop() {
                    if seen.insert(n.clone()) {
                        let step = v.beslisboom(id, Some(&n))?;
                        list.push(urls::beslisboom(id, Some(&n)));
                        todo.extend(step.answers.into_iter().map(|a| a.next));
                    }
                }
            }
        }
        Ok(())
    })?;
    list.dedup();
    let body = serde_json::json!({ "version": s.catalog().version, "urls": list });
    Ok(([(header::CACHE_CONTROL, "no-cache")], axum::Json(body)).into_response())
}

/// What the service worker shows offline for a page it did not save: says so, and links to
/// the pages that are saved, for every region.
pub async fn offline(State(s): State<Shared>) -> Page {
    let text = ui_text();
    let homes = with_views(&s, |v| v.regions()?.regions.iter().map(|r| v.home(&r.id)).collect::<Result<Vec<_>, _>>())?;
    Ok(html_response(page(
        &frame(&text.offline_title, None),
        html! {
            h1 { (text.offline_title) }
            p.melding { (text.offline_text) }
            @for home in &homes {
                h2 { (home.title) }
                ul.taken { (menu(&home.primary)) (menu(&home.more)) }
            }
        },
    )))
}

/// A page under a region that does not exist (a beslisboom the region lacks, an old link)
/// keeps the region: its name in the header and its four jobs, instead of a dead end.
pub async fn keep_region_when_not_found(
    State(s): State<Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let region = req
        .uri()
        .path()
        .strip_prefix("/r/")
        .and_then(|r| r.split('/').next())
        .filter(|r| is_valid_id(r))
        .map(str::to_string);
    let res = next.run(req).await;
    if res.status() != StatusCode::NOT_FOUND {
        return res;
    }
    let Some(home) = region.and_then(|id| with_views(&s, |v| v.home(&id)).ok()) else { return res };
    let text = ui_text();
    let body = page(
        &frame(&text.not_found_title, Some((&home.region_id, &home.title))),
        html! {
            h1 { (text.not_found_title) }
            p { (text.not_found_text) }
            ul.taken { (menu(&home.primary)) }
        },
    );
    (StatusCode::NOT_FOUND, body).into_response()
}

pub async fn not_found(State(_): State<Shared>) -> Response {
    let text = ui_text();
    (StatusCode::NOT_FOUND, layout::error_page(&text.not_found_title, &text.not_found_text)).into_response()
}
