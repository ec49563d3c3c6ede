//! timeline.xlsx: sheets timeline, events, entities and documents, each with a bold,
//! frozen header row and an autofilter.
//!
//! Every sheet is written in rust_xlsxwriter's constant-memory mode: rows go to a
//! temporary file as they come, so memory does not grow with the corpus. The per-document
//! sheets (events, documents) still stop at [`MAX_ROWS`] rows with a note pointing to the
//! CSV files, to keep the workbook quick to open; the CSVs always hold all.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::rows::Cell;
use super::OutputError;

/// Row cap of the events and documents sheets (keeps memory bounded on large corpora).
pub const MAX_ROWS: u32 = 100_000;

/// Deflate level of the workbook's zip container (1 fastest … 9 smallest).
const ZIP_LEVEL: u8 = 1;

/// One sheet being filled. It is owned here, not by the workbook, until the end, so the
/// two corpus-wide sheets can be filled side by side on two threads.
struct Sheet {
    ws: Worksheet,
    rows: u32,
    cols: u16,
    truncated: Option<&'static str>,
    /// Columns written as numbers, so they sort and sum in a spreadsheet.
    numeric: Vec<bool>,
}

/// Columns that hold counts, offsets or scores.
const NUMERIC: [&str; 14] = [
    "entities",
    "mentions",
    "dates",
    "events",
    "indicators",
    "bytes",
    "documents",
    "confidence",
    "sentence",
    "start",
    "end",
    "event",
    "trigger_start",
    "trigger_end",
];

impl Sheet {
    fn new(
        wb: &mut Workbook,
        name: &str,
        header: &[&str],
        csv: &'static str,
    ) -> Result<Sheet, OutputError> {
        let mut ws = wb.new_worksheet_with_constant_memory().map_err(xlsx)?;
        ws.set_name(name).map_err(xlsx)?;
        let bold = Format::new().set_bold();
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, col(c), *h, &bold)
                .map_err(xlsx)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx)?;
        Ok(Sheet {
            ws,
            rows: 0,
            cols: col(header.len()),
            truncated: Some(csv),
            numeric: header.iter().map(|h| NUMERIC.contains(h)).collect(),
        })
    }

    fn push(&mut self, cells: &[Cell<'_>]) -> Result<(), OutputError> {
        if self.rows >= MAX_ROWS {
            return Ok(());
        }
        let ws = &mut self.ws;
        self.rows += 1;
        for (c, v) in cells.iter().enumerate() {
            let numeric = self.numeric.get(c).copied().unwrap_or(false);
            let (row, col) = (self.rows, col(c));
            match v {
                // The same number as parsing the printed count: both round to nearest.
                Cell::Count(n) if numeric => ws.write_number(row, col, *n as f64),
                _ => {
                    // A score is printed and read back, so the cell holds what the CSV shows.
                    let text = v.to_text();
                    match numeric.then(|| text.parse::<f64>().ok()).flatten() {
                        Some(n) => ws.write_number(row, col, n),
                        // Strings are never formulas in xlsx, so no neutralization is
                        // needed here.
                        None => ws.write_string(row, col, fit(&text)),
                    }
                }
            }
            .map_err(xlsx)?;
        }
        Ok(())
    }

    /// Adds the autofilter, the truncation note and the column widths.
    fn finish(mut self, total: u64) -> Result<Worksheet, OutputError> {
        let ws = &mut self.ws;
        if self.rows > 0 {
            ws.autofilter(0, 0, self.rows, self.cols.saturating_sub(1))
                .map_err(xlsx)?;
        }
        if total > u64::from(self.rows) {
            if let Some(csv) = self.truncated {
                let note = format!(
                    "only the first {} of {total} rows are shown; see {csv} for all",
                    self.rows
                );
                ws.write_string(self.rows + 2, 0, note).map_err(xlsx)?;
            }
        }
        for c in 0..self.cols {
            ws.set_column_width(c, 18).map_err(xlsx)?;
        }
        Ok(self.ws)
    }

    /// Pushes `rows` and finishes the sheet.
    fn fill<'a, R: AsRef<[Cell<'a>]>>(mut self, rows: &[R]) -> Result<Worksheet, OutputError> {
        for r in rows {
            self.push(r.as_ref())?;
        }
        self.finish(rows.len() as u64)
    }
}

