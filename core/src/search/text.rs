//! Text as search sees it: lowercase, diacritics removed (as SQLite's `unicode61
//! remove_diacritics 2` tokenizer does), split into words on anything not a letter or digit.

use unicode_normalization::UnicodeNormalization;

/// "Patiënt-Overdracht" → "patient-overdracht". ASCII letters only need lower case; the
/// Unicode decomposition runs for the others, one character at a time (every combining mark
/// goes, so no mark can reorder across characters).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| push_folded(&mut out, c));
    out
}

/// One character folded onto `out`: lower case, and without its marks when not ASCII.
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        let base = std::iter::once(c).nfd().filter(|d| !unicode_normalization::char::is_combining_mark(*d));
        out.extend(base.flat_map(char::to_lowercase));
    }
}

/// `fold(s)`, and for each of its bytes the offset in `s` of the character it came from: a
/// place found in the folded text is then a place in `s`.
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        push_folded(&mut out, c);
        from.resize(out.len(), at);
    }
    (out, from)
}

/// The words of a folded text.
pub fn words(folded: &str) -> Vec<&str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// True when `a` and `b` differ by at most one edit: one letter changed, added, removed, or
/// two neighbours swapped ("hosipce" → "hospice").
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        let rest_equal = |from: usize| a[from..] == b[from..];
        // substitution
        if rest_equal(prefix + 1) {
            return true;
        }
        // transposition of neighbours
        return prefix + 1 < la && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix] && rest_equal(prefix + 2);
    }
    let (long, short) = if la > lb { (&a, &b) } else { (&b, &a) };
    long[prefix + 1..] == short[prefix..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_what_people_type() {
        assert_eq!(fold("Patiënt Coördinatie"), "patient coordinatie");
        assert_eq!(fold("HAP Haarlem-Noord 24/7"), "hap haarlem-noord 24/7");
        assert_eq!(fold("ÉÉN"), "een");
        assert_eq!(fold("Cafe\u{301} – Ångström…"), "cafe – angstrom…");
        // One character at a time says what the whole text's decomposition says.
        for s in ["Patiënt Coördinatie", "e\u{301}\u{323}x", "ﬁ Straße ǅ", "naïeve café — 24/7"] {
            let whole: String = s
                .nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(fold(s), whole, "{s}");
        }
        assert_eq!(words("bijna-thuis-huis, a69.01"), vec!["bijna", "thuis", "huis", "a69", "01"]);
    }

    #[test]
    fn places_in_folded_text_lead_back_to_the_original() {
        for s in ["Patiënt Coördinatie", "gewoon ascii", "Café — morfine…", "ﬁ Straße", ""] {
            let (folded, from) = fold_with_offsets(s);
            assert_eq!(folded, fold(s), "{s}");
            assert_eq!(from.len(), folded.len());
            assert!(from.iter().all(|&at| s.is_char_boundary(at)));
        }
        let s = "Coördinatie van morfine";
        let (folded, from) = fold_with_offsets(s);
        let at = folded.find("morfine").expect("found");
        assert_eq!(&s[from[at]..], "morfine");
    }

    #[test]
    fn one_edit_is_forgiven_two_are_not() {
        assert!(within_one_edit("hosipce", "hospice"));
        assert!(within_one_edit("wijkverpleegkunidge", "wijkverpleegkundige"));
        assert!(within_one_edit("hospce", "hospice"));
        assert!(within_one_edit("hospicee", "hospice"));
        assert!(within_one_edit("hospyce", "hospice"));
        assert!(!within_one_edit("hsopcie", "hospice"));
        assert!(!within_one_edit("hospital", "hospice"));
    }
}
