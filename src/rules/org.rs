//! Organization rules: an Arabic head noun followed by a name (شركة Sinks، وزارة الخارجية
//! الأمريكية، شركة "X"), English suffixes closing a capitalized name (Acme Inc, Lazard
//! Bank) and English heads opening one (Ministry of Defence).

use std::ops::Range;

use super::lists::{cue_at, Cue, Hit, Lists};
use super::nationality::Nationalities;
use super::scan::{
    candidate, cap_words_after, cap_words_before, in_capitals, is_ar, is_cap, is_latin, known_at,
    latin_name_after, named_by_its_text, orig, possessive_stem, quoted_after, surface_target,
    taken, word_after, word_before, written_in_lower_case,
};
use crate::model::{Candidate, EntityType, Target};
use crate::text::{starts_sentence, Prepared};

/// All organization candidates of a text.
pub(crate) fn find(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    hits: &[Hit],
    known: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    let hay = prep.norm_text();
    // What the person rules found (they run first): a person is a name of its own before
    // an "and" ("… Tovo Raskel and Tarvco Inc").
    let found_before = out.len();
    for (i, h) in hits.iter().enumerate() {
        let found = match h.cue {
            Cue::OrgHeadAr {
                definite,
                latin_only,
                media,
                field,
            } => {
                if definite && field {
                    definite_head(prep, lists, nats, h, known)
                } else if let Some(q) = quoted_after(hay, h.e) {
                    Some(org(prep, q, "rule:org-quoted", 0.7))
                } else if let Some(l) = latin_name_after(prep, h.e) {
                    Some(org(prep, l, "rule:org-latin", 0.7))
                } else if media {
                    media_name(prep, lists, h)
                } else if !definite && !latin_only {
                    arabic_head(prep, lists, nats, h, known, field)
                } else {
                    None
                }
            }
            // "Vantor Systems Inc": only the last of adjacent suffixes closes the name.
            Cue::OrgSuffixEn
                if hits
                    .get(i + 1)
                    .is_some_and(|n| n.cue == Cue::OrgSuffixEn && n.s <= h.e + 2) =>
            {
                None
            }
            Cue::OrgSuffixEn => {
                let r = h.s..h.e;
                // The case first: a lowercase suffix ("the bank") closes no name, and
                // the words before it are not read.
                // "Co" joined to the next word by a hyphen is the prefix of "Co-Chairman"
                // or "Co-operation".
                let ok_case = (is_cap(prep, &r) || hay[r.clone()].starts_with("plc"))
                    && !(&hay[r.clone()] == "co" && hay[r.end..].starts_with('-'));
                if ok_case {
                    let mut before = cap_words_before(prep, h.s, 4);
                    before.drain(..possessor_end(prep, &before, known));
                    // The name's start, and the end of the words that may be a listed
                    // name without the suffix.
                    let mut name_end = before.last().map(|l| l.end);
                    let start = match before.as_slice() {
                        [co] if &hay[co.clone()] == "co" => and_co_start(prep, co.start),
                        [w] => and_pair_start(
                            prep,
                            w.start,
                            &r,
                            hits,
                            known,
                            out.get(..found_before).unwrap_or_default(),
                        ),
                        // "Merrill Lynch & Co": a company's "Co" right after the "&" or
                        // "and" (not any suffix: "Nordvik and Union Carbide").
                        [] if matches!(&hay[r.clone()], "co" | "company") => {
                            name_end = and_before(prep, h.s);
                            and_co_start(prep, h.s)
                        }
                        _ => None,
                    };
                    let start = start.or(before.first().map(|f| f.start));
                    let start = start.map(|s| {
                        name_end
                            .and_then(|e| {
                                let persons = out.get(..found_before).unwrap_or_default();
                                joined_place_start(prep, known, persons, s..e)
                            })
                            .unwrap_or(s)
                    });
                    let government = start.zip(name_end).is_some_and(|(s, e)| {
                        lists.office_suffixes_en.contains(&hay[r.clone()])
                            && names_a_person_or_country(
                                prep,
                                hits,
                                known,
                                out.get(..found_before).unwrap_or_default(),
                                s..e,
                            )
                    });
                    start.filter(|_| !government).map(|s| {
                        // A legal form closes the name: "Tarvco AG of Tessaland" is the
                        // company, then its country.
                        let legal = lists
                            .legal_forms_en
                            .contains(hay[r.clone()].trim_end_matches('.'));
                        let end = (!legal)
                            .then(|| of_name_end(prep, hits, h.e))
                            .flatten()
                            .unwrap_or(h.e);
                        let mut c = org(prep, s..end, "rule:org-suffix", 0.6);
                        // "Lane Motor Corp" is the gazetteer's Lane Motor when it lists
                        // the words before the suffix as an organization, and so is
                        // "Goldman Sachs and Co" the gazetteer's Goldman Sachs.
                        let name = name_end.map(|e| prep.to_orig(s..e));
                        let listed = name.and_then(|n| {
                            known_at(known, n.start).iter().find(|g| {
                                g.span == n
                                    && g.etype == EntityType::Organization
                                    && matches!(g.target, Target::Gazetteer(_))
                            })
                        });
                        if let Some(g) = listed {
                            c.target = g.target.clone();
                        }
                        c
                    })
                } else {
                    None
                }
            }
            Cue::OrgKindEn => apposition(prep, hits, h, known),
            Cue::ReportEn => acronym_speaker(prep, lists, hits, known, h),
            Cue::TitleEn { .. } if SPOKESPEOPLE.contains(&&hay[h.s..h.e]) => {
                spokesperson_body(prep, hits, h, known, out)
            }
            Cue::OrgHeadEn => {
                let r = h.s..h.e;
                if is_cap(prep, &r) {
                    // A title ends the name: "Bank of Tessaland Governor Varn Orvale" is
                    // the bank and its governor.
                    let after = name_words_to_title(prep, hits, h.e);
                    after.last().map(|l| {
                        // Capitalized words before the head are the name's ("Hebrew
                        // University of X", "Port Authority of X"); an owner with a
                        // possessive ("Norway's Ministry of X") or a nationality adjective
                        // is not.
                        let mut before = cap_words_before(prep, h.s, 3);
                        let owner = before
                            .iter()
                            .rposition(|w| possessive_stem(hay, w).is_some());
                        before.drain(..owner.map_or(0, |k| k + 1));
                        let nationality = |w: &Range<usize>| {
                            cue_at(hits, w.start, |c| matches!(c, Cue::Nationality(_)))
                        };
                        let from = before.iter().rposition(nationality).map_or(0, |k| k + 1);
                        let start = before.get(from).map_or(h.s, |f| f.start);
                        org(prep, start..l.end, "rule:org-head", 0.6)
                    })
                } else {
                    None
                }
            }
            _ => None,
        };
        out.extend(found);
    }
}

/// Source of an acronym that speaks ([`acronym_speaker`]); coreference joins it to the
/// name it abbreviates when the document gives that name.
pub(crate) const ACRONYM_SOURCE: &str = "rule:org-acronym";

/// Letters of an acronym that speaks ("NCB said"): fewer is a word ("I", "A"), more a
/// shouted word.
const ACRONYM_LETTERS: std::ops::RangeInclusive<usize> = 2..=6;

/// "the NCB said", "Tarvco's TVX told reporters": an acronym right before an English
/// reporting verb (`h`, written in lower case, so not in a headline) is a body that
/// speaks. Not a name the gazetteers give (a country's "UAE"), nor a title ("CEO said"), a
/// legal form ("… Holdings LP said" is the company's end) or a nationality. In CoNLL-2003
/// train, 53 of 64 acronyms before "said", "says", "told"… begin an organization and 9
/// more end one.
fn acronym_speaker(
    prep: &Prepared<'_>,
    lists: &Lists,
    hits: &[Hit],
    known: &[Candidate],
    h: &Hit,
) -> Option<Candidate> {
    let hay = prep.norm_text();
    if in_capitals(prep, &(h.s..h.e)) {
        return None;
    }
    let w = word_before(hay, h.s)?;
    // Only a space between: "NCB, the bank, said" is read by the apposition rules.
    if hay.get(w.end..h.s) != Some(" ") {
        return None;
    }
    let o = prep.orig.get(prep.to_orig(w.clone()))?;
    let letters = o.chars().count();
    if !ACRONYM_LETTERS.contains(&letters) || !o.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    // After another capitalized word it ends a longer name ("Orvale Bank NV", "Mark IV",
    // "Tarvco Inc TVX", a ticker): the article is no such word.
    let after_name = word_before(hay, w.start).is_some_and(|p| {
        hay.get(p.end..w.start) == Some(" ")
            && is_cap(prep, &p)
            && hay.get(p.clone()) != Some("the")
    });
    let word = hay.get(w.clone())?;
    let listed = taken(known, &prep.to_orig(w.clone()));
    let other = lists.title_words.contains(word)
        || lists.legal_forms_en.contains(word)
        || cue_at(hits, w.start, |c| matches!(c, Cue::Nationality(_)));
    (!after_name && !listed && !other).then(|| org(prep, w, ACRONYM_SOURCE, 0.55))
}

