//! Web addresses and e-mail addresses in content.

use url::Url;

/// A web address must be absolute http(s) with a host.
pub fn check_url(text: &str) -> Result<(), String> {
    let url = Url::parse(text).map_err(|e| format!("`{text}` is not a valid URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{text}` must start with https:// or http://"));
    }
    if url.host_str().is_none_or(|h| !h.contains('.')) {
        return Err(format!("`{text}` has no valid host name"));
    }
    if text.chars().any(char::is_whitespace) {
        return Err(format!("`{text}` contains a space"));
    }
    Ok(())
}

/// A plain e-mail address: one `@`, a local part, and a domain with a dot.
pub fn check_email(text: &str) -> Result<(), String> {
    let ok = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("`{text}` is not a valid e-mail address"))
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
    }

    #[test]
    fn emails_are_plain_addresses() {
        assert!(check_email("netwerkpalliatievezorgzobrabant@stichtingkoh.nl").is_ok());
        assert!(check_email("geen adres").is_err());
        assert!(check_email("a@b").is_err());
    }
}
