//! The app around the screens: where a user can go ([`Destination`], with the web address
//! of each place), the home menu of a region ([`HomeView`]) and the words every shell needs
//! for its chrome ([`UiText`]). The website and both apps draw these; none writes its own.

use super::{SearchTarget, Views};
use crate::error::CoreError;
use crate::model::Role;

/// A place in the app. Shells turn it into a screen; [`Destination::path`] is the same place
/// on the website, so links, shares and routes cannot drift apart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Destination {
    Regions,
    Home {
        region_id: String,
    },
    Now {
        region_id: String,
    },
    WieBelIk {
        region_id: String,
    },
    Contact {
        region_id: String,
        contact_id: String,
    },
    Hospices {
        region_id: String,
    },
    Zorgpad {
        region_id: String,
    },
    Phase {
        region_id: String,
        phase_id: String,
        role: Role,
    },
    Topic {
        region_id: String,
        topic_id: String,
    },
    /// `node_id` `None`: the first question.
    Beslisboom {
        region_id: String,
        node_id: Option<String>,
    },
    Hulpmiddelen {
        region_id: String,
    },
    Documents,
    Document {
        document_id: String,
    },
    Glossary,
    Term {
        term_id: String,
    },
    Search {
        region_id: String,
    },
    /// App only: which content version, when it was updated, the last problem.
    Sync,
    /// A public page outside Palliwijzer: the shell opens the browser.
    Web {
        url: String,
    },
}

impl Destination {
    /// The web address of this place, relative to the site (`/r/noord-holland-zuid/nu`).
    pub fn path(&self) -> String {
        match self {
            Destination::Regions => "/".into(),
            Destination::Home { region_id } => format!("/r/{region_id}"),
            Destination::Now { region_id } => format!("/r/{region_id}/nu"),
            Destination::WieBelIk { region_id } => format!("/r/{region_id}/wie-bel-ik"),
            Destination::Contact { region_id, contact_id } => format!("/r/{region_id}/contact/{contact_id}"),
            Destination::Hospices { region_id } => format!("/r/{region_id}/hospices"),
            Destination::Zorgpad { region_id } => format!("/r/{region_id}/zorgpad"),
            Destination::Phase { region_id, phase_id, role } => {
                format!("/r/{region_id}/zorgpad/{phase_id}?rol={}", role.slug())
            }
            Destination::Topic { region_id, topic_id } => format!("/r/{region_id}/onderwerp/{topic_id}"),
            Destination::Beslisboom { region_id, node_id: None } => format!("/r/{region_id}/beslisboom"),
            Destination::Beslisboom { region_id, node_id: Some(n) } => format!("/r/{region_id}/beslisboom/{n}"),
            Destination::Hulpmiddelen { region_id } => format!("/r/{region_id}/hulpmiddelen"),
            Destination::Documents => "/documenten".into(),
            Destination::Document { document_id } => format!("/documenten/{document_id}"),
            Destination::Glossary => "/begrippen".into(),
            Destination::Term { term_id } => format!("/begrippen#{term_id}"),
            Destination::Search { region_id } => format!("/r/{region_id}/zoeken"),
            Destination::Sync => "/".into(),
            Destination::Web { url } => url.clone(),
        }
    }

    /// The full address of this place on the site at `site_url` (for sharing).
    pub fn url(&self, site_url: &str) -> String {
        match self {
            Destination::Web { url } => url.clone(),
            other => format!("{}{}", site_url.trim_end_matches('/'), other.path()),
        }
    }
}

impl SearchTarget {
    /// Where a search result leads, searched from `region_id`.
    pub fn destination(&self, region_id: &str) -> Destination {
        let region = |r: &Option<String>| r.clone().unwrap_or_else(|| region_id.to_string());
        match self {
            SearchTarget::Contact { region_id: r, id } => {
                Destination::Contact { region_id: region(r), contact_id: id.clone() }
            }
            SearchTarget::Facility { region_id: r, .. } => Destination::Hospices { region_id: r.clone() },
            SearchTarget::Phase { region_id: r, id } => {
                Destination::Phase { region_id: r.clone(), phase_id: id.clone(), role: Role::Huisarts }
            }
            SearchTarget::Topic { region_id: r, id } => {
                Destination::Topic { region_id: r.clone(), topic_id: id.clone() }
            }
            SearchTarget::Hulpmiddel { url, topic, .. } => {
                super::hulpmiddelen::destination(url.as_deref(), topic.as_deref(), region_id)
                    .unwrap_or_else(|| Destination::Hulpmiddelen { region_id: region_id.to_string() })
            }
            SearchTarget::Document { id } => Destination::Document { document_id: id.clone() },
            SearchTarget::Term { id } => Destination::Term { term_id: id.clone() },
        }
    }
}

