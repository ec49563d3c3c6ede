//! The gold set: hand-annotated articles (format in `tests/gold/README.md`) and their
//! scoring by entity, date and event precision/recall/F1.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::conlleval::Counts;
use crate::error::Error;
use crate::model::{DocResult, Document, EntityType, Role};
use crate::pipeline::Pipeline;
use crate::text::normalize;

/// An expected entity: type, canonical name and other names it goes by in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldEntity {
    pub etype: EntityType,
    pub canonical: String,
    pub aliases: Vec<String>,
}

/// An expected date: its text in the article and its TIMEX3 value.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDate {
    pub text: String,
    pub value: String,
}

/// An expected event; `date` is `None` when the article does not date it.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldEvent {
    pub etype: String,
    pub date: Option<String>,
    pub participants: Vec<(Role, String)>,
}

/// One annotated article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldDoc {
    pub id: String,
    pub lang: Option<String>,
    pub dct: Option<NaiveDate>,
    pub title: Option<String>,
    pub text: String,
    pub entities: Vec<GoldEntity>,
    pub dates: Vec<GoldDate>,
    pub events: Vec<GoldEvent>,
}

fn format_err(what: &str, line: usize, msg: impl Into<String>) -> Error {
    Error::Data {
        what: format!("{what}:{line}"),
        msg: msg.into(),
    }
}

fn parse_role(s: &str) -> Option<Role> {
    match s.trim() {
        "agent" => Some(Role::Agent),
        "target" => Some(Role::Target),
        "other" => Some(Role::Other),
        _ => None,
    }
}

/// Parses a `.gold` file; `what` names it in errors.
pub fn parse(what: &str, data: &str) -> Result<GoldDoc, Error> {
    let mut doc = GoldDoc::default();
    let mut section = "header";
    let mut text_lines: Vec<&str> = Vec::new();
    for (i, raw) in data.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let n = i + 1;
        if let Some(name) = line.strip_prefix("== ") {
            section = match name.trim() {
                "text" => "text",
                "entities" => "entities",
                "dates" => "dates",
                "events" => "events",
                other => return Err(format_err(what, n, format!("unknown section `{other}`"))),
            };
            continue;
        }
        if section == "text" {
            text_lines.push(line);
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        match section {
            "header" => {
                let (k, v) = line
                    .split_once(':')
                    .ok_or_else(|| format_err(what, n, "expected `key: value`"))?;
                let v = v.trim().to_string();
                match k.trim() {
                    "id" => doc.id = v,
                    "lang" => doc.lang = Some(v),
                    "title" => doc.title = Some(v),
                    "dct" => {
                        doc.dct = Some(
                            NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                                .map_err(|e| format_err(what, n, format!("dct: {e}")))?,
                        )
                    }
                    other => return Err(format_err(what, n, format!("unknown header `{other}`"))),
                }
            }
            "entities" => {
                let [t, canonical, rest @ ..] = cols.as_slice() else {
                    return Err(format_err(
                        what,
                        n,
                        "expected TYPE<TAB>canonical[<TAB>aliases]",
                    ));
                };
                let etype = EntityType::parse(t)
                    .ok_or_else(|| format_err(what, n, format!("unknown type `{t}`")))?;
                let aliases = rest
                    .first()
                    .map(|a| {
                        a.split('|')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default();
                doc.entities.push(GoldEntity {
                    etype,
                    canonical: canonical.to_string(),
                    aliases,
                });
            }
            "dates" => {
                let [text, value] = cols.as_slice() else {
                    return Err(format_err(what, n, "expected text<TAB>value"));
                };
                doc.dates.push(GoldDate {
                    text: text.to_string(),
                    value: value.to_string(),
                });
            }
            "events" => {
                let [t, date, parts] = cols.as_slice() else {
                    return Err(format_err(
                        what,
                        n,
                        "expected type<TAB>date or -<TAB>role:name|role:name",
                    ));
                };
                let mut participants = Vec::new();
                for p in parts.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                    let (role, name) = p
                        .split_once(':')
                        .and_then(|(r, name)| parse_role(r).map(|r| (r, name.trim())))
                        .ok_or_else(|| {
                            format_err(what, n, format!("participant `{p}`: expected role:name"))
                        })?;
                    participants.push((role, name.to_string()));
                }
                doc.events.push(GoldEvent {
                    etype: t.to_string(),
                    date: (*date != "-").then(|| date.to_string()),
                    participants,
                });
            }
            _ => {}
        }
    }
    doc.text = text_lines.join("\n").trim().to_string();
    if doc.id.is_empty() {
        return Err(format_err(what, 1, "missing `id:` header"));
    }
    if doc.text.is_empty() {
        return Err(format_err(what, 1, "missing `== text` section"));
    }
    // The canonical name may be absent (a full name never written out), but every alias
    // must occur, so that a typo in an annotation is caught here rather than scored.
    for e in &doc.entities {
        if let Some(a) = e.aliases.iter().find(|a| !doc.text.contains(a.as_str())) {
            return Err(format_err(
                what,
                0,
                format!("alias `{a}` of `{}` is not in the text", e.canonical),
            ));
        }
    }
    for d in &doc.dates {
        if !doc.text.contains(d.text.as_str()) {
            return Err(format_err(
                what,
                0,
                format!("date `{}` is not in the text", d.text),
            ));
        }
    }
    Ok(doc)
}

/// Reads every `.gold` file of a folder, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<GoldDoc>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "gold"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let data = std::fs::read_to_string(f).map_err(|source| Error::Io {
                path: f.clone(),
                source,
            })?;
            parse(&f.display().to_string(), &data)
        })
        .collect()
}

