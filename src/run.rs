//! The run driver: reads sources lazily, processes them in bounded, ordered chunks on a
//! rayon pool, and hands every result to the caller in input order. Output therefore never
//! depends on the thread count, and memory is bounded by the chunk, not by the corpus.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::{load, DocError, ReadOptions, Source};
use crate::model::{DocResult, Document, Status};
use crate::pipeline::Pipeline;

/// Options of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Worker threads; 0 = all cores.
    pub threads: usize,
    /// Sources per chunk; 0 = 256 per thread.
    pub chunk: usize,
    pub read: ReadOptions,
}

/// One processed document, with a note for the user (a legacy encoding), if any.
#[derive(Debug)]
pub struct Processed {
    pub result: DocResult,
    pub note: Option<String>,
}

/// Totals of a run, for the closing summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub documents: usize,
    pub ok: usize,
    pub failed: usize,
    pub entities: usize,
    pub dates: usize,
    pub events: usize,
    /// Bytes of decoded text processed.
    pub bytes: usize,
    pub elapsed: Duration,
}

impl Summary {
    /// Throughput in MB/s of decoded text.
    pub fn mb_per_s(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.bytes as f64 / 1e6 / s
        } else {
            0.0
        }
    }

    /// The counts of one document.
    fn of(r: &DocResult) -> Summary {
        let ok = r.status == Status::Ok;
        Summary {
            documents: 1,
            ok: usize::from(ok),
            failed: usize::from(!ok),
            entities: r.entities.len(),
            dates: r.dates.len(),
            events: r.events.len(),
            bytes: r.bytes,
            elapsed: Duration::ZERO,
        }
    }

    fn add(&mut self, o: &Summary) {
        self.documents += o.documents;
        self.ok += o.ok;
        self.failed += o.failed;
        self.entities += o.entities;
        self.dates += o.dates;
        self.events += o.events;
        self.bytes += o.bytes;
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents ({} ok, {} failed), {} entities, {} dates, {} events, {:.1} MB/s",
            self.documents,
            self.ok,
            self.failed,
            self.entities,
            self.dates,
            self.events,
            self.mb_per_s()
        )
    }
}

/// A run could not be set up or the sink failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError<E> {
    #[error("cannot start {0} worker threads: {1}")]
    Pool(usize, String),
    #[error(transparent)]
    Sink(E),
}

/// Runs `pipeline` over `sources`, calling `sink` once per document in input order.
/// A sink error stops the run. See [`run_with`].
pub fn run<I, F, E>(
    pipeline: &Pipeline,
    sources: I,
    opts: &RunOptions,
    sink: F,
) -> Result<Summary, RunError<E>>
where
    I: IntoIterator<Item = Source>,
    I::IntoIter: Send,
    F: FnMut(Processed) -> Result<(), E>,
{
    run_with(pipeline, sources, opts, |p| p, sink)
}

