//! The alias safeguards: common words (stop-word lists, the most frequent words of the
//! news corpus, given names) are dropped or restricted to their written case, and no
//! alias under 3 letters matches regardless of case.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::entity::{norm, Alias, Ent, Kind, Origin};
use crate::script::has_arabic;
use crate::BuildError;

const STOP_EN: &str = include_str!("../data/stopwords-en.txt");
const STOP_AR: &str = include_str!("../data/stopwords-ar.txt");
const GENERIC_ORG: &str = include_str!("../data/generic-org-words.txt");

/// Arabic words at least this frequent in the corpus, both with and without the article
/// ال, are common nouns or adjectives ("مالي" financial, "الأمل"), not names.
const AR_BOTH_FORMS_MIN: u32 = 20;
/// The most frequent Arabic words of the corpus (function words) are never aliases.
const AR_TOP_N: usize = 300;
/// Entities at least this prominent (capitals, countries) may have aliases among the
/// most frequent corpus words.
const TOP_EXEMPT_PRIORITY: i32 = 40;
/// An English word seen at least this often, and in lower case at least one time in
/// five, is a common word: names are written capitalized nearly always.
const EN_MIN_COUNT: u32 = 5;

/// Word statistics and lists the safeguards consult.
#[derive(Debug, Default)]
pub struct CommonWords {
    stop_en: HashSet<String>,
    stop_ar: HashSet<String>,
    generic_org: HashSet<String>,
    /// English word (lowercase) → (occurrences, occurrences written in lower case).
    en: HashMap<String, (u32, u32)>,
    /// Normalized Arabic word → occurrences.
    ar: HashMap<String, u32>,
    ar_top: HashSet<String>,
    /// Common given names and surnames (lowercase; Arabic normalized).
    pub names: HashSet<String>,
    /// Arabic given names (normalized): a person alias made only of these ("محمد علي")
    /// names thousands of people.
    pub ar_given: HashSet<String>,
    /// Demonyms ("chinese", "russian"): adjectives, never names of places or parties.
    pub demonyms: HashSet<String>,
    /// Last words of demonyms of two words ("korean" of "south korean"): adjectives too,
    /// never a name alone.
    pub demonym_tails: HashSet<String>,
}

/// A weak or generated one-word Arabic alias seen this often in the corpus is a word
/// of the language, not the rare place or person name it was meant to be.
const AR_WEAK_MAX: u32 = 3;
const AR_GENERATED_MAX: u32 = 10;
const AR_SMALL_MAX: u32 = 20;
/// See [`CommonWords::clitic_homograph`].
const CLITIC_MIN: u32 = 10;
/// Places of at least this population are named in the news often enough for their
/// names to be frequent words.
const SMALL_BELOW_POPULATION: u64 = 1_000_000;
/// One-word malware and group aliases from the source lists need at least this many
/// letters or digits (curated aliases are not held to it: "PKK").
const MALWARE_MIN_LETTERS: usize = 4;
const GROUP_MIN_LETTERS: usize = 3;
/// Places below this priority (subdivisions from the ISO list) keep no name of three
/// letters or fewer.
const SMALL_PLACE_BELOW: i32 = 15;
/// Entities below this priority (towns, subdivisions, parties, vendors) lose one-word
/// aliases that are common given names or surnames.
const NAMES_RULE_BELOW: i32 = 35;

fn list(data: &str) -> HashSet<String> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(norm)
        .collect()
}

impl CommonWords {
    /// Stop-word lists only (no corpus): for tests.
    pub fn lists_only() -> CommonWords {
        CommonWords {
            stop_en: list(STOP_EN),
            stop_ar: list(STOP_AR),
            generic_org: list(GENERIC_ORG),
            ..CommonWords::default()
        }
    }

    /// Adds a demonym ("Chinese", "South Korean").
    pub fn add_demonym(&mut self, d: &str) {
        self.demonyms.insert(norm(d));
        // "South Korean": its last word alone is an adjective too ("Korean"), though not
        // one that makes a party's name generic ("African National Congress").
        if let Some((_, last)) = d.rsplit_once(' ') {
            self.demonym_tails.insert(norm(last));
        }
    }

