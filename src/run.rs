//! The run driver: reads sources lazily, processes them in batches on a rayon pool, and
//! hands every result to the caller in input order. Output therefore never depends on the
//! thread count, and memory is bounded by the batches out at once, not by the corpus.

use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::corpus::{load, DocError, ReadOptions, Source};
use crate::model::{DocResult, Document, Status};
use crate::pipeline::Pipeline;

/// Options of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Worker threads; 0 = all cores.
    pub threads: usize,
    /// Most sources per batch (also bounded by bytes); 0 = 64. Small batches are for
    /// tests: each stage works over a whole batch, so larger ones run faster.
    pub batch: usize,
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
/// A thread of its own groups the sources into batches and hands each to the pool as a
/// task; the calling thread puts the finished batches back in input order for `sink`.
/// At most [`IN_FLIGHT_PER_THREAD`] batches per worker are out at once (being processed,
/// waiting, or done and waiting for an earlier one), which bounds memory whatever the size
/// of the corpus. No worker waits for the others between batches: a slow document holds
/// up only the output behind it, until that many batches are done.
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
    let limits = Limits {
        docs: if opts.batch > 0 {
            opts.batch
        } else {
            BATCH_DOCS
        },
        bytes: BATCH_BYTES,
    };
    let in_flight = IN_FLIGHT_PER_THREAD * pool.current_num_threads().max(1);
    let mut summary = Summary::default();
    let sources = sources.into_iter();
    let read = &opts.read;
    let map = &map;
    // Finished batches, by number; and a slot taken per batch out, freed once the batch
    // is written (the producer waits for a free slot).
    let (done_tx, done_rx) = mpsc::channel::<(usize, std::thread::Result<Vec<(Summary, T)>>)>();
    let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(in_flight);
    let result = pool.in_place_scope(|scope| {
        std::thread::scope(|threads| {
            let producer = std::thread::Builder::new()
                .name("khabar-batches".into())
                .spawn_scoped(threads, move || {
                    let mut sources = sources.peekable();
                    for number in 0.. {
                        let batch = next_batch(&mut sources, limits);
                        // No sources left, or the sink stopped (the slots are gone).
                        if batch.is_empty() || slot_tx.send(()).is_err() {
                            break;
                        }
                        let done = done_tx.clone();
                        scope.spawn(move |_| {
                            // A panic in `map` (documents' own panics are caught in
                            // `process_sources`) goes to the writer, which stops the run
                            // and raises it: a batch that never came would hold the
                            // writer and, with it, the producer for good.
                            let out = catch_unwind(AssertUnwindSafe(|| {
                                process_sources(pipeline, batch, read, limits)
                                    .into_iter()
                                    .map(|p| (Summary::of(&p.result), map(p)))
                                    .collect::<Vec<_>>()
                            }));
                            // The receiver is gone only when the run stopped.
                            let _ = done.send((number, out));
                        });
                    }
                });
            if producer.is_err() {
                // Nothing was spawned: the run fails below.
                return Err(Stop::NoProducer);
            }
            let mut waiting: BTreeMap<usize, Vec<(Summary, T)>> = BTreeMap::new();
            let mut next = 0;
            let mut write = || -> Result<(), Stop<E>> {
                // Ends when the producer and every task are done (all senders dropped).
                for (number, out) in done_rx.iter() {
                    waiting.insert(number, out.map_err(Stop::Panic)?);
                    while let Some(out) = waiting.remove(&next) {
                        next += 1;
                        for (counts, p) in out {
                            summary.add(&counts);
                            sink(p).map_err(Stop::Sink)?;
                        }
                        let _ = slot_rx.recv();
                    }
                }
                Ok(())
            };
            let outcome = write();
            // Without the slots and the receiver the producer stops at its next batch.
            drop(slot_rx);
            drop(done_rx);
            outcome
        })
    });
    match result {
        Ok(()) => {}
        Err(Stop::Sink(e)) => return Err(RunError::Sink(e)),
        Err(Stop::Panic(p)) => std::panic::resume_unwind(p),
        Err(Stop::NoProducer) => {
            return Err(RunError::Pool(
                opts.threads,
                "cannot start the thread that hands out batches".into(),
            ))
        }
    }
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// Why [`run_with`] stopped before the end of its sources.
enum Stop<E> {
    Sink(E),
    /// A task panicked outside a document's processing (in `map`).
    Panic(Box<dyn std::any::Any + Send>),
    NoProducer,
}

