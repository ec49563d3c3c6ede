//! Text preparation: the normalized view with its offset map, sentences, clauses, word
//! boundaries and the document language. Every annotator works on one [`Prepared`].

mod normalize;
mod sentences;
mod words;

use std::ops::Range;
use std::sync::OnceLock;

pub use normalize::{
    is_arabic, is_word_char, normalize, normalize_keep_case, push_normalized, word_char_at,
    LetterCounts, Normalized, LANG_SAMPLE,
};
pub use sentences::{split_clauses, split_sentences};
pub use words::{
    push_word_ranges, start_marks, word_before, word_end, word_hash, word_ranges, word_start,
    WordFilter, Words,
};

/// Language of a document as khabar reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
    Mixed,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Mixed => "mixed",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "ara" | "arabic" => Some(Lang::Ar),
            "en" | "eng" | "english" => Some(Lang::En),
            "mixed" => Some(Lang::Mixed),
            _ => None,
        }
    }
}

/// Detects the language from the share of Arabic among letters: at least 70% Arabic is
/// `ar`, at most 30% is `en`, between is `mixed`. `None` for text without letters.
///
/// Counts over the first 64 KiB: ASCII letters are Latin; U+0621..U+06D3 letters are
/// Arabic. Enough to tell the language of a news article. The counting is done by
/// [`Normalized::new`], which [`Prepared`] runs anyway; this normalizes only the sample.
pub fn detect_lang(text: &str) -> Option<Lang> {
    let mut end = text.len().min(LANG_SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    lang_of(text, Normalized::new(&text[..end]).letters())
}

/// The language from the letter counts of `text`'s start.
fn lang_of(text: &str, letters: LetterCounts) -> Option<Lang> {
    let (ar, lat) = (letters.arabic, letters.latin);
    let total = ar + lat;
    if total == 0 {
        // Letters of other scripts only (or none): count them as not Arabic.
        let others = text
            .chars()
            .take(4096)
            .filter(|c| c.is_alphabetic())
            .count();
        return (others > 0).then_some(Lang::En);
    }
    let share = ar as f64 / total as f64;
    Some(if share >= 0.7 {
        Lang::Ar
    } else if share <= 0.3 {
        Lang::En
    } else {
        Lang::Mixed
    })
}

/// How many bytes of `bytes` satisfy `pred`. Counted in byte-wide lanes, 255 bytes at a
/// time so that a lane cannot overflow: the compiler turns that into wide vector adds,
/// where `filter().count()` into a `usize` stays a byte at a time.
#[inline]
pub fn count_bytes(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(pred(b)))))
        .sum()
}

/// Converts original byte offsets to Unicode code point offsets (what the contract's
/// `start`/`end` are) in O(1) amortized: a sampled table every 64 bytes, then a count of
/// the few bytes in between.
#[derive(Debug, Clone)]
pub struct CharIndex {
    samples: Vec<u32>,
}

const SAMPLE: usize = 64;

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut samples = Vec::with_capacity(bytes.len() / SAMPLE + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(SAMPLE) {
            samples.push(count);
            count += count_bytes(chunk, is_char_start) as u32;
        }
        samples.push(count);
        CharIndex { samples }
    }

    /// Code point offset of byte offset `b` of `text` (the text this index was built on).
    pub fn char_offset(&self, text: &str, b: usize) -> usize {
        let b = b.min(text.len());
        let k = b / SAMPLE;
        let base = self.samples[k] as usize;
        base + count_bytes(&text.as_bytes()[k * SAMPLE..b], is_char_start)
    }
}

/// True for a byte that starts a UTF-8 character (not a continuation byte).
#[inline]
fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// True when `text[r]` is a word of its own: no word character after it, and none
/// before it but for one of `clitics` (Arabic proclitic letters, "و" of "وعلى") that
/// itself follows no word character.
pub fn stands_alone(text: &str, r: Range<usize>, clitics: &[char]) -> bool {
    let (Some(head), Some(tail)) = (text.get(..r.start), text.get(r.end..)) else {
        return false;
    };
    let mut before = head.chars().rev();
    let lone = match before.next() {
        Some(c) if clitics.contains(&c) => !before.next().is_some_and(is_word_char),
        b => !b.is_some_and(is_word_char),
    };
    lone && !tail.chars().next().is_some_and(is_word_char)
}