    /// Counts the words of every `.txt` file under `corpus/en` and `corpus/ar`, in
    /// sorted file order. A missing corpus leaves the statistics empty.
    pub fn load(corpus: &Path) -> Result<CommonWords, BuildError> {
        let mut cw = CommonWords::lists_only();
        for (sub, arabic) in [("en", false), ("ar", true)] {
            let dir = corpus.join(sub);
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files {
                let text = std::fs::read_to_string(&f).map_err(|e| BuildError::Io {
                    path: f.clone(),
                    source: e,
                })?;
                for w in text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    if arabic {
                        if has_arabic(w) {
                            *cw.ar.entry(norm(w)).or_default() += 1;
                        }
                    } else if w.chars().all(|c| c.is_ascii_alphabetic()) {
                        let slot = cw.en.entry(w.to_ascii_lowercase()).or_default();
                        slot.0 += 1;
                        if w.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                            slot.1 += 1;
                        }
                    }
                }
            }
        }
        let mut top: Vec<(&String, &u32)> = cw.ar.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        cw.ar_top = top
            .into_iter()
            .take(AR_TOP_N)
            .map(|(w, _)| w.clone())
            .collect();
        Ok(cw)
    }

    /// An English word mostly written in lower case in the corpus ("mobile", "reading").
    fn en_common(&self, w: &str) -> bool {
        let lw = w.to_ascii_lowercase();
        if self.stop_en.contains(&lw) {
            return true;
        }
        self.en
            .get(&lw)
            .is_some_and(|&(n, lower)| n >= EN_MIN_COUNT && lower * 5 >= n)
    }

    /// A name that, behind a proclitic, spells a much more frequent word: "رقه" (a
    /// spelling of Raqqa) in "ورقه" (paper), "بيرا" (Beira) in "كبيرا" (big). The
    /// matcher accepts proclitics, so such a name would mostly match the word.
    fn clitic_homograph(&self, n: &str) -> bool {
        let c = |w: &str| self.ar.get(w).copied().unwrap_or(0);
        let own = c(n);
        ["و", "ف", "ب", "ل", "ك"].iter().any(|p| {
            let f = c(&format!("{p}{n}"));
            f >= CLITIC_MIN && f > own.saturating_mul(2)
        })
    }

    /// A normalized Arabic word that is a stop word, among the most frequent words, or
    /// frequent both with and without the article.
    fn ar_common(&self, n: &str, top_ok: bool) -> bool {
        if self.stop_ar.contains(n) || (!top_ok && self.ar_top.contains(n)) {
            return true;
        }
        let bare = n.strip_prefix("ال").unwrap_or(n);
        let def = format!("ال{bare}");
        let c = |w: &str| self.ar.get(w).copied().unwrap_or(0);
        c(bare) >= AR_BOTH_FORMS_MIN && c(&def) >= AR_BOTH_FORMS_MIN
    }
}

/// What the safeguards did to one alias (for the build summary).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub dropped: usize,
    pub to_case: usize,
}

