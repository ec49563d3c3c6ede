//! Date recognition and normalization to TIMEX3 values anchored on the document date.

use chrono::NaiveDate;

use crate::error::Error;
use crate::model::DateMention;
use crate::text::Prepared;

/// Compiled date rules and calendar vocabulary.
#[derive(Debug, Default)]
pub struct TimeTagger {}

impl TimeTagger {
    /// The tagger with the built-in vocabulary of `gazetteers/time/`.
    pub fn builtin() -> Result<TimeTagger, Error> {
        Ok(TimeTagger {})
    }

    /// Date expressions of a text, resolved against `dct` where there is one.
    pub fn annotate(&self, _prep: &Prepared<'_>, _dct: Option<NaiveDate>) -> Vec<DateMention> {
        Vec::new()
    }
}
