//! Reading what the coordinator pages hand a browser: a cookie and a hidden form field.
//! Shared by the feed bench and the server's availability tests, which log in like a browser.

/// The `name=value` part of the `set-cookie` header for `name`.
pub fn cookie(res: &reqwest::blocking::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

/// The value of the hidden input `name` in `html`, if the page has one.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let i = html.find(&marker)? + marker.len();
    html[i..].split('"').next().map(str::to_string)
}
