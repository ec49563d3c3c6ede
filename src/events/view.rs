//! A sentence as the role rules see it: normalized word tokens with their clause, and the
//! entity mentions mapped onto those tokens. Built only for sentences with a trigger.

use std::ops::Range;

use crate::model::{DateMention, Entity, EntityType};
use crate::text::{is_word_char, Prepared};

/// An entity mention inside a sentence view.
#[derive(Debug, Clone)]
pub struct MentionRef<'p> {
    /// Index into the document's entities.
    pub entity: usize,
    /// The entity's type; ORGANIZATION for a country named by its state body.
    pub etype: EntityType,
    /// Token indices covered by the mention.
    pub tok: Range<usize>,
    /// The proclitic glued in front of the mention inside its first token ("ل" of "لبوتين"),
    /// borrowed from the normalized text.
    pub clitic: &'p str,
    /// A Latin-script place inside a longer capitalized name ("Real Madrid", "U.S. President").
    pub embedded: bool,
}

/// The lists of a [`SentenceView`], kept between the views of one document.
#[derive(Debug, Default)]
pub struct Buffers<'p> {
    tokens: Vec<Range<usize>>,
    clause: Vec<usize>,
    clauses: Vec<Range<usize>>,
    mentions: Vec<MentionRef<'p>>,
    trigger_tok: Vec<bool>,
    date_tok: Vec<bool>,
}

/// One sentence: tokens (normalized byte ranges), their clause numbers, the mentions.
#[derive(Debug)]
pub struct SentenceView<'p> {
    pub index: usize,
    pub hay: &'p str,
    pub tokens: Vec<Range<usize>>,
    pub clause: Vec<usize>,
    /// Clauses of the sentence as byte ranges of the original text.
    pub clauses: Vec<Range<usize>>,
    pub mentions: Vec<MentionRef<'p>>,
    /// Tokens covered by some trigger of the sentence: roles do not reach across another event.
    pub trigger_tok: Vec<bool>,
    /// Tokens covered by a date mention of the sentence: an adjunct of time may stand
    /// between a subject and its act ("شنت روسيا فجر الجمعة هجوما").
    pub date_tok: Vec<bool>,
}

