//! A known first name right before a gazetteer person or place makes a fuller person's
//! name: "Hillary Clinton" is not the "Clinton" the gazetteer means, "Neil Jordan" is not
//! the country, "جون بولتون" is a person. The mention grows to cover the first name and
//! becomes a person of its own (the gazetteer would have matched the whole name if it
//! listed it).
//!
//! The first names are the rules stage's lists (`gazetteers/rules/first-names-*.tsv` less
//! their stop lists and titles, as [`Lists`] loads them), so that "Will" or an Arabic
//! common noun is not taken for a name.
//!
//! The other way round, a name the rules found is the listed person when the gazetteer
//! lists it, or lists its head before a lineage ([`link_listed_names`]).

use super::{EntityKey, Resolved};
use crate::gazetteer::Gazetteer;
use crate::model::{Candidate, EntityType, Target};
use crate::rules::Lists;
use crate::text::{is_arabic, is_word_char, normalize, Prepared};

fn is_first_name(lists: &Lists, norm: &str) -> bool {
    lists.is_first_ar(norm) || lists.first_en.contains(norm)
}

/// The word right before byte `pos`, one space away, as a byte range.
pub(super) fn word_before(s: &str, pos: usize) -> Option<std::ops::Range<usize>> {
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
        // A word after it that makes the run a company's or a place's ("Franklin Ohio
        // Insured", a fund) leaves it alone, as the person rules do.
        let ender = || {
            crate::rules::word_after(s, r.span.end)
                .is_some_and(|n| lists.place_enders_en.contains(&normalize(&s[n])))
        };
        if first.start < end_before
            || !(latin_ok || arabic_ok)
            || !is_first_name(lists, &normalize(word))
            || (latin_ok && ender())
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

/// Words that carry a name on with its lineage or family (normalized: آل is "ال").
const LINEAGE: &[&str] = &["بن", "ابن", "بنت", "ال", "bin", "ibn", "bint", "al"];

/// First words of a name unit of two words ("عبد الله", "Abu Karim"): alone they name
/// too many people for a listed two-word alias to say whose lineage follows.
const UNIT_OPENERS: &[&str] = &["عبد", "ابو", "ام", "abd", "abdul", "abdel", "abu"];

/// Gives the listed person to a rule-found name that is a gazetteer alias, or a
/// gazetteer alias and then the person's lineage: "محمد بن سلمان بن عبدالعزيز" and
/// "سلمان بن عبدالعزيز آل سعود" are the listed Mohammed bin Salman and King Salman, not
/// new people. The gazetteer alone does not see them: a title alias before the name
/// ("الملك سلمان") takes its first word, or the rule's longer span wins over the alias.
pub fn link_listed_names(prep: &Prepared<'_>, gaz: &Gazetteer, cands: &mut [Candidate]) {
    let hay = prep.norm_text();
    let mut words: Vec<&str> = Vec::new();
    let mut key = String::new();
    for c in cands.iter_mut() {
        if c.etype != EntityType::Person
            || !matches!(c.target, Target::New { .. })
            || !c.source.starts_with("rule:")
        {
            continue;
        }
        let norm_start = prep.to_norm(c.span.start);
        let Some(name) = hay.get(norm_start..prep.to_norm(c.span.end)) else {
            continue;
        };
        words.clear();
        words.extend(name.split_whitespace());
        // The whole name, then shorter heads of it: a head its lineage follows is the
        // listed person with it; after any other head the rule ran on past the listed
        // name ("فلاديمير بوتين دان", "Putin condemned"), and the name ends there.
        for n in (2..=words.len()).rev() {
            if n == 2 && UNIT_OPENERS.contains(&words[0]) {
                break;
            }
            key.clear();
            for (i, w) in words[..n].iter().enumerate() {
                if i > 0 {
                    key.push(' ');
                }
                key.push_str(w);
            }
            let Some(e) = gaz.named(&key, EntityType::Person) else {
                continue;
            };
            if n < words.len() && !LINEAGE.contains(&words[n]) {
                // Not after a chain's head: a family name may follow a listed lineage
                // ("نواف بن فهد الغامدي") or a listed patronymic chain ("محمد رحيم")
                // may open another man's longer name ("محمد رحيم أمين").
                let chain = words[..n].iter().any(|w| LINEAGE.contains(w))
                    || words[n].starts_with("ال")
                    || gaz
                        .entities
                        .get(e as usize)
                        .is_some_and(|r| r.has_flag("chain"));
                if chain {
                    continue;
                }
                // The words are slices of `name`: the head ends where its last word does.
                let last = words[n - 1];
                let end =
                    norm_start + (last.as_ptr() as usize - name.as_ptr() as usize) + last.len();
                c.span = prep.to_orig(norm_start..end);
            }
            c.target = Target::Gazetteer(e);
            break;
        }
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
        // Nor when a word after the place makes the run a company's ("… Insured", a fund).
        let got = mentions("Harold Jordan Insured Fund shares fell.");
        assert_eq!(got[0].1, Loc, "{got:?}");
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

    /// Mentions (text, entity id) of a text run through the gazetteer below, the rules
    /// and resolution with coreference, in text order.
    fn linked(text: &str) -> Vec<(String, String)> {
        use crate::gazetteer::{parse, GazetteerBuilder};
        use crate::rules::Rules;
        use crate::text::Prepared;
        // Invented rows, with the shapes of listed royals' and surnames' aliases.
        let rows = "id\ttype\tcanonical\taliases\tids\tflags\n\
            king-fahd\tPERSON\tKing Fahd\tالملك فهد|فهد بن سعود\t\t\n\
            prince-nawaf\tPERSON\tNawaf bin Fahd\tنواف بن فهد\t\t\n\
            abdul-karim\tPERSON\tAbdul Karim\tعبد الكريم\t\t\n\
            orvald-brenner\tPERSON\tOrvald Brenner\tBrenner\t\t\n\
            velko-maren\tPERSON\tVelko Maren\tفيلكو مارين\t\t\n\
            sami-chain\tPERSON\tSami Rahim Daud Nuri\tسامي رحيم\t\tchain\n";
        let mut b = GazetteerBuilder::new();
        b.add_rows("test", parse("test.tsv", rows).unwrap());
        let gaz = b.build().unwrap();
        let prep = Prepared::new(text, None);
        let mut cands = gaz.annotate(&prep);
        let found = Rules::builtin().unwrap().annotate(&prep, &cands);
        cands.extend(found);
        let ents = crate::resolve::resolve(&prep, cands, &gaz, true);
        crate::resolve::mentions_in_order(&ents)
    }

    /// [`linked`]'s pairs as string slices, to compare with literals.
    fn strs(got: &[(String, String)]) -> Vec<(&str, &str)> {
        got.iter()
            .map(|(t, id)| (t.as_str(), id.as_str()))
            .collect()
    }

    #[test]
    fn a_listed_name_and_its_lineage_is_the_listed_person() {
        let got =
            linked("استقبل الملك فهد بن سعود آل عمران اليوم الأمير نواف بن فهد بن سعود في القصر.");
        // The title alias "الملك فهد" took the name's first word; the rule's longer name
        // is still the king, and the prince's full lineage is the listed prince.
        assert_eq!(
            strs(&got),
            [
                ("فهد بن سعود آل عمران", "king-fahd"),
                ("نواف بن فهد بن سعود", "prince-nawaf")
            ]
        );
    }

    #[test]
    fn a_name_unit_alias_or_a_listed_name_without_lineage_after_it_links_nobody() {
        // "عبد الكريم" alone is a name many share; "نواف بن فهد" and then a word that is no
        // lineage is another name.
        for text in [
            "وقال الوزير عبد الكريم بن حسن إن الاجتماع انتهى.",
            "وقال الوزير نواف بن فهد الغامدي إن الاجتماع انتهى.",
        ] {
            let got = linked(text);
            assert!(
                got.iter().all(|(_, id)| id.starts_with("person-")),
                "{text}: {got:?}"
            );
            assert!(!got.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_rule_name_that_runs_on_past_a_listed_name_ends_there() {
        // The verb after a listed full name is no name part ("دان" is also "Dan").
        let got = linked("وكان الرئيس فيلكو مارين دان الهجوم أمس.");
        assert_eq!(strs(&got), [("فيلكو مارين", "velko-maren")]);
        // A listed head of a patronymic chain opens other men's names too.
        let got = linked("وصرح سامي رحيم دان للصحفيين أمس.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.starts_with("person-"), "{got:?}");
    }

    #[test]
    fn the_family_name_with_al_is_short_for_an_unlisted_person_only() {
        let got = linked(
            "استقبل الملك فهد بن سعود آل عمران الخبير إبراهيم آل مرزوق. وقال آل مرزوق إن آل عمران حكموا طويلا.",
        );
        // The listed king's house is not the king; the expert is called by his.
        assert_eq!(
            strs(&got),
            [
                ("فهد بن سعود آل عمران", "king-fahd"),
                ("إبراهيم آل مرزوق", "person-ibrahim-al-marzouk"),
                ("آل مرزوق", "person-ibrahim-al-marzouk"),
            ]
        );
    }

    #[test]
    fn turkish_and_mauritanian_names_have_two_word_short_forms() {
        for (text, short) in [
            // A Turkish family name is a word and أوغلو.
            (
                "وصل الوزير مراد كاراتاش أوغلو أمس. وقال كاراتاش أوغلو إن الزيارة مهمة.",
                "كاراتاش أوغلو",
            ),
            // A Mauritanian name is called by ولد and the word after it.
            (
                "التقى المبعوث سالم ولد الشيخ محمد بالوزير. وقال ولد الشيخ إن اللقاء مثمر.",
                "ولد الشيخ",
            ),
        ] {
            let got = linked(text);
            assert_eq!(got.len(), 2, "{got:?}");
            assert_eq!(got[1].0, short);
            assert_eq!(got[0].1, got[1].1, "{got:?}");
        }
    }

    #[test]
    fn a_listed_surname_alone_is_the_company_named_after_it() {
        let got = linked("Brenner Shipping Co said profits rose. Brenner shares gained 3 pct.");
        assert_eq!(
            strs(&got),
            [
                ("Brenner Shipping Co", "org-brenner-shipping-co"),
                ("Brenner", "org-brenner-shipping-co")
            ]
        );
        // Beside a person of that name in full, the surname stays his.
        let got = linked("Chairman Hans Brenner said Brenner Shipping Co grew. Brenner spoke.");
        let brenner = got.iter().rfind(|(t, _)| t == "Brenner").unwrap();
        assert!(!brenner.1.starts_with("org-"), "{got:?}");
    }
}
