//! Event counts per type on a sample of ../shared/data/corpus, the share of time the event
//! stage takes, and a random sample of events written out for judging by hand.
//!
//! Ignored by default (it reads hundreds of articles):
//! `KHABAR_EVAL_GAZETTEER=extra.tsv cargo test --release --test events_corpus -- --ignored --nocapture`
//! `KHABAR_EVAL_GAZETTEER` adds an entity gazetteer (the built-in one is small on this branch);
//! `KHABAR_EVAL_SAMPLE` (default 50) is the size of the sample written to `KHABAR_EVAL_OUT`
//! (default `target/events-sample.tsv`), drawn with `KHABAR_EVAL_SEED`; `KHABAR_EVAL_OFFSET`
//! picks another set of articles; `KHABAR_EVAL_DOCS` (default 150) articles per language,
//! `KHABAR_EVAL_REPEAT` (default 3) timing runs.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use khabar::{Document, Pipeline, Stages};

fn sample_files(dir: &Path, prefix: &str, n: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|f| f.to_str())
                        .is_some_and(|f| f.starts_with(prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let step = (files.len() / n.max(1)).max(1);
    // A different offset draws a different set of articles (for a held-out judgement).
    let offset: usize = std::env::var("KHABAR_EVAL_OFFSET")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
        % step;
    files
        .into_iter()
        .skip(offset)
        .step_by(step)
        .take(n)
        .collect()
}

#[test]
#[ignore]
fn corpus_event_counts_and_sample() {
    let Some(root) = common::shared("data/corpus") else {
        return;
    };
    let per_lang: usize = std::env::var("KHABAR_EVAL_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let mut files = sample_files(&root.join("ar"), "saudinewsnet", per_lang);
    files.extend(sample_files(&root.join("en"), "bbc", per_lang / 2));
    files.extend(sample_files(
        &root.join("en"),
        "reuters",
        per_lang - per_lang / 2,
    ));
    let docs: Vec<Document> = files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(Document {
                id: p.file_name()?.to_string_lossy().into_owned(),
                path: p.display().to_string(),
                text,
                ..Default::default()
            })
        })
        .collect();
    let build = |events: bool| {
        let mut b = Pipeline::builder().stages(Stages {
            events,
            ..Stages::default()
        });
        if let Ok(g) = std::env::var("KHABAR_EVAL_GAZETTEER") {
            b = b.gazetteer(Path::new(&g)).expect("gazetteer");
        }
        b.build().expect("pipeline")
    };
    let (with, without) = (build(true), build(false));
    let time = |p: &Pipeline| {
        let t = Instant::now();
        let n: usize = docs.iter().map(|d| p.process(d).events.len()).sum();
        (t.elapsed(), n)
    };
    // Warm up, then the best of several runs each, interleaved so both see the same load.
    let _ = time(&with);
    let repeat: usize = std::env::var("KHABAR_EVAL_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let (mut t_with, mut t_without) = (Duration::MAX, Duration::MAX);
    for _ in 0..repeat {
        t_with = t_with.min(time(&with).0);
        t_without = t_without.min(time(&without).0);
    }
    // Per document, back to back (so a busy machine slows both alike): the best time of
    // the pipeline without events, and the best time of the event stage on its output.
    let (mut base_total, mut ev_total) = (Duration::ZERO, Duration::ZERO);
    for d in &docs {
        let (mut base, mut ev) = (Duration::MAX, Duration::MAX);
        for _ in 0..repeat {
            let t0 = Instant::now();
            let r = without.process(d);
            base = base.min(t0.elapsed());
            let prep = khabar::text::Prepared::new(&d.text, None);
            // The pipeline has built the offset index already (for mention offsets).
            std::hint::black_box(prep.char_offset(d.text.len()));
            let t1 = Instant::now();
            let n = with
                .events
                .as_ref()
                .expect("the event stage is built")
                .extract(&prep, &r.entities, &r.dates, d.dct)
                .len();
            ev = ev.min(t1.elapsed());
            std::hint::black_box(n);
        }
        base_total += base;
        ev_total += ev;
    }
    eprintln!(
        "per document, best of {repeat}: pipeline without events {:?}, event stage {:?} (+{:.1}%)",
        base_total,
        ev_total,
        100.0 * ev_total.as_secs_f64() / base_total.as_secs_f64().max(1e-9)
    );
    let results: Vec<_> = docs.iter().map(|d| with.process(d)).collect();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut all = Vec::new();
    for r in &results {
        let lang = r.lang.clone().unwrap_or_default();
        for e in &r.events {
            *counts.entry((e.etype.clone(), lang.clone())).or_default() += 1;
            all.push((r.doc_id.clone(), e.clone()));
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "{} documents ({} ar, {} en), {} bytes, {} events",
        docs.len(),
        results
            .iter()
            .filter(|r| r.lang.as_deref() == Some("ar"))
            .count(),
        results
            .iter()
            .filter(|r| r.lang.as_deref() == Some("en"))
            .count(),
        bytes,
        all.len()
    );
    eprintln!(
        "time with events {:?}, without {:?}: event stage adds {:.1}%",
        t_with,
        t_without,
        100.0 * (t_with.as_secs_f64() / t_without.as_secs_f64().max(1e-9) - 1.0)
    );
    for ((t, l), n) in &counts {
        eprintln!("{t}\t{l}\t{n}");
    }
    // A reproducible random sample for judging.
    let k: usize = std::env::var("KHABAR_EVAL_SAMPLE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let mut state: u64 = std::env::var("KHABAR_EVAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut picked = Vec::new();
    let mut pool: Vec<usize> = (0..all.len()).collect();
    while picked.len() < k && !pool.is_empty() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let i = (state >> 33) as usize % pool.len();
        picked.push(pool.swap_remove(i));
    }
    picked.sort_unstable();
    let out = std::env::var("KHABAR_EVAL_OUT").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/events-sample.tsv"),
        PathBuf::from,
    );
    let mut s = String::from("n\tdoc\ttype\ttrigger\tsummary\tdate_source\tsentence\n");
    for (n, i) in picked.iter().enumerate() {
        let (doc, e) = &all[*i];
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            n + 1,
            doc,
            e.etype,
            e.trigger.text,
            e.summary,
            e.date_source.as_str(),
            e.sentence_text.replace(['\t', '\n'], " ")
        ));
    }
    std::fs::write(&out, s).expect("write sample");
    eprintln!(
        "sample of {} events written to {}",
        picked.len(),
        out.display()
    );
    assert!(!docs.is_empty());
}
