//! Cross-document event dedup: same type, same date, overlapping participants → one row.

use super::TimelineRow;
use crate::model::DocResult;

/// Accumulates events of many documents into timeline rows.
#[derive(Debug, Default)]
pub struct Timeline {
    rows: Vec<TimelineRow>,
}

impl Timeline {
    pub fn new() -> Timeline {
        Timeline::default()
    }

    /// Adds the events of one document.
    pub fn add(&mut self, _doc: &DocResult) {}

    /// The rows, sorted by date (undated last).
    pub fn finish(self) -> Vec<TimelineRow> {
        self.rows
    }
}
