//! Short-name coreference inside a document (GATE's OrthoMatcher): a later "والترز" or
//! "Walters" links to "Richard Walters", "بن سلمان" to "محمد بن سلمان", an acronym to its
//! expansion; and nationality adjectives attach their country to the mention they modify.

use std::ops::Range;

use super::{EntityKey, Resolved};
use crate::model::{EntityType, Target};
use crate::rules::{Nationalities, Nationality, Rules, OGLU, OULD};
use crate::text::{
    is_arabic, is_word_char, name_starts, push_word_ranges, word_before, word_end, word_start,
    Prepared,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::hash_map::Entry;

/// Source of mentions added by coreference.
const SOURCE: &str = "coref:short-name";
/// Source of acronym mentions.
const SOURCE_ACRONYM: &str = "coref:acronym";
/// A listed person's surname that names a company of the same document.
const SOURCE_COMPANY: &str = "coref:company";

/// Adds mentions of short names of entities already found and re-links mentions whose
/// text is a short form of another entity's name; attaches nationality countries.
///
/// The words each step reads are found around the mentions and forms it handles (a
/// few in a document), not taken from a list of every word of the text.
///
/// `shared[i]` tells that mention `i` is a surname several listed people bear (a
/// gazetteer entity flagged `surname`; empty when the document has none): like a
/// rule-found name, it joins the one person of the document whose name ends with it
/// ("Bill Clinton … Clinton said").
pub fn link(prep: &Prepared<'_>, mentions: &mut Vec<Resolved>, shared: &[bool]) {
    // Which mentions the steps below read: the nationality step reads the words around
    // mentions that are not places and have no country yet; the name steps read the
    // words of persons and, when a rule found something, of mentions of the rules'
    // types. Most mentions of a document are places or none of these, and mapping their
    // spans and cutting their words was a good part of coreference.
    let rule_types = mentions
        .iter()
        .filter(|m| found_by_rule(m))
        .fold(0u8, |t, m| t | type_bit(m.key.etype));
    let needs_words =
        |m: &Resolved| m.key.etype == EntityType::Person || rule_types & type_bit(m.key.etype) != 0;
    // The normalized span of every mention that needs one (empty for the others), mapped
    // once: neither the nationality step nor the words change a span.
    let norm_spans: Vec<Range<usize>> = mentions
        .iter()
        .map(|m| {
            if needs_words(m) || needs_nationality(m) {
                prep.to_norm(m.span.start)..prep.to_norm(m.span.end)
            } else {
                0..0
            }
        })
        .collect();
    attach_nationality(prep, mentions, &norm_spans);
    // Normalized words of the mentions that need them, computed once for the steps below
    // (they change keys and sources, never spans or types, and add mentions only
    // afterwards): one vector of words for all mentions, not one per mention. The
    // others get no words.
    let mut flat: Vec<&str> = Vec::with_capacity(2 * mentions.len());
    let mut scratch = Vec::new();
    let cuts: Vec<Range<usize>> = mentions
        .iter()
        .zip(&norm_spans)
        .map(|(m, n)| {
            let s = flat.len();
            if needs_words(m) {
                push_norm_words(prep, n, &mut scratch, &mut flat);
            }
            s..flat.len()
        })
        .collect();
    let mention_words: Vec<&[&str]> = cuts
        .into_iter()
        .map(|r| flat.get(r).unwrap_or_default())
        .collect();
    relink_to_listed(mentions, &mention_words, rule_types, shared);
    let forms = short_forms(mentions, &mention_words);
    if !forms.is_empty() {
        relink(mentions, &mention_words, &forms, shared);
        let leads = form_leads(mentions, &mention_words, &forms);
        add_short_mentions(prep, mentions, &forms, &leads);
    }
    surnames_of_places(prep, mentions, &forms);
    acronyms(prep, mentions);
    repeats(prep, mentions);
    company_surnames(prep, mentions);
    qualified_bodies(prep, mentions);
}

/// Whether a rule found `m` as a name no gazetteer lists: such mentions are the ones
/// coreference relinks and reads short forms of. A state body (`rule:government`) is not:
/// it names a listed country already ("جيش جنوب السودان" is South Sudan, not the Sudan its
/// last word names).
fn found_by_rule(m: &Resolved) -> bool {
    m.source.starts_with("rule:") && m.source != crate::rules::GOVERNMENT_SOURCE
}

/// "وزارة الداخلية السعودية … وزارة الداخلية": a body named without its country is the
/// body of the same document named with it, when one country's body alone has that name
/// in the document. Without this every country's "وزارة الداخلية" is one entity of the
/// corpus, and the timeline would merge different ministries' reports of a day.
fn qualified_bodies(prep: &Prepared<'_>, mentions: &mut [Resolved]) {
    let body = |m: &Resolved| m.key.etype == EntityType::Organization;
    // Most documents name no body with a nationality adjective: nothing else is read.
    if !mentions.iter().any(|m| body(m) && m.country.is_some()) {
        return;
    }
    let norm = |m: &Resolved| {
        prep.norm_text()
            .get(prep.to_norm(m.span.start)..prep.to_norm(m.span.end))
    };
    // Name without its nationality (Arabic puts it last, English first) →
    // the one qualified body, None when bodies of two countries share it.
    let nats = Nationalities::builtin();
    let generic_of = |m: &Resolved| {
        let t = norm(m)?;
        match leading_nationality(nats, t) {
            Some((n, rest)) => (m.country.as_deref() == Some(n.code.as_str())).then_some(rest),
            None => t.rsplit_once(' ').map(|(g, _)| g),
        }
    };
    let mut qualified: HashMap<&str, Option<usize>> = HashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if !body(m) || m.country.is_none() {
            continue;
        }
        let Some(generic) = generic_of(m) else {
            continue;
        };
        let slot = qualified.entry(generic).or_insert(Some(i));
        if slot.is_some_and(|j| mentions.get(j).is_some_and(|q| q.key != m.key)) {
            *slot = None;
        }
    }
    let found: Vec<(usize, usize)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| body(m) && m.country.is_none() && !m.key.is_listed())
        .filter_map(|(i, m)| Some((i, qualified.get(norm(m)?).copied().flatten()?)))
        .collect();
    for (i, j) in found {
        let Some((key, country)) = mentions.get(j).map(|q| (q.key.clone(), q.country.clone()))
        else {
            continue;
        };
        if let Some(m) = mentions.get_mut(i) {
            m.key = key;
            m.country = country;
            m.source = SOURCE.to_string();
        }
    }
}

/// "Taft Broadcasting Co … Taft stock rose": a listed person's surname alone (a
/// gazetteer alias such as "Taft" for William Taft) is the company of the same document
/// whose name begins with it, when no one of the document bears that name in full (a
/// "Conrad Hilton" beside "Hilton Corp" leaves "Hilton" as it was).
fn company_surnames(prep: &Prepared<'_>, mentions: &mut [Resolved]) {
    let text = |m: &Resolved| prep.orig.get(m.span.clone()).unwrap_or_default();
    let latin_word = |w: &str| {
        w.len() >= 3
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_ascii_alphabetic())
    };
    let lone_surname = |m: &Resolved| {
        m.key.etype == EntityType::Person
            && m.source.starts_with("gazetteer:")
            && latin_word(text(m))
    };
    // Most documents have no such mention: nothing else is read then.
    if !mentions.iter().any(lone_surname) {
        return;
    }
    // First word → the company it opens; None when two companies share it.
    let mut companies: HashMap<&str, Option<usize>> = HashMap::default();
    let mut full_names: HashSet<&str> = HashSet::default();
    for (i, m) in mentions.iter().enumerate() {
        let mut words = text(m).split_whitespace();
        let (Some(first), Some(_)) = (words.next(), words.next()) else {
            continue;
        };
        match m.key.etype {
            EntityType::Organization if latin_word(first) => {
                let slot = companies.entry(first).or_insert(Some(i));
                if slot.is_some_and(|j| mentions.get(j).is_some_and(|c| c.key != m.key)) {
                    *slot = None;
                }
            }
            EntityType::Person => full_names.extend(text(m).split_whitespace()),
            _ => {}
        }
    }
    let found: Vec<(usize, usize)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| lone_surname(m) && !full_names.contains(text(m)))
        .filter_map(|(i, m)| Some((i, companies.get(text(m)).copied().flatten()?)))
        .collect();
    for (i, j) in found {
        let Some(key) = mentions.get(j).map(|c| c.key.clone()) else {
            continue;
        };
        if let Some(m) = mentions.get_mut(i) {
            m.key = key;
            m.source = SOURCE_COMPANY.to_string();
            m.home_country = None;
        }
    }
}

/// Source of a listed place's name read as a surname after a courtesy title ("Mr
/// Kennedy" with no full name in the document): the person rule's evidence.
const SOURCE_TITLE: &str = "rule:person-title";

