//! End-to-end throughput of `Pipeline::process` over the shared news corpus at 1 and 2
//! threads, against a bare baseline (one Aho-Corasick automaton over the same aliases
//! scanning the same normalized text), plus the load+compile time of `Pipeline::builtin()`.
//!
//! `cargo bench --bench throughput` (`KHABAR_BENCH_MB=N` reads only the first N MB).
//! Skips with a message when ../shared/data/corpus is absent.

use std::time::{Duration, Instant};

use khabar::text::Prepared;
use khabar::{Document, Pipeline, Stages};
use rayon::prelude::*;

mod common;

fn mbs(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

fn process_all(pipeline: &Pipeline, docs: &[Document], threads: usize) -> (Duration, usize) {
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => panic!("thread pool: {e}"),
    };
    let t = Instant::now();
    let mentions = pool.install(|| {
        docs.par_iter()
            .map(|d| {
                let r = pipeline.process(d);
                r.entities.iter().map(|e| e.mentions.len()).sum::<usize>()
                    + r.dates.len()
                    + r.events.len()
            })
            .sum()
    });
    (t.elapsed(), mentions)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that does not name us means "not this one".
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !args.is_empty() && !args.iter().any(|a| "throughput".contains(a.as_str())) {
        return;
    }
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipping: ../shared/data/corpus not found");
        return;
    };
    let max = std::env::var("KHABAR_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(usize::MAX, |mb| mb * 1_000_000);

    let mut builds = Vec::new();
    let mut pipeline = None;
    for _ in 0..3 {
        let t = Instant::now();
        let p = match Pipeline::builtin() {
            Ok(p) => p,
            Err(e) => panic!("cannot build the pipeline: {e}"),
        };
        builds.push(t.elapsed());
        pipeline = Some(p);
    }
    let Some(pipeline) = pipeline else { return };
    builds.sort();
    let aliases = pipeline.gazetteer.alias_count();

    let t = Instant::now();
    let docs = common::corpus_docs(&dir, max);
    let read = t.elapsed();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} documents, {:.1} MB (read in {:.2} s)",
        docs.len(),
        bytes as f64 / 1e6,
        read.as_secs_f64()
    );
    let best_ms = builds[0].as_secs_f64() * 1e3;
    println!(
        "Pipeline::builtin(): {best_ms:.1} ms (best of 3; median {:.1} ms; target < 300 ms: {}), {} entities, {aliases} aliases",
        builds[1].as_secs_f64() * 1e3,
        if best_ms < 300.0 { "met" } else { "MISSED" },
        pipeline.gazetteer.entities.len()
    );

    // Warm-up: caches, lazily built tables.
    let warm = docs.len().min(200);
    let _ = process_all(&pipeline, docs.get(..warm).unwrap_or_default(), 1);

    println!("\n| run | seconds | MB/s | docs/s | found |");
    println!("|---|---:|---:|---:|---:|");
    for threads in [1, 2] {
        let (d, found) = process_all(&pipeline, &docs, threads);
        println!(
            "| Pipeline::process, {threads} thread{} | {:.2} | {:.2} | {:.0} | {found} |",
            if threads > 1 { "s" } else { "" },
            d.as_secs_f64(),
            mbs(bytes, d),
            docs.len() as f64 / d.as_secs_f64().max(1e-9)
        );
    }

    // What each stage adds: the same corpus, one thread, with one stage switched off.
    // A stage's share of end-to-end time is (all - without it) / all.
    println!("\n| stages (1 thread) | seconds | MB/s | share of all |");
    println!("|---|---:|---:|---:|");
    let all_on = Stages::default();
    let variants = [
        ("all stages", all_on),
        (
            "gazetteer only (no rules, dates, events)",
            Stages {
                rules: false,
                dates: false,
                events: false,
            },
        ),
        (
            "without rules (and coreference)",
            Stages {
                rules: false,
                ..all_on
            },
        ),
        (
            "without dates",
            Stages {
                dates: false,
                ..all_on
            },
        ),
        (
            "without events",
            Stages {
                events: false,
                ..all_on
            },
        ),
    ];
    let mut all_secs = 0.0;
    for (name, stages) in variants {
        let p = match Pipeline::builder().stages(stages).build() {
            Ok(p) => p,
            Err(e) => panic!("cannot build the pipeline: {e}"),
        };
        let best = (0..2)
            .map(|_| process_all(&p, &docs, 1).0)
            .min()
            .unwrap_or_default();
        let secs = best.as_secs_f64();
        if name == "all stages" {
            all_secs = secs;
        }
        let share = if name == "all stages" || all_secs == 0.0 {
            "-".to_string()
        } else {
            format!("{:.0}%", (all_secs - secs) / all_secs * 100.0)
        };
        println!("| {name} | {secs:.2} | {:.2} | {share} |", mbs(bytes, best));
    }

    let t = Instant::now();
    let norms: Vec<String> = docs
        .iter()
        .map(|d| Prepared::new(&d.text, None).norm.text)
        .collect();
    let d = t.elapsed();
    println!(
        "| Prepared::new only (normalize, sentences, language), 1 thread | {:.2} | {:.2} | {:.0} | - |",
        d.as_secs_f64(),
        mbs(bytes, d),
        docs.len() as f64 / d.as_secs_f64().max(1e-9)
    );

    // The bare baseline: one Aho-Corasick automaton (LeftmostLongest) over the same
    // normalized aliases, scanning normalized text and counting matches, with no
    // word-boundary checks or candidate building.
    let ac = match aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(pipeline.gazetteer.matcher.patterns())
    {
        Ok(ac) => ac,
        Err(e) => {
            eprintln!("error: cannot build the baseline automaton: {e}");
            return;
        }
    };
    let t = Instant::now();
    let matches: usize = norms.iter().map(|n| ac.find_iter(n.as_str()).count()).sum();
    let d = t.elapsed();
    let nbytes: usize = norms.iter().map(String::len).sum();
    println!(
        "| bare Aho-Corasick scan of normalized text, 1 thread | {:.2} | {:.2} | {:.0} | {matches} |",
        d.as_secs_f64(),
        mbs(nbytes, d),
        docs.len() as f64 / d.as_secs_f64().max(1e-9)
    );
    println!(
        "\nMB/s are of original UTF-8 text (normalized text for the bare scan: {:.1} MB).",
        nbytes as f64 / 1e6
    );
}
