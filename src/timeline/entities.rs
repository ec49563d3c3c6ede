//! The corpus-wide entity table (entities.csv).

use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

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
    /// Earliest and latest document date of the documents that mention it. Shared: most
    /// rows take their dates from a handful of documents' dates, and a copy for each row
    /// was two allocations per entity.
    #[serde(serialize_with = "shared_date")]
    pub first_date: Option<Arc<str>>,
    #[serde(serialize_with = "shared_date")]
    pub last_date: Option<Arc<str>>,
}

/// Serializes a shared date as the string it holds.
fn shared_date<S: serde::Serializer>(d: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(d.as_ref()),
        None => s.serialize_none(),
    }
}

/// Accumulates entities of many documents.
#[derive(Debug, Default)]
pub struct EntityTable {
    rows: Vec<EntityRow>,
    /// (hash of the id, row) of every row. Rows are found by the hash and then by
    /// comparing their own ids: the table keeps no second copy of every id.
    index: HashTable<(u64, usize)>,
    /// The date of the last document that gave a row a date, shared by the rows it gave
    /// it to (documents come in runs of one date).
    dct: Option<Arc<str>>,
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
    fn push_row(&mut self, hash: u64, id: String, canonical: String, etype: EntityType) -> usize {
        let i = self.rows.len();
        self.rows.push(EntityRow {
            id,
            canonical,
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

    /// Adds the entities of one document, taking strings out of it: a new row takes the
    /// entity's id and name and each new alias its mention's text (leaving them empty),
    /// where copies of them were a good part of the writer thread's allocations (the
    /// document is dropped after this anyway).
    pub fn add(&mut self, doc: &mut DocResult) {
        let dct = doc.dct.as_deref();
        let mut shared = self.dct.take();
        // The document's date as a shared string, made on first use.
        let mut date = |d: &str| -> Arc<str> {
            match &shared {
                Some(s) if s.as_ref() == d => s.clone(),
                _ => shared.insert(Arc::from(d)).clone(),
            }
        };
        // The strings are taken in place: moving each entity and mention out of its list
        // cost more than the document's drop saved.
        for e in &mut doc.entities {
            let hash = id_hash(&e.id);
            let i = match self.find(hash, &e.id, e.etype) {
                Some(i) => i,
                None => {
                    let (id, canonical) =
                        (std::mem::take(&mut e.id), std::mem::take(&mut e.canonical));
                    self.push_row(hash, id, canonical, e.etype)
                }
            };
            let Some(row) = self.rows.get_mut(i) else {
                continue;
            };
            row.mentions += e.mentions.len();
            row.documents += 1;
            // The alias the previous mention's text is (its index): a name is mostly
            // repeated as it was written the time before, and that form was just looked at.
            let mut prev: Option<usize> = None;
            for m in &mut e.mentions {
                if prev.is_some_and(|k| row.aliases.get(k).is_some_and(|a| *a == m.text)) {
                    continue;
                }
                // Only new forms are kept, and a full list stays full.
                if row.aliases.len() >= MAX_ALIASES {
                    break;
                }
                // At most MAX_ALIASES forms, mostly a handful, of differing lengths: a scan
                // costs less than hashing every mention's text into a set of copies.
                prev = Some(match row.aliases.iter().position(|a| *a == m.text) {
                    Some(k) => k,
                    None => {
                        row.aliases.push(std::mem::take(&mut m.text));
                        row.aliases.len() - 1
                    }
                });
            }
            if let Some(d) = dct {
                // ISO dates sort as strings.
                if row.first_date.as_deref().map_or(true, |f| d < f) {
                    row.first_date = Some(date(d));
                }
                if row.last_date.as_deref().map_or(true, |l| d > l) {
                    row.last_date = Some(date(d));
                }
            }
        }
        self.dct = shared;
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
        t.add(&mut doc(
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
        t.add(&mut doc(
            Some("2021-06-01"),
            vec![(
                "joe-biden",
                "Joe Biden",
                EntityType::Person,
                vec!["Biden", "بايدن"],
            )],
        ));
        t.add(&mut doc(
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
                t.add(&mut doc(None, vec![(id.as_str(), name.as_str(), et, vec!["x"])]));
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
        let a = t.push_row(7, "a".into(), "A".into(), EntityType::Person);
        let b = t.push_row(7, "b".into(), "B".into(), EntityType::Person);
        let c = t.push_row(7, "a".into(), "A".into(), EntityType::Location);
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
                if let Some(d) = doc.dct.as_deref() {
                    if row.first_date.as_deref().map_or(true, |f| d < f) {
                        row.first_date = Some(d.into());
                    }
                    if row.last_date.as_deref().map_or(true, |l| d > l) {
                        row.last_date = Some(d.into());
                    }
                }
            }
        }
        rows
    }

    #[test]
    fn a_full_alias_list_takes_no_more_forms() {
        // Sixty forms, each repeated, then the first ones again in a second document.
        let forms: Vec<String> = (0..60).map(|n| format!("f{n}")).collect();
        let many: Vec<&str> = forms
            .iter()
            .flat_map(|f| [f.as_str(), f.as_str()])
            .collect();
        let docs = vec![
            doc(
                Some("2021-07-10"),
                vec![("e", "E", EntityType::Person, many)],
            ),
            doc(
                Some("2021-07-09"),
                vec![("e", "E", EntityType::Person, vec!["f1", "new", "f0"])],
            ),
        ];
        let mut t = EntityTable::new();
        for d in &docs {
            t.add(&mut d.clone());
        }
        assert_eq!(t.rows[0].aliases.len(), MAX_ALIASES);
        assert_eq!(t.rows[0].aliases.last().map(String::as_str), Some("f49"));
        assert_eq!(t.rows[0].mentions, 123);
        assert_eq!(t.rows[0].first_date.as_deref(), Some("2021-07-09"));
        assert_eq!(format!("{:?}", t.rows), format!("{:?}", reference(&docs)));
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
                t.add(&mut d.clone());
            }
            proptest::prop_assert_eq!(format!("{:?}", t.rows), format!("{:?}", reference(&docs)));
        }
    }
}
