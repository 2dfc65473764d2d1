//! The coordinator's screens: log in with the facility's own account, then one screen with
//! status, plus and minus for beds, a note, and save. Four taps after the password.

use super::layout::{page, Frame};
use super::session::{self, Attempt};
use super::Shared;
use crate::state::{Saved, Session};
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use maud::{html, Markup};
use palliwijzer_core::availability::words::{self, COORDINATOR as T};
use palliwijzer_core::availability::{Status, Update, NOTE_MAX_CHARS};
use palliwijzer_core::view::{standing, Standing};
use std::collections::HashMap;
use std::net::SocketAddr;
use strum::IntoEnumIterator;

fn frame<'a>(title: &'a str) -> Frame<'a> {
    Frame { title, region: None, body_class: "coordinator" }
}

fn login_markup(csrf: &str, error: Option<&str>) -> Markup {
    page(
        &frame(T.login_title),
        html! {
            h1 { (T.heading) }
            p.intro { (T.intro) }
            @if let Some(e) = error { p.melding role="alert" { (e) } }
            form.formulier method="post" action="/coordinator/inloggen" {
                input type="hidden" name="csrf" value=(csrf);
                label for="gebruiker" { (T.user) }
                input #gebruiker type="text" name="gebruiker" autocomplete="username" autocapitalize="none" required;
                label for="wachtwoord" { (T.password) }
                input #wachtwoord type="password" name="wachtwoord" autocomplete="current-password" required;
                button.knop.groot type="submit" { (T.log_in) }
            }
        },
    )
}

pub async fn login_page(State(s): State<Shared>, jar: CookieJar) -> Response {
    if session::current(&s, &jar, chrono::Utc::now().timestamp()).is_some() {
        return Redirect::to("/coordinator/beschikbaarheid").into_response();
    }
    let csrf = session::login_token(&s, &jar).unwrap_or_else(|| s.state.login_token());
    (session::with_login_token(jar, &csrf, "/coordinator"), login_markup(&csrf, None)).into_response()
}

type FormFields = Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>;

fn fields(form: FormFields) -> HashMap<String, String> {
    form.map(|Form(f)| f).unwrap_or_default()
}

