//! Embeds every file of `gazetteers/entities/` into the binary, so that khabar runs from
//! any folder with its built-in gazetteers, and what `gazbuild` compiled from them: the
//! trie (`gazetteers/index/aliases.bin`) and the snapshot of the compiled gazetteer
//! (`gazetteers/index/builtin.bin`), so that start-up need not compile either. A
//! fingerprint of the embedded files, computed here, tells start-up whether the
//! snapshot was made from them.

use std::path::Path;

/// The fingerprint function of the library (`khabar::gazetteer::files_fingerprint`).
#[path = "src/gazetteer/fnv.rs"]
mod fnv;

fn main() {
    let dir = Path::new("gazetteers/entities");
    println!("cargo:rerun-if-changed=gazetteers/entities");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "tsv"));
    files.sort();
    let mut out = String::from("&[\n");
    let mut contents = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let abs = std::fs::canonicalize(f).expect("gazetteer file path");
        let name = f.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
        contents.push((
            name.to_string(),
            std::fs::read(&abs).expect("gazetteer file"),
        ));
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let dest = Path::new(&out_dir).join("builtin_gazetteers.rs");
    std::fs::write(dest, out).expect("write builtin_gazetteers.rs");
    std::fs::write(
        Path::new(&out_dir).join("builtin_fingerprint.rs"),
        format!(
            "{:#018x}",
            fnv::fingerprint(
                contents
                    .iter()
                    .flat_map(|(n, d)| [n.as_bytes(), d.as_slice()]),
            )
        ),
    )
    .expect("write builtin_fingerprint.rs");

    // The built-in aliases' automaton and the compiled gazetteer, made by `cargo run -p
    // gazbuild -- index`. Without them (or when they are stale) khabar compiles both at
    // start-up instead.
    for (file, embedded) in [
        ("aliases.bin", "builtin_index.bin"),
        ("builtin.bin", "builtin_snapshot.bin"),
    ] {
        let path = Path::new("gazetteers/index").join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = std::fs::read(&path).unwrap_or_default();
        std::fs::write(Path::new(&out_dir).join(embedded), bytes)
            .unwrap_or_else(|e| panic!("write {embedded}: {e}"));
    }
}
