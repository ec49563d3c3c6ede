//! A one-entry zip archive, in a temporary file, around a deflate stream that arrives in
//! pieces already compressed.
//!
//! The `zip` crate compresses whatever is written into an entry and copies compressed
//! entries only from another archive; a sheet deflated in pieces on several threads is
//! therefore wrapped in an archive of its own here, which `ZipWriter::merge_archive` then
//! copies into the workbook as it copies the streamed sheets' temporary archives. The
//! headers carry the fields `ZipWriter` writes for the workbook's entries (deflate, no
//! time stamp, mode 0644, made on Unix), so every entry of the workbook looks alike; a
//! test compares them with `ZipWriter`'s.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};

use super::pieces::Piece;

/// Zip's "version needed to extract" for deflate (2.0).
const VERSION: u16 = 20;
/// Version made by: Unix (3) in the high byte, 2.0 in the low byte.
const MADE_BY: u16 = (3 << 8) | VERSION;
const DEFLATE: u16 = 8;
/// 1980-01-01 00:00:00 in MS-DOS form, the date `ZipWriter` writes without a clock.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// A regular file with mode 0644, in the high half (Unix attributes).
const EXTERNAL: u32 = 0o100_644 << 16;

/// An entry being written: its local header (patched at the end) and the pieces so far.
pub(super) struct Entry {
    file: io::BufWriter<File>,
    name: String,
    crc: crc32fast::Hasher,
    /// Bytes of input (uncompressed) and of deflate stream written.
    len: u64,
    size: u64,
}

/// The fields the local and the central header share, from the version needed on.
fn common(b: &mut Vec<u8>, name_len: u16, crc: u32, csize: u32, usize_: u32) {
    for v in [VERSION, 0, DEFLATE, DOS_TIME, DOS_DATE] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    for v in [crc, csize, usize_] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    // Name length, then no extra field.
    b.extend_from_slice(&name_len.to_le_bytes());
    b.extend_from_slice(&0u16.to_le_bytes());
}

fn local_header(name: &str, name_len: u16, crc: u32, csize: u32, usize_: u32) -> Vec<u8> {
    let mut b = Vec::with_capacity(30 + name.len());
    b.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    common(&mut b, name_len, crc, csize, usize_);
    b.extend_from_slice(name.as_bytes());
    b
}

impl Entry {
    /// Opens the archive with a blank local header for `name`, which must be shorter than
    /// 64 KiB (the workbook's names are).
    pub fn create(name: &str) -> io::Result<Entry> {
        let name_len = u16::try_from(name.len()).map_err(|_| io::Error::other("name too long"))?;
        let mut file = io::BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        file.write_all(&local_header(name, name_len, 0, 0, 0))?;
        Ok(Entry {
            file,
            name: name.to_string(),
            crc: crc32fast::Hasher::new(),
            len: 0,
            size: 0,
        })
    }

    /// Appends the next piece of the stream.
    pub fn append(&mut self, piece: &Piece) -> io::Result<()> {
        self.file.write_all(&piece.data)?;
        self.crc.combine(&piece.crc);
        self.len += piece.len;
        self.size += piece.data.len() as u64;
        Ok(())
    }

    /// Closes the archive (central directory, final local header) and returns its file,
    /// at its start; `None` when the entry is too large for zip's 32-bit fields (4 GiB,
    /// which would need the zip64 extension this writer leaves out).
    pub fn finish(self) -> io::Result<Option<File>> {
        let fits = |n: u64| u32::try_from(n).ok().filter(|&n| n < u32::MAX);
        let name = self.name.as_str();
        let (Some(csize), Some(usize_), Some(data_end), Ok(name_len)) = (
            fits(self.size),
            fits(self.len),
            fits(30 + name.len() as u64 + self.size),
            u16::try_from(name.len()),
        ) else {
            return Ok(None);
        };
        let crc = self.crc.finalize();
        let mut b = Vec::with_capacity(46 + 22 + name.len());
        b.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        b.extend_from_slice(&MADE_BY.to_le_bytes());
        common(&mut b, name_len, crc, csize, usize_);
        // No comment, disk 0, no internal attributes.
        for v in [0u16, 0, 0] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&EXTERNAL.to_le_bytes());
        // The local header's offset.
        b.extend_from_slice(&0u32.to_le_bytes());
        b.extend_from_slice(name.as_bytes());
        let central_len = u32::try_from(b.len()).unwrap_or(u32::MAX);
        // End of central directory: disk 0, directory on disk 0, one entry on it, one in
        // all; the directory's size and offset; no comment.
        b.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0u16, 0, 1, 1] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&central_len.to_le_bytes());
        b.extend_from_slice(&data_end.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes());
        let mut file = self.file;
        file.write_all(&b)?;
        let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&local_header(name, name_len, crc, csize, usize_))?;
        file.seek(SeekFrom::Start(0))?;
        Ok(Some(file))
    }
}

#[cfg(test)]
mod tests {
    use super::super::pieces::{compressor, Deflater};
    use super::*;
    use std::io::Read;
    use zip::ZipArchive;

    /// The archive `ZipWriter` writes for one entry with the workbook's options.
    fn zip_writers(name: &str, text: &[u8]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file(name, super::super::options()).unwrap();
        z.write_all(text).unwrap();
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn the_archive_reads_back_with_zip_writers_headers() {
        let text = "<row r=\"2\"><c r=\"A2\"><v>7</v></c></row>بايدن".repeat(500);
        let name = "xl/worksheets/sheet1.xml";
        let mut c = compressor(1);
        let mut e = Entry::create(name).unwrap();
        let (a, b) = text.as_bytes().split_at(7001);
        for (part, last) in [(a, false), (b, true)] {
            let mut d = Deflater::new(&mut c, Vec::new());
            d.write_all(part).unwrap();
            e.append(&d.end(last).unwrap()).unwrap();
        }
        let mut mine = Vec::new();
        e.finish().unwrap().unwrap().read_to_end(&mut mine).unwrap();
        let theirs = zip_writers(name, text.as_bytes());

        // Reading to the end checks the CRC, combined from the pieces'.
        let mut z = ZipArchive::new(std::io::Cursor::new(&mine)).unwrap();
        assert_eq!(z.len(), 1);
        let mut back = String::new();
        z.by_index(0).unwrap().read_to_string(&mut back).unwrap();
        assert_eq!(back, text);

        // Headers byte for byte but the compressed size (and the offset of the central
        // directory, which follows the data).
        let local = |b: &[u8]| {
            let mut h = b[..30 + name.len()].to_vec();
            h[18..22].fill(0);
            h
        };
        assert_eq!(local(&mine), local(&theirs));
        let central = |b: &[u8]| {
            let at = b.len() - 22 - (46 + name.len());
            let mut h = b[at..].to_vec();
            h[20..24].fill(0);
            let end = 46 + name.len();
            h[end + 16..end + 20].fill(0);
            h
        };
        assert_eq!(central(&mine), central(&theirs));
    }

    #[test]
    fn too_large_entries_are_refused() {
        let mut e = Entry::create("a.xml").unwrap();
        e.len = u64::from(u32::MAX);
        assert!(e.finish().unwrap().is_none());
    }
}
