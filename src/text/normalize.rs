//! Character normalization with an offset map back to the original text.
//!
//! Matching runs on a normalized copy so that "أمريكا", "امريكا" and "أمْريكا" are one
//! string, and "REvil" meets "revil". Every span found in the copy is mapped back to the
//! original, so what the user sees is always a slice of what they gave us.

use std::ops::Range;

/// Appends the normalized form of `c` to `out`. Returns without writing for characters
/// that normalization deletes (tashkeel, tatweel, bidi and zero-width marks).
///
/// Arabic: alef variants → ا, alef maqsura → ي, taa marbuta → ه, hamza seats ؤ → و and
/// ئ → ي, Persian keheh/yeh → ك/ي, presentation forms → their letters, Arabic-Indic and
/// Persian digits → ASCII digits. Latin: lowercase, accents dropped. Typographic quotes,
/// dashes and spaces → their ASCII forms.
#[inline]
pub fn push_normalized(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // The two-byte Arabic block by table (the same one `Normalized::new` reads): the match
    // below would test every letter against each arm and then look it up in the Unicode
    // upper-case table.
    if let Some(&m) = (c as u32)
        .checked_sub(0x600)
        .and_then(|i| ARABIC_FOLD.get(i as usize))
    {
        match m {
            KEEP => out.push(c),
            DROP => {}
            m => out.push(char::from_u32(u32::from(m)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        return;
    }
    push_by_rule(c, out);
}

/// [`push_normalized`] written out character by character: the rule itself, which the
/// Arabic table must agree with (a test checks every code point of the table).
fn push_by_rule(c: char, out: &mut String) {
    match c {
        // Arabic letters and marks.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => out.push('ا'),
        'ى' | 'ی' | 'ې' | 'ئ' => out.push('ي'),
        'ة' => out.push('ه'),
        'ؤ' => out.push('و'),
        'ک' => out.push('ك'),
        '\u{0640}' => {} // tatweel
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06ED}' => {}
        '\u{0660}'..='\u{0669}' => out.push((b'0' + (c as u32 - 0x0660) as u8) as char),
        '\u{06F0}'..='\u{06F9}' => out.push((b'0' + (c as u32 - 0x06F0) as u8) as char),
        // Bidi controls, zero-width characters, BOM, soft hyphen.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{2060}' => {}
        // Presentation forms: compatibility decomposition, then normalize the letters.
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => {
            let mut buf = [char::default(); 8];
            let mut n = 0;
            unicode_normalization::char::decompose_compatible(c, |d| {
                if n < buf.len() {
                    buf[n] = d;
                    n += 1;
                }
            });
            for &d in &buf[..n] {
                if d == c {
                    out.push(d);
                } else {
                    push_normalized(d, out);
                }
            }
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            out.push(' ')
        }
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            // Latin with accents: keep the base letter, lowercased.
            let mut base = None;
            unicode_normalization::char::decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            let b = base.unwrap_or(c);
            for l in b.to_lowercase() {
                out.push(l);
            }
        }
        _ if c.is_uppercase() => {
            for l in c.to_lowercase() {
                out.push(l);
            }
        }
        _ => out.push(c),
    }
}

/// Normalizes a whole string (aliases, lexicon entries) without keeping an offset map.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_normalized(c, &mut out);
    }
    out
}

/// Like [`normalize`], but keeps Latin letter case (for case-sensitive aliases).
pub fn normalize_keep_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c.is_uppercase() && !is_arabic(c) {
            // Only accents are folded; case stays.
            let mut tmp = String::new();
            push_normalized(c, &mut tmp);
            let upper: String = tmp.chars().flat_map(|x| x.to_uppercase()).collect();
            out.push_str(&upper);
        } else {
            push_normalized(c, &mut out);
        }
    }
    out
}

/// True for characters of the Arabic script blocks.
#[inline]
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// True for characters that can be part of a word (letters, digits, combining marks).
#[inline]
pub fn is_word_char(c: char) -> bool {
    // ASCII and the Arabic block are most of every text: decide them without the
    // Unicode tables, which showed up in profiles.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The letters of normalized Arabic text, without the table.
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        return true;
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        let i = c as usize - 0x600;
        return ARABIC_WORD[i / 64] >> (i % 64) & 1 == 1;
    }
    c.is_alphanumeric() || c == '\u{0640}'
}

