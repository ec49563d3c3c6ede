//! Entity evaluation on CoNLL/BIO data: runs the pipeline over the rebuilt documents,
//! turns its mentions into token tags and scores them with [`super::conlleval`].

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::conll::ConllDoc;
use super::conlleval::{chunks, Chunk, Score};
use crate::error::Error;
use crate::model::{Document, EntityType};
use crate::pipeline::Pipeline;

/// How khabar's entity types map to the labels of the data set. A type mapped to
/// nothing is dropped from the predictions.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeMap {
    map: BTreeMap<EntityType, Option<String>>,
}

impl Default for TypeMap {
    /// PERSON→PER, LOCATION→LOC, ORGANIZATION and GROUP→ORG, MALWARE→MISC.
    fn default() -> Self {
        let map = [
            (EntityType::Person, "PER"),
            (EntityType::Location, "LOC"),
            (EntityType::Organization, "ORG"),
            (EntityType::Group, "ORG"),
            (EntityType::Malware, "MISC"),
        ]
        .into_iter()
        .map(|(t, l)| (t, Some(l.to_string())))
        .collect();
        TypeMap { map }
    }
}

impl TypeMap {
    /// Parses `GROUP=MISC,MALWARE=-` on top of the default mapping (`-` drops a type).
    pub fn parse(spec: &str) -> Result<TypeMap, Error> {
        let mut m = TypeMap::default();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let bad = || Error::Data {
                what: "--map".into(),
                msg: format!("`{item}`: expected TYPE=LABEL, e.g. GROUP=MISC or MALWARE=-"),
            };
            let (t, l) = item.split_once('=').ok_or_else(bad)?;
            let t = EntityType::parse(t).ok_or_else(bad)?;
            let l = l.trim();
            m.map
                .insert(t, (l != "-" && !l.is_empty()).then(|| l.to_string()));
        }
        Ok(m)
    }

    /// The label of a type, if it is kept.
    pub fn label(&self, t: EntityType) -> Option<&str> {
        self.map.get(&t).and_then(|l| l.as_deref())
    }

    /// The mapping as `TYPE → label` strings (`-` for dropped types), for reports.
    pub fn describe(&self) -> BTreeMap<String, String> {
        self.map
            .iter()
            .map(|(t, l)| (t.to_string(), l.clone().unwrap_or_else(|| "-".into())))
            .collect()
    }
}

/// Options of a CoNLL evaluation.
#[derive(Debug, Clone)]
pub struct NerOptions {
    pub types: TypeMap,
    /// Labels scored per type but left out of the overall score (default `MISC`).
    pub excluded: Vec<String>,
    /// How many of the most frequent misses and false positives to keep.
    pub errors: usize,
}

impl Default for NerOptions {
    fn default() -> Self {
        NerOptions {
            types: TypeMap::default(),
            excluded: vec!["MISC".into()],
            errors: 10,
        }
    }
}

/// A frequent error: chunk text, its type and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    pub text: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub count: usize,
}

/// The result of a CoNLL evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct NerReport {
    pub documents: usize,
    pub sentences: usize,
    pub score: Score,
    pub mapping: BTreeMap<String, String>,
    /// Gold chunks not predicted exactly (span and type), most frequent first.
    pub misses: Vec<ErrorItem>,
    /// Predicted chunks that are not gold chunks, most frequent first.
    pub false_positives: Vec<ErrorItem>,
}

/// Token tags of a document from the pipeline's mentions: each mention tags the tokens
/// its span overlaps; when two mentions touch one token, the first (leftmost) wins.
pub fn predicted_tags(
    token_spans: &[Range<usize>],
    mentions: &mut [(Range<usize>, String)],
) -> Vec<String> {
    let mut tags: Vec<Option<String>> = vec![None; token_spans.len()];
    mentions.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    for (span, label) in mentions.iter() {
        let first = token_spans.partition_point(|t| t.end <= span.start);
        let mut begun = false;
        for (tok, tag) in token_spans.iter().zip(tags.iter_mut()).skip(first) {
            if tok.start >= span.end {
                break;
            }
            if tag.is_some() {
                continue;
            }
            *tag = Some(format!("{}-{label}", if begun { "I" } else { "B" }));
            begun = true;
        }
    }
    tags.into_iter()
        .map(|t| t.unwrap_or_else(|| "O".into()))
        .collect()
}

