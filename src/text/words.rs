//! Words of a normalized text (maximal runs of [`is_word_char`] characters) as byte
//! ranges, read from the bytes: the rules, coreference and the gazetteer's scan all
//! need them, and they are most of what those stages spend per byte.

use std::ops::Range;

#[cfg(doc)]
use super::is_word_char;
use super::name_starts;
use super::normalize::word_char_at;

/// The words of a text with, per word, which of its name starts ([`name_starts`]: the
/// word start, after one and after two proclitic letters) a [`WordFilter`] lets
/// through: bit `k` of a word's mark for its `k`-th start.
///
/// The gazetteer's scan fills it ([`Matcher::find_with_words`]) while it hashes every
/// name start for its own filter, so the rules test their cue filter without hashing or
/// splitting the text again; [`Words::split`] is the reference.
///
/// [`Matcher::find_with_words`]: crate::gazetteer::Matcher::find_with_words
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    ranges: Vec<Range<usize>>,
    marks: Vec<u8>,
}

impl Words {
    /// The words of `hay` ([`word_ranges`]) marked by `filter` ([`start_marks`]).
    pub fn split(hay: &str, filter: &WordFilter) -> Words {
        let mut words = Words::default();
        words.clear_for(hay);
        words.push_split(hay, 0..hay.len(), filter);
        words
    }

    /// The words' byte ranges, in order.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }

    /// Each word's mark (see [`Words`]), in the order of [`Self::ranges`].
    pub fn marks(&self) -> &[u8] {
        &self.marks
    }

    /// Empties the list and makes room for the words of `hay`.
    pub fn clear_for(&mut self, hay: &str) {
        self.ranges.clear();
        self.marks.clear();
        // About one word per six bytes in both languages: one allocation for most texts.
        let n = hay.len() / 6 + 1;
        self.ranges.reserve(n);
        self.marks.reserve(n);
    }

    /// Appends a word with its mark (the caller computed it as [`start_marks`] does).
    #[inline(always)]
    pub fn push(&mut self, word: Range<usize>, mark: u8) {
        self.ranges.push(word);
        self.marks.push(mark);
    }

    /// Appends the words of `hay[within]`, marked by `filter` (see
    /// [`push_word_ranges`] for the ends of `within`).
    pub fn push_split(&mut self, hay: &str, within: Range<usize>, filter: &WordFilter) {
        let from = self.ranges.len();
        push_word_ranges(hay, within, &mut self.ranges);
        let new = self.ranges.get(from..).unwrap_or_default();
        self.marks
            .extend(new.iter().map(|w| start_marks(hay, w.clone(), filter)));
    }

    /// Removes the last word when it ends at `end`, returning its start.
    pub fn pop_ending_at(&mut self, end: usize) -> Option<usize> {
        let start = self.ranges.last().filter(|w| w.end == end)?.start;
        self.ranges.pop();
        self.marks.pop();
        Some(start)
    }
}

/// The mark of word `w` of `hay` under `filter`: bit `k` set when the word's `k`-th
/// name start begins a non-empty rest of the word that `filter` may contain.
pub fn start_marks(hay: &str, w: Range<usize>, filter: &WordFilter) -> u8 {
    let bytes = hay.as_bytes();
    name_starts(hay, w.start)
        .into_iter()
        .enumerate()
        .fold(0, |mark, (k, s)| match s {
            Some(s) if s < w.end && bytes.get(s..w.end).is_some_and(|r| filter.may_contain(r)) => {
                mark | 1 << k
            }
            _ => mark,
        })
}

/// A set of words as bits set by one hash ([`word_hash`]): a small table that rules out
/// most words that are not in the set with one read (a false "maybe" costs the caller a
/// closer look). The gazetteer's first words and the rules' cue words use one hash
/// function, so one hash of a word serves both.
#[derive(Debug, Clone)]
pub struct WordFilter {
    bits: Vec<u64>,
    log2: u32,
}

impl WordFilter {
    /// An empty filter of `2^log2` bits (`log2` is kept between 6 and 32).
    pub fn new(log2: u32) -> WordFilter {
        let log2 = log2.clamp(6, 32);
        WordFilter {
            bits: vec![0; 1 << (log2 - 6)],
            log2,
        }
    }

    /// Adds a word.
    pub fn insert(&mut self, word: &[u8]) {
        self.insert_hash(word_hash(word));
    }

    /// Adds a word by its [`word_hash`].
    pub fn insert_hash(&mut self, h: u64) {
        let k = self.bit(h);
        if let Some(w) = self.bits.get_mut(k >> 6) {
            *w |= 1 << (k & 63);
        }
    }

    /// False when the word of hash `h` ([`word_hash`]) is surely not in the set.
    #[inline(always)]
    pub fn contains_hash(&self, h: u64) -> bool {
        let k = self.bit(h);
        self.bits
            .get(k >> 6)
            .is_some_and(|w| w >> (k & 63) & 1 == 1)
    }

    /// False when `word` is surely not in the set.
    #[inline(always)]
    pub fn may_contain(&self, word: &[u8]) -> bool {
        self.contains_hash(word_hash(word))
    }

    /// Lets every word through (tests: a filter must change no result).
    #[cfg(test)]
    pub(crate) fn set_all(&mut self) {
        self.bits.iter_mut().for_each(|w| *w = !0);
    }

    /// The bit of a hash: its top bits, which depend on every input bit.
    #[inline(always)]
    fn bit(&self, h: u64) -> usize {
        (h >> (64 - self.log2)) as usize
    }
}

/// A 64-bit hash of a word from at most two 8-byte loads: words of up to 16 bytes (most
/// words, Arabic ones included) are hashed whole; longer ones by their first and last 8
/// bytes and their length (a map tells them apart by comparing keys).
#[inline(always)]
pub fn word_hash(w: &[u8]) -> u64 {
    let n = w.len();
    let (a, b) = if let (Some(f), Some(l)) = (w.first_chunk::<8>(), w.last_chunk::<8>()) {
        (u64::from_le_bytes(*f), u64::from_le_bytes(*l))
    } else if let (Some(f), Some(l)) = (w.first_chunk::<4>(), w.last_chunk::<4>()) {
        (
            u64::from(u32::from_le_bytes(*f)),
            u64::from(u32::from_le_bytes(*l)),
        )
    } else {
        let at = |i: usize| u64::from(w.get(i).copied().unwrap_or(0));
        (at(0) | at(n / 2) << 8 | at(n.wrapping_sub(1)) << 16, 0)
    };
    // One multiplication: it is on the path of every word of every document. Its high
    // bits depend on every input bit; filters and maps use only those.
    (a ^ b.rotate_left(29) ^ (n as u64).wrapping_mul(0x9E37_79B9))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

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