/// "Charles Kennedy … Mr Kennedy said", "Jerry Jordan … Jordan expects": a one-word
/// Latin-script place the gazetteers list is the surname of a person the document named
/// in full before it (`forms`, the persons' short forms), and a person of its own after a
/// courtesy title ("Ms Essex" alone). News names a person in full first and by the
/// surname after; a town that shares the surname is rarely the subject of the same
/// report. Where the text uses the word as a place, it stays one: after a word that keeps
/// a place ("in Jordan", [`super::context::place_cue`]) or the article ("the Bedford
/// star"), in a hyphenated name ("Petro-Canada", "New York-based"), beside another place
/// in a list ("Ireland and Scotland"), or in a headline written in capitals. Arabic script
/// has no capitals to tell a name from a word, and its rule-found names that end with a
/// place are mostly a word and the place ("victory of China"): it is left out.
fn surnames_of_places<'g>(
    prep: &Prepared<'_>,
    mentions: &mut [Resolved<'g>],
    forms: &HashMap<Form<'_>, EntityKey<'g>>,
) {
    let orig = prep.orig;
    let name_word = |w: &str| {
        w.len() >= 3
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes().all(|b| b.is_ascii_alphabetic())
            && w.bytes().any(|b| b.is_ascii_lowercase())
    };
    let mut found: Vec<(usize, EntityKey<'g>, &str)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.key.etype != EntityType::Location || !m.source.starts_with("gazetteer:") {
            continue;
        }
        let Some(text) = orig.get(m.span.clone()).filter(|t| name_word(t)) else {
            continue;
        };
        let before = word_before_on_line(orig, m.span.start);
        let titled = before.is_some_and(crate::rules::Rules::honorific);
        let norm = prep
            .norm_text()
            .get(prep.to_norm(m.span.start)..prep.to_norm(m.span.end));
        let person = norm.and_then(|n| forms.get(&("", n))).filter(|k| {
            mentions
                .iter()
                .any(|o| o.key == **k && o.span.start < m.span.start)
        });
        match person {
            Some(k) if titled || !used_as_place(orig, mentions, i, before) => {
                found.push((i, k.clone(), SOURCE));
            }
            None if titled => {
                let Target::New { id, canonical } =
                    crate::rules::new_target("person", text.to_string())
                else {
                    continue;
                };
                let key = EntityKey {
                    id: id.into(),
                    canonical: canonical.into(),
                    etype: EntityType::Person,
                };
                found.push((i, key, SOURCE_TITLE));
            }
            _ => {}
        }
    }
    for (i, key, source) in found {
        if let Some(m) = mentions.get_mut(i) {
            m.key = key;
            m.source = source.to_string();
            m.home_country = None;
        }
    }
}

/// The word (letters and full stops) right before `pos`, with blanks or line breaks
/// between: a text wrapped at a fixed width breaks "Mr\nKennedy".
fn word_before_on_line(orig: &str, pos: usize) -> Option<&str> {
    let head = orig.get(..pos)?.trim_end_matches([' ', '\t', '\n', '\r']);
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    head.get(start..).filter(|w| !w.is_empty())
}

/// The place mention `i` is used as a place: see [`surnames_of_places`]. `before` is the
/// word right before it.
fn used_as_place(orig: &str, mentions: &[Resolved], i: usize, before: Option<&str>) -> bool {
    let Some(m) = mentions.get(i) else {
        return true;
    };
    let word = before.map(|w| w.trim_end_matches('.'));
    if word.is_some_and(|w| w.eq_ignore_ascii_case("the") || super::context::place_cue(w)) {
        return true;
    }
    // One part of a hyphenated name ("Petro-Canada", "New York-based").
    let after = orig.get(m.span.end..).unwrap_or_default();
    let hyphen_before = orig.get(..m.span.start).is_some_and(|b| b.ends_with('-'));
    if hyphen_before || after.starts_with('-') || after.starts_with("'s-") {
        return true;
    }
    // Another place one "and", "or" or comma away, on either side.
    let place = |o: &Resolved| o.key.etype == EntityType::Location;
    let joined = |gap: &str| {
        matches!(gap.trim_matches([' ', '\n']), "and" | "or" | "," | "" | "&") && gap.len() <= 6
    };
    // Coreference adds mentions at the end: the neighbours are searched for.
    let prev = mentions
        .iter()
        .filter(|p| p.span.end <= m.span.start)
        .max_by_key(|p| p.span.end);
    let next = mentions
        .iter()
        .filter(|n| n.span.start >= m.span.end)
        .min_by_key(|n| n.span.start);
    prev.is_some_and(|p| place(p) && orig.get(p.span.end..m.span.start).is_some_and(joined))
        || next.is_some_and(|n| place(n) && orig.get(m.span.end..n.span.start).is_some_and(joined))
}

/// True for a mention whose country [`attach_nationality`] may set.
fn needs_nationality(m: &Resolved) -> bool {
    m.country.is_none() && m.key.etype != EntityType::Location
}

/// A company's name without its legal form ("Tarvco Inc" → "Tarvco", "Harlow Weiss and
/// Co" → "Harlow Weiss"), when something is left that can stand for it alone: more
/// than one word, or one capitalized word that is not a function word, that the text
/// never writes in lower case, and that it writes alone inside a sentence at least once
/// ("First Corp" leaves no "First": a common word is capitalized alone only where a
/// sentence starts).
fn without_legal_form<'t>(text: &'t str, orig: &str) -> Option<&'t str> {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_end_matches(['.', ',', ' ']);
        let Some((head, last)) = trimmed.rsplit_once(' ') else {
            break;
        };
        if !crate::rules::Rules::legal_form(&last.to_ascii_lowercase()) {
            break;
        }
        rest = head
            .trim_end_matches([',', ' '])
            .trim_end_matches(" and")
            .trim_end_matches(" &");
    }
    if rest.len() == text.len() || rest.len() < 3 {
        return None;
    }
    if !rest.contains(' ') {
        let alone = |at: usize| !orig[at..].starts_with(text);
        if !crate::rules::named_by_its_text(orig, rest, alone)
            || crate::rules::en_stop(&rest.to_ascii_lowercase())
        {
            return None;
        }
    }
    rest.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(rest)
}

/// Later occurrences of a Latin-script organization or group name found by a rule
/// ("شركة Sinks" … "حسابات Sinks"): the same written form, case for case; and of a
/// company's name without its legal form ("Tarvco Inc" … "Tarvco said"), as OrthoMatcher
/// links them.
fn repeats<'g>(prep: &Prepared<'_>, mentions: &mut Vec<Resolved<'g>>) {
    // Borrowed from the text and the mentions: a key is cloned only for an occurrence.
    let mut names: Vec<(&str, &EntityKey<'g>, &'static str)> = Vec::new();
    // Speaking acronyms ("CSR said") come after the other names: one that a company's
    // name without its legal form gives ("CSR Ltd") is that company.
    let acronym = |m: &Resolved| m.source == crate::rules::ACRONYM_SOURCE;
    let ordered = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !acronym(m))
        .chain(mentions.iter().enumerate().filter(|(_, m)| acronym(m)));
    let mut relinks: Vec<(usize, EntityKey<'g>)> = Vec::new();
    for (i, m) in ordered {
        // Source and type first: most mentions are not rule-found organizations or groups.
        if !found_by_rule(m) || !matches!(m.key.etype, EntityType::Organization | EntityType::Group)
        {
            continue;
        }
        let text = prep.orig.get(m.span.clone()).unwrap_or("");
        if acronym(m) {
            if let Some((_, k, _)) = names.iter().find(|(n, k, _)| *n == text && **k != m.key) {
                relinks.push((i, (*k).clone()));
                continue;
            }
        }
        let latin = text.is_ascii() && text.chars().any(|c| c.is_ascii_uppercase());
        if latin && text.len() >= 3 && !names.iter().any(|(n, _, _)| *n == text) {
            names.push((text, &m.key, "coref:repeat"));
            if let Some(short) = without_legal_form(text, prep.orig) {
                if !names.iter().any(|(n, _, _)| *n == short) {
                    names.push((short, &m.key, SOURCE));
                }
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let mut taken = taken_spans(mentions);
    let mut added = Vec::new();
    for (name, key, source) in names {
        for s in occurrences(prep.orig.as_bytes(), name.as_bytes()) {
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
                source: source.to_string(),
                confidence: 0.7,
                country: None,
                home_country: None,
            });
        }
    }
    for (i, key) in relinks {
        if let Some(m) = mentions.get_mut(i) {
            m.key = key;
            m.source = SOURCE.to_string();
        }
    }
    mentions.extend(added);
}

/// Starts of the non-overlapping occurrences of `needle` in `hay`, left to right (what
/// `memchr::memmem::find_iter` gives). The needles are names that start with an
/// uppercase letter, rare in these texts: a search for the first byte and a comparison
/// cost less than building a searcher per name.
fn occurrences<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let first = needle.first().copied();
    let mut next = 0;
    first
        .into_iter()
        .flat_map(move |b| memchr::memchr_iter(b, hay))
        .filter(move |&p| {
            if p < next || hay.get(p..p + needle.len()) != Some(needle) {
                return false;
            }
            next = p + needle.len();
            true
        })
}

