//! Walking the inputs lazily and deterministically: files as given, folders recursively in
//! sorted order, JSON Lines files and stdin one line at a time.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{DocError, ReadOptions, Source, EXTENSIONS};

/// The sources of a list of inputs, in input order. An iterator: nothing is read ahead.
pub struct Sources {
    inputs: VecDeque<String>,
    max_bytes: u64,
    skip_dirs: Vec<PathBuf>,
    walk: Option<FolderWalk>,
    lines: Option<LineReader>,
}

struct FolderWalk {
    root: PathBuf,
    iter: walkdir::IntoIter,
    found: usize,
}

struct LineReader {
    reader: Box<dyn BufRead + Send>,
    path: String,
    prefix: String,
    line: usize,
    /// Objects (non-blank lines) seen so far.
    objects: usize,
    max_bytes: u64,
}

impl Sources {
    /// Sources of `inputs` (paths, or `-` for JSON Lines on stdin).
    pub fn new(inputs: &[String], opts: &ReadOptions) -> Sources {
        Sources {
            inputs: inputs.iter().cloned().collect(),
            max_bytes: opts.max_bytes,
            skip_dirs: opts.skip_dirs.clone(),
            walk: None,
            lines: None,
        }
    }

    fn start_input(&mut self, input: String) -> Option<Source> {
        if input == "-" {
            self.lines = Some(LineReader {
                reader: Box::new(BufReader::new(std::io::stdin())),
                path: "-".into(),
                prefix: "stdin".into(),
                line: 0,
                objects: 0,
                max_bytes: self.max_bytes,
            });
            return None;
        }
        let path = PathBuf::from(&input);
        let failed = |m: String| {
            Some(Source::Failed(DocError {
                id: input.clone(),
                path: input.clone(),
                message: m,
            }))
        };
        match std::fs::metadata(&path) {
            Err(e) => failed(format!("cannot read input: {e}")),
            Ok(m) if m.is_dir() => {
                self.walk = Some(FolderWalk {
                    iter: WalkDir::new(&path)
                        .follow_links(true)
                        // Siblings' paths are the same folder path plus their names,
                        // so the paths sort as the names do, without `file_name`'s
                        // component parsing on every comparison (a tenth of the walk).
                        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                        .into_iter(),
                    root: path,
                    found: 0,
                });
                None
            }
            Ok(_) => {
                let id = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| input.clone());
                self.file_source(path, id)
            }
        }
    }

    /// A file found directly or in a folder. JSON Lines files are streamed: their lines
    /// come through later calls of `next`, and this returns `None`.
    fn file_source(&mut self, path: PathBuf, id: String) -> Option<Source> {
        if !has_ext(&path, "jsonl") {
            return Some(Source::File {
                path,
                id,
                meta: None,
            });
        }
        let shown = path.display().to_string();
        match File::open(&path) {
            Ok(f) if f.metadata().is_ok_and(|m| m.is_file()) => {
                self.lines = Some(LineReader {
                    reader: Box::new(BufReader::new(f)),
                    path: shown,
                    prefix: id,
                    line: 0,
                    objects: 0,
                    max_bytes: self.max_bytes,
                });
                None
            }
            Ok(_) => Some(Source::Failed(DocError {
                id,
                path: shown,
                message: "not a regular file (fifo, socket or device), not read".into(),
            })),
            Err(e) => Some(Source::Failed(DocError {
                id,
                path: shown,
                message: format!("cannot read: {e}"),
            })),
        }
    }

    fn next_in_folder(&mut self) -> Option<Option<Source>> {
        let walk = self.walk.as_mut()?;
        loop {
            let Some(entry) = walk.iter.next() else {
                let empty = walk.found == 0;
                let root = walk.root.display().to_string();
                self.walk = None;
                return Some(empty.then(|| {
                    Source::Failed(DocError {
                        id: root.clone(),
                        path: root,
                        message: format!(
                            "no articles in this folder (looked for .{} files)",
                            EXTENSIONS.join(", .")
                        ),
                    })
                }));
            };
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    walk.found += 1;
                    let p = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| walk.root.display().to_string());
                    let id = e
                        .path()
                        .map(|p| rel_id(&walk.root, p))
                        .unwrap_or_else(|| p.clone());
                    let message = match e.loop_ancestor() {
                        Some(a) => format!(
                            "symlink loop: points back to its ancestor {}, not followed",
                            a.display()
                        ),
                        None => format!("cannot read: {e}"),
                    };
                    return Some(Some(Source::Failed(DocError {
                        id,
                        path: p,
                        message,
                    })));
                }
            };
            // Hidden files and folders (.git, .DS_Store) are not articles.
            if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
                if entry.file_type().is_dir() {
                    walk.iter.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_dir() {
                if !self.skip_dirs.is_empty()
                    && std::fs::canonicalize(entry.path())
                        .is_ok_and(|c| self.skip_dirs.contains(&c))
                {
                    walk.iter.skip_current_dir();
                }
                continue;
            }
            let path = entry.path();
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            if !ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str())) {
                continue;
            }
            walk.found += 1;
            let id = rel_id(&walk.root, path);
            let path = path.to_path_buf();
            if let Some(s) = self.file_source(path, id) {
                return Some(Some(s));
            }
            return Some(None);
        }
    }
}

