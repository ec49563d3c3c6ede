//! Person rules: a title or role before a name (Arabic and English), a known first name
//! followed by more name words, a reporting verb followed by a name; Arabic name chains
//! (بن، ابن، بنت، أبو، آل; عبد + divine name as one unit).

use std::ops::Range;

use super::lists::{abd_compound, ali, cue_at, hits_in, written_with_ya, Cue, Hit, Lists, ALI};
use super::nationality::Nationalities;
use super::scan::{
    candidate, cap_words_after, cap_words_before, en_particle, en_stop, in_capitals, is_ar, is_cap,
    is_latin, known_at, new_target, orig, push_title_case, surface_target, taken, word_after,
    word_before, written_in_lower_case,
};
use crate::model::{Candidate, EntityType};
use crate::text::{is_prep_clitic, name_starts, starts_sentence, word_start, Prepared};

/// Arabic name-chain particles, normalized (آل → ال, أبو → ابو).
fn particle(w: &str) -> bool {
    filiation(w) || matches!(w, "ابو" | "ابي" | "ال")
}

/// The particles of filiation ("son of", "daughter of"): a name before one continues
/// into the name after it.
fn filiation(w: &str) -> bool {
    matches!(w, "بن" | "ابن" | "بنت")
}

/// Joins a Mauritanian name to the father's ("son of").
pub(crate) const OULD: &str = "ولد";

/// The father's name after the ولد at `ould` ("[الشيخ أحمد]", "[عبد العزيز]", "[محمد]"):
/// a first name, a first name after الشيخ, or an عبد unit. `None` for the verb ولد ("was
/// born"), which a preposition or a time follows.
fn ould_father(lists: &Lists, hay: &str, ould: &Range<usize>) -> Option<Vec<Range<usize>>> {
    let n = word_after(hay, ould.end).filter(|n| is_ar(hay, n))?;
    let nt = &hay[n.clone()];
    let after = word_after(hay, n.end).filter(|x| is_ar(hay, x));
    match after {
        Some(x) if nt == "الشيخ" && lists.is_first_ar(&hay[x.clone()]) => Some(vec![n, x]),
        Some(x) if nt == "عبد" => Some(vec![n, x]),
        _ if lists.is_first_ar(nt) && !lists.blocked.contains(nt) => Some(vec![n]),
        _ => None,
    }
}

/// The second word of a Turkish family name ("داود أوغلو", normalized).
pub(crate) const OGLU: &str = "اوغلو";

/// Most common English spellings of chain particles.
fn particle_en(w: &str) -> &'static str {
    match w {
        "بن" | "ابن" => "bin",
        "بنت" => "bint",
        "ولد" => "ould",
        "ابو" | "ابي" => "abu",
        _ => "al",
    }
}

/// True for a word shaped as a verb rather than a name: the future prefix سـ on an
/// imperfect verb ("سيقرر", "ستعقد", "سنعمل"), the plural ending وا of a past verb
/// ("استنكروا"), a four-letter تفعّل past verb, or the imperfect of تفعّل/تفاعل ("يتحدث").
/// Only asked of words no name list has.
pub(crate) fn verb_shaped(t: &str) -> bool {
    let n = t.chars().count();
    t.ends_with("وا")
        || t.starts_with("سي")
        || t.starts_with("ست")
        || t.starts_with("سن")
        || (n == 4 && t.starts_with('ت') && !t.chars().skip(1).any(|c| "اويى".contains(c)))
        // The imperfect of تفعّل and تفاعل verbs: "يتحدث", "يتابع", "تتهم".
        || (n >= 5 && (t.starts_with("يت") || t.starts_with("تت")))
        // Of استفعل verbs: "يستقبل", "تستدعي".
        || (n >= 5 && (t.starts_with("يست") || t.starts_with("تست")))
}

/// True for a word carrying a possessive suffix ("دفاعها", "باسمهم"): it belongs to
/// the title before it ("وزير دفاعها جون كاربينتر"), never to a name. Only asked of
/// words no name list has.
fn possessive(t: &str) -> bool {
    t.ends_with("ها") || t.ends_with("هم")
}

/// Punctuation that may close a name in apposition ("سمير الزعفراني (1950", "سامي
/// الفلاحيني: ...").
const CLOSING_PUNCT: [char; 7] = ['،', ',', '(', ')', ':', '.', '؛'];

/// How sure a first word must be to start an Arabic name.
#[derive(Clone, Copy, PartialEq)]
enum Start {
    /// Any word that is not blocked (after a strong title cue).
    Loose,
    /// A known name word.
    Known,
    /// A known name word right after a reporting verb ("قال ..."): the speaker's
    /// name, so after a known first name the next word is a family name as after a
    /// title.
    Speaker,
}

/// A function word with a pronoun joined to its end ("خلالها" during it, "أمامهم" before
/// them, "بينهما"): never a name, though it stands where a family name could.
fn with_pronoun(lists: &Lists, t: &str) -> bool {
    const PRONOUNS: [&str; 7] = ["هما", "هم", "هن", "ها", "كم", "نا", "ه"];
    PRONOUNS.iter().any(|p| {
        t.strip_suffix(p)
            .is_some_and(|stem| stem.chars().count() >= 2 && lists.function_ar.contains(stem))
    })
}

/// Where the Arabic name of at least two words that starts with the first name at
/// `first` ends, if one does: the name an organization is named for ("جامعة جون هوبكنز").
pub(crate) fn ar_name_end(
    lists: &Lists,
    prep: &Prepared<'_>,
    first: Range<usize>,
) -> Option<usize> {
    if !lists.is_first_ar(&prep.norm_text()[first.clone()]) {
        return None;
    }
    let mut words = Vec::new();
    read_ar_name(lists, prep, first, Start::Known, &mut words);
    (words.len() >= 2)
        .then(|| words.last().map(|l| l.end))
        .flatten()
}

/// Where the name after a title that an institution is named for ends ("جامعة الملك
/// سعود", "مؤسسة الأمير سلطان"): one known name word is enough there, the title having
/// said that a person follows.
pub(crate) fn titled_name_end(
    lists: &Lists,
    prep: &Prepared<'_>,
    first: Range<usize>,
) -> Option<usize> {
    let mut words = Vec::new();
    read_ar_name(lists, prep, first, Start::Known, &mut words);
    words.last().map(|l| l.end)
}

/// Reads an Arabic name whose first word is `first` into `words` (cleared first; left
/// empty when there is none): its words, a chain particle and its noun being two. The
/// caller keeps one buffer for all the cues of a document (a vector per cue was most of
/// the rules' allocations in Arabic text).
fn read_ar_name(
    lists: &Lists,
    prep: &Prepared<'_>,
    first: Range<usize>,
    start: Start,
    words: &mut Vec<Range<usize>>,
) {
    words.clear();
    let hay = prep.norm_text();
    // By position: "علي" is a name word or a stop word by its spelling ([`ali`]).
    let known = |w: &Range<usize>| lists.name_word(&hay[w.clone()]) || ali(prep, w);
    let blocked = |w: &Range<usize>| lists.blocked.contains(&hay[w.clone()]) && !ali(prep, w);
    let fw = &hay[first.clone()];
    let first_name = lists.is_first_ar(fw) || ali(prep, &first);
    // A word followed by a chain particle is a name whatever else it may be ("تركي بن").
    // Read only when it decides: most first words are neither blocked nor unknown.
    let chain_next = || word_after(hay, first.end).is_some_and(|n| particle(&hay[n]));
    if !is_ar(hay, &first) || (blocked(&first) && !chain_next()) || fw.chars().count() < 2 {
        return;
    }
    // At most six words and the two or three a chain adds at the end: one allocation
    // (none once the buffer has grown).
    words.reserve(9);
    words.push(first.clone());
    // "قال ولد الشيخ": a Mauritanian name's lineage alone.
    if fw == OULD {
        match ould_father(lists, hay, &first) {
            Some(father) => words.extend(father),
            None => return words.clear(),
        }
    } else if fw == "عبد" {
        match word_after(hay, first.end) {
            Some(n) if is_ar(hay, &n) => words.push(n),
            _ => return words.clear(),
        }
    } else if start != Start::Loose && !known(&first) && !chain_next() {
        return words.clear();
    }
    if start == Start::Loose && !known(&first) && (fw.starts_with("ال") || fw.starts_with('و')) {
        return words.clear();
    }
    // The last unit read was a chain particle and its noun ("بن عبد الكريم"), or the
    // name read so far follows a particle ("مساعد بن [محمد] العيبان": the lineage before
    // it is taken in at the end).
    let mut chained = word_before(hay, first.start).is_some_and(|p| filiation(&hay[p]));
    while words.len() < 6 {
        let Some(last) = words.last() else { break };
        let Some(w) = word_after(hay, last.end) else {
            break;
        };
        if !is_ar(hay, &w) {
            break;
        }
        let t = &hay[w.clone()];
        // "فهد بن نواف وولي العهد", "سالم وأحمد": inside a name, a word with و that no
        // list has as a name of its own (at most as the spelling of a foreign one,
        // "Woolley") is the conjunction when the rest is a title, a first name or a
        // function word ("وقاص" is a name: "قاص" is none of these).
        let conjoined = t.strip_prefix('و').is_some_and(|r| {
            r.chars().count() >= 2
                && (lists.title_words.contains(r)
                    || lists.title_heads.contains(r)
                    || lists.is_first_ar(r)
                    || lists.function_ar.contains(r))
        }) && !lists.strong.contains(t)
            && !lists.is_first_ar(t);
        if conjoined {
            break;
        }
        // "أحمد داود أوغلو", "كمال كليتشدار أوغلو": a Turkish family name of a word and
        // أوغلو ("son of") after it, whatever the word is.
        if t == OGLU {
            words.push(w);
            break;
        }
        if let Some(n) = word_after(hay, w.end).filter(|n| &hay[n.clone()] == OGLU) {
            if t.chars().count() >= 2 && !blocked(&w) && !lists.function_ar.contains(t) {
                words.push(w);
                words.push(n);
            }
            break;
        }
        // "إسماعيل ولد الشيخ أحمد", "محمد ولد عبد العزيز": Mauritanian names join the
        // father's name with ولد ("son of"). The verb ولد ("was born") is followed by a
        // preposition or a time instead.
        if t == OULD {
            let Some(father) = ould_father(lists, hay, &w) else {
                break;
            };
            words.push(w);
            words.extend(father);
            // The father's name ends it: a word with ال after it is the next phrase's
            // ("… أحمد المبعوث الأممي").
            break;
        }
        if particle(t) {
            // The father's name after بن may spell a stop word too ("بن تركي", also
            // "Turkish"), not a function word ("إلى" spells "Eli" too).
            let fathers = |n: &Range<usize>| {
                let x = &hay[n.clone()];
                !blocked(n)
                    || filiation(t)
                        && lists.first_ar_homographs.contains(x)
                        && !lists.function_ar.contains(x)
            };
            match word_after(hay, w.end) {
                Some(n) if is_ar(hay, &n) && fathers(&n) => {
                    let abd = &hay[n.clone()] == "عبد";
                    words.push(w);
                    words.push(n.clone());
                    // "بن عبد الكريم": the divine name belongs to the unit.
                    if abd {
                        match word_after(hay, n.end) {
                            Some(x) if is_ar(hay, &x) => words.push(x),
                            _ => break,
                        }
                    }
                    chained = true;
                    continue;
                }
                _ => break,
            }
        }
        if t == "عبد" {
            match word_after(hay, w.end) {
                Some(n) if is_ar(hay, &n) => {
                    words.push(w);
                    words.push(n);
                    continue;
                }
                _ => break,
            }
        }
        // The family name may be a word no list has ("فؤاد السنيورة"), where a name is
        // expected (the two cases below). Not a word that opens with the preposition لـ
        // on the article ("سلمان للإغاثة", "زايد للخير": a name inside an institution's
        // name), nor with the conjunction و.
        // Nor a function word behind a preposition ("أبلغ السفير رامي بأنه": "that he").
        let behind_preposition = t.chars().next().is_some_and(|c| {
            let r = &t[c.len_utf8()..];
            is_prep_clitic(c) && r.chars().count() >= 2 && lists.function_ar.contains(r)
        });
        let slot_word = t.chars().count() >= 3
            && !t.starts_with('و')
            && !t.starts_with("لل")
            && !behind_preposition
            && !with_pronoun(lists, t);
        // After a title, or after a reporting verb and a first name, the second word is
        // the family name unless it has the shape of a verb ("الرئيس ماهر سيزور");
        // after a reporting verb, not a word opening with the preposition لـ either
        // ("قال جون لمراسلنا").
        let expected = words.len() == 1
            && match start {
                Start::Loose => known(&first),
                Start::Speaker => first_name && !t.starts_with('ل'),
                Start::Known => false,
            }
            && (known(&w) || !verb_shaped(t));
        // After a known first word, a word no list has is the family name when a title
        // follows it in apposition ("أضاف ماركو فيلاسكيث مدير المعهد"), or when it is a
        // nisba (ال…ي) that punctuation closes ("سامي الفلاحيني:"). Further into the name
        // only a word with ال is read so ("أحمد يوسف الفلاحيني مدير"): a bare word there
        // is mostly a noun in construct with the title ("مساعد وزير").
        let apposed = || {
            (words.len() == 1 || t.starts_with("ال"))
                && known(&first)
                && !known(&w)
                && match word_after(hay, w.end) {
                    Some(n) => lists.title_words.contains(&hay[n]),
                    None => {
                        t.starts_with("ال")
                            && t.ends_with('ي')
                            && t.chars().count() >= 4
                            && hay[w.end..].trim_start().starts_with(CLOSING_PUNCT)
                    }
                }
        };
        let surname_slot = slot_word && (expected || apposed());
        // After a chain ("خالد بن إبراهيم"), a family name with ال may close the name.
        // Not a feminine nisba (…ية, normalized …يه): it describes what the name is
        // inside ("جامعة الإمام محمد بن سعود الإسلامية").
        let chain_end = chained
            && t.starts_with("ال")
            && t.chars().count() >= 4
            && !t.ends_with("يه")
            && !lists.title_words.contains(t);
        // "سعيد محمد الكندي": after a first name and a name word that is a person's for
        // sure (his father's name), a nisba (ال…ي) is the family name that closes the name,
        // listed or not. Not a feminine one, nor a title.
        let nisba_end = words.len() == 2
            && first_name
            // A first name read after a proclitic ("بريد" as ب + "ريد") is too weak.
            && word_start(hay, first.start) == first.start
            && words
                .get(1)
                .is_some_and(|f| lists.strong.contains(&hay[f.clone()]))
            && t.starts_with("ال")
            && t.ends_with('ي')
            && t.chars().count() >= 5
            && !lists.title_words.contains(t)
            && !lists.title_heads.contains(t)
            // Written with ي: "التقى" (he met) is a verb, only folded into the shape.
            && written_with_ya(prep, &w);
        // "نصر الله", "حسب الله": the divine name closes a compound name word.
        if t == "الله" {
            let prev = words.last().map(|p| &hay[p.clone()]);
            if prev.is_some_and(|p| lists.allah_compounds.contains(p)) {
                words.push(w);
            }
            break;
        }
        if (chain_end || nisba_end) && !blocked(&w) {
            words.push(w);
            break;
        }
        if (known(&w) || surname_slot) && !blocked(&w) {
            chained = false;
            words.push(w);
        } else {
            break;
        }
    }
    // Only a name with a word of its own ("أبي" alone is a particle).
    if words.iter().any(|w| !particle(&hay[w.clone()])) {
        lineage_before(lists, hay, words);
    }
}

