//! Loading the rule word lists of `gazetteers/rules/` and indexing every cue by its first
//! word, so the rules stage looks each word of the text up once (per proclitic split).

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::index::WordIndex;
use super::nationality::Nationalities;
use crate::error::Error;
use crate::text::{
    is_word_char, name_starts, normalize, stands_alone, word_end, word_start, Prepared, WordFilter,
    Words,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const TITLES: &str = include_str!("../../gazetteers/rules/titles.tsv");
const ORG_HEADS: &str = include_str!("../../gazetteers/rules/org-heads.tsv");
const GROUP_CUES: &str = include_str!("../../gazetteers/rules/group-cues.tsv");
const REPORTING: &str = include_str!("../../gazetteers/rules/reporting-verbs.tsv");
const FIRST_AR: &str = include_str!("../../gazetteers/rules/first-names-ar.tsv");
const FIRST_EN: &str = include_str!("../../gazetteers/rules/first-names-en.tsv");
const FIRST_EN_STOP: &str = include_str!("../../gazetteers/rules/first-names-en-stop.tsv");
const NAME_ENDERS_EN: &str = include_str!("../../gazetteers/rules/name-enders-en.tsv");
const NAME_WORDS: &str = include_str!("../../gazetteers/rules/name-words-ar.tsv");
const STOP_AR: &str = include_str!("../../gazetteers/rules/stopwords-ar.tsv");
const ALLAH_COMPOUNDS: &str = include_str!("../../gazetteers/rules/allah-compounds-ar.tsv");
const NOT_NAMES_AR: &str = include_str!("../../gazetteers/rules/not-names-ar.tsv");
const CLAUSE_AR: &str = include_str!("../../gazetteers/rules/clause-words-ar.tsv");
const NAMED_FOR_AR: &str = include_str!("../../gazetteers/rules/named-for-heads-ar.tsv");

/// What a cue word announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A title or role before a person's name; `case` when the list spells it capitalized
    /// (then the text must too); `first_name` when it is a title only before a known first
    /// name (the list's third column says `first-name`); `acronym` when the list spells it
    /// in capitals ("CEO"), so that capitals do not mark it as part of a headline.
    TitleAr,
    TitleEn {
        case: bool,
        first_name: bool,
        acronym: bool,
    },
    /// Arabic organization head noun; `definite` when it carries ال, `latin_only` when only
    /// a Latin-script or quoted name may follow ("برمجيات SolarWinds").
    /// `field` when the name may go on with its field after لل ("شركة النصر للتصدير").
    OrgHeadAr {
        definite: bool,
        latin_only: bool,
        media: bool,
        field: bool,
    },
    /// "Ministry of", "University of".
    OrgHeadEn,
    /// "Inc", "Bank", "University" closing a capitalized name.
    OrgSuffixEn,
    /// "company", "maker": the kind of business in an appositive after a name
    /// ("Tarvco, a Tessaland software company").
    OrgKindEn,
    /// Arabic group noun; `vague` when it also names a company's group ("مجموعة"): then
    /// its sentence must tell the kind of group ([`Cue::GroupKindAr`]).
    GroupHeadAr {
        vague: bool,
    },
    GroupHeadEn,
    /// "ransomware", "militant": the kind of group, right before an English group noun;
    /// the capitalized name after the noun is then the group's ("the ransomware gang X").
    GroupKindEn,
    /// "إرهابية", "مسلحة", "اختراق": a word that tells, anywhere in its sentence, that a
    /// vague Arabic group noun names a group of the kind khabar tracks.
    GroupKindAr,
    /// "تدعى", "المعروفة باسم" before a name.
    CalledAr,
    /// "called", "known as", "dubbed".
    CalledEn,
    /// "قراصنة", "hackers": with a nationality it is a group.
    Hackers,
    ReportAr,
    /// "said", "told": after a closing quote, the one word before it may be the speaker.
    ReportEn,
    FirstAr,
    FirstEn,
    /// A first name that is also a common word ("Bill", "Mark"; `inside` rows of
    /// `first-names-en-stop.tsv`): a cue only inside a sentence, opening a capitalized run.
    FirstEnInside,
    /// A single letter, which may be a first name's initial ("J. Smith").
    InitialEn,
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

/// The hits in normalized bytes `r`, in order (hits are sorted by start).
pub(crate) fn hits_in(hits: &[Hit], r: Range<usize>) -> &[Hit] {
    let from = hits.partition_point(|h| h.s < r.start);
    let rest = hits.get(from..).unwrap_or_default();
    rest.get(..rest.partition_point(|h| h.s < r.end))
        .unwrap_or_default()
}

/// True when a cue that `is` accepts starts at byte `at` (hits sorted by start).
pub(crate) fn cue_at(hits: &[Hit], at: usize, is: impl Fn(&Cue) -> bool) -> bool {
    hits_in(hits, at..at + 1).iter().any(|h| is(&h.cue))
}

/// The normalized word at `w` is "علي" and names Ali, not the preposition على that
/// normalization folds into the same letters: the text writes it with ي where it writes
/// the preposition with ى elsewhere ([`Prepared::keeps_alef_maqsura`]). In such texts the
/// word so spelled is the name; where the text writes both with ي, nothing tells them
/// apart and the word stays a stop word.
pub(crate) fn ali(prep: &Prepared<'_>, w: &Range<usize>) -> bool {
    prep.norm_text().get(w.clone()) == Some(ALI)
        && written_with_ya(prep, w)
        && prep.keeps_alef_maqsura()
}

/// The original text of the normalized word at `w` has no alef maqsura (ى), which
/// normalization folds into the ي the word shows.
pub(crate) fn written_with_ya(prep: &Prepared<'_>, w: &Range<usize>) -> bool {
    prep.orig
        .get(prep.to_orig(w.clone()))
        .is_some_and(|o| !o.contains('\u{649}'))
}

/// The name Ali, normalized (also the preposition على once normalized).
pub(crate) const ALI: &str = "علي";

/// Adds a first-name cue at each "علي" that [`ali`] reads as the name, alone or after
/// و, which no list can give: the word is also the preposition على once normalized, so
/// it is no cue word. The original text is searched: there the preposition written with
/// ى does not match.
fn ali_cues(prep: &Prepared<'_>, hits: &mut Vec<Hit>) {
    let orig = prep.orig;
    for at in memchr::memmem::find_iter(orig.as_bytes(), ALI) {
        if !stands_alone(orig, at..at + ALI.len(), &['\u{648}']) {
            continue;
        }
        let s = prep.to_norm(at);
        let w = s..s + ALI.len();
        if !ali(prep, &w) {
            continue;
        }
        let k = hits.partition_point(|h| h.s < s);
        // Inside a cue of several words, it is that cue's.
        if k > 0 && hits.get(k - 1).is_some_and(|h| h.e > s) {
            continue;
        }
        hits.insert(
            k,
            Hit {
                s: w.start,
                e: w.end,
                cue: Cue::FirstAr,
            },
        );
    }
}

/// All word lists of the rules, compiled.
#[derive(Debug)]
pub(crate) struct Lists {
    /// Normalized cue phrases; index = pattern id.
    patterns: Vec<String>,
    cues: Vec<Vec<Cue>>,
    /// First word of each cue phrase (up to its first non-word character) → pattern ids,
    /// longest phrase first.
    by_first: WordIndex<Vec<u32>>,
    /// Whether a byte is the first byte of a threat-actor prefix ([`Cue::ThreatPrefix`]).
    threat_first: [bool; 256],
    /// The threat-actor prefixes that may be glued to their digits ("apt29"): those
    /// made of letters only ([`glued_searcher`]). Such a word is not marked by the first-word filter (its
    /// first word is "apt29"), so [`Self::hits`] finds it by this search.
    glued: Option<AhoCorasick>,
    /// Normalized Arabic name word → English spelling (lowercase).
    pub name_words: HashMap<String, String>,
    /// English spellings of person-name tokens that are also stop words ("تركي" is also
    /// "Turkish"): not name words, but spelled so inside a name read from other cues.
    pub homograph_spellings: HashMap<String, String>,
    /// First parts of compound names with the divine name (نصر الله).
    pub allah_compounds: HashSet<String>,
    /// Words that open a clause and so end a title's phrase (relative pronouns).
    pub clause_ar: HashSet<String>,
    /// Nouns of places and institutions named for a person (normalized): a title right
    /// after one is part of such a name.
    pub named_for_ar: HashSet<String>,
    /// The Arabic stop words proper (function and time words), without the mined list
    /// of words that are seldom names: words that never stand before بن as a name.
    pub function_ar: HashSet<String>,
    /// First names left out of [`Self::first_ar`] because they also spell a stop word
    /// ("علي" is also the preposition على, once normalized): names still before بن.
    pub first_ar_homographs: HashSet<String>,
    /// Name words that are person-name tokens for sure (not merely transliterable).
    pub strong: HashSet<String>,
    /// Normalized Arabic and English first names that are not also common words or titles.
    pub first_ar: HashSet<String>,
    pub first_en: HashSet<String>,
    /// Normalized English words that make a capitalized run a place, a building, an
    /// event or a company rather than a person (`name-enders-en.tsv`, use `place`).
    pub place_enders_en: HashSet<String>,
    /// Normalized letters after a person's name ("QC", "MP"), not part of it.
    pub postnominals_en: HashSet<String>,
    /// Normalized company legal forms, without a full stop ("inc", "ltd"; `org-heads.tsv`,
    /// kind `en-legal`): the name without one is the company too.
    pub legal_forms_en: HashSet<String>,
    /// Normalized suffixes that after a person's or a country's name name a government,
    /// not a body ("Reagan Administration"; `org-heads.tsv`, kind `en-suffix-office`).
    pub office_suffixes_en: HashSet<String>,
    /// Normalized Arabic adjectives of a body's name that do not have the nisba form
    /// ("الأعلى", "العليا", "العامة"; `org-heads.tsv`, kind `ar-name-adjective`).
    pub org_adjectives_ar: HashSet<String>,
    /// Normalized Arabic nouns of places ("مدينة", "محافظة"; `org-heads.tsv`, kind
    /// `ar-place-noun`): after مركز they name the place's centre, not a body.
    pub place_nouns_ar: HashSet<String>,
    /// Normalized Arabic head nouns of bodies' names, with or without the article.
    pub org_heads_ar: HashSet<String>,
    pub stop_ar: HashSet<String>,
    /// Normalized single-word titles, to know where a name ends.
    pub title_words: HashSet<String>,
    /// Normalized first words of the titles of several words ("ولي" of "ولي العهد").
    pub title_heads: HashSet<String>,
    /// Normalized last words of the titles, without a full stop ("mr", "president",
    /// "state" of "Secretary of State"): a name after one is the title's bearer.
    pub title_ends: HashSet<String>,
    /// English courtesy titles as written ("Mr", "Dr."): only a person's name follows
    /// one (titles.tsv's `honorific`).
    pub honorifics_en: HashSet<String>,
    /// Words that end or refuse a name: stop words, single-word cues (titles, heads,
    /// reporting verbs), nationality adjectives.
    pub blocked: HashSet<String>,
}

/// Non-comment lines of an embedded TSV, header skipped, split on tabs.
pub(crate) fn tsv_rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv_lines(data).map(|l| l.split('\t').map(str::trim).collect())
}

