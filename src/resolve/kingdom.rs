//! "المملكة" and "the Kingdom" standing alone for the one kingdom a text names. In Saudi,
//! Jordanian or Moroccan news the word names the country more often than the country's
//! name does ("وأدانت المملكة الهجوم"), and the event's actor is then that country.

use std::borrow::Cow;
use std::ops::Range;

use super::{EntityKey, Resolved};
use crate::gazetteer::Gazetteer;
use crate::rules::Nationalities;
use crate::text::{name_starts, word_end, word_ranges, word_start, Prepared};

/// Source of the mentions added here.
pub const SOURCE: &str = "coref:kingdom";

/// The normalized Arabic word (ة is ه).
const AR_WORD: &str = "مملكه";

/// Adds a mention of the document's kingdom for each "المملكة" or "the Kingdom" standing
/// alone, when the document names exactly one kingdom (a country with the gazetteer flag
/// `kingdom`). `record` is the gazetteer entity of each mention (None for rule-found ones).
pub fn link<'g>(
    prep: &Prepared<'_>,
    gaz: &'g Gazetteer,
    mentions: &mut Vec<Resolved<'g>>,
    record: &[Option<u32>],
) {
    let mut kingdom = None;
    for &e in record.iter().flatten() {
        let is_kingdom = gaz
            .entities
            .get(e as usize)
            .is_some_and(|r| r.has_flag("kingdom"));
        match kingdom {
            _ if !is_kingdom => {}
            None => kingdom = Some(e),
            // Two kingdoms: the word alone could be either.
            Some(k) if k != e => return,
            Some(_) => {}
        }
    }
    // No kingdom named by itself: a kingdom's nationality adjective inside a body's
    // name ("الشركة السعودية للكهرباء") names it, when it is the only one.
    if kingdom.is_none() {
        for k in mentions
            .iter()
            .filter_map(|m| m.country.as_deref().and_then(|c| gaz.kingdom_of(c)))
        {
            match kingdom {
                None => kingdom = Some(k),
                Some(other) if other != k => return,
                Some(_) => {}
            }
        }
    }
    let Some(r) = kingdom.and_then(|k| gaz.entities.get(k as usize)) else {
        return;
    };
    let hay = prep.norm_text();
    let other_kingdom = |c: &str| r.country.as_deref() != Some(c) && gaz.is_kingdom(c);
    // Another kingdom's listed people ("الملك سلمان" in a text about Bahrain).
    if mentions
        .iter()
        .any(|m| m.home_country.is_some_and(other_kingdom))
    {
        return;
    }
    let mut spans: Vec<Range<usize>> = memchr::memmem::find_iter(hay.as_bytes(), AR_WORD)
        .filter_map(|at| arabic_alone(hay, at))
        .collect();
    spans.extend(
        memchr::memmem::find_iter(hay.as_bytes(), "kingdom")
            .filter_map(|at| english_alone(prep, at)),
    );
    // Another kingdom's nationality adjective ("السفير السعودي" in a text that names
    // Bahrain): read only in the few texts that have the word alone.
    if spans.is_empty() || names_nationality(hay, &other_kingdom) {
        return;
    }
    let mut taken: Vec<Range<usize>> = mentions.iter().map(|m| m.span.clone()).collect();
    taken.sort_unstable_by_key(|s| s.start);
    for norm in spans {
        let span = prep.to_orig(norm);
        let at = taken.partition_point(|t| t.end <= span.start);
        if taken.get(at).is_some_and(|t| t.start < span.end) {
            continue;
        }
        taken.insert(at, span.clone());
        mentions.push(Resolved {
            span,
            key: EntityKey {
                id: Cow::Borrowed(r.id.as_str()),
                canonical: Cow::Borrowed(r.canonical.as_str()),
                etype: r.etype,
            },
            source: SOURCE.to_string(),
            confidence: 0.6,
            country: None,
            home_country: r.country.as_deref(),
        });
    }
}

/// A word of the text is a nationality adjective of a country `other` accepts, bare or
/// after its proclitics ("والسعودي").
pub(super) fn names_nationality(hay: &str, other: &dyn Fn(&str) -> bool) -> bool {
    let nats = Nationalities::builtin();
    word_ranges(hay).into_iter().any(|w| {
        name_starts(hay, w.start)
            .into_iter()
            .flatten()
            .filter_map(|s| hay.get(s..w.end))
            .any(|f| nats.lookup(f).is_some_and(|n| other(&n.code)))
    })
}