/// A normalized name for comparisons: folded letters, single spaces.
fn key(s: &str) -> String {
    normalize(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A gold or predicted item that did not match, for the error list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GoldError {
    pub doc: String,
    /// `entity`, `date` or `event`.
    pub kind: String,
    /// `missed` (gold, not found) or `spurious` (found, not gold).
    pub error: String,
    pub item: String,
}

/// Scores of the gold set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GoldReport {
    pub documents: usize,
    /// Entities per document: same type and a shared name.
    pub entities: Counts,
    pub entities_per_type: BTreeMap<String, Counts>,
    /// Entities matched by name whatever their type.
    pub entities_untyped: Counts,
    /// Dates: overlapping text and the same value.
    pub dates: Counts,
    /// Dates: overlapping text only.
    pub date_spans: Counts,
    /// Events: type, every gold participant, and the date where the gold has one.
    pub events: Counts,
    /// Events: type and participants only.
    pub events_loose: Counts,
    /// Matched events whose participants also have the gold roles.
    pub event_roles_correct: usize,
    pub errors: Vec<GoldError>,
}

/// Greedy one-to-one matching: for each gold item in order, the first unused predicted
/// item `ok` accepts. Returns the matched pairs `(gold, pred)`.
fn match_greedy(
    gold: usize,
    pred: usize,
    ok: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred];
    let mut pairs = Vec::new();
    for g in 0..gold {
        if let Some(p) = (0..pred).find(|&p| !used.get(p).copied().unwrap_or(true) && ok(g, p)) {
            if let Some(u) = used.get_mut(p) {
                *u = true;
            }
            pairs.push((g, p));
        }
    }
    pairs
}

fn counts(gold: usize, pred: usize, correct: usize) -> Counts {
    Counts {
        gold,
        pred,
        correct,
    }
}

/// Scores one document's result against its annotation, adding to `rep`.
pub fn score_doc(gold: &GoldDoc, r: &DocResult, rep: &mut GoldReport) {
    rep.documents += 1;
    let gold_names: Vec<BTreeSet<String>> = gold
        .entities
        .iter()
        .map(|e| {
            std::iter::once(&e.canonical)
                .chain(&e.aliases)
                .map(|s| key(s))
                .collect()
        })
        .collect();
    let pred_names: Vec<BTreeSet<String>> = r
        .entities
        .iter()
        .map(|e| {
            std::iter::once(key(&e.canonical))
                .chain(e.mentions.iter().map(|m| key(&m.text)))
                .collect()
        })
        .collect();
    score_entities(gold, r, &gold_names, &pred_names, rep);
    score_dates(gold, r, rep);
    score_events(gold, r, &gold_names, &pred_names, rep);
}