/// The divine name of a compound of عبد written as one word ("عبدالعزيز" → "العزيز"); the
/// names list spells these compounds as two words.
pub(crate) fn abd_compound(w: &str) -> Option<&str> {
    let rest = w.strip_prefix("عبد")?;
    (rest.starts_with("ال") && rest.chars().count() >= 4).then_some(rest)
}

/// The data lines of a list: no blank lines, no `#` comments, no header.
fn tsv_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
}

fn data_err(what: &str, msg: String) -> Error {
    Error::Data {
        what: format!("gazetteers/rules/{what}"),
        msg,
    }
}

/// The Arabic name words: normalized word → English spelling, the strong ones, and the
/// spellings of strong name words that are also stop words.
type NameWords = (
    HashMap<String, String>,
    HashSet<String>,
    HashMap<String, String>,
);

/// Loads `name-words-ar.tsv` less stop words and titles (the stop words that are person
/// names too keep their spellings apart): most of the lists' rows, so it runs beside the
/// rest of [`Lists::builtin`].
fn name_words(
    stop_ar: &HashSet<String>,
    function_ar: &HashSet<String>,
    title_words: &HashSet<String>,
) -> NameWords {
    let lines = memchr::memchr_iter(b'\n', NAME_WORDS.as_bytes()).count() + 1;
    let mut name_words = HashMap::with_capacity_and_hasher(lines, Default::default());
    let mut strong = HashSet::default();
    let mut homographs = HashMap::default();
    // Lines, not `tsv_rows`: a vector per row was most of this list's loading.
    for row in tsv_lines(NAME_WORDS) {
        let mut fields = row.split('\t').map(str::trim);
        if let (Some(ar), Some(en)) = (fields.next(), fields.next()) {
            let n = normalize(ar);
            let is_strong = fields.next() == Some("1");
            if title_words.contains(&n) {
                continue;
            }
            if stop_ar.contains(&n) {
                // Not a function word ("أن", also "Anne"), nor the divine name, which
                // is spelled with the word before it ("Abdullah", "Nasrallah").
                if is_strong && !en.is_empty() && !function_ar.contains(&n) {
                    homographs.insert(n, en.to_string());
                }
                continue;
            }
            if is_strong {
                strong.insert(n.clone());
            }
            if !en.is_empty() {
                name_words.insert(n, en.to_string());
            }
        }
    }
    (name_words, strong, homographs)
}

