//! Rules for entities the gazetteers do not list (titles + names, organization and group
//! patterns, Latin-script names in Arabic text) and cyber indicators.

use crate::error::Error;
use crate::model::{Candidate, Indicator};
use crate::text::Prepared;

/// Compiled entity rules and their word lists.
#[derive(Debug, Default)]
pub struct Rules {}

impl Rules {
    /// Rules with the built-in word lists of `gazetteers/rules/`.
    pub fn builtin() -> Result<Rules, Error> {
        Ok(Rules {})
    }

    /// Entity candidates found by rules.
    pub fn annotate(&self, _prep: &Prepared<'_>) -> Vec<Candidate> {
        Vec::new()
    }

    /// Cyber indicators (CVE, IP, domain, URL, e-mail, hashes), refanged.
    pub fn indicators(&self, _prep: &Prepared<'_>) -> Vec<Indicator> {
        Vec::new()
    }
}
