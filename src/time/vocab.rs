//! Date vocabulary: the TSV files of `gazetteers/time/`, normalized and indexed by phrase.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use std::ops::Range;

use crate::error::Error;
use crate::text::normalize;

use super::tokens::tokenize;

/// The built-in vocabulary files, embedded at compile time.
const BUILTIN: &[(&str, &str)] = &[
    (
        "months.tsv",
        include_str!("../../gazetteers/time/months.tsv"),
    ),
    (
        "hijri-months.tsv",
        include_str!("../../gazetteers/time/hijri-months.tsv"),
    ),
    (
        "weekdays.tsv",
        include_str!("../../gazetteers/time/weekdays.tsv"),
    ),
    (
        "numbers.tsv",
        include_str!("../../gazetteers/time/numbers.tsv"),
    ),
    ("units.tsv", include_str!("../../gazetteers/time/units.tsv")),
    ("words.tsv", include_str!("../../gazetteers/time/words.tsv")),
    (
        "holidays.tsv",
        include_str!("../../gazetteers/time/holidays.tsv"),
    ),
];

/// True for a normalized word that names a month or a weekday in the built-in
/// vocabulary ("march", "friday", "يناير"): the words that open a sentence's time
/// phrase ("in March Tessan resigned") rather than a name.
pub fn calendar_word(norm_word: &str) -> bool {
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            BUILTIN
                .iter()
                .filter(|(name, _)| matches!(*name, "months.tsv" | "weekdays.tsv"))
                .flat_map(|(_, text)| text.lines())
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split('\t').next())
                .filter(|form| !form.is_empty() && !form.contains(' '))
                .map(normalize)
                .collect()
        })
        .contains(norm_word)
}

/// A calendar unit, from the shortest to the longest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            _ => return None,
        })
    }
}

/// Direction of a relative word ("last", "next", "this"; "before"/"after" are relative
/// to the anchor by one unit, as "اليوم السابق").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Last,
    Next,
    This,
    Before,
    After,
}

/// Part of a period ("early 2016").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Start,
    Mid,
    End,
}

/// Part of the day next to a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Am,
    Pm,
    Noon,
    Midnight,
}

