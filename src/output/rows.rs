//! The flat tables (one row per document, mention, date, event, indicator, entity, timeline
//! row), shared by the CSV and XLSX writers so both show the same columns.

use std::borrow::Cow;

use crate::model::{DocResult, Event, Participant, Role, Status};
use crate::timeline::{EntityRow, TimelineRow};

/// Separator of several values in one cell ("Joe Biden | Vladimir Putin").
pub const LIST_SEP: &str = " | ";

/// One cell of a table, typed so that each writer formats it once and only as it needs:
/// the CSV writer prints a count straight into its buffer, the workbook stores it as a
/// number without printing and parsing it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    /// A count or an offset.
    Count(usize),
    /// A score, shown with two decimals.
    Score(f32),
}

impl<'a> Cell<'a> {
    fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }

    /// The text a CSV file shows (before formula neutralization).
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s.as_ref()),
            Cell::Count(n) => Cow::Owned(n.to_string()),
            Cell::Score(x) => {
                let mut out = Vec::with_capacity(8);
                push_score(*x, &mut out);
                Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| format!("{x:.2}")))
            }
        }
    }
}

/// Appends `x` as `format!("{x:.2}")` prints it. Scores (in [0, 1]) take a path of integer
/// arithmetic on the float's bits: the formatter's exact mode cost more than the rest of a
/// mention's row. Anything else (negative, huge, not finite) goes to the formatter.
pub fn push_score(x: f32, out: &mut Vec<u8>) {
    match hundredths(x) {
        Some(q) => {
            // Two decimals, always: q % 100 < 100. Scores (below 10) are written in one
            // piece of four bytes.
            let r = (q % 100) as u8;
            let decimals = [b'.', b'0' + r / 10, b'0' + r % 10];
            if q < 1000 {
                let [dot, d1, d2] = decimals;
                out.extend_from_slice(&[b'0' + (q / 100) as u8, dot, d1, d2]);
            } else {
                push_digits(q / 100, out);
                out.extend_from_slice(&decimals);
            }
        }
        None => out.extend_from_slice(format!("{x:.2}").as_bytes()),
    }
}

/// `x` × 100 rounded to an integer as the formatter rounds (the exact binary value, ties to
/// even), for finite `x` in [0, 10⁷) with the sign bit clear; `None` otherwise.
pub(crate) fn hundredths(x: f32) -> Option<u64> {
    if !x.is_finite() || x.is_sign_negative() || x >= 1e7 {
        return None;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 23) & 0xff) as i32;
    let frac = u64::from(bits & 0x7f_ffff);
    // x = m × 2^e exactly.
    let (m, e) = if exp == 0 {
        (frac, -149)
    } else {
        (frac | 0x80_0000, exp - 150)
    };
    let n = m * 100;
    if e >= 0 {
        // x < 10⁷ < 2^24 keeps e at 0 at most: no overflow.
        return Some(n << e);
    }
    let k = e.unsigned_abs();
    if k > 40 {
        // n < 2^31, so the value is below one half: it rounds to zero.
        return Some(0);
    }
    let q = n >> k;
    let r = n & ((1u64 << k) - 1);
    let half = 1u64 << (k - 1);
    Some(if r > half || (r == half && q & 1 == 1) {
        q + 1
    } else {
        q
    })
}

/// Appends the decimal digits of `n`. Offsets, counts and the workbook's row numbers go
/// through here, several per mention: itoa writes two digits per step into an
/// uninitialized buffer, where a loop of one digit per step into a zeroed one cost about
/// as much as the rest of a count's cell.
pub fn push_digits(n: u64, out: &mut Vec<u8>) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

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

