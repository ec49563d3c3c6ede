//! The built-in gazetteers: they load, they are broad, they pass `gazetteer check`, and
//! the gazetteer stage alone finds the entities of the seed article.

use std::collections::HashSet;
use std::path::Path;

use khabar::gazetteer::{check_file, gazetteer_files, parse, Gazetteer};
use khabar::{Document, EntityType, Pipeline, Stages};

#[test]
fn builtins_load_and_are_broad() {
    let g = Gazetteer::builtin().expect("built-in gazetteers compile");
    assert!(
        g.entities.len() >= 20_000,
        "only {} entities",
        g.entities.len()
    );
    assert!(
        g.alias_count() >= 50_000,
        "only {} distinct aliases",
        g.alias_count()
    );
    for t in [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Group,
        EntityType::Location,
    ] {
        let n = g.entities.iter().filter(|e| e.etype == t).count();
        assert!(n >= 1_000, "{t:?}: only {n} entities");
    }
}

#[test]
fn builtins_pass_the_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers/entities");
    let rep = check_file(&dir).expect("gazetteer files parse");
    assert!(!rep.has_errors(), "{rep}");
    // The build resolves every shared alias and keeps no short case-insensitive alias.
    assert!(rep.shared_aliases.is_empty(), "{rep}");
    assert!(rep.short_aliases.is_empty(), "{rep}");
    // Ids are unique per type across all files, not only within one.
    let mut ids = HashSet::new();
    for f in gazetteer_files(&dir).expect("files") {
        let text = std::fs::read_to_string(&f).expect("read");
        for row in parse(&f.display().to_string(), &text).expect("parse") {
            assert!(
                ids.insert((row.id.clone(), row.etype)),
                "id {} used twice",
                row.id
            );
        }
    }
}

#[test]
fn seed_entities_found_by_gazetteers_alone() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/walla-biden-putin.txt");
    let text = std::fs::read_to_string(&path).expect("the seed article is committed");
    let pipeline = Pipeline::builder()
        .stages(Stages {
            rules: false,
            dates: false,
            events: false,
        })
        .build()
        .expect("pipeline");
    let doc = Document {
        id: "seed".into(),
        text,
        ..Default::default()
    };
    let res = pipeline.process(&doc);
    let found: HashSet<(String, EntityType)> = res
        .entities
        .iter()
        .map(|e| (e.canonical.clone(), e.etype))
        .collect();
    let expected = [
        ("Joe Biden", EntityType::Person),
        ("Vladimir Putin", EntityType::Person),
        ("White House", EntityType::Organization),
        ("Republican Party", EntityType::Organization),
        ("Democratic Party", EntityType::Organization),
        ("Microsoft", EntityType::Organization),
        ("Bloomberg News", EntityType::Organization),
        ("The New York Times", EntityType::Organization),
        ("SolarWinds", EntityType::Organization),
        (
            "Foreign Intelligence Service (Russia)",
            EntityType::Organization,
        ),
        ("REvil", EntityType::Group),
        ("APT29", EntityType::Group),
        ("Russia", EntityType::Location),
        ("United States", EntityType::Location),
        ("Florida", EntityType::Location),
    ];
    let missing: Vec<_> = expected
        .iter()
        .filter(|(c, t)| !found.contains(&(c.to_string(), *t)))
        .collect();
    assert!(missing.is_empty(), "missing {missing:?}; found {found:?}");
    // "الدب الصديق" (a rendering of Cozy Bear) is linked to APT29.
    let apt29 = res
        .entities
        .iter()
        .find(|e| e.canonical == "APT29")
        .expect("APT29");
    assert!(
        apt29.mentions.iter().any(|m| m.text == "الدب الصديق"),
        "{:?}",
        apt29.mentions
    );
    // Richard Walters is left to the name rules.
    assert!(!found.iter().any(|(c, _)| c.contains("Walters")));
}

fn gazetteer_entities(text: &str) -> HashSet<(String, EntityType)> {
    let pipeline = Pipeline::builder()
        .stages(Stages {
            rules: false,
            dates: false,
            events: false,
        })
        .build()
        .expect("pipeline");
    let doc = Document {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    };
    pipeline
        .process(&doc)
        .entities
        .into_iter()
        .map(|e| (e.canonical, e.etype))
        .collect()
}

#[test]
fn broad_lists_find_names_in_both_languages() {
    let found = gazetteer_entities(
        "قالت شركة مايكروسوفت إن مجموعة الدب الفاخر اخترقت خوادم وزارة في ألمانيا، \
         بينما التقى وزير الخارجية الإيراني عباس عراقجي بمسؤولين من حماس في الدوحة. \
         Hezbollah and the Houthis were discussed in Riyadh by NATO and the Arab League.",
    );
    for (name, t) in [
        ("Microsoft", EntityType::Organization),
        ("APT28", EntityType::Group),
        ("Germany", EntityType::Location),
        ("Abbas Araghchi", EntityType::Person),
        ("Hamas", EntityType::Group),
        ("Doha", EntityType::Location),
        ("Hezbollah", EntityType::Group),
        ("Houthis", EntityType::Group),
        ("Riyadh", EntityType::Location),
        ("NATO", EntityType::Organization),
        ("Arab League", EntityType::Organization),
    ] {
        assert!(
            found.contains(&(name.to_string(), t)),
            "{name} not found in {found:?}"
        );
    }
}

