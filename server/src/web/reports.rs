//! "Klopt dit niet?" arriving: the JSON endpoint the apps send their queued reports to
//! (`POST /api/v1/meldingen`, stored once per report id), and the website's form
//! (`/melden`). Both apply the core's rules, the rate per address and the cap on open reports;
//! a report is plain text that only the region's editors see.

use super::layout::{page, Frame};
use super::Shared;
use crate::editorial::Arrival;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use maud::{html, Markup};
use palliwijzer_core::model::ItemKind;
use palliwijzer_core::report::{Draft, Report, ReportError};
use palliwijzer_core::view::report_form;
use std::collections::HashMap;
use std::net::SocketAddr;

/// The largest report body taken: the longest allowed texts, escaped, fit well within it.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

fn api(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "melding": message }))).into_response()
}

const TOO_MANY: &str = "Er zijn vanaf dit adres veel meldingen gedaan. Probeer het over een uur opnieuw.";

fn region_of(s: &Shared, kind: ItemKind, id: &str) -> Option<Option<String>> {
    s.catalog().region_of(kind, id)
}

/// `POST /api/v1/meldingen`: 201 for a new report, 200 for one already here (a retry), 404
/// for an item that does not exist, 400 for a report the rules refuse, 429 when limited.
pub async fn receive(
    State(s): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Result<Json<Report>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(report)) = body else {
        return api(StatusCode::BAD_REQUEST, "Deze melding is niet te lezen.");
    };
    let report = match report.checked() {
        Ok(r) => r,
        Err(e) => return api(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let Some(region) = region_of(&s, report.kind, &report.item_id) else {
        return api(StatusCode::NOT_FOUND, &ReportError::NotReportable.to_string());
    };
    let now = chrono::Utc::now();
    match super::blocking(|| s.state.receive_report(&report, region.as_deref(), &peer.ip().to_string(), now)) {
        Ok(Arrival::New) => api(StatusCode::CREATED, "Ontvangen."),
        Ok(Arrival::Again) => api(StatusCode::OK, "Al ontvangen."),
        Ok(Arrival::TooMany) => api(StatusCode::TOO_MANY_REQUESTS, TOO_MANY),
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

/// Where the visitor came from, if it is a page of this site (never another site).
fn back(value: Option<&String>) -> String {
    match value {
        Some(v) if v.starts_with('/') && !v.starts_with("//") && !v.contains('\\') => v.clone(),
        _ => "/".to_string(),
    }
}

struct Typed {
    kind: String,
    id: String,
    what: String,
    right: String,
    reach: String,
    back: String,
}

fn form_markup(s: &Shared, t: &Typed, error: Option<&str>) -> Markup {
    let words = report_form();
    let kind: Option<ItemKind> = t.kind.parse().ok();
    let name = kind.map(|k| item_name(s, k, &t.id)).unwrap_or_default();
    page(
        &Frame { title: &words.title, region: None, body_class: "" },
        html! {
            h1 { (words.title) }
            @if !name.is_empty() { p { strong { (name) } } }
            p.intro { (words.intro) }
            @if let Some(e) = error { p.melding role="alert" { (e) } }
            form.formulier method="post" action="/melden" {
                input type="hidden" name="soort" value=(t.kind);
                input type="hidden" name="id" value=(t.id);
                input type="hidden" name="terug" value=(t.back);
                label for="wat" { (words.what_label) }
                textarea #wat name="wat" rows="4" maxlength=(words.what_max_chars) required { (t.what) }
                label for="juist" { (words.right_label) }
                input #juist type="text" name="juist" maxlength=(words.right_max_chars) value=(t.right);
                label for="bereik" { (words.reach_label) }
                input #bereik type="text" name="bereik" maxlength=(words.reach_max_chars) value=(t.reach);
                p.klein { (words.privacy) }
                button.knop.groot type="submit" { (words.send) }
            }
            p { a href=(t.back) { (palliwijzer_core::view::ui_text().back) } }
        },
    )
}

fn item_name(s: &Shared, kind: ItemKind, id: &str) -> String {
    let store = s.store();
    let views = palliwijzer_core::view::Views::new(&store, palliwijzer_core::view::Views::today_in_nl());
    match kind {
        ItemKind::Contact => views.contact(id).map(|c| c.name).unwrap_or_default(),
        ItemKind::Document => views.document(id).map(|d| d.title).unwrap_or_default(),
        ItemKind::Facility => {
            s.catalog().facilities.iter().find(|f| f.id == id).map(|f| f.name.clone()).unwrap_or_default()
        }
        _ => String::new(),
    }
}

fn param(q: &Option<String>, key: &str) -> Option<String> {
    url::form_urlencoded::parse(q.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// `GET /melden?soort=contact&id=...&terug=/r/...`: the form.
pub async fn form(State(s): State<Shared>, RawQuery(q): RawQuery) -> Response {
    let t = Typed {
        kind: param(&q, "soort").unwrap_or_default(),
        id: param(&q, "id").unwrap_or_default(),
        what: String::new(),
        right: String::new(),
        reach: String::new(),
        back: back(param(&q, "terug").as_ref()),
    };
    let known = t.kind.parse::<ItemKind>().ok().and_then(|k| region_of(&s, k, &t.id)).is_some();
    if !known {
        return super::error::WebError::NotFound(ReportError::NotReportable.to_string()).into_response();
    }
    form_markup(&s, &t, None).into_response()
}

/// `POST /melden`: stores the report, or shows the form again with what was typed.
pub async fn send(
    State(s): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>,
) -> Response {
    let f = form.map(|Form(f)| f).unwrap_or_default();
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let t = Typed {
        kind: get("soort"),
        id: get("id"),
        what: get("wat"),
        right: get("juist"),
        reach: get("bereik"),
        back: back(f.get("terug")),
    };
    let kind: Option<ItemKind> = t.kind.parse().ok();
    let Some(region) = kind.and_then(|k| region_of(&s, k, &t.id)) else {
        return super::error::WebError::NotFound(ReportError::NotReportable.to_string()).into_response();
    };
    let draft = Draft {
        kind,
        item_id: t.id.clone(),
        what: t.what.clone(),
        right_value: t.right.clone(),
        reach: t.reach.clone(),
    };
    let now = chrono::Utc::now();
    let report = match draft.check(now) {
        Ok(r) => r,
        Err(e) => return (StatusCode::BAD_REQUEST, form_markup(&s, &t, Some(&e.to_string()))).into_response(),
    };
    match super::blocking(|| s.state.receive_report(&report, region.as_deref(), &peer.ip().to_string(), now)) {
        Ok(Arrival::New | Arrival::Again) => page(
            &Frame { title: "Melding ontvangen", region: None, body_class: "" },
            html! {
                h1 { "Melding ontvangen" }
                p.gelukt role="status" { "Dank u. De redactie van de regio controleert het; tot dan blijft het gegeven zoals het was." }
                p { a.knop href=(t.back) { (palliwijzer_core::view::ui_text().back) } }
            },
        )
        .into_response(),
        Ok(Arrival::TooMany) => (StatusCode::TOO_MANY_REQUESTS, form_markup(&s, &t, Some(TOO_MANY))).into_response(),
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}