/// Pushes the normalized words of a mention's text, split from the document's
/// normalized text inside the mention's span (normalization works character by
/// character, and whether a character belongs to a word does not depend on its
/// neighbours, so the words of the mention normalized alone are the document's words
/// that overlap it, cut to it). `norm` is the mention's span mapped to the normalized
/// text; `scratch` is a buffer.
fn push_norm_words<'p>(
    prep: &'p Prepared<'_>,
    norm: &Range<usize>,
    scratch: &mut Vec<Range<usize>>,
    out: &mut Vec<&'p str>,
) {
    let hay = prep.norm_text();
    if !hay.get(norm.clone()).is_some_and(|t| !t.is_empty()) {
        return;
    }
    scratch.clear();
    push_word_ranges(hay, norm.clone(), scratch);
    out.extend(scratch.iter().filter_map(|w| hay.get(w.clone())));
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

/// A short form of a name, normalized: (chain particle, last word) for "بن سلمان", or
/// ("", last word) for "والترز". The words are borrowed from the normalized text: the
/// form is never written out (a short form's text is the two words with one space
/// between, or the one word).
type Form<'p> = (&'p str, &'p str);

/// Short forms of multi-word person names, each with the one entity it can stand for; a
/// form two entities share is dropped.
/// A generation after an English name ("Jr", "III"), normalized.
fn generation(word: &str) -> bool {
    matches!(word, "jr" | "jr." | "sr" | "sr." | "ii" | "iii" | "iv")
}

fn short_forms<'p, 'g>(
    mentions: &[Resolved<'g>],
    all_words: &[&[&'p str]],
) -> HashMap<Form<'p>, EntityKey<'g>> {
    let mut forms: HashMap<Form<'p>, Option<EntityKey<'g>>> = HashMap::default();
    let mut bare: Vec<(Form<'p>, usize)> = Vec::new();
    for (i, (m, words)) in mentions.iter().zip(all_words).enumerate() {
        if m.key.etype != EntityType::Person {
            continue;
        }
        // "Malachi Tessan III", "Tarvik Oldune Jr.": the family name comes before the
        // generation.
        let words = match words.split_last() {
            Some((last, rest)) if generation(last) => rest,
            _ => words,
        };
        if words.len() < 2 {
            continue;
        }
        // A rule-found "آل مرزوق" or "داود أوغلو" is itself a short form: it gives its
        // form only to what no fuller name gives it (it is linked to that name below).
        if words.len() == 2
            && (particle(words[0]) || words[0] == OULD || words[1] == OGLU)
            && found_by_rule(m)
        {
            bare.push(((words[0], words[1]), i));
            continue;
        }
        let n = words.len();
        let form: Option<Form<'p>> = match (words.get(n - 2), words.get(n - 1)) {
            (Some(p), Some(last)) if particle(p) => Some((p, last)),
            // "داود أوغلو": a Turkish family name is two words.
            (Some(p), Some(&last)) if last == OGLU => Some((p, last)),
            // "عبد الله" is one unit: "الله" alone is nobody's short name.
            (Some(p), _) if *p == "عبد" => None,
            (_, Some(last)) if Rules::surname_like(last) || Rules::open_surname_ar(last) => {
                Some(("", last))
            }
            _ => None,
        };
        // The space between the two words is no letter or digit.
        let letters = |w: &str| w.chars().filter(|&c| alnum(c)).count();
        let form = form.filter(|f| letters(f.0) + letters(f.1) >= 3);
        // A listed person's "آل سعود" names the whole royal house (the gazetteers list
        // royals, whose house is news of its own), here for no one of its members; an
        // unlisted person is called by the family name ("قال آل مرعي").
        if let Some(f) = form.filter(|f| f.0 == "ال" && m.key.is_listed()) {
            forms.insert(f, None);
            continue;
        }
        for form in form
            .into_iter()
            .chain(family_first(m, words))
            .chain(ould_form(words))
        {
            match forms.entry(form) {
                Entry::Occupied(mut slot) => {
                    if slot.get().as_ref().is_some_and(|k| *k != m.key) {
                        slot.insert(None);
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(Some(m.key.clone()));
                }
            }
        }
    }
    for (form, i) in bare {
        if let Some(m) = mentions.get(i) {
            forms.entry(form).or_insert_with(|| Some(m.key.clone()));
        }
    }
    forms
        .into_iter()
        .filter_map(|(f, k)| Some((f, k?)))
        .collect()
}

/// Home countries of listed persons whose names put the family name first: China,
/// Taiwan, Hong Kong, Macau and the two Koreas ("Xi Jinping" is "Xi" for short, "Kim
/// Jong Un" is "Kim").
const FAMILY_FIRST: [&str; 6] = ["CN", "TW", "HK", "MO", "KP", "KR"];

/// The family-name short form of a person from a [`FAMILY_FIRST`] country: the first
/// word, in Latin script only. Such family names are one syllable, and in Arabic script
/// they are everyday words ("هو" for Hu, "لي" for Li). Two letters are enough ("Xi",
/// "Li"): the form must be capitalized in the text to be found.
fn family_first<'p>(m: &Resolved<'_>, words: &[&'p str]) -> Option<Form<'p>> {
    let first = words.first()?;
    (words.len() >= 2
        && m.home_country.is_some_and(|c| FAMILY_FIRST.contains(&c))
        && first.len() >= 2
        && first.bytes().all(|b| b.is_ascii_alphabetic()))
    .then_some(("", *first))
}

/// "ولد الشيخ" for "إسماعيل ولد الشيخ أحمد": a Mauritanian name is called by the ولد
/// ("son of") and the word after it.
fn ould_form<'p>(words: &[&'p str]) -> Option<Form<'p>> {
    let i = words.iter().skip(1).position(|w| *w == OULD)? + 1;
    Some((OULD, words.get(i + 1)?))
}

/// The form a mention's words make, when they are one word or two: the only texts that
/// may equal a [`Form`].
fn form_of<'p>(words: &[&'p str]) -> Option<Form<'p>> {
    match *words {
        [last] => Some(("", last)),
        [p, last] => Some((p, last)),
        _ => None,
    }
}

/// A rule-found mention (or a shared surname's, `shared`) whose whole text is a short
/// form of another entity joins it.
fn relink<'g>(
    mentions: &mut [Resolved<'g>],
    words: &[&[&str]],
    forms: &HashMap<Form<'_>, EntityKey<'g>>,
    shared: &[bool],
) {
    for (i, (m, w)) in mentions.iter_mut().zip(words).enumerate() {
        let open = found_by_rule(m) || shared.get(i).copied().unwrap_or(false);
        if !open || m.key.etype != EntityType::Person {
            continue;
        }
        if let Some(k) = form_of(w).and_then(|f| forms.get(&f)) {
            if *k != m.key {
                m.key = k.clone();
                m.source = SOURCE.to_string();
            }
        }
    }
}

/// A rule-found name that ends with the name of a listed (gazetteer) entity of the same
/// type (but for a son's name, [`patronymic`]), is its first and last words
/// ([`first_and_last`]) or has its canonical name, is that entity: "الرئيس فلاديمير
/// فلاديميروفيتش بوتين" found by a title rule joins the gazetteer's Vladimir Putin.
/// `rule_types` has the [`type_bit`] of each type of the rule-found mentions. A shared
/// surname (`shared`) is nobody's name: "جيب بوش" does not join the surname "بوش".
fn relink_to_listed<'g>(
    mentions: &mut [Resolved<'g>],
    all_words: &[&[&str]],
    rule_types: u8,
    shared: &[bool],
) {
    // Only rule-found mentions are relinked, and only to listed ones of their own type:
    // a document without them (or a listed mention of another type) has nothing to do.
    if rule_types == 0 {
        return;
    }
    // (words, index) of each distinct listed mention. Their keys do not change below
    // (only rule-found mentions are relinked): a key is cloned only for a hit.
    let mut listed: Vec<(&[&str], usize)> = Vec::new();
    // A set beside the list: a document names its listed entities many times, and a
    // scan of the list per mention grew with the square of the mentions.
    let mut seen: HashSet<(&[&str], &EntityKey)> = HashSet::default();
    let mut listed_types = 0u8;
    for (j, (m, &words)) in mentions.iter().zip(all_words).enumerate() {
        if found_by_rule(m)
            || m.source.starts_with("coref:")
            || shared.get(j).copied().unwrap_or(false)
        {
            continue;
        }
        if rule_types & type_bit(m.key.etype) != 0
            && !words.is_empty()
            && seen.insert((words, &m.key))
        {
            listed.push((words, j));
            listed_types |= type_bit(m.key.etype);
        }
    }
    drop(seen);
    if listed.is_empty() {
        return;
    }
    for (i, &words) in all_words.iter().enumerate() {
        let Some(m) = mentions.get(i) else { break };
        if !found_by_rule(m) || listed_types & type_bit(m.key.etype) == 0 {
            continue;
        }
        let hit = listed.iter().find_map(|&(lw, j)| {
            let k = &mentions.get(j)?.key;
            let same = k.etype == m.key.etype
                && (same_lowercase(&k.canonical, &m.key.canonical)
                    || (lw.len() < words.len()
                        && words.ends_with(lw)
                        && !patronymic(&words[..words.len() - lw.len()], lw))
                    || first_and_last(words, lw));
            same.then(|| k.clone())
        });
        if let (Some(k), Some(m)) = (hit, mentions.get_mut(i)) {
            m.key = k;
        }
    }
}

/// An Arabic given name right before a listed full name that opens with a given name is
/// a son's name with his father's: beside a listed "نجيب سالم الوادي", "كريم نجيب سالم
/// الوادي" is Karim son of Najib, not Najib (invented names). A bare title noun there is
/// an honorific ("سيد نجيب سالم الوادي": the word is a title with the article, "السيد").
fn patronymic(before: &[&str], listed: &[&str]) -> bool {
    let given = |w: &&str| Rules::given_name_ar(w);
    listed.len() >= 2
        && listed.first().is_some_and(given)
        && before
            .last()
            .is_some_and(|w| given(w) && !Rules::title_word(&["ال", w].concat()))
}

/// A name of two words that are the first and the last of a listed name of three or more
/// ("نجيب الوادي" beside "نجيب سالم الوادي", "Tessa Brandle" beside "Tessa Orvale
/// Brandle"): the same person, named short (as OrthoMatcher links them).
fn first_and_last(words: &[&str], listed: &[&str]) -> bool {
    matches!(
        (words, listed),
        ([f, l], [lf, .., ll]) if listed.len() >= 3 && f == lf && l == ll
    )
}

/// One bit per entity type.
fn type_bit(t: EntityType) -> u8 {
    1 << (t as u8)
}

