//! A malware name counts only in a text about malicious software. The malware lists
//! name families with everyday words ("Christmas", "Royal", "Rover", "Explorer") and
//! proper names ("Jupiter", "Merlin"); in a report on a car maker or a holiday those are
//! not malware. The threat-intelligence lists name hacking groups the same way ("Pioneer",
//! "Castle"). A gazetteer malware candidate, or one of an entity flagged `cyber`, is kept
//! only when the text has one of the words of `gazetteers/context/malware-cues.tsv`
//! ("malware", "hackers", "برمجيات خبيثة").

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::gazetteer::Gazetteer;
use crate::model::{Candidate, EntityType, Target};
use crate::rules::{en_stop, named_by_its_text, tsv_rows, Nationalities};
use crate::text::{is_word_char, normalize, starts_sentence, Prepared};

const CUES: &str = include_str!("../../gazetteers/context/malware-cues.tsv");

/// The cue words, normalized, in one automaton (`None` if the list is empty or
/// cannot be compiled: then no malware candidate is dropped).
fn cues() -> Option<&'static AhoCorasick> {
    static CUES_AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    CUES_AC
        .get_or_init(|| {
            let forms: Vec<String> = tsv_rows(CUES)
                .filter_map(|row| row.get(1).map(|form| normalize(form)))
                .filter(|f| !f.is_empty())
                .collect();
            if forms.is_empty() {
                return None;
            }
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(forms)
                .ok()
        })
        .as_ref()
}

/// Compiles the cue automaton now (see [`super::prepare`]).
pub(crate) fn prepare() {
    cues();
}

/// True when the normalized text has a cue word. A Latin cue must be a whole word
/// ("worm" not in "wormwood"); an Arabic one may carry proclitics and endings
/// ("والقراصنة", "اخترقت").
fn about_computers(hay: &str) -> bool {
    let Some(ac) = cues() else { return true };
    ac.find_iter(hay).any(|m| {
        let latin = hay[m.range()].bytes().next().is_some_and(|b| b.is_ascii());
        let before = hay[..m.start()].chars().next_back();
        let after = hay[m.end()..].chars().next();
        !latin || !after.is_some_and(is_word_char) && !before.is_some_and(is_word_char)
    })
}

/// Drops the candidates that need a text about malicious software (malware, and the
/// entities flagged `cyber`: hacking groups) from a text that is not about it.
pub(crate) fn drop_outside_cyber_texts(
    prep: &Prepared<'_>,
    gaz: &Gazetteer,
    cands: &mut Vec<Candidate>,
) {
    if cands.iter().any(|c| needs_cue(gaz, c)) && !about_computers(prep.norm_text()) {
        cands.retain(|c| !needs_cue(gaz, c));
    }
}

/// A malware name, or a listed entity flagged `cyber` (a hacking group): a name that
/// counts only in a text about malicious software.
fn needs_cue(gaz: &Gazetteer, c: &Candidate) -> bool {
    c.etype == EntityType::Malware
        || matches!(c.target, Target::Gazetteer(i)
            if gaz.entities.get(i as usize).is_some_and(|r| r.has_flag("cyber")))
}

/// The English cue words, normalized: a cue before a name is its kind ("the Trojan
/// Emotet"), not the first word of a longer name.
fn cue_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        tsv_rows(CUES)
            .filter(|row| row.first() == Some(&"en"))
            .filter_map(|row| row.get(1).map(|form| normalize(form)))
            .collect()
    })
}

