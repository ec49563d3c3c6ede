//! The compiled pipeline: every stage built once, then applied to documents as a pure
//! function, so rayon can map it over documents and output never depends on thread count.

use std::path::Path;

use crate::error::Error;
use crate::events::EventExtractor;
use crate::gazetteer::{Gazetteer, GazetteerBuilder};
use crate::model::{DocResult, Document, Status};
use crate::resolve;
use crate::rules::Rules;
use crate::text::{Lang, Prepared, Words};
use crate::time::TimeTagger;

/// Text that makes [`Pipeline::process_batch`] panic in unit tests.
#[cfg(test)]
pub(crate) const PANIC_FOR_TESTS: &str = "\u{0}panic for tests\u{0}";

/// Which stages run. All on by default; evaluations and benchmarks switch some off.
#[derive(Debug, Clone, Copy)]
pub struct Stages {
    /// Entity rules (titles, name lists, patterns), coreference and cyber indicators.
    pub rules: bool,
    pub dates: bool,
    pub events: bool,
}

impl Default for Stages {
    fn default() -> Self {
        Stages {
            rules: true,
            dates: true,
            events: true,
        }
    }
}

/// Everything khabar needs to process documents, compiled once.
///
/// A stage that is switched off is not compiled (`None`): its word lists and automata
/// would only lengthen start-up, which every run waits for.
#[derive(Debug)]
pub struct Pipeline {
    pub gazetteer: Gazetteer,
    /// The entity rules, coreference and cyber indicators (`Stages::rules`).
    pub rules: Option<Rules>,
    /// The date tagger (`Stages::dates`).
    pub time: Option<TimeTagger>,
    /// The event extractor (`Stages::events`).
    pub events: Option<EventExtractor>,
}

/// Builds a [`Pipeline`] from the built-in data plus extra gazetteer files.
#[derive(Debug)]
pub struct PipelineBuilder {
    gazetteer: GazetteerBuilder,
    builtin: bool,
    stages: Stages,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            gazetteer: GazetteerBuilder::new(),
            builtin: true,
            stages: Stages::default(),
        }
    }
}

impl PipelineBuilder {
    /// Leaves out the built-in entity gazetteers (only files added with [`Self::gazetteer`]).
    pub fn without_builtin_gazetteers(mut self) -> Self {
        self.builtin = false;
        self
    }

    /// Adds a gazetteer file or folder on top of the built-in ones.
    pub fn gazetteer(mut self, path: &Path) -> Result<Self, Error> {
        self.gazetteer.add_path(path)?;
        Ok(self)
    }

    pub fn stages(mut self, stages: Stages) -> Self {
        self.stages = stages;
        self
    }

    pub fn build(self) -> Result<Pipeline, Error> {
        let (builtin, extra, stages) = (self.builtin, self.gazetteer, self.stages);
        // Every part of start-up is independent: parsing and loading the gazetteers, and
        // compiling the rules', dates' and events' word lists run side by side.
        let (gazetteer, others) = rayon::join(
            || -> Result<Gazetteer, Error> {
                // The built-ins alone come ready-made (their snapshot); extra files may
                // extend built-in entities, so then everything is compiled together.
                if builtin && extra.is_empty() {
                    return Ok(Gazetteer::builtin()?);
                }
                let mut g = GazetteerBuilder::new();
                if builtin {
                    g.add_builtin()?;
                }
                // User files come after the built-ins so that a shared id extends the
                // built-in entity.
                g.merge(extra);
                Ok(g.build()?)
            },
            || -> Result<_, Error> {
                let (rules, (time, events)) = rayon::join(
                    || {
                        resolve::prepare()?;
                        stages.rules.then(Rules::builtin).transpose()
                    },
                    || {
                        rayon::join(
                            || stages.dates.then(TimeTagger::builtin).transpose(),
                            || stages.events.then(EventExtractor::builtin).transpose(),
                        )
                    },
                );
                Ok((rules?, time?, events?))
            },
        );
        let (rules, time, events) = others?;
        Ok(Pipeline {
            gazetteer: gazetteer?,
            rules,
            time,
            events,
        })
    }
}

impl Pipeline {
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The pipeline with the built-in data only.
    pub fn builtin() -> Result<Pipeline, Error> {
        PipelineBuilder::default().build()
    }

    /// Processes one document. The same as a batch of one (see [`Self::process_batch`]).
    pub fn process(&self, doc: &Document) -> DocResult {
        let mut one = self.process_batch(&[doc]);
        one.pop().expect("a batch has a result per document")
    }