/// Runs `pipeline` over `sources`, applies `map` to every processed document on the worker
/// threads (serialization, say, so the single sink thread only appends bytes) and calls
/// `sink` with the mapped documents in input order. A sink error stops the run.
///
/// Three stages overlap: a task on the pool processes a chunk of sources in parallel
/// while it finds the next chunk's sources and the calling thread hands the previous
/// chunk to `sink`. A channel of capacity one keeps at most three chunks of results alive
/// (being written, waiting, being processed), plus the next chunk's sources, whatever the
/// size of the corpus.
pub fn run_with<I, T, M, F, E>(
    pipeline: &Pipeline,
    sources: I,
    opts: &RunOptions,
    map: M,
    mut sink: F,
) -> Result<Summary, RunError<E>>
where
    I: IntoIterator<Item = Source>,
    I::IntoIter: Send,
    T: Send,
    M: Fn(Processed) -> T + Sync,
    F: FnMut(T) -> Result<(), E>,
{
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| RunError::Pool(opts.threads, e.to_string()))?;
    let chunk = if opts.chunk > 0 {
        opts.chunk
    } else {
        // Each chunk ends with the workers waiting for its slowest document; larger
        // chunks make that wait rarer, and CHUNK_BYTES still bounds their memory.
        256 * pool.current_num_threads().max(1)
    };
    let mut summary = Summary::default();
    let mut sources = sources.into_iter();
    let read = &opts.read;
    let map = &map;
    let (tx, rx) = mpsc::sync_channel::<Vec<(Summary, T)>>(1);
    let result = pool.in_place_scope(|scope| {
        scope.spawn(move |_| {
            let mut sources_now = next_chunk(&mut sources, chunk);
            while !sources_now.is_empty() {
                // Finding the next chunk (walking folders, a stat per file) overlaps with
                // processing this one instead of leaving the other workers idle.
                let (done, next) = rayon::join(
                    || -> Vec<(Summary, T)> {
                        batches(sources_now)
                            .into_par_iter()
                            // One batch per task: rayon would otherwise hand each worker
                            // a run of batches at once, and a worker that ran out would
                            // wait for the other's whole run at the end of every chunk.
                            .with_max_len(1)
                            .flat_map_iter(|b| process_sources(pipeline, b, read))
                            .map(|p| (Summary::of(&p.result), map(p)))
                            .collect()
                    },
                    || next_chunk(&mut sources, chunk),
                );
                // The receiver is gone when the sink failed: stop reading.
                if tx.send(done).is_err() {
                    break;
                }
                sources_now = next;
            }
        });
        let rx = rx;
        let mut write = || {
            for done in rx.iter() {
                for (counts, p) in done {
                    summary.add(&counts);
                    sink(p)?;
                }
            }
            Ok(())
        };
        let outcome = write();
        // Dropping the receiver unblocks the producer (its send fails) so the scope can end.
        drop(rx);
        outcome
    });
    result.map_err(RunError::Sink)?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// Sources found ahead of the workers, on a thread of their own.
///
/// Walking folders and reading every file's size (a `stat` each: ~0.1 s of CPU in all
/// for the 24,000 files of the sample corpus) is serial work. On the pool it takes turns
/// with processing on a worker; on its own thread it runs beside the workers, and, started
/// before the pipeline is built, beside start-up, which leaves part of the cores idle.
/// Created with [`ReadAhead::spawn`]; used as the `sources` of [`run`] or [`run_with`].
pub struct ReadAhead {
    batches: Option<mpsc::Receiver<Vec<Source>>>,
    batch: std::vec::IntoIter<Source>,
    /// The sources themselves when no thread could be started: then they are read inline.
    inline: Option<Box<dyn Iterator<Item = Source> + Send>>,
}

/// Sources per batch handed from the read-ahead thread, and batches it may hold ready:
/// a few chunks' worth of paths and sizes, a few hundred kilobytes.
const AHEAD_BATCH: usize = 256;
const AHEAD_BATCHES: usize = 4;
/// Most bytes of JSON Lines objects in one batch: lines are held in memory, files not.
const AHEAD_BYTES: usize = 4_000_000;

impl ReadAhead {
    /// Starts reading `sources` ahead on a new thread. The thread stops when the sources
    /// end or when the `ReadAhead` is dropped (at its next hand-over). If no thread can
    /// be started, the sources are read inline instead, as [`run`] would.
    pub fn spawn<I>(sources: I) -> ReadAhead
    where
        I: IntoIterator<Item = Source>,
        I::IntoIter: Send + 'static,
    {
        let sources: Box<dyn Iterator<Item = Source> + Send> = Box::new(sources.into_iter());
        // The sources go to the thread over a channel once it runs, so that they are still
        // here if it cannot be started.
        let (give, take) = mpsc::sync_channel::<Box<dyn Iterator<Item = Source> + Send>>(1);
        let (tx, rx) = mpsc::sync_channel::<Vec<Source>>(AHEAD_BATCHES);
        let started = std::thread::Builder::new()
            .name("khabar-read-ahead".into())
            .spawn(move || {
                let Ok(mut sources) = take.recv() else {
                    return;
                };
                loop {
                    let batch = ahead_batch(&mut sources);
                    // An empty batch ends the sources; a failed send means nobody reads.
                    if batch.is_empty() || tx.send(batch).is_err() {
                        break;
                    }
                }
            });
        let inline = match started {
            // The thread waits for exactly this message; should it be gone, the sources
            // come back and are read inline.
            Ok(_) => give.send(sources).err().map(|e| e.0),
            Err(_) => Some(sources),
        };
        ReadAhead {
            batches: inline.is_none().then_some(rx),
            batch: Vec::new().into_iter(),
            inline,
        }
    }
}

