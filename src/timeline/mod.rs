//! Corpus-wide aggregation: the event timeline (events deduplicated across documents) and
//! the entity table. Both accumulate per-document results as they stream past, so memory
//! grows with the number of distinct events and entities, not with the documents.

mod entities;
mod events;

pub use entities::{EntityRow, EntityTable};
pub use events::Timeline;

use serde::Serialize;

use crate::model::Participant;

/// One row of timeline.csv / timeline.json: an event reported by one or more documents.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// TIMEX3 value, or `None` for undated events (sorted last).
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub etype: String,
    /// "REvil → Cyber.Attack → company in Florida".
    pub summary: String,
    pub participants: Vec<Participant>,
    pub locations: Vec<String>,
    /// Ids of the documents that report the event.
    pub documents: Vec<String>,
    /// `doc_id#sentence` of every sentence that reports it.
    pub sentences: Vec<String>,
    /// The sentence texts (first few), for reading the row without opening the articles.
    pub evidence: Vec<String>,
    pub confidence: f32,
    /// How many document-level events were merged into this row.
    pub mentions: usize,
}