pub async fn login(
    State(s): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    form: FormFields,
) -> Response {
    let f = fields(form);
    match session::log_in(&s, peer, jar, &f, crate::state::Role::Coordinator, "/coordinator") {
        Ok(Attempt::Started(jar)) => (jar, Redirect::to("/coordinator/beschikbaarheid")).into_response(),
        Ok(Attempt::Refused { status, why, token, jar }) => {
            (status, jar, login_markup(&token, Some(why))).into_response()
        }
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

struct FormState {
    status: Option<Status>,
    beds: String,
    note: String,
    version: i64,
    /// What zorgverleners see now: the stored stand, not what was typed.
    standing: Standing,
}

fn form_markup(s: &Shared, session: &Session, st: &FormState, message: Option<(&str, bool)>) -> Markup {
    let catalog = s.catalog();
    let facility = catalog.facilities.iter().find(|f| f.id == session.facility_id);
    let name = facility.map(|f| f.name.as_str()).unwrap_or(T.unknown_facility);
    let max = facility.and_then(|f| f.capacity).unwrap_or(palliwijzer_core::model::MAX_BEDS);
    page(
        &frame(T.heading),
        html! {
            h1 { (name) }
            @if let Some((text, ok)) = message {
                @if ok { p.gelukt role="status" { (text) } } @else { p.melding role="alert" { (text) } }
            }
            @if st.standing.outdated { p.melding #stand { (st.standing.line) " " (st.standing.hint) } }
            @else { p #stand { (st.standing.line) br; span.klein { (st.standing.hint) } } }
            form.formulier method="post" action="/coordinator/beschikbaarheid" {
                input type="hidden" name="csrf" value=(session.csrf);
                input type="hidden" name="versie" value=(st.version);
                fieldset.statussen {
                    legend { (T.status) }
                    @for status in Status::iter() {
                        label.keuze {
                            input type="radio" name="status" value=(status.slug()) checked[st.status == Some(status)] required;
                            span { (status.label()) }
                        }
                    }
                }
                label for="vrije-bedden" { (words::beds_label(max)) }
                div.teller {
                    button.knop type="button" data-stap="-1" aria-label=(T.one_less) { "−" }
                    input #vrije-bedden type="number" name="vrije_bedden" inputmode="numeric" min="0" max=(max) value=(st.beds) required;
                    button.knop type="button" data-stap="1" aria-label=(T.one_more) { "+" }
                }
                label for="notitie" { (words::note_label(NOTE_MAX_CHARS)) }
                textarea #notitie name="notitie" maxlength=(NOTE_MAX_CHARS) rows="2" { (st.note) }
                button.knop.groot.bel type="submit" { (T.save) }
            }
            form method="post" action="/coordinator/uitloggen" {
                input type="hidden" name="csrf" value=(session.csrf);
                button.knop type="submit" { (T.log_out) }
            }
        },
    )
}

/// The stored stand as the form starts from it, and when it was saved (RFC 3339).
fn current(s: &Shared, session: &Session) -> (FormState, Option<String>) {
    let capacity = s.catalog().facilities.iter().find(|f| f.id == session.facility_id).and_then(|f| f.capacity);
    let now = chrono::Utc::now();
    match super::blocking(|| s.state.availability(&session.facility_id)).ok().flatten() {
        Some(a) => {
            let standing = standing(Some((a.status, a.free_beds, &a.updated_at)), capacity, now);
            let st = FormState {
                status: Some(a.status),
                beds: a.free_beds.to_string(),
                note: a.note,
                version: a.version,
                standing,
            };
            (st, Some(a.updated_at))
        }
        None => {
            let standing = standing(None, capacity, now);
            (FormState { status: None, beds: "0".into(), note: String::new(), version: 0, standing }, None)
        }
    }
}

pub async fn form(State(s): State<Shared>, jar: CookieJar, RawQuery(q): RawQuery) -> Response {
    let Some(session) = session::current(&s, &jar, chrono::Utc::now().timestamp()) else {
        return Redirect::to("/coordinator").into_response();
    };
    let saved = q.as_deref().is_some_and(|q| q.contains("opgeslagen=1"));
    let (st, when) = current(&s, &session);
    let local = chrono::DateTime::parse_from_rfc3339(&when.unwrap_or_default())
        .map(|t| t.with_timezone(&chrono_tz::Europe::Amsterdam).format("%H:%M").to_string())
        .unwrap_or_default();
    let msg = words::saved_at(&local);
    form_markup(&s, &session, &st, saved.then_some((msg.as_str(), true))).into_response()
}

pub async fn save(State(s): State<Shared>, jar: CookieJar, form: FormFields) -> Response {
    let now = chrono::Utc::now();
    let Some(session) = session::current(&s, &jar, now.timestamp()) else {
        return (StatusCode::UNAUTHORIZED, login_markup(&s.state.login_token(), Some(T.session_expired)))
            .into_response();
    };
    let f = fields(form);
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    if !session::same(&get("csrf"), &session.csrf) {
        let (st, _) = current(&s, &session);
        return (StatusCode::FORBIDDEN, form_markup(&s, &session, &st, Some((T.form_expired, false)))).into_response();
    }
    let Ok(version) = get("versie").trim().parse::<i64>() else {
        let (st, _) = current(&s, &session);
        return (StatusCode::BAD_REQUEST, form_markup(&s, &session, &st, Some((T.form_incomplete, false))))
            .into_response();
    };
    let capacity = s.catalog().facilities.iter().find(|x| x.id == session.facility_id).and_then(|x| x.capacity);
    let update = Update { status: get("status"), free_beds: get("vrije_bedden"), note: get("notitie") };
    let valid = match update.validate(capacity) {
        Ok(v) => v,
        Err(problems) => {
            // What was typed stays, beside the stand zorgverleners still see.
            let (stored, _) = current(&s, &session);
            let st = FormState {
                status: get("status").parse().ok(),
                beds: update.free_beds,
                note: update.note,
                version,
                standing: stored.standing,
            };
            let text = words::not_saved(&problems);
            return (StatusCode::BAD_REQUEST, form_markup(&s, &session, &st, Some((&text, false)))).into_response();
        }
    };
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match super::blocking(|| s.state.save(&session.user, &session.facility_id, &valid, version, &at)) {
        Ok(Saved::Ok(_)) => {
            s.availability_changed();
            Redirect::to("/coordinator/beschikbaarheid?opgeslagen=1").into_response()
        }
        Ok(Saved::Conflict(_)) => {
            let (st, _) = current(&s, &session);
            (StatusCode::CONFLICT, form_markup(&s, &session, &st, Some((T.newer_saved, false)))).into_response()
        }
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

/// Logging out ends the session on the server, with or without the form's token: the
/// worst a forged logout can do is what the user asked for anyway.
pub async fn logout(State(s): State<Shared>, jar: CookieJar) -> Response {
    if let Some(token) = session::token(&jar) {
        if let Err(e) = super::blocking(|| s.state.logout(&token)) {
            eprintln!("logout: {e}");
        }
    }
    (session::ended(jar), Redirect::to("/coordinator")).into_response()
}
