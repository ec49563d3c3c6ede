//! `Pipeline::process_batch` runs each stage over a whole batch before the next stage; it
//! must give every document exactly what `Pipeline::process` gives it alone, whatever the
//! other documents of the batch are.

mod common;

use std::path::Path;

use khabar::{DocResult, Document, Pipeline};
use proptest::prelude::*;

/// Everything a result holds (its `Debug` form shows every field).
fn shown(r: &DocResult) -> String {
    format!("{r:?}")
}

fn same_alone_and_in_batches(p: &Pipeline, docs: &[Document]) {
    let alone: Vec<String> = docs.iter().map(|d| shown(&p.process(d))).collect();
    for size in [1, 2, 7, docs.len().max(1)] {
        let mut got = Vec::new();
        for batch in docs.chunks(size) {
            let refs: Vec<&Document> = batch.iter().collect();
            let results = p.process_batch(&refs);
            assert_eq!(results.len(), batch.len());
            got.extend(results.iter().map(shown));
        }
        for (i, (a, b)) in alone.iter().zip(&got).enumerate() {
            assert_eq!(a, b, "document {i} in batches of {size}");
        }
    }
}

fn doc(id: String, text: String) -> Document {
    Document {
        id,
        text,
        dct: chrono::NaiveDate::from_ymd_opt(2021, 7, 10),
        ..Default::default()
    }
}

#[test]
fn bundled_samples_alone_and_in_batches() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut docs: Vec<Document> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("sample is UTF-8");
            doc(f.display().to_string(), text)
        })
        .collect();
    // An empty document and one without any entity sit between the others.
    docs.insert(1, doc("empty".into(), String::new()));
    docs.insert(2, doc("plain".into(), "nothing to see here.".into()));
    assert!(docs.len() >= 5);
    let p = Pipeline::builtin().expect("pipeline");
    same_alone_and_in_batches(&p, &docs);
    assert!(p.process_batch(&[]).is_empty());
}

#[test]
fn corpus_articles_alone_and_in_batches() {
    let Some(root) = common::shared("data/corpus") else {
        return;
    };
    let mut docs = Vec::new();
    for lang in ["ar", "en"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(lang))
            .expect("corpus folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        // Every 97th article: a spread of sources and lengths.
        for f in files.iter().step_by(97).take(60) {
            if let Ok(text) = std::fs::read_to_string(f) {
                docs.push(doc(f.display().to_string(), text));
            }
        }
    }
    assert!(docs.len() > 60, "{} articles", docs.len());
    let p = Pipeline::builtin().expect("pipeline");
    same_alone_and_in_batches(&p, &docs);
}

fn pieces() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "قال",
        "الرئيس",
        "جو",
        "بايدن",
        "لبوتين",
        "ريتشارد",
        "والترز",
        "مجموعة",
        "تدعى",
        "\"REvil\"",
        "في",
        "4",
        "يوليو",
        "2021",
        "هاجمت",
        "روسيا",
        "President",
        "Biden",
        "said",
        "hackers",
        "attacked",
        "on",
        "July",
        "Microsoft",
        "1.2.3.4",
        ".",
        "،",
        "\n",
    ]);
    prop::collection::vec(words, 0..30).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    #[test]
    fn arbitrary_batches_match_single_documents(texts in prop::collection::vec(pieces(), 1..6)) {
        let p = pipeline();
        let docs: Vec<Document> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| doc(format!("d{i}"), t))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let batch: Vec<String> = p.process_batch(&refs).iter().map(shown).collect();
        let alone: Vec<String> = docs.iter().map(|d| shown(&p.process(d))).collect();
        prop_assert_eq!(batch, alone);
    }
}

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::builtin().expect("pipeline"))
}
