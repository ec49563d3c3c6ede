//! Reading the corpus: walking input files and folders, decoding, file formats and
//! document metadata (id, title, date).
//!
//! Reading happens in two steps so that the expensive one runs in parallel:
//! [`Sources`] walks the inputs lazily, in a deterministic order, and yields cheap
//! [`Source`]s (a path, or one line of a JSON Lines stream); [`load`] then reads, decodes
//! and parses one source into documents on any thread.

pub mod dct;
pub mod decode;
pub mod formats;
mod walk;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

use crate::model::{DctSource, Document};

pub use walk::Sources;

/// Default of `--max-bytes`: larger files are reported, not read.
pub const DEFAULT_MAX_BYTES: u64 = 50_000_000;

/// File extensions read when walking a folder.
pub const EXTENSIONS: [&str; 6] = ["txt", "md", "json", "jsonl", "html", "htm"];

/// Options of the corpus reader.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// `--dct`: the document date of documents that carry none.
    pub dct: Option<NaiveDate>,
    /// Files (and JSON lines) larger than this are reported as errors, not read.
    pub max_bytes: u64,
    /// Folders never walked into (the output folder, so a run does not read its own
    /// output when it lies under an input folder). Canonical paths.
    pub skip_dirs: Vec<std::path::PathBuf>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            dct: None,
            max_bytes: DEFAULT_MAX_BYTES,
            skip_dirs: Vec::new(),
        }
    }
}

/// A document (or input) that could not be read: it becomes an error row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub id: String,
    pub path: String,
    pub message: String,
}

/// Something to read: found by [`Sources`], read by [`load`].
#[derive(Debug)]
pub enum Source {
    /// A file; `id` is its path relative to the input folder (its name for a file input).
    File {
        path: PathBuf,
        id: String,
        /// The file's metadata once [`Source::size_hint`] has read it, so that reading
        /// the file does not look the path up again (a syscall per file that showed in
        /// profiles of folders with tens of thousands of articles).
        meta: Option<std::fs::Metadata>,
    },
    /// One line of a JSON Lines file or of stdin.
    Line {
        /// The file's display path, or `-`.
        path: String,
        /// Id of the object when it has none: `file.jsonl#N`, `stdin#N`, N counting the
        /// objects (non-blank lines) from 1.
        id: String,
        /// 1-based line number, for messages.
        line: usize,
        bytes: Vec<u8>,
    },
    /// An input that failed before it could be read (missing, symlink loop…).
    Failed(DocError),
}

impl Source {
    /// The id and path an error row gets when this source fails as a whole.
    pub fn describe(&self) -> (String, String) {
        match self {
            Source::File { path, id, .. } => (id.clone(), path.display().to_string()),
            Source::Line { path, id, .. } => (id.clone(), path.clone()),
            Source::Failed(e) => (e.id.clone(), e.path.clone()),
        }
    }

    /// Bytes this source will read (a file's size from its metadata), for bounding chunks.
    pub fn size_hint(&mut self) -> u64 {
        match self {
            Source::File { path, meta, .. } => {
                if meta.is_none() {
                    *meta = std::fs::metadata(path).ok();
                }
                meta.as_ref().map_or(0, |m| m.len())
            }
            Source::Line { bytes, .. } => bytes.len() as u64,
            Source::Failed(_) => 0,
        }
    }
}

/// A document read from a source, with the encoding it was decoded from.
#[derive(Debug)]
pub struct Loaded {
    pub doc: Document,
    pub encoding: &'static str,
}

impl Loaded {
    /// A note for the user when the text was not UTF-8 (so a wrong guess is never silent).
    pub fn note(&self) -> Option<String> {
        (!self.encoding.starts_with("UTF-")).then(|| {
            format!(
                "{}: decoded as {} (not UTF-8)",
                self.doc.path, self.encoding
            )
        })
    }
}

/// Reads, decodes and parses one source. A `.json` array gives one result per element.
pub fn load(src: Source, opts: &ReadOptions) -> Vec<Result<Loaded, DocError>> {
    match src {
        Source::Failed(e) => vec![Err(e)],
        Source::File { path, id, meta } => load_file(&path, id, meta, opts),
        Source::Line {
            path,
            id,
            line,
            bytes,
        } => {
            let err = |m: String| DocError {
                id: id.clone(),
                path: path.clone(),
                message: format!("line {line}: {m}"),
            };
            let text = match std::str::from_utf8(strip_bom(&bytes)) {
                Ok(t) => t,
                Err(e) => {
                    return vec![Err(err(format!(
                        "invalid UTF-8 at byte {} (JSON Lines must be UTF-8)",
                        e.valid_up_to()
                    )))]
                }
            };
            let value: Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => return vec![Err(err(format!("invalid JSON: {e}")))],
            };
            let name_date = file_name_date(Path::new(&path));
            vec![
                json_document(&value, id, &path, name_date, "UTF-8", opts).map_err(|m| DocError {
                    message: format!("line {line}: {}", m.message),
                    ..m
                }),
            ]
        }
    }
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn file_name_date(path: &Path) -> Option<NaiveDate> {
    dct::filename_date(&path.file_name()?.to_string_lossy())
}

