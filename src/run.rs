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
