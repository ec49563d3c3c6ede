//! Weekdays, relative days, offsets ("منذ يومين", "two days ago"), relative periods
//! ("الأسبوع الماضي", "next month"), vague references, seasons, quarters and decades.

use super::parser::{Found, Parser};
use super::sem::{Cal, Sem};
use super::vocab::{Dir, Lex, Unit};

/// Amounts of a compound offset, the item after them, and whether commas joined them.
type Amounts = (Vec<(Unit, u32)>, usize, bool);

/// How many of something: a number, a number word, or a vague "few".
enum Count {
    Exact(u32),
    Vague,
}

/// Units that a count measures out as a stretch of time, an offset or a length: not a
/// weekend, a quarter (of a match, of a year's accounts), a decade or a century ("two
/// decades" is as often an era).
fn countable(unit: Unit) -> bool {
    !matches!(
        unit,
        Unit::Weekend | Unit::Decade | Unit::Century | Unit::Quarter
    )
}

impl Parser<'_, '_> {
    fn dir_at(&self, j: usize) -> Option<Dir> {
        self.it(j)?.find(|l| match l {
            Lex::Dir(d) => Some(*d),
            _ => None,
        })
    }

    fn unit_at(&self, j: usize) -> Option<(Unit, u32)> {
        self.it(j)?.find(|l| match l {
            Lex::Unit { unit, count } => Some((*unit, *count)),
            _ => None,
        })
    }

    fn count_at(&self, j: usize) -> Option<Count> {
        let it = self.it(j)?;
        if let Some((v, digits, false)) = it.num() {
            return (digits <= 3).then_some(Count::Exact(v));
        }
        it.find(|l| match l {
            Lex::Num(n) => Some(Count::Exact(*n)),
            Lex::Vague => Some(Count::Vague),
            _ => None,
        })
    }

    /// "[count] unit [few]" at `j`: the count (dual and singular forms count themselves)
    /// and the unit, and the item after.
    fn amount_at(&self, j: usize) -> Option<(Unit, Count, usize)> {
        // "a few weeks": the article "a" before a vague word.
        let j = if self.it(j).is_some_and(|t| t.num().is_none())
            && matches!(self.count_at(j), Some(Count::Exact(1)))
            && matches!(self.count_at(j + 1), Some(Count::Vague))
        {
            j + 1
        } else {
            j
        };
        let (count, k) = match self.count_at(j) {
            Some(c) => (Some(c), j + 1),
            None => (None, j),
        };
        // "a couple of weeks"
        let k = if count.is_some() && self.is(k, |l| matches!(l, Lex::Of)) {
            k + 1
        } else {
            k
        };
        let (unit, n) = self.unit_at(k)?;
        let mut next = k + 1;
        // "شهر يوليو", "عام 2016": the unit word names a month or a year, not an amount.
        if self.is(next, |l| matches!(l, Lex::Month { .. } | Lex::HMonth(_)))
            || self.year_num(next).is_some()
        {
            return None;
        }
        let count = match count {
            Some(c) => c,
            None if n > 0 => Count::Exact(n),
            None => {
                // "أسابيع قليلة"
                if self
                    .count_at(next)
                    .is_some_and(|c| matches!(c, Count::Vague))
                {
                    next += 1;
                    Count::Vague
                } else {
                    return None;
                }
            }
        };
        Some((unit, count, next))
    }

    /// True when item `j` is written with the Arabic article ("الشهر").
    fn has_article(&self, j: usize) -> bool {
        self.it(j)
            .and_then(|t| self.prep.norm_text().get(t.range.clone()))
            .is_some_and(|w| w.starts_with("ال"))
    }

    /// True when item `j` carried the conjunction "و" as a proclitic.
    fn conj_clitic(&self, j: usize) -> bool {
        self.it(j).is_some_and(|t| {
            t.clitic
                && self
                    .prep
                    .norm_text()
                    .get(..t.range.start)
                    .is_some_and(|s| s.ends_with('و'))
        })
    }

    /// A list of amounts joined by commas or "و": "عام وشهرين", "1 year, 2 months".
    fn amounts_at(&self, j: usize) -> Option<Amounts> {
        let mut list = Vec::new();
        let mut k = j;
        let mut commas = false;
        while let Some((unit, Count::Exact(n), next)) = self.amount_at(k) {
            list.push((unit, n));
            k = next;
            let c = self.skip_comma(k);
            let sep = if c > k {
                commas = true;
                c
            } else {
                k
            };
            let sep = if self.is(sep, |l| matches!(l, Lex::And)) {
                sep + 1
            } else {
                sep
            };
            // "عام وشهرين": the conjunction is glued to the second amount.
            let glued_and = sep == k && self.conj_clitic(k);
            if (sep == k && !glued_and) || self.amount_at(sep).is_none() {
                break;
            }
            k = sep;
        }
        (list.len() >= 2).then_some((list, k, commas))
    }

