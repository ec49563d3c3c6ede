//! Offsets are sacred: for every mention, the original text sliced at the reported
//! code point offsets is exactly the mention's text — whatever diacritics, tatweel,
//! clitics, digits, bidi marks and ligatures surround it.

use khabar::gazetteer::{parse, GazetteerBuilder};
use khabar::text::{detect_lang, LetterCounts, Normalized, Prepared, LANG_SAMPLE};
use khabar::{Document, Pipeline, Stages};
use proptest::prelude::*;

const GAZ: &str = "id\ttype\tcanonical\taliases\tcase_aliases\n\
    joe-biden\tPERSON\tJoe Biden\tجو بايدن|بايدن|Biden\t\n\
    vladimir-putin\tPERSON\tVladimir Putin\tفلاديمير بوتين|بوتين|Putin\t\n\
    republican-party\tORGANIZATION\tRepublican Party\tالحزب الجمهوري\t\n\
    united-states\tLOCATION\tUnited States\tالولايات المتحدة\tUS\n\
    revil\tGROUP\tREvil\tSodinokibi\t\n\
    apt29\tGROUP\tAPT29\tCozy Bear|الدب الصديق\t\n";

/// Pieces the generated texts are made of: names in many spellings, clitics,
/// diacritics, tatweel, digits in three scripts, bidi and zero-width marks, ligatures.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("بايدن".to_string()),
        Just("بَايْدِن".to_string()),
        Just("بـايـدن".to_string()),
        Just("لبوتين".to_string()),
        Just("وبوتينُ".to_string()),
        Just("فلاديمير بوتين".to_string()),
        Just("للحزب الجمهوري".to_string()),
        Just("بالحزب الجمهوريّ".to_string()),
        Just("الولايات المتحدة".to_string()),
        Just("الولايـات المتّحدة".to_string()),
        Just("REvil".to_string()),
        Just("revil".to_string()),
        Just("APT29".to_string()),
        Just("Cozy Bear".to_string()),
        Just("US".to_string()),
        Just("us".to_string()),
        Just("Biden's".to_string()),
        Just("٤ يوليو ٢٠٢١".to_string()),
        Just("۲۰۲۱".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{200E}".to_string()),
        Just("\u{200C}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("ﻻ".to_string()),
        Just("ﷲ".to_string()),
        Just("İstanbul".to_string()),
        Just("Erdoğan".to_string()),
        Just("، ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("\u{00A0}".to_string()),
        "[a-zA-Z]{1,6}",
        "[\u{0621}-\u{064A}]{1,5}",
        "[\u{064B}-\u{0652}\u{0640}]{1,2}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn slice_chars(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

fn pipeline() -> &'static Pipeline {
    use std::sync::OnceLock;
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        // The builder reads the list into memory, so the directory can go at once.
        let dir = tempfile::tempdir().expect("temp dir");
        let f = dir.path().join("test.tsv");
        std::fs::write(&f, GAZ).expect("write gazetteer");
        Pipeline::builder()
            .gazetteer(&f)
            .expect("gazetteer")
            .build()
            .expect("pipeline")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The whole pipeline: every entity mention, date and event trigger slices exactly.
    #[test]
    fn every_reported_span_slices_the_original(t in text()) {
        let doc = Document { id: "p".into(), text: t.clone(), ..Default::default() };
        let r = pipeline().process(&doc);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for e in &r.entities {
            for m in &e.mentions {
                prop_assert_eq!(slice_chars(&t, m.start, m.end), m.text.clone());
                prop_assert!(!m.text.is_empty());
                spans.push((m.start, m.end));
            }
        }
        for d in &r.dates {
            prop_assert_eq!(slice_chars(&t, d.start, d.end), d.text.clone());
        }
        for ev in &r.events {
            prop_assert_eq!(slice_chars(&t, ev.trigger.start, ev.trigger.end), ev.trigger.text.clone());
        }
        for i in &r.indicators {
            prop_assert_eq!(slice_chars(&t, i.start, i.end), i.text.clone());
        }
        // Entity mentions never overlap one another.
        spans.sort();
        for w in spans.windows(2) {
            prop_assert!(w[0].1 <= w[1].0, "overlapping mentions {:?}", w);
        }
    }

    /// The gazetteer stage alone: mentions never include a proclitic and are whole words.
    #[test]
    fn gazetteer_mentions_are_clean(t in text()) {
        let mut b = GazetteerBuilder::new();
        b.add_rows("t.tsv", parse("t.tsv", GAZ).expect("gazetteer parses"));
        let g = b.build().expect("builds");
        let p = Prepared::new(&t, None);
        for c in g.annotate(&p) {
            let s = &t[c.span.clone()];
            prop_assert!(!s.is_empty());
            prop_assert!(p.is_whole_word(c.span.clone()) || {
                // Or preceded only by proclitic letters (marks and tatweel do not count).
                let before: String = t[..c.span.start].chars().rev()
                    .take_while(|ch| khabar::text::is_word_char(*ch)).collect();
                khabar::text::normalize(&before).chars().count() <= 2
            }, "not a word: {:?} in {:?}", s, t);
        }
    }

    /// The letters the normalizer counts for the language test are the characters of the
    /// first LANG_SAMPLE bytes, whole, of the two scripts, wherever the sample ends; and
    /// the language a prepared text gets is what `detect_lang` says of it.
    #[test]
    fn letter_counts_match_a_plain_count(t in text(), pad in 0usize..6, latin_pad in any::<bool>()) {
        let filler = if latin_pad { "a" } else { "ب" };
        let n = (LANG_SAMPLE - pad) / filler.len();
        for t in [t.clone(), format!("{}{t}", filler.repeat(n))] {
            let mut expected = LetterCounts::default();
            for (i, c) in t.char_indices() {
                if i + c.len_utf8() <= LANG_SAMPLE {
                    expected.latin += usize::from(c.is_ascii_alphabetic());
                    let cp = c as u32;
                    expected.arabic += usize::from(
                        (0x0621..=0x064A).contains(&cp) || (0x0671..=0x06D3).contains(&cp),
                    );
                }
            }
            prop_assert_eq!(Normalized::new(&t).letters(), expected);
            prop_assert_eq!(Prepared::new(&t, None).lang, detect_lang(&t));
        }
    }

    /// The offset map: monotone, on character boundaries, within bounds, for any text.
    #[test]
    fn offset_map_is_monotone_for_any_text(t in "\\PC{0,80}") {
        let n = Normalized::new(&t);
        let mut last = 0;
        for (nb, _) in n.text.char_indices() {
            let ob = n.to_orig(nb);
            prop_assert!(t.is_char_boundary(ob));
            prop_assert!(ob >= last);
            last = ob;
        }
        for (ob, _) in t.char_indices() {
            let nb = n.to_norm(ob);
            prop_assert!(n.text.is_char_boundary(nb));
        }
        if !n.text.is_empty() {
            let r = n.span_to_orig(0..n.text.len(), &t);
            prop_assert!(r.end <= t.len() && r.start <= r.end);
        }
    }
}

#[test]
fn stages_can_be_switched_off() {
    let p = Pipeline::builder()
        .stages(Stages {
            rules: false,
            dates: false,
            events: false,
        })
        .build()
        .expect("pipeline");
    let doc = Document {
        id: "x".into(),
        text: "قال بايدن لبوتين".into(),
        ..Default::default()
    };
    let r = p.process(&doc);
    assert!(r.dates.is_empty() && r.events.is_empty());
}