impl Lists {
    pub fn builtin(nats: &Nationalities) -> Result<Lists, Error> {
        let function_ar: HashSet<String> = tsv_rows(STOP_AR)
            .filter_map(|r| r.first().map(|w| normalize(w)))
            .collect();
        // Adjectives of a body's relation or standing ("التابعة", "المحظور"; `org-heads.tsv`,
        // kind `ar-relation-adjective`) begin what is said of a name and are never part of
        // one: stop words, though no function words.
        let relation_adjectives = tsv_rows(ORG_HEADS)
            .filter(|r| r.get(1) == Some(&"ar-relation-adjective"))
            .filter_map(|r| r.first().map(|w| normalize(w)));
        let stop_ar: HashSet<String> = tsv_rows(NOT_NAMES_AR)
            .filter_map(|r| r.first().map(|w| normalize(w)))
            .chain(relation_adjectives)
            .chain(function_ar.iter().cloned())
            .collect();
        let title_words: HashSet<String> = tsv_rows(TITLES)
            .filter_map(|r| r.first().filter(|p| !p.contains(' ')).map(|p| normalize(p)))
            .collect();
        let title_heads: HashSet<String> = tsv_rows(TITLES)
            .filter_map(|r| r.first()?.split_once(' ').map(|(head, _)| normalize(head)))
            .collect();
        let (words, lists) = rayon::join(
            || name_words(&stop_ar, &function_ar, &title_words),
            || Lists::cues(nats, &stop_ar, &title_words),
        );
        let mut lists = lists?;
        (lists.name_words, lists.strong, lists.homograph_spellings) = words;
        (lists.stop_ar, lists.title_words) = (stop_ar, title_words);
        lists.title_heads = title_heads;
        lists.title_ends = tsv_rows(TITLES)
            .filter_map(|r| {
                let last = r.first()?.rsplit(' ').next()?;
                Some(normalize(last).trim_end_matches('.').to_string())
            })
            .collect();
        lists.function_ar = function_ar;
        Ok(lists)
    }

