//! Events: trigger lexicon → typed events with participants, date and place.

use chrono::NaiveDate;

use crate::error::Error;
use crate::model::{DateMention, Entity, Event};
use crate::text::Prepared;

/// Compiled trigger lexicons and role rules.
#[derive(Debug, Default)]
pub struct EventExtractor {}

impl EventExtractor {
    /// The extractor with the built-in lexicons of `gazetteers/events/`.
    pub fn builtin() -> Result<EventExtractor, Error> {
        Ok(EventExtractor {})
    }

    /// Events of a document, from its entities and dates.
    pub fn extract(
        &self,
        _prep: &Prepared<'_>,
        _entities: &[Entity],
        _dates: &[DateMention],
        _dct: Option<NaiveDate>,
    ) -> Vec<Event> {
        Vec::new()
    }
}
