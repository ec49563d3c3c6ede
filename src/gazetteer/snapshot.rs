//! The snapshot of the compiled built-in gazetteer (`gazetteers/index/builtin.bin`):
//! entity records, sorted normalized patterns and their targets, ready to use, so that
//! start-up neither parses the embedded TSVs nor normalizes and sorts their aliases.
//!
//! `gazbuild` writes it next to the trie (`aliases.bin`) and `build.rs` embeds both, with
//! a fingerprint of the embedded TSV bytes computed at compile time. Start-up uses the
//! snapshot only when it was made from exactly those bytes and names the embedded trie;
//! otherwise (a TSV edited without `cargo run -p gazbuild -- index`, or extra
//! `--gazetteer` files, which may extend built-in entities) the gazetteer is compiled
//! from the TSVs as before. A test compares the committed snapshot with one made from
//! the TSVs, which also catches a change of the normalization code.
//!
//! Layout (little-endian): the magic, the TSV fingerprint, the byte length of the
//! entity part, the entity part (the table of (file, source) names, the records' strings
//! as one text, then the records),
//! then the matcher ([`Matcher::write_snapshot`]); the two parts are read side by side.
//! Strings are a `u32` byte length and UTF-8 bytes; the patterns and written forms are
//! read in place.

use super::{EntityRecord, Gazetteer, GazetteerBuilder, Matcher};
use crate::error::GazetteerError;
use crate::model::EntityType;

/// The built-in snapshot, embedded by `build.rs` (empty when the file is missing).
static BUILTIN_SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_snapshot.bin"));

/// [`files_fingerprint`] of the embedded TSVs, computed by `build.rs` so that start-up
/// need not read their 3 MB to validate the snapshot.
const BUILTIN_FINGERPRINT: u64 = include!(concat!(env!("OUT_DIR"), "/builtin_fingerprint.rs"));

/// Marks a snapshot file and its layout version.
const MAGIC: &[u8; 8] = b"KHBRSNP2";

/// The fingerprint of gazetteer files (name, text), as `build.rs` computes it over the
/// files it embeds: FNV-1a over every name and text, each followed by 0xFF.
pub fn files_fingerprint(files: &[(&str, &str)]) -> u64 {
    super::fnv::fingerprint(files.iter().flat_map(|(n, d)| [n.as_bytes(), d.as_bytes()]))
}

/// The snapshot of the gazetteer compiled from `files` (name, TSV text), as the embedded
/// built-in files would be loaded: what `gazbuild` writes to `gazetteers/index/builtin.bin`.
pub fn builtin_snapshot(files: &[(&str, &str)]) -> Result<Vec<u8>, GazetteerError> {
    let mut b = GazetteerBuilder::new();
    b.add_embedded(files)?;
    write(&b.build()?, files_fingerprint(files))
}

/// The built-in gazetteer from the embedded snapshot, if it is current.
pub(super) fn load_builtin() -> Option<Gazetteer> {
    read(BUILTIN_SNAPSHOT, BUILTIN_FINGERPRINT)
}

/// Writes a gazetteer's snapshot, marked as made from TSVs of fingerprint `tsv`.
fn write(g: &Gazetteer, tsv: u64) -> Result<Vec<u8>, GazetteerError> {
    let mut head = Writer(Vec::from(MAGIC.as_slice()));
    head.u64(tsv);
    let mut w = Writer(Vec::new());
    // Every record of a file has the same file and source names: a table of them.
    let mut names: Vec<(&str, &str)> = Vec::new();
    let mut name_of = Vec::with_capacity(g.entities.len());
    for e in &g.entities {
        let key = (e.file.as_str(), e.source.as_str());
        let i = match names.iter().position(|n| *n == key) {
            Some(i) => i,
            None => {
                names.push(key);
                names.len() - 1
            }
        };
        name_of.push(i);
    }
    w.len(names.len())?;
    for (file, source) in &names {
        w.str(file)?;
        w.str(source)?;
    }
    // The records' strings go one after another into one text, checked as UTF-8 once
    // when read; the records give their lengths.
    let mut fields = Writer(Vec::new());
    let mut text = String::new();
    for (e, &name) in g.entities.iter().zip(&name_of) {
        fields.piece(&mut text, Some(&e.id))?;
        let ty = EntityType::ALL
            .iter()
            .position(|&t| t == e.etype)
            .unwrap_or(0);
        fields.u8(ty as u8);
        fields.piece(&mut text, Some(&e.canonical))?;
        fields.piece(&mut text, e.country.as_deref())?;
        fields.piece(&mut text, e.ids.as_deref())?;
        fields.len(name)?;
        fields.u32(e.priority as u32);
        fields.len(e.flags.len())?;
        for f in &e.flags {
            fields.piece(&mut text, Some(f))?;
        }
    }
    w.str(&text)?;
    w.len(g.entities.len())?;
    w.0.append(&mut fields.0);
    head.len(w.0.len())?;
    head.0.append(&mut w.0);
    g.matcher.write_snapshot(&mut head)?;
    Ok(head.0)
}

