//! The `khabar` command: parses options, builds the pipeline, drives the run and prints
//! the summary. Everything else lives in the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use khabar::corpus::{ReadOptions, Sources, DEFAULT_MAX_BYTES};
use khabar::output::{jsonl_line, JsonlWriter, OutputError, OutputOptions, OutputSet};
use khabar::run::{run_with, ReadAhead, RunError, RunOptions};
use khabar::{DocResult, Stages, Status};

/// Every document allocates many small strings and vectors on every worker thread; glibc's
/// allocator spent about a fifth of the run's CPU time on them, mimalloc much less. Built
/// without transparent huge pages (`no_thp`): mimalloc returns freed memory to the system
/// and takes it back many times in a run, and each time a huge page came back the kernel
/// zeroed 2 MiB (7-10% of a run in `clear_page_erms`, twice the system time, 60% more RSS).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status of a usage or configuration error (contract: before any work).
const EXIT_CONFIG: u8 = 2;

#[derive(Parser)]
#[command(
    name = "khabar",
    version,
    about = "Entities, dates and events from Arabic and English news articles, as an incident timeline",
    after_help = "Examples:\n  \
        khabar extract samples/ --dct 2021-07-10 -o output/\n  \
        khabar extract news.jsonl --stdout | jq .entities\n  \
        khabar gazetteer check my-people.tsv\n  \
        khabar eval --help\n\n\
        Exit status: 0 all documents processed, 1 some documents failed (status \"error\" in \
        documents.csv), 2 usage or configuration error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads articles and writes documents.jsonl, CSV tables, timeline.json and timeline.xlsx.
    #[command(after_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
    /// Gazetteer tools.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Quality measurements against annotated data.
    #[command(after_help = "Examples:\n  khabar eval conll gold.conll\n  khabar eval --help")]
    Eval(khabar::eval::EvalArgs),
}

const EXTRACT_HELP: &str = "\
Examples:
  khabar extract samples/ --dct 2021-07-10 -o output/
      every .txt .md .json .jsonl .html file under samples/, sorted; files in output/
  khabar extract a.txt b.json --gazetteer my-orgs.tsv -j 2
      two files, with an extra gazetteer, on two threads
  cat docs.jsonl | khabar extract - --stdout > documents.jsonl
      JSON Lines in, documents.jsonl lines out (for pipes, Spark RDD.pipe, Hadoop Streaming)
  khabar extract corpus/ --no-rules --no-dates --no-events -o entities/
      a fast entities-only pass: gazetteer matches linked to canonical entities

Stages: --no-rules keeps only gazetteer matches (no rule-found names, no coreference, no
indicators); --no-dates leaves dates.csv empty and events dated by the document date only;
--no-events leaves events.csv, timeline.csv and timeline.json empty. The files and their
columns stay the same, so later steps need no change.

Output folder: documents.jsonl, documents.csv (one row per document, with status and error),
mentions.csv, dates.csv, events.csv, indicators.csv, entities.csv, timeline.csv, timeline.json,
timeline.xlsx. CSV files are UTF-8 with a byte order mark so Excel shows Arabic (--no-bom to
leave it out); cells starting with = + - @ get a leading ' so they never run as formulas.

Document date: a JSON date field, else a 'Date:' header line near the top, else a date in the
file name (2021-07-10, 20210710), else --dct.

Exit status: 0 all documents processed, 1 some failed (listed with status error), 2 usage or
configuration error (bad option, unreadable gazetteer) before any work.";

