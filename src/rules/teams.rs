//! Sports tables: in a sports report, the names on a results line ("Orvale 2 Tessaland
//! Rovers 1") or a standings line ("Orvale 10 6 2 2 18 9 20") are teams, whether the
//! gazetteers list them or not. Wire services send such tables as one row per line, and
//! no word of a row says "club"; a row's shape does. Where the gazetteers list the name
//! (a country's national team, a city), their entry wins the tie and type by context
//! decides, as for any place; a longer team name ("Tessaland Rovers") wins over the place
//! inside it.

use std::ops::Range;

use super::lists::Lists;
use super::scan::{candidate, surface_target};
use crate::model::{Candidate, EntityType};
use crate::text::{Lang, Prepared};

/// Source of the teams this rule finds.
pub(crate) const SOURCE: &str = "rule:team-table";
/// A team's name has at most this many words.
const NAME_WORDS_MAX: usize = 4;
/// A standings row has at least this many numbers after the name (played, won, points…).
const STANDING_NUMBERS_MIN: usize = 3;
/// Scores and table numbers have at most this many digits: a longer number is an amount
/// or a year, and the row a financial table's.
const NUMBER_DIGITS_MAX: usize = 3;

/// Teams of the results and standings rows of a sports report, as organizations.
pub(crate) fn find(prep: &Prepared<'_>, lists: &Lists, out: &mut Vec<Candidate>) {
    // The names of a row are Latin script: an Arabic report's lines are not read.
    if prep.lang == Some(Lang::Ar) {
        return;
    }
    let orig = prep.orig;
    let bytes = orig.as_bytes();
    let mut names: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for end in ends {
        let line = start..end;
        start = end + 1;
        // A row ends with a number; prose ends with a stop, and is not read further.
        let last = bytes
            .get(line.clone())
            .and_then(|l| l.iter().rposition(|b| !b.is_ascii_whitespace()))
            .and_then(|i| bytes.get(line.start + i));
        if last.is_some_and(u8::is_ascii_digit) {
            row_names(orig, line, lists, &mut names);
        }
    }
    // A table row's shape is a sports report's only: financial tables have amounts,
    // but "Net Income 821 512 565" has the shape of a standings row too.
    if names.is_empty() || !crate::resolve::context::sports_report(prep) {
        return;
    }
    for r in names {
        let n = prep.to_norm(r.start)..prep.to_norm(r.end);
        let target = surface_target("org", prep, &n);
        out.push(candidate(
            prep,
            n,
            EntityType::Organization,
            target,
            SOURCE,
            0.6,
        ));
    }
}

/// A name of a row: its byte range, its words and the numbers after it.
struct RowName {
    span: Range<usize>,
    words: usize,
    numbers: usize,
}

/// The team names of `line` (a byte range of `orig`) when it is a results row (a name, a
/// score, a name, a score) or a standings row (a name and three or more numbers), pushed
/// to `out`. A row whose name opens with a first name is a player's (a golfer's
/// rounds): the person rules read it.
fn row_names(orig: &str, line: Range<usize>, lists: &Lists, out: &mut Vec<Range<usize>>) {
    let Some(text) = orig.get(line.clone()) else {
        return;
    };
    let mut names: Vec<RowName> = Vec::new();
    let mut words = text
        .split_ascii_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w));
    for (at, w) in &mut words {
        if is_number(w) {
            match names.last_mut() {
                Some(n) => n.numbers += 1,
                None => return,
            }
        } else if is_name_word(w) {
            let span = line.start + at..line.start + at + w.len();
            match names.last_mut() {
                Some(n) if n.numbers == 0 => {
                    n.span.end = span.end;
                    n.words += 1;
                    if n.words > NAME_WORDS_MAX {
                        return;
                    }
                }
                _ => names.push(RowName {
                    span,
                    words: 1,
                    numbers: 0,
                }),
            }
        } else {
            return;
        }
    }
    let row = match names.as_slice() {
        [a, b] => a.numbers == 1 && b.numbers == 1,
        [a] => a.numbers >= STANDING_NUMBERS_MIN,
        _ => false,
    };
    let player = |n: &RowName| {
        n.words >= 2
            && orig
                .get(n.span.clone())
                .and_then(|t| t.split(' ').next())
                .is_some_and(|f| lists.first_en.contains(&f.to_lowercase()))
    };
    if row && !names.iter().any(player) {
        out.extend(names.into_iter().map(|n| n.span));
    }
}

