//! Gazetteers: lists of known entities with their aliases in every script, compiled into
//! one Aho-Corasick automaton over normalized aliases.
//!
//! Loading order matters only for ties: files given with `--gazetteer` are loaded after the
//! built-in ones, and a row whose `id` (and type) already exists adds its aliases to that
//! entity instead of creating a second one, so a user can extend a built-in entity.

mod check;
mod fnv;
mod format;
mod matcher;
mod snapshot;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

pub use check::{check_file, CheckReport};
pub use format::{parse, EntityRow, COLUMNS};
pub use matcher::Matcher;
pub use snapshot::{builtin_snapshot, files_fingerprint};

use crate::error::GazetteerError;
use crate::model::{Candidate, EntityType};
use crate::text::{Prepared, WordFilter, Words};

/// The built-in gazetteer files, embedded at compile time from `gazetteers/entities/`.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_gazetteers.rs"));

/// One entity of the loaded gazetteers.
#[derive(Debug, Clone)]
pub struct EntityRecord {
    pub id: String,
    pub etype: EntityType,
    pub canonical: String,
    pub country: Option<String>,
    pub ids: Option<String>,
    /// The file it came from (`builtin:locations.tsv`, or a path).
    pub file: String,
    /// What its mentions give as their `source`: `gazetteer:` and the file (built-in
    /// files by name). Made once here, not per mention.
    pub source: String,
    pub priority: i32,
    pub flags: Vec<String>,
}

impl EntityRecord {
    /// True when the row had flag `f` (any case), as [`format::EntityRow::has_flag`].
    pub fn has_flag(&self, f: &str) -> bool {
        format::has_flag(&self.flags, f)
    }
}

/// Collects gazetteer rows from files, then compiles them.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entities: Vec<EntityRecord>,
    /// Per entity: (alias, case-sensitive).
    aliases: Vec<Vec<(String, bool)>>,
    by_id: HashMap<(String, EntityType), u32>,
}

impl GazetteerBuilder {
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Adds the embedded built-in gazetteers.
    pub fn add_builtin(&mut self) -> Result<&mut Self, GazetteerError> {
        self.add_embedded(BUILTIN)
    }

    /// Adds gazetteer files given as (file name, TSV text), named `builtin:` and the file
    /// name as the built-in ones are (`gazbuild` snapshots the files it just wrote so).
    pub fn add_embedded(&mut self, files: &[(&str, &str)]) -> Result<&mut Self, GazetteerError> {
        use rayon::prelude::*;
        // The files parse and turn into entries independently; entries are added in file
        // order, so the result does not depend on the thread count.
        let parsed: Vec<Result<Vec<Entry>, GazetteerError>> = files
            .par_iter()
            .map(|(name, data)| {
                let name = format!("builtin:{name}");
                let rows = parse(&name, data)?;
                Ok(rows.into_iter().map(|row| entry(&name, row)).collect())
            })
            .collect();
        for entries in parsed {
            for (rec, aliases) in entries? {
                self.insert(rec, aliases);
            }
        }
        Ok(self)
    }

    /// Adds a gazetteer file, or every `.tsv`/`.csv` file of a folder (sorted, recursive).
    pub fn add_path(&mut self, path: &Path) -> Result<&mut Self, GazetteerError> {
        for file in gazetteer_files(path)? {
            let data = std::fs::read(&file).map_err(|e| GazetteerError::Io {
                path: file.clone(),
                source: e,
            })?;
            let text = String::from_utf8(data).map_err(|e| GazetteerError::Format {
                path: file.display().to_string(),
                line: 0,
                msg: format!(
                    "not UTF-8 (byte {}); save the file as UTF-8",
                    e.utf8_error().valid_up_to()
                ),
            })?;
            let name = file.display().to_string();
            let rows = parse(&name, &text)?;
            self.add_rows(&name, rows);
        }
        Ok(self)
    }

    /// Adds parsed rows (from a file named `file`).
    pub fn add_rows(&mut self, file: &str, rows: Vec<EntityRow>) {
        for row in rows {
            let (rec, aliases) = entry(file, row);
            self.insert(rec, aliases);
        }
    }