/// Predicted tags of one document, sentence by sentence.
fn predict_doc(pipeline: &Pipeline, doc: &ConllDoc, i: usize, types: &TypeMap) -> Vec<Vec<String>> {
    let d = Document {
        id: format!("conll#{i}"),
        text: doc.text.clone(),
        ..Default::default()
    };
    let r = pipeline.process(&d);
    let mut mentions: Vec<(Range<usize>, String)> = r
        .entities
        .iter()
        .filter_map(|e| types.label(e.etype).map(|l| (e, l)))
        .flat_map(|(e, l)| {
            e.mentions
                .iter()
                // "The Iranian government" is no name: the data sets tag its adjective as
                // MISC or nothing, and khabar's nationality adjectives are no entities.
                .filter(|m| m.source != crate::rules::GOVERNMENT_SOURCE)
                .map(move |m| (m.span.clone(), l.into()))
        })
        .collect();
    let tags = predicted_tags(&doc.token_spans, &mut mentions);
    let mut pred = Vec::with_capacity(doc.sentences.len());
    let mut rest = tags.as_slice();
    for s in &doc.sentences {
        let (now, later) = rest.split_at(s.tags.len().min(rest.len()));
        pred.push(now.to_vec());
        rest = later;
    }
    pred
}

/// Runs the pipeline over CoNLL documents: predicted tags per document, per sentence.
pub fn predict(pipeline: &Pipeline, docs: &[ConllDoc], types: &TypeMap) -> Vec<Vec<Vec<String>>> {
    docs.par_iter()
        .enumerate()
        .map(|(i, d)| predict_doc(pipeline, d, i, types))
        .collect()
}

/// Writes `TOKEN GOLD PREDICTED` lines, a blank line after each sentence: the input format
/// of conlleval.pl, to check the figures with it. No `-DOCSTART-` lines: the script would
/// count them as tokens.
pub fn write_bio(
    w: &mut impl std::io::Write,
    docs: &[ConllDoc],
    preds: &[Vec<Vec<String>>],
) -> std::io::Result<()> {
    for (doc, pred) in docs.iter().zip(preds) {
        for (s, p) in doc.sentences.iter().zip(pred) {
            for ((t, g), q) in s.tokens.iter().zip(&s.tags).zip(p) {
                writeln!(w, "{t} {g} {q}")?;
            }
            writeln!(w)?;
        }
    }
    Ok(())
}

fn chunk_text(tokens: &[String], c: &Chunk) -> String {
    tokens.get(c.start..c.end).unwrap_or_default().join(" ")
}

fn top(map: HashMap<(String, String), usize>, n: usize) -> Vec<ErrorItem> {
    let mut v: Vec<ErrorItem> = map
        .into_iter()
        .map(|((text, etype), count)| ErrorItem { text, etype, count })
        .collect();
    v.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.text.cmp(&b.text))
            .then_with(|| a.etype.cmp(&b.etype))
    });
    v.truncate(n);
    v
}

/// Evaluates the pipeline on CoNLL documents (each sentence scored as conlleval does).
pub fn evaluate(pipeline: &Pipeline, docs: &[ConllDoc], opts: &NerOptions) -> NerReport {
    score(docs, &predict(pipeline, docs, &opts.types), opts)
}

