//! documents.jsonl lines and timeline.json written straight into bytes, byte for byte as
//! `serde_json` writes the `Serialize` derives of the model and of the timeline rows
//! (compact and pretty): same field order and names, same skipped fields, same escapes,
//! same numbers.
//!
//! serde_json tests every byte of every string against its escape table and copies each
//! run between escapes with a call of its own; documents.jsonl is mostly Arabic text
//! (mention texts, sentence texts, titles) without a single byte to escape, so here a
//! string is first checked a block at a time ([`any_byte`]) and, when clean, copied whole. A property
//! test checks these lines against serde_json's on arbitrary documents, so the two cannot
//! drift apart: a field added to a model type must be added here too (the test's struct
//! literals stop compiling until it is).

use std::io::Write;

use serde_json::ser::Formatter;

use crate::model::{
    DateMention, DocResult, Entity, Event, Indicator, Mention, Participant, TextSpan,
};

use super::rows::push_digits;
use super::scan::any_byte;
use crate::timeline::TimelineRow;

/// Whether serde_json escapes byte `b`: control characters, `"` and `\`.
#[inline]
const fn escaped(b: u8) -> bool {
    // `|`, not `||`: no branches, so that a block's tests vectorize (see [`any_byte`]).
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Appends `s` as a JSON string, quoted and escaped as serde_json escapes it (`\"`, `\\`,
/// `\b`, `\t`, `\n`, `\f`, `\r`, other control characters as `\u00xx`; everything else,
/// DEL and non-ASCII included, as it is).
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    if any_byte(bytes, escaped) {
        // Rare (quotes in a title or a sentence): byte by byte.
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if escaped(b) {
                out.extend_from_slice(bytes.get(from..i).unwrap_or_default());
                push_escape(out, b);
                from = i + 1;
            }
        }
        out.extend_from_slice(bytes.get(from..).unwrap_or_default());
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

fn push_escape(out: &mut Vec<u8>, b: u8) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 15)]);
            return;
        }
    };
    out.push(b'\\');
    out.push(short);
}

/// An optional string: `null` or the string.
fn push_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A count, as serde_json prints a `usize`.
fn push_count(out: &mut Vec<u8>, n: usize) {
    push_digits(n as u64, out);
}

/// A score, as serde_json prints an `f32`: its shortest decimal (serde_json's own
/// formatter is called), `null` when not finite.
fn push_f32(out: &mut Vec<u8>, x: f32) {
    if x.is_finite() {
        // Writing into a Vec cannot fail.
        let _ = serde_json::ser::CompactFormatter.write_f32(out, x);
    } else {
        out.extend_from_slice(b"null");
    }
}

/// Appends `[f(item),…]`.
fn push_list<T>(out: &mut Vec<u8>, items: &[T], f: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        f(out, item);
    }
    out.push(b']');
}

/// Appends the documents.jsonl object of `r` (without the newline).
pub fn push_doc(out: &mut Vec<u8>, r: &DocResult) {
    out.extend_from_slice(b"{\"doc_id\":");
    push_str(out, &r.doc_id);
    out.extend_from_slice(b",\"path\":");
    push_str(out, &r.path);
    out.extend_from_slice(b",\"title\":");
    push_opt(out, r.title.as_deref());
    out.extend_from_slice(b",\"lang\":");
    push_opt(out, r.lang.as_deref());
    out.extend_from_slice(b",\"dct\":");
    push_opt(out, r.dct.as_deref());
    out.extend_from_slice(b",\"dct_source\":\"");
    out.extend_from_slice(r.dct_source.as_str().as_bytes());
    out.extend_from_slice(b"\",\"status\":\"");
    out.extend_from_slice(match r.status {
        crate::model::Status::Ok => b"ok",
        crate::model::Status::Error => b"error",
    });
    out.extend_from_slice(b"\",\"error\":");
    push_opt(out, r.error.as_deref());
    out.extend_from_slice(b",\"entities\":");
    push_list(out, &r.entities, push_entity);
    out.extend_from_slice(b",\"dates\":");
    push_list(out, &r.dates, push_date);
    out.extend_from_slice(b",\"events\":");
    push_list(out, &r.events, push_event);
    out.extend_from_slice(b",\"indicators\":");
    push_list(out, &r.indicators, push_indicator);
    out.push(b'}');
}

fn push_entity(out: &mut Vec<u8>, e: &Entity) {
    out.extend_from_slice(b"{\"id\":");
    push_str(out, &e.id);
    out.extend_from_slice(b",\"canonical\":");
    push_str(out, &e.canonical);
    out.extend_from_slice(b",\"type\":\"");
    out.extend_from_slice(e.etype.as_str().as_bytes());
    out.push(b'"');
    if let Some(c) = &e.country {
        out.extend_from_slice(b",\"country\":");
        push_str(out, c);
    }
    out.extend_from_slice(b",\"mentions\":");
    push_list(out, &e.mentions, push_mention);
    out.push(b'}');
}

