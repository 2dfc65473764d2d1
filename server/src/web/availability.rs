//! The availability feed (`GET /api/v1/beschikbaarheid`) and the JSON write API for apps.

use super::{AppState, Shared};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use palliwijzer_core::availability::words::{self, COORDINATOR as T};
use palliwijzer_core::availability::{Feed, FeedFacility, Update};
use palliwijzer_core::model::Facility;
use std::sync::Arc;

pub const CACHE_CONTROL: &str = "public, max-age=15, stale-while-revalidate=60";

fn api_error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "fout": message.into() }))).into_response()
}

/// The feed as the content and the state say it now (server time left empty).
pub fn feed_value(s: &AppState, region: Option<&str>) -> Result<Feed, String> {
    let states = super::blocking(|| s.state.all_availability()).map_err(|e| e.to_string())?;
    let catalog = s.catalog();
    let voorzieningen = catalog
        .facilities
        .iter()
        .filter(|f| region.is_none_or(|r| f.region == r))
        .map(|f: &Facility| {
            let st = states.iter().find(|a| a.facility_id == f.id);
            FeedFacility {
                id: f.id.clone(),
                naam: f.name.clone(),
                soort: f.kind.label().to_string(),
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

/// The feed's facilities, serialized once per data version and region.
pub type Facilities = Arc<serde_json::value::RawValue>;

/// The feed as sent: the clock of this request around the cached facilities.
#[derive(serde::Serialize)]
struct Sent<'a> {
    server_tijd: &'a str,
    regio: Option<&'a str>,
    voorzieningen: &'a serde_json::value::RawValue,
}

fn cached_facilities(s: &AppState, region: Option<&str>) -> Result<Facilities, String> {
    let version = s.data_version();
    let key = region.map(str::to_string);
    if let Some((v, list)) = s.feed_cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        if *v == version {
            return Ok(list.clone());
        }
    }
    let raw = serde_json::value::to_raw_value(&feed_value(s, region)?.voorzieningen).map_err(|e| e.to_string())?;
    let list: Facilities = Arc::from(raw);
    s.feed_cache.lock().unwrap_or_else(|p| p.into_inner()).insert(key, (version, list.clone()));
    Ok(list)
}

pub fn etag(s: &AppState, region: Option<&str>) -> String {
    format!("W/\"{}-{}-{}-{}\"", s.catalog().version, s.nonce, s.data_version(), region.unwrap_or("alle"))
}

pub async fn feed(State(s): State<Shared>, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    let region = q
        .as_deref()
        .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().find(|(k, _)| k == "regio").map(|(_, v)| v))
        .unwrap_or(None)
        .filter(|r| !r.is_empty());
    if let Some(r) = &region {
        if !s.catalog().region_ids.contains(r) {
            return api_error(StatusCode::BAD_REQUEST, words::unknown_region(r));
        }
    }
    let tag = etag(&s, region.as_deref());
    let common = [(header::ETAG, tag.clone()), (header::CACHE_CONTROL, CACHE_CONTROL.to_string())];
    if super::etag::fresh(&headers, &tag) {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    let sent = cached_facilities(&s, region.as_deref()).and_then(|list| {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        serde_json::to_string(&Sent { server_tijd: &now, regio: region.as_deref(), voorzieningen: &list })
            .map_err(|e| e.to_string())
    });
    match sent {
        Ok(json) => {
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
    jar: axum_extra::extract::cookie::CookieJar,
    headers: HeaderMap,
    body: Result<Json<ApiUpdate>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let now = chrono::Utc::now();
    let Some(session) = super::session::current(&s, &jar, now.timestamp()) else {
        return api_error(StatusCode::UNAUTHORIZED, T.log_in_first);
    };
    let token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !super::session::same(token, &session.csrf) {
        return api_error(StatusCode::FORBIDDEN, "CSRF-token ontbreekt of klopt niet. Laad de pagina opnieuw.");
    }
    let catalog = s.catalog();
    let Some(f) = catalog.facilities.iter().find(|f| f.id == facility) else {
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
    match super::blocking(|| s.state.save(&session.user, &f.id, &valid, expected_version, &at)) {
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