/// Takes in the lineage a name continues ("علي بن [حمدان]", "ابن [أبي سالم]"): a
/// chain particle right before the name, and the word before that particle: a known
/// name word, a first name that also spells a stop word ("علي", the preposition على once
/// normalized), or any other word that is no function word (a word seldom a name is one
/// before بن: "يزيد بن"), has no article and does not open with the conjunctions و and ف
/// ("فأخرج ابن سالم …" begins with a verb). Without that word only ابن is taken.
fn lineage_before(lists: &Lists, hay: &str, words: &mut Vec<Range<usize>>) {
    let Some(first) = words.first() else { return };
    let Some(p) = word_before(hay, first.start) else {
        return;
    };
    if !filiation(&hay[p.clone()]) {
        return;
    }
    let x = word_before(hay, p.start).filter(|x| {
        let t = &hay[x.clone()];
        is_ar(hay, x)
            && t.chars().count() >= 2
            && !lists.title_words.contains(t)
            && !particle(t)
            && (lists.name_word(t)
                || lists.first_ar_homographs.contains(t)
                || !(t.starts_with("ال")
                    || t.starts_with('و')
                    || t.starts_with('ف')
                    || lists.function_ar.contains(t)))
    });
    // "ابن خلدون" is a name by itself; "بن طلال" is the end of one whose start was not
    // read.
    if x.is_none() && &hay[p.clone()] != "ابن" {
        return;
    }
    words.insert(0, p);
    if let Some(x) = x {
        words.insert(0, x);
    }
}

/// English canonical of an Arabic name, word by word; `None` when a word has no spelling.
/// The spellings joined by spaces, each letter after a space or at the start uppercased
/// (as [`push_title_case`] does), with a capitalized particle "Bin " or "Bint " lowercased.
/// Written straight into one string: the join, the title-casing and the replacements
/// each made a copy.
fn ar_canonical(lists: &Lists, hay: &str, words: &[Range<usize>]) -> Option<String> {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        let t = &hay[w.clone()];
        let after_ould = i > 0 && words.get(i - 1).is_some_and(|p| &hay[p.clone()] == OULD);
        let part = if particle(t) || t == OULD {
            particle_en(t)
        } else if after_ould && t == "الشيخ" {
            "cheikh"
        } else if t == OGLU {
            "oglu"
        } else if let Some(divine) = abd_compound(t) {
            // Spelled as "عبد العزيز" is: two words.
            if i > 0 {
                s.push(' ');
            }
            push_title_case("abdul", &mut s);
            s.push(' ');
            push_title_case(lists.name_words.get(divine)?, &mut s);
            continue;
        } else if t == ALI {
            // Read as a name only where its spelling says so ([`ali`]); the stop-word
            // filter keeps it out of the spellings.
            "ali"
        } else {
            lists
                .name_words
                .get(t)
                .or_else(|| lists.homograph_spellings.get(t))?
                .as_str()
        };
        if i > 0 {
            s.push(' ');
        }
        push_title_case(part, &mut s);
    }
    if s.contains("Bin ") || s.contains("Bint ") {
        s = s.replace("Bin ", "bin ").replace("Bint ", "bint ");
    }
    Some(s)
}

/// Builds a person candidate from Arabic name words.
fn ar_person(
    prep: &Prepared<'_>,
    lists: &Lists,
    words: &[Range<usize>],
    source: &str,
    confidence: f32,
) -> Option<Candidate> {
    let hay = prep.norm_text();
    let (first, last) = (words.first()?, words.last()?);
    let r = first.start..last.end;
    let target = match ar_canonical(lists, hay, words) {
        Some(canonical) => new_target("person", canonical),
        None => surface_target("person", prep, &r),
    };
    Some(candidate(
        prep,
        r,
        EntityType::Person,
        target,
        source,
        confidence,
    ))
}

/// Builds a person candidate from English name words.
fn en_person(
    prep: &Prepared<'_>,
    lists: &Lists,
    hits: &[Hit],
    words: &[Range<usize>],
    source: &str,
    confidence: f32,
) -> Option<Candidate> {
    // The lists and the normalized text are both lower case.
    let hay = prep.norm_text();
    let word = |w: &Range<usize>| &hay[w.clone()];
    // "Ann Lowe QC": the letters after a name are not part of it.
    let kept = words
        .iter()
        .rposition(|w| !lists.postnominals_en.contains(word(w)))?;
    // A first name and letters alone ("Ann MP") are too little to be a name.
    if kept == 0 && words.len() > 1 {
        return None;
    }
    let words = &words[..=kept];
    let (first, last) = (words.first()?, words.last()?);
    // "Ellis Island", "Davis Cup", "Victoria Palace Theatre": a first name opens the
    // name of a place, an event or a company that the word at its end (or right after
    // it) tells.
    let next = cap_words_after(prep, last.end, 1);
    if words[1..]
        .iter()
        .chain(next.first())
        .any(|w| lists.place_enders_en.contains(word(w)))
    {
        return None;
    }
    let mut r = first.start..last.end;
    // A company's name may open with a first name ("Morgan Guaranty Trust", "Morgan
    // Guaranty Ltd"): capitalized words that an organization suffix ends are the
    // organization rule's, not a person, also when the suffix comes after the words read
    // as a name ("A. B. Lane Co").
    let run_end = cap_words_after(prep, r.end, 2)
        .last()
        .map_or(r.end, |w| w.end);
    if hits_in(hits, first.start + 1..run_end)
        .iter()
        .any(|h| matches!(h.cue, Cue::OrgSuffixEn))
    {
        return None;
    }
    // A possessive is not part of the name.
    if hay[r.clone()].ends_with("'s") {
        r.end -= 2;
    }
    let target = surface_target("person", prep, &r);
    Some(candidate(
        prep,
        r,
        EntityType::Person,
        target,
        source,
        confidence,
    ))
}

/// A first name (or an initial with its full stop) at `r` and the capitalized words after
/// it, up to two: a person when there is at least one.
fn en_first_name(
    prep: &Prepared<'_>,
    lists: &Lists,
    hits: &[Hit],
    r: Range<usize>,
    inside: bool,
    source: &str,
    confidence: f32,
) -> Option<Candidate> {
    let hay = prep.norm_text();
    if !is_latin(hay, &r) || !is_cap(prep, &r) {
        return None;
    }
    let mut words = vec![r.clone()];
    words.extend(cap_words_after(prep, r.end, 2));
    let rest = words.get(1..).unwrap_or_default();
    // In an all-capitals headline capitals tell no name. An initial is in capitals by
    // itself: the family name tells.
    let telling = if hay[r.clone()].ends_with('.') {
        rest.last()
    } else {
        Some(&r)
    };
    // A family name has no digits ("Bill C-40"), and after a first name that is also a
    // common word a numeral names a model ("Mark IV").
    if rest.is_empty()
        || telling.map_or(true, |w| in_capitals(prep, w))
        || rest
            .iter()
            .any(|w| hay[w.clone()].bytes().any(|b| b.is_ascii_digit()))
        || inside && rest.iter().any(|w| roman_numeral(orig(prep, w)))
    {
        return None;
    }
    en_person(prep, lists, hits, &words, source, confidence)
}

/// "IV", "XII": a regnal or model number, not a family name.
fn roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| b"IVXLC".contains(&b))
}

/// True when the word at `pos` is inside a sentence and no capitalized Latin word stands
/// right before it: it would open a name, not continue one.
fn opens_name(prep: &Prepared<'_>, pos: usize) -> bool {
    let hay = prep.norm_text();
    !starts_sentence(hay, pos)
        && word_before(hay, pos).map_or(true, |w| !(is_latin(hay, &w) && is_cap(prep, &w)))
}

/// True when a name the gazetteers know, not a person's, begins at the word right before
/// `pos` (nothing but spaces between) and goes on past it.
fn inside_known(prep: &Prepared<'_>, known: &[Candidate], pos: usize) -> bool {
    let hay = prep.norm_text();
    let Some(w) = word_before(hay, pos) else {
        return false;
    };
    let (start, at) = (prep.to_orig(w).start, prep.to_orig(pos..pos).start);
    known_at(known, start)
        .iter()
        .any(|c| c.span.end > at && c.etype != EntityType::Person)
}

/// True when the first name `h` opens a longer name the gazetteers know as something else
/// than a person ("Morgan Stanley"): the person rule must not read it and the words after
/// it as a person ("Morgan Stanley International").
fn opens_known(prep: &Prepared<'_>, known: &[Candidate], h: &Hit) -> bool {
    let r = prep.to_orig(h.s..h.e);
    known_at(known, r.start)
        .iter()
        .any(|c| c.span.end > r.end && c.etype != EntityType::Person)
}