/// "VI", "XIV": a Roman numeral up to 39 in capitals, which follows kings, popes and
/// models in the text ("Paul VI"), never a place or a body.
pub(crate) fn roman_numeral(s: &str) -> bool {
    let tens = s.len() - s.trim_start_matches('X').len();
    let units = &s[tens..];
    !s.is_empty()
        && tens <= 3
        && matches!(
            units,
            "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
        )
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Applies the safeguards to one alias of `e`; returns None to drop it.
/// `strict` is false for curated aliases, which only the hard rules (stop words,
/// length) touch.
pub fn check(
    alias: &Alias,
    e: &Ent,
    cw: &CommonWords,
    strict: bool,
    t: &mut Tally,
) -> Option<Alias> {
    let mut a = alias.clone();
    if e.kind == Kind::Location {
        // "the Netherlands": the article is not part of a place name.
        for art in ["the ", "The "] {
            if let Some(rest) = a.text.strip_prefix(art) {
                a.text = rest.to_string();
            }
        }
    }
    let n = norm(&a.text);
    if cw.stop_en.contains(&n)
        || cw.stop_ar.contains(&n)
        || letters(&n) < 2
        || (strict && (cw.demonyms.contains(&n) || cw.demonym_tails.contains(&n)))
    {
        t.dropped += 1;
        return None;
    }
    let arabic = has_arabic(&a.text);
    let words: Vec<&str> = n.split(' ').collect();
    if arabic {
        if letters(&n) < 3 {
            t.dropped += 1;
            return None;
        }
        let freq = cw.ar.get(&n).copied().unwrap_or(0);
        // Small places and bodies are rarely in the news: a one-word name of one that is
        // frequent in the corpus is mostly a homograph ("العمارة" building, Amarah).
        let small = e.priority < NAMES_RULE_BELOW && e.weight < SMALL_BELOW_POPULATION;
        let too_frequent = match alias.origin {
            Origin::Weak => freq >= AR_WEAK_MAX,
            Origin::Generated => freq >= AR_GENERATED_MAX,
            Origin::Source => small && freq >= AR_SMALL_MAX,
            Origin::Curated => false,
        };
        // Country and capital names are among the most frequent words of news, so only
        // the both-forms test applies to them.
        let top_ok = e.priority >= TOP_EXEMPT_PRIORITY;
        // A given name ("نانسي" Nancy, "فيكتوريا") names people more often than a town.
        let tiny_capital = e.kind == Kind::Location
            && e.weight > 0
            && e.weight < 100_000
            && e.priority < TOP_EXEMPT_PRIORITY + 10;
        let name_rule = e.kind == Kind::Person
            || ((e.priority < NAMES_RULE_BELOW || tiny_capital)
                && !(e.kind == Kind::Location && e.weight >= 500_000));
        // A shared surname ("كلينتون") is a name by its making, and frequent because its
        // bearers are news; it must still not be an everyday word.
        let surname = e.flags.contains("surname");
        if strict
            && words.len() == 1
            && ((too_frequent && !surname)
                || cw.ar_common(&n, top_ok)
                || (name_rule && !surname && cw.names.contains(&n))
                || cw.clitic_homograph(&n))
        {
            t.dropped += 1;
            return None;
        }
        // A compound given name ("عبد الرحمن", "أبو بكر") is no one's full name.
        let compound_given =
            words.len() == 2 && matches!(words.first(), Some(&"عبد") | Some(&"ابو") | Some(&"ام"));
        let given_only = words.len() == 2 && words.iter().all(|w| cw.ar_given.contains(*w));
        if strict
            && e.kind == Kind::Person
            && (compound_given || given_only || (!surname && cw.names.contains(&n)))
        {
            t.dropped += 1;
            return None;
        }
        return Some(a);
    }
    if alias.origin == Origin::Weak && !cw.en.is_empty() {
        // Foreign-language forms ("Mekka", "La Mecque") are kept only when English news
        // uses them ("Peking", "Bombay"): every word must occur in the corpus.
        let attested = a.text.split_whitespace().all(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            cw.en.get(&w).is_some_and(|x| x.0 > x.1)
        });
        if !attested {
            t.dropped += 1;
            return None;
        }
    }
    if strict && e.kind == Kind::Person && !a.text.contains(' ') {
        // A surname alone ("Mast") is a name only when capitalized ("half-mast").
        a.case = true;
    }
    if e.kind == Kind::Malware {
        // Malware names are proper nouns written one way ("Emotet", "BlackEnergy").
        a.case = true;
    }
    let has_upper = a.text.chars().any(|c| c.is_uppercase());
    let mut common = letters(&n) < 3;
    if strict {
        let ws: Vec<&str> = a.text.split_whitespace().collect();
        let all_common = ws
            .iter()
            .all(|w| cw.en_common(w.trim_matches(|c: char| !c.is_alphanumeric())));
        // A single given name or surname names people far more often than it names a
        // town, a party or a malware family; written case does not help, names are
        // capitalized.
        let tiny_capital = e.kind == Kind::Location
            && e.weight > 0
            && e.weight < 100_000
            && e.priority < TOP_EXEMPT_PRIORITY + 10;
        let big_city = e.kind == Kind::Location && e.weight >= 500_000;
        let name_like = ws.len() == 1
            && e.kind != Kind::Person
            && (e.priority < NAMES_RULE_BELOW || tiny_capital)
            && !big_city
            && cw.names.contains(&n);
        let lower_seen = cw.en.get(&n).map_or(0, |x| x.1);
        // An acronym that is also an English word ("CUP", "PCT") matches headlines.
        let word_acronym = ws.len() == 1
            && a.text.chars().all(|c| !c.is_lowercase())
            && lower_seen >= EN_MIN_COUNT;
        // A one-word common word ("League", "Play"), or an acronym spelling one ("CUP",
        // "PCT"), matches titles and sentence starts even in written case.
        let one_common = ws.len() == 1
            && all_common
            && (e.kind == Kind::Malware
                || a.case
                || e.priority < NAMES_RULE_BELOW
                || alias.origin == Origin::Weak);
        // Short one-word names from the threat lists ("BB", "PL", "QC" for malware; "AI",
        // "IM" for militant groups) are other abbreviations in the news far more often.
        // So are the initials of minor bodies: two letters for any ("ID", "SB"), three
        // for the agencies and vendors of the threat-intelligence lists ("MCI", "NSM"),
        // whose initials news seldom uses; a party's three letters stay ("SPD", "ANC").
        // Not when they are the body's own name ("NEC").
        let minor_initials = e.priority < NAMES_RULE_BELOW
            && !a.text.chars().any(char::is_lowercase)
            && n != norm(&e.canonical)
            && (letters(&n) <= 2
                || letters(&n) <= 3 && e.sources.iter().all(|s| s.starts_with("misp-")));
        let short = ws.len() == 1
            && match e.kind {
                Kind::Malware => letters(&n) < MALWARE_MIN_LETTERS,
                Kind::Group => letters(&n) < GROUP_MIN_LETTERS,
                Kind::Organization => minor_initials,
                // A subdivision of three letters or fewer ("Lib", "Ba", "Bay") is an
                // abbreviation or a word far more often than that place.
                Kind::Location => e.priority < SMALL_PLACE_BELOW && letters(&n) <= 3,
                _ => false,
            };
        if name_like || one_common || word_acronym || short || roman_numeral(&a.text) {
            t.dropped += 1;
            return None;
        }
        // One word also written in lower case ("labour") matches only as written.
        let org_like = matches!(e.kind, Kind::Organization | Kind::Group);
        let generic = org_like
            && ws.iter().all(|w| {
                let w = norm(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''));
                cw.generic_org.contains(&w) || cw.demonyms.contains(&w)
            });
        if generic {
            t.dropped += 1;
            return None;
        }
        // One word also written in lower case ("labour") matches only as written, and so
        // does a group or company name with a common word in it ("Cozy Bear", "Group 8").
        common |= ws.len() <= 2 && all_common || (ws.len() == 1 && lower_seen >= EN_MIN_COUNT);
        common |= org_like
            && ws.len() > 1
            && ws
                .iter()
                .any(|w| cw.en_common(w.trim_matches(|c: char| !c.is_alphanumeric())));
    }
    if common && !a.case {
        if has_upper {
            a.case = true;
            t.to_case += 1;
        } else {
            t.dropped += 1;
            return None;
        }
    }
    Some(a)
}

