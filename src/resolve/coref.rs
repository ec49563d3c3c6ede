//! Short-name coreference inside a document (GATE's OrthoMatcher): a later "والترز" or
//! "Walters" links to "Richard Walters", "بن سلمان" to "محمد بن سلمان", an acronym to its
//! expansion; and nationality adjectives attach their country to the mention they modify.

use std::ops::Range;

use super::{EntityKey, Resolved};
use crate::model::EntityType;
use crate::rules::{Nationalities, Rules};
use crate::text::{is_arabic, is_word_char, name_starts, Prepared};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Source of mentions added by coreference.
const SOURCE: &str = "coref:short-name";
/// Source of acronym mentions.
const SOURCE_ACRONYM: &str = "coref:acronym";

/// Adds mentions of short names of entities already found and re-links mentions whose
/// text is a short form of another entity's name; attaches nationality countries.
/// `words` are the [`crate::text::word_ranges`] of the normalized text.
pub fn link(prep: &Prepared<'_>, words: &[Range<usize>], mentions: &mut Vec<Resolved>) {
    // The normalized span of every mention, mapped once: the nationality step and the
    // mentions' words both start from it (neither changes a span).
    let norm_spans: Vec<Range<usize>> = mentions
        .iter()
        .map(|m| prep.to_norm(m.span.start)..prep.to_norm(m.span.end))
        .collect();
    attach_nationality(prep, mentions, &norm_spans);
    // Normalized words of every mention, computed once for the steps below (they change
    // keys and sources, never spans, and add mentions only afterwards): one vector of
    // words for all mentions, cut from the document's words, not one split per mention.
    let mut flat: Vec<&str> = Vec::with_capacity(2 * mentions.len());
    let cuts: Vec<Range<usize>> = norm_spans
        .iter()
        .map(|n| {
            let s = flat.len();
            push_norm_words(prep, words, n, &mut flat);
            s..flat.len()
        })
        .collect();
    let mention_words: Vec<&[&str]> = cuts
        .into_iter()
        .map(|r| flat.get(r).unwrap_or_default())
        .collect();
    relink_to_listed(mentions, &mention_words);
    let forms = short_forms(mentions, &mention_words);
    if !forms.is_empty() {
        relink(mentions, &mention_words, &forms);
        add_short_mentions(prep, words, mentions, &forms);
    }
    acronyms(prep, mentions);
    repeats(prep, mentions);
}

/// Later occurrences of a Latin-script organization or group name found by a rule
/// ("شركة Sinks" … "حسابات Sinks"): the same written form, case for case.
fn repeats<'g>(prep: &Prepared<'_>, mentions: &mut Vec<Resolved<'g>>) {
    let mut names: Vec<(String, EntityKey<'g>)> = Vec::new();
    for m in mentions.iter() {
        // Source and type first: most mentions are not rule-found organizations or groups.
        if !m.source.starts_with("rule:")
            || !matches!(m.key.etype, EntityType::Organization | EntityType::Group)
        {
            continue;
        }
        let text = prep.orig.get(m.span.clone()).unwrap_or("");
        let latin = text.is_ascii() && text.chars().any(|c| c.is_ascii_uppercase());
        if latin && text.len() >= 3 && !names.iter().any(|(n, _)| n == text) {
            names.push((text.to_string(), m.key.clone()));
        }
    }
    if names.is_empty() {
        return;
    }
    let mut taken = taken_spans(mentions);
    let mut added = Vec::new();
    for (name, key) in names {
        // memchr's vectorized search: these names are searched in the whole text.
        for s in memchr::memmem::find_iter(prep.orig.as_bytes(), name.as_bytes()) {
            let span = s..s + name.len();
            let before = prep.orig[..s].chars().next_back();
            let after = prep.orig[span.end..].chars().next();
            // Arabic proclitics may be glued in front ("وSinks"); Latin letters may not.
            let ok_before = !before.is_some_and(|c| is_word_char(c) && !is_arabic(c));
            if !ok_before || after.is_some_and(is_word_char) || overlaps(&taken, &span) {
                continue;
            }
            let i = taken.partition_point(|t| t.start < span.start);
            taken.insert(i, span.clone());
            added.push(Resolved {
                span,
                key: key.clone(),
                source: "coref:repeat".to_string(),
                confidence: 0.7,
                country: None,
                home_country: None,
            });
        }
    }
    mentions.extend(added);
}

