//! A one-entry zip archive around bytes that are already deflated.
//!
//! The `zip` crate compresses whatever is written into an entry and copies compressed
//! entries only from another archive; a sheet deflated in pieces on several threads is
//! therefore wrapped in an archive of its own here, which `ZipWriter::merge_archive` then
//! copies into the workbook as it copies the streamed sheets' temporary archives. The
//! headers carry the fields `ZipWriter` writes for the workbook's entries (deflate, no
//! time stamp, mode 0644, made on Unix), so every entry of the workbook looks alike; a
//! test compares them with `ZipWriter`'s.

use super::pieces::Joined;

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

/// The archive's bytes, or `None` when the entry is too large for zip's 32-bit fields
/// (4 GiB, which would need the zip64 extension this writer leaves out) or its name too
/// long.
pub(super) fn archive(name: &str, joined: &Joined) -> Option<Vec<u8>> {
    let size = joined.size();
    let csize = u32::try_from(size).ok().filter(|&n| n < u32::MAX)?;
    let usize_ = u32::try_from(joined.len).ok().filter(|&n| n < u32::MAX)?;
    let name_len = u16::try_from(name.len()).ok()?;
    let mut b = Vec::with_capacity(size + 2 * name.len() + 128);
    let common = |b: &mut Vec<u8>| {
        for v in [VERSION, 0, DEFLATE, DOS_TIME, DOS_DATE] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        for v in [joined.crc, csize, usize_] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        // Name length, then no extra field.
        b.extend_from_slice(&name_len.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes());
    };
    // Local file header, then the data.
    b.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    common(&mut b);
    b.extend_from_slice(name.as_bytes());
    for piece in &joined.data {
        b.extend_from_slice(piece);
    }
    // Central directory: one header.
    let central = u32::try_from(b.len()).ok()?;
    b.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    b.extend_from_slice(&MADE_BY.to_le_bytes());
    common(&mut b);
    // No comment, disk 0, no internal attributes.
    for v in [0u16, 0, 0] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&EXTERNAL.to_le_bytes());
    // The local header's offset.
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(name.as_bytes());
    let central_len = u32::try_from(b.len()).ok()? - central;
    // End of central directory: disk 0, directory on disk 0, one entry on it, one in all.
    b.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, 1, 1] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&central_len.to_le_bytes());
    b.extend_from_slice(&central.to_le_bytes());
    // No comment.
    b.extend_from_slice(&0u16.to_le_bytes());
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::super::pieces::{compressor, join, Deflater};
    use super::*;
    use std::io::{Read, Write};
    use zip::ZipArchive;

    fn joined(text: &[u8]) -> Joined {
        let mut c = compressor(1);
        let mut d = Deflater::new(&mut c);
        d.write_all(text).unwrap();
        join(vec![d.end(true).unwrap()])
    }

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
        let mine = archive(name, &joined(text.as_bytes())).unwrap();
        let theirs = zip_writers(name, text.as_bytes());

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
        let j = Joined {
            data: Vec::new(),
            crc: 0,
            len: u64::from(u32::MAX),
        };
        assert!(archive("a.xml", &j).is_none());
    }
}