impl<'p> SentenceView<'p> {
    /// Builds the view of sentence `index`; `mentions` are (entity, mention) pairs of it.
    #[cfg(test)]
    pub fn new(
        prep: &'p Prepared<'_>,
        index: usize,
        entities: &[Entity],
        mentions: &[(usize, usize)],
    ) -> Option<SentenceView<'p>> {
        Self::new_in(prep, index, entities, mentions, &mut Buffers::default())
    }

    /// [`Self::new`] in the lists of `buf` (left by [`Self::recycle`]): a document's
    /// views are built one after the other, and five lists of their own for each was a
    /// good part of the events stage's allocations.
    pub fn new_in(
        prep: &'p Prepared<'_>,
        index: usize,
        entities: &[Entity],
        mentions: &[(usize, usize)],
        buf: &mut Buffers<'p>,
    ) -> Option<SentenceView<'p>> {
        let hay = prep.norm_text();
        let sent = prep.sentences.get(index)?;
        let ns = prep.to_norm(sent.start);
        let ne = prep.to_norm(sent.end);
        let text = hay.get(ns..ne)?;
        let mut tokens = std::mem::take(&mut buf.tokens);
        tokens.clear();
        words_into(text, ns, &mut tokens);
        // Clauses of this sentence only: most sentences have no trigger and need none.
        let mut clauses = std::mem::take(&mut buf.clauses);
        clauses.clear();
        clauses_into(prep.orig, sent.clone(), &mut clauses);
        // Tokens and clauses are both in text order: one merged walk.
        let mut ci = 0;
        let mut clause = std::mem::take(&mut buf.clause);
        clause.clear();
        clause.extend(tokens.iter().map(|t| {
            let ob = prep.norm.to_orig(t.start);
            while clauses.get(ci).is_some_and(|c| c.start <= ob) {
                ci += 1;
            }
            ci
        }));
        let mut trigger_tok = std::mem::take(&mut buf.trigger_tok);
        trigger_tok.clear();
        trigger_tok.resize(tokens.len(), false);
        let mut date_tok = std::mem::take(&mut buf.date_tok);
        date_tok.clear();
        date_tok.resize(tokens.len(), false);
        let mut view_mentions = std::mem::take(&mut buf.mentions);
        view_mentions.clear();
        view_mentions.reserve(mentions.len());
        let mut view = SentenceView {
            index,
            hay,
            tokens,
            clause,
            clauses,
            mentions: view_mentions,
            trigger_tok,
            date_tok,
        };
        for &(e, m) in mentions {
            let Some(ent) = entities.get(e) else { continue };
            let Some(men) = ent.mentions.get(m) else {
                continue;
            };
            let s = prep.to_norm(men.span.start);
            let en = prep.to_norm(men.span.end);
            let Some(tok) = view.tokens_in(s, en) else {
                continue;
            };
            let first = tok.start;
            let clitic = view
                .tokens
                .get(first)
                .and_then(|t| hay.get(t.start..s.max(t.start)))
                .unwrap_or("");
            // A country named by its state body ("Russian authorities", "الحكومة
            // الإيرانية") arrests, denies and attacks as a body does: the roles read it as
            // an organization, never as the place where something happened.
            let etype = if men.source == crate::rules::GOVERNMENT_SOURCE {
                EntityType::Organization
            } else {
                ent.etype
            };
            let embedded = etype == EntityType::Location
                && in_capitalized_name(prep.orig, men.span.clone(), sent.start);
            view.mentions.push(MentionRef {
                entity: e,
                etype,
                tok,
                clitic,
                embedded,
            });
        }
        view.mentions.sort_by_key(|m| (m.tok.start, m.tok.end));
        // Mentions never overlap by contract; drop any that do so positions stay unique.
        let mut last_end = 0;
        view.mentions.retain(|m| {
            let keep = m.tok.start >= last_end;
            if keep {
                last_end = m.tok.end;
            }
            keep
        });
        Some(view)
    }

    /// Gives the view's lists back to `buf`, for the next view to fill.
    pub fn recycle(self, buf: &mut Buffers<'p>) {
        *buf = Buffers {
            tokens: self.tokens,
            clause: self.clause,
            clauses: self.clauses,
            mentions: self.mentions,
            trigger_tok: self.trigger_tok,
            date_tok: self.date_tok,
        };
    }

    /// The tokens of the normalized range `ns..ne`: from the one containing (or first
    /// after) `ns` to the last that starts before `ne` ("U.S." ends with a dot that
    /// belongs to no token); `None` when no token starts there.
    pub fn tokens_in(&self, ns: usize, ne: usize) -> Option<Range<usize>> {
        let first = self.token_at(ns)?;
        let end = self.tokens.partition_point(|t| t.start < ne);
        (first < end).then_some(first..end)
    }

    /// Marks the tokens covered by the dates of this sentence (`dates` of the document).
    pub fn mark_dates(&mut self, prep: &Prepared<'_>, dates: &[DateMention]) {
        for d in dates.iter().filter(|d| d.sentence == self.index) {
            let (ns, ne) = (prep.to_norm(d.span.start), prep.to_norm(d.span.end));
            if let Some(r) = self.tokens_in(ns, ne) {
                for x in self.date_tok.get_mut(r).into_iter().flatten() {
                    *x = true;
                }
            }
        }
    }

    /// The text between token `t` and the one before it (punctuation, spaces), or `None`
    /// for the first token.
    pub fn gap_before(&self, t: usize) -> Option<&'p str> {
        let (p, c) = (self.tokens.get(t.checked_sub(1)?)?, self.tokens.get(t)?);
        self.hay.get(p.end..c.start)
    }

    /// Index of the token containing (or first after) normalized byte `nb`.
    pub fn token_at(&self, nb: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.end <= nb);
        (i < self.tokens.len()).then_some(i)
    }

    /// Normalized text of token `i`.
    pub fn word(&self, i: usize) -> &'p str {
        self.tokens
            .get(i)
            .and_then(|t| self.hay.get(t.clone()))
            .unwrap_or("")
    }

    /// Token `i` without a leading conjunction و/ف when the rest is still a word of 2+ letters
    /// ("وضد" → "ضد").
    pub fn bare_word(&self, i: usize) -> &'p str {
        strip_conj(self.word(i))
    }

    /// Tokens `a..b` as one phrase of the normalized text, the first without a leading
    /// conjunction, when single spaces separate them ("من قبل"); no allocation.
    pub fn phrase(&self, a: usize, b: usize) -> Option<&'p str> {
        if b <= a || b > self.tokens.len() {
            return None;
        }
        let first = self.tokens.get(a)?;
        for w in a + 1..b {
            let (p, t) = (self.tokens.get(w - 1)?, self.tokens.get(w)?);
            if self.hay.get(p.end..t.start)? != " " {
                return None;
            }
        }
        let skip = self.word(a).len() - self.bare_word(a).len();
        self.hay
            .get(first.start + skip..self.tokens.get(b - 1)?.end)
    }

    /// Clause number of token `i`.
    pub fn clause_of(&self, i: usize) -> usize {
        self.clause.get(i).copied().unwrap_or(usize::MAX)
    }

    /// The mention covering token `i`, if any.
    pub fn mention_at(&self, i: usize) -> Option<usize> {
        self.mentions
            .iter()
            .position(|m| m.tok.start <= i && i < m.tok.end)
    }
}