/// Scores predicted tags (from [`predict`]) against the documents' gold tags.
pub fn score(docs: &[ConllDoc], preds: &[Vec<Vec<String>>], opts: &NerOptions) -> NerReport {
    let mut score = Score::default();
    let mut misses: HashMap<(String, String), usize> = HashMap::new();
    let mut fps: HashMap<(String, String), usize> = HashMap::new();
    let mut sentences = 0;
    for (doc, pred) in docs.iter().zip(preds) {
        for (s, p) in doc.sentences.iter().zip(pred) {
            sentences += 1;
            let gc = chunks(&s.tags);
            let pc = chunks(p);
            score.add(&gc, &pc, &opts.excluded);
            score.add_tokens(&s.tags, p);
            for c in gc.iter().filter(|c| !pc.contains(c)) {
                *misses
                    .entry((chunk_text(&s.tokens, c), c.ctype.clone()))
                    .or_default() += 1;
            }
            for c in pc.iter().filter(|c| !gc.contains(c)) {
                *fps.entry((chunk_text(&s.tokens, c), c.ctype.clone()))
                    .or_default() += 1;
            }
        }
    }
    NerReport {
        documents: docs.len(),
        sentences,
        score,
        mapping: opts.types.describe(),
        misses: top(misses, opts.errors),
        false_positives: top(fps, opts.errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_become_bio_tags() {
        // "Joe Biden met Putin-aides" : tokens Joe, Biden, met, Putin-aides
        let toks = vec![0..3, 4..9, 10..13, 14..25];
        let mut m = vec![(14..19, "PER".to_string()), (0..9, "PER".to_string())];
        assert_eq!(
            predicted_tags(&toks, &mut m),
            ["B-PER", "I-PER", "O", "B-PER"]
        );
    }

    #[test]
    fn first_mention_wins_a_shared_token() {
        let toks = vec![0..5, 6..10, 11..15];
        // Two mentions touching token 1: the leftmost keeps it.
        let mut m = vec![(8..15, "LOC".to_string()), (0..8, "ORG".to_string())];
        assert_eq!(predicted_tags(&toks, &mut m), ["B-ORG", "I-ORG", "B-LOC"]);
    }

    #[test]
    fn a_country_named_by_its_government_is_no_name() {
        let Ok(p) = Pipeline::builtin() else {
            panic!("builtin pipeline");
        };
        // Invented sentence: the pipeline links "Iranian government" to Iran, and the
        // scores leave it out, as the data sets tag no name there.
        let data = "The O\nIranian B-MISC\ngovernment O\nwelcomed O\nIran B-LOC\n.\n";
        let docs = super::super::conll::parse(data, 20);
        let r = p.process(&Document {
            text: docs[0].text.clone(),
            ..Default::default()
        });
        let iran = r.entities.iter().find(|e| e.id == "iran");
        assert_eq!(iran.map(|e| e.mentions.len()), Some(2), "{:?}", r.entities);
        let preds = predict(&p, &docs, &TypeMap::default());
        assert_eq!(preds[0][0], ["O", "O", "O", "O", "B-LOC", "O"]);
    }

    #[test]
    fn type_map_spec() {
        let m = TypeMap::parse("GROUP=MISC, MALWARE=-").unwrap();
        assert_eq!(m.label(EntityType::Group), Some("MISC"));
        assert_eq!(m.label(EntityType::Malware), None);
        assert_eq!(m.label(EntityType::Person), Some("PER"));
        assert!(TypeMap::parse("NOPE=X").is_err());
        assert!(TypeMap::parse("PERSON").is_err());
    }

    #[test]
    fn builtin_pipeline_on_a_small_file() {
        let Ok(p) = Pipeline::builtin() else {
            panic!("builtin pipeline");
        };
        // Two names every built-in gazetteer lists, and one gold name it may miss.
        let data = "Biden B-PER\ncalled O\nPutin B-PER\n.\n\nZxqv B-ORG\n";
        let docs = super::super::conll::parse(data, 20);
        let r = evaluate(&p, &docs, &NerOptions::default());
        let per = r.score.per_type["PER"];
        assert_eq!(per.gold, 2);
        assert_eq!(per.correct, 2);
        assert_eq!(r.score.overall.gold, 3);
        assert_eq!(r.misses[0].text, "Zxqv");

        let preds = predict(&p, &docs, &TypeMap::default());
        let mut out = Vec::new();
        write_bio(&mut out, &docs, &preds).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("Biden B-PER B-PER\n"), "{out}");
        assert!(out.contains("Zxqv B-ORG O\n"), "{out}");
    }
}
