//! The gazetteer automaton and the rules that turn raw automaton hits into mentions:
//! whole words only, Arabic proclitics in front, written case for case-sensitive aliases.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use super::EntityRecord;
use crate::error::GazetteerError;
use crate::model::{Candidate, Target};
use crate::text::{is_arabic, is_word_char, normalize, normalize_keep_case, Prepared};

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

/// The compiled automaton with, per pattern, the entities it may stand for.
#[derive(Debug)]
pub struct Matcher {
    ac: AhoCorasick,
    targets: Vec<Vec<AliasTarget>>,
    /// The normalized patterns, kept so benchmarks can build their own baseline automaton
    /// whatever this one becomes.
    patterns: Vec<String>,
}

impl Matcher {
    /// Compiles `aliases[i]` (alias, case-sensitive) of `entities[i]` for every entity.
    pub fn build(
        entities: &[EntityRecord],
        aliases: &[Vec<(String, bool)>],
    ) -> Result<Matcher, GazetteerError> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<AliasTarget>> = Vec::new();
        let mut add = |pat: String,
                       t: AliasTarget,
                       patterns: &mut Vec<String>,
                       targets: &mut Vec<Vec<AliasTarget>>| {
            let i = *index.entry(pat.clone()).or_insert_with(|| {
                patterns.push(pat);
                targets.push(Vec::new());
                patterns.len() - 1
            });
            let list = &mut targets[i];
            if !list
                .iter()
                .any(|x| x.entity == t.entity && x.case_form == t.case_form && x.lil == t.lil)
            {
                list.push(t);
            }
        };
        for (e, list) in aliases.iter().enumerate() {
            let _ = &entities[e];
            for (alias, case) in list {
                let norm = normalize(alias.trim());
                let norm = collapse_spaces(&norm);
                let letters = norm.chars().filter(|c| c.is_alphanumeric()).count();
                // One-letter insensitive aliases would match everywhere; they are never useful.
                if letters == 0 || (letters < 2 && !case) {
                    continue;
                }
                let case_form = case
                    .then(|| collapse_spaces(&normalize_keep_case(alias.trim())).into_boxed_str());
                if let Some(rest) = norm.strip_prefix("ال") {
                    if rest.chars().next().is_some_and(is_arabic) {
                        let t = AliasTarget {
                            entity: e as u32,
                            case_form: None,
                            lil: true,
                        };
                        add(format!("ل{rest}"), t, &mut patterns, &mut targets);
                    }
                }
                add(
                    norm,
                    AliasTarget {
                        entity: e as u32,
                        case_form,
                        lil: false,
                    },
                    &mut patterns,
                    &mut targets,
                );
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| GazetteerError::Build(e.to_string()))?;
        Ok(Matcher {
            ac,
            targets,
            patterns,
        })
    }

    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// The normalized alias patterns the automaton matches (benchmarks build a bare
    /// baseline automaton from them).
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(String::as_str)
    }

    /// The automaton, for benchmarks that compare against a bare scan.
    pub fn automaton(&self) -> &AhoCorasick {
        &self.ac
    }

    /// All gazetteer mentions of a prepared text, left to right, non-overlapping.
    ///
    /// Names start at word starts, or right after one or two proclitic letters. So
    /// instead of an unanchored scan that reports (and then rejects) every alias hiding
    /// inside a longer word, the automaton runs anchored at those few places only; most
    /// of these runs end after a byte or two.
    pub fn find(&self, prep: &Prepared<'_>, entities: &[EntityRecord]) -> Vec<Candidate> {
        let hay = prep.norm_text();
        let b = hay.as_bytes();
        let mut out = Vec::new();
        let mut min_pos = 0usize;
        let mut prev_word = false;
        let mut i = 0usize;
        while i < b.len() {
            let (c, len) = decode_at(hay, i);
            let w = fast_word_char(c);
            if w && !prev_word && i >= min_pos {
                // Try the word start, then after one or two proclitic letters.
                let mut at = i;
                for step in 0..3 {
                    if let Some((s, e, t)) = self.longest_at(prep, at, entities) {
                        out.push(self.candidate(prep, s, e, t, entities));
                        min_pos = e;
                        break;
                    }
                    let (pc, plen) = decode_at(hay, at);
                    let clitic = match step {
                        0 => matches!(pc, 'و' | 'ف' | 'ب' | 'ل' | 'ك'),
                        1 => {
                            matches!(decode_at(hay, i).0, 'و' | 'ف')
                                && matches!(pc, 'ب' | 'ل' | 'ك')
                        }
                        _ => false,
                    };
                    if !clitic || at + plen >= b.len() {
                        break;
                    }
                    at += plen;
                }
            }
            prev_word = w;
            i += len;
        }
        out
    }

    /// The longest acceptable alias starting exactly at `s`, if any.
    fn longest_at(
        &self,
        prep: &Prepared<'_>,
        s: usize,
        entities: &[EntityRecord],
    ) -> Option<(usize, usize, u32)> {
        let hay = prep.norm_text();
        let mut end = hay.len();
        while end > s {
            let m = self
                .ac
                .find(Input::new(hay).range(s..end).anchored(Anchored::Yes))?;
            if let Some(t) = self.accept(prep, m.pattern().as_usize(), m.start(), m.end(), entities)
            {
                return Some((m.start(), m.end(), t));
            }
            // A shorter alias starting at the same place may still be a whole word.
            end = m.end() - 1;
        }
        None
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
        let word_start = hay[..s]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(s, |(i, _)| i);
        let prefix = &hay[word_start..s];
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

/// [`is_word_char`] with the common cases (ASCII, Arabic letters) decided without tables.
#[inline]
fn fast_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        true
    } else {
        is_word_char(c)
    }
}

/// Proclitic sequences that can stand in front of a name: و/ف, then ب/ل/ك.
fn is_proclitic(p: &str) -> bool {
    let mut chars = p.chars();
    let (a, b, c) = (chars.next(), chars.next(), chars.next());
    let conj = |x: char| x == 'و' || x == 'ف';
    let prep = |x: char| x == 'ب' || x == 'ل' || x == 'ك';
    match (a, b, c) {
        (Some(x), None, None) => conj(x) || prep(x),
        (Some(x), Some(y), None) => conj(x) && prep(y),
        _ => false,
    }
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
}
