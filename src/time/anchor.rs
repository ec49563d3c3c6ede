//! Anchoring: turns a parsed meaning into a TIMEX3 value, resolved against the
//! document date (and time of day, when known) and the tense of the clause.

use chrono::{Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::model::TimexType;

use super::hijri;
use super::sem::{Cal, Sem};
use super::vocab::{Dir, Unit};

/// What a date expression is resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    /// The document date.
    pub date: Option<NaiveDate>,
    /// The time of day of the document, when known (only hour/minute offsets use it).
    pub time: Option<NaiveTime>,
    /// The clause speaks of the future ("سوف", "will", "المقبل").
    pub future: bool,
    /// A word right after the date puts it in the past ("12 سبتمبر (أيلول) الماضي").
    pub past: bool,
    /// Without a document date: the year and month of the last explicit date before the
    /// expression, so that "July 13th" after "July 12th, 2014" reads as 2014.
    pub narrative: Option<(i32, Option<u32>)>,
}

fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn fmt_time(d: NaiveDate, (h, m): (u32, u32)) -> String {
    format!("{}T{h:02}:{m:02}", fmt_date(d))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = u32::try_from(n.unsigned_abs()).ok()?;
    if n >= 0 {
        d.checked_add_months(Months::new(m))
    } else {
        d.checked_sub_months(Months::new(m))
    }
}

fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Days after the document date within which a date without a year still reads as
/// this year's in a past-tense report ("the vote on July 15" in a July 10 article).
const NEAR_FUTURE_DAYS: i64 = 30;

/// The year for a month (and day) without one. News reports the past: the most recent
/// such date on or before the anchor, unless the date falls within a few weeks after it
/// or the next such day is much nearer than the last; with a future tense, the first on
/// or after the anchor; with a word for the past after it, the most recent.
fn pick_year(anchor: &Anchor, m: u32, d: Option<u32>) -> Option<i32> {
    let (a, future, past) = (anchor.date?, anchor.future, anchor.past);
    // A month alone counts from its first day (past) or its last (future).
    let day = |y: i32| match d {
        Some(d) => NaiveDate::from_ymd_opt(y, m, d),
        None if future => NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|x| add_months(x, 1))
            .and_then(|x| x.pred_opt()),
        None => NaiveDate::from_ymd_opt(y, m, 1),
    };
    let cands: Vec<(i32, NaiveDate)> = [a.year() - 1, a.year(), a.year() + 1]
        .into_iter()
        .filter_map(|y| day(y).map(|x| (y, x)))
        .collect();
    if future {
        return cands.iter().find(|(_, x)| *x >= a).map(|(y, _)| *y);
    }
    let last = cands.iter().rev().find(|(_, x)| *x <= a);
    if past {
        return last.map(|(y, _)| *y);
    }
    let next = cands.iter().find(|(_, x)| *x > a);
    let ahead = next.map(|(_, x)| (*x - a).num_days());
    let back = last.map(|(_, x)| (a - *x).num_days());
    match (last, next, ahead, back) {
        (_, Some((y, _)), Some(n), _) if n <= NEAR_FUTURE_DAYS => Some(*y),
        // A day much nearer ahead than back: a report names this year's date without its
        // year ("sentencing set for September 12" in May), last year's with it. A month
        // alone stays in the past ("in October the company announced").
        (_, Some((y, _)), Some(n), Some(b)) if d.is_some() && n * NEARER_AHEAD < b => Some(*y),
        (Some((y, _)), ..) => Some(*y),
        (None, Some((y, _)), ..) => Some(*y),
        (None, None, ..) => None,
    }
}

/// How many times nearer than the previous one the next occurrence of a date must be for
/// a past-tense report to mean it.
const NEARER_AHEAD: i64 = 2;