/// Pushes the normalized words of a mention's text, read from the document's normalized
/// text and its `words` (normalization works character by character, and whether a
/// character belongs to a word does not depend on its neighbours, so the words of the
/// mention normalized alone are the document's words that overlap it, cut to it).
/// `norm` is the mention's span mapped to the normalized text.
fn push_norm_words<'p>(
    prep: &'p Prepared<'_>,
    words: &[Range<usize>],
    norm: &Range<usize>,
    out: &mut Vec<&'p str>,
) {
    let hay = prep.norm_text();
    let (ns, ne) = (norm.start, norm.end);
    if !hay.get(ns..ne).is_some_and(|t| !t.is_empty()) {
        return;
    }
    let first = words.partition_point(|w| w.end <= ns);
    for w in words.get(first..).unwrap_or_default() {
        if w.start >= ne {
            break;
        }
        if let Some(t) = hay.get(w.start.max(ns)..w.end.min(ne)) {
            out.push(t);
        }
    }
}

/// Arabic chain particles (normalized): a short form keeps the particle with its noun.
fn particle(w: &str) -> bool {
    matches!(
        w,
        "بن" | "ابن"
            | "بنت"
            | "ابو"
            | "ال"
            | "bin"
            | "ibn"
            | "al"
            | "abu"
            | "de"
            | "van"
            | "von"
            | "der"
            | "da"
            | "di"
            | "le"
            | "la"
            | "du"
            | "del"
            | "dos"
            | "el"
    )
}

/// Short forms (normalized) of multi-word person names, each with the one entity it can
/// stand for; a form two entities share is dropped.
fn short_forms<'g>(
    mentions: &[Resolved<'g>],
    all_words: &[&[&str]],
) -> HashMap<String, EntityKey<'g>> {
    let mut forms: HashMap<String, Option<EntityKey<'g>>> = HashMap::default();
    for (m, words) in mentions.iter().zip(all_words) {
        if m.key.etype != EntityType::Person {
            continue;
        }
        if words.len() < 2 {
            continue;
        }
        let n = words.len();
        let short = match (words.get(n - 2), words.get(n - 1)) {
            (Some(p), Some(last)) if particle(p) => format!("{p} {last}"),
            // "عبد الله" is one unit: "الله" alone is nobody's short name.
            (Some(p), _) if *p == "عبد" => continue,
            (_, Some(last)) if Rules::surname_like(last) => (*last).to_string(),
            _ => continue,
        };
        if short.chars().filter(|&c| alnum(c)).count() < 3 {
            continue;
        }
        match forms.get(&short) {
            Some(Some(k)) if *k != m.key => {
                forms.insert(short, None);
            }
            Some(_) => {}
            None => {
                forms.insert(short, Some(m.key.clone()));
            }
        }
    }
    forms
        .into_iter()
        .filter_map(|(f, k)| Some((f, k?)))
        .collect()
}

/// A rule-found mention whose whole text is a short form of another entity joins it.
fn relink<'g>(
    mentions: &mut [Resolved<'g>],
    words: &[&[&str]],
    forms: &HashMap<String, EntityKey<'g>>,
) {
    // One buffer for the joined words of all mentions (a `join` allocated per mention).
    let mut text = String::new();
    for (m, w) in mentions.iter_mut().zip(words) {
        if !m.source.starts_with("rule:") || m.key.etype != EntityType::Person {
            continue;
        }
        text.clear();
        for (i, word) in w.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(word);
        }
        if let Some(k) = forms.get(text.as_str()) {
            if *k != m.key {
                m.key = k.clone();
                m.source = SOURCE.to_string();
            }
        }
    }
}

