//! timeline.xlsx: sheets timeline, events, entities and documents, each with a bold,
//! frozen header row and an autofilter.
//!
//! Each sheet is compressed as it is written, into a zip entry of its own in a temporary
//! file (so memory does not grow with it): the per-document sheets (events, documents) by
//! the writer thread while the run goes on, the corpus-wide sheets (timeline, entities) at
//! the end, side by side, each rendered on one thread and compressed on another. The
//! package is put together from the compressed entries without compressing anything
//! again, the streamed sheets' entries while the corpus-wide ones are still being written.
//! The per-document sheets stop at [`MAX_ROWS`] rows with a note pointing to the CSV files,
//! to keep the workbook quick to open; the CSVs always hold all.

mod parts;
mod sheet;

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use self::sheet::SheetXml;
use super::rows::Cell;
use super::OutputError;

/// Row cap of the events and documents sheets (keeps the workbook quick to open).
pub const MAX_ROWS: u32 = 100_000;

/// Deflate level of the workbook's entries (1 fastest … 9 smallest). On the corpus (all
/// stages) level 1 gave a 17.0 MB file, level 2 13.0 MB and level 3 12.2 MB, at 1.4 and
/// 1.6-2.0 times the time of level 1; spreadsheets open every level alike.
const ZIP_LEVEL: i64 = 1;

/// Sheet names, in the workbook's order.
const NAMES: [&str; 4] = ["timeline", "events", "entities", "documents"];

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(ZIP_LEVEL))
}

fn entry_name(sheet: usize) -> String {
    format!("xl/worksheets/sheet{sheet}.xml")
}

/// A per-document sheet, compressed into a one-entry zip in a temporary file as its rows
/// come, so memory does not grow with it. Rows past [`MAX_ROWS`] are only counted.
struct SheetFile {
    xml: SheetXml<ZipWriter<File>>,
    total: u64,
    csv: &'static str,
}

impl SheetFile {
    fn new(index: usize, header: &[&str], csv: &'static str) -> Result<SheetFile, OutputError> {
        let zip = sheet_zip(index)?;
        Ok(SheetFile {
            xml: SheetXml::new(zip, header, None, index == 1).map_err(io)?,
            total: 0,
            csv,
        })
    }

    fn push(&mut self, cells: &[Cell<'_>]) -> Result<(), OutputError> {
        self.total += 1;
        if self.xml.rows() >= MAX_ROWS {
            return Ok(());
        }
        self.xml.push(cells).map_err(io)
    }

    /// Closes the sheet: its autofilter range and its one-entry archive.
    fn finish(self) -> Result<(Option<String>, ZipArchive<File>), OutputError> {
        let filter = self.xml.filter_range();
        let note = truncation_note(self.xml.rows(), self.total, self.csv);
        let zip = self.xml.finish(note.as_deref()).map_err(io)?;
        Ok((filter, reopen(zip)?))
    }
}

/// A one-entry zip in a temporary file, its entry (sheet `index`) started.
fn sheet_zip(index: usize) -> Result<ZipWriter<File>, OutputError> {
    let name = index
        .checked_sub(1)
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or_default();
    let file = tempfile::tempfile().map_err(|e| {
        OutputError::Xlsx(format!(
            "cannot create a temporary file for the {name} sheet: {e} (set TMPDIR to a \
             writable folder, or pass --no-xlsx)"
        ))
    })?;
    let mut zip = ZipWriter::new(file);
    zip.start_file(entry_name(index), options())
        .map_err(zip_err)?;
    Ok(zip)
}

/// Closes a one-entry zip of [`sheet_zip`] and opens it for copying into the package.
fn reopen(zip: ZipWriter<File>) -> Result<ZipArchive<File>, OutputError> {
    let mut file = zip.finish().map_err(zip_err)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    ZipArchive::new(file).map_err(zip_err)
}

fn truncation_note(shown: u32, total: u64, csv: &str) -> Option<String> {
    (total > u64::from(shown))
        .then(|| format!("only the first {shown} of {total} rows are shown; see {csv} for all"))
}

/// Pieces of sheet XML that may wait between the thread that renders a corpus-wide sheet
/// and the one that compresses it.
const PIECES_IN_FLIGHT: usize = 4;

/// A corpus-wide sheet, written whole at the end of a run, which the user waits for. Its
/// XML is rendered on the calling thread and compressed on another, piece by piece: the
/// compression takes about two thirds of the time, so the sheet is ready about a third
/// sooner than on one thread. (Its autofilter range follows from the number of rows:
/// [`sheet::filter_range`].)
fn whole_sheet<'a, R: AsRef<[Cell<'a>]>>(
    index: usize,
    header: &[&str],
    rows: &[R],
) -> Result<ZipArchive<File>, OutputError> {
    let mut zip = sheet_zip(index)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(PIECES_IN_FLIGHT);
    std::thread::scope(|s| {
        let compressed = s.spawn(move || -> Result<ZipWriter<File>, OutputError> {
            for piece in rx {
                zip.write_all(&piece).map_err(io)?;
            }
            Ok(zip)
        });
        let rendered = (|| -> std::io::Result<()> {
            let mut xml = SheetXml::new(Pipe(tx), header, Some(rows.len()), index == 1)?;
            for r in rows {
                xml.push(r.as_ref())?;
            }
            // Dropping the pipe tells the compressing thread that the sheet is complete.
            drop(xml.finish(None)?);
            Ok(())
        })();
        // The compressing thread's error first: when it stops, the pipe breaks and the
        // rendering fails only because of it.
        let zip = compressed
            .join()
            .unwrap_or_else(|_| Err(OutputError::Panicked("timeline.xlsx".into())))?;
        rendered.map_err(io)?;
        reopen(zip)
    })
}

