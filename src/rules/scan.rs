//! Local parsing around cue hits: the word before or after a position of the normalized
//! text, quoted names, runs of Latin-script words, and candidate construction.

use std::ops::Range;

use crate::model::{Candidate, EntityType, Target};
use crate::text::{is_arabic, is_word_char, normalize, word_char_at, Prepared};

/// Rule candidates lose ties against gazetteer entries (priority 0).
pub(crate) const RULE_PRIORITY: i32 = -1;

/// True for a character that may join two word parts of one token (O'Neill, Jean-Pierre).
fn joiner(c: char) -> bool {
    c == '-' || c == '\''
}

/// End of the word starting at `s` (word characters, plus inner hyphens and apostrophes
/// between Latin letters). The runs of word characters are measured by
/// [`crate::text::word_end`], eight ASCII bytes at a time: the rules ask for the words
/// around every cue, and testing each character was most of what that cost.
fn word_end(hay: &str, s: usize) -> usize {
    let b = hay.as_bytes();
    let mut end = crate::text::word_end(hay, s);
    // A joiner is ASCII, and so is a Latin letter or digit on either side of it: an
    // ASCII byte is a whole character, any other byte is part of another character.
    while b.get(end).is_some_and(|&x| joiner(char::from(x)))
        && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
        && end
            .checked_sub(1)
            .and_then(|p| b.get(p))
            .is_some_and(u8::is_ascii_alphanumeric)
    {
        end = crate::text::word_end(hay, end + 1);
    }
    end
}

/// The word right after `pos` when only spaces (no newline, no punctuation) separate them.
pub(crate) fn word_after(hay: &str, pos: usize) -> Option<Range<usize>> {
    let rest = hay.get(pos..)?;
    let skip = rest
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    let s = pos + skip;
    if s >= hay.len() || !word_char_at(hay, s).0 {
        return None;
    }
    Some(s..word_end(hay, s))
}

/// The word right before `pos` when only spaces separate them.
pub(crate) fn word_before(hay: &str, pos: usize) -> Option<Range<usize>> {
    let head = hay.get(..pos)?;
    let e = head.trim_end_matches([' ', '\t']).len();
    let mut s = e;
    for (i, c) in hay[..e].char_indices().rev() {
        if is_word_char(c) || (joiner(c) && c.is_ascii()) {
            s = i;
        } else {
            break;
        }
    }
    // A hyphen or apostrophe cannot start a word.
    while s < e && hay[s..].starts_with(joiner) {
        s += 1;
    }
    (s < e).then_some(s..e)
}

/// A name in straight quotes right after `pos` (quotes are normalized to `"`): the range
/// inside the quotes, at most 6 words on one line.
pub(crate) fn quoted_after(hay: &str, pos: usize) -> Option<Range<usize>> {
    let rest = hay.get(pos..)?;
    let skip = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let open = pos + skip;
    if !hay[open..].starts_with('"') {
        return None;
    }
    let inner = open + 1;
    // A quote glued to the word before it and not to the one after closes a quotation
    // that began before `pos` ("«... مجموعة مسلحة»، مبينا أن ... «"): what follows it is
    // no name. Glued on both sides it may open one ("مركز«X»").
    let glued_before = hay[..open]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let glued_after = hay[inner..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    if glued_before && !glued_after {
        return None;
    }
    let close = inner + hay[inner..].find(['"', '\n'])?;
    if !hay[close..].starts_with('"') {
        return None;
    }
    let text = hay[inner..close].trim();
    let words = text.split_whitespace().count();
    if text.is_empty() || words > 6 {
        return None;
    }
    let lead = hay[inner..close].len() - hay[inner..close].trim_start().len();
    Some(inner + lead..inner + lead + text.len())
}

/// The original text of a normalized range.
pub(crate) fn orig<'a>(prep: &'a Prepared<'_>, r: &Range<usize>) -> &'a str {
    let o = prep.to_orig(r.clone());
    prep.orig.get(o).unwrap_or("")
}

/// `char::is_uppercase` without the Unicode tables for ASCII and the Arabic block (which
/// has no case).
pub(crate) fn upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        false
    } else {
        c.is_uppercase()
    }
}

