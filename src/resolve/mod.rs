//! Resolution: choose among overlapping candidates, link short names to full names, and
//! group mentions into one entity per canonical id.

pub mod context;
pub mod coref;
mod cyber;
pub mod kingdom;
pub mod names;
pub mod places;

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::gazetteer::Gazetteer;
use crate::model::{Candidate, Entity, EntityType, Mention, Target};
use crate::text::Prepared;

/// Identity of an entity within a document. A gazetteer entity's id and name are
/// borrowed from its record (`'g`): most mentions are of gazetteer entities, and copying
/// both strings for each was a good part of resolution's allocations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityKey<'g> {
    pub id: Cow<'g, str>,
    pub canonical: Cow<'g, str>,
    pub etype: EntityType,
}

impl EntityKey<'_> {
    /// The key is a gazetteer entity's: only those borrow their strings from the
    /// gazetteer's record; keys made for a document own theirs.
    pub fn is_listed(&self) -> bool {
        matches!(self.id, Cow::Borrowed(_))
    }
}

/// Hashes the id and type only: keys that are equal share them, and an id nearly always
/// tells entities apart, so hashing the canonical name too was work for every mention.
impl Hash for EntityKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
        self.etype.hash(state);
    }
}

/// A mention that survived overlap resolution, tied to its entity.
#[derive(Debug, Clone)]
pub struct Resolved<'g> {
    pub span: Range<usize>,
    pub key: EntityKey<'g>,
    pub source: String,
    pub confidence: f32,
    /// Country of a nationality adjective attached to this mention.
    pub country: Option<String>,
    /// Home country from the gazetteer record.
    pub home_country: Option<&'g str>,
}

/// Compiles the word lists resolution reads (first names, the type-by-context lexicon)
/// now rather than on the first document, so that start-up can do it beside loading
/// the gazetteers instead of one worker doing it while the others wait.
pub fn prepare() -> Result<(), crate::Error> {
    crate::rules::Lists::shared()?;
    context::prepare();
    cyber::prepare();
    Ok(())
}

/// Picks non-overlapping candidates: longest first, then higher priority, then leftmost
/// (then the earlier proposed).
pub fn select(cands: Vec<Candidate>) -> Vec<Candidate> {
    // Candidates are large (target, source, country): their keys are sorted, with their
    // index as the last key so that ties keep the order they were proposed in, and each
    // kept candidate is moved once, into the result.
    let mut order: Vec<(Reverse<usize>, Reverse<i32>, usize, usize)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.span.start < c.span.end)
        .map(|(i, c)| {
            let len = c.span.end - c.span.start;
            (Reverse(len), Reverse(c.priority), c.span.start, i)
        })
        .collect();
    order.sort_unstable();
    // Taken intervals, kept sorted by start; they never overlap one another.
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut keep = vec![false; cands.len()];
    for (Reverse(len), _, start, i) in order {
        let end = start + len;
        let at = taken.partition_point(|t| t.start < end);
        let overlaps_prev = at > 0 && taken.get(at - 1).is_some_and(|t| t.end > start);
        if overlaps_prev {
            continue;
        }
        taken.insert(at, start..end);
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
    }
    let mut kept = keep.iter();
    let mut cands = cands;
    cands.retain(|_| kept.next().copied().unwrap_or(false));
    // Kept spans never overlap: their starts are distinct, so any sort gives one order.
    cands.sort_unstable_by_key(|c| c.span.start);
    cands
}

