//! The one automaton scan over the normalized text: trigger and cue hits as whole words,
//! with Arabic proclitics in front and pronoun suffixes behind.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::lexicon::{Lexicon, Pos};
use super::view::word_char;
use crate::error::GazetteerError;
use crate::text::{is_arabic, Prepared};

/// What one automaton pattern stands for.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Trigger(usize),
    Cue(usize),
}

/// A trigger found in the text: normalized byte range and the trigger reading.
#[derive(Debug, Clone)]
pub struct TriggerHit {
    pub norm: Range<usize>,
    pub def: usize,
}

/// A cue word found in the text.
#[derive(Debug, Clone, Copy)]
pub struct CueHit {
    pub norm_start: usize,
    pub cue: usize,
}

/// Hits of one document, left to right.
#[derive(Debug, Default)]
pub struct Hits {
    pub triggers: Vec<TriggerHit>,
    pub cues: Vec<CueHit>,
}

/// The compiled automaton over every trigger and cue form.
#[derive(Debug)]
pub struct Scanner {
    ac: AhoCorasick,
    entries: Vec<Vec<Entry>>,
}

/// Proclitics allowed in front of a verbal noun or a cue word: و/ف, then ب/ل/ك, then ال
/// (and ل + ال written لل).
const NOUN_PREFIXES: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "ال", "وال", "فال", "بال", "كال",
    "وبال", "فبال", "وكال", "فكال", "لل", "ولل", "فلل",
];
/// In front of a verb: و/ف and the future س.
const VERB_PREFIXES: &[&str] = &["و", "ف", "س", "وس", "فس", "ل", "ول", "فل"];
/// Attached object/possessive pronouns ("اعتقاله").
/// The accusative alef ("هجوما") is not among them: "احتجاجا" (in protest) is an adverb,
/// so accusative forms are listed one by one in the lexicon.
const SUFFIXES: &[&str] = &["ه", "ها", "هم", "هما", "هن", "كم", "نا"];

impl Scanner {
    pub fn build(lex: &Lexicon) -> Result<Scanner, GazetteerError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut add = |form: &str, e: Entry| {
            let i = *index.entry(form.to_string()).or_insert_with(|| {
                patterns.push(form.to_string());
                entries.push(Vec::new());
                patterns.len() - 1
            });
            if let Some(list) = entries.get_mut(i) {
                list.push(e);
            }
        };
        for (form, d) in &lex.trigger_forms {
            add(form, Entry::Trigger(*d));
        }
        for (form, c, _) in &lex.cue_forms {
            add(form, Entry::Cue(*c));
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // A DFA makes the scan fastest and is built once per pipeline.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| GazetteerError::Build(e.to_string()))?;
        Ok(Scanner { ac, entries })
    }

    /// All trigger and cue hits of a text. Among triggers, a hit inside a longer one is
    /// dropped ("هجوم" inside "هجوم إلكتروني").
    pub fn scan(&self, prep: &Prepared<'_>, lex: &Lexicon) -> Hits {
        let hay = prep.norm_text();
        let mut hits = Hits::default();
        for m in self.ac.find_overlapping_iter(hay) {
            let (s, e) = (m.start(), m.end());
            let Some(list) = self.entries.get(m.pattern().as_usize()) else {
                continue;
            };
            let Some(shape) = word_shape(hay, s, e) else {
                continue;
            };
            for entry in list {
                match *entry {
                    Entry::Trigger(d) => {
                        let verb = lex.triggers.get(d).is_some_and(|t| t.pos != Pos::Noun);
                        // The future prefix س goes on imperfect verbs only ("سيلتقي", not
                        // "سمات" = "features" read as س + مات).
                        let future_ok = !shape.prefix.ends_with('س')
                            || hay[s..].starts_with(['ي', 'ت', 'ن', 'ا']);
                        if shape.accepts(verb) && future_ok {
                            hits.triggers.push(TriggerHit { norm: s..e, def: d });
                        }
                    }
                    Entry::Cue(c) => {
                        if shape.accepts(false) {
                            hits.cues.push(CueHit {
                                norm_start: s,
                                cue: c,
                            });
                        }
                    }
                }
            }
        }
        if hits.triggers.len() > 1 {
            hits.triggers.sort_by_key(|t| (t.norm.start, t.norm.end));
            let spans: Vec<Range<usize>> = hits.triggers.iter().map(|t| t.norm.clone()).collect();
            hits.triggers.retain(|t| {
                !spans.iter().any(|o| {
                    o.start <= t.norm.start
                        && t.norm.end <= o.end
                        && o.end - o.start > t.norm.end - t.norm.start
                })
            });
        }
        hits
    }
}

