//! The corpus-wide entity table (entities.csv).

use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

use serde::Serialize;

use crate::model::{DocResult, EntityType};

/// At most this many distinct surface forms are kept per entity, so a huge corpus cannot
/// grow one row without bound.
const MAX_ALIASES: usize = 50;

/// One row of entities.csv: a canonical entity across the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRow {
    pub id: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Distinct surface forms seen.
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub documents: usize,
    /// Earliest and latest document date of the documents that mention it.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// Accumulates entities of many documents.
#[derive(Debug, Default)]
pub struct EntityTable {
    rows: Vec<EntityRow>,
    /// (hash of the id, row) of every row. Rows are found by the hash and then by
    /// comparing their own ids: the table keeps no second copy of every id.
    index: HashTable<(u64, usize)>,
}

fn id_hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

impl EntityTable {
    pub fn new() -> EntityTable {
        EntityTable::default()
    }

    /// The row of `id` and `etype`, if there is one.
    fn find(&self, hash: u64, id: &str, etype: EntityType) -> Option<usize> {
        let rows = &self.rows;
        self.index
            .find(hash, |&(h, i)| {
                h == hash && rows.get(i).is_some_and(|r| r.etype == etype && r.id == id)
            })
            .map(|&(_, i)| i)
    }

    /// Adds an empty row for an entity whose id hashes to `hash`; returns its index.
    fn push_row(&mut self, hash: u64, id: &str, canonical: &str, etype: EntityType) -> usize {
        let i = self.rows.len();
        self.rows.push(EntityRow {
            id: id.to_string(),
            canonical: canonical.to_string(),
            etype,
            aliases: Vec::new(),
            mentions: 0,
            documents: 0,
            first_date: None,
            last_date: None,
        });
        self.index.insert_unique(hash, (hash, i), |&(h, _)| h);
        i
    }

    /// Adds the entities of one document.
    pub fn add(&mut self, doc: &DocResult) {
        for e in &doc.entities {
            let hash = id_hash(&e.id);
            let i = match self.find(hash, &e.id, e.etype) {
                Some(i) => i,
                None => self.push_row(hash, &e.id, &e.canonical, e.etype),
            };
            let Some(row) = self.rows.get_mut(i) else {
                continue;
            };
            row.mentions += e.mentions.len();
            row.documents += 1;
            let mut prev: Option<&str> = None;
            for m in &e.mentions {
                // A name is mostly repeated as it was written the time before: that form
                // was just looked at.
                if prev == Some(m.text.as_str()) {
                    continue;
                }
                prev = Some(&m.text);
                // At most MAX_ALIASES forms, mostly a handful, of differing lengths: a scan
                // costs less than hashing every mention's text into a set of copies.
                if row.aliases.len() < MAX_ALIASES && !row.aliases.contains(&m.text) {
                    row.aliases.push(m.text.clone());
                }
            }
            if let Some(d) = &doc.dct {
                // ISO dates sort as strings.
                if row.first_date.as_ref().map_or(true, |f| d < f) {
                    row.first_date = Some(d.clone());
                }
                if row.last_date.as_ref().map_or(true, |l| d > l) {
                    row.last_date = Some(d.clone());
                }
            }
        }
    }

    /// The rows, sorted by type then canonical name (then id, so the order is total).
    pub fn finish(self) -> Vec<EntityRow> {
        let keys = self.rows.iter().map(sort_key).collect();
        super::sort_rows(self.rows, keys, |a, b| {
            (a.etype, &a.canonical, &a.id).cmp(&(b.etype, &b.canonical, &b.id))
        })
    }
}

/// The type in the top byte, then the canonical name's first 15 bytes: ordered as the
/// rows' (type, canonical) wherever two keys differ.
fn sort_key(r: &EntityRow) -> u128 {
    (u128::from(type_rank(r.etype)) << 120) | (super::prefix(&r.canonical, 15) >> 8)
}