/// Words that join a company's name to the place that ends it ("Bank of Orvale", "Banque
/// Generale du Orvale", "Banque Internationale a Orvale").
const NAME_JOINERS: &[&str] = &["of", "de", "du", "des", "del", "di", "da", "a"];

/// "Bank of New York Co", "Ford Motor Co of Canada Ltd", "Banque Generale du Luxembourg
/// SA": when the words before a company's suffix (`name`) are only a place the gazetteer
/// lists, the place ends a longer name joined to it by a [`NAME_JOINERS`] word, and the
/// name starts at the capitalized words before that word. Not when a person rule found
/// them: "Tovo Raskel of Orvale Inc" is a person of the company (`persons`, the person
/// rules' candidates).
fn joined_place_start(
    prep: &Prepared<'_>,
    known: &[Candidate],
    persons: &[Candidate],
    name: Range<usize>,
) -> Option<usize> {
    let hay = prep.norm_text();
    let o = prep.to_orig(name.clone());
    known_at(known, o.start)
        .iter()
        .find(|c| c.span == o && c.etype == EntityType::Location)?;
    let joiner = word_before(hay, name.start)?;
    if !NAME_JOINERS.contains(&hay.get(joiner.clone())?) {
        return None;
    }
    let first = cap_words_before(prep, joiner.start, 4).into_iter().next()?;
    let head = prep.to_orig(first.start..joiner.start);
    let a_person = taken(
        persons.iter().filter(|p| p.etype == EntityType::Person),
        &head,
    );
    (!a_person).then_some(first.start)
}

/// End of the "of" phrase that goes on with a name after its suffix ("Orvale Bureau of
/// Fisheries", "Tessaland Society of Engineers"): capitalized words after "of", up to a
/// title ("… of Tessaland President X" is the body and a person).
fn of_name_end(prep: &Prepared<'_>, hits: &[Hit], end: usize) -> Option<usize> {
    let hay = prep.norm_text();
    let of = word_after(hay, end).filter(|w| &hay[w.clone()] == "of" && w.start == end + 1)?;
    name_words_to_title(prep, hits, of.end)
        .last()
        .map(|l| l.end)
}

/// Up to four capitalized words after `pos`, before the first title among them.
fn name_words_to_title(prep: &Prepared<'_>, hits: &[Hit], pos: usize) -> Vec<Range<usize>> {
    let mut after = cap_words_after(prep, pos, 4);
    let title = after
        .iter()
        .position(|w| cue_at(hits, w.start, |c| matches!(c, Cue::TitleEn { .. })));
    after.truncate(title.unwrap_or(after.len()));
    after
}

/// True when the words `r` (normalized offsets) are a person's or a country's name, as
/// the gazetteers or the person rules (`persons`) found it, or a nationality adjective:
/// before a suffix such as "Administration" they name a government ("the Reagan
/// Administration", "the US Administration"), not a body of that name.
fn names_a_person_or_country(
    prep: &Prepared<'_>,
    hits: &[Hit],
    known: &[Candidate],
    persons: &[Candidate],
    r: Range<usize>,
) -> bool {
    let span = prep.to_orig(r.clone());
    let named = |c: &Candidate| {
        c.span == span && matches!(c.etype, EntityType::Person | EntityType::Location)
    };
    known_at(known, span.start).iter().any(named)
        || persons.iter().any(named)
        || hits
            .iter()
            .any(|h| h.s == r.start && h.e == r.end && matches!(h.cue, Cue::Nationality(_)))
}

/// Who speaks for a body: the capitalized words right before are the body's name.
const SPOKESPEOPLE: &[&str] = &["spokesman", "spokeswoman", "spokesperson"];

/// "a Tarvco spokesman said", "Orvale Mining spokeswoman Tessa Brandle": one to three
/// capitalized words right before a spokesperson name the body the person speaks for.
/// Not words the gazetteers or the person rules know (a country's or a minister's
/// spokesman, or her family name alone), a nationality, a headline in capitals, a word
/// with digits, a word the text also writes in lower case ("Police spokesman"), nor a
/// body's head or a title alone ("a Ministry spokesman"). At a sentence's start the text
/// must capitalize the first word inside a sentence too ("Another Tarvco spokesman").
fn spokesperson_body(
    prep: &Prepared<'_>,
    hits: &[Hit],
    h: &Hit,
    known: &[Candidate],
    found: &[Candidate],
) -> Option<Candidate> {
    let hay = prep.norm_text();
    let mut words = cap_words_before(prep, h.s, 4);
    let last = words.last()?;
    // "Tarvco's spokesman": the body without its possessive; "Tessaland's Tarvco
    // spokesman" or "the Tessaland Greens' Housing spokesman" reads too much.
    let owner = |w: &Range<usize>| hay[w.clone()].contains('\'');
    if words.len() > 3 || last.end + 1 != h.s || words[..words.len() - 1].iter().any(owner) {
        return None;
    }
    // After an article the "'s" is the name's own ("a Marlo's spokesman").
    let article =
        word_before(hay, words.first()?.start).is_some_and(|a| matches!(&hay[a], "a" | "an"));
    if let Some(stem) = possessive_stem(hay, last).filter(|_| !article) {
        let k = words.len() - 1;
        words[k] = stem;
    } else if owner(last) && !article {
        return None;
    }
    let (first, last) = (words.first()?, words.last()?);
    let span = prep.to_orig(first.start..last.end);
    let taken = taken(known.iter().chain(found), &span);
    // A nationality, or a body's head or suffix or a title alone ("a Ministry spokesman").
    let cue_word = |w: &Range<usize>| {
        cue_at(hits, w.start, |c| match c {
            Cue::Nationality(_) => true,
            Cue::OrgHeadEn | Cue::OrgSuffixEn | Cue::TitleEn { .. } => words.len() == 1,
            _ => false,
        })
    };
    let common = |w: &Range<usize>| {
        let x = &hay[w.clone()];
        in_capitals(prep, w)
            || x.bytes().any(|b| b.is_ascii_digit())
            || written_in_lower_case(prep.orig, x)
            || cue_word(w)
    };
    // "Philippe Seguin … a Seguin spokeswoman": a person's family name speaks for her.
    let family_name = || {
        let w = orig(prep, first);
        known
            .iter()
            .chain(found)
            .filter(|k| k.etype == EntityType::Person)
            .any(|k| {
                prep.orig
                    .get(k.span.clone())
                    .and_then(|n| n.split_whitespace().next_back())
                    == Some(w)
            })
    };
    if taken || words.iter().any(common) || words.len() == 1 && family_name() {
        return None;
    }
    if starts_sentence(prep.orig, span.start) {
        let w = orig(prep, first);
        if !named_by_its_text(prep.orig, w, |at| at != span.start) {
            return None;
        }
    }
    Some(org(
        prep,
        first.start..last.end,
        "rule:org-spokesperson",
        0.5,
    ))
}

fn org(prep: &Prepared<'_>, r: std::ops::Range<usize>, source: &str, conf: f32) -> Candidate {
    let target = surface_target("org", prep, &r);
    candidate(prep, r, EntityType::Organization, target, source, conf)
}

/// The word after "and" that ends a firm named for its founders ("Tessan and Partners").
const PARTNERS: &[&str] = &["associates", "partners", "sons", "brothers", "company"];