/// A rule-found name that ends with the name of a listed (gazetteer) entity of the same
/// type, or has its canonical name, is that entity: "الرئيس فلاديمير فلاديميروفيتش بوتين"
/// found by a title rule joins the gazetteer's Vladimir Putin.
fn relink_to_listed<'g>(mentions: &mut [Resolved<'g>], all_words: &[&[&str]]) {
    // Only rule-found mentions are relinked, and only to listed ones of their own type:
    // a document without them (or a listed mention of another type) has nothing to do.
    let rule_types = mentions
        .iter()
        .filter(|m| m.source.starts_with("rule:"))
        .fold(0u8, |t, m| t | type_bit(m.key.etype));
    if rule_types == 0 {
        return;
    }
    // (words, key, lowercased canonical when it is not ASCII) of each distinct listed
    // mention.
    let mut listed: Vec<(&[&str], EntityKey<'g>, Option<String>)> = Vec::new();
    // A set beside the list: a document names its listed entities many times, and a
    // scan of the list per mention grew with the square of the mentions.
    let mut seen: HashSet<(&[&str], &EntityKey)> = HashSet::default();
    for (m, &words) in mentions.iter().zip(all_words) {
        if m.source.starts_with("rule:") || m.source.starts_with("coref:") {
            continue;
        }
        if rule_types & type_bit(m.key.etype) != 0
            && !words.is_empty()
            && seen.insert((words, &m.key))
        {
            listed.push((words, m.key.clone(), folded(&m.key.canonical)));
        }
    }
    if listed.is_empty() {
        return;
    }
    for (m, &words) in mentions.iter_mut().zip(all_words) {
        if !m.source.starts_with("rule:") || !listed.iter().any(|(_, k, _)| k.etype == m.key.etype)
        {
            continue;
        }
        let canon = folded(&m.key.canonical);
        let canon = Lower::of(&m.key.canonical, canon.as_deref());
        let hit = listed.iter().find(|(lw, k, lower)| {
            k.etype == m.key.etype
                && (Lower::of(&k.canonical, lower.as_deref()).same(&canon)
                    || (lw.len() < words.len() && words.ends_with(lw)))
        });
        if let Some((_, k, _)) = hit {
            m.key = k.clone();
        }
    }
}

/// One bit per entity type.
fn type_bit(t: EntityType) -> u8 {
    1 << (t as u8)
}

/// `s.to_lowercase()` when `s` is not ASCII; `None` for ASCII text, which [`Lower`]
/// compares without a lowercased copy (most canonical names are ASCII).
fn folded(s: &str) -> Option<String> {
    (!s.is_ascii()).then(|| s.to_lowercase())
}

/// A string seen through its lowercase form: an ASCII string as is, any other by its
/// [`str::to_lowercase`].
enum Lower<'a> {
    Ascii(&'a str),
    Folded(&'a str),
}

impl<'a> Lower<'a> {
    /// `s` with its [`folded`] form.
    fn of(s: &'a str, folded: Option<&'a str>) -> Lower<'a> {
        match folded {
            Some(f) => Lower::Folded(f),
            None => Lower::Ascii(s),
        }
    }

    /// True when the two strings' `to_lowercase()` forms are equal.
    fn same(&self, other: &Lower<'_>) -> bool {
        match (self, other) {
            (Lower::Ascii(a), Lower::Ascii(b)) => a.eq_ignore_ascii_case(b),
            (Lower::Folded(a), Lower::Folded(b)) => a == b,
            (Lower::Ascii(a), Lower::Folded(f)) | (Lower::Folded(f), Lower::Ascii(a)) => {
                a.len() == f.len()
                    && a.bytes()
                        .zip(f.bytes())
                        .all(|(x, y)| x.to_ascii_lowercase() == y)
            }
        }
    }
}

/// True when `r` overlaps one of the sorted, disjoint `taken` ranges.
fn overlaps(taken: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = taken.partition_point(|t| t.end <= r.start);
    taken.get(i).is_some_and(|t| t.start < r.end)
}

fn taken_spans(mentions: &[Resolved]) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = mentions.iter().map(|m| m.span.clone()).collect();
    v.sort_by_key(|r| r.start);
    v
}