/// A document's text, ready for annotation.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The original text, as decoded.
    pub orig: &'a str,
    /// Normalized view and offset map.
    pub norm: Normalized,
    /// Sentences as byte ranges of `orig`.
    pub sentences: Vec<Range<usize>>,
    pub lang: Option<Lang>,
    chars: OnceLock<CharIndex>,
    clauses: OnceLock<Vec<Range<usize>>>,
    alef_maqsura: OnceLock<bool>,
}

impl<'a> Prepared<'a> {
    /// Prepares `text`; `lang` overrides detection when the input states a language.
    pub fn new(text: &'a str, lang: Option<Lang>) -> Prepared<'a> {
        let mut norm = Normalized::new(text);
        let lang = lang.or_else(|| lang_of(text, norm.letters()));
        let (sentences, wraps) = sentences::sentences_and_wraps(text);
        for w in wraps {
            norm.unwrap_line(w);
        }
        Prepared {
            orig: text,
            norm,
            sentences,
            lang,
            chars: OnceLock::new(),
            clauses: OnceLock::new(),
            alef_maqsura: OnceLock::new(),
        }
    }

    /// The normalized text.
    #[inline]
    pub fn norm_text(&self) -> &str {
        &self.norm.text
    }

    /// Maps a normalized byte range to the original byte range.
    #[inline]
    pub fn to_orig(&self, r: Range<usize>) -> Range<usize> {
        self.norm.span_to_orig(r, self.orig)
    }

    /// Normalized byte offset of an original byte offset.
    #[inline]
    pub fn to_norm(&self, ob: usize) -> usize {
        self.norm.to_norm(ob)
    }

    /// True when normalized byte `ns` starts the date of a dateline: at most five
    /// capitalized words and a comma stand between it and the start of its line
    /// ("TARNOW, Minn., April 2 -"). Shared by the date parser (a dateline's date and its
    /// dash are no range) and event dating (the day of the report).
    pub fn after_dateline_place(&self, ns: usize) -> bool {
        let norm = self.norm_text();
        let head = norm.get(..ns).unwrap_or_default();
        let line = head.rsplit('\n').next().unwrap_or(head);
        let Some(place) = line.trim_end().strip_suffix(',') else {
            return false;
        };
        let words = place.split_whitespace().count();
        let start = ns - line.len();
        let orig = self.orig.get(self.to_orig(start..start + place.len()));
        (1..=5).contains(&words)
            && !place.contains('"')
            && orig.is_some_and(|o| {
                o.split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            })
    }

    /// Index of the sentence that contains original byte `ob` (the nearest one before it
    /// when `ob` falls between sentences).
    pub fn sentence_of(&self, ob: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= ob)
            .saturating_sub(1)
    }

    /// Clauses of all sentences, in order (byte ranges of `orig`).
    pub fn clauses(&self) -> &[Range<usize>] {
        self.clauses.get_or_init(|| {
            self.sentences
                .iter()
                .flat_map(|s| split_clauses(self.orig, s.clone()))
                .collect()
        })
    }

    /// Code point offset of original byte offset `ob`.
    pub fn char_offset(&self, ob: usize) -> usize {
        self.chars
            .get_or_init(|| CharIndex::new(self.orig))
            .char_offset(self.orig, ob)
    }

    /// True when the text keeps alef maqsura (ى) apart from ي: it writes the preposition
    /// على with ى (alone or after و or ف) at least once, and never writes with ي a word
    /// that has only the ى spelling ("حتي" for حتى, "الي" for إلى, "أخري" for أخرى).
    /// Normalization folds ى into ي, as many writers do; a text that keeps the two
    /// letters apart writes the name Ali ("علي") with ي and the preposition with ى, so
    /// only there does the spelling tell them apart. A text that mixes the spellings (a
    /// careless writer, or sentences from many sources) may write the preposition
    /// either way.
    pub fn keeps_alef_maqsura(&self) -> bool {
        *self.alef_maqsura.get_or_init(|| {
            /// Words whose only spelling ends in ى, written with ي.
            const FOLDED: [&str; 6] = ["حتي", "الي", "إلي", "أخري", "اخري", "الأخري"];
            let orig = self.orig;
            let alone = |word: &str, clitics: &[char]| {
                memchr::memmem::find_iter(orig.as_bytes(), word)
                    .any(|at| stands_alone(orig, at..at + word.len(), clitics))
            };
            alone("على", &['\u{648}', '\u{641}']) && !FOLDED.iter().any(|w| alone(w, &[]))
        })
    }

    /// True when the original text at byte range `r` is a whole word: the characters
    /// before and after are not word characters.
    pub fn is_whole_word(&self, r: Range<usize>) -> bool {
        stands_alone(self.orig, r, &[])
    }
}