    /// Adds an entity, or its aliases to the entity of the same id and type.
    fn insert(&mut self, rec: EntityRecord, aliases: Vec<(String, bool)>) {
        let key = (rec.id.clone(), rec.etype);
        match self.by_id.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => {
                self.aliases[*e.get() as usize].extend(aliases);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(self.entities.len() as u32);
                self.entities.push(rec);
                self.aliases.push(aliases);
            }
        }
    }

    /// Appends everything another builder collected (same-id rows extend existing entities).
    pub fn merge(&mut self, other: GazetteerBuilder) {
        for (rec, aliases) in other.entities.into_iter().zip(other.aliases) {
            self.insert(rec, aliases);
        }
    }

    /// Number of entities added so far.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Compiles the automaton.
    pub fn build(self) -> Result<Gazetteer, GazetteerError> {
        let matcher = Matcher::build(&self.entities, &self.aliases)?;
        Ok(Gazetteer::new(self.entities, matcher))
    }
}

/// An acronym: Latin letters, all upper case, at most five of them ("US", "NATO", "FBI").
/// Acronyms match only in their written case so that "us" and "is" are not countries.
pub fn is_acronym(s: &str) -> bool {
    // Only ASCII letters, digits and . & - may appear, so counting bytes is counting
    // characters.
    let letters = s.bytes().filter(u8::is_ascii_alphabetic).count();
    (1..=5).contains(&letters)
        && s.bytes().all(|b| {
            b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'.' | b'&' | b'-')
        })
}

/// One gazetteer entity as the builder keeps it: its record and its (alias,
/// case-sensitive) list.
type Entry = (EntityRecord, Vec<(String, bool)>);

/// Turns a parsed row of `file` into its record and aliases (moving its strings).
fn entry(file: &str, row: EntityRow) -> Entry {
    let all_case = row.has_flag("case");
    let no_case = row.has_flag("nocase");
    let case_of = |a: &str| all_case || (!no_case && is_acronym(a));
    let mut aliases: Vec<(String, bool)> =
        Vec::with_capacity(row.aliases.len() + row.case_aliases.len() + 1);
    if !row.has_flag("nocanonical") {
        aliases.push((row.canonical.clone(), case_of(&row.canonical)));
    }
    aliases.extend(row.aliases.into_iter().map(|a| {
        let case = case_of(&a);
        (a, case)
    }));
    aliases.extend(row.case_aliases.into_iter().map(|a| (a, true)));
    let rec = EntityRecord {
        id: row.id,
        etype: row.etype,
        canonical: row.canonical,
        country: row.country,
        ids: row.ids,
        file: file.to_string(),
        source: format!(
            "gazetteer:{}",
            file.strip_prefix("builtin:").unwrap_or(file)
        ),
        priority: row.priority,
        flags: row.flags,
    };
    (rec, aliases)
}

/// Lists the gazetteer files of a path: the file itself, or the sorted `.tsv`/`.csv`
/// files below a folder.
pub fn gazetteer_files(path: &Path) -> Result<Vec<PathBuf>, GazetteerError> {
    let meta = std::fs::metadata(path).map_err(|e| GazetteerError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| GazetteerError::Io {
            path: e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| path.to_path_buf()),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("symlink loop")),
        })?;
        let p = entry.path();
        if entry.file_type().is_file()
            && p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("csv"))
        {
            files.push(p.to_path_buf());
        }
    }
    if files.is_empty() {
        return Err(GazetteerError::Empty(path.to_path_buf()));
    }
    Ok(files)
}

/// Compiled gazetteers: entity records and the automaton over their aliases.
#[derive(Debug)]
pub struct Gazetteer {
    pub entities: Vec<EntityRecord>,
    pub matcher: Matcher,
    /// The country codes of the entities flagged `kingdom` and those entities, for
    /// telling whether a code names a kingdom without reading every entity.
    kingdoms: Vec<(String, u32)>,
    /// The indices of the entities flagged `surname` (sorted), read for every mention
    /// of every document without comparing flag strings.
    shared_surnames: Vec<u32>,
    /// Country code → the country's entity (sorted by code): the place whose ids carry
    /// the code itself (`iso:IR`), not a subdivision's (`iso:IR-07`).
    countries: Vec<(String, u32)>,
    /// The entities of `countries`, sorted: whether a mention names a country is asked
    /// of every place mention, without comparing codes.
    country_entities: Vec<u32>,
    /// The place names two places share (`context/shared-place-names.tsv`) whose places
    /// are both loaded.
    shared_places: Vec<SharedPlace>,
}