fn push_mention(out: &mut Vec<u8>, m: &Mention) {
    out.extend_from_slice(b"{\"text\":");
    push_str(out, &m.text);
    out.extend_from_slice(b",\"start\":");
    push_count(out, m.start);
    out.extend_from_slice(b",\"end\":");
    push_count(out, m.end);
    out.extend_from_slice(b",\"sentence\":");
    push_count(out, m.sentence);
    out.extend_from_slice(b",\"source\":");
    push_str(out, &m.source);
    out.extend_from_slice(b",\"confidence\":");
    push_f32(out, m.confidence);
    out.push(b'}');
}

fn push_date(out: &mut Vec<u8>, d: &DateMention) {
    out.extend_from_slice(b"{\"text\":");
    push_str(out, &d.text);
    out.extend_from_slice(b",\"value\":");
    push_str(out, &d.value);
    out.extend_from_slice(b",\"type\":\"");
    out.extend_from_slice(d.ttype.as_str().as_bytes());
    out.extend_from_slice(b"\",\"start\":");
    push_count(out, d.start);
    out.extend_from_slice(b",\"end\":");
    push_count(out, d.end);
    out.extend_from_slice(b",\"sentence\":");
    push_count(out, d.sentence);
    if let Some(c) = &d.calendar {
        out.extend_from_slice(b",\"calendar\":");
        push_str(out, c);
    }
    if d.ambiguous {
        out.extend_from_slice(b",\"ambiguous\":true");
    }
    out.push(b'}');
}

fn push_span(out: &mut Vec<u8>, t: &TextSpan) {
    out.extend_from_slice(b"{\"text\":");
    push_str(out, &t.text);
    out.extend_from_slice(b",\"start\":");
    push_count(out, t.start);
    out.extend_from_slice(b",\"end\":");
    push_count(out, t.end);
    out.push(b'}');
}

fn push_participant(out: &mut Vec<u8>, p: &Participant) {
    out.extend_from_slice(b"{\"id\":");
    push_str(out, &p.id);
    out.extend_from_slice(b",\"canonical\":");
    push_str(out, &p.canonical);
    out.extend_from_slice(b",\"type\":\"");
    out.extend_from_slice(p.etype.as_str().as_bytes());
    out.extend_from_slice(b"\",\"role\":\"");
    out.extend_from_slice(p.role.as_str().as_bytes());
    out.push(b'"');
    if let Some(c) = &p.country {
        out.extend_from_slice(b",\"country\":");
        push_str(out, c);
    }
    out.push(b'}');
}

fn push_event(out: &mut Vec<u8>, e: &Event) {
    out.extend_from_slice(b"{\"type\":");
    push_str(out, &e.etype);
    out.extend_from_slice(b",\"trigger\":");
    push_span(out, &e.trigger);
    out.extend_from_slice(b",\"date\":");
    push_opt(out, e.date.as_deref());
    out.extend_from_slice(b",\"date_text\":");
    push_opt(out, e.date_text.as_deref());
    out.extend_from_slice(b",\"date_source\":\"");
    out.extend_from_slice(e.date_source.as_str().as_bytes());
    out.extend_from_slice(b"\",\"participants\":");
    push_list(out, &e.participants, push_participant);
    out.extend_from_slice(b",\"locations\":");
    push_list(out, &e.locations, |out, l| push_str(out, l));
    out.extend_from_slice(b",\"sentence\":");
    push_count(out, e.sentence);
    out.extend_from_slice(b",\"sentence_text\":");
    push_str(out, &e.sentence_text);
    out.extend_from_slice(b",\"confidence\":");
    push_f32(out, e.confidence);
    out.extend_from_slice(b",\"summary\":");
    push_str(out, &e.summary);
    if !e.other_triggers.is_empty() {
        out.extend_from_slice(b",\"other_triggers\":");
        push_list(out, &e.other_triggers, push_span);
    }
    out.push(b'}');
}

fn push_indicator(out: &mut Vec<u8>, x: &Indicator) {
    out.extend_from_slice(b"{\"kind\":");
    push_str(out, &x.kind);
    out.extend_from_slice(b",\"value\":");
    push_str(out, &x.value);
    out.extend_from_slice(b",\"text\":");
    push_str(out, &x.text);
    out.extend_from_slice(b",\"start\":");
    push_count(out, x.start);
    out.extend_from_slice(b",\"end\":");
    push_count(out, x.end);
    out.extend_from_slice(b",\"sentence\":");
    push_count(out, x.sentence);
    out.push(b'}');
}

