//! Loading the rule word lists of `gazetteers/rules/` and compiling every cue word into
//! one Aho-Corasick automaton, so the rules stage scans the text once.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind, StartKind};

use super::nationality::Nationalities;
use crate::error::Error;
use crate::text::{is_word_char, normalize, Prepared};

const TITLES: &str = include_str!("../../gazetteers/rules/titles.tsv");
const ORG_HEADS: &str = include_str!("../../gazetteers/rules/org-heads.tsv");
const GROUP_CUES: &str = include_str!("../../gazetteers/rules/group-cues.tsv");
const REPORTING: &str = include_str!("../../gazetteers/rules/reporting-verbs.tsv");
const FIRST_AR: &str = include_str!("../../gazetteers/rules/first-names-ar.tsv");
const FIRST_EN: &str = include_str!("../../gazetteers/rules/first-names-en.tsv");
const FIRST_EN_STOP: &str = include_str!("../../gazetteers/rules/first-names-en-stop.tsv");
const NAME_WORDS: &str = include_str!("../../gazetteers/rules/name-words-ar.tsv");
const STOP_AR: &str = include_str!("../../gazetteers/rules/stopwords-ar.tsv");
const ALLAH_COMPOUNDS: &str = include_str!("../../gazetteers/rules/allah-compounds-ar.tsv");
const NOT_NAMES_AR: &str = include_str!("../../gazetteers/rules/not-names-ar.tsv");

/// What a cue word announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A title or role before a person's name; `case` when the list spells it capitalized
    /// (then the text must too).
    TitleAr,
    TitleEn {
        case: bool,
    },
    /// Arabic organization head noun; `definite` when it carries ال, `latin_only` when only
    /// a Latin-script or quoted name may follow ("برمجيات SolarWinds").
    OrgHeadAr {
        definite: bool,
        latin_only: bool,
        media: bool,
    },
    /// "Ministry of", "University of".
    OrgHeadEn,
    /// "Inc", "Bank", "University" closing a capitalized name.
    OrgSuffixEn,
    GroupHeadAr,
    GroupHeadEn,
    /// "تدعى", "المعروفة باسم" before a name.
    CalledAr,
    /// "called", "known as", "dubbed".
    CalledEn,
    /// "قراصنة", "hackers": with a nationality it is a group.
    Hackers,
    ReportAr,
    FirstAr,
    FirstEn,
    /// A nationality adjective (index into [`Nationalities`]).
    Nationality(u16),
    /// `apt`, `unc`, `ta`, `fin`, `storm-`, `dev-`: a threat-actor id when digits follow.
    ThreatPrefix,
}

/// A cue found in the normalized text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// Normalized byte range.
    pub s: usize,
    pub e: usize,
    pub cue: Cue,
}

/// All word lists of the rules, compiled.
#[derive(Debug)]
pub(crate) struct Lists {
    ac: AhoCorasick,
    cues: Vec<Vec<Cue>>,
    /// Normalized Arabic name word → English spelling (lowercase).
    pub name_words: HashMap<String, String>,
    /// First parts of compound names with the divine name (نصر الله).
    pub allah_compounds: HashSet<String>,
    /// Name words that are person-name tokens for sure (not merely transliterable).
    pub strong: HashSet<String>,
    pub first_ar: HashSet<String>,
    pub stop_ar: HashSet<String>,
    /// Normalized single-word titles, to know where a name ends.
    pub title_words: HashSet<String>,
    /// Words that end or refuse a name: stop words, single-word cues (titles, heads,
    /// reporting verbs), nationality adjectives.
    pub blocked: HashSet<String>,
}

/// Non-comment lines of an embedded TSV, header skipped, split on tabs.
pub(crate) fn tsv_rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn data_err(what: &str, msg: String) -> Error {
    Error::Data {
        what: format!("gazetteers/rules/{what}"),
        msg,
    }
}