fn load_file(
    path: &Path,
    id: String,
    meta: Option<std::fs::Metadata>,
    opts: &ReadOptions,
) -> Vec<Result<Loaded, DocError>> {
    let shown = path.display().to_string();
    let err = |m: String| {
        vec![Err(DocError {
            id: id.clone(),
            path: shown.clone(),
            message: m,
        })]
    };
    let meta = match meta.map_or_else(|| std::fs::metadata(path), Ok) {
        Ok(m) => m,
        Err(e) => return err(format!("cannot read: {e}")),
    };
    // A fifo or device would block or never end: refuse before opening it.
    if !meta.is_file() {
        return err("not a regular file (fifo, socket or device), not read".into());
    }
    if meta.len() > opts.max_bytes {
        return err(format!(
            "file is {}, over the --max-bytes limit of {}; split it or raise the limit",
            size(meta.len()),
            size(opts.max_bytes)
        ));
    }
    // Like `std::fs::read`, with the size already known: `File`'s own `read_to_end` would
    // ask the file for its size once more (`take` reads through the generic one).
    let read = |path: &Path| -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        let mut buf = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
        std::fs::File::open(path)?
            .take(u64::MAX)
            .read_to_end(&mut buf)?;
        Ok(buf)
    };
    let bytes = match read(path) {
        Ok(b) => b,
        Err(e) => return err(format!("cannot read: {e}")),
    };
    let decoded = match decode::decode(&bytes) {
        Ok(d) => d,
        Err(e) => return err(e.to_string()),
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name_date = file_name_date(path);
    match ext.as_str() {
        "json" => load_json(
            &decoded.text,
            &id,
            &shown,
            name_date,
            decoded.encoding,
            opts,
        ),
        "jsonl" => {
            // Normally streamed line by line by `Sources`; a single .jsonl input lands here
            // only when given through a path that is read whole.
            err("internal: JSON Lines files are read line by line".into())
        }
        _ => {
            let (text, title) = if ext == "html" || ext == "htm" {
                formats::html_text(&decoded.text)
            } else {
                let title = formats::text_title(&decoded.text, ext == "md");
                (decoded.text, title)
            };
            if text.trim().is_empty() {
                return err("no text".into());
            }
            let (dct, dct_source) = choose_dct(None, &text, name_date, opts);
            vec![Ok(Loaded {
                doc: Document {
                    id,
                    path: shown,
                    title,
                    text,
                    lang: None,
                    url: None,
                    dct,
                    dct_source,
                },
                encoding: decoded.encoding,
            })]
        }
    }
}

fn load_json(
    text: &str,
    id: &str,
    path: &str,
    name_date: Option<NaiveDate>,
    encoding: &'static str,
    opts: &ReadOptions,
) -> Vec<Result<Loaded, DocError>> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(DocError {
                id: id.to_string(),
                path: path.to_string(),
                message: format!("invalid JSON: {e}"),
            })]
        }
    };
    match value {
        Value::Array(items) if items.is_empty() => vec![Err(DocError {
            id: id.to_string(),
            path: path.to_string(),
            message: "empty JSON array: no documents".into(),
        })],
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let n = format!("{id}#{}", i + 1);
                json_document(v, n, path, name_date, encoding, opts).map_err(|e| DocError {
                    message: format!("object {}: {}", i + 1, e.message),
                    ..e
                })
            })
            .collect(),
        v => vec![json_document(
            &v,
            id.to_string(),
            path,
            name_date,
            encoding,
            opts,
        )],
    }
}

/// One document from a JSON object; `fallback_id` is used when it has no `id`.
fn json_document(
    v: &Value,
    fallback_id: String,
    path: &str,
    name_date: Option<NaiveDate>,
    encoding: &'static str,
    opts: &ReadOptions,
) -> Result<Loaded, DocError> {
    let err = |id: String, m: String| DocError {
        id,
        path: path.to_string(),
        message: m,
    };
    let j = formats::json_doc(v).map_err(|m| err(fallback_id.clone(), m))?;
    let id = j.id.clone().unwrap_or(fallback_id);
    let Some(text) = j.text else {
        return Err(err(
            id,
            "no text: the object has no string field \"text\", \"body\" or \"content\"".into(),
        ));
    };
    if text.trim().is_empty() {
        return Err(err(id, "empty text".into()));
    }
    if text.len() as u64 > opts.max_bytes {
        return Err(err(
            id,
            format!(
                "text is {}, over the --max-bytes limit of {}",
                size(text.len() as u64),
                size(opts.max_bytes)
            ),
        ));
    }
    let json_date = j.date.as_deref().and_then(dct::parse_date);
    let (dct, dct_source) = choose_dct(json_date, &text, name_date, opts);
    Ok(Loaded {
        doc: Document {
            id,
            path: path.to_string(),
            title: j.title,
            text,
            lang: j.lang,
            url: j.url,
            dct,
            dct_source,
        },
        encoding,
    })
}

