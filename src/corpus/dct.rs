//! The document date (dct): parsed from a JSON field, a `Date:` header line near the top of
//! the text, or the file name. Header keys and month names are data
//! (`gazetteers/corpus/*.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::text::normalize;

const MONTHS_TSV: &str = include_str!("../../gazetteers/corpus/dct-months.tsv");
const HEADERS_TSV: &str = include_str!("../../gazetteers/corpus/dct-headers.tsv");

/// How many non-empty lines from the top may hold a date header.
const HEADER_LINES: usize = 8;

/// Data rows of a small TSV: non-empty lines that are not `#` comments, split on tabs.
fn tsv_rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn months() -> &'static HashMap<String, u32> {
    static M: OnceLock<HashMap<String, u32>> = OnceLock::new();
    M.get_or_init(|| {
        tsv_rows(MONTHS_TSV)
            .filter_map(|r| {
                let n = r.get(1)?.trim().parse().ok()?;
                Some((normalize(r.first()?.trim()), n))
            })
            .collect()
    })
}

fn header_keys() -> &'static Vec<String> {
    static K: OnceLock<Vec<String>> = OnceLock::new();
    K.get_or_init(|| {
        tsv_rows(HEADERS_TSV)
            .filter_map(|r| r.first().map(|k| normalize(k.trim())))
            .collect()
    })
}

struct Patterns {
    ymd: Regex,
    dmy: Regex,
    words: Regex,
    compact: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Patterns {
            ymd: Regex::new(r"(?:^|\D)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)").ok()?,
            dmy: Regex::new(r"(?:^|\D)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\D|$)").ok()?,
            words: Regex::new(r"[\p{L}]+|\d+").ok()?,
            compact: Regex::new(r"(?:^|\D)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:\D|$)").ok()?,
        })
    })
    .as_ref()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Parses a date written by a publisher: `2021-07-10`, `2021/07/10T09:00Z`, `10/07/2021`
/// (day first), `10 July 2021`, `July 10, 2021`, `Sat, 10 Jul 2021 09:00 GMT`,
/// `١٠ يوليو ٢٠٢١`, `10 تموز 2021`. Returns `None` when no full date is found.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = normalize(s);
    let p = patterns()?;
    if let Some(c) = p.ymd.captures(&s) {
        return ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str());
    }
    if let Some(c) = p.dmy.captures(&s) {
        return ymd(c.get(3)?.as_str(), c.get(2)?.as_str(), c.get(1)?.as_str());
    }
    // Words: a year, a day and a month name in any order ("10 July 2021", "July 10, 2021").
    let tokens: Vec<&str> = p.words.find_iter(&s).map(|m| m.as_str()).collect();
    let (mut year, mut day, mut month) = (None, None, None);
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens.get(i).copied().unwrap_or_default();
        if let Ok(n) = t.parse::<u32>() {
            if t.len() == 4 && year.is_none() {
                year = Some(n as i32);
            } else if t.len() <= 2 && day.is_none() && (1..=31).contains(&n) {
                day = Some(n);
            }
        } else if month.is_none() {
            // Two-word Levantine months ("كانون الثاني") first.
            let two = tokens.get(i + 1).map(|n| format!("{t} {n}"));
            if let Some(m) = two.as_ref().and_then(|k| months().get(k)) {
                month = Some(*m);
                i += 1;
            } else if let Some(m) = months().get(t) {
                month = Some(*m);
            }
        }
        i += 1;
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

/// The date of a `Date:`-style header line among the first non-empty lines of `text`.
pub fn header_date(text: &str) -> Option<NaiveDate> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEADER_LINES)
        .find_map(|l| {
            let value = header_value(l)?;
            parse_date(value)
        })
}

