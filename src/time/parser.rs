//! The parser: finds date expressions among the items and reads their meaning.
//!
//! Expression families live in [`super::absolute`] (calendar dates, numeric dates,
//! years, ranges, Hijri dates, holidays, clock times) and [`super::relative`] (weekdays,
//! relative days, offsets, relative periods, vague references, seasons, quarters,
//! decades). Arabic and English share the patterns; the vocabulary tells them apart.

use crate::text::{Lang, Prepared};

use super::items::Item;
use super::sem::Sem;
use super::tokens::TokKind;
use super::vocab::Lex;

/// A date expression found at items `start..end`.
#[derive(Debug, Clone)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub hijri: bool,
    pub ambiguous: bool,
}

impl Found {
    pub fn new(start: usize, end: usize, sem: Sem) -> Found {
        Found {
            start,
            end,
            sem,
            hijri: false,
            ambiguous: false,
        }
    }
}

/// Parser state over one document.
pub struct Parser<'a, 'v> {
    pub items: &'a [Item<'v>],
    pub prep: &'a Prepared<'a>,
}

impl<'a, 'v> Parser<'a, 'v> {
    pub fn new(items: &'a [Item<'v>], prep: &'a Prepared<'a>) -> Parser<'a, 'v> {
        Parser { items, prep }
    }

    pub fn it(&self, j: usize) -> Option<&Item<'v>> {
        self.items.get(j)
    }

    /// True when item `j` has a meaning that satisfies `f`.
    pub fn is(&self, j: usize, f: impl Fn(&Lex) -> bool) -> bool {
        self.it(j).is_some_and(|it| it.has(f))
    }

    /// Item `j` if it is the punctuation `c`.
    pub fn punct(&self, j: usize, c: char) -> bool {
        self.it(j).is_some_and(|it| it.is_punct(c))
    }

    /// Skips one comma (Latin or Arabic) at `j`.
    pub fn skip_comma(&self, j: usize) -> usize {
        if self.punct(j, ',') || self.punct(j, '،') {
            j + 1
        } else {
            j
        }
    }

    /// Skips any items at `j` whose meaning satisfies `f`.
    pub fn skip(&self, mut j: usize, f: impl Fn(&Lex) -> bool) -> usize {
        while self.is(j, &f) {
            j += 1;
        }
        j
    }

    /// True when the document reads as English (numeric dates month-first).
    pub fn english(&self) -> bool {
        self.prep.lang == Some(Lang::En)
    }

    /// True when item `j` starts with an upper-case letter in the original text.
    pub fn capitalized(&self, j: usize) -> bool {
        self.it(j).is_some_and(|it| {
            let o = self.prep.to_orig(it.range.clone());
            self.prep
                .orig
                .get(o)
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_uppercase)
        })
    }

    /// The longest expression that starts at item `i`.
    pub fn parse_at(&self, i: usize) -> Option<Found> {
        let it = self.it(i)?;
        // Cheap exit: only vocabulary words and numbers can start a date.
        if it.lex.is_empty() && !matches!(it.kind, TokKind::Num { .. } | TokKind::Punct('(')) {
            return None;
        }
        let cands = [
            self.range_at(i),
            self.weekday_at(i),
            self.date_at(i),
            self.relative_at(i),
            self.year_at(i),
            self.holiday_at(i),
        ];
        let mut best: Option<Found> = None;
        for c in cands.into_iter().flatten() {
            if best.as_ref().map_or(true, |b| c.end > b.end) {
                best = Some(c);
            }
        }
        best.or_else(|| self.daytime_at(i))
    }

    /// "فجر الجمعة", "مساء أمس", "صباح اليوم": a part of the day before a weekday or a
    /// relative day belongs to the date, whose value stays the day's. Only the day itself
    /// is read after it (not another part of the day), so a run of such words is no chain.
    fn daytime_at(&self, i: usize) -> Option<Found> {
        if !self.is(i, |l| matches!(l, Lex::DayTime)) {
            return None;
        }
        // Every reading of a weekday names a day ("صباح الجمعة 9 يوليو" too); of the
        // relative expressions only the relative days do.
        let f = self.weekday_at(i + 1).or_else(|| {
            self.relative_at(i + 1)
                .filter(|f| matches!(f.sem, Sem::RelDay { .. }))
        })?;
        Some(Found { start: i, ..f })
    }

    /// All expressions of the document, left to right, not overlapping.
    pub fn parse_all(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.items.len() {
            match self.parse_at(i) {
                Some(f) if f.end > i => {
                    i = f.end;
                    // Passed over whole, so that no part of the name is read again ("من
                    // أكتوبر" alone).
                    if !self.names_place(&f) {
                        out.push(f);
                    }
                }
                _ => i += 1,
            }
        }
        out
    }

    /// True for a day and month without a year that name a street, a city or a political
    /// bloc ("شارع 26 سبتمبر", "قوى 14 آذار", "March 14 Alliance"): no date, since the
    /// events of the sentence did not happen on it.
    fn names_place(&self, f: &Found) -> bool {
        let day_month = match &f.sem {
            Sem::Cal(c) => c.y.is_none() && c.d.is_some(),
            // "مدينة العاشر من رمضان": a Hijri day without a year.
            Sem::Holiday { y, .. } => y.is_none(),
            _ => false,
        };
        day_month
            && ((f.start > 0 && self.is(f.start - 1, |l| matches!(l, Lex::NameHead)))
                || self.is(f.end, |l| matches!(l, Lex::NameTail)))
    }
}
