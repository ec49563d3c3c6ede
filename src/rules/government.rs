//! A country's state bodies named by its nationality adjective: "the Iranian government",
//! "Russian authorities", "Ukrainian police", "الحكومة الإيرانية", "السلطات الروسية".
//!
//! News gives the acts of states this way more often than by the country's name ("Russian
//! authorities arrested…", "نفت الحكومة الإيرانية…"), and neither word is a name, so
//! without this rule such an event has no actor. The mention stands for the country: the
//! candidate carries the country's code and resolution links it to the listed country
//! ([`crate::resolve`]), or drops it when no loaded gazetteer lists that country. Data
//! sets of named entities (CoNLL, ANERcorp) tag names only, so the evaluation leaves these
//! mentions out ([`SOURCE`]).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::lists::{tsv_rows, Cue, Hit};
use super::nationality::Nationalities;
use super::scan::{candidate, en_stop, orig, word_after, word_before};
use crate::model::{Candidate, EntityType, Target};
use crate::text::{name_starts, normalize, starts_sentence, Prepared};

/// The `source` of the mentions this rule finds.
pub const SOURCE: &str = "rule:government";

const STATE_BODIES: &str = include_str!("../../gazetteers/rules/state-bodies.tsv");

/// The nouns of `state-bodies.tsv`, normalized.
struct Bodies {
    en: HashSet<String>,
    /// With the article ("الحكومه").
    ar: HashSet<String>,
    /// Adjectives after the nationality that make the phrase a name ("الحر").
    ar_name: HashSet<String>,
    /// The Arabic nouns without their article, as they stand before a name ("حكومه").
    ar_bare: Vec<String>,
    /// The last letters of `ar_bare`.
    ar_last: Vec<char>,
}

fn bodies() -> &'static Bodies {
    static B: OnceLock<Bodies> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = Bodies {
            en: HashSet::new(),
            ar: HashSet::new(),
            ar_name: HashSet::new(),
            ar_bare: Vec::new(),
            ar_last: Vec::new(),
        };
        for row in tsv_rows(STATE_BODIES) {
            match (row.first(), row.get(1)) {
                (Some(w), Some(&"en")) => b.en.insert(normalize(w)),
                (Some(w), Some(&"ar")) => b.ar.insert(normalize(w)),
                (Some(w), Some(&"ar-name")) => b.ar_name.insert(normalize(w)),
                _ => continue,
            };
        }
        b.ar_bare =
            b.ar.iter()
                .filter_map(|w| w.strip_prefix("ال"))
                .map(str::to_string)
                .collect();
        // Longest first: a noun that ends another is tried after it.
        b.ar_bare
            .sort_unstable_by(|x, y| y.len().cmp(&x.len()).then_with(|| x.cmp(y)));
        b.ar_last = b.ar_bare.iter().filter_map(|w| w.chars().last()).collect();
        b.ar_last.sort_unstable();
        b.ar_last.dedup();
        b
    })
}

/// Candidates for every state body named by a nationality adjective.
pub(crate) fn find(
    prep: &Prepared<'_>,
    nats: &Nationalities,
    hits: &[Hit],
    out: &mut Vec<Candidate>,
) {
    let hay = prep.norm_text();
    let bodies = bodies();
    let mut last_end = 0;
    for h in hits {
        let Cue::Nationality(n) = h.cue else { continue };
        // A shorter form inside a longer one ("Korean" of "South Korean") is read with it.
        if h.e <= last_end {
            continue;
        }
        let Some(nat) = nats.get(n) else { continue };
        let adjective = h.s..h.e;
        let span = if hay.get(adjective.clone()).is_some_and(|w| w.is_ascii()) {
            english(prep, bodies, &adjective)
        } else {
            arabic(hay, bodies, &adjective)
        };
        let Some(span) = span else { continue };
        last_end = h.e;
        let mut c = candidate(
            prep,
            span,
            EntityType::Location,
            // Stands until resolution links the country's listed entity.
            Target::New {
                id: format!("country-{}", nat.code.to_ascii_lowercase()),
                canonical: nat.demonym.clone(),
            },
            SOURCE,
            0.7,
        );
        c.country = Some(nat.code.clone());
        out.push(c);
    }
}

