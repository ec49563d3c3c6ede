//! Sentence and clause boundaries for Arabic and English news text.
//!
//! A sentence ends at `.`, `!`, `?`, `؟` followed by space or the end, and at every line
//! break (news paragraphs are lines). `؛` and `،` end *clauses*, not sentences: Arabic
//! writers chain a whole report with them, and an event's date often sits in the clause
//! before its participants ("هجوم في 4 يوليو؛ حيث اقتحمت مجموعة …").

use std::ops::Range;

/// Abbreviations after which a period does not end an English sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "col", "lt", "maj", "capt", "sgt", "gov",
    "pres", "st", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "etc", "e.g", "i.e", "jan", "feb",
    "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "a.m", "p.m",
    "mt", "ft", "approx", "dept", "est", "fig", "adm", "gens", "sens", "reps", "messrs",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '»' | '”' | '’' | '›')
}

/// Byte offsets of every character that can end a sentence or a line (`\n` `\r` `.` `!`
/// `?` `؟` `…` U+2028 U+2029), in order. A few SIMD scans (`memchr`) find them far
/// faster than decoding every character, and the text between them is never looked at.
fn ender_positions(b: &[u8]) -> Vec<usize> {
    let mut v: Vec<usize> = memchr::memchr3_iter(b'\n', b'\r', b'.', b).collect();
    v.extend(memchr::memchr2_iter(b'!', b'?', b));
    v.extend(memchr::memmem::find_iter(b, "؟".as_bytes()));
    // U+2026 (…), U+2028 and U+2029 are E2 80 A6 / A8 / A9.
    v.extend(
        memchr::memchr_iter(0xE2, b)
            .filter(|&i| matches!(b.get(i + 1..i + 3), Some([0x80, 0xA6 | 0xA8 | 0xA9]))),
    );
    v.sort_unstable();
    v
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Splits `text` into sentences: byte ranges, trimmed of surrounding white space,
/// never empty. Every non-space character belongs to exactly one sentence.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    sentences_and_wraps(text).0
}

/// Breaks of the strict kind ([`is_hard_wrap`]) that show a text is hard-wrapped, so that
/// a wrapped line may also go on with a capitalized word ([`continues_line`]).
const WRAPPED_TEXT_BREAKS: usize = 3;

/// [`split_sentences`], with the byte offsets of the line breaks that only wrap a line
/// (which the sentences run over): the normalized text reads them as spaces, so that a
/// name or a date wrapped over two lines ("the International\nMonetary Fund") is found.
pub(crate) fn sentences_and_wraps(text: &str) -> (Vec<Range<usize>>, Vec<usize>) {
    let enders = ender_positions(text.as_bytes());
    // A text that wraps mid-phrase three times or more is wire copy: there a long line
    // may also wrap before a name.
    let wrapped = enders
        .iter()
        .filter(|&&p| text.as_bytes().get(p) == Some(&b'\n') && is_hard_wrap(text, p))
        .take(WRAPPED_TEXT_BREAKS)
        .count()
        == WRAPPED_TEXT_BREAKS;
    let mut wraps = Vec::new();
    let mut out = Vec::new();
    let mut start = 0usize;
    let push = |s: usize, e: usize, out: &mut Vec<Range<usize>>| {
        let seg = &text[s..e];
        let ts = seg.len() - seg.trim_start().len();
        let te = seg.trim_end().len();
        if te > ts {
            out.push(s + ts..s + te);
        }
    };
    let mut i = 0usize;
    for p in enders {
        // Positions inside a run of terminators already swallowed are skipped.
        if p < i {
            continue;
        }
        i = p;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        match c {
            '\n' | '\r' | '\u{2029}' | '\u{2028}' => {
                if c == '\n' && (is_hard_wrap(text, i) || (wrapped && continues_line(text, i))) {
                    wraps.push(i);
                } else {
                    push(start, i, &mut out);
                    start = i + clen;
                }
                i += clen;
            }
            '.' | '!' | '?' | '؟' | '…' => {
                // Swallow runs of terminators and closing quotes.
                let mut end = i + clen;
                while let Some(d) = text[end..].chars().next() {
                    if is_terminator(d) || is_closer(d) {
                        end += d.len_utf8();
                    } else {
                        break;
                    }
                }
                let at_break = text[end..].chars().next().map_or(true, char::is_whitespace);
                let abbreviation = c == '.' && at_break && is_abbreviation(&text[start..i]) && {
                    // "U.S. officials", "Mr. Biden": not an end unless a new line follows.
                    let rest = &text[end..];
                    let after = rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
                    !matches!(after.chars().next(), Some('\n') | None)
                };
                if at_break && !abbreviation {
                    push(start, end, &mut out);
                    start = end;
                }
                i = end;
            }
            _ => i += clen,
        }
    }
    push(start, text.len(), &mut out);
    (out, wraps)
}

