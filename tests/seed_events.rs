//! The event table of ../shared/seed/README.md from the seed article with dct 2021-07-10.
//! It needs the full pipeline (entities, dates, events); on a branch with placeholder stages
//! it fails by design until the branches are merged.

use std::path::Path;

use khabar::{DctSource, Document, Event, Pipeline, Role};

fn has(e: &Event, canonical: &str, role: Option<Role>) -> bool {
    e.participants
        .iter()
        .any(|p| p.canonical == canonical && role.map_or(true, |r| p.role == r))
}

fn group_agent(e: &Event) -> bool {
    e.participants
        .iter()
        .any(|p| p.role == Role::Agent && p.etype == khabar::EntityType::Group)
}

#[test]
fn seed_event_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/walla-biden-putin.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let pipeline = Pipeline::builtin().expect("pipeline");
    let doc = Document {
        id: "walla-biden-putin.txt".into(),
        path: path.display().to_string(),
        text,
        dct: chrono::NaiveDate::from_ymd_opt(2021, 7, 10),
        dct_source: DctSource::Cli,
        ..Default::default()
    };
    let r = pipeline.process(&doc);
    let table: Vec<String> = r
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {:?} {} [{}]",
                e.etype, e.date, e.summary, e.trigger.text
            )
        })
        .collect();
    let find = |pred: &dyn Fn(&Event) -> bool, what: &str| {
        assert!(
            r.events.iter().any(pred),
            "missing {what}; events found:\n{}",
            table.join("\n")
        );
    };
    let date = |e: &Event, d: &str| e.date.as_deref() == Some(d);

    find(
        &|e| {
            e.etype == "Contact.Call"
                && date(e, "2021-07-09")
                && has(e, "Joe Biden", None)
                && has(e, "Vladimir Putin", None)
        },
        "Contact.Call 2021-07-09 Joe Biden, Vladimir Putin",
    );
    find(
        &|e| {
            e.etype == "Cyber.Attack"
                && date(e, "2021-07-04")
                && has(e, "REvil", Some(Role::Agent))
                && e.locations.iter().any(|l| l == "Florida")
        },
        "Cyber.Attack 2021-07-04 REvil (agent) in Florida",
    );
    find(
        &|e| {
            e.etype == "Cyber.Breach"
                && date(e, "2021-07-06")
                && has(e, "Republican Party", Some(Role::Target))
                && group_agent(e)
        },
        "Cyber.Breach 2021-07-06 Republican Party (target), Russian hackers / APT29 (agent)",
    );
    find(
        &|e| {
            e.etype == "Contact.Meet"
                && (e.date.is_none() || date(e, "PAST_REF"))
                && has(e, "Joe Biden", None)
                && has(e, "Vladimir Putin", None)
        },
        "Contact.Meet PAST_REF/none Joe Biden, Vladimir Putin",
    );
    find(
        &|e| e.etype == "Statement.Deny" && has(e, "Vladimir Putin", Some(Role::Agent)),
        "Statement.Deny Vladimir Putin (agent)",
    );
    find(
        &|e| e.etype == "Statement.Deny" && has(e, "Republican Party", Some(Role::Agent)),
        "Statement.Deny Republican Party (agent)",
    );
    find(
        &|e| {
            e.etype == "Cyber.Breach"
                && date(e, "2016")
                && has(e, "Democratic Party", Some(Role::Target))
                && has(e, "APT29", Some(Role::Agent))
        },
        "Cyber.Breach 2016 Democratic Party (target), APT29 (agent)",
    );
    // Every event is traceable: its trigger is the text at its offsets.
    let chars: Vec<char> = doc.text.chars().collect();
    for e in &r.events {
        let s: String = chars[e.trigger.start..e.trigger.end].iter().collect();
        assert_eq!(s, e.trigger.text);
        assert!((0.0..=1.0).contains(&e.confidence));
    }
}
