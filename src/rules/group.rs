//! Group rules: threat-actor ids (APT29, UNC2452, TA505, FIN7, Storm-0558), group nouns
//! with a quoted or Latin-script name, "called / known as / تدعى" + name typed by the
//! nearest head noun, and hackers + nationality ("قراصنة روس", "Russian hackers").

use super::lists::{hits_in, Cue, Hit};
use super::nationality::Nationalities;
use super::scan::{
    self, alpha, candidate, cap_words_after, cap_words_before, is_ar, is_latin, latin_name_after,
    new_target, orig, quoted_after, surface_target, word_after, word_before,
};
use crate::model::{Candidate, EntityType, Target};
use crate::text::Prepared;

/// How far back (normalized bytes) a "called" cue looks for the noun that types its name.
const HEAD_WINDOW: usize = 80;

/// All group candidates (and organizations named by a "called" cue) of a text.
pub(crate) fn find(
    prep: &Prepared<'_>,
    nats: &Nationalities,
    hits: &[Hit],
    out: &mut Vec<Candidate>,
) {
    let hay = prep.norm_text();
    for (i, h) in hits.iter().enumerate() {
        match h.cue {
            Cue::ThreatPrefix => out.extend(threat_id(prep, h)),
            // "مجموعة «X»" is as often a company's group as a militant or hacker one.
            Cue::GroupHeadAr { vague: true } if !sentence_tells_kind(prep, hits, h) => {}
            Cue::GroupHeadAr { .. } => {
                let at = after_modifiers_ar(prep, hits, h);
                let name = quoted_after(hay, at).or_else(|| latin_name_after(prep, at));
                if let Some(r) = name {
                    out.push(group(prep, r, "rule:group-head", 0.7));
                }
            }
            Cue::GroupHeadEn => {
                // "a separatist group, Tarvik, which...": a name set off by commas right
                // after the noun is the group's, whatever stands before the noun.
                if let Some(r) = appositive_after(prep, hits, h) {
                    out.push(group(prep, r, "rule:group-head", 0.65));
                    continue;
                }
                // "the ransomware gang Nightowl", "the militant group 'X'": the kind of
                // group before the noun, its name after it.
                if let Some(r) = kinded(hay, hits, i).then(|| name_after(prep, h)).flatten() {
                    out.push(group(prep, r, "rule:group-head", 0.7));
                    continue;
                }
                // "the Lazarus group", "a gang called X" (the latter via CalledEn).
                let before = cap_words_before(prep, h.s, 3);
                // "a British group", "the German group": a nationality is no name.
                let nationality =
                    matches!(before.as_slice(), [w] if nats.lookup(&hay[w.clone()]).is_some());
                // "Foreign Minister Qin Gang": after a title the words are a person's name
                // (the head a part of it); "Tarvik's group": a possessive names the owner.
                let titled = before.first().is_some_and(|f| {
                    hits[..i]
                        .iter()
                        .rev()
                        .take_while(|t| t.s >= f.start)
                        .any(|t| matches!(t.cue, Cue::TitleEn { .. }))
                });
                let owned = before
                    .last()
                    .is_some_and(|l| scan::possessive_stem(hay, l).is_some());
                // "the Vantor group", "the Halvor gang": in business, music and sports news
                // a company, a band, a league's pool. A group of the kind khabar tracks is
                // named so where its sentence says what kind it is.
                let kind_told = kind_told(prep, hits, i);
                if let (Some(f), Some(l), false) = (
                    before.first(),
                    before.last(),
                    nationality || titled || owned || !kind_told,
                ) {
                    out.push(group(prep, f.start..l.end, "rule:group-head", 0.6));
                }
            }
            Cue::CalledAr | Cue::CalledEn => out.extend(called(prep, hits, i, out)),
            Cue::Hackers => out.extend(hackers(prep, nats, h)),
            _ => {}
        }
    }
}