/// The workbook while the run streams past.
pub struct XlsxWriter {
    wb: Workbook,
    timeline: Sheet,
    events: Sheet,
    events_total: u64,
    entities: Sheet,
    documents: Sheet,
    documents_total: u64,
}

impl XlsxWriter {
    pub fn new() -> Result<XlsxWriter, OutputError> {
        let mut wb = Workbook::new();
        // The deflate runs alone at the end of a run, after the last document: on the
        // corpus (all stages, -j1) it took 0.42 s at level 1, 0.58 s at 2 and 0.67-0.82 s
        // at 3, Excel's own level, for a file of 17.0, 13.0 and 12.2 MB. Spreadsheets open
        // every level alike; the run's end is what the user waits for.
        wb.set_zip_compression_level(ZIP_LEVEL);
        // Sheets in reading order; the corpus-wide ones are filled at the end.
        let timeline = Sheet::new(&mut wb, "timeline", &super::rows::TIMELINE, "timeline.csv")?;
        let events = Sheet::new(&mut wb, "events", &super::rows::EVENTS, "events.csv")?;
        let entities = Sheet::new(&mut wb, "entities", &super::rows::ENTITIES, "entities.csv")?;
        let documents = Sheet::new(
            &mut wb,
            "documents",
            &super::rows::DOCUMENTS,
            "documents.csv",
        )?;
        Ok(XlsxWriter {
            wb,
            timeline,
            events,
            events_total: 0,
            entities,
            documents,
            documents_total: 0,
        })
    }

    pub fn event(&mut self, row: &[Cell<'_>]) -> Result<(), OutputError> {
        self.events_total += 1;
        self.events.push(row)
    }

    pub fn document(&mut self, row: &[Cell<'_>]) -> Result<(), OutputError> {
        self.documents_total += 1;
        self.documents.push(row)
    }

    /// Fills the corpus-wide sheets and writes the file.
    ///
    /// This is the end of a run, which the user waits for: the timeline sheet (the larger)
    /// is filled on a thread of its own while this one fills the entities sheet.
    pub fn finish<'a, T, E>(
        self,
        path: &Path,
        timeline: &[T],
        entities: &[E],
    ) -> Result<(), OutputError>
    where
        T: AsRef<[Cell<'a>]> + Sync,
        E: AsRef<[Cell<'a>]>,
    {
        let XlsxWriter {
            mut wb,
            timeline: timeline_sheet,
            events,
            events_total,
            entities: entities_sheet,
            documents,
            documents_total,
        } = self;
        let (timeline, entities) = std::thread::scope(|s| {
            let timeline = s.spawn(|| timeline_sheet.fill(timeline));
            let entities = entities_sheet.fill(entities);
            let timeline = timeline
                .join()
                .unwrap_or_else(|_| Err(OutputError::Panicked("timeline.xlsx".into())));
            (timeline, entities)
        });
        // Sheets in reading order.
        wb.push_worksheet(timeline?);
        wb.push_worksheet(events.finish(events_total)?);
        wb.push_worksheet(entities?);
        wb.push_worksheet(documents.finish(documents_total)?);
        wb.save(path).map_err(xlsx)
    }
}

/// Excel's limit of characters in a cell.
const MAX_CELL_CHARS: usize = 32_767;

/// `v`, cut to what a cell can hold (a longer string would fail the whole workbook).
fn fit(v: &str) -> &str {
    // Fewer bytes than the limit means fewer characters: no need to count them.
    if v.len() < MAX_CELL_CHARS {
        return v;
    }
    match v.char_indices().nth(MAX_CELL_CHARS - 1) {
        Some((i, _)) => v.get(..i).unwrap_or(v),
        None => v,
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> OutputError {
    OutputError::Xlsx(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_to_the_excel_limit() {
        let long = "ب".repeat(40_000);
        assert_eq!(fit(&long).chars().count(), MAX_CELL_CHARS - 1);
        assert_eq!(fit("short"), "short");
        let dir = tempfile::tempdir().unwrap();
        let mut x = XlsxWriter::new().unwrap();
        x.document(&[Cell::Text(long.clone().into()), Cell::Count(1)])
            .unwrap();
        let none: &[[Cell<'_>; 0]] = &[];
        x.finish(
            &dir.path().join("t.xlsx"),
            &[[Cell::Text(long.into())]],
            none,
        )
        .unwrap();
    }
}