impl Iterator for ReadAhead {
    type Item = Source;

    fn next(&mut self) -> Option<Source> {
        if let Some(sources) = &mut self.inline {
            return sources.next();
        }
        loop {
            if let Some(src) = self.batch.next() {
                return Some(src);
            }
            self.batch = self.batches.as_ref()?.recv().ok()?.into_iter();
        }
    }
}

/// The next sources for the read-ahead thread, each with its size read.
fn ahead_batch(sources: &mut impl Iterator<Item = Source>) -> Vec<Source> {
    let mut batch = Vec::new();
    let mut held = 0;
    while batch.len() < AHEAD_BATCH && held < AHEAD_BYTES {
        let Some(mut src) = sources.next() else {
            break;
        };
        src.size_hint();
        if let Source::Line { bytes, .. } = &src {
            held += bytes.len();
        }
        batch.push(src);
    }
    batch
}

/// Most bytes of input in one chunk: with files up to `--max-bytes` each, a count alone
/// would not bound memory.
const CHUNK_BYTES: u64 = 64_000_000;

/// The next sources: at most `max` of them and about [`CHUNK_BYTES`] of input (always at
/// least one source, so a large file still goes through alone).
fn next_chunk(sources: &mut impl Iterator<Item = Source>, max: usize) -> Vec<Source> {
    let mut batch = Vec::new();
    let mut bytes = 0u64;
    while batch.len() < max && bytes < CHUNK_BYTES {
        let Some(mut src) = sources.next() else {
            break;
        };
        bytes += src.size_hint();
        batch.push(src);
    }
    batch
}

/// Documents processed together, stage by stage ([`Pipeline::process_batch`]): enough
/// for each stage's tables to stay in the cache from one document to the next, few
/// enough that the workers end a chunk close together. Of 2, 8, 32, 64, 128 and 256 on
/// the sample corpus, 32 to 128 were fastest.
const BATCH_DOCS: usize = 64;

/// Most bytes of input in one batch, since a batch holds every document's intermediate
/// results until it ends (a larger document goes alone).
const BATCH_BYTES: u64 = 1 << 20;

/// Splits items of the given sizes, in order, into ranges of at most [`BATCH_DOCS`] items
/// and about [`BATCH_BYTES`] (each range holds at least one item).
fn groups(sizes: impl IntoIterator<Item = u64>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    let mut end = 0;
    for size in sizes {
        if end > start && (end - start >= BATCH_DOCS || bytes + size > BATCH_BYTES) {
            out.push(start..end);
            (start, bytes) = (end, 0);
        }
        bytes += size;
        end += 1;
    }
    if end > start {
        out.push(start..end);
    }
    out
}

/// A chunk's sources, split into batches by [`groups`].
fn batches(mut chunk: Vec<Source>) -> Vec<Vec<Source>> {
    let sizes: Vec<u64> = chunk.iter_mut().map(Source::size_hint).collect();
    let mut chunk = chunk.into_iter();
    groups(sizes)
        .into_iter()
        .map(|r| chunk.by_ref().take(r.len()).collect())
        .collect()
}