/// Where the name of the Arabic group noun `h` may begin: after the adjectives and
/// the genitive of kind that follow the noun ("مجموعة القرصنة الروسية «X»", "الجماعة
/// المسلحة «X»"), at most three of them, each a kind word or a nationality. A nationality
/// alone tells no kind of group ("الجماعة الأميركية" is a community): it is passed over
/// only where the sentence tells the kind.
fn after_modifiers_ar(prep: &Prepared<'_>, hits: &[Hit], h: &Hit) -> usize {
    let hay = prep.norm_text();
    let mut at = h.e;
    let mut nationality = false;
    for _ in 0..3 {
        let Some(w) = scan::word_after(hay, at) else {
            break;
        };
        let modifier = hits_in(hits, w.start..w.start + 1)
            .iter()
            .filter(|k| k.e >= w.end && matches!(k.cue, Cue::GroupKindAr | Cue::Nationality(_)))
            .max_by_key(|k| k.e);
        match modifier {
            Some(k) => {
                nationality |= matches!(k.cue, Cue::Nationality(_));
                at = k.e;
            }
            None => break,
        }
    }
    if nationality && !sentence_tells_kind(prep, hits, h) {
        return h.e;
    }
    at
}

/// True when the English group noun of hit `i` names a group of the kind khabar tracks:
/// a gang (a criminal one wherever it is named), a noun that says its kind ("hacker
/// group", "ransomware gang"), or a sentence that does. A capitalized "Gang" after a
/// name is as often part of a person's name ("Qin Gang"): it needs the kind told too.
fn kind_told(prep: &Prepared<'_>, hits: &[Hit], i: usize) -> bool {
    let hay = prep.norm_text();
    let Some(h) = hits.get(i) else { return false };
    let gang = hay.get(h.s..h.e) == Some("gang") && !scan::is_cap(prep, &(h.s..h.e));
    gang || kinded(hay, hits, i) || sentence_tells_kind(prep, hits, h)
}

/// True when the sentence of the group noun `h` has a word that tells a kind of group
/// ("ransomware", "militant", "hackers", "إرهابية") or a threat-actor id.
fn sentence_tells_kind(prep: &Prepared<'_>, hits: &[Hit], h: &Hit) -> bool {
    let at = prep.to_orig(h.s..h.e).start;
    let Some(s) = prep.sentences.get(prep.sentence_of(at)) else {
        return false;
    };
    let r = prep.to_norm(s.start)..prep.to_norm(s.end);
    hits_in(hits, r).iter().any(|k| {
        matches!(
            k.cue,
            Cue::GroupKindEn | Cue::GroupKindAr | Cue::Hackers | Cue::ThreatPrefix
        )
    })
}

/// A quoted name or up to three capitalized words right after the group noun of `h`.
fn name_after(prep: &Prepared<'_>, h: &Hit) -> Option<std::ops::Range<usize>> {
    quoted_after(prep.norm_text(), h.e).or_else(|| {
        let w = cap_words_after(prep, h.e, 3);
        Some(w.first()?.start..w.last()?.end)
    })
}

/// Up to three capitalized words between a comma right after the group noun of `h` and a
/// comma or a full stop: "a group, Tarvik, which", "the gang, Nightowl.". Not after a
/// capitalized noun, which ends a name ("Halvor Group, Inc"), nor a company's name with
/// its suffix ("the Lane group, Vantor Corp,").
fn appositive_after(prep: &Prepared<'_>, hits: &[Hit], h: &Hit) -> Option<std::ops::Range<usize>> {
    let hay = prep.norm_text();
    let comma = hay.get(h.e..)?.strip_prefix(',')?;
    if !comma.starts_with(' ') || scan::is_cap(prep, &(h.s..h.e)) {
        return None;
    }
    let w = cap_words_after(prep, h.e + 1, 3);
    let (f, l) = (w.first()?, w.last()?);
    let closed = hay.get(l.end..)?.starts_with([',', '.']);
    let company = hits_in(hits, f.start..l.end)
        .iter()
        .any(|s| s.cue == Cue::OrgSuffixEn);
    (closed && !company).then_some(f.start..l.end)
}

