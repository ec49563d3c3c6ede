//! Date attachment: a date in the event's clause, else in its sentence (`sentence`); else
//! the last date of the preceding sentences of the same paragraph (`context`); else the
//! document date (`dct`); else none. Never invented.

use chrono::NaiveDate;

use crate::model::{DateMention, DateSource, TimexType};
use std::ops::Range;

use crate::text::Prepared;

/// How many sentences back a date may be carried within a paragraph.
const CONTEXT_SENTENCES: usize = 3;

/// The date of an event: (value, text, source).
#[derive(Debug, Clone, PartialEq)]
pub struct Attached {
    pub value: Option<String>,
    pub text: Option<String>,
    pub source: DateSource,
}

fn usable(d: &DateMention) -> bool {
    matches!(d.ttype, TimexType::Date | TimexType::Time) && !d.value.is_empty()
}

/// Attaches a date to an event whose trigger starts at original byte `trigger` in
/// sentence `sentence`. `dates` are in text order.
#[cfg(test)]
pub fn attach(
    prep: &Prepared<'_>,
    dates: &[DateMention],
    sentence: usize,
    trigger: usize,
    dct: Option<NaiveDate>,
) -> Attached {
    let clauses = prep
        .sentences
        .get(sentence)
        .map(|s| super::view::clauses_of(prep.orig, s.clone()))
        .unwrap_or_default();
    attach_in(prep, dates, sentence, &clauses, trigger, dct)
}

/// [`attach`] with the clauses of the sentence already split (byte ranges of the original).
pub fn attach_in(
    prep: &Prepared<'_>,
    dates: &[DateMention],
    sentence: usize,
    clauses: &[Range<usize>],
    trigger: usize,
    dct: Option<NaiveDate>,
) -> Attached {
    let clause_of = |b: usize| clauses.partition_point(|c| c.start <= b);
    let tc = clause_of(trigger);
    let in_sentence = || dates.iter().filter(|d| d.sentence == sentence && usable(d));
    let best = in_sentence()
        .find(|d| clause_of(d.span.start) == tc)
        .or_else(|| in_sentence().min_by_key(|d| d.span.start.abs_diff(trigger)));
    if let Some(d) = best {
        return Attached {
            value: Some(d.value.clone()),
            text: Some(d.text.clone()),
            source: DateSource::Sentence,
        };
    }
    // Carried from the story so far: earlier sentences of the same paragraph.
    let mut s = sentence;
    for _ in 0..CONTEXT_SENTENCES {
        if s == 0 || paragraph_break(prep, s - 1, s) {
            break;
        }
        s -= 1;
        if let Some(d) = dates.iter().rev().find(|d| d.sentence == s && usable(d)) {
            return Attached {
                value: Some(d.value.clone()),
                text: Some(d.text.clone()),
                source: DateSource::Context,
            };
        }
    }
    match dct {
        Some(d) => Attached {
            value: Some(d.format("%Y-%m-%d").to_string()),
            text: None,
            source: DateSource::Dct,
        },
        None => Attached {
            value: None,
            text: None,
            source: DateSource::None,
        },
    }
}

/// True when a blank line separates sentence `a` from the following sentence `b`.
fn paragraph_break(prep: &Prepared<'_>, a: usize, b: usize) -> bool {
    let (Some(ra), Some(rb)) = (prep.sentences.get(a), prep.sentences.get(b)) else {
        return true;
    };
    let gap = prep.orig.get(ra.end..rb.start).unwrap_or("");
    gap.matches('\n').count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str, whole: &str, value: &str, prep: &Prepared<'_>) -> DateMention {
        let s = whole.find(text).unwrap();
        DateMention {
            text: text.into(),
            value: value.into(),
            ttype: TimexType::Date,
            start: 0,
            end: 0,
            sentence: prep.sentence_of(s),
            calendar: None,
            ambiguous: false,
            span: s..s + text.len(),
        }
    }

    #[test]
    fn sentence_then_context_then_dct() {
        let t = "On Monday hackers hit the port. They stole data.\n\nOfficials met later.";
        let p = Prepared::new(t, None);
        let d = vec![date("Monday", t, "2021-07-05", &p)];
        let dct = NaiveDate::from_ymd_opt(2021, 7, 10);
        let a = attach(&p, &d, 0, t.find("hit").unwrap(), dct);
        assert_eq!(a.source, DateSource::Sentence);
        assert_eq!(a.value.as_deref(), Some("2021-07-05"));
        let a = attach(&p, &d, 1, t.find("stole").unwrap(), dct);
        assert_eq!(a.source, DateSource::Context);
        let a = attach(&p, &d, 2, t.find("met").unwrap(), dct);
        assert_eq!(a.source, DateSource::Dct);
        assert_eq!(a.value.as_deref(), Some("2021-07-10"));
        let a = attach(&p, &d, 2, t.find("met").unwrap(), None);
        assert_eq!(a.source, DateSource::None);
        assert_eq!(a.value, None);
    }

    #[test]
    fn same_clause_wins() {
        let t = "هجوم في 4 يوليو؛ ثم اجتماع يوم الثلاثاء";
        let p = Prepared::new(t, None);
        let d = vec![
            date("4 يوليو", t, "2021-07-04", &p),
            date("يوم الثلاثاء", t, "2021-07-06", &p),
        ];
        let a = attach(&p, &d, 0, t.find("اجتماع").unwrap(), None);
        assert_eq!(a.value.as_deref(), Some("2021-07-06"));
        let a = attach(&p, &d, 0, 0, None);
        assert_eq!(a.value.as_deref(), Some("2021-07-04"));
    }
}
