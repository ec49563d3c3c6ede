//! Recorded scores and the regression check: a flat map of score names to percentages,
//! stored as JSON in the repository, compared with the scores of the current code.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Error;

/// Score name (`conll2003-dev.f1`, `gold.entities.f1`…) → percentage.
pub type Scores = BTreeMap<String, f64>;

/// A score that fell more than the tolerance below its recorded figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Regression {
    pub name: String,
    pub recorded: f64,
    pub current: f64,
}

/// Reads a baseline file; a missing file is an empty baseline.
pub fn load(path: &Path) -> Result<Scores, Error> {
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Scores::new()),
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    serde_json::from_str(&data).map_err(|e| Error::Data {
        what: path.display().to_string(),
        msg: e.to_string(),
    })
}

/// Writes a baseline file, scores rounded to two decimals, keys sorted.
pub fn save(path: &Path, scores: &Scores) -> Result<(), Error> {
    let rounded: Scores = scores
        .iter()
        .map(|(k, v)| (k.clone(), (v * 100.0).round() / 100.0))
        .collect();
    let mut text = serde_json::to_string_pretty(&rounded).map_err(|e| Error::Data {
        what: path.display().to_string(),
        msg: e.to_string(),
    })?;
    text.push('\n');
    std::fs::write(path, text).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Scores of `current` more than `tolerance` points below `recorded`. Scores that were
/// not measured this time (data absent) or not recorded yet are not regressions.
pub fn regressions(recorded: &Scores, current: &Scores, tolerance: f64) -> Vec<Regression> {
    recorded
        .iter()
        .filter_map(|(name, &rec)| {
            let cur = *current.get(name)?;
            (cur < rec - tolerance).then(|| Regression {
                name: name.clone(),
                recorded: rec,
                current: cur,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[(&str, f64)]) -> Scores {
        v.iter().map(|(k, x)| (k.to_string(), *x)).collect()
    }

    #[test]
    fn drops_beyond_one_point_fail() {
        let rec = s(&[("a", 50.0), ("b", 50.0), ("c", 50.0), ("gone", 10.0)]);
        let cur = s(&[("a", 49.2), ("b", 48.9), ("c", 70.0), ("new", 1.0)]);
        let r = regressions(&rec, &cur, 1.0);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].name, "b");
    }

    #[test]
    fn save_and_load_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        assert!(load(&p).unwrap().is_empty());
        save(&p, &s(&[("x.f1", 12.3456)])).unwrap();
        assert_eq!(load(&p).unwrap(), s(&[("x.f1", 12.35)]));
    }
}