/// True when the Latin-script name at `span` of `text` has a capitalized word right before
/// it (not at the sentence start) or right after it: it is part of a longer name.
fn in_capitalized_name(text: &str, span: Range<usize>, sentence_start: usize) -> bool {
    let is_latin_cap = |c: char| c.is_ascii_uppercase();
    let Some(first) = text.get(span.clone()).and_then(|t| t.chars().next()) else {
        return false;
    };
    if !first.is_ascii_alphabetic() {
        return false;
    }
    let after = text.get(span.end..).unwrap_or("");
    // "Real Madrid", "Japan's Suzuki": a capitalized word follows, after a space or 's.
    let next_cap = after
        .strip_prefix(' ')
        .or_else(|| after.strip_prefix("'s "))
        .or_else(|| after.strip_prefix("\u{2019}s "))
        .and_then(|r| r.chars().next())
        .is_some_and(is_latin_cap);
    let before = text.get(sentence_start..span.start).unwrap_or("");
    let prev_word = before.strip_suffix(' ').and_then(|b| {
        let w: String = b
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '-')
            .collect();
        (!w.is_empty()).then_some((w, b.len()))
    });
    // A capitalized word before, unless it opens the sentence ("Russia" in "Yesterday Russia"
    // is still caught; that is rare in news).
    let prev_cap = prev_word.is_some_and(|(w, len)| {
        let starts_sentence = len == w.len();
        w.chars().last().is_some_and(is_latin_cap) && !starts_sentence
    });
    // "Bank of Japan", "Banque Nationale de Paris": a capitalized word, then of/de, then the place.
    let of_name = before
        .strip_suffix(' ')
        .and_then(|b| {
            ["of", "de", "du", "des", "la"]
                .iter()
                .find_map(|p| b.strip_suffix(p))
        })
        .and_then(|b| b.strip_suffix(' '))
        .and_then(|b| b.split(' ').next_back())
        .and_then(|w| w.chars().next())
        .is_some_and(is_latin_cap);
    next_cap || prev_cap || of_name
}

/// True for word characters, with a fast path for ASCII and Arabic letters (the general
/// Unicode lookup is slow and this runs on every sentence with a trigger).
#[inline]
pub(crate) fn word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ if c.is_ascii() => false,
        _ => is_word_char(c),
    }
}

/// Word tokens of a normalized sentence as byte ranges shifted by `offset` (maximal runs
/// of word characters). ASCII bytes are classified without decoding.
#[cfg(test)]
fn words(s: &str, offset: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    words_into(s, offset, &mut out);
    out
}