pub fn document(r: &DocResult) -> [Cell<'_>; 14] {
    let mentions: usize = r.entities.iter().map(|e| e.mentions.len()).sum();
    [
        Cell::text(&r.doc_id),
        Cell::text(&r.path),
        Cell::text(r.title.as_deref().unwrap_or_default()),
        Cell::text(r.lang.as_deref().unwrap_or_default()),
        Cell::text(r.dct.as_deref().unwrap_or_default()),
        Cell::text(r.dct_source.as_str()),
        Cell::text(match r.status {
            Status::Ok => "ok",
            Status::Error => "error",
        }),
        Cell::text(r.error.as_deref().unwrap_or_default()),
        Cell::Count(r.entities.len()),
        Cell::Count(mentions),
        Cell::Count(r.dates.len()),
        Cell::Count(r.events.len()),
        Cell::Count(r.indicators.len()),
        Cell::Count(r.bytes),
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

/// One mention per row, borrowing the result's strings: the cells of a mentions.csv row.
/// The run writes mentions.csv with [`super::csv::encode_mentions`], which encodes each
/// entity's shared cells once; a property test holds it to these rows.
pub fn mentions(r: &DocResult) -> impl Iterator<Item = [Cell<'_>; 11]> + '_ {
    r.entities.iter().flat_map(move |e| {
        e.mentions.iter().map(move |m| {
            [
                Cell::text(&r.doc_id),
                Cell::text(&e.id),
                Cell::text(&e.canonical),
                Cell::text(e.etype.as_str()),
                Cell::text(&m.text),
                Cell::Count(m.start),
                Cell::Count(m.end),
                Cell::Count(m.sentence),
                Cell::text(&m.source),
                Cell::Score(m.confidence),
                Cell::text(e.country.as_deref().unwrap_or_default()),
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

pub fn dates(r: &DocResult) -> impl Iterator<Item = [Cell<'_>; 9]> + '_ {
    r.dates.iter().map(move |d| {
        [
            Cell::text(&r.doc_id),
            Cell::text(&d.text),
            Cell::text(&d.value),
            Cell::text(d.ttype.as_str()),
            Cell::Count(d.start),
            Cell::Count(d.end),
            Cell::Count(d.sentence),
            Cell::text(d.calendar.as_deref().unwrap_or_default()),
            Cell::text(if d.ambiguous { "true" } else { "false" }),
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
pub fn names(ps: &[Participant], role: Role) -> Cow<'_, str> {
    joined(
        ps.iter()
            .filter(|p| p.role == role)
            .map(|p| p.canonical.as_str()),
    )
}

/// The values joined with [`LIST_SEP`], as `join` would write them. Most cells hold one
/// value (one document, one agent, one place): that value is borrowed, and only a cell of
/// several values gets a string of its own (a string per cell was most of what the
/// corpus-wide tables allocated).
pub fn joined<'a>(mut values: impl Iterator<Item = &'a str>) -> Cow<'a, str> {
    let Some(first) = values.next() else {
        return Cow::Borrowed("");
    };
    let Some(second) = values.next() else {
        return Cow::Borrowed(first);
    };
    let mut out = String::with_capacity(first.len() + LIST_SEP.len() + second.len());
    out.push_str(first);
    out.push_str(LIST_SEP);
    out.push_str(second);
    for v in values {
        out.push_str(LIST_SEP);
        out.push_str(v);
    }
    Cow::Owned(out)
}

/// [`joined`] of a list of strings.
fn list(values: &[String]) -> Cell<'_> {
    Cell::Text(joined(values.iter().map(String::as_str)))
}

pub fn event<'a>(r: &'a DocResult, i: usize, e: &'a Event) -> [Cell<'a>; 17] {
    [
        Cell::text(&r.doc_id),
        Cell::Count(i),
        Cell::text(&e.etype),
        Cell::text(e.date.as_deref().unwrap_or_default()),
        Cell::text(e.date_text.as_deref().unwrap_or_default()),
        Cell::text(e.date_source.as_str()),
        Cell::text(&e.summary),
        Cell::Text(names(&e.participants, Role::Agent)),
        Cell::Text(names(&e.participants, Role::Target)),
        Cell::Text(names(&e.participants, Role::Other)),
        list(&e.locations),
        Cell::text(&e.trigger.text),
        Cell::Count(e.trigger.start),
        Cell::Count(e.trigger.end),
        Cell::Count(e.sentence),
        Cell::Score(e.confidence),
        Cell::text(&e.sentence_text),
    ]
}

pub fn events(r: &DocResult) -> impl Iterator<Item = [Cell<'_>; 17]> + '_ {
    r.events
        .iter()
        .enumerate()
        .map(move |(i, e)| event(r, i, e))
}

pub const INDICATORS: [&str; 7] = [
    "doc_id", "kind", "value", "text", "start", "end", "sentence",
];

pub fn indicators(r: &DocResult) -> impl Iterator<Item = [Cell<'_>; 7]> + '_ {
    r.indicators.iter().map(move |x| {
        [
            Cell::text(&r.doc_id),
            Cell::text(&x.kind),
            Cell::text(&x.value),
            Cell::text(&x.text),
            Cell::Count(x.start),
            Cell::Count(x.end),
            Cell::Count(x.sentence),
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

pub fn entity(e: &EntityRow) -> [Cell<'_>; 8] {
    [
        Cell::text(&e.id),
        Cell::text(&e.canonical),
        Cell::text(e.etype.as_str()),
        list(&e.aliases),
        Cell::Count(e.mentions),
        Cell::Count(e.documents),
        Cell::text(e.first_date.as_deref().unwrap_or_default()),
        Cell::text(e.last_date.as_deref().unwrap_or_default()),
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

pub fn timeline(t: &TimelineRow) -> [Cell<'_>; 13] {
    [
        Cell::text(t.date.as_deref().unwrap_or_default()),
        Cell::text(&t.etype),
        Cell::text(&t.summary),
        Cell::Text(names(&t.participants, Role::Agent)),
        Cell::Text(names(&t.participants, Role::Target)),
        Cell::Text(names(&t.participants, Role::Other)),
        list(&t.locations),
        list(&t.documents),
        list(&t.sentences),
        Cell::Score(t.confidence),
        Cell::Count(t.mentions),
        Cell::Text(joined(t.participants.iter().map(|p| p.id.as_str()))),
        list(&t.evidence),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimexType;

    #[test]
    fn rows_match_headers() {
        let r = DocResult::error("a".into(), "p".into(), "bad".into());
        let d = document(&r);
        assert_eq!(d.len(), DOCUMENTS.len());
        assert_eq!(d[6].to_text(), "error");
        assert_eq!(d[7].to_text(), "bad");
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
        assert_eq!(row[3].to_text(), "a | b");
        assert_eq!(row[4], Cell::Count(2));
    }

    #[test]
    fn names_of_a_role_are_listed_in_order() {
        let p = |id: &str, role| Participant {
            id: id.into(),
            canonical: id.to_uppercase(),
            etype: crate::model::EntityType::Person,
            role,
            country: None,
        };
        let ps = [
            p("a", Role::Agent),
            p("t", Role::Target),
            p("b", Role::Agent),
            p("", Role::Agent),
        ];
        assert_eq!(names(&ps, Role::Agent), "A | B | ");
        assert_eq!(names(&ps, Role::Target), "T");
        assert_eq!(names(&ps, Role::Other), "");
    }

    /// Cells of several values as they were first written: a `join` of every list.
    fn joins(participants: &[Participant], lists: &[&[String]]) -> Vec<Cell<'static>> {
        let names = |role: Role| {
            participants
                .iter()
                .filter(|p| p.role == role)
                .map(|p| p.canonical.as_str())
                .collect::<Vec<_>>()
                .join(LIST_SEP)
        };
        let mut cells: Vec<String> =
            vec![names(Role::Agent), names(Role::Target), names(Role::Other)];
        cells.extend(lists.iter().map(|l| l.join(LIST_SEP)));
        cells.push(
            participants
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(LIST_SEP),
        );
        cells
            .into_iter()
            .map(|s| Cell::Text(Cow::Owned(s)))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn joined_writes_what_join_writes(
            values in proptest::collection::vec(crate::output::arbitrary::text(), 0..5)
        ) {
            let got = joined(values.iter().map(String::as_str));
            proptest::prop_assert_eq!(got.as_ref(), values.join(LIST_SEP));
            proptest::prop_assert_eq!(matches!(got, Cow::Owned(_)), values.len() > 1);
        }

        #[test]
        fn list_cells_are_those_of_joins(
            e in crate::output::arbitrary::event(),
            t in crate::output::arbitrary::timeline_row(),
            aliases in proptest::collection::vec(crate::output::arbitrary::text(), 0..4),
        ) {
            let r = DocResult::error("d".into(), "p".into(), String::new());
            let ev = event(&r, 0, &e);
            let want = joins(&e.participants, &[&e.locations]);
            proptest::prop_assert_eq!(&ev[7..11], &want[..4]);

            let tl = timeline(&t);
            let want = joins(
                &t.participants,
                &[&t.locations, &t.documents, &t.sentences, &t.evidence],
            );
            proptest::prop_assert_eq!(&tl[3..9], &want[..6]);
            proptest::prop_assert_eq!(&tl[11], &want[7]);
            proptest::prop_assert_eq!(&tl[12], &want[6]);

            let row = EntityRow {
                id: "x".into(),
                canonical: "X".into(),
                etype: crate::model::EntityType::Group,
                aliases: aliases.clone(),
                mentions: 2,
                documents: 1,
                first_date: None,
                last_date: None,
            };
            proptest::prop_assert_eq!(
                &entity(&row)[3],
                &Cell::Text(Cow::Owned(aliases.join(LIST_SEP)))
            );
        }
    }

    #[test]
    fn timex_types_are_spelled_as_in_the_json() {
        for t in [
            TimexType::Date,
            TimexType::Time,
            TimexType::Duration,
            TimexType::Set,
        ] {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(format!("\"{}\"", t.as_str()), json);
        }
    }

    #[test]
    fn scores_print_as_the_formatter_prints_them() {
        let check = |x: f32| {
            let mut out = Vec::new();
            push_score(x, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), format!("{x:.2}"), "{x:e}");
        };
        // A spread of bit patterns from 0 to past 2^24 (subnormals, scores, large values).
        let mut bits = 0u32;
        while bits < 0x4C00_0000 {
            check(f32::from_bits(bits));
            bits += 7919;
        }
        // Around every printed value of a score, and exact ties (k/8), both sides.
        for k in 0..=4000u32 {
            for x in [k as f32 / 200.0, k as f32 / 8.0] {
                check(x);
                check(f32::from_bits(x.to_bits() + 1));
                if x > 0.0 {
                    check(f32::from_bits(x.to_bits() - 1));
                }
            }
        }
        for x in [
            0.005,
            0.015,
            0.125,
            0.375,
            0.855,
            0.995,
            9_999_999.0,
            1e7,
            3e38,
        ] {
            check(x);
        }
        for x in [
            -0.0,
            -0.5,
            -1e-9,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            check(x);
        }
    }
}
