//! Criterion benchmarks of the hot stages, each over the same documents: normalization
//! (`Prepared::new`), gazetteer matching, dates, events and the whole `Pipeline::process`.
//!
//! `cargo bench --bench stages` (inputs: about 1 MB of ../shared/data/corpus, else the
//! gold articles).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use khabar::text::Prepared;
use khabar::Pipeline;

mod common;

fn stages(c: &mut Criterion) {
    let docs = match common::corpus_dir() {
        Some(dir) => common::corpus_docs(&dir, 1_000_000),
        None => {
            eprintln!("../shared/data/corpus not found: benchmarking on the gold articles");
            common::gold_docs()
        }
    };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!("{} documents, {bytes} bytes", docs.len());
    let pipeline = match Pipeline::builtin() {
        Ok(p) => p,
        Err(e) => panic!("cannot build the pipeline: {e}"),
    };
    let preps: Vec<Prepared<'_>> = docs.iter().map(|d| Prepared::new(&d.text, None)).collect();
    let results: Vec<_> = docs.iter().map(|d| pipeline.process(d)).collect();

    // Pipeline::builtin() builds every stage.
    let (Some(time), Some(events)) = (&pipeline.time, &pipeline.events) else {
        panic!("the built-in pipeline lacks a stage");
    };
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(Prepared::new(black_box(&d.text), None));
            }
        })
    });
    g.bench_function("gazetteer", |b| {
        b.iter(|| {
            for p in &preps {
                black_box(pipeline.gazetteer.annotate(p));
            }
        })
    });
    g.bench_function("dates", |b| {
        b.iter(|| {
            for (p, d) in preps.iter().zip(&docs) {
                black_box(time.annotate(p, d.dct));
            }
        })
    });
    g.bench_function("events", |b| {
        b.iter(|| {
            for ((p, d), r) in preps.iter().zip(&docs).zip(&results) {
                black_box(events.extract(p, &r.entities, &r.dates, d.dct));
            }
        })
    });
    g.bench_function("process", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(pipeline.process(d));
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group("setup");
    g.sample_size(10);
    g.bench_function("pipeline_builtin", |b| {
        b.iter(|| black_box(Pipeline::builtin()))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(std::time::Duration::from_secs(5));
    targets = stages
}
criterion_main!(benches);
