//! "Contacten uit een sociale kaart": a CSV the network already keeps becomes proposals. A
//! preview first lists per line what would happen (new, which fields change, nothing) and
//! every line that cannot be used with its reason; nothing is stored until the editor asks,
//! and the text stays in the form so nothing typed or pasted is lost.

use super::layout::page;
use super::redactie::{
    checker_name, editor_or_login, editor_posting, fields, frame, message_page, or_page, FormFields,
};
use super::Shared;
use crate::editorial::NewProposal;
use crate::import::{self, Plan, Problem, Row};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use maud::{html, Markup};
use palliwijzer_core::content::edit::Check;
use palliwijzer_core::model::{CheckMethod, ItemKind};
use palliwijzer_core::view::Views;

fn form(csrf: &str, text: &str) -> Markup {
    html! {
        form.formulier method="post" action="/redactie/import" {
            input type="hidden" name="csrf" value=(csrf);
            label for="csv" { "De sociale kaart als CSV (plak de inhoud, of kies het bestand)" }
            input type="file" accept=".csv,text/csv" data-vul="csv" hidden;
            textarea #csv name="csv" rows="10" { (text) }
            p.klein {
                "Eerste regel: id, naam, soort, waarvoor, bron, gecontroleerd_op; daarnaast mogen telefoon, bereikbaar, website, email, bron_naam (de naam van een webbron) en (landelijk) regio. "
                "Komma of puntkomma. Een lege cel laat het bestaande gegeven staan."
            }
            button.knop type="submit" name="stap" value="voorbeeld" { "Bekijk wat er verandert" }
            " "
            button.knop.groot type="submit" name="stap" value="voorstellen" { "Maak voorstellen" }
        }
    }
}

pub async fn page_get(State(s): State<Shared>, jar: CookieJar) -> Response {
    let ed = or_page!(editor_or_login(&s, &jar));
    page(&frame("Sociale kaart inlezen"), html! { h1 { "Sociale kaart inlezen" } (form(&ed.csrf, "")) }).into_response()
}

fn plan_words(row: &Row) -> String {
    match &row.plan {
        Plan::New { kind, .. } => format!("nieuw contact ({})", kind.label()),
        Plan::Change { changes } if changes.is_empty() => "alleen opnieuw gecontroleerd".to_string(),
        Plan::Change { changes } => {
            let f: Vec<&str> = changes.iter().map(|c| c.field.label()).collect();
            format!("wijzigt: {}", f.join(", "))
        }
        Plan::Nothing => "niets veranderd".to_string(),
    }
}

fn problems_markup(problems: &[Problem]) -> Markup {
    html! {
        @if !problems.is_empty() {
            section {
                h2 { "Regels die niet mee kunnen (" (problems.len()) ")" }
                ul.problemen { @for p in problems { li { "Regel " (p.line) ": " (p.message) } } }
            }
        }
    }
}

pub async fn page_post(State(s): State<Shared>, jar: CookieJar, posted: FormFields) -> Response {
    let f = fields(posted);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    let repo = or_page!(super::redactie::repo(&s));
    let text = f.get("csv").cloned().unwrap_or_default();
    let create = f.get("stap").map(String::as_str) == Some("voorstellen");
    let today = Views::today_in_nl();
    let loaded = super::blocking(|| palliwijzer_core::content::load_dir(repo.dir(), today));
    let regions: Vec<String> = loaded.content.regions.iter().map(|r| r.id.clone()).collect();
    // Compared with the files as written (what users read has abbreviations explained).
    let mut existing = Vec::new();
    for region in std::iter::once(None).chain(regions.iter().map(|r| Some(r.as_str()))) {
        let written = match super::blocking(|| repo.written(ItemKind::Contact, region)) {
            Ok(w) => w,
            Err(e) => return message_page(StatusCode::CONFLICT, "Kan niet lezen", &e.to_string()),
        };
        for (id, values) in written {
            let verified_on =
                loaded.content.contacts.iter().find(|c| c.id == id).and_then(|c| c.provenance.verified_on);
            existing.push(import::Existing { id, region: region.map(str::to_string), values, verified_on });
        }
    }
    let (rows, mut problems) = match import::read(&text, ed.region.as_deref(), &regions, &existing, today) {
        Ok(x) => x,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                page(
                    &frame("Sociale kaart inlezen"),
                    html! {
                        h1 { "Sociale kaart inlezen" }
                        p.melding role="alert" { (e) }
                        (form(&ed.csrf, &text))
                    },
                ),
            )
                .into_response()
        }
    };
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut made = Vec::new();
    if create {
        for row in &rows {
            let (changes, creates) = match &row.plan {
                Plan::New { kind, changes } => (changes.clone(), Some(*kind)),
                Plan::Change { changes } => (changes.clone(), None),
                Plan::Nothing => continue,
            };
            let check = Check {
                on: row.checked_on,
                by: checker_name(&s, row.region.as_deref()),
                how: CheckMethod::SocialeKaart,
            };
            // The whole content lint, with this row's change made, before anything is stored.
            let new = NewProposal {
                kind: ItemKind::Contact,
                item_id: &row.id,
                region: row.region.as_deref(),
                changes: &changes,
                check_made: Some(&check),
                report_id: None,
                creates,
                removes: false,
                by: &ed.user,
                at: &at,
            };
            if let Err(e) = super::blocking(|| repo.with_proposal(&new.as_proposal(), today)) {
                problems.push(Problem { line: row.line, message: e.to_string() });
                continue;
            }
            match super::blocking(|| s.state.propose(&new)) {
                Ok(pid) => made.push((row.line, pid, row.id.clone())),
                Err(e) => return super::error::WebError::Internal(e.to_string()).into_response(),
            }
        }
        problems.sort_by_key(|p| p.line);
    }
    let status = if problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    (
        status,
        page(
            &frame("Sociale kaart inlezen"),
            html! {
                h1 { "Sociale kaart inlezen" }
                @if create {
                    p.gelukt role="status" { (made.len()) " voorstel(len) aangemaakt. Telefoonnummers en openingstijden gaan pas in na goedkeuring door een tweede redacteur." }
                    ul { @for (line, pid, id) in &made { li { "Regel " (line) ": " a href=(format!("/redactie/voorstel/{pid}")) { "voorstel " (pid) " (" (id) ")" } } } }
                } @else {
                    p role="status" { "Voorbeeld: er is nog niets opgeslagen." }
                    table.import {
                        thead { tr { th { "Regel" } th { "Id" } th { "Wat er gebeurt" } } }
                        tbody { @for row in &rows { tr { td { (row.line) } td { (row.id) } td { (plan_words(row)) } } } }
                    }
                }
                (problems_markup(&problems))
                (form(&ed.csrf, &text))
                p { a href="/redactie" { "Terug naar het overzicht" } }
            },
        ),
    )
        .into_response()
}