/// Drops a one-word malware or hacking-group name that is the last word of a longer
/// capitalized name: "Explorer" of "Internet Explorer", "Ninja" of "Team Ninja". The
/// threat lists name families and groups with everyday words, and inside a sentence a
/// capitalized word just before one says that the two name something else together.
/// What may stand before a name is kept: a function word ("The", "In"), a nationality
/// ("Russian Sandworm"), a possessive ("Moscow's"), a cue ("Trojan"), an acronym or a
/// word in capitals, another cyber name, a word that starts the sentence and is no name
/// itself ("Yesterday"), and any word of a headline in title case.
pub(crate) fn drop_name_tails(prep: &Prepared<'_>, gaz: &Gazetteer, cands: &mut Vec<Candidate>) {
    // Listed names only: a rule found its own from the words around them.
    let cyber = |c: &Candidate| matches!(c.target, Target::Gazetteer(_)) && needs_cue(gaz, c);
    let orig = prep.orig;
    let tails: Vec<usize> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| cyber(c))
        .filter(|(_, c)| {
            let Some(name) = orig.get(c.span.clone()) else {
                return false;
            };
            let Some(before) = orig.get(..c.span.start) else {
                return false;
            };
            name.chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_uppercase())
                && !name.contains(char::is_whitespace)
                && before
                    .strip_suffix(' ')
                    .is_some_and(|b| capitalized_name_word(prep, b, cands, &cyber))
        })
        .map(|(i, _)| i)
        .collect();
    if tails.is_empty() {
        return;
    }
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        tails.binary_search(&(i - 1)).is_err()
    });
}

/// True when `before` (the original text up to the space before a name) ends with a
/// capitalized word that makes one name with the next word (see [`drop_name_tails`]).
fn capitalized_name_word(
    prep: &Prepared<'_>,
    before: &str,
    cands: &[Candidate],
    cyber: &impl Fn(&Candidate) -> bool,
) -> bool {
    let orig = prep.orig;
    let word_start = before
        .trim_end_matches(|c: char| c.is_alphanumeric() || c == '-')
        .len();
    let word = &before[word_start..];
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    // Capitalized, and not an acronym nor a word in a headline in capitals. A possessive
    // ("Moscow's") leaves the lowercase "s" here.
    if !first.is_uppercase() || !chars.any(char::is_lowercase) {
        return false;
    }
    let n = normalize(word);
    if en_stop(&n) || cue_words().contains(&n) || Nationalities::builtin().lookup(&n).is_some() {
        return false;
    }
    if cands
        .iter()
        .any(|c| c.span.end == before.len() && c.span.start <= word_start && cyber(c))
    {
        return false;
    }
    if starts_sentence(orig, word_start) && !named_by_its_text(orig, word, |_| true) {
        return false;
    }
    !title_case_line(orig, word_start)
}

