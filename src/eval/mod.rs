//! `khabar eval`: quality measurements (CoNLL/BIO files, date test cases, the gold set)
//! and the recorded baseline that guards them.
//!
//! Each evaluation is a library function (so the regression test runs them without the
//! binary) plus a text report and a JSON form.

pub mod baseline;
pub mod conll;
pub mod conlleval;
pub mod dates;
pub mod gold;
pub mod ner;
pub mod report;
pub mod suite;

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::error::Error;
use crate::pipeline::{Pipeline, Stages};

/// Arguments of `khabar eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub command: EvalCommand,
}

/// Options shared by the evaluations that run the pipeline.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PipelineOpts {
    /// Extra gazetteer file or folder, on top of the built-in ones (repeatable).
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Gazetteers only: no entity rules, coreference or indicators.
    #[arg(long)]
    pub no_rules: bool,
    /// Machine-readable output (JSON) instead of the text report.
    #[arg(long)]
    pub json: bool,
}

/// The evaluations.
#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Entity precision/recall/F1 on a CoNLL/BIO file (conlleval semantics).
    Conll {
        file: PathBuf,
        /// Sentences per document when the file has no -DOCSTART- lines.
        #[arg(long, default_value_t = suite::DOC_SENTENCES, value_name = "N")]
        doc_sentences: usize,
        /// Type mapping on top of the default (PERSON=PER, LOCATION=LOC,
        /// ORGANIZATION=ORG, GROUP=ORG, MALWARE=MISC); `-` drops a type, e.g.
        /// `GROUP=MISC,MALWARE=-`.
        #[arg(long, value_name = "SPEC", default_value = "")]
        map: String,
        /// Count MISC in the overall score (by default it is scored apart).
        #[arg(long)]
        include_misc: bool,
        /// How many of the most frequent misses and false positives to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        errors: usize,
        /// Also write `TOKEN GOLD PREDICTED` lines to FILE (conlleval.pl's input format).
        #[arg(long, value_name = "FILE")]
        bio_out: Option<PathBuf>,
        #[command(flatten)]
        opts: PipelineOpts,
    },
    /// Date recognition and normalization on JSON Lines test cases (shared/data/temporal).
    Dates {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How many failing cases to list per file.
        #[arg(long, default_value_t = 50, value_name = "N")]
        failures: usize,
        #[command(flatten)]
        opts: PipelineOpts,
    },
    /// Entity, date and event precision/recall/F1 on a gold folder (tests/gold format).
    Gold {
        dir: PathBuf,
        /// How many errors to list.
        #[arg(long, default_value_t = 100, value_name = "N")]
        errors: usize,
        #[command(flatten)]
        opts: PipelineOpts,
    },
    /// Every standard evaluation, compared with the recorded baseline; exit 1 when a
    /// score dropped more than one point.
    Suite {
        /// The shared data folder (parts are skipped when absent).
        #[arg(long, default_value = "../shared", value_name = "DIR")]
        shared: PathBuf,
        #[arg(long, default_value = "tests/gold", value_name = "DIR")]
        gold: PathBuf,
        #[arg(long, default_value = "tests/eval-baseline.json", value_name = "FILE")]
        baseline: PathBuf,
        /// Rewrite the baseline with the current scores.
        #[arg(long)]
        update: bool,
    },
}

fn pipeline(opts: &PipelineOpts, stages: Stages) -> Result<Pipeline, Error> {
    let mut b = Pipeline::builder().stages(Stages {
        rules: !opts.no_rules,
        ..stages
    });
    for g in &opts.gazetteer {
        b = b.gazetteer(g)?;
    }
    b.build()
}

/// [`crate::output::print_report`], its error as this module's.
fn emit(text: std::fmt::Arguments<'_>) -> Result<(), Error> {
    crate::output::print_report(text).map_err(|source| Error::Io {
        path: "<stdout>".into(),
        source,
    })
}

fn print_json<T: Serialize>(v: &T) -> Result<(), Error> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Error::Data {
        what: "json report".into(),
        msg: e.to_string(),
    })?;
    emit(format_args!("{s}\n"))?;
    Ok(())
}

/// Runs an evaluation and prints its report; the exit code is 0 on success (and 1 when
/// `suite` finds a regression).
pub fn run(args: EvalArgs) -> Result<ExitCode, Error> {
    match args.command {
        EvalCommand::Conll {
            file,
            doc_sentences,
            map,
            include_misc,
            errors,
            bio_out,
            opts,
        } => {
            let p = pipeline(
                &opts,
                Stages {
                    rules: true,
                    dates: false,
                    events: false,
                },
            )?;
            let docs = conll::read(&file, doc_sentences)?;
            let o = ner::NerOptions {
                types: ner::TypeMap::parse(&map)?,
                excluded: if include_misc {
                    Vec::new()
                } else {
                    vec!["MISC".into()]
                },
                errors,
            };
            let preds = ner::predict(&p, &docs, &o.types);
            if let Some(path) = &bio_out {
                let io = |source| Error::Io {
                    path: path.clone(),
                    source,
                };
                let f = std::fs::File::create(path).map_err(io)?;
                let mut w = std::io::BufWriter::new(f);
                ner::write_bio(&mut w, &docs, &preds).map_err(io)?;
                std::io::Write::flush(&mut w).map_err(io)?;
            }
            let r = ner::score(&docs, &preds, &o);
            if opts.json {
                print_json(&r)?;
            } else {
                emit(format_args!("{}\n{}\n", file.display(), report::ner(&r)))?;
            }
        }
        EvalCommand::Dates {
            files,
            failures,
            opts,
        } => {
            let p = pipeline(
                &opts,
                Stages {
                    rules: true,
                    dates: true,
                    events: false,
                },
            )?;
            let mut all = Vec::new();
            for f in &files {
                let cases = dates::read(f)?;
                all.push((f.display().to_string(), dates::evaluate(&p, &cases)));
            }
            if opts.json {
                let m: std::collections::BTreeMap<_, _> = all.into_iter().collect();
                print_json(&m)?;
            } else {
                for (f, r) in &all {
                    emit(format_args!("{f}\n{}\n", report::dates(r, failures)))?;
                }
            }
        }
        EvalCommand::Gold { dir, errors, opts } => {
            let p = pipeline(&opts, Stages::default())?;
            let docs = gold::read_dir(&dir)?;
            let r = gold::evaluate(&p, &docs);
            if opts.json {
                print_json(&r)?;
            } else {
                emit(format_args!(
                    "{}\n{}\n",
                    dir.display(),
                    report::gold(&r, errors)
                ))?;
            }
        }
        EvalCommand::Suite {
            shared,
            gold,
            baseline: file,
            update,
        } => {
            let r = suite::run(Some(&shared), &gold)?;
            for s in &r.skipped {
                eprintln!("skipping: {s}");
            }
            emit(format_args!("{}", r.summary))?;
            if update {
                baseline::save(&file, &r.scores)?;
                emit(format_args!("baseline written to {}\n", file.display()))?;
                return Ok(ExitCode::SUCCESS);
            }
            let recorded = baseline::load(&file)?;
            let regs = baseline::regressions(&recorded, &r.scores, 1.0);
            for g in &regs {
                emit(format_args!(
                    "REGRESSION {}: {:.2} < recorded {:.2} - 1\n",
                    g.name, g.current, g.recorded
                ))?;
            }
            if !regs.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
