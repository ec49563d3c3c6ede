//! Recognition share and value accuracy of the date stage on dateparser's test cases
//! (../shared/data/temporal). Skips when the shared data is absent.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use khabar::text::{Lang, Prepared};
use khabar::time::TimeTagger;
use serde_json::Value;

fn data(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/temporal")
        .join(name);
    p.exists().then_some(p)
}

/// The expected value cut to its grain, and how many characters of ours to compare.
fn grain_len(grain: &str) -> usize {
    match grain {
        "year" => 4,
        "month" => 7,
        "hour" => 13,
        "minute" | "second" => 16,
        _ => 10,
    }
}

#[derive(Default, Debug)]
struct Score {
    cases: usize,
    recognized: usize,
    correct: usize,
    no_date_ok: usize,
    no_date: usize,
    failures: Vec<String>,
}

fn score(file: &str) -> Option<Score> {
    let Some(path) = data(file) else {
        eprintln!("skipping: ../shared/data/temporal/{file} not found");
        return None;
    };
    let tagger = TimeTagger::builtin().expect("builtin vocabulary");
    let text = std::fs::read_to_string(path).expect("readable jsonl");
    let mut s = Score::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let rec: Value = serde_json::from_str(line).expect("json record");
        let doc = rec["text"].as_str().unwrap_or_default();
        let lang = rec["lang"].as_str().and_then(Lang::parse);
        let anchor = rec["ref"]
            .as_str()
            .and_then(|r| NaiveDateTime::parse_from_str(r, "%Y-%m-%dT%H:%M:%S").ok());
        let prep = Prepared::new(doc, lang);
        let dates = tagger.annotate_at(&prep, anchor);
        let exp = &rec["expected"];
        if exp.is_null() {
            s.no_date += 1;
            if dates.is_empty() {
                s.no_date_ok += 1;
            } else {
                s.failures
                    .push(format!("{doc:?}: no date expected, got {dates:?}"));
            }
            continue;
        }
        s.cases += 1;
        // Where the expected mention is: its byte range in the text (the whole text when
        // the record names none).
        let want = exp["mention"]
            .as_str()
            .and_then(|m| doc.find(m).map(|b| b..b + m.len()))
            .unwrap_or(0..doc.len());
        let value = exp["value"].as_str().unwrap_or_default();
        let n = grain_len(exp["grain"].as_str().unwrap_or("day"));
        let want_v = value.get(..n.min(value.len())).unwrap_or(value);
        let hits: Vec<_> = dates
            .iter()
            .filter(|d| d.span.start < want.end && want.start < d.span.end)
            .collect();
        if hits.is_empty() {
            s.failures.push(format!("{doc:?}: not found ({value})"));
            continue;
        }
        s.recognized += 1;
        // A range is right when one of its ends is ("January 3, 2017 - February 1st").
        let matches = |v: &str| v.split('/').any(|e| e.get(..want_v.len()) == Some(want_v));
        if hits.iter().any(|d| matches(&d.value)) {
            s.correct += 1;
        } else {
            let got: Vec<_> = hits.iter().map(|d| (&d.text, &d.value)).collect();
            s.failures
                .push(format!("{doc:?}: want {want_v}, got {got:?}"));
        }
    }
    Some(s)
}

fn report(file: &str, s: &Score) {
    eprintln!(
        "{file}: {} cases, recognized {} ({:.3}), value correct {} ({:.3}); no-date cases {}/{}",
        s.cases,
        s.recognized,
        s.recognized as f64 / s.cases.max(1) as f64,
        s.correct,
        s.correct as f64 / s.cases.max(1) as f64,
        s.no_date_ok,
        s.no_date
    );
    for f in &s.failures {
        eprintln!("  {f}");
    }
}

#[test]
fn dateparser_arabic() {
    let Some(s) = score("dateparser-ar.jsonl") else {
        return;
    };
    report("dateparser-ar.jsonl", &s);
    // Measured 22/24 (0.917) for both; the two misses are numeric Hijri dates with a
    // two-digit year and no era mark, which read as Gregorian dates in running text.
    let n = s.cases.max(1) as f64;
    assert!(s.recognized as f64 / n >= 0.9, "{s:?}");
    assert!(s.correct as f64 / n >= 0.9, "{s:?}");
}

#[test]
fn dateparser_english_search() {
    let Some(s) = score("dateparser-en-search.jsonl") else {
        return;
    };
    report("dateparser-en-search.jsonl", &s);
    let n = s.cases.max(1) as f64;
    // Measured 39/39 recognized and 37/39 values (the two misses are month-days
    // without a year that we place on the past side of the anchor, as news needs).
    assert!(s.recognized as f64 / n >= 0.97, "{s:?}");
    assert!(s.correct as f64 / n >= 0.92, "{s:?}");
    assert_eq!(s.no_date_ok, s.no_date, "{s:?}");
}
