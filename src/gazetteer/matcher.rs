//! The gazetteer trie and the rules that turn raw trie hits into mentions: whole words
//! only, Arabic proclitics in front, written case for case-sensitive aliases.

use std::borrow::Cow;

use yada::builder::DoubleArrayBuilder;
use yada::DoubleArray;

use super::snapshot::{Reader, Writer};
use super::EntityRecord;
use crate::error::GazetteerError;
use crate::model::{Candidate, Target};
use crate::text::{
    is_arabic, is_proclitic, is_word_char, name_starts, normalize, normalize_keep_case,
    word_char_at, word_end, word_hash, word_start, Prepared, WordFilter, Words,
};

/// What one normalized alias stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AliasTarget {
    pub(super) entity: u32,
    /// For a case-sensitive alias: its written form (accents folded, case kept), as a
    /// byte range of [`Matcher::case_text`] (one string for all, not one per target).
    pub(super) case_form: Option<(u32, u32)>,
    /// The alias is an `ال`-initial name with its alef dropped, as written after the
    /// preposition ل ("للحزب" = ل + الحزب): it matches only right after that ل.
    pub(super) lil: bool,
}

/// An [`AliasTarget`] while the matcher is compiled, its written form not yet placed.
#[derive(Debug)]
struct PendingTarget {
    entity: u32,
    case_form: Option<Box<str>>,
    lil: bool,
}

/// The distinct normalized aliases, sorted (pattern `p` is the `p`-th).
#[derive(Debug)]
pub(super) enum Patterns {
    /// Compiled at start-up.
    Owned(Vec<String>),
    /// The built-in snapshot's: every pattern followed by a NUL (which no pattern holds),
    /// read in place.
    Packed { text: &'static str, count: usize },
}

impl Patterns {
    fn len(&self) -> usize {
        match self {
            Patterns::Owned(v) => v.len(),
            Patterns::Packed { count, .. } => *count,
        }
    }

    fn iter(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            Patterns::Owned(v) => Box::new(v.iter().map(String::as_str)),
            Patterns::Packed { text, .. } => Box::new(text.split_terminator('\0')),
        }
    }
}

/// A double-array trie over some of the patterns, with the pattern number of each of its
/// values.
pub(super) struct Trie {
    da: Da,
    /// `ids[v]` is the pattern that trie value `v` stands for.
    ids: Vec<u32>,
}

/// Every normalized alias in a trie, with, per pattern, the entities it may stand for.
///
/// A name can only begin where a word begins or right after an Arabic proclitic, so the
/// matcher walks the trie from those places only (anchored), instead of running an
/// Aho-Corasick automaton over every byte: most bytes of a text are never looked at
/// twice, and the walk from a word start stops after a few bytes in all but real names.
///
/// The trie is a double array (`yada`) because it can be used straight from bytes:
/// building one over the built-in aliases takes about a second, so `gazbuild` builds it
/// once into `gazetteers/index/aliases.bin` and start-up only checks that file against
/// the pattern list. Aliases that extra `--gazetteer` files add go into a second, small
/// trie built at start-up.
pub struct Matcher {
    /// The built-in trie (prebuilt), then the trie of the other patterns; or one trie of
    /// every pattern, built at start-up, when there is no usable prebuilt one.
    tries: Vec<Trie>,
    /// The first trie was loaded from the index built with khabar.
    prebuilt: bool,
    patterns: Patterns,
    /// The targets of pattern `p` are `targets[target_start[p]..target_start[p + 1]]`:
    /// one list for all patterns instead of an allocation per pattern.
    targets: Vec<AliasTarget>,
    target_start: Vec<u32>,
    /// The written forms of the case-sensitive targets, one after another.
    case_text: Cow<'static, str>,
    /// First bytes of the patterns that start with a character that is not a word
    /// character (`"abu …"`, `$ucylocker`): such a pattern may start between words.
    punct_first: [bool; 256],
    /// The first words of the patterns ([`first_words`]).
    first_words: WordFilter,
}

/// The set of the patterns' first words (each pattern up to its first character that is
/// not a word character), as a one-hash filter: a small table that stays in cache.
///
/// An alias matches only as whole words, so the word a walk starts in must be exactly
/// the alias's first word. Most words of a text begin no alias at all, but the trie
/// walk only finds that out after a few dependent reads scattered over its megabytes;
/// one read here rules out most of them (a false "maybe" costs only the walk).
///
/// 2^21 bits (256 KiB): with the built-in lists' 33,766 first words about 1.6% of the
/// words that begin no alias still pass. On the corpus 23% of the places a name could
/// start pass, so three walks in four are saved.
fn first_words<'a>(patterns: impl Iterator<Item = &'a str>) -> WordFilter {
    first_words_of(patterns.filter_map(first_word_hash))
}

/// The [`word_hash`] of a pattern's first word, if it starts with a word character.
fn first_word_hash(p: &str) -> Option<u64> {
    let end = p.find(|c| !is_word_char(c)).unwrap_or(p.len());
    (end > 0).then(|| word_hash(&p.as_bytes()[..end]))
}

/// The first-word filter of the first words of these hashes ([`first_word_hash`]).
fn first_words_of(hashes: impl Iterator<Item = u64>) -> WordFilter {
    const BITS_LOG2: u32 = 21;
    let mut filter = WordFilter::new(BITS_LOG2);
    hashes.for_each(|h| filter.insert_hash(h));
    filter
}

/// The built-in aliases' trie, built by `gazbuild` into `gazetteers/index/aliases.bin`
/// and embedded by `build.rs` (empty when the file is missing).
static BUILTIN_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_index.bin"));