/// Words that may follow the kind of business and still end its appositive ("…, a
/// maker of …", "…, a company based in …"); any other word makes the kind a modifier
/// ("…, a company spokesman").
const AFTER_KIND: &[&str] = &[
    "based",
    "headquartered",
    "in",
    "of",
    "that",
    "which",
    "whose",
    "with",
    "owned",
    "controlled",
    "known",
    "listed",
];

/// "Tarvco, an Orvalian company", "Tarvco, the largest fuel pipeline operator": the
/// capitalized name right before a comma is a business when the appositive after the
/// comma is an article, up to four modifiers and a kind of business (`h`, written in
/// lower case), which ends the phrase. Not a place the gazetteer lists ("… Inc of
/// Orvale, a maker of …").
fn apposition(
    prep: &Prepared<'_>,
    hits: &[Hit],
    h: &Hit,
    known: &[Candidate],
) -> Option<Candidate> {
    let hay = prep.norm_text();
    if is_cap(prep, &(h.s..h.e)) {
        return None;
    }
    let rest = hay.get(h.e..)?;
    let ends = match word_after(hay, h.e) {
        Some(n) => AFTER_KIND.contains(&&hay[n]),
        None => rest.trim_start().starts_with([',', '.', ';', ':', ')']) || rest.trim().is_empty(),
    };
    if !ends {
        return None;
    }
    let mut at = h.s;
    let mut article = None;
    for _ in 0..5 {
        let w = word_before(hay, at)?;
        if !is_latin(hay, &w) {
            return None;
        }
        if matches!(&hay[w.clone()], "a" | "an" | "the") {
            article = Some(w);
            break;
        }
        at = w.start;
    }
    let comma = hay
        .get(..article?.start)?
        .trim_end()
        .strip_suffix(',')?
        .len();
    let mut name = cap_words_before(prep, comma, 4);
    // An owner before the name is not the business ("Orvale's Tarvco, a steel maker").
    if let Some(k) = name.iter().rposition(|w| possessive_stem(hay, w).is_some()) {
        name.drain(..=k);
    }
    let (first, last) = (name.first()?, name.last()?);
    // Only spaces between the name and the comma. A word that opens its sentence alone
    // may be anything ("Meanwhile, a company …") unless the text capitalizes it inside a
    // sentence too and never writes it in lower case.
    // Read only for such a word: it scans the whole text.
    let vouched = || {
        let at = prep.to_orig(first.clone()).start;
        named_by_its_text(prep.orig, orig(prep, first), |o| o != at)
    };
    let lone_opener =
        name.len() == 1 && crate::text::starts_sentence(hay, first.start) && !vouched();
    // A suffix alone is the end of a name the line broke ("… Tarvco Steel⏎Inc, a
    // maker of pipes").
    let suffix_alone =
        name.len() == 1 && cue_at(hits, first.start, |c| matches!(c, Cue::OrgSuffixEn));
    if !hay.get(last.end..comma)?.trim().is_empty() || lone_opener || suffix_alone {
        return None;
    }
    let span = prep.to_orig(first.start..last.end);
    let place = known_at(known, span.start)
        .iter()
        .any(|c| c.span == span && c.etype == EntityType::Location);
    if place {
        return None;
    }
    // "… and Associates" is the partners' firm; any other word after "and" is a name of
    // its own ("the Orvale Drivers Union and Tarvco, a … firm").
    let start = match name.as_slice() {
        [one] if PARTNERS.contains(&&hay[one.clone()]) => {
            and_co_start(prep, one.start).unwrap_or(one.start)
        }
        _ => first.start,
    };
    Some(org(prep, start..last.end, "rule:org-apposition", 0.55))
}

/// "صحيفة القدس", "قناة الجزيرة": the one definite word after a media head is the name.
fn media_name(prep: &Prepared<'_>, lists: &Lists, h: &Hit) -> Option<Candidate> {
    let hay = prep.norm_text();
    let w = word_after(hay, h.e)?;
    let t = &hay[w.clone()];
    // A head noun is blocked as a name word, but names newspapers ("صحيفة الاتحاد").
    let ok = is_ar(hay, &w)
        && t.starts_with("ال")
        && t.chars().count() >= 4
        && (!lists.blocked.contains(t) || lists.org_heads_ar.contains(t));
    ok.then(|| org(prep, w, "rule:org-media", 0.55))
}

/// "وزارة الخارجية الأمريكية", "جامعة القاهرة": the head, a noun in construct if one stands
/// there ([`construct_noun`]) and up to three definite words; a nationality adjective
/// closes the name.
fn arabic_head(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    h: &Hit,
    known: &[Candidate],
    field: bool,
) -> Option<Candidate> {
    let field = field.then_some(known);
    let hay = prep.norm_text();
    // A nationality closes the name before a field too ("شركة الأثاث السويدية للبيع").
    let with_field = |end: usize, country: &Option<String>| {
        field
            .filter(|_| country.is_none())
            .and_then(|known| field_end(prep, lists, known, end))
            .unwrap_or(end)
    };
    // "جامعة جون هوبكنز", "مؤسسة الملك فيصل": named for a person, by a first name or a
    // title and a first name.
    if let Some(w) = word_after(hay, h.e).filter(|w| is_ar(hay, w)) {
        let end = if lists.title_words.contains(&hay[w.clone()]) {
            // One name word after the title is enough only after a head that is named
            // for persons ("جامعة الملك سعود"); "مجلس الشيخ …" is the sheikh's gathering.
            let named_for = lists.named_for_ar.contains(&hay[h.s..h.e]);
            word_after(hay, w.end)
                .filter(|n| is_ar(hay, n))
                .and_then(|n| {
                    if named_for {
                        super::person::titled_name_end(lists, prep, n)
                    } else {
                        super::person::ar_name_end(lists, prep, n)
                    }
                })
        } else {
            super::person::ar_name_end(lists, prep, w)
        };
        if let Some(mut end) = end {
            // Adjectives after the name are the organization's ("جامعة الإمام محمد بن سعود
            // الإسلامية", "مؤسسة … الخيرية"): definite words of the nisba form (…ي, …يه).
            let mut country = None;
            for _ in 0..2 {
                let Some(w) = word_after(hay, end).filter(|w| is_ar(hay, w)) else {
                    break;
                };
                let t = &hay[w.clone()];
                if !t.starts_with("ال") || !is_nisba(t) || lists.stop_ar.contains(t) {
                    break;
                }
                end = w.end;
                if let Some(n) = nats.lookup(t) {
                    country = Some(n.code.clone());
                    break;
                }
            }
            let mut c = org(prep, h.s..with_field(end, &country), "rule:org-named", 0.5);
            c.country = country;
            return Some(c);
        }
    }
    // The last word the name takes.
    let mut last = None;
    let mut at = h.e;
    let mut country = None;
    let construct = construct_noun(prep, lists, nats, h, known);
    if let Some(end) = construct {
        at = end;
    }
    // Set when a stop word ends the name: what is said of the body begins there.
    let mut said_of = false;
    for k in 0..3 {
        let Some(w) = word_after(hay, at) else { break };
        let t = &hay[w.clone()];
        // "حزب الله": the divine name is part of the name, stop word or not.
        let allah = t == "الله";
        if !is_ar(hay, &w) || !t.starts_with("ال") || lists.title_words.contains(t) {
            break;
        }
        if lists.stop_ar.contains(t) && !allah {
            said_of = true;
            break;
        }
        // A verbal noun with its object is what the body does ("قرر مجلس الوزراء
        // الموافقة على …"), not its name; an adjective before على is the name's
        // ("وافقت هيئة الموانئ البحرية على").
        if k > 0 && !is_nisba(t) && word_after(hay, w.end).is_some_and(|n| &hay[n] == "علي") {
            break;
        }
        at = w.end;
        last = Some(w);
        if let Some(n) = nats.lookup(t) {
            country = Some(n.code.clone());
            break;
        }
        // An adjective of the nisba form after the head's noun closes the name, but for
        // a nationality after it ("مجلس الأمن القومي السعودي"): another definite word
        // begins what is said of it ("حزب الفلاحين الوطني المعارض").
        let nisba = k > 0 && is_nisba(t);
        if nisba && !word_after(hay, at).is_some_and(|n| nats.lookup(&hay[n]).is_some()) {
            break;
        }
    }
    // The noun in construct alone names the body when what follows is said of it
    // ("شركة تارفكو التابعة لها", affiliated to it).
    let last = last.or_else(|| {
        let end = construct.filter(|_| said_of)?;
        word_before(hay, end + 1).filter(|w| w.end == end)
    })?;
    // Nisba adjectives joined by و are one name ("وزارة الشؤون البلدية والقروية", "لجنة
    // الشؤون السياسية والأمنية").
    let joined = word_after(hay, last.end).filter(|w| {
        is_nisba(&hay[last.clone()])
            && hay[w.clone()]
                .strip_prefix('و')
                .is_some_and(|r| r.starts_with("ال") && is_nisba(r))
    });
    let end = with_field(joined.map_or(last.end, |w| w.end), &country);
    let mut c = org(prep, h.s..end, "rule:org-head", 0.5);
    c.country = country;
    Some(c)
}