    /// Everything but the name words ([`name_words`]) and the two sets given, which are
    /// left empty for [`Lists::builtin`] to move in.
    fn cues(
        nats: &Nationalities,
        stop_ar: &HashSet<String>,
        title_words: &HashSet<String>,
    ) -> Result<Lists, Error> {
        let mut index: HashMap<String, usize> = HashMap::default();
        let mut legal_forms_en: HashSet<String> = HashSet::default();
        let mut office_suffixes_en: HashSet<String> = HashSet::default();
        let mut org_adjectives_ar: HashSet<String> = HashSet::default();
        let mut place_nouns_ar: HashSet<String> = HashSet::default();
        let mut org_heads_ar: HashSet<String> = HashSet::default();
        let mut honorifics_en: HashSet<String> = HashSet::default();
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
        for row in tsv_rows(TITLES) {
            let (Some(p), Some(lang)) = (row.first(), row.get(1)) else {
                return Err(data_err("titles.tsv", format!("bad row {row:?}")));
            };
            let cue = match *lang {
                "ar" => Cue::TitleAr,
                "en" => Cue::TitleEn {
                    case: p.chars().next().is_some_and(char::is_uppercase),
                    acronym: p.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && !p.chars().any(char::is_lowercase),
                    first_name: match row.get(2).copied() {
                        None | Some("") => false,
                        Some("first-name") => true,
                        Some("honorific") => {
                            honorifics_en.insert((*p).to_string());
                            false
                        }
                        Some(other) => {
                            return Err(data_err("titles.tsv", format!("unknown need {other}")))
                        }
                    },
                },
                other => return Err(data_err("titles.tsv", format!("unknown lang {other}"))),
            };
            add(p, cue);
        }
        for row in tsv_rows(ORG_HEADS) {
            let (Some(p), Some(kind)) = (row.first(), row.get(1)) else {
                return Err(data_err("org-heads.tsv", format!("bad row {row:?}")));
            };
            let cue = match *kind {
                "ar-head" | "ar-head-field" | "ar-definite-field" | "ar-latin" | "ar-media" => {
                    let norm = normalize(p);
                    let definite = norm.starts_with("ال");
                    org_heads_ar.insert(norm);
                    Cue::OrgHeadAr {
                        definite,
                        latin_only: *kind == "ar-latin",
                        media: *kind == "ar-media",
                        field: matches!(*kind, "ar-head-field" | "ar-definite-field"),
                    }
                }
                "ar-name-adjective" => {
                    org_adjectives_ar.insert(normalize(p));
                    continue;
                }
                // Read into the stop words (`Lists::builtin`).
                "ar-relation-adjective" => continue,
                "ar-place-noun" => {
                    place_nouns_ar.insert(normalize(p));
                    continue;
                }
                "en-head" => Cue::OrgHeadEn,
                "en-kind" => Cue::OrgKindEn,
                "en-suffix" => Cue::OrgSuffixEn,
                "en-suffix-office" => {
                    office_suffixes_en.insert(normalize(p));
                    Cue::OrgSuffixEn
                }
                "en-legal" => {
                    legal_forms_en.insert(normalize(p).trim_end_matches('.').to_string());
                    Cue::OrgSuffixEn
                }
                other => return Err(data_err("org-heads.tsv", format!("unknown kind {other}"))),
            };
            add(p, cue);
        }
        for row in tsv_rows(GROUP_CUES) {
            let (Some(p), Some(kind)) = (row.first(), row.get(1)) else {
                return Err(data_err("group-cues.tsv", format!("bad row {row:?}")));
            };
            let cue = match *kind {
                "ar-head" => Cue::GroupHeadAr { vague: false },
                "ar-head-vague" => Cue::GroupHeadAr { vague: true },
                "ar-kind" => Cue::GroupKindAr,
                "en-head" => Cue::GroupHeadEn,
                "en-kind" => Cue::GroupKindEn,
                "ar-called" => Cue::CalledAr,
                "en-called" => Cue::CalledEn,
                "hackers" => Cue::Hackers,
                other => return Err(data_err("group-cues.tsv", format!("unknown kind {other}"))),
            };
            add(p, cue);
        }
        for row in tsv_rows(REPORTING) {
            match (row.first(), row.get(1)) {
                (Some(p), Some(&"ar")) => add(p, Cue::ReportAr),
                (Some(p), Some(&"en")) => add(p, Cue::ReportEn),
                _ => {}
            }
        }
        let mut first_ar = HashSet::default();
        let mut first_ar_homographs = HashSet::default();
        for row in tsv_rows(FIRST_AR) {
            if let Some(w) = row.first() {
                let n = normalize(w);
                if n.chars().count() < 2 || title_words.contains(&n) {
                    continue;
                }
                if stop_ar.contains(&n) {
                    first_ar_homographs.insert(n);
                } else {
                    add(w, Cue::FirstAr);
                    first_ar.insert(n);
                }
            }
        }
        let mut stop_en: HashSet<String> = HashSet::default();
        for row in tsv_rows(FIRST_EN_STOP) {
            let Some(w) = row.first() else { continue };
            match row.get(1).copied() {
                None | Some("") => {}
                Some("inside") => add(w, Cue::FirstEnInside),
                Some(other) => {
                    return Err(data_err(
                        "first-names-en-stop.tsv",
                        format!("unknown use {other}"),
                    ))
                }
            }
            stop_en.insert(normalize(w));
        }
        // With its full stop: a letter alone ("a", "I") is no cue.
        for c in 'a'..='z' {
            add(&format!("{c}."), Cue::InitialEn);
        }
        let (mut place_enders_en, mut postnominals_en) = (HashSet::default(), HashSet::default());
        for row in tsv_rows(NAME_ENDERS_EN) {
            let Some(w) = row.first() else { continue };
            match row.get(1).copied() {
                Some("place") => place_enders_en.insert(normalize(w)),
                Some("postnominal") => postnominals_en.insert(normalize(w)),
                other => {
                    return Err(data_err(
                        "name-enders-en.tsv",
                        format!("unknown use {other:?} for {w}"),
                    ))
                }
            };
        }
        let mut first_en = HashSet::default();
        for row in tsv_rows(FIRST_EN) {
            if let Some(w) = row.first() {
                let n = normalize(w);
                if !stop_en.contains(&n) && !title_words.contains(&n) {
                    add(w, Cue::FirstEn);
                    first_en.insert(n);
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
            let name_cue = c.iter().any(|c| {
                matches!(
                    c,
                    Cue::FirstAr
                        | Cue::FirstEn
                        | Cue::FirstEnInside
                        | Cue::InitialEn
                        | Cue::ThreatPrefix
                )
            });
            if !p.contains(' ') && !name_cue {
                blocked.insert(p.clone());
            }
        }
        let mut by_first: HashMap<String, Vec<u32>> = HashMap::default();
        for (i, p) in patterns.iter().enumerate() {
            let first = first_word(p);
            if first.is_empty() {
                return Err(data_err(
                    "*",
                    format!("cue {p:?} does not start with a word"),
                ));
            }
            let id = u32::try_from(i).map_err(|e| data_err("*", e.to_string()))?;
            by_first.entry(first.to_string()).or_default().push(id);
        }
        for ids in by_first.values_mut() {
            ids.sort_by_key(|&i| {
                std::cmp::Reverse(patterns.get(i as usize).map_or(0, String::len))
            });
        }
        let by_first = WordIndex::new(by_first.into_iter().map(|(k, ids)| (k.into_bytes(), ids)));
        let mut threat_first = [false; 256];
        for (p, c) in patterns.iter().zip(&cues) {
            if let Some(b) = p.bytes().next().filter(|_| c.contains(&Cue::ThreatPrefix)) {
                threat_first[usize::from(b)] = true;
            }
        }
        let glued = glued_searcher(&patterns, &cues)?;
        Ok(Lists {
            patterns,
            cues,
            by_first,
            threat_first,
            glued,
            name_words: HashMap::default(),
            homograph_spellings: HashMap::default(),
            allah_compounds: tsv_rows(ALLAH_COMPOUNDS)
                .filter_map(|r| r.first().map(|w| normalize(w)))
                .collect(),
            clause_ar: tsv_rows(CLAUSE_AR)
                .filter_map(|r| r.first().map(|w| normalize(w)))
                .collect(),
            named_for_ar: tsv_rows(NAMED_FOR_AR)
                .filter_map(|r| r.first().map(|w| normalize(w)))
                .collect(),
            first_ar_homographs,
            function_ar: HashSet::default(),
            strong: HashSet::default(),
            first_ar,
            first_en,
            place_enders_en,
            postnominals_en,
            legal_forms_en,
            office_suffixes_en,
            org_adjectives_ar,
            place_nouns_ar,
            org_heads_ar,
            stop_ar: HashSet::default(),
            title_words: HashSet::default(),
            title_heads: HashSet::default(),
            title_ends: HashSet::default(),
            honorifics_en,
            blocked,
        })
    }

    /// The built-in lists, compiled once per process.
    ///
    /// They are compiled outside the cell's lock: [`Lists::builtin`] uses rayon, and a
    /// rayon worker that waits for its half of a join may run another job that asks for
    /// these lists; with `get_or_init` that job would wait for a lock its own thread
    /// holds, or every worker would wait for a builder that needs one of them (seen as
    /// a hung test run with several pipelines built at once). Two callers that race may
    /// both compile the lists; the first to finish is kept.
    pub fn shared() -> Result<&'static Lists, Error> {
        static L: OnceLock<Result<Lists, String>> = OnceLock::new();
        let lists = match L.get() {
            Some(l) => l,
            None => {
                let built = Lists::builtin(Nationalities::builtin()).map_err(|e| e.to_string());
                // The lock is held only to move the lists in. Another caller may have set
                // them meanwhile: either value is the same.
                L.get_or_init(|| built)
            }
        };
        match lists {
            Ok(l) => Ok(l),
            Err(msg) => Err(data_err("*", msg.clone())),
        }
    }

    /// True for a normalized Arabic word some name list has (a name word with an English
    /// spelling, a sure name token, a first name).
    pub fn name_word(&self, w: &str) -> bool {
        self.name_words.contains_key(w) || self.strong.contains(w) || self.is_first_ar(w)
    }

    /// An Arabic first name (normalized): one of [`Self::first_ar`], or a compound of عبد
    /// and a divine name written as one word ("عبدالعزيز", as often as "عبد العزيز").
    pub fn is_first_ar(&self, w: &str) -> bool {
        self.first_ar.contains(w) || abd_compound(w).is_some()
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
                && !self.is_first_ar(norm_word)
                && !self.blocked.contains(norm_word))
    }

