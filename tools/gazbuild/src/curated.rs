//! Loads the hand-written lists of `gazetteers/curated/` (the gazetteer format itself,
//! each row with a `source` column) as curated entities.

use std::path::Path;

use crate::entity::{Ent, Kind, Origin, Store};
use crate::BuildError;

/// Adds every `.tsv` file of `dir` (sorted) to the store; returns the files read.
pub fn load(dir: &Path, store: &mut Store) -> Result<Vec<String>, BuildError> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| BuildError::Io {
            path: dir.to_path_buf(),
            source: e,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut names = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| BuildError::Io {
            path: f.clone(),
            source: e,
        })?;
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let rows = khabar::gazetteer::parse(&f.display().to_string(), &text)?;
        for row in rows {
            let kind = Kind::parse(row.etype.as_str())
                .ok_or_else(|| BuildError::Data(format!("{name}:{}: unknown type", row.line)))?;
            let source = row.source.clone().unwrap_or_else(|| "curated".into());
            let mut e = Ent::new(
                &row.id,
                kind,
                &row.canonical,
                &source,
                if row.priority != 0 { row.priority } else { 50 },
            );
            e.country = row.country.clone();
            if let Some(ids) = &row.ids {
                for k in ids.split('|').map(str::trim).filter(|k| !k.is_empty()) {
                    e.id_key(k.to_string());
                }
            }
            for a in &row.aliases {
                e.alias(a, Origin::Curated);
            }
            for a in &row.case_aliases {
                e.case_alias(a, Origin::Curated);
            }
            for f in &row.flags {
                if f != "generated" {
                    e.flags.insert(f.clone());
                }
            }
            store.add_curated(e);
        }
        names.push(name);
    }
    Ok(names)
}
