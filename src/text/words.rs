//! Words of a normalized text (maximal runs of [`is_word_char`] characters) as byte
//! ranges, read from the bytes: the rules, coreference and the gazetteer's scan all
//! need them, and they are most of what those stages spend per byte.

use std::ops::Range;

use super::is_word_char;
use super::name_starts;
use super::normalize::word_char_at;

/// The words of a text that a [`WordFilter`] marks, with, per word, which of its name
/// starts ([`name_starts`]: the word start, after one and after two proclitic letters)
/// the filter lets through: bit `k` of a word's mark for its `k`-th start. Words whose
/// mark is 0 are not kept.
///
/// The gazetteer's scan fills it ([`Matcher::find_with_words`]) while it hashes every
/// name start for its own filter, so the rules test their cue filter without hashing or
/// splitting the text again; [`Words::split`] is the reference. Only the marked words
/// are kept (a few in a hundred): recording every word cost the scan about as much as
/// the cue search that reads them, and the rest of the rules find the words they need
/// around their cues and mentions themselves.
///
/// [`Matcher::find_with_words`]: crate::gazetteer::Matcher::find_with_words
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    ranges: Vec<Range<usize>>,
    marks: Vec<u8>,
}

impl Words {
    /// The words of `hay` ([`word_ranges`]) that `filter` marks ([`start_marks`]).
    pub fn split(hay: &str, filter: &WordFilter) -> Words {
        let mut words = Words::default();
        words.push_split(hay, 0..hay.len(), filter);
        words
    }

    /// The marked words' byte ranges, in order.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }

    /// Each marked word's mark (never 0; see [`Words`]), in the order of
    /// [`Self::ranges`].
    pub fn marks(&self) -> &[u8] {
        &self.marks
    }

    /// Empties the list.
    pub fn clear(&mut self) {
        self.ranges.clear();
        self.marks.clear();
    }

    /// Appends a word with its mark (the caller computed it as [`start_marks`] does);
    /// a mark of 0 keeps nothing.
    #[inline(always)]
    pub fn push(&mut self, word: Range<usize>, mark: u8) {
        if mark != 0 {
            self.ranges.push(word);
            self.marks.push(mark);
        }
    }

    /// Appends the marked words of `hay[within]` under `filter` (see
    /// [`push_word_ranges`] for the ends of `within`).
    pub fn push_split(&mut self, hay: &str, within: Range<usize>, filter: &WordFilter) {
        for_each_word(hay, within, |w| {
            let mark = start_marks(hay, w.clone(), filter);
            self.push(w, mark);
        });
    }

    /// Removes the last word when it ends at `end`.
    pub fn pop_ending_at(&mut self, end: usize) {
        if self.ranges.last().is_some_and(|w| w.end == end) {
            self.ranges.pop();
            self.marks.pop();
        }
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
    for_each_word(hay, within, |w| out.push(w));
}

/// Calls `f` with each word of `hay[within]`, in order, cut as [`push_word_ranges`]
/// cuts them.
#[inline(always)]
fn for_each_word(hay: &str, within: Range<usize>, mut f: impl FnMut(Range<usize>)) {
    let n = floor_boundary(hay, within.end);
    let mut i = floor_boundary(hay, within.start);
    while i < n {
        let (word, len) = word_char_at(hay, i);
        let s = i;
        i += len;
        if word {
            i = word_end_before(hay, i, n);
            f(s..i);
        }
    }
}

/// The end of the word that byte `i` is in (or `i` itself, between words); `i` is a
/// character boundary.
#[inline(always)]
pub fn word_end(hay: &str, i: usize) -> usize {
    word_end_before(hay, i, hay.len())
}

/// The start of the word that ends at `i` (or `i` itself after a character that is not
/// a word character); `i` is a character boundary. Words are short: the walk back is a
/// few characters, which costs less than keeping every word's range to search.
/// (`#[inline]`, as [`word_before`]: as plain functions of this module they changed
/// how the compiler split the crate into units and optimized `Normalized::new`, 8 M
/// instructions more on the subset's runs with or without the rules.)
#[inline]
pub fn word_start(hay: &str, i: usize) -> usize {
    let Some(head) = hay.get(..i) else {
        return i;
    };
    let b = head.as_bytes();
    let mut s = i;
    while let Some(&x) = s.checked_sub(1).and_then(|p| b.get(p)) {
        // An ASCII byte is a whole character: a letter or digit is a word character.
        if x < 0x80 {
            if !x.is_ascii_alphanumeric() {
                break;
            }
            s -= 1;
            continue;
        }
        // The start of the character that ends at `s`: two bytes back for a letter of
        // the Arabic block (lead byte D8..DB), else back over the continuation bytes.
        let mut p = s - 1;
        if s >= 2 && b.get(s - 2).is_some_and(|y| (0xD8..=0xDB).contains(y)) {
            p = s - 2;
        }
        while p > 0 && b.get(p).is_some_and(|&y| y & 0xC0 == 0x80) {
            p -= 1;
        }
        if !word_char_at(head, p).0 {
            break;
        }
        s = p;
    }
    s
}

/// The word before position `i` (a character boundary): the last run of word
/// characters that ends at or before `i`, whatever lies between (cut at `i` when `i` is
/// inside a word).
#[inline]
pub fn word_before(hay: &str, i: usize) -> Option<Range<usize>> {
    let head = hay.get(..i)?;
    let e = head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_word_char(c))
        .map(|(k, c)| k + c.len_utf8())?;
    Some(word_start(hay, e)..e)
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

    proptest::proptest! {
        /// The word that ends at a place and the word before a place, found by walking
        /// back, are the words of [`word_ranges`].
        #[test]
        fn words_found_backwards_are_the_texts_words(
            parts in proptest::collection::vec(0usize..PIECES.len(), 0..30)
        ) {
            let t: String = parts.iter().map(|&k| PIECES[k]).collect();
            let all = word_ranges(&t);
            for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                // The word holding the character before `i`, or `i` itself.
                let start = all.iter().find(|w| w.start < i && i <= w.end).map_or(i, |w| w.start);
                proptest::prop_assert_eq!(word_start(&t, i), start);
                let before = all.iter().rev().find(|w| w.start < i).map(|w| w.start..w.end.min(i));
                proptest::prop_assert_eq!(word_before(&t, i), before);
            }
        }
    }

    /// Pieces of test texts: ASCII and Arabic words, digits, marks that are and are not
    /// word characters, and characters of two, three and four bytes.
    const PIECES: [&str; 14] = [
        "ab", "قال", "x", "—", " ", "  ", "é", "𝔸", "1,", "١٢", "-", "ـ", "\u{064E}", "'",
    ];

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