/// True when the letter and full stop of `h` may be the initial of a first name: a word
/// of its own (not the "S." of "U.S."), opening a name or a sentence, and followed by a
/// word that is neither a place or an organization the gazetteers know ("N. Korea") nor a
/// nationality ("S. African").
fn initial_of_name(prep: &Prepared<'_>, hits: &[Hit], known: &[Candidate], h: &Hit) -> bool {
    let hay = prep.norm_text();
    let alone = hay
        .get(..h.s)
        .unwrap_or_default()
        .chars()
        .next_back()
        .map_or(true, |c| c.is_whitespace() || matches!(c, '(' | '"'));
    if !alone || !(opens_name(prep, h.s) || starts_sentence(hay, h.s)) {
        return false;
    }
    // The second of two initials is read with the first ("A. B. Lane").
    if ends_with_initial(hay.get(..h.s).unwrap_or_default().trim_end()) {
        return false;
    }
    let Some(next) = word_after(hay, h.e) else {
        return false;
    };
    // A two-letter word with a full stop is an abbreviation ("W. Va.").
    if next.len() == 2 && hay[next.end..].starts_with('.') {
        return false;
    }
    let at = prep.to_orig(next.clone()).start;
    let other = known_at(known, at)
        .iter()
        .any(|c| c.etype != EntityType::Person);
    let nationality = cue_at(hits, next.start, |c| matches!(c, Cue::Nationality(_)));
    !other && !nationality
}

/// True when `head` ends with a letter alone and a full stop ("... A.").
fn ends_with_initial(head: &str) -> bool {
    let Some(t) = head.strip_suffix('.') else {
        return false;
    };
    let mut cs = t.chars().rev();
    cs.next().is_some_and(char::is_alphabetic) && !cs.next().is_some_and(char::is_alphanumeric)
}

/// All person candidates of a text.
pub(crate) fn find(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    hits: &[Hit],
    known: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    let hay = prep.norm_text();
    // Normalized end of the last person found, so a first name inside it is not re-read.
    let mut covered = 0usize;
    // The words of the Arabic name being read ([`read_ar_name`]).
    let mut name = Vec::new();
    for h in hits {
        if h.s < covered {
            continue;
        }
        let found = match h.cue {
            Cue::TitleAr => title_ar(prep, lists, nats, hits, h, known, &mut name),
            Cue::TitleEn {
                case,
                first_name,
                acronym,
            } => {
                if case && !is_cap(prep, &(h.s..h.e)) || !acronym && in_capitals(prep, &(h.s..h.e))
                {
                    None
                } else {
                    let mut words = cap_words_after(prep, h.e, 4);
                    // A nationality between the title and the name is neither ("seventh
                    // seed Russian Tovo Raskel").
                    let nationality = |w: &Range<usize>| {
                        cue_at(hits, w.start, |c| matches!(c, Cue::Nationality(_)))
                    };
                    if words.len() > 1 && words.first().is_some_and(nationality) {
                        words.remove(0);
                    }
                    // An acronym ("CEO") is in capitals in running text too: a headline in
                    // capitals shows in the name after it.
                    let headline = acronym && words.first().is_some_and(|w| in_capitals(prep, w));
                    let named = !headline && !first_name
                        || words
                            .first()
                            .is_some_and(|w| lists.first_en.contains(&hay[w.clone()]));
                    // "Lord Chancellor Lord Tessan": a title after a title is no name; the
                    // last of them names the person.
                    let titled = words.first().is_some_and(|w| {
                        cue_at(hits, w.start, |c| matches!(c, Cue::TitleEn { .. }))
                    });
                    if named && !titled {
                        en_person(prep, lists, hits, &words, "rule:person-title", 0.75)
                    } else {
                        None
                    }
                }
            }
            Cue::FirstAr => {
                // "الفرنسي نيكولا بارديوس", "العداء المغربي سالم دوريق": after a nationality
                // that stands for a person, a first name's next word is the family name,
                // as after a title.
                let national = word_before(hay, h.s).is_some_and(|p| {
                    let t = &hay[p];
                    t.starts_with("ال") && nats.lookup(t).is_some()
                });
                let start = if national {
                    Start::Speaker
                } else {
                    Start::Known
                };
                read_ar_name(lists, prep, h.s..h.e, start, &mut name);
                cut_at_known(prep, lists, known, &mut name);
                if name.len() >= 2 {
                    ar_person(prep, lists, &name, "rule:person-first-name", 0.6)
                } else {
                    None
                }
            }
            // "San Francisco", "Sao Paulo": a first name inside a place or an
            // organization the gazetteers know, which begins with the word before it.
            Cue::FirstEn if inside_known(prep, known, h.s) || opens_known(prep, known, h) => None,
            Cue::FirstEn => en_first_name(
                prep,
                lists,
                hits,
                h.s..h.e,
                false,
                "rule:person-first-name",
                0.6,
            ),
            // At a sentence's start "Bill" or "Mark" may be the common word; after a
            // capitalized word it is inside another name ("the Finance Bill").
            Cue::FirstEnInside if opens_name(prep, h.s) => en_first_name(
                prep,
                lists,
                hits,
                h.s..h.e,
                true,
                "rule:person-first-name",
                0.55,
            ),
            // "J. Smith". Not after a capitalized word: "Group A. France" ends a
            // sentence with a letter.
            Cue::InitialEn if initial_of_name(prep, hits, known, h) => en_first_name(
                prep,
                lists,
                hits,
                h.s..h.e,
                false,
                "rule:person-initial",
                0.5,
            ),
            Cue::ReportEn => quoted_speaker(prep, lists, hits, known, h)
                .or_else(|| inverted_speaker(prep, lists, nats, hits, known, out, h)),
            Cue::ReportAr => word_after(hay, h.e).and_then(|w| {
                read_ar_name(lists, prep, w, Start::Speaker, &mut name);
                cut_at_known(prep, lists, known, &mut name);
                // "قال أمين المجلس …": a first name alone before a body's head is a
                // noun in construct with it (the council's secretary), no one's name.
                if let [one] = name.as_slice() {
                    let head = word_after(hay, one.end)
                        .is_some_and(|n| lists.org_heads_ar.contains(&hay[n]));
                    if head {
                        return None;
                    }
                }
                ar_person(prep, lists, &name, "rule:person-reporting", 0.55)
            }),
            _ => None,
        };
        if let Some(c) = found {
            covered = prep.to_norm(c.span.end);
            out.push(c);
        }
    }
    bracketed_place(prep, lists, hits, known, out);
    listed_with_people(prep, lists, nats, hits, known, out);
}

/// "Tessa Brandle, Orin Vasko and Ilse Marveny": lists name people beside people (team
/// sheets, results, who attended). Two to four capitalized words that a comma or "and"
/// sets right beside a person the gazetteers or the rules above found, and that the next
/// separator of the list ends, are a person too when the list holds a second person (on
/// the person's other side or after the words). Not when the gazetteers or the rules
/// know the words as something else, or they read as more than a name
/// ([`plain_name_words`]). A person so found extends the list in turn.
fn listed_with_people(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    hits: &[Hit],
    known: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    let hay = prep.norm_text();
    // Normalized spans of the Latin-script people found so far: the lists' anchors.
    let mut people: Vec<Range<usize>> = known
        .iter()
        .chain(out.iter())
        .filter(|c| c.etype == EntityType::Person)
        .map(|c| prep.to_norm(c.span.start)..prep.to_norm(c.span.end))
        .filter(|r| is_latin(hay, r))
        .collect();
    let mut next = 0;
    while let Some(p) = people.get(next).cloned() {
        next += 1;
        for after in [true, false] {
            let words = if after {
                list_item_after(prep, p.end)
            } else {
                list_item_before(prep, p.start)
            };
            let (Some(first), Some(last)) = (words.first(), words.last()) else {
                continue;
            };
            // Two people at least make the list: "Tessa Brandle, Tarvco Holdings and
            // …" sets a person beside her company, "Orin Vasko and Ilse Marveny" beside a
            // word that may be anything.
            let listed = |r: &Range<usize>, before: bool| {
                let at = if before {
                    list_separator_before(hay, r.start)
                } else {
                    list_separator_after(hay, r.end)
                };
                at.is_some_and(|x| {
                    people
                        .iter()
                        .any(|q| if before { q.end == x } else { q.start == x })
                })
            };
            let item = first.start..last.end;
            let two = if after {
                listed(&p, true) || listed(&item, false)
            } else {
                listed(&p, false) || listed(&item, true)
            };
            if !two {
                continue;
            }
            let span = prep.to_orig(item);
            if taken(known.iter().chain(out.iter()), &span)
                || !plain_name_words(prep, lists, nats, hits, &words)
            {
                continue;
            }
            if let Some(c) = en_person(prep, lists, hits, &words, "rule:person-list", 0.5) {
                people.push(prep.to_norm(c.span.start)..prep.to_norm(c.span.end));
                out.push(c);
            }
        }
    }
}

/// Most capitalized words a list item may have.
const LIST_ITEM_WORDS: usize = 4;

/// Where the next item of a list starts when a comma, "and" or both follow byte `pos`
/// (spaces around them).
fn list_separator_after(hay: &str, pos: usize) -> Option<usize> {
    let rest = hay.get(pos..)?;
    let mut s = rest.trim_start_matches([' ', '\t']);
    let comma = s.starts_with(',');
    if comma {
        s = s[1..].trim_start_matches([' ', '\t']);
    }
    let and = s.starts_with("and ");
    if and {
        s = &s[4..];
    }
    (comma || and).then(|| pos + rest.len() - s.len())
}

/// Where the item of a list before byte `pos` ends when a comma, "and" or both come
/// right before `pos` (spaces around them).
fn list_separator_before(hay: &str, pos: usize) -> Option<usize> {
    let head = hay.get(..pos)?.trim_end_matches([' ', '\t']);
    let (head, and) = match head.strip_suffix(" and") {
        Some(h) => (h.trim_end_matches([' ', '\t']), true),
        None => (head, false),
    };
    let (head, comma) = match head.strip_suffix(',') {
        Some(h) => (h.trim_end_matches([' ', '\t']), true),
        None => (head, false),
    };
    (comma || and).then_some(head.len())
}

/// The item of a list right after a name ending at `pos`: ", Orin Vasko," or " and Orin
/// Vasko" — its capitalized words when a comma or "and" comes before them and, after a
/// comma, a separator, a bracket or the end of the line after them. Empty otherwise.
fn list_item_after(prep: &Prepared<'_>, pos: usize) -> Vec<Range<usize>> {
    let hay = prep.norm_text();
    let Some(at) = list_separator_after(hay, pos) else {
        return Vec::new();
    };
    let words = cap_words_after(prep, at, LIST_ITEM_WORDS + 1);
    // After "and" the list ends with the item, and the sentence goes on.
    let last_item = hay[..at].ends_with("and ");
    let ends = words.last().is_some_and(|w| {
        let after = hay[w.end..].trim_start_matches([' ', '\t']);
        last_item
            || after.is_empty()
            || after.starts_with([',', '.', ';', '(', ')', '\n', '\r'])
            || after.starts_with("and ")
    });
    if words.first().is_some_and(|w| w.start == at) && ends {
        words
    } else {
        Vec::new()
    }
}

/// The item of a list right before a name starting at `pos`: "Orin Vasko, " or "Orin
/// Vasko and " — its capitalized words when a separator, a bracket or the start of the
/// line comes before them. Empty otherwise.
fn list_item_before(prep: &Prepared<'_>, pos: usize) -> Vec<Range<usize>> {
    let hay = prep.norm_text();
    let Some(end) = list_separator_before(hay, pos) else {
        return Vec::new();
    };
    let words = cap_words_before(prep, end, LIST_ITEM_WORDS + 1);
    let opens = words.first().is_some_and(|w| {
        let before = hay[..w.start].trim_end_matches([' ', '\t']);
        before.is_empty() || before.ends_with([',', ';', ':', '(', '\n', '\r'])
    });
    if words.last().is_some_and(|w| w.end == end) && opens {
        words
    } else {
        Vec::new()
    }
}

