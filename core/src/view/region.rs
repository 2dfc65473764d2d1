//! Choosing a region: from the list, by name, or by postcode.

use super::Views;
use crate::error::CoreError;
use crate::model::Region;
use crate::postcode;
use crate::search::text::within_one_edit;

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RegionOption {
    pub id: String,
    pub name: String,
    pub network: String,
    /// "Haarlem, Heemstede, ..." for recognising the region.
    pub municipalities: String,
    /// Shown when the region's content is not complete yet.
    pub notice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RegionChoiceView {
    pub title: String,
    pub prompt: String,
    /// "Verder met" (before the remembered region's name).
    pub continue_label: String,
    pub other_region_heading: String,
    pub regions: Vec<RegionOption>,
}

/// The answer to "which region is this?".
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RegionSearchView {
    pub query: String,
    pub matches: Vec<RegionOption>,
    /// One line for the user: what was found, or why nothing was.
    pub message: String,
    /// When nothing matched: every region to choose from, and the consultation line, which
    /// serves every postcode in the country.
    pub choose_from: Vec<RegionOption>,
    pub fallback: Option<super::ContactRow>,
}

fn option(r: &Region) -> RegionOption {
    let names: Vec<&str> = r.municipalities.iter().map(|m| m.name.as_str()).collect();
    RegionOption {
        id: r.id.clone(),
        name: r.name.clone(),
        network: r.network.clone(),
        municipalities: names.join(", "),
        notice: (!r.complete).then(|| {
            format!(
                "Voor {} is nog niet alle regionale informatie opgenomen; landelijke nummers staan er wel in.",
                r.name
            )
        }),
    }
}

pub(crate) use crate::search::text::fold;

impl Views<'_> {
    pub fn regions(&self) -> Result<RegionChoiceView, CoreError> {
        Ok(RegionChoiceView {
            title: "Kies uw regio".into(),
            prompt: "Typ een postcode of plaatsnaam, of kies uit de lijst.".into(),
            continue_label: "Verder met".into(),
            other_region_heading: "Andere regio kiezen".into(),
            regions: self.store.regions()?.iter().map(option).collect(),
        })
    }

    /// One region as an option, for a region's own page.
    pub fn region(&self, id: &str) -> Result<RegionOption, CoreError> {
        Ok(option(&self.store.region(id)?))
    }

    /// Finds regions by postcode ("2031", "2031 AB") or by the name of a region or municipality.
    pub fn find_region(&self, query: &str) -> Result<RegionSearchView, CoreError> {
        let q = query.trim();
        // Only when nothing matched: every region to choose from and the national line.
        let view = |matches: Vec<RegionOption>, message: String| -> Result<RegionSearchView, CoreError> {
            let none = matches.is_empty();
            Ok(RegionSearchView {
                query: q.to_string(),
                choose_from: if none { self.store.regions()?.iter().map(option).collect() } else { Vec::new() },
                fallback: if none { self.consultation_line()? } else { None },
                matches,
                message,
            })
        };
        if q.is_empty() {
            return view(Vec::new(), "Typ een postcode of plaatsnaam.".into());
        }
        if q.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            let pc = match postcode::parse_user_postcode(q) {
                Ok(pc) => pc,
                Err(problem) => return view(Vec::new(), problem.to_string()),
            };
            return match self.store.region_for_postcode(pc)? {
                Some((region, municipality)) => {
                    let msg = format!("Postcode {pc} ligt in {municipality}, regio {}.", region.name);
                    view(vec![option(&region)], msg)
                }
                None => view(
                    Vec::new(),
                    format!("Postcode {pc} valt (nog) niet in een regio van Palliwijzer. Het landelijke consultatienummer hieronder geldt overal; de documenten voor de patiënt ook. Of kies een regio uit de lijst."),
                ),
            };
        }
        let fq = fold(q);
        let regions = self.store.regions()?;
        // A place or municipality named in full ("Hoofddorp", "Bussum"): said with its
        // municipality, as a postcode is. Failing that, one edit is forgiven in names of five
        // letters or more ("Eindhven"), as in search.
        let place = |matches: &dyn Fn(&str) -> bool| {
            regions.iter().find_map(|r| {
                r.municipalities
                    .iter()
                    .find_map(|m| std::iter::once(&m.name).chain(&m.places).find(|p| matches(p)).map(|p| (r, m, p)))
            })
        };
        let exact = |name: &str| fold(name) == fq;
        let near = |name: &str| fq.chars().count() >= 5 && within_one_edit(&fold(name), &fq);
        if let Some((r, m, p)) = place(&exact).or_else(|| place(&near)) {
            let message = if *p == m.name {
                format!("{p} ligt in regio {}.", r.name)
            } else {
                format!("{p} ligt in de gemeente {}, regio {}.", m.name, r.name)
            };
            return view(vec![option(r)], message);
        }
        let matches: Vec<RegionOption> = regions
            .iter()
            .filter(|r| {
                fold(&r.name).contains(&fq)
                    || r.municipalities
                        .iter()
                        .any(|m| fold(&m.name).contains(&fq) || m.places.iter().any(|p| fold(p).contains(&fq)))
            })
            .map(option)
            .collect();
        let message = match matches.len() {
            0 => format!("Geen regio gevonden voor '{q}'. Probeer een postcode of kies uit de lijst."),
            1 => format!("Gevonden: regio {}.", matches[0].name),
            n => format!("{n} regio's gevonden voor '{q}'."),
        };
        view(matches, message)
    }
}
