//! `khabar extract --no-rules / --no-dates / --no-events`: each switch removes exactly its
//! stage's output and leaves the files, their headers and the other stages' rows as they are.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A cyber story with a rule-found name, indicators, dates and events (written for this
/// test), beside the seed article.
fn input(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    write(
        &input,
        "cyber.txt",
        "Hackers hit a hospital network in Ohio\n\n\
         Investigators said on Monday that the attackers reached the hospital's servers from \
         198.51.100.23 and exploited CVE-2021-34527 before demanding a ransom. President Joe \
         Biden condemned the attack on March 3, 2023, and spokesman Harold Quimby said the FBI \
         arrested two suspects.\n"
            .as_bytes(),
    );
    let seed_text = std::fs::read(seed()).unwrap();
    write(&input, "walla-biden-putin.txt", &seed_text);
    input
}

/// The output folders of a run with all stages and of a run with `flag`.
fn full_and(flag: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = input(dir.path());
    let (full, cut) = (dir.path().join("full"), dir.path().join("cut"));
    let o = extract(&[&input], &full, &["--quiet", "--dct", "2021-07-10"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = extract(&[&input], &cut, &["--quiet", "--dct", "2021-07-10", flag]);
    assert_eq!(o.code, 0, "{flag}: {}", o.stderr);
    for f in TEXT_OUTPUTS.into_iter().chain(["timeline.xlsx"]) {
        assert!(cut.join(f).is_file(), "{flag} still writes {f}");
    }
    (dir, full, cut)
}

fn same(a: &Path, b: &Path, f: &str) -> bool {
    std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap()
}

/// Column `col` of every row of `f`.
fn column(dir: &Path, f: &str, col: usize) -> Vec<String> {
    csv_rows(&dir.join(f))
        .into_iter()
        .map(|r| r[col].clone())
        .collect()
}

#[test]
fn no_rules_keeps_gazetteer_matches_only() {
    let (_d, full, cut) = full_and("--no-rules");
    let source = |dir: &Path| column(dir, "mentions.csv", 8);
    assert!(
        source(&full).iter().any(|s| !s.starts_with("gazetteer")),
        "the full run finds names by rule: {:?}",
        source(&full)
    );
    let gazetteer_only = source(&cut);
    assert!(!gazetteer_only.is_empty());
    assert!(
        gazetteer_only.iter().all(|s| s.starts_with("gazetteer")),
        "{gazetteer_only:?}"
    );
    assert_eq!(csv_rows(&full.join("indicators.csv")).len(), 2);
    assert!(csv_rows(&cut.join("indicators.csv")).is_empty());
    assert!(
        same(&full, &cut, "dates.csv"),
        "dates do not need the rules"
    );
}

#[test]
fn no_dates_leaves_dates_empty_and_events_on_the_document_date() {
    let (_d, full, cut) = full_and("--no-dates");
    assert!(!csv_rows(&full.join("dates.csv")).is_empty());
    assert!(csv_rows(&cut.join("dates.csv")).is_empty());
    assert!(std::fs::read_to_string(cut.join("dates.csv"))
        .unwrap()
        .contains("doc_id,text,value,type"));
    let date_source = |dir: &Path| column(dir, "events.csv", 5);
    assert!(date_source(&full).iter().any(|s| s != "dct"));
    let events = date_source(&cut);
    assert!(!events.is_empty(), "events are still extracted");
    assert!(events.iter().all(|s| s == "dct"), "{events:?}");
    assert!(same(&full, &cut, "mentions.csv"));
    let docs = jsonl(&cut.join("documents.jsonl"));
    assert!(docs
        .iter()
        .all(|d| d["dates"].as_array().unwrap().is_empty()));
}

#[test]
fn no_events_leaves_events_and_timeline_empty() {
    let (_d, full, cut) = full_and("--no-events");
    for f in ["events.csv", "timeline.csv"] {
        assert!(!csv_rows(&full.join(f)).is_empty(), "{f}");
        assert!(csv_rows(&cut.join(f)).is_empty(), "{f}");
    }
    let timeline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cut.join("timeline.json")).unwrap()).unwrap();
    assert_eq!(timeline, serde_json::json!([]));
    for f in [
        "mentions.csv",
        "dates.csv",
        "indicators.csv",
        "entities.csv",
    ] {
        assert!(same(&full, &cut, f), "{f} does not depend on events");
    }
    let manifest = csv_rows(&cut.join("documents.csv"));
    assert!(manifest.iter().all(|r| r[11] == "0"), "events column");
}

#[test]
fn stage_switches_are_documented() {
    let o = khabar(&["extract", "--help"], None);
    assert_eq!(o.code, 0);
    for flag in ["--no-rules", "--no-dates", "--no-events"] {
        assert!(o.stdout.contains(flag), "{flag} in --help");
    }
}