/// Finds the short forms in the text and adds them as mentions where nothing else is.
/// One pass over the words with hash lookups (a word, the word without its proclitics,
/// and two-word forms), cheaper than building an automaton per document.
fn add_short_mentions<'g>(
    prep: &Prepared<'_>,
    words: &[Range<usize>],
    mentions: &mut Vec<Resolved<'g>>,
    forms: &HashMap<String, EntityKey<'g>>,
) {
    let firsts: HashSet<&str> = forms
        .keys()
        .filter_map(|f| f.split_once(' ').map(|(a, _)| a))
        .collect();
    // Most words cannot hold a form: a table of the lengths of the forms (and of the
    // first words of two-word forms) by last byte skips them before any hashing.
    let mut lengths = [0u64; 256];
    for f in forms
        .keys()
        .map(String::as_str)
        .chain(firsts.iter().copied())
    {
        if let Some(&b) = f.as_bytes().last() {
            lengths[usize::from(b)] |= length_bit(f.len());
        }
    }
    // The same table by word length: bit n is set when a word of n bytes (below
    // SHORT_WORD) may hold a form, i.e. a form length is n, n minus one proclitic or n
    // minus two; one shift and one test per word.
    let mut word_fits = [0u64; 256];
    for (f, &l) in word_fits.iter_mut().zip(&lengths) {
        // Below four bytes the saturating subtractions reach length 0.
        let empty = if l & 1 != 0 { 0b1111 } else { 0 };
        *f = l | l << PROCLITIC_BYTES | l << (2 * PROCLITIC_BYTES) | empty;
    }
    let hay = prep.norm_text();
    let bytes = hay.as_bytes();
    let mut taken = taken_spans(mentions);
    let mut added = Vec::new();
    let mut two = String::new();
    for (i, w) in words.iter().enumerate() {
        let Some(&last) = bytes.get(w.end.wrapping_sub(1)) else {
            continue;
        };
        // A form ends the word and starts after at most two proclitic letters.
        let n = w.len();
        let fits = if n < SHORT_WORD {
            word_fits[usize::from(last)] >> n & 1 != 0
        } else {
            let bits = length_bit(n)
                | length_bit(n.saturating_sub(PROCLITIC_BYTES))
                | length_bit(n.saturating_sub(2 * PROCLITIC_BYTES));
            lengths[usize::from(last)] & bits != 0
        };
        if !fits {
            continue;
        }
        let text = &hay[w.clone()];
        let mut found: Option<(Range<usize>, &EntityKey)> = None;
        for skip in name_starts(text, 0).into_iter().flatten() {
            let s = w.start + skip;
            let rest = &hay[s..w.end];
            if firsts.contains(rest) {
                if let Some(n) = words.get(i + 1) {
                    if hay.get(w.end..n.start) == Some(" ") {
                        two.clear();
                        two.push_str(rest);
                        two.push(' ');
                        two.push_str(&hay[n.clone()]);
                        if let Some(k) = forms.get(two.as_str()) {
                            found = Some((s..n.end, k));
                            break;
                        }
                    }
                }
            }
            if let Some(k) = forms.get(rest) {
                found = Some((s..w.end, k));
                break;
            }
        }
        let Some((r, key)) = found else { continue };
        let span = prep.to_orig(r);
        let text = prep.orig.get(span.clone()).unwrap_or("");
        // A Latin surname must be capitalized in the text ("Walters", not "walters").
        if text.chars().next().is_some_and(|c| c.is_ascii_lowercase()) || overlaps(&taken, &span) {
            continue;
        }
        let at = taken.partition_point(|t| t.start < span.start);
        taken.insert(at, span.clone());
        let home = mentions
            .iter()
            .find(|x| x.key == *key)
            .and_then(|x| x.home_country);
        added.push(Resolved {
            span,
            key: key.clone(),
            source: SOURCE.to_string(),
            confidence: 0.7,
            country: None,
            home_country: home,
        });
    }
    mentions.extend(added);
}

/// Bytes of one proclitic letter (و ف ب ل ك are all two-byte characters).
const PROCLITIC_BYTES: usize = 2;

/// Words shorter than this are tested with the shifted length table: below it, no
/// length involved reaches the capped bit 63 of [`length_bit`].
const SHORT_WORD: usize = 60;

