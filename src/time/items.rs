//! Items: tokens with their vocabulary meanings, multi-word phrases joined, Arabic
//! proclitics ("و", "ف", "ب", "ل", "ك", "لل") split off so that "بتموز" reads as "تموز".

use std::ops::Range;

use super::tokens::{tokenize_into, Tok, TokKind};
use super::vocab::{Lex, Vocab};

/// One parsing unit: a token or a vocabulary phrase.
#[derive(Debug, Clone)]
pub struct Item<'v> {
    /// Normalized byte range, without an attached proclitic.
    pub range: Range<usize>,
    pub kind: TokKind,
    /// No space before it.
    pub glued: bool,
    /// A proclitic letter was split off the front.
    pub clitic: bool,
    pub lex: &'v [Lex],
}

impl Item<'_> {
    /// True when one of the item's meanings satisfies `f`.
    pub fn has(&self, f: impl Fn(&Lex) -> bool) -> bool {
        self.lex.iter().any(f)
    }

    /// The first meaning `f` maps to something.
    pub fn find<T>(&self, f: impl Fn(&Lex) -> Option<T>) -> Option<T> {
        self.lex.iter().find_map(f)
    }

    /// Number value, its digit count and ordinal suffix flag.
    pub fn num(&self) -> Option<(u32, u8, bool)> {
        match self.kind {
            TokKind::Num { val, digits, ord } => Some((val, digits, ord)),
            _ => None,
        }
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
}

/// Builds the items of a whole normalized text.
#[cfg(test)]
pub fn items<'v>(norm: &str, vocab: &'v Vocab) -> Vec<Item<'v>> {
    items_in(norm, 0..norm.len(), vocab)
}

/// Builds the items of the window `win` of a normalized text (ranges stay those of the
/// whole text).
#[cfg(test)]
pub fn items_in<'v>(norm: &str, win: Range<usize>, vocab: &'v Vocab) -> Vec<Item<'v>> {
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    items_into(norm, win, vocab, &mut scratch, &mut out);
    out
}

/// Buffers reused from one window to the next, so that a document costs a few
/// allocations rather than a few per window and per vocabulary word.
#[derive(Debug, Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    key: String,
}

/// Replaces the contents of `out` with the items of the window `win` of a normalized
/// text (ranges stay those of the whole text).
pub fn items_into<'v>(
    norm: &str,
    win: Range<usize>,
    vocab: &'v Vocab,
    scratch: &mut Scratch,
    out: &mut Vec<Item<'v>>,
) {
    out.clear();
    let Scratch { toks, key } = scratch;
    toks.clear();
    tokenize_into(norm.get(win.clone()).unwrap_or(""), win.start, toks);
    let toks = &toks[..];
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let known = matches!(t.kind, TokKind::Word | TokKind::Alnum)
            && norm
                .get(t.range.clone())
                .is_some_and(|w| vocab.maybe_known(w));
        if known {
            if let Some((n, lex)) = lookup(norm, toks, i, norm.get(t.range.clone()), vocab, key) {
                let end = toks.get(i + n - 1).map_or(t.range.end, |e| e.range.end);
                out.push(Item {
                    range: t.range.start..end,
                    kind: TokKind::Word,
                    glued: t.glued,
                    clitic: false,
                    lex,
                });
                i += n;
                continue;
            }
            if let Some(item) = with_clitic(norm, toks, i, vocab, key) {
                let n = item.1;
                out.push(item.0);
                i += n;
                continue;
            }
        }
        out.push(Item {
            range: t.range.clone(),
            kind: t.kind,
            glued: t.glued,
            clitic: false,
            lex: &[],
        });
        i += 1;
    }
}

/// Longest vocabulary phrase at token `i` whose first word is `first`; `key` is a
/// buffer for the phrase keys of more than one word.
fn lookup<'v>(
    norm: &str,
    toks: &[Tok],
    i: usize,
    first: Option<&str>,
    vocab: &'v Vocab,
    key: &mut String,
) -> Option<(usize, &'v [Lex])> {
    let first = first?;
    let max = vocab.max_len(first);
    if max == 0 {
        return None;
    }
    let mut best = vocab.get(first).map(|lex| (1, lex));
    key.clear();
    key.push_str(first);
    for n in 2..=max {
        let Some(w) = toks.get(i + n - 1).and_then(|t| norm.get(t.range.clone())) else {
            break;
        };
        key.push(' ');
        key.push_str(w);
        if let Some(lex) = vocab.get(key) {
            best = Some((n, lex));
        }
    }
    best
}

fn with_clitic<'v>(
    norm: &str,
    toks: &[Tok],
    i: usize,
    vocab: &'v Vocab,
    key: &mut String,
) -> Option<(Item<'v>, usize)> {
    let t = toks.get(i)?;
    let w = norm.get(t.range.clone())?;
    let (clitic_len, core) = vocab.strip_clitic(w)?;
    let (n, lex) = lookup(norm, toks, i, Some(core), vocab, key)?;
    let end = toks.get(i + n - 1).map_or(t.range.end, |e| e.range.end);
    Some((
        Item {
            range: t.range.start + clitic_len..end,
            kind: TokKind::Word,
            glued: false,
            clitic: true,
            lex,
        },
        n,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn clitics_and_phrases() {
        let v = Vocab::builtin().unwrap();
        let t = normalize("وفي بتموز وكانون الثاني بالأمس للعام");
        let it = items(&t, &v);
        let words: Vec<&str> = it.iter().map(|i| &t[i.range.clone()]).collect();
        assert_eq!(words, vec!["في", "تموز", "كانون الثاني", "الامس", "لعام"]);
        assert!(it[1].clitic && it[1].has(|l| matches!(l, Lex::Month { m: 7, .. })));
        assert!(it[2].has(|l| matches!(l, Lex::Month { m: 1, .. })));
        assert!(it[3].has(|l| matches!(l, Lex::RelDay(-1))));
        assert!(it[4].has(|l| matches!(l, Lex::YearWord)));
    }
}
