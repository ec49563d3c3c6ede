//! The gold set itself: well-formed, large and diverse enough, and consistent with the
//! output contract.

use std::collections::BTreeSet;
use std::path::Path;

use khabar::eval::gold;
use khabar::EVENT_TYPES;

fn docs() -> Vec<gold::GoldDoc> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    gold::read_dir(&dir).expect("every gold file parses")
}

#[test]
fn gold_set_is_large_and_bilingual() {
    let docs = docs();
    assert!(docs.len() >= 12, "only {} gold articles", docs.len());
    let langs: BTreeSet<_> = docs.iter().filter_map(|d| d.lang.as_deref()).collect();
    assert!(langs.contains("ar") && langs.contains("en"), "{langs:?}");
    let ids: BTreeSet<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "duplicate ids");
    for d in &docs {
        assert!(d.dct.is_some(), "{}: no document date", d.id);
        assert!(!d.entities.is_empty(), "{}: no entities", d.id);
        assert!(!d.dates.is_empty(), "{}: no dates", d.id);
        assert!(!d.events.is_empty(), "{}: no events", d.id);
    }
}

#[test]
fn events_use_contract_types_and_annotated_participants() {
    for d in docs() {
        let names: BTreeSet<&str> = d
            .entities
            .iter()
            .flat_map(|e| {
                std::iter::once(e.canonical.as_str()).chain(e.aliases.iter().map(String::as_str))
            })
            .collect();
        for e in &d.events {
            assert!(
                EVENT_TYPES.contains(&e.etype.as_str()),
                "{}: event type {}",
                d.id,
                e.etype
            );
            for (_, p) in &e.participants {
                assert!(
                    names.contains(p.as_str()),
                    "{}: participant {p} is not an annotated entity",
                    d.id
                );
            }
            if let Some(date) = &e.date {
                assert!(
                    date.len() >= 4 && date.starts_with(|c: char| c.is_ascii_digit()),
                    "{}: event date {date}",
                    d.id
                );
            }
        }
    }
}

#[test]
fn perfect_predictions_score_one_hundred_on_the_whole_set() {
    // Builds, for every article, the output a perfect extractor would give and scores it:
    // guards the scorer against the real annotations (multi-word names, Arabic folding).
    use khabar::eval::gold::{score_doc, GoldReport};
    use khabar::{
        DateMention, DateSource, DctSource, DocResult, Entity, Event, Mention, Participant, Status,
        TextSpan, TimexType,
    };
    let mut rep = GoldReport::default();
    for d in docs() {
        let entities: Vec<Entity> = d
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| Entity {
                id: format!("e{i}"),
                canonical: e.canonical.clone(),
                etype: e.etype,
                country: None,
                mentions: e
                    .aliases
                    .iter()
                    .map(|a| {
                        let s = d.text.find(a.as_str()).unwrap_or(0);
                        Mention {
                            text: a.clone(),
                            start: 0,
                            end: 0,
                            sentence: 0,
                            source: "gold".into(),
                            confidence: 1.0,
                            span: s..s + a.len(),
                        }
                    })
                    .collect(),
            })
            .collect();
        // Dates written twice: the n-th gold line with a text takes its n-th occurrence.
        let mut seen: Vec<&str> = Vec::new();
        let dates: Vec<DateMention> = d
            .dates
            .iter()
            .map(|g| {
                let n = seen.iter().filter(|t| **t == g.text).count();
                seen.push(&g.text);
                let s = d
                    .text
                    .match_indices(g.text.as_str())
                    .nth(n)
                    .map(|(s, _)| s)
                    .unwrap_or(0);
                DateMention {
                    text: g.text.clone(),
                    value: g.value.clone(),
                    ttype: TimexType::Date,
                    start: 0,
                    end: 0,
                    sentence: 0,
                    calendar: None,
                    ambiguous: false,
                    span: s..s + g.text.len(),
                }
            })
            .collect();
        let events: Vec<Event> = d
            .events
            .iter()
            .map(|g| Event {
                etype: g.etype.clone(),
                trigger: TextSpan {
                    text: String::new(),
                    start: 0,
                    end: 0,
                    span: 0..0,
                },
                date: g.date.clone(),
                date_text: None,
                date_source: DateSource::Sentence,
                participants: g
                    .participants
                    .iter()
                    .map(|(role, name)| {
                        let i = d
                            .entities
                            .iter()
                            .position(|e| &e.canonical == name || e.aliases.contains(name))
                            .unwrap_or(0);
                        Participant {
                            id: format!("e{i}"),
                            canonical: name.clone(),
                            etype: d.entities[i].etype,
                            role: *role,
                            country: None,
                        }
                    })
                    .collect(),
                locations: Vec::new(),
                sentence: 0,
                sentence_text: String::new(),
                confidence: 1.0,
                summary: String::new(),
                other_triggers: Vec::new(),
            })
            .collect();
        let r = DocResult {
            doc_id: d.id.clone(),
            path: String::new(),
            title: None,
            lang: None,
            dct: None,
            dct_source: DctSource::None,
            status: Status::Ok,
            error: None,
            entities,
            dates,
            events,
            indicators: Vec::new(),
            bytes: 0,
        };
        score_doc(&d, &r, &mut rep);
    }
    assert!(rep.errors.is_empty(), "{:#?}", rep.errors);
    assert_eq!(rep.entities.f1(), 100.0);
    assert_eq!(rep.dates.f1(), 100.0);
    assert_eq!(rep.events.f1(), 100.0);
    assert_eq!(rep.event_roles_correct, rep.events.gold);
}
