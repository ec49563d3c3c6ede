//! The rules stage on the seed article and on sentences of each rule family, through the
//! public pipeline API.

mod common;

use khabar::{Document, EntityType, Pipeline, PipelineBuilder, Stages};

/// The rules without dates and events; with the built-in gazetteers when `builtin`, as
/// `khabar extract` runs them.
fn rules_pipeline(builtin: bool) -> Pipeline {
    let mut b = PipelineBuilder::default();
    if !builtin {
        b = b.without_builtin_gazetteers();
    }
    b.stages(Stages {
        rules: true,
        dates: false,
        events: false,
    })
    .build()
    .expect("pipeline")
}

fn rules_only() -> Pipeline {
    rules_pipeline(false)
}

fn with_builtin_gazetteers() -> Pipeline {
    rules_pipeline(true)
}

fn run(p: &Pipeline, text: &str) -> khabar::DocResult {
    p.process(&Document {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    })
}

fn find<'a>(r: &'a khabar::DocResult, canonical: &str) -> Option<&'a khabar::Entity> {
    r.entities.iter().find(|e| e.canonical == canonical)
}

#[test]
fn seed_article_by_rules_alone() {
    let Some(path) = common::shared("seed/walla-biden-putin.txt") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("seed");
    let r = run(&rules_only(), &text);
    let walters = find(&r, "Richard Walters").expect("Richard Walters found");
    assert_eq!(walters.etype, EntityType::Person);
    assert_eq!(walters.mentions[0].text, "ريتشارد والترز");
    assert!(walters.mentions[0].source.starts_with("rule:"));

    let revil = find(&r, "REvil").expect("REvil found");
    assert_eq!(revil.etype, EntityType::Group);
    let apt = find(&r, "APT29").expect("APT29 found");
    assert_eq!(apt.etype, EntityType::Group);
    // The nickname after "والمعروفة باسم" is an alias of APT29, not a new group.
    assert!(apt.mentions.iter().any(|m| m.text == "الدب الصديق"));

    let hackers = find(&r, "Russian hackers").expect("Russian hackers found");
    assert_eq!(hackers.etype, EntityType::Group);
    assert_eq!(hackers.country.as_deref(), Some("RU"));

    for org in ["SolarWinds", "Sinks"] {
        let e = find(&r, org).unwrap_or_else(|| panic!("{org} found"));
        assert_eq!(e.etype, EntityType::Organization);
    }
    // Later bare mentions of a typed Latin name join it.
    assert_eq!(find(&r, "Sinks").map(|e| e.mentions.len()), Some(3));
    // Every mention is a slice of the text at its code point offsets.
    let chars: Vec<char> = text.chars().collect();
    for e in &r.entities {
        for m in &e.mentions {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text);
        }
    }
}

#[test]
fn untyped_latin_names_are_left_out() {
    let r = run(
        &rules_only(),
        "قال إن Foobar و QuantumLeap لم يعلقا على الأمر",
    );
    assert!(r.entities.is_empty(), "{:?}", r.entities);
}

#[test]
fn english_people_orgs_and_coref() {
    let t = "Senator Maria Delgado met executives of Orbis Dynamics Inc on Monday. \
             Delgado said the Ministry of Digital Affairs would respond.";
    let r = run(&rules_only(), t);
    let maria = find(&r, "Maria Delgado").expect("person");
    assert_eq!(maria.mentions.len(), 2, "{:?}", maria.mentions);
    assert!(find(&r, "Orbis Dynamics Inc").is_some());
    assert!(find(&r, "Ministry of Digital Affairs").is_some());
}

#[test]
fn arabic_title_person_gets_country() {
    let r = run(
        &rules_only(),
        "واتصل وزير الخارجية الأردني أيمن الصفدي بنظيره",
    );
    let p = r
        .entities
        .iter()
        .find(|e| e.etype == EntityType::Person)
        .expect("person");
    assert_eq!(p.mentions[0].text, "أيمن الصفدي");
    assert_eq!(p.country.as_deref(), Some("JO"));
}

