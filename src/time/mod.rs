//! Date recognition and normalization to TIMEX3 values anchored on the document date.
//!
//! One pass splits the normalized text into [`items`] (tokens with their vocabulary
//! meanings from `gazetteers/time/`, Arabic proclitics split off). Only items that are
//! vocabulary words or numbers can start a date, so the [`parser`] tries its patterns at
//! those few places; [`anchor`] then resolves each meaning against the document date
//! and the tense of its clause.

mod absolute;
mod anchor;
mod hijri;
mod items;
mod parser;
mod relative;
mod sem;
mod tokens;
mod vocab;

pub use vocab::calendar_word;

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Error;
use crate::model::DateMention;
use crate::text::Prepared;

use anchor::Anchor;
use items::Item;
use parser::{Found, Parser};
use sem::Sem;
use tokens::TokKind;
use vocab::{Lex, Vocab};

/// Compiled date rules and calendar vocabulary.
#[derive(Debug)]
pub struct TimeTagger {
    vocab: Vocab,
}

/// How far (in items) from a date a future marker still sets its tense.
const TENSE_WINDOW: usize = 8;

impl TimeTagger {
    /// The tagger with the built-in vocabulary of `gazetteers/time/`.
    pub fn builtin() -> Result<TimeTagger, Error> {
        Ok(TimeTagger {
            vocab: Vocab::builtin()?,
        })
    }

    /// Adds a user vocabulary file (same format as the files of `gazetteers/time/`;
    /// `name` is the built-in file whose format it follows, e.g. `months.tsv`).
    pub fn add_vocabulary(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.vocab.add_file(name, text)
    }

    /// Date expressions of a text, resolved against `dct` where there is one. The time
    /// of day is unknown, so "منذ ساعتين" (two hours ago) resolves to the date itself.
    pub fn annotate(&self, prep: &Prepared<'_>, dct: Option<NaiveDate>) -> Vec<DateMention> {
        self.annotate_anchor(
            prep,
            Anchor {
                date: dct,
                ..Anchor::default()
            },
        )
    }

    /// Like [`TimeTagger::annotate`] with a reference time of day: hour and minute
    /// offsets ("two hours ago", "in a minute") become TIME values.
    pub fn annotate_at(
        &self,
        prep: &Prepared<'_>,
        anchor: Option<NaiveDateTime>,
    ) -> Vec<DateMention> {
        self.annotate_anchor(
            prep,
            Anchor {
                date: anchor.map(|a| a.date()),
                time: anchor.map(|a| a.time()),
                ..Anchor::default()
            },
        )
    }

    fn annotate_anchor(&self, prep: &Prepared<'_>, base: Anchor) -> Vec<DateMention> {
        let mut out = Vec::new();
        let mut narrative = None;
        let norm = prep.norm_text();
        let mut scratch = items::Scratch::default();
        let mut items = Vec::new();
        for win in self.vocab.windows(norm) {
            items::items_into(norm, win, &self.vocab, &mut scratch, &mut items);
            let parser = Parser::new(&items, prep);
            for f in parser.parse_all() {
                push(
                    prep,
                    &base,
                    &self.vocab.bce,
                    &items,
                    f,
                    &mut narrative,
                    &mut out,
                );
            }
        }
        out
    }
}

/// Resolves one expression and adds it to `out`.
fn push(
    prep: &Prepared<'_>,
    base: &Anchor,
    bce: &[String],
    items: &[Item<'_>],
    f: Found,
    narrative: &mut Option<(i32, Option<u32>)>,
    out: &mut Vec<DateMention>,
) {
    let (Some(first), Some(last)) = (items.get(f.start), items.get(f.end.wrapping_sub(1))) else {
        return;
    };
    let mut span = prep.to_orig(first.range.start..last.range.end);
    // Marks that normalization deleted at the end belong to the last word ("هـ").
    while let Some(c) = prep.orig.get(span.end..).and_then(|s| s.chars().next()) {
        if matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}') {
            span.end += c.len_utf8();
        } else {
            break;
        }
    }
    let anchor = Anchor {
        future: base.date.is_some() && is_future(prep, items, &f),
        past: items
            .get(f.end)
            .is_some_and(|it| it.has(|l| matches!(l, Lex::Dir(vocab::Dir::Last)))),
        narrative: *narrative,
        ..*base
    };
    let Some((mut value, ttype)) = anchor::resolve(&f.sem, &anchor) else {
        return;
    };
    // "عام 1258 قبل الميلاد", "the 6th century BC": TIMEX3 marks the era with BC; the
    // marker belongs to the mention, and such a year is no anchor for the dates after it.
    let bce = if value.bytes().all(|b| b.is_ascii_digit()) {
        bce_after(prep.orig, span.end, bce)
    } else {
        None
    };
    if let Some(end) = bce {
        span.end = end;
        value.insert_str(0, "BC");
    } else if let Sem::Cal(_) = &f.sem {
        *narrative = narrative_of(&value).or(*narrative);
    }
    let Some(text) = prep.orig.get(span.clone()) else {
        return;
    };
    out.push(DateMention {
        text: text.to_string(),
        value,
        ttype,
        start: prep.char_offset(span.start),
        end: prep.char_offset(span.end),
        sentence: prep.sentence_of(span.start),
        calendar: f.hijri.then(|| "hijri".to_string()),
        ambiguous: f.ambiguous,
        span,
    });
}

