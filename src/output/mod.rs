//! Writers: documents.jsonl, the CSV tables, timeline.json and timeline.xlsx.
//!
//! Per-document files are written as results stream past, in input order; the corpus-wide
//! tables (entities, timeline) are written by [`OutputSet::finish`].

pub mod csv;
pub mod rows;
pub mod xlsx;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::model::DocResult;
use crate::timeline::{EntityTable, Timeline};

use self::csv::CsvTable;

/// A file of the output folder could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Csv {
        path: String,
        #[source]
        source: ::csv::Error,
    },
    #[error("timeline.xlsx: {0}")]
    Xlsx(String),
    #[error("{path}: {source}")]
    Json {
        path: String,
        #[source]
        source: serde_json::Error,
    },
}

/// Options of the output folder.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    pub dir: PathBuf,
    /// Start the CSV files with a UTF-8 BOM (default on: Excel needs it for Arabic).
    pub bom: bool,
    /// Write timeline.xlsx.
    pub xlsx: bool,
}

/// One JSON object a line, in the documents.jsonl schema.
pub struct JsonlWriter<W: Write> {
    out: W,
    name: String,
}

impl<W: Write> JsonlWriter<W> {
    /// `name` is used in error messages (`documents.jsonl`, `stdout`).
    pub fn new(out: W, name: &str) -> JsonlWriter<W> {
        JsonlWriter {
            out,
            name: name.to_string(),
        }
    }

    pub fn write(&mut self, r: &DocResult) -> Result<(), OutputError> {
        serde_json::to_writer(&mut self.out, r).map_err(|e| {
            if e.is_io() {
                // Keep I/O errors as such, so a closed pipe can be told apart.
                self.io(e.into())
            } else {
                OutputError::Json {
                    path: self.name.clone(),
                    source: e,
                }
            }
        })?;
        self.out.write_all(b"\n").map_err(|e| self.io(e))
    }

    pub fn flush(&mut self) -> Result<(), OutputError> {
        self.out.flush().map_err(|e| self.io(e))
    }

    fn io(&self, e: std::io::Error) -> OutputError {
        OutputError::Io {
            path: self.name.clone(),
            source: e,
        }
    }
}

/// All files of the output folder.
pub struct OutputSet {
    dir: PathBuf,
    bom: bool,
    jsonl: JsonlWriter<BufWriter<File>>,
    documents: CsvTable,
    mentions: CsvTable,
    dates: CsvTable,
    events: CsvTable,
    indicators: CsvTable,
    xlsx: Option<xlsx::XlsxWriter>,
    entities: EntityTable,
    timeline: Timeline,
}

impl OutputSet {
    /// Creates the folder and opens every per-document file.
    pub fn create(opts: &OutputOptions) -> Result<OutputSet, OutputError> {
        let dir = opts.dir.clone();
        std::fs::create_dir_all(&dir).map_err(|e| OutputError::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let p = |n: &str| dir.join(n);
        let jsonl_path = p("documents.jsonl");
        let jsonl = File::create(&jsonl_path).map_err(|e| OutputError::Io {
            path: jsonl_path.display().to_string(),
            source: e,
        })?;
        let bom = opts.bom;
        Ok(OutputSet {
            jsonl: JsonlWriter::new(BufWriter::new(jsonl), &jsonl_path.display().to_string()),
            documents: CsvTable::create(&p("documents.csv"), bom, &rows::DOCUMENTS)?,
            mentions: CsvTable::create(&p("mentions.csv"), bom, &rows::MENTIONS)?,
            dates: CsvTable::create(&p("dates.csv"), bom, &rows::DATES)?,
            events: CsvTable::create(&p("events.csv"), bom, &rows::EVENTS)?,
            indicators: CsvTable::create(&p("indicators.csv"), bom, &rows::INDICATORS)?,
            xlsx: if opts.xlsx {
                Some(xlsx::XlsxWriter::new()?)
            } else {
                None
            },
            entities: EntityTable::new(),
            timeline: Timeline::new(),
            dir,
            bom,
        })
    }

    /// Writes one document's rows (call in input order).
    pub fn write(&mut self, r: &DocResult) -> Result<(), OutputError> {
        self.jsonl.write(r)?;
        let doc_row = rows::document(r);
        self.documents.row(doc_row.iter().map(String::as_str))?;
        for row in rows::mentions(r) {
            self.mentions.row(row.iter().map(String::as_str))?;
        }
        for row in rows::dates(r) {
            self.dates.row(row.iter().map(String::as_str))?;
        }
        for row in rows::events(r) {
            self.events.row(row.iter().map(String::as_str))?;
            if let Some(x) = self.xlsx.as_mut() {
                x.event(&row)?;
            }
        }
        for row in rows::indicators(r) {
            self.indicators.row(row.iter().map(String::as_str))?;
        }
        if let Some(x) = self.xlsx.as_mut() {
            x.document(&doc_row)?;
        }
        self.entities.add(r);
        self.timeline.add(r);
        Ok(())
    }

    /// Writes the corpus-wide files and flushes everything.
    pub fn finish(self) -> Result<(), OutputError> {
        self.jsonl.flush_into()?;
        for t in [
            self.documents,
            self.mentions,
            self.dates,
            self.events,
            self.indicators,
        ] {
            t.finish()?;
        }
        let dir = &self.dir;
        let entity_rows: Vec<Vec<String>> =
            self.entities.finish().iter().map(rows::entity).collect();
        let mut t = CsvTable::create(&dir.join("entities.csv"), self.bom, &rows::ENTITIES)?;
        for r in &entity_rows {
            t.row(r.iter().map(String::as_str))?;
        }
        t.finish()?;

        let timeline = self.timeline.finish();
        let timeline_rows: Vec<Vec<String>> = timeline.iter().map(rows::timeline).collect();
        let mut t = CsvTable::create(&dir.join("timeline.csv"), self.bom, &rows::TIMELINE)?;
        for r in &timeline_rows {
            t.row(r.iter().map(String::as_str))?;
        }
        t.finish()?;
        write_json(&dir.join("timeline.json"), &timeline)?;

        if let Some(x) = self.xlsx {
            x.finish(&dir.join("timeline.xlsx"), &timeline_rows, &entity_rows)?;
        }
        Ok(())
    }
}

impl JsonlWriter<BufWriter<File>> {
    fn flush_into(mut self) -> Result<(), OutputError> {
        self.flush()
    }
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| OutputError::Io {
        path: shown.clone(),
        source: e,
    };
    let mut f = BufWriter::new(File::create(path).map_err(io)?);
    serde_json::to_writer_pretty(&mut f, value).map_err(|e| OutputError::Json {
        path: shown.clone(),
        source: e,
    })?;
    f.write_all(b"\n").map_err(io)?;
    f.flush().map_err(io)
}