/// Word tokens of a string: maximal runs of word characters, as byte ranges.
pub fn word_spans(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut it = s.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (i, c) = it.next()?;
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            return Some(i..end);
        }
    })
}

/// True when the word at `pos` starts its sentence or line: nothing but blanks after a
/// line break, a full stop or an opening quote before it, or the start of the text.
pub fn starts_sentence(s: &str, pos: usize) -> bool {
    s.get(..pos)
        .unwrap_or_default()
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back()
        .map_or(true, |c| matches!(c, '\n' | '.' | '!' | '?' | '"' | '«'))
}

/// Arabic conjunctions written joined to the next word (و "and", ف "so").
pub fn is_conj_clitic(c: char) -> bool {
    c == 'و' || c == 'ف'
}

/// Arabic prepositions written joined to the next word (ب "with", ل "for", ك "like").
pub fn is_prep_clitic(c: char) -> bool {
    c == 'ب' || c == 'ل' || c == 'ك'
}

/// Where a name may start in the word starting at `ws`: the word start, after و/ف or
/// ب/ل/ك, and after و/ف + ب/ل/ك ("وبايدن", "لبوتين", "وللحزب").
pub fn name_starts(s: &str, ws: usize) -> [Option<usize>; 3] {
    // Read from the bytes: the gazetteer and the rules ask at every word start. The five
    // clitic letters are two bytes each: و U+0648, ف U+0641, ب U+0628, ل U+0644,
    // ك U+0643.
    let bytes = s.as_bytes();
    let letter = |i: usize| match (bytes.get(i), bytes.get(i + 1)) {
        (Some(&a), Some(&b)) => (u16::from(a) << 8) | u16::from(b),
        _ => 0,
    };
    let conj = |l: u16| l == 0xD988 || l == 0xD981;
    let prep = |l: u16| l == 0xD8A8 || l == 0xD984 || l == 0xD983;
    let mut out = [Some(ws), None, None];
    let a = letter(ws);
    if conj(a) || prep(a) {
        out[1] = Some(ws + 2);
        if conj(a) && prep(letter(ws + 2)) {
            out[2] = Some(ws + 4);
        }
    }
    out
}