#[derive(Args)]
struct ExtractArgs {
    /// Files or folders (recursive); "-" reads JSON Lines documents from stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    output: PathBuf,
    /// Stream documents.jsonl lines to stdout, in input order, and write no files.
    #[arg(long)]
    stdout: bool,
    /// Document date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_name = "DATE", value_parser = parse_dct)]
    dct: Option<chrono::NaiveDate>,
    /// Extra gazetteer file or folder (.tsv/.csv), on top of the built-in ones; repeatable.
    #[arg(long, value_name = "PATH")]
    gazetteer: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(
        short = 'j',
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    threads: usize,
    /// No progress bar and no summary line (errors are still printed).
    #[arg(short, long)]
    quiet: bool,
    /// Write the CSV files without the UTF-8 byte order mark.
    #[arg(long)]
    no_bom: bool,
    /// Do not write timeline.xlsx.
    #[arg(long)]
    no_xlsx: bool,
    /// Files (and JSON lines) larger than this many bytes are reported as errors, not read.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Gazetteer matches only: no entity rules (titles, name patterns), no coreference and
    /// no indicators (faster; finds fewer entities).
    #[arg(long)]
    no_rules: bool,
    /// No date extraction (dates.csv has its header only; events keep the document date).
    #[arg(long)]
    no_dates: bool,
    /// No event extraction (events.csv, timeline.csv and timeline.json have no rows).
    #[arg(long)]
    no_events: bool,
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Validates a gazetteer file or folder: format, duplicate ids, aliases shared by
    /// different entities. Exit status 1 when it has errors.
    #[command(
        after_help = "Examples:\n  khabar gazetteer check gazetteers/entities/\n  \
        khabar gazetteer check my-people.csv\n\nFormat: see gazetteers/README.md"
    )]
    Check {
        /// Gazetteer file or folder.
        path: PathBuf,
    },
}

fn parse_dct(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        // A run ends without the allocator's clean-up (see `exit_now`).
        Command::Extract(a) => exit_now(extract(a).unwrap_or_else(failed)),
        Command::Gazetteer(GazetteerCommand::Check { path }) => gazetteer_check(&path),
        Command::Eval(a) => khabar::eval::run(a).map_err(|e| Failure::Config(e.into())),
    };
    result.unwrap_or_else(|f| ExitCode::from(failed(f)))
}

/// Prints a failure; its exit status.
fn failed(f: Failure) -> u8 {
    match f {
        Failure::Config(e) => {
            eprintln!("error: {}", chain(&e));
            EXIT_CONFIG
        }
        Failure::Run(e) => {
            eprintln!("error: {}", chain(&e));
            1
        }
    }
}

/// Ends the process without the allocator's clean-up at exit.
///
/// Every output file is written and flushed by now. What is left at a normal exit is
/// mimalloc handing back, page by page, the memory of the corpus-wide tables (~20 ms at
/// the end of a run over the sample corpus, after the last byte of output); the system
/// takes the whole address space back at once.
fn exit_now(code: u8) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process at once; nothing runs after it, and both standard
    // streams were flushed above (the writers flushed every output file).
    unsafe {
        libc::_exit(i32::from(code))
    }
    #[cfg(not(unix))]
    std::process::exit(i32::from(code))
}

/// The error and its causes on one line, leaving out a cause whose text its parent
/// already shows (errors that print "path: cause" and also report the cause).
fn chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Set-up errors exit with 2, errors during the run with 1.
enum Failure {
    Config(anyhow::Error),
    Run(anyhow::Error),
}

