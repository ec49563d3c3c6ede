//! `khabar eval`: quality measurements (CoNLL/BIO files, date test cases, the gold set).

use std::process::ExitCode;

use crate::error::Error;

/// Arguments of `khabar eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub command: EvalCommand,
}

/// The evaluations.
#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Entity precision/recall/F1 on a CoNLL/BIO file (conlleval semantics).
    Conll { file: std::path::PathBuf },
}

/// Runs an evaluation and prints its report; the exit code is 0 on success.
pub fn run(_args: EvalArgs) -> Result<ExitCode, Error> {
    Ok(ExitCode::SUCCESS)
}