/// "هيئة تقويم التعليم", "وزارة شؤون البلديات": a noun in construct may stand between an
/// Arabic head and its definite words; returns its end. Not a word with a proclitic, an
/// indefinite adjective ("حزب إسلامي التوجه"), a verb, a nationality, another head or a
/// cue word, and the definite word after it must follow and be no head ("مجلس إدارة
/// الشركة" is any company's board). Nor at or before a name the gazetteers know as
/// anything but a place ("منظمة داعش الإرهابية" is the group with a description, "شركة
/// أرامكو السعودية" the listed company, "وكالة أنباء الأناضول" the listed agency), nor a
/// place noun after مركز, which is then the place's centre ("مركز محافظة الأنبار", "مركز
/// مدينة …") where a council is the body ("مجلس محافظة الأنبار").
fn construct_noun(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    h: &Hit,
    known: &[Candidate],
) -> Option<usize> {
    let hay = prep.norm_text();
    let w = word_after(hay, h.e).filter(|w| is_ar(hay, w))?;
    let t = &hay[w.clone()];
    let shape = !t.starts_with("ال")
        && !t.starts_with(['و', 'ل', 'ب', 'ف', 'ك'])
        && t.chars().count() >= 3
        && !is_nisba(t)
        && !lists.blocked.contains(t)
        && !lists.org_heads_ar.contains(t)
        && !super::person::verb_shaped(t)
        && nats.lookup(t).is_none();
    if !shape {
        return None;
    }
    let n = word_after(hay, w.end)?;
    if !hay[n.clone()].starts_with("ال") || lists.org_heads_ar.contains(&hay[n.clone()]) {
        return None;
    }
    if &hay[h.s..h.e] == "مركز" && lists.place_nouns_ar.contains(t) {
        return None;
    }
    // A name the gazetteers know, but a place, overlaps the two words.
    let o = prep.to_orig(w.start..n.end);
    let named = known
        .iter()
        .any(|c| c.span.start < o.end && c.span.end > o.start && c.etype != EntityType::Location);
    (!named).then_some(w.end)
}

/// The end of a company's or a centre's field after its name: a word of ل with the
/// article ("شركة النصر للتصدير", "مركز القاهرة للدراسات"), with a nisba adjective
/// ("للنقل الجوي") or one more field joined by و ("للصحافة والنشر"). A preposition right
/// after the لل word (a function word, but إن/أن or a relative pronoun) makes it the
/// purpose of what is said ("… للمشاركة في المعرض"),
/// not part of the name, and so does a name the gazetteer gives there ("للشرق الأوسط":
/// for the Middle East). `known` are the gazetteer's candidates, sorted by start.
fn field_end(prep: &Prepared<'_>, lists: &Lists, known: &[Candidate], end: usize) -> Option<usize> {
    let hay = prep.norm_text();
    let w = word_after(hay, end).filter(|w| is_ar(hay, w))?;
    let t = &hay[w.clone()];
    let noun = t.strip_prefix("لل")?;
    if noun.chars().count() < 3 || lists.stop_ar.contains(t) {
        return None;
    }
    let wo = prep.to_orig(w.clone());
    let from = known.partition_point(|c| c.span.end <= wo.start);
    if known.get(from).is_some_and(|c| c.span.start < wo.end) {
        return None;
    }
    let next = word_after(hay, w.end).filter(|n| is_ar(hay, n));
    // A clause after the name is no purpose ("قال المجلس الوطني للإعلام إن …").
    let purpose =
        |t: &str| lists.function_ar.contains(t) && t != "ان" && !lists.clause_ar.contains(t);
    if next.as_ref().is_some_and(|n| purpose(&hay[n.clone()])) {
        return None;
    }
    let mut end = w.end;
    if let Some(n) = next {
        let t = &hay[n.clone()];
        let adjective = t.starts_with("ال") && is_nisba(t);
        // Not a title or a head: "… للشرطة والعقيد …" goes on with a person, "…
        // للكتاب والمركز …" with another body.
        let joined = t.strip_prefix('و').is_some_and(|r| {
            r.starts_with("ال")
                && r.chars().count() >= 4
                && !lists.stop_ar.contains(r)
                && !lists.title_words.contains(r)
                && !lists.org_heads_ar.contains(r)
        });
        if adjective || joined {
            end = n.end;
        }
    }
    Some(end)
}

/// "الهيئة العليا للانتخابات", "المجلس الأعلى للأمن القومي", "الشركة السعودية للكهرباء":
/// a head with the article names one body only with its field after it (a word of ل
/// with the article, as [`field_end`] reads it), with one or two adjectives between (a
/// nisba, a nationality, or one of [`Lists::org_adjectives_ar`]). Without a field it is
/// any council or company of the sentence ("المجلس الوطني"), and so is a field that is
/// itself a body's or a place's noun ("المركز الرئيسي للشركة": the company's head
/// office). A nationality after the field gives the body's country.
fn definite_head(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    h: &Hit,
    known: &[Candidate],
) -> Option<Candidate> {
    let hay = prep.norm_text();
    let mut end = h.e;
    let mut country = None;
    for _ in 0..2 {
        let Some(w) = word_after(hay, end).filter(|w| is_ar(hay, w)) else {
            break;
        };
        let t = &hay[w.clone()];
        if let Some(n) = nats.lookup(t) {
            country.get_or_insert_with(|| n.code.clone());
        } else if !(t.starts_with("ال")
            && (is_nisba(t) || lists.org_adjectives_ar.contains(t))
            && !lists.stop_ar.contains(t))
        {
            break;
        }
        end = w.end;
    }
    // No adjective: "اللجنة المنظمة للبطولة" (the head is the committee's adjective),
    // "المجلس للعامين".
    if end == h.e {
        return None;
    }
    let field = word_after(hay, end)?;
    let noun = hay[field.clone()].strip_prefix("لل")?;
    if lists.named_for_ar.contains(noun) || field_is_a_body(lists, noun) {
        return None;
    }
    let end = field_end(prep, lists, known, end)?;
    // The field's own adjective may be a nationality, which stays in the name ("المجلس
    // الوطني للمقاومة الإيرانية"); so may the word after it.
    let nationality = word_after(hay, field.end)
        .and_then(|w| nats.lookup(&hay[w]))
        .or_else(|| word_after(hay, end).and_then(|w| nats.lookup(&hay[w])));
    if let Some(n) = nationality {
        country.get_or_insert_with(|| n.code.clone());
    }
    let mut c = org(prep, h.s..end, "rule:org-head", 0.5);
    c.country = country;
    Some(c)
}

/// Whether the noun after لل is itself the head of a body's name ("للشركة", "للمجلس";
/// "للجنة" is ل with اللجنة).
fn field_is_a_body(lists: &Lists, noun: &str) -> bool {
    [noun.to_string(), format!("ال{noun}"), format!("الل{noun}")]
        .iter()
        .any(|w| lists.org_heads_ar.contains(w))
}

/// A normalized Arabic word of the nisba adjective's form (…ي, …ية written …يه), long
/// enough not to be a short noun that ends so.
fn is_nisba(t: &str) -> bool {
    (t.ends_with('ي') || t.ends_with("يه")) && t.chars().count() >= 5
}