/// One entry of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MenuItem {
    pub label: String,
    /// One line under the label: what the user finds there.
    pub hint: String,
    pub target: Destination,
    /// Only in the apps (the website has no such screen).
    pub app_only: bool,
}

/// A region's start screen: the four jobs first, then the rest. Zorgpad and beslisboom appear
/// only where the region has them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HomeView {
    pub region_id: String,
    pub title: String,
    pub notice: Option<String>,
    pub primary: Vec<MenuItem>,
    pub more_heading: String,
    pub more: Vec<MenuItem>,
    pub change_region: MenuItem,
}

fn item(label: &str, hint: &str, target: Destination) -> MenuItem {
    MenuItem { label: label.into(), hint: hint.into(), target, app_only: false }
}

impl Views<'_> {
    pub fn home(&self, region_id: &str) -> Result<HomeView, CoreError> {
        let region = self.region(region_id)?;
        let r = || region.id.clone();
        // The hints promise only what the region has.
        let now_hint = if self.store.has_contact_kind(region_id, crate::model::ContactKind::Huisartsenpost)? {
            "Wie nu bereikbaar is; 's avonds en 's nachts de huisartsenpost bovenaan"
        } else {
            "Wie nu bereikbaar is, in de volgorde van dit moment"
        };
        let hospice_hint = if self.store.has_facilities(region_id)? {
            "Hospices en palliatieve units, met de plekken die zij doorgeven"
        } else {
            "Nog geen hospices met bron opgenomen; wie u dan belt"
        };
        let primary = vec![
            item("Wie bel ik nu?", now_hint, Destination::Now { region_id: r() }),
            item("Wie bel ik?", "Alle nummers in de regio, per soort", Destination::WieBelIk { region_id: r() }),
            item("Hospice met plek", hospice_hint, Destination::Hospices { region_id: r() }),
            item("Voor de patiënt", "Levenswensenkaart, folders, zakkaart", Destination::Documents),
        ];
        let mut more = Vec::new();
        if !self.store.phases(region_id)?.is_empty() {
            more.push(item("Zorgpad", "Wie doet wat in elke fase", Destination::Zorgpad { region_id: r() }));
        }
        if self.store.tree_for_region(region_id)?.is_some() {
            more.push(item(
                "Beslisboom",
                "Welke expertise schakel ik in? Elke uitkomst met een nummer",
                Destination::Beslisboom { region_id: r(), node_id: None },
            ));
        }
        more.push(item(
            "Hulpmiddelen",
            "Richtlijnen en instrumenten, per fase en doelgroep",
            Destination::Hulpmiddelen { region_id: r() },
        ));
        more.push(item("Begrippen en afkortingen", "Van ACP tot WVK", Destination::Glossary));
        more.push(item(
            "Zoeken",
            "Symptomen, medicatie, diensten en documenten",
            Destination::Search { region_id: r() },
        ));
        more.push(MenuItem {
            app_only: true,
            ..item("Gegevens en bijwerken", "Welke versie, wanneer bijgewerkt", Destination::Sync)
        });
        Ok(HomeView {
            title: region.name.clone(),
            notice: region.notice.clone(),
            region_id: region.id,
            primary,
            more_heading: "Meer".into(),
            more,
            change_region: item("Andere regio kiezen", "Postcode of plaatsnaam", Destination::Regions),
        })
    }
}

/// The fixed words of every shell's chrome: buttons, fields, states. Needs no store, so the
/// error screen for a missing store has words too.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct UiText {
    pub app_name: String,
    pub loading: String,
    pub back: String,
    pub retry: String,
    pub skip_to_content: String,
    pub start: String,
    pub search_title: String,
    pub search_label: String,
    pub search_button: String,
    pub find_region_button: String,
    pub share: String,
    pub print: String,
    /// Said when sharing is not possible: copy the address.
    pub share_fallback: String,
    pub error_title: String,
    /// For failures that are not the core's own (it has a message of its own).
    pub general_error: String,
    /// The store could not be opened: what the user can do.
    pub store_problem_title: String,
    pub restore_bundled: String,
    /// An effect no app on the device can perform (a tablet that cannot call).
    pub no_app: String,
    pub sync_title: String,
    pub sync_now: String,
    pub syncing: String,
    pub documents_link: String,
    pub glossary_link: String,
    /// The start page's heading.
    pub start_heading: String,
    /// The field to find a region.
    pub postcode_label: String,
    pub find_region_title: String,
    /// From the full list to the order for this moment.
    pub now_link: String,
    pub jump_to_group: String,
    pub groups_label: String,
    pub all_contacts: String,
    /// Before a region's name.
    pub all_contacts_in: String,
    pub zorgpad: String,
    pub role: String,
    pub phases: String,
    pub beslisboom: String,
    pub restart: String,
    pub phase_filter: String,
    pub audience_filter: String,
    pub show: String,
    pub note: String,
    /// The header's region link.
    pub regio: String,
    /// The footer's navigation.
    pub everywhere: String,
    /// Before the date a page was made.
    pub page_made: String,
    pub to_start: String,
    /// A page the offline copy does not hold.
    pub offline_title: String,
    pub offline_text: String,
    pub not_found_title: String,
    pub not_found_text: String,
    /// A request that is itself malformed (a website address typed wrong).
    pub bad_request_title: String,
}

