//! A synthetic national-scale corpus: the real content plus 25 demo regions with 5 000
//! contacts, 300 facilities and 1 000 documents, all marked `voorbeeld`. Deterministic: the
//! same seed gives the same corpus. Used by the search, sync and store benchmarks.

use chrono::NaiveDate;
use palliwijzer_core::model::*;

pub const REGIONS: usize = 25;
pub const CONTACTS: usize = 5_000;
pub const FACILITIES: usize = 300;
pub const DOCUMENTS: usize = 1_000;

/// A small deterministic generator (xorshift64*), so the corpus needs no random crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PLACES: &[&str] = &[
    "Aalden",
    "Beekveld",
    "Dijkzicht",
    "Eikenrode",
    "Grootmeer",
    "Heidewijk",
    "Kerkdorp",
    "Lindenhof",
    "Molenbeek",
    "Noordveen",
    "Oosterhout-Zuid",
    "Polderdam",
    "Rietvaart",
    "Schaapsdrift",
    "Tuindorp",
    "Vlietland",
    "Waterhoek",
    "Zandbergen",
    "Beukenrade",
    "Weidebroek",
    "Havenzicht",
    "Ossenweide",
];
const ORG: &[&str] = &[
    "Thuiszorg",
    "Wijkteam",
    "Huisartsenpraktijk",
    "Apotheek",
    "Fysiotherapie",
    "Zorggroep",
    "Buurtzorgteam",
    "Vrijwilligersgroep",
    "Steunpunt mantelzorg",
    "Geestelijke verzorging",
    "Consultatieteam",
    "Ergotherapie",
];
const WORDS: &[&str] = &[
    "zorg",
    "palliatieve",
    "thuis",
    "overleg",
    "wijk",
    "verpleging",
    "begeleiding",
    "naasten",
    "mantelzorg",
    "pijn",
    "benauwdheid",
    "medicatie",
    "nacht",
    "weekend",
    "spoed",
    "advies",
    "gesprek",
    "wensen",
    "rouw",
    "vrijwilliger",
    "hulpmiddelen",
    "bed",
    "tillift",
    "vervoer",
    "maaltijd",
    "dementie",
    "hartfalen",
    "copd",
];

fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    s.dedup();
    let mut t = s.join(" ");
    if let Some(f) = t.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    t + "."
}

fn demo(day: NaiveDate) -> Provenance {
    Provenance {
        source: "voorbeeld".into(),
        source_name: None,
        source_note: Some("synthetisch: gegenereerd voor benchmarks".into()),
        verified_on: None,
        checked_in_copy: false,
        voorbeeld: true,
        upkeep: Upkeep { owner: "Synthetische generator".into(), review_by: day },
        checked_by: None,
        checked_how: None,
    }
}

/// `base` (usually the real content) plus the synthetic national-scale demo data.
pub fn national(base: &Content, seed: u64) -> Content {
    let mut c = base.clone();
    let mut rng = Rng(seed.max(1));
    let review = NaiveDate::from_ymd_opt(2099, 1, 1).unwrap_or_default();
    let kinds = [
        ContactKind::Huisartsenpost,
        ContactKind::GespecialiseerdeZorg,
        ContactKind::Ziekenhuis,
        ContactKind::Wijkverpleging,
        ContactKind::Zingeving,
        ContactKind::SociaalDomein,
        ContactKind::Vrijwilligers,
        ContactKind::Paramedisch,
    ];
    let hours = [
        "Mo-Fr 08:00-17:00; PH off",
        "24/7",
        "Mo-Fr 00:00-08:00,17:00-24:00; Sa,Su,PH 00:00-24:00",
        "Mo-Sa 09:00-12:00",
    ];
    for r in 0..REGIONS {
        let id = format!("synth-{:02}", r + 1);
        // Postcodes 5000-7499, a block of 100 per region: no overlap with real regions.
        let first = 5000 + 100 * r as u16;
        c.regions.push(Region {
            id: id.clone(),
            name: format!("Voorbeeldregio {}", r + 1),
            network: format!("Voorbeeldnetwerk {}", r + 1),
            website: None,
            complete: false,
            municipalities: (0..4)
                .map(|m| Municipality {
                    name: format!("{} {}", rng.pick(PLACES), r * 4 + m + 1),
                    postcodes: vec![PostcodeRange { first: first + 25 * m as u16, last: first + 25 * m as u16 + 24 }],
                    source: "voorbeeld".into(),
                    source_note: None,
                    verified_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
                    places: Vec::new(),
                    places_source: None,
                })
                .collect(),
            upkeep: Upkeep { owner: "Synthetische generator".into(), review_by: review },
        });
        for i in 0..CONTACTS / REGIONS {
            let kind = kinds[(rng.below(kinds.len() as u64)) as usize];
            let place = rng.pick(PLACES);
            let phone = (rng.below(2) == 0)
                .then(|| format!("085 {}", 1_000_000 + rng.below(8_999_999)))
                .and_then(|p| palliwijzer_core::phone::parse(&p).ok());
            c.contacts.push(Contact {
                id: format!("{id}-c{i:03}"),
                region: Some(id.clone()),
                name: format!("{} {place} {}", rng.pick(ORG), i + 1),
                kind,
                call_for: sentence(&mut rng, 14),
                website: None,
                email: None,
                phone,
                opening_hours: Some(hours[(rng.below(hours.len() as u64)) as usize].to_string()),
                provenance: demo(review),
            });
        }
        for i in 0..FACILITIES / REGIONS {
            c.facilities.push(Facility {
                id: format!("{id}-f{i:02}"),
                region: id.clone(),
                name: format!("Voorbeeldhospice {} {}", rng.pick(PLACES), i + 1),
                kind: if i % 3 == 0 { FacilityKind::BijnaThuisHuis } else { FacilityKind::Hospice },
                place: rng.pick(PLACES).to_string(),
                capacity: Some(2 + rng.below(10) as u32),
                website: None,
                email: None,
                phone: None,
                provenance: demo(review),
            });
        }
    }
    for i in 0..DOCUMENTS {
        let body: Vec<String> = (0..12).map(|_| sentence(&mut rng, 18)).collect();
        let body_md = format!("## Voorbeeld\n\n{}", body.join("\n\n"));
        c.documents.push(Document {
            id: format!("synth-doc-{i:04}"),
            title: format!("Voorbeeldfolder {} over {}", i + 1, rng.pick(WORDS)),
            kind: DocumentKind::Patientfolder,
            audience: vec![Audience::Patient],
            paper: Paper::A5,
            summary: sentence(&mut rng, 12),
            body_html: palliwijzer_core::content::to_safe_html(&body_md),
            body_md,
            source: "voorbeeld".into(),
            written_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
            upkeep: Upkeep { owner: "Synthetische generator".into(), review_by: review },
        });
    }
    c
}
