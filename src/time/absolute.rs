//! Calendar dates, numeric dates, years, ranges, Hijri dates, holidays and clock times.

use crate::text::Lang;

use super::hijri;
use super::parser::{Found, Parser};
use super::sem::{Cal, Sem};
use super::tokens::TokKind;
use super::vocab::{DayPart, Lex};

/// A month read at some item: its number, whether the name is weak (a common word
/// too), whether it is Hijri, and the item after it.
struct MonthAt {
    m: u32,
    weak: bool,
    hijri: bool,
    next: usize,
    /// "شهر" stood before it.
    word: bool,
}

/// Hijri years written in news: 1300–1600 AH (1882–2174 CE).
fn is_hijri_year(y: i32) -> bool {
    (1300..=1600).contains(&y)
}

impl Parser<'_, '_> {
    /// Day of month at `j`: a 1–2 digit number or an ordinal word.
    fn day_at(&self, j: usize) -> Option<u32> {
        let it = self.it(j)?;
        let d = match it.num() {
            Some((v, digits, _)) if digits <= 2 => v,
            Some(_) => return None,
            None => it.find(|l| match l {
                Lex::Ord(v) => Some(*v),
                _ => None,
            })?,
        };
        (1..=31).contains(&d).then_some(d)
    }

    /// A four-digit year at `j`.
    pub(crate) fn year_num(&self, j: usize) -> Option<i32> {
        match self.it(j)?.num() {
            Some((v, 4, false)) if (1000..=2200).contains(&v) => i32::try_from(v).ok(),
            _ => None,
        }
    }

    /// A month name at `j` with "شهر" before it and another region's name after it
    /// ("26 فبراير (شباط)", "تموز/يوليو").
    fn month_at(&self, j: usize) -> Option<MonthAt> {
        let word = self.is(j, |l| matches!(l, Lex::MonthWord));
        let k = if word { j + 1 } else { j };
        let it = self.it(k)?;
        let (m, weak, hijri) = it.find(|l| match l {
            Lex::Month { m, weak } => Some((*m, *weak, false)),
            Lex::HMonth(m) => Some((*m, false, true)),
            _ => None,
        })?;
        let mut next = k + 1;
        let same = |l: &Lex| matches!(l, Lex::Month { m: x, .. } if *x == m);
        if (self.punct(next, '/') || self.punct(next, '-')) && self.is(next + 1, same) {
            next += 2;
        } else if self.punct(next, '(') && self.is(next + 1, same) && self.punct(next + 2, ')') {
            next += 3;
        }
        Some(MonthAt {
            m,
            weak,
            hijri,
            next,
            word,
        })
    }

    /// A year after a day and month: "، 2015", "من عام 2021", "2021م", "1442 هـ".
    /// Returns the year, whether an era marker says Hijri, and the item after it.
    fn year_after(&self, j: usize) -> Option<(i32, Option<bool>, usize)> {
        let mut k = self.skip_comma(j);
        k = self.skip(k, |l| matches!(l, Lex::Of | Lex::YearWord));
        let y = self.year_num(k)?;
        let mut next = k + 1;
        let era = self.it(next).and_then(|it| {
            it.find(|l| match l {
                Lex::Era { hijri } => Some(*hijri),
                _ => None,
            })
        });
        if era.is_some() {
            next += 1;
        }
        Some((y, era, next))
    }

