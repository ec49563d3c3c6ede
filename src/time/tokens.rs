//! Tokens of the normalized text for date parsing: words, numbers and punctuation.
//!
//! Arabic words glued to digits ("و2016", "2016م", "1442هـ") are split, because Arabic
//! writes the conjunction and the era letter against the number. A Latin word glued to
//! digits ("apt29", "win10") stays one opaque token: it is a name, not a number.

use std::ops::Range;

use crate::text::is_arabic;

/// Kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits, with an English ordinal suffix when `ord` ("13th").
    Num { val: u32, digits: u8, ord: bool },
    /// One punctuation or symbol character.
    Punct(char),
    /// Letters and digits mixed (a name or code such as "apt29").
    Alnum,
}

/// A token: its byte range in the normalized text, its kind, and whether it touches the
/// previous token (no space between them).
#[derive(Debug, Clone)]
pub struct Tok {
    pub range: Range<usize>,
    pub kind: TokKind,
    pub glued: bool,
}

/// Letters, with fast paths for ASCII and the Arabic letters of normalized text
/// (`char::is_alphabetic` is a slow table search outside ASCII).
#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphabetic()
}

/// Splits normalized text into tokens.
pub fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    tokenize_into(s, 0, &mut out);
    out
}

/// Appends the tokens of `s` to `out`, their ranges shifted by `base` (the offset of
/// `s` in a larger text). ASCII bytes are classified without decoding characters.
pub fn tokenize_into(s: &str, base: usize, out: &mut Vec<Tok>) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut last_end = usize::MAX;
    let mut i = 0;
    while i < n {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let glued = last_end == i;
        let mut end = i + c.len_utf8();
        let kind = if b.is_ascii_digit() {
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            let digits = s.get(i..end).unwrap_or("");
            // An English ordinal suffix belongs to the number; other Latin letters make a
            // code ("29a", "4g") unless they are a unit we split ("8am", "1990s").
            let mut latin = end;
            while bytes.get(latin).is_some_and(u8::is_ascii_alphabetic) {
                latin += 1;
            }
            let suffix = s.get(end..latin).unwrap_or("");
            let mut ord = false;
            if !suffix.is_empty() {
                if matches!(suffix, "st" | "nd" | "rd" | "th") {
                    ord = true;
                    end = latin;
                } else if !matches!(suffix, "am" | "pm" | "s") {
                    out.push(Tok {
                        range: i + base..latin + base,
                        kind: TokKind::Alnum,
                        glued,
                    });
                    last_end = latin;
                    i = latin;
                    continue;
                }
            }
            let val = if digits.len() <= 9 {
                digits.parse().unwrap_or(u32::MAX)
            } else {
                u32::MAX
            };
            TokKind::Num {
                val,
                digits: digits.len().min(255) as u8,
                ord,
            }
        } else if is_letter(c) {
            let arabic = is_arabic(c);
            let mut alnum = false;
            while let Some(&d) = bytes.get(end) {
                if d.is_ascii() {
                    // ASCII letters continue a Latin word, ASCII digits make it a code;
                    // anything else ASCII ends the word.
                    if arabic {
                        break;
                    }
                    if d.is_ascii_alphabetic() {
                        end += 1;
                    } else if d.is_ascii_digit() {
                        alnum = true;
                        end += 1;
                    } else {
                        break;
                    }
                    continue;
                }
                match s.get(end..).and_then(|r| r.chars().next()) {
                    Some(d) if is_letter(d) && is_arabic(d) == arabic => end += d.len_utf8(),
                    _ => break,
                }
            }
            if alnum {
                TokKind::Alnum
            } else {
                TokKind::Word
            }
        } else {
            TokKind::Punct(c)
        };
        out.push(Tok {
            range: i + base..end + base,
            kind,
            glued,
        });
        last_end = end;
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| &s[t.range]).collect()
    }

    #[test]
    fn splits_arabic_from_digits() {
        assert_eq!(
            texts("بين 2014 و2016م"),
            vec!["بين", "2014", "و", "2016", "م"]
        );
        assert_eq!(texts("1442ه"), vec!["1442", "ه"]);
    }

    #[test]
    fn english_ordinals_and_codes() {
        let t = tokenize("july 13th apt29 8am cve-2021-44228");
        assert!(matches!(
            t[1].kind,
            TokKind::Num {
                val: 13,
                ord: true,
                ..
            }
        ));
        assert_eq!(t[2].kind, TokKind::Alnum);
        assert!(matches!(t[3].kind, TokKind::Num { val: 8, .. }));
        assert_eq!(t[4].kind, TokKind::Word);
        assert!(t[4].glued);
        assert_eq!(t[5].kind, TokKind::Word);
        assert_eq!(t[6].kind, TokKind::Punct('-'));
        assert!(t[6].glued);
    }
}