/// [`is_word_char`] of the character at byte `i` of `s` (a char boundary), with its
/// length, read from the bytes: scans that test every character of a text (the
/// gazetteer's search for word starts) spend most of their time here. Always inlined:
/// as a call it cost as much again as its body.
#[inline(always)]
pub fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let x = b[i];
    if x < 0x80 {
        return (x.is_ascii_alphanumeric(), 1);
    }
    if (0xD8..=0xDB).contains(&x) {
        if let Some(&y) = b.get(i + 1) {
            // U+0600..U+06FF: the offset in the block is the lead's low bits, then six.
            let k = (usize::from(x & 0x03) << 6) | usize::from(y & 0x3F);
            return (ARABIC_WORD[k / 64] >> (k % 64) & 1 == 1, 2);
        }
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (is_word_char(c), c.len_utf8())
}

const KEEP: u16 = 0;
const DROP: u16 = 1;

/// [`push_normalized`] for U+0600..U+067F as a table: `KEEP`, `DROP`, or the code point
/// to write instead.
static ARABIC_FOLD: [u16; 128] = {
    let mut t = [KEEP; 128];
    let mut i = 0;
    while i < 128 {
        let cp = 0x600 + i as u32;
        t[i] = match cp {
            0x0623 | 0x0625 | 0x0622 | 0x0671..=0x0673 => 0x0627,
            0x0649 | 0x0626 => 0x064A,
            0x0629 => 0x0647,
            0x0624 => 0x0648,
            0x0640 | 0x064B..=0x065F | 0x0670 | 0x0610..=0x061A | 0x061C => DROP,
            0x0660..=0x0669 => (cp - 0x0660 + 0x30) as u16,
            _ => KEEP,
        };
        i += 1;
    }
    t
};

/// Word characters of the Arabic block U+0600..U+06FF as a bitmap: letters, digits and
/// the combining marks (`char::is_alphanumeric` plus tashkeel, tatweel and Quranic marks).
const ARABIC_WORD: [u64; 4] = [
    0xffffffff07ff0000,
    0xffffc3ffffffffff,
    0xffffffffffffffff,
    0x9ffffdff9fefffff,
];

/// A normalized copy of a text and the map from its byte offsets back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// Sorted `(normalized byte, original byte)` points; between two points the mapping
    /// is a shift. A point is added wherever the shift changes (deleted or resized
    /// characters) and for every character of an expansion (ligatures).
    points: Vec<(u32, u32)>,
    orig_len: usize,
    /// Arabic and Latin letters among the first [`LANG_SAMPLE`] bytes of the original,
    /// counted on the way (the language test needs them, and this pass reads every
    /// character anyway).
    letters: LetterCounts,
}

/// How much of a text the language test reads: enough for any news article.
pub const LANG_SAMPLE: usize = 64 * 1024;

/// Letters of the two scripts khabar tells apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LetterCounts {
    /// U+0621..U+064A and U+0671..U+06D3.
    pub arabic: usize,
    /// ASCII letters.
    pub latin: usize,
}

/// True for the Arabic letters the language test counts.
#[inline]
pub(crate) fn is_counted_arabic_letter(cp: u32) -> bool {
    (0x0621..=0x064A).contains(&cp) || (0x0671..=0x06D3).contains(&cp)
}