/// A missed or spurious item of `doc`.
fn error(doc: &GoldDoc, kind: &str, error: &str, item: String) -> GoldError {
    GoldError {
        doc: doc.id.clone(),
        kind: kind.into(),
        error: error.into(),
        item,
    }
}

/// Entities: same type and a shared name; `*_names` are the name sets of each entity.
fn score_entities(
    gold: &GoldDoc,
    r: &DocResult,
    gold_names: &[BTreeSet<String>],
    pred_names: &[BTreeSet<String>],
    rep: &mut GoldReport,
) {
    let shares = |g: usize, p: usize| match (gold_names.get(g), pred_names.get(p)) {
        (Some(a), Some(b)) => !a.is_disjoint(b),
        _ => false,
    };
    let typed = match_greedy(gold.entities.len(), r.entities.len(), |g, p| {
        shares(g, p)
            && match (gold.entities.get(g), r.entities.get(p)) {
                (Some(a), Some(b)) => a.etype == b.etype,
                _ => false,
            }
    });
    let untyped = match_greedy(gold.entities.len(), r.entities.len(), shares);
    rep.entities
        .add(counts(gold.entities.len(), r.entities.len(), typed.len()));
    rep.entities_untyped
        .add(counts(gold.entities.len(), r.entities.len(), untyped.len()));
    for e in &gold.entities {
        rep.entities_per_type
            .entry(e.etype.to_string())
            .or_default()
            .gold += 1;
    }
    for e in &r.entities {
        rep.entities_per_type
            .entry(e.etype.to_string())
            .or_default()
            .pred += 1;
    }
    for &(g, _) in &typed {
        if let Some(e) = gold.entities.get(g) {
            rep.entities_per_type
                .entry(e.etype.to_string())
                .or_default()
                .correct += 1;
        }
    }
    for (g, e) in gold.entities.iter().enumerate() {
        if !typed.iter().any(|&(x, _)| x == g) {
            rep.errors.push(error(
                gold,
                "entity",
                "missed",
                format!("{} {}", e.etype, e.canonical),
            ));
        }
    }
    for (p, e) in r.entities.iter().enumerate() {
        if !typed.iter().any(|&(_, x)| x == p) {
            rep.errors.push(error(
                gold,
                "entity",
                "spurious",
                format!("{} {}", e.etype, e.canonical),
            ));
        }
    }
}

/// Dates: a found date overlapping an occurrence of the gold text, with the same value.
fn score_dates(gold: &GoldDoc, r: &DocResult, rep: &mut GoldReport) {
    // Where every gold date text occurs in the article.
    let occurrences: Vec<Vec<std::ops::Range<usize>>> = gold
        .dates
        .iter()
        .map(|d| {
            gold.text
                .match_indices(d.text.as_str())
                .map(|(s, t)| s..s + t.len())
                .collect()
        })
        .collect();
    let overlaps = |g: usize, p: usize| match (occurrences.get(g), r.dates.get(p)) {
        (Some(occ), Some(d)) => occ
            .iter()
            .any(|o| o.start < d.span.end && d.span.start < o.end),
        _ => false,
    };
    let spans = match_greedy(gold.dates.len(), r.dates.len(), overlaps);
    let valued = match_greedy(gold.dates.len(), r.dates.len(), |g, p| {
        overlaps(g, p)
            && match (gold.dates.get(g), r.dates.get(p)) {
                (Some(a), Some(b)) => a.value == b.value,
                _ => false,
            }
    });
    rep.dates
        .add(counts(gold.dates.len(), r.dates.len(), valued.len()));
    rep.date_spans
        .add(counts(gold.dates.len(), r.dates.len(), spans.len()));
    for (g, d) in gold.dates.iter().enumerate() {
        if !valued.iter().any(|&(x, _)| x == g) {
            rep.errors.push(error(
                gold,
                "date",
                "missed",
                format!("{} = {}", d.text, d.value),
            ));
        }
    }
    for (p, d) in r.dates.iter().enumerate() {
        if !valued.iter().any(|&(_, x)| x == p) {
            rep.errors.push(error(
                gold,
                "date",
                "spurious",
                format!("{} = {}", d.text, d.value),
            ));
        }
    }
}

