//! Properties of the date stage on arbitrary text: no panic, mentions are exact slices,
//! sorted and not overlapping.

use khabar::text::Prepared;
use khabar::time::TimeTagger;
use proptest::prelude::*;

/// Pieces that make date-like and not-so-date-like text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("4".to_string()),
        Just("2021".to_string()),
        Just("1442".to_string()),
        Just("هـ".to_string()),
        Just("يوليو".to_string()),
        Just("تموز".to_string()),
        Just("رمضان".to_string()),
        Just("يوم".to_string()),
        Just("(الجمعة)".to_string()),
        Just("الماضي".to_string()),
        Just("منذ".to_string()),
        Just("يومين".to_string()),
        Just("من".to_string()),
        Just("إلى".to_string()),
        Just("July".to_string()),
        Just("last".to_string()),
        Just("week".to_string()),
        Just("ago".to_string()),
        Just("/".to_string()),
        Just("-".to_string()),
        Just("،".to_string()),
        Just("ـ".to_string()),
        Just("\u{064E}".to_string()),
        Just("٢٠٢١".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z0-9 ./:-]{0,6}",
        "\\PC{0,4}",
    ]
}

fn tagger() -> &'static TimeTagger {
    static T: std::sync::OnceLock<TimeTagger> = std::sync::OnceLock::new();
    T.get_or_init(|| TimeTagger::builtin().expect("vocabulary"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mentions_are_exact_sorted_slices(parts in prop::collection::vec(piece(), 0..14), spaces in prop::collection::vec(any::<bool>(), 14)) {
        let mut text = String::new();
        for (i, p) in parts.iter().enumerate() {
            text.push_str(p);
            if spaces.get(i).copied().unwrap_or(true) {
                text.push(' ');
            }
        }
        let tagger = tagger();
        let prep = Prepared::new(&text, None);
        for dct in [None, chrono::NaiveDate::from_ymd_opt(2021, 7, 10)] {
            let dates = tagger.annotate(&prep, dct);
            let mut last_end = 0;
            for d in &dates {
                prop_assert_eq!(text.get(d.span.clone()), Some(d.text.as_str()));
                let slice: String = text.chars().skip(d.start).take(d.end - d.start).collect();
                prop_assert_eq!(&slice, &d.text);
                prop_assert!(d.span.start >= last_end, "overlap in {:?}: {:?}", text, dates);
                prop_assert!(!d.value.is_empty());
                last_end = d.span.end;
            }
        }
    }
}