/// One bit per length of a word in bytes (63 stands for 63 and more).
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// `char::is_alphanumeric` with ASCII and Arabic-letter fast paths.
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// "(RNC)" after an organization's name, and the initials of a multi-word English name:
/// later uppercase occurrences of the acronym link to the organization.
fn acronyms<'g>(prep: &Prepared<'_>, mentions: &mut Vec<Resolved<'g>>) {
    let mut forms: HashMap<String, EntityKey<'g>> = HashMap::default();
    let mut added = Vec::new();
    let mut taken = taken_spans(mentions);
    // A document names an organization many times: the initials of a canonical name are
    // read once (a later mention could only repeat an entry already made: entries are
    // added or replaced, never removed, and the first key of initials stays).
    let mut read: HashSet<&str> = HashSet::default();
    for m in mentions.iter() {
        if !matches!(m.key.etype, EntityType::Organization | EntityType::Group) {
            continue;
        }
        if read.insert(&m.key.canonical) {
            let initials: String = m
                .key
                .canonical
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter_map(|w| w.chars().next())
                .collect();
            if initials.chars().count() >= 3 && initials.is_ascii() {
                forms.entry(initials).or_insert_with(|| m.key.clone());
            }
        }
        // "Name (ACR)" right after the mention.
        let rest = prep.orig.get(m.span.end..).unwrap_or("");
        let lead = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        let Some(inner) = rest[lead..].strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let acr = &inner[..close];
        let ok = (2..=10).contains(&acr.len())
            && acr
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && acr.bytes().any(|b| b.is_ascii_uppercase());
        if ok {
            let s = m.span.end + lead + 1;
            let span = s..s + acr.len();
            forms.insert(acr.to_string(), m.key.clone());
            if !overlaps(&taken, &span) {
                let i = taken.partition_point(|t| t.start < span.start);
                taken.insert(i, span.clone());
                added.push(Resolved {
                    span,
                    key: m.key.clone(),
                    source: SOURCE_ACRONYM.to_string(),
                    confidence: 0.8,
                    country: None,
                    home_country: m.home_country,
                });
            }
        }
    }
    if forms.is_empty() {
        mentions.extend(added);
        return;
    }
    // Every form is ASCII uppercase letters and digits and must be a whole run of ASCII
    // letters and digits. A document has a handful of forms: each is looked for from its
    // first byte with memchr, where a walk over every capitalized word of an English text
    // was the slow part of coreference.
    let text = prep.orig;
    let bytes = text.as_bytes();
    let mut found: Vec<(Range<usize>, &EntityKey)> = Vec::new();
    for (form, key) in &forms {
        let f = form.as_bytes();
        let Some(&first) = f.first() else { continue };
        for p in memchr::memchr_iter(first, bytes) {
            let w = p..p + f.len();
            let alnum_at = |q: Option<usize>| {
                q.and_then(|q| bytes.get(q))
                    .is_some_and(u8::is_ascii_alphanumeric)
            };
            if bytes.get(w.clone()) == Some(f)
                && !alnum_at(p.checked_sub(1))
                && !alnum_at(Some(w.end))
            {
                found.push((w, key));
            }
        }
    }
    // In text order, as the occurrences are taken.
    found.sort_by_key(|(w, _)| w.start);
    for (w, key) in found {
        let s = w.start;
        let before = text[..s].chars().next_back();
        let after = text[w.end..].chars().next();
        if before.is_some_and(is_word_char)
            || after.is_some_and(is_word_char)
            || overlaps(&taken, &w)
        {
            continue;
        }
        let at = taken.partition_point(|t| t.start < w.start);
        taken.insert(at, w.clone());
        added.push(Resolved {
            span: w,
            key: key.clone(),
            source: SOURCE_ACRONYM.to_string(),
            confidence: 0.7,
            country: None,
            home_country: None,
        });
    }
    mentions.extend(added);
}

/// Sets `country` from a nationality adjective next to a person, group or organization
/// mention: the word before it ("الرئيس الروسي فلاديمير بوتين", "Russian hackers"), two
/// words before over an English title ("Russian President Vladimir Putin"), or, in Arabic,
/// the word after it ("مجموعة REvil الروسية").
/// `norm_spans` are the mentions' spans mapped to the normalized text.
fn attach_nationality(prep: &Prepared<'_>, mentions: &mut [Resolved], norm_spans: &[Range<usize>]) {
    let nats = Nationalities::builtin();
    let hay = prep.norm_text();
    for (m, n) in mentions.iter_mut().zip(norm_spans) {
        if m.country.is_some() || m.key.etype == EntityType::Location {
            continue;
        }
        let (ns, ne) = (n.start, n.end);
        let before = prev_word(hay, ns);
        let mut code = before
            .as_ref()
            .and_then(|b| nats.lookup(&hay[b.clone()]))
            .map(|n| n.code.clone());
        if code.is_none() {
            if let Some(b) = before.as_ref().filter(|b| is_capitalized(prep, b)) {
                code = prev_word(hay, b.start)
                    .and_then(|bb| nats.lookup(&hay[bb]))
                    .map(|n| n.code.clone());
            }
        }
        if code.is_none() {
            code = next_word(hay, ne)
                .filter(|a| hay[a.clone()].starts_with(is_arabic))
                .and_then(|a| nats.lookup(&hay[a]))
                .map(|n| n.code.clone());
        }
        if code.is_some() {
            m.country = code;
        }
    }
}

