//! Date vocabulary: the TSV files of `gazetteers/time/`, normalized and indexed by phrase.

use std::collections::HashMap;

use crate::error::Error;
use crate::text::normalize;

use super::tokens::tokenize;

/// The built-in vocabulary files, embedded at compile time.
const BUILTIN: &[(&str, &str)] = &[
    (
        "months.tsv",
        include_str!("../../gazetteers/time/months.tsv"),
    ),
    (
        "hijri-months.tsv",
        include_str!("../../gazetteers/time/hijri-months.tsv"),
    ),
    (
        "weekdays.tsv",
        include_str!("../../gazetteers/time/weekdays.tsv"),
    ),
    (
        "numbers.tsv",
        include_str!("../../gazetteers/time/numbers.tsv"),
    ),
    ("units.tsv", include_str!("../../gazetteers/time/units.tsv")),
    ("words.tsv", include_str!("../../gazetteers/time/words.tsv")),
    (
        "holidays.tsv",
        include_str!("../../gazetteers/time/holidays.tsv"),
    ),
];

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            _ => return None,
        })
    }
}

/// Direction of a relative word ("last", "next", "this"; "before"/"after" are relative
/// to the anchor by one unit, as "اليوم السابق").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Last,
    Next,
    This,
    Before,
    After,
}

/// Part of a period ("early 2016").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Start,
    Mid,
    End,
}

/// Part of the day next to a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Am,
    Pm,
    Noon,
    Midnight,
}

/// What one vocabulary phrase means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lex {
    Month {
        m: u32,
        weak: bool,
    },
    HMonth(u32),
    Weekday {
        wd: u32,
        weak: bool,
    },
    Num(u32),
    Ord(u32),
    Vague,
    Unit {
        unit: Unit,
        count: u32,
    },
    RelDay(i64),
    Dir(Dir),
    Ref(&'static str),
    Since,
    Before,
    After,
    During,
    Ago,
    Later,
    In,
    Ctx,
    YearWord,
    MonthWord,
    DayWord,
    Of,
    From,
    To,
    And,
    Era {
        hijri: bool,
    },
    Equiv,
    DayPart(DayPart),
    Clock,
    /// A time zone name after a clock time ("UTC").
    Tz,
    Future,
    /// A verb after which a bare year reads as a date ("2014 was good").
    YearFollow,
    /// A word after which numbers are not dates ("version 10.2.2016").
    NotDate,
    Part(Part),
    Season(&'static str),
    Decade(u32),
    Quarter(u32),
    Holiday {
        hijri: bool,
        m: u32,
        d: u32,
    },
}

/// The vocabulary, indexed by normalized phrase (tokens joined by one space).
#[derive(Debug, Default)]
pub struct Vocab {
    phrases: HashMap<String, Vec<Lex>>,
    /// Longest phrase (in tokens) that starts with a given first token.
    first: HashMap<String, usize>,
}

impl Vocab {
    /// The built-in vocabulary.
    pub fn builtin() -> Result<Vocab, Error> {
        let mut v = Vocab::default();
        for (name, text) in BUILTIN {
            v.add_file(name, text)?;
        }
        Ok(v)
    }

    /// Adds the rows of one TSV file (`form<TAB>kind[<TAB>value[<TAB>flags]]`).
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), Error> {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let lex = parse_row(name, &cols).ok_or_else(|| Error::Data {
                what: format!("gazetteers/time/{name}:{}", i + 1),
                msg: format!("cannot read row {line:?}"),
            })?;
            let form = cols.first().copied().unwrap_or_default();
            self.add(form, lex);
        }
        Ok(())
    }

    fn add(&mut self, form: &str, lex: Lex) {
        let norm = normalize(form);
        let toks: Vec<&str> = tokenize(&norm)
            .into_iter()
            .map(|t| &norm[t.range])
            .collect();
        let Some(first) = toks.first() else { return };
        let n = toks.len();
        let e = self.first.entry((*first).to_string()).or_insert(0);
        *e = (*e).max(n);
        let key = toks.join(" ");
        let entry = self.phrases.entry(key).or_default();
        if !entry.contains(&lex) {
            entry.push(lex);
        }
    }

    /// Longest phrase length (in tokens) starting with `word`; 0 when none does.
    pub fn max_len(&self, word: &str) -> usize {
        self.first.get(word).copied().unwrap_or(0)
    }

    /// Meanings of a phrase key.
    pub fn get(&self, key: &str) -> Option<&[Lex]> {
        self.phrases.get(key).map(Vec::as_slice)
    }
}

