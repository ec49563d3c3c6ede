//! Whether an Arabic name reads as a transliteration of a Latin one, by their consonant
//! skeletons.
//!
//! Some sources pair a place with an Arabic label of something else (a club, an
//! administrative unit's other town, a mistranslated word): "Bridgetown" with
//! "بورتلاند" (Portland), "Bam" with "بامبرغ" (Bamberg). A transliteration keeps the
//! consonants of the name, so both names are reduced to classes of consonants that
//! Arabic writes alike (b/p → ب, f/v → ف, s/z/sh …) with the vowels, glides and h
//! left out, and compared by edit distance. A translated name ("خليج هيرفي" for
//! "Hervey Bay", "الجزيرة الخضراء" for "Algeciras") fails too: the callers apply the
//! test only to names that no second source confirms.

/// Words that name the kind of administrative unit before its name ("مقاطعة كاسونغو"):
/// left out of the comparison, as is the article.
const UNIT_WORDS: &[&str] = &[
    "ولاية",
    "محافظة",
    "منطقة",
    "مقاطعة",
    "إقليم",
    "مديرية",
    "بلدية",
    "ناحية",
    "مدينة",
    "قضاء",
    "بلدة",
    "قرية",
    "مركز",
    "قسم",
    "دائرة",
    "لواء",
];

/// Largest share of the longer skeleton that may differ (edit distance ÷ its length).
/// On world-cities-ar's names that GeoNames gives as well (2,070), 0.8% fail at this
/// bound; of the others (4,270), 12.8%.
const MAX_DIFF: f64 = 0.34;

/// True when `arabic` may be a transliteration of one of `latin`: their skeletons differ
/// by at most [`MAX_DIFF`] of the longer one. A name whose skeleton has no consonant
/// ("أويو" for "Uyo") tells nothing and passes.
pub fn transliterates(arabic: &str, latin: &[&str]) -> bool {
    let a = arabic_skeleton(arabic);
    if a.is_empty() {
        return true;
    }
    latin.iter().any(|l| {
        let b = latin_skeleton(l);
        b.is_empty() || {
            let longer = a.len().max(b.len()) as f64;
            (edit_distance(&a, &b) as f64) / longer <= MAX_DIFF
        }
    })
}

/// The consonant classes of an Arabic name, without unit words, articles and repeats.
pub fn arabic_skeleton(name: &str) -> Vec<u8> {
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let skip = words
        .iter()
        .take(words.len().saturating_sub(1))
        .take_while(|w| UNIT_WORDS.contains(w))
        .count();
    let mut out = Vec::new();
    for w in words.iter().skip(skip) {
        let w = ["وال", "ال"]
            .iter()
            .find_map(|p| w.strip_prefix(p).filter(|r| r.chars().count() > 1))
            .unwrap_or(w);
        // "تش" writes the sound of ch.
        let w = w.replace("تش", "ش");
        for c in w.chars() {
            let class = match c {
                'ب' | 'پ' => b'B',
                'ت' | 'ط' | 'ث' => b'T',
                'د' | 'ض' | 'ذ' => b'D',
                'ج' | 'غ' | 'گ' => b'G',
                'ق' | 'ك' | 'ک' | 'خ' => b'K',
                'ر' => b'R',
                'س' | 'ص' | 'ز' | 'ظ' | 'ش' | 'ژ' => b'S',
                'ف' | 'ڤ' => b'F',
                'ل' => b'L',
                'م' => b'M',
                'ن' => b'N',
                _ => continue,
            };
            out.push(class);
        }
    }
    out.dedup();
    out
}

/// The consonant classes of a Latin name (accents folded), as [`arabic_skeleton`] has
/// them.
pub fn latin_skeleton(name: &str) -> Vec<u8> {
    let lower: Vec<char> = crate::sources::geo::fold_accents(name)
        .to_lowercase()
        .chars()
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = lower.get(i) {
        let next = lower.get(i + 1).copied();
        let (class, len): (&[u8], usize) = match (c, next) {
            ('c' | 's', Some('h')) => (b"S", 2),
            ('p', Some('h')) => (b"F", 2),
            ('c', Some('k')) => (b"K", 2),
            ('c', Some('e' | 'i' | 'y')) => (b"S", 1),
            ('b' | 'p', _) => (b"B", 1),
            ('t', _) => (b"T", 1),
            ('d', _) => (b"D", 1),
            ('g' | 'j', _) => (b"G", 1),
            ('k' | 'q' | 'c', _) => (b"K", 1),
            ('r', _) => (b"R", 1),
            ('s' | 'z', _) => (b"S", 1),
            ('x', _) => (b"KS", 1),
            ('f' | 'v', _) => (b"F", 1),
            ('l', _) => (b"L", 1),
            ('m', _) => (b"M", 1),
            ('n', _) => (b"N", 1),
            _ => (b"", 1),
        };
        out.extend_from_slice(class);
        i += len;
    }
    out.dedup();
    out
}

/// Levenshtein distance of two short byte strings.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (up + 1).min(row[j] + 1).min(diag + usize::from(x != y));
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_pass() {
        for (ar, en) in [
            ("كابل", "Kabul"),
            ("لا باز", "La Paz"),
            ("بالانغا", "Palanga"),
            ("بيروت", "Beirut"),
            ("مقاطعة كاسونغو", "Kasungu"),
            ("مركز أبو حمص", "Abu Hummus"),
            ("الجهراء", "Al Jahra'"),
            ("شيكاغو", "Chicago"),
            ("فيينا", "Vienna"),
            ("أويو", "Uyo"),
        ] {
            assert!(transliterates(ar, &[en]), "{ar} / {en}");
        }
    }

    #[test]
    fn labels_of_other_things_fail() {
        for (ar, en) in [
            ("بورتلاند", "Bridgetown"),
            ("بامبرغ", "Bam"),
            ("منيا القمح", "Faqus"),
            ("نيوكاسل أبون تاين", "Newcastle"),
            ("نادي الوكرة", "Al Wakrah"),
            ("خليج هيرفي", "Hervey Bay"),
        ] {
            assert!(!transliterates(ar, &[en]), "{ar} / {en}");
        }
    }

    #[test]
    fn any_latin_form_may_match() {
        // "Newcastle upon Tyne" is one of the English city's Latin names.
        assert!(transliterates(
            "نيوكاسل أبون تاين",
            &["Newcastle", "Newcastle upon Tyne"]
        ));
    }

    #[test]
    fn skeletons_drop_vowels_articles_and_repeats() {
        assert_eq!(arabic_skeleton("الإسكندرية"), b"SKNDR");
        assert_eq!(latin_skeleton("Alexandria"), b"LKSNDR");
        assert_eq!(arabic_skeleton("مقاطعة"), b"MKT");
        assert_eq!(latin_skeleton("Shanghai"), b"SNG");
        assert_eq!(edit_distance(b"BRTLND", b"BRTLND"), 0);
        assert_eq!(edit_distance(b"", b"ABC"), 3);
        assert_eq!(edit_distance(b"KTN", b"SKTN"), 1);
    }
}