/// `char::is_lowercase` without the Unicode tables for ASCII and the Arabic block.
pub(crate) fn lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        false
    } else {
        c.is_lowercase()
    }
}

/// `char::is_alphabetic` without the Unicode tables for ASCII and Arabic letters.
pub(crate) fn alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        true
    } else {
        c.is_alphabetic()
    }
}

/// `char::is_alphanumeric` without the Unicode tables for ASCII and Arabic letters.
pub(crate) fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        alpha(c) || c.is_numeric()
    }
}

/// True when the original text of `r` has capitals and no lowercase letter ("CHAIRMAN",
/// "IMF"): in an all-capitals headline every word is capitalized, so capitals no longer
/// tell a name, and in running text such a word is an acronym.
pub(crate) fn in_capitals(prep: &Prepared<'_>, r: &Range<usize>) -> bool {
    let o = orig(prep, r);
    o.chars().any(upper) && !o.chars().any(lower)
}

/// True when the original word starts with an uppercase letter.
pub(crate) fn is_cap(prep: &Prepared<'_>, r: &Range<usize>) -> bool {
    // Only the first character is read: mapping the start alone spares finding the end of
    // the span in the original (a third of the rules' offset mapping).
    !r.is_empty()
        && prep
            .orig
            .get(prep.norm.to_orig(r.start)..)
            .and_then(|t| t.chars().next())
            .is_some_and(upper)
}

/// The gazetteer's candidates that start at original byte `start` (`known` is sorted by
/// start).
pub(crate) fn known_at(known: &[Candidate], start: usize) -> &[Candidate] {
    let from = known.partition_point(|c| c.span.start < start);
    let rest = known.get(from..).unwrap_or_default();
    rest.get(..rest.partition_point(|c| c.span.start <= start))
        .unwrap_or_default()
}

