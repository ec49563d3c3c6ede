//! CSV files that spreadsheets open correctly: UTF-8 with a BOM by default (Excel needs it
//! to read Arabic), and cells that cannot run as formulas.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::rows::{self, Cell};
use super::scan::any_byte;
use super::OutputError;
use crate::model::DocResult;

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
        encode_rows([header.iter().copied()], &mut head);
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
    pub fn rows<'a, R>(&mut self, rows: R) -> Result<(), OutputError>
    where
        R: IntoIterator,
        R::Item: AsRef<[Cell<'a>]>,
    {
        // In batches, so a large table is never held encoded in memory as a whole.
        let mut rows = rows.into_iter().peekable();
        let mut buf = Vec::new();
        while rows.peek().is_some() {
            buf.clear();
            encode_cells(rows.by_ref().take(1024), &mut buf);
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
}

/// Appends `rows` to `out` as CSV (RFC 4180 quoting, `\n` line ends), every cell through
/// [`neutralize`]. Pure and thread-independent, so workers can encode their documents'
/// rows and the writer only concatenates: the bytes are the same whoever encodes them.
pub fn encode_rows<'a, R, C>(rows: R, out: &mut Vec<u8>)
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = &'a str>,
{
    for row in rows {
        let mut w = RowWriter::new(out);
        for c in row {
            w.text(c);
        }
        w.end();
    }
}

/// Appends rows of typed cells to `out`, as [`encode_rows`] would write their text.
pub fn encode_cells<'a, R>(rows: R, out: &mut Vec<u8>)
where
    R: IntoIterator,
    R::Item: AsRef<[Cell<'a>]>,
{
    for row in rows {
        let mut w = RowWriter::new(out);
        for c in row.as_ref() {
            w.cell(c);
        }
        w.end();
    }
}

/// Appends the rows of mentions.csv of `r`, as [`encode_cells`] writes [`rows::mentions`].
/// The first four cells (document, entity id, name, type) and the last (country) are the
/// same for every mention of an entity: they are encoded once per entity and copied, which
/// leaves three of a row's eleven cells to encode, as mentions.csv is the largest table.
pub fn encode_mentions(r: &DocResult, out: &mut Vec<u8>) {
    let mut doc = Vec::with_capacity(r.doc_id.len() + 2);
    RowWriter::new(&mut doc).text(&r.doc_id);
    let mut head = Vec::new();
    let mut tail = Vec::new();
    for e in &r.entities {
        head.clear();
        head.extend_from_slice(&doc);
        let mut w = RowWriter::continued(&mut head);
        w.text(&e.id);
        w.text(&e.canonical);
        w.text(e.etype.as_str());
        tail.clear();
        let mut w = RowWriter::continued(&mut tail);
        w.text(e.country.as_deref().unwrap_or_default());
        w.end();
        for m in &e.mentions {
            out.extend_from_slice(&head);
            let mut w = RowWriter::continued(out);
            w.text(&m.text);
            w.count(m.start);
            w.count(m.end);
            w.count(m.sentence);
            w.text(&m.source);
            w.cell(&Cell::Score(m.confidence));
            out.extend_from_slice(&tail);
        }
    }
}

/// Writes one CSV row straight into a byte buffer, quoting as the `csv` crate's default
/// writer does (a cell is quoted when it holds a comma, a double quote, CR or LF; quotes
/// inside are doubled). Going through `csv::Writer` cost a buffered state machine call
/// per field, and every count had to be printed to a `String` first.
pub struct RowWriter<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> RowWriter<'a> {
    /// Starts a row at the end of `out`.
    pub fn new(out: &'a mut Vec<u8>) -> RowWriter<'a> {
        RowWriter { out, first: true }
    }

    /// Continues at the end of `out` a row whose first cells are already there.
    pub fn continued(out: &'a mut Vec<u8>) -> RowWriter<'a> {
        RowWriter { out, first: false }
    }

    fn sep(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A text cell, neutralized and quoted as needed.
    pub fn text(&mut self, cell: &str) {
        self.sep();
        let bytes = cell.as_bytes();
        let guard = starts_formula(cell);
        let quote = any_byte(bytes, |b| {
            (b == b',') | (b == b'"') | (b == b'\n') | (b == b'\r')
        });
        if quote {
            self.out.push(b'"');
        }
        if guard {
            self.out.push(b'\'');
        }
        if quote {
            let mut rest = bytes;
            while let Some(i) = memchr::memchr(b'"', rest) {
                let (head, tail) = rest.split_at(i + 1);
                self.out.extend_from_slice(head);
                self.out.push(b'"');
                rest = tail;
            }
            self.out.extend_from_slice(rest);
            self.out.push(b'"');
        } else {
            self.out.extend_from_slice(bytes);
        }
    }

    /// A count: digits only, which never need quoting or neutralizing.
    pub fn count(&mut self, n: usize) {
        self.sep();
        rows::push_digits(n as u64, self.out);
    }

    /// A typed cell.
    pub fn cell(&mut self, c: &Cell<'_>) {
        match c {
            Cell::Text(s) => self.text(s),
            Cell::Count(n) => self.count(*n),
            Cell::Score(x) if x.is_sign_negative() || !x.is_finite() => {
                // A negative score would start with '-': neutralized like any other cell.
                self.text(&format!("{x:.2}"));
            }
            Cell::Score(x) => {
                // Digits and a dot: nothing to quote or neutralize.
                self.sep();
                rows::push_score(*x, self.out);
            }
        }
    }

    /// Ends the row.
    pub fn end(self) {
        self.out.push(b'\n');
    }
}

/// Makes a cell safe against formula injection: a cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`, which spreadsheets show as text (OWASP's
/// advice). The text stays readable; only that one character is added.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if starts_formula(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// True when a spreadsheet could read `cell` as a formula: it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return.
fn starts_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
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
        );
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

    /// The bytes the `csv` crate's default writer gives for the same (neutralized) cells.
    fn by_csv_crate(rows: &[Vec<String>]) -> Vec<u8> {
        let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
        for r in rows {
            w.write_record(r.iter().map(|c| neutralize(c).into_owned()))
                .unwrap();
        }
        w.into_inner().unwrap()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn mentions_are_the_rows_of_the_table(r in super::super::arbitrary::doc()) {
            let mut mine = Vec::new();
            encode_mentions(&r, &mut mine);
            let mut rows = Vec::new();
            encode_cells(rows::mentions(&r), &mut rows);
            proptest::prop_assert_eq!(String::from_utf8(mine).unwrap(), String::from_utf8(rows).unwrap());
        }
    }

    #[test]
    fn same_bytes_as_the_csv_crate() {
        let tricky = [
            "",
            " ",
            "plain",
            "a,b",
            "\"",
            "say \"hi\", then go",
            "line\nbreak",
            "cr\rcr",
            "\r\nboth",
            "=1+2",
            "-3",
            "@x,\"y\"",
            "\tx",
            "'",
            "بايدن، بوتين",
            "\"\"\"",
            "ends with quote\"",
            "#comment",
            "back\\slash",
        ];
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (i, a) in tricky.iter().enumerate() {
            let b = tricky[(i * 7 + 3) % tricky.len()];
            rows.push(vec![a.to_string(), b.to_string(), i.to_string()]);
        }
        let mut mine = Vec::new();
        encode_rows(rows.iter().map(|r| r.iter().map(String::as_str)), &mut mine);
        assert_eq!(
            String::from_utf8(mine).unwrap(),
            String::from_utf8(by_csv_crate(&rows)).unwrap()
        );
        // Typed cells print as their text would.
        let typed = [
            [Cell::Count(0), Cell::Count(usize::MAX), Cell::Score(0.855)],
            [Cell::Count(1907), Cell::Score(-0.5), Cell::Score(f32::NAN)],
            [
                Cell::Text("x,y".into()),
                Cell::Score(1e30),
                Cell::Score(0.0),
            ],
        ];
        let mut mine = Vec::new();
        encode_cells(typed.clone(), &mut mine);
        let as_text: Vec<Vec<String>> = typed
            .iter()
            .map(|r| r.iter().map(|c| c.to_text().into_owned()).collect())
            .collect();
        assert_eq!(
            String::from_utf8(mine).unwrap(),
            String::from_utf8(by_csv_crate(&as_text)).unwrap()
        );
    }
}
