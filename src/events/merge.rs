//! In-document dedup (one event per type, date and participants, other triggers kept),
//! confidence and the one-line summary.

use crate::model::{DateSource, Event, Participant, Role};

/// "REvil → Cyber.Attack → Kaseya in Florida": agents, type, targets and other sides, place.
pub fn summary(etype: &str, participants: &[Participant], locations: &[String]) -> String {
    // Written into one string of about its final size: every event has one, and the
    // timeline rewrites a row's each time an event joins it.
    let names: usize = participants.iter().map(|p| p.canonical.len() + 5).sum();
    let place = locations.first().map_or(0, |l| l.len() + 4);
    let mut s = String::with_capacity(names + etype.len() + place + 8);
    // Names of the participants whose role passes `f`, joined by " & ".
    let push_names = |s: &mut String, f: &dyn Fn(Role) -> bool| {
        for (i, p) in participants.iter().filter(|p| f(p.role)).enumerate() {
            if i > 0 {
                s.push_str(" & ");
            }
            s.push_str(&p.canonical);
        }
    };
    push_names(&mut s, &|r| r == Role::Agent);
    // The arrows stand beside names that print as something.
    if !s.is_empty() {
        s.push_str(" → ");
    }
    s.push_str(etype);
    let bare = s.len();
    s.push_str(" → ");
    let arrow = s.len();
    push_names(&mut s, &|r| r != Role::Agent);
    if s.len() == arrow {
        s.truncate(bare);
    }
    if let Some(l) = locations.first() {
        s.push_str(" in ");
        s.push_str(l);
    }
    s
}

/// Confidence from the evidence that fired: trigger strength, roles found, date found.
pub fn confidence(
    strength: f32,
    participants: &[Participant],
    date: DateSource,
    located: bool,
) -> f32 {
    let agent = participants.iter().any(|p| p.role == Role::Agent);
    let other = participants.iter().any(|p| p.role != Role::Agent);
    let mut c = 0.45 * strength;
    if agent {
        c += 0.2;
    }
    if other {
        c += 0.15;
    }
    c += match date {
        DateSource::Sentence => 0.12,
        DateSource::Context => 0.07,
        DateSource::Dct => 0.03,
        DateSource::None => 0.0,
    };
    if located {
        c += 0.05;
    }
    c.clamp(0.05, 0.99)
}

/// True when two events have the same set of participant ids. Compared in place (events
/// have a few participants): sorting copies of both id lists cost two allocations for
/// every pair of events compared.
fn same_ids(a: &Event, b: &Event) -> bool {
    let within = |x: &Event, y: &Event| {
        x.participants
            .iter()
            .all(|p| y.participants.iter().any(|q| q.id == p.id))
    };
    within(a, b) && within(b, a)
}

/// Every participant of `a` takes part in `b` in the same role.
fn within_roles(a: &Event, b: &Event) -> bool {
    a.participants.iter().all(|p| {
        b.participants
            .iter()
            .any(|q| q.id == p.id && q.role == p.role)
    })
}

/// Merges events of one document: same type and date and the same participants, or, in
/// one sentence, an event whose participants all take part in the other in the same roles
/// (none at all, or "the attack that targeted X" read from the noun and from the verb).
/// The first event keeps its trigger, unless the other names more participants; the
/// others' go to `other_triggers`.
pub fn dedup(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for e in events {
        let found = out.iter().position(|o| {
            o.etype == e.etype
                && o.date == e.date
                && (same_ids(o, &e)
                    || (o.sentence == e.sentence && (within_roles(&e, o) || within_roles(o, &e))))
        });
        match found {
            Some(i) => {
                let Some(o) = out.get_mut(i) else { continue };
                if o.participants.len() < e.participants.len() {
                    // The event with more participants leads; its trigger comes first.
                    let mut e = e;
                    e.other_triggers.push(o.trigger.clone());
                    e.other_triggers.append(&mut o.other_triggers);
                    merge_locations(&mut e.locations, &o.locations);
                    e.confidence = e.confidence.max(o.confidence);
                    e.summary = summary(&e.etype, &e.participants, &e.locations);
                    *o = e;
                } else {
                    o.other_triggers.push(e.trigger);
                    o.other_triggers.extend(e.other_triggers);
                    merge_locations(&mut o.locations, &e.locations);
                    o.confidence = o.confidence.max(e.confidence);
                    o.summary = summary(&o.etype, &o.participants, &o.locations);
                }
            }
            None => out.push(e),
        }
    }
    out
}