/// Appends the word tokens of `s` (byte ranges shifted by `offset`) to `out`.
fn words_into(s: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (is_word, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else if (0xC2..=0xDF).contains(&b) {
            // Two-byte characters (Arabic letters among them), decoded in place: the text
            // is valid UTF-8, so a continuation byte follows.
            let b1 = bytes.get(i + 1).copied().unwrap_or(0);
            let c = char::from_u32((u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F));
            (c.is_some_and(word_char), 2)
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (word_char(c), c.len_utf8()),
                None => (false, 1),
            }
        };
        match (is_word, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(offset + st..offset + i);
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(st) = start {
        out.push(offset + st..offset + bytes.len());
    }
}

/// Clauses of a sentence (byte ranges of `text`), split at ؛ ; and ، — the same ranges as
/// [`crate::text::split_clauses`], found by a byte scan (the three marks are never part of
/// another character's UTF-8 encoding).
#[cfg(test)]
pub(crate) fn clauses_of(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    clauses_into(text, sentence, &mut out);
    out
}

/// [`clauses_of`], appended to `out`.
fn clauses_into(text: &str, sentence: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(body) = text.get(sentence.clone()) else {
        return;
    };
    let bytes = body.as_bytes();
    let mut start = sentence.start;
    // ';' is one byte; '؛' (U+061B) and '،' (U+060C) are D8 9B and D8 8C.
    for j in memchr::memchr3_iter(b';', 0x9B, 0x8C, bytes) {
        let (at, len) = if bytes.get(j) == Some(&b';') {
            (j, 1)
        } else if j > 0 && bytes.get(j - 1) == Some(&0xD8) {
            (j - 1, 2)
        } else {
            continue;
        };
        let abs = sentence.start + at;
        if abs > start {
            out.push(start..abs);
        }
        start = abs + len;
    }
    if sentence.end > start {
        out.push(start..sentence.end);
    }
}

/// Strips a leading Arabic conjunction و/ف from a normalized word.
pub fn strip_conj(w: &str) -> &str {
    for c in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(c) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split_clauses;

    #[test]
    fn clauses_and_words_match_the_text_module() {
        for t in [
            "هجوم في 4 يوليو؛ ثم اجتماع، يوم الثلاثاء",
            "a; b;; c",
            ";",
            "",
            "Bonjour, “café”; ok؛",
            "ثلاثة، ؛؛ ٌ ڌ ۛ x",
            "é ü ß 42 — ok",
        ] {
            assert_eq!(
                clauses_of(t, 0..t.len()),
                split_clauses(t, 0..t.len()),
                "{t}"
            );
            let want: Vec<Range<usize>> = crate::text::word_spans(t).collect();
            assert_eq!(words(t, 0), want, "{t}");
        }
        assert_eq!(words("ab, ج د1", 3), vec![3..5, 7..9, 10..13]);
    }

    proptest::proptest! {
        /// Views built one after the other in the same lists are the views built afresh,
        /// whatever the sentences and mentions before them left in the lists.
        #[test]
        fn views_in_reused_lists_are_fresh_views(
            picks in proptest::collection::vec(
                (0usize..6, proptest::collection::vec(0usize..12, 0..6)),
                1..8,
            )
        ) {
            let text = "بايدن قال؛ إن بوتين هاجم Ukraine، in Kyiv. Putin met بايدن في Moscow; \
                        ok. x. وفي لندن قالت Reuters إن الهجوم وقع في باريس.";
            let prep = Prepared::new(text, None);
            let names = ["بايدن", "بوتين", "Ukraine", "Kyiv", "Putin", "Moscow", "لندن", "باريس"];
            let entities: Vec<Entity> = crate::events::tests::ents(
                text,
                &prep,
                &names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let t = if i % 2 == 0 { EntityType::Person } else { EntityType::Location };
                        (*n, *n, t)
                    })
                    .collect::<Vec<_>>(),
            );
            let all: Vec<(usize, usize)> = entities
                .iter()
                .enumerate()
                .flat_map(|(e, ent)| (0..ent.mentions.len()).map(move |m| (e, m)))
                .collect();
            let mut buf = Buffers::default();
            for (s, ms) in &picks {
                let ms: Vec<(usize, usize)> =
                    ms.iter().filter_map(|&k| all.get(k % all.len()).copied()).collect();
                let fresh = SentenceView::new(&prep, *s, &entities, &ms);
                let reused = SentenceView::new_in(&prep, *s, &entities, &ms, &mut buf);
                proptest::prop_assert_eq!(format!("{fresh:?}"), format!("{reused:?}"));
                if let Some(mut v) = reused {
                    // A view's trigger marks are set after it is built: stale ones must go.
                    v.trigger_tok.iter_mut().for_each(|t| *t = true);
                    v.recycle(&mut buf);
                }
            }
        }
    }
}