/// Sources found ahead of the workers, on a thread of their own.
///
/// Walking folders and reading every file's size (a `stat` each: ~0.1 s of CPU in all
/// for the 24,000 files of the sample corpus) is serial work. [`run_with`] does it beside
/// the workers anyway, on the thread that hands out batches; started before the pipeline
/// is built, the read-ahead does it beside start-up too, which leaves part of the cores
/// idle.
/// Created with [`ReadAhead::spawn`]; used as the `sources` of [`run`] or [`run_with`].
pub struct ReadAhead {
    batches: Option<mpsc::Receiver<Vec<Source>>>,
    batch: std::vec::IntoIter<Source>,
    /// The sources themselves when no thread could be started: then they are read inline.
    inline: Option<Box<dyn Iterator<Item = Source> + Send>>,
}

/// Sources per batch handed from the read-ahead thread, and batches it may hold ready:
/// a few thousand paths and sizes, a few hundred kilobytes.
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

/// Documents processed together, stage by stage ([`Pipeline::process_batch`]): enough
/// for each stage's tables to stay in the cache from one document to the next. Of 2, 8,
/// 32, 64, 128 and 256 on the sample corpus, 32 to 128 were fastest.
const BATCH_DOCS: usize = 64;

/// Most bytes of input in one batch, since a batch holds every document's intermediate
/// results until it ends (a larger document goes alone).
const BATCH_BYTES: u64 = 1 << 20;

/// Batches out at once per worker thread (see [`run_with`]).
const IN_FLIGHT_PER_THREAD: usize = 8;

/// How large a batch may grow.
#[derive(Debug, Clone, Copy)]
struct Limits {
    docs: usize,
    bytes: u64,
}

impl Limits {
    /// Whether a batch of `n` items and `bytes` bytes is closed to a further item of
    /// `size` bytes (a batch always takes its first item).
    fn full(self, n: usize, bytes: u64, size: u64) -> bool {
        n > 0 && (n >= self.docs || bytes.saturating_add(size) > self.bytes)
    }
}

/// The next batch of sources (empty when there are none left).
fn next_batch(
    sources: &mut std::iter::Peekable<impl Iterator<Item = Source>>,
    limits: Limits,
) -> Vec<Source> {
    let mut batch = Vec::new();
    let mut bytes = 0u64;
    while let Some(src) = sources.peek_mut() {
        let size = src.size_hint();
        if limits.full(batch.len(), bytes, size) {
            break;
        }
        bytes = bytes.saturating_add(size);
        batch.extend(sources.next());
    }
    batch
}

/// Splits items of the given sizes, in order, into the ranges of batches.
fn groups(sizes: impl IntoIterator<Item = u64>, limits: Limits) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    let mut end = 0;
    for size in sizes {
        if limits.full(end - start, bytes, size) {
            out.push(start..end);
            (start, bytes) = (end, 0);
        }
        bytes = bytes.saturating_add(size);
        end += 1;
    }
    if end > start {
        out.push(start..end);
    }
    out
}

