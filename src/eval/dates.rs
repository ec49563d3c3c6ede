//! Date evaluation on test cases in the JSON Lines format of `shared/data/temporal`:
//! one phrase (or a sentence and the expected date mention in it) with the expected value
//! and its grain.

use std::ops::Range;
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::DateMention;
use crate::pipeline::Pipeline;

/// The expected date of a case.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Expected {
    /// The substring that is the date (search cases); absent when `text` is the date.
    #[serde(default)]
    pub mention: Option<String>,
    /// ISO 8601: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, `YYYY-MM`, `YYYY`.
    pub value: String,
    /// `second`, `minute`, `hour`, `day`, `week`, `month`, `quarter` or `year`.
    pub grain: String,
}

/// One test case.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct DateCase {
    pub id: String,
    #[serde(default)]
    pub lang: Option<String>,
    pub text: String,
    /// Reference time; its date is the document date.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    /// `None`: no date must be found in the text.
    pub expected: Option<Expected>,
}

/// Reads a `.jsonl` file of cases (blank lines skipped).
pub fn read(path: &Path) -> Result<Vec<DateCase>, Error> {
    let data = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&data).map_err(|(line, msg)| Error::Data {
        what: format!("{}:{line}", path.display()),
        msg,
    })
}

/// Parses JSON Lines cases; the error is `(line number, message)`.
pub fn parse(data: &str) -> Result<Vec<DateCase>, (usize, String)> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| (i + 1, e.to_string())))
        .collect()
}

/// How one case went.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CaseOutcome {
    pub id: String,
    pub text: String,
    pub expected: Option<Expected>,
    /// The date chosen for the comparison (the one overlapping the expected mention most).
    pub found_text: Option<String>,
    pub found_value: Option<String>,
    /// A date was found where one is expected (or none was found where none is).
    pub recognized: bool,
    /// Its value equals the expected one at the expected grain.
    pub exact: bool,
    /// Its value names the expected day (cases of grain day or finer only).
    pub day: Option<bool>,
}

/// The first ISO date (`YYYY-MM-DD`) of a value (an interval's start), if it has one.
fn day_of(value: &str) -> Option<NaiveDate> {
    let start = value.split('/').next().unwrap_or(value);
    NaiveDate::parse_from_str(start.get(..10)?, "%Y-%m-%d").ok()
}