/// The fixed words of every shell's chrome.
pub fn ui_text() -> UiText {
    UiText {
        app_name: "Palliwijzer".into(),
        loading: "Even geduld…".into(),
        back: "Terug".into(),
        retry: "Opnieuw proberen".into(),
        skip_to_content: "Naar de inhoud".into(),
        start: "Start".into(),
        search_title: "Zoeken".into(),
        search_label: "Zoeken in Palliwijzer".into(),
        search_button: "Zoek".into(),
        find_region_button: "Zoek regio".into(),
        share: "Delen".into(),
        print: "Afdrukken".into(),
        share_fallback: "Delen: kopieer het adres van deze pagina.".into(),
        error_title: "Er ging iets mis".into(),
        // The consultation line is in the content too (national contacts, with its source);
        // this sentence must work when no content can be read at all.
        general_error: "Er ging iets mis. Probeer het opnieuw. Bij een vraag over een patiënt: bel de consultatie palliatieve zorg, dag en nacht, 088 605 1444.".into(),
        store_problem_title: "De gegevens kunnen niet worden geopend".into(),
        restore_bundled: "Meegeleverde gegevens terugzetten".into(),
        no_app: "Dit toestel heeft geen app om dit te openen. Het nummer of adres staat op het scherm: gebruik een ander toestel.".into(),
        sync_title: "Gegevens".into(),
        sync_now: "Nu bijwerken".into(),
        syncing: "Bezig met bijwerken…".into(),
        documents_link: "Voor de patiënt".into(),
        glossary_link: "Begrippen".into(),
        start_heading: "Palliatieve zorg in uw regio".into(),
        postcode_label: "Postcode of plaatsnaam".into(),
        find_region_title: "Regio zoeken".into(),
        now_link: "Wie is nu bereikbaar?".into(),
        jump_to_group: "Naar een groep".into(),
        groups_label: "Groepen".into(),
        all_contacts: "Alle contacten per soort".into(),
        all_contacts_in: "Alle contacten in".into(),
        zorgpad: "Zorgpad".into(),
        role: "Rol".into(),
        phases: "Fasen".into(),
        beslisboom: "Beslisboom".into(),
        restart: "Opnieuw beginnen".into(),
        phase_filter: "Fase".into(),
        audience_filter: "Voor wie".into(),
        show: "Toon".into(),
        note: "Notitie:".into(),
        regio: "Regio".into(),
        everywhere: "Overal".into(),
        page_made: "Pagina gemaakt op".into(),
        to_start: "Naar de startpagina".into(),
        offline_title: "Offline niet beschikbaar".into(),
        offline_text: "U bent offline en deze pagina is niet opgeslagen. Deze pagina's zijn wel opgeslagen:".into(),
        not_found_title: "Pagina niet gevonden".into(),
        bad_request_title: "Dit verzoek klopt niet".into(),
        not_found_text: "Deze pagina bestaat niet (meer). Kies een regio op de startpagina of gebruik de zoekfunctie.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_has_one_web_address() {
        let r = || "noord-holland-zuid".to_string();
        assert_eq!(Destination::Now { region_id: r() }.path(), "/r/noord-holland-zuid/nu");
        assert_eq!(
            Destination::Phase { region_id: r(), phase_id: "markeren".into(), role: Role::Wijkverpleegkundige }.path(),
            "/r/noord-holland-zuid/zorgpad/markeren?rol=wijkverpleegkundige"
        );
        assert_eq!(
            Destination::Document { document_id: "levenswensenkaart".into() }.url("https://site.example/"),
            "https://site.example/documenten/levenswensenkaart"
        );
        assert_eq!(
            Destination::Web { url: "https://x.example/a".into() }.url("https://site.example"),
            "https://x.example/a"
        );
    }
}
