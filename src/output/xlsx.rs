//! timeline.xlsx: sheets timeline, events, entities and documents, each with a bold,
//! frozen header row and an autofilter.
//!
//! Every sheet is written in rust_xlsxwriter's constant-memory mode: rows go to a
//! temporary file as they come, so memory does not grow with the corpus. The per-document
//! sheets (events, documents) still stop at [`MAX_ROWS`] rows with a note pointing to the
//! CSV files, to keep the workbook quick to open; the CSVs always hold all.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::rows::Cell;
use super::OutputError;

/// Row cap of the events and documents sheets (keeps memory bounded on large corpora).
pub const MAX_ROWS: u32 = 100_000;

/// Deflate level of the workbook's zip container (1 fastest … 9 smallest).
const ZIP_LEVEL: u8 = 1;

/// One sheet being filled.
struct Sheet {
    /// Index of the sheet in the workbook (sheets are added in order: 0, 1, …).
    index: usize,
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
        index: usize,
        name: &str,
        header: &[&str],
        csv: &'static str,
    ) -> Result<Sheet, OutputError> {
        let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx)?;
        ws.set_name(name).map_err(xlsx)?;
        let bold = Format::new().set_bold();
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, col(c), *h, &bold)
                .map_err(xlsx)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx)?;
        Ok(Sheet {
            index,
            rows: 0,
            cols: col(header.len()),
            truncated: Some(csv),
            numeric: header.iter().map(|h| NUMERIC.contains(h)).collect(),
        })
    }

    fn push(&mut self, wb: &mut Workbook, cells: &[Cell<'_>]) -> Result<(), OutputError> {
        if self.rows >= MAX_ROWS {
            return Ok(());
        }
        let ws = wb.worksheet_from_index(self.index).map_err(xlsx)?;
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

    fn finish(self, wb: &mut Workbook, total: u64) -> Result<(), OutputError> {
        let ws = wb.worksheet_from_index(self.index).map_err(xlsx)?;
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
        Ok(())
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
        let timeline = Sheet::new(
            &mut wb,
            0,
            "timeline",
            &super::rows::TIMELINE,
            "timeline.csv",
        )?;
        let events = Sheet::new(&mut wb, 1, "events", &super::rows::EVENTS, "events.csv")?;
        let entities = Sheet::new(
            &mut wb,
            2,
            "entities",
            &super::rows::ENTITIES,
            "entities.csv",
        )?;
        let documents = Sheet::new(
            &mut wb,
            3,
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
        self.events.push(&mut self.wb, row)
    }

    pub fn document(&mut self, row: &[Cell<'_>]) -> Result<(), OutputError> {
        self.documents_total += 1;
        self.documents.push(&mut self.wb, row)
    }

    /// Fills the corpus-wide sheets and writes the file.
    pub fn finish<'a, T: AsRef<[Cell<'a>]>, E: AsRef<[Cell<'a>]>>(
        mut self,
        path: &Path,
        timeline: &[T],
        entities: &[E],
    ) -> Result<(), OutputError> {
        let wb = &mut self.wb;
        for r in timeline {
            self.timeline.push(wb, r.as_ref())?;
        }
        for r in entities {
            self.entities.push(wb, r.as_ref())?;
        }
        self.timeline.finish(wb, timeline.len() as u64)?;
        self.events.finish(wb, self.events_total)?;
        self.entities.finish(wb, entities.len() as u64)?;
        self.documents.finish(wb, self.documents_total)?;
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
        x.finish(&dir.path().join("t.xlsx"), &[[Cell::Text(long.into())]], none)
            .unwrap();
    }
}