/// Sends what is written to it, as pieces, to another thread.
struct Pipe(std::sync::mpsc::SyncSender<Vec<u8>>);

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.send(buf.to_vec()).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "compression stopped")
        })?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The workbook while the run streams past.
pub struct XlsxWriter {
    events: SheetFile,
    documents: SheetFile,
}

impl XlsxWriter {
    /// Opens the per-document sheets (in temporary files).
    pub fn new() -> Result<XlsxWriter, OutputError> {
        Ok(XlsxWriter {
            events: SheetFile::new(2, &super::rows::EVENTS, "events.csv")?,
            documents: SheetFile::new(4, &super::rows::DOCUMENTS, "documents.csv")?,
        })
    }

    /// Appends a row of the events sheet (rows past [`MAX_ROWS`] are only counted).
    pub fn event(&mut self, row: &[Cell<'_>]) -> Result<(), OutputError> {
        self.events.push(row)
    }

    /// Appends a row of the documents sheet (rows past [`MAX_ROWS`] are only counted).
    pub fn document(&mut self, row: &[Cell<'_>]) -> Result<(), OutputError> {
        self.documents.push(row)
    }

    /// Writes the corpus-wide sheets and the file.
    ///
    /// This is the end of a run, which the user waits for: the timeline and entities
    /// sheets are written on threads of their own (two each, see [`whole_sheet`]) while
    /// this one closes the streamed sheets and starts the package with them. The
    /// package's entries are in the order they are ready; the workbook, not the order of
    /// the entries, orders the sheets.
    pub fn finish<'a, T, E>(
        self,
        path: &Path,
        timeline: &[T],
        entities: &[E],
    ) -> Result<(), OutputError>
    where
        T: AsRef<[Cell<'a>]> + Sync,
        E: AsRef<[Cell<'a>]> + Sync,
    {
        std::thread::scope(|s| {
            let timeline_sheet = s.spawn(|| whole_sheet(1, &super::rows::TIMELINE, timeline));
            let entities_sheet = s.spawn(|| whole_sheet(3, &super::rows::ENTITIES, entities));
            let joined = |h: std::thread::ScopedJoinHandle<'_, _>| {
                h.join()
                    .unwrap_or_else(|_| Err(OutputError::Panicked("timeline.xlsx".into())))
            };
            let mut zip = self.start_package(path, timeline.len(), entities.len())?;
            zip.merge_archive(joined(timeline_sheet)?)
                .map_err(zip_err)?;
            zip.merge_archive(joined(entities_sheet)?)
                .map_err(zip_err)?;
            zip.finish().map_err(zip_err)?.flush().map_err(io)
        })
    }

    /// Creates the file with every part but the corpus-wide sheets, which have
    /// `timeline_rows` and `entity_rows` rows.
    fn start_package(
        self,
        path: &Path,
        timeline_rows: usize,
        entity_rows: usize,
    ) -> Result<ZipWriter<std::io::BufWriter<File>>, OutputError> {
        let (events_filter, events) = self.events.finish()?;
        let (documents_filter, documents) = self.documents.finish()?;
        let shown = path.display().to_string();
        let file = File::create(path).map_err(|e| OutputError::Io {
            path: shown,
            source: e,
        })?;
        let mut zip = ZipWriter::new(std::io::BufWriter::with_capacity(1 << 16, file));
        let created = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let filters = [
            (
                NAMES[0],
                sheet::filter_range(super::rows::TIMELINE.len(), timeline_rows),
            ),
            (NAMES[1], events_filter),
            (
                NAMES[2],
                sheet::filter_range(super::rows::ENTITIES.len(), entity_rows),
            ),
            (NAMES[3], documents_filter),
        ];
        let files: [(&str, String); 7] = [
            ("[Content_Types].xml", parts::content_types(NAMES.len())),
            ("_rels/.rels", parts::ROOT_RELS.to_string()),
            ("docProps/app.xml", parts::app(&NAMES)),
            ("docProps/core.xml", parts::core(&created)),
            ("xl/workbook.xml", parts::workbook(&filters)),
            (
                "xl/_rels/workbook.xml.rels",
                parts::workbook_rels(NAMES.len()),
            ),
            ("xl/styles.xml", parts::STYLES.to_string()),
        ];
        for (name, text) in &files {
            zip.start_file(*name, options()).map_err(zip_err)?;
            zip.write_all(text.as_bytes()).map_err(io)?;
        }
        // Their compressed bytes are copied as they are.
        zip.merge_archive(events).map_err(zip_err)?;
        zip.merge_archive(documents).map_err(zip_err)?;
        Ok(zip)
    }
}

fn io(e: std::io::Error) -> OutputError {
    OutputError::Xlsx(e.to_string())
}

fn zip_err(e: zip::result::ZipError) -> OutputError {
    OutputError::Xlsx(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::io::Read;

    /// Rows with every kind of cell the writers see: text that needs escaping, white
    /// space at either end, Arabic, empty text, counts, scores, and text that reads as a
    /// number.
    fn rows(n: usize, cols: usize) -> Vec<Vec<Cell<'static>>> {
        let texts = [
            "بايدن لبوتين: أتوقع العمل",
            "a & b <c> \"q\"",
            " lead",
            "trail\n",
            "",
            "ctl\u{1}\r",
            "_x0041_ kept",
            "=1+2",
            "0.75",
            "12",
            "-3",
            "1e3",
            "nan",
            "\u{FFFF}",
        ];
        (0..n)
            .map(|r| {
                (0..cols)
                    .map(|c| match (r + c) % 4 {
                        0 => Cell::Count(r * 7 + c),
                        1 => Cell::Score(((r + c) % 101) as f32 / 100.0),
                        _ => Cell::Text(Cow::Borrowed(texts[(r * 3 + c) % texts.len()])),
                    })
                    .collect()
            })
            .collect()
    }

    /// The workbook as rust_xlsxwriter writes it (the earlier writer of this module).
    fn reference(
        timeline: &[Vec<Cell<'_>>],
        events: &[Vec<Cell<'_>>],
        entities: &[Vec<Cell<'_>>],
        documents: &[Vec<Cell<'_>>],
    ) -> Vec<u8> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut wb = Workbook::new();
        type Sheet<'s, 'c> = (&'s str, &'s [&'s str], &'s [Vec<Cell<'c>>], Option<&'s str>);
        let sheets: [Sheet<'_, '_>; 4] = [
            ("timeline", &super::super::rows::TIMELINE, timeline, None),
            (
                "events",
                &super::super::rows::EVENTS,
                events,
                Some("events.csv"),
            ),
            ("entities", &super::super::rows::ENTITIES, entities, None),
            (
                "documents",
                &super::super::rows::DOCUMENTS,
                documents,
                Some("documents.csv"),
            ),
        ];
        for (name, header, rows, csv) in sheets {
            let ws = wb.add_worksheet_with_constant_memory().unwrap();
            ws.set_name(name).unwrap();
            let bold = Format::new().set_bold();
            for (c, h) in header.iter().enumerate() {
                ws.write_string_with_format(0, c as u16, *h, &bold).unwrap();
            }
            ws.set_freeze_panes(1, 0).unwrap();
            let shown = rows.len().min(MAX_ROWS as usize);
            for (r, row) in rows.iter().take(shown).enumerate() {
                let r = r as u32 + 1;
                for (c, v) in row.iter().enumerate() {
                    let col = c as u16;
                    match v {
                        Cell::Count(n) => ws.write_number(r, col, *n as f64),
                        Cell::Score(_) => {
                            let text = v.to_text();
                            match text.parse::<f64>().ok().filter(|n| n.is_finite()) {
                                Some(n) => ws.write_number(r, col, n),
                                None => ws.write_string(r, col, text.as_ref()),
                            }
                        }
                        Cell::Text(t) => ws.write_string(r, col, t.as_ref()),
                    }
                    .unwrap();
                }
            }
            if shown > 0 {
                ws.autofilter(0, 0, shown as u32, header.len() as u16 - 1)
                    .unwrap();
            }
            if let (Some(csv), true) = (csv, rows.len() > shown) {
                let note = truncation_note(shown as u32, rows.len() as u64, csv).unwrap();
                ws.write_string(shown as u32 + 2, 0, note).unwrap();
            }
            for c in 0..header.len() {
                ws.set_column_width(c as u16, 18).unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }

    fn ours(
        timeline: &[Vec<Cell<'_>>],
        events: &[Vec<Cell<'_>>],
        entities: &[Vec<Cell<'_>>],
        documents: &[Vec<Cell<'_>>],
    ) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let mut x = XlsxWriter::new().unwrap();
        for r in events {
            x.event(r).unwrap();
        }
        for r in documents {
            x.document(r).unwrap();
        }
        x.finish(&path, timeline, entities).unwrap();
        std::fs::read(path).unwrap()
    }

    fn part(xlsx: &[u8], name: &str) -> String {
        let mut zip = ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    /// The `<dimension>` element, which a sheet written as it streams leaves out.
    fn without_dimension(xml: &str) -> String {
        match (xml.find("<dimension "), xml.find("<sheetViews>")) {
            (Some(a), Some(b)) => format!("{}{}", &xml[..a], &xml[b..]),
            _ => xml.to_string(),
        }
    }

    #[test]
    fn sheets_are_the_markup_rust_xlsxwriter_writes() {
        let timeline = rows(40, super::super::rows::TIMELINE.len());
        let events = rows(57, super::super::rows::EVENTS.len());
        let entities = rows(3, super::super::rows::ENTITIES.len());
        let documents: Vec<Vec<Cell<'_>>> = Vec::new();
        let theirs = reference(&timeline, &events, &entities, &documents);
        let mine = ours(&timeline, &events, &entities, &documents);
        for (i, streamed) in [(1, false), (2, true), (3, false), (4, true)] {
            let name = format!("xl/worksheets/sheet{i}.xml");
            let (a, b) = (part(&theirs, &name), part(&mine, &name));
            let a = if streamed { without_dimension(&a) } else { a };
            assert_eq!(a, b, "{name}");
        }
        // The same sheets, names and autofilter ranges (Excel keeps the names sorted by
        // sheet; the order in the file does not matter).
        let names = |x: &[u8]| {
            let wb = part(x, "xl/workbook.xml");
            let mut v: Vec<String> = wb
                .split('<')
                .filter(|t| t.starts_with("sheet ") || t.starts_with("definedName "))
                .map(str::to_string)
                .collect();
            v.sort();
            v
        };
        assert_eq!(names(&theirs), names(&mine));
    }

    #[test]
    fn long_sheets_stop_with_a_note() {
        let header = &super::super::rows::DOCUMENTS;
        let documents = rows(MAX_ROWS as usize + 5, header.len());
        let none: Vec<Vec<Cell<'_>>> = Vec::new();
        let mine = ours(&none, &none, &none, &documents);
        let sheet = part(&mine, "xl/worksheets/sheet4.xml");
        assert!(sheet.contains(&format!(
            "only the first {MAX_ROWS} of {} rows are shown; see documents.csv for all",
            MAX_ROWS + 5
        )));
        assert!(sheet.contains(&format!("<autoFilter ref=\"A1:N{}\"/>", MAX_ROWS + 1)));
        assert!(!sheet.contains(&format!("<row r=\"{}\">", MAX_ROWS + 2)));
        let theirs = reference(&none, &none, &none, &documents);
        assert_eq!(
            without_dimension(&part(&theirs, "xl/worksheets/sheet4.xml")),
            sheet
        );
    }

    #[test]
    fn long_cells_are_cut_and_the_workbook_is_written() {
        let long = "ب".repeat(40_000);
        let row = vec![Cell::Text(long.clone().into()), Cell::Count(1)];
        let none: Vec<Vec<Cell<'_>>> = Vec::new();
        let rows = [row];
        let mine = ours(&rows, &none, &none, &rows);
        let sheet = part(&mine, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(&"ب".repeat(32_766)) && !sheet.contains(&"ب".repeat(32_767)));
    }
}