/// Turns candidates into the document's entities. Short-name coreference (part of the
/// rules stage) runs when `coref` is true.
pub fn resolve(
    prep: &Prepared<'_>,
    cands: Vec<Candidate>,
    gaz: &Gazetteer,
    coref: bool,
) -> Vec<Entity> {
    let mut cands = cands;
    cyber::drop_outside_cyber_texts(prep, gaz, &mut cands);
    cyber::drop_name_tails(prep, gaz, &mut cands);
    if coref {
        // "Iran's government", "حكومة إيران": the rules cannot tell a country's name
        // from another place's, the gazetteer can.
        let bodies = crate::rules::government::possessives(prep, &cands, |c| match c.target {
            Target::Gazetteer(e) => gaz.country_code_of(e),
            Target::New { .. } => None,
        });
        cands.extend(bodies);
    }
    link_countries(gaz, &mut cands);
    names::link_listed_names(prep, gaz, &mut cands);
    let chosen = select(cands);
    // The gazetteer entity behind each mention, for the type-by-context step.
    let mut record: Vec<Option<u32>> = chosen
        .iter()
        .map(|c| match c.target {
            Target::Gazetteer(i) => Some(i),
            Target::New { .. } => None,
        })
        .collect();
    let mut resolved: Vec<Resolved> = chosen
        .into_iter()
        .map(|c| {
            let (key, home) = match c.target {
                Target::Gazetteer(i) => {
                    let r = &gaz.entities[i as usize];
                    (
                        EntityKey {
                            id: Cow::Borrowed(r.id.as_str()),
                            canonical: Cow::Borrowed(r.canonical.as_str()),
                            etype: r.etype,
                        },
                        r.country.as_deref(),
                    )
                }
                Target::New { id, canonical } => (
                    EntityKey {
                        id: Cow::Owned(id),
                        canonical: Cow::Owned(canonical),
                        etype: c.etype,
                    },
                    None,
                ),
            };
            Resolved {
                span: c.span,
                key,
                source: c.source,
                confidence: c.confidence,
                country: c.country,
                home_country: home,
            }
        })
        .collect();
    names::extend_first_names(prep, gaz, &mut resolved, &record);
    places::choose(prep, gaz, &mut resolved, &mut record);
    context::retype(prep, gaz, &mut resolved, &record);
    if coref {
        kingdom::link(prep, gaz, &mut resolved, &record);
        // Mentions of a surname that several listed people bear, which the document's
        // full name of one of them claims; none in most documents.
        let is_shared = |r: &Option<u32>| r.is_some_and(|e| gaz.is_shared_surname(e));
        let shared: Vec<bool> = if record.iter().any(is_shared) {
            record.iter().map(is_shared).collect()
        } else {
            Vec::new()
        };
        coref::link(prep, &mut resolved, &shared);
    }
    resolved.sort_by_key(|r| r.span.start);
    group(prep, resolved)
}

/// Links each state body named by its nationality ("the Iranian government") to its
/// country's listed entity, and drops those whose country no loaded gazetteer lists.
fn link_countries(gaz: &Gazetteer, cands: &mut Vec<Candidate>) {
    cands.retain_mut(|c| {
        if c.source != crate::rules::GOVERNMENT_SOURCE {
            return true;
        }
        match c.country.as_deref().and_then(|code| gaz.country(code)) {
            Some(e) => {
                c.target = Target::Gazetteer(e);
                true
            }
            None => false,
        }
    });
}

