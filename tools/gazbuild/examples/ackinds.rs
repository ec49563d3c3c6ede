//! Compares Aho-Corasick automaton kinds on the built-in aliases (build time), to choose
//! how the matcher should compile them: `cargo run --release -p gazbuild --example ackinds`.

use std::collections::BTreeSet;
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut pats: BTreeSet<String> = BTreeSet::new();
    for (name, data) in khabar::gazetteer::BUILTIN {
        for row in khabar::gazetteer::parse(name, data)? {
            pats.insert(khabar::text::normalize(&row.canonical));
            for a in row.aliases.iter().chain(&row.case_aliases) {
                pats.insert(khabar::text::normalize(a));
            }
        }
    }
    let pats: Vec<String> = pats.into_iter().collect();
    let bytes: usize = pats.iter().map(String::len).sum();
    println!("{} patterns, {bytes} bytes", pats.len());
    for (label, kind, start, depth) in [
        (
            "contiguous, both",
            AhoCorasickKind::ContiguousNFA,
            StartKind::Both,
            3,
        ),
        (
            "contiguous, both, dense_depth 0",
            AhoCorasickKind::ContiguousNFA,
            StartKind::Both,
            0,
        ),
        (
            "contiguous, both, dense_depth 1",
            AhoCorasickKind::ContiguousNFA,
            StartKind::Both,
            1,
        ),
        (
            "noncontiguous, both",
            AhoCorasickKind::NoncontiguousNFA,
            StartKind::Both,
            3,
        ),
        (
            "noncontiguous, both, dense_depth 0",
            AhoCorasickKind::NoncontiguousNFA,
            StartKind::Both,
            0,
        ),
    ] {
        let t = Instant::now();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(start)
            .kind(Some(kind))
            .dense_depth(depth)
            .build(&pats)?;
        println!(
            "{label}: {:.1} ms, {} KB",
            t.elapsed().as_secs_f64() * 1000.0,
            ac.memory_usage() / 1024
        );
    }
    Ok(())
}