/// Reads a batch of sources and processes their documents together. A panic becomes an
/// error row of the document that caused it.
fn process_sources(
    pipeline: &Pipeline,
    srcs: Vec<Source>,
    read: &ReadOptions,
    limits: Limits,
) -> Vec<Processed> {
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
    for r in groups(docs.iter().map(|d| d.text.len() as u64), limits) {
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

    /// Two worker threads and batches of at most `batch` sources.
    fn two_threads(batch: usize) -> RunOptions {
        RunOptions {
            threads: 2,
            batch,
            read: ReadOptions::default(),
        }
    }

    fn line(n: usize, text: &str) -> Source {
        Source::Line {
            path: "-".into(),
            id: format!("stdin#{n}"),
            line: n,
            bytes: format!("{{\"text\": \"{text}\"}}").into_bytes(),
        }
    }

    #[test]
    fn order_and_errors_are_kept_in_small_batches() {
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
        let opts = two_threads(3);
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
        let opts = two_threads(4);
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
        let opts = two_threads(5);
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
    fn a_panic_fails_only_the_document_that_caused_it() {
        let p = Pipeline::builtin().unwrap();
        let sources: Vec<Source> = (1..=10)
            .map(|i| {
                let text = if i == 4 {
                    format!("Biden {}", crate::pipeline::PANIC_FOR_TESTS)
                } else {
                    "Biden".into()
                };
                Source::Line {
                    path: "-".into(),
                    id: format!("stdin#{i}"),
                    line: i,
                    bytes: serde_json::json!({ "text": text }).to_string().into_bytes(),
                }
            })
            .collect();
        let opts = two_threads(5);
        let mut rows = Vec::new();
        let s = run(&p, sources, &opts, |r| {
            rows.push((
                r.result.doc_id.clone(),
                r.result.status,
                r.result.error.clone().unwrap_or_default(),
                r.result.entities.len(),
            ));
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!((s.documents, s.ok, s.failed), (10, 9, 1));
        for (i, (id, status, error, entities)) in rows.iter().enumerate() {
            assert_eq!(id, &format!("stdin#{}", i + 1));
            if i + 1 == 4 {
                assert_eq!(*status, Status::Error);
                assert!(error.contains("internal error") && error.contains("a stage failed"));
            } else {
                // The other documents of its batch are processed again, one by one.
                assert_eq!((*status, *entities), (Status::Ok, 1), "{id}: {error}");
            }
        }
    }

    #[test]
    fn a_panic_in_map_stops_the_run_instead_of_hanging_it() {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let p = Pipeline::builtin().unwrap();
            let sources: Vec<Source> = (1..=200).map(|i| line(i, "Biden")).collect();
            let opts = two_threads(2);
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                run_with(
                    &p,
                    sources,
                    &opts,
                    |r| {
                        assert!(r.result.doc_id != "stdin#7", "map failed");
                        r
                    },
                    |_| Ok::<(), ()>(()),
                )
            }));
            let _ = tx.send(outcome.is_err());
        });
        let panicked = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the run ended");
        assert!(panicked, "the panic reached the caller");
    }

    const LIMITS: Limits = Limits {
        docs: BATCH_DOCS,
        bytes: BATCH_BYTES,
    };

    #[test]
    fn batches_are_bounded_by_count_and_bytes() {
        let big = |i: usize, size: usize| Source::Line {
            path: "-".into(),
            id: format!("stdin#{i}"),
            line: i,
            bytes: vec![b' '; size],
        };
        let half = (BATCH_BYTES / 2) as usize;
        let mut it = [half, half, 1, 3 * BATCH_BYTES as usize, 1]
            .into_iter()
            .enumerate()
            .map(|(i, n)| big(i, n))
            .peekable();
        let sizes: Vec<usize> = std::iter::from_fn(|| {
            let b = next_batch(&mut it, LIMITS);
            (!b.is_empty()).then_some(b.len())
        })
        .collect();
        // Two halves fill a batch; a document over the bound goes alone.
        assert_eq!(sizes, [2, 1, 1, 1]);
        let mut small = (1..=BATCH_DOCS * 2 + 5).map(|i| line(i, "x")).peekable();
        assert_eq!(next_batch(&mut small, LIMITS).len(), BATCH_DOCS);
        assert_eq!(next_batch(&mut small, LIMITS).len(), BATCH_DOCS);
        assert_eq!(next_batch(&mut small, LIMITS).len(), 5);
        assert!(next_batch(&mut small, LIMITS).is_empty());

        assert!(groups([], LIMITS).is_empty());
        let b = BATCH_BYTES;
        assert_eq!(
            groups([b / 2, b / 2, 1, 3 * b, 1, 1], LIMITS),
            [0..2, 2..3, 3..4, 4..6]
        );
    }

    #[test]
    fn a_slow_batch_holds_back_only_the_output_behind_it() {
        // Many small batches on two threads: the output stays in input order whatever
        // order the batches finish in.
        let p = Pipeline::builtin().unwrap();
        let n = 300;
        let sources: Vec<Source> = (1..=n)
            .map(|i| {
                // Every 37th document is long, so its batch finishes late.
                let text = if i % 37 == 0 {
                    "قال بايدن لبوتين في روسيا. ".repeat(400)
                } else {
                    "Biden".to_string()
                };
                line(i, &text)
            })
            .collect();
        let opts = two_threads(2);
        let mut ids = Vec::new();
        run(&p, sources, &opts, |r| {
            ids.push(r.result.doc_id.clone());
            Ok::<(), ()>(())
        })
        .unwrap();
        let want: Vec<String> = (1..=n).map(|i| format!("stdin#{i}")).collect();
        assert_eq!(ids, want);
    }

    proptest::proptest! {
        #[test]
        fn groups_cover_every_item_once_in_order(
            sizes in proptest::collection::vec(0u64..3 * BATCH_BYTES / 2, 0..300)
        ) {
            let g = groups(sizes.iter().copied(), LIMITS);
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