/// Events: type, participants (by name) and date.
fn score_events(
    gold: &GoldDoc,
    r: &DocResult,
    gold_names: &[BTreeSet<String>],
    pred_names: &[BTreeSet<String>],
    rep: &mut GoldReport,
) {
    // A gold participant is any name of the gold entity it names.
    let participant_names = |name: &str| -> BTreeSet<String> {
        let k = key(name);
        gold_names
            .iter()
            .find(|set| set.contains(&k))
            .cloned()
            .unwrap_or_else(|| BTreeSet::from([k]))
    };
    let gold_parts: Vec<Vec<(Role, BTreeSet<String>)>> = gold
        .events
        .iter()
        .map(|e| {
            e.participants
                .iter()
                .map(|(role, n)| (*role, participant_names(n)))
                .collect()
        })
        .collect();
    let pred_parts: Vec<Vec<(Role, BTreeSet<String>)>> = r
        .events
        .iter()
        .map(|e| {
            e.participants
                .iter()
                .map(|p| {
                    let names = r
                        .entities
                        .iter()
                        .position(|x| x.id == p.id)
                        .and_then(|i| pred_names.get(i).cloned())
                        .unwrap_or_else(|| BTreeSet::from([key(&p.canonical)]));
                    (p.role, names)
                })
                .collect()
        })
        .collect();
    let loose_ok = |g: usize, p: usize, roles: bool| {
        let (Some(ge), Some(pe), Some(gp), Some(pp)) = (
            gold.events.get(g),
            r.events.get(p),
            gold_parts.get(g),
            pred_parts.get(p),
        ) else {
            return false;
        };
        ge.etype == pe.etype
            && gp.iter().all(|(gr, gn)| {
                pp.iter()
                    .any(|(pr, pn)| !gn.is_disjoint(pn) && (!roles || gr == pr))
            })
    };
    let date_ok = |g: usize, p: usize| match (gold.events.get(g), r.events.get(p)) {
        (Some(ge), Some(pe)) => ge.date.is_none() || ge.date == pe.date,
        _ => false,
    };
    let loose = match_greedy(gold.events.len(), r.events.len(), |g, p| {
        loose_ok(g, p, false)
    });
    let strict = match_greedy(gold.events.len(), r.events.len(), |g, p| {
        loose_ok(g, p, false) && date_ok(g, p)
    });
    rep.event_roles_correct += loose.iter().filter(|&&(g, p)| loose_ok(g, p, true)).count();
    rep.events
        .add(counts(gold.events.len(), r.events.len(), strict.len()));
    rep.events_loose
        .add(counts(gold.events.len(), r.events.len(), loose.len()));
    for (g, e) in gold.events.iter().enumerate() {
        if !strict.iter().any(|&(x, _)| x == g) {
            let parts: Vec<String> = e
                .participants
                .iter()
                .map(|(r, n)| format!("{}:{n}", r.as_str()))
                .collect();
            rep.errors.push(error(
                gold,
                "event",
                "missed",
                format!(
                    "{} {} [{}]",
                    e.etype,
                    e.date.as_deref().unwrap_or("-"),
                    parts.join(", ")
                ),
            ));
        }
    }
    for (p, e) in r.events.iter().enumerate() {
        if !strict.iter().any(|&(_, x)| x == p) {
            let parts: Vec<String> = e
                .participants
                .iter()
                .map(|x| format!("{}:{}", x.role.as_str(), x.canonical))
                .collect();
            rep.errors.push(error(
                gold,
                "event",
                "spurious",
                format!(
                    "{} {} [{}]",
                    e.etype,
                    e.date.as_deref().unwrap_or("-"),
                    parts.join(", ")
                ),
            ));
        }
    }
}