impl Lists {
    pub fn builtin(nats: &Nationalities) -> Result<Lists, Error> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut cues: Vec<Vec<Cue>> = Vec::new();
        let mut add = |phrase: &str, cue: Cue| {
            let norm = normalize(phrase);
            if norm.is_empty() {
                return;
            }
            let i = *index.entry(norm.clone()).or_insert_with(|| {
                patterns.push(norm);
                cues.push(Vec::new());
                patterns.len() - 1
            });
            if let Some(list) = cues.get_mut(i) {
                if !list.contains(&cue) {
                    list.push(cue);
                }
            }
        };
        let mut title_words = HashSet::new();
        for row in tsv_rows(TITLES) {
            let (Some(p), Some(lang)) = (row.first(), row.get(1)) else {
                return Err(data_err("titles.tsv", format!("bad row {row:?}")));
            };
            let cue = match *lang {
                "ar" => Cue::TitleAr,
                "en" => Cue::TitleEn {
                    case: p.chars().next().is_some_and(char::is_uppercase),
                },
                other => return Err(data_err("titles.tsv", format!("unknown lang {other}"))),
            };
            if !p.contains(' ') {
                title_words.insert(normalize(p));
            }
            add(p, cue);
        }
        for row in tsv_rows(ORG_HEADS) {
            let (Some(p), Some(kind)) = (row.first(), row.get(1)) else {
                return Err(data_err("org-heads.tsv", format!("bad row {row:?}")));
            };
            let cue = match *kind {
                "ar-head" | "ar-latin" | "ar-media" => Cue::OrgHeadAr {
                    definite: normalize(p).starts_with("ال"),
                    latin_only: *kind == "ar-latin",
                    media: *kind == "ar-media",
                },
                "en-head" => Cue::OrgHeadEn,
                "en-suffix" => Cue::OrgSuffixEn,
                other => return Err(data_err("org-heads.tsv", format!("unknown kind {other}"))),
            };
            add(p, cue);
        }
        for row in tsv_rows(GROUP_CUES) {
            let (Some(p), Some(kind)) = (row.first(), row.get(1)) else {
                return Err(data_err("group-cues.tsv", format!("bad row {row:?}")));
            };
            let cue = match *kind {
                "ar-head" => Cue::GroupHeadAr,
                "en-head" => Cue::GroupHeadEn,
                "ar-called" => Cue::CalledAr,
                "en-called" => Cue::CalledEn,
                "hackers" => Cue::Hackers,
                other => return Err(data_err("group-cues.tsv", format!("unknown kind {other}"))),
            };
            add(p, cue);
        }
        for row in tsv_rows(REPORTING) {
            if let (Some(p), Some(&"ar")) = (row.first(), row.get(1)) {
                add(p, Cue::ReportAr);
            }
        }
        let stop_ar: HashSet<String> = tsv_rows(STOP_AR)
            .chain(tsv_rows(NOT_NAMES_AR))
            .filter_map(|r| r.first().map(|w| normalize(w)))
            .collect();
        let mut first_ar = HashSet::new();
        for row in tsv_rows(FIRST_AR) {
            if let Some(w) = row.first() {
                let n = normalize(w);
                if n.chars().count() >= 2 && !stop_ar.contains(&n) && !title_words.contains(&n) {
                    add(w, Cue::FirstAr);
                    first_ar.insert(n);
                }
            }
        }
        let stop_en: HashSet<String> = tsv_rows(FIRST_EN_STOP)
            .filter_map(|r| r.first().map(|w| normalize(w)))
            .collect();
        for row in tsv_rows(FIRST_EN) {
            if let Some(w) = row.first() {
                let n = normalize(w);
                if !stop_en.contains(&n) && !title_words.contains(&n) {
                    add(w, Cue::FirstEn);
                }
            }
        }
        let mut name_words = HashMap::new();
        let mut strong = HashSet::new();
        for row in tsv_rows(NAME_WORDS) {
            if let (Some(ar), Some(en)) = (row.first(), row.get(1)) {
                let n = normalize(ar);
                if stop_ar.contains(&n) || title_words.contains(&n) {
                    continue;
                }
                if row.get(2) == Some(&"1") {
                    strong.insert(n.clone());
                }
                if !en.is_empty() {
                    name_words.insert(n, (*en).to_string());
                }
            }
        }
        for (i, form) in nats.forms() {
            add(form, Cue::Nationality(i));
        }
        for p in ["apt", "unc", "ta", "fin", "storm-", "dev-", "temp."] {
            add(p, Cue::ThreatPrefix);
        }
        let mut blocked = stop_ar.clone();
        for (p, c) in patterns.iter().zip(&cues) {
            let name_cue = c
                .iter()
                .any(|c| matches!(c, Cue::FirstAr | Cue::FirstEn | Cue::ThreatPrefix));
            if !p.contains(' ') && !name_cue {
                blocked.insert(p.clone());
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Unanchored)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| data_err("*", e.to_string()))?;
        Ok(Lists {
            ac,
            cues,
            name_words,
            allah_compounds: tsv_rows(ALLAH_COMPOUNDS)
                .filter_map(|r| r.first().map(|w| normalize(w)))
                .collect(),
            strong,
            first_ar,
            stop_ar,
            title_words,
            blocked,
        })
    }

    /// The built-in lists, compiled once per process.
    pub fn shared() -> Result<&'static Lists, Error> {
        static L: OnceLock<Result<Lists, String>> = OnceLock::new();
        match L.get_or_init(|| Lists::builtin(Nationalities::builtin()).map_err(|e| e.to_string()))
        {
            Ok(l) => Ok(l),
            Err(msg) => Err(data_err("*", msg.clone())),
        }
    }

    /// True for a word that can stand alone as a short name of a person: a known name
    /// token that is neither a common first name nor a blocked word.
    pub fn surname_like(&self, norm_word: &str) -> bool {
        let latin = norm_word
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        latin
            || (self.strong.contains(norm_word)
                && !self.first_ar.contains(norm_word)
                && !self.blocked.contains(norm_word))
    }

    /// Every cue of the text: whole words (Arabic ones may carry proclitics), left to right,
    /// longest first among cues starting at the same place.
    ///
    /// The leftmost-longest search runs unanchored; a hit that does not start a word (or
    /// follow one or two proclitic letters) or does not end one is retried anchored at the
    /// word's few valid starts, then the search skips to the next word, so short cues
    /// inside longer words cost one look each.
    pub fn hits(&self, prep: &Prepared<'_>) -> Vec<Hit> {
        let hay = prep.norm_text();
        let mut out = Vec::new();
        let mut pos = 0usize;
        while pos < hay.len() {
            let Some(m) = self.ac.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let s = m.start();
            let ws = word_start(hay, s);
            let mut accepted = None;
            if starts_word(hay, s) {
                accepted = self.accept_at(hay, s, m.end(), m.pattern().as_usize());
                // Only a phrase can hide a shorter cue that ends at a word boundary.
                if accepted.is_none() && hay[s..m.end()].contains(' ') {
                    accepted = self.shorter_at(hay, s, m.end());
                }
            }
            // No cue starts before `s` (leftmost); later valid starts of the same word
            // may still hold one.
            for p in proclitic_starts(hay, ws).into_iter().flatten() {
                if accepted.is_some() {
                    break;
                }
                if p > s {
                    accepted = self.anchored_at(hay, p);
                }
            }
            match accepted {
                Some((hs, he, pat)) => {
                    for &cue in self.cues.get(pat).into_iter().flatten() {
                        out.push(Hit { s: hs, e: he, cue });
                    }
                    pos = he;
                }
                None => pos = word_end(hay, s).max(s + 1),
            }
            while !hay.is_char_boundary(pos) {
                pos += 1;
            }
        }
        out
    }

    /// The hit `s..e` of pattern `pat` if it ends where a cue may end.
    fn accept_at(
        &self,
        hay: &str,
        s: usize,
        e: usize,
        pat: usize,
    ) -> Option<(usize, usize, usize)> {
        let threat = self
            .cues
            .get(pat)
            .is_some_and(|c| c.contains(&Cue::ThreatPrefix));
        let next = hay[e..].chars().next();
        let ok_end = if threat {
            next.is_some_and(|c| c.is_ascii_digit())
        } else {
            !next.is_some_and(fast_word)
        };
        ok_end.then_some((s, e, pat))
    }

    /// The longest cue starting exactly at `s` that ends where a cue may end.
    fn anchored_at(&self, hay: &str, s: usize) -> Option<(usize, usize, usize)> {
        // Phrases are short: look no further than a few words past this one.
        let limit = (word_end(hay, s) + PHRASE_TAIL).min(hay.len());
        self.shorter_at(hay, s, limit + 1)
    }

    /// Like [`Self::anchored_at`], for cues ending before `limit`.
    fn shorter_at(&self, hay: &str, s: usize, limit: usize) -> Option<(usize, usize, usize)> {
        let mut limit = limit.min(hay.len() + 1);
        while limit > s + 1 {
            let end = (limit - 1).min(hay.len());
            let mut end = end;
            while !hay.is_char_boundary(end) {
                end -= 1;
            }
            // Leftmost-longest from `s`: a cue starting at `s` is the one found, if any.
            let m = self.ac.find(Input::new(hay).range(s..end))?;
            if m.start() != s {
                return None;
            }
            if let Some(a) = self.accept_at(hay, s, m.end(), m.pattern().as_usize()) {
                return Some(a);
            }
            limit = m.end();
        }
        None
    }
}

