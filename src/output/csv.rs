//! CSV files that spreadsheets open correctly: UTF-8 with a BOM by default (Excel needs it
//! to read Arabic), and cells that cannot run as formulas.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::OutputError;

/// Excel recognizes UTF-8 only with this mark at the start of the file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV table being written.
pub struct CsvTable {
    writer: csv::Writer<BufWriter<File>>,
    path: String,
}

impl CsvTable {
    /// Creates `path`, writes the BOM (if `bom`) and the header row.
    pub fn create(path: &Path, bom: bool, header: &[&str]) -> Result<CsvTable, OutputError> {
        let shown = path.display().to_string();
        let io = |e: std::io::Error| OutputError::Io {
            path: shown.clone(),
            source: e,
        };
        let mut file = BufWriter::new(File::create(path).map_err(io)?);
        if bom {
            file.write_all(BOM).map_err(io)?;
        }
        let mut t = CsvTable {
            writer: csv::WriterBuilder::new().from_writer(file),
            path: shown,
        };
        t.row(header.iter().copied())?;
        Ok(t)
    }

    /// Writes one row; every cell goes through [`neutralize`].
    pub fn row<'a, I>(&mut self, cells: I) -> Result<(), OutputError>
    where
        I: IntoIterator<Item = &'a str>,
    {
        let err = |e| OutputError::Csv {
            path: self.path.clone(),
            source: e,
        };
        for c in cells {
            self.writer
                .write_field(neutralize(c).as_bytes())
                .map_err(err)?;
        }
        // An empty record ends the row of fields written above.
        self.writer
            .write_record(std::iter::empty::<&[u8]>())
            .map_err(err)
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<(), OutputError> {
        self.writer.flush().map_err(|e| OutputError::Io {
            path: self.path.clone(),
            source: e,
        })
    }
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
}