/// Loads common given names and surnames: US given names with more than 20,000 births
/// since 1950, the 2,000 most common US surnames, and the Arabic given-name list.
pub fn load_names(raw: &crate::Raw, cw: &mut CommonWords) -> Result<(), BuildError> {
    for r in raw.table("names-us-ssa/us-first-names.tsv")?.rows() {
        if r.get("births_1950_2020").parse::<u64>().unwrap_or(0) > 20_000 {
            cw.names.insert(r.get("name").to_lowercase());
        }
    }
    for r in raw
        .table("names-us-census1990-surnames/us-surnames-1990.tsv")?
        .rows()
    {
        if r.get("rank").parse::<u64>().unwrap_or(u64::MAX) <= 2_000 {
            cw.names.insert(r.get("surname").to_lowercase());
        }
    }
    // Name tokens of many Wikidata people ("vladimir", "nigel", "oguz").
    for r in raw
        .table("name-translit-wikidata-en-ar/en-ar-name-tokens.tsv")?
        .rows()
    {
        if r.get("count").parse::<u64>().unwrap_or(0) >= 20 {
            cw.names.insert(r.get("name_token_en").to_lowercase());
            cw.names.insert(norm(r.get("name_token_ar")));
        }
    }
    for r in raw.table("countries-mledoze/countries.tsv")?.rows() {
        for d in r.list("demonym_en") {
            cw.add_demonym(d);
        }
    }
    for r in raw.table("names-arabic-akhateeb/arabic-names.tsv")?.rows() {
        if r.get("script") == "Arab" {
            cw.names.insert(norm(r.get("name")));
            if r.get("kind").starts_with("first") {
                cw.ar_given.insert(norm(r.get("name")));
            }
        }
    }
    Ok(())
}