/// What surrounds a hit inside its word.
struct Shape<'a> {
    prefix: &'a str,
    suffix: &'a str,
    arabic: bool,
}

impl Shape<'_> {
    fn accepts(&self, verb: bool) -> bool {
        if !self.arabic {
            return self.prefix.is_empty() && self.suffix.is_empty();
        }
        let prefix_ok = self.prefix.is_empty()
            || if verb {
                VERB_PREFIXES.contains(&self.prefix)
            } else {
                NOUN_PREFIXES.contains(&self.prefix)
            };
        // A verb takes ه (him) too, but "اضاف" + ه is the noun "إضافة" (taa marbuta folds
        // to ه): verbs keep the longer pronouns only.
        let suffix_ok = self.suffix.is_empty()
            || (SUFFIXES.contains(&self.suffix) && !(verb && self.suffix == "ه"));
        prefix_ok && suffix_ok
    }
}

/// The rest of the word before and after a hit; `None` when the hit starts or ends in the
/// middle of a Latin word.
fn word_shape(hay: &str, s: usize, e: usize) -> Option<Shape<'_>> {
    let word_start = hay
        .get(..s)?
        .char_indices()
        .rev()
        .take_while(|&(_, c)| word_char(c))
        .last()
        .map_or(s, |(i, _)| i);
    let rest = hay.get(e..)?;
    let word_end = e + rest
        .char_indices()
        .find(|&(_, c)| !word_char(c))
        .map_or(rest.len(), |(i, _)| i);
    let arabic = hay.get(s..)?.chars().next().is_some_and(is_arabic);
    Some(Shape {
        prefix: hay.get(word_start..s)?,
        suffix: hay.get(e..word_end)?,
        arabic,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triggers(text: &str) -> Vec<(String, String)> {
        let lex = Lexicon::builtin().unwrap();
        let sc = Scanner::build(&lex).unwrap();
        let p = Prepared::new(text, None);
        let hits = sc.scan(&p, &lex);
        hits.triggers
            .iter()
            .map(|h| {
                let r = p.to_orig(h.norm.clone());
                (text[r].to_string(), lex.triggers[h.def].etype.clone())
            })
            .collect()
    }

    #[test]
    fn proclitics_and_suffixes() {
        let t = triggers("وللهجوم الإلكتروني");
        assert!(
            t.iter()
                .any(|(s, ty)| s == "هجوم الإلكتروني" || ty == "Cyber.Attack"),
            "{t:?}"
        );
        assert!(triggers("واعتقاله")
            .iter()
            .any(|(_, ty)| ty == "Justice.Arrest"));
        assert!(triggers("وسيلتقي")
            .iter()
            .any(|(_, ty)| ty == "Contact.Meet"));
        assert!(triggers("سيلتقي")
            .iter()
            .any(|(_, ty)| ty == "Contact.Meet"));
        // A verb does not take the article.
        assert!(triggers("الاعتقل").is_empty());
    }

    #[test]
    fn whole_latin_words_and_longest() {
        assert!(triggers("counterattack").is_empty());
        let t = triggers("a ransomware attack");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].0, "ransomware attack");
    }
}