    /// A clock time after a date: "، الساعة 05:16 مساءً", "at 5 pm", "05:05 PM CDT".
    pub(crate) fn time_at(&self, j: usize) -> Option<((u32, u32), usize)> {
        let mut k = self.skip_comma(j);
        let clock = self.is(k, |l| matches!(l, Lex::Clock));
        if clock {
            k += 1;
        }
        let daypart = |k: usize| {
            self.it(k).and_then(|it| {
                it.find(|l| match l {
                    Lex::DayPart(p) => Some(*p),
                    _ => None,
                })
            })
        };
        if let Some(p @ (DayPart::Noon | DayPart::Midnight)) = daypart(k) {
            if !clock {
                return None;
            }
            let h = if p == DayPart::Noon { 12 } else { 0 };
            return Some(((h, 0), k + 1));
        }
        let (h, _, _) = self.it(k)?.num().filter(|n| n.1 <= 2 && !n.2)?;
        let mut next = k + 1;
        let mut mi = 0;
        let mut explicit = false;
        if self.punct(next, ':') && self.it(next).is_some_and(|t| t.glued) {
            let (v, digits, _) = self.it(next + 1).filter(|t| t.glued)?.num()?;
            if digits != 2 || v > 59 {
                return None;
            }
            mi = v;
            next += 2;
            explicit = true;
        }
        let mut h = h;
        if let Some(p) = daypart(next) {
            match p {
                DayPart::Pm if h < 12 => h += 12,
                DayPart::Am if h == 12 => h = 0,
                _ => {}
            }
            next += 1;
            explicit = true;
        }
        if !explicit || h > 23 {
            return None;
        }
        if self.is(next, |l| matches!(l, Lex::Tz)) {
            next += 1;
        }
        Some(((h, mi), next))
    }

    /// A calendar date at `i`, with an attached clock time and a "الموافق" twin.
    pub(crate) fn date_at(&self, i: usize) -> Option<Found> {
        let mut f = self.cal_at(i).or_else(|| self.numeric_at(i))?;
        if let Sem::Cal(c) = &mut f.sem {
            if c.d.is_some() {
                if let Some((t, next)) = self.time_at(f.end) {
                    c.time = Some(t);
                    f.end = next;
                }
            }
        }
        // "15 رمضان 1442 هـ الموافق 27 أبريل 2021": one date, the Gregorian one.
        let k = self.skip_comma(f.end);
        let (k, paren) = if self.punct(k, '(') {
            (k + 1, true)
        } else {
            (k, false)
        };
        if self.is(k, |l| matches!(l, Lex::Equiv)) {
            let k2 = self.skip(k + 1, |l| matches!(l, Lex::Ctx | Lex::Of));
            if let Some(g) = self.cal_at(k2).or_else(|| self.numeric_at(k2)) {
                let mut end = g.end;
                if paren && self.punct(end, ')') {
                    end += 1;
                }
                let hijri = f.hijri || g.hijri;
                let sem = if f.hijri && !g.hijri { g.sem } else { f.sem };
                return Some(Found {
                    start: i,
                    end,
                    sem,
                    hijri,
                    ambiguous: f.ambiguous || g.ambiguous,
                });
            }
        }
        Some(f)
    }