/// True when the line break at byte `i` only wraps a long line inside a paragraph (wire
/// copy such as Reuters is hard-wrapped at ~70 columns): the line before is Latin
/// text of at least 50 characters that does not end a sentence, and the next line goes
/// on without a blank line, starting with a lowercase letter, a digit or, after a line
/// that ends mid-phrase (comma, conjunction), anything. Headlines and Arabic paragraphs
/// (one per line) still end at the break.
fn is_hard_wrap(text: &str, i: usize) -> bool {
    let next = &text[i + 1..];
    let next_trim = next.trim_start_matches([' ', '\t']);
    let Some(first) = next_trim.chars().next() else {
        return false;
    };
    if first == '\n' || first == '\r' {
        return false;
    }
    let (_, prev) = line_before(text, i);
    let Some(last) = prev.chars().next_back() else {
        return false;
    };
    // The cheap tests first: most line breaks fail one of them.
    let goes_on = first.is_lowercase()
        || first.is_ascii_digit()
        || matches!(last, ',' | ';' | '-')
        || prev.rsplit(' ').next().is_some_and(|w| {
            matches!(
                w,
                "and"
                    | "or"
                    | "the"
                    | "a"
                    | "an"
                    | "of"
                    | "to"
                    | "in"
                    | "for"
                    | "on"
                    | "by"
                    | "with"
                    | "at"
                    | "from"
                    | "said"
                    | "that"
            )
        });
    goes_on && is_long_open_line(prev)
}

/// In a hard-wrapped text, true when the line break at byte `i` wraps a line before a
/// capitalized word ("… from the International\nMonetary Fund"): the line before is one
/// [`is_hard_wrap`] would accept but for the next word's case; it is not the text's
/// first line (the headline) nor written in capitals (a headline or a dateline), and the
/// next line starts at once with an upper-case letter (an indented line starts a
/// paragraph).
fn continues_line(text: &str, i: usize) -> bool {
    let next = text.get(i + 1..).unwrap_or_default();
    if !next.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (line_start, prev) = line_before(text, i);
    let first_line = text[..line_start].trim().is_empty();
    !first_line && is_long_open_line(prev) && prev.bytes().any(|b| b.is_ascii_lowercase())
}

/// Where the line that the break at byte `i` ends starts, and the line without its
/// trailing blanks.
fn line_before(text: &str, i: usize) -> (usize, &str) {
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..i]).map_or(0, |p| p + 1);
    (
        line_start,
        text[line_start..i].trim_end_matches('\r').trim_end(),
    )
}

/// A line that a hard wrap may end: Latin text of at least 50 characters that does not
/// end a sentence.
fn is_long_open_line(line: &str) -> bool {
    let ends_sentence = line
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟' | ':' | '…' | '"' | '”' | '»' | ')'));
    let latin = line.bytes().filter(u8::is_ascii_alphabetic).count();
    !ends_sentence && line.len() >= 50 && line.chars().count() >= 50 && latin * 2 >= line.len()
}

