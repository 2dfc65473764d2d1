//! The coordinator's screens: log in with the facility's own account, then one screen with
//! status, plus and minus for beds, a note, and save. Four taps after the password.

use super::layout::{page, Frame};
use super::Shared;
use crate::state::{Login, Saved, Session};
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use palliwijzer_core::availability::words::{self, COORDINATOR as T};
use palliwijzer_core::availability::{Status, Update, NOTE_MAX_CHARS};
use std::collections::HashMap;
use std::net::SocketAddr;
use strum::IntoEnumIterator;

const SESSION_COOKIE: &str = "pw_sessie";
const LOGIN_CSRF_COOKIE: &str = "pw_login";

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Compares secrets in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && !a.is_empty() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn session_from(s: &Shared, headers: &HeaderMap, now: i64) -> Option<Session> {
    let token = cookie(headers, SESSION_COOKIE)?;
    s.state.session(&token, now).ok().flatten()
}

fn set_cookie(res: &mut Response, value: String) {
    if let Ok(v) = HeaderValue::from_str(&value) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

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

pub async fn login_page(State(s): State<Shared>, headers: HeaderMap) -> Response {
    if session_from(&s, &headers, chrono::Utc::now().timestamp()).is_some() {
        return Redirect::to("/coordinator/beschikbaarheid").into_response();
    }
    let csrf = cookie(&headers, LOGIN_CSRF_COOKIE)
        .filter(|c| s.state.login_token_is_ours(c))
        .unwrap_or_else(|| s.state.login_token());
    let mut res = login_markup(&csrf, None).into_response();
    set_cookie(&mut res, format!("{LOGIN_CSRF_COOKIE}={csrf}; Path=/coordinator; HttpOnly; Secure; SameSite=Strict"));
    res
}

type FormFields = Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>;

fn fields(form: FormFields) -> HashMap<String, String> {
    form.map(|Form(f)| f).unwrap_or_default()
}

pub async fn login(
    State(s): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: FormFields,
) -> Response {
    let f = fields(form);
    let get = |k: &str| f.get(k).map(String::as_str).unwrap_or("");
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    // The token must match its cookie and be one this server issued: a value an attacker
    // made up and planted in both places does not pass.
    if !same(get("csrf"), &expected) || !s.state.login_token_is_ours(&expected) {
        let csrf = s.state.login_token();
        let mut res = (StatusCode::FORBIDDEN, login_markup(&csrf, Some(T.login_expired))).into_response();
        set_cookie(
            &mut res,
            format!("{LOGIN_CSRF_COOKIE}={csrf}; Path=/coordinator; HttpOnly; Secure; SameSite=Strict"),
        );
        return res;
    }
    let user = get("gebruiker").trim().to_lowercase();
    let now = chrono::Utc::now().timestamp();
    match s.state.login(&user, get("wachtwoord"), &peer.ip().to_string(), now) {
        Ok(Login::Ok { token, .. }) => {
            let mut res = Redirect::to("/coordinator/beschikbaarheid").into_response();
            set_cookie(
                &mut res,
                format!(
                    "{SESSION_COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={}",
                    crate::state::SESSION_SECONDS
                ),
            );
            res
        }
        Ok(Login::Wrong) => (StatusCode::UNAUTHORIZED, login_markup(&expected, Some(T.wrong_login))).into_response(),
        Ok(Login::Throttled) => {
            (StatusCode::TOO_MANY_REQUESTS, login_markup(&expected, Some(T.too_many_attempts))).into_response()
        }
        Ok(Login::Slowed) => {
            (StatusCode::TOO_MANY_REQUESTS, login_markup(&expected, Some(T.account_slowed))).into_response()
        }
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

struct FormState {
    status: Option<Status>,
    beds: String,
    note: String,
    version: i64,
}

fn form_markup(s: &Shared, session: &Session, st: &FormState, message: Option<(&str, bool)>) -> Markup {
    let facility = s.facilities.iter().find(|f| f.id == session.facility_id);
    let name = facility.map(|f| f.name.as_str()).unwrap_or(T.unknown_facility);
    let max = facility.and_then(|f| f.capacity).unwrap_or(200);
    page(
        &frame(T.heading),
        html! {
            h1 { (name) }
            @if let Some((text, ok)) = message {
                @if ok { p.gelukt role="status" { (text) } } @else { p.melding role="alert" { (text) } }
            }
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

fn current(s: &Shared, session: &Session) -> FormState {
    match s.state.availability(&session.facility_id).ok().flatten() {
        Some(a) => {
            FormState { status: Some(a.status), beds: a.free_beds.to_string(), note: a.note, version: a.version }
        }
        None => FormState { status: None, beds: "0".into(), note: String::new(), version: 0 },
    }
}

pub async fn form(State(s): State<Shared>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let Some(session) = session_from(&s, &headers, chrono::Utc::now().timestamp()) else {
        return Redirect::to("/coordinator").into_response();
    };
    let saved = q.as_deref().is_some_and(|q| q.contains("opgeslagen=1"));
    let st = current(&s, &session);
    let when = s.state.availability(&session.facility_id).ok().flatten().map(|a| a.updated_at).unwrap_or_default();
    let local = chrono::DateTime::parse_from_rfc3339(&when)
        .map(|t| t.with_timezone(&chrono_tz::Europe::Amsterdam).format("%H:%M").to_string())
        .unwrap_or_default();
    let msg = words::saved_at(&local);
    form_markup(&s, &session, &st, saved.then_some((msg.as_str(), true))).into_response()
}

pub async fn save(State(s): State<Shared>, headers: HeaderMap, form: FormFields) -> Response {
    let now = chrono::Utc::now();
    let Some(session) = session_from(&s, &headers, now.timestamp()) else {
        return (StatusCode::UNAUTHORIZED, login_markup(&s.state.login_token(), Some(T.session_expired)))
            .into_response();
    };
    let f = fields(form);
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    if !same(&get("csrf"), &session.csrf) {
        let st = current(&s, &session);
        return (StatusCode::FORBIDDEN, form_markup(&s, &session, &st, Some((T.form_expired, false)))).into_response();
    }
    let typed =
        FormState { status: get("status").parse().ok(), beds: get("vrije_bedden"), note: get("notitie"), version: 0 };
    let Ok(version) = get("versie").trim().parse::<i64>() else {
        let st = current(&s, &session);
        return (StatusCode::BAD_REQUEST, form_markup(&s, &session, &st, Some((T.form_incomplete, false))))
            .into_response();
    };
    let capacity = s.facilities.iter().find(|x| x.id == session.facility_id).and_then(|x| x.capacity);
    let update = Update { status: get("status"), free_beds: typed.beds.clone(), note: typed.note.clone() };
    let valid = match update.validate(capacity) {
        Ok(v) => v,
        Err(problems) => {
            let st = FormState { version, ..typed };
            let text = words::not_saved(&problems);
            return (StatusCode::BAD_REQUEST, form_markup(&s, &session, &st, Some((&text, false)))).into_response();
        }
    };
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match s.state.save(&session.user, &session.facility_id, &valid, version, &at) {
        Ok(Saved::Ok(_)) => {
            s.availability_changed();
            Redirect::to("/coordinator/beschikbaarheid?opgeslagen=1").into_response()
        }
        Ok(Saved::Conflict(_)) => {
            let st = current(&s, &session);
            (StatusCode::CONFLICT, form_markup(&s, &session, &st, Some((T.newer_saved, false)))).into_response()
        }
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}

/// Logging out ends the session on the server, with or without the form's token: the
/// worst a forged logout can do is what the user asked for anyway.
pub async fn logout(State(s): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = s.state.logout(&token) {
            eprintln!("logout: {e}");
        }
    }
    let mut res = Redirect::to("/coordinator").into_response();
    set_cookie(&mut res, format!("{SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0"));
    res
}