fn merge_locations(into: &mut Vec<String>, from: &[String]) {
    for l in from {
        if !into.contains(l) {
            into.push(l.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, TextSpan};

    fn p(id: &str, role: Role) -> Participant {
        Participant {
            id: id.into(),
            canonical: id.to_uppercase(),
            etype: EntityType::Group,
            role,
            country: None,
        }
    }

    fn ev(t: &str, date: &str, parts: Vec<Participant>, sentence: usize, trig: &str) -> Event {
        Event {
            etype: t.into(),
            trigger: TextSpan {
                text: trig.into(),
                start: 0,
                end: 0,
                span: 0..0,
            },
            date: Some(date.into()),
            date_text: None,
            date_source: DateSource::Sentence,
            participants: parts,
            locations: vec![],
            sentence,
            sentence_text: String::new(),
            confidence: 0.5,
            summary: String::new(),
            other_triggers: vec![],
        }
    }

    #[test]
    fn summary_line() {
        assert_eq!(
            summary(
                "Cyber.Attack",
                &[p("revil", Role::Agent), p("kaseya", Role::Target)],
                &["Florida".into()]
            ),
            "REVIL → Cyber.Attack → KASEYA in Florida"
        );
        assert_eq!(summary("Life.Die", &[], &[]), "Life.Die");
    }

    #[test]
    fn same_key_merges_and_keeps_triggers() {
        let out = dedup(vec![
            ev(
                "Cyber.Attack",
                "2021",
                vec![p("a", Role::Agent)],
                0,
                "attack",
            ),
            ev("Cyber.Attack", "2021", vec![p("a", Role::Agent)], 3, "hit"),
            ev("Cyber.Attack", "2022", vec![p("a", Role::Agent)], 4, "hit"),
            ev("Cyber.Breach", "2021", vec![p("a", Role::Agent)], 4, "hit"),
        ]);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].other_triggers.len(), 1);
        assert_eq!(out[0].other_triggers[0].text, "hit");
    }

    #[test]
    fn bare_event_joins_its_sentence_neighbour() {
        let out = dedup(vec![
            ev("Cyber.Attack", "2021", vec![], 5, "هجوم"),
            ev(
                "Cyber.Attack",
                "2021",
                vec![p("revil", Role::Agent)],
                5,
                "اقتحمت",
            ),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].trigger.text, "اقتحمت");
        assert_eq!(out[0].other_triggers[0].text, "هجوم");
    }

    #[test]
    fn an_event_within_its_sentence_neighbour_joins_it() {
        // "the attack that targeted X": the verb's event names the target only, the
        // noun's the agent and the target.
        let attack = |parts: &[(&str, Role)], sentence: usize, trig: &str| {
            let parts = parts.iter().map(|&(id, r)| p(id, r)).collect();
            ev("Conflict.Attack", "2021", parts, sentence, trig)
        };
        let both = [("g", Role::Agent), ("x", Role::Target)];
        let out = dedup(vec![
            attack(&[("x", Role::Target)], 2, "v"),
            attack(&both, 2, "n"),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].trigger.text, "n");
        assert_eq!(out[0].participants.len(), 2);
        // Not in another sentence, and not when the shared name has another role.
        let apart = dedup(vec![
            attack(&[("x", Role::Target)], 1, "v"),
            attack(&both, 2, "n"),
            attack(&[("x", Role::Agent), ("h", Role::Target)], 2, "w"),
        ]);
        assert_eq!(apart.len(), 3);
    }

    #[test]
    fn a_merged_events_summary_names_every_place_it_lists() {
        // The bare event comes first and brings a place; the event with participants
        // leads the merge and must say where, as the other order does.
        for lead_first in [false, true] {
            let mut bare = ev("Cyber.Attack", "2021", vec![], 5, "هجوم");
            bare.locations = vec!["Florida".into()];
            let mut named = ev(
                "Cyber.Attack",
                "2021",
                vec![p("revil", Role::Agent)],
                5,
                "x",
            );
            named.summary = summary(&named.etype, &named.participants, &named.locations);
            let events = if lead_first {
                vec![named, bare]
            } else {
                vec![bare, named]
            };
            let out = dedup(events);
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].locations, vec!["Florida".to_string()]);
            assert_eq!(out[0].summary, "REVIL → Cyber.Attack in Florida");
        }
    }

    proptest::proptest! {
        #[test]
        fn same_ids_is_equality_of_the_sorted_distinct_ids(
            a in proptest::collection::vec(0usize..4, 0..5),
            b in proptest::collection::vec(0usize..4, 0..5),
        ) {
            let event = |ids: &[usize]| {
                let parts = ids.iter().map(|i| p(&format!("p{i}"), Role::Agent)).collect();
                ev("Life.Die", "2021", parts, 0, "x")
            };
            // The comparison as it was written first.
            let ids = |e: &Event| {
                let mut v: Vec<String> = e.participants.iter().map(|p| p.id.clone()).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let (ea, eb) = (event(&a), event(&b));
            proptest::prop_assert_eq!(same_ids(&ea, &eb), ids(&ea) == ids(&eb));
        }
    }
}

#[cfg(test)]
mod summary_tests {
    use super::*;
    use crate::output::arbitrary::{participant, text};
    use proptest::prelude::*;

    /// The summary as first written: names joined apart, then put together.
    fn summary_by_joins(etype: &str, participants: &[Participant], locations: &[String]) -> String {
        let names = |f: &dyn Fn(Role) -> bool| {
            participants
                .iter()
                .filter(|p| f(p.role))
                .map(|p| p.canonical.as_str())
                .collect::<Vec<_>>()
                .join(" & ")
        };
        let agents = names(&|r| r == Role::Agent);
        let others = names(&|r| r != Role::Agent);
        let mut s = String::new();
        if !agents.is_empty() {
            s.push_str(&agents);
            s.push_str(" → ");
        }
        s.push_str(etype);
        if !others.is_empty() {
            s.push_str(" → ");
            s.push_str(&others);
        }
        if let Some(l) = locations.first() {
            s.push_str(" in ");
            s.push_str(l);
        }
        s
    }

    proptest! {
        #[test]
        fn same_summary_as_joining_the_names(
            etype in text(),
            mut ps in proptest::collection::vec(participant(), 0..5),
            empty in proptest::collection::vec(any::<bool>(), 5),
            locations in proptest::collection::vec(text(), 0..3),
        ) {
            // Names that print as nothing, alone or beside others.
            for (p, e) in ps.iter_mut().zip(&empty) {
                if *e {
                    p.canonical.clear();
                }
            }
            prop_assert_eq!(
                summary(&etype, &ps, &locations),
                summary_by_joins(&etype, &ps, &locations)
            );
        }
    }
}