/// What one vocabulary phrase means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lex {
    Month {
        m: u32,
        weak: bool,
    },
    HMonth(u32),
    Weekday {
        wd: u32,
        weak: bool,
    },
    Num(u32),
    Ord(u32),
    Vague,
    Unit {
        unit: Unit,
        count: u32,
    },
    RelDay(i64),
    Dir(Dir),
    Ref(&'static str),
    Since,
    Before,
    After,
    During,
    Ago,
    Later,
    In,
    Ctx,
    YearWord,
    MonthWord,
    DayWord,
    /// A part of the day that may stand before a day and joins it ("فجر الجمعة", "مساء
    /// أمس"); the value stays the day's.
    DayTime,
    Of,
    From,
    To,
    And,
    Era {
        hijri: bool,
    },
    Equiv,
    DayPart(DayPart),
    Clock,
    /// A time zone name after a clock time ("UTC").
    Tz,
    Future,
    /// "that", "أن": what follows is what someone said, whose tense is not that of a date
    /// before it ("said on Monday that it will...").
    Reported,
    /// A verb after which a bare year reads as a date ("2014 was good").
    YearFollow,
    /// A word after which numbers are not dates ("version 10.2.2016").
    NotDate,
    /// A place or bloc noun that a day and month without a year name ("شارع 26 سبتمبر",
    /// "قوى 14 آذار"): then they are part of a name, not a date.
    NameHead,
    /// The English counterpart, written after the day and month ("26 September Street",
    /// "March 14 Alliance").
    NameTail,
    Part(Part),
    Season(&'static str),
    Decade(u32),
    Quarter(u32),
    Holiday {
        hijri: bool,
        m: u32,
        d: u32,
    },
}

/// Maps with rustc's Fx hash: vocabulary keys are short and looked up once per word of
/// every document, where SipHash would dominate the stage.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Arabic proclitics that attach to a date word: conjunctions, prepositions and their
/// pairs ("وب", "فل").
const PROCLITICS: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"];

/// The vocabulary, indexed by normalized phrase (tokens joined by one space).
#[derive(Debug, Default)]
pub struct Vocab {
    phrases: FastMap<String, Vec<Lex>>,
    /// Longest phrase (in tokens) that starts with a given first token.
    first: FastMap<String, usize>,
    /// First tokens with a proclitic attached ("بتموز", "للعام"): the proclitic's
    /// length in bytes and the first token without it.
    clitic: FastMap<String, (usize, String)>,
    /// Phrases that can carry a date by themselves (month and weekday names, units,
    /// relative words…); dates are only parsed near one of these or a digit.
    triggers: rustc_hash::FxHashSet<String>,
    /// A bit per trigger signature, so that most words are rejected without a set lookup.
    trigger_bits: Vec<u64>,
    /// A bit per byte length of a trigger (bit 63 for 63 bytes and more), so that short
    /// words ("of", "a", "في") are rejected without hashing.
    trigger_lens: u64,
    /// A bit per signature of every first word, bare or with a proclitic.
    word_bits: Vec<u64>,
    /// A bit per byte length of those words (as [`Vocab::trigger_lens`]).
    word_lens: u64,
    /// Era markers "before Christ" as the text writes them ("قبل الميلاد", "B.C."),
    /// longest first: read after a resolved year or century, not as items.
    pub(crate) bce: Vec<String>,
}

impl Vocab {
    /// The built-in vocabulary.
    pub fn builtin() -> Result<Vocab, Error> {
        let mut v = Vocab::default();
        for (name, text) in BUILTIN {
            v.add_rows(name, text)?;
        }
        // Indexed once, not after every file: the index is made anew from all phrases.
        v.index_clitics();
        Ok(v)
    }

    /// Adds the rows of one TSV file (`form<TAB>kind[<TAB>value[<TAB>flags]]`).
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.add_rows(name, text)?;
        self.index_clitics();
        Ok(())
    }

    /// [`Self::add_file`] without indexing the proclitic forms.
    fn add_rows(&mut self, name: &str, text: &str) -> Result<(), Error> {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if let [form, "bce", ..] = cols[..] {
                self.bce.push(form.to_string());
                // Longest first, so that "B.C.E." is not read as "B.C." and a letter.
                self.bce.sort_by_key(|m| std::cmp::Reverse(m.len()));
                continue;
            }
            let lex = parse_row(name, &cols).ok_or_else(|| Error::Data {
                what: format!("gazetteers/time/{name}:{}", i + 1),
                msg: format!("cannot read row {line:?}"),
            })?;
            let form = cols.first().copied().unwrap_or_default();
            self.add(form, lex);
        }
        Ok(())
    }

    /// Indexes every Arabic first token under its proclitic forms, so that a word of
    /// the text needs one lookup whatever is attached to it.
    fn index_clitics(&mut self) {
        // A trigger is the last word of a phrase that can carry a date (the last one is
        // the rarest: "في الماضي", "عطلة نهاية الأسبوع"). Weak month names ("آب", "may")
        // need a number beside them, and numbers trigger by themselves.
        let mut triggers = std::collections::HashSet::default();
        for (key, lex) in &self.phrases {
            let strong = lex.iter().any(|l| {
                is_trigger(l)
                    && !matches!(
                        l,
                        Lex::Month { weak: true, .. } | Lex::Weekday { weak: true, .. }
                    )
            });
            let Some(last) = key.split(' ').next_back().filter(|_| strong) else {
                continue;
            };
            if last.chars().next().is_some_and(crate::text::is_arabic) {
                for p in PROCLITICS {
                    triggers.insert(format!("{p}{last}"));
                }
                if let Some(rest) = last.strip_prefix("ال") {
                    for p in ["ل", "ول", "فل"] {
                        triggers.insert(format!("{p}ل{rest}"));
                    }
                }
            }
            triggers.insert(last.to_string());
        }
        self.trigger_bits = vec![0; SIG_BITS / 64];
        self.trigger_lens = 0;
        for t in &triggers {
            self.trigger_lens |= len_bit(t.len());
            let b = signature(t);
            if let Some(w) = self.trigger_bits.get_mut(b / 64) {
                *w |= 1 << (b % 64);
            }
        }
        self.triggers = triggers;
        self.clitic.clear();
        for w in self.first.keys() {
            if !w.chars().next().is_some_and(crate::text::is_arabic) {
                continue;
            }
            for p in PROCLITICS {
                self.clitic.insert(format!("{p}{w}"), (p.len(), w.clone()));
            }
            // "لل" + noun is "ل" + "ال" + noun with the alef dropped.
            if let Some(rest) = w.strip_prefix("ال") {
                for p in ["ل", "ول", "فل"] {
                    self.clitic
                        .insert(format!("{p}ل{rest}"), (p.len(), w.clone()));
                }
            }
        }
        self.word_bits = vec![0; SIG_BITS / 64];
        self.word_lens = 0;
        for w in self.first.keys().chain(self.clitic.keys()) {
            self.word_lens |= len_bit(w.len());
            set_bit(&mut self.word_bits, signature(w));
        }
    }

    /// Windows of a normalized text worth parsing: a few words around every trigger
    /// phrase and every number, merged where they overlap.
    pub fn windows(&self, norm: &str) -> Vec<Range<usize>> {
        let bytes = norm.as_bytes();
        let mut out = Vec::new();
        // Starts of the last WINDOW_BEFORE + 1 words, as a ring.
        let mut ring = [0usize; WINDOW_BEFORE + 1];
        // The open window: its start, its end so far, and the index of its last trigger.
        let mut open: Option<(usize, usize, usize)> = None;
        let mut k = 0usize;
        let mut i = 0;
        let n = bytes.len();
        while i < n {
            let d = delimiter_len(bytes, i);
            if d > 0 {
                i += d;
                continue;
            }
            let s = i;
            let mut digit = false;
            // The word runs to the next delimiter; bytes of Arabic letters and Latin
            // letters are the common case and are taken without further checks.
            loop {
                // Arabic letters are two bytes with a lead byte 0xD8–0xDB: step over
                // them two bytes at a time (0xD8 also leads the Arabic comma,
                // semicolon and question mark, which `BYTE_CLASS` sends to the check).
                while let Some(&b) = bytes.get(i) {
                    if (0xD9..=0xDB).contains(&b) {
                        i += 2;
                    } else if BYTE_CLASS[usize::from(b)] == WORD {
                        i += 1;
                    } else {
                        break;
                    }
                }
                match bytes.get(i) {
                    None => break,
                    Some(b) if b.is_ascii_digit() => {
                        digit = true;
                        i += 1;
                    }
                    Some(_) if delimiter_len(bytes, i) > 0 => break,
                    Some(_) => i += 1,
                }
            }
            if let Some(slot) = ring.get_mut(k % (WINDOW_BEFORE + 1)) {
                *slot = s;
            }
            let trigger = digit
                || (self.trigger_lens & len_bit(i - s) != 0
                    && norm.get(s..i).is_some_and(|w| {
                        let b = signature(w);
                        self.trigger_bits
                            .get(b / 64)
                            .is_some_and(|x| x & (1 << (b % 64)) != 0)
                            && self.triggers.contains(w)
                    }));
            if let Some((_, end, last)) = &mut open {
                if k <= *last + WINDOW_AFTER {
                    *end = i;
                }
            }
            if trigger {
                let first = k.saturating_sub(WINDOW_BEFORE);
                let start = ring.get(first % (WINDOW_BEFORE + 1)).copied().unwrap_or(0);
                match &mut open {
                    Some((_, end, last)) if first <= *last + WINDOW_AFTER + 1 => {
                        *end = i;
                        *last = k;
                    }
                    _ => {
                        if let Some((ws, we, _)) = open.take() {
                            out.push(ws..we);
                        }
                        open = Some((start, i, k));
                    }
                }
            }
            k += 1;
        }
        if let Some((ws, we, _)) = open {
            out.push(ws..we);
        }
        out
    }

    /// False when `word` is certainly neither a vocabulary first word nor one with a
    /// proclitic: most words of a text are rejected here without a map lookup.
    #[inline]
    pub fn maybe_known(&self, word: &str) -> bool {
        self.word_lens & len_bit(word.len()) != 0 && test_bit(&self.word_bits, signature(word))
    }

    /// The proclitic length and the first token without it, for a token that is a
    /// vocabulary first word with a proclitic attached.
    pub fn strip_clitic(&self, word: &str) -> Option<(usize, &str)> {
        self.clitic.get(word).map(|(n, w)| (*n, w.as_str()))
    }

    fn add(&mut self, form: &str, lex: Lex) {
        let norm = normalize(form);
        let toks: Vec<&str> = tokenize(&norm)
            .into_iter()
            .map(|t| &norm[t.range])
            .collect();
        let Some(first) = toks.first() else { return };
        let n = toks.len();
        let e = self.first.entry((*first).to_string()).or_insert(0);
        *e = (*e).max(n);
        let key = toks.join(" ");
        let entry = self.phrases.entry(key).or_default();
        if !entry.contains(&lex) {
            entry.push(lex);
        }
    }

    /// Longest phrase length (in tokens) starting with `word`; 0 when none does.
    pub fn max_len(&self, word: &str) -> usize {
        self.first.get(word).copied().unwrap_or(0)
    }

    /// Meanings of a phrase key.
    pub fn get(&self, key: &str) -> Option<&[Lex]> {
        self.phrases.get(key).map(Vec::as_slice)
    }
}