/// `char::is_alphanumeric`, without the Unicode tables for ASCII and Arabic letters.
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('\u{0621}'..='\u{064A}').contains(&c) || c.is_alphanumeric()
    }
}

/// The longest entry of [`ABBREVIATIONS`], in characters.
const LONGEST_ABBREVIATION: usize = 6;

/// True when the text before a period ends with an abbreviation or a single letter
/// ("U.S", "Mr", "J").
fn is_abbreviation(before: &str) -> bool {
    // The word before the period, read backwards, stopping as soon as it can be none of
    // the three kinds: too long for the list and with a part too long for an acronym.
    let (mut chars, mut part, mut longest_part, mut start) = (0usize, 0usize, 0usize, before.len());
    for (i, c) in before.char_indices().rev() {
        if c == '.' {
            part = 0;
        } else if is_alphanumeric(c) {
            part += 1;
            longest_part = longest_part.max(part);
        } else {
            break;
        }
        chars += 1;
        start = i;
        if chars > LONGEST_ABBREVIATION && longest_part > 2 {
            return false;
        }
    }
    let word = &before[start..];
    if word.is_empty() {
        return false;
    }
    // An ASCII word is compared without a lowercased copy (the list is ASCII lower case);
    // another word lower-cases first (the Kelvin sign becomes an ASCII k).
    let listed = || {
        if word.is_ascii() {
            ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
        } else {
            ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        }
    };
    if chars <= LONGEST_ABBREVIATION && listed() {
        return true;
    }
    // A single Latin letter ("J. Smith") or a dotted acronym ("U.S", "a.m").
    if chars == 1 && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return true;
    }
    word.contains('.') && longest_part <= 2
}

