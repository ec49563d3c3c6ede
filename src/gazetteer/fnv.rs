//! The fingerprint of the gazetteer index's pattern list and of the embedded gazetteer
//! files. `build.rs` includes this file too (it cannot use the library it builds), so
//! that the fingerprint it computes over the files it embeds and the one the library
//! computes are the same function.

/// FNV-1a over `parts`, each followed by 0xFF, a byte that UTF-8 never contains (so that
/// parts cannot run into each other: `["a", "b"]` and `["ab"]` differ).
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for part in parts {
        part.iter().copied().for_each(&mut eat);
        eat(0xFF);
    }
    h
}