/// Words of context kept before and after a trigger: enough for the longest pattern
/// ("من 13 إلى 15 يوليو من عام 2021") and for the tense markers near a date.
const WINDOW_BEFORE: usize = 5;
const WINDOW_AFTER: usize = 8;

fn set_bit(bits: &mut [u64], b: usize) {
    if let Some(w) = bits.get_mut(b / 64) {
        *w |= 1 << (b % 64);
    }
}

#[inline]
fn test_bit(bits: &[u64], b: usize) -> bool {
    bits.get(b / 64).is_some_and(|x| x & (1 << (b % 64)) != 0)
}

/// The bit of a word length in [`Vocab::trigger_lens`].
#[inline]
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Size of the trigger signature bit set.
const SIG_BITS: usize = 1 << 17;

/// Signature of a word for the trigger bit set.
#[inline]
fn signature(w: &str) -> usize {
    let mut h = FxHasher::default();
    h.write(w.as_bytes());
    (h.finish() >> 29) as usize & (SIG_BITS - 1)
}

const WORD: u8 = 0;
const DIGIT: u8 = 1;
const OTHER: u8 = 2;

/// Byte classes for the trigger scan: word bytes (letters, UTF-8 continuation and lead
/// bytes other than 0xD8), digits, and bytes that may start a delimiter.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [WORD; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            WORD
        } else {
            OTHER
        };
        b += 1;
    }
    t[0xD8] = OTHER;
    t
};

