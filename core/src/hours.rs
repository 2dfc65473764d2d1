//! Opening hours in OpenStreetMap `opening_hours` syntax, checked with the `opening-hours`
//! crate and shown in Dutch.

use opening_hours::OpeningHours;

/// Opening hours that do not parse, with the parser's explanation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("opening hours `{text}` do not parse: {explanation}")]
pub struct HoursError {
    pub text: String,
    pub explanation: String,
}

/// Checks that the text parses as OSM opening hours.
pub fn check(text: &str) -> Result<(), HoursError> {
    text.parse::<OpeningHours>()
        .map(|_| ())
        .map_err(|e| HoursError { text: text.to_string(), explanation: explanation(&e.to_string()) })
}

/// The parser's own words ("expected ...") without its ASCII-art pointer lines.
fn explanation(error: &str) -> String {
    let said: Vec<&str> = error.lines().filter_map(|l| l.trim().strip_prefix("= ")).collect();
    if said.is_empty() {
        error.lines().last().unwrap_or(error).trim().to_string()
    } else {
        said.join("; ")
    }
}

/// What content writes for a line that is open day and night.
pub const ALWAYS: &str = "24/7";

/// Whether the opening hours say "always open" (`24/7`).
pub fn always_open(text: Option<&str>) -> bool {
    text.is_some_and(|t| t.trim() == ALWAYS)
}

/// The opening hours as a Dutch reader reads them: "ma-vr 08:00-17:00; feestdagen gesloten".
pub fn dutch(text: &str) -> String {
    let t = text.trim();
    if always_open(Some(t)) {
        return "Dag en nacht bereikbaar (24/7)".to_string();
    }
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let w = match word.as_str() {
            "Mo" => "ma",
            "Tu" => "di",
            "We" => "wo",
            "Th" => "do",
            "Fr" => "vr",
            "Sa" => "za",
            "Su" => "zo",
            "PH" => "feestdagen",
            "off" | "closed" => "gesloten",
            "open" => "open",
            other => other,
        };
        out.push_str(w);
        word.clear();
    };
    for ch in t.chars() {
        if ch.is_ascii_alphabetic() {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out.split("; ").map(readable_rule).collect::<Vec<_>>().join("; ")
}

/// One rule as people say it: a night written as two ranges ("00:00-08:00,17:00-24:00")
/// becomes "17:00-08:00", a whole day "de hele dag", and day lists get their spaces.
fn readable_rule(rule: &str) -> String {
    let (days, times) = match rule.split_once(' ') {
        Some((d, t)) if d.chars().all(|c| c.is_ascii_lowercase() || c == ',' || c == '-') => (d, t),
        _ => return rule.to_string(),
    };
    let times = match times {
        "00:00-24:00" => "de hele dag".to_string(),
        t => match t.strip_prefix("00:00-").and_then(|r| r.strip_suffix("-24:00")).and_then(|r| r.split_once(',')) {
            Some((morning_end, evening_start)) if !evening_start.contains(',') => {
                format!("{evening_start}-{morning_end}")
            }
            _ => t.to_string(),
        },
    };
    format!("{} {times}", days.replace(',', ", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_hours_read_in_dutch() {
        assert_eq!(dutch("Mo-Fr 08:00-17:00; PH off"), "ma-vr 08:00-17:00; feestdagen gesloten");
        assert_eq!(dutch("24/7"), "Dag en nacht bereikbaar (24/7)");
        // A huisartsenpost's hours: the night in one range, weekends and holidays all day.
        assert_eq!(
            dutch("Mo-Fr 00:00-08:00,17:00-24:00; Sa,Su,PH 00:00-24:00"),
            "ma-vr 17:00-08:00; za, zo, feestdagen de hele dag"
        );
        assert_eq!(dutch("Mo-Fr 08:00-12:00,13:00-17:00"), "ma-vr 08:00-12:00,13:00-17:00");
    }

    #[test]
    fn nonsense_is_refused_with_the_text_in_the_message() {
        let e = check("maandag tot vrijdag").unwrap_err();
        assert!(e.to_string().contains("maandag tot vrijdag"), "{e}");
        assert!(check("Mo-Fr 17:00-08:00; Sa,Su,PH 00:00-24:00").is_ok());
    }
}

/// Whether a contact can be reached at a moment, evaluated in Europe/Amsterdam with Dutch
/// public holidays (`PH`) from the `opening-hours` crate's embedded calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Open now; `until` is when that changes (None: no change within the search horizon).
    Open { until: Option<chrono::DateTime<chrono_tz::Tz>> },
    /// Closed now; `opens` is the next opening (None: not within the search horizon).
    Closed { opens: Option<chrono::DateTime<chrono_tz::Tz>> },
    /// No (valid) opening hours recorded.
    Unknown,
}

fn evaluator(text: &str) -> Option<OpeningHours<opening_hours::localization::TzLocation<chrono_tz::Tz>>> {
    use opening_hours::localization::{Country, TzLocation};
    let ctx = opening_hours::Context::default()
        .with_holidays(Country::NL.holidays())
        .with_locale(TzLocation::new(chrono_tz::Europe::Amsterdam));
    text.parse::<OpeningHours>().ok().map(|oh| oh.with_context(ctx))
}

/// Evaluates `text` (OSM opening hours) at `at`.
pub fn reach(text: Option<&str>, at: chrono::DateTime<chrono_tz::Tz>) -> Reach {
    let Some(oh) = text.and_then(evaluator) else { return Reach::Unknown };
    let next = oh.next_change(at).filter(|t| t.years_since(at).unwrap_or(0) < 1);
    if oh.is_open(at) {
        Reach::Open { until: next }
    } else if oh.is_closed(at) {
        Reach::Closed { opens: next }
    } else {
        Reach::Unknown
    }
}

/// Whether `date` is a Dutch public holiday.
pub fn is_public_holiday(date: chrono::NaiveDate) -> bool {
    opening_hours::localization::Country::NL.holidays().get_public().contains(date)
}

#[cfg(test)]
mod reach_tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<chrono_tz::Tz> {
        chrono_tz::Europe::Amsterdam.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid local time")
    }

    #[test]
    fn office_hours_close_on_koningsdag_and_open_the_next_day() {
        let office = Some("Mo-Fr 08:00-17:00; PH off");
        assert!(matches!(reach(office, at(2026, 4, 28, 10, 0)), Reach::Open { .. }));
        match reach(office, at(2026, 4, 27, 10, 0)) {
            Reach::Closed { opens: Some(t) } => assert_eq!(t, at(2026, 4, 28, 8, 0)),
            other => panic!("Koningsdag: {other:?}"),
        }
        assert!(is_public_holiday(chrono::NaiveDate::from_ymd_opt(2026, 12, 25).expect("date")));
        assert!(!is_public_holiday(chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("date")));
    }

    #[test]
    fn always_open_and_unknown() {
        assert!(matches!(reach(Some("24/7"), at(2026, 12, 25, 3, 0)), Reach::Open { until: None }));
        assert_eq!(reach(None, at(2026, 12, 25, 3, 0)), Reach::Unknown);
        assert_eq!(reach(Some("onzin"), at(2026, 12, 25, 3, 0)), Reach::Unknown);
    }
}