/// The value of a `Key: value` line whose key is a date header key.
pub fn header_value(line: &str) -> Option<&str> {
    // Keys are short: look for the colon in the first bytes only, so that long paragraph
    // lines cost nothing.
    let cut = (0..=line.len().min(48))
        .rev()
        .find(|&i| line.is_char_boundary(i))
        .unwrap_or(0);
    let head = line.get(..cut).unwrap_or(line);
    // Two searches for one character each run as memchr; a search for either character
    // would decode every character of the head.
    let at = match (head.find(':'), head.find('：')) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let key = line.get(..at)?;
    let value = line.get(at..)?.split_once([':', '：'])?.1;
    let key = normalize(
        key.trim()
            .trim_start_matches(['#', '*', ' '])
            .trim_end_matches('*'),
    );
    header_keys().contains(&key).then_some(value)
}

/// A date written in a file name: `2021-07-10-story.txt`, `news_20210710.json`.
pub fn filename_date(name: &str) -> Option<NaiveDate> {
    // Every pattern spells the date with eight digits: most names have fewer, and the
    // regex need not run.
    if name.bytes().filter(u8::is_ascii_digit).count() < 8 {
        return None;
    }
    let c = patterns()?.compact.captures(name)?;
    ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn publisher_formats() {
        assert_eq!(parse_date("2021-07-10"), d(2021, 7, 10));
        assert_eq!(parse_date("2021-07-10T09:30:00Z"), d(2021, 7, 10));
        assert_eq!(parse_date("10/07/2021"), d(2021, 7, 10));
        assert_eq!(parse_date("10 July 2021"), d(2021, 7, 10));
        assert_eq!(parse_date("July 10, 2021"), d(2021, 7, 10));
        assert_eq!(parse_date("Sat, 10 Jul 2021 09:00:00 GMT"), d(2021, 7, 10));
        assert_eq!(parse_date("١٠ يوليو ٢٠٢١"), d(2021, 7, 10));
        assert_eq!(parse_date("الأحد 3 كانون الثاني 2021"), d(2021, 1, 3));
        assert_eq!(parse_date("July 2021"), None, "no day: not a full date");
        assert_eq!(parse_date("2021-02-30"), None);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn headers() {
        let t = "Some title\nDate: 5 March 2020\n\nBody text.";
        assert_eq!(header_date(t), d(2020, 3, 5));
        let t = "عنوان الخبر\nالتاريخ: ٢٠٢٠/٠٣/٠٥\nنص";
        assert_eq!(header_date(t), d(2020, 3, 5));
        // A full-width colon, alone or before an ASCII one: the first colon ends the key.
        let t = "عنوان\nالتاريخ： ٢٠٢٠/٠٣/٠٥\nنص";
        assert_eq!(header_date(t), d(2020, 3, 5));
        assert_eq!(
            header_value("Date： 10:30, 5 March 2020"),
            Some(" 10:30, 5 March 2020")
        );
        assert_eq!(header_value("Time: 10：30"), None, "the key is Time");
        let long = format!("{}: 5 March 2020", "تاريخ ".repeat(20));
        assert_eq!(header_value(&long), None, "a long line is not a header");
        let t = "Title\nThe meeting date: 5 March 2020 was set";
        assert_eq!(header_date(t), None, "only known keys count");
        let mut far = String::new();
        for i in 0..20 {
            far.push_str(&format!("line {i}\n"));
        }
        far.push_str("Date: 2020-03-05\n");
        assert_eq!(header_date(&far), None, "only near the top");
    }

    #[test]
    fn file_names() {
        assert_eq!(filename_date("2021-07-10-story.txt"), d(2021, 7, 10));
        assert_eq!(filename_date("news_20210710.json"), d(2021, 7, 10));
        assert_eq!(filename_date("story-12345678901.txt"), None);
        assert_eq!(filename_date("walla-biden-putin.txt"), None);
        assert_eq!(filename_date("x-2021-07-1.txt"), None, "seven digits");
        assert_eq!(filename_date("٢٠٢١٠٧١٠.txt"), None, "Arabic-Indic digits");
    }
}