fn is_capitalized(prep: &Prepared<'_>, r: &Range<usize>) -> bool {
    let o = prep.to_orig(r.clone());
    prep.orig
        .get(o)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// The word right before `pos`, spaces only between.
fn prev_word(hay: &str, pos: usize) -> Option<Range<usize>> {
    let e = hay.get(..pos)?.trim_end_matches(' ').len();
    let s = hay[..e]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some(s..e)
}

/// The word right after `pos`, spaces only between.
fn next_word(hay: &str, pos: usize) -> Option<Range<usize>> {
    let rest = hay.get(pos..)?;
    let s = pos + (rest.len() - rest.trim_start_matches(' ').len());
    let len: usize = hay[s..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some(s..s + len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::word_ranges;

    fn words(p: &Prepared<'_>) -> Vec<Range<usize>> {
        word_ranges(p.norm_text())
    }

    fn res(
        prep: &Prepared<'_>,
        text: &str,
        id: &str,
        etype: EntityType,
        source: &str,
    ) -> Resolved<'static> {
        let s = prep.orig.find(text).unwrap();
        Resolved {
            span: s..s + text.len(),
            key: EntityKey {
                id: id.to_string().into(),
                canonical: id.to_string().into(),
                etype,
            },
            source: source.into(),
            confidence: 0.8,
            country: None,
            home_country: None,
        }
    }

    fn linked(prep: &Prepared<'_>, ms: &[Resolved]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = ms
            .iter()
            .map(|m| (prep.orig[m.span.clone()].to_string(), m.key.id.to_string()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn later_surname_links_to_full_name() {
        let t = "صرح ريتشارد والترز للصحيفة. وأضاف والترز أن الخوادم آمنة، ثم قال لوالترز";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(
            &p,
            "ريتشارد والترز",
            "rw",
            EntityType::Person,
            "rule:x",
        )];
        link(&p, &words(&p), &mut ms);
        let l = linked(&p, &ms);
        assert_eq!(l.iter().filter(|x| x.1 == "rw").count(), 3, "{l:?}");
    }

    #[test]
    fn chain_short_form_and_english_surname() {
        let t = "ولي العهد محمد بن سلمان. وقال بن سلمان إن سلمان";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(
            &p,
            "محمد بن سلمان",
            "mbs",
            EntityType::Person,
            "gazetteer",
        )];
        link(&p, &words(&p), &mut ms);
        // "بن سلمان" links; a bare "سلمان" (maybe someone else) does not.
        assert_eq!(ms.len(), 2);
        let t = "Anna Keller spoke. Keller said keller-like things.";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(&p, "Anna Keller", "ak", EntityType::Person, "rule:x")];
        link(&p, &words(&p), &mut ms);
        assert_eq!(ms.len(), 2);
    }

    #[test]
    fn rule_mention_relinked() {
        let t = "Anna Keller spoke. Later Keller left.";
        let p = Prepared::new(t, None);
        let mut ms = vec![
            res(&p, "Anna Keller", "ak", EntityType::Person, "gazetteer"),
            res(&p, "Keller left", "x", EntityType::Person, "rule:x"),
        ];
        ms[1].span = t.rfind("Keller").unwrap()..t.rfind("Keller").unwrap() + 6;
        link(&p, &words(&p), &mut ms);
        assert_eq!(ms[1].key.id, "ak");
        assert_eq!(ms[1].source, SOURCE);
    }

    #[test]
    fn longer_rule_name_joins_listed_entity() {
        let t = "قال الرئيس فلاديمير فلاديميروفيتش بوتين. ثم قال بوتين";
        let p = Prepared::new(t, None);
        let mut ms = vec![
            res(
                &p,
                "فلاديمير فلاديميروفيتش بوتين",
                "person-x",
                EntityType::Person,
                "rule:person-title",
            ),
            res(
                &p,
                "بوتين",
                "vladimir-putin",
                EntityType::Person,
                "gazetteer",
            ),
        ];
        ms[1].span = t.rfind("بوتين").unwrap()..t.len();
        link(&p, &words(&p), &mut ms);
        assert!(ms.iter().all(|m| m.key.id == "vladimir-putin"));
    }

    /// The mentions after coreference of `t`, given "National Cyber Agency" as a rule entity.
    fn nca_linked(t: &str) -> Vec<Resolved<'static>> {
        let p = Prepared::new(t, None);
        let mut ms = vec![res(
            &p,
            "National Cyber Agency",
            "nca",
            EntityType::Organization,
            "rule:x",
        )];
        link(&p, &words(&p), &mut ms);
        ms
    }

    #[test]
    fn acronym_in_parentheses() {
        let ms = nca_linked("The National Cyber Agency (NCA) warned. NCA said.");
        assert_eq!(ms.len(), 3);
        assert!(ms.iter().all(|m| m.key.id == "nca"));
    }

    #[test]
    fn initials_of_a_repeated_name_keep_the_first_entity() {
        let t = "National Cyber Agency said. National Cyber Agency added. NCA warned.";
        let p = Prepared::new(t, None);
        let first = res(
            &p,
            "National Cyber Agency",
            "nca",
            EntityType::Organization,
            "x",
        );
        let mut second = first.clone();
        let s = t.rfind("National Cyber Agency").unwrap();
        second.span = s..s + "National Cyber Agency".len();
        // Another entity with the same canonical name: the first one keeps the initials.
        second.key.id = "other".to_string().into();
        second.key.canonical = "nca".to_string().into();
        let mut named = first.clone();
        named.key.canonical = "National Cyber Agency".to_string().into();
        second.key.canonical = named.key.canonical.clone();
        let mut ms = vec![named, second];
        link(&p, &words(&p), &mut ms);
        let acr: Vec<&str> = ms
            .iter()
            .filter(|m| m.source == SOURCE_ACRONYM)
            .map(|m| m.key.id.as_ref())
            .collect();
        assert_eq!(acr, vec!["nca"]);
    }

    #[test]
    fn acronym_only_as_a_whole_word() {
        let t = "The National Cyber Agency (NCA) warned. NCAs, xNCA, NCA2, وNCA, NCA-led, and NCA.";
        let ms = nca_linked(t);
        let mut found: Vec<usize> = ms
            .iter()
            .filter(|m| m.source == SOURCE_ACRONYM)
            .map(|m| m.span.start)
            .collect();
        found.sort_unstable();
        let at = |needle: &str| t.find(needle).unwrap();
        assert_eq!(found, vec![at("NCA)"), at("NCA-led"), at("NCA.")]);
    }

    #[test]
    fn proclitics_are_two_bytes() {
        // The length filter of add_short_mentions relies on it.
        for w in ["وبايدن", "فبايدن", "لبايدن", "ببايدن", "كبايدن", "وللحزب"]
        {
            for (k, s) in name_starts(w, 0).into_iter().flatten().enumerate() {
                assert_eq!(s, k * PROCLITIC_BYTES, "{w}");
            }
        }
    }

    #[test]
    fn nationality_attaches() {
        let t = "قال الرئيس الروسي فلاديمير بوتين. Russian President Boris Ivanov. مجموعة DarkNova الإيرانية";
        let p = Prepared::new(t, None);
        let mut ms = vec![
            res(&p, "فلاديمير بوتين", "vp", EntityType::Person, "gazetteer"),
            res(&p, "Boris Ivanov", "bi", EntityType::Person, "rule:x"),
            res(&p, "DarkNova", "dn", EntityType::Group, "rule:x"),
        ];
        link(&p, &words(&p), &mut ms);
        let c: Vec<Option<&str>> = ms.iter().map(|m| m.country.as_deref()).collect();
        assert_eq!(c, vec![Some("RU"), Some("RU"), Some("IR")]);
    }
}
