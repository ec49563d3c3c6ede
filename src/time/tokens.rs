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
    let mut out: Vec<Tok> = Vec::new();
    let mut it = s.char_indices().peekable();
    let mut last_end = usize::MAX;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let glued = last_end == i;
        let mut end = i + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            let digits = &s[i..end];
            // An English ordinal suffix belongs to the number; other Latin letters make a
            // code ("29a", "4g") unless they are a unit we split ("8am", "1990s").
            let rest = &s[end..];
            let latin: usize = rest
                .char_indices()
                .find(|(_, d)| !d.is_ascii_alphabetic())
                .map_or(rest.len(), |(k, _)| k);
            let suffix = &rest[..latin];
            let mut ord = false;
            if !suffix.is_empty() {
                if matches!(suffix, "st" | "nd" | "rd" | "th") {
                    ord = true;
                    end += latin;
                    for _ in 0..latin {
                        it.next();
                    }
                } else if !matches!(suffix, "am" | "pm" | "s") {
                    end += latin;
                    for _ in 0..latin {
                        it.next();
                    }
                    out.push(Tok {
                        range: i..end,
                        kind: TokKind::Alnum,
                        glued,
                    });
                    last_end = end;
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
            while let Some(&(j, d)) = it.peek() {
                if is_letter(d) && is_arabic(d) == arabic {
                    end = j + d.len_utf8();
                    it.next();
                } else if !arabic && d.is_ascii_digit() {
                    alnum = true;
                    end = j + 1;
                    it.next();
                } else {
                    break;
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
            range: i..end,
            kind,
            glued,
        });
        last_end = end;
    }
    out
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