/// True when `p` is a proclitic sequence that can stand in front of a name: و/ف, or
/// ب/ل/ك, or و/ف then ب/ل/ك.
pub fn is_proclitic(p: &str) -> bool {
    let mut chars = p.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), None, None) => is_conj_clitic(a) || is_prep_clitic(a),
        (Some(a), Some(b), None) => is_conj_clitic(a) && is_prep_clitic(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_line_reads_as_one_line_in_the_normalized_text() {
        // Invented wire copy: three breaks mid-phrase, then one before a capital.
        let t = "ORVALE, May 4 - Tarvco Holdings expects its twelve kilns\nto be fired by the foundry board before the first frost,\nand its glaze samples to be checked by inspectors of the\nguild that the regional council pays for by way of the Orvale\nDevelopment Fund.";
        let p = Prepared::new(t, None);
        assert!(!p.norm_text().contains('\n'), "{}", p.norm_text());
        assert!(p.norm_text().contains("orvale development fund"));
        assert_eq!(p.sentences.len(), 1);
        // Offsets are unchanged: the name maps back to its two lines.
        let at = p.norm_text().find("orvale development").unwrap();
        assert_eq!(&t[p.to_orig(at..at + 18)], "Orvale\nDevelopment");
        // A headline keeps its break.
        let p = Prepared::new("Tarvco seeks a loan\nTarvco Holdings said so.", None);
        assert!(p.norm_text().contains('\n'));
    }

    #[test]
    fn a_text_keeps_alef_maqsura_when_it_spells_the_preposition_with_it() {
        let keeps = |t: &str| Prepared::new(t, None).keeps_alef_maqsura();
        assert!(keeps("وصل الوفد على متن طائرة"));
        assert!(keeps("وعلى الجانب الآخر"));
        // Written with ي, or only inside another word ("أعلى").
        assert!(!keeps("وصل الوفد علي متن طائرة"));
        assert!(!keeps("المجلس الأعلى للقضاء"));
        assert!(!keeps("Ali said so."));
        // Both spellings: the text folds ى into ي elsewhere ("حتي").
        assert!(!keeps("وصل الوفد على متن طائرة حتي المطار"));
        assert!(keeps("وصل الوفد على متن طائرة حتى المطار"));
    }

    #[test]
    fn proclitics_and_name_starts() {
        assert!(is_proclitic("و") && is_proclitic("ل") && is_proclitic("وب"));
        assert!(!is_proclitic("") && !is_proclitic("بو") && !is_proclitic("ولل"));
        let s = "وبايدن";
        let (w, b) = ('و'.len_utf8(), 'ب'.len_utf8());
        assert_eq!(name_starts(s, 0), [Some(0), Some(w), Some(w + b)]);
        assert_eq!(name_starts("بايدن", 0), [Some(0), Some(b), None]);
        assert_eq!(name_starts("x Biden", 2), [Some(2), None, None]);
        // The byte reading agrees with the clitic letters' definitions at every word.
        let t = "وبايدن فلل لبوتين كتب وكان ب و بن xب وفي ف";
        for w in word_spans(t) {
            let mut by_chars = [Some(w.start), None, None];
            let mut it = t[w.start..].char_indices();
            if let Some((_, a)) = it
                .next()
                .filter(|&(_, a)| is_conj_clitic(a) || is_prep_clitic(a))
            {
                by_chars[1] = Some(w.start + a.len_utf8());
                if let Some((j, b)) = it.next() {
                    if is_conj_clitic(a) && is_prep_clitic(b) {
                        by_chars[2] = Some(w.start + j + b.len_utf8());
                    }
                }
            }
            assert_eq!(name_starts(t, w.start), by_chars, "{:?}", &t[w]);
        }
    }

    #[test]
    fn arabic_letters_by_their_bytes() {
        // Whatever path a character takes through the normalizer (a bulk run, a dropped
        // mark, a digit, the general match), it counts as the code point test says.
        for cp in 0x0600u32..0x0700 {
            let c = char::from_u32(cp).unwrap();
            let letter = normalize::is_counted_arabic_letter(cp);
            let counts = Normalized::new(&c.to_string()).letters();
            assert_eq!(counts.arabic, usize::from(letter), "U+{cp:04X}");
        }
        let counts = Normalized::new("a").letters();
        assert_eq!((counts.arabic, counts.latin), (0, 1));
    }

    #[test]
    fn word_chars_by_their_bytes() {
        let probe: String = (0x20u32..0x800)
            .chain([0x2019, 0x200C, 0x4E2D, 0x1F600, 0xFB50, 0xFEFB])
            .filter_map(char::from_u32)
            .collect();
        for (i, c) in probe.char_indices() {
            assert_eq!(
                word_char_at(&probe, i),
                (is_word_char(c), c.len_utf8()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn lang_detection() {
        assert_eq!(detect_lang("قال الرئيس الأمريكي"), Some(Lang::Ar));
        assert_eq!(detect_lang("The president said"), Some(Lang::En));
        assert_eq!(
            detect_lang("قال الرئيس REvil SolarWinds"),
            Some(Lang::Mixed)
        );
        assert_eq!(detect_lang("123 ..."), None);
    }

    #[test]
    fn bytes_are_counted_across_lanes() {
        // Longer than one 255-byte lane, with hits on both sides of each lane edge.
        let mut b = vec![b'a'; 1000];
        for i in [0, 254, 255, 256, 509, 510, 999] {
            b[i] = 0x01;
        }
        assert_eq!(count_bytes(&b, |b| b < 0x20), 7);
        assert_eq!(count_bytes(&[0x1F; 600], |b| b < 0x20), 600, "full lanes");
        assert_eq!(count_bytes(&[], |b| b < 0x20), 0);
        let t = "بايدن said ".repeat(100);
        assert_eq!(count_bytes(t.as_bytes(), is_char_start), t.chars().count());
    }

    #[test]
    fn char_offsets() {
        let t = "بايدن said ".repeat(40);
        let ci = CharIndex::new(&t);
        for (ci_expected, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ci.char_offset(&t, b), ci_expected);
        }
        assert_eq!(ci.char_offset(&t, t.len()), t.chars().count());
    }

    #[test]
    fn words() {
        let w: Vec<&str> = word_spans("قال: بايدن، (REvil) 2021!")
            .map(|r| &"قال: بايدن، (REvil) 2021!"[r])
            .collect();
        assert_eq!(w, vec!["قال", "بايدن", "REvil", "2021"]);
    }

    #[test]
    fn sentence_lookup() {
        let p = Prepared::new("One. Two.\nThree", None);
        assert_eq!(p.sentences.len(), 3);
        assert_eq!(p.sentence_of(0), 0);
        assert_eq!(p.sentence_of(5), 1);
        assert_eq!(p.sentence_of(12), 2);
    }
}