/// Splits a sentence range into clauses at `؛`, `;`, `،` (byte ranges into `text`).
pub fn split_clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    for (i, c) in text[sentence.clone()].char_indices() {
        if matches!(c, '؛' | ';' | '،') {
            let abs = sentence.start + i;
            if abs > start {
                out.push(start..abs);
            }
            start = abs + c.len_utf8();
        }
    }
    if sentence.end > start {
        out.push(start..sentence.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn english_sentences() {
        assert_eq!(
            sents("The U.S. said on Monday it grew 3.5 percent. Mr. Smith left! Did he? Yes."),
            vec![
                "The U.S. said on Monday it grew 3.5 percent.",
                "Mr. Smith left!",
                "Did he?",
                "Yes."
            ]
        );
    }

    #[test]
    fn arabic_sentences_and_lines() {
        let t = "قال بايدن إنه يتوقع ذلك. هل سيتعاون؟ نعم\nسطر جديد؛ وجملة أخرى.";
        assert_eq!(
            sents(t),
            vec![
                "قال بايدن إنه يتوقع ذلك.",
                "هل سيتعاون؟",
                "نعم",
                "سطر جديد؛ وجملة أخرى."
            ]
        );
    }

    #[test]
    fn hard_wrapped_wire_copy_is_one_sentence() {
        let t = "COMPANY SEES HIGHER PROFIT\nNEW YORK, March 3 - Acme Corp said its first quarter profit\nwould rise about 20 pct, citing strong demand for its\nproducts in Europe and Asia.\nIt gave no other details.";
        assert_eq!(
            sents(t),
            vec![
                "COMPANY SEES HIGHER PROFIT",
                "NEW YORK, March 3 - Acme Corp said its first quarter profit\nwould rise about 20 pct, citing strong demand for its\nproducts in Europe and Asia.",
                "It gave no other details."
            ]
        );
        // Short lines and Arabic paragraphs keep their breaks.
        assert_eq!(
            sents("Title line\nbody starts here"),
            vec!["Title line", "body starts here"]
        );
        let ar = "قال الرئيس الأمريكي في مؤتمر صحفي عقده في البيت الأبيض إن المفاوضات مستمرة\nوأضاف أن الاتفاق قريب";
        assert_eq!(split_sentences(ar).len(), 2);
    }

    #[test]
    fn a_wrapped_line_may_go_on_with_a_capital_in_wire_copy() {
        // Invented wire copy, wrapped at ~60 columns: three breaks mid-phrase show the
        // wrapping, and then the break before "Orvale Development Fund" wraps too.
        let t = "TARVCO PLANS KILNS\nORVALE, May 4 - Tarvco Holdings expects its twelve kilns\nto be fired by the Orvale foundry board before the winter\nOrvale Development Fund votes on its grant, because the\nboard wants every kiln tested first and the glaze samples\nchecked, a spokeswoman added.\n    The kilns stay cold until then.";
        let (s, wraps) = sentences_and_wraps(t);
        let s: Vec<&str> = s.into_iter().map(|r| &t[r]).collect();
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0], "TARVCO PLANS KILNS");
        assert!(
            s[1].ends_with("glaze samples\nchecked, a spokeswoman added."),
            "{s:?}"
        );
        assert_eq!(wraps.len(), 4);
        assert!(wraps.iter().all(|&w| &t[w..w + 1] == "\n"));
        // The same break in a text that shows no wrapping is a line's end: a heading
        // and its first line, a list.
        let t = "Funds and agencies that answered the survey this spring\nOrvale Development Fund\nTessaland Relief Society";
        assert_eq!(split_sentences(t).len(), 3);
        // The first line (the headline) and a line in capitals stay apart even in wire
        // copy; an indented line starts a paragraph.
        let t = "Tarvco expects its kilns to be fired before the grant vote\nORVALE, May 4 - Tarvco Holdings expects its twelve kilns\nto be fired by the Orvale foundry board before the winter\nOrvale Development Fund votes on its grant, because the\nboard wants every kiln tested first and the glaze samples\nchecked by the Orvale guild before any firing starts\n    Orvale officials declined to add more.";
        let s = sents(t);
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[2].starts_with("Orvale officials"), "{s:?}");
        let t = "ORVALE, May 4 - Tarvco Holdings expects its twelve kilns\nto be fired by the foundry board before the first frost,\nand its glaze samples to be checked by the Orvale guild\nbefore any firing.\nRESULTS OF THE TARVCO KILN TRIALS AND THE GLAZE SAMPLES\nOrvale officials declined to add more.";
        let s = sents(t);
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[1].starts_with("RESULTS"), "{s:?}");
    }

    #[test]
    fn abbreviations() {
        for c in ['a', 'Z', '7', 'ب', 'ي', '٣', 'é', '.', ' ', '\u{064B}', '،'] {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c}");
        }
        let longest = ABBREVIATIONS.iter().map(|a| a.chars().count()).max();
        assert_eq!(longest, Some(LONGEST_ABBREVIATION));
        // ASCII words are compared with the list as it is: it must be ASCII lower case.
        for a in ABBREVIATIONS {
            assert!(
                a.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                "{a}"
            );
        }
        for yes in [
            "Mr",
            "said Gen",
            "the U.S",
            "J",
            "at 9 a.m",
            "e.g",
            "MESSRS",
            "SePt",
            "Inc",
            "U.\u{212A}",
        ] {
            assert!(is_abbreviation(yes), "{yes}");
        }
        for no in [
            "",
            "percent",
            "Smith",
            "3",
            "the U.S.A.Today",
            "قال",
            "approxim",
        ] {
            assert!(!is_abbreviation(no), "{no}");
        }
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            sents("He said \"no.\" Then left."),
            vec!["He said \"no.\"", "Then left."]
        );
    }

    #[test]
    fn clauses() {
        let t = "هجوم في 4 يوليو؛ حيث اقتحمت مجموعة، شركة";
        let s = split_sentences(t);
        let c: Vec<&str> = split_clauses(t, s[0].clone())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(c, vec!["هجوم في 4 يوليو", " حيث اقتحمت مجموعة", " شركة"]);
    }
}
