//! Rebuilding the gazetteers from the raw sources gives the committed bytes.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An empty folder of its own under the system's temporary folder.
fn fresh_dir(name: &str) -> PathBuf {
    let tmp = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("temp dir");
    tmp
}

/// The raw sources, or `None` (with a note) on a clone without `../shared`.
fn raw_sources(root: &Path) -> Option<PathBuf> {
    let raw = root.join("../shared/data/gazetteers-raw");
    if raw.exists() {
        Some(raw)
    } else {
        eprintln!("skipping: {} not found", raw.display());
        None
    }
}

#[test]
fn rebuild_is_identical_to_the_committed_files() {
    let root = repo();
    let Some(raw) = raw_sources(&root) else {
        return;
    };
    let tmp = fresh_dir("gazbuild-rebuild");
    let curated_dst = tmp.join("gazetteers/curated");
    std::fs::create_dir_all(&curated_dst).expect("temp dir");
    for entry in std::fs::read_dir(root.join("gazetteers/curated")).expect("curated lists") {
        let p = entry.expect("entry").path();
        if let Some(name) = p.file_name() {
            std::fs::copy(&p, curated_dst.join(name)).expect("copy");
        }
    }
    let paths = gazbuild::Paths {
        raw,
        corpus: root.join("../shared/data/corpus"),
        root: tmp.clone(),
    };
    gazbuild::build(&paths).expect("build");
    let mut compared = 0;
    let mut outputs = vec![
        "gazetteers/README.md".to_string(),
        "gazetteers/collisions.tsv".to_string(),
        "gazetteers/index/aliases.bin".to_string(),
        "gazetteers/index/builtin.bin".to_string(),
    ];
    for entry in std::fs::read_dir(tmp.join("gazetteers/entities")).expect("built files") {
        let p = entry.expect("entry").path();
        if let Some(name) = p.file_name() {
            outputs.push(format!("gazetteers/entities/{}", name.to_string_lossy()));
        }
    }
    for rel in &outputs {
        let built = std::fs::read(tmp.join(rel)).expect("built file");
        let committed = std::fs::read(root.join(rel)).unwrap_or_default();
        assert!(
            built == committed,
            "{rel} differs from a rebuild: run `cargo run -p gazbuild` and commit"
        );
        compared += 1;
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(compared >= 8, "only {compared} files compared");
}

/// The generated word lists of `gazetteers/rules/` come from `tools/rulelists/gen.py`,
/// which reads the raw sources and the shipped place gazetteer: running it again gives
/// the committed bytes.
#[test]
fn rule_lists_regenerate_to_the_committed_files() {
    let root = repo();
    let Some(raw) = raw_sources(&root) else {
        return;
    };
    let tmp = fresh_dir("rulelists-regen");
    let run = std::process::Command::new("python3")
        .arg(root.join("tools/rulelists/gen.py"))
        .arg(&raw)
        .arg(&tmp)
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipping: python3 could not be run ({e})");
            return;
        }
    };
    assert!(
        out.status.success(),
        "gen.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut compared = 0;
    for entry in std::fs::read_dir(&tmp).expect("generated lists") {
        let p = entry.expect("entry").path();
        let name = p
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let built = std::fs::read(&p).expect("generated file");
        let committed =
            std::fs::read(root.join("gazetteers/rules").join(&name)).unwrap_or_default();
        assert!(
            built == committed,
            "gazetteers/rules/{name} differs from a regeneration: run \
             `python3 tools/rulelists/gen.py` and commit"
        );
        compared += 1;
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(compared >= 3, "only {compared} lists compared");
}
