//! Every URL of the site in one place, so links and routes cannot drift apart.

use palliwijzer_core::model::Role;
use palliwijzer_core::view::SearchTarget;

pub fn region(r: &str) -> String {
    format!("/r/{r}")
}
pub fn wie_bel_ik(r: &str) -> String {
    format!("/r/{r}/wie-bel-ik")
}
pub fn now(r: &str) -> String {
    format!("/r/{r}/nu")
}
pub fn contact(r: &str, id: &str) -> String {
    format!("/r/{r}/contact/{id}")
}
pub fn hospices(r: &str) -> String {
    format!("/r/{r}/hospices")
}
pub fn zorgpad(r: &str) -> String {
    format!("/r/{r}/zorgpad")
}
pub fn phase(r: &str, id: &str, role: Role) -> String {
    format!("/r/{r}/zorgpad/{id}?rol={}", role.slug())
}
pub fn topic(r: &str, id: &str) -> String {
    format!("/r/{r}/onderwerp/{id}")
}
pub fn beslisboom(r: &str, node: Option<&str>) -> String {
    match node {
        Some(n) => format!("/r/{r}/beslisboom/{n}"),
        None => format!("/r/{r}/beslisboom"),
    }
}
pub fn hulpmiddelen(r: &str) -> String {
    format!("/r/{r}/hulpmiddelen")
}
pub fn search(r: &str) -> String {
    format!("/r/{r}/zoeken")
}
pub fn document(id: &str) -> String {
    format!("/documenten/{id}")
}
pub const DOCUMENTS: &str = "/documenten";
pub const GLOSSARY: &str = "/begrippen";

pub fn term(id: &str) -> String {
    format!("/begrippen#{id}")
}

/// Where a search result leads on the website.
pub fn target(region_id: &str, t: &SearchTarget) -> String {
    match t {
        SearchTarget::Contact { region_id: r, id } => contact(r.as_deref().unwrap_or(region_id), id),
        SearchTarget::Facility { region_id: r, .. } => hospices(r),
        SearchTarget::Phase { region_id: r, id } => phase(r, id, Role::Huisarts),
        SearchTarget::Topic { region_id: r, id } => topic(r, id),
        SearchTarget::Hulpmiddel { url: Some(u), .. } => u.clone(),
        SearchTarget::Hulpmiddel { .. } => hulpmiddelen(region_id),
        SearchTarget::Document { id } => document(id),
        SearchTarget::Term { id } => term(id),
    }
}