/// Resolves a meaning to its TIMEX3 value and type; `None` when it names no real date.
pub fn resolve(sem: &Sem, a: &Anchor) -> Option<(String, TimexType)> {
    let date = a.date;
    match sem {
        Sem::Cal(c) => cal(c, a),
        Sem::Span(x, y) => Some((
            format!("{}/{}", fmt_date(*x), fmt_date(*y)),
            TimexType::Date,
        )),
        Sem::Weekday { wd, dir, time } => {
            let Some(d) = date else {
                return Some((format!("XXXX-WXX-{wd}"), TimexType::Date));
            };
            let cur = d.weekday().number_from_monday();
            let back = i64::from((cur + 7 - wd) % 7);
            let fwd = i64::from((wd + 7 - cur) % 7);
            let off = match dir {
                Some(Dir::Last) => -(if back == 0 { 7 } else { back }),
                Some(Dir::Next) => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Some(Dir::This) => i64::from(*wd) - i64::from(cur),
                _ if a.future => fwd,
                _ => -back,
            };
            let day = add_days(d, off)?;
            Some(match time {
                Some(t) => (fmt_time(day, *t), TimexType::Time),
                None => (fmt_date(day), TimexType::Date),
            })
        }
        Sem::RelDay { off, time } => {
            let Some(d) = date else {
                return Some(("XXXX-XX-XX".to_string(), TimexType::Date));
            };
            let day = add_days(d, *off)?;
            Some(match time {
                Some(t) => (fmt_time(day, *t), TimexType::Time),
                None => (fmt_date(day), TimexType::Date),
            })
        }
        Sem::Offset { unit, n } => {
            let Some(d) = date else {
                let r = if *n < 0 { "PAST_REF" } else { "FUTURE_REF" };
                return Some((r.to_string(), TimexType::Date));
            };
            offset(d, a.time, *unit, *n)
        }
        Sem::Offsets(list) => {
            let Some(d) = date else {
                let past = list.first().is_some_and(|(_, n)| *n < 0);
                let r = if past { "PAST_REF" } else { "FUTURE_REF" };
                return Some((r.to_string(), TimexType::Date));
            };
            offsets(d, a.time, list)
        }
        Sem::RelPeriod { unit, n } => {
            let Some(d) = date else {
                let r = match n.signum() {
                    -1 => "PAST_REF",
                    1 => "FUTURE_REF",
                    _ => "PRESENT_REF",
                };
                return Some((r.to_string(), TimexType::Date));
            };
            period(d, *unit, *n).map(|v| (v, TimexType::Date))
        }
        Sem::Weekend => {
            let Some(d) = date else {
                return Some(("XXXX-WXX-WE".to_string(), TimexType::Date));
            };
            let wd = d.weekday();
            let in_weekend = matches!(wd, Weekday::Sat | Weekday::Sun);
            // Past tense: the last weekend that has begun; future: this week's.
            let day = if in_weekend || a.future {
                d
            } else {
                add_days(d, -7)?
            };
            Some((format!("{}-WE", week_value(day)), TimexType::Date))
        }
        Sem::Duration { unit, n } => Some((duration(*unit, *n), TimexType::Duration)),
        Sem::Ref(r) => Some((r.to_string(), TimexType::Date)),
        Sem::Decade(d) => Some((format!("{d:03}"), TimexType::Date)),
        Sem::Century(c) => Some((format!("{c:02}"), TimexType::Date)),
        Sem::MonthRel { m, dir } => {
            let Some(d) = date else {
                return Some((format!("XXXX-{m:02}"), TimexType::Date));
            };
            let y = match dir {
                Dir::Last if *m < d.month() => d.year(),
                Dir::Last => d.year() - 1,
                Dir::Next if *m > d.month() => d.year(),
                Dir::Next => d.year() + 1,
                _ => d.year(),
            };
            Some((format!("{y:04}-{m:02}"), TimexType::Date))
        }
        Sem::Season { y, s, rel } => {
            let y = match (y, date) {
                (Some(y), _) => *y,
                (None, Some(d)) => d.year() + i32::try_from(*rel).ok()?,
                (None, None) => return Some((format!("XXXX-{s}"), TimexType::Date)),
            };
            Some((format!("{y:04}-{s}"), TimexType::Date))
        }
        Sem::Quarter { y, q } => {
            let y = y.or(date.map(|d| d.year()));
            Some(match y {
                Some(y) => (format!("{y:04}-Q{q}"), TimexType::Date),
                None => (format!("XXXX-Q{q}"), TimexType::Date),
            })
        }
        Sem::Holiday {
            hijri: false,
            m,
            d,
            y,
        } => {
            let c = Cal {
                y: *y,
                m: Some(*m),
                d: Some(*d),
                time: None,
            };
            cal(&c, a)
        }
        Sem::Holiday {
            hijri: true,
            m,
            d,
            y,
        } => {
            let g = match (y, date) {
                (Some(y), _) => {
                    // The Hijri year whose holiday falls in Gregorian year `y`.
                    let h0 = (y - 622) * 33 / 32;
                    (h0 - 1..=h0 + 2)
                        .filter_map(|h| hijri::to_gregorian(h, *m, *d))
                        .find(|g| g.year() == *y)?
                }
                (None, Some(dd)) => {
                    let h0 = hijri::hijri_year_of(dd)?;
                    let cands: Vec<NaiveDate> = (h0 - 1..=h0 + 1)
                        .filter_map(|h| hijri::to_gregorian(h, *m, *d))
                        .collect();
                    if a.future {
                        *cands.iter().find(|g| **g >= dd)?
                    } else {
                        *cands.iter().min_by_key(|g| {
                            let diff = (**g - dd).num_days();
                            (diff.abs(), diff > 0)
                        })?
                    }
                }
                (None, None) => return None,
            };
            Some((fmt_date(g), TimexType::Date))
        }
        Sem::Range(x, y) => {
            let (vx, _) = resolve(x, a)?;
            // The end of a range without its own year is in the start's year, or the next
            // when it comes earlier in the year ("August 1-10", "between Dec 18 and Feb
            // 20"): each end on its own could fall on either side of `pick_year`'s rules.
            let end = match (&**x, &**y) {
                (Sem::Cal(cx), Sem::Cal(cy)) if cy.y.is_none() && cy.m.is_some() => {
                    let (year, mx) = cal_year_month(cx, a);
                    year.map(|year| {
                        let earlier = (cy.m, cy.d.unwrap_or(1)) < (mx, cx.d.unwrap_or(1));
                        Sem::Cal(Cal {
                            y: Some(year + i32::from(earlier)),
                            ..*cy
                        })
                    })
                }
                _ => None,
            };
            let (vy, _) = resolve(end.as_ref().unwrap_or(y), a)?;
            Some((format!("{vx}/{vy}"), TimexType::Date))
        }
    }
}