    /// True for a normalized Arabic word that may stand alone for a person the document
    /// named in full with it as the last word, though no list knows it as a name: a word of
    /// four letters or more without the article (a transliterated family name such as
    /// "فيرجسون"; a word with the article is as often an adjective or a noun), neither a
    /// first name nor a stop, function or cue word, a place noun, a title or a head noun,
    /// and not shaped as a verb (a name rule that ran over a verb, "… استقبل", gives it)
    /// or with a possessive suffix.
    pub fn open_surname_ar(&self, norm_word: &str) -> bool {
        norm_word.chars().count() >= 4
            && norm_word.chars().all(crate::text::is_arabic)
            && !norm_word.starts_with("ال")
            && !norm_word.starts_with("است")
            && !norm_word.ends_with("ها")
            && !norm_word.ends_with("هم")
            && !super::person::verb_shaped(norm_word)
            && !self.place_nouns_ar.contains(norm_word)
            && !self.org_heads_ar.contains(norm_word)
            && !self.title_words.contains(norm_word)
            && !self.is_first_ar(norm_word)
            && !self.first_ar_homographs.contains(norm_word)
            && !self.blocked.contains(norm_word)
            && !self.stop_ar.contains(norm_word)
            && !self.function_ar.contains(norm_word)
    }

    /// The first words of the cues as a filter: [`crate::text::Words`] marked by it let
    /// [`Self::hits`] skip words without hashing them.
    pub fn cue_filter(&self) -> &WordFilter {
        self.by_first.filter()
    }