/// Runs the pipeline on every gold article and scores it.
pub fn evaluate(pipeline: &Pipeline, docs: &[GoldDoc]) -> GoldReport {
    let results: Vec<DocResult> = docs
        .par_iter()
        .map(|g| {
            pipeline.process(&Document {
                id: g.id.clone(),
                path: g.id.clone(),
                title: g.title.clone(),
                text: g.text.clone(),
                lang: g.lang.clone(),
                dct: g.dct,
                ..Default::default()
            })
        })
        .collect();
    let mut rep = GoldReport::default();
    for (g, r) in docs.iter().zip(&results) {
        score_doc(g, r, &mut rep);
    }
    rep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        DateMention, DateSource, DctSource, Entity, Event, Mention, Participant, Status, TextSpan,
        TimexType,
    };

    const SAMPLE: &str = "id: t1\nlang: en\ndct: 2024-03-12\n\n== text\nBlinken met Fidan in Ankara on March 10.\nBlinken said talks went well.\n\n== entities\nPERSON\tAntony Blinken\tBlinken\nPERSON\tHakan Fidan\tFidan\nLOCATION\tAnkara\n\n== dates\nMarch 10\t2024-03-10\n\n== events\nContact.Meet\t2024-03-10\tagent:Blinken|other:Fidan\nStatement.Say\t-\tagent:Antony Blinken\n";

    fn mention(text: &str, full: &str) -> Mention {
        let s = full.find(text).unwrap_or(0);
        Mention {
            text: text.into(),
            start: 0,
            end: 0,
            sentence: 0,
            source: "t".into(),
            confidence: 1.0,
            span: s..s + text.len(),
        }
    }

    fn entity(id: &str, canonical: &str, t: EntityType, surface: &str, full: &str) -> Entity {
        Entity {
            id: id.into(),
            canonical: canonical.into(),
            etype: t,
            country: None,
            mentions: vec![mention(surface, full)],
        }
    }

    fn event(t: &str, date: Option<&str>, parts: &[(&str, &str, Role)]) -> Event {
        Event {
            etype: t.into(),
            trigger: TextSpan {
                text: String::new(),
                start: 0,
                end: 0,
                span: 0..0,
            },
            date: date.map(Into::into),
            date_text: None,
            date_source: DateSource::Sentence,
            participants: parts
                .iter()
                .map(|(id, c, role)| Participant {
                    id: (*id).into(),
                    canonical: (*c).into(),
                    etype: EntityType::Person,
                    role: *role,
                    country: None,
                })
                .collect(),
            locations: Vec::new(),
            sentence: 0,
            sentence_text: String::new(),
            confidence: 1.0,
            summary: String::new(),
            other_triggers: Vec::new(),
        }
    }

    fn result(entities: Vec<Entity>, dates: Vec<DateMention>, events: Vec<Event>) -> DocResult {
        DocResult {
            doc_id: "t1".into(),
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
        }
    }

    fn date(text: &str, full: &str, value: &str) -> DateMention {
        let s = full.find(text).unwrap_or(0);
        DateMention {
            text: text.into(),
            value: value.into(),
            ttype: TimexType::Date,
            start: 0,
            end: 0,
            sentence: 0,
            calendar: None,
            ambiguous: false,
            span: s..s + text.len(),
        }
    }

    #[test]
    fn parses_the_format() {
        let g = parse("t", SAMPLE).unwrap();
        assert_eq!(g.id, "t1");
        assert_eq!(g.dct, NaiveDate::from_ymd_opt(2024, 3, 12));
        assert!(g.text.starts_with("Blinken met"));
        assert!(g.text.ends_with("went well."));
        assert_eq!(g.entities.len(), 3);
        assert_eq!(g.entities[0].aliases, ["Blinken"]);
        assert_eq!(g.dates[0].value, "2024-03-10");
        assert_eq!(g.events[1].date, None);
        assert_eq!(g.events[0].participants[1], (Role::Other, "Fidan".into()));
    }

    #[test]
    fn format_errors_are_reported() {
        assert!(parse("t", "id: x\n== text\nabc\n== dates\nMarch 10\t2024-03-10\n").is_err());
        assert!(parse("t", "id: x\n== text\nabc\n== entities\nTHING\tabc\n").is_err());
        assert!(parse("t", "id: x\n== text\nabc\n== events\nX\t-\tboss:abc\n").is_err());
        assert!(parse("t", "== text\nabc\n").is_err());
        assert!(parse("t", "id: x\n== text\nabc\n== entities\nPERSON\tA B\tZed\n").is_err());
    }

    fn perfect(g: &GoldDoc) -> DocResult {
        let t = &g.text;
        result(
            vec![
                entity("ab", "Antony Blinken", EntityType::Person, "Blinken", t),
                entity("hf", "Hakan Fidan", EntityType::Person, "Fidan", t),
                entity("an", "Ankara", EntityType::Location, "Ankara", t),
            ],
            vec![date("March 10", t, "2024-03-10")],
            vec![
                event(
                    "Contact.Meet",
                    Some("2024-03-10"),
                    &[
                        ("ab", "Antony Blinken", Role::Agent),
                        ("hf", "Hakan Fidan", Role::Other),
                    ],
                ),
                event(
                    "Statement.Say",
                    Some("2024-03-12"),
                    &[("ab", "Antony Blinken", Role::Agent)],
                ),
            ],
        )
    }

    #[test]
    fn perfect_output_scores_one_hundred() {
        let g = parse("t", SAMPLE).unwrap();
        let mut rep = GoldReport::default();
        score_doc(&g, &perfect(&g), &mut rep);
        for c in [rep.entities, rep.dates, rep.events, rep.events_loose] {
            assert_eq!(c.f1(), 100.0, "{rep:?}");
        }
        assert_eq!(rep.event_roles_correct, 2);
        assert!(rep.errors.is_empty());
    }

    #[test]
    fn known_errors_give_exact_counts() {
        let g = parse("t", SAMPLE).unwrap();
        let t = &g.text;
        let r = result(
            vec![
                entity("ab", "Antony Blinken", EntityType::Person, "Blinken", t),
                // Right name, wrong type.
                entity("hf", "Fidan", EntityType::Organization, "Fidan", t),
                // Not in the gold.
                entity("tw", "Talks", EntityType::Organization, "talks", t),
            ],
            vec![date("March 10", t, "2024-03-11")],
            vec![
                // Right type and participants, wrong date, swapped roles.
                event(
                    "Contact.Meet",
                    Some("2024-03-09"),
                    &[
                        ("ab", "Antony Blinken", Role::Other),
                        ("hf", "Fidan", Role::Agent),
                    ],
                ),
                event("Conflict.Attack", None, &[]),
            ],
        );
        let mut rep = GoldReport::default();
        score_doc(&g, &r, &mut rep);
        assert_eq!(rep.entities, counts(3, 3, 1));
        assert_eq!(rep.entities_untyped, counts(3, 3, 2));
        assert_eq!(rep.entities_per_type["PERSON"], counts(2, 1, 1));
        assert_eq!(rep.entities_per_type["ORGANIZATION"], counts(0, 2, 0));
        assert_eq!(rep.dates, counts(1, 1, 0));
        assert_eq!(rep.date_spans, counts(1, 1, 1));
        assert_eq!(rep.events, counts(2, 2, 0));
        assert_eq!(rep.events_loose, counts(2, 2, 1));
        assert_eq!(rep.event_roles_correct, 0);
        let missed = rep.errors.iter().filter(|e| e.error == "missed").count();
        // 2 entities, 1 date, 2 events.
        assert_eq!(missed, 5);
    }
}
