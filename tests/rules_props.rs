//! Property tests: the rules never panic on arbitrary text, and every span they report is
//! a non-empty slice of the original text on character boundaries.

use khabar::rules::Rules;
use khabar::text::Prepared;
use proptest::prelude::*;

fn pieces() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "الرئيس",
        "الروسي",
        "فلاديمير",
        "بن",
        "آل",
        "عبد",
        "الله",
        "شركة",
        "مجموعة",
        "تدعى",
        "قراصنة",
        "روس",
        "\"",
        "،",
        "وAPT29",
        "APT",
        "Storm-",
        "0558",
        "Sinks",
        "Inc",
        "Mr.",
        "John",
        "Smith",
        "hxxp://a[.]com",
        "1.2.3.4",
        "CVE-2021-1234",
        "(dot)",
        "ـ",
        "َ",
        "\u{200f}",
        "Ministry of",
        "Russian hackers",
        "known as",
        " ",
        "\n",
        "٢٠٢١",
        "é",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn spans_are_slices(text in pieces(), noise in "\\PC{0,20}") {
        let text = format!("{text}{noise}");
        let rules = Rules::builtin().expect("rules");
        let prep = Prepared::new(&text, None);
        for c in rules.annotate(&prep, &[]) {
            prop_assert!(c.span.start < c.span.end);
            prop_assert!(text.get(c.span.clone()).is_some());
        }
        for i in rules.indicators(&prep) {
            prop_assert_eq!(text.get(i.span.clone()), Some(i.text.as_str()));
        }
        let pipeline = khabar::Pipeline::builder()
            .without_builtin_gazetteers()
            .build()
            .expect("pipeline");
        let r = pipeline.process(&khabar::Document { id: "p".into(), text: text.clone(), ..Default::default() });
        let chars: Vec<char> = text.chars().collect();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for e in &r.entities {
            for m in &e.mentions {
                let s: String = chars[m.start..m.end].iter().collect();
                prop_assert_eq!(&s, &m.text);
                spans.push((m.start, m.end));
            }
        }
        spans.sort();
        for w in spans.windows(2) {
            prop_assert!(w[0].1 <= w[1].0, "overlapping mentions {:?}", w);
        }
    }
}
