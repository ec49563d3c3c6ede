//! `khabar gazetteer check`: validates gazetteer files before they are used.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use super::{gazetteer_files, is_acronym, parse};
use crate::error::GazetteerError;
use crate::text::normalize;

/// What `khabar gazetteer check` found in a file or folder.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub files: usize,
    pub entities: usize,
    pub aliases: usize,
    /// `file:line: id` of rows whose id was already used (with the same type) in the same file.
    pub duplicate_ids: Vec<String>,
    /// Normalized aliases claimed by more than one entity, with the entity ids.
    pub shared_aliases: Vec<(String, Vec<String>)>,
    /// Case-insensitive aliases shorter than 3 letters (they match too much).
    pub short_aliases: Vec<String>,
}

impl CheckReport {
    /// Errors make the check fail; shared and short aliases are warnings.
    pub fn has_errors(&self) -> bool {
        !self.duplicate_ids.is_empty()
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} file(s), {} entities, {} aliases",
            self.files, self.entities, self.aliases
        )?;
        writeln!(f, "duplicate ids (errors): {}", self.duplicate_ids.len())?;
        for d in &self.duplicate_ids {
            writeln!(f, "  error: duplicate id {d}")?;
        }
        writeln!(
            f,
            "aliases shared by different entities (warnings): {}",
            self.shared_aliases.len()
        )?;
        for (a, ids) in self.shared_aliases.iter().take(50) {
            writeln!(f, "  warning: {a:?} is an alias of {}", ids.join(", "))?;
        }
        if self.shared_aliases.len() > 50 {
            writeln!(f, "  … and {} more", self.shared_aliases.len() - 50)?;
        }
        writeln!(
            f,
            "case-insensitive aliases under 3 letters (warnings): {}",
            self.short_aliases.len()
        )?;
        for a in self.short_aliases.iter().take(50) {
            writeln!(f, "  warning: short alias {a}")?;
        }
        Ok(())
    }
}

/// Checks a gazetteer file or folder: format errors are returned as `Err`, content
/// problems are listed in the report.
pub fn check_file(path: &Path) -> Result<CheckReport, GazetteerError> {
    let mut rep = CheckReport::default();
    let mut owners: HashMap<String, Vec<String>> = HashMap::new();
    for file in gazetteer_files(path)? {
        let data = std::fs::read_to_string(&file).map_err(|e| GazetteerError::Io {
            path: file.clone(),
            source: e,
        })?;
        let name = file.display().to_string();
        let rows = parse(&name, &data)?;
        rep.files += 1;
        let mut seen: HashMap<(String, crate::model::EntityType), usize> = HashMap::new();
        for row in &rows {
            if let Some(first) = seen.insert((row.id.clone(), row.etype), row.line) {
                rep.duplicate_ids.push(format!(
                    "{name}:{}: {} (first on line {first})",
                    row.line, row.id
                ));
                continue;
            }
            rep.entities += 1;
            let all_case = row.has_flag("case");
            let mut list: Vec<(&String, bool)> = Vec::new();
            // With `nocanonical` the canonical name is a display name only, as in the matcher.
            if !row.has_flag("nocanonical") {
                list.push((&row.canonical, all_case || is_acronym(&row.canonical)));
            }
            list.extend(row.aliases.iter().map(|a| (a, all_case || is_acronym(a))));
            list.extend(row.case_aliases.iter().map(|a| (a, true)));
            for (a, case) in list {
                rep.aliases += 1;
                let n = normalize(a);
                let letters = n.chars().filter(|c| c.is_alphanumeric()).count();
                if letters < 3 && !case {
                    rep.short_aliases
                        .push(format!("{name}:{}: {a:?} of {}", row.line, row.id));
                }
                let ids = owners.entry(n).or_default();
                if !ids.contains(&row.id) {
                    ids.push(row.id.clone());
                }
            }
        }
    }
    let shared: BTreeMap<String, Vec<String>> =
        owners.into_iter().filter(|(_, v)| v.len() > 1).collect();
    rep.shared_aliases = shared.into_iter().collect();
    Ok(rep)
}
