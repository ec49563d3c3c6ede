//! Corpus-wide aggregation: the event timeline (events deduplicated across documents) and
//! the entity table. Both accumulate per-document results as they stream past, so memory
//! grows with the number of distinct events and entities, not with the documents.

mod entities;
mod events;

pub use entities::{EntityRow, EntityTable};
pub use events::Timeline;

use std::cmp::Ordering;

use serde::Serialize;

use crate::model::Participant;

/// `rows` sorted by `cmp`, stably. The rows are large (a dozen strings and lists) and the
/// standard stable sort moves each of them many times through its merges; here their
/// indices are sorted and each row is then moved once into place. The sort compares the
/// rows' `keys` (one per row, in row order; a missing one counts as 0) first, packed
/// integers in one contiguous list, and calls `cmp` (which follows pointers to strings
/// spread over the heap) only where two keys tie; so wherever two keys differ they must
/// order their rows as `cmp` does.
fn sort_rows<T>(rows: Vec<T>, keys: Vec<u128>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut order: Vec<(u128, usize)> = keys
        .into_iter()
        .chain(std::iter::repeat(0))
        .zip(0..rows.len())
        .collect();
    // Ties keep input order: the sort is stable without a stable algorithm.
    order.sort_unstable_by(|&(ka, a), &(kb, b)| {
        ka.cmp(&kb).then_with(|| match (rows.get(a), rows.get(b)) {
            (Some(x), Some(y)) => cmp(x, y).then(a.cmp(&b)),
            _ => a.cmp(&b),
        })
    });
    let mut slots: Vec<Option<T>> = rows.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// The first `n` (at most 16) bytes of `s` as the high bytes of an integer, shorter strings
/// padded with zero bytes: whenever two prefixes differ they order as the strings do.
fn prefix(s: &str, n: usize) -> u128 {
    let mut b = [0u8; 16];
    let take = n.min(16).min(s.len());
    if let (Some(to), Some(from)) = (b.get_mut(..take), s.as_bytes().get(..take)) {
        to.copy_from_slice(from);
    }
    u128::from_be_bytes(b)
}

/// One row of timeline.csv / timeline.json: an event reported by one or more documents.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// TIMEX3 value, or `None` for undated events (sorted last).
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub etype: String,
    /// "REvil → Cyber.Attack → company in Florida".
    pub summary: String,
    pub participants: Vec<Participant>,
    pub locations: Vec<String>,
    /// Ids of the documents that report the event.
    pub documents: Vec<String>,
    /// `doc_id#sentence` of every sentence that reports it.
    pub sentences: Vec<String>,
    /// The sentence texts (first few), for reading the row without opening the articles.
    pub evidence: Vec<String>,
    pub confidence: f32,
    /// How many document-level events were merged into this row.
    pub mentions: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn rows_sort_as_the_stable_sort_sorts_them(
            keys in proptest::collection::vec((0u8..4, 0u16..1000), 0..200)
        ) {
            // Equal first fields tie: their order must stay the input order.
            let mut expected = keys.clone();
            expected.sort_by_key(|k| k.0);
            prop_assert_eq!(
                sort_rows(keys.clone(), vec![], |a, b| a.0.cmp(&b.0)),
                expected.clone()
            );
            // A key that decides part of the order, as the tables' keys do.
            prop_assert_eq!(
                sort_rows(
                    keys.clone(),
                    keys.iter().map(|k| u128::from(k.0 / 2)).collect(),
                    |a, b| a.0.cmp(&b.0)
                ),
                expected
            );
        }

        #[test]
        fn prefixes_order_as_their_strings(
            a in "[\\x00ab\u{0628}\u{0627}]{0,20}",
            b in "[\\x00ab\u{0628}\u{0627}]{0,20}",
            n in 0usize..20,
        ) {
            let (pa, pb) = (prefix(&a, n), prefix(&b, n));
            if pa != pb {
                prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
            }
            // Without NULs, short strings are told apart by a long enough prefix.
            if n >= 16 && a.len() <= 16 && b.len() <= 16 && !a.contains('\0') && !b.contains('\0') {
                prop_assert_eq!(pa == pb, a == b);
            }
        }
    }
}