/// Writes `rows` as timeline.json: as `serde_json::to_writer_pretty` writes them (two
/// spaces of indent, `": "` after keys, `[]` for an empty list), in pieces of about 64 KiB.
pub fn write_timeline<W: Write>(w: &mut W, rows: &[TimelineRow]) -> std::io::Result<()> {
    if rows.is_empty() {
        return w.write_all(b"[]");
    }
    let mut out = Vec::with_capacity(1 << 17);
    out.push(b'[');
    for (i, row) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  {" } else { b",\n  {" });
        push_timeline_row(&mut out, row);
        out.extend_from_slice(b"\n  }");
        if out.len() >= 1 << 16 {
            w.write_all(&out)?;
            out.clear();
        }
    }
    out.extend_from_slice(b"\n]");
    w.write_all(&out)
}

/// The fields of one timeline row, at the indent of a row of the top-level list.
fn push_timeline_row(out: &mut Vec<u8>, t: &TimelineRow) {
    out.extend_from_slice(b"\n    \"date\": ");
    push_opt(out, t.date.as_deref());
    out.extend_from_slice(b",\n    \"type\": ");
    push_str(out, &t.etype);
    out.extend_from_slice(b",\n    \"summary\": ");
    push_str(out, &t.summary);
    out.extend_from_slice(b",\n    \"participants\": ");
    push_pretty_list(out, &t.participants, |out, p| {
        out.push(b'{');
        out.extend_from_slice(b"\n        \"id\": ");
        push_str(out, &p.id);
        out.extend_from_slice(b",\n        \"canonical\": ");
        push_str(out, &p.canonical);
        out.extend_from_slice(b",\n        \"type\": \"");
        out.extend_from_slice(p.etype.as_str().as_bytes());
        out.extend_from_slice(b"\",\n        \"role\": \"");
        out.extend_from_slice(p.role.as_str().as_bytes());
        out.push(b'"');
        if let Some(c) = &p.country {
            out.extend_from_slice(b",\n        \"country\": ");
            push_str(out, c);
        }
        out.extend_from_slice(b"\n      }");
    });
    for (key, list) in [
        (&b",\n    \"locations\": "[..], &t.locations),
        (b",\n    \"documents\": ", &t.documents),
        (b",\n    \"sentences\": ", &t.sentences),
        (b",\n    \"evidence\": ", &t.evidence),
    ] {
        out.extend_from_slice(key);
        push_pretty_list(out, list, |out, s| push_str(out, s));
    }
    out.extend_from_slice(b",\n    \"confidence\": ");
    push_f32(out, t.confidence);
    out.extend_from_slice(b",\n    \"mentions\": ");
    push_count(out, t.mentions);
}

/// A list inside a timeline row: `[]`, or one item a line at the indent of the row's
/// fields plus one.
fn push_pretty_list<T>(out: &mut Vec<u8>, items: &[T], f: impl Fn(&mut Vec<u8>, &T)) {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        return;
    }
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n      " } else { b",\n      " });
        f(out, item);
    }
    out.extend_from_slice(b"\n    ]");
}

#[cfg(test)]
mod tests {
    use super::super::arbitrary::{doc, text, timeline_row};
    use super::*;
    use proptest::prelude::*;

    fn json_str(s: &str) -> String {
        let mut out = Vec::new();
        push_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "plain",
            "بايدن لبوتين: \"أتوقع\"",
            "a\\b",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \u{7f}",
            "sixteen bytes!!\"",
            "sixteen bytes!!!\"",
            "😀\u{2028}\u{FFFF}",
        ] {
            assert_eq!(json_str(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    fn pretty(rows: &[TimelineRow]) -> String {
        let mut mine = Vec::new();
        write_timeline(&mut mine, rows).unwrap();
        String::from_utf8(mine).unwrap()
    }

    #[test]
    fn an_empty_timeline_is_an_empty_list() {
        assert_eq!(
            pretty(&[]),
            serde_json::to_string_pretty(&Vec::<TimelineRow>::new()).unwrap()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn timelines_are_written_as_serde_json_writes_them(
            rows in proptest::collection::vec(timeline_row(), 0..4)
        ) {
            prop_assert_eq!(pretty(&rows), serde_json::to_string_pretty(&rows).unwrap());
        }

        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in text()) {
            prop_assert_eq!(json_str(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn documents_are_written_as_serde_json_writes_them(r in doc()) {
            let mut mine = Vec::new();
            push_doc(&mut mine, &r);
            let theirs = serde_json::to_vec(&r).unwrap();
            prop_assert_eq!(String::from_utf8(mine).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }
}