    /// Every cue of the text: whole words (Arabic ones may carry proclitics), left to right,
    /// longest first among cues starting at the same place. `words` are the words of the
    /// normalized text marked by [`Self::cue_filter`].
    ///
    /// Only the marked starts are looked up, and the places where a threat-actor prefix
    /// is glued to digits ([`Self::glued_starts`]): any other start begins no cue, as
    /// its word is not the first word of a cue. So the cost is a look-up per marked
    /// start; the unmarked words are not even in `words`.
    pub fn hits(&self, prep: &Prepared<'_>, words: &Words) -> Vec<Hit> {
        let hay = prep.norm_text();
        let bytes = hay.as_bytes();
        let glued = self.glued_starts(hay);
        // About a hit per marked word: the list is allocated once.
        let mut out = Vec::with_capacity(words.ranges().len() + glued.len());
        // End of the last hit: words inside a multi-word cue are not looked at again.
        let mut pos = 0usize;
        for_each_marked(words, &glued, |w, mark| {
            if w.start < pos {
                return;
            }
            // Proclitics are Arabic letters: an ASCII word has one start only.
            let found = if bytes.get(w.start).is_some_and(u8::is_ascii) {
                self.longest_at(hay, w.start, w.end).map(|f| (w.start, f))
            } else {
                name_starts(hay, w.start)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(k, s)| s.filter(|_| mark >> k & 1 != 0))
                    .find_map(|s| self.longest_at(hay, s, w.end).map(|f| (s, f)))
            };
            if let Some((s, (he, pat))) = found {
                for &cue in self.cues.get(pat).into_iter().flatten() {
                    out.push(Hit { s, e: he, cue });
                }
                pos = he;
            }
        });
        ali_cues(prep, &mut out);
        out
    }

    /// The name starts where a threat-actor prefix glued to its digits may begin
    /// ("apt29"), as (word, bit of the start), in order: the first-word filter that
    /// marks the words cannot see them, the word being "apt29".
    ///
    /// One search for the prefixes over the whole text: a prefix found at a name start
    /// and followed by a digit is kept (the look-up then decides, as for any start). A
    /// prefix is ASCII letters, so it cannot run over a later name start (one follows a
    /// non-word character or Arabic proclitic letters) and the matches need not overlap.
    #[inline(never)]
    fn glued_starts(&self, hay: &str) -> Vec<(Range<usize>, u8)> {
        let mut out = Vec::new();
        let Some(ac) = &self.glued else {
            return out;
        };
        let bytes = hay.as_bytes();
        for m in ac.find_iter(hay) {
            let s = m.start();
            // Right before a digit, and not after a Latin letter or digit (inside a
            // word): most matches ("ta" in "data") end here, before any search.
            let digit = bytes.get(m.end()).is_some_and(u8::is_ascii_digit);
            let inside = s
                .checked_sub(1)
                .and_then(|p| bytes.get(p))
                .is_some_and(u8::is_ascii_alphanumeric);
            if !digit || inside {
                continue;
            }
            // The word the match is in (`s` is a letter): a name start is at most two
            // proclitic letters into it, so the walk back is short or ends at once.
            let ws = word_start(hay, s);
            let k = name_starts(hay, ws)
                .into_iter()
                .position(|st| st == Some(s));
            match (k, out.last_mut()) {
                (Some(k), Some((w, bits))) if w.start == ws => *bits |= 1 << k,
                (Some(k), _) => out.push((ws..word_end(hay, s), 1 << k)),
                (None, _) => {}
            }
        }
        out
    }

    /// End and id of the longest cue that starts at `s` (inside the word ending at `we`)
    /// and ends where a cue may end.
    #[inline(never)]
    fn longest_at(&self, hay: &str, s: usize, we: usize) -> Option<(usize, usize)> {
        let key = hay.as_bytes().get(s..we)?;
        if let Some(ids) = self.by_first.get(key) {
            if let Some(found) = self.longest_of(hay, s, ids) {
                return Some(found);
            }
        }
        // A threat-actor prefix glued to its digits ("apt29"). Only a threat prefix can
        // end before a digit, so words starting with any other letter (nearly all words
        // of English text) skip the search for a digit.
        if !key
            .first()
            .is_some_and(|&b| self.threat_first[usize::from(b)])
        {
            return None;
        }
        let d = key.iter().position(u8::is_ascii_digit).filter(|&d| d > 0)?;
        let ids = self.by_first.get(key.get(..d)?)?;
        self.longest_of(hay, s, ids)
    }

    /// The longest of the cues `ids` (all with the same first word) that the text has at
    /// `s`, ending where a cue may end.
    fn longest_of(&self, hay: &str, s: usize, ids: &[u32]) -> Option<(usize, usize)> {
        let rest = hay.as_bytes().get(s..)?;
        ids.iter().find_map(|&id| {
            let id = id as usize;
            let p = self.patterns.get(id)?;
            if !rest.starts_with(p.as_bytes()) {
                return None;
            }
            let e = s + p.len();
            self.ends_cue(hay, e, id).then_some((e, id))
        })
    }

    /// True when pattern `pat` may end at `e`: before a non-word character, or before a
    /// digit for a threat-actor prefix.
    fn ends_cue(&self, hay: &str, e: usize, pat: usize) -> bool {
        let threat = self
            .cues
            .get(pat)
            .is_some_and(|c| c.contains(&Cue::ThreatPrefix));
        let next = hay.get(e..).and_then(|r| r.chars().next());
        if threat {
            next.is_some_and(|c| c.is_ascii_digit())
        } else {
            !next.is_some_and(is_word_char)
        }
    }
}

