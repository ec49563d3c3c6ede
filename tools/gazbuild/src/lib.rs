//! gazbuild: rebuilds khabar's built-in gazetteers (`gazetteers/entities/*.tsv`) from
//! the raw source tables in `../shared/data/gazetteers-raw` and the curated lists in
//! `gazetteers/curated/`, deterministically (same inputs, same bytes).

pub mod curated;
pub mod entity;
pub mod raw;
pub mod resolve;
pub mod safeguards;
pub mod script;
pub mod sound;
pub mod sources;
pub mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use entity::Store;
use raw::Table;

/// Errors of the build.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Gazetteer(#[from] khabar::GazetteerError),
    #[error("{0}")]
    Data(String),
}

/// The raw source folder.
#[derive(Debug)]
pub struct Raw {
    pub dir: PathBuf,
}

impl Raw {
    /// Reads `rel` (e.g. `cldr/us-states-ar.tsv`) below the raw folder.
    pub fn table(&self, rel: &str) -> Result<Table, BuildError> {
        Table::read(&self.dir.join(rel))
    }
}

/// Where to read and write.
#[derive(Debug, Clone)]
pub struct Paths {
    /// `../shared/data/gazetteers-raw`.
    pub raw: PathBuf,
    /// `../shared/data/corpus` (word frequencies for the common-word safeguard).
    pub corpus: PathBuf,
    /// The repository root: reads `gazetteers/curated/`, writes `gazetteers/`.
    pub root: PathBuf,
}

impl Paths {
    /// The default layout relative to the repository root.
    pub fn from_root(root: &Path) -> Paths {
        Paths {
            raw: root.join("../shared/data/gazetteers-raw"),
            corpus: root.join("../shared/data/corpus"),
            root: root.to_path_buf(),
        }
    }
}

/// Runs the whole build and writes the outputs; returns the counts.
pub fn build(p: &Paths) -> Result<write::Counts, BuildError> {
    let raw = Raw { dir: p.raw.clone() };
    let mut cw = safeguards::CommonWords::load(&p.corpus)?;
    safeguards::load_names(&raw, &mut cw)?;
    let mut store = Store::default();
    let curated = curated::load(&p.root.join("gazetteers/curated"), &mut store)?;
    let countries = sources::geo::countries(&raw, &mut store)?;
    sources::geo::regions(&raw, &mut store)?;
    let city_ar = sources::geo::cities(&raw, &mut store, &countries)?;
    sources::geo::subdivisions(&raw, &mut store, &countries, &city_ar)?;
    sources::groups::cyber_groups(&raw, &mut store)?;
    sources::groups::militant_groups(&raw, &mut store)?;
    sources::groups::malware(&raw, &mut store)?;
    sources::orgs::parties(&raw, &mut store, &countries.iso3)?;
    sources::orgs::companies(&raw, &mut store)?;
    sources::orgs::agencies_and_vendors(&raw, &mut store)?;
    let tr = sources::people::Translit::load(&raw)?;
    let first: HashMap<String, ()> = cw.names.iter().map(|n| (n.clone(), ())).collect();
    sources::people::people(&raw, &mut store, &tr, &first, &cw.ar_given)?;
    let (finals, collisions, tally) = resolve::finish(store.ents, &cw);
    let counts = write::write_all(&p.root, &finals, &collisions, tally, &curated)?;
    write_index(&p.root)?;
    Ok(counts)
}

/// Compiles the gazetteers just written under `root/gazetteers/entities` as khabar
/// embeds them, into the alias trie `root/gazetteers/index/aliases.bin` and the snapshot
/// of the compiled gazetteer `root/gazetteers/index/builtin.bin`, which khabar embeds so
/// that start-up loads both instead of compiling them.
pub fn write_index(root: &Path) -> Result<(), BuildError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BuildError::Io { path, source }
    };
    // The files build.rs embeds: the `.tsv` files of the folder, sorted by name.
    let src = root.join("gazetteers/entities");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&src)
        .map_err(io(&src))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for p in &paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push((name, std::fs::read_to_string(p).map_err(io(p))?));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut b = khabar::gazetteer::GazetteerBuilder::new();
    b.add_embedded(&files)?;
    let index = b.build()?.matcher.index_bytes()?;
    let snapshot = khabar::gazetteer::builtin_snapshot(&files)?;
    let dir = root.join("gazetteers/index");
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    for (name, bytes) in [("aliases.bin", index), ("builtin.bin", snapshot)] {
        let file = dir.join(name);
        std::fs::write(&file, bytes).map_err(io(&file))?;
    }
    Ok(())
}
