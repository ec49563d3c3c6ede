//! One deflate stream compressed in pieces on several threads, as pigz does.
//!
//! Each piece is a raw deflate stream of its own bytes: every piece but the last ends with
//! a sync flush (an empty stored block, which leaves the stream byte-aligned and open) and
//! the last with the final block, so the pieces laid end to end are one valid stream that
//! inflates to the pieces' input in order. A piece does not see the bytes of the piece
//! before it (its matches start afresh), which costs a few bytes per piece of ~1 MB. The
//! CRC-32 of the whole is combined from the pieces' CRCs ([`super::entry::Entry`]).

use std::io::{self, Write};

use flate2::{Compress, Compression, FlushCompress, Status};

/// One compressed piece: its deflate bytes and the CRC-32 and length of its input.
pub(super) struct Piece {
    pub data: Vec<u8>,
    pub crc: crc32fast::Hasher,
    pub len: u64,
}

/// A sink that deflates what is written to it into one piece; [`Deflater::end`] closes it.
pub(super) struct Deflater<'c> {
    c: &'c mut Compress,
    out: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u64,
}

/// A raw deflate compressor (no zlib header) at `level`, to be reused for many pieces.
pub(super) fn compressor(level: u32) -> Compress {
    Compress::new(Compression::new(level), false)
}

impl<'c> Deflater<'c> {
    /// Starts a piece with `c`, which is reset first (a compressor holds ~300 KB of
    /// tables: making one per piece cost more than resetting it), into `out` (cleared: a
    /// buffer of an earlier piece, so that pieces reuse a few buffers instead of growing
    /// new ones).
    pub fn new(c: &'c mut Compress, mut out: Vec<u8>) -> Deflater<'c> {
        c.reset();
        out.clear();
        Deflater {
            c,
            out,
            crc: crc32fast::Hasher::new(),
            len: 0,
        }
    }

    /// Closes the piece: with the final block if it is the stream's `last`, with a sync
    /// flush otherwise.
    pub fn end(mut self, last: bool) -> io::Result<Piece> {
        let flush = if last {
            FlushCompress::Finish
        } else {
            FlushCompress::Sync
        };
        loop {
            self.out.reserve(4096);
            let status = self
                .c
                .compress_vec(&[], &mut self.out, flush)
                .map_err(other)?;
            // A flush is complete when it leaves room in the output (zlib's rule); the
            // final block when the stream reports its end.
            let done = match status {
                Status::StreamEnd => true,
                Status::Ok | Status::BufError => !last && self.out.len() < self.out.capacity(),
            };
            if done {
                break;
            }
        }
        Ok(Piece {
            data: self.out,
            crc: self.crc,
            len: self.len,
        })
    }
}

impl Write for Deflater<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.crc.update(buf);
        self.len += buf.len() as u64;
        let mut input = buf;
        while !input.is_empty() {
            // Markup deflates to about a quarter of its size at level 1.
            self.out.reserve(input.len() / 2 + 1024);
            let before = self.c.total_in();
            self.c
                .compress_vec(input, &mut self.out, FlushCompress::None)
                .map_err(other)?;
            let used = usize::try_from(self.c.total_in() - before).unwrap_or(input.len());
            input = input.get(used..).unwrap_or_default();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn other(e: flate2::CompressError) -> io::Error {
    io::Error::other(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Bytes like a sheet's: repetitive markup with varying numbers and text.
    fn markup(n: usize) -> Vec<u8> {
        let mut v = Vec::new();
        for i in 0..n {
            let _ = write!(
                v,
                "<row r=\"{i}\"><c r=\"A{i}\" t=\"inlineStr\"><is><t>بايدن {}</t></is></c></row>",
                i * 7919 % 1013
            );
        }
        v
    }

    /// The joined stream, its CRC-32 and the length of its input.
    fn pieced(input: &[u8], cuts: &[usize]) -> (Vec<u8>, u32, u64) {
        let mut c = compressor(1);
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(input.len());
        let pieces: Vec<Piece> = bounds
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                let mut d = Deflater::new(&mut c, Vec::new());
                // Written in uneven slices, as the sheet's buffer flushes them.
                for part in input[w[0]..w[1]].chunks(1000 + i * 337) {
                    d.write_all(part).unwrap();
                }
                d.end(i + 2 == bounds.len()).unwrap()
            })
            .collect();
        let mut crc = crc32fast::Hasher::new();
        let mut data = Vec::new();
        let mut len = 0;
        for p in pieces {
            data.extend_from_slice(&p.data);
            crc.combine(&p.crc);
            len += p.len;
        }
        (data, crc.finalize(), len)
    }

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn pieces_inflate_to_the_whole_input_with_its_crc() {
        let input = markup(20_000);
        for cuts in [
            vec![],
            vec![1],
            vec![input.len() / 2],
            vec![10, 65_536, 65_537, 300_000, input.len() - 1],
            vec![0, 0, input.len()],
        ] {
            let (data, crc, len) = pieced(&input, &cuts);
            assert_eq!(inflate(&data), input, "cuts {cuts:?}");
            assert_eq!(crc, crc32fast::hash(&input), "cuts {cuts:?}");
            assert_eq!(len, input.len() as u64);
        }
        // It still compresses: pieces cost only a few bytes each.
        let whole = pieced(&input, &[]).0.len();
        let cut = pieced(&input, &[200_000, 400_000, 600_000]).0.len();
        assert!(whole < input.len() / 3, "{whole} of {}", input.len());
        assert!(cut < whole + 1000, "{cut} against {whole}");
    }

    #[test]
    fn empty_input_is_an_empty_stream() {
        let (data, crc, len) = pieced(b"", &[]);
        assert!(inflate(&data).is_empty());
        assert_eq!((crc, len), (0, 0));
    }
}
