//! Script tests for aliases: which names are Arabic (and not Persian/Urdu/Kurdish
//! spellings that share the script), which are plain Latin.

/// Letters used by Persian, Urdu, Kurdish, Pashto or Uyghur but not by Arabic: a name
/// containing one is not an Arabic spelling.
const NON_ARABIC_LETTERS: &[char] = &[
    'پ', 'چ', 'ژ', 'گ', 'ک', 'ی', 'ۀ', 'ھ', 'ے', 'ڭ', 'ۆ', 'ێ', 'ڕ', 'ڵ', 'ۇ', 'ۈ', 'ې', 'ٹ', 'ڈ',
    'ڑ', 'ں', 'ہ', 'ۓ', 'ګ', 'ښ', 'ډ', 'ټ', 'ړ', 'ڼ', 'ۍ', 'ٸ', 'ٶ', 'ٷ', 'ۋ', 'ٮ', '۪', 'ٗ', 'ڤ',
];

/// True when `s` is written in Arabic script with Arabic letters only (spaces, hyphens
/// and tashkeel allowed).
pub fn is_arabic_name(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if NON_ARABIC_LETTERS.contains(&c) {
            return false;
        }
        if ('\u{0621}'..='\u{064A}').contains(&c) {
            letters += 1;
        } else if !(c == ' '
            || c == '-'
            || ('\u{064B}'..='\u{065F}').contains(&c)
            || c == '\u{0640}')
        {
            return false;
        }
    }
    letters > 0
}

/// True when `s` contains an Arabic-script character.
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// True when `s` is a plain Latin name: ASCII letters, digits, spaces and `.'&-`, at
/// least one letter. Names with other accents or scripts are foreign-language forms
/// that English news rarely uses.
pub fn is_plain_latin(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " .'&-,()/".contains(c))
}

/// True when `s` is Latin-script (accents allowed).
pub fn is_latin(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
        && s.chars().all(|c| {
            !c.is_alphabetic() || c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert!(is_arabic_name("الولايات المتحدة"));
        assert!(!is_arabic_name("روسیه"));
        assert!(!is_arabic_name("Russia"));
        assert!(is_plain_latin("U.S."));
        assert!(!is_plain_latin("Rusïi"));
        assert!(is_latin("Rusïi"));
        assert!(has_arabic("x بايدن"));
    }
}