    /// Dates with a month name.
    fn cal_at(&self, i: usize) -> Option<Found> {
        let start = i;
        let j = if self.is(i, |l| matches!(l, Lex::DayWord)) && self.day_at(i + 1).is_some() {
            i + 1
        } else {
            i
        };
        // Day first: "4 يوليو", "الرابع من يوليو", "25th march 2015", "4th of July".
        if let Some(d) = self.day_at(j) {
            let k = self.skip(j + 1, |l| matches!(l, Lex::Of));
            if let Some(ma) = self.month_at(k) {
                let year = self.year_after(ma.next);
                let ordinal_word = self.it(j).is_some_and(|t| t.num().is_none());
                if ma.weak && year.is_none() && (ordinal_word || !self.capitalized(k)) {
                    return None;
                }
                return self.finish(start, d, ma, year);
            }
            return None;
        }
        // Month first: "July 4, 2021", "Aug 06, 2018", "May 2020", "رمضان 1442".
        let ma = self.month_at(j)?;
        let latin = self
            .it(j)
            .and_then(|t| self.prep.norm_text().get(t.range.clone()))
            .is_some_and(|s| s.is_ascii());
        if let Some(d) = self.day_at(ma.next).filter(|_| {
            // "May 5 people": a day must not be a count of something.
            self.it(ma.next).is_some_and(|t| t.num().is_some())
                && !self.is(ma.next + 1, |l| matches!(l, Lex::Unit { .. }))
                && !self.punct(ma.next + 1, ':')
        }) {
            let year = self.year_after(ma.next + 1);
            if ma.weak && !(latin && self.capitalized(j)) && year.is_none() {
                return None;
            }
            let ma_next = ma.next;
            return self.finish(
                start,
                d,
                MonthAt {
                    next: ma_next + 1,
                    ..ma
                },
                year,
            );
        }
        if let Some((y, era, next)) = self.year_after(ma.next) {
            if ma.weak && latin && !self.capitalized(j) {
                return None;
            }
            let hijri = ma.hijri || era == Some(true);
            if hijri {
                let (a, b) = hijri::month_range(y, ma.m)?;
                return Some(Found {
                    hijri: true,
                    ..Found::new(start, next, Sem::Span(a, b))
                });
            }
            let c = Cal {
                y: Some(y),
                m: Some(ma.m),
                ..Cal::default()
            };
            return Some(Found::new(start, next, Sem::Cal(c)));
        }
        // A month alone needs a context: "شهر يوليو", "في يوليو", "بتموز", "October was".
        if ma.weak && !ma.word {
            return None;
        }
        let prev_ctx = i > 0
            && self.is(i - 1, |l| {
                matches!(
                    l,
                    Lex::Ctx
                        | Lex::Since
                        | Lex::Before
                        | Lex::After
                        | Lex::During
                        | Lex::In
                        | Lex::Part(_)
                        | Lex::From
                        | Lex::To
                )
            });
        let clitic = self.it(j).is_some_and(|t| t.clitic);
        // A capitalized English month alone must stand apart ("October was", "…in
        // October.") and not before a name ("June Smith").
        let apart = self.it(ma.next).map_or(true, |t| {
            matches!(t.kind, TokKind::Punct(_)) || t.has(|l| matches!(l, Lex::YearFollow))
        });
        let ok = ma.word || prev_ctx || clitic || (latin && self.capitalized(j) && apart);
        if !ok || ma.hijri {
            return None;
        }
        let c = Cal {
            m: Some(ma.m),
            ..Cal::default()
        };
        Some(Found::new(start, ma.next, Sem::Cal(c)))
    }

    fn finish(
        &self,
        start: usize,
        d: u32,
        ma: MonthAt,
        year: Option<(i32, Option<bool>, usize)>,
    ) -> Option<Found> {
        let (y, era, end) = match year {
            Some((y, era, next)) => (Some(y), era, next),
            None => (None, None, ma.next),
        };
        if ma.hijri || era == Some(true) {
            let Some(y) = y else {
                // A Hijri day without a year: the anchor picks the year.
                let sem = Sem::Holiday {
                    hijri: true,
                    m: ma.m,
                    d,
                    y: None,
                };
                return Some(Found {
                    hijri: true,
                    ..Found::new(start, end, sem)
                });
            };
            let g = hijri::to_gregorian_lenient(y, ma.m, d)?;
            return Some(Found {
                hijri: true,
                ..Found::new(start, end, Sem::Cal(cal_of(g)))
            });
        }
        let c = Cal {
            y,
            m: Some(ma.m),
            d: Some(d),
            time: None,
        };
        if let Some(y) = y {
            chrono::NaiveDate::from_ymd_opt(y, ma.m, d)?;
        }
        Some(Found::new(start, end, Sem::Cal(c)))
    }