/// A score or a table number: a whole number of at most [`NUMBER_DIGITS_MAX`] digits.
fn is_number(w: &str) -> bool {
    !w.is_empty() && w.len() <= NUMBER_DIGITS_MAX && w.bytes().all(|b| b.is_ascii_digit())
}

/// A word of a team's name: capitalized Latin letters, with inner full stops, hyphens
/// or apostrophes ("St.", "Saint-Etienne").
fn is_name_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The team names `find` gives for `text` (invented teams).
    fn teams(text: &str) -> Vec<String> {
        let lists = Lists::shared().unwrap();
        let prep = Prepared::new(text, None);
        let mut out = Vec::new();
        find(&prep, lists, &mut out);
        out.iter()
            .map(|c| text[c.span.clone()].to_string())
            .collect()
    }

    /// A sports report around `rows`.
    fn report(rows: &str) -> String {
        format!("SOCCER - LEAGUE RESULTS\nResults of league matches played on Saturday:\n{rows}\nThe champions won the cup after the final match of the season.\n")
    }

    #[test]
    fn results_and_standings_rows_of_a_sports_report_name_teams() {
        assert_eq!(
            teams(&report(
                "Orvale 2 Tessaland Rovers 1\nTarvik United 0 Norrby 0"
            )),
            ["Orvale", "Tessaland Rovers", "Tarvik United", "Norrby"]
        );
        assert_eq!(
            teams(&report(
                "Standings:\nOrvale 10 6 2 2 18 9 20\nNORRBY CITY 10 5 3 2 15 9 18"
            )),
            ["Orvale", "NORRBY CITY"]
        );
    }

    #[test]
    fn an_arabic_report_is_not_read_for_rows() {
        // An Arabic sports report quoting a Latin row: its teams are written in Arabic
        // elsewhere, and its lines are not read.
        let t = "انتهت مباراة الدوري بفوز الفريق بهدف في الشوط الثاني من المباراة أمام جمهوره الكبير.\nOrvale 2 Tessaland 1\nوسجل اللاعب هدف الفوز في الدقيقة الأخيرة من مباريات الدوري.\n";
        assert!(teams(t).is_empty(), "{:?}", teams(t));
    }

    #[test]
    fn other_rows_name_no_team() {
        // Not a sports report: a financial table has the shape of a standings row.
        let t = "Quarterly results of the company.\nNet Income 821 512 565 301\nSales 12 14 15\n";
        assert!(teams(t).is_empty(), "{:?}", teams(t));
        for rows in [
            // A golfer's rounds: the name opens with a first name.
            "Michael Orvale 66 71 70 70",
            // Averages, amounts, a ranked row, a sentence, a name of five words.
            "Orvale 3 5 0 79.20",
            "Orvale 2 Tessaland 1996",
            "1. Orvale 20",
            "Orvale beat Tessaland 2 1",
            "Orvale Tessaland Norrby Tarvik Rovers 1 Orvale 0",
            // One number after a single name, two after each of two, or three names.
            "Orvale 2",
            "Orvale 12 14 Tessaland 15 16",
            "Orvale 2 Tessaland 1 Norrby 0",
        ] {
            assert!(
                teams(&report(rows)).is_empty(),
                "{rows}: {:?}",
                teams(&report(rows))
            );
        }
    }
}
