//! Place names that two places in two countries share ("عمان": Oman and Amman, "طرابلس":
//! Tripoli in Libya and in Lebanon). The gazetteers give each such name to one place
//! (`gazetteers/context/shared-place-names.tsv` lists them); the text tells when it is the
//! other's: it names the other place's country and not the first one's ("عمان" in a report
//! about Jordan is its capital), or it spells the name with the other's vowel marks
//! ("عمّان").

use std::borrow::Cow;

use super::kingdom::names_nationality;
use super::{EntityKey, Resolved};
use crate::gazetteer::{Gazetteer, SharedPlace};
use crate::text::Prepared;

/// Moves each mention of a shared place name to the other place where the text says so.
/// `record` is the gazetteer entity of each mention, kept in step.
pub fn choose<'g>(
    prep: &Prepared<'_>,
    gaz: &'g Gazetteer,
    mentions: &mut [Resolved<'g>],
    record: &mut [Option<u32>],
) {
    let hay = prep.norm_text();
    // The shared name each mention is written with, if any: few texts have one.
    let shared: Vec<Option<&SharedPlace>> = mentions
        .iter()
        .zip(record.iter())
        .map(|(m, r)| {
            let e = (*r)?;
            let norm = hay.get(prep.to_norm(m.span.start)..prep.to_norm(m.span.end))?;
            gaz.shared_places_of(e).find(|p| p.alias == norm)
        })
        .collect();
    if shared.iter().all(Option::is_none) {
        return;
    }
    let country = |i: u32| {
        gaz.entities
            .get(i as usize)
            .and_then(|r| r.country.as_deref())
    };
    // Whether the text names a country by another mention (a place in it, one of its
    // people or bodies) or by its nationality adjective.
    let named = |code: &str| {
        mentions.iter().zip(&shared).any(|(m, s)| {
            s.is_none() && (m.country.as_deref() == Some(code) || m.home_country == Some(code))
        }) || names_nationality(hay, &|c: &str| c == code)
    };
    let mut verdicts: Vec<(&SharedPlace, bool)> = Vec::new();
    let mut moves: Vec<(usize, u32)> = Vec::new();
    for (i, p) in shared.iter().enumerate() {
        let Some(p) = *p else { continue };
        let written = mentions
            .get(i)
            .and_then(|m| prep.orig.get(m.span.clone()))
            .unwrap_or_default();
        if p.kept_marked.iter().any(|w| written == w.as_str()) {
            continue;
        }
        let other = p.marked.iter().any(|w| written == w.as_str())
            || match verdicts.iter().find(|(q, _)| *q == p) {
                Some(&(_, v)) => v,
                None => {
                    let v = match (country(p.kept_by), country(p.other)) {
                        (Some(k), Some(o)) => named(o) && !named(k),
                        _ => false,
                    };
                    verdicts.push((p, v));
                    v
                }
            };
        if other {
            moves.push((i, p.other));
        }
    }
    for (i, e) in moves {
        let Some(r) = gaz.entities.get(e as usize) else {
            continue;
        };
        if let (Some(m), Some(slot)) = (mentions.get_mut(i), record.get_mut(i)) {
            m.key = EntityKey {
                id: Cow::Borrowed(r.id.as_str()),
                canonical: Cow::Borrowed(r.canonical.as_str()),
                etype: r.etype,
            };
            m.source.clone_from(&r.source);
            m.home_country = r.country.as_deref();
            *slot = Some(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;
    use crate::resolve::pairs;
    use crate::text::Prepared;

    /// (text, entity id) of the mentions of the shared names, in text order.
    fn places(text: &str) -> Vec<(String, String)> {
        let gaz = Gazetteer::builtin().unwrap();
        let prep = Prepared::new(text, None);
        let ents = crate::resolve::resolve(&prep, gaz.annotate(&prep), &gaz, true);
        crate::resolve::mentions_in_order(&ents)
            .into_iter()
            .filter(|(_, id)| ["oman", "amman", "tripoli", "tripoli-libya"].contains(&id.as_str()))
            .collect()
    }

    #[test]
    fn the_name_is_the_other_place_in_a_text_about_its_country() {
        // Invented sentences.
        assert_eq!(
            places("وصل وزير الخارجية الأردني إلى عمان قادما من القاهرة."),
            pairs(&[("عمان", "amman")])
        );
        assert_eq!(
            places("التقى ملك الأردن عبدالله الثاني في عمان وفدا، وعاد الوفد من عمان أمس."),
            pairs(&[("عمان", "amman"), ("عمان", "amman")])
        );
        assert_eq!(
            places("اشتباكات في طرابلس شمال لبنان."),
            pairs(&[("طرابلس", "tripoli")])
        );
        assert_eq!(
            places("Clashes broke out in Tripoli, Lebanon's second city."),
            pairs(&[("Tripoli", "tripoli")])
        );
        // The shadda of the capital's name tells it in any text.
        assert_eq!(places("وصل الوفد إلى عمّان."), pairs(&[("عمّان", "amman")]));
    }

    #[test]
    fn the_name_stays_with_its_place_otherwise() {
        // Invented sentences: no country named, the first place's own country named, or
        // both countries named.
        assert_eq!(
            places("وصل الوفد إلى عمان أمس."),
            pairs(&[("عمان", "oman")])
        );
        assert_eq!(
            places("استقبل السلطان في مسقط وفدا، وقالت عمان إنها ترحب."),
            pairs(&[("عمان", "oman")])
        );
        assert_eq!(
            places("زار وزير الخارجية الأردني عمان والتقى نظيره العماني."),
            pairs(&[("عمان", "oman")])
        );
        // Oman's own vowel marks, in a text about Jordan.
        assert_eq!(
            places("قال وزير الخارجية الأردني إن عُمان ترحب."),
            pairs(&[("عُمان", "oman")])
        );
        assert_eq!(
            places("اشتباكات في طرابلس الليبية."),
            pairs(&[("طرابلس", "tripoli-libya")])
        );
        assert_eq!(
            places("Militias fought in Tripoli, the Libyan capital."),
            pairs(&[("Tripoli", "tripoli-libya")])
        );
    }
}