/// How far past the current word a multi-word cue may reach (bytes).
const PHRASE_TAIL: usize = 64;

/// Start of the word that contains byte `s`.
fn word_start(hay: &str, s: usize) -> usize {
    let mut ws = s;
    for (i, c) in hay[..s].char_indices().rev() {
        if fast_word(c) {
            ws = i;
        } else {
            break;
        }
    }
    ws
}

/// End of the word that contains byte `s`.
fn word_end(hay: &str, s: usize) -> usize {
    let mut e = s;
    for (i, c) in hay[s..].char_indices() {
        if fast_word(c) {
            e = s + i + c.len_utf8();
        } else {
            break;
        }
    }
    e
}

/// Where a cue may start in the word starting at `ws`: the word start, after و/ف or
/// ب/ل/ك, and after و/ف + ب/ل/ك.
fn proclitic_starts(hay: &str, ws: usize) -> [Option<usize>; 3] {
    let mut out = [Some(ws), None, None];
    let mut it = hay[ws..].char_indices();
    if let Some((_, a)) = it.next() {
        if is_conj(a) || is_prep(a) {
            out[1] = Some(ws + a.len_utf8());
            if let Some((j, b)) = it.next() {
                if is_conj(a) && is_prep(b) {
                    out[2] = Some(ws + j + b.len_utf8());
                }
            }
        }
    }
    out
}