/// "Securities and Exchange Commission", "Orvale Gas and Electric Co": where the one
/// capitalized word before a suffix follows "and" or "&" and up to four capitalized
/// words, the name starts at those words. A company's trade is often two nouns joined by
/// "and" ("Oil and Gas", "Savings and Loan", "Tire and Rubber"); a name of its own before
/// the "and" is another entity:
/// - one word that the gazetteer gives (`known`: "France and NEC Corp"; a person's
///   surname is none: "Harlow and Brown Inc");
/// - several words of which the gazetteer gives an organization, a group or a person,
///   or all as one place ("General Motors and Tarvco Corp", "South Korea and Tarvco
///   Corp"; a place among other words is part of the name: "Tessa Bay Power and Light
///   Co"), or which the person rules found ("Tovo Raskel and Tarvco Inc");
/// - a suffix among them ("Tarvco Inc and Western Airlines");
/// - an acronym in text that is not in capitals throughout ("IMF and World Bank"); an
///   acronym opening several words is left out ("U.S. Standard and Poor's Corp"), and so
///   is a possessor ("Norway's Orvale Oil and Gas Plc").
///
/// Nor when the word after the "and" is a listed name of its own, alone or with the
/// suffix ("Morgan Stanley and Deutsche Bank"). `suffix` is the suffix's normalized
/// range; `found` are the rules' candidates so far (the person rules').
fn and_pair_start(
    prep: &Prepared<'_>,
    w: usize,
    suffix: &Range<usize>,
    hits: &[Hit],
    known: &[Candidate],
    found: &[Candidate],
) -> Option<usize> {
    let mut xs = cap_words_before(prep, and_before(prep, w)?, 4);
    // The possessor's words go ([`possessor_end`]), and so does a possessive opening
    // them that is a company's suffix or an acronym ("Tarvco Corp's Far West Savings and
    // Loan", "TVC's Truck and Bus Group"; "Fenton's Health and Tennis" is a brand).
    let hay = prep.norm_text();
    let mut owner = possessor_end(prep, &xs, known);
    if owner == 0 && xs.len() > 1 {
        let company = |x: &Range<usize>| {
            possessive_stem(hay, x).is_some_and(|stem| {
                in_capitals(prep, &stem) || cue_at(hits, stem.start, |c| *c == Cue::OrgSuffixEn)
            })
        };
        owner = usize::from(xs.first().is_some_and(company));
    }
    xs.drain(..owner);
    if xs.len() > 1 {
        let acronyms = xs.iter().take_while(|x| in_capitals(prep, x)).count();
        xs.drain(..acronyms.min(xs.len() - 1));
    }
    let (first, last) = (xs.first()?, xs.last()?);
    let capitals = |x: &Range<usize>| in_capitals(prep, x) && !in_capitals(prep, suffix);
    // After several words, an acronym after the "and" is a name of its own too
    // ("Tarvco Pictures and TVC Inc").
    let after_and = word_after(hay, w);
    let acronym =
        xs.iter().any(capitals) || xs.len() > 1 && after_and.as_ref().is_some_and(capitals);
    // Hits are sorted by start.
    let a_suffix = xs
        .iter()
        .any(|x| &hay[x.clone()] == "co" || cue_at(hits, x.start, |c| *c == Cue::OrgSuffixEn));
    // Gazetteer spans are in the original text, sorted by start and not overlapping: the
    // ones from the words before the "and" to the suffix.
    let xo = prep.to_orig(first.start..last.end);
    let whole = prep.to_orig(w..suffix.end);
    let from = known.partition_point(|c| c.span.end <= xo.start);
    let near = || {
        known
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.span.start < whole.end)
    };
    let overlaps = |c: &Range<usize>| c.start < xo.end && xo.start < c.end;
    let inside = |c: &Range<usize>, r: &Range<usize>| c.start <= r.start && r.end <= c.end;
    let named = if xs.len() == 1 {
        known
            .get(from)
            .is_some_and(|c| inside(&c.span, &xo) && c.etype != EntityType::Person)
    } else {
        near()
            .any(|c| overlaps(&c.span) && (c.etype != EntityType::Location || inside(&c.span, &xo)))
            || found
                .iter()
                .any(|c| c.etype == EntityType::Person && overlaps(&c.span))
    };
    // Nor when the word and the suffix are a name the gazetteer gives ("Lane and State
    // Department": the State Department), or, after several words, the word alone.
    let word = prep.to_orig(after_and.map_or(w..w, |r| w..r.end));
    let listed = near().any(|c| {
        c.span == whole || xs.len() > 1 && c.etype != EntityType::Location && inside(&c.span, &word)
    });
    (!acronym && !a_suffix && !named && !listed).then_some(first.start)
}

/// How many of the capitalized words before a suffix name its possessor, not the
/// organization: "Keir Starmer's Labour Party", "Halvorsen Corp's Northline Shipping Inc",
/// "Norway's Coastal Freight Corp". A possessive that opens the words is part of a brand
/// ("Fenton's Garden Supply Inc"), unless the gazetteer names the possessor (a country, a
/// known organization); one right before the suffix leaves no name after it ("Dairy
/// Farmer's Association").
fn possessor_end(prep: &Prepared<'_>, words: &[Range<usize>], known: &[Candidate]) -> usize {
    let hay = prep.norm_text();
    let Some((k, stem)) = words
        .iter()
        .enumerate()
        .rev()
        .find_map(|(k, w)| Some((k, possessive_stem(hay, w)?)))
    else {
        return 0;
    };
    if k + 1 >= words.len() {
        return 0;
    }
    // Gazetteer spans are in the original text, sorted by start.
    let named = || {
        let so = prep.to_orig(stem.clone());
        let at = known.partition_point(|c| c.span.end <= so.start);
        known
            .get(at)
            .is_some_and(|c| c.span.start <= so.start && c.span.end == so.end)
    };
    if k > 0 || named() {
        k + 1
    } else {
        0
    }
}

/// Where a company name that ends in "and Co" or "& Co" begins ("Harris Upham and Co Inc",
/// "Brown Brothers & Co Ltd"): the capitalized words before the "and" or "&" that stands
/// before the "Co" at `co`.
fn and_co_start(prep: &Prepared<'_>, co: usize) -> Option<usize> {
    Some(
        cap_words_before(prep, and_before(prep, co)?, 3)
            .first()?
            .start,
    )
}

