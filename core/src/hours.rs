//! Opening hours in OpenStreetMap `opening_hours` syntax, checked with the `opening-hours`
//! crate and shown in Dutch.

use opening_hours::OpeningHours;

/// Checks that the text parses as OSM opening hours.
pub fn check(text: &str) -> Result<(), String> {
    text.parse::<OpeningHours>()
        .map(|_| ())
        .map_err(|e| format!("opening hours `{text}` do not parse: {}", explanation(&e.to_string())))
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

/// The opening hours as a Dutch reader reads them: "ma-vr 08:00-17:00; feestdagen gesloten".
pub fn dutch(text: &str) -> String {
    let t = text.trim();
    if t == "24/7" {
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_hours_read_in_dutch() {
        assert_eq!(dutch("Mo-Fr 08:00-17:00; PH off"), "ma-vr 08:00-17:00; feestdagen gesloten");
        assert_eq!(dutch("24/7"), "Dag en nacht bereikbaar (24/7)");
    }

    #[test]
    fn nonsense_is_refused_with_the_text_in_the_message() {
        let e = check("maandag tot vrijdag").unwrap_err();
        assert!(e.contains("maandag tot vrijdag"), "{e}");
        assert!(check("Mo-Fr 17:00-08:00; Sa,Su,PH 00:00-24:00").is_ok());
    }
}
