//! Whether a cell or a JSON string holds a byte that needs escaping or quoting.
//!
//! Nearly every string the writers see (names, ids, Arabic sentences) holds none, so each
//! writer first asks [`any_byte`] and copies the string whole when it says no. The test
//! runs over fixed-size blocks without an early exit inside a block, which the compiler
//! turns into a few vector instructions per block; a byte loop cost about five
//! instructions per byte, and most strings are too short for `memchr`'s set-up to pay.

/// Whether any byte of `bytes` satisfies `hit`. `hit` must be a pure test of one byte
/// (blocks may overlap, so some bytes are tested twice).
#[inline]
pub fn any_byte(bytes: &[u8], hit: impl Fn(u8) -> bool + Copy) -> bool {
    let n = bytes.len();
    if n >= 16 {
        let mut blocks = bytes.chunks_exact(16);
        if blocks
            .by_ref()
            .any(|b| b.first_chunk::<16>().is_some_and(|b| block(b, hit)))
        {
            return true;
        }
        // The last sixteen bytes, overlapping the blocks already tested.
        return !blocks.remainder().is_empty()
            && bytes.last_chunk::<16>().is_some_and(|b| block(b, hit));
    }
    if n >= 8 {
        return pair::<8>(bytes, hit);
    }
    if n >= 4 {
        return pair::<4>(bytes, hit);
    }
    bytes.iter().any(|&b| hit(b))
}

/// The first and the last `N` bytes of `bytes` (which has `N` to `2N` bytes).
#[inline(always)]
fn pair<const N: usize>(bytes: &[u8], hit: impl Fn(u8) -> bool + Copy) -> bool {
    let first = bytes.first_chunk::<N>().is_some_and(|b| block(b, hit));
    let last = bytes.last_chunk::<N>().is_some_and(|b| block(b, hit));
    first | last
}

#[inline(always)]
fn block<const N: usize>(b: &[u8; N], hit: impl Fn(u8) -> bool) -> bool {
    b.iter().fold(false, |any, &x| any | hit(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_position_of_every_length_is_seen() {
        for n in 0..80 {
            let clean = vec![b'a'; n];
            assert!(!any_byte(&clean, |b| b == b'x'), "{n}");
            for at in 0..n {
                let mut s = clean.clone();
                s[at] = b'x';
                assert!(any_byte(&s, |b| b == b'x'), "{n} {at}");
            }
        }
    }

    proptest! {
        #[test]
        fn same_answer_as_a_byte_loop(bytes in proptest::collection::vec(any::<u8>(), 0..100), t in any::<u8>()) {
            let hit = |b: u8| b < t / 8 || b == t;
            prop_assert_eq!(any_byte(&bytes, hit), bytes.iter().any(|&b| hit(b)));
        }
    }
}