/// The end of an era marker "before Christ" (`markers`, the vocabulary's `bce` rows,
/// longest first) right after `pos`, if there is one.
fn bce_after(orig: &str, pos: usize, markers: &[String]) -> Option<usize> {
    let rest = orig.get(pos..)?;
    let lead = rest.len() - rest.trim_start_matches([' ', '\u{00A0}']).len();
    let rest = &rest[lead..];
    let marker = markers.iter().find(|m| rest.starts_with(m.as_str()))?;
    // A whole word: "BC" is not the start of "BCCI".
    let after = rest[marker.len()..].chars().next();
    if after.is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(pos + lead + marker.len())
}

/// Year and month of a resolved calendar value ("2014-10" → 2014, October).
fn narrative_of(value: &str) -> Option<(i32, Option<u32>)> {
    let y = value.get(..4)?.parse().ok()?;
    let m = value.get(5..7).and_then(|m| m.parse().ok());
    Some((y, m))
}

/// Stems that start like a future verb ("سي", "ست", "سن") but are nouns.
const NOT_FUTURE: &[&str] = &[
    "سيا", "سيار", "سيط", "سين", "سيد", "ستا", "سنو", "سنه", "سني", "سنت", "ستين", "ستون", "سيول",
    "سيو", "سنغ", "ستو", "سيف", "سيس", "سيم", "ستر", "سنا", "سنب", "سنج", "سير", "سيك",
];

/// True when a future marker stands near the date in its clause: "سوف", "will", or a
/// verb with the future prefix "سـ" ("ستعقد", "سيزور").
fn is_future(prep: &Prepared<'_>, items: &[Item<'_>], f: &Found) -> bool {
    let norm = prep.norm_text();
    // Clause edges, read on the items themselves: a comma, a semicolon, a colon (before
    // what a speaker said), a sentence end or a line break stops the look-around.
    let is_edge = |j: usize| {
        items.get(j).is_some_and(|it| {
            matches!(
                it.kind,
                TokKind::Punct('،' | ';' | '؛' | ':' | '.' | '!' | '?')
            )
        })
    };
    let break_between = |a: usize, b: usize| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => norm
            .get(x.range.end..y.range.start)
            .is_some_and(|g| g.contains('\n')),
        _ => true,
    };
    let mut lo = f.start;
    while lo > 0 && f.start - lo < TENSE_WINDOW && !is_edge(lo - 1) && !break_between(lo - 1, lo) {
        lo -= 1;
    }
    // After the date, "that" or "أن" opens what a speaker said: the date is the
    // saying's ("وصرح يوم الاثنين بأن من المتوقع ...").
    let reported = |j: usize| {
        items
            .get(j)
            .is_some_and(|it| it.has(|l| matches!(l, Lex::Reported)))
    };
    let mut hi = f.end;
    while hi < items.len()
        && hi - f.end < TENSE_WINDOW
        && !is_edge(hi)
        && !reported(hi)
        && !break_between(hi - 1, hi)
    {
        hi += 1;
    }
    // The expression's own "next" is handled by its direction.
    let around = (lo..f.start).chain(f.end..hi);
    around.filter_map(|j| items.get(j)).any(|it| {
        if it.has(|l| matches!(l, Lex::Future)) {
            return true;
        }
        if !it.lex.is_empty() || it.kind != TokKind::Word {
            return false;
        }
        let w = norm.get(it.range.clone()).unwrap_or("");
        let w = w
            .strip_prefix('و')
            .or_else(|| w.strip_prefix('ف'))
            .unwrap_or(w);
        let mut cs = w.chars();
        cs.next() == Some('س')
            && matches!(cs.next(), Some('ي' | 'ت' | 'ن'))
            && w.chars().count() >= 4
            && !NOT_FUTURE.iter().any(|p| w.starts_with(p))
    })
}

#[cfg(test)]
mod tests;