/// True when the line around byte `at` writes no lowercase word of four letters or more:
/// a headline in title case ("Hackers Deploy New Wiper Against Banks"), where capitals
/// tell no name.
fn title_case_line(orig: &str, at: usize) -> bool {
    let from = orig[..at].rfind('\n').map_or(0, |p| p + 1);
    let to = orig[at..].find('\n').map_or(orig.len(), |p| at + p);
    !orig[from..to]
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 4 && w.starts_with(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_words_decide() {
        let hay = |t: &str| about_computers(&normalize(t));
        assert!(hay("The ransomware encrypted the files."));
        assert!(hay("نفذ القراصنة هجوما على الشبكة"));
        assert!(hay("قالوا إن مجموعة اخترقت الخوادم"));
        assert!(hay("hackers broke in"));
        // Whole Latin words only: "worm" is a cue, "wormwood" is not.
        assert!(!hay("They sold wormwood at the Rover plant for Christmas."));
        // A disease's virus is no cue, nor a holiday.
        assert!(!hay("The virus spread before Christmas."));
        assert!(!hay("احتفل السكان بعيد الميلاد"));
    }

    /// The malware and group candidates the built-in gazetteer finds in `text`, after
    /// the check.
    fn malware_kept(text: &str) -> usize {
        let gaz = Gazetteer::builtin().unwrap();
        let prep = Prepared::new(text, None);
        let mut cands = gaz.annotate(&prep);
        drop_outside_cyber_texts(&prep, &gaz, &mut cands);
        cands
            .iter()
            .filter(|c| matches!(c.etype, EntityType::Malware | EntityType::Group))
            .count()
    }

    #[test]
    fn a_malware_or_hacking_group_name_needs_a_text_about_malware() {
        // Invented sentences with a listed family's name ("Christmas").
        assert_eq!(malware_kept("Shops stayed open late before Christmas."), 0);
        assert_eq!(
            malware_kept("The Christmas worm spread through office networks."),
            1
        );
        // A hacking group the threat lists name with a word ("Pioneer", Darkhotel), and
        // a militant group, which needs no cue.
        assert_eq!(malware_kept("The Pioneer plant hired 200 workers."), 0);
        assert_eq!(malware_kept("Hackers tied to Pioneer stole the files."), 1);
        assert_eq!(malware_kept("Hamas rejected the truce offer."), 1);
    }

    /// The malware and hacking-group names of `text` left once name tails are dropped.
    fn after_tails(text: &str) -> Vec<String> {
        let gaz = Gazetteer::builtin().unwrap();
        let prep = Prepared::new(text, None);
        let mut cands = gaz.annotate(&prep);
        drop_name_tails(&prep, &gaz, &mut cands);
        cands
            .iter()
            .filter(|c| matches!(c.etype, EntityType::Malware | EntityType::Group))
            .map(|c| text[c.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn the_last_word_of_a_longer_name_is_no_malware() {
        // Invented sentences. A listed family ("Explorer") or a group named with a word
        // ("Ninja") after a capitalized word that is part of the name.
        let none: Vec<String> = Vec::new();
        assert_eq!(
            after_tails("Hackers used a bug in Internet Explorer to plant malware."),
            none
        );
        assert_eq!(
            after_tails("The hackers of Team Ninja spread malware across Orvale."),
            none
        );
        // At the start of a sentence the first word is a name when the text writes it
        // capitalized inside a sentence too.
        assert_eq!(
            after_tails(
                "Internet Explorer had a flaw. Hackers went after Internet Explorer users."
            ),
            none
        );
        // Alone, the name stays.
        assert_eq!(
            after_tails("Hackers spread Explorer through the network."),
            ["Explorer"]
        );
    }

    #[test]
    fn what_may_stand_before_a_cyber_name_keeps_it() {
        let kept = |text: &str| after_tails(text).contains(&"Emotet".to_string());
        // A cue, a function word, a nationality, a possessive, an acronym.
        assert!(kept(
            "Analysts said the banking Trojan Emotet spread through invoices."
        ));
        assert!(kept("Hackers said The Emotet crew was back."));
        assert!(kept(
            "Analysts tied Russian Emotet operators to the hackers."
        ));
        assert!(kept(
            "Analysts tied Moscow's Emotet operators to the hackers."
        ));
        assert!(kept("The NSA Emotet report blamed hackers."));
        // A common word that starts the sentence, and a headline in title case.
        assert!(kept(
            "Yesterday Emotet returned, the malware researchers said."
        ));
        assert!(kept(
            "Hackers Deploy Emotet Against Tessaland Banks\nThe malware spread."
        ));
        // A listed name of more than one word.
        assert!(
            after_tails("Analysts tied Kremlin Cozy Bear hackers to the breach.")
                .contains(&"Cozy Bear".to_string())
        );
        // Another cyber name.
        assert!(
            after_tails("Analysts saw Sandworm Emotet loaders on the hosts.")
                .contains(&"Sandworm".to_string())
        );
        assert!(kept("Analysts saw Sandworm Emotet loaders on the hosts."));
    }

    #[test]
    fn a_users_row_flagged_cyber_in_any_case_needs_the_cue() {
        let rows = "id\ttype\tcanonical\taliases\tflags\n\
            quill\tORGANIZATION\tQuill Team\tQuill Team\tCyber\n";
        let mut b = crate::gazetteer::GazetteerBuilder::new();
        b.add_rows(
            "mine.tsv",
            crate::gazetteer::parse("mine.tsv", rows).unwrap(),
        );
        let gaz = b.build().unwrap();
        let kept = |text: &str| {
            let prep = Prepared::new(text, None);
            let mut cands = gaz.annotate(&prep);
            drop_outside_cyber_texts(&prep, &gaz, &mut cands);
            cands.len()
        };
        assert_eq!(kept("The Quill Team won the quiz."), 0);
        assert_eq!(kept("Hackers of the Quill Team struck."), 1);
    }
}
