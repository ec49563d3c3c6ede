//! The gazetteer automaton and the rules that turn raw automaton hits into mentions:
//! whole words only, Arabic proclitics in front, written case for case-sensitive aliases.

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

use super::EntityRecord;
use crate::error::GazetteerError;
use crate::model::{Candidate, Target};
use crate::text::{
    is_arabic, is_proclitic, is_word_char, name_starts, normalize, normalize_keep_case, Prepared,
};

/// What one normalized alias stands for.
#[derive(Debug, Clone)]
struct AliasTarget {
    entity: u32,
    /// For a case-sensitive alias: its written form (accents folded, case kept).
    case_form: Option<Box<str>>,
    /// The alias is an `ال`-initial name with its alef dropped, as written after the
    /// preposition ل ("للحزب" = ل + الحزب): it matches only right after that ل.
    lil: bool,
}

/// One leftmost-longest Aho-Corasick automaton over every normalized alias, with, per
/// pattern, the entities it may stand for.
///
/// The automaton is a double array (`daachorse`) because, unlike the `aho-corasick`
/// crate's, it can be serialized: compiling the built-in aliases takes about half a
/// second, more than the whole start-up budget, so `gazbuild` compiles them once into
/// `gazetteers/index/aliases.bin` and start-up only loads that. Extra `--gazetteer`
/// files change the pattern list, and then the automaton is compiled at start-up.
pub struct Matcher {
    ac: DoubleArrayAhoCorasick<u32>,
    /// Identifies the pattern list, and so the automaton compiled from it.
    fingerprint: u64,
    /// The automaton was loaded from the index compiled at build time.
    prebuilt: bool,
    patterns: Vec<String>,
    targets: Vec<Vec<AliasTarget>>,
}

/// The built-in aliases' automaton, compiled by `gazbuild` into
/// `gazetteers/index/aliases.bin` and embedded by `build.rs` (empty when the file is
/// missing). Compiling it takes about half a second, loading it a few milliseconds.
static BUILTIN_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_index.bin"));

/// Marks an index file and its layout version.
const INDEX_MAGIC: &[u8; 8] = b"KHBRIDX1";

/// Compiles the leftmost-longest automaton over the sorted patterns (value = index).
fn compile(patterns: &[String]) -> Result<DoubleArrayAhoCorasick<u32>, GazetteerError> {
    DoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(
            patterns
                .iter()
                .enumerate()
                .map(|(i, p)| (p.as_bytes(), i as u32)),
        )
        .map_err(|e| GazetteerError::Build(format!("alias automaton: {e}")))
}

/// An index file: the magic, the pattern-list fingerprint, the serialized automaton.
fn index_file(fingerprint: u64, ac: &DoubleArrayAhoCorasick<u32>) -> Vec<u8> {
    let mut out = Vec::from(INDEX_MAGIC);
    out.extend_from_slice(&fingerprint.to_le_bytes());
    out.extend_from_slice(&ac.serialize());
    out
}

/// The automaton of an index, if the index was compiled from the same pattern list.
fn prebuilt_automaton(index: &[u8], fingerprint: u64) -> Option<DoubleArrayAhoCorasick<u32>> {
    let rest = index.strip_prefix(INDEX_MAGIC.as_slice())?;
    let (fp, ac) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*fp) != fingerprint {
        return None;
    }
    let (ac, tail) = DoubleArrayAhoCorasick::deserialize(ac).ok()?;
    tail.is_empty().then_some(ac)
}