/// Curated aliases were written by hand: only the hard rules (stop words, length) apply.
pub fn lenient(alias: &Alias) -> bool {
    alias.origin == Origin::Curated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let mut cw = CommonWords::lists_only();
        cw.en.insert("mobile".into(), (100, 90));
        cw.ar.insert("مالي".into(), 50);
        cw.ar.insert("المالي".into(), 50);
        let e = Ent::new("x", Kind::Location, "X", "t", 10);
        let mut t = Tally::default();
        let mk = |s: &str| Alias {
            text: s.into(),
            case: false,
            origin: Origin::Source,
        };
        assert!(check(&mk("the"), &e, &cw, true, &mut t).is_none());
        // One common word: dropped for a town, restricted to written case for a country.
        assert!(check(&mk("Mobile"), &e, &cw, true, &mut t).is_none());
        let country = Ent::new("mali", Kind::Location, "Mali", "t", 60);
        assert!(
            check(&mk("Mobile"), &country, &cw, true, &mut t)
                .unwrap()
                .case
        );
        assert!(check(&mk("mobile"), &e, &cw, true, &mut t).is_none());
        assert!(check(&mk("مالي"), &e, &cw, true, &mut t).is_none());
        assert!(check(&mk("مالي"), &country, &cw, true, &mut t).is_none());
        assert!(check(&mk("مالي"), &e, &cw, false, &mut t).is_some());
        assert!(check(&mk("Ur"), &country, &cw, true, &mut t).unwrap().case);
        assert!(check(&mk("L"), &country, &cw, false, &mut t).is_none());
        cw.names.insert("paul".into());
        assert!(check(&mk("Paul"), &e, &cw, true, &mut t).is_none());
        cw.demonyms.insert("chinese".into());
        assert!(check(&mk("Chinese"), &country, &cw, true, &mut t).is_none());
        let party = Ent::new("p", Kind::Organization, "P", "t", 10);
        assert!(check(&mk("National Liberation Front"), &party, &cw, true, &mut t).is_none());
        assert!(check(&mk("National Liberation Front"), &party, &cw, false, &mut t).is_some());
        let weak = Alias {
            text: "بانه".into(),
            case: false,
            origin: Origin::Weak,
        };
        cw.ar.insert("بانه".into(), 40);
        assert!(check(&weak, &e, &cw, true, &mut t).is_none());
        cw.ar.insert("رقه".into(), 2);
        cw.ar.insert("ورقه".into(), 200);
        assert!(check(&mk("رقه"), &country, &cw, true, &mut t).is_none());
        assert!(check(&mk("في"), &e, &cw, false, &mut t).is_none());
        assert!(
            !check(&mk("Washington"), &e, &cw, true, &mut t)
                .unwrap()
                .case
        );
    }

    #[test]
    fn a_shared_surname_keeps_its_frequent_arabic_spelling_but_not_a_common_word() {
        let mut cw = CommonWords::lists_only();
        cw.names.insert("فارن".into());
        cw.ar.insert("فارن".into(), 300);
        cw.ar.insert("عون".into(), 300);
        cw.ar.insert("العون".into(), 300);
        let mut t = Tally::default();
        let generated = |s: &str| Alias {
            text: s.into(),
            case: false,
            origin: Origin::Generated,
        };
        let person = Ent::new("p", Kind::Person, "Varn", "t", 4);
        assert!(check(&generated("فارن"), &person, &cw, true, &mut t).is_none());
        let mut surname = person.clone();
        surname.flags.insert("surname".into());
        assert!(check(&generated("فارن"), &surname, &cw, true, &mut t).is_some());
        // Frequent with and without the article: an everyday word.
        assert!(check(&generated("عون"), &surname, &cw, true, &mut t).is_none());
    }

    #[test]
    fn the_last_word_of_a_demonym_is_no_name_alone() {
        let mut cw = CommonWords::lists_only();
        cw.add_demonym("South Korean");
        cw.add_demonym("South African");
        let mut t = Tally::default();
        let mk = |s: &str| Alias {
            text: s.into(),
            case: true,
            origin: Origin::Source,
        };
        let malware = Ent::new("m", Kind::Malware, "M", "t", 5);
        assert!(check(&mk("Korean"), &malware, &cw, true, &mut t).is_none());
        assert!(check(&mk("South Korean"), &malware, &cw, true, &mut t).is_none());
        // A party named with it is no generic name.
        let party = Ent::new("p", Kind::Organization, "P", "t", 10);
        assert!(check(&mk("African National Congress"), &party, &cw, true, &mut t).is_some());
    }

    #[test]
    fn short_threat_names_from_the_lists_are_dropped() {
        let cw = CommonWords::lists_only();
        let mut t = Tally::default();
        let mk = |s: &str, origin| Alias {
            text: s.into(),
            case: true,
            origin,
        };
        let malware = Ent::new("m", Kind::Malware, "M", "t", 5);
        for short in ["BB", "QC", "Zen", "x4"] {
            assert!(check(&mk(short, Origin::Source), &malware, &cw, true, &mut t).is_none());
        }
        assert!(check(&mk("Ryuk", Origin::Source), &malware, &cw, true, &mut t).is_some());
        assert!(check(
            &mk("BB Ransomware", Origin::Source),
            &malware,
            &cw,
            true,
            &mut t
        )
        .is_some());
        let group = Ent::new("g", Kind::Group, "G", "t", 30);
        assert!(check(&mk("AI", Origin::Source), &group, &cw, true, &mut t).is_none());
        assert!(check(&mk("ETA", Origin::Source), &group, &cw, true, &mut t).is_some());
        // A curated alias is not held to the length.
        assert!(check(&mk("PK", Origin::Curated), &group, &cw, false, &mut t).is_some());
        // Initials of minor bodies: two letters for any, three for a threat list's agency.
        let agency = Ent::new(
            "a",
            Kind::Organization,
            "Harbour Intelligence",
            "misp-intelligence-agencies",
            25,
        );
        let party = Ent::new("p", Kind::Organization, "Union Party", "partyfacts", 10);
        assert!(check(&mk("HI", Origin::Source), &agency, &cw, true, &mut t).is_none());
        assert!(check(&mk("HIA", Origin::Source), &agency, &cw, true, &mut t).is_none());
        assert!(check(&mk("UP", Origin::Source), &party, &cw, true, &mut t).is_none());
        assert!(check(&mk("UPP", Origin::Source), &party, &cw, true, &mut t).is_some());
        // Its own name stays.
        let vendor = Ent::new("v", Kind::Organization, "QX", "t", 20);
        assert!(check(&mk("QX", Origin::Source), &vendor, &cw, true, &mut t).is_some());
        // A Roman numeral names nothing.
        let islands = Ent::new("i", Kind::Location, "Virgin Islands", "t", 60);
        for numeral in ["VI", "XIV", "IX"] {
            assert!(check(&mk(numeral, Origin::Source), &islands, &cw, true, &mut t).is_none());
        }
        assert!(!roman_numeral("VIV") && !roman_numeral("XXXX") && !roman_numeral("MC"));
        // A subdivision's short name goes; a town's or a country's stays.
        let province = Ent::new("s", Kind::Location, "Tov", "iso", 12);
        let town = Ent::new("t", Kind::Location, "Gao", "geonames", 15);
        assert!(check(&mk("Tov", Origin::Source), &province, &cw, true, &mut t).is_none());
        assert!(check(&mk("Gao", Origin::Source), &town, &cw, true, &mut t).is_some());
    }
}