    /// Numeric dates: "2021-07-04", "4/7/2021", "14-09-1432 هـ".
    fn numeric_at(&self, i: usize) -> Option<Found> {
        let n = |j: usize| self.it(j).and_then(|t| t.num()).filter(|n| !n.2);
        let (a, da, _) = n(i)?;
        let sep = match self.it(i + 1)?.kind {
            TokKind::Punct(c @ ('/' | '-' | '.')) => c,
            _ => return None,
        };
        let glued = |j: usize| self.it(j).is_some_and(|t| t.glued);
        if !(glued(i + 1) && glued(i + 2) && glued(i + 3) && glued(i + 4)) {
            return None;
        }
        if !self.punct(i + 3, sep) {
            return None;
        }
        let (b, db, _) = n(i + 2)?;
        let (c, dc, _) = n(i + 4)?;
        // Part of something longer: "1.2.3.4", "cve-2021-44228-x".
        if i > 0
            && glued(i)
            && self
                .it(i - 1)
                .is_some_and(|t| t.kind != TokKind::Punct('('))
        {
            return None;
        }
        if i > 0 && self.is(i - 1, |l| matches!(l, Lex::NotDate)) {
            return None;
        }
        if glued(i + 5)
            && self
                .it(i + 5)
                .is_some_and(|t| matches!(t.kind, TokKind::Punct('/' | '-' | '.' | ':')))
            && n(i + 6).is_some()
        {
            return None;
        }
        let mut end = i + 5;
        let era = self.it(end).and_then(|it| {
            it.find(|l| match l {
                Lex::Era { hijri } => Some(*hijri),
                _ => None,
            })
        });
        if era.is_some() {
            end += 1;
        }
        let (y, m, d, ambiguous) = if da == 4 && db <= 2 && dc <= 2 {
            (a as i32, b, c, false)
        } else if dc == 4 && da <= 2 && db <= 2 {
            if a > 12 {
                (c as i32, b, a, false)
            } else if b > 12 {
                (c as i32, a, b, false)
            } else if self.english() {
                (c as i32, a, b, a != b)
            } else {
                (c as i32, b, a, a != b)
            }
        } else if dc == 2 && da <= 2 && db <= 2 && era == Some(true) {
            // Two-digit Hijri year, as printed on some Gulf sites.
            let y = if c < 60 { 1400 + c } else { 1300 + c };
            (y as i32, b, a, false)
        } else {
            return None;
        };
        if is_hijri_year(y) && era != Some(false) && sep != '.' {
            let g = hijri::to_gregorian_lenient(y, m, d)?;
            return Some(Found {
                hijri: true,
                ..Found::new(i, end, Sem::Cal(cal_of(g)))
            });
        }
        if era == Some(true) {
            return None;
        }
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        let c = Cal {
            y: Some(y),
            m: Some(m),
            d: Some(d),
            time: None,
        };
        Some(Found {
            ambiguous,
            ..Found::new(i, end, Sem::Cal(c))
        })
    }