/// The year and month of a calendar date, those it lacks taken from the anchor: a day
/// alone is in the month of the context ("Friday, 21"), a month without a year in the year
/// `pick_year` gives (or, without a document date, the narrative's).
fn cal_year_month(c: &Cal, a: &Anchor) -> (Option<i32>, Option<u32>) {
    let m = match c.m {
        None if c.d.is_some() => a.date.map(|d| d.month()).or(a.narrative.and_then(|n| n.1)),
        m => m,
    };
    let y = match (c.y, m) {
        (Some(y), _) => Some(y),
        (None, Some(mm)) if a.date.is_some() => pick_year(a, mm, c.d),
        (None, Some(_)) => a.narrative.map(|n| n.0),
        (None, None) => None,
    };
    (y, m)
}

fn cal(c: &Cal, a: &Anchor) -> Option<(String, TimexType)> {
    let (y, m) = cal_year_month(c, a);
    if let (None, Some(d)) = (m, c.d) {
        // A day alone and no month in the context.
        return Some((format!("XXXX-XX-{d:02}"), TimexType::Date));
    }
    let ys = match y {
        Some(y) => format!("{y:04}"),
        None => "XXXX".to_string(),
    };
    let Some(m) = m else {
        return Some((ys, TimexType::Date));
    };
    let Some(d) = c.d else {
        return Some((format!("{ys}-{m:02}"), TimexType::Date));
    };
    if let Some(y) = y {
        NaiveDate::from_ymd_opt(y, m, d)?;
    }
    let v = format!("{ys}-{m:02}-{d:02}");
    Some(match c.time {
        Some((h, mi)) => (format!("{v}T{h:02}:{mi:02}"), TimexType::Time),
        None => (v, TimexType::Date),
    })
}