/// Groups resolved mentions by entity, in order of first mention.
pub fn group(prep: &Prepared<'_>, resolved: Vec<Resolved<'_>>) -> Vec<Entity> {
    // First the entity of each mention, numbered in order of first mention, so that each
    // entity's mention list is allocated once at its final size instead of growing mention
    // by mention.
    // Sized for one entity per mention: allocated once, where growing took a few.
    let mut index: HashMap<&EntityKey<'_>, usize> =
        HashMap::with_capacity_and_hasher(resolved.len(), Default::default());
    let mut counts: Vec<usize> = Vec::with_capacity(resolved.len());
    let slots: Vec<usize> = resolved
        .iter()
        .map(|r| {
            let new = counts.len();
            let i = *index.entry(&r.key).or_insert(new);
            if i == new {
                counts.push(0);
            }
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
            i
        })
        .collect();
    drop(index);
    let mut out: Vec<Entity> = Vec::with_capacity(counts.len());
    for (r, i) in resolved.into_iter().zip(slots) {
        if i == out.len() {
            // The entity's first mention gives it its id and name: a rule-found entity's
            // own strings move into it, a gazetteer entity's are copied from its record.
            out.push(Entity {
                id: r.key.id.into_owned(),
                canonical: r.key.canonical.into_owned(),
                etype: r.key.etype,
                country: None,
                mentions: Vec::with_capacity(counts.get(i).copied().unwrap_or(0)),
            });
        }
        let Some(e) = out.get_mut(i) else { continue };
        if e.country.is_none() {
            e.country = r.country.or_else(|| r.home_country.map(str::to_string));
        }
        e.mentions.push(Mention {
            text: prep.orig[r.span.clone()].to_string(),
            start: prep.char_offset(r.span.start),
            end: prep.char_offset(r.span.end),
            sentence: prep.sentence_of(r.span.start),
            source: r.source,
            confidence: r.confidence,
            span: r.span,
        });
    }
    out
}

