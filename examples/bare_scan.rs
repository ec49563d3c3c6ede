//! The bare baseline of the speed targets (issue #2): one Aho-Corasick automaton
//! (leftmost-longest) over the built-in gazetteer's aliases, scanning the corpus's
//! already-normalized text and counting matches, nothing else. `scripts/bench.sh` runs it
//! beside `khabar extract` so both figures come from the same machine state.
//!
//!   cargo run --release --example bare_scan -- [CORPUS_DIR] [ROUNDS]
//!
//! Reads every `.txt` file under CORPUS_DIR (default `../shared/data/corpus`), normalizes
//! it as the pipeline does (`Prepared::new`), then times only the scan, best of ROUNDS
//! (default 3). Prints one `key=value` line; MB/s counts the original UTF-8 bytes, the unit
//! `khabar extract` reports, so the two can be divided.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use khabar::text::Prepared;

/// The benchmarks' corpus helpers (the same `.txt` file list as `cargo bench`).
#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let dir = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus"),
        PathBuf::from,
    );
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    if !dir.is_dir() {
        println!("skipping: corpus folder {} not found", dir.display());
        return ExitCode::SUCCESS;
    }

    let files = common::txt_files(&dir);
    let mut bytes = 0usize;
    let norms: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| {
            bytes += t.len();
            Prepared::new(&t, None).norm.text
        })
        .collect();

    let pipeline = match khabar::Pipeline::builtin() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: building the built-in gazetteer: {e}");
            return ExitCode::from(2);
        }
    };
    let patterns: Vec<&str> = pipeline.gazetteer.matcher.patterns().collect();
    let ac = match AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    {
        Ok(ac) => ac,
        Err(e) => {
            eprintln!("error: building the automaton: {e}");
            return ExitCode::from(2);
        }
    };

    let mut best = Duration::MAX;
    let mut matches = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        matches = norms.iter().map(|n| ac.find_iter(n.as_str()).count()).sum();
        best = best.min(t.elapsed());
    }
    let secs = best.as_secs_f64().max(1e-9);
    let norm_bytes: usize = norms.iter().map(String::len).sum();
    println!(
        "bare_scan docs={} bytes={bytes} normalized_bytes={norm_bytes} patterns={} matches={matches} secs={secs:.3} mb_per_s={:.2} docs_per_s={:.0}",
        norms.len(),
        patterns.len(),
        bytes as f64 / 1e6 / secs,
        norms.len() as f64 / secs,
    );
    ExitCode::SUCCESS
}