/// True when the group noun of hit `i` says what kind of group it is: the phrase itself
/// ("hacker group") or a kind word right before it ("ransomware gang").
fn kinded(hay: &str, hits: &[Hit], i: usize) -> bool {
    let Some(h) = hits.get(i) else { return false };
    hay.get(h.s..h.e).is_some_and(|p| p.contains(' '))
        || i.checked_sub(1).and_then(|k| hits.get(k)).is_some_and(|k| {
            k.cue == Cue::GroupKindEn
                && k.e <= h.s
                && hay.get(k.e..h.s).is_some_and(|g| g.trim().is_empty())
        })
}

fn group(prep: &Prepared<'_>, r: std::ops::Range<usize>, source: &str, conf: f32) -> Candidate {
    let target = surface_target("group", prep, &r);
    candidate(prep, r, EntityType::Group, target, source, conf)
}

/// APT29, UNC2452, TA505, FIN7, Storm-0558, DEV-0537: the prefix written in capitals
/// (Storm capitalized) and digits glued to it.
fn threat_id(prep: &Prepared<'_>, h: &Hit) -> Option<Candidate> {
    let hay = prep.norm_text();
    let digits = hay[h.e..].bytes().take_while(u8::is_ascii_digit).count();
    let r = h.s..h.e + digits;
    if digits == 0
        || hay[r.end..]
            .chars()
            .next()
            .is_some_and(crate::text::is_word_char)
    {
        return None;
    }
    let o = orig(prep, &(h.s..h.e));
    let letters: Vec<char> = o.chars().filter(|&c| alpha(c)).collect();
    let upper = letters.iter().all(|&c| scan::upper(c));
    let capitalized = letters.first().is_some_and(|&c| scan::upper(c));
    let storm = o.to_ascii_lowercase().starts_with("storm");
    if !(upper || (storm && capitalized)) {
        return None;
    }
    let canonical = orig(prep, &r).to_string();
    Some(candidate(
        prep,
        r,
        EntityType::Group,
        new_target("group", canonical),
        "rule:group-id",
        0.85,
    ))
}

/// `مجموعة من روسيا تدعى "REvil"`, "a gang known as X": the name after the cue, typed by
/// the nearest group or organization noun before it in the same stretch of text. A name
/// right after a group already found (`APT29، والمعروفة باسم "..."`) is its alias.
fn called(prep: &Prepared<'_>, hits: &[Hit], i: usize, found: &[Candidate]) -> Option<Candidate> {
    let hay = prep.norm_text();
    let h = hits.get(i)?;
    let arabic = matches!(h.cue, Cue::CalledAr);
    let name = if arabic {
        quoted_after(hay, h.e).or_else(|| latin_name_after(prep, h.e))
    } else {
        quoted_after(hay, h.e).or_else(|| {
            let w = cap_words_after(prep, h.e, 3);
            Some(w.first()?.start..w.last()?.end)
        })
    }?;
    let lo = h.s.saturating_sub(HEAD_WINDOW);
    let head = hits[..i]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, p)| p.e >= lo)
        .find_map(|(k, p)| match p.cue {
            // "a group of investors called X": as for a name before the noun.
            Cue::GroupHeadEn => kind_told(prep, hits, k).then_some(EntityType::Group),
            Cue::GroupHeadAr { vague } => {
                (!vague || sentence_tells_kind(prep, hits, p)).then_some(EntityType::Group)
            }
            Cue::Hackers => Some(EntityType::Group),
            Cue::OrgHeadAr { .. } => Some(EntityType::Organization),
            _ => None,
        })?;
    // An alias of the group just named: only a comma, "and" or spaces between.
    let alias_of = found.iter().rev().find(|c| {
        let end = prep.to_norm(c.span.end);
        c.etype == head
            && end <= h.s
            && hay[end..h.s]
                .chars()
                .all(|ch| ch.is_whitespace() || matches!(ch, ',' | '،' | 'و' | '('))
    });
    let (target, source) = match alias_of {
        Some(c) => (c.target.clone(), "rule:group-alias"),
        None => {
            let prefix = if head == EntityType::Group {
                "group"
            } else {
                "org"
            };
            (surface_target(prefix, prep, &name), "rule:called")
        }
    };
    let mut c = candidate(prep, name, head, target, source, 0.7);
    if let (Target::New { .. }, Some(a)) = (&c.target, alias_of) {
        c.country = a.country.clone();
    }
    Some(c)
}

