//! Rules for entities the gazetteers do not list (titles + names, organization and group
//! patterns, Latin-script names in Arabic text) and cyber indicators.
//!
//! Every cue phrase of every list is indexed by its first word ([`lists::Lists`]); each
//! word of the text is looked up once and each rule family parses a few words around its
//! cues. Word lists are data under `gazetteers/rules/`.

pub(crate) mod government;
mod group;
mod index;
mod indicators;
mod lists;
pub mod nationality;
mod org;
mod person;
mod scan;
mod teams;

pub(crate) use scan::new_target;

use crate::error::Error;
use crate::model::{Candidate, Indicator};
use crate::text::{Prepared, WordFilter, Words};

pub use crate::text::word_ranges;
pub use government::SOURCE as GOVERNMENT_SOURCE;
pub(crate) use lists::{tsv_rows, Lists};
pub use nationality::{Nationalities, Nationality};
pub(crate) use org::ACRONYM_SOURCE;
pub(crate) use person::{OGLU, OULD};
pub(crate) use scan::{en_stop, named_by_its_text, word_after};

/// Compiled entity rules and their word lists.
#[derive(Debug)]
pub struct Rules {
    lists: &'static lists::Lists,
    nats: &'static Nationalities,
}

impl Rules {
    /// Rules with the built-in word lists of `gazetteers/rules/`.
    pub fn builtin() -> Result<Rules, Error> {
        let nats = Nationalities::builtin();
        Ok(Rules {
            lists: lists::Lists::shared()?,
            nats,
        })
    }

    /// Entity candidates found by rules (priority below gazetteer entries), the
    /// gazetteer's mentions of the text being `known` (sorted by start; see
    /// [`Self::annotate_words`]).
    pub fn annotate(&self, prep: &Prepared<'_>, known: &[Candidate]) -> Vec<Candidate> {
        let words = Words::split(prep.norm_text(), self.word_filter());
        self.annotate_words(prep, &words, known)
    }

    /// The filter the words given to [`Self::annotate_words`] are marked by (the first
    /// words of the rules' cues).
    pub fn word_filter(&self) -> &WordFilter {
        self.lists.cue_filter()
    }

    /// [`Self::annotate`] with the words of the normalized text that
    /// [`Self::word_filter`] marks already found (the gazetteer's scan records them:
    /// `Gazetteer::annotate_with_words`).
    ///
    /// `known` are the gazetteer's mentions of the text, sorted by start: a name the
    /// gazetteer gives is a name of its own, which a rule does not join to the next one
    /// ("IMF and World Bank" is two organizations, "Securities and Exchange Commission"
    /// one).
    pub fn annotate_words(
        &self,
        prep: &Prepared<'_>,
        words: &Words,
        known: &[Candidate],
    ) -> Vec<Candidate> {
        let hits = self.lists.hits(prep, words);
        let mut out = Vec::new();
        person::find(prep, self.lists, self.nats, &hits, known, &mut out);
        org::find(prep, self.lists, self.nats, &hits, known, &mut out);
        group::find(prep, self.nats, &hits, &mut out);
        government::find(prep, self.nats, &hits, &mut out);
        teams::find(prep, self.lists, &mut out);
        out.retain(|c| c.span.start < c.span.end);
        out
    }

    /// True for a normalized word that can stand alone as a person's short name
    /// (coreference uses it so that "الله" or "فيه" never become one).
    pub fn surname_like(norm_word: &str) -> bool {
        lists::Lists::shared().is_ok_and(|l| l.surname_like(norm_word))
    }

    /// True for a normalized Arabic word no list knows as a name that may still stand
    /// alone for the person whose full name ends with it ([`lists::Lists::open_surname_ar`]).
    pub fn open_surname_ar(norm_word: &str) -> bool {
        lists::Lists::shared().is_ok_and(|l| l.open_surname_ar(norm_word))
    }

    /// True for a normalized word that is a company's legal form ("inc", "ltd"): the
    /// company's name without it is the company too (coreference reads it).
    pub fn legal_form(norm_word: &str) -> bool {
        lists::Lists::shared().is_ok_and(|l| l.legal_forms_en.contains(norm_word))
    }

    /// True for a normalized Arabic word that is a person's name for sure: a first name
    /// (also one that spells a stop word, "علي") or a strong name word ("كريم").
    /// Coreference reads such a word before a listed full name as a son's name ("كريم
    /// [نجيب سالم الوادي]").
    pub fn given_name_ar(norm_word: &str) -> bool {
        lists::Lists::shared().is_ok_and(|l| {
            l.is_first_ar(norm_word)
                || l.first_ar_homographs.contains(norm_word)
                || l.strong.contains(norm_word)
        })
    }

    /// True for a normalized single-word title ("الرئيس", "السيد").
    pub fn title_word(norm_word: &str) -> bool {
        lists::Lists::shared().is_ok_and(|l| l.title_words.contains(norm_word))
    }

    /// True for a normalized word that ends a title ("mr", "prof", "president", "state"
    /// of "Secretary of State"): a name after it is the title's bearer.
    pub fn title_end(norm_word: &str) -> bool {
        lists::Lists::shared().is_ok_and(|l| l.title_ends.contains(norm_word.trim_end_matches('.')))
    }

    /// True for an English courtesy title as the text writes it ("Mr", "Dr.", not "DR"):
    /// only a person's name follows one.
    pub fn honorific(word: &str) -> bool {
        lists::Lists::shared().is_ok_and(|l| l.honorifics_en.contains(word))
    }

    /// Cyber indicators (CVE, IP, domain, URL, e-mail, hashes), refanged.
    pub fn indicators(&self, prep: &Prepared<'_>) -> Vec<Indicator> {
        indicators::find(prep)
    }
}

/// What a rule's `find` reads, for unit tests: the prepared text, the cue hits, and (with
/// `gazetteer`) the built-in gazetteer's candidates, as the pipeline gives them.
#[cfg(test)]
pub(crate) fn test_inputs(
    text: &str,
    gazetteer: bool,
) -> (Prepared<'_>, Vec<lists::Hit>, Vec<Candidate>) {
    let lists = lists::Lists::shared().unwrap();
    let prep = Prepared::new(text, None);
    let words = Words::split(prep.norm_text(), lists.cue_filter());
    let hits = lists.hits(&prep, &words);
    let known = if gazetteer {
        crate::gazetteer::Gazetteer::builtin()
            .unwrap()
            .annotate(&prep)
    } else {
        Vec::new()
    };
    (prep, hits, known)
}