/// True when the word is Latin script.
pub(crate) fn is_latin(hay: &str, r: &Range<usize>) -> bool {
    hay[r.clone()]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// True when the word is Arabic script.
pub(crate) fn is_ar(hay: &str, r: &Range<usize>) -> bool {
    hay[r.clone()].chars().next().is_some_and(is_arabic)
}

/// A Latin-script name inside any text: up to 4 words after `pos`, each with an uppercase
/// letter or a digit in the original (SolarWinds, REvil, APT29, Sinks).
pub(crate) fn latin_name_after(prep: &Prepared<'_>, pos: usize) -> Option<Range<usize>> {
    let hay = prep.norm_text();
    let mut out: Option<Range<usize>> = None;
    let mut at = pos;
    for _ in 0..4 {
        let Some(w) = word_after(hay, at) else { break };
        if !is_latin(hay, &w) {
            break;
        }
        let o = orig(prep, &w);
        if !o.chars().any(|c| upper(c) || c.is_ascii_digit()) {
            break;
        }
        at = w.end;
        out = Some(out.map_or(w.clone(), |r| r.start..w.end));
    }
    // Digits alone name nothing ("مجموعة 5+1" is a group of states, "5" no name).
    out.filter(|r| hay[r.clone()].bytes().any(|b| b.is_ascii_alphabetic()))
}

/// A compound that says where a body is or who owns or runs it ("Paris-based",
/// "state-owned"): it comes before a name and is never part of it.
pub(crate) fn says_who_has_it(word_norm: &str) -> bool {
    word_norm.rsplit_once('-').is_some_and(|(_, p)| {
        matches!(
            p,
            "based"
                | "owned"
                | "listed"
                | "run"
                | "led"
                | "backed"
                | "controlled"
                | "registered"
                | "headquartered"
                | "funded"
                | "affiliated"
                | "linked"
                | "sponsored"
        )
    })
}

/// English words that are capitalized yet never start or make up a name.
pub(crate) fn en_stop(word_norm: &str) -> bool {
    matches!(
        word_norm,
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "of"
            | "and"
            | "but"
            | "for"
            | "this"
            | "that"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "his"
            | "her"
            | "their"
            | "its"
            | "at"
            | "to"
            | "by"
            | "with"
            | "from"
            | "as"
            | "after"
            | "before"
            | "when"
            | "if"
            | "while"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "september"
            | "october"
            | "november"
            | "december"
            | "said"
            | "says"
            | "told"
            | "also"
            | "there"
            | "these"
            | "those"
            | "new"
            | "both"
            | "either"
            | "neither"
    )
}

/// True when `orig` writes `lower` (a lowercase word) as a whole word somewhere: then it
/// is a common word ("police", "sugar"), not a name.
pub(crate) fn written_in_lower_case(orig: &str, lower: &str) -> bool {
    !lower.is_empty()
        && memchr::memmem::find_iter(orig.as_bytes(), lower.as_bytes()).any(|at| {
            let end = at + lower.len();
            !orig[..at].ends_with(char::is_alphanumeric)
                && !orig[end..].starts_with(char::is_alphanumeric)
        })
}

/// Whether `orig` itself says that `word` (one capitalized word, as written) is a name:
/// it never writes the word in lower case, and it writes it, case for case, as a whole
/// word inside a sentence (after a word or a quote, not after a full stop or a line
/// break) at an offset `elsewhere` accepts. A common word is capitalized alone only where
/// a sentence starts ("First", "Meanwhile").
pub(crate) fn named_by_its_text(orig: &str, word: &str, elsewhere: impl Fn(usize) -> bool) -> bool {
    !written_in_lower_case(orig, &word.to_lowercase())
        && memchr::memmem::find_iter(orig.as_bytes(), word.as_bytes()).any(|at| {
            let prev = orig[..at].trim_end_matches([' ', '\t']).chars().next_back();
            elsewhere(at)
                && !orig[..at].ends_with(char::is_alphanumeric)
                && !orig[at + word.len()..].starts_with(char::is_alphanumeric)
                && prev.is_some_and(|c| !matches!(c, '\n' | '.' | '!' | '?'))
        })
}

/// Lowercase particles inside Western and Arabic names written in Latin script.
pub(crate) fn en_particle(word_norm: &str) -> bool {
    matches!(
        word_norm,
        "bin"
            | "ibn"
            | "al"
            | "el"
            | "de"
            | "van"
            | "von"
            | "der"
            | "da"
            | "la"
            | "le"
            | "du"
            | "di"
            | "dal"
            | "del"
            | "della"
            | "dos"
            | "das"
            | "abu"
            | "bint"
    )
}

/// Whether, from `pos`, any initials ("W.") are followed by a capitalized word of more than
/// one letter (a particle may come first: "F.W. de Klerk") that is not in capitals: in a
/// headline in capitals, "U.S." is an abbreviation.
fn initials_lead_to_a_word(prep: &Prepared<'_>, mut pos: usize) -> bool {
    let hay = prep.norm_text();
    let mut particle = false;
    while let Some(nx) = word_after(hay, pos) {
        if !is_latin(hay, &nx) {
            return false;
        }
        let n = &hay[nx.clone()];
        let initial = n.len() == 1 && hay[nx.end..].starts_with('.');
        if is_cap(prep, &nx) && !initial {
            return n.len() > 1 && !in_capitals(prep, &nx);
        }
        if initial && is_cap(prep, &nx) && !particle {
            pos = nx.end + 1;
        } else if !particle && en_particle(n) {
            particle = true;
            pos = nx.end;
        } else {
            return false;
        }
    }
    false
}

/// Capitalized English words after `pos` (up to `max`), allowing initials before a
/// capitalized word and lowercase name particles between capitalized words. Stops at stop
/// words.
pub(crate) fn cap_words_after(prep: &Prepared<'_>, pos: usize, max: usize) -> Vec<Range<usize>> {
    let hay = prep.norm_text();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut at = pos;
    // Initials do not count towards `max`: "Anthony J.F. Tessan" is a first and last name.
    let mut initials = 0;
    while out.len() - initials < max {
        let Some(w) = word_after(hay, at) else { break };
        if !is_latin(hay, &w) {
            break;
        }
        let n = &hay[w.clone()];
        // An initial ("George W. Bush", "P.W. Botha") joins only before a capitalized
        // word of more than one letter, after any further initials: else it is a letter
        // that ends a sentence.
        if n.len() == 1 && is_cap(prep, &w) && hay[w.end..].starts_with('.') {
            if initials_lead_to_a_word(prep, w.end + 1) {
                out.push(w.start..w.end + 1);
                initials += 1;
                at = w.end + 1;
                continue;
            }
            break;
        }
        if is_cap(prep, &w) && !en_stop(n) {
            // "Helen Ostrova's budget": a possessive ends the name, without its "'s".
            if let Some(stem) = possessive_stem(hay, &w) {
                out.push(stem);
                break;
            }
            out.push(w.clone());
            at = w.end;
            continue;
        }
        // A particle joins only when a capitalized word follows it.
        if !out.is_empty() && en_particle(n) {
            if let Some(nx) = word_after(hay, w.end) {
                if is_latin(hay, &nx) && is_cap(prep, &nx) && !en_stop(&hay[nx.clone()]) {
                    out.push(w.clone());
                    out.push(nx.clone());
                    at = nx.end;
                    continue;
                }
            }
        }
        break;
    }
    out
}

/// Capitalized English words right before `pos` (up to `max`), nearest last in the result.
pub(crate) fn cap_words_before(prep: &Prepared<'_>, pos: usize, max: usize) -> Vec<Range<usize>> {
    let hay = prep.norm_text();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut at = pos;
    while out.len() < max {
        let Some(w) = word_before(hay, at) else { break };
        let word = &hay[w.clone()];
        // "New" before a name word is the name's ("New Orvale Stock Exchange"); right
        // before the cue it is the adjective ("New Army recruits").
        let stop = (en_stop(word) && (word != "new" || out.is_empty())) || says_who_has_it(word);
        if !is_latin(hay, &w) || !is_cap(prep, &w) || stop {
            break;
        }
        at = w.start;
        out.push(w);
    }
    out.reverse();
    out
}

/// The word without its possessive "'s" ("Brown's" → "Brown"), when it has one.
pub(crate) fn possessive_stem(hay: &str, w: &Range<usize>) -> Option<Range<usize>> {
    let stem = hay.get(w.clone())?.strip_suffix("'s")?;
    (!stem.is_empty()).then(|| w.start..w.start + stem.len())
}

/// A stable id part from a name: normalized, words joined by `-`.
#[cfg(test)]
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_slug(s, &mut out);
    out
}