    /// Weekdays: "يوم (الجمعة)", "الجمعة الماضية", "last Friday", "Friday, July 9, 2021",
    /// "Friday, 21".
    pub(crate) fn weekday_at(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let pre_dir = self
            .dir_at(j)
            .filter(|d| matches!(d, Dir::Last | Dir::Next | Dir::This));
        if pre_dir.is_some() {
            j += 1;
        }
        if self.is(j, |l| matches!(l, Lex::DayWord)) {
            j += 1;
        }
        let paren = self.punct(j, '(');
        if paren {
            j += 1;
        }
        let (wd, weak) = self.it(j)?.find(|l| match l {
            Lex::Weekday { wd, weak } => Some((*wd, *weak)),
            _ => None,
        })?;
        j += 1;
        if paren {
            if !self.punct(j, ')') {
                return None;
            }
            j += 1;
        }
        // A full date after the weekday names the day itself.
        let k = self.skip_comma(j);
        if let Some(f) = self.date_at(k) {
            if let Sem::Cal(c) = f.sem {
                if c.d.is_some() {
                    return Some(Found { start: i, ..f });
                }
            }
        }
        if weak {
            return None;
        }
        // "Friday, 21": a day of the month from the context.
        if k > j {
            if let Some((d, 1..=2, _)) = self.it(k).and_then(|t| t.num()) {
                if (1..=31).contains(&d)
                    && !self.is(k + 1, |l| matches!(l, Lex::Unit { .. }))
                    && !self.punct(k + 1, ':')
                {
                    let c = Cal {
                        d: Some(d),
                        ..Cal::default()
                    };
                    return Some(Found::new(i, k + 1, Sem::Cal(c)));
                }
            }
        }
        let mut dir = pre_dir;
        if dir.is_none() {
            if let Some(d @ (Dir::Last | Dir::Next | Dir::This)) = self.dir_at(j) {
                dir = Some(d);
                j += 1;
            }
        }
        let mut time = None;
        if let Some((t, next)) = self.time_at(j) {
            time = Some(t);
            j = next;
        }
        Some(Found::new(i, j, Sem::Weekday { wd, dir, time }))
    }

    /// Relative expressions other than weekdays.
    pub(crate) fn relative_at(&self, i: usize) -> Option<Found> {
        let it = self.it(i)?;
        if let Some(r) = it.find(|l| match l {
            Lex::Ref(r) => Some(*r),
            _ => None,
        }) {
            return Some(Found::new(i, i + 1, Sem::Ref(r)));
        }
        if let Some(off) = it.find(|l| match l {
            Lex::RelDay(o) => Some(*o),
            _ => None,
        }) {
            return self.relday(i, off);
        }
        if let Some(f) = self.offset_at(i) {
            return Some(f);
        }
        if let Some(f) = self.period_at(i) {
            return Some(f);
        }
        self.misc_at(i)
    }

    fn relday(&self, i: usize, off: i64) -> Option<Found> {
        let mut j = i + 1;
        // "اليوم" is also "the day": "اليوم العالمي", "اليوم التالي".
        let word = self
            .it(i)
            .and_then(|t| self.prep.norm_text().get(t.range.clone()));
        if word == Some("اليوم") {
            if let Some(next) = self.it(j) {
                let n = self.prep.norm_text().get(next.range.clone()).unwrap_or("");
                let adjective = next.lex.is_empty()
                    || next.has(|l| matches!(l, Lex::Dir(_) | Lex::Ord(_) | Lex::Num(_)));
                if n.starts_with("ال") && adjective {
                    return None;
                }
            }
        }
        // "اليوم الاثنين", "أمس الأحد": the weekday repeats the day.
        if self.is(j, |l| matches!(l, Lex::Weekday { weak: false, .. })) {
            j += 1;
        }
        let mut time = None;
        if let Some((t, next)) = self.time_at(j) {
            time = Some(t);
            j = next;
        }
        Some(Found::new(i, j, Sem::RelDay { off, time }))
    }

