//! Inputs shared by the bench targets: a slice of the shared news corpus when it is there,
//! else the gold articles (always in the repository).

// Each bench target uses only part of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use khabar::Document;

/// The corpus folder (`../shared/data/corpus`), if present.
pub fn corpus_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus");
    p.is_dir().then_some(p)
}

/// `.txt` files of a folder and its subfolders, sorted.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn doc(path: &Path, text: String) -> Document {
    Document {
        id: path.display().to_string(),
        path: path.display().to_string(),
        text,
        ..Default::default()
    }
}

/// Corpus documents, Arabic and English interleaved, until `max_bytes` of text.
pub fn corpus_docs(dir: &Path, max_bytes: usize) -> Vec<Document> {
    let ar = txt_files(&dir.join("ar"));
    let en = txt_files(&dir.join("en"));
    let mut out = Vec::new();
    let mut bytes = 0;
    let mut it_ar = ar.iter();
    let mut it_en = en.iter();
    loop {
        let mut any = false;
        for p in [it_ar.next(), it_en.next()].into_iter().flatten() {
            any = true;
            if let Ok(t) = std::fs::read_to_string(p) {
                bytes += t.len();
                out.push(doc(p, t));
            }
        }
        if !any || bytes >= max_bytes {
            return out;
        }
    }
}

/// The gold articles as documents (with their dates and languages).
pub fn gold_docs() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    khabar::eval::gold::read_dir(&dir)
        .unwrap_or_default()
        .into_iter()
        .map(|g| Document {
            id: g.id.clone(),
            path: g.id,
            text: g.text,
            lang: g.lang,
            dct: g.dct,
            ..Default::default()
        })
        .collect()
}
