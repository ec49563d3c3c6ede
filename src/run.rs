//! The run driver: reads sources lazily, processes them in bounded, ordered chunks on a
//! rayon pool, and hands every result to the caller in input order. Output therefore never
//! depends on the thread count, and memory is bounded by the chunk, not by the corpus.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::{load, DocError, ReadOptions, Source};
use crate::model::{DocResult, Status};
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
            let mut batch = next_chunk(&mut sources, chunk);
            while !batch.is_empty() {
                // Finding the next chunk (walking folders, a stat per file) overlaps with
                // processing this one instead of leaving the other workers idle.
                let (done, next) = rayon::join(
                    || -> Vec<(Summary, T)> {
                        batch
                            .into_par_iter()
                            // Rayon splits a chunk into about as many pieces as threads
                            // and splits further only what is stolen: a worker that ran
                            // out waited up to a whole piece (~10 ms) at the end of
                            // every chunk. Pieces of a few documents keep both busy.
                            .with_max_len(4)
                            .flat_map_iter(|src| process_source(pipeline, src, read))
                            .map(|p| (Summary::of(&p.result), map(p)))
                            .collect()
                    },
                    || next_chunk(&mut sources, chunk),
                );
                // The receiver is gone when the sink failed: stop reading.
                if tx.send(done).is_err() {
                    break;
                }
                batch = next;
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

/// Reads one source and processes its documents; a panic becomes an error row.
fn process_source(pipeline: &Pipeline, src: Source, read: &ReadOptions) -> Vec<Processed> {
    let (id, path) = src.describe();
    catch_unwind(AssertUnwindSafe(|| process_loaded(pipeline, src, read))).unwrap_or_else(|p| {
        vec![Processed {
            result: DocResult::error(id, path, internal_error(p.as_ref())),
            note: None,
        }]
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

fn process_loaded(pipeline: &Pipeline, src: Source, read: &ReadOptions) -> Vec<Processed> {
    load(src, read)
        .into_iter()
        .map(|loaded| match loaded {
            Err(DocError { id, path, message }) => Processed {
                result: DocResult::error(id, path, message),
                note: None,
            },
            Ok(l) => {
                let note = l.note();
                let doc = &l.doc;
                let result = catch_unwind(AssertUnwindSafe(|| pipeline.process(doc)))
                    .unwrap_or_else(|panic| {
                        DocResult::error(
                            doc.id.clone(),
                            doc.path.clone(),
                            internal_error(panic.as_ref()),
                        )
                    });
                Processed { result, note }
            }
        })
        .collect()
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
}
