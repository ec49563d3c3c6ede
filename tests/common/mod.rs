//! Helpers of the CLI tests: run the real binary, read its output folder.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The text files of an output folder (timeline.xlsx aside: its zip carries a creation
/// time, so two runs never give the same bytes).
pub const TEXT_OUTPUTS: [&str; 9] = [
    "documents.jsonl",
    "documents.csv",
    "mentions.csv",
    "dates.csv",
    "events.csv",
    "indicators.csv",
    "entities.csv",
    "timeline.csv",
    "timeline.json",
];

/// What a run of the binary gave.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `khabar ARGS` with `stdin` fed in.
pub fn khabar(args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn khabar");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(b) = stdin {
            pipe.write_all(b).expect("write stdin");
        }
    }
    let o = child.wait_with_output().expect("wait khabar");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Runs `khabar extract INPUTS -o OUT --quiet EXTRA`.
pub fn extract(inputs: &[&Path], out: &Path, extra: &[&str]) -> Out {
    let mut args: Vec<String> = vec!["extract".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    khabar(&refs, None)
}

/// The rows of a CSV of the output folder (header excluded), BOM stripped.
pub fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let data = std::fs::read(path).expect("read csv");
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&data).to_vec();
    let mut r = csv::Reader::from_reader(data.as_slice());
    r.records()
        .map(|rec| {
            rec.expect("csv record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// documents.jsonl as JSON values.
pub fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("read jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// `../shared/<rel>`, the research data beside the repository, or `None` after a note on
/// stderr: a fresh clone has no `../shared`, and the tests that read it skip there.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if !p.exists() {
        eprintln!("skipping: {} not found", p.display());
        return None;
    }
    Some(p)
}

/// The seed article of the repository.
pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/walla-biden-putin.txt")
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, bytes).expect("write file");
    p
}