/// Owned copies of (text, id) pairs, to compare with [`mentions_in_order`] and the like.
#[cfg(test)]
pub(crate) fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Every mention of `ents` as (text, entity id), in text order: what the resolution tests
/// compare.
#[cfg(test)]
pub(crate) fn mentions_in_order(ents: &[Entity]) -> Vec<(String, String)> {
    let mut out: Vec<(usize, String, String)> = ents
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(|m| (m.start, m.text.clone(), e.id.clone()))
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, t, id)| (t, id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(s: usize, e: usize, prio: i32, id: &str) -> Candidate {
        Candidate {
            span: s..e,
            etype: EntityType::Person,
            target: Target::New {
                id: id.into(),
                canonical: id.into(),
            },
            source: "t".into(),
            confidence: 1.0,
            priority: prio,
            country: None,
        }
    }

    #[test]
    fn longest_then_priority_then_leftmost() {
        let ids = |v: Vec<Candidate>| {
            v.into_iter()
                .map(|c| match c.target {
                    Target::New { id, .. } => id,
                    _ => unreachable!(),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(select(vec![cand(0, 5, 0, "short"), cand(0, 9, 0, "long")])),
            vec!["long"]
        );
        assert_eq!(
            ids(select(vec![cand(0, 5, 0, "low"), cand(2, 7, 3, "high")])),
            vec!["high"]
        );
        assert_eq!(
            ids(select(vec![cand(2, 7, 0, "right"), cand(0, 5, 0, "left")])),
            vec!["left"]
        );
        assert_eq!(
            ids(select(vec![cand(0, 3, 0, "a"), cand(3, 6, 0, "b")])),
            vec!["a", "b"]
        );
        assert_eq!(
            ids(select(vec![
                cand(0, 5, 1, "first"),
                cand(0, 5, 1, "second")
            ])),
            vec!["first"],
            "a tie keeps the candidate proposed first"
        );
        assert_eq!(
            ids(select(vec![
                cand(4, 4, 9, "empty"),
                cand(6, 9, 0, "b"),
                cand(0, 5, 0, "a")
            ])),
            vec!["a", "b"]
        );
    }

    /// The grouping as it was written first: the entity's mention list grows as its
    /// mentions come.
    fn group_growing(prep: &Prepared<'_>, resolved: Vec<Resolved<'_>>) -> Vec<Entity> {
        let mut index: std::collections::HashMap<EntityKey<'_>, usize> = Default::default();
        let mut out: Vec<Entity> = Vec::new();
        for r in resolved {
            let i = match index.get(&r.key) {
                Some(&i) => i,
                None => {
                    out.push(Entity {
                        id: r.key.id.to_string(),
                        canonical: r.key.canonical.to_string(),
                        etype: r.key.etype,
                        country: None,
                        mentions: Vec::new(),
                    });
                    index.insert(r.key, out.len() - 1);
                    out.len() - 1
                }
            };
            let e = &mut out[i];
            if e.country.is_none() {
                e.country = r.country.clone().or(r.home_country.map(str::to_string));
            }
            e.mentions.push(Mention {
                text: prep.orig[r.span.clone()].to_string(),
                start: prep.char_offset(r.span.start),
                end: prep.char_offset(r.span.end),
                sentence: prep.sentence_of(r.span.start),
                source: r.source,
                confidence: r.confidence,
                span: r.span,
            });
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn groups_as_the_first_grouping_does(
            ms in proptest::collection::vec(
                (0usize..4, 0usize..2, 0usize..3, 0usize..3, 0usize..3),
                0..30,
            )
        ) {
            // Words of two or three letters, Arabic and Latin, over two sentences.
            let text = "بايدن قال. Putin met بوتين في Moscow. x";
            let words: Vec<Range<usize>> = crate::text::word_spans(text).collect();
            let prep = Prepared::new(text, None);
            const IDS: [&str; 4] = ["a", "b", "a-b", ""];
            const NAMES: [&str; 2] = ["A", "B"];
            const COUNTRIES: [Option<&str>; 3] = [None, Some("RU"), Some("US")];
            let resolved: Vec<Resolved<'_>> = ms
                .iter()
                .enumerate()
                .map(|(n, &(id, name, ty, c, h))| Resolved {
                    span: words[n % words.len()].clone(),
                    key: EntityKey {
                        id: if n % 2 == 0 {
                            Cow::Borrowed(IDS[id])
                        } else {
                            Cow::Owned(IDS[id].to_string())
                        },
                        canonical: Cow::Borrowed(NAMES[name]),
                        etype: EntityType::ALL[ty],
                    },
                    source: format!("s{n}"),
                    confidence: 0.5,
                    country: COUNTRIES[c].map(str::to_string),
                    home_country: COUNTRIES[h],
                })
                .collect();
            let got = group(&prep, resolved.clone());
            proptest::prop_assert!(got.iter().all(|e| e.mentions.len() == e.mentions.capacity()));
            proptest::prop_assert_eq!(
                format!("{got:?}"),
                format!("{:?}", group_growing(&prep, resolved))
            );
        }
    }

    /// The selection as it was written first: a stable sort of the candidates themselves.
    fn select_by_stable_sort(mut cands: Vec<Candidate>) -> Vec<Candidate> {
        cands.retain(|c| c.span.start < c.span.end);
        cands.sort_by(|a, b| {
            let (la, lb) = (a.span.end - a.span.start, b.span.end - b.span.start);
            lb.cmp(&la)
                .then(b.priority.cmp(&a.priority))
                .then(a.span.start.cmp(&b.span.start))
        });
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut keep = Vec::new();
        for c in cands {
            let i = taken.partition_point(|t| t.start < c.span.end);
            if i > 0 && taken[i - 1].end > c.span.start {
                continue;
            }
            taken.insert(i, c.span.clone());
            keep.push(c);
        }
        keep.sort_by_key(|c| c.span.start);
        keep
    }

    proptest::proptest! {
        #[test]
        fn selects_as_a_stable_sort_does(
            spans in proptest::collection::vec((0usize..40, 0usize..8, 0i32..3), 0..30)
        ) {
            let cands: Vec<Candidate> = spans
                .iter()
                .enumerate()
                .map(|(i, &(s, l, p))| cand(s, s + l, p, &i.to_string()))
                .collect();
            let names = |v: Vec<Candidate>| -> Vec<String> {
                v.into_iter()
                    .map(|c| match c.target {
                        Target::New { id, .. } => id,
                        Target::Gazetteer(i) => i.to_string(),
                    })
                    .collect()
            };
            proptest::prop_assert_eq!(
                names(select(cands.clone())),
                names(select_by_stable_sort(cands))
            );
        }
    }
}
