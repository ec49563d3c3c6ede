//! A malware name counts only in a text about malicious software. The malware lists
//! name families with everyday words ("Christmas", "Royal", "Rover", "Explorer") and
//! proper names ("Jupiter", "Merlin"); in a report on a car maker or a holiday those are
//! not malware. The threat-intelligence lists name hacking groups the same way ("Pioneer",
//! "Castle"). A gazetteer malware candidate, or one of an entity flagged `cyber`, is kept
//! only when the text has one of the words of `gazetteers/context/malware-cues.tsv`
//! ("malware", "hackers", "برمجيات خبيثة").

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

use crate::gazetteer::Gazetteer;
use crate::model::{Candidate, EntityType, Target};
use crate::rules::tsv_rows;
use crate::text::{is_word_char, normalize, Prepared};

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
    let needs_cue = |c: &Candidate| {
        c.etype == EntityType::Malware
            || matches!(c.target, Target::Gazetteer(i)
                if gaz.entities.get(i as usize).is_some_and(|r| r.has_flag("cyber")))
    };
    if cands.iter().any(needs_cue) && !about_computers(prep.norm_text()) {
        cands.retain(|c| !needs_cue(c));
    }
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
