//! Writers: documents.jsonl, the CSV tables, timeline.json and timeline.xlsx.
//!
//! Per-document files are written as results stream past, in input order: the worker
//! threads encode each document's lines and rows ([`Encoder::encode`]) and the writer only
//! appends the ready bytes ([`OutputSet::write`]). The corpus-wide tables (entities,
//! timeline) are written by [`OutputSet::finish`].

#[cfg(test)]
pub(crate) mod arbitrary;
pub mod csv;
pub mod json;
pub mod rows;
pub mod scan;
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
    /// A thread writing a file panicked (a bug).
    #[error("{0}: internal error while writing (please report)")]
    Panicked(String),
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
        self.write_line(&jsonl_line(r))
    }

    /// Writes a line made by [`jsonl_line`] (on a worker thread, say).
    pub fn write_line(&mut self, line: &[u8]) -> Result<(), OutputError> {
        self.out.write_all(line).map_err(|e| self.io(e))
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

/// Writes a report to standard output and flushes it. A reader that went away
/// (`khabar eval … | head`) is no error: the report ends there, quietly, as other
/// filters do.
pub fn print_report(text: std::fmt::Arguments<'_>) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_fmt(text).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// One documents.jsonl line, with its newline: `r` as serde_json writes it (see [`json`]).
pub fn jsonl_line(r: &DocResult) -> Vec<u8> {
    // About the line's final size, so it is not reallocated as it grows.
    let mentions: usize = r.entities.iter().map(|e| e.mentions.len()).sum();
    let events: usize = r
        .events
        .iter()
        .map(|e| 512 + e.sentence_text.len() + 96 * e.participants.len())
        .sum();
    let mut line = Vec::with_capacity(
        512 + r.entities.len() * 128 + mentions * 128 + r.dates.len() * 128 + events,
    );
    json::push_doc(&mut line, r);
    line.push(b'\n');
    line
}

/// The per-document tables, in [`EncodedDoc::tables`] order.
const TABLES: [&str; 5] = [
    "documents.csv",
    "mentions.csv",
    "dates.csv",
    "events.csv",
    "indicators.csv",
];

/// A document turned into the bytes of every per-document file, ready to append.
pub struct EncodedDoc {
    /// The result itself, for the corpus-wide tables, the workbook and the progress report.
    pub result: DocResult,
    jsonl: Vec<u8>,
    /// Rows of documents.csv, mentions.csv, dates.csv, events.csv, indicators.csv.
    tables: [Vec<u8>; 5],
}

/// Encodes documents for an [`OutputSet`]; cheap to copy into worker threads.
#[derive(Debug, Clone, Copy)]
pub struct Encoder {
    _private: (),
}

impl Encoder {
    /// Serializes one document: its documents.jsonl line and its rows of every CSV table.
    /// The bytes do not depend on the thread that makes them, so output stays identical
    /// whatever the number of threads.
    pub fn encode(&self, result: DocResult) -> Result<EncodedDoc, OutputError> {
        let jsonl = jsonl_line(&result);
        let r = &result;
        // Cells are written straight from the result into each table's bytes. The buffers
        // start at about their final size: grown from empty, they were reallocated some
        // ten times per table and document.
        let table = |capacity: usize, f: &dyn Fn(&mut Vec<u8>)| {
            let mut out = Vec::with_capacity(capacity);
            f(&mut out);
            out
        };
        let mentions: usize = r.entities.iter().map(|e| e.mentions.len()).sum();
        let event_bytes: usize = r
            .events
            .iter()
            .map(|e| 256 + e.sentence_text.len() + e.summary.len())
            .sum();
        let tables = [
            table(256 + r.path.len() * 2, &|out| {
                csv::encode_cells([rows::document(r)], out)
            }),
            table(mentions * 128, &|out| csv::encode_mentions(r, out)),
            table(r.dates.len() * 96, &|out| {
                csv::encode_cells(rows::dates(r), out)
            }),
            table(event_bytes, &|out| csv::encode_cells(rows::events(r), out)),
            table(r.indicators.len() * 128, &|out| {
                csv::encode_cells(rows::indicators(r), out)
            }),
        ];
        Ok(EncodedDoc {
            result,
            jsonl,
            tables,
        })
    }
}

/// All files of the output folder.
pub struct OutputSet {
    dir: PathBuf,
    bom: bool,
    jsonl: JsonlWriter<BufWriter<File>>,
    /// documents.csv, mentions.csv, dates.csv, events.csv, indicators.csv.
    tables: [CsvTable; 5],
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
            jsonl: JsonlWriter::new(
                BufWriter::with_capacity(1 << 16, jsonl),
                &jsonl_path.display().to_string(),
            ),
            tables: [
                CsvTable::create(&p(TABLES[0]), bom, &rows::DOCUMENTS)?,
                CsvTable::create(&p(TABLES[1]), bom, &rows::MENTIONS)?,
                CsvTable::create(&p(TABLES[2]), bom, &rows::DATES)?,
                CsvTable::create(&p(TABLES[3]), bom, &rows::EVENTS)?,
                CsvTable::create(&p(TABLES[4]), bom, &rows::INDICATORS)?,
            ],
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

    /// The encoder of this output set, for the worker threads.
    pub fn encoder(&self) -> Encoder {
        Encoder { _private: () }
    }

    /// Appends a document encoded by [`Self::encoder`] (call in input order) and adds it to
    /// the corpus-wide tables, which take their strings out of it.
    pub fn write(&mut self, e: EncodedDoc) -> Result<(), OutputError> {
        self.jsonl.write_line(&e.jsonl)?;
        for (t, bytes) in self.tables.iter_mut().zip(&e.tables) {
            t.append(bytes)?;
        }
        if let Some(x) = self.xlsx.as_mut() {
            // The workbook takes typed cells borrowed from the result: nothing is copied
            // for it on the workers, and counts go in as numbers without being printed.
            for row in rows::events(&e.result) {
                x.event(&row)?;
            }
            x.document(&rows::document(&e.result))?;
        }
        // Each table takes only its own part (the entities' strings, the events), so the
        // order of the two does not matter.
        let mut result = e.result;
        self.entities.add(&mut result);
        self.timeline.add(&mut result);
        Ok(())
    }

    /// Writes the corpus-wide files and flushes everything.
    ///
    /// The workbook's corpus-wide sheets are the slowest part (they are compressed as they
    /// are written), so the workbook is finished on a thread of its own while the CSV and
    /// JSON files are written here.
    pub fn finish(self) -> Result<(), OutputError> {
        self.jsonl.flush_into()?;
        for t in self.tables {
            t.finish()?;
        }
        let dir = &self.dir;
        // The two tables are sorted side by side.
        let entities = self.entities;
        let (entities, timeline) = std::thread::scope(|s| {
            let entities = s.spawn(|| entities.finish());
            let timeline = self.timeline.finish();
            entities
                .join()
                .map(|e| (e, timeline))
                .map_err(|_| OutputError::Panicked("entities.csv".into()))
        })?;
        let xlsx = self.xlsx;
        let bom = self.bom;
        let joined = |h: std::thread::ScopedJoinHandle<'_, Result<(), OutputError>>, name: &str| {
            h.join()
                .unwrap_or_else(|_| Err(OutputError::Panicked(name.to_string())))
        };
        let written = std::thread::scope(|s| {
            // timeline.json needs no rows: it starts at once.
            let json = s.spawn(|| write_json(&dir.join("timeline.json"), &timeline));
            let entity_rows = s.spawn(|| entities.iter().map(rows::entity).collect::<Vec<_>>());
            let timeline_rows: Vec<_> = timeline.iter().map(rows::timeline).collect();
            let entity_rows = entity_rows
                .join()
                .map_err(|_| OutputError::Panicked("entities.csv".into()))?;
            let (t, e) = (&timeline_rows, &entity_rows);
            let rest = std::thread::scope(|s| {
                let workbook = xlsx.map(|x| {
                    let path = dir.join("timeline.xlsx");
                    s.spawn(move || x.finish(&path, t, e))
                });
                let tables = write_table(dir, "entities.csv", bom, &rows::ENTITIES, e)
                    .and_then(|()| write_table(dir, "timeline.csv", bom, &rows::TIMELINE, t));
                let workbook = workbook.map_or(Ok(()), |h| joined(h, "timeline.xlsx"));
                tables.and(workbook)
            });
            rest.and(joined(json, "timeline.json"))
        });
        drop_aside((timeline, entities));
        written
    }
}

/// Drops `value` on a thread of its own: freeing the corpus-wide tables (hundreds of
/// thousands of strings) took ~0.04 s at the end of a run, after the last file was
/// written. Dropped in place when no thread can be started.
fn drop_aside<T: Send + 'static>(value: T) {
    // Should no thread start, `spawn` drops the closure, and the value with it.
    let _ = std::thread::Builder::new()
        .name("khabar-drop".into())
        .spawn(move || drop(value));
}

/// Writes a whole corpus-wide table.
fn write_table<const N: usize>(
    dir: &Path,
    name: &str,
    bom: bool,
    header: &[&str],
    rows: &[[rows::Cell<'_>; N]],
) -> Result<(), OutputError> {
    let mut t = CsvTable::create(&dir.join(name), bom, header)?;
    t.rows(rows)?;
    t.finish()
}

impl JsonlWriter<BufWriter<File>> {
    fn flush_into(mut self) -> Result<(), OutputError> {
        self.flush()
    }
}

fn write_json(path: &Path, rows: &[crate::timeline::TimelineRow]) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| OutputError::Io {
        path: shown.clone(),
        source: e,
    };
    let mut f = File::create(path).map_err(io)?;
    json::write_timeline(&mut f, rows).map_err(io)?;
    f.write_all(b"\n").map_err(io)
}