impl Iterator for Sources {
    type Item = Source;

    fn next(&mut self) -> Option<Source> {
        loop {
            if let Some(lines) = self.lines.as_mut() {
                match lines.next_line() {
                    Some(s) => return Some(s),
                    None => self.lines = None,
                }
            }
            if self.walk.is_some() {
                // `Some(None)`: a step that produced no source (a JSON Lines file opened).
                if let Some(Some(s)) = self.next_in_folder() {
                    return Some(s);
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            if let Some(s) = self.start_input(input) {
                return Some(s);
            }
        }
    }
}

impl LineReader {
    fn next_line(&mut self) -> Option<Source> {
        loop {
            self.line += 1;
            let mut buf = Vec::new();
            let limit = self.max_bytes.saturating_add(1);
            match (&mut self.reader).take(limit).read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.objects += 1;
                    let s = self.failed(format!("cannot read: {e}"));
                    // A read error ends the stream: the position in it is unknown.
                    self.reader = Box::new(std::io::empty());
                    return Some(s);
                }
            }
            if buf.len() as u64 >= limit && !buf.ends_with(b"\n") {
                // Skip the rest of the oversized line without holding it.
                let mut sink = Vec::new();
                while let Ok(n) = (&mut self.reader)
                    .take(1 << 20)
                    .read_until(b'\n', &mut sink)
                {
                    if n == 0 || sink.ends_with(b"\n") {
                        break;
                    }
                    sink.clear();
                }
                self.objects += 1;
                return Some(self.failed(format!(
                    "line is over the --max-bytes limit of {} bytes",
                    self.max_bytes
                )));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.objects += 1;
            return Some(Source::Line {
                path: self.path.clone(),
                id: format!("{}#{}", self.prefix, self.objects),
                line: self.line,
                bytes: buf,
            });
        }
    }

    fn failed(&self, m: String) -> Source {
        Source::Failed(DocError {
            id: format!("{}#{}", self.prefix, self.objects),
            path: self.path.clone(),
            message: format!("line {}: {m}", self.line),
        })
    }
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

/// The path of `p` relative to the input folder, with `/` separators on every platform.
fn rel_id(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(inputs: &[String]) -> Vec<String> {
        Sources::new(inputs, &ReadOptions::default())
            .map(|s| match s {
                Source::File { id, .. } => id,
                Source::Line { id, .. } => id,
                Source::Failed(e) => format!("failed:{}", e.id),
            })
            .collect()
    }

    #[test]
    fn folders_are_walked_sorted_and_lazily_expanded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        for f in [
            "b.txt",
            "a/z.md",
            "a/y.json",
            ".git/x.txt",
            "img.png",
            "c.jsonl",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "{\"text\": \"x\"}\n\n{\"text\": \"y\"}\n").unwrap();
        }
        std::fs::create_dir_all(dir.path().join("empty")).unwrap();
        let inputs = [
            root.display().to_string(),
            dir.path().join("in/b.txt").display().to_string(),
            dir.path().join("empty").display().to_string(),
        ];
        assert_eq!(
            ids(&inputs),
            [
                "a/y.json",
                "a/z.md",
                "b.txt",
                "c.jsonl#1",
                "c.jsonl#2",
                "b.txt",
                &format!("failed:{}", inputs[2]),
            ]
        );
    }

    #[test]
    fn siblings_are_in_byte_order_of_their_names() {
        // Names that share a prefix with a folder and differ in punctuation, case and
        // script: the folder "a" and its files come before "a b.txt" ('/' is not compared,
        // the name "a" is shorter).
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        for f in [
            "a.txt", "a-b.txt", "a/c.txt", "A.txt", "ب.txt", "a b.txt", "ab.txt",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        assert_eq!(
            ids(&[root.display().to_string()]),
            ["A.txt", "a/c.txt", "a b.txt", "a-b.txt", "a.txt", "ab.txt", "ب.txt"]
        );
    }
}
