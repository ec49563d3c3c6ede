//! Arbitrary documents and timeline rows for the writers' property tests: text with
//! every kind of byte a writer escapes or quotes, any numbers, every enum variant, empty
//! and full lists.

use proptest::prelude::*;
use proptest::sample::select;

use crate::model::{
    DateMention, DateSource, DctSource, DocResult, Entity, EntityType, Event, Indicator, Mention,
    Participant, Role, Status, TextSpan, TimexType,
};
use crate::timeline::TimelineRow;

/// Text made of pieces that need escaping, that do not, and runs long enough to
/// cross the sixteen-byte blocks at any offset; or any string at all.
pub(crate) fn text() -> impl Strategy<Value = String> {
    let pieces = select(vec![
        "",
        "a",
        "\"",
        "\\",
        "\n",
        "\r\n",
        "\t",
        "\u{0}",
        "\u{8}",
        "\u{c}",
        "\u{1f}",
        "\u{7f}",
        " ",
        "بوتين",
        "😀",
        "0123456789abcdef",
        "Joe Biden",
        "هجوم إلكتروني على شركة",
    ]);
    prop_oneof![
        proptest::collection::vec(pieces, 0..12).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

pub(crate) fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

pub(crate) fn score() -> impl Strategy<Value = f32> {
    prop_oneof![
        select(vec![
            0.0f32,
            -0.0,
            0.5,
            0.75,
            0.8,
            0.85,
            0.9,
            1.0,
            0.1 + 0.2
        ]),
        (0u32..=100).prop_map(|n| n as f32 / 100.0),
        any::<u32>().prop_map(f32::from_bits),
    ]
}

pub(crate) fn count() -> impl Strategy<Value = usize> {
    prop_oneof![0usize..100_000, any::<usize>()]
}

pub(crate) fn etype() -> impl Strategy<Value = EntityType> {
    select(EntityType::ALL.to_vec())
}

pub(crate) fn mention() -> impl Strategy<Value = Mention> {
    (text(), count(), count(), count(), text(), score()).prop_map(
        |(text, start, end, sentence, source, confidence)| Mention {
            text,
            start,
            end,
            sentence,
            source,
            confidence,
            span: 0..0,
        },
    )
}

pub(crate) fn entity() -> impl Strategy<Value = Entity> {
    (
        text(),
        text(),
        etype(),
        opt_text(),
        proptest::collection::vec(mention(), 0..4),
    )
        .prop_map(|(id, canonical, etype, country, mentions)| Entity {
            id,
            canonical,
            etype,
            country,
            mentions,
        })
}

pub(crate) fn date() -> impl Strategy<Value = DateMention> {
    (
        (text(), text()),
        select(vec![
            TimexType::Date,
            TimexType::Time,
            TimexType::Duration,
            TimexType::Set,
        ]),
        (count(), count(), count()),
        opt_text(),
        any::<bool>(),
    )
        .prop_map(
            |((text, value), ttype, (start, end, sentence), calendar, ambiguous)| DateMention {
                text,
                value,
                ttype,
                start,
                end,
                sentence,
                calendar,
                ambiguous,
                span: 0..0,
            },
        )
}

pub(crate) fn span() -> impl Strategy<Value = TextSpan> {
    (text(), count(), count()).prop_map(|(text, start, end)| TextSpan {
        text,
        start,
        end,
        span: 0..0,
    })
}

pub(crate) fn participant() -> impl Strategy<Value = Participant> {
    (
        text(),
        text(),
        etype(),
        select(vec![Role::Agent, Role::Target, Role::Other]),
        opt_text(),
    )
        .prop_map(|(id, canonical, etype, role, country)| Participant {
            id,
            canonical,
            etype,
            role,
            country,
        })
}

pub(crate) fn event() -> impl Strategy<Value = Event> {
    (
        (text(), span(), opt_text(), opt_text()),
        select(vec![
            DateSource::Sentence,
            DateSource::Context,
            DateSource::Dct,
            DateSource::None,
        ]),
        proptest::collection::vec(participant(), 0..4),
        proptest::collection::vec(text(), 0..3),
        (count(), text(), score(), text()),
        proptest::collection::vec(span(), 0..3),
    )
        .prop_map(
            |(
                (etype, trigger, date, date_text),
                date_source,
                participants,
                locations,
                (sentence, sentence_text, confidence, summary),
                other_triggers,
            )| Event {
                etype,
                trigger,
                date,
                date_text,
                date_source,
                participants,
                locations,
                sentence,
                sentence_text,
                confidence,
                summary,
                other_triggers,
            },
        )
}

pub(crate) fn indicator() -> impl Strategy<Value = Indicator> {
    ((text(), text(), text()), (count(), count(), count())).prop_map(
        |((kind, value, text), (start, end, sentence))| Indicator {
            kind,
            value,
            text,
            start,
            end,
            sentence,
            span: 0..0,
        },
    )
}

pub(crate) fn doc() -> impl Strategy<Value = DocResult> {
    (
        (text(), text(), opt_text(), opt_text(), opt_text()),
        select(vec![
            DctSource::Json,
            DctSource::Header,
            DctSource::Filename,
            DctSource::Cli,
            DctSource::None,
        ]),
        (select(vec![Status::Ok, Status::Error]), opt_text()),
        proptest::collection::vec(entity(), 0..4),
        proptest::collection::vec(date(), 0..3),
        proptest::collection::vec(event(), 0..3),
        proptest::collection::vec(indicator(), 0..2),
        count(),
    )
        .prop_map(
            |(
                (doc_id, path, title, lang, dct),
                dct_source,
                (status, error),
                entities,
                dates,
                events,
                indicators,
                bytes,
            )| DocResult {
                doc_id,
                path,
                title,
                lang,
                dct,
                dct_source,
                status,
                error,
                entities,
                dates,
                events,
                indicators,
                bytes,
            },
        )
}

pub(crate) fn timeline_row() -> impl Strategy<Value = TimelineRow> {
    (
        (opt_text(), text(), text()),
        proptest::collection::vec(participant(), 0..3),
        proptest::collection::vec(proptest::collection::vec(text(), 0..3), 4),
        (score(), count()),
    )
        .prop_map(
            |((date, etype, summary), participants, mut lists, (confidence, mentions))| {
                let mut list = || lists.pop().unwrap_or_default();
                TimelineRow {
                    date,
                    etype,
                    summary,
                    participants,
                    locations: list(),
                    documents: list(),
                    sentences: list(),
                    evidence: list(),
                    confidence,
                    mentions,
                }
            },
        )
}