    /// "منذ يومين", "قبل أسابيع قليلة", "بعد ثلاثة أيام", "two days ago", "in a minute",
    /// "خلال 3 أيام", "الأسبوعين المقبلين", "the past two weeks".
    fn offset_at(&self, i: usize) -> Option<Found> {
        let it = self.it(i)?;
        let lead = it.find(|l| match l {
            Lex::Since | Lex::Before => Some(-1i64),
            Lex::After => Some(1),
            Lex::In => Some(2),
            Lex::During => Some(0),
            _ => None,
        });
        // Compound amounts: "منذ عام وشهرين", "1 year, 1 month ago", and the elapsed-time
        // lists of article pages ("1 عام, 1 شهر, 1 يوم"), which count back from the anchor.
        let j = if lead.is_some() { i + 1 } else { i };
        // Each unit of a compound amount is shorter than the one before it: "3 years, 22
        // years" is two amounts, not one.
        let compound = self
            .amounts_at(j)
            .filter(|(list, _, _)| list.windows(2).all(|w| w[0].0 > w[1].0));
        if let Some((list, end, commas)) = compound {
            let after = self.it(end).and_then(|t| {
                t.find(|l| match l {
                    Lex::Ago => Some(-1i64),
                    Lex::Later => Some(1),
                    _ => None,
                })
            });
            let (sign, end) = match (lead, after) {
                (_, Some(s)) => (s, end + 1),
                (Some(-1), None) => (-1, end),
                (Some(1 | 2), None) => (1, end),
                (None, None) if commas => (-1, end),
                _ => (0, end),
            };
            if sign != 0 && list.iter().all(|&(u, _)| countable(u)) {
                let list = list
                    .into_iter()
                    .map(|(u, n)| (u, sign * i64::from(n)))
                    .collect();
                return Some(Found::new(i, end, Sem::Offsets(list)));
            }
        }
        if let Some(sign) = lead {
            let explicit_count = self.count_at(i + 1).is_some();
            if sign == 2 && !explicit_count {
                return None;
            }
            let (unit, count, end) = self.amount_at(i + 1)?;
            // "منذ العام الماضي" is "since last year": the period, not an offset.
            if self.dir_at(end).is_some() {
                if let Count::Exact(n) = count {
                    if n > 1 {
                        // "خلال الأسبوعين المقبلين": the preposition is no part of it.
                        return Some(Found::new(i + 1, end + 1, Sem::Duration { unit, n }));
                    }
                }
                return None;
            }
            if !countable(unit) {
                return None;
            }
            let sign = if sign == 2 { 1 } else { sign };
            let sem = match count {
                Count::Vague if sign < 0 => Sem::Ref("PAST_REF"),
                Count::Vague if sign > 0 => Sem::Ref("FUTURE_REF"),
                Count::Vague => return None,
                // "خلال الشهر" is "during the month", not a month's length.
                Count::Exact(_) if sign == 0 && !explicit_count && self.has_article(end - 1) => {
                    return None
                }
                // "for three years": the preposition is no part of the length.
                Count::Exact(n) if sign == 0 => {
                    return Some(Found::new(i + 1, end, Sem::Duration { unit, n }))
                }
                Count::Exact(n) => Sem::Offset {
                    unit,
                    n: sign * i64::from(n),
                },
            };
            return Some(Found::new(i, end, sem));
        }
        // "two days ago", "three years later"; without either word, "three years" is a
        // length of time ("sentenced to three years", "seven hours of talks").
        if self.count_at(i).is_some() {
            let (unit, count, end) = self.amount_at(i)?;
            let sign = self.it(end).and_then(|t| {
                t.find(|l| match l {
                    Lex::Ago => Some(-1i64),
                    Lex::Later => Some(1),
                    _ => None,
                })
            });
            let Some(sign) = sign else {
                // Not "26 من الشهر الماضي" (a day of a month) nor "173 اليوم" (a count, then
                // "today"): a unit with the article or after "of" is no count's unit.
                // Nor "173 يوم الأحد" (a count, then "on Sunday"): a weekday after the unit
                // names the day.
                let counted = !self.has_article(end - 1)
                    && !self.is(i + 1, |l| matches!(l, Lex::Of))
                    && !self.is(end, |l| matches!(l, Lex::Weekday { .. }));
                // "الـ60 يوما القادمة", "12 شهرا الماضية": the direction belongs to it.
                let end = match self.dir_at(end) {
                    Some(Dir::Last | Dir::Next) => end + 1,
                    _ => end,
                };
                return match count {
                    Count::Exact(n) if n >= 2 && counted && countable(unit) => {
                        Some(Found::new(i, end, Sem::Duration { unit, n }))
                    }
                    _ => None,
                };
            };
            let sem = match count {
                Count::Vague if sign < 0 => Sem::Ref("PAST_REF"),
                Count::Vague => Sem::Ref("FUTURE_REF"),
                Count::Exact(n) => Sem::Offset {
                    unit,
                    n: sign * i64::from(n),
                },
            };
            return Some(Found::new(i, end + 1, sem));
        }
        // "recent years", "the coming weeks": vague.
        if let Some(d @ (Dir::Last | Dir::Next)) = self.dir_at(i) {
            if let Some((_, 0)) = self.unit_at(i + 1) {
                let r = if d == Dir::Last {
                    "PAST_REF"
                } else {
                    "FUTURE_REF"
                };
                return Some(Found::new(i, i + 2, Sem::Ref(r)));
            }
        }
        // "the past two weeks", "next three days".
        if let Some(Dir::Last | Dir::Next) = self.dir_at(i) {
            if let Some(Count::Exact(n)) = self.count_at(i + 1) {
                let (unit, _, end) = self.amount_at(i + 1)?;
                if n > 1 {
                    return Some(Found::new(i, end, Sem::Duration { unit, n }));
                }
            }
        }
        // "الأسبوعين المقبلين", "السنوات الثلاث الماضية".
        let (unit, n) = self.unit_at(i)?;
        let mut j = i + 1;
        let n = if n == 0 {
            match self.count_at(j) {
                Some(Count::Exact(n)) => {
                    j += 1;
                    n
                }
                Some(Count::Vague) => return None,
                // "الأيام الماضية", "السنوات الأخيرة", "the coming weeks": vague.
                None => {
                    let r = match self.dir_at(j)? {
                        Dir::Last => "PAST_REF",
                        Dir::Next => "FUTURE_REF",
                        _ => return None,
                    };
                    return Some(Found::new(i, j + 1, Sem::Ref(r)));
                }
            }
        } else {
            n
        };
        if n < 2 {
            return None;
        }
        match self.dir_at(j) {
            Some(Dir::Last | Dir::Next) => Some(Found::new(i, j + 1, Sem::Duration { unit, n })),
            // A dual alone is a length of two ("سنتان", "يومين").
            None if j == i + 1 && countable(unit) => {
                Some(Found::new(i, j, Sem::Duration { unit, n }))
            }
            _ => None,
        }
    }

