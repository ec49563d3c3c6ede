//! The corpus-wide sheets (timeline, entities), written at the end of a run in pieces of
//! rows that are rendered and deflated on all cores.
//!
//! Threads take the pieces of both sheets from one list, in order, so that they share the
//! work to the end instead of one sheet's thread finishing alone. Each finished piece goes
//! to its sheet's entry ([`Entry`]) as soon as the pieces before it have: only the few
//! pieces in flight are held in memory.

use std::collections::BTreeMap;
use std::fs::File;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use zip::ZipArchive;

use super::entry::Entry;
use super::pieces::{self, Piece};
use super::sheet::SheetXml;
use super::{entry_name, io, whole_sheet, zip_err, Cell, OutputError};

/// Rows per piece: ~0.7-1 MB of markup (a timeline row is ~460 bytes, an entity row
/// ~330), a few milliseconds of work. Enough pieces keep both cores busy to the end; each costs a
/// compressor reset and a few bytes of output.
const PIECE_ROWS: usize = 2048;
/// A piece's compressed bytes, about: markup deflates to a quarter or less at level 1.
const PIECE_BYTES: usize = 512 * 1024;

/// A corpus-wide sheet: its place in the workbook, header, CSV twin and rows.
pub(super) struct Whole<'r, R> {
    pub index: usize,
    pub header: &'r [&'r str],
    pub csv: &'static str,
    pub rows: &'r [R],
}

impl<'a, R: AsRef<[Cell<'a>]>> Whole<'_, R> {
    /// The row ranges of its pieces (one, empty, for a sheet without rows).
    fn pieces(&self) -> impl Iterator<Item = Range<usize>> {
        let n = self.rows.len();
        (0..n.div_ceil(PIECE_ROWS).max(1))
            .map(move |i| i * PIECE_ROWS..((i + 1) * PIECE_ROWS).min(n))
    }

    /// Renders and deflates the rows of `range`: the first piece starts the sheet, the
    /// last one closes it and gives its autofilter range.
    fn piece(
        &self,
        c: &mut flate2::Compress,
        buf: Vec<u8>,
        range: Range<usize>,
    ) -> std::io::Result<(Piece, Option<String>)> {
        let last = range.end == self.rows.len();
        let rows = self.rows.get(range.clone()).unwrap_or_default();
        let out = pieces::Deflater::new(c, buf);
        let mut xml = if range.start == 0 {
            SheetXml::new(out, self.header, Some(self.rows.len()), self.index == 1)?
        } else {
            // A sheet of more than u32::MAX rows cannot be opened anyway; its numbers
            // saturate instead of wrapping.
            SheetXml::resume(
                out,
                self.header,
                u32::try_from(range.start).unwrap_or(u32::MAX),
            )
        };
        for r in rows {
            xml.push(r.as_ref())?;
        }
        if last {
            let filter = xml.filter_range();
            Ok((xml.finish(None)?.end(true)?, filter))
        } else {
            Ok((xml.into_inner()?.end(false)?, None))
        }
    }
}

/// What the threads share: the next piece to append, pieces finished ahead of it, buffers
/// of pieces appended, the two entries, the autofilter ranges and the first error.
struct Assembly {
    next: usize,
    waiting: BTreeMap<usize, Piece>,
    spare: Vec<Vec<u8>>,
    entries: [Entry; 2],
    filters: [Option<String>; 2],
    error: Option<std::io::Error>,
}

/// A sheet's autofilter range and one-entry archive.
pub(super) type Packed = (Option<String>, ZipArchive<File>);

/// Writes both sheets on the available cores; deflate `level`.
pub(super) fn write_both<'a, T, E>(
    level: u32,
    first: &Whole<'_, T>,
    second: &Whole<'_, E>,
) -> Result<[Packed; 2], OutputError>
where
    T: AsRef<[Cell<'a>]> + Sync,
    E: AsRef<[Cell<'a>]> + Sync,
{
    let jobs: Vec<(usize, Range<usize>)> = first
        .pieces()
        .map(|r| (0, r))
        .chain(second.pieces().map(|r| (1, r)))
        .collect();
    let entries = [
        Entry::create(&entry_name(first.index)).map_err(io)?,
        Entry::create(&entry_name(second.index)).map_err(io)?,
    ];
    let state = Mutex::new(Assembly {
        next: 0,
        waiting: BTreeMap::new(),
        spare: Vec::new(),
        entries,
        filters: [None, None],
        error: None,
    });
    let taken = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut c = pieces::compressor(level);
        while !failed.load(Ordering::Relaxed) {
            let i = taken.fetch_add(1, Ordering::Relaxed);
            let Some((sheet, range)) = jobs.get(i) else {
                break;
            };
            let buf = state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .spare
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(PIECE_BYTES));
            let done = match sheet {
                0 => first.piece(&mut c, buf, range.clone()),
                _ => second.piece(&mut c, buf, range.clone()),
            };
            let mut st = state.lock().unwrap_or_else(PoisonError::into_inner);
            let st = &mut *st;
            match done {
                Ok((piece, filter)) => {
                    if let Some(f) = filter {
                        st.filters[usize::from(*sheet != 0)] = Some(f);
                    }
                    st.waiting.insert(i, piece);
                }
                Err(e) => {
                    st.error.get_or_insert(e);
                    failed.store(true, Ordering::Relaxed);
                    break;
                }
            }
            while let Some(piece) = st.waiting.remove(&st.next) {
                let sheet = jobs.get(st.next).map_or(0, |j| usize::from(j.0 != 0));
                if let Err(e) = st.entries[sheet].append(&piece) {
                    st.error.get_or_insert(e);
                    failed.store(true, Ordering::Relaxed);
                    break;
                }
                st.spare.push(piece.data);
                st.next += 1;
            }
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(jobs.len());
    let panicked = std::thread::scope(|s| {
        // A helper that cannot be started leaves its share to the others.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("khabar-xlsx".into())
                    .spawn_scoped(s, work)
                    .ok()
            })
            .collect();
        work();
        helpers
            .into_iter()
            .map(|h| h.join().is_err())
            .fold(false, |a, b| a | b)
    });
    if panicked {
        return Err(OutputError::Panicked("timeline.xlsx".into()));
    }
    let st = state.into_inner().unwrap_or_else(PoisonError::into_inner);
    if let Some(e) = st.error {
        return Err(io(e));
    }
    let [a, b] = st.entries;
    let [fa, fb] = st.filters;
    Ok([pack(a, fa, first)?, pack(b, fb, second)?])
}

/// A sheet's archive from its finished entry; written again whole by [`whole_sheet`]
/// when too large for a plain zip entry.
fn pack<'a, R: AsRef<[Cell<'a>]>>(
    entry: Entry,
    filter: Option<String>,
    sheet: &Whole<'_, R>,
) -> Result<Packed, OutputError> {
    match entry.finish().map_err(io)? {
        Some(file) => Ok((filter, ZipArchive::new(file).map_err(zip_err)?)),
        None => whole_sheet(sheet.index, sheet.header, sheet.csv, sheet.rows),
    }
}

#[cfg(test)]
pub(super) const TEST_PIECE_ROWS: usize = PIECE_ROWS;
