//! Cost of the date stage: end-to-end time with and without it on the shared corpus.
//! Ignored by default (a timing, not a check); run it in release mode:
//! `cargo test --release --test dates_speed -- --ignored --nocapture`.

use std::path::Path;
use std::time::{Duration, Instant};

use khabar::model::{DctSource, Document};
use khabar::pipeline::{Pipeline, Stages};

fn corpus(n: usize) -> Option<Vec<Document>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus");
    if !root.exists() {
        eprintln!("skipping: ../shared/data/corpus not found");
        return None;
    }
    let mut docs = Vec::new();
    for lang in ["ar", "en"] {
        let mut names: Vec<_> = std::fs::read_dir(root.join(lang))
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        names.sort();
        for p in names.into_iter().take(n / 2) {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            docs.push(Document {
                id: p.display().to_string(),
                path: p.display().to_string(),
                title: None,
                text,
                lang: None,
                url: None,
                dct: chrono::NaiveDate::from_ymd_opt(2015, 7, 21),
                dct_source: DctSource::Cli,
            });
        }
    }
    Some(docs)
}

fn run(p: &Pipeline, docs: &[Document]) -> (Duration, usize) {
    let t = Instant::now();
    let mut dates = 0;
    for d in docs {
        dates += p.process(d).dates.len();
    }
    (t.elapsed(), dates)
}

#[test]
#[ignore]
fn date_stage_overhead() {
    let Some(docs) = corpus(4000) else {
        return;
    };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let on = Pipeline::builtin().expect("pipeline");
    let off = Pipeline::builder()
        .stages(Stages {
            dates: false,
            ..Stages::default()
        })
        .build()
        .expect("pipeline");
    // Warm up, then take the best of three runs of each.
    run(&on, &docs);
    run(&off, &docs);
    let mut best_on = Duration::MAX;
    let mut best_off = Duration::MAX;
    let mut n_dates = 0;
    for _ in 0..3 {
        let (t, n) = run(&on, &docs);
        best_on = best_on.min(t);
        n_dates = n;
        best_off = best_off.min(run(&off, &docs).0);
    }
    let extra = best_on.as_secs_f64() / best_off.as_secs_f64() - 1.0;
    eprintln!(
        "{} docs, {:.1} MB: with dates {:.3}s, without {:.3}s, date stage adds {:.1}% ({} dates)",
        docs.len(),
        bytes as f64 / 1e6,
        best_on.as_secs_f64(),
        best_off.as_secs_f64(),
        extra * 100.0,
        n_dates
    );
}