fn offset(d: NaiveDate, t: Option<NaiveTime>, unit: Unit, n: i64) -> Option<(String, TimexType)> {
    let date = |x: NaiveDate| Some((fmt_date(x), TimexType::Date));
    match unit {
        Unit::Minute | Unit::Hour => {
            let Some(t) = t else {
                // No time of day known: the hours fall on the document date.
                return date(d);
            };
            let dur = if unit == Unit::Hour {
                Duration::try_hours(n)?
            } else {
                Duration::try_minutes(n)?
            };
            let x = NaiveDateTime::new(d, t).checked_add_signed(dur)?;
            Some((x.format("%Y-%m-%dT%H:%M").to_string(), TimexType::Time))
        }
        Unit::Day => date(add_days(d, n)?),
        Unit::Week => date(add_days(d, n.checked_mul(7)?)?),
        Unit::Month => {
            let x = add_months(d, n)?;
            Some((x.format("%Y-%m").to_string(), TimexType::Date))
        }
        Unit::Year => Some((
            format!("{:04}", d.year() + i32::try_from(n).ok()?),
            TimexType::Date,
        )),
        _ => None,
    }
}

fn offsets(
    d: NaiveDate,
    t: Option<NaiveTime>,
    list: &[(Unit, i64)],
) -> Option<(String, TimexType)> {
    let mut x = NaiveDateTime::new(d, t.unwrap_or(NaiveTime::MIN));
    // 0 = year, 1 = month, 2 = day, 3 = minute: the finest unit sets the value's grain.
    let mut grain = 0;
    for (unit, n) in list {
        let (dt, g) = match unit {
            Unit::Year => (add_months(x.date(), n.checked_mul(12)?)?, 0),
            Unit::Month => (add_months(x.date(), *n)?, 1),
            Unit::Week => (add_days(x.date(), n.checked_mul(7)?)?, 2),
            Unit::Day => (add_days(x.date(), *n)?, 2),
            Unit::Hour => {
                x = x.checked_add_signed(Duration::try_hours(*n)?)?;
                grain = grain.max(3);
                continue;
            }
            Unit::Minute => {
                x = x.checked_add_signed(Duration::try_minutes(*n)?)?;
                grain = grain.max(3);
                continue;
            }
            _ => return None,
        };
        x = NaiveDateTime::new(dt, x.time());
        grain = grain.max(g);
    }
    Some(match grain {
        0 => (format!("{:04}", x.year()), TimexType::Date),
        1 => (x.format("%Y-%m").to_string(), TimexType::Date),
        3 if t.is_some() => (x.format("%Y-%m-%dT%H:%M").to_string(), TimexType::Time),
        _ => (fmt_date(x.date()), TimexType::Date),
    })
}

fn period(d: NaiveDate, unit: Unit, n: i64) -> Option<String> {
    let n32 = i32::try_from(n).ok()?;
    Some(match unit {
        Unit::Minute | Unit::Hour | Unit::Day => fmt_date(add_days(d, n)?),
        Unit::Week => week_value(add_days(d, n.checked_mul(7)?)?),
        Unit::Weekend => format!("{}-WE", week_value(add_days(d, n.checked_mul(7)?)?)),
        Unit::Month => add_months(d, n)?.format("%Y-%m").to_string(),
        Unit::Quarter => {
            let x = add_months(d, n.checked_mul(3)?)?;
            format!("{:04}-Q{}", x.year(), (x.month() - 1) / 3 + 1)
        }
        Unit::Year => format!("{:04}", d.year() + n32),
        Unit::Decade => format!("{:03}", d.year() / 10 + n32),
        Unit::Century => format!("{:02}", d.year() / 100 + n32),
    })
}

fn duration(unit: Unit, n: u32) -> String {
    match unit {
        Unit::Minute => format!("PT{n}M"),
        Unit::Hour => format!("PT{n}H"),
        Unit::Day => format!("P{n}D"),
        Unit::Week | Unit::Weekend => format!("P{n}W"),
        Unit::Month => format!("P{n}M"),
        Unit::Quarter => format!("P{}M", n * 3),
        Unit::Year => format!("P{n}Y"),
        Unit::Decade => format!("P{n}DE"),
        Unit::Century => format!("P{n}CE"),
    }
}
