//! Who is writing: the session and login cookies (`axum-extra`'s cookie jar) and the CSRF
//! check, shared by the coordinator's screens and the JSON API. Reading needs none of it.

use super::Shared;
use crate::state::{Login, Role, Session, StateError};
use axum::http::StatusCode;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use palliwijzer_core::availability::words::COORDINATOR as T;
use std::collections::HashMap;

const SESSION_COOKIE: &str = "pw_sessie";
const LOGIN_CSRF_COOKIE: &str = "pw_login";

/// Compares secrets in time that does not depend on where they differ (`subtle`); an empty
/// secret never matches.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    !a.is_empty() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn any(s: &Shared, jar: &CookieJar, now: i64) -> Option<Session> {
    let token = jar.get(SESSION_COOKIE)?;
    super::blocking(|| s.state.session(token.value(), now)).ok().flatten()
}

/// The coordinator whose session a request's cookie carries, if it exists and has not
/// expired. An editor's session is not a coordinator's.
pub fn current(s: &Shared, jar: &CookieJar, now: i64) -> Option<Session> {
    any(s, jar, now).filter(|x| x.role == Role::Coordinator)
}

/// The editor whose session a request's cookie carries (see [`current`]).
pub fn editor(s: &Shared, jar: &CookieJar, now: i64) -> Option<Session> {
    any(s, jar, now).filter(|x| x.role == Role::Editor)
}

/// The session token in the request, valid or not (logging out ends it either way).
pub fn token(jar: &CookieJar) -> Option<String> {
    jar.get(SESSION_COOKIE).map(|c| c.value().to_string())
}

fn strict(name: &'static str, value: String, path: &'static str) -> Cookie<'static> {
    Cookie::build((name, value)).path(path).http_only(true).secure(true).same_site(SameSite::Strict).build()
}

/// The cookie that carries a new session for [`crate::state::SESSION_SECONDS`].
pub fn started(jar: CookieJar, token: String) -> CookieJar {
    let mut c = strict(SESSION_COOKIE, token, "/");
    c.set_max_age(cookie::time::Duration::seconds(crate::state::SESSION_SECONDS));
    jar.add(c)
}

/// Clears the session cookie in the browser.
pub fn ended(jar: CookieJar) -> CookieJar {
    jar.remove(Cookie::build(SESSION_COOKIE).path("/"))
}

/// The login form's token from its cookie, when this server issued it.
pub fn login_token(s: &Shared, jar: &CookieJar) -> Option<String> {
    jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_string()).filter(|t| s.state.login_token_is_ours(t))
}

/// Puts a login form token in its cookie, sent only to `path` (`/coordinator`, `/redactie`).
pub fn with_login_token(jar: CookieJar, token: &str, path: &'static str) -> CookieJar {
    jar.add(strict(LOGIN_CSRF_COOKIE, token.to_string(), path))
}

/// What a login form's post came to.
pub enum Attempt {
    /// A session started; the jar carries its cookie.
    Started(CookieJar),
    /// Refused, with the status, why (in the words every login form uses), the token to draw
    /// the form with again, and the jar to send it in.
    Refused { status: StatusCode, why: &'static str, token: String, jar: CookieJar },
}

/// Checks a login form (`csrf`, `gebruiker`, `wachtwoord`) posted from `peer` for an account
/// of `role`, with the throttling of [`crate::state::StateDb::login`]. The form's token must
/// match its cookie and be one this server issued: a value an attacker made up and planted in
/// both places does not pass. A right password for an account of another role opens no
/// session at this door. `path` is where the login form lives (its token cookie's path).
pub fn log_in(
    s: &Shared,
    peer: std::net::SocketAddr,
    jar: CookieJar,
    f: &HashMap<String, String>,
    role: Role,
    path: &'static str,
) -> Result<Attempt, StateError> {
    let get = |k: &str| f.get(k).map(String::as_str).unwrap_or("");
    let Some(expected) = login_token(s, &jar).filter(|t| same(get("csrf"), t)) else {
        let token = s.state.login_token();
        let jar = with_login_token(jar, &token, path);
        return Ok(Attempt::Refused { status: StatusCode::FORBIDDEN, why: T.login_expired, token, jar });
    };
    let user = get("gebruiker").trim().to_lowercase();
    let now = chrono::Utc::now().timestamp();
    let refused = |status, why| Attempt::Refused { status, why, token: expected.clone(), jar: jar.clone() };
    Ok(match super::blocking(|| s.state.login(&user, get("wachtwoord"), &peer.ip().to_string(), now))? {
        Login::Ok { token, session } if session.role == role => Attempt::Started(started(jar, token)),
        Login::Ok { token, .. } => {
            super::blocking(|| s.state.logout(&token))?;
            refused(StatusCode::UNAUTHORIZED, T.wrong_login)
        }
        Login::Wrong => refused(StatusCode::UNAUTHORIZED, T.wrong_login),
        Login::Throttled => refused(StatusCode::TOO_MANY_REQUESTS, T.too_many_attempts),
        Login::Slowed => refused(StatusCode::TOO_MANY_REQUESTS, T.account_slowed),
    })
}