/// Marks an index file and its layout version.
const INDEX_MAGIC: &[u8; 8] = b"KHBRIDX2";

/// Builds the double array over sorted, distinct patterns (value = position in `keys`).
fn build_trie(keys: &[&str]) -> Result<Vec<u8>, GazetteerError> {
    let keyset: Vec<(&[u8], u32)> = keys
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_bytes(), i as u32))
        .collect();
    DoubleArrayBuilder::build(&keyset)
        .map_err(|e| GazetteerError::Build(format!("alias trie: {e}")))
}

/// An index file: the magic, the pattern-list fingerprint and length, the double array.
fn index_file(patterns: &Patterns) -> Result<Vec<u8>, GazetteerError> {
    let keys: Vec<&str> = patterns.iter().collect();
    let mut out = Vec::from(INDEX_MAGIC);
    out.extend_from_slice(&fingerprint(&keys).to_le_bytes());
    out.extend_from_slice(&(keys.len() as u64).to_le_bytes());
    if !keys.is_empty() {
        out.extend_from_slice(&build_trie(&keys)?);
    }
    Ok(out)
}

/// A double-array trie read in place from embedded bytes, or built at start-up.
type Da = DoubleArray<Cow<'static, [u8]>>;

/// An index file's pattern-list fingerprint, pattern count and trie ([`index_file`]).
fn index_parts(index: &'static [u8]) -> Option<(u64, usize, Da)> {
    let rest = index.strip_prefix(INDEX_MAGIC.as_slice())?;
    let (fp, rest) = rest.split_first_chunk::<8>()?;
    let (count, rest) = rest.split_first_chunk::<8>()?;
    let da = DoubleArray::new(Cow::Borrowed(rest)).ok()?;
    Some((
        u64::from_le_bytes(*fp),
        u64::from_le_bytes(*count) as usize,
        da,
    ))
}

/// The trie of an index, if every pattern of the index is in `patterns`: then its values
/// are mapped to pattern numbers, and the patterns it lacks are returned (by number).
fn prebuilt_trie(index: &'static [u8], patterns: &[String]) -> Option<(Trie, Vec<u32>)> {
    let (fp, count, da) = index_parts(index)?;
    let all: Vec<&str> = patterns.iter().map(String::as_str).collect();
    if count == all.len() && fingerprint(&all) == fp {
        // The usual case: exactly the built-in patterns.
        let ids = (0..count as u32).collect();
        return Some((Trie { da, ids }, Vec::new()));
    }
    // Extra gazetteers added patterns: find the index's patterns among them. Values
    // were given in sorted order, so the k-th pattern found must have value k.
    let (mut found, mut missing) = (Vec::with_capacity(count), Vec::new());
    for (i, p) in all.iter().enumerate() {
        match da.exact_match_search(p.as_bytes()) {
            Some(v) if v as usize == found.len() => found.push(i as u32),
            Some(_) => return None,
            None => missing.push(i as u32),
        }
    }
    let kept: Vec<&str> = found.iter().map(|&i| all[i as usize]).collect();
    (found.len() == count && fingerprint(&kept) == fp).then_some((Trie { da, ids: found }, missing))
}

/// The fingerprint of the pattern list: equal fingerprints mean the same patterns with the
/// same numbers.
fn fingerprint(patterns: &[&str]) -> u64 {
    super::fnv::fingerprint(patterns.iter().map(|p| p.as_bytes()))
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.patterns.len())
            .field("prebuilt", &self.prebuilt)
            .finish_non_exhaustive()
    }
}

/// The most aliases that can end at different places from one start (the longest alias
/// has 40-odd words); more are ignored, shortest first.
const MAX_PREFIXES: usize = 32;

impl Matcher {
    /// Compiles `aliases[i]` (alias, case-sensitive) of `entities[i]` for every entity.
    pub fn build(
        entities: &[EntityRecord],
        aliases: &[Vec<(String, bool)>],
    ) -> Result<Matcher, GazetteerError> {
        use rayon::prelude::*;
        debug_assert_eq!(entities.len(), aliases.len());
        // Normalizing tens of thousands of aliases is most of the compile time, and each
        // entity's aliases normalize independently.
        let mut pairs: Vec<(String, u64, PendingTarget)> = aliases
            .par_iter()
            .enumerate()
            .flat_map_iter(|(e, list)| {
                alias_patterns(e as u32, list)
                    .into_iter()
                    .enumerate()
                    .map(move |(k, (pat, t))| (pat, (e as u64) << 32 | k as u64, t))
            })
            .collect();
        // Targets of one pattern keep their order (entity order, which breaks priority
        // ties): the position is the tie-break, so an unstable sort (in place, no merge
        // buffer) gives what a stable one would.
        pairs.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut patterns: Vec<String> = Vec::with_capacity(pairs.len());
        let mut targets: Vec<AliasTarget> = Vec::with_capacity(pairs.len());
        let mut target_start: Vec<u32> = Vec::with_capacity(pairs.len() + 1);
        let mut case_text = String::new();
        for (pat, _, t) in pairs {
            if patterns.last() != Some(&pat) {
                patterns.push(pat);
                target_start.push(targets.len() as u32);
            }
            let first = target_start.last().map_or(0, |&f| f as usize);
            let form = t.case_form.as_deref();
            if !targets[first..]
                .iter()
                .any(|x| x.entity == t.entity && x.lil == t.lil && case_str(&case_text, x) == form)
            {
                let case_form = match form {
                    Some(f) => {
                        let start = case_text.len();
                        case_text.push_str(f);
                        let range = (u32::try_from(start), u32::try_from(case_text.len()));
                        match range {
                            (Ok(a), Ok(b)) => Some((a, b)),
                            _ => return Err(GazetteerError::Build("too many aliases".into())),
                        }
                    }
                    None => None,
                };
                targets.push(AliasTarget {
                    entity: t.entity,
                    case_form,
                    lil: t.lil,
                });
            }
        }
        target_start.push(targets.len() as u32);
        let keys: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let (mut tries, rest, prebuilt) = match prebuilt_trie(BUILTIN_INDEX, &patterns) {
            Some((trie, missing)) => (vec![trie], missing, true),
            None => (Vec::new(), (0..patterns.len() as u32).collect(), false),
        };
        if !rest.is_empty() {
            let keys: Vec<&str> = rest.iter().map(|&i| keys[i as usize]).collect();
            let da = DoubleArray::new(Cow::Owned(build_trie(&keys)?))
                .map_err(|e| GazetteerError::Build(format!("alias trie: {e}")))?;
            tries.push(Trie { da, ids: rest });
        }
        let patterns = Patterns::Owned(patterns);
        Ok(Matcher {
            tries,
            prebuilt,
            punct_first: punct_first(&patterns),
            first_words: first_words(patterns.iter()),
            patterns,
            targets,
            target_start,
            case_text: Cow::Owned(case_text),
        })
    }