/// Reads a batch of sources and processes their documents together. A panic becomes an
/// error row of the document that caused it.
fn process_sources(pipeline: &Pipeline, srcs: Vec<Source>, read: &ReadOptions) -> Vec<Processed> {
    let mut loaded = Vec::with_capacity(srcs.len());
    for src in srcs {
        let (id, path) = src.describe();
        match catch_unwind(AssertUnwindSafe(|| load(src, read))) {
            Ok(docs) => loaded.extend(docs),
            Err(p) => loaded.push(Err(DocError {
                id,
                path,
                message: internal_error(p.as_ref()),
            })),
        }
    }
    let docs: Vec<&Document> = loaded.iter().flatten().map(|l| &l.doc).collect();
    let mut results = Vec::with_capacity(docs.len());
    // A JSON Lines file brings many documents: they go through in batches too.
    for r in groups(docs.iter().map(|d| d.text.len() as u64)) {
        let batch = docs.get(r).unwrap_or_default();
        match catch_unwind(AssertUnwindSafe(|| pipeline.process_batch(batch))) {
            Ok(done) => results.extend(done),
            // Each document again on its own, so that only the one that panics gets an
            // error row (its panic message is printed twice).
            Err(_) => results.extend(batch.iter().map(|d| process_one(pipeline, d))),
        }
    }
    let mut results = results.into_iter();
    loaded
        .into_iter()
        .map(|loaded| match loaded {
            Err(DocError { id, path, message }) => Processed {
                result: DocResult::error(id, path, message),
                note: None,
            },
            Ok(l) => Processed {
                note: l.note(),
                result: results.next().unwrap_or_else(|| {
                    DocResult::error(
                        l.doc.id.clone(),
                        l.doc.path.clone(),
                        "internal error (please report): no result".into(),
                    )
                }),
            },
        })
        .collect()
}

/// Processes one document; a panic becomes an error row.
fn process_one(pipeline: &Pipeline, doc: &Document) -> DocResult {
    catch_unwind(AssertUnwindSafe(|| pipeline.process(doc))).unwrap_or_else(|panic| {
        DocResult::error(
            doc.id.clone(),
            doc.path.clone(),
            internal_error(panic.as_ref()),
        )
    })
}