/// True when `s` starts a word, or follows one or two proclitic letters (و ف, then ب ل ك)
/// at a word start.
fn starts_word(hay: &str, s: usize) -> bool {
    let mut before = hay[..s].chars().rev();
    let Some(a) = before.next() else { return true };
    if !fast_word(a) {
        return true;
    }
    let after = hay[s..].chars().next();
    // Proclitics attach to Arabic words, and in Arabic text to Latin names ("وFIN7").
    if !after.is_some_and(|c| !c.is_ascii() || c.is_ascii_alphanumeric()) {
        return false;
    }
    let b = before.next();
    let c = before.next();
    match (b, c) {
        (None, _) => is_conj(a) || is_prep(a),
        (Some(b), _) if !fast_word(b) => is_conj(a) || is_prep(a),
        (Some(b), None) => is_conj(b) && is_prep(a),
        (Some(b), Some(c)) => is_conj(b) && is_prep(a) && !fast_word(c),
    }
}

fn is_conj(c: char) -> bool {
    c == 'و' || c == 'ف'
}

fn is_prep(c: char) -> bool {
    c == 'ب' || c == 'ل' || c == 'ك'
}

/// [`is_word_char`] with fast paths for ASCII and the Arabic letters of normalized text.
#[inline]
pub fn fast_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        true
    } else {
        is_word_char(c)
    }
}
