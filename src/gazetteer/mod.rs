//! Gazetteers: lists of known entities with their aliases in every script, compiled into
//! one Aho-Corasick automaton over normalized aliases.
//!
//! Loading order matters only for ties: files given with `--gazetteer` are loaded after the
//! built-in ones, and a row whose `id` (and type) already exists adds its aliases to that
//! entity instead of creating a second one, so a user can extend a built-in entity.

mod check;
mod format;
mod matcher;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

pub use check::{check_file, CheckReport};
pub use format::{parse, EntityRow, COLUMNS};
pub use matcher::Matcher;

use crate::error::GazetteerError;
use crate::model::{Candidate, EntityType};
use crate::text::Prepared;

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
    pub priority: i32,
    pub flags: Vec<String>,
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
        use rayon::prelude::*;
        // The files parse independently; rows are added in file order, so the result
        // does not depend on the thread count.
        let parsed: Vec<Result<(String, Vec<EntityRow>), GazetteerError>> = BUILTIN
            .par_iter()
            .map(|(name, data)| {
                let name = format!("builtin:{name}");
                parse(&name, data).map(|rows| (name, rows))
            })
            .collect();
        for p in parsed {
            let (name, rows) = p?;
            self.add_rows(&name, rows);
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
            let all_case = row.has_flag("case");
            let no_case = row.has_flag("nocase");
            let mut aliases: Vec<(String, bool)> = Vec::with_capacity(row.aliases.len() + 1);
            if !row.has_flag("nocanonical") {
                aliases.push((
                    row.canonical.clone(),
                    all_case || (!no_case && is_acronym(&row.canonical)),
                ));
            }
            for a in &row.aliases {
                aliases.push((a.clone(), all_case || (!no_case && is_acronym(a))));
            }
            for a in &row.case_aliases {
                aliases.push((a.clone(), true));
            }
            let key = (row.id.clone(), row.etype);
            if let Some(&idx) = self.by_id.get(&key) {
                self.aliases[idx as usize].extend(aliases);
                continue;
            }
            let idx = self.entities.len() as u32;
            self.by_id.insert(key, idx);
            self.entities.push(EntityRecord {
                id: row.id,
                etype: row.etype,
                canonical: row.canonical,
                country: row.country,
                ids: row.ids,
                file: file.to_string(),
                priority: row.priority,
                flags: row.flags,
            });
            self.aliases.push(aliases);
        }
    }

    /// Appends everything another builder collected (same-id rows extend existing entities).
    pub fn merge(&mut self, other: GazetteerBuilder) {
        for (rec, aliases) in other.entities.into_iter().zip(other.aliases) {
            let key = (rec.id.clone(), rec.etype);
            if let Some(&idx) = self.by_id.get(&key) {
                self.aliases[idx as usize].extend(aliases);
                continue;
            }
            self.by_id.insert(key, self.entities.len() as u32);
            self.entities.push(rec);
            self.aliases.push(aliases);
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
        Ok(Gazetteer {
            entities: self.entities,
            matcher,
        })
    }
}

/// An acronym: Latin letters, all upper case, at most five of them ("US", "NATO", "FBI").
/// Acronyms match only in their written case so that "us" and "is" are not countries.
pub fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 5
        && letters.iter().all(|c| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '&' || c == '-')
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
}

impl Gazetteer {
    /// The built-in gazetteers only.
    pub fn builtin() -> Result<Gazetteer, GazetteerError> {
        let mut b = GazetteerBuilder::new();
        b.add_builtin()?;
        b.build()
    }

    /// Finds gazetteer mentions in a prepared text.
    pub fn annotate(&self, prep: &Prepared<'_>) -> Vec<Candidate> {
        self.matcher.find(prep, &self.entities)
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