/// The message of a caught panic, for the error row.
fn internal_error(panic: &(dyn std::any::Any + Send)) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("internal error (please report): {msg}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn line(n: usize, text: &str) -> Source {
        Source::Line {
            path: "-".into(),
            id: format!("stdin#{n}"),
            line: n,
            bytes: format!("{{\"text\": \"{text}\"}}").into_bytes(),
        }
    }

    #[test]
    fn order_and_errors_are_kept_in_small_chunks() {
        let p = Pipeline::builtin().unwrap();
        let sources: Vec<Source> = (1..=10)
            .map(|i| {
                if i % 3 == 0 {
                    Source::Failed(DocError {
                        id: format!("bad{i}"),
                        path: "x".into(),
                        message: "broken".into(),
                    })
                } else {
                    line(i, "قال بايدن لبوتين في روسيا")
                }
            })
            .collect();
        let opts = RunOptions {
            threads: 2,
            chunk: 3,
            read: ReadOptions::default(),
        };
        let mut ids = Vec::new();
        let s = run(&p, sources, &opts, |r| {
            ids.push(r.result.doc_id.clone());
            assert_eq!(
                r.result.status == Status::Error,
                r.result.doc_id.starts_with("bad")
            );
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(
            ids,
            [
                "stdin#1", "stdin#2", "bad3", "stdin#4", "stdin#5", "bad6", "stdin#7", "stdin#8",
                "bad9", "stdin#10"
            ]
        );
        assert_eq!((s.documents, s.ok, s.failed), (10, 7, 3));
        assert!(s.entities > 0);
    }

    #[test]
    fn a_failing_sink_stops_the_run_without_hanging() {
        let p = Pipeline::builtin().unwrap();
        let sources: Vec<Source> = (1..=200).map(|i| line(i, "Biden")).collect();
        let opts = RunOptions {
            threads: 2,
            chunk: 4,
            read: ReadOptions::default(),
        };
        let mut seen = 0;
        let r = run(&p, sources, &opts, |_| {
            seen += 1;
            if seen == 6 {
                Err("disk full")
            } else {
                Ok(())
            }
        });
        assert!(matches!(r, Err(RunError::Sink("disk full"))));
        assert_eq!(seen, 6);
    }

    #[test]
    fn read_ahead_gives_every_source_in_order_and_stops_when_dropped() {
        let ids = |it: &mut dyn Iterator<Item = Source>| -> Vec<String> {
            it.map(|s| s.describe().0).collect()
        };
        // More than the batches the thread may hold, so it must wait for the reader.
        let n = AHEAD_BATCH * (AHEAD_BATCHES + 3) + 7;
        let all: Vec<String> = (1..=n).map(|i| format!("stdin#{i}")).collect();
        let mut ahead = ReadAhead::spawn((1..=n).map(|i| line(i, "x")).collect::<Vec<_>>());
        assert_eq!(ids(&mut ahead), all);
        assert!(ahead.next().is_none(), "stays ended");

        // Lines are held in memory: a batch stops at its byte bound.
        let big = |i: usize| Source::Line {
            path: "-".into(),
            id: format!("stdin#{i}"),
            line: i,
            bytes: vec![b' '; AHEAD_BYTES / 2],
        };
        assert_eq!(ahead_batch(&mut (1..=5).map(big)).len(), 2);

        // A reader that stops early does not leave the thread blocked on a full channel
        // forever: dropping the reader ends it (the test would hang otherwise).
        let (done_tx, done_rx) = mpsc::channel();
        let endless = std::iter::repeat_with(move || {
            let _ = done_tx.send(());
            line(1, "x")
        });
        let mut ahead = ReadAhead::spawn(endless);
        assert!(ahead.next().is_some());
        drop(ahead);
        // The thread ends once its next hand-over fails, dropping the iterator and with it
        // the sender: the channel then reports it disconnected.
        while done_rx.recv().is_ok() {}

        // Through the run: the same results as the sources given directly.
        let p = Pipeline::builtin().unwrap();
        let opts = RunOptions {
            threads: 2,
            chunk: 5,
            read: ReadOptions::default(),
        };
        let mut got = Vec::new();
        let sources: Vec<Source> = (1..=23).map(|i| line(i, "Biden")).collect();
        run(&p, ReadAhead::spawn(sources), &opts, |r| {
            got.push(r.result.doc_id.clone());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(got, all[..23]);
    }

    #[test]
    fn chunks_are_bounded_by_count_and_bytes() {
        let big = |i: usize| Source::Line {
            path: "-".into(),
            id: format!("stdin#{i}"),
            line: i,
            bytes: vec![b' '; 30_000_000],
        };
        let mut it = (1..=5).map(big);
        assert_eq!(
            next_chunk(&mut it, 64).len(),
            3,
            "30+30+30 MB reaches the byte bound"
        );
        assert_eq!(next_chunk(&mut it, 64).len(), 2);
        assert!(next_chunk(&mut it, 64).is_empty());
        let mut small = (1..=10).map(|i| line(i, "x"));
        assert_eq!(next_chunk(&mut small, 4).len(), 4);
    }
    #[test]
    fn batches_are_bounded_by_count_and_bytes() {
        assert!(groups([]).is_empty());
        let n = BATCH_DOCS * 2 + 5;
        assert_eq!(
            groups(vec![10; n]),
            [0..BATCH_DOCS, BATCH_DOCS..2 * BATCH_DOCS, 2 * BATCH_DOCS..n]
        );
        // A document larger than the byte bound goes alone; small ones fill up to it.
        let half = BATCH_BYTES / 2;
        assert_eq!(
            groups([half, half, 1, 3 * BATCH_BYTES, 1, 1]),
            [0..2, 2..3, 3..4, 4..6]
        );
        // Sources keep their order across batches.
        let b = batches((1..=n).map(|i| line(i, "x")).collect());
        assert_eq!(b.len(), 3);
        let ids: Vec<String> = b.iter().flatten().map(|s| s.describe().0).collect();
        let want: Vec<String> = (1..=n).map(|i| format!("stdin#{i}")).collect();
        assert_eq!(ids, want);
    }

    proptest::proptest! {
        #[test]
        fn groups_cover_every_item_once_in_order(
            sizes in proptest::collection::vec(0u64..3 * BATCH_BYTES / 2, 0..300)
        ) {
            let g = groups(sizes.iter().copied());
            let flat: Vec<usize> = g.iter().flat_map(|r| r.clone()).collect();
            proptest::prop_assert_eq!(flat, (0..sizes.len()).collect::<Vec<_>>());
            for r in &g {
                proptest::prop_assert!(!r.is_empty() && r.len() <= BATCH_DOCS);
                let bytes: u64 = sizes[r.clone()].iter().sum();
                // Over the byte bound only when the batch is one item.
                proptest::prop_assert!(bytes <= BATCH_BYTES || r.len() == 1);
            }
        }
    }
}