/// FNV-1a over the pattern list (each pattern, then a separator byte that UTF-8 never
/// contains): equal fingerprints mean the same patterns with the same numbers.
fn fingerprint(patterns: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for p in patterns {
        p.bytes().for_each(&mut eat);
        eat(0xFF);
    }
    h
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.patterns.len())
            .field("prebuilt", &self.prebuilt)
            .finish_non_exhaustive()
    }
}

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
        let mut pairs: Vec<(String, AliasTarget)> = aliases
            .par_iter()
            .enumerate()
            .flat_map_iter(|(e, list)| alias_patterns(e as u32, list))
            .collect();
        // Stable: targets of one pattern keep entity order, which breaks priority ties.
        pairs.par_sort_by(|a, b| a.0.cmp(&b.0));
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<AliasTarget>> = Vec::new();
        for (pat, t) in pairs {
            if patterns.last() != Some(&pat) {
                patterns.push(pat);
                targets.push(Vec::new());
            }
            if let Some(list) = targets.last_mut() {
                if !list
                    .iter()
                    .any(|x| x.entity == t.entity && x.case_form == t.case_form && x.lil == t.lil)
                {
                    list.push(t);
                }
            }
        }
        let fingerprint = fingerprint(&patterns);
        let (ac, prebuilt) = match prebuilt_automaton(BUILTIN_INDEX, fingerprint) {
            Some(ac) => (ac, true),
            None => (compile(&patterns)?, false),
        };
        Ok(Matcher {
            ac,
            fingerprint,
            prebuilt,
            patterns,
            targets,
        })
    }

    /// The automaton came from the index compiled when khabar was built, not from a
    /// compile at start-up (which happens when `--gazetteer` files add aliases, or when
    /// the built-in lists changed without `cargo run -p gazbuild`).
    pub fn is_prebuilt(&self) -> bool {
        self.prebuilt
    }

    /// The serialized automaton with its pattern-list fingerprint: the content of
    /// `gazetteers/index/aliases.bin`, which `gazbuild` writes for the built-in lists.
    pub fn index_bytes(&self) -> Vec<u8> {
        index_file(self.fingerprint, &self.ac)
    }

    /// The index a compile at start-up would give (for the up-to-date check of the
    /// committed index).
    pub fn compiled_index_bytes(&self) -> Result<Vec<u8>, GazetteerError> {
        Ok(index_file(self.fingerprint, &compile(&self.patterns)?))
    }

    /// Number of distinct normalized aliases.
    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// The normalized aliases, as matched against [`Prepared::norm_text`]; benchmarks
    /// compile them into a bare Aho-Corasick scan to compare against.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(String::as_str)
    }

    /// All gazetteer mentions of a prepared text, left to right, non-overlapping.
    ///
    /// The automaton reports the leftmost-longest alias from the current place. A hit
    /// must start a word (or follow one or two proclitic letters) and end one; when it
    /// does not, a shorter alias at the same start may, and otherwise the scan resumes at
    /// the next place a name can begin (`next_start`) rather than at the next byte, so
    /// aliases hiding inside longer words are not reported again and again.
    pub fn find(&self, prep: &Prepared<'_>, entities: &[EntityRecord]) -> Vec<Candidate> {
        let hay = prep.norm_text();
        let b = hay.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0usize;
        while pos < b.len() {
            let Some(m) = b
                .get(pos..)
                .and_then(|rest| self.ac.leftmost_find_iter(rest).next())
            else {
                break;
            };
            let s = pos + m.start();
            if let Some((s, e, t)) = self.longest_at(prep, s, pos + m.end(), m.value(), entities) {
                out.push(self.candidate(prep, s, e, t, entities));
                pos = e;
            } else {
                pos = next_start(hay, s);
            }
        }
        out
    }

    /// The longest acceptable alias starting exactly at `s`, given the longest alias
    /// there (`pat`, ending at `e`).
    fn longest_at(
        &self,
        prep: &Prepared<'_>,
        s: usize,
        mut e: usize,
        mut pat: u32,
        entities: &[EntityRecord],
    ) -> Option<(usize, usize, u32)> {
        let b = prep.norm_text().as_bytes();
        loop {
            if let Some(t) = self.accept(prep, pat as usize, s, e, entities) {
                return Some((s, e, t));
            }
            // A shorter alias starting at the same place may still be a whole word.
            let m = self.ac.leftmost_find_iter(b.get(s..e - 1)?).next()?;
            if m.start() != 0 {
                return None;
            }
            e = s + m.end();
            pat = m.value();
        }
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
            source: format!(
                "gazetteer:{}",
                rec.file.strip_prefix("builtin:").unwrap_or(&rec.file)
            ),
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
        for t in &self.targets[pat] {
            let ok = if t.lil { lil_ok } else { plain_ok };
            if !ok {
                continue;
            }
            if let Some(form) = &t.case_form {
                let r = prep.to_orig(s..e);
                if collapse_spaces(&normalize_keep_case(&prep.orig[r])) != **form {
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
fn alias_patterns(entity: u32, list: &[(String, bool)]) -> Vec<(String, AliasTarget)> {
    let mut out = Vec::with_capacity(list.len() + 2);
    for (alias, case) in list {
        let norm = collapse_spaces(&normalize(alias.trim()));
        let letters = norm.chars().filter(|c| c.is_alphanumeric()).count();
        // One-letter insensitive aliases would match everywhere; they are never useful.
        if letters == 0 || (letters < 2 && !case) {
            continue;
        }
        let case_form =
            case.then(|| collapse_spaces(&normalize_keep_case(alias.trim())).into_boxed_str());
        if let Some(rest) = norm.strip_prefix("ال") {
            if rest.chars().next().is_some_and(is_arabic) {
                let t = AliasTarget {
                    entity,
                    case_form: None,
                    lil: true,
                };
                out.push((format!("ل{rest}"), t));
            }
        }
        out.push((
            norm,
            AliasTarget {
                entity,
                case_form,
                lil: false,
            },
        ));
    }
    out
}

/// The char at byte `i` of `s` and its length (`i` is on a char boundary).
#[inline]
fn decode_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// The start of the word that byte `s` is in (or `s` itself, between words).
fn word_start(hay: &str, s: usize) -> usize {
    hay[..s]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(s, |(i, _)| i)
}

/// The first place after `s` where a name could begin: the next word start, or a place
/// right after one or two proclitic letters at the start of the word of `s`. Skipping
/// every other place saves the automaton from re-reporting hits inside words.
fn next_start(hay: &str, s: usize) -> usize {
    let b = hay.as_bytes();
    let ws = word_start(hay, s);
    if let Some(p) = name_starts(hay, ws).into_iter().flatten().find(|&p| p > s) {
        return p;
    }
    let mut i = s;
    let mut in_word = true;
    while i < b.len() {
        let (c, len) = decode_at(hay, i);
        let w = is_word_char(c);
        if w && !in_word {
            return i;
        }
        in_word = w;
        i += len;
    }
    b.len()
}

fn collapse_spaces(s: &str) -> String {
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
    fn an_index_loads_only_for_the_pattern_list_it_was_compiled_from() {
        let mut b = GazetteerBuilder::new();
        b.add_rows("t.tsv", parse("t.tsv", G).unwrap());
        let g = b.build().unwrap();
        // A small list has no prebuilt index: it was compiled at start-up.
        assert!(!g.matcher.is_prebuilt());
        let bytes = g.matcher.index_bytes();
        let fp = g.matcher.fingerprint;
        let ac = super::prebuilt_automaton(&bytes, fp).expect("own index loads");
        assert_eq!(ac.num_states(), g.matcher.ac.num_states());
        assert!(super::prebuilt_automaton(&bytes, fp ^ 1).is_none());
        assert!(super::prebuilt_automaton(&bytes[..bytes.len() - 3], fp).is_none());
        assert!(super::prebuilt_automaton(b"garbage", fp).is_none());
        assert!(super::prebuilt_automaton(&[], fp).is_none());
        let other = super::fingerprint(&["a".to_string(), "b".to_string()]);
        assert_ne!(other, super::fingerprint(&["ab".to_string()]));
    }
}
