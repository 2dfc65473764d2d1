//! "Nieuw contact": a contact the region did not have yet, proposed with the same field
//! checks as a change, a source and how it was checked; a number in it needs a second editor.

use super::layout::page;
use super::redactie::{
    checker_name, editor_or_login, editor_posting, fields, frame, message_page, or_page, FormFields,
};
use super::Shared;
use crate::editorial::NewProposal;
use crate::state::Session;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use maud::{html, Markup};
use palliwijzer_core::content::edit::{self, Change, Check, Field};
use palliwijzer_core::content::is_valid_id;
use palliwijzer_core::model::{CheckMethod, ContactKind, ItemKind};
use palliwijzer_core::view::Views;
use std::collections::HashMap;
use strum::IntoEnumIterator;

/// The regions a new contact may go into for this editor: (id, name); "" is national.
fn places(s: &Shared, ed: &Session) -> Vec<(String, String)> {
    match &ed.region {
        Some(r) => vec![(r.clone(), s.store().region(r).map(|x| x.name).unwrap_or_else(|_| r.clone()))],
        None => {
            let mut out = vec![(String::new(), "Landelijk (geldt in elke regio)".to_string())];
            out.extend(s.store().regions().unwrap_or_default().into_iter().map(|r| (r.id, r.name)));
            out
        }
    }
}

fn markup(s: &Shared, ed: &Session, typed: &HashMap<String, String>, errors: &HashMap<String, String>) -> Markup {
    let get = |k: &str| typed.get(k).cloned().unwrap_or_default();
    let error = |k: &str| errors.get(k).map(|e| html! { p.veldfout role="alert" { (e) } });
    html! {
        h1 { "Nieuw contact" }
        @if !errors.is_empty() { p.melding role="alert" { "Niet opgeslagen: verbeter wat hieronder bij de velden staat. Wat u typte, staat er nog." } }
        form.formulier method="post" action="/redactie/nieuw" {
            input type="hidden" name="csrf" value=(ed.csrf);
            label for="veld-id" { "Id (kleine letters, cijfers en streepjes; begin met de regio, zoals nhz-wijkteam-haarlem)" }
            input #veld-id type="text" name="id" value=(get("id")) autocapitalize="none";
            (error("id").unwrap_or_default())
            label for="veld-regio" { "Regio" }
            select #veld-regio name="regio" {
                @for (id, name) in places(s, ed) { option value=(id) selected[get("regio") == id] { (name) } }
            }
            label for="veld-soort" { "Soort" }
            select #veld-soort name="soort" {
                @for k in ContactKind::iter() { option value=(k.slug()) selected[get("soort") == k.slug()] { (k.label()) } }
            }
            @for field in Field::of(ItemKind::Contact) {
                @let fid = format!("veld-{}", field.key());
                label for=(fid) { (field.label()) }
                @if field.is_long() {
                    textarea id=(fid) name=(field.key()) rows="4" { (get(field.key())) }
                } @else {
                    input id=(fid) type="text" name=(field.key()) value=(get(field.key()));
                }
                (error(field.key()).unwrap_or_default())
            }
            fieldset.statussen {
                legend { "Hoe hebt u dit vandaag gecontroleerd?" }
                @for m in CheckMethod::iter() {
                    label.keuze {
                        input type="radio" name="gecontroleerd" value=(m.slug()) checked[get("gecontroleerd") == m.slug()];
                        span { (super::redactie_edit::method_label(m)) }
                    }
                }
                (error("gecontroleerd").unwrap_or_default())
            }
            button.knop.groot type="submit" { "Opslaan als voorstel" }
        }
        p { a href="/redactie" { "Terug naar het overzicht" } }
    }
}

pub async fn form(State(s): State<Shared>, jar: CookieJar) -> Response {
    match editor_or_login(&s, &jar) {
        Ok(ed) => page(&frame("Nieuw contact"), markup(&s, &ed, &HashMap::new(), &HashMap::new())).into_response(),
        Err(r) => r,
    }
}

pub async fn save(State(s): State<Shared>, jar: CookieJar, posted: FormFields) -> Response {
    let f = fields(posted);
    let ed = or_page!(editor_posting(&s, &jar, &f));
    let repo = or_page!(super::redactie::repo(&s));
    let get = |k: &str| f.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    let mut errors = HashMap::new();
    let id = get("id").to_lowercase();
    if !is_valid_id(&id) {
        errors.insert(
            "id".to_string(),
            "Kies een id van kleine letters, cijfers en streepjes, zoals nhz-wijkteam-haarlem.".to_string(),
        );
    }
    let region = Some(get("regio")).filter(|r| !r.is_empty());
    if !places(&s, &ed).iter().any(|(r, _)| Some(r.as_str()) == region.as_deref().or(Some(""))) {
        return message_page(
            StatusCode::FORBIDDEN,
            "Niet uw regio",
            "U kunt alleen contacten in uw eigen regio toevoegen.",
        );
    }
    let kind: Option<ContactKind> = get("soort").parse().ok();
    let mut changes = Vec::new();
    for field in Field::of(ItemKind::Contact) {
        let v = get(field.key());
        if let Err(e) = edit::check(field, &v) {
            errors.insert(field.key().to_string(), e.to_string());
        } else if !v.is_empty() {
            changes.push(Change { field, value: v });
        }
    }
    let method: Option<CheckMethod> = get("gecontroleerd").parse().ok();
    if method.is_none() {
        errors.insert(
            "gecontroleerd".to_string(),
            "Zeg hoe u dit contact hebt gecontroleerd: alleen wat een bron toont, komt in de app.".to_string(),
        );
    }
    let (Some(kind), Some(method), true) = (kind, method, errors.is_empty()) else {
        return (StatusCode::BAD_REQUEST, page(&frame("Nieuw contact"), markup(&s, &ed, &f, &errors))).into_response();
    };
    let today = Views::today_in_nl();
    let check = Check { on: today, by: checker_name(&s, region.as_deref()), how: method };
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    // The whole lint with the contact added, before anything is stored (a taken id, say).
    let new = NewProposal {
        kind: ItemKind::Contact,
        item_id: &id,
        region: region.as_deref(),
        changes: &changes,
        check_made: Some(&check),
        report_id: None,
        creates: Some(kind),
        removes: false,
        by: &ed.user,
        at: &at,
    };
    let trial = new.as_proposal();
    if let Err(e) = super::blocking(|| repo.with_proposal(&trial, today)) {
        let mut errors = HashMap::new();
        errors.insert("id".to_string(), e.to_string());
        return (StatusCode::BAD_REQUEST, page(&frame("Nieuw contact"), markup(&s, &ed, &f, &errors))).into_response();
    }
    match super::blocking(|| s.state.propose(&new)) {
        Ok(pid) => Redirect::to(&format!("/redactie/voorstel/{pid}")).into_response(),
        Err(e) => super::error::WebError::Internal(e.to_string()).into_response(),
    }
}