#[test]
fn indicators_are_reported_apart() {
    let r = run(
        &rules_only(),
        "استغل المهاجمون الثغرة CVE-2023-23397 واتصلوا بالخادم 185.220.101[.]4",
    );
    let kinds: Vec<&str> = r.indicators.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(kinds, vec!["cve", "ipv4"]);
    assert_eq!(r.indicators[1].value, "185.220.101.4");
    assert!(r.entities.is_empty());
}

#[test]
fn a_company_suffix_after_a_listed_organization_names_that_organization() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gaz = common::write(
        dir.path(),
        "orgs.tsv",
        b"id\ttype\tcanonical\taliases\tcase_aliases\norbis-dynamics\tORGANIZATION\tOrbis Dynamics\t\t\n",
    );
    let p = PipelineBuilder::default()
        .without_builtin_gazetteers()
        .gazetteer(&gaz)
        .expect("gazetteer")
        .stages(Stages {
            rules: true,
            dates: false,
            events: false,
        })
        .build()
        .expect("pipeline");
    let t = "Orbis Dynamics Co announced cuts, and ODC shares fell. \
             Orbis Dynamics later named Ann Lowe Co-Chairman.";
    let r = run(&p, t);
    let orbis = r
        .entities
        .iter()
        .find(|e| e.id == "orbis-dynamics")
        .expect("the listed organization");
    let texts: Vec<&str> = orbis.mentions.iter().map(|m| m.text.as_str()).collect();
    // "Co" without a full stop is a suffix; the initials of the name as written link too.
    assert_eq!(texts, ["Orbis Dynamics Co", "ODC", "Orbis Dynamics"]);
    assert!(
        r.entities
            .iter()
            .all(|e| !e.canonical.contains("Co-") && e.canonical != "Ann Lowe Co"),
        "{:?}",
        r.entities
    );
}

#[test]
fn a_listed_place_that_names_a_person_of_the_report_is_that_person() {
    let p = with_builtin_gazetteers();
    // Invented people with the names of listed places (Houston, Essex).
    let t = "Economist Tarvik Houston said growth would slow. Houston expects rates to rise, \
             and flights to Houston were full. Ms Essex agreed.";
    let r = run(&p, t);
    let person = find(&r, "Tarvik Houston").expect("the person");
    let texts: Vec<&str> = person.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Tarvik Houston", "Houston"]);
    let city = r
        .entities
        .iter()
        .find(|e| e.etype == EntityType::Location && e.canonical == "Houston")
        .expect("the city stays where the text goes to it");
    assert_eq!(city.mentions.len(), 1);
    let essex = find(&r, "Essex").expect("a person after a courtesy title");
    assert_eq!(essex.etype, EntityType::Person);
}

#[test]
fn the_rows_of_a_sports_report_s_tables_are_teams_but_national_sides_stay_countries() {
    let p = with_builtin_gazetteers();
    // Invented clubs beside listed countries.
    let t = "SOCCER - LEAGUE RESULTS\nResults of league matches played on Saturday:\n\
             Tarvik Rovers 2 Orvale Athletic 1\nScotland 2 Wales 1\n\
             Standings:\nTarvik Rovers 10 6 2 2 18 9 20\n";
    let r = run(&p, t);
    let rovers = find(&r, "Tarvik Rovers").expect("a team no list has");
    assert_eq!(rovers.etype, EntityType::Organization);
    assert_eq!(rovers.mentions.len(), 2);
    assert_eq!(
        find(&r, "Orvale Athletic").map(|e| e.etype),
        Some(EntityType::Organization)
    );
    for country in ["Scotland", "Wales"] {
        let e = find(&r, country).unwrap_or_else(|| panic!("{country}"));
        assert_eq!(e.etype, EntityType::Location, "{country}");
    }
}
