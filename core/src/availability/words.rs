//! Every word of the coordinators' screen and of the availability API's answers: login, the
//! form, and what happened to a save. The website draws these; it writes none of its own.

/// Fixed words of the coordinators' screen.
pub struct CoordinatorText {
    pub login_title: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub user: &'static str,
    pub password: &'static str,
    pub log_in: &'static str,
    pub status: &'static str,
    pub one_less: &'static str,
    pub one_more: &'static str,
    pub save: &'static str,
    pub log_out: &'static str,
    pub unknown_facility: &'static str,
    pub login_expired: &'static str,
    pub wrong_login: &'static str,
    pub too_many_attempts: &'static str,
    pub account_slowed: &'static str,
    pub session_expired: &'static str,
    pub form_expired: &'static str,
    pub form_incomplete: &'static str,
    pub newer_saved: &'static str,
    pub log_in_first: &'static str,
    pub other_facility: &'static str,
    pub cannot_read: &'static str,
    pub cannot_save: &'static str,
    pub version_missing: &'static str,
    pub password_rule: &'static str,
}

pub const COORDINATOR: CoordinatorText = CoordinatorText {
    login_title: "Inloggen voor coördinatoren",
    heading: "Beschikbaarheid doorgeven",
    intro: "Voor coördinatoren van hospices, bijna-thuis-huizen en palliatieve units. Lezen kan iedereen zonder in te loggen.",
    user: "Gebruikersnaam",
    password: "Wachtwoord",
    log_in: "Inloggen",
    status: "Status",
    one_less: "Eén bed minder",
    one_more: "Eén bed meer",
    save: "Opslaan",
    log_out: "Uitloggen",
    unknown_facility: "Onbekende voorziening",
    login_expired: "Het formulier is verlopen. Probeer het opnieuw.",
    wrong_login: "Onjuiste gebruikersnaam of wachtwoord.",
    too_many_attempts: "Te veel mislukte pogingen vanaf dit adres. Wacht 15 minuten en probeer het dan opnieuw.",
    account_slowed: "Op dit account is kort geleden vaak een verkeerd wachtwoord geprobeerd. Wacht een halve minuut en probeer het dan opnieuw.",
    session_expired: "Uw sessie is verlopen. Log opnieuw in.",
    form_expired: "Het formulier is verlopen. Niets opgeslagen; probeer het opnieuw.",
    form_incomplete: "Het formulier is onvolledig. Niets opgeslagen; probeer het opnieuw.",
    newer_saved: "Intussen heeft iemand anders een nieuwere stand opgeslagen; die staat hieronder. Controleer en sla opnieuw op.",
    log_in_first: "Log eerst in als coördinator.",
    other_facility: "Dit account hoort bij een andere voorziening.",
    cannot_read: "De beschikbaarheid kan nu niet worden gelezen.",
    cannot_save: "Opslaan is niet gelukt. Probeer het opnieuw.",
    version_missing: "Het veld `versie` ontbreekt: stuur de versie mee die u het laatst las (0 voor de eerste keer), zodat niemand elkaars opslag overschrijft. Niets opgeslagen.",
    password_rule: "het wachtwoord moet minstens 12 tekens lang zijn, zonder spaties aan begin of eind te tellen, met minstens 6 verschillende tekens",
};

/// "Vrije bedden (van 6)".
pub fn beds_label(capacity: u32) -> String {
    format!("Vrije bedden (van {capacity})")
}

/// "Notitie (optioneel, 200 tekens)".
pub fn note_label(max_chars: usize) -> String {
    format!("Notitie (optioneel, {max_chars} tekens)")
}

/// "Opgeslagen om 14:02. Iedereen ziet de nieuwe stand nu."
pub fn saved_at(local_time: &str) -> String {
    format!("Opgeslagen om {local_time}. Iedereen ziet de nieuwe stand nu.")
}

/// What was wrong with an update, all at once.
pub fn not_saved(problems: &[String]) -> String {
    format!("Niet opgeslagen. {}", problems.join(" "))
}

pub fn unknown_facility(id: &str) -> String {
    format!("Onbekende voorziening '{id}'.")
}

pub fn unknown_region(id: &str) -> String {
    format!("Onbekende regio '{id}'.")
}

pub fn not_json(detail: &str) -> String {
    format!("Het verzoek is geen geldige JSON: {detail}")
}