/// Reads a snapshot made from TSVs of fingerprint `tsv`; `None` when it is missing,
/// stale or malformed.
fn read(bytes: &'static [u8], tsv: u64) -> Option<Gazetteer> {
    let mut r = Reader(bytes.strip_prefix(MAGIC.as_slice())?);
    if r.u64()? != tsv {
        return None;
    }
    let split = r.len()?;
    let (ents, rest) = (r.0.get(..split)?, r.0.get(split..)?);
    // The records take their strings' allocations, the matcher its tables: about the
    // same work, done side by side.
    let (entities, matcher) = rayon::join(
        || read_entities(Reader(ents)),
        || {
            let mut r = Reader(rest);
            let m = Matcher::read_snapshot(&mut r)?;
            r.0.is_empty().then_some(m)
        },
    );
    let (entities, matcher) = (entities?, matcher?);
    // Every target must name an entity.
    if matcher
        .max_entity()
        .is_some_and(|m| m as usize >= entities.len())
    {
        return None;
    }
    Some(Gazetteer::new(entities, matcher))
}

/// The entity part of a snapshot: the (file, source) names, then the records.
fn read_entities(mut r: Reader<'_>) -> Option<Vec<EntityRecord>> {
    let n_names = r.len()?;
    let mut names = Vec::with_capacity(n_names);
    for _ in 0..n_names {
        names.push((r.str()?, r.str()?));
    }
    let mut text = Pieces(r.str()?);
    let n = r.len()?;
    let mut entities = Vec::with_capacity(n);
    for _ in 0..n {
        let id = text.next(&mut r)??.to_string();
        let etype = *EntityType::ALL.get(usize::from(r.u8()?))?;
        let canonical = text.next(&mut r)??.to_string();
        let country = text.next(&mut r)?.map(str::to_string);
        let ids = text.next(&mut r)?.map(str::to_string);
        let (file, source) = *names.get(r.len()?)?;
        let priority = r.u32()? as i32;
        let n_flags = r.len()?;
        let mut flags = Vec::with_capacity(n_flags);
        for _ in 0..n_flags {
            flags.push(text.next(&mut r)??.to_string());
        }
        entities.push(EntityRecord {
            id,
            etype,
            canonical,
            country,
            ids,
            file: file.to_string(),
            source: source.to_string(),
            priority,
            flags,
        });
    }
    (r.0.is_empty() && text.0.is_empty()).then_some(entities)
}

/// The records' text, taken from the front piece by piece.
struct Pieces<'a>(&'a str);