/// The contract's order: JSON field, header line, file name, `--dct`.
fn choose_dct(
    json: Option<NaiveDate>,
    text: &str,
    name: Option<NaiveDate>,
    opts: &ReadOptions,
) -> (Option<NaiveDate>, DctSource) {
    if let Some(d) = json {
        return (Some(d), DctSource::Json);
    }
    if let Some(d) = dct::header_date(text) {
        return (Some(d), DctSource::Header);
    }
    if let Some(d) = name {
        return (Some(d), DctSource::Filename);
    }
    match opts.dct {
        Some(d) => (Some(d), DctSource::Cli),
        None => (None, DctSource::None),
    }
}

/// A size for messages: `12.3 MB`, or bytes when under a megabyte.
fn size(b: u64) -> String {
    if b >= 1_000_000 {
        format!("{:.1} MB", b as f64 / 1e6)
    } else {
        format!("{b} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_whatever_size_it_had_when_measured() {
        let dir = tempfile::tempdir().unwrap();
        let (small, big) = (dir.path().join("small.txt"), dir.path().join("big.txt"));
        std::fs::write(&small, "short").unwrap();
        let text = "قال بايدن إن الهجوم وقع في 4 يوليو. ".repeat(500);
        std::fs::write(&big, &text).unwrap();
        // Metadata taken before the file grew: the reader must not stop at the old size.
        let stale = std::fs::metadata(&small).unwrap();
        let mut src = Source::File {
            path: big.clone(),
            id: "big.txt".into(),
            meta: Some(stale),
        };
        assert_eq!(src.size_hint(), 5);
        let loaded = load(src, &ReadOptions::default());
        let [Ok(l)] = loaded.as_slice() else {
            panic!("one document expected");
        };
        assert!(
            l.doc.text == text,
            "read {} bytes of {}",
            l.doc.text.len(),
            text.len()
        );
        // Without cached metadata the file is measured when read.
        let mut src = Source::File {
            path: big,
            id: "big.txt".into(),
            meta: None,
        };
        assert_eq!(src.size_hint(), text.len() as u64);
    }

    fn line(bytes: &str, n: usize) -> Vec<Result<Loaded, DocError>> {
        load(
            Source::Line {
                path: "-".into(),
                id: format!("stdin#{n}"),
                line: n,
                bytes: bytes.as_bytes().to_vec(),
            },
            &ReadOptions::default(),
        )
    }

    #[test]
    fn json_lines() {
        let r = line(r#"{"text": "بايدن", "date": "2021-07-10"}"#, 3);
        let d = &r[0].as_ref().unwrap().doc;
        assert_eq!(d.id, "stdin#3");
        assert_eq!(d.dct_source, DctSource::Json);
        let r = line(r#"{"id": "a1", "text": "x"#, 4);
        let e = r[0].as_ref().unwrap_err();
        assert!(
            e.message.starts_with("line 4: invalid JSON"),
            "{}",
            e.message
        );
        let r = line(r#"{"id": "a1", "title": "no text"}"#, 5);
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.id, "a1");
        assert!(e.message.contains("no text"), "{}", e.message);
    }

    #[test]
    fn dct_order() {
        let opts = ReadOptions {
            dct: NaiveDate::from_ymd_opt(2000, 1, 1),
            ..Default::default()
        };
        let name = NaiveDate::from_ymd_opt(2010, 1, 1);
        let json = NaiveDate::from_ymd_opt(2020, 1, 1);
        let hdr = "T\nDate: 2015-01-01\nx";
        assert_eq!(choose_dct(json, hdr, name, &opts).1, DctSource::Json);
        assert_eq!(choose_dct(None, hdr, name, &opts).1, DctSource::Header);
        assert_eq!(choose_dct(None, "x", name, &opts).1, DctSource::Filename);
        assert_eq!(choose_dct(None, "x", None, &opts).1, DctSource::Cli);
        assert_eq!(
            choose_dct(None, "x", None, &ReadOptions::default()).1,
            DctSource::None
        );
    }
}
