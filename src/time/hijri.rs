//! Hijri (Umm al-Qura) to Gregorian conversion with ICU4X's `icu_calendar`.

use chrono::{Datelike, NaiveDate};
use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};

/// Gregorian date of Hijri day `d` of month `m` of year `y` (Umm al-Qura), or `None`
/// when there is no such Hijri day (a 30th of a 29-day month, a month 13).
pub fn to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    let m = u8::try_from(m).ok()?;
    let d = u8::try_from(d).ok()?;
    if !(1..=12).contains(&m) || d == 0 || !(1000..=2000).contains(&y) {
        return None;
    }
    let h = Date::try_new_hijri_with_calendar(y, m, d, Hijri::new_umm_al_qura()).ok()?;
    let iso = h.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// Like [`to_gregorian`], but reads the 30th of a 29-day month as the day after the
/// 29th: calendars that follow local moon sightings print a 30th where Umm al-Qura has
/// none.
pub fn to_gregorian_lenient(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    to_gregorian(y, m, d).or_else(|| {
        if d == 30 {
            to_gregorian(y, m, 29)?.succ_opt()
        } else {
            None
        }
    })
}

/// Hijri year that contains a Gregorian date.
pub fn hijri_year_of(date: NaiveDate) -> Option<i32> {
    let m = u8::try_from(date.month()).ok()?;
    let d = u8::try_from(date.day()).ok()?;
    let iso = Date::try_new_iso(date.year(), m, d).ok()?;
    let h = Date::<Iso>::to_calendar(&iso, Hijri::new_umm_al_qura());
    Some(h.year().extended_year())
}

/// First and last Gregorian days of a Hijri month.
pub fn month_range(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = to_gregorian(y, m, 1)?;
    let last = to_gregorian(y, m, 30).or_else(|| to_gregorian(y, m, 29))?;
    Some((first, last))
}

/// First and last Gregorian days of a Hijri year.
pub fn year_range(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    let first = to_gregorian(y, 1, 1)?;
    let (_, last) = month_range(y, 12)?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn known_umm_al_qura_dates() {
        // 1 Ramadan 1442 began on 13 April 2021; 1 Shawwal 1442 (Eid al-Fitr) on 13 May 2021.
        assert_eq!(to_gregorian(1442, 9, 1), Some(ymd(2021, 4, 13)));
        assert_eq!(to_gregorian(1442, 10, 1), Some(ymd(2021, 5, 13)));
        assert_eq!(to_gregorian(1432, 9, 14), Some(ymd(2011, 8, 14)));
        assert_eq!(hijri_year_of(ymd(2021, 7, 10)), Some(1442));
    }

    #[test]
    fn impossible_days_are_none() {
        assert_eq!(to_gregorian(1442, 13, 1), None);
        assert_eq!(to_gregorian(1442, 1, 31), None);
        assert_eq!(to_gregorian(1442, 1, 0), None);
        // Safar 1433 has 29 days in Umm al-Qura; a printed "30 Safar" is the next day.
        assert_eq!(to_gregorian(1433, 2, 30), None);
        assert_eq!(to_gregorian_lenient(1433, 2, 30), Some(ymd(2012, 1, 24)));
        assert_eq!(to_gregorian_lenient(1433, 2, 31), None);
    }
}
