//! Cross-document event dedup: same type, same date, the same participants (one side may
//! name fewer of them) → one row.

use hashbrown::HashTable;
use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::cmp::Ordering;
use std::fmt::Write;
use std::hash::{Hash, Hasher};

use super::TimelineRow;
use crate::events::summary;
use crate::model::{DocResult, Event, Participant, Status};

/// Evidence sentences kept per row (the rest stay reachable through `sentences`).
const EVIDENCE: usize = 3;

/// Accumulates events of many documents into timeline rows.
///
/// Two reports are one event when they have the same type and date and one names a subset
/// of the other's participants ("Biden and Putin spoke" and "Putin spoke", the same day).
/// Sharing one participant is not enough: "X met Y" and "X met Z" the same day are two
/// meetings, and merging on any shared name chains rows together until one row holds every
/// statement of a busy country. A date must name its year for reports of different
/// documents to merge: "Friday", "XXXX-03-24" or no date at all says nothing about whether
/// two articles tell of the same occasion, so such events merge only inside their own
/// document, or where the very same sentence reports them (a wire story printed by several
/// papers).
#[derive(Debug, Default)]
pub struct Timeline {
    rows: Vec<TimelineRow>,
    /// (type and date, participant) → rows of that type and date with that participant,
    /// lowest index first: the candidates an event may join, found without scanning every
    /// row of the same type and date (many "Statement.Say" rows per day). Pairs and
    /// participants are numbered (`pairs`, `ids`) so that the map holds no strings: each
    /// distinct pair and id is copied once, not once per row it appears in.
    rows_with: HashMap<(usize, usize), Vec<usize>>,
    /// The same for events whose date names no year, for the current document's rows only.
    local_rows_with: HashMap<(usize, usize), Vec<usize>>,
    /// The first row the current document made.
    local_from: usize,
    /// [`type_date_key`] → number of the (type, date) pair.
    pairs: HashMap<String, usize>,
    /// Participant id → its number.
    ids: HashMap<String, usize>,
    /// Events without participants, or without a year, merge across documents only when
    /// the very same sentence reports them: (hash of type, date and sentence text, row)
    /// of every row such an event made. A row is found by the hash and then by its own
    /// type, date and first evidence (the sentence that made it), so the table holds no
    /// second copy of each such sentence.
    by_sentence: HashTable<(u64, usize)>,
    /// Reused key buffer.
    key: String,
    /// Reused `doc_id#sentence` buffer.
    sentence: String,
}

/// One string for a (type, date) pair, distinct for distinct pairs: the type, a NUL, then
/// `-` for no date or `+` and the date. Types are lexicon words and never hold a NUL.
fn type_date_key(key: &mut String, etype: &str, date: Option<&str>) {
    key.clear();
    key.push_str(etype);
    key.push('\0');
    match date {
        Some(d) => {
            key.push('+');
            key.push_str(d);
        }
        None => key.push('-'),
    }
}

/// The number of `key` (a participant id or a [`type_date_key`]), given on its first
/// sight: the key is copied only then.
fn number(numbers: &mut HashMap<String, usize>, key: &str) -> usize {
    if let Some(&n) = numbers.get(key) {
        return n;
    }
    let n = numbers.len();
    numbers.insert(key.to_string(), n);
    n
}