/// Length of the word delimiter at byte `i`: ASCII spaces and punctuation, and the
/// Arabic comma, semicolon and question mark; 0 inside a word.
#[inline]
fn delimiter_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b) if b.is_ascii() => usize::from(!b.is_ascii_alphanumeric()),
        Some(0xD8) if matches!(bytes.get(i + 1), Some(0x8C | 0x9B | 0x9F)) => 2,
        _ => 0,
    }
}

/// True for meanings that make a date by themselves or with a number.
fn is_trigger(l: &Lex) -> bool {
    matches!(
        l,
        Lex::Month { .. }
            | Lex::HMonth(_)
            | Lex::Weekday { .. }
            | Lex::Unit { .. }
            | Lex::RelDay(_)
            | Lex::Ref(_)
            | Lex::Season(_)
            | Lex::Decade(_)
            | Lex::Quarter(_)
            | Lex::Holiday { .. }
    )
}

fn parse_row(file: &str, cols: &[&str]) -> Option<Lex> {
    let c1 = cols.get(1).map(|s| s.trim()).unwrap_or_default();
    let c2 = cols.get(2).map(|s| s.trim()).unwrap_or_default();
    let weak = cols.iter().skip(2).any(|c| c.trim() == "weak");
    Some(match file {
        "months.tsv" => Lex::Month {
            m: month_no(c1)?,
            weak,
        },
        "hijri-months.tsv" => Lex::HMonth(month_no(c1)?),
        "weekdays.tsv" => {
            let wd: u32 = c1.parse().ok()?;
            (1..=7).contains(&wd).then_some(Lex::Weekday { wd, weak })?
        }
        "units.tsv" => Lex::Unit {
            unit: Unit::parse(c1)?,
            count: c2.parse().ok()?,
        },
        "holidays.tsv" => {
            let (m, d) = c2.split_once('-')?;
            Lex::Holiday {
                hijri: c1 == "h",
                m: m.parse().ok()?,
                d: d.parse().ok()?,
            }
        }
        _ => word_lex(c1, c2)?,
    })
}