impl Normalized {
    /// Normalizes `orig`, recording the offset map.
    pub fn new(orig: &str) -> Normalized {
        assert!(
            orig.len() < u32::MAX as usize,
            "texts over 4 GiB are not supported"
        );
        let mut text = String::with_capacity(orig.len());
        let mut points: Vec<(u32, u32)> = vec![(0, 0)];
        let mut letters = LetterCounts::default();
        let bytes = orig.as_bytes();
        let mut ob = 0usize;
        while ob < bytes.len() {
            let nb = text.len();
            // Most of a text is ASCII and Arabic letters that normalize to a character of
            // the same length (themselves, a lower-case letter, or ا for أ): such a run
            // keeps one shift, so it needs no offset point and is copied in bulk.
            let mut k = ob;
            let mut run_start = ob;
            while k < bytes.len() {
                let b0 = bytes[k];
                if b0 < 0x80 {
                    // Arabic has one-byte runs (a space between words); English has
                    // long ones, which encoding_rs measures a register at a time.
                    let n = if bytes.get(k + 1).is_some_and(|b| !b.is_ascii()) {
                        1
                    } else {
                        encoding_rs::Encoding::ascii_valid_up_to(&bytes[k..])
                    };
                    if k < LANG_SAMPLE {
                        let sample = &bytes[k..k + n.min(LANG_SAMPLE - k)];
                        letters.latin += super::count_bytes(sample, |b| b.is_ascii_alphabetic());
                    }
                    k += n;
                    continue;
                }
                let (0xD8 | 0xD9, Some(&b2)) = (b0, bytes.get(k + 1)) else {
                    break;
                };
                let cp = ((b0 as u32 & 0x1F) << 6) | (b2 as u32 & 0x3F);
                let m = ARABIC_FOLD[(cp - 0x600) as usize];
                if m != KEEP && m < 0x80 {
                    // Dropped (tashkeel, tatweel) or a digit: not the same length.
                    break;
                }
                letters.arabic += usize::from(k + 2 <= LANG_SAMPLE && is_counted_arabic_letter(cp));
                if m != KEEP {
                    text.push_str(&orig[run_start..k]);
                    text.push(char::from_u32(u32::from(m)).unwrap_or(char::REPLACEMENT_CHARACTER));
                    run_start = k + 2;
                }
                k += 2;
            }
            if k > ob {
                let (lnb, lob) = points[points.len() - 1];
                if (lob as usize) + (nb - lnb as usize) != ob {
                    points.push((nb as u32, ob as u32));
                }
                text.push_str(&orig[run_start..k]);
                text[nb..].make_ascii_lowercase();
                ob = k;
                continue;
            }
            if let (0xD8 | 0xD9, Some(&b2)) = (bytes[ob], bytes.get(ob + 1)) {
                // What stopped the run above: a mark or tatweel (dropped) or an
                // Arabic-Indic digit (one ASCII byte for two), so the shift changes here.
                let cp = ((bytes[ob] as u32 & 0x1F) << 6) | (b2 as u32 & 0x3F);
                if ob + 2 <= LANG_SAMPLE {
                    letters.arabic += usize::from(is_counted_arabic_letter(cp));
                }
                let m = ARABIC_FOLD[(cp - 0x600) as usize];
                if m != DROP {
                    let c = if m == KEEP { cp } else { u32::from(m) };
                    points.push((nb as u32, ob as u32));
                    text.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                ob += 2;
                continue;
            }
            let Some(c) = orig[ob..].chars().next() else {
                break;
            };
            let clen = c.len_utf8();
            if ob + clen <= LANG_SAMPLE {
                letters.arabic += usize::from(is_counted_arabic_letter(c as u32));
            }
            push_normalized(c, &mut text);
            let written = &text[nb..];
            if !written.is_empty() {
                let single_same_len = written.len() == clen && written.chars().nth(1).is_none();
                if single_same_len {
                    let (lnb, lob) = points[points.len() - 1];
                    if (lob as usize) + (nb - lnb as usize) != ob {
                        points.push((nb as u32, ob as u32));
                    }
                } else {
                    // Every output char of this source char maps to the source char's start.
                    let mut off = nb;
                    for w in written.chars() {
                        points.push((off as u32, ob as u32));
                        off += w.len_utf8();
                    }
                }
            }
            ob += clen;
        }
        // A closing point so that the end of the normalized text maps to the end of the original.
        points.push((text.len() as u32, orig.len() as u32));
        Normalized {
            text,
            points,
            orig_len: orig.len(),
            letters,
        }
    }

    /// Arabic and Latin letters in the first [`LANG_SAMPLE`] bytes of the original.
    pub fn letters(&self) -> LetterCounts {
        self.letters
    }

    fn point_before(&self, nb: usize) -> (usize, usize) {
        // Last point with normalized offset <= nb (the first of equal ones for expansions).
        let i = self.points.partition_point(|p| (p.0 as usize) <= nb);
        let (pn, po) = self.points[i.saturating_sub(1)];
        (pn as usize, po as usize)
    }

    /// Original byte offset of the source character of the normalized char starting at `nb`.
    pub fn to_orig(&self, nb: usize) -> usize {
        if nb >= self.text.len() {
            return self.orig_len;
        }
        let (pn, po) = self.point_before(nb);
        (po + (nb - pn)).min(self.orig_len)
    }

    /// Maps a normalized byte range to the original byte range of the characters it came from.
    /// The end is extended over combining marks that follow the last character in the
    /// original (so "بوتينُ" keeps its final vowel sign).
    pub fn span_to_orig(&self, r: Range<usize>, orig: &str) -> Range<usize> {
        let start = self.to_orig(r.start);
        if r.end <= r.start {
            return start..start;
        }
        // The last normalized char of the range.
        let last = self.text[..r.end]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(r.start);
        let lo = self.to_orig(last);
        let mut end = lo + orig[lo..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
        for c in orig[end..].chars() {
            if matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        start..end.max(start)
    }

    /// Reads the line break at original byte `ob` as a space: the break only wraps a
    /// line (see [`crate::text::split_sentences`]), and matching must run over it. The
    /// offsets do not move, one byte standing for one.
    pub fn unwrap_line(&mut self, ob: usize) {
        let nb = self.to_norm(ob);
        if self.text.as_bytes().get(nb) == Some(&b'\n') {
            self.text.replace_range(nb..nb + 1, " ");
        }
    }

    /// Normalized byte offset for an original byte offset (deleted characters map to the
    /// next kept one).
    pub fn to_norm(&self, ob: usize) -> usize {
        let i = self.points.partition_point(|p| (p.1 as usize) <= ob);
        let (pn, po) = self.points[i.saturating_sub(1)];
        let (pn, po) = (pn as usize, po as usize);
        let next_n = self
            .points
            .get(i)
            .map(|p| p.0 as usize)
            .unwrap_or(self.text.len());
        let mut nb = (pn + (ob - po)).min(next_n).min(self.text.len());
        while !self.text.is_char_boundary(nb) {
            nb += 1;
        }
        nb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_fold() {
        assert_eq!(normalize("أمريكا"), "امريكا");
        assert_eq!(normalize("إيران"), "ايران");
        assert_eq!(normalize("مصطفى"), "مصطفي");
        assert_eq!(normalize("القاهرة"), "القاهره");
        assert_eq!(normalize("مؤتمر"), "موتمر");
        assert_eq!(normalize("رئيس"), "رييس");
        assert_eq!(normalize("بـايـدن"), "بايدن");
        assert_eq!(normalize("مُحَمَّد"), "محمد");
        assert_eq!(normalize("٢٠٢١"), "2021");
        assert_eq!(normalize("۲۰۲۱"), "2021");
        assert_eq!(normalize("\u{200F}بايدن\u{200E}"), "بايدن");
        assert_eq!(normalize("ﻻ"), "لا");
    }

    #[test]
    fn arabic_table_agrees_with_the_general_rule() {
        for cp in 0x600u32..0x680 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut general = String::new();
            push_by_rule(c, &mut general);
            let mut table = String::new();
            push_normalized(c, &mut table);
            assert_eq!(table, general, "U+{cp:04X}");
            let s = c.to_string();
            assert_eq!(Normalized::new(&s).text, general, "U+{cp:04X}");
        }
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        for cp in 0x600u32..0x700 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let marks = matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0610}'..='\u{061A}'
                | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}');
            assert_eq!(is_word_char(c), c.is_alphanumeric() || marks, "U+{cp:04X}");
        }
        for c in ['a', 'Z', '0', ' ', '.', '-', '\n'] {
            assert_eq!(is_word_char(c), c.is_alphanumeric());
        }
    }