/// Appends the [`slug`] of `s` to `out` (which may already hold a prefix).
fn push_slug(s: &str, out: &mut String) {
    if s.is_ascii() {
        // Most canonical names: normalizing ASCII is lowercasing it.
        push_slug_chars(s.bytes().map(|b| char::from(b.to_ascii_lowercase())), out);
    } else {
        push_slug_str(&normalize(s), out);
    }
}

/// [`push_slug_chars`] of the characters of `s`, read from the bytes: runs of letters
/// and digits are copied whole, and the ASCII and Arabic letters (most of every name)
/// are told apart without decoding them. A rule candidate's id is made this way, and
/// pushing it character by character was most of what building a candidate cost.
fn push_slug_str(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let base = out.len();
    // Start of the run of letters and digits being read, if any.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let (keep, len) = if x < 0x80 {
            (x.is_ascii_alphanumeric(), 1)
        } else {
            match (x, b.get(i + 1)) {
                // U+0621..=U+064A (the letters `alnum` takes at once): lead D8 with
                // A1..BF, or lead D9 with 80..8A.
                (0xD8, Some(&y)) if (0xA1..=0xBF).contains(&y) => (true, 2),
                (0xD9, Some(&y)) if (0x80..=0x8A).contains(&y) => (true, 2),
                _ => {
                    let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                    (alnum(c), c.len_utf8())
                }
            }
        };
        match (keep, run) {
            (true, None) => run = Some(i),
            (false, Some(r)) => {
                push_slug_run(out, base, s.get(r..i).unwrap_or(""));
                run = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(r) = run {
        push_slug_run(out, base, s.get(r..).unwrap_or(""));
    }
}

/// Appends one run of letters and digits to a slug that starts at `base` of `out`,
/// after a dash when it is not the first.
fn push_slug_run(out: &mut String, base: usize, run: &str) {
    if out.len() > base {
        out.push('-');
    }
    out.push_str(run);
}

/// Appends the slug of normalized characters to `out`: letters and digits kept, each run
/// of other characters one dash, none first or last.
fn push_slug_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    let base = out.len();
    for c in chars {
        if alnum(c) {
            out.push(c);
        } else if out.len() > base && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > base && out.ends_with('-') {
        out.pop();
    }
}

/// Uppercases the first letter of each word ("richard walters" → "Richard Walters"):
/// [`push_title_case`] into a new string, for the tests.
#[cfg(test)]
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_title_case(s, &mut out);
    out
}

