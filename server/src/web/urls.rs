//! Every URL of the site, from the core's [`Destination`]: the apps navigate to the same
//! places, and links, shares and routes cannot drift apart.

use palliwijzer_core::model::Role;
use palliwijzer_core::view::{Destination, SearchTarget};

fn r(id: &str) -> String {
    id.to_string()
}

pub fn region(id: &str) -> String {
    Destination::Home { region_id: r(id) }.path()
}
pub fn wie_bel_ik(id: &str) -> String {
    Destination::WieBelIk { region_id: r(id) }.path()
}
pub fn now(id: &str) -> String {
    Destination::Now { region_id: r(id) }.path()
}
pub fn contact(id: &str, contact: &str) -> String {
    Destination::Contact { region_id: r(id), contact_id: contact.into() }.path()
}
pub fn hospices(id: &str) -> String {
    Destination::Hospices { region_id: r(id) }.path()
}
pub fn zorgpad(id: &str) -> String {
    Destination::Zorgpad { region_id: r(id) }.path()
}
pub fn phase(id: &str, phase: &str, role: Role) -> String {
    Destination::Phase { region_id: r(id), phase_id: phase.into(), role }.path()
}
pub fn topic(id: &str, topic: &str) -> String {
    Destination::Topic { region_id: r(id), topic_id: topic.into() }.path()
}
pub fn beslisboom(id: &str, node: Option<&str>) -> String {
    Destination::Beslisboom { region_id: r(id), node_id: node.map(str::to_string) }.path()
}
pub fn hulpmiddelen(id: &str) -> String {
    Destination::Hulpmiddelen { region_id: r(id) }.path()
}
pub fn search(id: &str) -> String {
    Destination::Search { region_id: r(id) }.path()
}
pub fn document(id: &str) -> String {
    Destination::Document { document_id: id.into() }.path()
}
pub const DOCUMENTS: &str = "/documenten";
/// "Klopt dit niet?" about an item, coming back to `back` (a path on this site).
pub fn report(kind: palliwijzer_core::model::ItemKind, id: &str, back: &str) -> String {
    let q = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("soort", kind.slug())
        .append_pair("id", id)
        .append_pair("terug", back)
        .finish();
    format!("/melden?{q}")
}
pub const GLOSSARY: &str = "/begrippen";

/// Where a search result leads on the website.
pub fn target(region_id: &str, t: &SearchTarget) -> String {
    t.destination(region_id).path()
}