    #[test]
    fn latin_folds_case_and_accents() {
        assert_eq!(normalize("REvil"), "revil");
        assert_eq!(normalize("Erdoğan"), "erdogan");
        assert_eq!(normalize("Bogotá"), "bogota");
        assert_eq!(normalize("“quoted”"), "\"quoted\"");
        assert_eq!(normalize_keep_case("Erdoğan"), "Erdogan");
        assert_eq!(normalize_keep_case("US"), "US");
    }

    #[test]
    fn offsets_map_back() {
        let orig = "قال بـايـدن لبُوتين: REvil ﻻ!";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "قال بايدن لبوتين: revil لا!");
        let find = |s: &str| {
            let b = n.text.find(s).unwrap();
            let r = n.span_to_orig(b..b + s.len(), orig);
            orig[r].to_string()
        };
        assert_eq!(find("بايدن"), "بـايـدن");
        assert_eq!(find("بوتين"), "بُوتين");
        assert_eq!(find("revil"), "REvil");
        assert_eq!(find("لا"), "ﻻ");
        assert_eq!(find("ل"), "ل");
        assert_eq!(n.to_orig(n.text.len()), orig.len());
        for (ob, _) in orig.char_indices() {
            let nb = n.to_norm(ob);
            assert!(n.text.is_char_boundary(nb));
        }
    }
}