/// "Iran's government", "Russia's army", "حكومة إيران", "وسلطات روسيا": a state body
/// named by its country's name in the possessive. English writes the noun after "'s",
/// Arabic the noun without its article right before the name (after its proclitics).
/// `country` gives the code of a candidate that names a listed country, else `None`: only
/// resolution, which has the gazetteers, knows which names are countries. The candidates
/// returned span the noun and the name and stand for the country, as those of [`find`].
pub(crate) fn possessives<'g>(
    prep: &Prepared<'_>,
    cands: &[Candidate],
    country: impl Fn(&Candidate) -> Option<&'g str>,
) -> Vec<Candidate> {
    let hay = prep.norm_text();
    let bodies = bodies();
    let mut out = Vec::new();
    for c in cands {
        if c.etype != EntityType::Location || c.source == SOURCE {
            continue;
        }
        // What comes right after or before the name first (most names stand between
        // other words), then whether the name is a country's.
        let after = prep.orig.get(c.span.end..).unwrap_or_default();
        let english = after
            .strip_prefix(['\'', '\u{2019}'])
            .and_then(|r| r.strip_prefix('s'))
            .is_some_and(|r| r.starts_with(char::is_whitespace));
        let ns = prep.to_norm(c.span.start);
        let arabic = !english
            && hay.get(..ns).is_some_and(|h| {
                h.strip_suffix(' ')
                    .and_then(|h| h.chars().next_back())
                    .is_some_and(|last| bodies.ar_last.contains(&last))
            });
        if !english && !arabic {
            continue;
        }
        let Some(code) = country(c) else { continue };
        let name = ns..prep.to_norm(c.span.end);
        let span = if english {
            // The normalized text has the apostrophe as "'" and a wrapped line's break
            // as a space.
            hay.get(name.end..)
                .is_some_and(|r| r.starts_with("'s "))
                .then(|| word_after(hay, name.end + 3))
                .flatten()
                .filter(|noun| bodies.en.contains(&hay[noun.clone()]))
                .map(|noun| name.start..noun.end)
        } else {
            word_before(hay, name.start).and_then(|noun| {
                let word = &hay[noun.clone()];
                // The nouns ending the word, longest first; the noun must start where a
                // name may (after the word's proclitics).
                bodies
                    .ar_bare
                    .iter()
                    .filter(|b| word.ends_with(b.as_str()))
                    .map(|b| noun.end - b.len())
                    .find(|&s| name_starts(hay, noun.start).contains(&Some(s)))
                    .map(|s| s..name.end)
            })
        };
        let Some(span) = span else { continue };
        let mut body = candidate(
            prep,
            span,
            EntityType::Location,
            Target::New {
                id: format!("country-{}", code.to_ascii_lowercase()),
                canonical: code.to_string(),
            },
            SOURCE,
            0.7,
        );
        body.country = Some(code.to_string());
        out.push(body);
    }
    out
}

/// "Iranian government": the adjective capitalized in the text, not part of a hyphenated
/// word ("anti-Iranian government protests" are no act of Iran's) nor of a longer name (a
/// capitalized word before it that is no sentence's first: "Free Syrian Army"), the noun
/// right after it.
fn english(prep: &Prepared<'_>, bodies: &Bodies, adjective: &Range<usize>) -> Option<Range<usize>> {
    let hay = prep.norm_text();
    if !orig(prep, adjective).starts_with(|c: char| c.is_ascii_uppercase())
        || hay[..adjective.start].ends_with(['-', '\''])
    {
        return None;
    }
    let named = word_before(hay, adjective.start).is_some_and(|w| {
        orig(prep, &w).starts_with(|c: char| c.is_ascii_uppercase())
            && !starts_sentence(hay, w.start)
            && !en_stop(&hay[w.clone()])
    });
    if named {
        return None;
    }
    let noun = word_after(hay, adjective.end)?;
    bodies
        .en
        .contains(hay.get(noun.clone())?)
        .then_some(adjective.start..noun.end)
}