/// "قراصنة روس" / "Russian hackers": a group named by its nationality.
fn hackers(prep: &Prepared<'_>, nats: &Nationalities, h: &Hit) -> Option<Candidate> {
    let hay = prep.norm_text();
    let hr = h.s..h.e;
    let (span, nat) = if is_ar(hay, &hr) {
        let w = word_after(hay, h.e)?;
        (h.s..w.end, nats.lookup(&hay[w])?)
    } else if is_latin(hay, &hr) {
        let w = word_before(hay, h.s)?;
        (w.start..h.e, nats.lookup(&hay[w])?)
    } else {
        return None;
    };
    let canonical = format!("{} hackers", nat.demonym);
    let mut c = candidate(
        prep,
        span,
        EntityType::Group,
        new_target("group", canonical),
        "rule:group-hackers",
        0.7,
    );
    c.country = Some(nat.code.clone());
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(text: &str) -> Vec<(String, String, EntityType, Option<String>)> {
        let (prep, hits, _) = crate::rules::test_inputs(text, false);
        let mut out = Vec::new();
        find(&prep, Nationalities::builtin(), &hits, &mut out);
        out.into_iter()
            .map(|c| {
                let canon = match c.target {
                    Target::New { canonical, .. } => canonical,
                    Target::Gazetteer(_) => String::new(),
                };
                (text[c.span].to_string(), canon, c.etype, c.country)
            })
            .collect()
    }

    #[test]
    fn a_nationality_before_group_is_no_name() {
        assert!(groups("the British group said on Monday").is_empty());
        assert!(groups("shares of the German group rose").is_empty());
        assert_eq!(
            groups("the Lazarus group of hackers struck")[0].0,
            "Lazarus"
        );
    }

    #[test]
    fn a_group_named_before_its_noun_needs_its_kind_told() {
        // Invented sentences: a company, a band, a pool of teams, a ship's crew.
        let none = [
            "The Vantor group said its sales rose by a third.",
            "Rock group Tarvik will tour in May.",
            "They must win their league group on Sunday.",
            "The Halvor crew landed safely.",
        ];
        for t in none {
            assert!(groups(t).is_empty(), "{t}");
        }
        // The sentence tells the kind, or the noun is a gang.
        let named = |t: &str| groups(t).into_iter().map(|g| g.0).collect::<Vec<_>>();
        assert_eq!(
            named("The Vantor group, a ransomware operation, leaked the files."),
            ["Vantor"]
        );
        assert_eq!(named("The Halvor gang robbed two banks."), ["Halvor"]);
        // So for a name after "called".
        assert!(groups("A group of investors called Harlow Partners bought shares.").is_empty());
        assert_eq!(
            named("A hacker group called Night Harbor struck."),
            ["Night Harbor"]
        );
    }

    #[test]
    fn a_kind_of_group_before_the_noun_puts_the_name_after_it() {
        // Invented sentences.
        assert_eq!(
            groups("the ransomware gang Nightowl struck again")[0].0,
            "Nightowl"
        );
        assert_eq!(
            groups("the hacker group Blue Lantern said so")[0].0,
            "Blue Lantern"
        );
        // Without a name after the noun, the name before it is read as before.
        assert_eq!(groups("the Nightowl hacker group struck")[0].0, "Nightowl");
        // A lowercase word after the noun is no name.
        assert!(groups("the militant group on Monday said").is_empty());
    }

    #[test]
    fn a_name_set_off_by_commas_after_the_group_noun() {
        let g = groups("Police detained members of a Varegian group, Tarvik, which they blamed.");
        let names: Vec<&str> = g.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["Tarvik"]);
        // A capitalized noun ends a company's name; a name with a company suffix is a
        // company's.
        let names = |t: &str| -> Vec<String> { groups(t).into_iter().map(|x| x.0).collect() };
        assert_eq!(
            names("the accused hackers were Halvor Group, Brennick Tobacco, and others."),
            ["Halvor"]
        );
        assert_eq!(
            names("A militant leader said the Lane group, Vantor Corp, bought arms."),
            ["Lane"]
        );
    }

    #[test]
    fn a_title_or_a_possessive_before_the_head_is_no_group() {
        // Invented sentences: a person whose name ends in a head word, and an owner.
        assert!(groups("talks with Deputy Minister Li Gang ended").is_empty());
        assert!(groups("Tarvik's group sales rose").is_empty());
        assert_eq!(groups("the Nightowl gang struck again")[0].0, "Nightowl");
    }

    #[test]
    fn digits_alone_name_no_group() {
        // Sentences that tell a kind of group, so that only the digits stop the name.
        assert!(groups("تفاوض الوفد ومجموعة 5+1 بعد الهجمات").is_empty());
        assert!(groups("قمة مجموعة 20 عن الإرهاب").is_empty());
        assert_eq!(groups("شنت مجموعة Lazarus هجمات على البنك")[0].0, "Lazarus");
    }

    #[test]
    fn a_vague_arabic_group_noun_needs_its_kind_told() {
        // Invented sentences: a company's group, then an armed one.
        assert!(groups("أعلنت مجموعة «نوران» القابضة أرباحها السنوية").is_empty());
        assert!(groups("وقعت مجموعة Varento عقدا مع الوزارة").is_empty());
        assert_eq!(
            groups("تبنت مجموعة «الفجر الأسود» المسلحة الهجوم على الحاجز")[0].0,
            "الفجر الأسود"
        );
        // A group noun that tells its kind by itself.
        assert_eq!(
            groups("أعلنت جماعة «الفجر الأسود» مسؤوليتها")[0].0,
            "الفجر الأسود"
        );
    }

    #[test]
    fn the_name_comes_after_the_adjectives_of_an_arabic_group_noun() {
        // Invented sentences.
        assert_eq!(
            groups("وقالت إن مجموعة القرصنة الإيرانية «سيف الظل» نفذت الاختراق")[0].0,
            "سيف الظل"
        );
        assert_eq!(
            groups("وتبنت الجماعة المسلحة «كتيبة الوادي» الهجوم")[0].0,
            "كتيبة الوادي"
        );
        // A nationality alone tells no kind: "the American community".
        assert!(groups("وقال أمام الجماعة الأميركية «نحن شركاء»").is_empty());
    }

    #[test]
    fn a_capitalized_gang_after_a_name_needs_the_kind_told() {
        // Invented sentences.
        assert!(groups("The envoy held talks with Wen Gang on Sunday.").is_empty());
        assert_eq!(
            groups("Police said the Harlow gang robbed a bank.")[0].0,
            "Harlow"
        );
    }

    #[test]
    fn threat_ids() {
        let g = groups("نسبت الهجمات إلى APT41 وFIN7 و Storm-0558، لا apt3 ولا TA.");
        let names: Vec<&str> = g.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, vec!["APT41", "FIN7", "Storm-0558"]);
    }

    #[test]
    fn called_cue_types_by_head() {
        let g = groups("هاجمت عصابة من الخارج تدعى \"DarkNova\" مستشفى");
        assert_eq!(g[0].0, "DarkNova");
        assert_eq!(g[0].2, EntityType::Group);
        let g = groups("a ransomware gang known as BlackDrift hit the firm");
        assert_eq!(g.last().map(|x| x.0.as_str()), Some("BlackDrift"));
        // No group or organization noun before the cue: nothing is guessed.
        assert!(groups("رجل يدعى \"فلان\" قال").is_empty());
    }

    #[test]
    fn alias_links_to_previous_group() {
        let g = groups("جزء من مجموعة APT41، والمعروفة باسم \"الباندا الخبيثة\" وقد");
        let alias = g.iter().find(|x| x.0 == "الباندا الخبيثة").unwrap();
        assert_eq!(alias.1, "APT41");
    }

    #[test]
    fn hackers_with_nationality() {
        let g = groups("عندما اخترق قراصنة إيرانيون خوادم البلدية");
        assert_eq!(g[0].0, "قراصنة إيرانيون");
        assert_eq!(g[0].1, "Iranian hackers");
        assert_eq!(g[0].3.as_deref(), Some("IR"));
        let g = groups("Chinese hackers stole data");
        assert_eq!(g[0].1, "Chinese hackers");
        assert!(groups("قال القراصنة إن").is_empty());
    }
}