fn month_no(s: &str) -> Option<u32> {
    let m: u32 = s.parse().ok()?;
    (1..=12).contains(&m).then_some(m)
}

fn word_lex(kind: &str, value: &str) -> Option<Lex> {
    Some(match kind {
        "num" => Lex::Num(value.parse().ok()?),
        "ord" => Lex::Ord(value.parse().ok()?),
        "vague" => Lex::Vague,
        "relday" => Lex::RelDay(value.parse().ok()?),
        "dir" => Lex::Dir(match value {
            "last" => Dir::Last,
            "next" => Dir::Next,
            "this" => Dir::This,
            "before" => Dir::Before,
            "after" => Dir::After,
            _ => return None,
        }),
        "ref" => Lex::Ref(match value {
            "PAST_REF" => "PAST_REF",
            "PRESENT_REF" => "PRESENT_REF",
            "FUTURE_REF" => "FUTURE_REF",
            _ => return None,
        }),
        "since" => Lex::Since,
        "before" => Lex::Before,
        "after" => Lex::After,
        "during" => Lex::During,
        "ago" => Lex::Ago,
        "later" => Lex::Later,
        "in" => Lex::In,
        "ctx" => Lex::Ctx,
        "yearword" => Lex::YearWord,
        "monthword" => Lex::MonthWord,
        "dayword" => Lex::DayWord,
        "daytime" => Lex::DayTime,
        "of" => Lex::Of,
        "from" => Lex::From,
        "to" => Lex::To,
        "and" => Lex::And,
        "era" => Lex::Era {
            hijri: value == "h",
        },
        "equiv" => Lex::Equiv,
        "daypart" => Lex::DayPart(match value {
            "am" => DayPart::Am,
            "pm" => DayPart::Pm,
            "noon" => DayPart::Noon,
            "midnight" => DayPart::Midnight,
            _ => return None,
        }),
        "clock" => Lex::Clock,
        "tz" => Lex::Tz,
        "future" => Lex::Future,
        "reported" => Lex::Reported,
        "yearfollow" => Lex::YearFollow,
        "notdate" => Lex::NotDate,
        "namehead" => Lex::NameHead,
        "nametail" => Lex::NameTail,
        "part" => Lex::Part(match value {
            "start" => Part::Start,
            "mid" => Part::Mid,
            "end" => Part::End,
            _ => return None,
        }),
        "season" => Lex::Season(match value {
            "SP" => "SP",
            "SU" => "SU",
            "FA" => "FA",
            "WI" => "WI",
            _ => return None,
        }),
        "decade" => Lex::Decade(value.parse().ok()?),
        "quarter" => Lex::Quarter(value.parse().ok()?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_normalizes() {
        let v = Vocab::builtin().unwrap();
        // "الجمعة" is stored under its normalized form (taa marbuta folded).
        assert_eq!(
            v.get("الجمعه"),
            Some(&[Lex::Weekday { wd: 5, weak: false }][..])
        );
        assert_eq!(v.max_len("كانون"), 2);
        assert!(v.get("كانون الثاني").is_some());
        assert!(v
            .get("من")
            .is_some_and(|l| l.contains(&Lex::Of) && l.contains(&Lex::From)));
    }

    #[test]
    fn bad_row_is_an_error() {
        let mut v = Vocab::default();
        assert!(v.add_file("months.tsv", "foo\t13\n").is_err());
        assert!(v.add_file("words.tsv", "foo\tnonsense\n").is_err());
    }
}
