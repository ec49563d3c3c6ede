//! A malware name counts only in a text about malicious software. The malware lists
//! name families with everyday words ("Christmas", "Royal", "Rover", "Explorer") and
//! proper names ("Jupiter", "Merlin"); in a report on a car maker or a holiday those are
//! not malware. A gazetteer malware candidate is kept only when the text has one of the
//! words of `gazetteers/context/malware-cues.tsv` ("malware", "hackers", "برمجيات خبيثة").

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

use crate::model::{Candidate, EntityType};
use crate::text::{is_word_char, normalize, Prepared};

const CUES: &str = include_str!("../../gazetteers/context/malware-cues.tsv");

/// The cue words, normalized, in one automaton (`None` if the list is empty or
/// cannot be compiled: then no malware candidate is dropped).
fn cues() -> Option<&'static AhoCorasick> {
    static CUES_AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    CUES_AC
        .get_or_init(|| {
            let forms: Vec<String> = CUES
                .lines()
                .filter(|l| !l.starts_with('#'))
                .skip(1)
                .filter_map(|l| l.split_once('\t'))
                .map(|(_, form)| normalize(form.trim()))
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
/// ("worm" not in "worms" by itself, "hacked" not in "unhacked"); an Arabic one may carry
/// proclitics ("والقراصنة").
fn about_computers(hay: &str) -> bool {
    let Some(ac) = cues() else { return true };
    ac.find_iter(hay).any(|m| {
        let latin = hay[m.range()].bytes().next().is_some_and(|b| b.is_ascii());
        let before = hay[..m.start()].chars().next_back();
        let after = hay[m.end()..].chars().next();
        !after.is_some_and(is_word_char) && (!latin || !before.is_some_and(is_word_char))
    })
}

/// Drops the gazetteer's malware candidates of a text that is not about computers.
pub(crate) fn drop_stray_malware(prep: &Prepared<'_>, cands: &mut Vec<Candidate>) {
    let malware = |c: &Candidate| c.etype == EntityType::Malware;
    if cands.iter().any(malware) && !about_computers(prep.norm_text()) {
        cands.retain(|c| !malware(c));
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
        assert!(hay("hackers broke in"));
        // Whole Latin words only: "worm" is a cue, "wormwood" is not.
        assert!(!hay("They sold wormwood at the Rover plant for Christmas."));
        // A disease's virus is no cue, nor a holiday.
        assert!(!hay("The virus spread before Christmas."));
        assert!(!hay("احتفل السكان بعيد الميلاد"));
    }

    /// The malware candidates the built-in gazetteer finds in `text`, after the check.
    fn malware_kept(text: &str) -> usize {
        let gaz = crate::gazetteer::Gazetteer::builtin().unwrap();
        let prep = Prepared::new(text, None);
        let mut cands = gaz.annotate(&prep);
        drop_stray_malware(&prep, &mut cands);
        cands
            .iter()
            .filter(|c| c.etype == EntityType::Malware)
            .count()
    }

    #[test]
    fn a_malware_name_needs_a_text_about_malware() {
        // Invented sentences with a listed family's name ("Christmas").
        assert_eq!(malware_kept("Shops stayed open late before Christmas."), 0);
        assert_eq!(
            malware_kept("The Christmas worm spread through office networks."),
            1
        );
    }
}
