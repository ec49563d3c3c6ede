//! Gazetteer-only precision and recall on a CoNLL-style file (`token … TAG` per line,
//! blank line between sentences): `cargo run -p gazbuild --example gazeval -- FILE`.
//! Each sentence is its tokens joined by spaces; a mention is mapped to the tokens it
//! touches (so a mention inside a token with a proclitic counts as that token); scoring
//! is exact span and type, conlleval-style. PERSON→PER, LOCATION→LOC,
//! ORGANIZATION/GROUP→ORG; MALWARE and MISC are not scored.

use std::collections::{BTreeMap, HashSet};
use std::process::ExitCode;

use khabar::{Document, EntityType, Pipeline, Stages};

type Span = (usize, usize, &'static str);

fn gold_spans(tags: &[String]) -> HashSet<Span> {
    let mut out = HashSet::new();
    let mut cur: Option<(usize, &'static str)> = None;
    let norm = |t: &str| -> Option<&'static str> {
        match t {
            "PER" | "PERS" => Some("PER"),
            "LOC" => Some("LOC"),
            "ORG" => Some("ORG"),
            "MISC" => Some("MISC"),
            _ => None,
        }
    };
    for (i, tag) in tags.iter().enumerate() {
        let (bio, ty) = tag
            .split_once('-')
            .map_or((tag.as_str(), ""), |(a, b)| (a, b));
        let ty = norm(ty);
        let starts = bio == "B" || (bio == "I" && cur.map(|c| Some(c.1)) != Some(ty));
        if bio == "O" || starts || ty.is_none() {
            if let Some((s, t)) = cur.take() {
                out.insert((s, i, t));
            }
        }
        if starts {
            if let Some(t) = ty {
                cur = Some((i, t));
            }
        }
    }
    if let Some((s, t)) = cur {
        out.insert((s, tags.len(), t));
    }
    out
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: gazeval FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let t0 = std::time::Instant::now();
    let pipeline = match Pipeline::builder()
        .stages(Stages {
            rules: false,
            dates: false,
            events: false,
        })
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("pipeline built in {:?}", t0.elapsed());
    let mut sents: Vec<(Vec<String>, Vec<String>)> = vec![(Vec::new(), Vec::new())];
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            sents.push((Vec::new(), Vec::new()));
            continue;
        }
        if f[0] == "-DOCSTART-" {
            continue;
        }
        if let (Some(tok), Some(tag)) = (f.first(), f.last()) {
            if let Some(s) = sents.last_mut() {
                s.0.push(tok.to_string());
                s.1.push(tag.to_string());
            }
        }
    }
    let mut tp: BTreeMap<&str, usize> = BTreeMap::new();
    let mut fp: BTreeMap<&str, usize> = BTreeMap::new();
    let mut fneg: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    // False positives by kind: (type, "boundary" | "type" | "spurious").
    let mut fp_kind: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (toks, tags) in sents.iter().filter(|s| !s.0.is_empty()) {
        let mut starts = Vec::new();
        let mut pos = 0usize;
        for t in toks {
            starts.push(pos);
            pos += t.chars().count() + 1;
        }
        let doc = Document {
            id: "s".into(),
            text: toks.join(" "),
            ..Default::default()
        };
        let res = pipeline.process(&doc);
        let tok_of = |c: usize| starts.iter().rposition(|&s| s <= c).unwrap_or(0);
        let mut pred: HashSet<Span> = HashSet::new();
        for e in &res.entities {
            let ty = match e.etype {
                EntityType::Person => "PER",
                EntityType::Location => "LOC",
                EntityType::Organization | EntityType::Group => "ORG",
                _ => continue,
            };
            for m in &e.mentions {
                let (s, t) = (tok_of(m.start), tok_of(m.end.saturating_sub(1)));
                pred.insert((s, t + 1, ty));
            }
        }
        let gold = gold_spans(tags);
        for p in &pred {
            if gold.contains(p) {
                *tp.entry(p.2).or_default() += 1;
            } else {
                *fp.entry(p.2).or_default() += 1;
                let overlaps = |g: &&Span| g.0 < p.1 && p.0 < g.1;
                let kind = if gold.iter().any(|g| g.0 == p.0 && g.1 == p.1) {
                    "type"
                } else if gold.iter().filter(overlaps).any(|g| g.2 == p.2) {
                    "boundary"
                } else if gold.iter().any(|g| overlaps(&g)) {
                    "type"
                } else {
                    "spurious"
                };
                *fp_kind.entry((p.2, kind)).or_default() += 1;
                let words = toks.get(p.0..p.1).map(|w| w.join(" ")).unwrap_or_default();
                let g = gold
                    .iter()
                    .find(|g| g.0 == p.0 && g.1 == p.1)
                    .map_or("O", |g| g.2);
                *errors
                    .entry(format!("{}\t{}\tgold={}", p.2, words, g))
                    .or_default() += 1;
            }
        }
        for g in gold.iter().filter(|g| g.2 != "MISC") {
            if !pred.contains(g) {
                *fneg.entry(g.2).or_default() += 1;
                if std::env::var_os("GAZEVAL_MISSES").is_some() {
                    let words = toks.get(g.0..g.1).map(|w| w.join(" ")).unwrap_or_default();
                    eprintln!("miss\t{}\t{words}", g.2);
                }
            }
        }
    }
    println!("type\tP\tR\tF1\ttp\tfp\tfn");
    for ty in ["PER", "LOC", "ORG"] {
        let (a, b, c) = (
            tp.get(ty).copied().unwrap_or(0),
            fp.get(ty).copied().unwrap_or(0),
            fneg.get(ty).copied().unwrap_or(0),
        );
        let p = a as f64 / (a + b).max(1) as f64;
        let r = a as f64 / (a + c).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!("{ty}\t{p:.3}\t{r:.3}\t{f:.3}\t{a}\t{b}\t{c}");
    }
    println!("false positives: boundary (overlaps a gold entity of that type), type (a gold entity of another type there), spurious");
    for ((ty, kind), n) in &fp_kind {
        println!("  {ty} {kind}: {n}");
    }
    if std::env::var_os("GAZEVAL_ERRORS").is_some() {
        let mut v: Vec<_> = errors.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (k, n) in v.into_iter().take(usize::MAX) {
            eprintln!("{n}\t{k}");
        }
    }
    ExitCode::SUCCESS
}