/// Whether capitalized `words` read as a person's name and nothing else: two to
/// [`LIST_ITEM_WORDS`] words, not in capitals, without digits, with no title, no
/// organization's head or suffix, no place word and no nationality among them, and none
/// that the text also writes in lower case.
fn plain_name_words(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    hits: &[Hit],
    words: &[Range<usize>],
) -> bool {
    let hay = prep.norm_text();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let caps = words.iter().filter(|w| is_cap(prep, w)).count();
    let cue = hits_in(hits, first.start.saturating_sub(TITLE_REACH)..last.end)
        .iter()
        .any(|h| {
            h.e > first.start
                && matches!(
                    h.cue,
                    Cue::TitleEn { .. }
                        | Cue::OrgHeadEn
                        | Cue::OrgSuffixEn
                        | Cue::OrgKindEn
                        | Cue::GroupHeadEn
                )
        });
    (2..=LIST_ITEM_WORDS).contains(&caps)
        && !cue
        && words.iter().all(|w| {
            let x = &hay[w.clone()];
            !in_capitals(prep, w)
                && !x.bytes().any(|b| b.is_ascii_digit())
                && !lists.place_enders_en.contains(x)
                && nats.lookup(x).is_none()
                && (en_particle(x) || !written_in_lower_case(prep.orig, x))
        })
}

/// `…," said Tarvik Oldune, the island's governor`: two to four capitalized words right
/// after a reporting verb that follows a quote or a comma, up to a comma or the end of
/// the sentence, are the speaker ("told" is followed by the one told instead). Not
/// words that read as more than a name ([`plain_name_words`]), that the gazetteers or
/// the rules know, or that hold a known first name (the first-name rule's).
fn inverted_speaker(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    hits: &[Hit],
    known: &[Candidate],
    found: &[Candidate],
    h: &Hit,
) -> Option<Candidate> {
    let hay = prep.norm_text();
    if &hay[h.s..h.e] == "told" {
        return None;
    }
    let before = hay.get(..h.s)?.trim_end_matches([' ', '\t']);
    if !before.ends_with([',', '"', '\'']) {
        return None;
    }
    let words = cap_words_after(prep, h.e, LIST_ITEM_WORDS + 1);
    let (first, last) = (words.first()?, words.last()?);
    let after = hay.get(last.end..)?.trim_start_matches([' ', '\t']);
    if !(after.is_empty() || after.starts_with([',', '.', ';', '\n'])) {
        return None;
    }
    // A known first name among the words: the first-name rule reads the name from
    // there ("said Treasurer Ann Lowe").
    let first_name = words.iter().any(|w| {
        cue_at(hits, w.start, |c| {
            matches!(c, Cue::FirstEn | Cue::FirstEnInside | Cue::InitialEn)
        })
    });
    let span = prep.to_orig(first.start..last.end);
    let taken = taken(known.iter().chain(found), &span);
    if first_name || taken || !plain_name_words(prep, lists, nats, hits, &words) {
        return None;
    }
    en_person(prep, lists, hits, &words, "rule:person-reporting", 0.5)
}

/// Who news quotes without a name ("…," analysts said): no one's family name.
const GENERIC_SPEAKERS: &[&str] = &[
    "analysts",
    "anyone",
    "critics",
    "dealers",
    "diplomats",
    "economists",
    "everybody",
    "everyone",
    "experts",
    "nobody",
    "observers",
    "officials",
    "police",
    "residents",
    "somebody",
    "someone",
    "sources",
    "traders",
    "witnesses",
];

/// `…," Tarvik said.`: one capitalized word between a closing quote and a reporting verb
/// is the speaker, named by the family name. Not a word the gazetteers know, nor one the
/// text also writes in lower case ("…," Police said" beside "the police").
fn quoted_speaker(
    prep: &Prepared<'_>,
    lists: &Lists,
    hits: &[Hit],
    known: &[Candidate],
    h: &Hit,
) -> Option<Candidate> {
    let hay = prep.norm_text();
    let w = word_before(hay, h.s)?;
    if !hay.get(w.end..h.s)?.chars().all(char::is_whitespace)
        || !is_latin(hay, &w)
        || !is_cap(prep, &w)
        || in_capitals(prep, &w)
        || en_stop(&hay[w.clone()])
    {
        return None;
    }
    let o = prep.to_orig(w.clone());
    // "T-Mobile", "USAir": a letter before a hyphen or two capitals in a row make a
    // brand, not a family name ("Holden-Brown", "O'Leary" are names).
    let written = prep.orig.get(o.clone())?;
    let brand = written
        .split('-')
        .next()
        .is_some_and(|p| p.chars().count() == 1)
        || written
            .chars()
            .zip(written.chars().skip(1))
            .any(|(a, b)| a.is_uppercase() && b.is_uppercase());
    let contraction = ["'s", "'ve", "'re", "'ll", "'d", "'m", "n't"]
        .iter()
        .any(|c| written.ends_with(c));
    if brand || contraction || GENERIC_SPEAKERS.contains(&hay[w.clone()].as_ref()) {
        return None;
    }
    let before = prep.orig.get(..o.start)?.trim_end();
    let inside = before
        .strip_suffix('"')
        .or_else(|| before.strip_suffix('\u{201d}'))
        .or_else(|| before.strip_suffix("''"))?
        .trim_end();
    if !inside.ends_with([',', '.', '?', '!']) {
        return None;
    }
    if !known_at(known, o.start).is_empty() {
        return None;
    }
    if written_in_lower_case(prep.orig, hay.get(w.clone())?) || opens_a_company(prep, hits, &w) {
        return None;
    }
    en_person(prep, lists, hits, &[w], "rule:person-quote", 0.5)
}

/// True when the word of `w` is one of the capitalized words the text writes before a
/// company's suffix ("Tarvco Inc", "Tarvco Holdings and Co"): a company is quoted by its
/// name as a person is by the family name ("…," Tarvco said).
fn opens_a_company(prep: &Prepared<'_>, hits: &[Hit], w: &Range<usize>) -> bool {
    let hay = prep.norm_text();
    let Some(word) = hay.get(w.clone()) else {
        return false;
    };
    hits.iter().filter(|h| h.cue == Cue::OrgSuffixEn).any(|h| {
        let mut pos = h.s;
        // The name's words, back from the suffix ("and" may join them).
        for _ in 0..5 {
            let Some(p) = word_before(hay, pos).filter(|p| !p.is_empty()) else {
                return false;
            };
            let x = &hay[p.clone()];
            if x == word {
                return true;
            }
            // A headline in capitals ("TARVIK SAYS BANK …") is no name.
            let name_word = is_latin(hay, &p) && is_cap(prep, &p) && !in_capitals(prep, &p);
            if !(x == "and" || name_word) {
                return false;
            }
            pos = p.start;
        }
        false
    })
}

/// Bytes a title may span before its last word ("Deputy Prime Minister").
const TITLE_REACH: usize = 40;

/// "Tovo Raskel (Kenya) beat …", "Ilse Marveny ( Norway )": results, rankings and lists
/// of names give a person's country in brackets. Two or three capitalized words right
/// before a bracketed place the gazetteers know are a person, unless the gazetteers know
/// the words as something else ("Real Madrid (Spain)"), a title or an organization's
/// suffix is among them, or one of them is a common word.
fn bracketed_place(
    prep: &Prepared<'_>,
    lists: &Lists,
    hits: &[Hit],
    known: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    let text = prep.orig;
    let hay = prep.norm_text();
    for c in known.iter().filter(|c| c.etype == EntityType::Location) {
        let before = text.get(..c.span.start).unwrap_or_default().trim_end();
        let after = text.get(c.span.end..).unwrap_or_default().trim_start();
        if !before.ends_with('(') || !after.starts_with(')') {
            continue;
        }
        // The words right before the bracket, with nothing but spaces between them.
        let mut at = prep.to_norm(before.len() - 1);
        let mut words: Vec<Range<usize>> = Vec::new();
        while words.len() < 3 {
            let Some(w) = word_before(hay, at) else { break };
            let gap = hay.get(w.end..at).unwrap_or_default();
            // A title ends on this word ("Prime Minister"), wherever it starts.
            let title = hits_in(hits, w.start.saturating_sub(TITLE_REACH)..w.end)
                .iter()
                .any(|h| matches!(h.cue, Cue::TitleEn { .. }) && h.e > w.start);
            if !gap.chars().all(char::is_whitespace)
                || !is_latin(hay, &w)
                || !is_cap(prep, &w)
                || in_capitals(prep, &w)
                || title
            {
                break;
            }
            at = w.start;
            words.push(w);
        }
        words.reverse();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        let span = prep.to_orig(first.start..last.end);
        let named = taken(known, &span);
        // "Okoro Finance (Kenya) Ltd": the bracket is inside a company's name.
        let close = c.span.end + (text.len() - c.span.end - after.len()) + 1;
        let company = cap_words_after(prep, prep.to_norm(close), 1)
            .first()
            .is_some_and(|w| {
                hits_in(hits, w.clone())
                    .iter()
                    .any(|h| matches!(h.cue, Cue::OrgSuffixEn))
            });
        // "Tarvco Sugar (France)": a word the text also writes in lower case is a
        // common word, so the words name a company's unit, not a person.
        let common = words.iter().any(|w| {
            hay.get(w.clone())
                .is_some_and(|x| written_in_lower_case(prep.orig, x))
        });
        if words.len() < 2 || named || company || common {
            continue;
        }
        if let Some(p) = en_person(prep, lists, hits, &words, "rule:person-bracket", 0.6) {
            out.push(p);
        }
    }
}

/// What a word after a title that opens with the preposition لـ is.
enum Complement {
    /// Not such a word: it may begin the name.
    None,
    /// The one-word complement of the title: "[المدير العام] للمنظمة", "[الأمين العام]
    /// لأوبك" (لـ on the article, or on a place or organization the gazetteers know). The
    /// name follows it.
    Skip,
    /// An organization or group the title belongs to, named after its head noun
    /// ("[الرئيس التنفيذي] لشركة نور للطاقة"): where its name ends and the person's
    /// begins is not known, so the title gives no name.
    Stop,
}

/// Whether `t` (word `w` of the normalized text) is the complement of the title before it
/// rather than the start of a name. Names open with ل and ب too ("لبنى", "باسل"): only
/// the article or a known entity after the letter makes it a preposition.
fn title_complement(
    prep: &Prepared<'_>,
    hits: &[Hit],
    known: &[Candidate],
    w: &Range<usize>,
    t: &str,
) -> Complement {
    // "للسياحة بالسودان": بـ on a known place is part of the complement too.
    let Some(clitic) = t.chars().next().filter(|c| matches!(c, 'ل' | 'ب')) else {
        return Complement::None;
    };
    let after = w.start + clitic.len_utf8();
    let rest = &t[clitic.len_utf8()..];
    // "المستشار بأكاديمية …", "المدير لشركة …": the body the title is held at follows.
    let head = hits_in(hits, after..w.end)
        .iter()
        .any(|x| x.s == after && matches!(x.cue, Cue::OrgHeadAr { .. } | Cue::GroupHeadAr { .. }));
    if head {
        return Complement::Stop;
    }
    if clitic == 'ل' {
        // لـ on the article: the article's alef is not written after it ("للمنظمة").
        if rest.starts_with('ل') && rest.chars().count() >= 3 {
            return Complement::Skip;
        }
    }
    let span = prep.to_orig(after..w.end);
    if known_at(known, span.start)
        .iter()
        .any(|c| c.span == span && c.etype != EntityType::Person)
    {
        return Complement::Skip;
    }
    Complement::None
}

/// True when the word `w` after a title, which no name list has, is still the title's
/// phrase because a first name follows it: a place the gazetteers know ("رئيس موريتانيا
/// محمد …", the title's country), or a noun with a pronoun joined to it ("وزير خارجيته
/// جون كيري"). A name's first word is rarely either, and a compound with عبد is one.
fn complement_before_first_name(
    prep: &Prepared<'_>,
    lists: &Lists,
    known: &[Candidate],
    w: &Range<usize>,
) -> bool {
    let hay = prep.norm_text();
    let t = &hay[w.clone()];
    if lists.name_word(t) || t.starts_with("عبد") {
        return false;
    }
    let first_follows = word_after(hay, w.end).is_some_and(|n| lists.is_first_ar(&hay[n]));
    if !first_follows {
        return false;
    }
    let span = prep.to_orig(w.clone());
    // The pronoun is read in the original: ة folds into ه, and a noun or a woman's name
    // ending in ة ("نادية") may well open a name.
    let pronoun = prep
        .orig
        .get(span.clone())
        .map(|o| o.trim_end_matches(|c| ('\u{064B}'..='\u{0652}').contains(&c)))
        .is_some_and(|o| o.ends_with('ه') || o.ends_with("نا"));
    pronoun
        || known_at(known, span.start)
            .iter()
            .any(|c| c.span == span && c.etype == EntityType::Location)
}

