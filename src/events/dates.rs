//! Date attachment: a date in the event's clause (`sentence`); a date elsewhere in its
//! sentence or carried from the preceding sentences of the paragraph (`sentence` /
//! `context`) only when nothing marks it as another event's date; else the document date
//! (`dct`); else none. Never invented.
//!
//! The guards come from judging events on real news: a year inside a relative clause
//! ("who was elected in 1997"), the start of a span ("since 2016", "منذ عام 2016"), a
//! vague reference from another clause, a date after the document date for a reported
//! fact, or a date years away from it were the usual wrong attachments. Statements are
//! made when they are reported, so they take a date only from their own clause.

use chrono::NaiveDate;

use crate::model::{DateMention, DateSource, TimexType};
use crate::text::{normalize, Prepared};

/// How many sentences back a date may be carried within a paragraph.
const CONTEXT_SENTENCES: usize = 2;

/// Words right before a date that make it the bound of a span, not the event's date.
const SPAN_BOUNDS: &[&str] = &["since", "until", "till", "منذ", "حتي", "لغايه", "طوال"];

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

/// A vague value (`PAST_REF`, `PRESENT_REF`, `FUTURE_REF`) or an underspecified one, or
/// a year before Christ (history told in passing, no time for the story's other events).
fn vague(d: &DateMention) -> bool {
    d.value.ends_with("_REF") || d.value.starts_with('X') || d.value.starts_with("BC")
}

/// True when the word right before the date bounds a span ("since 2016").
fn span_bound(prep: &Prepared<'_>, d: &DateMention) -> bool {
    let before = prep.orig.get(..d.span.start).unwrap_or("");
    let word: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let w = normalize(&word);
    SPAN_BOUNDS
        .iter()
        .any(|b| w == *b || (w.len() > b.len() && w.ends_with(b) && w.starts_with('و')))
}

/// True when `d` is the date of a dateline ("MIAMI, July 6 - "): after a place of one to
/// five capitalized words and a comma at the start of its line, and before a dash. It is
/// the day of the report: it dates what the first sentence says was said, but what it
/// says happened only when the sentence names no other day ("attacked Kaseya on Friday").
fn in_dateline(prep: &Prepared<'_>, d: &DateMention) -> bool {
    let after = prep.orig.get(d.span.end..).unwrap_or_default().trim_start();
    after.starts_with(['-', '–', '—']) && prep.after_dateline_place(prep.to_norm(d.span.start))
}

/// The first calendar date of a value (`2021-07-13/2021-07-15` → `2021-07-13`).
fn first_point(v: &str) -> &str {
    v.split('/').next().unwrap_or(v)
}

/// True when the date lies after the document date, or more than two years before it,
/// compared at the precision the value has.
fn far_from(d: &DateMention, dct: Option<NaiveDate>) -> bool {
    let Some(dct) = dct else { return false };
    let v = first_point(&d.value);
    let Some(year) = v.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return false;
    };
    let dct_s = dct.format("%Y-%m-%d").to_string();
    let n = v.len().min(10);
    let future = v
        .as_bytes()
        .iter()
        .take(n)
        .all(|b| b.is_ascii_digit() || *b == b'-')
        && v.get(..n).is_some_and(|p| p > dct_s.get(..n).unwrap_or(""));
    future || chrono::Datelike::year(&dct) - year > 2
}

/// Cuts a clause at commas (byte ranges of `text`).
fn comma_split(text: &str, r: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    // ',' is ASCII, so it never occurs inside a multi-byte character: a byte search finds
    // the same commas as walking the characters, without decoding every one of them (this
    // ran once per trigger over its whole sentence).
    let clause = text.get(r.clone()).unwrap_or("").as_bytes();
    for i in memchr::memchr_iter(b',', clause) {
        out.push(start..r.start + i);
        start = r.start + i + 1;
    }
    out.push(start..r.end);
    out
}