/// Calls `f`, in order, with the range and mark of every word of `words` (the marked
/// words) and of `extra`: `extra` holds (word, bits) in text order, and the bits of a
/// word in both are added to its mark.
fn for_each_marked(
    words: &Words,
    extra: &[(Range<usize>, u8)],
    mut f: impl FnMut(&Range<usize>, u8),
) {
    let mut extra = extra.iter().peekable();
    for (w, &mark) in words.ranges().iter().zip(words.marks()) {
        // The extra words before this one, then its own extra bits.
        let mut mark = mark;
        while let Some((x, bits)) = extra.next_if(|(x, _)| x.start <= w.start) {
            if x.start == w.start {
                mark |= bits;
            } else {
                f(x, *bits);
            }
        }
        f(w, mark);
    }
    for (x, bits) in extra {
        f(x, *bits);
    }
}

/// The search for the cues that may end right before a digit inside a word: threat-actor
/// prefixes made of word characters, none a digit (a digit would end the part before
/// it). Leftmost-longest: of the prefixes starting at one place, the one that a digit
/// can follow is the longest that matches (a longer one would go on with a letter).
///
/// They must be ASCII letters, which [`Lists::glued_starts`] relies on: such a match
/// cannot cover the place where a name starts (after a non-word character or Arabic
/// proclitic letters), so the search need not report overlapping matches.
fn glued_searcher(patterns: &[String], cues: &[Vec<Cue>]) -> Result<Option<AhoCorasick>, Error> {
    let mut glued = Vec::new();
    for (p, c) in patterns.iter().zip(cues) {
        if !c.contains(&Cue::ThreatPrefix)
            || !p.chars().all(|ch| is_word_char(ch) && !ch.is_ascii_digit())
        {
            continue;
        }
        if !p.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(data_err(
                "*",
                format!("threat-actor prefix {p:?} is not ASCII letters"),
            ));
        }
        glued.push(p.as_str());
    }
    if glued.is_empty() {
        return Ok(None);
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(glued)
        .map(Some)
        .map_err(|e| data_err("*", e.to_string()))
}

/// The leading run of word characters of a cue phrase.
fn first_word(p: &str) -> &str {
    let end = p.find(|c: char| !is_word_char(c)).unwrap_or(p.len());
    p.get(..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<(String, Cue)> {
        let l = Lists::shared().expect("built-in lists");
        let prep = Prepared::new(text, None);
        let hay = prep.norm_text();
        let words = Words::split(hay, l.cue_filter());
        l.hits(&prep, &words)
            .into_iter()
            .map(|h| (hay[h.s..h.e].to_string(), h.cue))
            .collect()
    }

    #[test]
    fn cues_at_word_starts_and_after_proclitics() {
        let c = cues("قال الرئيس ووزير الخارجية أمس");
        let words: Vec<&str> = c.iter().map(|(w, _)| w.as_str()).collect();
        // The longest phrase wins, after the proclitic و.
        let expected = [
            normalize("قال"),
            normalize("الرئيس"),
            normalize("وزير الخارجية"),
        ];
        assert_eq!(words, expected, "{c:?}");
        // No cue inside a longer word.
        let president = normalize("الرئيس");
        assert!(cues("الرئيسية").iter().all(|(w, _)| *w != president));
    }

    #[test]
    fn list_entries_are_read_in_normal_form() {
        // First names written with and without hamza seats or taa marbuta are found in
        // either spelling: the lists hold them normalized, as the text is searched.
        for (written, spelled) in [
            ("محمد", "محمد"),
            ("آدم", "ادم"),
            ("ادم", "ادم"),
            ("حمزة", "حمزه"),
            ("حمزه", "حمزه"),
            ("مصطفى", "مصطفي"),
        ] {
            let found = cues(&format!("قال {written} امس"));
            assert!(
                found
                    .iter()
                    .any(|(w, c)| w == spelled && *c == Cue::FirstAr),
                "{written}: {found:?}"
            );
        }
    }

    #[test]
    fn threat_prefix_needs_digits() {
        let c = cues("APT29 and apt group, Storm-0558");
        assert!(
            c.iter().any(|(w, k)| w == "apt" && *k == Cue::ThreatPrefix),
            "{c:?}"
        );
        assert!(
            c.iter()
                .any(|(w, k)| w == "storm-" && *k == Cue::ThreatPrefix),
            "{c:?}"
        );
        assert_eq!(
            c.iter().filter(|(_, k)| *k == Cue::ThreatPrefix).count(),
            2,
            "{c:?}"
        );
    }

    #[test]
    fn dotted_title_needs_a_space_after() {
        let c = cues("Dr. Anna Keller");
        assert!(c.iter().any(|(w, _)| w == "dr."), "{c:?}");
        assert!(cues("Dr.Anna").iter().all(|(w, _)| w != "dr."));
    }
}

/// The cue search as it was before it skipped unmarked words: every word is looked at,
/// and a word the first-word filter rejected is looked up when it starts like a
/// threat-actor prefix and has digits. The reference [`Lists::hits`] must agree with.
#[cfg(test)]
mod reference {
    use super::*;

    pub(super) fn hits(l: &Lists, prep: &Prepared<'_>) -> Vec<(usize, usize, Cue)> {
        let hay = prep.norm_text();
        let bytes = hay.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0usize;
        // Every word with its mark, the unmarked ones too.
        for w in &crate::text::word_ranges(hay) {
            let mark = crate::text::start_marks(hay, w.clone(), l.cue_filter());
            if w.start < pos || (mark == 0 && !threat_may_start(l, bytes, w.start)) {
                continue;
            }
            let found = if bytes.get(w.start).is_some_and(u8::is_ascii) {
                may_start(l, bytes, w.start, w.end, mark & 1 != 0)
                    .then(|| l.longest_at(hay, w.start, w.end))
                    .flatten()
                    .map(|f| (w.start, f))
            } else {
                name_starts(hay, w.start)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(k, s)| {
                        s.filter(|&s| may_start(l, bytes, s, w.end, mark >> k & 1 != 0))
                    })
                    .find_map(|s| l.longest_at(hay, s, w.end).map(|f| (s, f)))
            };
            if let Some((s, (he, pat))) = found {
                for &cue in l.cues.get(pat).into_iter().flatten() {
                    out.push((s, he, cue));
                }
                pos = he;
            }
        }
        out
    }

    fn threat_may_start(l: &Lists, bytes: &[u8], ws: usize) -> bool {
        let threat = |s: usize| {
            bytes
                .get(s)
                .is_some_and(|&b| l.threat_first[usize::from(b)])
        };
        match bytes.get(ws) {
            Some(b) if b.is_ascii() => threat(ws),
            _ => threat(ws) || threat(ws + 2) || threat(ws + 4),
        }
    }

    fn may_start(l: &Lists, bytes: &[u8], s: usize, we: usize, marked: bool) -> bool {
        marked
            || bytes.get(s..we).is_some_and(|key| {
                key.first().is_some_and(|&b| l.threat_first[usize::from(b)])
                    && key
                        .iter()
                        .position(u8::is_ascii_digit)
                        .filter(|&d| d > 0)
                        .and_then(|d| key.get(..d))
                        .is_some_and(|head| l.cue_filter().may_contain(head))
            })
    }
}