/// Appends `s` to `out` with its first letter and each letter after a space uppercased
/// ("richard walters" → "Richard Walters").
pub(crate) fn push_title_case(s: &str, out: &mut String) {
    let mut upper = true;
    for c in s.chars() {
        if upper {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        upper = c == ' ';
    }
}

/// Builds a rule candidate over a normalized range.
pub(crate) fn candidate(
    prep: &Prepared<'_>,
    r: Range<usize>,
    etype: EntityType,
    target: Target,
    source: &str,
    confidence: f32,
) -> Candidate {
    Candidate {
        span: prep.to_orig(r),
        etype,
        target,
        source: source.to_string(),
        confidence,
        priority: RULE_PRIORITY,
        country: None,
    }
}

/// True when `o` is its own [`surface`]: no whitespace but single ASCII spaces between
/// other characters. Read from the bytes: ASCII whitespace is one byte, and every other
/// whitespace character starts with one of the lead bytes C2, E1, E2 or E3, which no
/// Arabic letter does.
fn single_spaced(o: &str) -> bool {
    let b = o.as_bytes();
    !b.first().is_some_and(|&x| x == b' ')
        && !b.last().is_some_and(|&x| x == b' ')
        && !b
            .iter()
            .any(|&x| matches!(x, b'\t'..=b'\r' | 0x1C..=0x1F | 0xC2 | 0xE1 | 0xE2 | 0xE3))
        && memchr::memmem::find(b, b"  ").is_none()
}

/// A new-entity target with an id `{prefix}-{slug(canonical)}`. It takes the canonical
/// name it keeps: every caller has just made it, and a copy was one allocation more per
/// candidate.
pub(crate) fn new_target(prefix: &str, canonical: String) -> Target {
    let mut id = String::with_capacity(prefix.len() + 1 + canonical.len());
    id.push_str(prefix);
    id.push('-');
    push_slug(&canonical, &mut id);
    Target::New { id, canonical }
}

/// [`new_target`]`(prefix, &surface(prep, r))`, with the id's slug read from the
/// normalized text: normalization works character by character, makes no whitespace a
/// letter or digit and makes one character at most one letter or digit, so the
/// normalized range has the letters and digits of the normalized surface, with the same
/// runs of other characters between them, and the surface need not be normalized
/// again. Only the Arabic presentation forms (U+FB50..U+FEFC, "ﻻ", "ﷺ") become several
/// characters, which a range may cut: a surface with a character from U+F000 on (lead
/// byte EF, rare) is normalized again.
pub(crate) fn surface_target(prefix: &str, prep: &Prepared<'_>, r: &Range<usize>) -> Target {
    let canonical = surface(prep, r);
    match prep
        .norm_text()
        .get(r.clone())
        .filter(|_| memchr::memchr(0xEF, canonical.as_bytes()).is_none())
    {
        Some(norm) => {
            let mut id = String::with_capacity(prefix.len() + 1 + norm.len());
            id.push_str(prefix);
            id.push('-');
            push_slug_str(norm, &mut id);
            Target::New { id, canonical }
        }
        None => new_target(prefix, canonical),
    }
}

/// True when one of `found` overlaps the original span `span`: the words are already
/// someone's or something's.
pub(crate) fn taken<'c>(
    found: impl IntoIterator<Item = &'c Candidate>,
    span: &Range<usize>,
) -> bool {
    found
        .into_iter()
        .any(|k| k.span.start < span.end && span.start < k.span.end)
}