/// "الحكومة الإيرانية": the noun with the article right before the adjective with the
/// article, after the noun's proclitics ("والحكومة", and "للحكومة", whose span starts at
/// the second ل as the gazetteer's spans of "للسعودية" do).
fn arabic(hay: &str, bodies: &Bodies, adjective: &Range<usize>) -> Option<Range<usize>> {
    if !hay[adjective.clone()].starts_with("ال")
        || word_after(hay, adjective.end).is_some_and(|w| bodies.ar_name.contains(&hay[w]))
    {
        return None;
    }
    let noun = word_before(hay, adjective.start)?;
    let start = name_starts(hay, noun.start)
        .into_iter()
        .flatten()
        .find(|&s| {
            let w = hay.get(s..noun.end).unwrap_or_default();
            bodies.ar.contains(w)
                || (hay[..s].ends_with('ل')
                    && s > noun.start
                    && w.strip_prefix('ل')
                        .is_some_and(|rest| bodies.ar.contains(&format!("ال{rest}"))))
        })?;
    Some(start..adjective.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::pairs;

    /// The (text, country) of every candidate of the rule, in text order.
    fn found(text: &str) -> Vec<(String, String)> {
        let (prep, hits, _) = crate::rules::test_inputs(text, false);
        let mut out = Vec::new();
        find(&prep, Nationalities::builtin(), &hits, &mut out);
        out.iter()
            .map(|c| {
                (
                    text[c.span.clone()].to_string(),
                    c.country.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn english_nationality_before_a_state_body() {
        // Invented sentences.
        assert_eq!(
            found("The Iranian government denied it, and Russian authorities arrested two men."),
            pairs(&[("Iranian government", "IR"), ("Russian authorities", "RU")])
        );
        assert_eq!(
            found("On Monday Iranian forces attacked, said Officials. Later, French troops left."),
            pairs(&[("Iranian forces", "IR"), ("French troops", "FR")])
        );
        assert_eq!(
            found(
                "South Korean police said the Syrian regime and French troops were not involved."
            ),
            pairs(&[
                ("South Korean police", "KR"),
                ("Syrian regime", "SY"),
                ("French troops", "FR")
            ])
        );
    }

    #[test]
    fn arabic_state_body_before_its_nationality() {
        // Invented sentences.
        assert_eq!(
            found("نفت الحكومة الإيرانية ذلك، واعتقلت السلطات الروسية رجلين."),
            pairs(&[("الحكومة الإيرانية", "IR"), ("السلطات الروسية", "RU")])
        );
        assert_eq!(
            found("وقالت الشرطة الأوكرانية إن للحكومة الفرنسية رأيا، وإن القوات الأمريكية انسحبت."),
            pairs(&[
                ("الشرطة الأوكرانية", "UA"),
                ("لحكومة الفرنسية", "FR"),
                ("القوات الأمريكية", "US")
            ])
        );
    }

    /// (mention text, entity id, type) of a mention.
    type Found = (String, String, String);
    /// (event type, agent ids) of an event.
    type Acts = (String, Vec<String>);

    /// The pipeline's mentions from this rule, and its events.
    fn pipeline(text: &str) -> (Vec<Found>, Vec<Acts>) {
        let doc = crate::model::Document {
            text: text.into(),
            ..Default::default()
        };
        let r = crate::Pipeline::builtin().unwrap().process(&doc);
        let mentions = r
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
            .filter(|(_, m)| m.source == SOURCE)
            .map(|(e, m)| (m.text.clone(), e.id.clone(), e.etype.as_str().to_string()))
            .collect();
        let events = r
            .events
            .iter()
            .map(|ev| {
                let agents = ev
                    .participants
                    .iter()
                    .filter(|p| p.role == crate::model::Role::Agent)
                    .map(|p| p.id.clone())
                    .collect();
                (ev.etype.clone(), agents)
            })
            .collect();
        (mentions, events)
    }

    #[test]
    fn the_state_body_is_its_country_and_acts() {
        // Invented sentences: the mention is the listed country's, and the country is
        // the one who arrests or denies, not the place where it happened.
        let (m, ev) = pipeline("Tessalan police said Russian authorities arrested two men.");
        assert_eq!(
            m,
            [(
                "Russian authorities".to_string(),
                "russia".to_string(),
                "LOCATION".to_string()
            )]
        );
        assert!(acts(&ev, "Justice.Arrest", "russia"), "{ev:?}");
        // A party whose name is a state body's with its nationality: the gazetteer's
        // name wins over the rule's.
        let (m, _) = pipeline("وقال نائب عن القوات اللبنانية إن الحزب يرفض ذلك.");
        assert_eq!(m, []);
        let (m, ev) = pipeline("ونفت الحكومة الإيرانية يوم الاثنين أي صلة لها بالهجوم.");
        assert_eq!(m[0].1, "iran");
        assert!(acts(&ev, "Statement.Deny", "iran"), "{ev:?}");
    }

    /// An event of type `t` has the one agent `agent`.
    fn acts(ev: &[Acts], t: &str, agent: &str) -> bool {
        ev.iter()
            .any(|(et, a)| et == t && a == &[agent.to_string()])
    }

    /// (text, entity id) of each mention.
    fn ids(m: &[Found]) -> Vec<(&str, &str)> {
        m.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect()
    }

    #[test]
    fn a_country_name_in_the_possessive_is_its_state_body() {
        // Invented sentences: "Iran's government" and "حكومة إيران" are Iran, which
        // denies; the country named alone stays a place.
        let (m, ev) = pipeline("Tessalan police said Iran's government denied the report.");
        assert_eq!(
            m,
            [(
                "Iran's government".to_string(),
                "iran".to_string(),
                "LOCATION".to_string()
            )]
        );
        assert!(acts(&ev, "Statement.Deny", "iran"), "{ev:?}");
        let (m, ev) = pipeline("ونفت حكومة إيران يوم الاثنين أي صلة لها بالهجوم.");
        assert_eq!(ids(&m), [("حكومة إيران", "iran")]);
        assert!(acts(&ev, "Statement.Deny", "iran"), "{ev:?}");
        // Linked to the listed country, it is no rule-found name for coreference to
        // relink to another country its last word names.
        let (m, _) = pipeline("قال جيش جنوب السودان إن قواته انسحبت، واتهم السودان بالهجوم.");
        assert_eq!(ids(&m), [("جيش جنوب السودان", "south-sudan")]);
        // A one-letter word before the name gives no start past its end.
        let (m, _) = pipeline("قال و إيران.");
        assert_eq!(m, []);
        // With a proclitic on the noun, the mention starts after it.
        let (m, _) = pipeline("وقالت إن لسلطات روسيا رأيا آخر.");
        assert_eq!(m.first().map(|x| x.0.as_str()), Some("سلطات روسيا"));
    }

    #[test]
    fn a_city_or_another_noun_in_the_possessive_is_no_state_body() {
        // Invented sentences: a capital is no country, a delegation no state body.
        for text in [
            "Paris's police said the road was closed.",
            "Iran's delegation arrived on Monday.",
            "وقالت حكومة طهران المحلية إن الطريق مغلق.",
            "وصل وفد إيران يوم الاثنين.",
        ] {
            let (m, _) = pipeline(text);
            assert_eq!(m, [], "{text}");
        }
    }

    #[test]
    fn no_state_body_no_mention() {
        // Invented sentences: the adjective alone, with another noun, lowercase, hyphenated,
        // the noun before the English adjective, an indefinite Arabic adjective.
        for text in [
            "The Iranian delegation arrived with Russian hackers.",
            "the iranian government said so.",
            "Anti-Iranian government protests spread.",
            "The government Iranian officials formed.",
            "Fighters of the Free Syrian Army attacked.",
            "قال قائد الجيش السوري الحر إن المعارك مستمرة.",
            "وصل الوفد الإيراني، وقالت حكومة روسية جديدة.",
            "قال الوزير الروسي إن الحكومة ستجتمع.",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
