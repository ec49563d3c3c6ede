//! One worksheet's XML (SpreadsheetML `xl/worksheets/sheetN.xml`), written row by row into
//! its zip entry as the rows come.
//!
//! The markup is the one rust_xlsxwriter writes in its constant-memory mode (inline
//! strings, a bold frozen header, fixed column widths, an autofilter), cell for cell: a
//! test renders the same rows with both and compares the bytes. Writing it here lets the
//! sheets be compressed while the run goes on, each on its own thread, instead of all at
//! once after the last document.

use std::io::Write;

use super::super::rows::{hundredths, push_digits, Cell};
use super::super::scan::any_byte;

/// Excel's limit of UTF-16 code units in a cell.
const MAX_CELL_UNITS: usize = 32_767;

/// Rows are rendered into a buffer that goes to the compressor in pieces of about this
/// size: one call per piece instead of one per cell.
const FLUSH_BYTES: usize = 1 << 16;

const HEAD: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
);

/// Column letters of the first 26 columns (no table has more).
const LETTERS: &[u8; 26] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A sheet being written: a bold header row, then data rows, then [`SheetXml::finish`].
pub(super) struct SheetXml<W: Write> {
    out: W,
    buf: Vec<u8>,
    /// Data rows written (the header is row 1, so the last row is `rows + 1`).
    rows: u32,
    cols: usize,
}

impl<W: Write> SheetXml<W> {
    /// Starts the sheet. `rows` is the number of data rows when it is known in advance
    /// (then the sheet states its dimension); a streamed sheet leaves it out (it is
    /// optional: readers size a sheet by its rows).
    pub fn new(
        out: W,
        header: &[&str],
        rows: Option<usize>,
        selected: bool,
    ) -> std::io::Result<SheetXml<W>> {
        let cols = header.len().clamp(1, LETTERS.len());
        let mut sheet = SheetXml {
            out,
            buf: Vec::with_capacity(FLUSH_BYTES + 4096),
            rows: 0,
            cols,
        };
        let b = &mut sheet.buf;
        b.extend_from_slice(HEAD.as_bytes());
        if let Some(n) = rows {
            b.extend_from_slice(b"<dimension ref=\"A1");
            if cols > 1 || n > 0 {
                b.push(b':');
                push_ref(
                    b,
                    cols - 1,
                    itoa::Buffer::new().format(n as u64 + 1).as_bytes(),
                );
            }
            b.extend_from_slice(b"\"/>");
        }
        b.extend_from_slice(b"<sheetViews><sheetView ");
        if selected {
            b.extend_from_slice(b"tabSelected=\"1\" ");
        }
        b.extend_from_slice(
            b"workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" \
              state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>\
              <sheetFormatPr defaultRowHeight=\"15\"/><cols><col min=\"1\" max=\"",
        );
        push_digits(cols as u64, b);
        // Width 18 characters, as Excel stores it (with its padding).
        b.extend_from_slice(
            b"\" width=\"18.7109375\" customWidth=\"1\"/></cols><sheetData><row r=\"1\">",
        );
        for (c, h) in header.iter().take(cols).enumerate() {
            b.extend_from_slice(b"<c r=\"");
            push_ref(b, c, b"1");
            b.extend_from_slice(b"\" s=\"1\" t=\"inlineStr\"><is><t>");
            push_escaped(b, h);
            b.extend_from_slice(b"</t></is></c>");
        }
        b.extend_from_slice(b"</row>");
        Ok(sheet)
    }

    /// Data rows written so far.
    pub fn rows(&self) -> u32 {
        self.rows
    }

