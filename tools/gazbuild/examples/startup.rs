//! Startup cost of the built-in gazetteers: time to parse and compile them (alone and
//! as part of `Pipeline::builtin()`), and peak RSS. Run in release:
//! `cargo run --release -p gazbuild --example startup`.

use std::time::Instant;

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), khabar::Error> {
    let t = Instant::now();
    let mut rows = 0;
    for (name, data) in khabar::gazetteer::BUILTIN {
        rows += khabar::gazetteer::parse(name, data)?.len();
    }
    println!(
        "parse only: {rows} rows in {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let mut normalized = 0usize;
    for (_, data) in khabar::gazetteer::BUILTIN {
        for line in data.lines() {
            for a in line.split(['\t', '|']) {
                normalized += khabar::text::normalize(a).len();
            }
        }
    }
    println!(
        "normalize every cell: {normalized} bytes in {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let g = khabar::gazetteer::Gazetteer::builtin()?;
    let gaz = t.elapsed();
    println!(
        "gazetteers: {} entities, {} patterns, load+compile {:.1} ms",
        g.entities.len(),
        g.alias_count(),
        gaz.as_secs_f64() * 1000.0
    );
    drop(g);
    let t = Instant::now();
    let p = khabar::Pipeline::builtin()?;
    let pipe = t.elapsed();
    println!(
        "Pipeline::builtin(): {:.1} ms ({} gazetteer entities)",
        pipe.as_secs_f64() * 1000.0,
        p.gazetteer.entities.len()
    );
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS: {mb:.1} MB");
    }
    Ok(())
}
