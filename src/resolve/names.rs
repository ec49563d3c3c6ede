//! A known first name right before a gazetteer person or place makes a fuller person's
//! name: "Hillary Clinton" is not the "Clinton" the gazetteer means, "Neil Jordan" is not
//! the country, "جون بولتون" is a person. The mention grows to cover the first name and
//! becomes a person of its own (the gazetteer would have matched the whole name if it
//! listed it).
//!
//! The first names are the rules stage's lists (`gazetteers/rules/first-names-*.tsv` less
//! their stop lists and titles, as [`Lists`] loads them), so that "Will" or an Arabic
//! common noun is not taken for a name.

use super::{EntityKey, Resolved};
use crate::gazetteer::Gazetteer;
use crate::model::EntityType;
use crate::rules::Lists;
use crate::text::{is_arabic, is_word_char, normalize, Prepared};

fn is_first_name(lists: &Lists, norm: &str) -> bool {
    lists.first_ar.contains(norm) || lists.first_en.contains(norm)
}

/// The word right before byte `pos`, one space away, as a byte range.
fn word_before(s: &str, pos: usize) -> Option<std::ops::Range<usize>> {
    let head = s[..pos].strip_suffix(' ')?;
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < head.len()).then_some(start..head.len())
}

/// Grows gazetteer person and place mentions over a first name before them; `record[i]`
/// is the gazetteer entity behind `resolved[i]`, if any.
pub fn extend_first_names(
    prep: &Prepared<'_>,
    gaz: &Gazetteer,
    resolved: &mut [Resolved],
    record: &[Option<u32>],
) {
    // Without the lists (they failed to load, which the rules stage reports) there is
    // nothing to extend with.
    let Ok(lists) = Lists::shared() else {
        return;
    };
    let s = prep.orig;
    let mut prev_end = 0;
    for (r, rec) in resolved.iter_mut().zip(record) {
        let end_before = prev_end;
        prev_end = r.span.end;
        let Some(rec) = rec else {
            continue;
        };
        let record = &gaz.entities[*rec as usize];
        let etype = record.etype;
        if !matches!(etype, EntityType::Person | EntityType::Location) || r.key.etype != etype {
            continue;
        }
        let Some(first) = word_before(s, r.span.start) else {
            continue;
        };
        let word = &s[first.clone()];
        let latin_ok = word.chars().next().is_some_and(char::is_uppercase)
            && s[r.span.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        // Arabic puts the verb first, so a subject's name often stands right before the
        // place it acts on ("لم يدخل موسى فلسطين"): only non-country places there.
        let arabic_ok = word.chars().all(is_arabic)
            && !(etype == EntityType::Location && super::context::is_nation_record(record));
        if first.start < end_before
            || !(latin_ok || arabic_ok)
            || !is_first_name(lists, &normalize(word))
        {
            continue;
        }
        let name = s[first.start..r.span.end].to_string();
        r.span = first.start..r.span.end;
        r.key = EntityKey {
            id: super::context::slug(&name).into(),
            canonical: name.into(),
            etype: EntityType::Person,
        };
        r.source = "context:first-name".to_string();
        r.home_country = None;
    }
}

#[cfg(test)]
mod tests {
    use crate::model::EntityType::{Location as Loc, Person as Per};
    use crate::resolve::context::tests::mentions;

    #[test]
    fn a_first_name_before_a_surname_alias_makes_another_person() {
        let got = mentions("Hillary Clinton met Bill Clinton, and Clinton spoke.");
        let got: Vec<_> = got
            .iter()
            .map(|(t, ty, id)| (t.as_str(), *ty, id.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Hillary Clinton", Per, "hillary-clinton"),
                ("Bill Clinton", Per, "bill-clinton"),
                ("Clinton", Per, "bill-clinton"),
            ]
        );
    }

    #[test]
    fn a_first_name_before_a_place_makes_a_person() {
        let got = mentions("Director Neil Jordan visited Jordan.");
        let got: Vec<_> = got.iter().map(|(t, ty, _)| (t.as_str(), *ty)).collect();
        assert_eq!(got, vec![("Neil Jordan", Per), ("Jordan", Loc)]);
        // Lower case is no name; a word that is also a common word is no first name.
        let got = mentions("the will Jordan has shown");
        assert_eq!(got[0].1, Loc);
    }

    #[test]
    fn arabic_first_names() {
        let got = mentions("وقال السفير جون بولتون إن المجلس اجتمع .");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0.as_str(), got[0].1), ("جون بولتون", Per));
        // Verb, subject, then the country: the country stays a place.
        let got = mentions("ولم يدخل موسى فلسطين .");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0.as_str(), got[0].1), ("فلسطين", Loc));
    }
}
