//! Words of a normalized text (maximal runs of [`is_word_char`] characters) as byte
//! ranges, read from the bytes: the rules, coreference and the gazetteer's scan all
//! need them, and they are most of what those stages spend per byte.

use std::ops::Range;

#[cfg(doc)]
use super::is_word_char;
use super::normalize::word_char_at;

/// Word ranges (runs of [`is_word_char`] characters) of a normalized text, in order.
///
/// The reference split: the pipeline gets the same ranges from the gazetteer's scan
/// (`Matcher::find_with_words`), which walks every word anyway; tests compare the two.
pub fn word_ranges(hay: &str) -> Vec<Range<usize>> {
    // About one word per six bytes in both languages: one allocation for most texts.
    let mut out = Vec::with_capacity(hay.len() / 6 + 1);
    push_word_ranges(hay, 0..hay.len(), &mut out);
    out
}

/// Appends the words of `hay[within]` (offsets into `hay`) to `out`. Words are cut at
/// the ends of `within`: for whole words, `within` must not start or end inside one.
/// Ends that are not character boundaries are moved back to one.
///
/// A plain loop into a vector: an iterator that re-entered its closure per word and
/// unpacked an `Option` per character cost about 18 instructions a byte.
pub fn push_word_ranges(hay: &str, within: Range<usize>, out: &mut Vec<Range<usize>>) {
    let n = floor_boundary(hay, within.end);
    let mut i = floor_boundary(hay, within.start);
    while i < n {
        let (word, len) = word_char_at(hay, i);
        let s = i;
        i += len;
        if word {
            i = word_end_before(hay, i, n);
            out.push(s..i);
        }
    }
}

/// The end of the word that byte `i` is in (or `i` itself, between words); `i` is a
/// character boundary.
#[inline(always)]
pub fn word_end(hay: &str, i: usize) -> usize {
    word_end_before(hay, i, hay.len())
}

/// [`word_end`], stopping at `n` at the latest. Inside a word, eight ASCII bytes are
/// tested at once ([`ascii_alnum_prefix`]): most English words end in the first eight.
#[inline(always)]
fn word_end_before(hay: &str, mut i: usize, n: usize) -> usize {
    let bytes = hay.as_bytes();
    while i < n {
        if bytes.get(i).is_some_and(|&x| x < 0x80) {
            if let Some(k) = bytes
                .get(i..n)
                .and_then(|r| r.first_chunk::<8>())
                .and_then(|c| ascii_alnum_prefix(*c))
            {
                i += k;
                if k < 8 {
                    break;
                }
                continue;
            }
        }
        let (word, len) = word_char_at(hay, i);
        if !word {
            break;
        }
        i += len;
    }
    i.min(n)
}

/// The largest character boundary of `s` at or before `i` (`s.len()` past the end).
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How many of the eight bytes of `chunk` are ASCII letters or digits before the first
/// that is not, when all eight are ASCII (`None` otherwise): [`is_word_char`] of ASCII,
/// for eight bytes at once.
#[inline(always)]
fn ascii_alnum_prefix(chunk: [u8; 8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let v = u64::from_le_bytes(chunk);
    if v & HIGH != 0 {
        return None;
    }
    // Bit 7 of each byte set when the byte is in lo..=hi (every byte is below 0x80, so
    // no sum carries into the next byte).
    let in_range = |x: u64, lo: u8, hi: u8| {
        x.wrapping_add(ONES * u64::from(0x80 - lo))
            & !x.wrapping_add(ONES * u64::from(0x7F - hi))
            & HIGH
    };
    let digit = in_range(v, b'0', b'9');
    // Setting bit 5 makes upper case lower case and sends no other byte into a..z.
    let letter = in_range(v | (ONES * 0x20), b'a', b'z');
    Some(((!(digit | letter) & HIGH).trailing_zeros() / 8) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_spans;

    #[test]
    fn word_ranges_match_char_scan() {
        let t = "قال والترز: Keller's «نص» é1 ١٢٣ — 𝔸b end";
        let slow: Vec<Range<usize>> = word_spans(t).collect();
        assert_eq!(word_ranges(t), slow);
        // Every suffix of a longer mixed text, and the edge cases.
        let mut long = String::new();
        for i in 0..300 {
            long.push_str(["ab", "قال", "x", "—", "  ", "é", "𝔸", "1,"][i % 8]);
            if i % 3 == 0 {
                long.push(' ');
            }
        }
        for k in 0..long.len() {
            if let Some(t) = long.get(k..) {
                let slow: Vec<Range<usize>> = word_spans(t).collect();
                assert_eq!(word_ranges(t), slow, "{t:?}");
            }
        }
        // Every ASCII byte at every place of an eight-byte chunk.
        for b in 0u8..0x80 {
            for at in 0..9 {
                let mut t = String::from("abcdefghijklmnop");
                t.insert(at, char::from(b));
                let slow: Vec<Range<usize>> = word_spans(&t).collect();
                assert_eq!(word_ranges(&t), slow, "{t:?}");
            }
        }
        assert!(word_ranges("").is_empty());
        assert_eq!(word_ranges("a"), vec![0..1]);
        assert_eq!(word_ranges(" ."), Vec::<Range<usize>>::new());
    }

    #[test]
    fn words_of_a_part_are_cut_at_its_ends() {
        let t = "ab قال, cd";
        let mut out = Vec::new();
        push_word_ranges(t, 1..t.len() - 1, &mut out);
        assert_eq!(out, vec![1..2, 3..9, 11..12]);
        // Ends inside a character move back to its start; past the end, to the end.
        out.clear();
        push_word_ranges(t, 4..100, &mut out);
        assert_eq!(out, vec![3..9, 11..13]);
        assert_eq!(word_end(t, 0), 2);
        assert_eq!(word_end(t, 2), 2);
        assert_eq!(word_end("abcdefghijklmnopqrstuvwxyz0123456789é.", 3), 38);
    }
}
