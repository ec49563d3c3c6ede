//! Throughput of the whole `extract` run against a bare Aho-Corasick baseline.
//!
//! ```sh
//! cargo run --release --example bench_run -- [CORPUS_DIR] [ALIASES]
//! ```
//! Default corpus `../shared/data/corpus`, default 60,000 generated aliases on top of the
//! built-in gazetteers. It times, in one process:
//! - the whole run (walk + read + decode + normalize + match + resolve + all stages + write
//!   the CSV/JSON files) at 1 and 2 threads: MB/s of decoded text and documents/s;
//! - the baseline: the pipeline's own automaton (leftmost-longest, same aliases) counting
//!   matches over the already-normalized texts, one thread, nothing else.

use std::path::PathBuf;
use std::time::Instant;

use khabar::corpus::{ReadOptions, Sources};
use khabar::output::{OutputOptions, OutputSet};
use khabar::run::{run, RunOptions};
use khabar::text::normalize;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let corpus = args
        .next()
        .unwrap_or_else(|| "../shared/data/corpus".to_string());
    let n_aliases: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(60_000);
    if !PathBuf::from(&corpus).is_dir() {
        eprintln!("skipping: {corpus} not found");
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    let gaz = tmp.path().join("generated.tsv");
    std::fs::write(&gaz, generated_gazetteer(n_aliases))?;
    let pipeline = khabar::Pipeline::builder().gazetteer(&gaz)?.build()?;
    println!(
        "corpus {corpus}; gazetteer: {} distinct normalized aliases; load average {}",
        pipeline.gazetteer.alias_count(),
        // Other processes on the machine skew every figure below.
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .next()
            .unwrap_or("?")
    );

    let mut one_thread = 0.0;
    let mut one_thread_cpu = 0.0;
    for threads in [1, 2] {
        let out_dir = tmp.path().join(format!("out{threads}"));
        let mut out = OutputSet::create(&OutputOptions {
            dir: out_dir,
            bom: true,
            xlsx: false,
        })?;
        let read = ReadOptions::default();
        let opts = RunOptions {
            threads,
            chunk: 0,
            read: read.clone(),
        };
        let start = Instant::now();
        let cpu0 = cpu_seconds();
        let summary = run(
            &pipeline,
            Sources::new(std::slice::from_ref(&corpus), &read),
            &opts,
            |p| out.write(&p.result),
        )?;
        out.finish()?;
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu0;
        let mbs = summary.bytes as f64 / 1e6 / secs;
        if threads == 1 {
            one_thread = mbs;
            one_thread_cpu = summary.bytes as f64 / 1e6 / cpu;
        }
        println!(
            "whole run  -j{threads}: {:>6.1} MB/s {:>8.0} docs/s  ({} docs, {:.1} MB, {secs:.2} s wall, {cpu:.2} s CPU){}",
            mbs,
            summary.documents as f64 / secs,
            summary.documents,
            summary.bytes as f64 / 1e6,
            if threads == 2 {
                format!("  speed-up {:.2}x", mbs / one_thread)
            } else {
                String::new()
            }
        );
    }

    // Baseline: the same automaton over the same texts, normalized beforehand (untimed).
    let texts: Vec<(usize, String)> = walk_texts(&corpus)
        .into_iter()
        .map(|t| (t.len(), normalize(&t)))
        .collect();
    let bytes: usize = texts.iter().map(|(b, _)| b).sum();
    let ac = pipeline.gazetteer.matcher.automaton();
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    let matches: usize = texts.iter().map(|(_, n)| ac.find_iter(n).count()).sum();
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    let base = bytes as f64 / 1e6 / secs;
    println!(
        "baseline   -j1: {base:>6.1} MB/s  ({matches} matches, {secs:.2} s wall, {cpu:.2} s CPU)"
    );
    // Where the one-thread time goes (CPU seconds per stage, same texts).
    let t = cpu_seconds();
    let raw: Vec<Vec<u8>> = walk_files(&corpus)
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let read_s = cpu_seconds() - t;
    let t = cpu_seconds();
    let decoded: Vec<String> = raw
        .iter()
        .filter_map(|b| khabar::corpus::decode::decode(b).ok())
        .map(|d| d.text)
        .collect();
    let decode_s = cpu_seconds() - t;
    let t = cpu_seconds();
    let preps: usize = decoded
        .iter()
        .map(|d| khabar::text::Prepared::new(d, None).sentences.len())
        .sum();
    let prepare_s = cpu_seconds() - t;
    let t = cpu_seconds();
    let results: Vec<khabar::DocResult> = decoded
        .iter()
        .map(|text| {
            pipeline.process(&khabar::Document {
                text: text.clone(),
                ..Default::default()
            })
        })
        .collect();
    let process_s = cpu_seconds() - t;
    let t = cpu_seconds();
    let mut out = OutputSet::create(&OutputOptions {
        dir: tmp.path().join("out-stages"),
        bom: true,
        xlsx: false,
    })?;
    for r in &results {
        out.write(r)?;
    }
    out.finish()?;
    let write_s = cpu_seconds() - t;
    println!(
        "CPU s by stage: read {read_s:.2}, decode {decode_s:.2}, prepare (normalize, sentences, lang) {prepare_s:.2} ({preps} sentences), process (prepare + annotate + resolve + stages) {process_s:.2}, write {write_s:.2}"
    );
    println!(
        "whole run -j1 / baseline: {:.2} by wall time, {:.2} by CPU time",
        one_thread / base,
        one_thread_cpu / (bytes as f64 / 1e6 / cpu)
    );
    Ok(())
}

/// User + system CPU seconds of this process so far (Linux; 0 elsewhere), so that figures
/// stay comparable when other processes compete for the cores.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line: 12th and 13th after the name.
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    let ticks = field(11) + field(12);
    ticks / 100.0
}

/// Texts of the corpus's UTF-8 files (what the run reads), for the baseline.
fn walk_texts(dir: &str) -> Vec<String> {
    walk_files(dir)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The article files of the corpus, sorted.
fn walk_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| khabar::corpus::EXTENSIONS.iter().any(|e| x == *e))
        })
        .collect();
    files.sort();
    files
}

/// A gazetteer of `n` generated aliases, Arabic and Latin two-word names built from
/// syllables, so that the automaton has a realistic size and shape.
fn generated_gazetteer(n: usize) -> String {
    const AR: [&str; 16] = [
        "با", "سي", "مو", "ري", "كا", "دو", "لي", "نو", "ها", "طا", "فر", "جم", "عل", "صب", "قو",
        "زي",
    ];
    const LA: [&str; 16] = [
        "ka", "lo", "mi", "ran", "tor", "vel", "sa", "dun", "bri", "cho", "pe", "zan", "gu", "fi",
        "nol", "wes",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 16) as usize
    };
    let mut word = |syl: &[&str; 16]| -> String {
        let len = 2 + next() % 3;
        (0..len).map(|_| syl[next()]).collect()
    };
    let mut out = String::from("id\ttype\tcanonical\taliases\n");
    for i in 0..n / 2 {
        let ar = format!("{} {}", word(&AR), word(&AR));
        let mut la = format!("{} {}", word(&LA), word(&LA));
        la[..1].make_ascii_uppercase();
        out.push_str(&format!("gen-{i}\tPERSON\t{la}\t{la}|{ar}\n"));
    }
    out
}