/// The span of the Arabic word at `at` (the normalized offset of [`AR_WORD`]) when it is
/// "المملكة" alone: with the article, after its proclitics ("والمملكة", or "للمملكة",
/// whose span starts at the second ل as the gazetteer's spans of "للسعودية" do); not
/// "مملكة البحرين", nor the start of a longer name ("المملكة العربية السعودية", "المملكة
/// المتحدة"), which the gazetteer reads or which names another country.
fn arabic_alone(hay: &str, at: usize) -> Option<Range<usize>> {
    let end = at + AR_WORD.len();
    if word_end(hay, end) != end {
        return None;
    }
    let start = name_starts(hay, word_start(hay, at))
        .into_iter()
        .flatten()
        .find(|&s| match hay.get(s..end) {
            Some("المملكه") => true,
            Some("لمملكه") => hay[..s].ends_with('ل'),
            _ => false,
        })?;
    let next = hay.get(end..)?.trim_start();
    let next = next.get(..word_end(next, 0)).unwrap_or_default();
    let continued = next.starts_with("ال") && (next.ends_with('ي') || next.ends_with("يه"))
        || next == "المتحده";
    (!continued).then_some(start..end)
}

/// The span of "Kingdom" at normalized offset `at` in "the Kingdom" (capitalized, not "the
/// Kingdom of …", which names a kingdom of its own).
fn english_alone(prep: &Prepared<'_>, at: usize) -> Option<Range<usize>> {
    let hay = prep.norm_text();
    let end = at + "kingdom".len();
    if word_start(hay, at) != at || word_end(hay, end) != end {
        return None;
    }
    let before = hay.get(..at)?.trim_end();
    if !(before.ends_with(" the") || before == "the") {
        return None;
    }
    if hay.get(end..)?.trim_start().starts_with("of ") {
        return None;
    }
    let orig = prep.to_orig(at..end);
    prep.orig.get(orig)?.starts_with('K').then_some(at..end)
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;
    use crate::text::Prepared;

    /// The mentions of the built-in gazetteer's kingdoms and of the word, with all stages'
    /// resolution (coreference included), in text order.
    fn kingdom_mentions(text: &str) -> Vec<(String, String)> {
        let gaz = Gazetteer::builtin().unwrap();
        let prep = Prepared::new(text, None);
        let ents = crate::resolve::resolve(&prep, gaz.annotate(&prep), &gaz, true);
        crate::resolve::mentions_in_order(&ents)
            .into_iter()
            .filter(|(t, _)| t.contains("مملكة") || t.contains("Kingdom"))
            .collect()
    }

    #[test]
    fn the_word_alone_is_the_one_kingdom_the_text_names() {
        // Invented sentences.
        let got = kingdom_mentions(
            "وصل وزير الخارجية إلى الرياض. وأدانت المملكة العربية السعودية الهجوم، \
             وأكدت أن المملكة تقف مع الأشقاء، وأن للمملكة موقفا ثابتا.",
        );
        assert_eq!(
            got,
            [
                (
                    "المملكة العربية السعودية".to_string(),
                    "saudi-arabia".to_string()
                ),
                ("المملكة".to_string(), "saudi-arabia".to_string()),
                ("لمملكة".to_string(), "saudi-arabia".to_string()),
            ]
        );
        let got = kingdom_mentions("Officials in Saudi Arabia said the Kingdom would reply.");
        assert_eq!(got, [("Kingdom".to_string(), "saudi-arabia".to_string())]);
    }

    #[test]
    fn a_kingdom_s_adjective_in_a_body_s_name_names_the_kingdom() {
        // Invented sentence: no country is named but in the body's name.
        let doc = crate::model::Document {
            text: "وأعلنت الهيئة السعودية للنخيل خطتها، وقالت إن المملكة تنتج التمور.".into(),
            ..Default::default()
        };
        let r = crate::Pipeline::builtin().unwrap().process(&doc);
        let saudi = r.entities.iter().find(|e| e.id == "saudi-arabia");
        let texts: Vec<&str> = saudi
            .map(|e| e.mentions.iter().map(|m| m.text.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(texts, ["المملكة"]);
    }

    #[test]
    fn no_kingdom_or_two_kingdoms_leave_the_word_alone() {
        for text in [
            "وقالت المملكة إنها سترد.",
            "زار ملك الأردن المغرب، وقالت المملكة إنها سترد.",
            "Ministers in Norway expect the kingdom to reply.",
            // Bahrain named, and a Saudi by his nationality.
            "زار السفير السعودي البحرين، وقال إن المملكة ترحب.",
        ] {
            let got = kingdom_mentions(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }
}