impl<'a> Pieces<'a> {
    /// The next piece, its length read from `r` (`u32::MAX`: none); `None` when the
    /// length is missing or does not end on a character boundary of the text.
    fn next(&mut self, r: &mut Reader<'_>) -> Option<Option<&'a str>> {
        let n = r.u32()?;
        if n == u32::MAX {
            return Some(None);
        }
        let n = n as usize;
        let (piece, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(Some(piece))
    }
}

/// Appends snapshot fields.
pub(super) struct Writer(Vec<u8>);

impl Writer {
    pub(super) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    pub(super) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(super) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A length or count, as a `u32`.
    pub(super) fn len(&mut self, n: usize) -> Result<(), GazetteerError> {
        let n = u32::try_from(n)
            .map_err(|_| GazetteerError::Build(format!("snapshot: {n} does not fit 32 bits")))?;
        self.u32(n);
        Ok(())
    }

    pub(super) fn str(&mut self, s: &str) -> Result<(), GazetteerError> {
        self.len(s.len())?;
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }

    /// The length of a record's string (`u32::MAX` for none), whose bytes go to `text`.
    fn piece(&mut self, text: &mut String, s: Option<&str>) -> Result<(), GazetteerError> {
        match s {
            Some(s) if s.len() < u32::MAX as usize => {
                self.len(s.len())?;
                text.push_str(s);
            }
            Some(_) => return Err(GazetteerError::Build("snapshot: string too long".into())),
            None => self.u32(u32::MAX),
        }
        Ok(())
    }
}

/// Reads snapshot fields from the front of its bytes; `None` past their end.
pub(super) struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    pub(super) fn len(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }

    pub(super) fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        let (s, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        std::str::from_utf8(s).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::BUILTIN;
    use crate::text::Prepared;

    /// The gazetteer compiled from the embedded TSVs, as without a snapshot.
    fn from_tsv() -> Gazetteer {
        Gazetteer::builtin_from_tsv().expect("built-in gazetteers compile")
    }

    #[test]
    fn build_rs_fingerprints_the_embedded_files_as_the_library_does() {
        assert_eq!(BUILTIN_FINGERPRINT, files_fingerprint(BUILTIN));
        assert_ne!(
            files_fingerprint(&[("a.tsv", "xy")]),
            files_fingerprint(&[("a.tsvx", "y")])
        );
    }

    #[test]
    fn the_committed_snapshot_is_current() {
        let fresh = write(&from_tsv(), files_fingerprint(BUILTIN)).expect("snapshot");
        assert!(
            fresh == BUILTIN_SNAPSHOT,
            "gazetteers/index/builtin.bin is missing or stale (start-up compiles the \
             gazetteer from the TSVs): run `cargo run --release -p gazbuild -- index` \
             and commit it"
        );
        assert!(load_builtin().is_some(), "the snapshot loads");
        assert!(
            fresh.len() <= 5 << 20,
            "snapshot of {} bytes: keep it under 5 MB",
            fresh.len()
        );
    }

    #[test]
    fn the_snapshot_gives_the_compiled_gazetteer() {
        let built = from_tsv();
        let bytes: &'static [u8] =
            Box::leak(write(&built, 7).expect("snapshot").into_boxed_slice());
        let loaded = read(bytes, 7).expect("a fresh snapshot loads");
        assert!(loaded.matcher.is_prebuilt());
        assert_eq!(
            format!("{:?}", built.entities),
            format!("{:?}", loaded.entities)
        );
        assert_eq!(built.alias_count(), loaded.alias_count());
        assert!(built.matcher.patterns().eq(loaded.matcher.patterns()));
        // Written again, it is the same snapshot: patterns, targets, written forms.
        assert!(write(&loaded, 7).expect("snapshot") == bytes);
        // And it finds the same mentions.
        let text = "قال الرئيس جو بايدن في واشنطن إن US وNATO ووزارة الخارجية الأمريكية \
                    و\"داعش\" للحزب الجمهوري. Biden met the FBI and Microsoft in Paris; \
                    the us said APT29 and LockBit hit Kyiv.";
        let p = Prepared::new(text, None);
        let found = |g: &Gazetteer| -> Vec<_> {
            g.annotate(&p)
                .into_iter()
                .map(|c| (c.span, c.target, c.source))
                .collect()
        };
        assert!(found(&built).len() >= 8, "{:?}", found(&built));
        assert_eq!(found(&built), found(&loaded));
    }

    #[test]
    fn a_stale_or_damaged_snapshot_is_not_used() {
        let bytes = write(&from_tsv(), 7).expect("snapshot");
        let leak = |b: Vec<u8>| -> &'static [u8] { Box::leak(b.into_boxed_slice()) };
        assert!(read(leak(bytes.clone()), 8).is_none(), "other TSVs");
        for cut in [0, 5, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                read(leak(bytes[..cut].to_vec()), 7).is_none(),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read(leak(longer), 7).is_none(), "trailing bytes");
        // A snapshot of other patterns does not name the embedded trie.
        let mut b = GazetteerBuilder::new();
        b.add_rows(
            "t.tsv",
            super::super::parse("t.tsv", "id\ttype\tcanonical\nx\tPERSON\tJoe Biden\n")
                .expect("parses"),
        );
        let other = write(&b.build().expect("builds"), 7).expect("snapshot");
        assert!(read(leak(other), 7).is_none(), "another trie");
    }
}
