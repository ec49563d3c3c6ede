//! Issue #5's target for the person rules, on ANERcorp train (`../shared`; skipped where
//! it is absent): with the rules, PERSON recall rises by at least 15 points over the
//! gazetteers alone (`--no-rules`), and PERSON precision falls by at most 5.

mod common;

use common::*;

/// (precision, recall) of PER from `khabar eval conll FILE --json EXTRA`.
fn per_scores(file: &str, extra: &[&str]) -> (f64, f64) {
    let mut args = vec!["eval", "conll", file, "--json"];
    args.extend_from_slice(extra);
    let o = khabar(&args, None);
    assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("JSON report");
    let per = &v["score"]["per_type"]["PER"];
    let count = |k: &str| {
        per[k]
            .as_f64()
            .unwrap_or_else(|| panic!("PER.{k} in {per}"))
    };
    let (gold, pred, correct) = (count("gold"), count("pred"), count("correct"));
    assert!(gold > 0.0 && pred > 0.0, "{per}");
    (100.0 * correct / pred, 100.0 * correct / gold)
}

#[test]
fn person_rules_raise_recall_at_little_cost_in_precision() {
    let Some(file) = shared("data/ner/anercorp/train.txt") else {
        return;
    };
    let file = file.to_str().unwrap_or_default();
    let (p0, r0) = per_scores(file, &["--no-rules"]);
    let (p1, r1) = per_scores(file, &[]);
    eprintln!("ANERcorp train PER: gazetteers only P {p0:.2} R {r0:.2}; with the rules P {p1:.2} R {r1:.2}");
    assert!(
        r1 - r0 >= 15.0,
        "recall {r0:.2} -> {r1:.2}: up by less than 15 points"
    );
    assert!(
        p0 - p1 <= 5.0,
        "precision {p0:.2} -> {p1:.2}: down by more than 5 points"
    );
}
