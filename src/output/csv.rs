//! CSV files that spreadsheets open correctly: UTF-8 with a BOM by default (Excel needs it
//! to read Arabic), and cells that cannot run as formulas.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::OutputError;

/// Excel recognizes UTF-8 only with this mark at the start of the file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV table being written. Rows arrive already encoded (see [`encode_rows`]), usually
/// by the worker threads, so appending is a copy.
pub struct CsvTable {
    file: BufWriter<File>,
    path: String,
}

impl CsvTable {
    /// Creates `path`, writes the BOM (if `bom`) and the header row.
    pub fn create(path: &Path, bom: bool, header: &[&str]) -> Result<CsvTable, OutputError> {
        let shown = path.display().to_string();
        let file = File::create(path).map_err(|e| OutputError::Io {
            path: shown.clone(),
            source: e,
        })?;
        let mut t = CsvTable {
            // Large writes mostly bypass the buffer; a bigger one saves system calls for the
            // many small per-document appends.
            file: BufWriter::with_capacity(1 << 16, file),
            path: shown,
        };
        if bom {
            t.append(BOM)?;
        }
        let mut head = Vec::new();
        encode_rows([header.iter().copied()], &mut head).map_err(|e| t.csv(e))?;
        t.append(&head)?;
        Ok(t)
    }

    /// Appends rows encoded by [`encode_rows`].
    pub fn append(&mut self, encoded: &[u8]) -> Result<(), OutputError> {
        self.file.write_all(encoded).map_err(|e| OutputError::Io {
            path: self.path.clone(),
            source: e,
        })
    }

    /// Encodes and appends rows (for the corpus-wide tables, written once at the end).
    pub fn rows<'a, R, C>(&mut self, rows: R) -> Result<(), OutputError>
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator<Item = &'a str>,
    {
        // In batches, so a large table is never held encoded in memory as a whole.
        let mut rows = rows.into_iter().peekable();
        let mut buf = Vec::new();
        while rows.peek().is_some() {
            buf.clear();
            encode_rows(rows.by_ref().take(1024), &mut buf).map_err(|e| self.csv(e))?;
            self.append(&buf)?;
        }
        Ok(())
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<(), OutputError> {
        self.file.flush().map_err(|e| OutputError::Io {
            path: self.path.clone(),
            source: e,
        })
    }

    fn csv(&self, e: ::csv::Error) -> OutputError {
        OutputError::Csv {
            path: self.path.clone(),
            source: e,
        }
    }
}

/// Appends `rows` to `out` as CSV (RFC 4180 quoting, `\n` line ends), every cell through
/// [`neutralize`]. Pure and thread-independent, so workers can encode their documents'
/// rows and the writer only concatenates: the bytes are the same whoever encodes them.
pub fn encode_rows<'a, R, C>(rows: R, out: &mut Vec<u8>) -> Result<(), ::csv::Error>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = &'a str>,
{
    // A small buffer: the writer is built per document and table, and the buffer is
    // zero-filled on creation.
    let mut w = ::csv::WriterBuilder::new()
        .buffer_capacity(1024)
        .from_writer(std::mem::take(out));
    for row in rows {
        for c in row {
            w.write_field(neutralize(c).as_bytes())?;
        }
        // An empty record ends the row of fields written above.
        w.write_record(std::iter::empty::<&[u8]>())?;
    }
    *out = w
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(())
}

/// Makes a cell safe against formula injection: a cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`, which spreadsheets show as text (OWASP's
/// advice). The text stays readable; only that one character is added.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("-2+3"), "'-2+3");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("بايدن = رئيس"), "بايدن = رئيس");
        assert_eq!(neutralize(""), "");
        assert_eq!(neutralize("2021-07-10"), "2021-07-10");
    }

    #[test]
    fn rows_are_quoted_and_neutralized() {
        let mut out = b"x".to_vec();
        encode_rows(
            [
                vec!["a,b", "say \"hi\"", "=1"],
                vec!["", "line\nbreak", "ب"],
            ],
            &mut out,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            concat!(
                r#"x"a,b","say ""hi""",'=1"#,
                "\n",
                r#","line"#,
                "\n",
                r#"break",ب"#,
                "\n"
            )
        );
    }
}