    /// Years: "عام 2016", "2016م", "1442 هـ", "in 2016", "early 2016", "2014 was".
    pub(crate) fn year_at(&self, i: usize) -> Option<Found> {
        let part = self.is(i, |l| matches!(l, Lex::Part(_)));
        let mut j = if part { i + 1 } else { i };
        // "mid-2016"
        let hyphen = part && self.punct(j, '-') && self.it(j + 1).is_some_and(|t| t.glued);
        if hyphen {
            j += 1;
        }
        let yearword = self.is(j, |l| matches!(l, Lex::YearWord));
        if yearword {
            j += 1;
        }
        let y = self.year_num(j)?;
        let mut end = j + 1;
        let era = self.it(end).and_then(|it| {
            it.find(|l| match l {
                Lex::Era { hijri } => Some(*hijri),
                _ => None,
            })
        });
        if era.is_some() {
            end += 1;
        }
        // Glued to a word or code: "CVE-2021-44228", "$2016", "2016-x".
        if self.it(j).is_some_and(|t| t.glued)
            && j > 0
            && !hyphen
            && !self.is(j - 1, |l| matches!(l, Lex::And))
        {
            return None;
        }
        if self
            .it(j + 1)
            .is_some_and(|t| t.glued && matches!(t.kind, TokKind::Punct('-' | '/' | '.' | ':')))
            && self.it(j + 2).is_some_and(|t| t.glued && t.num().is_some())
        {
            return None;
        }
        // "عام 1436" with no era marker, in Arabic text: the Hijri years of 1400–1450 are
        // those of today's news (1979–2029 CE), which Gulf papers often write without
        // هـ; a Gregorian year of the early 15th century is rare in news, and then
        // mostly marked (م, ميلادي: `era` is `Some(false)`).
        let bare_hijri = era.is_none()
            && (part || yearword)
            && self.prep.lang == Some(Lang::Ar)
            && (1400..=1450).contains(&y);
        if era == Some(true) || bare_hijri {
            let (a, b) = hijri::year_range(y)?;
            return Some(Found {
                hijri: true,
                ..Found::new(i, end, Sem::Span(a, b))
            });
        }
        let cal = Sem::Cal(Cal {
            y: Some(y),
            ..Cal::default()
        });
        if part || yearword || era == Some(false) {
            return Some(Found::new(i, end, cal));
        }
        let prev_ctx = i > 0
            && self.is(i - 1, |l| {
                matches!(
                    l,
                    Lex::Ctx
                        | Lex::Since
                        | Lex::Before
                        | Lex::After
                        | Lex::During
                        | Lex::In
                        | Lex::From
                        | Lex::To
                        | Lex::Of
                )
            });
        // "from 1700 to 2100" (clock times, counts): after a number that is no year,
        // the end of the pair is no year either.
        let range_end = i >= 2
            && self.is(i - 1, |l| matches!(l, Lex::To))
            && self
                .it(i - 2)
                .and_then(|t| t.num())
                .is_some_and(|n| n.1 == 4 && !(1800..=2100).contains(&n.0));
        if prev_ctx && !range_end && (1800..=2100).contains(&y) {
            return Some(Found::new(i, end, cal));
        }
        // A year standing alone: at a line or sentence edge, or before "was". The
        // edges are read in the whole text: a parse window may start mid-sentence.
        let (Some(first), Some(last)) = (self.it(i), self.it(end - 1)) else {
            return None;
        };
        let norm = self.prep.norm_text();
        let before = norm
            .get(..first.range.start)
            .and_then(|s| s.trim_end_matches([' ', '\t', '\r']).chars().next_back());
        let after = norm
            .get(last.range.end..)
            .and_then(|s| s.trim_start_matches([' ', '\t', '\r']).chars().next());
        let edge_before = before.is_none_or_edge(&['.', '!', '?', '\n', '(', ',', '،', ':']);
        let edge_after = after.is_none_or_edge(&['.', '!', '?', '\n', ')', ',', '،', ';', '؛'])
            || self.is(end, |l| matches!(l, Lex::YearFollow));
        if (1900..=2100).contains(&y) && edge_before && edge_after {
            return Some(Found::new(i, end, cal));
        }
        None
    }