    /// Appends a data row.
    pub fn push(&mut self, cells: &[Cell<'_>]) -> std::io::Result<()> {
        self.rows += 1;
        // The row's number, printed once for the reference of each of its cells.
        let mut digits = itoa::Buffer::new();
        let r = digits.format(u64::from(self.rows) + 1).as_bytes();
        let b = &mut self.buf;
        b.extend_from_slice(b"<row r=\"");
        b.extend_from_slice(r);
        b.extend_from_slice(b"\">");
        for (c, v) in cells.iter().take(self.cols).enumerate() {
            push_cell(b, c, r, v);
        }
        b.extend_from_slice(b"</row>");
        if b.len() >= FLUSH_BYTES {
            self.out.write_all(b)?;
            b.clear();
        }
        Ok(())
    }

    /// Closes the sheet: the autofilter over the header and the data rows, and `note` (if
    /// any) in column A two rows below them. Returns the sink.
    pub fn finish(mut self, note: Option<&str>) -> std::io::Result<W> {
        let last = u64::from(self.rows) + 1;
        let b = &mut self.buf;
        if let Some(note) = note {
            let mut digits = itoa::Buffer::new();
            let r = digits.format(last + 2).as_bytes();
            b.extend_from_slice(b"<row r=\"");
            b.extend_from_slice(r);
            b.extend_from_slice(b"\">");
            push_text_cell(b, 0, r, note);
            b.extend_from_slice(b"</row>");
        }
        b.extend_from_slice(b"</sheetData>");
        if self.rows > 0 {
            b.extend_from_slice(b"<autoFilter ref=\"A1:");
            push_ref(
                b,
                self.cols - 1,
                itoa::Buffer::new().format(last).as_bytes(),
            );
            b.extend_from_slice(b"\"/>");
        }
        b.extend_from_slice(
            b"<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" \
              header=\"0.3\" footer=\"0.3\"/></worksheet>",
        );
        self.out.write_all(b)?;
        Ok(self.out)
    }

    /// The autofilter's range as a workbook's defined name holds it (`$A$1:$N$4`), or
    /// `None` for a sheet without data rows.
    pub fn filter_range(&self) -> Option<String> {
        filter_range(self.cols, self.rows as usize)
    }
}

/// The autofilter range (`$A$1:$N$4`) of a sheet of `cols` columns and `rows` data rows,
/// or `None` without data rows; known before the sheet is written.
pub(super) fn filter_range(cols: usize, rows: usize) -> Option<String> {
    (rows > 0).then(|| {
        let mut b = b"$A$1:$".to_vec();
        push_col(&mut b, cols.clamp(1, LETTERS.len()) - 1);
        b.push(b'$');
        push_digits(rows as u64 + 1, &mut b);
        String::from_utf8_lossy(&b).into_owned()
    })
}

/// One cell: counts and scores as numbers, so they sort and sum in a spreadsheet, and
/// text as text (an id that looks like a number keeps its digits); an empty text writes
/// nothing (Excel stores no empty strings).
fn push_cell(b: &mut Vec<u8>, c: usize, r: &[u8], v: &Cell<'_>) {
    match v {
        Cell::Count(n) => {
            push_number_start(b, c, r);
            // Exactly the f64 the count converts to, as its shortest decimal.
            if *n < (1 << 53) {
                push_digits(*n as u64, b);
            } else {
                let _ = write!(b, "{}", *n as f64);
            }
            b.extend_from_slice(b"</v></c>");
        }
        Cell::Score(x) if hundredths(*x).is_some() => {
            // The number the CSV shows (two decimals), as its shortest decimal: the CSV's
            // digits without trailing zeros (a decimal of nine digits or fewer is the
            // shortest that reads back as its double).
            let q = hundredths(*x).unwrap_or_default();
            push_number_start(b, c, r);
            push_digits(q / 100, b);
            let (d1, d2) = ((q / 10 % 10) as u8, (q % 10) as u8);
            match (d1, d2) {
                (0, 0) => {}
                (_, 0) => b.extend_from_slice(&[b'.', b'0' + d1]),
                _ => b.extend_from_slice(&[b'.', b'0' + d1, b'0' + d2]),
            }
            b.extend_from_slice(b"</v></c>");
        }
        Cell::Score(_) => {
            // Negative, huge or not finite: the CSV's text, read back.
            let text = v.to_text();
            match text.parse::<f64>().ok().filter(|n| n.is_finite()) {
                Some(n) => {
                    push_number_start(b, c, r);
                    let _ = write!(b, "{n}");
                    b.extend_from_slice(b"</v></c>");
                }
                None => push_text_cell(b, c, r, &text),
            }
        }
        Cell::Text(s) => push_text_cell(b, c, r, s),
    }
}

fn push_number_start(b: &mut Vec<u8>, c: usize, r: &[u8]) {
    b.extend_from_slice(b"<c r=\"");
    push_ref(b, c, r);
    b.extend_from_slice(b"\"><v>");
}

fn push_text_cell(b: &mut Vec<u8>, c: usize, r: &[u8], text: &str) {
    let text = fit(text);
    if text.is_empty() {
        return;
    }
    b.extend_from_slice(b"<c r=\"");
    push_ref(b, c, r);
    b.extend_from_slice(b"\" t=\"inlineStr\"><is><t");
    let space = |x: Option<&u8>| matches!(x, Some(b'\t' | b'\n' | b' '));
    if space(text.as_bytes().first()) || space(text.as_bytes().last()) {
        b.extend_from_slice(b" xml:space=\"preserve\"");
    }
    b.push(b'>');
    push_escaped(b, text);
    b.extend_from_slice(b"</t></is></c>");
}

/// `A1`-style reference of column `c` (from 0) and the row printed as `r` (from 1).
fn push_ref(b: &mut Vec<u8>, c: usize, r: &[u8]) {
    push_col(b, c);
    b.extend_from_slice(r);
}

fn push_col(b: &mut Vec<u8>, c: usize) {
    b.push(LETTERS.get(c).copied().unwrap_or(b'Z'));
}

/// Whether byte `x` may need escaping: markup, a control character other than tab and
/// line feed, the `_` of an `_xHHHH_` sequence, or the lead byte of U+FFFE/U+FFFF.
#[inline]
const fn special(x: u8) -> bool {
    // `|` and `&`, not `||` and `&&`: no branches, so that blocks of bytes are tested in
    // vector instructions (see [`any_byte`]).
    (x == b'&')
        | (x == b'<')
        | (x == b'>')
        | (x == b'_')
        | (x == 0xEF)
        | ((x < 0x20) & (x != b'\t') & (x != b'\n'))
}

const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = special(i as u8);
        i += 1;
    }
    t
};