/// A person the gazetteers know is not followed by a family name no list has: that word
/// begins what the sentence says of him ("الرئيس شيراك تمسكه بالقرار", a listed name
/// and then "المنتمي للحزب", belonging to the party). Drops such a last word from the
/// name read in `words` when the words before it are a known person's mention.
fn cut_at_known(
    prep: &Prepared<'_>,
    lists: &Lists,
    known: &[Candidate],
    words: &mut Vec<Range<usize>>,
) {
    let hay = prep.norm_text();
    let (Some(first), [.., before, last]) = (words.first(), words.as_slice()) else {
        return;
    };
    // After a chain, a family name closes another person's lineage ("نواف بن فهد
    // الغامدي" is not the listed "نواف بن فهد").
    if lists.name_word(&hay[last.clone()])
        || ali(prep, last)
        || words.iter().any(|w| particle(&hay[w.clone()]))
    {
        return;
    }
    let head = prep.to_orig(first.start..before.end);
    if known
        .iter()
        .any(|c| c.etype == EntityType::Person && c.span == head)
    {
        words.pop();
    }
}

/// "الرئيس الروسي فلاديمير بوتين", "وزير الخارجية الأمريكي أنتوني بلينكن": a title, then
/// up to three definite words or nationality adjectives, then the name.
fn title_ar(
    prep: &Prepared<'_>,
    lists: &Lists,
    nats: &Nationalities,
    hits: &[Hit],
    h: &Hit,
    known: &[Candidate],
    words: &mut Vec<Range<usize>>,
) -> Option<Candidate> {
    let hay = prep.norm_text();
    // "مدينة الملك فهد الطبية", "بجائزة الملك فيصل": the title opens the name of a
    // place or an institution.
    if let Some(b) = word_before(hay, h.s) {
        let named_for = name_starts(hay, b.start).into_iter().flatten().any(|s| {
            hay.get(s..b.end)
                .is_some_and(|w| lists.named_for_ar.contains(w))
        });
        if named_for {
            return None;
        }
    }
    let mut at = h.e;
    let mut country = None;
    // After a complement, only a known name word begins the name: the words a title's
    // phrase may still hold ("للوزارة دعم كامل بقمة") are not passed over one by one.
    let mut complemented = false;
    for _ in 0..4 {
        let w = word_after(hay, at)?;
        let t = &hay[w.clone()];
        match title_complement(prep, hits, known, &w, t) {
            Complement::None => {}
            Complement::Skip => {
                complemented = true;
                at = w.end;
                continue;
            }
            Complement::Stop => return None,
        }
        // "الأمير تركي بن محمد": a nationality word before a chain particle is a name
        // (the word after is read only for a nationality word).
        let chain_follows = || word_after(hay, w.end).is_some_and(|n| particle(&hay[n]));
        // A relative pronoun ends the title's phrase: what follows is a clause ("الملكة
        // التي حكمت"), though the pronoun has the article like the adjectives passed over.
        if lists.clause_ar.contains(t) {
            return None;
        }
        // A nationality of two words ("الجنوب إفريقي", "الكوري الشمالي"): the second is
        // no name either.
        let pair = word_after(hay, w.end).and_then(|n| {
            let phrase = hay.get(w.start..n.end)?;
            nats.lookup(phrase).map(|x| (x, n.end))
        });
        if let Some((n, end)) = pair {
            country.get_or_insert_with(|| n.code.clone());
            at = end;
            continue;
        }
        if let Some(n) = nats.lookup(t).filter(|_| !chain_follows()) {
            country.get_or_insert_with(|| n.code.clone());
        } else if complement_before_first_name(prep, lists, known, &w) {
            // Passed over like a definite word.
        } else if (!t.starts_with("ال") || lists.is_first_ar(t))
            && !lists.title_words.contains(t)
            && t != "باسم"
            && (!possessive(t) || lists.name_word(t))
        {
            if complemented && !lists.name_word(t) {
                return None;
            }
            read_ar_name(lists, prep, w, Start::Loose, words);
            cut_at_known(prep, lists, known, words);
            let strong = words.len() >= 2
                || words.first().is_some_and(|f| {
                    let t = &hay[f.clone()];
                    lists.strong.contains(t) || lists.is_first_ar(t)
                });
            if !strong {
                return None;
            }
            let mut c = ar_person(prep, lists, words, "rule:person-title", 0.75)?;
            c.country = country;
            return Some(c);
        }
        at = w.end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Target;
    use crate::rules::scan::title_case;

    fn people(text: &str) -> Vec<(String, String, String)> {
        people_among(text, false)
    }

    /// [`people`], with the built-in gazetteer's candidates as `known` when `gazetteer`.
    /// The person rules' candidates in `text`; with `gazetteer`, knowing the built-in
    /// gazetteer's mentions.
    fn candidates(text: &str, gazetteer: bool) -> Vec<Candidate> {
        let (prep, hits, known) = crate::rules::test_inputs(text, gazetteer);
        find_knowing(&prep, &hits, &known)
    }

    /// The person rules' candidates, knowing the candidates `known`.
    fn find_knowing(prep: &Prepared<'_>, hits: &[Hit], known: &[Candidate]) -> Vec<Candidate> {
        let mut out = Vec::new();
        let lists = Lists::shared().unwrap();
        find(prep, lists, Nationalities::builtin(), hits, known, &mut out);
        out
    }

    fn people_among(text: &str, gazetteer: bool) -> Vec<(String, String, String)> {
        candidates(text, gazetteer)
            .into_iter()
            .map(|c| {
                let canon = match c.target {
                    Target::New { canonical, .. } => canonical,
                    Target::Gazetteer(_) => String::new(),
                };
                (text[c.span].to_string(), canon, c.source)
            })
            .collect()
    }

    /// Asserts that the persons found in `text` are `name` alone.
    fn finds(text: &str, name: &str) {
        let got = people(text);
        assert!(
            !got.is_empty() && got.iter().all(|p| p.0 == name),
            "{text}: {got:?}"
        );
    }

    #[test]
    fn common_first_names_start_names_and_verbs_end_them() {
        // Invented sentences. أحمد was missing from the first names (a word of a town's
        // name); an imperfect تفعّل/تفاعل verb is no family name.
        finds("وقال أحمد الكندري إن الاتفاق جاهز", "أحمد الكندري");
        // The verb is left out: the person found is the first name alone.
        finds("وصل الرئيس رامي يتابع الملف", "رامي");
        // Nor is a function word behind a preposition.
        finds("وأبلغ السفير رامي بأنه سيغادر", "رامي");
        // Nor a function word with a pronoun at its end ("during it", "to them").
        let got = people("وهي الأعوام التي كانت رامي خلالها وزيرة");
        assert!(got.iter().all(|p| !p.0.contains("خلالها")), "{got:?}");
        finds("وأشار السفير رامي إليهم بالوثائق", "رامي");
        // A name particle is no first name.
        assert!(!Lists::shared().unwrap().first_ar.contains("بن"));
    }

    #[test]
    fn company_roles_and_acronym_titles_before_a_name() {
        // Invented names whose first word is no listed first name: only the role says that
        // a person follows. "CEO" is in capitals in running text too.
        finds(
            "Tarvco CEO Maren Holdt said the firm was hit.",
            "Maren Holdt",
        );
        finds("CFO Maren Holdt resigned on Friday.", "Maren Holdt");
        finds(
            "Chief executive Maren Holdt said the firm was hit.",
            "Maren Holdt",
        );
        finds(
            "Tarvco chief financial officer Maren Holdt left.",
            "Maren Holdt",
        );
        finds("The company's president Maren Holdt spoke.", "Maren Holdt");
        finds("said Orvale analyst Maren Holdt in a note.", "Maren Holdt");
        // A headline in capitals is no name, around an acronym too.
        let got = people("TARVCO CEO MAREN HOLDT QUITS");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn initials_and_particles_after_a_title() {
        // Invented names. Initials before the family name, a particle between them.
        finds(
            "Later President P.W. Tarrin said he would stay.",
            "P.W. Tarrin",
        );
        finds("Then Senator J. Tarrin spoke.", "J. Tarrin");
        finds("Former president F.W. de Tarrin agreed.", "F.W. de Tarrin");
        finds(
            "Lawyer Velko dal Tarrin told reporters.",
            "Velko dal Tarrin",
        );
        // Initials do not count as the words of a name: the family name still follows.
        finds(
            "It grew, said Anthony J.F. Tarrin, the chairman.",
            "Anthony J.F. Tarrin",
        );
    }

    #[test]
    fn foreign_ranks_and_honours_in_arabic_are_titles() {
        // Invented names: a rank of two words, an honour, and an adverb after the name.
        finds(
            "وقال اللفتنانت كولونيل بيتر هالدور إن القافلة وصلت",
            "بيتر هالدور",
        );
        finds("ويرى اللورد كلارك مثلاً أن الخطة فشلت", "كلارك");
    }

    #[test]
    fn professions_before_a_name_are_titles() {
        // Invented names whose first word is no listed first name: only the profession
        // says that a person follows.
        finds("وقال الروائي نجيب الهاشمي إن الرواية تأخرت", "نجيب الهاشمي");
        finds("وفاز العداء نجيب الهاشمي بالسباق", "نجيب الهاشمي");
        finds("وتحدث الطبيب نجيب الوادي عن المرض", "نجيب الوادي");
        // A profession that is also a common family name is left a family name.
        finds("وقال عبدالله السلطان إن المشروع تأخر", "عبدالله السلطان");
        finds("وقال عبدالعزيز الجراح إن المشروع تأخر", "عبدالعزيز الجراح");
    }

    #[test]
    fn a_first_name_alone_before_a_body_s_head_is_no_speaker() {
        // "أمين" is a first name and the council's secretary.
        let got = people("وقال أمين المجلس الأعلى للنخيل إن الموسم جيد");
        assert!(got.is_empty(), "{got:?}");
        finds("وقال أمين إن الموسم جيد", "أمين");
    }

    #[test]
    fn a_nationality_of_two_words_between_title_and_name() {
        let text = "وقال الرئيس الجنوب إفريقي نجيب الهاشمي إن البلاد بخير";
        let found = candidates(text, false);
        let got: Vec<_> = found
            .iter()
            .map(|c| (&text[c.span.clone()], c.country.as_deref()))
            .collect();
        assert_eq!(got, vec![("نجيب الهاشمي", Some("ZA"))]);
    }

    #[test]
    fn ali_is_a_name_where_the_text_spells_the_preposition_apart() {
        // Invented names. The text writes the preposition على with ى ("على الحدود"), so
        // "علي" written with ي is the name: after a title, after a nationality, inside a
        // name and after a reporting verb.
        let text = "وقال الدكتور علي الوادي إن القوات تعمل على الحدود.";
        assert_eq!(spans(text), ["علي الوادي"]);
        let text = "التقى الوزير السعودي علي الوادي نظيره على هامش القمة.";
        assert_eq!(spans(text), ["علي الوادي"]);
        let text = "نقلت الوكالة عن خالد علي الهاشمي قوله إن الأمر يعتمد على الاتفاق.";
        assert_eq!(spans(text), ["خالد علي الهاشمي"]);
        let text = "وقال علي الوادي إن الاتفاق يقوم على التعاون.";
        assert_eq!(spans(text), ["علي الوادي"]);
        // The name after و, and with its English spelling.
        let text = "وحضر خالد الوادي وعلي الهاشمي اللقاء الذي ركز على الاقتصاد.";
        let got = people(text);
        assert!(
            got.iter()
                .any(|p| p.0 == "علي الهاشمي" && p.1.starts_with("Ali ")),
            "{got:?}"
        );
        // Where the text writes the preposition with ي too, nothing tells them apart:
        // the word stays a stop word.
        assert!(spans("وقال الدكتور علي الوادي إن القوات تعمل علي الحدود.").is_empty());
        // The preposition written with ى is never the name.
        assert!(spans("وأكد الرئيس على الوادي أن القوات تعمل على الحدود.").is_empty());
    }

    #[test]
    fn a_nisba_after_a_first_name_and_a_father_s_name_closes_the_name() {
        // Invented names: "الوادعي" is on no list. After a first name and a name word
        // that is a person's for sure, the nisba is the family name.
        assert_eq!(
            spans("وقال خالد محمد الوادعي إن العمل مستمر"),
            ["خالد محمد الوادعي"]
        );
        // Not a verb folded into the shape ("التقى", he met), nor after a first name
        // read behind a proclitic.
        assert_eq!(spans("وكان خالد محمد التقى الوفد أمس"), ["خالد محمد"]);
        assert!(spans("وفي بخالد محمد الوادعي رجاء")
            .iter()
            .all(|n| n != "خالد محمد الوادعي"));
    }

    #[test]
    fn a_known_person_is_not_extended_by_a_word_no_list_has() {
        // "خالد محمد" stands for a listed person here: the word after him is what the
        // sentence says of him, not his family name.
        let text = "وقال خالد محمد الوادعي إن العمل مستمر";
        let (prep, hits, _) = crate::rules::test_inputs(text, false);
        let s = text.find("خالد").unwrap();
        let known = [Candidate {
            span: s..text.find(" الوادعي").unwrap(),
            etype: EntityType::Person,
            ..candidate(
                &prep,
                0..0,
                EntityType::Person,
                new_target("person", "Khaled Mohamed".into()),
                "gazetteer",
                0.9,
            )
        }];
        let out = find_knowing(&prep, &hits, &known);
        let got: Vec<&str> = out.iter().map(|c| &text[c.span.clone()]).collect();
        assert!(got.iter().all(|n| *n != "خالد محمد الوادعي"), "{got:?}");
    }

    #[test]
    fn compounds_of_abd_written_as_one_word_are_first_names() {
        // Invented names: the joined spelling is as much a first name as the spaced one.
        let got = people("وقال عبدالكريم الهاشمي إن المشروع تأخر");
        assert!(got.iter().any(|p| p.0 == "عبدالكريم الهاشمي"), "{got:?}");
        let got = people("وبدأ الفريق عبدالرحيم محمد حسن جولة");
        assert!(got.iter().any(|p| p.0 == "عبدالرحيم محمد حسن"), "{got:?}");
        // Both spellings give one canonical name, so one entity.
        let joined = people("وقال عبدالرحمن سالم إن");
        let spaced = people("وقال عبد الرحمن سالم إن");
        assert_eq!(joined.len(), 1, "{joined:?}");
        assert_eq!(spaced.len(), 1, "{spaced:?}");
        assert_eq!(joined[0].1, spaced[0].1);
        // Not every word that begins with عبد.
        assert!(!Lists::shared().unwrap().is_first_ar("عبدان"));
    }

    #[test]
    fn common_foreign_first_names_that_also_name_a_town() {
        // George (a town of South Africa) and Mary are first names; Washington stays a place.
        let got = people("والتقى جورج تومسون وماري كارتر بالوفد");
        assert!(got.iter().any(|p| p.0 == "جورج تومسون"), "{got:?}");
        assert!(got.iter().any(|p| p.0 == "ماري كارتر"), "{got:?}");
        assert!(!Lists::shared().unwrap().is_first_ar("واشنطن"));
    }

    #[test]
    fn a_title_after_the_noun_of_a_place_names_the_place() {
        // Invented sentences: the king is the place's namesake, not a person in the news.
        for text in [
            "نقل المصاب إلى مدينة الملك فهد الطبية أمس",
            "وصل الوفد إلى مطار الملك خالد الدولي",
            "وفاز الباحث بجائزة الأمير سلطان للمياه",
        ] {
            let got = people(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
        let got = people("وقال الملك فهد إن البلاد بخير");
        assert!(got.iter().any(|p| p.0 == "فهد"), "{got:?}");
    }

    #[test]
    fn words_between_a_title_and_its_name() {
        // A time adverb ("the then-president") and a rank's "staff" or "pilot" are not
        // the name.
        let got = people("واتصل الرئيس الأمريكي آنذاك جورج تومسون بالملك");
        assert!(got.iter().any(|p| p.0 == "جورج تومسون"), "{got:?}");
        assert!(got.iter().all(|p| !p.0.contains("آنذاك")), "{got:?}");
        let got = people("وقال اللواء ركن سالم بن حمد القحطاني إن");
        assert!(got.iter().any(|p| p.0 == "سالم بن حمد القحطاني"), "{got:?}");
        let got = people("وقال العميد الركن طيار سالم القحطاني إن");
        assert!(got.iter().any(|p| p.0 == "سالم القحطاني"), "{got:?}");
    }

    #[test]
    fn a_possessive_ends_an_english_name() {
        // Invented sentences: the capitalized word after a possessive is not a name part.
        let got = people("It was Michael Tanner's Winter Garden that won.");
        assert_eq!(
            got.first().map(|p| p.0.as_str()),
            Some("Michael Tanner"),
            "{got:?}"
        );
        let got = people("Minister Helen Ostrova's Budget passed.");
        assert!(got.iter().any(|p| p.0 == "Helen Ostrova"), "{got:?}");
        assert!(got.iter().all(|p| !p.0.contains("Budget")), "{got:?}");
    }

    #[test]
    fn a_reused_name_buffer_reads_what_a_fresh_one_does() {
        // Names of every length (chains, عبد units, a name cut short), read one after
        // the other into one buffer, the longest first so that it is never empty.
        let lists = Lists::shared().unwrap();
        let text =
            "محمد بن عبد الكريم بن سلمان آل سعود قال عبد الله علي، والرئيس فؤاد السنيورة محمد";
        let prep = Prepared::new(text, None);
        let hay = prep.norm_text();
        let mut reused = Vec::new();
        let mut read = 0;
        for start in [Start::Known, Start::Loose] {
            for w in crate::text::word_ranges(hay) {
                let mut fresh = Vec::new();
                read_ar_name(lists, &prep, w.clone(), start, &mut fresh);
                read_ar_name(lists, &prep, w.clone(), start, &mut reused);
                assert_eq!(reused, fresh, "{:?}", &hay[w]);
                read += usize::from(!fresh.is_empty());
            }
        }
        assert!(read > 4, "{read}");
    }

    #[test]
    fn arabic_first_name_transliterated() {
        let p = people("صرح ريتشارد والترز، رئيس المكتب، للصحيفة");
        assert_eq!(p[0].0, "ريتشارد والترز");
        assert_eq!(p[0].1, "Richard Walters");
    }

    #[test]
    fn arabic_title_with_nationality_between() {
        let p = people("واستقبل الرئيس الفرنسي إيمانويل ماكرون الوفد");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, "إيمانويل ماكرون");
        assert_eq!(p[0].2, "rule:person-title");
    }

    #[test]
    fn a_name_inside_an_institution_name_stops_before_li_al() {
        // لـ on the article opens a phrase ("for relief", "for petroleum"), never a
        // family name: the first name may still be read, the phrase is not.
        for (text, name) in [
            ("افتتح مركز الملك سلمان للإغاثة مشروعا", "سلمان للإغاثة"),
            ("تخرج في جامعة الملك فهد للبترول والمعادن", "فهد للبترول"),
            ("قال الرئيس محمد للصحفيين", "محمد للصحفيين"),
        ] {
            let p = people(text);
            assert!(p.iter().all(|x| x.0 != name), "{text}: {p:?}");
        }
        // A family name no list has still follows a known first name after a title.
        assert_eq!(
            people("وقال الرئيس فؤاد السنيورة أمس")[0].0,
            "فؤاد السنيورة"
        );
    }

    /// Asserts that none of `texts` yields a person.
    fn no_people(texts: &[&str]) {
        for text in texts {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
    }

    #[test]
    fn general_is_a_title_only_before_a_first_name() {
        no_people(&[
            "members of the General Agreement on Tariffs and Trade met",
            "shares of General Electric Co rose",
            "the UN General Assembly voted",
        ]);
        assert_eq!(people("General Colin Powell said")[0].0, "Colin Powell");
        // The abbreviation stays a title before a surname alone.
        assert_eq!(people("Gen. Powell said")[0].0, "Powell");
    }

    #[test]
    fn a_first_name_opening_a_company_name_is_not_a_person() {
        no_people(&[
            "a loan from Morgan Guaranty Trust to the bank",
            "Morgan Guaranty Ltd said on Monday",
            "President Ford Motors Inc sold",
        ]);
        assert_eq!(people("Morgan Freeman said")[0].0, "Morgan Freeman");
    }

    #[test]
    fn a_father_s_name_that_spells_a_stop_word_continues_the_chain() {
        // "تركي" is also "Turkish", "إلى" also spells "Eli": after بن only the first is
        // the father's name.
        assert_eq!(
            people("وقال الأمير سعود بن تركي إن المشروع بدأ."),
            [(
                "سعود بن تركي".to_string(),
                "Saud bin Turki".to_string(),
                "rule:person-title".to_string()
            )]
        );
        assert_eq!(spans("وصل الأمير سعود بن إلى المدينة."), ["سعود"]);
    }

    #[test]
    fn arabic_name_chain() {
        let p = people("التقى الأمير محمد بن سلمان بالوفد");
        assert_eq!(p[0].0, "محمد بن سلمان");
        let p = people("وصل الشيخ عبد الله بن زايد آل نهيان أمس");
        assert_eq!(p[0].0, "عبد الله بن زايد آل نهيان");
        let p = people("استقبل الأمير تركي بن محمد بن فهد، أمس");
        assert_eq!(p[0].0, "تركي بن محمد بن فهد");
        let p = people("وقال الدكتور سعد بن محمد العتيبي إن");
        assert_eq!(p[0].0, "سعد بن محمد العتيبي");
        // The divine name joins only compound first parts.
        assert_eq!(people("قال حسن نصر الله أمس")[0].0, "حسن نصر الله");
        assert!(people("رحمه الله").is_empty());
    }

    #[test]
    fn canonical_as_joined_and_title_cased() {
        // The canonical as first written: the spellings joined, title-cased, then the
        // capitalized particles lowercased.
        let lists = Lists::shared().unwrap();
        let by_copies = |hay: &str, words: &[Range<usize>]| {
            let mut parts = Vec::new();
            for w in words {
                let t = &hay[w.clone()];
                if particle(t) {
                    parts.push(particle_en(t).to_string());
                } else {
                    parts.push(lists.name_words.get(t)?.clone());
                }
            }
            let s = title_case(&parts.join(" "));
            Some(s.replace("Bin ", "bin ").replace("Bint ", "bint "))
        };
        for text in [
            "محمد بن سلمان بن عبد العزيز",
            "ريتشارد والترز",
            "فاطمة بنت محمد",
            "عبد الله ابو خالد",
            "خالد بن إبراهيم العتيبي",
            "زيد كلمةغيرمعروفة",
        ] {
            let prep = Prepared::new(text, None);
            let hay = prep.norm_text();
            let words: Vec<Range<usize>> = crate::text::word_ranges(hay);
            for n in 1..=words.len() {
                let w = &words[..n];
                assert_eq!(ar_canonical(lists, hay, w), by_copies(hay, w), "{text} {n}");
            }
        }
        // A name word that also spells a stop word ("تركي", also "Turkish") is spelled
        // inside a name; a function word ("أن", also "Anne") and the divine name are not.
        let spelled = |text: &str| {
            let prep = Prepared::new(text, None);
            let hay = prep.norm_text();
            ar_canonical(lists, hay, &crate::text::word_ranges(hay))
        };
        assert_eq!(spelled("تركي بن سعود").as_deref(), Some("Turki bin Saud"));
        assert_eq!(spelled("أن ابن سعود"), None);
        assert_eq!(spelled("حبيب الله"), None);
        let mut s = String::new();
        for part in ["abu bakr", " x", "élan vital", "ß", "bin"] {
            s.clear();
            push_title_case(part, &mut s);
            assert_eq!(s, title_case(part), "{part:?}");
        }
    }

    #[test]
    fn english_title_and_first_name() {
        // A seeded player, with a nationality between the title and the name.
        assert_eq!(
            spans("Later seventh seed Tarn Oldune beat the sixth seed Russian Velko Brandle."),
            ["Tarn Oldune", "Velko Brandle"]
        );
        let p = people("Prime Minister Boris Johnson met Dr. Anna Keller in Rome.");
        let found: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(found, vec!["Boris Johnson", "Anna Keller"]);
        let p = people("Later, Michael Novak's office said no.");
        assert_eq!(p[0].0, "Michael Novak");
        // A stop-listed first name is not a cue.
        assert!(people("Will Power Grid fail?").is_empty());
        // British honours are titles; a title after a title is no name.
        assert_eq!(
            spans("Then Sir Varn Brandle and the Lord Chancellor Lord Tessan spoke."),
            ["Varn Brandle", "Tessan"]
        );
        // The Speaker of a house is a title when capitalized; a speaker is none.
        assert_eq!(
            spans("The vote angered House Speaker Tarn Oldune, the speaker Velko said."),
            ["Tarn Oldune"]
        );
        assert_eq!(spans("The study by Prof Tarrin was read."), ["Tarrin"]);
        assert_eq!(
            spans("Vice-president Velko Tarrin met the vice-president Ilse Marveny."),
            ["Velko Tarrin", "Ilse Marveny"]
        );
    }

    #[test]
    fn a_first_name_that_is_a_common_word_opens_a_name_inside_a_sentence() {
        assert_eq!(
            spans("The prize went to Bill Tanner and to Frank Ostby on Sunday."),
            ["Bill Tanner", "Frank Ostby"]
        );
        no_people(&[
            // At the start of a sentence it may be the verb or the noun.
            "Mark Everyone Present as absent.",
            // After a capitalized word it is inside another name.
            "The Finance Bill Committee met and the Deutsche Mark Fund closed.",
            // A numeral or digits after it name a model or a bill.
            "Shares of Mark IV rose after Bill C-12 passed.",
        ]);
    }

    #[test]
    fn an_initial_opens_a_name() {
        assert_eq!(
            spans("The petition carried the names of J. Okafor and A. B. Lindqvist in May."),
            ["J. Okafor", "A. B. Lindqvist"]
        );
        assert_eq!(spans("T. Ruiz Salgado resigned."), ["T. Ruiz Salgado"]);
        no_people(&[
            // Letters of an abbreviation, a state's abbreviation, a nationality.
            "Sales at Varno U.S. Holdings doubled.",
            "The plant at Weston, W. Va. closed.",
            "The S. African Ambassador left.",
            // A sentence ending in a letter after a capitalized word.
            "They were drawn in Group A. Norway won.",
        ]);
    }

    #[test]
    fn a_middle_initial_after_a_first_name_joins_the_name() {
        assert_eq!(
            spans("The company named Robert M. Halloway president."),
            ["Robert M. Halloway"]
        );
        // An organization suffix after the words read as a name makes it a company.
        no_people(&["Orders went to Robert M. Halloway Ltd on Monday."]);
    }

    #[test]
    fn latin_spellings_of_arabic_first_names_are_first_names() {
        let lists = Lists::shared().unwrap();
        for name in ["khaled", "mohamed", "hossam", "walid"] {
            assert!(lists.first_en.contains(name), "{name}");
        }
        // A name that is also a month is not.
        assert!(!lists.first_en.contains("ramadan"));
        assert_eq!(
            spans("The minister met Hossam Elbarady and Walid Tannous."),
            ["Hossam Elbarady", "Walid Tannous"]
        );
    }

    #[test]
    fn first_names_of_other_countries_are_first_names() {
        assert_eq!(
            spans("The talks were led by Gunnar Ostrem, Takeshi Moriwaki and Oleg Varnikov."),
            ["Gunnar Ostrem", "Takeshi Moriwaki", "Oleg Varnikov"]
        );
        // Particles, regions and a common word are not first names.
        let lists = Lists::shared().unwrap();
        for word in ["von", "ibn", "saint", "scotland", "sicily"] {
            assert!(!lists.first_en.contains(word), "{word}");
        }
        // A city the gazetteers do not list leaves its name a first name; one they list
        // as a place does not.
        assert_eq!(
            spans("Shares fell, Nigel Ashworth and Vladimir Terekhin wrote."),
            ["Nigel Ashworth", "Vladimir Terekhin"]
        );
        assert!(!lists.first_en.contains("basel"));
    }

    #[test]
    fn a_place_or_event_word_at_the_end_makes_the_run_no_person() {
        // Invented sentences.
        no_people(&[
            "Crowds gathered on Tessa Island and outside the Morgan Palace Theatre.",
            "He won the Harold Ostrem Award and played in the Calder Cup.",
            // Plans and treaties named for a person, a news agency's desk.
            "Aid under the Harold Plan and the Calder Doctrine was reported by the Tessa Newsroom.",
            // A company's trade or kind.
            "Shares of Harold Securities and Calder Energy rose, said Morgan Worldwide.",
        ]);
        // Letters after a name end it; a first name with letters alone is no name.
        assert_eq!(
            spans("The report was written by Ann Lowe QC and signed by Dora MP."),
            ["Ann Lowe"]
        );
    }

    #[test]
    fn a_first_name_inside_a_known_place_opens_no_name() {
        let text = "Fans in San Francisco Giants shirts and a Sao Paulo Derby crowd waited.";
        // Without the gazetteer, the first names would open names.
        assert_eq!(
            people_among(text, false)
                .into_iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            ["Francisco Giants", "Paulo Derby"]
        );
        assert!(people_among(text, true).is_empty());
    }

    #[test]
    fn a_pronoun_noun_or_a_place_between_a_title_and_a_first_name_is_the_title_s() {
        let names = |t: &str, g: bool| -> Vec<String> {
            people_among(t, g).into_iter().map(|p| p.0).collect()
        };
        // Invented names.
        assert_eq!(
            names("وقال وزير خارجيته خالد محمد الوادعي إن الاجتماع مهم.", false),
            ["خالد محمد الوادعي"]
        );
        // With a vowel mark on the pronoun.
        assert_eq!(
            names("وقال وزير خارجيتهُ خالد محمد الوادعي إن الاجتماع مهم.", false),
            ["خالد محمد الوادعي"]
        );
        assert_eq!(
            names("واستقبل رئيس موريتانيا خالد محمد الوادعي الوفد.", true),
            ["خالد محمد الوادعي"]
        );
        // A word ending in ة may be a woman's first name.
        assert_eq!(
            names("وغنت المطربة فايدة خالد في الحفل.", false),
            ["فايدة خالد"]
        );
        // After "at the university" the body's name follows, not the person's.
        assert!(names("وقال الأستاذ بجامعة خالد الوادعي إن المشروع مهم.", false).is_empty());
    }

    #[test]
    fn an_adjective_of_relation_is_no_family_name() {
        // Invented name: "الموالي" (loyal to) begins what is said of him.
        assert_eq!(
            spans("وقال الشيخ خالد بن سالم الموالي للحكومة إن الاجتماع مهم."),
            vec!["خالد بن سالم"]
        );
    }

    #[test]
    fn a_first_name_that_opens_a_known_company_opens_no_name() {
        let text = "Analysts at Morgan Stanley Tessaland cut the target.";
        // Without the gazetteer "Morgan" reads as a first name.
        assert_eq!(
            people_among(text, false)
                .into_iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            ["Morgan Stanley Tessaland"]
        );
        assert!(people_among(text, true).is_empty());
        // A first name before a word the gazetteers do not join to it is still one.
        assert_eq!(
            people_among("Morgan Brandle said on Monday.", true)
                .into_iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            ["Morgan Brandle"]
        );
    }

    #[test]
    fn no_person_without_cue() {
        assert!(people("the president said the meeting was useful").is_empty());
        assert!(people("قال الرئيس إن الاجتماع كان مفيدا").is_empty());
    }

    #[test]
    fn after_a_nationality_a_first_name_takes_the_next_word_as_family_name() {
        // Invented sentences: the family name is in no list.
        let got = people("وفاز الفرنسي نيكولا بارديوس على منافسه.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "نيكولا بارديوس");
        // Without the nationality, an unknown word after a first name is no family name.
        assert!(people("وفاز نيكولا بارديوس على منافسه.").is_empty());
    }

    /// The persons of `text` (with the built-in gazetteer) that rule `source` found.
    fn found_by(text: &str, source: &str) -> Vec<String> {
        people_among(text, true)
            .into_iter()
            .filter(|p| p.2 == source)
            .map(|p| p.0)
            .collect()
    }

    #[test]
    fn one_word_between_a_closing_quote_and_said_is_the_speaker() {
        // Invented quotes.
        let quoted = |text: &str| found_by(text, "rule:person-quote");
        assert_eq!(
            quoted("\"The deal is done,\" Tarvik said on Monday."),
            ["Tarvik"]
        );
        // No closing quote, a word the text also writes in lower case, a brand.
        assert!(quoted("Tarvik said the plan had failed.").is_empty());
        assert!(quoted("\"Stay back,\" Police said, and the police left.").is_empty());
        assert!(quoted("\"It works,\" T-Vanta said.").is_empty());
    }

    #[test]
    fn a_quoted_word_that_opens_a_company_name_is_no_speaker() {
        // Invented reports: the company is quoted by the first word of its name.
        let quoted = |text: &str| found_by(text, "rule:person-quote");
        assert!(quoted("Tarvco Inc posted a loss. \"Sales were weak,\" Tarvco said.").is_empty());
        assert!(
            quoted("Brandle Kessing and Co cut its rate. \"It was time,\" Brandle said.")
                .is_empty()
        );
        // A headline in capitals is no company name: "TARVIK SAYS BANK …".
        assert_eq!(
            quoted("TARVIK SAYS BANK WILL ACT\n\"We will act,\" Tarvik said."),
            ["Tarvik"]
        );
    }

    #[test]
    fn a_name_before_a_bracketed_country_is_a_person() {
        // Invented results and lists.
        let names = |text: &str| found_by(text, "rule:person-bracket");
        assert_eq!(
            names("Quarter-finals: Tovo Raskel ( Kenya ) beat Ilse Marveny (Norway) 6-3."),
            ["Tovo Raskel", "Ilse Marveny"]
        );
        // Not a title's words, a name the gazetteers know, one word, a company's unit.
        assert!(names("Prime Minister Tovo Raskel (Kenya) spoke.")
            .iter()
            .all(|n| !n.contains("Minister")));
        assert!(names("Real Madrid (Spain) drew with Raskel (Kenya).").is_empty());
        assert!(names("said Okoro Finance (Kenya) Ltd analyst Ilse Marveny").is_empty());
        // A word the text also writes in lower case: a company's unit.
        assert!(names("Tarvco Sugar (France) said sugar prices fell.").is_empty());
    }

    #[test]
    fn a_name_after_a_reporting_verb_that_follows_a_quote_is_the_speaker() {
        // Invented quotes.
        let names = |text: &str| found_by(text, "rule:person-reporting");
        assert_eq!(
            names("\"The road is shut,\" said Tarvik Oldune, the island's governor."),
            ["Tarvik Oldune"]
        );
        assert_eq!(names("Prices rose, says Velko Tarrin."), ["Velko Tarrin"]);
        // Not the one told, not without a quote or a comma before the verb, not words
        // that go on, not one word, not a company, not a name whose first name the
        // first-name rule reads.
        for text in [
            "\"No,\" told Tarvik Oldune, the aide.",
            "He said Tarvik Oldune was away.",
            "Analysts said Tarvik Oldune, a unit of Marl, fell.",
            "\"No,\" said Marl Tarrin in a statement.",
            "\"No,\" said Oldune.",
            "\"No,\" said Tarvik Holdings.",
            "\"No,\" said Treasurer Ann Lowe.",
        ] {
            assert!(names(text).is_empty(), "{text}");
        }
        assert_eq!(spans("\"No,\" said Treasurer Ann Lowe."), ["Ann Lowe"]);
    }

    #[test]
    fn a_name_listed_between_people_is_a_person() {
        // Invented team sheets and lists. "John Parlow" and "Mary Quint" open with listed
        // first names; the other names' first words are in no list.
        let names = |text: &str| found_by(text, "rule:person-list");
        assert_eq!(
            names("Tessaland: John Parlow, Tarvik Oldune, Mary Quint, Velko Tarrin (Kell Marnoy 75th)."),
            ["Tarvik Oldune", "Velko Tarrin"]
        );
        assert_eq!(
            names("The prize went to John Parlow, Mary Quint and Tarvik Oldune on Sunday."),
            ["Tarvik Oldune"]
        );
        // A list grows from a name found through the list.
        assert_eq!(
            names("Tarvik Oldune, Velko Tarrin, John Parlow and Mary Quint were named."),
            ["Velko Tarrin", "Tarvik Oldune"]
        );
        // One person does not make a list: beside a name may stand a company or a place.
        assert!(names("John Parlow, Tarvik Oldune and others spoke.").is_empty());
        assert!(names("said John Parlow, Advanced Tarrin and Tarrin president.").is_empty());
        // Not a company, a title's words, one word, a common word, or words in capitals.
        for text in [
            "John Parlow, Mary Quint, Tarvik Holdings, Ann Lowe.",
            "Guests: John Parlow, Mary Quint, Chief Justice.",
            "John Parlow, Mary Quint and Deputy Governor Velko Tarrin.",
            "John Parlow, Mary Quint and Oldune met.",
            "John Parlow, Mary Quint and Green Tarrin. The green was wet.",
            "John Parlow, Mary Quint, TARVIK OLDUNE, Ann Lowe.",
        ] {
            assert!(names(text).is_empty(), "{text}");
        }
    }

    fn spans(text: &str) -> Vec<String> {
        people(text).into_iter().map(|p| p.0).collect()
    }

    #[test]
    fn a_feminine_nisba_after_a_chain_describes_the_institution() {
        assert_eq!(
            spans("تبرعت مؤسسة الأمير فهد بن طلال الخيرية بمبلغ كبير"),
            vec!["فهد بن طلال"]
        );
        // A man's nisba still closes his name.
        assert_eq!(
            spans("وقال الأمير فهد بن طلال الهاشمي إن المبلغ كبير"),
            vec!["فهد بن طلال الهاشمي"]
        );
    }

    #[test]
    fn a_mauritanian_name_joins_the_father_with_ould() {
        let got = people("التقى المبعوث سالم ولد الشيخ محمد بالوزير أمس");
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str()),
            ("سالم ولد الشيخ محمد", "Salem Ould Cheikh Mohamed")
        );
        assert_eq!(
            spans("وقال الرئيس محمد ولد عبد العزيز إن البلاد مستقرة"),
            vec!["محمد ولد عبد العزيز"]
        );
        // The verb ولد ("was born") ends a name.
        assert!(spans("وقال الكاتب خالد يوسف إن الشاعر ولد في القاهرة")
            .iter()
            .all(|s| !s.contains("ولد")));
    }

    #[test]
    fn a_turkish_family_name_is_a_word_and_oglu() {
        // Whatever the first word of the family name is, أوغلو after it closes the name.
        let got = people("وقال الوزير مراد كاراتاش أوغلو إن المحادثات انتهت");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "مراد كاراتاش أوغلو");
        // Spelled word by word where every word has a spelling.
        let got = people("وصرح أحمد داود أوغلو بأن الوفد وصل");
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str()),
            ("أحمد داود أوغلو", "Ahmed Daoud Oglu")
        );
    }

    #[test]
    fn a_conjunction_before_a_title_or_a_first_name_ends_the_name() {
        // "وولي" also spells "Woolley", but here it is و and the title ولي العهد.
        assert_eq!(
            spans("حضر الأمير نواف بن فهد بن سعود وولي العهد الأمير سعد بن فهد في الحفل"),
            vec!["نواف بن فهد بن سعود", "سعد بن فهد"]
        );
        assert_eq!(
            spans("وقال الشيخ حمدان بن راشد وأحمد بن سعيد إن الحفل انتهى"),
            vec!["حمدان بن راشد", "أحمد بن سعيد"]
        );
        // A name that opens with و stays whole: without it, the word is nothing listed.
        assert_eq!(
            spans("زار الوفد ضريح الصحابي سعد بن أبي وقاص أمس"),
            vec!["سعد بن أبي وقاص"]
        );
    }

    #[test]
    fn an_unlisted_family_name_in_apposition_to_a_title() {
        // A known first name, a word no list has, then a title: the word is the family
        // name, whatever the cue before the first name.
        assert_eq!(
            spans("وأضاف ماركو فيلاسكيث مدير المعهد أن الخطة جاهزة"),
            vec!["ماركو فيلاسكيث"]
        );
        assert_eq!(
            spans("التقى الوفد سمير بوزنيقة رئيس البلدية"),
            vec!["سمير بوزنيقة"]
        );
        // Without the title after it the unlisted word is not taken on a first name alone.
        assert!(spans("التقى الوفد سمير بوزنيقة في البلدية").is_empty());
    }

    #[test]
    fn the_lineage_before_a_name_belongs_to_it() {
        // The particle and the name word before it, even one that spells a preposition.
        assert_eq!(
            spans("ويروي الكتاب سيرة علي بن حمدان في فصل طويل"),
            vec!["علي بن حمدان"]
        );
        // Not a verb with a conjunction: the name starts at the particle.
        assert_eq!(spans("فأخرج ابن سالم كتابه من الحقيبة"), vec!["ابن سالم"]);
        // A family name with the article closes the lineage so taken in, as after any
        // chain.
        assert_eq!(
            spans("وحضر اللقاء مساعد بن حمدان القرناس ممثلا للوزارة"),
            vec!["مساعد بن حمدان القرناس"]
        );
        // A kinship noun after the particle says whose son; it is no name.
        assert_eq!(spans("وأرسل الأمير سالم ابن عمه إلى المدينة"), vec!["سالم"]);
    }

    #[test]
    fn a_title_phrase_ends_at_a_clause_or_a_verb() {
        // A relative clause after the title: its verb is no name ("حكمت" is one too).
        assert!(spans("وزارت الأميرة التي حكمت الإقليم طويلا").is_empty());
        // A past verb of the shape تفعّل after a one-word name.
        assert_eq!(spans("وقال الرئيس سمير تعهد بمحاربة الفساد"), vec!["سمير"]);
    }

    #[test]
    fn a_family_name_with_the_divine_name() {
        assert_eq!(
            spans("وغنى المطرب رضا العبد الله أغنية جديدة"),
            vec!["رضا العبد الله"]
        );
    }

    #[test]
    fn a_leader_the_gazetteers_name_by_one_word_takes_no_unlisted_word_after_it() {
        let text = "وأكد الرئيس شيراك تمسكه بالقرار";
        let lists = Lists::shared().unwrap();
        let prep = Prepared::new(text, None);
        let words = crate::text::Words::split(prep.norm_text(), lists.cue_filter());
        let hits = lists.hits(&prep, &words);
        let run = |known: &[Candidate]| {
            let mut out = Vec::new();
            find(
                &prep,
                lists,
                Nationalities::builtin(),
                &hits,
                known,
                &mut out,
            );
            out.into_iter()
                .map(|c| text[c.span].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(&[]), vec!["شيراك تمسكه"]);
        let s = text.find("شيراك").unwrap();
        let listed = Candidate {
            span: s..s + "شيراك".len(),
            etype: EntityType::Person,
            target: Target::Gazetteer(0),
            source: "gazetteer:people.tsv".into(),
            confidence: 0.9,
            priority: 0,
            country: None,
        };
        // Cut to the one word, which the gazetteers already give: nothing of the rules'.
        assert!(run(&[listed]).is_empty());
    }

    #[test]
    fn a_nisba_closed_by_punctuation() {
        assert_eq!(
            spans("وأوضح سامي الفلاحيني: إن الحوار مستمر"),
            vec!["سامي الفلاحيني"]
        );
        assert_eq!(
            spans("أشار إليه سمير الزعفراني (1950 - 2010) في كتابه"),
            vec!["سمير الزعفراني"]
        );
    }

    #[test]
    fn the_speaker_after_a_reporting_verb_keeps_an_unlisted_family_name() {
        assert_eq!(
            spans("وقال جون كاربينتر إن الشركة لم تتأثر"),
            vec!["جون كاربينتر"]
        );
        // Not a word opening with the preposition لـ: it begins what follows the name.
        assert_eq!(spans("وقال جون لمراسلنا إن الشركة لم تتأثر"), vec!["جون"]);
        // Nor a day of the week, nor "the day after".
        assert_eq!(spans("وقال جون الجمعة إن الشركة لم تتأثر"), vec!["جون"]);
        assert_eq!(
            spans("وقال جون غداة الهجوم إن الشركة لم تتأثر"),
            vec!["جون"]
        );
    }

    #[test]
    fn a_verb_after_a_title_and_a_name_is_not_a_family_name() {
        // The future prefix سـ and the plural past ending وا are a verb's.
        assert_eq!(spans("وقال الرئيس ماهر سيزور العاصمة غدا"), vec!["ماهر"]);
        assert_eq!(spans("الوزير ماهر استقبلوا وفده"), vec!["ماهر"]);
        // A family name the lists lack is still read after a title.
        assert_eq!(spans("وقال الرئيس ماهر الزعفراني"), vec!["ماهر الزعفراني"]);
    }

    #[test]
    fn a_nisba_closes_a_chain_that_ends_in_an_abd_unit() {
        assert_eq!(
            spans("واستقبل الشيخ خالد بن عبد الرحيم الفلاحيني الوفد"),
            vec!["خالد بن عبد الرحيم الفلاحيني"]
        );
    }

    #[test]
    fn a_possessive_after_a_title_belongs_to_the_title() {
        // "وزير دفاعها": "its defence minister"; the name comes after.
        assert_eq!(
            spans("وقال وزير دفاعها جون كاربينتر إن القوات جاهزة"),
            vec!["جون كاربينتر"]
        );
    }

    #[test]
    fn the_title_complement_with_li_comes_before_the_name() {
        // Invented sentences. لـ on the article, or on a place or organization the
        // gazetteers know, is the title's complement: the name follows it.
        assert_eq!(
            spans("وقال المدير التنفيذي للمؤسسة كريم ناصر إن العمل مستمر"),
            vec!["كريم ناصر"]
        );
        let p = people_among("وصرح الأمين العام لأوبك سالم العتيبي بأن السوق مستقرة", true);
        assert_eq!(
            p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["سالم العتيبي"]
        );
        let p = people_among("وأكد المدير العام للآثار بمصر خالد عادل أهمية الكشف", true);
        assert_eq!(
            p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["خالد عادل"]
        );
        // After a head noun the organization's name runs on for an unknown number of
        // words: the title gives no name, and never one that opens with لشركة.
        // (The known first name still opens its own name.)
        let p = people("وأعلن الرئيس التنفيذي لشركة نور للطاقة سامي خليل");
        assert!(p.iter().all(|x| x.2 != "rule:person-title"), "{p:?}");
        assert_eq!(
            p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["سامي خليل"]
        );
        // After a complement only a known name word begins a name.
        let p = people("وتعد زيارة وزير الدفاع للمملكة دليلا واضحا على الشراكة");
        assert!(p.is_empty(), "{p:?}");
        // A name that opens with ل is still a name.
        assert_eq!(
            spans("وقالت الوزيرة لبنى القاسمي إن الخطة جاهزة"),
            vec!["لبنى القاسمي"]
        );
    }

    #[test]
    fn a_title_in_an_all_capitals_headline_announces_no_name() {
        // Every word of such a headline is capitalized: what follows the title is as
        // likely a verb as a name.
        assert!(spans("ACME CORP CHAIRMAN RESIGNS OVER LAWSUIT").is_empty());
        assert!(spans("FORMER PRESIDENT PLEADS GUILTY").is_empty());
        assert_eq!(
            spans("Acme Corp said Chairman Walter Brandt resigned."),
            vec!["Walter Brandt"]
        );
    }
}