    /// Appends the compiled matcher to a snapshot (see [`super::snapshot`]): everything
    /// but the trie, which is `aliases.bin`, named by its fingerprint.
    pub(super) fn write_snapshot(&self, w: &mut Writer) -> Result<(), GazetteerError> {
        let keys: Vec<&str> = self.patterns.iter().collect();
        w.u64(fingerprint(&keys));
        w.len(keys.len())?;
        let mut text = String::with_capacity(keys.iter().map(|k| k.len() + 1).sum());
        for k in &keys {
            text.push_str(k);
            text.push('\0');
        }
        w.str(&text)?;
        w.len(self.targets.len())?;
        for t in &self.targets {
            w.u32(t.entity);
            // Bit 0: `lil`; bit 1: a written form follows (most targets have none).
            w.u8(u8::from(t.lil) | u8::from(t.case_form.is_some()) << 1);
            if let Some((a, b)) = t.case_form {
                w.u32(a);
                w.u32(b);
            }
        }
        w.len(self.target_start.len())?;
        for &s in &self.target_start {
            w.u32(s);
        }
        w.str(&self.case_text)?;
        // What start-up would otherwise derive from every pattern: the first-word
        // filter's hashes (distinct, sorted) and the punctuation first bytes.
        let mut hashes: Vec<u64> = keys.iter().filter_map(|k| first_word_hash(k)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        w.len(hashes.len())?;
        hashes.iter().for_each(|&h| w.u64(h));
        self.punct_first.iter().for_each(|&b| w.u8(u8::from(b)));
        Ok(())
    }

    /// Reads what [`Self::write_snapshot`] wrote, with the embedded `aliases.bin` as the
    /// trie; `None` when the bytes are not such a matcher or name another trie.
    pub(super) fn read_snapshot(r: &mut Reader<'static>) -> Option<Matcher> {
        let index = BUILTIN_INDEX;
        let fp = r.u64()?;
        let count = r.len()?;
        let text = r.str()?;
        let (index_fp, index_count, da) = index_parts(index)?;
        if index_fp != fp || index_count != count || !text.ends_with('\0') && count > 0 {
            return None;
        }
        let patterns = Patterns::Packed { text, count };
        let n_targets = r.len()?;
        let mut targets = Vec::with_capacity(n_targets);
        for _ in 0..n_targets {
            let entity = r.u32()?;
            let bits = r.u8()?;
            let lil = bits & 1 != 0;
            let case_form = match bits & 2 {
                0 => None,
                _ => Some((r.u32()?, r.u32()?)),
            };
            targets.push(AliasTarget {
                entity,
                case_form,
                lil,
            });
        }
        let n_starts = r.len()?;
        if n_starts != count + 1 {
            return None;
        }
        let mut target_start = Vec::with_capacity(n_starts);
        for _ in 0..n_starts {
            target_start.push(r.u32()?);
        }
        let case_text = r.str()?;
        let n_hashes = r.len()?;
        let mut hashes = Vec::with_capacity(n_hashes);
        for _ in 0..n_hashes {
            hashes.push(r.u64()?);
        }
        let mut punct_first = [false; 256];
        for p in &mut punct_first {
            *p = r.u8()? != 0;
        }
        // Every range must be in bounds, so that no look-up can fail later.
        let ordered = target_start.windows(2).all(|w| w[0] <= w[1]);
        if !ordered
            || target_start
                .last()
                .is_some_and(|&e| e as usize != targets.len())
            || targets.iter().any(|t| {
                t.case_form
                    .is_some_and(|(a, b)| case_text.get(a as usize..b as usize).is_none())
            })
        {
            return None;
        }
        Some(Matcher {
            tries: vec![Trie {
                da,
                ids: (0..count as u32).collect(),
            }],
            prebuilt: true,
            punct_first,
            first_words: first_words_of(hashes.into_iter()),
            patterns,
            targets,
            target_start,
            case_text: Cow::Borrowed(case_text),
        })
    }

    /// The largest entity number a target names, to check a snapshot's against its
    /// entity list.
    pub(super) fn max_entity(&self) -> Option<u32> {
        self.targets.iter().map(|t| t.entity).max()
    }

    /// The trie of the built-in patterns came from the index built with khabar, not
    /// from a build at start-up (which happens when the built-in lists changed without
    /// `cargo run -p gazbuild -- index`).
    pub fn is_prebuilt(&self) -> bool {
        self.prebuilt
    }

    /// The index of this pattern list, as `gazbuild` writes it into
    /// `gazetteers/index/aliases.bin` for the built-in lists (builds the trie: slow).
    pub fn index_bytes(&self) -> Result<Vec<u8>, GazetteerError> {
        index_file(&self.patterns)
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The normalized aliases, as matched against [`Prepared::norm_text`]; benchmarks
    /// compile them into a bare Aho-Corasick scan to compare against.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter()
    }

    /// All gazetteer mentions of a prepared text, left to right, non-overlapping.
    ///
    /// At every place a name can begin (a word start, a place right after one or two
    /// proclitic letters, or a punctuation mark that starts some alias) the trie gives
    /// every alias starting there; the longest that is a whole word with acceptable
    /// proclitics and case wins, and the scan goes on after it.
    pub fn find(&self, prep: &Prepared<'_>, entities: &[EntityRecord]) -> Vec<Candidate> {
        // Without words the scan reads no cue filter: any filter will do.
        self.scan::<false>(prep, entities, &mut Words::default(), &self.first_words)
    }

    /// [`Self::find`], also setting `words` to the words of the normalized text that
    /// `cues` marks: exactly [`Words::split`]`(prep.norm_text(), cues)`.
    ///
    /// The scan finds the end of every word it does not match and hashes every place a
    /// name can start in it anyway, so testing the hashes against `cues` costs little;
    /// only the few words inside a match are split apart. The rules' cue search needs
    /// these words: splitting and hashing the text a second time cost about as much as
    /// the scan's own walk. The words the cues do not mark are not kept (see [`Words`]).
    pub fn find_with_words(
        &self,
        prep: &Prepared<'_>,
        entities: &[EntityRecord],
        cues: &WordFilter,
        words: &mut Words,
    ) -> Vec<Candidate> {
        words.clear();
        self.scan::<true>(prep, entities, words, cues)
    }

    /// The scan of [`Self::find`]; with `WORDS`, every word that `cues` marks is pushed
    /// to `words` (a constant, so the scan without words does not test it at each word;
    /// it reads neither `words` nor `cues` then).
    #[inline(always)]
    fn scan<const WORDS: bool>(
        &self,
        prep: &Prepared<'_>,
        entities: &[EntityRecord],
        words: &mut Words,
        cues: &WordFilter,
    ) -> Vec<Candidate> {
        let hay = prep.norm_text();
        let b = hay.as_bytes();
        // A NUL byte would be read as the trie's end-of-key mark: keys stop before one.
        let mut nul = memchr::memchr(0, b).unwrap_or(b.len());
        let mut out = Vec::new();
        let mut i = 0usize;
        // The character before `i` is a word character. Every word start is handled
        // whole below (skipped to its end or to the end of a match, which is followed by
        // a character that is not a word character), so a word character is never
        // stepped over one by one.
        let mut prev_word = false;
        while i < b.len() {
            let (word, len) = word_char_at(hay, i);
            if !prev_word && (word || self.punct_first[usize::from(b[i])]) {
                if i > nul {
                    nul = memchr::memchr(0, &b[i..]).map_or(b.len(), |k| i + k);
                }
                // With a word: its end, and its mark (`start_marks`) from the scan's hashes.
                let mut first = None;
                let hit = if word {
                    let we = word_end(hay, i + len);
                    let mut mark = 0u8;
                    let hit = if WORDS {
                        // Every start is hashed for the word's mark, also after a hit
                        // (the hit's first word is recorded with it below).
                        let mut hit = None;
                        for (k, s) in name_starts(hay, i).into_iter().enumerate() {
                            let Some(s) = s else { break };
                            let h = word_hash(&b[s..we]);
                            if s < we && cues.contains_hash(h) {
                                mark |= 1 << k;
                            }
                            if hit.is_none() && self.first_words.contains_hash(h) {
                                hit = self.longest_at(prep, s, &b[s..nul.max(s)], entities);
                            }
                        }
                        hit
                    } else {
                        // Without the words the first hit ends the look (a loop shaped as
                        // the one above cost the scan without the rules 1% more).
                        name_starts(hay, i).into_iter().find_map(|s| {
                            let s = s?;
                            let h = word_hash(&b[s..we]);
                            self.first_words
                                .contains_hash(h)
                                .then(|| self.longest_at(prep, s, &b[s..nul.max(s)], entities))
                                .flatten()
                        })
                    };
                    if hit.is_none() {
                        // No name starts inside the rest of the word.
                        if WORDS {
                            words.push(i..we, mark);
                        }
                        i = we;
                        prev_word = true;
                        continue;
                    }
                    first = Some((we, mark));
                    hit
                } else {
                    self.longest_at(prep, i, &b[i..nul.max(i)], entities)
                };
                if let Some((s, e, t)) = hit {
                    out.push(self.candidate(prep, s, e, t, entities));
                    if WORDS {
                        // `i` is not inside a word and a match ends before a character
                        // that is not a word character: the words in between are whole.
                        // A match that starts in a word ends at its end or later, so that
                        // word is whole too, and its mark is known: only the words after
                        // it are split (most matches are one word, and splitting it again
                        // cost about as much as the scan's look at it).
                        match first {
                            Some((we, mark)) if we <= e => {
                                words.push(i..we, mark);
                                words.push_split(hay, we..e, cues);
                            }
                            _ => words.push_split(hay, i..e, cues),
                        }
                    }
                    // The hit ends a word, so the next name starts after it.
                    i = e;
                    prev_word = hay[..e].chars().next_back().is_some_and(is_word_char);
                    continue;
                }
            }
            if WORDS && word {
                // Not reached (see `prev_word`); should it be, the word is still whole.
                let we = word_end(hay, i + len);
                let start = if prev_word {
                    words.pop_ending_at(i);
                    word_start(hay, i)
                } else {
                    i
                };
                words.push_split(hay, start..we, cues);
                i = we;
                prev_word = true;
                continue;
            }
            prev_word = word;
            i += len;
        }
        out
    }

    /// The entities a whole normalized alias stands for, case-sensitive and ل-only
    /// forms left out (a name looked up out of its text has no written case or proclitic
    /// to check them against).
    pub fn entities_named<'m>(&'m self, norm: &'m str) -> impl Iterator<Item = u32> + 'm {
        self.tries
            .iter()
            .filter_map(move |trie| {
                let v = trie.da.exact_match_search(norm.as_bytes())?;
                trie.ids.get(v as usize).copied()
            })
            .flat_map(move |pat| {
                let pat = pat as usize;
                let from = self.target_start.get(pat).copied().unwrap_or(0) as usize;
                let to = self.target_start.get(pat + 1).copied().unwrap_or(0) as usize;
                self.targets.get(from..to).unwrap_or_default()
            })
            .filter(|t| t.case_form.is_none() && !t.lil)
            .map(|t| t.entity)
    }

    /// The longest acceptable alias starting exactly at `s` (`key` is the text from
    /// `s`): its span and entity.
    fn longest_at(
        &self,
        prep: &Prepared<'_>,
        s: usize,
        key: &[u8],
        entities: &[EntityRecord],
    ) -> Option<(usize, usize, u32)> {
        let mut ends = [(0u32, 0usize); MAX_PREFIXES];
        let mut n = 0;
        for trie in &self.tries {
            for (v, len) in trie.da.common_prefix_search(key) {
                if n == MAX_PREFIXES {
                    // Keep the longest: drop the shortest.
                    ends.copy_within(1.., 0);
                    n -= 1;
                }
                let pat = trie.ids.get(v as usize).copied()?;
                ends[n] = (pat, len);
                n += 1;
            }
        }
        let ends = &mut ends[..n];
        if self.tries.len() > 1 {
            ends.sort_unstable_by_key(|&(_, len)| len);
        }
        ends.iter().rev().find_map(|&(pat, len)| {
            self.accept(prep, pat as usize, s, s + len, entities)
                .map(|t| (s, s + len, t))
        })
    }

    fn candidate(
        &self,
        prep: &Prepared<'_>,
        s: usize,
        e: usize,
        t: u32,
        entities: &[EntityRecord],
    ) -> Candidate {
        let rec = &entities[t as usize];
        Candidate {
            span: prep.to_orig(s..e),
            etype: rec.etype,
            target: Target::Gazetteer(t),
            source: rec.source.clone(),
            confidence: 0.9,
            priority: rec.priority,
            country: None,
        }
    }

    /// Checks word boundaries, proclitics and case for a hit; returns the entity it stands for.
    fn accept(
        &self,
        prep: &Prepared<'_>,
        pat: usize,
        s: usize,
        e: usize,
        entities: &[EntityRecord],
    ) -> Option<u32> {
        let hay = prep.norm_text();
        if hay[e..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        // The part of the word in front of the hit must be empty or Arabic proclitics.
        let ws = word_start(hay, s);
        let prefix = &hay[ws..s];
        let first_arabic = hay[s..].chars().next().is_some_and(is_arabic);
        if !prefix.is_empty() && !first_arabic {
            return None;
        }
        let plain_ok = prefix.is_empty() || is_proclitic(prefix);
        let lil_ok = matches!(prefix, "ل" | "ول" | "فل");
        let mut best: Option<&AliasTarget> = None;
        // The written form, made once for all the case-sensitive targets of the hit.
        let mut written: Option<String> = None;
        let (from, to) = (self.target_start[pat], self.target_start[pat + 1]);
        for t in &self.targets[from as usize..to as usize] {
            let ok = if t.lil { lil_ok } else { plain_ok };
            if !ok {
                continue;
            }
            if let Some(form) = case_str(&self.case_text, t) {
                let w = written.get_or_insert_with(|| {
                    collapse_spaces(normalize_keep_case(&prep.orig[prep.to_orig(s..e)]))
                });
                if w != form {
                    continue;
                }
            }
            best = match best {
                None => Some(t),
                Some(b)
                    if entities[t.entity as usize].priority
                        > entities[b.entity as usize].priority =>
                {
                    Some(t)
                }
                keep => keep,
            };
        }
        best.map(|t| t.entity)
    }
}

/// The normalized patterns of one entity's aliases, with what each stands for.
fn alias_patterns(entity: u32, list: &[(String, bool)]) -> Vec<(String, PendingTarget)> {
    let mut out = Vec::with_capacity(list.len() + 2);
    for (alias, case) in list {
        let norm = collapse_spaces(normalize(alias.trim()));
        // Only "none", "one" or "more" matters: stop counting at two.
        let letters = norm.chars().filter(|c| c.is_alphanumeric()).take(2).count();
        // One-letter insensitive aliases would match everywhere; they are never useful.
        // A NUL cannot be in a trie key (it marks the key's end).
        if letters == 0 || (letters < 2 && !case) || norm.contains('\0') {
            continue;
        }
        let case_form =
            case.then(|| collapse_spaces(normalize_keep_case(alias.trim())).into_boxed_str());
        if let Some(rest) = norm.strip_prefix("ال") {
            if rest.chars().next().is_some_and(is_arabic) {
                let t = PendingTarget {
                    entity,
                    case_form: None,
                    lil: true,
                };
                out.push((format!("ل{rest}"), t));
            }
        }
        out.push((
            norm,
            PendingTarget {
                entity,
                case_form,
                lil: false,
            },
        ));
    }
    out
}

/// The written form of a case-sensitive target (`None` for the others).
fn case_str<'a>(case_text: &'a str, t: &AliasTarget) -> Option<&'a str> {
    let (a, b) = t.case_form?;
    // In bounds: built so, and a snapshot's ranges are checked when it is read.
    Some(case_text.get(a as usize..b as usize).unwrap_or_default())
}