/// A place name that the gazetteers give to one place (`kept_by`) and that may name
/// another (`other`), in another country.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedPlace {
    /// The normalized name.
    pub alias: String,
    pub kept_by: u32,
    pub other: u32,
    /// Spellings, as written, that name `other` in any text.
    pub marked: Vec<String>,
    /// Spellings, as written, that name `kept_by` in any text.
    pub kept_marked: Vec<String>,
}

const SHARED_PLACES: &str = include_str!("../../gazetteers/context/shared-place-names.tsv");

/// The `|`-separated spellings of a column.
fn spellings(col: Option<&&str>) -> Vec<String> {
    col.map(|m| {
        m.split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// The rows of `shared-place-names.tsv` whose two ids are places of `entities`.
fn shared_places(entities: &[EntityRecord]) -> Vec<SharedPlace> {
    let place = |id: &str| {
        (0u32..)
            .zip(entities)
            .find(|(_, r)| r.etype == EntityType::Location && r.id == id)
            .map(|(i, _)| i)
    };
    crate::rules::tsv_rows(SHARED_PLACES)
        .filter_map(|r| {
            Some(SharedPlace {
                alias: crate::text::normalize(r.first()?),
                kept_by: place(r.get(1)?)?,
                other: place(r.get(2)?)?,
                marked: spellings(r.get(3)),
                kept_marked: spellings(r.get(4)),
            })
        })
        .collect()
}

impl Gazetteer {
    fn new(entities: Vec<EntityRecord>, matcher: Matcher) -> Gazetteer {
        let kingdoms = (0u32..)
            .zip(&entities)
            .filter(|(_, r)| r.has_flag("kingdom"))
            .filter_map(|(i, r)| Some((r.country.clone()?, i)))
            .collect();
        let shared_surnames = (0u32..)
            .zip(&entities)
            .filter(|(_, r)| r.has_flag("surname"))
            .map(|(i, _)| i)
            .collect();
        let mut countries: Vec<(String, u32)> = (0u32..)
            .zip(&entities)
            .filter(|(_, r)| r.etype == EntityType::Location)
            .filter_map(|(i, r)| {
                let code = r.country.as_deref()?;
                let own = r
                    .ids
                    .as_deref()?
                    .split('|')
                    .any(|id| id.trim().strip_prefix("iso:") == Some(code));
                own.then(|| (code.to_string(), i))
            })
            .collect();
        // The first listed entity of a code wins (stable sort, then dedup keeps the first).
        countries.sort_by(|a, b| a.0.cmp(&b.0));
        countries.dedup_by(|a, b| a.0 == b.0);
        let mut country_entities: Vec<u32> = countries.iter().map(|&(_, e)| e).collect();
        country_entities.sort_unstable();
        let shared_places = shared_places(&entities);
        Gazetteer {
            entities,
            matcher,
            kingdoms,
            shared_surnames,
            countries,
            country_entities,
            shared_places,
        }
    }

    /// Whether entity `i` is a surname that several listed people bear (flag `surname`).
    pub fn is_shared_surname(&self, i: u32) -> bool {
        self.shared_surnames.binary_search(&i).is_ok()
    }

    /// Whether `code` is the country code of an entity flagged `kingdom`.
    pub fn is_kingdom(&self, code: &str) -> bool {
        self.kingdom_of(code).is_some()
    }

    /// The entity flagged `kingdom` whose country code is `code`.
    pub fn kingdom_of(&self, code: &str) -> Option<u32> {
        self.kingdoms
            .iter()
            .find(|(k, _)| k == code)
            .map(|&(_, e)| e)
    }

    /// The shared place names whose name the gazetteers give to entity `i`.
    pub fn shared_places_of(&self, i: u32) -> impl Iterator<Item = &SharedPlace> {
        self.shared_places.iter().filter(move |p| p.kept_by == i)
    }

    /// The entity of the country whose ISO 3166-1 alpha-2 code is `code`.
    pub fn country(&self, code: &str) -> Option<u32> {
        self.countries
            .binary_search_by(|(c, _)| c.as_str().cmp(code))
            .ok()
            .and_then(|at| self.countries.get(at))
            .map(|&(_, e)| e)
    }

    /// The country code of entity `i` when it is that code's country ([`Self::country`]
    /// gives it back), not a city or a subdivision of it.
    pub fn country_code_of(&self, i: u32) -> Option<&str> {
        self.country_entities.binary_search(&i).ok()?;
        self.entities.get(i as usize)?.country.as_deref()
    }

    /// The built-in gazetteers only: from the embedded snapshot when it is current
    /// (`gazetteers/index/builtin.bin`), else compiled from the embedded TSVs.
    pub fn builtin() -> Result<Gazetteer, GazetteerError> {
        match snapshot::load_builtin() {
            Some(g) => Ok(g),
            None => Gazetteer::builtin_from_tsv(),
        }
    }

    /// The built-in gazetteers compiled from the embedded TSVs (what the snapshot holds).
    pub fn builtin_from_tsv() -> Result<Gazetteer, GazetteerError> {
        let mut b = GazetteerBuilder::new();
        b.add_builtin()?;
        b.build()
    }

    /// Finds gazetteer mentions in a prepared text.
    pub fn annotate(&self, prep: &Prepared<'_>) -> Vec<Candidate> {
        self.matcher.find(prep, &self.entities)
    }

    /// [`Self::annotate`], also setting `words` to the words of the normalized text
    /// that `cues` marks, found by the same scan (see [`Matcher::find_with_words`]).
    pub fn annotate_with_words(
        &self,
        prep: &Prepared<'_>,
        cues: &WordFilter,
        words: &mut Words,
    ) -> Vec<Candidate> {
        self.matcher
            .find_with_words(prep, &self.entities, cues, words)
    }

    /// The listed entity of type `etype` that a whole normalized name (as
    /// [`crate::text::normalize`] makes it) is an alias of; the highest priority wins.
    pub fn named(&self, norm: &str, etype: EntityType) -> Option<u32> {
        self.matcher
            .entities_named(norm)
            .filter(|&e| {
                self.entities
                    .get(e as usize)
                    .is_some_and(|r| r.etype == etype)
            })
            .max_by_key(|&e| {
                self.entities
                    .get(e as usize)
                    .map_or(i32::MIN, |r| r.priority)
            })
    }

    /// Number of distinct normalized aliases in the automaton.
    pub fn alias_count(&self) -> usize {
        self.matcher.pattern_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        assert!(is_acronym("US"));
        assert!(is_acronym("U.S."));
        assert!(is_acronym("NATO"));
        assert!(!is_acronym("Nato"));
        assert!(is_acronym("APT29"));
        assert!(!is_acronym("NATOAB"), "more than five letters");
        assert!(!is_acronym("بايدن"));
        assert!(!is_acronym("WASHINGTON"));
    }

    #[test]
    fn a_country_is_the_place_whose_ids_carry_its_code() {
        let mut b = GazetteerBuilder::new();
        // Invented rows: a region listed before its country, a city with no iso id.
        let rows = "id\ttype\tcanonical\taliases\tcase_aliases\tcountry\tids\n\
                    north\tLOCATION\tNorth\t\t\tTL\tiso:TL-N\n\
                    town\tLOCATION\tTown\t\t\tTL\tgeonames:1\n\
                    tessaland\tLOCATION\tTessaland\t\t\tTL\tgeonames:2|iso:TL\n\
                    tl-party\tORGANIZATION\tParty\t\t\tTL\tiso:TL\n";
        b.add_rows("a", parse("a.tsv", rows).unwrap());
        let g = b.build().unwrap();
        let c = g.country("TL").and_then(|i| g.entities.get(i as usize));
        assert_eq!(c.map(|r| r.id.as_str()), Some("tessaland"));
        assert_eq!(g.country("XX"), None);
    }

    #[test]
    fn same_id_extends_entity() {
        let mut b = GazetteerBuilder::new();
        b.add_rows(
            "a",
            parse(
                "a.tsv",
                "id\ttype\tcanonical\taliases\nx\tPERSON\tX Y\tXY\n",
            )
            .unwrap(),
        );
        b.add_rows(
            "b",
            parse(
                "b.tsv",
                "id\ttype\tcanonical\taliases\nx\tPERSON\tX Y\tإكس\n",
            )
            .unwrap(),
        );
        assert_eq!(b.len(), 1);
        let g = b.build().unwrap();
        assert_eq!(g.entities.len(), 1);
    }
}
