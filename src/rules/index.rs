//! A read-only map from words (byte strings) to values, made for looking up every word of
//! every document: one hash per word read straight from its bytes, a bit filter that
//! turns most words away before any comparison, and open addressing behind it.
//!
//! `std`'s `HashMap` hashes the key byte by byte on every lookup and cannot share that
//! hash with a filter; the earlier filter used only a word's length and its first and
//! last letters, which in Arabic let about a third of all words through.

use crate::text::{word_hash, WordFilter};

/// Number of bits of the filter (32 KiB: it stays in the L1 cache). With the rules'
/// few thousand first words about 1-2% of other words pass (4-6% at 2^16 bits), and each
/// costs a probe with a few cache misses.
const FILTER_BITS_LOG2: u32 = 18;

/// Words → values, built once.
#[derive(Debug)]
pub(crate) struct WordIndex<V> {
    /// The keys as a filter: one bit per value of the top bits of a key's hash.
    filter: WordFilter,
    /// Open addressing, linear probing: entry index + 1, or 0 for an empty slot.
    slots: Vec<u32>,
    /// `slots.len() - 1` (a power of two minus one).
    mask: usize,
    entries: Vec<Entry<V>>,
}

#[derive(Debug)]
struct Entry<V> {
    hash: u64,
    key: Box<[u8]>,
    value: V,
}

impl<V> WordIndex<V> {
    /// Builds the index; later duplicates of a key are dropped (keys are expected unique).
    pub fn new(pairs: impl IntoIterator<Item = (Vec<u8>, V)>) -> WordIndex<V> {
        let mut entries: Vec<Entry<V>> = pairs
            .into_iter()
            .map(|(key, value)| Entry {
                hash: word_hash(&key),
                key: key.into_boxed_slice(),
                value,
            })
            .collect();
        // At most a quarter of the slots filled: probes stay short.
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![0u32; size];
        let mut filter = WordFilter::new(FILTER_BITS_LOG2);
        let mut kept = Vec::with_capacity(entries.len());
        for e in entries.drain(..) {
            let mut i = slot_of(e.hash) & mask;
            let mut duplicate = false;
            while let Some(&slot) = slots.get(i) {
                if slot == 0 {
                    break;
                }
                let other = kept.get(slot as usize - 1).map(|o: &Entry<V>| &o.key);
                if other == Some(&e.key) {
                    duplicate = true;
                    break;
                }
                i = (i + 1) & mask;
            }
            if duplicate {
                continue;
            }
            filter.insert_hash(e.hash);
            kept.push(e);
            if let Some(slot) = slots.get_mut(i) {
                // Fewer than 2^32 entries: the lists hold a few thousand.
                *slot = u32::try_from(kept.len()).unwrap_or(u32::MAX);
            }
        }
        WordIndex {
            filter,
            slots,
            mask,
            entries: kept,
        }
    }

    /// The value of `word`, if it is a key.
    #[inline(always)]
    pub fn get(&self, word: &[u8]) -> Option<&V> {
        let h = word_hash(word);
        if !self.filter.contains_hash(h) {
            return None;
        }
        self.probe(h, word)
    }

    /// The keys as a filter ([`WordFilter::may_contain`] is false when a word is surely
    /// not a key), for callers that skip most words before any further work.
    pub fn filter(&self) -> &WordFilter {
        &self.filter
    }

    /// The slow part of [`Self::get`], for the few words the filter lets through.
    #[inline(never)]
    fn probe(&self, h: u64, word: &[u8]) -> Option<&V> {
        let mut i = slot_of(h) & self.mask;
        loop {
            let slot = *self.slots.get(i)?;
            let e = self.entries.get((slot as usize).checked_sub(1)?)?;
            if e.hash == h && *e.key == *word {
                return Some(&e.value);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Number of keys.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// First slot of a hash, before the mask: its bits 24 and up (the low bits of a product
/// depend on the low input bits only).
#[inline(always)]
fn slot_of(h: u64) -> usize {
    (h >> 24) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_only_keys() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnopq",
            "abcdefghXjklmnopq",
            "قال",
            "الرئيس",
            "محمد",
        ];
        let idx = WordIndex::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_bytes().to_vec(), i)),
        );
        assert_eq!(idx.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(idx.get(w.as_bytes()), Some(&i), "{w:?}");
        }
        // Long keys that share their first and last 8 bytes are told apart.
        for w in ["abcdefghYjklmnopq", "abcdefghjklmnopq", "abd", "قالت", "x"] {
            assert_eq!(idx.get(w.as_bytes()), None, "{w:?}");
        }
    }

    #[test]
    fn first_duplicate_wins() {
        let idx = WordIndex::new([(b"x".to_vec(), 1), (b"x".to_vec(), 2)]);
        assert_eq!(idx.len(), 1);
        assert_eq!(idx.get(b"x"), Some(&1));
    }
}
