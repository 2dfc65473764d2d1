//! The HTML around every page and the pieces pages share. Templates only draw: every word
//! about the content comes from a core view model.

use super::urls;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use palliwijzer_core::view::{ui_text, Badge, BadgeTone, ContactAction, ContactRow};

/// Where a page sits, for the header's links.
pub struct Frame<'a> {
    pub title: &'a str,
    pub region: Option<(&'a str, &'a str)>,
    /// Extra class on <body>, e.g. the paper size of a printable document.
    pub body_class: &'a str,
}

pub fn page(frame: &Frame<'_>, content: Markup) -> Markup {
    let text = ui_text();
    let now = chrono::Utc::now();
    let rendered = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let local = now.with_timezone(&chrono_tz::Europe::Amsterdam);
    let made = format!("{} om {}", palliwijzer_core::view::labels::date(local.date_naive()), local.format("%H:%M"));
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (frame.title) " · Palliwijzer" }
                link rel="stylesheet" href="/static/app.css";
                link rel="manifest" href="/manifest.webmanifest";
                meta name="theme-color" content="#1d4f6e";
                script src="/static/app.js" defer {}
            }
            body class=(frame.body_class) {
                a.skip href="#inhoud" { (text.skip_to_content) }
                header.top {
                    a.brand href="/" { (text.app_name) }
                    @if let Some((id, name)) = frame.region {
                        nav aria-label=(text.regio) {
                            a.regio href=(urls::region(id)) { (name) }
                        }
                    }
                }
                main id="inhoud" {
                    // Filled by app.js when this is a saved copy: at the top, not only in the footer.
                    p #kopie-melding.melding.kopie role="status" hidden {}
                    (content)
                }
                footer.bottom {
                    p #versheid data-weergegeven=(rendered) {
                        (text.page_made) " " (made) ". "
                        span.leeftijd {}
                    }
                    nav aria-label=(text.everywhere) {
                        a href="/" { (text.start) }
                        a href=(urls::DOCUMENTS) { (text.documents_link) }
                        a href=(urls::GLOSSARY) { (text.glossary_link) }
                    }
                }
            }
        }
    }
}

pub fn error_page(title: &str, text: &str) -> Markup {
    page(
        &Frame { title, region: None, body_class: "" },
        html! {
            h1 { (title) }
            p { (text) }
            p { a.knop href="/" { (ui_text().to_start) } }
        },
    )
}

pub fn badges(list: &[Badge]) -> Markup {
    html! {
        @for b in list {
            @match b.tone {
                BadgeTone::Voorbeeld => strong.badge.voorbeeld { (b.text) },
                BadgeTone::Verouderd => strong.badge.verouderd { (b.text) },
            }
        }
    }
}

pub fn action(a: &ContactAction) -> Markup {
    use palliwijzer_core::view::ActionKind;
    let class = match a.kind {
        ActionKind::Call => "knop bel",
        ActionKind::Email => "knop mail",
        ActionKind::Website => "knop web",
    };
    let external = matches!(a.kind, ActionKind::Website);
    html! {
        @if external {
            a class=(class) href=(a.uri) rel="noopener noreferrer" { (a.label) }
        } @else {
            a class=(class) href=(a.uri) { (a.label) }
        }
    }
}

/// One contact: name, marks, what to call for, the actions, hours, source.
pub fn contact(r: &ContactRow, region: &str, heading_level: u8) -> Markup {
    let classes = if r.voorbeeld { "kaart contact is-voorbeeld" } else { "kaart contact" };
    html! {
        article class=(classes) id=(format!("c-{}", r.id)) {
            @let title = html! { a href=(urls::contact(region, &r.id)) { (r.name) } };
            @if heading_level == 1 { h1 { (r.name) } } @else if region.is_empty() { h3 { (r.name) } } @else { h3 { (title) } }
            @if !r.badges.is_empty() { p.badges { (badges(&r.badges)) } }
            p { (r.call_for) }
            @if !r.actions.is_empty() {
                p.acties { @for a in &r.actions { (action(a)) " " } }
            }
            @if let Some(h) = &r.hours_line { p.uren { (h) } }
            @if let Some(n) = &r.note { p.noot { (n) } }
            p.bron { (r.source_line) }
        }
    }
}

/// Sanitized HTML from the core (ammonia has cleaned it).
pub fn trusted_html(html: &str) -> PreEscaped<&str> {
    PreEscaped(html)
}