/// Compares a found TIMEX3 value with the expected ISO value at the expected grain.
pub fn same_at_grain(found: &str, expected: &str, grain: &str) -> bool {
    let start = found.split('/').next().unwrap_or(found);
    let prefix = |n: usize| match (start.get(..n), expected.get(..n)) {
        (Some(a), Some(b)) => a == b && start.len() >= n,
        _ => false,
    };
    match grain {
        "year" => prefix(4),
        "month" => prefix(7),
        "day" => prefix(10),
        "hour" => prefix(13),
        "minute" => prefix(16),
        "second" => prefix(19),
        "week" => {
            let Some(exp) = day_of(expected) else {
                return false;
            };
            let w = exp.iso_week();
            let week = format!("{:04}-W{:02}", w.year(), w.week());
            start == week || day_of(start).is_some_and(|d| d.iso_week() == w)
        }
        "quarter" => {
            let Some(exp) = day_of(expected) else {
                return false;
            };
            let q = format!("{:04}-Q{}", exp.year(), exp.month0() / 3 + 1);
            start == q
                || day_of(start)
                    .is_some_and(|d| d.year() == exp.year() && d.month0() / 3 == exp.month0() / 3)
        }
        _ => start == expected,
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Scores one case against the dates found in its text.
pub fn score_case(case: &DateCase, found: &[DateMention]) -> CaseOutcome {
    let mut out = CaseOutcome {
        id: case.id.clone(),
        text: case.text.clone(),
        expected: case.expected.clone(),
        found_text: None,
        found_value: None,
        recognized: false,
        exact: false,
        day: None,
    };
    let Some(exp) = &case.expected else {
        out.recognized = found.is_empty();
        out.exact = found.is_empty();
        if let Some(d) = found.first() {
            out.found_text = Some(d.text.clone());
            out.found_value = Some(d.value.clone());
        }
        return out;
    };
    // Whole-phrase cases: any date counts, the longest one is compared.
    let target = match &exp.mention {
        Some(m) => case.text.find(m.as_str()).map(|s| s..s + m.len()),
        None => Some(0..case.text.len()),
    };
    let best = target.and_then(|t| {
        found
            .iter()
            .filter(|d| overlap(&d.span, &t) > 0)
            .max_by_key(|d| overlap(&d.span, &t))
    });
    if let Some(d) = best {
        out.recognized = true;
        out.found_text = Some(d.text.clone());
        out.found_value = Some(d.value.clone());
        out.exact = same_at_grain(&d.value, &exp.value, &exp.grain);
    }
    if matches!(exp.grain.as_str(), "day" | "hour" | "minute" | "second") {
        let ok = best
            .is_some_and(|d| day_of(&d.value).is_some() && day_of(&d.value) == day_of(&exp.value));
        out.day = Some(ok);
    }
    out
}

/// Totals of a date evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct DatesReport {
    pub cases: usize,
    /// Cases that expect a date.
    pub with_date: usize,
    pub recognized: usize,
    pub exact: usize,
    /// Cases of grain day or finer, and how many of them name the right day.
    pub day_cases: usize,
    pub day_correct: usize,
    /// "No date" cases where a date was found anyway.
    pub false_alarms: usize,
    pub failures: Vec<CaseOutcome>,
}

impl DatesReport {
    /// Share of cases expecting a date where one was recognized, in percent.
    pub fn recognized_pct(&self) -> f64 {
        super::conlleval::pct(self.recognized, self.with_date)
    }
    /// Exact value accuracy over the cases expecting a date, in percent.
    pub fn exact_pct(&self) -> f64 {
        super::conlleval::pct(self.exact, self.with_date)
    }
    /// Day-level accuracy over the cases of grain day or finer, in percent.
    pub fn day_pct(&self) -> f64 {
        super::conlleval::pct(self.day_correct, self.day_cases)
    }
}

/// Sums case outcomes; failing cases are kept in order.
pub fn summarize(outcomes: Vec<CaseOutcome>) -> DatesReport {
    let mut r = DatesReport {
        cases: outcomes.len(),
        with_date: 0,
        recognized: 0,
        exact: 0,
        day_cases: 0,
        day_correct: 0,
        false_alarms: 0,
        failures: Vec::new(),
    };
    for o in outcomes {
        if o.expected.is_some() {
            r.with_date += 1;
            r.recognized += usize::from(o.recognized);
            r.exact += usize::from(o.exact);
        } else if !o.recognized {
            r.false_alarms += 1;
        }
        if let Some(d) = o.day {
            r.day_cases += 1;
            r.day_correct += usize::from(d);
        }
        if !o.exact || o.day == Some(false) {
            r.failures.push(o);
        }
    }
    r
}

/// Runs the pipeline's date stage on every case and scores it. The case's reference time
/// (date and time of day) is the anchor, so "two hours ago" can be scored to the hour.
pub fn evaluate(pipeline: &Pipeline, cases: &[DateCase]) -> DatesReport {
    let outcomes = cases
        .par_iter()
        .map(|c| {
            let anchor = c.reference.as_deref().and_then(|r| {
                NaiveDateTime::parse_from_str(r, "%Y-%m-%dT%H:%M:%S")
                    .ok()
                    .or_else(|| {
                        r.get(..10)
                            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                            .and_then(|d| d.and_hms_opt(0, 0, 0))
                    })
            });
            let lang = c.lang.as_deref().and_then(crate::text::Lang::parse);
            let prep = crate::text::Prepared::new(&c.text, lang);
            // A pipeline built without its date stage finds no dates.
            let dates = pipeline
                .time
                .as_ref()
                .map_or_else(Vec::new, |t| t.annotate_at(&prep, anchor));
            score_case(c, &dates)
        })
        .collect();
    summarize(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimexType;

    fn dm(text: &str, full: &str, value: &str) -> DateMention {
        let s = full.find(text).unwrap_or(0);
        DateMention {
            text: text.into(),
            value: value.into(),
            ttype: TimexType::Date,
            start: 0,
            end: 0,
            sentence: 0,
            calendar: None,
            ambiguous: false,
            span: s..s + text.len(),
        }
    }

    fn case(text: &str, mention: Option<&str>, value: &str, grain: &str) -> DateCase {
        DateCase {
            id: "t".into(),
            lang: None,
            text: text.into(),
            reference: Some("2014-09-01T10:30:00".into()),
            expected: Some(Expected {
                mention: mention.map(Into::into),
                value: value.into(),
                grain: grain.into(),
            }),
        }
    }

    #[test]
    fn reads_the_shared_format() {
        let line = r#"{"id": "x:1", "source": "x", "lang": "ar", "text": "أمس", "ref": "2014-09-01T10:30:00", "expected": {"value": "2014-08-31", "grain": "day"}, "note": "n"}
{"id": "x:2", "source": "x", "lang": "en", "text": "nothing here", "ref": null, "expected": null}"#;
        let cases = parse(line).unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].expected.as_ref().unwrap().grain, "day");
        assert!(cases[1].expected.is_none());
        assert!(parse("{not json").is_err());
    }

    #[test]
    fn grains() {
        assert!(same_at_grain("2014-08-31", "2014-08-31", "day"));
        assert!(!same_at_grain("2014-08", "2014-08-31", "day"));
        assert!(same_at_grain(
            "2015-01-06T17:16",
            "2015-01-06T17:16:00",
            "minute"
        ));
        assert!(!same_at_grain(
            "2015-01-06",
            "2015-01-06T17:16:00",
            "minute"
        ));
        assert!(same_at_grain("2014-W35", "2014-08-25", "week"));
        assert!(same_at_grain("2014-08-27", "2014-08-25", "week"));
        assert!(same_at_grain("2014-Q3", "2014-08-25", "quarter"));
        assert!(same_at_grain("2014", "2014", "year"));
        assert!(same_at_grain("2021-07-13/2021-07-15", "2021-07-13", "day"));
    }

    #[test]
    fn perfect_output_scores_one_hundred() {
        let c1 = case("أمس", None, "2014-08-31", "day");
        let c2 = case(
            "We met on July 13th and left.",
            Some("July 13th"),
            "2014-07-13",
            "day",
        );
        let o1 = score_case(&c1, &[dm("أمس", &c1.text, "2014-08-31")]);
        let o2 = score_case(&c2, &[dm("July 13th", &c2.text, "2014-07-13")]);
        let r = summarize(vec![o1, o2]);
        assert_eq!(r.recognized_pct(), 100.0);
        assert_eq!(r.exact_pct(), 100.0);
        assert_eq!(r.day_pct(), 100.0);
        assert!(r.failures.is_empty());
    }

    #[test]
    fn known_errors_give_exact_counts() {
        let text = "Talks began on March 3, 2015 and ended in May.";
        // 1: right span, wrong day. 2: a date elsewhere only (not recognized).
        // 3: right month-grain value. 4: no-date case with a false alarm.
        // 5: nothing found for a whole-phrase case.
        let c1 = case(text, Some("March 3, 2015"), "2015-03-03", "day");
        let c2 = case(text, Some("March 3, 2015"), "2015-03-03", "day");
        let c3 = case(text, Some("May"), "2015-05", "month");
        let mut c4 = case("No dates, honest.", None, "", "day");
        c4.expected = None;
        let c5 = case("أول أمس", None, "2014-08-30", "day");
        let r = summarize(vec![
            score_case(&c1, &[dm("March 3, 2015", text, "2015-03-04")]),
            score_case(&c2, &[dm("May", text, "2015-05")]),
            score_case(&c3, &[dm("May", text, "2015-05")]),
            score_case(&c4, &[dm("honest", &c4.text, "PRESENT_REF")]),
            score_case(&c5, &[]),
        ]);
        assert_eq!(r.cases, 5);
        assert_eq!(r.with_date, 4);
        assert_eq!(r.recognized, 2);
        assert_eq!(r.exact, 1);
        assert_eq!(r.day_cases, 3);
        assert_eq!(r.day_correct, 0);
        assert_eq!(r.false_alarms, 1);
        assert_eq!(r.failures.len(), 4);
        assert_eq!(r.exact_pct(), 25.0);
    }
}
