//! Web addresses and e-mail addresses in content.

use url::Url;

/// Why a web or e-mail address is refused (the lint shows it at the field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("`{text}` contains an invisible character ({code}); type the address again")]
    Invisible { text: String, code: String },
    #[error("`{text}` is not a valid URL ({reason})")]
    NotAUrl { text: String, reason: String },
    #[error("`{0}` must start with https:// or http://")]
    NotWeb(String),
    #[error("`{0}` carries a user name or password before `@`; write the address without it")]
    Credentials(String),
    #[error("`{0}` points at an IP address; use the site's domain name")]
    IpAddress(String),
    #[error("`{0}` has no valid host name")]
    NoHost(String),
    #[error("`{0}` contains a space")]
    Space(String),
    #[error("`{0}` is not a valid e-mail address (only the address itself: no spaces, `?`, `&` or extra fields)")]
    Email(String),
}

/// A web address must be absolute http(s) with a host name: no user name or password in
/// it (`https://javascript:x@site.nl/` shows one thing and opens another), no IP address
/// or local host, no invisible characters.
pub fn check_url(text: &str) -> Result<(), LinkError> {
    let t = || text.to_string();
    if let Some((_, c)) = crate::invisible::find(text) {
        return Err(LinkError::Invisible { text: t(), code: crate::invisible::code(c) });
    }
    let url = Url::parse(text).map_err(|e| LinkError::NotAUrl { text: t(), reason: e.to_string() })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(LinkError::NotWeb(t()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(LinkError::Credentials(t()));
    }
    match url.host() {
        Some(url::Host::Domain(h))
            if h.trim_end_matches('.').contains('.') && !h.trim_end_matches('.').ends_with(".localhost") => {}
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => return Err(LinkError::IpAddress(t())),
        _ => return Err(LinkError::NoHost(t())),
    }
    if text.chars().any(char::is_whitespace) {
        return Err(LinkError::Space(t()));
    }
    Ok(())
}

/// A plain e-mail address: one `@`, a local part, and a domain with a dot; nothing a mail
/// link would read as more than an address (`?cc=`, `?body=`, `&`), nothing invisible.
pub fn check_email(text: &str) -> Result<(), LinkError> {
    let plain = |c: char| {
        !(c.is_whitespace()
            || c.is_control()
            || crate::invisible::is_invisible(c)
            || matches!(c, '<' | '>' | '"' | '?' | '&' | '=' | '/' | '\\' | ':' | ';' | ',' | '%' | '#'))
    };
    let ok = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && text.chars().all(plain)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(LinkError::Email(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_need_a_web_scheme_and_a_host() {
        assert!(check_url("https://palliaweb.nl/zorgpraktijk/consultatie").is_ok());
        assert!(check_url("palliaweb.nl").is_err());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("https://localhost/x").is_err());
        // Attack review: what looks like one thing and opens another is refused.
        assert!(check_url("https://javascript:alert(1)@x.example.nl/")
            .unwrap_err()
            .to_string()
            .contains("user name or password"));
        assert!(check_url("http://127.0.0.1:8080/beheer").unwrap_err().to_string().contains("IP address"));
        assert!(check_url("http://[::1]/").unwrap_err().to_string().contains("IP address"));
        assert!(check_url("https://admin.localhost/").is_err());
        assert!(check_url("https://thuisarts.nl/\u{202E}fdp.exe").unwrap_err().to_string().contains("U+202E"));
    }

    #[test]
    fn emails_are_plain_addresses() {
        assert!(check_email("netwerkpalliatievezorgzobrabant@stichtingkoh.nl").is_ok());
        assert!(check_email("geen adres").is_err());
        assert!(check_email("a@b").is_err());
        assert!(check_email("info@netwerk.nl?cc=ander@aanvaller.example").is_err());
        assert!(check_email("info@netwerk.nl?body=Stuur%20het%20dossier").is_err());
        assert!(check_email("info@netwerk.nl&subject=x").is_err());
        assert!(check_email("in\u{200B}fo@netwerk.nl").is_err());
    }
}
