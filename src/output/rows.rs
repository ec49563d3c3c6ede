//! The flat tables (one row per document, mention, date, event, indicator, entity, timeline
//! row), shared by the CSV and XLSX writers so both show the same columns.

use std::borrow::Cow;

use crate::model::{DocResult, Event, Participant, Role, Status};
use crate::timeline::{EntityRow, TimelineRow};

/// Separator of several values in one cell ("Joe Biden | Vladimir Putin").
pub const LIST_SEP: &str = " | ";

pub const DOCUMENTS: [&str; 14] = [
    "doc_id",
    "path",
    "title",
    "lang",
    "dct",
    "dct_source",
    "status",
    "error",
    "entities",
    "mentions",
    "dates",
    "events",
    "indicators",
    "bytes",
];

pub fn document(r: &DocResult) -> Vec<String> {
    let mentions: usize = r.entities.iter().map(|e| e.mentions.len()).sum();
    vec![
        r.doc_id.clone(),
        r.path.clone(),
        r.title.clone().unwrap_or_default(),
        r.lang.clone().unwrap_or_default(),
        r.dct.clone().unwrap_or_default(),
        r.dct_source.as_str().to_string(),
        match r.status {
            Status::Ok => "ok",
            Status::Error => "error",
        }
        .to_string(),
        r.error.clone().unwrap_or_default(),
        r.entities.len().to_string(),
        mentions.to_string(),
        r.dates.len().to_string(),
        r.events.len().to_string(),
        r.indicators.len().to_string(),
        r.bytes.to_string(),
    ]
}

pub const MENTIONS: [&str; 11] = [
    "doc_id",
    "entity_id",
    "canonical",
    "type",
    "text",
    "start",
    "end",
    "sentence",
    "source",
    "confidence",
    "country",
];