/// True when `a.to_lowercase() == b.to_lowercase()`, compared character by character
/// without lowercased copies (most pairs differ in their first letters).
fn same_lowercase(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // The first lowercase character does not depend on what follows it (a capital
    // sigma first is σ): most pairs differ there.
    let first = |s: &str| s.chars().flat_map(char::to_lowercase).next();
    if first(a) != first(b) {
        return false;
    }
    // `str::to_lowercase` lowercases a capital sigma by its place in the word; every
    // other character by itself.
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
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
/// Only the words where an occurrence of a form may begin are looked at
/// ([`form_candidates`]: a document has a few forms, and a vectorized search for each
/// costs less than a look at every word), each with [`form_at`].
fn add_short_mentions<'g>(
    prep: &Prepared<'_>,
    mentions: &mut Vec<Resolved<'g>>,
    forms: &HashMap<Form<'_>, EntityKey<'g>>,
    leads: &HashMap<&str, &[&str]>,
) {
    let firsts: HashSet<&str> = forms
        .keys()
        .map(|&(p, _)| p)
        .filter(|p| !p.is_empty())
        .collect();
    let hay = prep.norm_text();
    let candidates = form_candidates(hay, forms.keys().copied());
    let mut taken = taken_spans(mentions);
    let mut added = Vec::new();
    for w in candidates {
        let Some((mut r, key)) = form_at(hay, &w, &firsts, forms) else {
            continue;
        };
        if let Some(lead) = hay.get(r.clone()).and_then(|last| leads.get(last)) {
            r.start = lead_start(hay, r.start, lead);
        }
        let span = prep.to_orig(r);
        let text = prep.orig.get(span.clone()).unwrap_or("");
        // A Latin surname must be capitalized in the text ("Walters", not "walters").
        if text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            || overlaps(&taken, &span)
            || another_name_before(prep.orig, &span, &key.canonical)
        {
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

/// True when a capitalized Latin word inside a sentence stands right before `span` (one
/// space away): the short form is then the end of another name ("Tessa Brandle" is not
/// "Brandle" of "Varn Brandle" named before; "Orvale Securities"), unless that word is a
/// title ("Mr", "Secretary of State"), a nationality ("American Brandle") or a month or
/// a weekday ("in March Brandle resigned"). An initial must be that of `canonical` ("V
/// Brandle", not "T Brandle"). After a sentence's first word ("While Brandle said"), or
/// for a form in capitals (a headline's), nothing is told.
fn another_name_before(orig: &str, span: &Range<usize>, canonical: &str) -> bool {
    let Some(before) = super::names::word_before(orig, span.start) else {
        return false;
    };
    let word = &orig[before.clone()];
    let form = orig.get(span.clone()).unwrap_or_default();
    if !word.starts_with(|c: char| c.is_ascii_uppercase())
        || !form.chars().any(|c| c.is_lowercase())
    {
        return false;
    }
    if word.len() == 1 {
        return !canonical.starts_with(word);
    }
    // Inside a sentence: a word, a digit or a comma before it.
    let inside = orig[..before.start]
        .trim_end_matches(' ')
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',' || c == ';');
    let norm = crate::text::normalize(word);
    inside
        && !Rules::title_end(&norm)
        && !crate::time::calendar_word(&norm)
        && Nationalities::builtin().lookup(&norm).is_none()
}

/// The words before the last word of the longest name each one-word form stands for
/// ("Aung San Suu" for "Kyi"): an occurrence of the form that these words precede is
/// read with them ("Suu Kyi"), as far as they match.
fn form_leads<'w, 'p>(
    mentions: &[Resolved<'_>],
    all_words: &[&'w [&'p str]],
    forms: &HashMap<Form<'p>, EntityKey<'_>>,
) -> HashMap<&'p str, &'w [&'p str]> {
    let mut leads: HashMap<&'p str, &'w [&'p str]> = HashMap::default();
    for (m, &words) in mentions.iter().zip(all_words) {
        let Some((&last, lead)) = words.split_last() else {
            continue;
        };
        if lead.is_empty() || forms.get(&("", last)) != Some(&m.key) {
            continue;
        }
        let slot = leads.entry(last).or_default();
        if lead.len() > slot.len() {
            *slot = lead;
        }
    }
    leads
}

/// Where an occurrence of a one-word form at `start` begins once the words of `lead`
/// that precede it in `hay` are taken in, from the last one back, one space apart, up to
/// the whole name (an occurrence of it that the earlier stages did not find: "سامي
/// [والترز]"), never the second half of an عبد unit alone.
fn lead_start(hay: &str, mut start: usize, lead: &[&str]) -> usize {
    for (k, &w) in lead.iter().enumerate().rev() {
        // "عبد الله" is one unit: never half of it.
        if k.checked_sub(1).and_then(|j| lead.get(j)) == Some(&"عبد") {
            break;
        }
        match start
            .checked_sub(1)
            .filter(|&b| hay.as_bytes().get(b) == Some(&b' '))
            .and_then(|b| prev_word(hay, b + 1).filter(|p| p.end == b))
        {
            Some(p) if hay.get(p.clone()) == Some(w) => start = p.start,
            _ => break,
        }
    }
    start
}

/// The short form that word `w` (a whole word of `hay`) holds, with its normalized
/// range: a form that starts at the word's start or after its proclitics and ends the
/// word, or a two-word form whose first word does so and whose second word is the next
/// word, one space after (tried first at each start). `firsts` are the first words of
/// the two-word forms.
fn form_at<'f, 'k, 'g>(
    hay: &'k str,
    w: &Range<usize>,
    firsts: &HashSet<&str>,
    forms: &'f HashMap<Form<'k>, EntityKey<'g>>,
) -> Option<(Range<usize>, &'f EntityKey<'g>)> {
    let text = hay.get(w.clone())?;
    for skip in name_starts(text, 0).into_iter().flatten() {
        let s = w.start + skip;
        let rest = hay.get(s..w.end)?;
        if firsts.contains(rest) && hay.as_bytes().get(w.end) == Some(&b' ') {
            // The next word, when it starts right after that one space.
            let n = w.end + 1..word_end(hay, w.end + 1);
            if !n.is_empty() {
                if let Some(k) = forms.get(&(rest, hay.get(n.clone())?)) {
                    return Some((s..n.end, k));
                }
            }
        }
        if let Some(k) = forms.get(&("", rest)) {
            return Some((s..w.end, k));
        }
    }
    None
}

/// The words of `hay` (in order, each once) where [`form_at`] may find one of `forms`:
/// the words at whose end an occurrence of a single-word form ends (it may start after
/// proclitics), and the words before a word that is the second word of a two-word form.
/// The second word is searched rather than the first, which is a chain particle ("بن",
/// "al", "de") found inside many words. The words are read around each occurrence.
fn form_candidates<'k>(hay: &str, forms: impl Iterator<Item = Form<'k>>) -> Vec<Range<usize>> {
    let bytes = hay.as_bytes();
    let mut out = Vec::new();
    for (first, key) in forms {
        let second = !first.is_empty();
        if key.is_empty() {
            continue;
        }
        let finder = memchr::memmem::Finder::new(key.as_bytes());
        let mut from = 0;
        while let Some(p) = bytes.get(from..).and_then(|b| finder.find(b)) {
            let s = from + p;
            let e = s + key.len();
            // The word that ends at `e` (none when a word character follows), as long as
            // it holds the whole occurrence.
            let ws = word_start(hay, e);
            if ws < e && word_end(hay, e) == e {
                if !second && ws <= s {
                    out.push(ws..e);
                } else if second && ws == s {
                    out.extend(word_before(hay, s));
                }
            }
            // The next search starts one byte on, not after the occurrence: one that
            // overlaps it may be the one that ends a word.
            from = s + 1;
        }
    }
    out.sort_unstable_by_key(|w| w.start);
    out.dedup();
    out
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
    // The spans taken, sorted: made when an acronym is first found (most documents
    // have none, and sorting every mention's span was a good part of this step).
    let mut taken: Option<Vec<Range<usize>>> = None;
    // A document names an organization many times: each mention reads the initials
    // again into one buffer, which costs little (most names fail the count of capitals
    // at once) and adds nothing (the first key of initials stays); they are copied
    // only when new.
    let mut initials = String::new();
    for m in mentions.iter() {
        if !matches!(m.key.etype, EntityType::Organization | EntityType::Group) {
            continue;
        }
        if ascii_initials_into(&m.key.canonical, &mut initials)
            && !forms.contains_key(initials.as_str())
        {
            forms.insert(initials.clone(), m.key.clone());
        }
        // The name as written may be longer than the canonical one ("Lane Motor Corp" of
        // the gazetteer's Lane Motor): its initials ("LMC") name the organization too.
        let surface = prep.orig.get(m.span.clone()).unwrap_or_default();
        if surface != m.key.canonical
            && ascii_initials_into(surface, &mut initials)
            && !forms.contains_key(initials.as_str())
        {
            forms.insert(initials.clone(), m.key.clone());
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
            let taken = taken.get_or_insert_with(|| taken_spans(mentions));
            if !overlaps(taken, &span) {
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
    // "the Securities and Exchange Commission … the SEC said": the speaking acronym is
    // the name it abbreviates.
    for m in mentions.iter_mut() {
        if m.source != crate::rules::ACRONYM_SOURCE {
            continue;
        }
        let form = prep.orig.get(m.span.clone()).and_then(|t| forms.get(t));
        if let Some(k) = form.filter(|k| **k != m.key) {
            m.key = k.clone();
            m.source = SOURCE_ACRONYM.to_string();
        }
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
    if found.is_empty() {
        mentions.extend(added);
        return;
    }
    let mut taken = taken.unwrap_or_else(|| taken_spans(mentions));
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

/// [`ascii_initials_into`] into a new string, for the tests.
#[cfg(test)]
fn ascii_initials(name: &str) -> Option<String> {
    let mut out = String::new();
    ascii_initials_into(name, &mut out).then_some(out)
}

/// Writes into `out` (cleared first) the initials of a name's capitalized words and
/// tells whether there are three or more and all are ASCII (else `out` holds no
/// meaning): the first letters of the words (split at whitespace) that start with an
/// uppercase letter.
fn ascii_initials_into(name: &str, out: &mut String) -> bool {
    out.clear();
    // Three ASCII capitals somewhere are needed: most names (all Arabic ones) have fewer,
    // which one count of the bytes tells.
    if name.bytes().filter(u8::is_ascii_uppercase).count() < 3 {
        return false;
    }
    for c in name.split_whitespace().filter_map(|w| w.chars().next()) {
        if c.is_uppercase() {
            // A non-ASCII initial makes the whole set unusable.
            if !c.is_ascii() {
                return false;
            }
            out.push(c);
        }
    }
    out.len() >= 3
}

/// Sets `country` from a nationality adjective next to a person, group or organization
/// mention: the word before it ("الرئيس الروسي فلاديمير بوتين", "Russian hackers"), two
/// words before over an English title ("Russian President Vladimir Putin"), or, in Arabic,
/// the word after it ("مجموعة REvil الروسية").
/// `words` are the words of the normalized text; `norm_spans` are the mentions' spans
/// mapped to it (those of the mentions it skips may be empty).
fn attach_nationality(prep: &Prepared<'_>, mentions: &mut [Resolved], norm_spans: &[Range<usize>]) {
    let nats = Nationalities::builtin();
    let hay = prep.norm_text();
    for (m, n) in mentions.iter_mut().zip(norm_spans) {
        if !needs_nationality(m) {
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
        // "the Tessalandic Interior Ministry" found as one name: its first word says
        // whose it is.
        if code.is_none() {
            code = leading_nationality(nats, hay.get(ns..ne).unwrap_or_default())
                .map(|(n, _)| n.code.clone());
        }
        if code.is_some() {
            m.country = code;
        }
    }
}

/// The nationality adjective that opens a normalized name in Latin script ("egyptian
/// interior ministry") and what follows it.
fn leading_nationality<'n, 't>(
    nats: &'n Nationalities,
    norm: &'t str,
) -> Option<(&'n Nationality, &'t str)> {
    let (first, rest) = norm.split_once(' ')?;
    if !first.starts_with(|c: char| c.is_ascii_lowercase()) || rest.is_empty() {
        return None;
    }
    nats.lookup(first).map(|n| (n, rest))
}

/// True when the original of the normalized word `r` starts with an ASCII capital.
fn is_capitalized(prep: &Prepared<'_>, r: &Range<usize>) -> bool {
    // Normalization makes an ASCII capital its small letter: a word that starts with
    // anything else in the normalized text (every Arabic word) is not capitalized, and
    // needs no mapping back to the original.
    if !prep
        .norm_text()
        .as_bytes()
        .get(r.start)
        .is_some_and(u8::is_ascii_lowercase)
    {
        return false;
    }
    let o = prep.to_orig(r.clone());
    prep.orig
        .get(o)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// The word right before `pos`, spaces only between: the run of word characters that
/// ends there.
fn prev_word(hay: &str, pos: usize) -> Option<Range<usize>> {
    let e = hay.get(..pos)?.trim_end_matches(' ').len();
    let s = word_start(hay, e);
    (s < e).then_some(s..e)
}

/// The word right after `pos`, spaces only between: the run of word characters that
/// starts there.
fn next_word(hay: &str, pos: usize) -> Option<Range<usize>> {
    let rest = hay.get(pos..)?;
    let s = pos + (rest.len() - rest.trim_start_matches(' ').len());
    let e = word_end(hay, s);
    (s < e).then_some(s..e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::link`] for a document without shared surnames.
    fn link(prep: &Prepared<'_>, mentions: &mut Vec<Resolved>) {
        super::link(prep, mentions, &[]);
    }
    use crate::rules::word_ranges;
    use crate::text::normalize;

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

    /// [`res`] for the occurrence of `text` that starts at byte `at`.
    fn res_at(
        prep: &Prepared<'_>,
        text: &str,
        at: usize,
        id: &str,
        etype: EntityType,
        source: &str,
    ) -> Resolved<'static> {
        let mut m = res(prep, text, id, etype, source);
        m.span = at..at + text.len();
        m
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
    fn a_body_named_without_its_country_is_the_document_s_body_of_that_country() {
        // Invented bodies.
        let body = |p: &Prepared<'_>, at: usize, text: &str, id: &str, country: Option<&str>| {
            let s = at + p.orig[at..].find(text).unwrap();
            Resolved {
                span: s..s + text.len(),
                key: EntityKey {
                    id: id.to_string().into(),
                    canonical: id.to_string().into(),
                    etype: EntityType::Organization,
                },
                source: "rule:org-head".into(),
                confidence: 0.5,
                country: country.map(str::to_string),
                home_country: None,
            }
        };
        let t = "أعلنت هيئة تنمية النخيل السعودية خطة جديدة. وقالت هيئة تنمية النخيل إن الخطة تبدأ غدا.";
        let p = Prepared::new(t, None);
        let later = t.find("وقالت").unwrap();
        let mut ms = vec![
            body(&p, 0, "هيئة تنمية النخيل السعودية", "sa", Some("SA")),
            body(&p, later, "هيئة تنمية النخيل", "generic", None),
        ];
        link(&p, &mut ms);
        assert_eq!(ms[1].key.id, "sa");
        assert_eq!(ms[1].country.as_deref(), Some("SA"));
        assert_eq!(ms[1].source, SOURCE);
        // Two countries' bodies of that name: the bare name stays apart.
        let t = "أعلنت هيئة تنمية النخيل السعودية خطة، ورحبت هيئة تنمية النخيل المصرية بها. وقالت هيئة تنمية النخيل إن الخطة تبدأ غدا.";
        let p = Prepared::new(t, None);
        let (eg, later) = (t.find("ورحبت").unwrap(), t.find("وقالت").unwrap());
        let mut ms = vec![
            body(&p, 0, "هيئة تنمية النخيل السعودية", "sa", Some("SA")),
            body(&p, eg, "هيئة تنمية النخيل المصرية", "eg", Some("EG")),
            body(&p, later, "هيئة تنمية النخيل", "generic", None),
        ];
        link(&p, &mut ms);
        assert_eq!(ms[2].key.id, "generic");
        assert_eq!(ms[2].country, None);
        // In English the nationality opens the name, and says whose the body is.
        let t = "The Egyptian Water Authority warned of shortages; later the Water Authority would act.";
        let p = Prepared::new(t, None);
        let later = t.find("the Water").unwrap();
        let mut ms = vec![
            body(&p, 0, "Egyptian Water Authority", "eg", None),
            body(&p, later, "Water Authority", "generic", None),
        ];
        link(&p, &mut ms);
        assert_eq!(ms[0].country.as_deref(), Some("EG"));
        assert_eq!(ms[1].key.id, "eg");
        assert_eq!(ms[1].country.as_deref(), Some("EG"));
    }

    #[test]
    fn a_company_without_its_legal_form_is_the_company() {
        // Invented companies.
        let t = "Tarvco Inc posted a loss. Shares of Tarvco fell, and Tarvco said sales \
                 were weak. First Corp rose. First, the bank said. Harlow Weiss and Co \
                 gained; Harlow Weiss said. Brandle Corp cut jobs, and Brandle said \
                 brandle prices rose.";
        let p = Prepared::new(t, None);
        let org =
            |name: &str, id: &str| res(&p, name, id, EntityType::Organization, "rule:org-suffix");
        let mut ms = vec![
            org("Tarvco Inc", "tv"),
            org("First Corp", "fc"),
            org("Harlow Weiss and Co", "hw"),
            org("Brandle Corp", "bc"),
        ];
        link(&p, &mut ms);
        let l = linked(&p, &ms);
        let count = |id: &str| l.iter().filter(|x| x.1 == id).count();
        assert_eq!(count("tv"), 3, "{l:?}");
        assert!(ms
            .iter()
            .any(|m| &t[m.span.clone()] == "Tarvco" && m.source == SOURCE));
        // A word capitalized alone only where a sentence starts, or one the text also
        // writes in lower case, is no company's short name.
        assert_eq!(count("fc"), 1, "{l:?}");
        assert_eq!(count("bc"), 1, "{l:?}");
        assert_eq!(count("hw"), 2, "{l:?}");
    }

    #[test]
    fn a_capitalized_word_before_a_surname_makes_another_name() {
        // Invented names. "Varn Brandle" is named; "Tessa Brandle" and "T Brandle" are
        // someone else, "Orvale Brandle" too (inside a sentence); an initial that is his,
        // a title, a month, a sentence's first word or a possessive leave "Brandle" his.
        let t = "Varn Brandle spoke. He met Tessa Brandle, T Brandle and the Orvale Brandle \
                 team. V Brandle said so, and Mr Brandle left. In March Brandle resigned. \
                 While Brandle slept, Tarvco's Brandle woke. آراء ومواقف Brandle";
        let p = Prepared::new(t, None);
        let name = "Varn Brandle";
        let mut ms = vec![res(&p, name, name, EntityType::Person, "rule:x")];
        link(&p, &mut ms);
        let starts: Vec<&str> = ms
            .iter()
            .skip(1)
            .map(|m| {
                let before = p.orig[..m.span.start].trim_end();
                let from = before.rfind(' ').map_or(0, |i| i + 1);
                &before[from..]
            })
            .collect();
        assert_eq!(
            starts,
            ["V", "Mr", "March", "While", "Tarvco's", "ومواقف"],
            "{:?}",
            linked(&p, &ms)
        );
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
        link(&p, &mut ms);
        let l = linked(&p, &ms);
        assert_eq!(l.iter().filter(|x| x.1 == "rw").count(), 3, "{l:?}");
    }

    #[test]
    fn an_arabic_family_name_no_list_knows_stands_for_the_full_name() {
        // Invented names: the family name is in no name list.
        let t = "قال المدرب تارفيك أورفالدون إن الفريق جاهز. وأضاف أورفالدون أن اللاعبين بخير.";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(
            &p,
            "تارفيك أورفالدون",
            "tv",
            EntityType::Person,
            "rule:x",
        )];
        link(&p, &mut ms);
        let l = linked(&p, &ms);
        assert_eq!(l.iter().filter(|x| x.1 == "tv").count(), 2, "{l:?}");
        // A name rule that ran over a verb, a noun with a possessive suffix, or a word
        // with the article gives no short form.
        for (full, later) in [
            ("سلمان استقبل", "واستقبل الوزير ضيوفه."),
            ("سلمان استقبل", "ثم يستقبل الوزير ضيوفه."),
            ("تارفيك حكومتها", "وقالت حكومتها إن الخطة جاهزة."),
            ("تارفيك الحكيم", "وقال الحكيم إن الخطة جاهزة."),
            ("تارفيك سيعلن", "وقال إنه سيعلن الخطة."),
        ] {
            let t = format!("قال {full} أمس. {later}");
            let p = Prepared::new(&t, None);
            let mut ms = vec![res(&p, full, "tv", EntityType::Person, "rule:x")];
            link(&p, &mut ms);
            assert_eq!(ms.len(), 1, "{t}: {:?}", linked(&p, &ms));
        }
    }

    /// The persons and places of `t` after coreference, as (text, id, type) in text
    /// order: `full` is a rule-found person "Maren Orvale" (or none), and every other
    /// "Orvale" or "Tessaland" is a place the gazetteer lists (invented names).
    fn places_and_people(t: &str, full: Option<&str>) -> Vec<(String, String, EntityType)> {
        let p = Prepared::new(t, None);
        let mut ms: Vec<Resolved> = Vec::new();
        let mut taken = 0..0;
        if let Some(f) = full {
            let s = t.find(f).unwrap();
            taken = s..s + f.len();
            ms.push(res(
                &p,
                f,
                "person-maren-orvale",
                EntityType::Person,
                "rule:x",
            ));
        }
        // Any case: "ORVALE" in a headline is the gazetteer's too (the ASCII lower case
        // keeps the offsets).
        let lower = t.to_ascii_lowercase();
        for place in ["Orvale", "Tessaland"] {
            for (s, _) in lower.match_indices(&place.to_ascii_lowercase()) {
                if s >= taken.start && s < taken.end {
                    continue;
                }
                let text = &t[s..s + place.len()];
                ms.push(res_at(
                    &p,
                    text,
                    s,
                    place,
                    EntityType::Location,
                    "gazetteer:x.tsv",
                ));
            }
        }
        ms.sort_by_key(|m| m.span.start);
        super::link(&p, &mut ms, &[]);
        ms.sort_by_key(|m| m.span.start);
        ms.iter()
            .map(|m| {
                (
                    t[m.span.clone()].to_string(),
                    m.key.id.to_string(),
                    m.key.etype,
                )
            })
            .collect()
    }

    /// The ids [`places_and_people`] gives the mentions of `t` after the full name.
    fn ids_after_full_name(t: &str) -> Vec<String> {
        places_and_people(t, Some("Maren Orvale"))
            .into_iter()
            .skip(1)
            .map(|(_, id, _)| id)
            .collect()
    }

    #[test]
    fn a_listed_place_is_the_surname_of_the_person_named_in_full_before_it() {
        let person = "person-maren-orvale";
        assert_eq!(
            ids_after_full_name("Maren Orvale spoke on Monday. Orvale said prices rose."),
            [person]
        );
        assert_eq!(
            ids_after_full_name("Economist Maren Orvale spoke. Mr Orvale said, and Orvale added."),
            [person, person]
        );
        // Named before the full name: the place (news names a person in full first).
        let t = "Orvale said prices rose. Maren Orvale spoke on Monday.";
        assert_eq!(
            places_and_people(t, Some("Maren Orvale"))[0].1,
            "Orvale",
            "a surname before the full name"
        );
    }

    #[test]
    fn a_surname_the_text_uses_as_a_place_stays_a_place() {
        for t in [
            "Maren Orvale spoke. Troops in Orvale were on alert.",
            "Maren Orvale spoke. The Orvale office closed.",
            "Maren Orvale spoke. Petro-Orvale shares fell.",
            "Maren Orvale spoke. Orvale-based traders sold.",
            "Maren Orvale spoke. Orvale and Tessaland signed the pact.",
            "Maren Orvale spoke. Tessaland, Orvale and others signed.",
            "Maren Orvale spoke. TALKS IN ORVALE. ORVALE TALKS END.",
        ] {
            let ids = ids_after_full_name(t);
            assert!(
                ids.iter().all(|id| id != "person-maren-orvale"),
                "{t}: {ids:?}"
            );
        }
    }

    #[test]
    fn a_listed_place_after_a_courtesy_title_is_a_person() {
        // No full name: a person of its own, named by the surname.
        let got = places_and_people(
            "The talks went on. Ms Orvale said, and Dr. Orvale agreed.",
            None,
        );
        assert_eq!(
            got,
            [
                (
                    "Orvale".to_string(),
                    "person-orvale".to_string(),
                    EntityType::Person
                ),
                (
                    "Orvale".to_string(),
                    "person-orvale".to_string(),
                    EntityType::Person
                ),
            ]
        );
        // With the full name before, the title joins it even beside another place.
        assert_eq!(
            ids_after_full_name("Maren Orvale spoke. Talks of Mr Orvale and Tessaland ended."),
            ["person-maren-orvale", "Tessaland"]
        );
        // Not a title written in capitals ("DR Orvale" as "DR Congo"), and not in
        // Arabic script, where rule-found names ending with a place are mostly a word
        // and the place.
        for t in ["Troops of DR Orvale left.", "MR ORVALE SPOKE."] {
            let got = places_and_people(t, None);
            assert!(
                got.iter().all(|m| m.2 == EntityType::Location),
                "{t}: {got:?}"
            );
        }
        let t = "قال مارين أورفال إن الأسعار ارتفعت. وأضاف أورفال أن السوق هادئ.";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(
            &p,
            "مارين أورفال",
            "person-x",
            EntityType::Person,
            "rule:x",
        )];
        let s = t.rfind("أورفال").unwrap();
        ms.push(res_at(
            &p,
            "أورفال",
            s,
            "orvale",
            EntityType::Location,
            "gazetteer:x.tsv",
        ));
        link(&p, &mut ms);
        assert_eq!(ms[1].key.id, "orvale", "Arabic script is left out");
    }

    #[test]
    fn a_speaking_acronym_joins_the_name_it_abbreviates() {
        // Invented bodies: an expansion, and a company without its legal form.
        let t = "The Orvale Valve Board met. Later the OVB said prices rose. Tarvco Ltd grew. TARV said.";
        let p = Prepared::new(t, None);
        let acronym =
            |text: &str| res(&p, text, text, EntityType::Organization, "rule:org-acronym");
        let mut ms = vec![
            res(
                &p,
                "Orvale Valve Board",
                "ovb-board",
                EntityType::Organization,
                "rule:x",
            ),
            acronym("OVB"),
            res(
                &p,
                "Tarvco Ltd",
                "tarvco",
                EntityType::Organization,
                "rule:x",
            ),
            acronym("TARV"),
        ];
        link(&p, &mut ms);
        let l = linked(&p, &ms);
        assert!(
            l.contains(&("OVB".to_string(), "ovb-board".to_string())),
            "{l:?}"
        );
        // "TARV" is no initials of Tarvco Ltd: it stays itself.
        assert!(
            l.contains(&("TARV".to_string(), "TARV".to_string())),
            "{l:?}"
        );
        // A company's acronym-like name without its legal form ("TVX Ltd … TVX said").
        let t = "TVX Ltd grew. Later TVX said prices rose.";
        let p = Prepared::new(t, None);
        let s = t.rfind("TVX").unwrap();
        let spoke = res_at(
            &p,
            "TVX",
            s,
            "TVX",
            EntityType::Organization,
            "rule:org-acronym",
        );
        let mut ms = vec![
            res(&p, "TVX Ltd", "tvx", EntityType::Organization, "rule:x"),
            spoke,
        ];
        link(&p, &mut ms);
        assert!(
            ms.iter().all(|m| m.key.id == "tvx"),
            "{:?}",
            linked(&p, &ms)
        );
    }

    #[test]
    fn a_family_name_comes_before_the_generation() {
        // Invented names: the short form of "Velko Tarrin III" is "Tarrin", not "III".
        for (name, tail) in [("Velko Tarrin III", "III"), ("Velko Tarrin Jr.", "Jr.")] {
            let t = format!("Chairman {name} arrived. Later Tarrin spoke.");
            let p = Prepared::new(&t, None);
            let mut ms = vec![res(&p, name, "vt", EntityType::Person, "rule:x")];
            link(&p, &mut ms);
            let l = linked(&p, &ms);
            assert!(
                l.iter().any(|x| x.0 == "Tarrin" && x.1 == "vt"),
                "{tail}: {l:?}"
            );
        }
    }

    #[test]
    fn a_short_name_takes_the_words_of_the_name_before_it() {
        let t = "Senator Lucia Marta Ferro Delgado arrived. Later Ferro Delgado spoke, \
                 then Marta Ferro Delgado left and Delgado waved. Lucia Delgado stayed. \
                 At noon Lucia Marta Ferro Delgado returned.";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(
            &p,
            "Lucia Marta Ferro Delgado",
            "lfd",
            EntityType::Person,
            "rule:x",
        )];
        link(&p, &mut ms);
        let l = linked(&p, &ms);
        assert_eq!(
            l,
            // Sorted: "Delgado" alone twice ("Lucia Delgado" is no run of the name's
            // words), "Ferro Delgado", the name and its second occurrence, which only
            // coreference finds here, "Marta Ferro Delgado".
            [
                ("Delgado", "lfd"),
                ("Delgado", "lfd"),
                ("Ferro Delgado", "lfd"),
                ("Lucia Marta Ferro Delgado", "lfd"),
                ("Lucia Marta Ferro Delgado", "lfd"),
                ("Marta Ferro Delgado", "lfd"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        // The second half of an عبد unit is not taken without its first.
        let t = "قال سامي عبد الرحيم والترز أمس. ثم قال الرحيم والترز إن والترز سافر.";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(
            &p,
            "سامي عبد الرحيم والترز",
            "z",
            EntityType::Person,
            "rule:x",
        )];
        link(&p, &mut ms);
        let texts: Vec<String> = linked(&p, &ms).into_iter().map(|x| x.0).collect();
        assert_eq!(texts, ["سامي عبد الرحيم والترز", "والترز", "والترز"]);
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
        link(&p, &mut ms);
        // "بن سلمان" links; a bare "سلمان" (maybe someone else) does not.
        assert_eq!(ms.len(), 2);
        let t = "Anna Keller spoke. Keller said keller-like things.";
        let p = Prepared::new(t, None);
        let mut ms = vec![res(&p, "Anna Keller", "ak", EntityType::Person, "rule:x")];
        link(&p, &mut ms);
        assert_eq!(ms.len(), 2);
    }

    #[test]
    fn a_family_name_first_stands_for_a_listed_east_asian_name() {
        // Invented names. "Zhao Minhe" of China is "Zhao" for short; a person of another
        // country is not shortened by the first name, nor a lower-case word.
        let t = "Zhao Minhe met Lena Ostrova. Zhao said Lena would come; the zhao tree.";
        let p = Prepared::new(t, None);
        let mut ms = vec![
            res(&p, "Zhao Minhe", "zm", EntityType::Person, "gazetteer"),
            res(&p, "Lena Ostrova", "lo", EntityType::Person, "gazetteer"),
        ];
        ms[0].home_country = Some("CN");
        ms[1].home_country = Some("RU");
        link(&p, &mut ms);
        let l = linked(&p, &ms);
        assert_eq!(
            l,
            [
                ("Lena Ostrova".to_string(), "lo".to_string()),
                ("Zhao".to_string(), "zm".to_string()),
                ("Zhao Minhe".to_string(), "zm".to_string()),
            ]
        );
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
        link(&p, &mut ms);
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
        link(&p, &mut ms);
        assert!(ms.iter().all(|m| m.key.id == "vladimir-putin"));
    }

    #[test]
    fn a_given_name_before_a_listed_full_name_is_the_son_s_name() {
        // Invented names: "نجيب سالم الوادي" is listed; "كريم نجيب سالم الوادي" is his
        // son; "سيد نجيب سالم الوادي" is the father with an honorific.
        let listed = "نجيب سالم الوادي";
        let key_of = |name: &str| {
            let t = format!("قال الرئيس {name}. ثم تحدث {listed}.");
            let p = Prepared::new(&t, None);
            let mut ms = vec![
                res(
                    &p,
                    name,
                    "person-x",
                    EntityType::Person,
                    "rule:person-title",
                ),
                res(&p, listed, "najib", EntityType::Person, "gazetteer"),
            ];
            ms[1].span = t.rfind(listed).unwrap()..t.rfind(listed).unwrap() + listed.len();
            link(&p, &mut ms);
            ms[0].key.id.to_string()
        };
        assert_eq!(key_of("كريم نجيب سالم الوادي"), "person-x");
        assert_eq!(key_of("سيد نجيب سالم الوادي"), "najib");
        // The first and the last word of the listed name are the same person.
        assert_eq!(key_of("نجيب الوادي"), "najib");
        assert_eq!(key_of("كريم الوادي"), "person-x");
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
        link(&p, &mut ms);
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
        link(&p, &mut ms);
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

    /// Short forms of every shape (one word, two words, a proclitic letter first) for
    /// the form tests, with the first words of the two-word ones.
    fn test_forms() -> HashMap<String, EntityKey<'static>> {
        let key = |id: &str| EntityKey {
            id: id.to_string().into(),
            canonical: id.to_string().into(),
            etype: EntityType::Person,
        };
        let mut forms: HashMap<String, EntityKey<'static>> = HashMap::default();
        for f in [
            "والترز",
            "بن سلمان",
            "keller",
            "de la",
            "al rashid",
            "abab",
            "وبن",
        ] {
            forms.insert(normalize(f), key(f));
        }
        forms
    }

    /// The forms of [`test_forms`] as coreference keeps them.
    fn as_forms<'f>(
        forms: &'f HashMap<String, EntityKey<'static>>,
    ) -> HashMap<Form<'f>, EntityKey<'static>> {
        forms
            .iter()
            .map(|(f, k)| (f.split_once(' ').unwrap_or(("", f)), k.clone()))
            .collect()
    }

    fn firsts_of<'f>(forms: &'f HashMap<String, EntityKey<'static>>) -> HashSet<&'f str> {
        forms
            .keys()
            .filter_map(|f| f.split_once(' ').map(|(a, _)| a))
            .collect()
    }

    #[test]
    fn form_candidates_hold_every_word_with_a_form() {
        let forms = test_forms();
        let firsts = firsts_of(&forms);
        for t in [
            "قال والترز ولوالترز وفوالترز ووالترزي بن سلمان وبن سلمان لبن  سلمان",
            "Keller, kellers, xkeller; Al Rashid al-rashid al  rashid ababab abab",
            "وبن سلمان بنسلمان سلمان بن",
            "",
        ] {
            let p = Prepared::new(t, None);
            let hay = p.norm_text();
            let w = words(&p);
            let pairs = as_forms(&forms);
            let got = form_candidates(hay, pairs.keys().copied());
            let want: Vec<&Range<usize>> = w
                .iter()
                .filter(|r| form_at(hay, r, &firsts, &pairs).is_some())
                .collect();
            assert_eq!(t.is_empty(), want.is_empty(), "{t}");
            assert!(
                want.iter().all(|r| got.contains(r)),
                "{t}: {want:?} {got:?}"
            );
            assert!(got.iter().all(|r| w.contains(r)), "{got:?}");
            assert!(got.windows(2).all(|x| x[0].end <= x[1].start), "{got:?}");
        }
    }

    /// The coreference helpers as they were when the scan handed them every word of the
    /// document: what the words they now find around each place must reproduce.
    mod with_all_words {
        use super::*;

        pub(super) fn prev_word(
            hay: &str,
            words: &[Range<usize>],
            pos: usize,
        ) -> Option<Range<usize>> {
            let e = hay.get(..pos)?.trim_end_matches(' ').len();
            let w = words.get(words.partition_point(|w| w.end < e))?;
            (w.start < e).then_some(w.start..e)
        }

        pub(super) fn next_word(
            hay: &str,
            words: &[Range<usize>],
            pos: usize,
        ) -> Option<Range<usize>> {
            let rest = hay.get(pos..)?;
            let s = pos + (rest.len() - rest.trim_start_matches(' ').len());
            let w = words.get(words.partition_point(|w| w.end <= s))?;
            (w.start <= s).then_some(s..w.end)
        }

        /// The document's words that overlap `norm`, cut to it.
        pub(super) fn norm_words<'h>(
            hay: &'h str,
            words: &[Range<usize>],
            norm: &Range<usize>,
        ) -> Vec<&'h str> {
            if !hay.get(norm.clone()).is_some_and(|t| !t.is_empty()) {
                return Vec::new();
            }
            words
                .iter()
                .filter(|w| w.end > norm.start && w.start < norm.end)
                .filter_map(|w| hay.get(w.start.max(norm.start)..w.end.min(norm.end)))
                .collect()
        }

        /// Indices of the candidate words, found by their places in `words`.
        pub(super) fn form_candidates<'k>(
            hay: &str,
            words: &[Range<usize>],
            forms: impl Iterator<Item = &'k str>,
        ) -> Vec<usize> {
            let mut out = Vec::new();
            for form in forms {
                let (key, second) = match form.split_once(' ') {
                    Some((_, b)) => (b, true),
                    None => (form, false),
                };
                // Every occurrence, overlapping ones too.
                for s in
                    (0..hay.len()).filter(|&s| hay.get(s..).is_some_and(|r| r.starts_with(key)))
                {
                    let e = s + key.len();
                    let i = words.partition_point(|w| w.end < e);
                    match words.get(i) {
                        Some(w) if second && w.start == s && w.end == e => {
                            out.extend(i.checked_sub(1))
                        }
                        Some(w) if !second && w.end == e && w.start <= s => out.push(i),
                        _ => {}
                    }
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        }

        /// The form of word `i`, its next word read from `words`.
        pub(super) fn form_at<'f, 'g>(
            hay: &str,
            words: &[Range<usize>],
            i: usize,
            firsts: &HashSet<&str>,
            forms: &'f HashMap<String, EntityKey<'g>>,
        ) -> Option<(Range<usize>, &'f EntityKey<'g>)> {
            let w = words.get(i)?;
            let text = hay.get(w.clone())?;
            for skip in name_starts(text, 0).into_iter().flatten() {
                let s = w.start + skip;
                let rest = hay.get(s..w.end)?;
                if firsts.contains(rest) {
                    if let Some(n) = words.get(i + 1) {
                        if hay.get(w.end..n.start) == Some(" ") {
                            let two = format!("{rest} {}", hay.get(n.clone())?);
                            if let Some(k) = forms.get(two.as_str()) {
                                return Some((s..n.end, k));
                            }
                        }
                    }
                }
                if let Some(k) = forms.get(rest) {
                    return Some((s..w.end, k));
                }
            }
            None
        }
    }

    /// Pieces the property test builds its texts from: the forms' words, proclitics,
    /// case, spaces, punctuation, digits, tatweel and characters outside the BMP.
    const PARTS: [&str; 26] = [
        "والترز",
        "بن",
        "سلمان",
        "keller",
        "Keller",
        "de",
        "la",
        "al",
        "Rashid",
        "abab",
        "ab",
        " ",
        " ",
        "  ",
        ",",
        "-",
        "\n",
        "و",
        "ل",
        "ب",
        "é",
        "𝔸",
        "١٢",
        ".",
        "ـ",
        "x",
    ];

    proptest::proptest! {
        /// The words coreference finds around a place are those of the document's word
        /// list: the words before and after a place, a span's words cut to it, the
        /// candidate words of the short forms and the forms found there.
        #[test]
        fn local_words_are_the_documents_words(
            parts in proptest::collection::vec(0usize..PARTS.len(), 0..24)
        ) {
            let text: String = parts.iter().map(|&k| PARTS[k]).collect();
            let p = Prepared::new(&text, None);
            let hay = p.norm_text();
            let all = words(&p);
            let bounds: Vec<usize> = (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)).collect();
            let mut scratch = Vec::new();
            for &a in &bounds {
                proptest::prop_assert_eq!(prev_word(hay, a), with_all_words::prev_word(hay, &all, a));
                proptest::prop_assert_eq!(next_word(hay, a), with_all_words::next_word(hay, &all, a));
                for &b in bounds.iter().filter(|&&b| b >= a) {
                    let mut got = Vec::new();
                    push_norm_words(&p, &(a..b), &mut scratch, &mut got);
                    proptest::prop_assert_eq!(got, with_all_words::norm_words(hay, &all, &(a..b)));
                }
            }
            let forms = test_forms();
            let firsts = firsts_of(&forms);
            let pairs = as_forms(&forms);
            let got = form_candidates(hay, pairs.keys().copied());
            let want: Vec<Range<usize>> = with_all_words::form_candidates(hay, &all, forms.keys().map(String::as_str))
                .into_iter()
                .filter_map(|i| all.get(i).cloned())
                .collect();
            proptest::prop_assert_eq!(&got, &want);
            for (i, w) in all.iter().enumerate() {
                proptest::prop_assert_eq!(
                    form_at(hay, w, &firsts, &pairs),
                    with_all_words::form_at(hay, &all, i, &firsts, &forms)
                );
            }
        }
    }

    #[test]
    fn occurrences_are_memmem_find_iter() {
        for (hay, needle) in [
            ("ABABABA ABA", "ABA"),
            ("Sinks, وSinks Sinks", "Sinks"),
            ("aaaa", "aa"),
            ("", "X"),
            ("no match", "Zed"),
        ] {
            let got: Vec<usize> = occurrences(hay.as_bytes(), needle.as_bytes()).collect();
            let want: Vec<usize> = memchr::memmem::find_iter(hay.as_bytes(), needle).collect();
            assert_eq!(got, want, "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn initials_as_the_character_rule() {
        // The rule as first written: the first characters of the capitalized words,
        // kept when three or more and all ASCII.
        let by_chars = |n: &str| {
            let i: String = n
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter_map(|w| w.chars().next())
                .collect();
            (i.chars().count() >= 3 && i.is_ascii()).then_some(i)
        };
        for n in [
            "National Cyber Agency",
            "Ministry of Foreign Affairs",
            "Ab Cd",
            "ÉCOLE Nationale Supérieure",
            "Agence Nationale Électrique Bleue",
            "وزارة الخارجية",
            "شركة Acme Beta Corp",
            "A\u{a0}B\u{2003}C D",
            "A\u{b}B\u{1c}C D",
            "lower case words only",
            "",
        ] {
            assert_eq!(ascii_initials(n), by_chars(n), "{n:?}");
        }
    }

    #[test]
    fn lowercase_comparison_as_to_lowercase() {
        let names = [
            "Vladimir Putin",
            "VLADIMIR PUTIN",
            "فلاديمير بوتين",
            "İstanbul",
            "i\u{307}stanbul",
            "ΟΔΥΣΣΕΑΣ",
            "οδυσσεας",
            "οδυσσεασ",
            "Σ",
            "Émile Zola",
            "émile zola",
            "",
        ];
        for a in names {
            for b in names {
                assert_eq!(
                    same_lowercase(a, b),
                    a.to_lowercase() == b.to_lowercase(),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn words_around_as_the_character_walk() {
        // The walks as first written, character by character.
        let prev = |hay: &str, pos: usize| {
            let e = hay.get(..pos)?.trim_end_matches(' ').len();
            let s = hay[..e]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_word_char(c))
                .last()
                .map(|(i, _)| i)?;
            Some(s..e)
        };
        let next = |hay: &str, pos: usize| {
            let rest = hay.get(pos..)?;
            let s = pos + (rest.len() - rest.trim_start_matches(' ').len());
            let len: usize = hay[s..]
                .chars()
                .take_while(|&c| is_word_char(c))
                .map(char::len_utf8)
                .sum();
            (len > 0).then_some(s..s + len)
        };
        for t in [
            "قال الرئيس  الروسي فلاديمير بوتين، وRussian President Boris-Ivanov.",
            "  a  bc\td é ٢٠٢١ x\u{0640}y ",
            "",
        ] {
            let p = Prepared::new(t, None);
            let hay = p.norm_text();
            for pos in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                assert_eq!(prev_word(hay, pos), prev(hay, pos), "{t:?} {pos}");
                assert_eq!(next_word(hay, pos), next(hay, pos), "{t:?} {pos}");
            }
        }
    }

    #[test]
    fn capitalized_as_the_original_says() {
        for t in [
            "Russian President Boris Ivanov, ÉCOLE \u{200b}Zed, الرئيس aBc",
            "\u{200b}\u{200b}A b",
        ] {
            let p = Prepared::new(t, None);
            for w in words(&p) {
                let o = p.to_orig(w.clone());
                let want = p
                    .orig
                    .get(o)
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| c.is_ascii_uppercase());
                assert_eq!(is_capitalized(&p, &w), want, "{t:?} {w:?}");
            }
        }
    }

    #[test]
    fn rule_organization_joins_listed_one_of_its_type_only() {
        let t = "Acme Cloud Systems said. Later Cloud Systems said. Cloud Systems (place).";
        let p = Prepared::new(t, None);
        let mut ms = vec![
            res(
                &p,
                "Acme Cloud Systems",
                "org-acme",
                EntityType::Organization,
                "rule:x",
            ),
            res(
                &p,
                "Cloud Systems",
                "cs",
                EntityType::Organization,
                "gazetteer",
            ),
        ];
        let at = t.rfind("Cloud Systems").unwrap();
        let place = res_at(
            &p,
            "Cloud Systems",
            at,
            "cs-place",
            EntityType::Location,
            "gazetteer",
        );
        ms[1].span = t.find("Later").unwrap() + 6..t.find("Later").unwrap() + 19;
        ms.push(place);
        link(&p, &mut ms);
        assert_eq!(ms[0].key.id, "cs");
        assert_eq!(ms[2].key.id, "cs-place");
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
        link(&p, &mut ms);
        let c: Vec<Option<&str>> = ms.iter().map(|m| m.country.as_deref()).collect();
        assert_eq!(c, vec![Some("RU"), Some("RU"), Some("IR")]);
    }

    /// The (text, id) pairs after coreference of `t` with two mentions: the shared surname
    /// "Varn" (its first occurrence) and the full name `full` with `id` from `source`.
    fn with_shared_surname(t: &str, full: &str, id: &str, source: &str) -> Vec<(String, String)> {
        let p = Prepared::new(t, None);
        let surname = res(
            &p,
            "Varn",
            "surname-varn",
            EntityType::Person,
            "gazetteer:x",
        );
        let mut ms = vec![surname, res(&p, full, id, EntityType::Person, source)];
        super::link(&p, &mut ms, &[true, false]);
        linked(&p, &ms)
    }

    #[test]
    fn a_shared_surname_joins_the_bearer_the_text_names_in_full() {
        let t = "Varn said the talks went well, and Mira Varn agreed.";
        assert_eq!(
            with_shared_surname(t, "Mira Varn", "mira-varn", "gazetteer:x"),
            [
                ("Mira Varn".to_string(), "mira-varn".to_string()),
                ("Varn".to_string(), "mira-varn".to_string()),
            ]
        );
        let p = Prepared::new(t, None);
        let listed = |text: &str, id: &str| res(&p, text, id, EntityType::Person, "gazetteer:x");
        // A listed one-word name (not a shared surname) keeps its own entity.
        let mut ms = vec![
            listed("Varn", "varn-city"),
            listed("Mira Varn", "mira-varn"),
        ];
        super::link(&p, &mut ms, &[false, false]);
        assert_eq!(ms[0].key.id, "varn-city");
    }

    #[test]
    fn the_built_in_shared_surnames_go_to_the_bearer_named_in_full() {
        // Invented sentences, through the built-in gazetteer and all of resolution.
        let gaz = crate::gazetteer::Gazetteer::builtin().unwrap();
        let ids = |text: &str| -> Vec<String> {
            let prep = Prepared::new(text, None);
            let ents = crate::resolve::resolve(&prep, gaz.annotate(&prep), &gaz, true);
            crate::resolve::mentions_in_order(&ents)
                .into_iter()
                .filter(|(t, _)| t == "Clinton")
                .map(|(_, id)| id)
                .collect()
        };
        assert_eq!(ids("Clinton spoke first in Ohio."), ["surname-clinton"]);
        assert_eq!(
            ids("Clinton spoke first; Hillary Clinton agreed."),
            ["hillary-clinton"]
        );
    }

    #[test]
    fn a_shared_surname_stays_itself_when_two_bearers_are_named() {
        let t = "Mira Varn and Oskar Varn met; Varn said nothing.";
        let p = Prepared::new(t, None);
        let listed = |text: &str, id: &str| res(&p, text, id, EntityType::Person, "gazetteer:x");
        let at = t.rfind("Varn said").unwrap_or(0);
        let mut ms = vec![
            listed("Mira Varn", "mira-varn"),
            listed("Oskar Varn", "oskar-varn"),
            Resolved {
                span: at..at + 4,
                ..listed("Varn", "surname-varn")
            },
        ];
        super::link(&p, &mut ms, &[false, false, true]);
        assert_eq!(ms[2].key.id, "surname-varn");
    }

    #[test]
    fn a_rule_found_name_does_not_join_a_shared_surname_it_ends_with() {
        let t = "Varn spoke first, then Teo Varn replied.";
        assert_eq!(
            with_shared_surname(t, "Teo Varn", "person-teo-varn", "rule:x"),
            [
                ("Teo Varn".to_string(), "person-teo-varn".to_string()),
                ("Varn".to_string(), "person-teo-varn".to_string()),
            ]
        );
    }
}
