//! The availability feed (`GET /api/v1/beschikbaarheid`) and the JSON write API for apps.

use super::{AppState, Shared};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use palliwijzer_core::availability::words::{self, COORDINATOR as T};
use palliwijzer_core::availability::{Feed, FeedFacility, Update};
use palliwijzer_core::model::Facility;
use palliwijzer_core::view::labels;
use std::sync::Arc;

pub const CACHE_CONTROL: &str = "public, max-age=15, stale-while-revalidate=60";

fn api_error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "fout": message.into() }))).into_response()
}

/// The feed as the content and the state say it now (server time left empty).
pub fn feed_value(s: &AppState, region: Option<&str>) -> Result<Feed, String> {
    let states = s.state.all_availability().map_err(|e| e.to_string())?;
    let voorzieningen = s
        .facilities
        .iter()
        .filter(|f| region.is_none_or(|r| f.region == r))
        .map(|f: &Facility| {
            let st = states.iter().find(|a| a.facility_id == f.id);
            FeedFacility {
                id: f.id.clone(),
                naam: f.name.clone(),
                soort: labels::facility_kind(f.kind).to_string(),
                plaats: f.place.clone(),
                regio: f.region.clone(),
                capaciteit: f.capacity,
                status: st.map(|a| a.status),
                vrije_bedden: st.map(|a| a.free_beds),
                notitie: st.map(|a| a.note.clone()).filter(|n| !n.is_empty()),
                bijgewerkt_op: st.map(|a| a.updated_at.clone()),
                voorbeeld: f.provenance.voorbeeld,
            }
        })
        .collect();
    Ok(Feed { server_tijd: String::new(), regio: region.map(str::to_string), voorzieningen })
}

/// The serialized feed without server time, cached per data version.
fn cached_body(s: &AppState, region: Option<&str>) -> Result<Arc<str>, String> {
    let version = s.data_version();
    let key = region.map(str::to_string);
    if let Some((v, body)) = s.feed_cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        if *v == version {
            return Ok(body.clone());
        }
    }
    let body: Arc<str> = serde_json::to_string(&feed_value(s, region)?).map_err(|e| e.to_string())?.into();
    s.feed_cache.lock().unwrap_or_else(|p| p.into_inner()).insert(key, (version, body.clone()));
    Ok(body)
}

pub fn etag(s: &AppState, region: Option<&str>) -> String {
    format!("W/\"{}-{}-{}-{}\"", s.version, s.nonce, s.data_version(), region.unwrap_or("alle"))
}

pub async fn feed(State(s): State<Shared>, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    let region = q
        .as_deref()
        .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().find(|(k, _)| k == "regio").map(|(_, v)| v))
        .unwrap_or(None)
        .filter(|r| !r.is_empty());
    if let Some(r) = &region {
        if !s.region_ids.contains(r) {
            return api_error(StatusCode::BAD_REQUEST, words::unknown_region(r));
        }
    }
    let tag = etag(&s, region.as_deref());
    let common = [(header::ETAG, tag.clone()), (header::CACHE_CONTROL, CACHE_CONTROL.to_string())];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    match cached_body(&s, region.as_deref()) {
        Ok(body) => {
            let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            // The cached body starts with `{"server_tijd":""`; put the clock in.
            let rest = body.strip_prefix("{\"server_tijd\":\"\"").unwrap_or(&body);
            let json = format!("{{\"server_tijd\":\"{now}\"{rest}");
            (StatusCode::OK, common, [(header::CONTENT_TYPE, "application/json".to_string())], json).into_response()
        }
        Err(e) => {
            eprintln!("feed: {e}");
            api_error(StatusCode::INTERNAL_SERVER_ERROR, T.cannot_read)
        }
    }
}

#[derive(serde::Deserialize)]
pub struct ApiUpdate {
    status: String,
    vrije_bedden: serde_json::Value,
    #[serde(default)]
    notitie: String,
    /// The version the app last saw; a newer save in between gives 409. Required: a save
    /// without it could overwrite someone else's newer one unseen.
    versie: Option<i64>,
}

pub async fn update(
    State(s): State<Shared>,
    Path(facility): Path<String>,
    headers: HeaderMap,
    body: Result<Json<ApiUpdate>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let now = chrono::Utc::now();
    let Some(session) = super::coordinator::session_from(&s, &headers, now.timestamp()) else {
        return api_error(StatusCode::UNAUTHORIZED, T.log_in_first);
    };
    let token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !super::coordinator::same(token, &session.csrf) {
        return api_error(StatusCode::FORBIDDEN, "CSRF-token ontbreekt of klopt niet. Laad de pagina opnieuw.");
    }
    let Some(f) = s.facilities.iter().find(|f| f.id == facility) else {
        return api_error(StatusCode::BAD_REQUEST, words::unknown_facility(&facility));
    };
    if f.id != session.facility_id {
        return api_error(StatusCode::FORBIDDEN, T.other_facility);
    }
    let Json(body) = match body {
        Ok(b) => b,
        Err(e) => return api_error(StatusCode::BAD_REQUEST, words::not_json(&e.body_text())),
    };
    let beds = match &body.vrije_bedden {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(t) => t.clone(),
        other => other.to_string(),
    };
    let valid = match (Update { status: body.status, free_beds: beds, note: body.notitie }).validate(f.capacity) {
        Ok(v) => v,
        Err(problems) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "fout": problems.join(" "), "fouten": problems })),
            )
                .into_response()
        }
    };
    let Some(expected_version) = body.versie else {
        return api_error(StatusCode::BAD_REQUEST, T.version_missing);
    };
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match s.state.save(&session.user, &f.id, &valid, expected_version, &at) {
        Ok(crate::state::Saved::Ok(a)) => {
            s.availability_changed();
            (StatusCode::OK, Json(a)).into_response()
        }
        Ok(crate::state::Saved::Conflict(current)) => (
            StatusCode::CONFLICT,
            Json(serde_json::json!({
                "fout": T.newer_saved,
                "huidig": current,
            })),
        )
            .into_response(),
        Err(e) => {
            eprintln!("save: {e}");
            api_error(StatusCode::INTERNAL_SERVER_ERROR, T.cannot_save)
        }
    }
}