/// Which first bytes start a pattern whose first character is not a word character.
fn punct_first(patterns: &Patterns) -> [bool; 256] {
    let mut out = [false; 256];
    for p in patterns.iter() {
        if !p.chars().next().is_some_and(is_word_char) {
            if let Some(&b) = p.as_bytes().first() {
                out[usize::from(b)] = true;
            }
        }
    }
    out
}

/// `s` with runs of white space made one space and none at either end (aliases and
/// written forms are compared in that shape). Most are already so and are kept as is.
fn collapse_spaces(s: String) -> String {
    // White space other than ' ' starts with one of these bytes in UTF-8 (tab to CR;
    // U+0085 and U+00A0; U+1680; U+2000..U+205F; U+3000): text without them, such as
    // Arabic letters, needs no look-up of each character.
    let other_space = |b: u8| matches!(b, 0x09..=0x0D | 0xC2 | 0xE1..=0xE3);
    let clean = !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains("  ")
        && (!s.bytes().any(other_space) || s.chars().all(|c| c == ' ' || !c.is_whitespace()));
    if clean {
        return s;
    }
    let s = s.as_str();
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod space_tests {
    use super::collapse_spaces;

    #[test]
    fn every_kind_of_white_space_collapses() {
        // Every White_Space character, between two words and doubled at the ends.
        let spaces = (0u32..0x3001)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace());
        for sp in spaces {
            let s = format!("{sp}بايدن{sp}{sp}Biden{sp}");
            assert_eq!(collapse_spaces(s), "بايدن Biden", "U+{:04X}", sp as u32);
            // Once, inside: only the byte test can see it.
            let s = format!("بايدن{sp}Biden");
            assert_eq!(collapse_spaces(s), "بايدن Biden", "U+{:04X}", sp as u32);
        }
        assert_eq!(collapse_spaces("جو بايدن".into()), "جو بايدن");
        assert_eq!(collapse_spaces("a\u{2028}b".into()), "a b");
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::{parse, GazetteerBuilder};
    use crate::text::Prepared;

    const G: &str = "id\ttype\tcanonical\taliases\tcase_aliases\n\
        joe-biden\tPERSON\tJoe Biden\tجو بايدن|بايدن|Biden\t\n\
        vladimir-putin\tPERSON\tVladimir Putin\tفلاديمير بوتين|بوتين|Putin\t\n\
        republican-party\tORGANIZATION\tRepublican Party\tالحزب الجمهوري|GOP\t\n\
        united-states\tLOCATION\tUnited States\tالولايات المتحدة|أمريكا\tUS\n\
        apple\tORGANIZATION\tApple Inc.\tأبل\tApple\n\
        paris\tLOCATION\tParis\tباريس\t\n\
        new-york\tLOCATION\tNew York\tنيويورك\t\n\
        nyt\tORGANIZATION\tThe New York Times\tNew York Times|نيويورك تايمز\t\n";

    fn find(text: &str) -> Vec<(String, String)> {
        let mut b = GazetteerBuilder::new();
        b.add_rows("t.tsv", parse("t.tsv", G).unwrap());
        let g = b.build().unwrap();
        let p = Prepared::new(text, None);
        g.annotate(&p)
            .into_iter()
            .map(|c| {
                let id = match c.target {
                    crate::model::Target::Gazetteer(i) => g.entities[i as usize].id.clone(),
                    _ => unreachable!(),
                };
                (text[c.span].to_string(), id)
            })
            .collect()
    }

    #[test]
    fn proclitics_are_not_part_of_the_mention() {
        assert_eq!(
            find("قال بايدن لبوتين"),
            vec![
                ("بايدن".into(), "joe-biden".into()),
                ("بوتين".into(), "vladimir-putin".into())
            ]
        );
        assert_eq!(
            find("وبوتين"),
            vec![("بوتين".into(), "vladimir-putin".into())]
        );
        assert_eq!(find("فلبوتين")[0].0, "بوتين");
        assert_eq!(
            find("للحزب الجمهوري"),
            vec![("لحزب الجمهوري".into(), "republican-party".into())]
        );
        assert_eq!(find("وللحزب الجمهوري")[0].0, "لحزب الجمهوري");
        assert_eq!(find("بالحزب الجمهوري")[0].0, "الحزب الجمهوري");
        // Not a proclitic: a word that merely ends with the name.
        assert!(find("مبوتين").is_empty());
        assert!(find("لحزب الجمهوري").is_empty());
    }

    #[test]
    fn whole_words_and_longest() {
        assert_eq!(
            find("جو بايدن"),
            vec![("جو بايدن".into(), "joe-biden".into())]
        );
        assert!(find("Parisian").is_empty());
        assert_eq!(
            find("The New York Times said"),
            vec![("The New York Times".into(), "nyt".into())]
        );
        assert_eq!(
            find("in New York."),
            vec![("New York".into(), "new-york".into())]
        );
        assert_eq!(
            find("in New Yorkers, Paris"),
            vec![("Paris".into(), "paris".into())]
        );
    }

    #[test]
    fn case_sensitive_aliases() {
        assert_eq!(
            find("the US said"),
            vec![("US".into(), "united-states".into())]
        );
        assert!(find("told us that").is_empty());
        assert!(find("an apple a day").is_empty());
        assert_eq!(find("Apple said")[0].1, "apple");
        assert_eq!(find("BIDEN and biden")[0].1, "joe-biden");
        assert_eq!(find("BIDEN and biden").len(), 2);
    }

    #[test]
    fn nul_characters_end_words_and_keys() {
        // The trie marks a key's end with NUL: a NUL in the text must stop a walk, not
        // be read as that mark.
        let found: Vec<String> = find("Biden\0Putin \0\0بوتين\0")
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        assert_eq!(found, vec!["joe-biden", "vladimir-putin", "vladimir-putin"]);
    }

    #[test]
    fn normalized_forms_match() {
        assert_eq!(find("أميركا أمريكا امريكا").len(), 2);
        assert_eq!(find("بـايـدن")[0].0, "بـايـدن");
        assert_eq!(find("بَايْدِن")[0].0, "بَايْدِن");
    }

    #[test]
    fn a_shorter_alias_stands_in_when_the_longer_is_not_a_word() {
        assert_eq!(
            find("New York Timestamps"),
            vec![("New York".into(), "new-york".into())]
        );
        assert_eq!(
            find("الولايات المتحدةالجديدة"),
            Vec::<(String, String)>::new()
        );
    }

    #[test]
    fn an_index_loads_only_for_a_pattern_list_that_holds_all_its_patterns() {
        let pats = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let built = pats(&["abc", "abd", "b"]);
        let index: &'static [u8] = Box::leak(
            super::index_file(&super::Patterns::Owned(built.clone()))
                .unwrap()
                .into_boxed_slice(),
        );
        // The same list: every pattern from the index, nothing to add.
        let (trie, missing) = super::prebuilt_trie(index, &built).expect("own index loads");
        assert_eq!((trie.ids, missing), (vec![0, 1, 2], vec![]));
        // More patterns (an extra gazetteer): the index's patterns keep their numbers in
        // the longer list, and the others are left for a second trie.
        let more = pats(&["a", "abc", "abd", "b", "c"]);
        let (trie, missing) = super::prebuilt_trie(index, &more).expect("superset loads");
        assert_eq!((trie.ids, missing), (vec![1, 2, 3], vec![0, 4]));
        // A list without one of the index's patterns (the built-in lists changed).
        assert!(super::prebuilt_trie(index, &pats(&["abc", "b"])).is_none());
        assert!(super::prebuilt_trie(&index[..index.len() - 3], &built).is_none());
        assert!(super::prebuilt_trie(b"garbage", &built).is_none());
        assert!(super::prebuilt_trie(&[], &built).is_none());
        assert_ne!(super::fingerprint(&["a", "b"]), super::fingerprint(&["ab"]));
    }

    #[test]
    fn extra_aliases_and_punctuation_first_aliases_match() {
        let mut b = GazetteerBuilder::new();
        b.add_rows("t.tsv", parse("t.tsv", G).unwrap());
        b.add_rows(
            "x.tsv",
            parse(
                "x.tsv",
                "id\ttype\tcanonical\taliases\tcase_aliases\n\
                 ucy\tMALWARE\t$ucyLocker\t$ucylocker\t\n\
                 q\tPERSON\tAbu Q\t\"abu q\"\t\n",
            )
            .unwrap(),
        );
        let g = b.build().unwrap();
        let text = "Biden saw $ucyLocker and \"Abu Q\" but not x$ucylocker or a\"abu q\"";
        let p = Prepared::new(text, None);
        let found: Vec<&str> = g.annotate(&p).into_iter().map(|c| &text[c.span]).collect();
        // After a letter the quoted alias is not a word; the canonical name (also an
        // alias) still is, after the quote.
        assert_eq!(found, vec!["Biden", "$ucyLocker", "\"Abu Q\"", "abu q"]);
    }

    #[test]
    fn first_words_pass_every_patterns_first_word_only() {
        let pats = [
            "new york times",
            "al-qaeda",
            "لحزب الجمهوري",
            "\"abu q\"",
            "paris",
        ];
        let fw = super::first_words(pats.into_iter());
        for w in ["new", "al", "لحزب", "paris"] {
            assert!(fw.may_contain(w.as_bytes()), "{w}");
        }
        // Later words, whole multi-word patterns and bits of words begin no pattern.
        for w in [
            "york",
            "qaeda",
            "الجمهوري",
            "new york",
            "ne",
            "pari",
            "abu",
            "\"abu",
        ] {
            assert!(!fw.may_contain(w.as_bytes()), "{w}");
        }
    }

    proptest::proptest! {
        /// The first-word filter only saves walks: with every bit set (no filter at all)
        /// the matches are the same, on texts built from the aliases' words, clitics,
        /// case changes and punctuation.
        #[test]
        fn the_first_word_filter_changes_no_match(
            parts in proptest::collection::vec(0usize..WORD_PARTS.len(), 0..40)
        ) {
            let mut b = GazetteerBuilder::new();
            b.add_rows("t.tsv", parse("t.tsv", G).unwrap());
            let mut g = b.build().unwrap();
            let text: String = parts.iter().map(|&k| WORD_PARTS[k]).collect();
            let p = Prepared::new(&text, None);
            let spans = |g: &crate::gazetteer::Gazetteer| -> Vec<_> {
                g.annotate(&p).into_iter().map(|c| (c.span, c.target)).collect()
            };
            let filtered = spans(&g);
            g.matcher.first_words.set_all();
            proptest::prop_assert_eq!(filtered, spans(&g));
        }
    }

    /// The gazetteer of `G` plus aliases that start with punctuation.
    fn word_test_gazetteer() -> &'static crate::gazetteer::Gazetteer {
        static G2: std::sync::OnceLock<crate::gazetteer::Gazetteer> = std::sync::OnceLock::new();
        G2.get_or_init(|| {
            let mut b = GazetteerBuilder::new();
            b.add_rows("t.tsv", parse("t.tsv", G).unwrap());
            let extra = "id\ttype\tcanonical\taliases\tcase_aliases\n\
                 ucy\tMALWARE\t$ucyLocker\t$ucylocker\t\n\
                 q\tPERSON\tAbu Q\t\"abu q\"|\"جو بايدن\"\t\n";
            b.add_rows("x.tsv", parse("x.tsv", extra).unwrap());
            b.build().unwrap()
        })
    }

    /// A cue filter for the word tests: a few words in 64 bits, so that many other
    /// words pass too and marks of every kind occur.
    fn word_test_cues() -> crate::text::WordFilter {
        let mut f = crate::text::WordFilter::new(6);
        for w in ["قال", "الخارجيه", "وزير", "new", "abu", "بايدن", "حزب"] {
            f.insert(w.as_bytes());
        }
        f
    }

    /// The words of `hay` ([`crate::text::word_ranges`]) that `cues` marks.
    fn marked(hay: &str, cues: &crate::text::WordFilter) -> Vec<std::ops::Range<usize>> {
        crate::text::word_ranges(hay)
            .into_iter()
            .filter(|w| crate::text::start_marks(hay, w.clone(), cues) != 0)
            .collect()
    }

    #[test]
    fn the_scan_records_every_marked_word() {
        let g = word_test_gazetteer();
        let cues = word_test_cues();
        for text in [
            "",
            "قال جو بايدن ووزير الخارجية في New York Times، و\"abu q\" $ucylocker x$ucylocker",
            "للحزب الجمهوري\0Biden\0\0بوتين ١٢٣ 2021 é𝔸b — ـبايدن",
        ] {
            let p = Prepared::new(text, None);
            let mut words = crate::text::Words::split("stale", &cues);
            let found = g.annotate_with_words(&p, &cues, &mut words);
            assert_eq!(words.ranges(), marked(p.norm_text(), &cues), "{text:?}");
            assert_eq!(
                words,
                crate::text::Words::split(p.norm_text(), &cues),
                "{text:?}"
            );
            assert!(text.is_empty() || !found.is_empty());
            let spans = |v: Vec<crate::model::Candidate>| -> Vec<_> {
                v.into_iter().map(|c| (c.span, c.target)).collect()
            };
            assert_eq!(spans(found), spans(g.annotate(&p)));
        }
    }

    proptest::proptest! {
        /// The words the scan records (the marked ones) and their marks are the
        /// reference split's, and recording them changes no match, on texts of Arabic
        /// and Latin words, proclitics, digits, punctuation, NULs and single- and
        /// multi-word aliases (some starting with punctuation).
        #[test]
        fn the_scan_records_the_marked_words_of_word_ranges(
            parts in proptest::collection::vec(0usize..WORD_PARTS.len(), 0..60)
        ) {
            let g = word_test_gazetteer();
            let cues = word_test_cues();
            let text: String = parts.iter().map(|&k| WORD_PARTS[k]).collect();
            let p = Prepared::new(&text, None);
            let mut words = crate::text::Words::default();
            let found: Vec<_> = g
                .annotate_with_words(&p, &cues, &mut words)
                .into_iter()
                .map(|c| (c.span, c.target))
                .collect();
            proptest::prop_assert_eq!(words.ranges(), marked(p.norm_text(), &cues));
            proptest::prop_assert_eq!(&words, &crate::text::Words::split(p.norm_text(), &cues));
            let plain: Vec<_> = g.annotate(&p).into_iter().map(|c| (c.span, c.target)).collect();
            proptest::prop_assert_eq!(found, plain);
        }
    }

    /// Pieces the property tests build their texts from: Arabic and Latin words of the
    /// test aliases, proclitics, case changes, digits, tatweel and harakat, punctuation,
    /// NULs and characters outside the BMP.
    const WORD_PARTS: [&str; 38] = [
        ", ",
        "biden",
        "us",
        "نيويورك",
        " ",
        "  ",
        "، ",
        ".",
        "\"",
        "-",
        "\0",
        "\n",
        "$",
        "و",
        "ف",
        "ل",
        "ب",
        "ال",
        "بايدن",
        "جو",
        "بوتين",
        "حزب",
        "الجمهوري",
        "ـ",
        "\u{064E}",
        "١٢",
        "2021",
        "Biden",
        "New",
        "York",
        "Times",
        "abu q",
        "ucylocker",
        "US",
        "é",
        "𝔸",
        "—",
        "abcdefghij",
    ];
}