/// The hash of a [`type_date_key`] and a sentence's text, for [`Timeline::by_sentence`].
fn sentence_hash(type_date: &str, text: &str) -> u64 {
    let mut h = FxHasher::default();
    type_date.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

/// `row` was made by an event of the same type and date as `e`, from the same sentence.
fn same_report(row: &TimelineRow, e: &Event) -> bool {
    row.etype == e.etype
        && row.date == e.date
        && row.evidence.first().is_some_and(|t| *t == e.sentence_text)
}

/// A TIMEX3 value that names its year ("2021-07-09", "2016", "BC1258"), as opposed to
/// "XXXX-03-24", "XXXX-WXX-5" or "PAST_REF".
fn names_its_year(date: Option<&str>) -> bool {
    date_rank(date) <= 1
}

/// One of the two lists names every participant of the other.
fn same_participants(a: &[Participant], b: &[Participant]) -> bool {
    let within =
        |x: &[Participant], y: &[Participant]| x.iter().all(|p| y.iter().any(|q| q.id == p.id));
    if a.len() <= b.len() {
        within(a, b)
    } else {
        within(b, a)
    }
}

impl Timeline {
    pub fn new() -> Timeline {
        Timeline::default()
    }

    /// Adds the events of one document, taking them out of it: a new row takes the
    /// event's strings and lists and a merge its new participants and places, where copies
    /// of them were most of what the timeline allocated (the document is dropped after
    /// this anyway).
    pub fn add(&mut self, doc: &mut DocResult) {
        if doc.status != Status::Ok {
            return;
        }
        self.local_rows_with.clear();
        self.local_from = self.rows.len();
        for e in std::mem::take(&mut doc.events) {
            self.add_event(&doc.doc_id, e);
        }
    }

    fn add_event(&mut self, doc_id: &str, e: Event) {
        let Timeline {
            rows,
            rows_with,
            local_rows_with,
            local_from,
            pairs,
            ids,
            by_sentence,
            key,
            sentence,
        } = self;
        type_date_key(key, &e.etype, e.date.as_deref());
        let pair = number(pairs, key);
        let anchored = names_its_year(e.date.as_deref());
        let by_text = e.participants.is_empty() || !anchored;
        let text_hash = if by_text {
            sentence_hash(key, &e.sentence_text)
        } else {
            0
        };
        let index = if anchored { rows_with } else { local_rows_with };
        // The lowest row of a participant's list that names the same participants: every
        // such row is on the list of each participant of the event or of the row, and so on
        // the list of one of the event's.
        let found = e
            .participants
            .iter()
            .filter_map(|p| {
                let id = ids.get(p.id.as_str())?;
                index.get(&(pair, *id))?.iter().copied().find(|&i| {
                    rows.get(i)
                        .is_some_and(|r| same_participants(&r.participants, &e.participants))
                })
            })
            .min()
            .or_else(|| {
                by_text
                    .then(|| {
                        by_sentence.find(text_hash, |&(h, i)| {
                            h == text_hash && rows.get(i).is_some_and(|r| same_report(r, &e))
                        })
                    })
                    .flatten()
                    .map(|&(_, i)| i)
            });
        sentence.clear();
        // Writing to a String cannot fail.
        let _ = write!(sentence, "{doc_id}#{}", e.sentence);
        match found.and_then(|i| rows.get_mut(i).map(|row| (i, row))) {
            Some((i, row)) => {
                if !row.documents.iter().any(|d| d == doc_id) {
                    row.documents.push(doc_id.to_string());
                }
                if !row.sentences.iter().any(|s| s == sentence) {
                    row.sentences.push(sentence.clone());
                    if row.evidence.len() < EVIDENCE && !row.evidence.contains(&e.sentence_text) {
                        row.evidence.push(e.sentence_text);
                    }
                }
                let mut changed = false;
                // A row of an earlier document that a year-less event joined by its
                // sentence stays out of this document's lists.
                let listed = anchored || i >= *local_from;
                for p in e.participants {
                    if !row.participants.iter().any(|q| q.id == p.id) {
                        if listed {
                            let list = index.entry((pair, number(ids, &p.id))).or_default();
                            // Lists are in row order, and this row is older than the last.
                            let at = list.partition_point(|&j| j < i);
                            list.insert(at, i);
                        }
                        row.participants.push(p);
                        changed = true;
                    }
                }
                for l in e.locations {
                    if !row.locations.contains(&l) {
                        row.locations.push(l);
                        changed = true;
                    }
                }
                row.confidence = row.confidence.max(e.confidence);
                row.mentions += 1;
                // The summary reads the type, participants and locations only (an event's
                // summary is that of its own, which a new row takes over).
                if changed {
                    row.summary = summary(&row.etype, &row.participants, &row.locations);
                }
            }
            None => {
                let i = rows.len();
                if by_text {
                    by_sentence.insert_unique(text_hash, (text_hash, i), |&(h, _)| h);
                }
                for p in &e.participants {
                    index.entry((pair, number(ids, &p.id))).or_default().push(i);
                }
                rows.push(TimelineRow {
                    date: e.date,
                    etype: e.etype,
                    summary: e.summary,
                    participants: e.participants,
                    locations: e.locations,
                    documents: vec![doc_id.to_string()],
                    sentences: vec![sentence.clone()],
                    evidence: vec![e.sentence_text],
                    confidence: e.confidence,
                    mentions: 1,
                });
            }
        }
    }

    /// The rows, sorted by date (undated last), then type and summary.
    pub fn finish(self) -> Vec<TimelineRow> {
        let keys = sort_keys(&self.rows);
        super::sort_rows(self.rows, keys, |a, b| {
            date_order(a.date.as_deref(), b.date.as_deref())
                .then_with(|| a.etype.cmp(&b.etype))
                .then_with(|| a.summary.cmp(&b.summary))
        })
    }
}

/// Sort keys of the rows: the date's rank among the rows' distinct dates (32 bits), the
/// type's among their types (16 bits), then the summary's first 10 bytes; ordered as the
/// rows' (date, type, summary) wherever two keys differ. No keys (every row ties) in the
/// unlikely case that the ranks do not fit.
fn sort_keys(rows: &[TimelineRow]) -> Vec<u128> {
    fn ranks<'r>(
        values: impl Iterator<Item = Option<&'r str>>,
        cmp: impl Fn(Option<&str>, Option<&str>) -> Ordering,
    ) -> HashMap<Option<&'r str>, u128> {
        // Hashed first: rows are many, distinct dates and types few.
        let seen: HashMap<Option<&str>, ()> = values.map(|v| (v, ())).collect();
        let mut distinct: Vec<Option<&str>> = seen.into_keys().collect();
        distinct.sort_unstable_by(|a, b| cmp(*a, *b));
        distinct.into_iter().zip(0..).collect()
    }
    let dates = ranks(rows.iter().map(|r| r.date.as_deref()), date_order);
    let types = ranks(rows.iter().map(|r| Some(r.etype.as_str())), |a, b| {
        a.cmp(&b)
    });
    if dates.len() > 1 << 32 || types.len() > 1 << 16 {
        return Vec::new();
    }
    rows.iter()
        .map(|r| {
            let d = dates.get(&r.date.as_deref()).copied().unwrap_or(0);
            let t = types.get(&Some(r.etype.as_str())).copied().unwrap_or(0);
            (d << 96) | (t << 80) | (super::prefix(&r.summary, 10) >> 48)
        })
        .collect()
}

