//! Final alias lists: safeguards, de-duplication, and the collision rule for aliases
//! claimed by more than one entity.
//!
//! Collision rule, applied per normalized alias shared by several entities:
//! 1. the entity with the higher priority keeps it (curated 50+, countries 60, capitals
//!    40, US states 35, leaders 35, cyber and militant groups 30, …, malware 5);
//! 2. on equal priority, the entity whose canonical name it is keeps it;
//! 3. then the entity whose curated row lists it (over one that got it from a source);
//! 4. then the larger one (population for places, vote share for parties);
//! 5. then type preference: LOCATION, ORGANIZATION, GROUP, PERSON, MALWARE;
//! 6. if still tied (same type, nothing tells them apart: two "National Intelligence
//!    Service"), nobody keeps it.
//!
//! Every such alias is listed in `gazetteers/collisions.tsv` with the decision.

use std::collections::BTreeMap;

use crate::entity::{norm, Alias, Ent, Origin};
use crate::safeguards::{check, lenient, CommonWords, Tally};

/// One written entity: final aliases.
#[derive(Debug)]
pub struct Final {
    pub ent: Ent,
    /// Case-insensitive aliases (canonical excluded unless `nocanonical`).
    pub aliases: Vec<String>,
    pub case_aliases: Vec<String>,
    pub canonical_kept: bool,
    pub generated: bool,
}

/// One line of the collision report.
#[derive(Debug)]
pub struct Collision {
    pub alias: String,
    pub kept: Option<String>,
    pub others: Vec<String>,
    pub rule: &'static str,
}

/// Spelling variants news uses for the same name: "Al-Qaida" / "Al Qaida",
/// "St. Petersburg" / "Saint Petersburg", "عبد الله" / "عبدالله".
pub fn spelling_variants(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    if s.contains('-')
        && s.chars()
            .all(|c| !crate::script::has_arabic(&c.to_string()))
    {
        let spaced = s.replace('-', " ");
        if spaced.split_whitespace().all(|w| w.chars().count() > 1) {
            out.push(spaced);
        }
    }
    for (a, b) in [("Saint ", "St. "), ("St. ", "Saint "), ("St ", "Saint ")] {
        if let Some(rest) = s.strip_prefix(a) {
            out.push(format!("{b}{rest}"));
        }
    }
    if s.contains("عبد ") {
        out.push(s.replace("عبد ", "عبد"));
    } else if s.contains("عبدال") {
        out.push(s.replace("عبدال", "عبد ال"));
    }
    out
}

/// Words that news puts before a place name without being part of it ("دولة قطر",
/// "ولاية فلوريدا"): when the bare name is an alias too, the longer form is dropped so
/// that mentions cover the name only, as NER conventions (and titles for people) do.
const PLACE_DESCRIPTORS: &[&str] = &[
    "دوله",
    "محافظه",
    "ولايه",
    "مدينه",
    "اقليم",
    "منطقه",
    "قطاع",
    "امارة",
    "اماره",
];

/// Honorific epithets after a place name ("مكة المكرمة", "المدينة المنورة", "القدس
/// الشريف"), dropped in the same way.
const PLACE_EPITHETS: &[&str] = &["المكرمه", "المنوره", "الشريف"];

fn drop_descriptor_forms(m: &mut BTreeMap<String, (Alias, bool)>, kind: crate::entity::Kind) {
    if kind != crate::entity::Kind::Location {
        return;
    }
    let redundant: Vec<String> = m
        .keys()
        .filter(|n| {
            n.split_once(' ').is_some_and(|(first, rest)| {
                PLACE_DESCRIPTORS.contains(&first) && m.contains_key(rest)
            }) || n
                .rsplit_once(' ')
                .is_some_and(|(head, last)| PLACE_EPITHETS.contains(&last) && m.contains_key(head))
        })
        .cloned()
        .collect();
    for n in redundant {
        m.remove(&n);
    }
}

fn key(e: &Ent) -> String {
    format!("{}:{}", e.kind.as_str(), e.id)
}