    /// Ranges: "من 13 إلى 15 يوليو", "13-15 يوليو", "بين عامي 2014 و2016",
    /// "from July 13 to 15", "2014-2016".
    pub(crate) fn range_at(&self, i: usize) -> Option<Found> {
        let from = self.is(i, |l| matches!(l, Lex::From));
        let j0 = if from { i + 1 } else { i };
        let j = self.skip(j0, |l| matches!(l, Lex::YearWord));
        let yearword = j > j0;
        let (a, after_a) = self.endpoint(j)?;
        let conn = self.it(after_a)?;
        let dash = conn.is_punct('-');
        let to = conn.has(|l| matches!(l, Lex::To));
        let and = conn.has(|l| matches!(l, Lex::And));
        if !(dash || to || (and && from)) {
            return None;
        }
        let k = self.skip(after_a + 1, |l| matches!(l, Lex::YearWord));
        let (b, mut end) = self.endpoint(k)?;
        let (a, b) = match (a, b) {
            (End::Day(d1), End::Cal(c2)) if c2.m.is_some() && c2.d.is_some() => {
                let c1 = Cal { d: Some(d1), ..c2 };
                if d1 >= c2.d.unwrap_or(0) {
                    return None;
                }
                (c1, c2)
            }
            (End::Cal(c1), End::Day(d2)) if c1.m.is_some() && c1.d.is_some() => {
                let mut c2 = Cal { d: Some(d2), ..c1 };
                if let Some((y, _, next)) = self.year_after(end) {
                    c2.y = Some(y);
                    end = next;
                }
                let c1 = Cal { y: c2.y, ..c1 };
                if d2 <= c1.d.unwrap_or(0) {
                    return None;
                }
                (c1, c2)
            }
            (End::Year(y1), End::Year(y2)) if y1 < y2 => {
                // "2014-2016", "(2004 - 2011)": two years a dash apart, within a century.
                if dash && !from && (y2 - y1 > 100 || y1 < 1800) {
                    return None;
                }
                // "بين 1000 و1300" counts things: without "عامي" or "years", two numbers
                // are years only where news years are.
                if !yearword && (y1 < 1800 || y2 > 2100) {
                    return None;
                }
                (
                    Cal {
                        y: Some(y1),
                        ..Cal::default()
                    },
                    Cal {
                        y: Some(y2),
                        ..Cal::default()
                    },
                )
            }
            // "TARNOW, Minn., April 2 - Nov 30 end": a dateline's date and its dash.
            (End::Cal(_), End::Cal(_)) if dash && self.in_dateline(j) => return None,
            (End::Cal(c1), End::Cal(c2)) => {
                // "January 3, 2017 - February 1st": the open end takes the other's year.
                let c1y = c1.y.or(c2.y.filter(|_| c1.m.is_some() && c1.m <= c2.m));
                let c2y = c2.y.or(c1.y.filter(|_| c2.m.is_some() && c1.m <= c2.m));
                (Cal { y: c1y, ..c1 }, Cal { y: c2y, ..c2 })
            }
            _ => return None,
        };
        if !from && !dash && !to {
            return None;
        }
        let sem = Sem::Range(Box::new(Sem::Cal(a)), Box::new(Sem::Cal(b)));
        Some(Found::new(i, end, sem))
    }

    /// True when item `j` opens the date of a dateline ("TARNOW, Minn., April 2 -").
    fn in_dateline(&self, j: usize) -> bool {
        self.it(j)
            .is_some_and(|it| self.prep.after_dateline_place(it.range.start))
    }

    fn endpoint(&self, j: usize) -> Option<(End, usize)> {
        if let Some(f) = self.cal_at(j) {
            if let Sem::Cal(c) = f.sem {
                return Some((End::Cal(c), f.end));
            }
            return None;
        }
        if let Some(y) = self.year_num(j) {
            return Some((End::Year(y), j + 1));
        }
        let d = self.day_at(j)?;
        self.it(j)?.num()?;
        Some((End::Day(d), j + 1))
    }

    /// Holidays: "عيد الفطر 2021", "Christmas".
    pub(crate) fn holiday_at(&self, i: usize) -> Option<Found> {
        let (hijri, m, d) = self.it(i)?.find(|l| match l {
            Lex::Holiday { hijri, m, d } => Some((*hijri, *m, *d)),
            _ => None,
        })?;
        let (y, end) = match self.year_after(i + 1) {
            Some((y, None | Some(false), next)) => (Some(y), next),
            _ => (None, i + 1),
        };
        let sem = Sem::Holiday { hijri, m, d, y };
        Some(Found {
            hijri,
            ..Found::new(i, end, sem)
        })
    }
}

/// A neighbouring character that is missing or one of some edge characters.
trait EdgeChar {
    fn is_none_or_edge(&self, edges: &[char]) -> bool;
}

impl EdgeChar for Option<char> {
    fn is_none_or_edge(&self, edges: &[char]) -> bool {
        self.map_or(true, |c| edges.contains(&c))
    }
}

/// One end of a range.
enum End {
    Cal(Cal),
    Year(i32),
    Day(u32),
}

/// A full calendar date.
pub fn cal_of(g: chrono::NaiveDate) -> Cal {
    use chrono::Datelike;
    Cal {
        y: Some(g.year()),
        m: Some(g.month()),
        d: Some(g.day()),
        time: None,
    }
}
