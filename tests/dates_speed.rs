//! Cost of the date stage: end-to-end time with and without it on the shared corpus.
//! Ignored by default (a timing, not a check); run it in release mode:
//! `cargo test --release --test dates_speed -- --ignored --nocapture`.

mod common;

use std::time::{Duration, Instant};

use khabar::model::{DctSource, Document};
use khabar::pipeline::{Pipeline, Stages};

fn corpus(n: usize) -> Option<Vec<Document>> {
    let root = common::shared("data/corpus")?;
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

/// A clock of this thread's CPU time where Linux tells it (the machine is shared, so
/// wall time would count other processes), else wall time.
struct Clock(Option<u64>, Instant);

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Clock {
    fn start() -> Clock {
        Clock(thread_cpu_ns(), Instant::now())
    }

    fn elapsed(&self) -> Duration {
        match (self.0, thread_cpu_ns()) {
            (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
            _ => self.1.elapsed(),
        }
    }
}

fn run(p: &Pipeline, docs: &[Document]) -> (Duration, usize) {
    let t = Clock::start();
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
    // The date stage alone against the whole pipeline, on prepared texts.
    let preps: Vec<_> = docs
        .iter()
        .map(|d| khabar::text::Prepared::new(&d.text, None))
        .collect();
    let tagger = on.time.as_ref().expect("the date stage is built");
    let mut best_dates = Duration::MAX;
    for _ in 0..3 {
        let t = Clock::start();
        for (p, d) in preps.iter().zip(&docs) {
            std::hint::black_box(tagger.annotate(p, d.dct));
        }
        best_dates = best_dates.min(t.elapsed());
    }
    eprintln!(
        "date stage alone: {:.3}s = {:.1}% of the pipeline without dates",
        best_dates.as_secs_f64(),
        100.0 * best_dates.as_secs_f64() / best_off.as_secs_f64()
    );
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
