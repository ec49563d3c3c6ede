//! `gazbuild [ROOT]`: rebuilds the built-in gazetteers of the khabar repository at ROOT
//! (default: the repository this tool lives in). Raw sources are read from
//! `ROOT/../shared/data/gazetteers-raw`, overridable with `GAZBUILD_RAW`, and the corpus
//! from `ROOT/../shared/data/corpus` (`GAZBUILD_CORPUS`). It ends by compiling the
//! automaton index (`gazetteers/index/aliases.bin`) and the snapshot of the compiled
//! gazetteer (`gazetteers/index/builtin.bin`).
//!
//! `gazbuild index [ROOT]`: recompiles only the automaton index and the snapshot from
//! the committed `gazetteers/entities/*.tsv`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `gazbuild index [ROOT]`: only recompile gazetteers/index/ from the committed
    // gazetteers/entities (no raw sources needed).
    let index_only = args.first().is_some_and(|a| a == "index");
    if index_only {
        args.remove(0);
    }
    let root = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."));
    if index_only {
        return match gazbuild::write_index(&root) {
            Ok(()) => {
                let dir = root.join("gazetteers/index");
                println!(
                    "wrote {} and {}",
                    dir.join("aliases.bin").display(),
                    dir.join("builtin.bin").display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("gazbuild: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let mut paths = gazbuild::Paths::from_root(&root);
    if let Some(r) = std::env::var_os("GAZBUILD_RAW") {
        paths.raw = r.into();
    }
    if let Some(c) = std::env::var_os("GAZBUILD_CORPUS") {
        paths.corpus = c.into();
    }
    if !paths.raw.exists() {
        eprintln!("gazbuild: raw sources not found at {}", paths.raw.display());
        return ExitCode::from(2);
    }
    match gazbuild::build(&paths) {
        Ok(c) => {
            println!("{} entities, {} aliases", c.total_entities, c.total_aliases);
            for (t, n) in &c.entities {
                println!("  {t}: {n}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gazbuild: {e}");
            ExitCode::FAILURE
        }
    }
}