#[cfg(test)]
mod equivalence {
    use super::*;

    /// Pieces of test texts: cue words of every list (titles, heads, first names,
    /// nationalities, reporting verbs, threat-actor prefixes with and without their
    /// digits), proclitics, words that merely start like a cue, digits, punctuation
    /// and Latin letters glued to Arabic ones.
    const PARTS: [&str; 44] = [
        " ",
        "  ",
        ", ",
        ".",
        "\n",
        "-",
        "\"",
        "الرئيس",
        "وزير",
        "الخارجية",
        "قال",
        "محمد",
        "حمزة",
        "و",
        "ف",
        "ب",
        "ل",
        "ال",
        "شركة",
        "مجموعة",
        "قراصنة",
        "روسي",
        "apt",
        "APT",
        "29",
        "unc",
        "2452",
        "ta",
        "fin",
        "7",
        "storm",
        "Storm-",
        "0558",
        "dev-",
        "temp.",
        "Dr.",
        "Dr",
        "Minister",
        "said",
        "hackers",
        "Russian",
        "data",
        "١٢",
        "x",
    ];

    fn check(text: &str) -> Result<(), String> {
        let l = Lists::shared().map_err(|e| e.to_string())?;
        let prep = Prepared::new(text, None);
        let words = Words::split(prep.norm_text(), l.cue_filter());
        let new: Vec<_> = l
            .hits(&prep, &words)
            .iter()
            .map(|h| (h.s, h.e, h.cue))
            .collect();
        let old = reference::hits(l, &prep);
        if new == old {
            Ok(())
        } else {
            Err(format!("{text:?}: {new:?} != {old:?}"))
        }
    }

    #[test]
    fn skipping_unmarked_words_finds_the_same_cues() {
        for text in [
            "apt29 and APT28, unc2452 ta505 fin7 ta x-apt1 dataapt3 وapt29 Storm-0558",
            "قال الرئيس ووزير الخارجية محمد apt29 و apt 29",
            "fin7fin8 apt29apt ta1ta2 apt-29 ٢٠٢١apt",
            "",
        ] {
            check(text).unwrap();
        }
        // Every glued prefix at every place of a longer text.
        let mut long = String::new();
        for i in 0..200 {
            long.push_str(PARTS[i * 7 % PARTS.len()]);
        }
        check(&long).unwrap();
    }

    proptest::proptest! {
        #[test]
        fn the_cue_search_matches_the_reference(
            parts in proptest::collection::vec(0usize..PARTS.len(), 0..40)
        ) {
            let text: String = parts.iter().map(|&k| PARTS[k]).collect();
            proptest::prop_assert_eq!(check(&text), Ok(()));
        }
    }

    #[test]
    fn marked_words_and_extras_come_in_order() {
        // Words a..s; the filter marks c, k and s (and, being 64 bits, maybe others).
        let hay = "a b c d e f g h i j k l m n o p q r s";
        let mut filter = WordFilter::new(6);
        for w in ["c", "k", "s"] {
            filter.insert(w.as_bytes());
        }
        let words = Words::split(hay, &filter);
        let all = crate::text::word_ranges(hay);
        let extra: Vec<(Range<usize>, u8)> = [(0, 2), (2, 4), (9, 1), (18, 2)]
            .into_iter()
            .map(|(i, bits)| (all[i].clone(), bits))
            .collect();
        let mut seen = Vec::new();
        for_each_marked(&words, &extra, |w, m| seen.push((w.start / 2, m)));
        // Every word with a mark or an extra once, in order, with the extra bits added.
        let expected: Vec<(usize, u8)> = all
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let bits = extra.iter().find(|e| e.0 == *w).map_or(0, |e| e.1);
                let mark = crate::text::start_marks(hay, w.clone(), &filter) | bits;
                (mark != 0).then_some((i, mark))
            })
            .collect();
        assert_eq!(seen, expected);
        assert!(seen.contains(&(2, 5)), "{seen:?}");
        assert!(seen.iter().any(|&(i, m)| i == 0 && m & 2 != 0), "{seen:?}");
        // Only the marked words are kept.
        assert!(words.marks().iter().all(|&m| m != 0));
        assert!(words.ranges().len() < all.len());
    }
}
