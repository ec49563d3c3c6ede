//! Human-readable reports of the evaluations (the JSON form is the serde form of the
//! report structs).

use std::collections::BTreeSet;
use std::fmt::Write;

use super::conlleval::Counts;
use super::dates::DatesReport;
use super::gold::GoldReport;
use super::ner::{ErrorItem, NerReport};

/// Quotes a text for one report line: no Debug escaping (it would hide Arabic marks), but
/// line breaks made visible.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\r', "\\r").replace('\n', "\\n"))
}

fn row(out: &mut String, name: &str, c: &Counts) {
    let _ = writeln!(
        out,
        "{name:<14} {:>7.2} {:>7.2} {:>7.2} {:>7} {:>7} {:>7}",
        c.precision(),
        c.recall(),
        c.f1(),
        c.gold,
        c.pred,
        c.correct
    );
}

fn header(out: &mut String) {
    let _ = writeln!(
        out,
        "{:<14} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "", "P", "R", "F1", "gold", "found", "correct"
    );
}

fn errors(out: &mut String, title: &str, items: &[ErrorItem]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    for e in items {
        let _ = writeln!(out, "  {:>5}  {:<5} {}", e.count, e.etype, e.text);
    }
}

/// The CoNLL report: per-type and overall scores, confusion table, frequent errors.
pub fn ner(r: &NerReport) -> String {
    let mut out = String::new();
    let s = &r.score;
    let _ = writeln!(
        out,
        "{} documents, {} sentences, {} tokens; token accuracy {:.2}%",
        r.documents,
        r.sentences,
        s.tokens,
        s.token_accuracy()
    );
    let map: Vec<String> = r.mapping.iter().map(|(k, v)| format!("{k}→{v}")).collect();
    let _ = writeln!(out, "type mapping: {}", map.join(", "));
    if !s.excluded.is_empty() {
        let _ = writeln!(
            out,
            "overall excludes {} (scored apart below; --include-misc to count it)",
            s.excluded.join(", ")
        );
    }
    let _ = writeln!(out);
    header(&mut out);
    for (t, c) in &s.per_type {
        row(&mut out, t, c);
    }
    row(&mut out, "overall", &s.overall);

    let mut cols: BTreeSet<&str> = BTreeSet::new();
    for m in s.confusion.values() {
        cols.extend(m.keys().map(String::as_str));
    }
    if !s.confusion.is_empty() {
        let _ = writeln!(
            out,
            "\nconfusion (rows gold, columns found; same span; O = no chunk with that span):"
        );
        let _ = write!(out, "{:<8}", "");
        for c in &cols {
            let _ = write!(out, "{c:>8}");
        }
        let _ = writeln!(out);
        for (g, m) in &s.confusion {
            let _ = write!(out, "{g:<8}");
            for c in &cols {
                let _ = write!(out, "{:>8}", m.get(*c).copied().unwrap_or(0));
            }
            let _ = writeln!(out);
        }
    }
    errors(&mut out, "most frequent misses", &r.misses);
    errors(
        &mut out,
        "most frequent false positives",
        &r.false_positives,
    );
    out
}

/// The date report: shares and failing cases (at most `max_failures`).
pub fn dates(r: &DatesReport, max_failures: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} cases ({} expecting a date, {} expecting none)",
        r.cases,
        r.with_date,
        r.cases - r.with_date
    );
    let _ = writeln!(
        out,
        "recognized      {:>6.2}%  ({}/{})",
        r.recognized_pct(),
        r.recognized,
        r.with_date
    );
    let _ = writeln!(
        out,
        "exact value     {:>6.2}%  ({}/{}, at the expected grain)",
        r.exact_pct(),
        r.exact,
        r.with_date
    );
    let _ = writeln!(
        out,
        "right day       {:>6.2}%  ({}/{}, cases of grain day or finer)",
        r.day_pct(),
        r.day_correct,
        r.day_cases
    );
    let _ = writeln!(
        out,
        "false alarms    {} (dates found in no-date cases)",
        r.false_alarms
    );
    if !r.failures.is_empty() {
        let _ = writeln!(out, "\nfailing cases ({}):", r.failures.len());
    }
    for f in r.failures.iter().take(max_failures) {
        let (want, grain) = f
            .expected
            .as_ref()
            .map(|e| {
                let m = e
                    .mention
                    .as_deref()
                    .map(|m| format!("{} ", quote(m)))
                    .unwrap_or_default();
                (format!("{m}{}", e.value), e.grain.as_str())
            })
            .unwrap_or_else(|| ("no date".into(), "-"));
        let got = match (&f.found_text, &f.found_value) {
            (Some(t), Some(v)) => format!("{} = {v}", quote(t)),
            _ => "nothing".into(),
        };
        let _ = writeln!(
            out,
            "  {}  {}\n      expected {want} ({grain}), found {got}",
            f.id,
            quote(&f.text)
        );
    }
    if r.failures.len() > max_failures {
        let _ = writeln!(out, "  … {} more", r.failures.len() - max_failures);
    }
    out
}

/// The gold-set report: entity, date and event scores, then the errors.
pub fn gold(r: &GoldReport, max_errors: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} documents\n", r.documents);
    header(&mut out);
    row(&mut out, "entities", &r.entities);
    for (t, c) in &r.entities_per_type {
        row(&mut out, &format!("  {t}"), c);
    }
    row(&mut out, "  (untyped)", &r.entities_untyped);
    row(&mut out, "dates", &r.dates);
    row(&mut out, "  (span only)", &r.date_spans);
    row(&mut out, "events", &r.events);
    row(&mut out, "  (no date)", &r.events_loose);
    let _ = writeln!(
        out,
        "event roles right in {} of {} events matched by type and participants",
        r.event_roles_correct, r.events_loose.correct
    );
    if !r.errors.is_empty() {
        let _ = writeln!(out, "\nerrors ({}):", r.errors.len());
    }
    for e in r.errors.iter().take(max_errors) {
        let _ = writeln!(
            out,
            "  {:<22} {:<6} {:<8} {}",
            e.doc, e.kind, e.error, e.item
        );
    }
    if r.errors.len() > max_errors {
        let _ = writeln!(out, "  … {} more", r.errors.len() - max_errors);
    }
    out
}
