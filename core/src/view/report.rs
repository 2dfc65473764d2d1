//! "Klopt dit niet?": the words of the report form every shell shows under a contact,
//! facility or document, and what the user is told after sending.

use crate::report::{self, REACH_MAX_CHARS, RIGHT_MAX_CHARS, WHAT_MAX_CHARS};

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportForm {
    /// The link or button that opens the form: "Klopt dit niet?".
    pub title: String,
    pub intro: String,
    pub what_label: String,
    pub what_max_chars: u32,
    pub right_label: String,
    pub right_max_chars: u32,
    pub reach_label: String,
    pub reach_max_chars: u32,
    pub send: String,
    /// Who sees a report: said before sending.
    pub privacy: String,
}

pub fn report_form() -> ReportForm {
    ReportForm {
        title: "Klopt dit niet?".into(),
        intro: "Ziet u een fout nummer, verkeerde tijden of iets dat niet meer bestaat? Meld het; de redactie van de regio controleert het.".into(),
        what_label: report::WHAT_LABEL.into(),
        what_max_chars: WHAT_MAX_CHARS as u32,
        right_label: report::RIGHT_LABEL.into(),
        right_max_chars: RIGHT_MAX_CHARS as u32,
        reach_label: report::REACH_LABEL.into(),
        reach_max_chars: REACH_MAX_CHARS as u32,
        send: "Melding versturen".into(),
        privacy: "Alleen de redactie ziet uw melding; andere gebruikers niet. Schrijf geen gegevens van patiënten.".into(),
    }
}

/// What the user is told after sending or after a retry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportOutcome {
    /// Reports the server accepted in this attempt.
    pub sent: u32,
    /// Reports still waiting on this device for a connection.
    pub waiting: u32,
    pub message: String,
}

fn meldingen(n: u32) -> String {
    if n == 1 {
        "1 melding".into()
    } else {
        format!("{n} meldingen")
    }
}

impl ReportOutcome {
    /// After the user sent one report: was it this one that arrived, or is it waiting?
    pub fn after_report(sent: u32, waiting: u32, why_not: Option<&str>) -> Self {
        let message = if waiting == 0 {
            "Verzonden. Dank u: de redactie van de regio kijkt ernaar.".to_string()
        } else {
            let why = why_not.map(|w| format!(" ({w})")).unwrap_or_default();
            format!("Bewaard op dit toestel{why}. De melding gaat vanzelf weg zodra er verbinding is.")
        };
        ReportOutcome { sent, waiting, message }
    }

    /// After a retry in the background or from the sync screen.
    pub fn after_retry(sent: u32, waiting: u32) -> Self {
        let message = match (sent, waiting) {
            (0, 0) => "Er wachten geen meldingen.".to_string(),
            (s, 0) => format!("{} verzonden.", meldingen(s)),
            (s, w) => format!("{} verzonden; {} wacht op verbinding.", meldingen(s), meldingen(w)),
        };
        ReportOutcome { sent, waiting, message }
    }
}