    /// Processes documents stage by stage, as spaCy's `nlp.pipe` does: each stage runs
    /// over every document of the batch before the next one starts. A stage's automata
    /// and word tables then stay in the cache across documents instead of being pushed
    /// out by the other stages' at every document: on the sample corpus, batches of 64
    /// made the whole run 5-10% faster than one document at a time. The results are the
    /// same as [`Self::process`] gives for each document (every stage reads one
    /// document only), in the order of `docs`.
    ///
    /// Every document's intermediate results live until the batch ends, so callers keep
    /// batches to a few dozen documents of ordinary size.
    pub fn process_batch(&self, docs: &[&Document]) -> Vec<DocResult> {
        // A stage that panics on one document (a bug): the run's recovery is tested with it.
        #[cfg(test)]
        if docs.iter().any(|d| d.text.contains(PANIC_FOR_TESTS)) {
            panic!("a stage failed (test)");
        }
        let preps: Vec<Prepared<'_>> = docs
            .iter()
            .map(|doc| Prepared::new(&doc.text, doc.lang.as_deref().and_then(Lang::parse)))
            .collect();
        let cands: Vec<_> = match &self.rules {
            Some(rules) => {
                // The rules' cue search reads the words of the text that their cue filter
                // marks: the gazetteer's scan, which hashes every word anyway, records
                // them, only when the rules run (coreference runs with them and finds its
                // own words).
                let mut words: Vec<Words> = Vec::with_capacity(preps.len());
                let mut cands: Vec<_> = preps
                    .iter()
                    .map(|prep| {
                        let mut w = Words::default();
                        let c =
                            self.gazetteer
                                .annotate_with_words(prep, rules.word_filter(), &mut w);
                        words.push(w);
                        c
                    })
                    .collect();
                for ((c, prep), w) in cands.iter_mut().zip(&preps).zip(&words) {
                    let found = rules.annotate_words(prep, w, c);
                    c.extend(found);
                }
                cands
            }
            None => preps.iter().map(|p| self.gazetteer.annotate(p)).collect(),
        };
        let entities: Vec<_> = preps
            .iter()
            .zip(cands)
            .map(|(prep, c)| resolve::resolve(prep, c, &self.gazetteer, self.rules.is_some()))
            .collect();
        let dates: Vec<_> = preps
            .iter()
            .zip(docs)
            .map(|(prep, doc)| match &self.time {
                Some(time) => time.annotate(prep, doc.dct),
                None => Vec::new(),
            })
            .collect();
        let events: Vec<_> = preps
            .iter()
            .zip(docs)
            .zip(entities.iter().zip(&dates))
            .map(|((prep, doc), (entities, dates))| match &self.events {
                Some(events) => events.extract(prep, entities, dates, doc.dct),
                None => Vec::new(),
            })
            .collect();
        let indicators = preps.iter().map(|prep| match &self.rules {
            Some(rules) => rules.indicators(prep),
            None => Vec::new(),
        });
        let found = entities.into_iter().zip(dates).zip(events).zip(indicators);
        docs.iter()
            .zip(&preps)
            .zip(found)
            .map(
                |((doc, prep), (((entities, dates), events), indicators))| DocResult {
                    doc_id: doc.id.clone(),
                    path: doc.path.clone(),
                    title: doc.title.clone(),
                    lang: prep.lang.map(|l| l.as_str().to_string()),
                    dct: doc.dct.map(|d| d.format("%Y-%m-%d").to_string()),
                    dct_source: doc.dct_source,
                    status: Status::Ok,
                    error: None,
                    entities,
                    dates,
                    events,
                    indicators,
                    bytes: doc.text.len(),
                },
            )
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_switched_off_is_not_compiled_and_finds_nothing() {
        let text = "قال الرئيس جو بايدن إن مجموعة REvil هاجمت 1.2.3.4 في 4 يوليو 2021.";
        let doc = Document {
            text: text.into(),
            dct: chrono::NaiveDate::from_ymd_opt(2021, 7, 10),
            ..Default::default()
        };
        let off = Pipeline::builder()
            .stages(Stages {
                rules: false,
                dates: false,
                events: false,
            })
            .build()
            .unwrap();
        assert!(off.rules.is_none() && off.time.is_none() && off.events.is_none());
        let r = off.process(&doc);
        assert!(r.dates.is_empty() && r.events.is_empty() && r.indicators.is_empty());
        assert!(r.entities.iter().any(|e| e.id == "joe-biden"));

        let on = Pipeline::builtin().unwrap();
        assert!(on.rules.is_some() && on.time.is_some() && on.events.is_some());
        let r = on.process(&doc);
        assert!(!r.dates.is_empty() && !r.indicators.is_empty());
    }
}