/// Appends `s` as Excel stores cell text: `&`, `<`, `>` as entities; control characters
/// and U+FFFE/U+FFFF as `_xHHHH_`; and a literal `_xHHHH_` with its `_` written `_x005F`,
/// so that it does not read back as an escape.
fn push_escaped(b: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if !any_byte(bytes, special) {
        b.extend_from_slice(bytes);
        return;
    }
    let mut from = 0;
    for (i, &x) in bytes.iter().enumerate() {
        if !SPECIAL[usize::from(x)] {
            continue;
        }
        let esc: &[u8] = match x {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'_' if is_escape_like(bytes.get(i..).unwrap_or_default()) => b"_x005F_",
            b'_' => continue,
            0xEF => match bytes.get(i + 1..i + 3) {
                Some([0xBF, 0xBE]) => b"_xFFFE_",
                Some([0xBF, 0xBF]) => b"_xFFFF_",
                _ => continue,
            },
            _ => {
                b.extend_from_slice(bytes.get(from..i).unwrap_or_default());
                let hex = b"0123456789ABCDEF";
                b.extend_from_slice(b"_x00");
                b.push(hex[usize::from(x >> 4)]);
                b.push(hex[usize::from(x & 15)]);
                b.push(b'_');
                from = i + 1;
                continue;
            }
        };
        b.extend_from_slice(bytes.get(from..i).unwrap_or_default());
        b.extend_from_slice(esc);
        from = match x {
            0xEF => i + 3,
            _ => i + 1,
        };
    }
    b.extend_from_slice(bytes.get(from..).unwrap_or_default());
}

/// `_xHHHH_` with four hex digits at the start of `rest`.
fn is_escape_like(rest: &[u8]) -> bool {
    matches!(rest.get(..7), Some([b'_', b'x', h @ .., b'_']) if h.iter().all(u8::is_ascii_hexdigit))
}

