//! Embeds every file of `gazetteers/entities/` into the binary, so that khabar runs from
//! any folder with its built-in gazetteers, and the automaton `gazbuild` compiled from
//! them (`gazetteers/index/aliases.bin`), so that start-up need not compile it.

use std::path::Path;

fn main() {
    let dir = Path::new("gazetteers/entities");
    println!("cargo:rerun-if-changed=gazetteers/entities");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "tsv"));
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let abs = std::fs::canonicalize(f).expect("gazetteer file path");
        let name = f.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let dest = Path::new(&out_dir).join("builtin_gazetteers.rs");
    std::fs::write(dest, out).expect("write builtin_gazetteers.rs");

    // The built-in aliases' automaton, compiled by `cargo run -p gazbuild`. Without it
    // (or when it is stale) khabar compiles the automaton at start-up instead.
    let index = Path::new("gazetteers/index/aliases.bin");
    println!("cargo:rerun-if-changed={}", index.display());
    let bytes = std::fs::read(index).unwrap_or_default();
    std::fs::write(Path::new(&out_dir).join("builtin_index.bin"), bytes)
        .expect("write builtin_index.bin");
}