/// Years before Christ first, the oldest first ("BC1258" < "BC05"), then calendar values
/// in ISO order ("2016" < "2021-07" < "2021-07-04"), then values with an unknown year or a
/// reference ("XXXX-07-04", "PAST_REF"), then undated.
fn date_order(a: Option<&str>, b: Option<&str>) -> Ordering {
    date_rank(a).cmp(&date_rank(b)).then_with(|| match (a, b) {
        (Some(x), Some(y)) if date_rank(a) == 0 => y.cmp(x),
        _ => a.cmp(&b),
    })
}

/// The kind of a TIMEX3 value, in timeline order: 0 a year before Christ, 1 a calendar
/// value with its year, 2 a value without a year or a reference, 3 no date.
fn date_rank(d: Option<&str>) -> u8 {
    match d {
        Some(v) if v.starts_with("BC") => 0,
        Some(v) if v.starts_with(|c: char| c.is_ascii_digit()) => 1,
        Some(_) => 2,
        None => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateSource, DctSource, EntityType, Participant, Role, TextSpan};

    /// An event as the events stage makes it, its summary included.
    fn ev(t: &str, date: Option<&str>, ids: &[&str], sentence: usize) -> Event {
        let mut e = Event {
            etype: t.into(),
            trigger: TextSpan {
                text: "x".into(),
                start: 0,
                end: 1,
                span: 0..1,
            },
            date: date.map(str::to_string),
            date_text: None,
            date_source: DateSource::Sentence,
            participants: ids
                .iter()
                .map(|id| Participant {
                    id: id.to_string(),
                    canonical: id.to_uppercase(),
                    etype: EntityType::Person,
                    role: Role::Agent,
                    country: None,
                })
                .collect(),
            locations: vec![],
            sentence,
            sentence_text: format!("sentence {sentence}"),
            confidence: 0.5,
            summary: String::new(),
            other_triggers: vec![],
        };
        e.summary = summary(&e.etype, &e.participants, &e.locations);
        e
    }

    fn doc(id: &str, events: Vec<Event>) -> DocResult {
        let mut d = DocResult::error(id.into(), id.into(), String::new());
        d.status = Status::Ok;
        d.error = None;
        d.dct_source = DctSource::None;
        d.events = events;
        d
    }

    #[test]
    fn years_before_christ_sort_first_the_oldest_first() {
        let mut v = vec![
            None,
            Some("2016"),
            Some("PAST_REF"),
            Some("BC05"),
            Some("2021-07-04"),
            Some("BC1258"),
        ];
        v.sort_by(|a, b| date_order(*a, *b));
        assert_eq!(
            v,
            [
                Some("BC1258"),
                Some("BC05"),
                Some("2016"),
                Some("2021-07-04"),
                Some("PAST_REF"),
                None
            ]
        );
    }

    #[test]
    fn merges_across_documents_and_sorts() {
        let mut t = Timeline::new();
        t.add(&mut doc(
            "a",
            vec![
                ev("Contact.Call", Some("2021-07-09"), &["biden", "putin"], 0),
                ev("Cyber.Breach", Some("2016"), &["apt29"], 4),
                ev("Statement.Deny", None, &["putin"], 2),
            ],
        ));
        t.add(&mut doc(
            "b",
            vec![
                ev("Contact.Call", Some("2021-07-09"), &["putin"], 1),
                ev("Contact.Call", Some("2021-07-10"), &["putin"], 3),
                ev("Cyber.Attack", Some("PAST_REF"), &["revil"], 5),
            ],
        ));
        let rows = t.finish();
        let dates: Vec<Option<&str>> = rows.iter().map(|r| r.date.as_deref()).collect();
        assert_eq!(
            dates,
            vec![
                Some("2016"),
                Some("2021-07-09"),
                Some("2021-07-10"),
                Some("PAST_REF"),
                None
            ]
        );
        let call = &rows[1];
        assert_eq!(call.documents, vec!["a".to_string(), "b".to_string()]);
        assert_eq!(call.sentences, vec!["a#0".to_string(), "b#1".to_string()]);
        assert_eq!(call.mentions, 2);
        assert_eq!(call.summary, "BIDEN & PUTIN → Contact.Call");
    }

    /// Participant ids of each row, in row order.
    fn ids(rows: &[TimelineRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.participants.iter().map(|p| p.id.as_str()).collect())
            .collect()
    }

    #[test]
    fn an_event_joins_the_first_row_naming_the_same_participants() {
        let d = Some("2021-07-09");
        let mut t = Timeline::new();
        t.add(&mut doc(
            "a",
            vec![ev("X", d, &["a"], 0), ev("X", d, &["b", "c"], 1)],
        ));
        // Names more than the "a" row: joins it, which gains "b".
        t.add(&mut doc("b", vec![ev("X", d, &["a", "b"], 0)]));
        // Names fewer than both rows: the first wins.
        t.add(&mut doc("c", vec![ev("X", d, &["b"], 0)]));
        // Shares "c" with the second row and "a" with the first, but neither names the
        // same participants as it: a third row, not a chain of the other two.
        t.add(&mut doc("d", vec![ev("X", d, &["c", "a"], 0)]));
        let rows = t.finish();
        assert_eq!(ids(&rows), [vec!["a", "b"], vec!["b", "c"], vec!["c", "a"]]);
        assert_eq!(rows[0].documents, ["a", "b", "c"]);
        assert_eq!(rows[1].documents, ["a"]);
        assert_eq!(rows[2].documents, ["d"]);
    }

    #[test]
    fn without_a_year_only_the_same_document_or_sentence_merges() {
        let mut t = Timeline::new();
        for date in [None, Some("XXXX-03-24"), Some("PAST_REF")] {
            // The same speaker in two articles: two statements, not one.
            t.add(&mut doc("a", vec![ev("Statement.Say", date, &["x"], 0)]));
            t.add(&mut doc("b", vec![ev("Statement.Say", date, &["x"], 1)]));
            // Twice in one article, or the same sentence reprinted: one.
            t.add(&mut doc(
                "c",
                vec![
                    ev("Statement.Say", date, &["y"], 3),
                    ev("Statement.Say", date, &["y"], 4),
                ],
            ));
            t.add(&mut doc(
                "d",
                vec![ev("Statement.Say", date, &["x", "y"], 1)],
            ));
        }
        let rows = t.finish();
        let docs: Vec<&[String]> = rows.iter().map(|r| r.documents.as_slice()).collect();
        // For each date: "a" and "b" apart, "c" one row, "d" with "b" (same sentence).
        for date in [Some("XXXX-03-24"), Some("PAST_REF"), None] {
            let of_date: Vec<&[String]> = rows
                .iter()
                .zip(&docs)
                .filter(|(r, _)| r.date.as_deref() == date)
                .map(|(_, d)| *d)
                .collect();
            let mut of_date = of_date.iter().map(|d| d.join(",")).collect::<Vec<_>>();
            of_date.sort();
            assert_eq!(of_date, ["a", "b,d", "c"], "{date:?}");
        }
        // With a year, the same speaker the same day is one statement.
        let mut t = Timeline::new();
        t.add(&mut doc(
            "a",
            vec![ev("Statement.Say", Some("1987-03-24"), &["x"], 0)],
        ));
        t.add(&mut doc(
            "b",
            vec![ev("Statement.Say", Some("1987-03-24"), &["x"], 1)],
        ));
        assert_eq!(t.finish().len(), 1);
    }

    #[test]
    fn different_participants_stay_apart() {
        let mut t = Timeline::new();
        t.add(&mut doc("a", vec![ev("Life.Die", Some("2020"), &["x"], 0)]));
        t.add(&mut doc("b", vec![ev("Life.Die", Some("2020"), &["y"], 0)]));
        // Without participants, only the very same sentence (a reprinted wire story) merges.
        t.add(&mut doc("c", vec![ev("Life.Die", Some("2020"), &[], 0)]));
        t.add(&mut doc("d", vec![ev("Life.Die", Some("2020"), &[], 1)]));
        t.add(&mut doc("e", vec![ev("Life.Die", Some("2020"), &[], 0)]));
        let rows = t.finish();
        assert_eq!(rows.len(), 4);
        let merged: Vec<&Vec<String>> = rows
            .iter()
            .map(|r| &r.documents)
            .filter(|d| d.len() > 1)
            .collect();
        assert_eq!(merged, vec![&vec!["c".to_string(), "e".to_string()]]);
    }

    /// The timeline's merge rule read plainly: every event scans all rows before it.
    #[derive(Default)]
    struct Reference {
        rows: Vec<TimelineRow>,
        /// Which row each row's document added it in (`add` calls, counted).
        batch_of: Vec<usize>,
        batch: usize,
        by_sentence: HashMap<(String, Option<String>, String), usize>,
    }

    impl Reference {
        fn start_document(&mut self) {
            self.batch += 1;
        }

        fn add_event(&mut self, doc_id: &str, e: &Event) {
            let anchored = e.date.as_deref().is_some_and(|d| {
                d.starts_with(|c: char| c.is_ascii_digit()) || d.starts_with("BC")
            });
            let by_text = e.participants.is_empty() || !anchored;
            let sentence_key = || (e.etype.clone(), e.date.clone(), e.sentence_text.clone());
            let shares = |r: &TimelineRow| {
                r.participants
                    .iter()
                    .any(|p| e.participants.iter().any(|q| q.id == p.id))
            };
            let subset = |x: &[Participant], y: &[Participant]| {
                x.iter().all(|p| y.iter().any(|q| q.id == p.id))
            };
            let found = (0..self.rows.len())
                .find(|&i| {
                    let r = &self.rows[i];
                    r.etype == e.etype
                        && r.date == e.date
                        && (anchored || self.batch_of[i] == self.batch)
                        && shares(r)
                        && (subset(&r.participants, &e.participants)
                            || subset(&e.participants, &r.participants))
                })
                .or_else(|| {
                    by_text
                        .then(|| self.by_sentence.get(&sentence_key()).copied())
                        .flatten()
                });
            let sentence = format!("{doc_id}#{}", e.sentence);
            match found {
                Some(i) => {
                    let row = &mut self.rows[i];
                    if !row.documents.iter().any(|d| d == doc_id) {
                        row.documents.push(doc_id.to_string());
                    }
                    if !row.sentences.contains(&sentence) {
                        row.sentences.push(sentence);
                        if row.evidence.len() < EVIDENCE && !row.evidence.contains(&e.sentence_text)
                        {
                            row.evidence.push(e.sentence_text.clone());
                        }
                    }
                    for p in &e.participants {
                        if !row.participants.iter().any(|q| q.id == p.id) {
                            row.participants.push(p.clone());
                        }
                    }
                    for l in &e.locations {
                        if !row.locations.contains(l) {
                            row.locations.push(l.clone());
                        }
                    }
                    row.confidence = row.confidence.max(e.confidence);
                    row.mentions += 1;
                    row.summary = summary(&row.etype, &row.participants, &row.locations);
                }
                None => {
                    if by_text {
                        self.by_sentence.insert(sentence_key(), self.rows.len());
                    }
                    self.batch_of.push(self.batch);
                    self.rows.push(TimelineRow {
                        date: e.date.clone(),
                        etype: e.etype.clone(),
                        summary: e.summary.clone(),
                        participants: e.participants.clone(),
                        locations: e.locations.clone(),
                        documents: vec![doc_id.to_string()],
                        sentences: vec![sentence],
                        evidence: vec![e.sentence_text.clone()],
                        confidence: e.confidence,
                        mentions: 1,
                    });
                }
            }
        }

        /// A plain stable sort by the comparator of [`Timeline::finish`].
        fn finish(mut self) -> Vec<TimelineRow> {
            self.rows.sort_by(|a, b| {
                date_order(a.date.as_deref(), b.date.as_deref())
                    .then_with(|| a.etype.cmp(&b.etype))
                    .then_with(|| a.summary.cmp(&b.summary))
            });
            self.rows
        }
    }

    /// Events drawn from few types, dates, names, places and sentences, so that they
    /// collide: (type, date, participant ids, locations, sentence).
    type Spec = (usize, usize, Vec<usize>, Vec<usize>, usize);

    fn event_of(spec: &Spec) -> Event {
        const TYPES: [&str; 3] = ["Contact.Call", "Life.Die", "Contact.Calm"];
        const DATES: [Option<&str>; 6] = [
            Some("2021-07-09"),
            Some("2021-07-09T15:00"),
            Some("2021"),
            Some("XXXX-07-09"),
            Some("PAST_REF"),
            None,
        ];
        const NAMES: [&str; 5] = ["a", "b", "bb", "c", "ab"];
        const PLACES: [&str; 3] = ["Paris", "Pa", "Rome"];
        let (t, d, ids, places, sentence) = spec;
        let names: Vec<&str> = ids.iter().map(|&i| NAMES[i % NAMES.len()]).collect();
        let mut e = ev(TYPES[t % 3], DATES[d % 6], &names, *sentence);
        e.participants.dedup_by(|a, b| a.id == b.id);
        e.locations = places.iter().map(|&p| PLACES[p % 3].to_string()).collect();
        e.locations.dedup();
        e.summary = summary(&e.etype, &e.participants, &e.locations);
        e
    }

    proptest::proptest! {
        #[test]
        fn rows_are_those_of_the_reference(
            docs in proptest::collection::vec(
                proptest::collection::vec(
                    (
                        0usize..3,
                        0usize..6,
                        proptest::collection::vec(0usize..5, 0..3),
                        proptest::collection::vec(0usize..3, 0..2),
                        0usize..3,
                    ),
                    0..6,
                ),
                0..12,
            )
        ) {
            let mut t = Timeline::new();
            let mut r = Reference::default();
            for (n, specs) in docs.iter().enumerate() {
                let id = format!("d{}", n % 5);
                let d = doc(&id, specs.iter().map(event_of).collect());
                t.add(&mut d.clone());
                r.start_document();
                for e in &d.events {
                    r.add_event(&id, e);
                }
            }
            proptest::prop_assert_eq!(
                format!("{:?}", t.finish()),
                format!("{:?}", r.finish())
            );
        }
    }
}