/// A day within the week up to the document date (yesterday, on Monday).
fn recent_day(d: &DateMention, dct: Option<NaiveDate>) -> bool {
    let (Some(dct), Ok(day)) = (
        dct,
        NaiveDate::parse_from_str(first_point(&d.value), "%Y-%m-%d"),
    ) else {
        return false;
    };
    day <= dct && (dct - day).num_days() <= 7
}

/// Attaches a date to an event of type `etype` whose trigger starts at original byte
/// `trigger` in sentence `sentence`, whose clauses are `clauses`. `dates` are in text order;
/// `triggers` are where the sentence's event triggers start (this one's among them).
#[allow(clippy::too_many_arguments)]
pub fn attach_among(
    prep: &Prepared<'_>,
    dates: &[DateMention],
    sentence: usize,
    clauses: &[std::ops::Range<usize>],
    trigger: usize,
    triggers: &[usize],
    dct: Option<NaiveDate>,
    etype: &str,
) -> Attached {
    let statement = etype.starts_with("Statement.");
    // Segments: clauses, further cut at commas, so that "X, who was elected in 1997,
    // said" keeps the year away from "said".
    let segments: Vec<std::ops::Range<usize>> = clauses
        .iter()
        .flat_map(|c| comma_split(prep.orig, c.clone()))
        .collect();
    let seg_of = |b: usize| segments.partition_point(|c| c.start <= b);
    let ts = seg_of(trigger);
    let (datelines, in_sentence): (Vec<&DateMention>, Vec<&DateMention>) = dates
        .iter()
        .filter(|d| d.sentence == sentence && usable(d) && !span_bound(prep, d))
        .partition(|d| !statement && in_dateline(prep, d));
    let nearest = |pred: &dyn Fn(&DateMention) -> bool| {
        in_sentence
            .iter()
            .copied()
            .filter(|d| pred(d))
            .min_by_key(|d| d.span.start.abs_diff(trigger))
    };
    // A statement is dated by its own segment, or by a recent day next to it
    // ("Speaking on Monday, the minister said").
    // A segment with another event's trigger holds that event's date: "REvil attacked
    // Kaseya on Friday, the company said" dates the attack, not the statement.
    let other_event = |seg: usize| triggers.iter().any(|&t| t != trigger && seg_of(t) == seg);
    let fits =
        |d: &DateMention| !statement || (recent_day(d, dct) && !other_event(seg_of(d.span.start)));
    // Beside a dateline, another date of the sentence is the event's only when it is a
    // day of the week before the report ("on Friday", "last Monday"): further dates are
    // mostly those of what the event is about ("its March 9 offer", "return it in 1999").
    let beside_dateline = |d: &DateMention| datelines.is_empty() || recent_day(d, dct);
    let found = nearest(&|d| seg_of(d.span.start) == ts && beside_dateline(d))
        .or_else(|| {
            nearest(&|d| seg_of(d.span.start).abs_diff(ts) == 1 && fits(d) && beside_dateline(d))
        })
        .or_else(|| {
            nearest(&|d| !statement && !vague(d) && !far_from(d, dct) && beside_dateline(d))
        })
        .or_else(|| datelines.first().copied());
    if let Some(d) = found {
        return Attached {
            value: Some(d.value.clone()),
            text: Some(d.text.clone()),
            source: DateSource::Sentence,
        };
    }
    // Carried from the story so far: earlier sentences of the same paragraph.
    let mut s = sentence;
    for _ in 0..CONTEXT_SENTENCES {
        if statement || s == 0 || paragraph_break(prep, s - 1, s) {
            break;
        }
        s -= 1;
        let carried = dates
            .iter()
            .rev()
            .filter(|d| d.sentence == s && usable(d))
            .find(|d| !vague(d) && !span_bound(prep, d) && !far_from(d, dct));
        if let Some(d) = carried {
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

    /// [`attach_among`] for a sentence with no other trigger.
    fn attach(
        prep: &Prepared<'_>,
        dates: &[DateMention],
        sentence: usize,
        clauses: &[std::ops::Range<usize>],
        trigger: usize,
        dct: Option<NaiveDate>,
        etype: &str,
    ) -> Attached {
        attach_among(
            prep,
            dates,
            sentence,
            clauses,
            trigger,
            &[trigger],
            dct,
            etype,
        )
    }
    use crate::text::split_clauses;

    fn cl(p: &Prepared<'_>, s: usize) -> Vec<std::ops::Range<usize>> {
        split_clauses(p.orig, p.sentences[s].clone())
    }

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
    fn a_day_beside_a_statement_is_that_of_another_event_in_its_segment() {
        // Written for this test.
        let t = "The gang attacked the port on Friday, the company said.";
        let p = Prepared::new(t, None);
        let d = vec![date("Friday", t, "2024-05-03", &p)];
        let dct = NaiveDate::from_ymd_opt(2024, 5, 6);
        let (attacked, said) = (t.find("attacked").unwrap(), t.find("said").unwrap());
        let at = |trigger: usize, triggers: &[usize], etype: &str| {
            attach_among(&p, &d, 0, &cl(&p, 0), trigger, triggers, dct, etype).value
        };
        let both = [attacked, said];
        assert_eq!(
            at(attacked, &both, "Cyber.Attack").as_deref(),
            Some("2024-05-03")
        );
        // The statement is the report's, not the attack's Friday.
        assert_eq!(
            at(said, &both, "Statement.Say").as_deref(),
            Some("2024-05-06")
        );
        // "Speaking on Friday, the minister said": no other event, the day is the statement's.
        assert_eq!(
            at(said, &[said], "Statement.Say").as_deref(),
            Some("2024-05-03")
        );
    }

    #[test]
    fn a_dateline_dates_what_was_said_and_what_happened_only_without_a_recent_day() {
        // Written for this test.
        let t = "OSLO, May 9 - Hackers hit the port operator on Sunday.\n\n\
                 BERGEN, May 9 - The operator said it signed a contract that ends in 2030.";
        let p = Prepared::new(t, None);
        let bergen = t.find("BERGEN").unwrap();
        let mut second_dateline = date("May 9", &t[bergen..], "2024-05-09", &p);
        second_dateline.span.start += bergen;
        second_dateline.span.end += bergen;
        second_dateline.sentence = 1;
        let d = vec![
            date("May 9", t, "2024-05-09", &p),
            date("Sunday", t, "2024-05-05", &p),
            second_dateline,
            date("2030", t, "2030", &p),
        ];
        let dct = NaiveDate::from_ymd_opt(2024, 5, 9);
        let at = |s: usize, word: &str, etype: &str| {
            attach(&p, &d, s, &cl(&p, s), t.find(word).unwrap(), dct, etype).value
        };
        // The attack took place on the day the sentence names, days before the report.
        assert_eq!(at(0, "hit", "Cyber.Attack").as_deref(), Some("2024-05-05"));
        // What was said was said on the day of the report, and a year further off is what
        // the contract is about, not when it was signed.
        assert_eq!(
            at(1, "said", "Statement.Say").as_deref(),
            Some("2024-05-09")
        );
        assert_eq!(
            at(1, "signed", "Agreement.Sign").as_deref(),
            Some("2024-05-09")
        );
        // Without a dateline, the date of the clause is the event's.
        let t = "The port operator signed a contract that ends in 2030.";
        let p = Prepared::new(t, None);
        let d = vec![date("2030", t, "2030", &p)];
        let a = attach(
            &p,
            &d,
            0,
            &cl(&p, 0),
            t.find("signed").unwrap(),
            dct,
            "Agreement.Sign",
        );
        assert_eq!(a.value.as_deref(), Some("2030"));
    }

    #[test]
    fn sentence_then_context_then_dct() {
        let t = "On Monday hackers hit the port. They stole data.\n\nOfficials met later.";
        let p = Prepared::new(t, None);
        let d = vec![date("Monday", t, "2021-07-05", &p)];
        let dct = NaiveDate::from_ymd_opt(2021, 7, 10);
        let a = attach(
            &p,
            &d,
            0,
            &cl(&p, 0),
            t.find("hit").unwrap(),
            dct,
            "Cyber.Attack",
        );
        assert_eq!(a.source, DateSource::Sentence);
        assert_eq!(a.value.as_deref(), Some("2021-07-05"));
        let a = attach(
            &p,
            &d,
            1,
            &cl(&p, 1),
            t.find("stole").unwrap(),
            dct,
            "Cyber.Breach",
        );
        assert_eq!(a.source, DateSource::Context);
        let a = attach(
            &p,
            &d,
            2,
            &cl(&p, 2),
            t.find("met").unwrap(),
            dct,
            "Contact.Meet",
        );
        assert_eq!(a.source, DateSource::Dct);
        assert_eq!(a.value.as_deref(), Some("2021-07-10"));
        let a = attach(
            &p,
            &d,
            2,
            &cl(&p, 2),
            t.find("met").unwrap(),
            None,
            "Contact.Meet",
        );
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
        let a = attach(
            &p,
            &d,
            0,
            &cl(&p, 0),
            t.find("اجتماع").unwrap(),
            None,
            "Contact.Meet",
        );
        assert_eq!(a.value.as_deref(), Some("2021-07-06"));
        let a = attach(&p, &d, 0, &cl(&p, 0), 0, None, "Cyber.Attack");
        assert_eq!(a.value.as_deref(), Some("2021-07-04"));
    }

    #[test]
    fn guards_against_other_events_dates() {
        let dct = NaiveDate::from_ymd_opt(2015, 8, 3);
        // A statement takes only a date of its own clause.
        let t = "The minister, who was elected in 1997, said the talks would go on.";
        let p = Prepared::new(t, None);
        let d = vec![date("1997", t, "1997", &p)];
        let a = attach(
            &p,
            &d,
            0,
            &cl(&p, 0),
            t.find("said").unwrap(),
            dct,
            "Statement.Say",
        );
        assert_eq!(a.source, DateSource::Dct);
        // "since 2016" bounds a span.
        let t = "Rebels have attacked the city since 2016.";
        let p = Prepared::new(t, None);
        let d = vec![date("2016", t, "2016", &p)];
        let a = attach(
            &p,
            &d,
            0,
            &cl(&p, 0),
            t.find("attacked").unwrap(),
            dct,
            "Conflict.Attack",
        );
        assert_eq!(a.source, DateSource::Dct);
        let t = "تشن الجماعة هجمات على المدينة منذ عام 2014";
        let p = Prepared::new(t, None);
        let d = vec![date("عام 2014", t, "2014", &p)];
        let a = attach(
            &p,
            &d,
            0,
            &cl(&p, 0),
            t.find("هجمات").unwrap(),
            dct,
            "Conflict.Attack",
        );
        assert_eq!(a.source, DateSource::Dct);
        // A carried date after the document date, or years before it, is not the event's.
        let t = "A conference is planned for September.
Troops attacked the town.";
        let p = Prepared::new(t, None);
        let d = vec![date("September", t, "2015-09", &p)];
        let a = attach(
            &p,
            &d,
            1,
            &cl(&p, 1),
            t.find("attacked").unwrap(),
            dct,
            "Conflict.Attack",
        );
        assert_eq!(a.source, DateSource::Dct);
        let t = "The 1990 war ended. Troops attacked the town.";
        let p = Prepared::new(t, None);
        let d = vec![date("1990", t, "1990", &p)];
        let a = attach(
            &p,
            &d,
            1,
            &cl(&p, 1),
            t.find("attacked").unwrap(),
            dct,
            "Conflict.Attack",
        );
        assert_eq!(a.source, DateSource::Dct);
        // The same clause still wins, whatever the value.
        let t = "Troops attacked the town in 1990.";
        let p = Prepared::new(t, None);
        let d = vec![date("1990", t, "1990", &p)];
        let a = attach(
            &p,
            &d,
            0,
            &cl(&p, 0),
            t.find("attacked").unwrap(),
            dct,
            "Conflict.Attack",
        );
        assert_eq!(a.value.as_deref(), Some("1990"));
    }
}
