//! The standard evaluations the regression guard records: CoNLL files and date cases of
//! the shared data (when present) and the gold set, as one flat map of scores.

use std::fmt::Write;
use std::path::Path;

use super::baseline::Scores;
use super::{conll, dates, gold, ner};
use crate::error::Error;
use crate::pipeline::{Pipeline, Stages};

/// CoNLL files of the shared data scored by the suite: `(score name, path under shared/)`.
pub const CONLL_FILES: [(&str, &str); 3] = [
    ("anercorp-train", "data/ner/anercorp/train.txt"),
    ("conll2003-dev", "data/ner/conll2003/dev.txt"),
    // Saudi news of 2019-21: closest in time and source to the Arabic corpus.
    ("caraner-train", "data/ner/caraner/train.txt"),
];

/// Sentences per document for CoNLL files without `-DOCSTART-` lines.
pub const DOC_SENTENCES: usize = 20;

/// What the suite measured: the scores and a short printable summary.
#[derive(Debug, Clone, Default)]
pub struct SuiteResult {
    pub scores: Scores,
    pub summary: String,
    /// Parts skipped because their data is absent, with the reason.
    pub skipped: Vec<String>,
}

/// Runs every standard evaluation with the built-in pipeline. `shared` is the shared
/// data folder (its parts are skipped when absent), `gold_dir` the gold set.
pub fn run(shared: Option<&Path>, gold_dir: &Path) -> Result<SuiteResult, Error> {
    let mut out = SuiteResult::default();
    let ner_pipeline = Pipeline::builder()
        .stages(Stages {
            rules: true,
            dates: false,
            events: false,
        })
        .build()?;
    let full = Pipeline::builtin()?;

    let docs = gold::read_dir(gold_dir)?;
    let g = gold::evaluate(&full, &docs);
    for (name, c) in [
        ("gold.entities", g.entities),
        ("gold.dates", g.dates),
        ("gold.events", g.events),
    ] {
        out.scores.insert(format!("{name}.f1"), c.f1());
        let _ = writeln!(
            out.summary,
            "{name:<22} P {:6.2}  R {:6.2}  F1 {:6.2}",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }

    let Some(shared) = shared.filter(|p| p.is_dir()) else {
        out.skipped
            .push("shared data folder not found: CoNLL and date evaluations skipped".into());
        return Ok(out);
    };
    for (name, rel) in CONLL_FILES {
        let path = shared.join(rel);
        if !path.is_file() {
            out.skipped.push(format!("{} not found", path.display()));
            continue;
        }
        let docs = conll::read(&path, DOC_SENTENCES)?;
        let r = ner::evaluate(&ner_pipeline, &docs, &ner::NerOptions::default());
        let o = r.score.overall;
        out.scores.insert(format!("{name}.f1"), o.f1());
        for t in ["PER", "LOC", "ORG"] {
            if let Some(c) = r.score.per_type.get(t) {
                out.scores.insert(format!("{name}.{t}.f1"), c.f1());
            }
        }
        let _ = writeln!(
            out.summary,
            "{name:<22} P {:6.2}  R {:6.2}  F1 {:6.2}",
            o.precision(),
            o.recall(),
            o.f1()
        );
    }
    let temporal = shared.join("data/temporal");
    let mut files: Vec<_> = std::fs::read_dir(&temporal)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        out.skipped
            .push(format!("{}: no .jsonl date cases", temporal.display()));
    }
    for f in files {
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let cases = dates::read(&f)?;
        let r = dates::evaluate(&full, &cases);
        out.scores
            .insert(format!("dates.{name}.recognized"), r.recognized_pct());
        out.scores
            .insert(format!("dates.{name}.exact"), r.exact_pct());
        out.scores.insert(format!("dates.{name}.day"), r.day_pct());
        let _ = writeln!(
            out.summary,
            "dates {name:<16} recognized {:6.2}  exact {:6.2}  day {:6.2}",
            r.recognized_pct(),
            r.exact_pct(),
            r.day_pct()
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "id: g\nlang: en\ndct: 2021-07-06\n== text\nBiden spoke.\n== entities\nPERSON\tJoe Biden\tBiden\n";

    #[test]
    fn scores_every_present_part_and_skips_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let gold_dir = tmp.path().join("gold");
        std::fs::create_dir_all(&gold_dir).unwrap();
        std::fs::write(gold_dir.join("g.gold"), GOLD).unwrap();

        let only_gold = run(Some(&tmp.path().join("absent")), &gold_dir).unwrap();
        assert_eq!(
            only_gold.scores.keys().collect::<Vec<_>>(),
            ["gold.dates.f1", "gold.entities.f1", "gold.events.f1"]
        );
        assert_eq!(only_gold.skipped.len(), 1);

        // A shared folder with one of the two CoNLL files and one date file.
        let shared = tmp.path().join("shared");
        let ner = shared.join("data/ner/conll2003");
        let temporal = shared.join("data/temporal");
        std::fs::create_dir_all(&ner).unwrap();
        std::fs::create_dir_all(&temporal).unwrap();
        std::fs::write(ner.join("dev.txt"), "-DOCSTART- O\n\nBiden B-PER\nleft O\n").unwrap();
        std::fs::write(
            temporal.join("t.jsonl"),
            r#"{"id": "a", "text": "today", "ref": "2020-01-01T00:00:00", "expected": {"value": "2020-01-01", "grain": "day"}}"#,
        )
        .unwrap();
        let r = run(Some(&shared), &gold_dir).unwrap();
        assert_eq!(r.scores["conll2003-dev.f1"], 100.0);
        assert!(r.scores.contains_key("conll2003-dev.PER.f1"));
        assert!(r.scores.contains_key("dates.t.exact"));
        assert!(!r.scores.contains_key("anercorp-train.f1"));
        assert!(r.skipped.iter().any(|s| s.contains("anercorp")));
    }
}