/// Where the text before the "and" or "&" that stands right before `pos` ends.
fn and_before(prep: &Prepared<'_>, pos: usize) -> Option<usize> {
    let head = prep.norm_text().get(..pos)?.trim_end();
    let cut = head
        .strip_suffix('&')
        .or_else(|| head.strip_suffix(" and"))?;
    Some(cut.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs(text: &str) -> Vec<String> {
        orgs_knowing(text, false)
    }

    /// The organizations the rules find in `text`; with `gazetteer`, knowing the
    /// built-in gazetteer's mentions as the pipeline does.
    fn orgs_knowing(text: &str, gazetteer: bool) -> Vec<String> {
        candidates(text, gazetteer)
            .into_iter()
            .map(|c| text[c.span].to_string())
            .collect()
    }

    #[test]
    fn a_listed_place_before_the_suffix_ends_a_name_joined_by_of() {
        // Invented companies around listed places (Canada, Luxembourg, Florida).
        for (text, want) in [
            (
                "Tarvco Motor Co of Canada Ltd said",
                "Tarvco Motor Co of Canada Ltd",
            ),
            (
                "lead manager Banque Orvale du Luxembourg SA said",
                "Banque Orvale du Luxembourg SA",
            ),
            (
                "Norrby Banks of Florida Inc called",
                "Norrby Banks of Florida Inc",
            ),
        ] {
            let got = orgs_knowing(text, true);
            assert!(got.iter().any(|o| o == want), "{text}: {got:?}");
        }
        // A person of the company, and a place no "of" joins, stay as they were.
        let got = orgs_knowing("said analyst John Raskel of Florida Inc", true);
        assert!(got.iter().all(|o| !o.contains("Raskel")), "{got:?}");
        // Nor a listed company before the suffix: "Unit of Allstate Corp" is a unit
        // of the company.
        let got = orgs_knowing("its Finance Unit of Allstate Corp said", true);
        assert!(got.iter().all(|o| !o.contains("Unit")), "{got:?}");
        let got = orgs_knowing("shares of Canada Ltd rose", true);
        assert!(got.iter().any(|o| o == "Canada Ltd"), "{got:?}");
    }

    #[test]
    fn an_acronym_before_a_reporting_verb_is_a_body_that_speaks() {
        // Invented bodies.
        assert_eq!(
            orgs_knowing("Later the TVX said sales rose.", true),
            ["TVX"]
        );
        assert_eq!(
            orgs_knowing("Prices fell, ORVB told reporters.", true),
            ["ORVB"]
        );
        for (text, acronym) in [
            // The end of a longer name, a title, a headline, a country the gazetteer lists,
            // a word of one letter and a shouted word.
            ("Later Orvale Bank NV said sales rose.", "NV"),
            ("Later Mark IV said sales rose.", "IV"),
            ("Later the CEO said sales rose.", "CEO"),
            ("SALES ROSE, TVX SAID", "TVX"),
            ("Later the UAE said talks went on.", "UAE"),
            ("and then A said it.", "A"),
            ("and then TARVCOSA said it.", "TARVCOSA"),
        ] {
            let got = orgs_knowing(text, true);
            assert!(!got.iter().any(|o| o == acronym), "{text}: {got:?}");
        }
    }

    /// [`orgs_knowing`]'s candidates themselves.
    fn candidates(text: &str, gazetteer: bool) -> Vec<Candidate> {
        let lists = Lists::shared().unwrap();
        let (prep, hits, known) = crate::rules::test_inputs(text, gazetteer);
        // The person rules run first, as in the pipeline: the organizations' "and" reads
        // their finds.
        let mut out = Vec::new();
        let nats = Nationalities::builtin();
        crate::rules::person::find(&prep, lists, nats, &hits, &known, &mut out);
        find(&prep, lists, nats, &hits, &known, &mut out);
        out.retain(|c| c.etype == EntityType::Organization);
        out
    }

    #[test]
    fn an_abbreviation_in_a_headline_in_capitals_is_no_initial() {
        // Invented headline: "U.S." stays out of the words after the head, which in capitals
        // are no name's initials.
        let got = orgs("BANK OF TESSALAND LAUNCHES U.S. NOTE PROGRAM");
        assert!(got.iter().all(|o| !o.contains("U.S.")), "{got:?}");
    }

    #[test]
    fn the_capitalized_words_before_a_spokesperson_name_the_body() {
        // Invented bodies and people.
        let found = |text: &str| orgs_knowing(text, true);
        assert_eq!(
            found("Prices rose, a Tarvco spokesman said, and Orvale Mining spokeswoman Ilse Marveny agreed."),
            ["Tarvco", "Orvale Mining"]
        );
        assert_eq!(
            found("Shares fell and Gelvik's spokesperson declined; a Marlo's spokesman agreed."),
            ["Gelvik", "Marlo's"]
        );
        // At a sentence's start one word may be a common word: the text must capitalize
        // it inside a sentence too.
        assert!(found("Gelvik spokesman Varn Oldune said so.").is_empty());
        assert_eq!(
            found("Gelvik spokesman Varn Oldune said shares of Gelvik fell."),
            ["Gelvik"]
        );
        // Not a place, a person or her family name, a nationality, a body's head alone,
        // a common word, a headline, an owner before the body.
        for text in [
            "a Norway spokesman said",
            "Tessa Brandle left; a Brandle spokeswoman said so",
            "a Russian spokesman said",
            "one Ministry spokesman disagreed",
            "one Police spokesman wrote that the police came",
            "SHARES FALL, TARVCO SPOKESMAN SAYS",
            "the Tessaland Greens' Housing spokesman spoke",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_suffix_right_after_and_closes_the_names_before_it() {
        assert_eq!(
            orgs("analysts at Brandvik & Co called the stock cheap"),
            vec!["Brandvik & Co"]
        );
        assert_eq!(
            orgs("a report by Harlow Weiss and Co on Friday"),
            vec!["Harlow Weiss and Co"]
        );
        // Lower case before the "and" is no name; nor does another suffix than "Co" close
        // the names before the "and".
        assert!(orgs("profits and Co-operation grew").is_empty());
        assert!(orgs("a deal between Nordvik and Union Carbide").is_empty());
        // A listed name before "and Co" is that organization.
        let out = candidates("a note from Goldman Sachs and Co this week", true);
        assert_eq!(out.len(), 1);
        assert!(
            matches!(out[0].target, Target::Gazetteer(_)),
            "{:?}",
            out[0]
        );
    }

    #[test]
    fn a_name_joined_by_and_before_a_suffix() {
        assert_eq!(
            orgs("a filing with the Securities and Exchange Commission on Monday"),
            vec!["Securities and Exchange Commission"]
        );
        assert_eq!(
            orgs("rated by Standard & Poor's Corp yesterday"),
            vec!["Standard & Poor's Corp"]
        );
        // Names of their own before "and": two words, an acronym, a suffix, a name the
        // gazetteer gives.
        assert_eq!(
            orgs("shares of Morgan Stanley and Deutsche Bank fell"),
            vec!["Deutsche Bank"]
        );
        assert_eq!(
            orgs("loans from the IMF and World Bank were"),
            vec!["World Bank"]
        );
        assert_eq!(
            orgs("talks between Acme Inc and Western Airlines Inc ended"),
            vec!["Acme Inc", "Western Airlines Inc"]
        );
        assert_eq!(
            orgs_knowing("a deal between France and Nordvik Systems Corp was", true),
            vec!["Nordvik Systems Corp"]
        );
        assert_eq!(
            orgs_knowing("a deal between Brandt and Nordvik Corp was", true),
            vec!["Brandt and Nordvik Corp"]
        );
    }

    #[test]
    fn arabic_heads_named_for_a_person() {
        assert_eq!(
            orgs("وأعلن فريق من جامعة جون هوبكنز نتائج مبشرة"),
            vec!["جامعة جون هوبكنز"]
        );
        // A title before the name, lineage in it, adjectives after it.
        assert_eq!(
            orgs("تخرجت من جامعة الملك عبدالعزيز بن سعود الإسلامية قبل عامين"),
            vec!["جامعة الملك عبدالعزيز بن سعود الإسلامية"]
        );
        assert_eq!(
            orgs("مديرة مؤسسة نوال بن خالد الخيرية في الرياض"),
            vec!["مؤسسة نوال بن خالد الخيرية"]
        );
        // A nationality adjective ends the name and gives its country.
        let out = candidates("زار وفد جامعة جون هوبكنز الأمريكية الرياض", false);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].country.as_deref(), Some("US"));
        // One first name is not yet a person's name: the head reads on as before.
        assert!(orgs("وقعت شركة أحمد عقدا").is_empty());
    }

    #[test]
    fn a_nisba_adjective_closes_an_arabic_head_name() {
        assert_eq!(
            orgs("ووصف حزب الفلاحين الوطني المعارض القرار بأنه خطأ"),
            vec!["حزب الفلاحين الوطني"]
        );
        // A nationality may still follow it.
        assert_eq!(
            orgs("وقال مجلس الأمن القومي السعودي إن"),
            vec!["مجلس الأمن القومي السعودي"]
        );
        // Nisba adjectives joined by و are one name; a verbal noun with its object is
        // what the body does.
        assert_eq!(
            orgs("وأعلنت وزارة الشؤون الريفية والزراعية عن خطة"),
            vec!["وزارة الشؤون الريفية والزراعية"]
        );
        assert_eq!(
            orgs("وقرر مجلس الأمناء التصديق على الميزانية"),
            vec!["مجلس الأمناء"]
        );
        assert_eq!(
            orgs("ووافقت هيئة الموانئ البحرية على الطلب"),
            vec!["هيئة الموانئ البحرية"]
        );
        // Right after the head it is the name's noun ("وزارة الخارجية").
        assert_eq!(
            orgs("وقالت وزارة الخارجية الفنلندية إن"),
            vec!["وزارة الخارجية الفنلندية"]
        );
    }

    #[test]
    fn a_title_ends_an_english_head_s_name() {
        assert_eq!(
            orgs("said Bank of Tessaland Governor Varn Orvale on Monday"),
            vec!["Bank of Tessaland"]
        );
        assert_eq!(
            orgs("the Department of Fisheries Secretary said"),
            vec!["Department of Fisheries"]
        );
    }

    #[test]
    fn a_noun_in_construct_between_a_head_and_its_definite_words() {
        // Invented bodies.
        assert_eq!(
            orgs("وقالت هيئة تقويم النخيل إن الموسم جيد"),
            ["هيئة تقويم النخيل"]
        );
        assert_eq!(
            orgs("وأعلنت شركة تارفكو النفطية أرباحها"),
            ["شركة تارفكو النفطية"]
        );
        // Not an indefinite adjective, a verb, or a head after the noun (any company's
        // board); not a place after مركز (its centre).
        assert!(orgs("وأسس حزب إسلامي التوجه مكتبا").is_empty());
        assert!(orgs("وقالت جمعية تستدعي الأعضاء").is_empty());
        assert!(orgs("واجتمع مجلس إدارة الشركة أمس").is_empty());
        assert!(orgs("ووصلت القوات إلى مركز مدينة النخيل").is_empty());
        // Nor a name the gazetteers know: the group stays a group.
        assert!(orgs_knowing("وأعلنت منظمة داعش الإرهابية مسؤوليتها", true).is_empty());
    }

    #[test]
    fn a_head_with_the_article_names_a_body_by_its_adjectives_and_field() {
        // Invented bodies: adjectives (a nisba, one without that form, a nationality),
        // then the field, which may have its own adjective or a second field.
        assert_eq!(
            orgs("وأعلن المجلس الوطني للنخيل خطته"),
            vec!["المجلس الوطني للنخيل"]
        );
        assert_eq!(
            orgs("وقالت الهيئة العليا للزراعة الصحراوية إن الموسم جيد"),
            vec!["الهيئة العليا للزراعة الصحراوية"]
        );
        let found = candidates("وأعلنت الشركة المصرية للنخيل والتمور أرباحها", false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].country.as_deref(), Some("EG"));
        // A nationality after the field gives the country: inside the name as the
        // field's adjective, outside it after the field's own adjective.
        for (text, name) in [
            (
                "وقرر المجلس الأعلى للنخيل المصري تأجيل الموسم",
                "المجلس الأعلى للنخيل المصري",
            ),
            (
                "وقرر المجلس الأعلى للنخيل العضوي المصري تأجيل الموسم",
                "المجلس الأعلى للنخيل العضوي",
            ),
        ] {
            let found = candidates(text, false);
            let got: Vec<_> = found
                .iter()
                .map(|c| (&text[c.span.clone()], c.country.as_deref()))
                .collect();
            assert_eq!(got, vec![(name, Some("EG"))]);
        }
        // Any council or committee of the sentence: no field, no adjective (the head is
        // an adjective of the noun before it), or a field that is a body or a place.
        for text in [
            "وقال المجلس الوطني إن الموسم جيد",
            "واجتمعت اللجنة المنظمة للمهرجان أمس",
            "وعقد الاجتماع في المركز الرئيسي للشركة أمس",
            "ووافق المجلس البلدي للمدينة على الخطة",
            "ووافق المجلس للعامين المقبلين على الخطة",
        ] {
            assert_eq!(orgs(text), Vec::<String>::new(), "{text}");
        }
        // A title joined by و ends the field.
        assert_eq!(
            orgs("وقال رئيس الاتحاد الدولي للنخيل والعقيد سامر إن"),
            vec!["الاتحاد الدولي للنخيل"]
        );
        // A head still names a newspaper after a media head.
        assert_eq!(orgs("وقالت صحيفة الاتحاد إن الموسم جيد"), vec!["الاتحاد"]);
    }

    #[test]
    fn a_name_before_an_appositive_of_a_business_kind() {
        // Invented names: an article, modifiers, the kind, then the phrase ends.
        assert_eq!(
            orgs("Officials at Tarvco, an Orvalian company, would not say more."),
            vec!["Tarvco"]
        );
        assert_eq!(
            orgs("He met Brandle Orvane, the largest pipeline operator in the region."),
            vec!["Brandle Orvane"]
        );
        assert_eq!(
            orgs("The plant went to Tessan and Associates, a consulting firm that …"),
            vec!["Tessan and Associates"]
        );
        // A lone word opening its sentence, capitalized inside another one.
        assert_eq!(
            orgs("Tarvco, a steel maker, said profits rose. Shares of Tarvco fell."),
            vec!["Tarvco"]
        );
        // Not a suffix alone at the start of a line.
        assert_eq!(
            orgs("It bought Tarvco Steel\nInc, a maker of pipes, from Orvale Inc."),
            vec!["Orvale Inc."]
        );
        // Not the owner before a possessive.
        assert_eq!(
            orgs("It is bad news for Orvale's Tarvco, a steel maker."),
            vec!["Tarvco"]
        );
        // The kind is a modifier, the name opens its sentence alone, no article, or a
        // listed place.
        for text in [
            "said Varn Tessan, a company spokesman.",
            "Meanwhile, a company based in Orvale said so. Meanwhile, prices rose.",
            "Tarvco, which makes steel, said so.",
            "It bought a plant in Texas, a utility in the south.",
        ] {
            assert_eq!(orgs_knowing(text, true), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn an_institution_named_for_a_titled_person() {
        // One name word after the title is the whole name, as kings are named.
        assert_eq!(
            orgs("وزار الوفد جامعة الملك نجيب أمس"),
            vec!["جامعة الملك نجيب"]
        );
        assert_eq!(
            orgs("وقال مدير مؤسسة الأمير نجيب بن هالدور إن"),
            vec!["مؤسسة الأمير نجيب بن هالدور"]
        );
        // Not after a head that is seldom named for a person: the sheikh's gathering.
        assert_eq!(
            orgs("وجلس الضيوف في مجلس الشيخ نجيب أمس"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_company_or_centre_name_goes_on_with_its_field() {
        assert_eq!(
            orgs("وقالت شركة الوادي للتصدير والاستيراد إن"),
            vec!["شركة الوادي للتصدير والاستيراد"]
        );
        assert_eq!(
            orgs("وأصدر مركز النخيل للدراسات الاقتصادية تقريرا"),
            vec!["مركز النخيل للدراسات الاقتصادية"]
        );
        // A preposition after the لل word: the purpose of what the company does.
        assert_eq!(
            orgs("وتستعد شركة الوادي للمشاركة في المعرض"),
            vec!["شركة الوادي"]
        );
        // A ministry's لل is a deputy's portfolio ("وكيل وزارة الزراعة للشؤون الفنية").
        assert_eq!(
            orgs("وقال وكيل وزارة الزراعة للشؤون الفنية إن"),
            vec!["وزارة الزراعة"]
        );
        // A nationality closes the name.
        assert_eq!(
            orgs("وعرضت شركة الأثاث السويدية للبيع فروعها"),
            vec!["شركة الأثاث السويدية"]
        );
        // A listed name after لل is not the field ("for the Middle East").
        assert_eq!(
            orgs_knowing("وافتتح مركز النخيل للشرق الأوسط فرعا", true),
            vec!["مركز النخيل"]
        );
    }

    #[test]
    fn arabic_heads() {
        assert_eq!(orgs("بعد اختراق شركة Acme Cloud، مورد"), vec!["Acme Cloud"]);
        assert_eq!(
            orgs("وأعلنت وزارة الخارجية الأمريكية أمس"),
            vec!["وزارة الخارجية الأمريكية"]
        );
        assert_eq!(orgs("عبر برمجيات NetPilot التي"), vec!["NetPilot"]);
        // A head with no name after it is nothing.
        assert!(orgs("قالت الشركة إن").is_empty());
        assert!(orgs("عبر برمجيات خبيثة").is_empty());
        assert_eq!(orgs("نقلت صحيفة الأيام عن مصدر"), vec!["الأيام"]);
        assert_eq!(orgs("هاجم حزب الله مواقع"), vec!["حزب الله"]);
        assert_eq!(orgs("يجتمع مجلس الأمن الأسبوع المقبل"), vec!["مجلس الأمن"]);
        // A word of time after the name is not part of it.
        assert_eq!(orgs("ويعقد مجلس الأمن الليلة جلسة طارئة"), vec!["مجلس الأمن"]);
        assert_eq!(
            orgs("وأقرت جلسة مجلس الشورى الأسبوعية الخطة"),
            vec!["مجلس الشورى"]
        );
        assert_eq!(orgs("وأعلنت وزارة الصحة الاثنين أن"), vec!["وزارة الصحة"]);
    }

    #[test]
    fn government_bodies_and_the_words_before_a_head() {
        // Ministries, departments, offices and authorities end a capitalized name.
        assert_eq!(
            orgs("Officials of the Fisheries Ministry and the Transport Department met."),
            vec!["Fisheries Ministry", "Transport Department"]
        );
        assert_eq!(
            orgs("complaints reached the Harbour Authority and the Cabinet Office"),
            vec!["Harbour Authority", "Cabinet Office"]
        );
        // Capitalized words before a head belong to the name; an owner with a possessive
        // and a nationality adjective do not.
        assert_eq!(
            orgs("the Northfield Water Authority of Kelston said"),
            vec!["Northfield Water Authority of Kelston"]
        );
        assert_eq!(
            orgs("Norway's Office of Coastal Safety said"),
            vec!["Office of Coastal Safety"]
        );
        assert_eq!(
            orgs("the Danish Ministry of Coastal Affairs said"),
            vec!["Ministry of Coastal Affairs"]
        );
        // A name the gazetteer gives after "and" is not joined to the word before it.
        assert_eq!(
            orgs_knowing("Okafor and State Department staff toured the site", true),
            vec!["State Department"]
        );
        // A listed surname before "and" opens a firm's name all the same.
        assert_eq!(
            orgs_knowing("shares placed by Clinton and Sons Inc on Friday", true),
            vec!["Clinton and Sons Inc"]
        );
    }

    #[test]
    fn english_suffix_and_head() {
        assert_eq!(
            orgs("shares of Vantor Systems Inc fell"),
            vec!["Vantor Systems Inc"]
        );
        assert_eq!(
            orgs("the Ministry of Foreign Affairs said"),
            vec!["Ministry of Foreign Affairs"]
        );
        assert!(orgs("the bank said").is_empty());
        // A suffix or head in lower case closes or opens no name.
        assert!(orgs("Vantor Systems bank fell").is_empty());
        assert!(orgs("the ministry of Foreign Affairs said").is_empty());
        assert_eq!(orgs("shares of Lazard Bank fell"), vec!["Lazard Bank"]);
        assert_eq!(
            orgs("Dorvale Holdings bought Kestrel Builders from Ostara Industries."),
            vec!["Dorvale Holdings", "Kestrel Builders", "Ostara Industries"]
        );
    }

    #[test]
    fn an_adjective_of_relation_follows_a_body_s_name_and_is_not_part_of_it() {
        // Invented bodies.
        assert_eq!(
            orgs("وافتتح مركز التدريب التابع لهيئة النخيل أبوابه."),
            vec!["مركز التدريب", "هيئة النخيل"]
        );
        assert_eq!(orgs("وفاز حزب النخيل المعارض بمقعدين."), vec!["حزب النخيل"]);
        // A noun in construct alone is the name then.
        assert_eq!(
            orgs("ووقعت شركة تارفكو التابعة لها العقد."),
            vec!["شركة تارفكو"]
        );
        // Nor is an adjective of a person's standing ("المكلف", acting) the name of the
        // body named for a person before it, though a title follows it as after a
        // family name.
        assert_eq!(
            orgs("وقال مدير جامعة الملك فهد المكلف الدكتور خالد الوادي إن الدراسة بدأت."),
            vec!["جامعة الملك فهد"]
        );
    }

    #[test]
    fn institutional_suffixes_and_the_of_phrase_after_them() {
        // Invented bodies.
        assert_eq!(
            orgs("seats in the Tessaland National Assembly were counted"),
            vec!["Tessaland National Assembly"]
        );
        assert_eq!(
            orgs("shares on the Orvale Securities Exchange fell"),
            vec!["Orvale Securities Exchange"]
        );
        assert_eq!(
            orgs("the Orvale Bureau of Fisheries Research said"),
            vec!["Orvale Bureau of Fisheries Research"]
        );
        // "New" before a name word is the name's; right before the suffix it is not.
        assert_eq!(
            orgs("shares sold through the New Orvale Stock Exchange since May"),
            vec!["New Orvale Stock Exchange"]
        );
        assert!(orgs("New Army recruits arrived").is_empty());
        // A legal form closes the name: the country after "of" is not the company's.
        assert_eq!(
            orgs("shares of Vantor Systems AG of Tessaland rose"),
            vec!["Vantor Systems AG"]
        );
        // A title ends the "of" phrase.
        assert_eq!(
            orgs("the Orvale Society of Tessaland President Varn Orvale said"),
            vec!["Orvale Society of Tessaland"]
        );
        // Who runs or owns a body comes before its name, outside it.
        assert_eq!(
            orgs("the Orvale-based Tessaland Relief Society said"),
            vec!["Tessaland Relief Society"]
        );
    }

    #[test]
    fn a_person_or_country_before_administration_names_a_government() {
        assert!(orgs_knowing("the Reagan Administration argued otherwise", true).is_empty());
        assert!(orgs_knowing("the US Administration agreed", true).is_empty());
        assert!(orgs_knowing("the American Administration agreed", true).is_empty());
        assert_eq!(
            orgs_knowing("the Orvale Aviation Administration said", true),
            vec!["Orvale Aviation Administration"]
        );
    }

    #[test]
    fn a_trade_of_two_nouns_joined_by_and_is_one_name() {
        // Invented companies.
        assert_eq!(
            orgs("rates at Orvale Gas and Electric Co rose"),
            vec!["Orvale Gas and Electric Co"]
        );
        assert_eq!(
            orgs("the Orvale Federal Savings and Loan Association said"),
            vec!["Orvale Federal Savings and Loan Association"]
        );
        // An owner before them goes: a company's possessive, an acronym's.
        assert_eq!(
            orgs("bought by Tarvco Corp's Orvale Savings and Loan Association"),
            vec!["Tarvco Corp", "Orvale Savings and Loan Association"]
        );
        assert_eq!(
            orgs("sold TVC's Truck and Bus Group"),
            vec!["Truck and Bus Group"]
        );
        // Names of their own before the "and": with a suffix, a person, one place; or an
        // acronym after it.
        assert_eq!(
            orgs("talks between Dorvale Holdings and Kestrel Inc ended"),
            vec!["Dorvale Holdings", "Kestrel Inc"]
        );
        assert_eq!(
            orgs("talks between John Raskel and Tarvco Inc ended"),
            vec!["Tarvco Inc"]
        );
        assert_eq!(
            orgs_knowing("a deal between South Korea and Tarvco Corp was", true),
            vec!["Tarvco Corp"]
        );
        assert_eq!(
            orgs("a deal between Orvale Pictures and TVC Inc was"),
            vec!["TVC Inc"]
        );
    }

    #[test]
    fn and_co_joins_the_name_before_it() {
        assert_eq!(
            orgs("said Smith Barney, Harris Upham and Co Inc on Monday"),
            vec!["Harris Upham and Co Inc"]
        );
        assert_eq!(
            orgs("advised by Brown Brothers & Co Ltd today"),
            vec!["Brown Brothers & Co Ltd"]
        );
        // Another company after "and" stays apart from a name before it of two words,
        // or of one the gazetteer gives.
        assert_eq!(
            orgs("talks between Ford and General Motors Corp ended"),
            vec!["General Motors Corp"]
        );
        assert_eq!(
            orgs_knowing("between Britain and Exxon Corp", true),
            vec!["Exxon Corp"]
        );
    }

    #[test]
    fn a_possessor_before_a_suffix_is_not_part_of_the_name() {
        // Invented sentences. Several words before the possessive name the possessor.
        assert_eq!(
            orgs("Dana Miller's Green Party lost two seats."),
            vec!["Green Party"]
        );
        assert_eq!(
            orgs("Halvorsen Corp's Northline Shipping Inc cut its fleet."),
            vec!["Halvorsen Corp", "Northline Shipping Inc"]
        );
        // One possessive word opening the name is a brand, unless the gazetteer names it.
        assert_eq!(
            orgs("Fenton's Garden Supply Inc opened a store."),
            vec!["Fenton's Garden Supply Inc"]
        );
        assert_eq!(
            orgs_knowing("Norway's Coastal Freight Corp hired staff.", true),
            vec!["Coastal Freight Corp"]
        );
        // A possessive right before the suffix leaves no name after it.
        assert_eq!(
            orgs("The Dairy Farmer's Association met."),
            vec!["Dairy Farmer's Association"]
        );
    }
}