fn parse_row(file: &str, cols: &[&str]) -> Option<Lex> {
    let c1 = cols.get(1).map(|s| s.trim()).unwrap_or_default();
    let c2 = cols.get(2).map(|s| s.trim()).unwrap_or_default();
    let weak = cols.iter().skip(2).any(|c| c.trim() == "weak");
    Some(match file {
        "months.tsv" => Lex::Month {
            m: month_no(c1)?,
            weak,
        },
        "hijri-months.tsv" => Lex::HMonth(month_no(c1)?),
        "weekdays.tsv" => {
            let wd: u32 = c1.parse().ok()?;
            (1..=7).contains(&wd).then_some(Lex::Weekday { wd, weak })?
        }
        "units.tsv" => Lex::Unit {
            unit: Unit::parse(c1)?,
            count: c2.parse().ok()?,
        },
        "holidays.tsv" => {
            let (m, d) = c2.split_once('-')?;
            Lex::Holiday {
                hijri: c1 == "h",
                m: m.parse().ok()?,
                d: d.parse().ok()?,
            }
        }
        _ => word_lex(c1, c2)?,
    })
}

fn month_no(s: &str) -> Option<u32> {
    let m: u32 = s.parse().ok()?;
    (1..=12).contains(&m).then_some(m)
}

fn word_lex(kind: &str, value: &str) -> Option<Lex> {
    Some(match kind {
        "num" => Lex::Num(value.parse().ok()?),
        "ord" => Lex::Ord(value.parse().ok()?),
        "vague" => Lex::Vague,
        "relday" => Lex::RelDay(value.parse().ok()?),
        "dir" => Lex::Dir(match value {
            "last" => Dir::Last,
            "next" => Dir::Next,
            "this" => Dir::This,
            "before" => Dir::Before,
            "after" => Dir::After,
            _ => return None,
        }),
        "ref" => Lex::Ref(match value {
            "PAST_REF" => "PAST_REF",
            "PRESENT_REF" => "PRESENT_REF",
            "FUTURE_REF" => "FUTURE_REF",
            _ => return None,
        }),
        "since" => Lex::Since,
        "before" => Lex::Before,
        "after" => Lex::After,
        "during" => Lex::During,
        "ago" => Lex::Ago,
        "later" => Lex::Later,
        "in" => Lex::In,
        "ctx" => Lex::Ctx,
        "yearword" => Lex::YearWord,
        "monthword" => Lex::MonthWord,
        "dayword" => Lex::DayWord,
        "of" => Lex::Of,
        "from" => Lex::From,
        "to" => Lex::To,
        "and" => Lex::And,
        "era" => Lex::Era {
            hijri: value == "h",
        },
        "equiv" => Lex::Equiv,
        "daypart" => Lex::DayPart(match value {
            "am" => DayPart::Am,
            "pm" => DayPart::Pm,
            "noon" => DayPart::Noon,
            "midnight" => DayPart::Midnight,
            _ => return None,
        }),
        "clock" => Lex::Clock,
        "tz" => Lex::Tz,
        "future" => Lex::Future,
        "yearfollow" => Lex::YearFollow,
        "notdate" => Lex::NotDate,
        "part" => Lex::Part(match value {
            "start" => Part::Start,
            "mid" => Part::Mid,
            "end" => Part::End,
            _ => return None,
        }),
        "season" => Lex::Season(match value {
            "SP" => "SP",
            "SU" => "SU",
            "FA" => "FA",
            "WI" => "WI",
            _ => return None,
        }),
        "decade" => Lex::Decade(value.parse().ok()?),
        "quarter" => Lex::Quarter(value.parse().ok()?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_normalizes() {
        let v = Vocab::builtin().unwrap();
        // "الجمعة" is stored under its normalized form (taa marbuta folded).
        assert_eq!(
            v.get("الجمعه"),
            Some(&[Lex::Weekday { wd: 5, weak: false }][..])
        );
        assert_eq!(v.max_len("كانون"), 2);
        assert!(v.get("كانون الثاني").is_some());
        assert!(v
            .get("من")
            .is_some_and(|l| l.contains(&Lex::Of) && l.contains(&Lex::From)));
    }

    #[test]
    fn bad_row_is_an_error() {
        let mut v = Vocab::default();
        assert!(v.add_file("months.tsv", "foo\t13\n").is_err());
        assert!(v.add_file("words.tsv", "foo\tnonsense\n").is_err());
    }
}