/// `v`, cut to what a cell can hold: Excel refuses a longer text, which would fail the
/// whole workbook. A cut text keeps 32,766 units, the limit less one.
fn fit(v: &str) -> &str {
    // Fewer bytes than the limit means fewer UTF-16 units: no need to count them.
    if v.len() < MAX_CELL_UNITS {
        return v;
    }
    let mut units = 0;
    for (i, ch) in v.char_indices() {
        units += ch.len_utf16();
        if units >= MAX_CELL_UNITS {
            return v.get(..i).unwrap_or(v);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut b = Vec::new();
        push_escaped(&mut b, s);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn text_is_escaped_as_excel_writes_it() {
        assert_eq!(escaped("a & b <c> \"d\""), "a &amp; b &lt;c&gt; \"d\"");
        assert_eq!(escaped("tab\tline\nret\r"), "tab\tline\nret_x000D_");
        assert_eq!(escaped("\u{0}\u{1F}"), "_x0000__x001F_");
        assert_eq!(
            escaped("_x0041_ _x12_ _xZZZZ_"),
            "_x005F_x0041_ _x12_ _xZZZZ_"
        );
        assert_eq!(
            escaped("\u{FFFE}\u{FFFF}\u{FFFD}"),
            "_xFFFE__xFFFF_\u{FFFD}"
        );
        assert_eq!(escaped("بايدن_x"), "بايدن_x");
    }

    #[test]
    fn counts_and_scores_are_numbers_and_text_stays_text() {
        let mut sheet = SheetXml::new(Vec::new(), &["id", "n", "score"], None, false).unwrap();
        sheet
            .push(&[Cell::Text("00123".into()), Cell::Count(7), Cell::Score(0.5)])
            .unwrap();
        let xml = String::from_utf8(sheet.finish(None).unwrap()).unwrap();
        assert!(xml.contains(
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>00123</t></is></c>\
             <c r=\"B2\"><v>7</v></c><c r=\"C2\"><v>0.5</v></c></row>"
        ));
    }

    /// A score cell as first written: the CSV's text, parsed and printed back.
    fn score_by_parsing(x: f32) -> Vec<u8> {
        let mut b = Vec::new();
        let cell = Cell::Score(x);
        let text = cell.to_text();
        match text.parse::<f64>().ok().filter(|n| n.is_finite()) {
            Some(n) => {
                push_number_start(&mut b, 2, b"7");
                let _ = write!(b, "{n}");
                b.extend_from_slice(b"</v></c>");
            }
            None => push_text_cell(&mut b, 2, b"7", &text),
        }
        b
    }

    #[test]
    fn scores_are_the_numbers_their_text_reads_as() {
        let check = |x: f32| {
            let mut b = Vec::new();
            push_cell(&mut b, 2, b"7", &Cell::Score(x));
            assert_eq!(
                String::from_utf8(b).unwrap(),
                String::from_utf8(score_by_parsing(x)).unwrap(),
                "{x:e}"
            );
        };
        let mut bits = 0u32;
        while bits < 0x4C00_0000 {
            check(f32::from_bits(bits));
            bits += 7919;
        }
        for k in 0..=2000u32 {
            let x = k as f32 / 200.0;
            check(x);
            check(f32::from_bits(x.to_bits() + 1));
        }
        for x in [
            0.0,
            -0.0,
            0.005,
            0.1,
            0.8,
            1.0,
            9.995,
            10.0,
            1234.5,
            9_999_999.0,
            1e7,
        ] {
            check(x);
        }
        for x in [-0.5, f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 3e38] {
            check(x);
        }
    }

    #[test]
    fn long_cells_are_cut_below_the_excel_limit() {
        let long = "ب".repeat(40_000);
        assert_eq!(fit(&long).chars().count(), MAX_CELL_UNITS - 1);
        // Characters outside the BMP count two units each.
        let astral = "😀".repeat(20_000);
        assert_eq!(
            fit(&astral).encode_utf16().count(),
            MAX_CELL_UNITS - 1,
            "32,766 units: 16,383 emoji"
        );
        assert_eq!(fit("short"), "short");
    }
}
