//! Who is writing: the session and login cookies (`axum-extra`'s cookie jar) and the CSRF
//! check, shared by the coordinator's screens and the JSON API. Reading needs none of it.

use super::Shared;
use crate::state::{Role, Session};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

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