/// The original text of a normalized range with runs of whitespace made one space.
pub(crate) fn surface(prep: &Prepared<'_>, r: &Range<usize>) -> String {
    let o = orig(prep, r);
    if single_spaced(o) {
        return o.to_string();
    }
    let mut out = String::with_capacity(o.len());
    for w in o.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around() {
        let h = "قال  ريتشارد والترز، رئيس";
        let w = word_after(h, 6).unwrap();
        assert_eq!(&h[w.clone()], "ريتشارد");
        let w2 = word_after(h, w.end).unwrap();
        assert_eq!(&h[w2.clone()], "والترز");
        assert!(word_after(h, w2.end).is_none());
        assert_eq!(&h[word_before(h, w2.start).unwrap()], "ريتشارد");
        let e = "o'neill jean-pierre -x";
        assert_eq!(&e[word_after(e, 0).unwrap()], "o'neill");
        assert_eq!(&e[word_after(e, 7).unwrap()], "jean-pierre");
    }

    /// The word end as first written, character by character: the reference for the
    /// byte-reading [`word_end`].
    fn word_end_by_chars(hay: &str, s: usize) -> usize {
        let mut end = s;
        let mut it = hay[s..].char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if is_word_char(c) {
                end = s + i + c.len_utf8();
            } else if joiner(c) && c.is_ascii() {
                let next_is_word = it.peek().is_some_and(|&(_, d)| d.is_ascii_alphanumeric());
                let prev_latin = hay[..s + i]
                    .chars()
                    .next_back()
                    .is_some_and(|d| d.is_ascii_alphanumeric());
                if !(next_is_word && prev_latin) {
                    break;
                }
            } else {
                break;
            }
        }
        end
    }

    #[test]
    fn word_ends_read_from_bytes_match_the_characters() {
        for h in [
            "o'neill jean-pierre -x",
            "قال-x ab'' a-'b x- -y 'z",
            "é-b ü'x 2-3 a-é é-a",
            "ريتشارد-walters ab\u{0640}cd x\u{00A0}y",
            "a--b a-'b ٢٠٢١-x",
            "",
            "-",
        ] {
            for (s, _) in h.char_indices().chain([(h.len(), ' ')]) {
                assert_eq!(word_end(h, s), word_end_by_chars(h, s), "{h:?} at {s}");
            }
        }
    }

    #[test]
    fn surfaces_make_whitespace_one_space() {
        let t = "قال  ريتشارد\tوالترز\u{00A0}الابن Jean Paul\u{2009}Sartre";
        let p = Prepared::new(t, None);
        let all = 0..p.norm_text().len();
        assert_eq!(
            surface(&p, &all),
            "قال ريتشارد والترز الابن Jean Paul Sartre"
        );
        let t = "Jean Paul Sartre";
        let p = Prepared::new(t, None);
        assert_eq!(surface(&p, &(0..t.len())), t);
    }

    #[test]
    fn quotes() {
        let h = "تدعى \"revil\" شركة";
        let q = quoted_after(h, "تدعى".len()).unwrap();
        assert_eq!(&h[q], "revil");
        assert!(quoted_after("x \"open only", 1).is_none());
        // Glued to the noun before it, a quote opens a name when it is glued to the name
        // too; glued to the word before it alone, it closes a quotation.
        let h = "مركز\"نور الهدى\" للبحوث";
        let q = quoted_after(h, "مركز".len()).unwrap();
        assert_eq!(&h[q], "نور الهدى");
        let h = "\"هجوم مجموعة مسلحة\"، مضيفا أنه \"سيرد\"";
        assert!(quoted_after(h, h.find("مسلحة").unwrap() + "مسلحة".len()).is_none());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Richard Walters"), "richard-walters");
        assert_eq!(slug("ريتشارد والترز"), "ريتشارد-والترز");
        assert_eq!(title_case("richard walters"), "Richard Walters");
    }

    /// Pieces of the texts the target test builds: letters of both scripts and cases,
    /// characters normalization drops, folds or expands, digits, white space of every
    /// kind, quotes and joiners.
    const TARGET_PIECES: [&str; 24] = [
        "ريتشارد",
        "أحمد",
        "\u{064E}",
        "ـ",
        "\u{200F}",
        "ﻻ",
        "١٢",
        "Jean",
        "O'Neill",
        "É",
        "é",
        "Σ",
        "ΟΔΥΣΣΕΑΣ",
        "İ",
        "ß",
        " ",
        "  ",
        "\u{00A0}",
        "\t",
        "\u{2009}",
        "\"",
        "-",
        ".",
        "APT29",
    ];

    proptest::proptest! {
        /// The id read from the normalized text is the one [`new_target`] makes of the
        /// surface, for every range between character boundaries.
        #[test]
        fn surface_targets_are_new_targets_of_the_surface(
            parts in proptest::collection::vec(0usize..TARGET_PIECES.len(), 0..12)
        ) {
            let t: String = parts.iter().map(|&k| TARGET_PIECES[k]).collect();
            let p = Prepared::new(&t, None);
            let hay = p.norm_text();
            let bounds: Vec<usize> = (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)).collect();
            for &a in &bounds {
                for &b in bounds.iter().filter(|&&b| b > a) {
                    let r = a..b;
                    proptest::prop_assert_eq!(
                        surface_target("org", &p, &r),
                        new_target("org", surface(&p, &r)),
                        "{:?} {:?}", t, r
                    );
                }
            }
        }
    }

    /// Pieces of the slug test's strings: letters of the Arabic block at the edges of
    /// the range taken at once and outside it, other scripts, digits, marks, spaces and
    /// punctuation.
    const SLUG_PIECES: [&str; 25] = [
        "ء", "ؠ", "؟", "ـ", "ا", "ي", "ً", "٠", "ٱ", "ب", "ۀ", "Jean", "o'neill", "é", "Σ", "1",
        "29", " ", "  ", "-", "--", ".", "\u{00A0}", "\u{2009}", "𝔸",
    ];

    proptest::proptest! {
        /// The slug read from the bytes is the one pushed character by character, after
        /// an empty prefix and after one.
        #[test]
        fn slugs_read_from_bytes_are_the_slugs_of_the_chars(
            parts in proptest::collection::vec(0usize..SLUG_PIECES.len(), 0..12)
        ) {
            let t: String = parts.iter().map(|&k| SLUG_PIECES[k]).collect();
            for prefix in ["", "org-"] {
                let mut fast = prefix.to_string();
                push_slug_str(&t, &mut fast);
                let mut slow = prefix.to_string();
                push_slug_chars(t.chars(), &mut slow);
                proptest::prop_assert_eq!(fast, slow, "{:?}", t);
            }
        }
    }

    #[test]
    fn fast_char_classes_match_unicode() {
        let ranges = [0u32..0x800, 0x0E00..0x1100, 0x1E00..0x2200, 0xFB00..0xFF00];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