fn gazetteer_check(path: &std::path::Path) -> Result<ExitCode, Failure> {
    let report = khabar::gazetteer::check_file(path)
        .with_context(|| format!("checking {}", path.display()))
        .map_err(Failure::Config)?;
    khabar::output::print_report(format_args!("{report}"))
        .context("writing stdout")
        .map_err(Failure::Run)?;
    Ok(if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn extract(a: ExtractArgs) -> Result<u8, Failure> {
    let mut builder = khabar::Pipeline::builder();
    for g in &a.gazetteer {
        builder = builder
            .gazetteer(g)
            .with_context(|| format!("loading gazetteer {}", g.display()))
            .map_err(Failure::Config)?;
    }
    let builder = builder.stages(Stages {
        rules: !a.no_rules,
        dates: !a.no_dates,
        events: !a.no_events,
    });
    let mut read = ReadOptions {
        dct: a.dct,
        max_bytes: a.max_bytes,
        skip_dirs: Vec::new(),
    };
    // The output folder exists before the inputs are walked, so that a folder inside an
    // input is skipped (it must not be read back).
    let out = if a.stdout {
        None
    } else {
        let out = OutputSet::create(&OutputOptions {
            dir: a.output.clone(),
            bom: !a.no_bom,
            xlsx: !a.no_xlsx,
        })
        .context("creating the output folder")
        .map_err(Failure::Config)?;
        if let Ok(dir) = std::fs::canonicalize(&a.output) {
            read.skip_dirs.push(dir);
        }
        Some(out)
    };
    // The inputs are walked while the pipeline is built.
    let (sources, opts) = plan(&a, &read);
    let sources = ReadAhead::spawn(sources);
    let pipeline = builder
        .build()
        .context("building the pipeline")
        .map_err(Failure::Config)?;
    let progress = progress_bar(a.quiet);

    let summary = if let Some(mut out) = out {
        // Workers encode every document's lines and rows; this thread appends them in order.
        let encoder = out.encoder();
        let s = run_with(
            &pipeline,
            sources,
            &opts,
            |p| (encoder.encode(p.result), p.note),
            |(encoded, note)| {
                let e = encoded?;
                report(&e.result, note.as_deref(), &progress);
                out.write(e)
            },
        )
        .map_err(run_error)?;
        out.finish()
            .context("writing the corpus-wide tables")
            .map_err(Failure::Run)?;
        s
    } else {
        let stdout = std::io::stdout();
        let mut w = JsonlWriter::new(std::io::BufWriter::new(stdout.lock()), "stdout");
        // Workers serialize; this thread only writes the lines in order.
        let s = run_with(
            &pipeline,
            sources,
            &opts,
            |p| (jsonl_line(&p.result), p),
            |(line, p)| {
                report(&p.result, p.note.as_deref(), &progress);
                w.write_line(&line)
            },
        );
        // The reader went away (`khabar extract … --stdout | head`): stop quietly, like
        // other filters do.
        if let Err(RunError::Sink(OutputError::Io { source, .. })) = &s {
            if source.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(0);
            }
        }
        let s = s.map_err(run_error)?;
        match w.flush() {
            Err(OutputError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::BrokenPipe =>
            {
                return Ok(0)
            }
            r => r.context("writing stdout").map_err(Failure::Run)?,
        }
        s
    };
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if !a.quiet {
        eprintln!("{summary}");
        if !a.stdout {
            eprintln!("output in {}", a.output.display());
        }
    }
    let _ = std::io::stderr().flush();
    // The process ends next: freeing the gazetteer's tens of thousands of strings one by
    // one would only keep the user waiting (the OS takes the memory back at once).
    std::mem::forget(pipeline);
    Ok(if summary.failed > 0 { 1 } else { 0 })
}

/// The sources and run options of `extract`.
fn plan(a: &ExtractArgs, read: &ReadOptions) -> (Sources, RunOptions) {
    let opts = RunOptions {
        threads: a.threads,
        batch: 0,
        read: read.clone(),
    };
    (Sources::new(&a.inputs, read), opts)
}

fn run_error<E>(e: RunError<E>) -> Failure
where
    E: std::error::Error + Send + Sync + 'static,
{
    match e {
        RunError::Pool(..) => Failure::Config(anyhow::Error::new(e)),
        RunError::Sink(e) => Failure::Run(anyhow::Error::new(e).context("writing output")),
    }
}

/// Prints a document's error or note on stderr and advances the progress bar.
fn report(r: &DocResult, note: Option<&str>, progress: &Option<ProgressBar>) {
    let line = if r.status == Status::Error {
        // The id names the document when the path alone does not (JSON objects, stdin lines).
        let what = if r.path.ends_with(&r.doc_id) {
            r.path.clone()
        } else {
            format!("{} ({})", r.path, r.doc_id)
        };
        Some(format!(
            "error: {what}: {}",
            r.error.as_deref().unwrap_or("failed")
        ))
    } else {
        note.map(|n| format!("note: {n}"))
    };
    match (progress, line) {
        (Some(pb), Some(l)) => pb.println(l),
        (None, Some(l)) => eprintln!("{l}"),
        _ => {}
    }
    if let Some(pb) = progress {
        pb.inc(1);
    }
}

/// A spinner with counts, only when a person watches stderr.
fn progress_bar(quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} documents  {elapsed}  {per_sec}")
    {
        pb.set_style(style);
    }
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(pb)
}