    /// "الأسبوع الماضي", "الشهر المقبل", "هذا العام", "last week", "the weekend",
    /// "يوليو الماضي", "last July".
    fn period_at(&self, i: usize) -> Option<Found> {
        let dir_n = |d: Dir| match d {
            Dir::Last | Dir::Before => -1,
            Dir::Next | Dir::After => 1,
            Dir::This => 0,
        };
        if let Some((unit, 1)) = self.unit_at(i) {
            if let Some(d) = self.dir_at(i + 1) {
                if matches!(unit, Unit::Minute | Unit::Hour) {
                    return None;
                }
                let n = dir_n(d);
                return Some(Found::new(i, i + 2, Sem::RelPeriod { unit, n }));
            }
            if unit == Unit::Weekend {
                return Some(Found::new(i, i + 1, Sem::Weekend));
            }
            return None;
        }
        if let Some(m) = self.it(i)?.find(|l| match l {
            Lex::Month { m, weak: false } => Some(*m),
            _ => None,
        }) {
            let d = self
                .dir_at(i + 1)
                .filter(|d| matches!(d, Dir::Last | Dir::Next | Dir::This))?;
            return Some(Found::new(i, i + 2, Sem::MonthRel { m, dir: d }));
        }
        let d = self
            .dir_at(i)
            .filter(|d| matches!(d, Dir::Last | Dir::Next | Dir::This))?;
        if let Some((unit, 1)) = self.unit_at(i + 1) {
            if matches!(unit, Unit::Minute | Unit::Hour) {
                return None;
            }
            return Some(Found::new(i, i + 2, Sem::RelPeriod { unit, n: dir_n(d) }));
        }
        let m = self.it(i + 1)?.find(|l| match l {
            Lex::Month { m, .. } => Some(*m),
            _ => None,
        })?;
        Some(Found::new(i, i + 2, Sem::MonthRel { m, dir: d }))
    }