/// Asserts that the gazetteers find each of `names`, with type `t`, in `text`.
fn assert_found(text: &str, t: EntityType, names: &[&str]) {
    let found = gazetteer_entities(text);
    for name in names {
        assert!(
            found.contains(&(name.to_string(), t)),
            "{name} not found in {found:?}"
        );
    }
}

#[test]
fn territories_below_the_country_level_are_places() {
    assert_found(
        "Fans travelled from Scotland and Wales to watch England, while officials in \
         Chechnya and Bavaria met envoys from the Canary Islands.",
        EntityType::Location,
        &[
            "Scotland",
            "Wales",
            "England",
            "Chechnya",
            "Bavaria",
            "Canary Islands",
        ],
    );
    assert_found(
        "وقال مسؤول في الشيشان إن وفدا من إنجلترا زار المنطقة.",
        EntityType::Location,
        &["Chechnya", "England"],
    );
}

#[test]
fn a_city_keeps_its_own_name_against_another_place_s_old_name() {
    // Philadelphia is also an ancient name of Amman in geonames; a capital's priority
    // gave it the name until the curated row ranked the US city as high.
    let found = gazetteer_entities("PHILADELPHIA, March 3 - Officials in Philadelphia said so.");
    let ids: Vec<_> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(ids, ["Philadelphia"]);
    let g = Gazetteer::builtin().expect("built-in gazetteers compile");
    let city = g.entities.iter().find(|e| e.canonical == "Philadelphia");
    assert_eq!(city.and_then(|e| e.country.as_deref()), Some("US"));
}

#[test]
fn international_organizations_in_both_languages() {
    assert_found(
        "Observers from the OSCE and envoys of ASEAN joined talks that the OECD hosted, \
         while the European Parliament debated the report. \
         ودعت منظمة شنغهاي للتعاون إلى الحوار، كما رحبت منظمة حظر الأسلحة الكيميائية بذلك، \
         وعلق البرلمان الأوروبي على بيان منظمة الدول الأمريكية.",
        EntityType::Organization,
        &[
            "OSCE",
            "ASEAN",
            "OECD",
            "European Parliament",
            "Shanghai Cooperation Organisation",
            "OPCW",
            "Organization of American States",
        ],
    );
    // An Iraqi peninsula keeps its name: the FAO's Arabic short name is not listed.
    let faw = gazetteer_entities("ووصل الوفد إلى ميناء الفاو الكبير.");
    assert!(
        !faw.iter().any(|(_, t)| *t == EntityType::Organization),
        "{faw:?}"
    );
}

#[test]
fn past_leaders_are_listed() {
    assert_found(
        "Historians compared Margaret Thatcher with Helmut Kohl and Mikhail Gorbachev. \
         واستعاد الكتاب لقاء ياسر عرفات مع إسحاق رابين في عهد الرئيس أنور السادات.",
        EntityType::Person,
        &[
            "Margaret Thatcher",
            "Helmut Kohl",
            "Mikhail Gorbachev",
            "Yasser Arafat",
            "Yitzhak Rabin",
            "Anwar Sadat",
        ],
    );
    // Bare names that are also something else are not listed: Mount Arafat, the Solana
    // blockchain, Arab men named Nasser, the many places named after King Fahd.
    let found = gazetteer_entities(
        "Pilgrims prayed at Arafat. Solana fell. Nasser Ali spoke. \
         وافتتح مستشفى الملك فهد قسما جديدا.",
    );
    assert!(
        !found.iter().any(|(_, t)| *t == EntityType::Person),
        "{found:?}"
    );
}

#[test]
fn common_words_are_not_names() {
    // Lower-case common words that are also town, party or malware names.
    let found = gazetteer_entities(
        "the mobile market was reading the news on independence day, a labour of love; \
         flags flew at half-mast over the island. كان السوق في حاجة إلى ورقة عمل كبيرا.",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn builtin_trie_is_prebuilt_and_current() {
    let g = Gazetteer::builtin().expect("built-in gazetteers");
    assert!(
        g.matcher.is_prebuilt(),
        "gazetteers/index/aliases.bin is missing or stale (start-up builds the trie): \
         run `cargo run --release -p gazbuild -- index` and commit it"
    );
    let committed = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers/index/aliases.bin"),
    )
    .expect("gazetteers/index/aliases.bin");
    let fresh = g.matcher.index_bytes().expect("build");
    assert!(
        committed == fresh,
        "the committed index differs from a fresh build of the same aliases: \
         run `cargo run --release -p gazbuild -- index`"
    );
}