/// Applies safeguards and the collision rule; returns the entities to write (sorted by
/// type and id), the collision report (sorted by alias) and the safeguard tally.
pub fn finish(ents: Vec<Ent>, cw: &CommonWords) -> (Vec<Final>, Vec<Collision>, Tally) {
    let mut tally = Tally::default();
    // Per entity: normalized form → alias (first written form wins; insensitive beats case).
    let mut per: Vec<BTreeMap<String, (Alias, bool)>> = Vec::with_capacity(ents.len());
    for e in &ents {
        let mut m: BTreeMap<String, (Alias, bool)> = BTreeMap::new();
        let canon = Alias {
            text: e.canonical.clone(),
            case: e.flags.contains("case"),
            origin: if e.curated {
                Origin::Curated
            } else {
                Origin::Source
            },
        };
        let cn = norm(&e.canonical);
        let mut variants: Vec<Alias> = Vec::new();
        // A foreign name's "g" is غ in Levantine and Gulf spelling, ج in Egyptian
        // ("هامبورغ" / "هامبورج", "غوغل" / "جوجل"); Arabic names keep their letters.
        let foreign = e
            .country
            .as_deref()
            .is_some_and(|c| !crate::sources::geo::ARABIC_NEWS_COUNTRIES.contains(&c));
        for a in std::iter::once(&canon).chain(e.aliases.iter()) {
            // Short names are left alone: "زوغ" (Zug) would become "زوج" (husband).
            if foreign
                && a.text.contains('غ')
                && a.text.chars().filter(|c| c.is_alphabetic()).count() >= 5
            {
                variants.push(Alias {
                    text: a.text.replace('غ', "ج"),
                    case: a.case,
                    origin: Origin::Generated,
                });
            }
            for v in spelling_variants(&a.text) {
                variants.push(Alias {
                    text: v,
                    case: a.case,
                    origin: a.origin,
                });
            }
        }
        let with_canon = (!e.flags.contains("nocanonical")).then_some((&canon, true));
        for (a, is_canon) in with_canon
            .into_iter()
            .chain(e.aliases.iter().map(|a| (a, false)))
            .chain(variants.iter().map(|a| (a, false)))
        {
            let strict = !lenient(a);
            let Some(a) = check(a, e, cw, strict, &mut tally) else {
                continue;
            };
            let n = norm(&a.text);
            if n.is_empty() {
                continue;
            }
            let is_canon = is_canon || n == cn;
            match m.get_mut(&n) {
                None => {
                    m.insert(n, (a, is_canon));
                }
                Some(slot) => {
                    if slot.0.case && !a.case {
                        slot.0.case = false;
                    }
                    if a.origin < slot.0.origin {
                        slot.0.origin = a.origin;
                    }
                    slot.1 |= is_canon;
                }
            }
        }
        per.push(m);
    }
    // Owners of every normalized alias.
    let mut owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, m) in per.iter().enumerate() {
        for n in m.keys() {
            owners.entry(n.clone()).or_default().push(i);
        }
    }
    let mut collisions = Vec::new();
    for (n, list) in owners {
        if list.len() < 2 {
            continue;
        }
        let rank = |i: usize| {
            let e = &ents[i];
            let is_canon = per[i].get(&n).is_some_and(|x| x.1);
            let curated = per[i]
                .get(&n)
                .is_some_and(|x| x.0.origin == Origin::Curated);
            (
                e.priority,
                is_canon,
                curated,
                e.weight,
                std::cmp::Reverse(e.kind.preference()),
            )
        };
        let mut sorted = list.clone();
        sorted.sort_by(|&a, &b| {
            rank(b)
                .cmp(&rank(a))
                .then(key(&ents[a]).cmp(&key(&ents[b])))
        });
        let (Some(&best), Some(&second)) = (sorted.first(), sorted.get(1)) else {
            continue;
        };
        let (rb, rs) = (rank(best), rank(second));
        let rule = if rb.0 != rs.0 {
            "priority"
        } else if rb.1 != rs.1 {
            "canonical"
        } else if rb.2 != rs.2 {
            "curated"
        } else if rb.3 != rs.3 {
            "size"
        } else if rb.4 != rs.4 {
            "type"
        } else {
            "dropped"
        };
        let kept = (rule != "dropped").then_some(best);
        for &i in &list {
            if Some(i) != kept {
                per[i].remove(&n);
            }
        }
        collisions.push(Collision {
            alias: n,
            kept: kept.map(|i| key(&ents[i])),
            others: sorted
                .iter()
                .filter(|&&i| Some(i) != kept)
                .map(|&i| key(&ents[i]))
                .collect(),
            rule,
        });
    }
    let mut out = Vec::new();
    for (e, mut m) in ents.into_iter().zip(per) {
        // After the collisions: the bare name must still be this entity's.
        drop_descriptor_forms(&mut m, e.kind);
        let cn = norm(&e.canonical);
        let canonical_kept = m.get(&cn).is_some_and(|(a, _)| !a.case);
        let mut aliases = Vec::new();
        let mut case_aliases = Vec::new();
        let mut generated = false;
        for (n, (a, _)) in &m {
            if *n == cn && canonical_kept {
                continue;
            }
            generated |= a.origin == Origin::Generated;
            if a.case {
                case_aliases.push(a.text.clone());
            } else {
                aliases.push(a.text.clone());
            }
        }
        if !canonical_kept && aliases.is_empty() && case_aliases.is_empty() {
            continue;
        }
        out.push(Final {
            ent: e,
            aliases,
            case_aliases,
            canonical_kept,
            generated,
        });
    }
    out.sort_by(|a, b| (a.ent.kind, &a.ent.id).cmp(&(b.ent.kind, &b.ent.id)));
    (out, collisions, tally)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Kind;

    #[test]
    fn descriptor_forms_are_normalized_like_the_table() {
        for d in [
            "دولة",
            "محافظة",
            "ولاية",
            "مدينة",
            "إقليم",
            "منطقة",
            "قطاع",
            "إمارة",
        ] {
            assert!(PLACE_DESCRIPTORS.contains(&norm(d).as_str()), "{d}");
        }
    }

    #[test]
    fn variants() {
        assert_eq!(spelling_variants("Al-Qaida"), vec!["Al Qaida"]);
        assert_eq!(spelling_variants("St. Louis"), vec!["Saint Louis"]);
        assert_eq!(spelling_variants("عبد الله الثاني"), vec!["عبدالله الثاني"]);
        assert_eq!(spelling_variants("عبدالله"), vec!["عبد الله"]);
        assert!(spelling_variants("X-1").is_empty());
    }

    #[test]
    fn collisions_follow_the_rule() {
        let mut a = Ent::new("georgia", Kind::Location, "Georgia", "t", 60);
        a.alias("جورجيا", Origin::Source);
        let mut b = Ent::new("georgia-us", Kind::Location, "Georgia", "t", 35);
        b.alias("ولاية جورجيا", Origin::Source);
        b.alias("جورجيا", Origin::Source);
        let c = Ent::new(
            "national-front-a",
            Kind::Organization,
            "Patriots Front",
            "t",
            10,
        );
        let d = Ent::new(
            "national-front-b",
            Kind::Organization,
            "Patriots Front",
            "t",
            10,
        );
        let cw = CommonWords::lists_only();
        let (out, cols, _) = finish(vec![a, b, c, d], &cw);
        let us = out.iter().find(|f| f.ent.id == "georgia-us").expect("kept");
        // The country keeps "Georgia" and "جورجيا"; the state keeps its own form.
        assert!(!us.canonical_kept);
        assert_eq!(us.aliases, vec!["ولاية جورجيا".to_string()]);
        // Two parties with the same name and nothing else: the name is dropped from both,
        // and they disappear.
        assert!(!out.iter().any(|f| f.ent.id.starts_with("national-front")));
        assert!(cols.iter().any(|c| c.rule == "dropped"));
        assert!(cols.iter().any(|c| c.rule == "priority"));
    }
}
