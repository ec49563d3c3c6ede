//! The corpus-wide entity table (entities.csv).

use serde::Serialize;

use crate::model::{DocResult, EntityType};

/// One row of entities.csv: a canonical entity across the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRow {
    pub id: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Distinct surface forms seen.
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub documents: usize,
    /// Earliest and latest document date of the documents that mention it.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// Accumulates entities of many documents.
#[derive(Debug, Default)]
pub struct EntityTable {
    rows: Vec<EntityRow>,
}

impl EntityTable {
    pub fn new() -> EntityTable {
        EntityTable::default()
    }

    /// Adds the entities of one document.
    pub fn add(&mut self, _doc: &DocResult) {}

    /// The rows, sorted by type then canonical name.
    pub fn finish(self) -> Vec<EntityRow> {
        self.rows
    }
}
