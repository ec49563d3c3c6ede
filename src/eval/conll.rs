//! Reader of CoNLL/BIO files: a token per line with its tag in the last column, a blank
//! line between sentences, `-DOCSTART-` lines between documents.

use std::ops::Range;
use std::path::Path;

use crate::error::Error;

/// One sentence: tokens and their gold tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// A document rebuilt from sentences: the text the pipeline reads and where each token is.
#[derive(Debug, Clone, Default)]
pub struct ConllDoc {
    pub sentences: Vec<Sentence>,
    /// Tokens joined by single spaces, sentences by a newline.
    pub text: String,
    /// Byte range of every token in `text`, sentence after sentence.
    pub token_spans: Vec<Range<usize>>,
}

impl ConllDoc {
    /// Builds the text of a group of sentences.
    pub fn new(sentences: Vec<Sentence>) -> ConllDoc {
        let mut text = String::new();
        let mut token_spans = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            if si > 0 {
                text.push('\n');
            }
            for (ti, t) in s.tokens.iter().enumerate() {
                if ti > 0 {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(t);
                token_spans.push(start..text.len());
            }
        }
        ConllDoc {
            sentences,
            text,
            token_spans,
        }
    }

    /// Gold tags of every token, in order.
    pub fn gold_tags(&self) -> impl Iterator<Item = &str> {
        self.sentences
            .iter()
            .flat_map(|s| s.tags.iter().map(String::as_str))
    }
}

/// Parses CoNLL text into documents. Without `-DOCSTART-` lines, every `doc_sentences`
/// sentences make one document (at least one).
pub fn parse(data: &str, doc_sentences: usize) -> Vec<ConllDoc> {
    let mut docs: Vec<Vec<Sentence>> = Vec::new();
    let mut cur_doc: Vec<Sentence> = Vec::new();
    let mut cur = Sentence::default();
    let mut saw_docstart = false;
    let flush_sentence = |cur: &mut Sentence, doc: &mut Vec<Sentence>| {
        if !cur.tokens.is_empty() {
            doc.push(std::mem::take(cur));
        }
    };
    for line in data.lines() {
        let line = line.trim_end_matches('\r');
        let mut cols = line.split_whitespace();
        let Some(first) = cols.next() else {
            flush_sentence(&mut cur, &mut cur_doc);
            continue;
        };
        if first == "-DOCSTART-" {
            saw_docstart = true;
            flush_sentence(&mut cur, &mut cur_doc);
            if !cur_doc.is_empty() {
                docs.push(std::mem::take(&mut cur_doc));
            }
            continue;
        }
        // A line with one column is a token without a tag: read as outside any chunk.
        let tag = cols.last().unwrap_or("O");
        cur.tokens.push(first.to_string());
        cur.tags.push(tag.to_string());
    }
    flush_sentence(&mut cur, &mut cur_doc);
    if !cur_doc.is_empty() {
        docs.push(cur_doc);
    }
    if !saw_docstart {
        let n = doc_sentences.max(1);
        let all: Vec<Sentence> = docs.into_iter().flatten().collect();
        docs = all.chunks(n).map(<[Sentence]>::to_vec).collect();
    }
    docs.into_iter().map(ConllDoc::new).collect()
}

/// Reads and parses a CoNLL file.
pub fn read(path: &Path, doc_sentences: usize) -> Result<Vec<ConllDoc>, Error> {
    let data = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(parse(&data, doc_sentences))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docstart_splits_documents() {
        let data =
            "-DOCSTART- O\n\nEU B-ORG\nrejects O\n\nPeter B-PER\n\n-DOCSTART- O\n\nRome B-LOC\n";
        let docs = parse(data, 20);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "EU rejects\nPeter");
        assert_eq!(docs[0].token_spans, vec![0..2, 3..10, 11..16]);
        assert_eq!(
            docs[0].gold_tags().collect::<Vec<_>>(),
            ["B-ORG", "O", "B-PER"]
        );
        assert_eq!(docs[1].text, "Rome");
    }

    #[test]
    fn groups_of_sentences_without_docstart() {
        let data = "a O\n\nb O\n\nc B-LOC\nd I-LOC\n\n\ne O\n";
        let docs = parse(data, 2);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[1].text, "c d\ne");
    }

    #[test]
    fn last_column_is_the_tag() {
        let docs = parse("EU NNP B-NP B-ORG\r\n", 20);
        assert_eq!(docs[0].sentences[0].tags, ["B-ORG"]);
        assert_eq!(docs[0].sentences[0].tokens, ["EU"]);
    }
}
