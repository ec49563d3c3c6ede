//! What a parsed date expression means, before it is anchored.

use super::vocab::{Dir, Unit};

/// A calendar date, as precise as the text states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cal {
    pub y: Option<i32>,
    pub m: Option<u32>,
    pub d: Option<u32>,
    /// Hour and minute when a clock time is attached.
    pub time: Option<(u32, u32)>,
}

/// The meaning of a date expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A calendar date (Gregorian; Hijri dates are converted while parsing).
    Cal(Cal),
    /// An explicit Gregorian interval (a Hijri month or year).
    Span(chrono::NaiveDate, chrono::NaiveDate),
    /// A weekday, anchored by tense or by a direction word.
    Weekday {
        wd: u32,
        dir: Option<Dir>,
        time: Option<(u32, u32)>,
    },
    /// A day relative to the anchor ("yesterday" = -1).
    RelDay { off: i64, time: Option<(u32, u32)> },
    /// A point `n` units away from the anchor ("two days ago" = day, -2).
    Offset { unit: Unit, n: i64 },
    /// A point several amounts away ("منذ عام وشهرين", "1 year, 2 months ago").
    Offsets(Vec<(Unit, i64)>),
    /// The period `n` units away from the anchor's ("last week" = week, -1).
    RelPeriod { unit: Unit, n: i64 },
    /// The weekend nearest the anchor on the side of the tense.
    Weekend,
    /// A length of time ("the past two weeks").
    Duration { unit: Unit, n: u32 },
    /// `PAST_REF`, `PRESENT_REF` or `FUTURE_REF`.
    Ref(&'static str),
    /// A decade given by its first three digits (199 = the 1990s).
    Decade(i32),
    /// A century given by its first two digits (20 = the 21st century).
    Century(i32),
    /// A month named with a direction ("last July").
    MonthRel { m: u32, dir: Dir },
    /// A season of a year, of the anchor's year, or of the year before/after it.
    Season {
        y: Option<i32>,
        s: &'static str,
        rel: i64,
    },
    /// A quarter of a year.
    Quarter { y: Option<i32>, q: u32 },
    /// A holiday on day `d` of month `m` of a calendar, in Gregorian year `y` when stated.
    Holiday {
        hijri: bool,
        m: u32,
        d: u32,
        y: Option<i32>,
    },
    /// Both ends included.
    Range(Box<Sem>, Box<Sem>),
}