    /// Seasons, quarters, decades and centuries.
    fn misc_at(&self, i: usize) -> Option<Found> {
        let it = self.it(i)?;
        // Seasons: "صيف 2021", "الصيف الماضي", "last summer", "summer of 2021".
        let pre = self
            .dir_at(i)
            .filter(|d| matches!(d, Dir::Last | Dir::Next | Dir::This));
        let s_at = if pre.is_some() { i + 1 } else { i };
        if let Some(s) = self.it(s_at).and_then(|t| {
            t.find(|l| match l {
                Lex::Season(s) => Some(*s),
                _ => None,
            })
        }) {
            let rel = |d: Dir| match d {
                Dir::Last => -1,
                Dir::Next => 1,
                _ => 0,
            };
            if let Some(d) = pre {
                return Some(Found::new(
                    i,
                    s_at + 1,
                    Sem::Season {
                        y: None,
                        s,
                        rel: rel(d),
                    },
                ));
            }
            if let Some(d) = self.dir_at(s_at + 1) {
                return Some(Found::new(
                    i,
                    s_at + 2,
                    Sem::Season {
                        y: None,
                        s,
                        rel: rel(d),
                    },
                ));
            }
            let k = self.skip(s_at + 1, |l| matches!(l, Lex::Of | Lex::YearWord));
            let y = self.year_num(k)?;
            return Some(Found::new(
                i,
                k + 1,
                Sem::Season {
                    y: Some(y),
                    s,
                    rel: 0,
                },
            ));
        }
        // Quarters: "الربع الأول من 2021", "the third quarter of 2021", "Q3 2021".
        let q = if let Some(q) = it.find(|l| match l {
            Lex::Quarter(q) => Some(*q),
            _ => None,
        }) {
            Some((q, i + 1))
        } else if self.unit_at(i) == Some((Unit::Quarter, 1)) {
            self.it(i + 1)
                .and_then(|t| {
                    t.find(|l| match l {
                        Lex::Ord(q) => Some(*q),
                        _ => None,
                    })
                })
                .map(|q| (q, i + 2))
        } else {
            it.find(|l| match l {
                Lex::Ord(q) => Some(*q),
                _ => None,
            })
            .filter(|_| self.unit_at(i + 1) == Some((Unit::Quarter, 1)))
            .map(|q| (q, i + 2))
        };
        if let Some((q, mut end)) = q.filter(|(q, _)| (1..=4).contains(q)) {
            let k = self.skip(end, |l| matches!(l, Lex::Of | Lex::YearWord));
            let y = self.year_num(k);
            if y.is_some() {
                end = k + 1;
            }
            return Some(Found::new(i, end, Sem::Quarter { y, q }));
        }
        // Decades: "التسعينيات", "1990s"; centuries: "القرن الحادي والعشرين", "21st century".
        if let Some(d) = it.find(|l| match l {
            Lex::Decade(d) => Some(*d),
            _ => None,
        }) {
            // "تسعينيات القرن الماضي", "ثمانينيات القرن العشرين": the century is the
            // decade's own.
            let century = self.unit_at(i + 1) == Some((Unit::Century, 1))
                && self.is(i + 2, |l| matches!(l, Lex::Dir(Dir::Last) | Lex::Ord(20)));
            let end = if century { i + 3 } else { i + 1 };
            return Some(Found::new(i, end, Sem::Decade(190 + d as i32)));
        }
        if let Some((v, 4, false)) = it.num() {
            let s = self.it(i + 1).filter(|t| t.glued);
            if v % 10 == 0
                && s.is_some_and(|t| self.prep.norm_text().get(t.range.clone()) == Some("s"))
            {
                return Some(Found::new(i, i + 2, Sem::Decade(v as i32 / 10)));
            }
        }
        if self.unit_at(i) == Some((Unit::Century, 1)) {
            let c = self.it(i + 1).and_then(|t| {
                t.num().map(|n| n.0).or_else(|| {
                    t.find(|l| match l {
                        Lex::Ord(n) => Some(*n),
                        _ => None,
                    })
                })
            })?;
            if (1..=22).contains(&c) {
                return Some(Found::new(i, i + 2, Sem::Century(c as i32 - 1)));
            }
        }
        if let Some((c, _, true)) = it.num() {
            if self.unit_at(i + 1) == Some((Unit::Century, 1)) && (1..=22).contains(&c) {
                return Some(Found::new(i, i + 2, Sem::Century(c as i32 - 1)));
            }
        }
        None
    }
}
