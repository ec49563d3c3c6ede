//! Errors of the library. The binary adds context with `anyhow`.

use std::path::PathBuf;

/// A gazetteer (or lexicon) file could not be read or has a format error.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Format {
        path: String,
        line: usize,
        msg: String,
    },
    #[error("{0}: no gazetteer files (.tsv, .csv) found there")]
    Empty(PathBuf),
    #[error("cannot compile the gazetteer automaton: {0}")]
    Build(String),
}

/// Any error raised while setting up the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    #[error("{what}: {msg}")]
    Data { what: String, msg: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