/// One mention per row, borrowing the result's strings: the mentions table is the largest
/// the workers encode, and copying every cell showed up in profiles.
pub fn mentions(r: &DocResult) -> impl Iterator<Item = [Cow<'_, str>; 11]> + '_ {
    r.entities.iter().flat_map(move |e| {
        e.mentions.iter().map(move |m| {
            [
                Cow::Borrowed(&*r.doc_id),
                Cow::Borrowed(&*e.id),
                Cow::Borrowed(&*e.canonical),
                Cow::Borrowed(e.etype.as_str()),
                Cow::Borrowed(&*m.text),
                Cow::Owned(m.start.to_string()),
                Cow::Owned(m.end.to_string()),
                Cow::Owned(m.sentence.to_string()),
                Cow::Borrowed(&*m.source),
                Cow::Owned(format!("{:.2}", m.confidence)),
                Cow::Borrowed(e.country.as_deref().unwrap_or_default()),
            ]
        })
    })
}

pub const DATES: [&str; 9] = [
    "doc_id",
    "text",
    "value",
    "type",
    "start",
    "end",
    "sentence",
    "calendar",
    "ambiguous",
];

pub fn dates(r: &DocResult) -> impl Iterator<Item = [Cow<'_, str>; 9]> + '_ {
    r.dates.iter().map(move |d| {
        [
            Cow::Borrowed(&*r.doc_id),
            Cow::Borrowed(&*d.text),
            Cow::Borrowed(&*d.value),
            Cow::Owned(format!("{:?}", d.ttype).to_uppercase()),
            Cow::Owned(d.start.to_string()),
            Cow::Owned(d.end.to_string()),
            Cow::Owned(d.sentence.to_string()),
            Cow::Borrowed(d.calendar.as_deref().unwrap_or_default()),
            Cow::Borrowed(if d.ambiguous { "true" } else { "false" }),
        ]
    })
}

pub const EVENTS: [&str; 17] = [
    "doc_id",
    "event",
    "type",
    "date",
    "date_text",
    "date_source",
    "summary",
    "agents",
    "targets",
    "others",
    "locations",
    "trigger",
    "trigger_start",
    "trigger_end",
    "sentence",
    "confidence",
    "sentence_text",
];

/// Canonical names of the participants with `role`, in one cell.
pub fn names(ps: &[Participant], role: Role) -> String {
    ps.iter()
        .filter(|p| p.role == role)
        .map(|p| p.canonical.as_str())
        .collect::<Vec<_>>()
        .join(LIST_SEP)
}

pub fn event(r: &DocResult, i: usize, e: &Event) -> Vec<String> {
    vec![
        r.doc_id.clone(),
        i.to_string(),
        e.etype.clone(),
        e.date.clone().unwrap_or_default(),
        e.date_text.clone().unwrap_or_default(),
        e.date_source.as_str().to_string(),
        e.summary.clone(),
        names(&e.participants, Role::Agent),
        names(&e.participants, Role::Target),
        names(&e.participants, Role::Other),
        e.locations.join(LIST_SEP),
        e.trigger.text.clone(),
        e.trigger.start.to_string(),
        e.trigger.end.to_string(),
        e.sentence.to_string(),
        format!("{:.2}", e.confidence),
        e.sentence_text.clone(),
    ]
}

pub fn events(r: &DocResult) -> impl Iterator<Item = Vec<String>> + '_ {
    r.events
        .iter()
        .enumerate()
        .map(move |(i, e)| event(r, i, e))
}

pub const INDICATORS: [&str; 7] = [
    "doc_id", "kind", "value", "text", "start", "end", "sentence",
];

pub fn indicators(r: &DocResult) -> impl Iterator<Item = [Cow<'_, str>; 7]> + '_ {
    r.indicators.iter().map(move |x| {
        [
            Cow::Borrowed(&*r.doc_id),
            Cow::Borrowed(&*x.kind),
            Cow::Borrowed(&*x.value),
            Cow::Borrowed(&*x.text),
            Cow::Owned(x.start.to_string()),
            Cow::Owned(x.end.to_string()),
            Cow::Owned(x.sentence.to_string()),
        ]
    })
}

pub const ENTITIES: [&str; 8] = [
    "id",
    "canonical",
    "type",
    "aliases",
    "mentions",
    "documents",
    "first_date",
    "last_date",
];

pub fn entity(e: &EntityRow) -> Vec<String> {
    vec![
        e.id.clone(),
        e.canonical.clone(),
        e.etype.as_str().to_string(),
        e.aliases.join(LIST_SEP),
        e.mentions.to_string(),
        e.documents.to_string(),
        e.first_date.clone().unwrap_or_default(),
        e.last_date.clone().unwrap_or_default(),
    ]
}

pub const TIMELINE: [&str; 13] = [
    "date",
    "type",
    "summary",
    "agents",
    "targets",
    "others",
    "locations",
    "documents",
    "sentences",
    "confidence",
    "mentions",
    "participant_ids",
    "evidence",
];

pub fn timeline(t: &TimelineRow) -> Vec<String> {
    vec![
        t.date.clone().unwrap_or_default(),
        t.etype.clone(),
        t.summary.clone(),
        names(&t.participants, Role::Agent),
        names(&t.participants, Role::Target),
        names(&t.participants, Role::Other),
        t.locations.join(LIST_SEP),
        t.documents.join(LIST_SEP),
        t.sentences.join(LIST_SEP),
        format!("{:.2}", t.confidence),
        t.mentions.to_string(),
        t.participants
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(LIST_SEP),
        t.evidence.join(LIST_SEP),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_match_headers() {
        let r = DocResult::error("a".into(), "p".into(), "bad".into());
        let d = document(&r);
        assert_eq!(d.len(), DOCUMENTS.len());
        assert_eq!(d[6], "error");
        assert_eq!(d[7], "bad");
        let e = EntityRow {
            id: "x".into(),
            canonical: "X".into(),
            etype: crate::model::EntityType::Group,
            aliases: vec!["a".into(), "b".into()],
            mentions: 2,
            documents: 1,
            first_date: None,
            last_date: None,
        };
        let row = entity(&e);
        assert_eq!(row.len(), ENTITIES.len());
        assert_eq!(row[3], "a | b");
    }
}
