//! Conditional GET, once for every handler that offers ETags (the feed, the publication).

use axum::http::{header, HeaderMap};

/// Whether the request's `If-None-Match` names `tag` (or `*`): the client's copy is current
/// and a 304 answers. Tags compare weakly, as RFC 9110 asks for `If-None-Match`.
pub fn fresh(headers: &HeaderMap, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == bare(tag))
}

#[cfg(test)]
mod tests {
    use super::fresh;
    use axum::http::{header, HeaderMap, HeaderValue};

    fn asking(v: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static(v));
        h
    }

    #[test]
    fn a_listed_tag_weak_or_strong_or_a_star_is_fresh_and_others_are_not() {
        assert!(fresh(&asking("\"a\", \"b\""), "\"b\""));
        assert!(fresh(&asking("W/\"v1\""), "W/\"v1\""));
        assert!(fresh(&asking("\"v1\""), "W/\"v1\""));
        assert!(fresh(&asking("*"), "\"x\""));
        assert!(!fresh(&asking("\"v2\""), "\"v1\""));
        assert!(!fresh(&HeaderMap::new(), "\"v1\""));
    }
}