/// The type's place in the order `EntityType` derives (declaration order).
fn type_rank(t: EntityType) -> u8 {
    t as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Mention};

    fn mention(t: &str) -> Mention {
        Mention {
            text: t.into(),
            start: 0,
            end: t.chars().count(),
            sentence: 0,
            source: "gazetteer".into(),
            confidence: 1.0,
            span: 0..t.len(),
        }
    }

    fn doc(dct: Option<&str>, ents: Vec<(&str, &str, EntityType, Vec<&str>)>) -> DocResult {
        let mut d = DocResult::error("d".into(), "d".into(), String::new());
        d.dct = dct.map(str::to_string);
        d.entities = ents
            .into_iter()
            .map(|(id, c, t, ms)| Entity {
                id: id.into(),
                canonical: c.into(),
                etype: t,
                country: None,
                mentions: ms.into_iter().map(mention).collect(),
            })
            .collect();
        d
    }

    #[test]
    fn accumulates_across_documents() {
        let mut t = EntityTable::new();
        t.add(&doc(
            Some("2021-07-10"),
            vec![
                (
                    "joe-biden",
                    "Joe Biden",
                    EntityType::Person,
                    vec!["جو بايدن", "بايدن"],
                ),
                ("russia", "Russia", EntityType::Location, vec!["روسيا"]),
            ],
        ));
        t.add(&doc(
            Some("2021-06-01"),
            vec![(
                "joe-biden",
                "Joe Biden",
                EntityType::Person,
                vec!["Biden", "بايدن"],
            )],
        ));
        t.add(&doc(
            None,
            vec![("joe-biden", "Joe Biden", EntityType::Person, vec!["Biden"])],
        ));
        let rows = t.finish();
        assert_eq!(rows.len(), 2);
        let b = &rows[0];
        assert_eq!(b.id, "joe-biden", "PERSON sorts before LOCATION");
        assert_eq!(b.mentions, 5);
        assert_eq!(b.documents, 3);
        assert_eq!(b.aliases, vec!["جو بايدن", "بايدن", "Biden"]);
        assert_eq!(b.first_date.as_deref(), Some("2021-06-01"));
        assert_eq!(b.last_date.as_deref(), Some("2021-07-10"));
        assert_eq!(rows[1].first_date.as_deref(), Some("2021-07-10"));
    }

    #[test]
    fn type_ranks_follow_the_type_order() {
        for a in EntityType::ALL {
            for b in EntityType::ALL {
                assert_eq!(type_rank(a).cmp(&type_rank(b)), a.cmp(&b), "{a} {b}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn rows_sort_as_a_stable_sort_by_type_name_and_id(
            ents in proptest::collection::vec(
                (0usize..5, "[ab\u{0628}]{0,18}", 0usize..4),
                0..40,
            )
        ) {
            let mut t = EntityTable::new();
            for (ty, name, id) in &ents {
                let et = EntityType::ALL[*ty];
                let id = format!("{}{id}", name.chars().take(2).collect::<String>());
                t.add(&doc(None, vec![(id.as_str(), name.as_str(), et, vec!["x"])]));
            }
            let mut expected = t.rows.clone();
            expected.sort_by(|a, b| {
                (a.etype, &a.canonical, &a.id).cmp(&(b.etype, &b.canonical, &b.id))
            });
            proptest::prop_assert_eq!(
                format!("{:?}", t.finish()),
                format!("{expected:?}")
            );
        }
    }

    #[test]
    fn rows_of_one_hash_are_told_apart_by_id_and_type() {
        let mut t = EntityTable::new();
        let a = t.push_row(7, "a", "A", EntityType::Person);
        let b = t.push_row(7, "b", "B", EntityType::Person);
        let c = t.push_row(7, "a", "A", EntityType::Location);
        assert_eq!(t.find(7, "a", EntityType::Person), Some(a));
        assert_eq!(t.find(7, "b", EntityType::Person), Some(b));
        assert_eq!(t.find(7, "a", EntityType::Location), Some(c));
        assert_eq!(t.find(7, "b", EntityType::Location), None);
        assert_eq!(t.find(7, "c", EntityType::Person), None);
        assert_eq!(t.find(8, "a", EntityType::Person), None);
    }

    /// The table as it was written first: a map from each id (copied) to its rows.
    fn reference(docs: &[DocResult]) -> Vec<EntityRow> {
        let mut rows: Vec<EntityRow> = Vec::new();
        let mut index: std::collections::HashMap<String, Vec<(EntityType, usize)>> =
            Default::default();
        for doc in docs {
            for e in &doc.entities {
                let found = index
                    .get(e.id.as_str())
                    .and_then(|v| v.iter().find(|(t, _)| *t == e.etype))
                    .map(|&(_, i)| i);
                let i = found.unwrap_or_else(|| {
                    rows.push(EntityRow {
                        id: e.id.clone(),
                        canonical: e.canonical.clone(),
                        etype: e.etype,
                        aliases: Vec::new(),
                        mentions: 0,
                        documents: 0,
                        first_date: None,
                        last_date: None,
                    });
                    index
                        .entry(e.id.clone())
                        .or_default()
                        .push((e.etype, rows.len() - 1));
                    rows.len() - 1
                });
                let row = &mut rows[i];
                row.mentions += e.mentions.len();
                row.documents += 1;
                for m in &e.mentions {
                    if row.aliases.len() < MAX_ALIASES && !row.aliases.contains(&m.text) {
                        row.aliases.push(m.text.clone());
                    }
                }
                if let Some(d) = &doc.dct {
                    if row.first_date.as_ref().map_or(true, |f| d < f) {
                        row.first_date = Some(d.clone());
                    }
                    if row.last_date.as_ref().map_or(true, |l| d > l) {
                        row.last_date = Some(d.clone());
                    }
                }
            }
        }
        rows
    }

    proptest::proptest! {
        #[test]
        fn rows_are_those_of_the_first_table(
            docs in proptest::collection::vec(
                (
                    proptest::option::of(0usize..3),
                    proptest::collection::vec(
                        (0usize..6, 0usize..2, proptest::collection::vec(0usize..60, 0..8)),
                        0..5,
                    ),
                ),
                0..10,
            )
        ) {
            const DATES: [&str; 3] = ["2021-07-10", "2020-01-01", "2021-07-09"];
            let forms: Vec<String> = (0..60).map(|n| format!("f{}", n % 55)).collect();
            let docs: Vec<DocResult> = docs
                .iter()
                .map(|(dct, ents)| {
                    let ids: Vec<String> = ents.iter().map(|(id, ..)| format!("e{id}")).collect();
                    doc(
                        dct.map(|d| DATES[d]),
                        ents.iter()
                            .zip(&ids)
                            .map(|((_, ty, ms), id)| {
                                let t = [EntityType::Person, EntityType::Location][*ty];
                                let ms = ms.iter().map(|&m| forms[m].as_str()).collect();
                                (id.as_str(), "N", t, ms)
                            })
                            .collect(),
                    )
                })
                .collect();
            let mut t = EntityTable::new();
            for d in &docs {
                t.add(d);
            }
            proptest::prop_assert_eq!(format!("{:?}", t.rows), format!("{:?}", reference(&docs)));
        }
    }
}
