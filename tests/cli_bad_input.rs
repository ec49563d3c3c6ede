//! Bad input: every kind gets a stderr line and a manifest row with status `error`, the run
//! goes on with the other documents, and the exit status is 1. Nothing panics, not even
//! when the reader of standard output goes away.

mod common;

use std::path::Path;

use common::*;

const GOOD: &str = "Biden called Putin about ransomware attacks from Russia.\n";

/// Runs a folder holding one good article plus `bad` (name, bytes) and checks the bad one
/// is reported with `expect` in its error.
fn check_bad(name: &str, bytes: &[u8], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "good.txt", GOOD.as_bytes());
    write(&input, name, bytes);
    check_folder(&input, dir.path(), name, expect);
}

fn check_folder(input: &Path, tmp: &Path, bad_id: &str, expect: &str) {
    let out = tmp.join("out");
    let o = extract(&[input], &out, &["--quiet"]);
    assert_eq!(
        o.code, 1,
        "exit 1 when a document failed; stderr: {}",
        o.stderr
    );
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    let line = o
        .stderr
        .lines()
        .find(|l| l.starts_with("error:") && l.contains(expect))
        .unwrap_or_else(|| panic!("no stderr line with {expect:?}: {}", o.stderr));
    assert!(
        line.contains(bad_id.split('#').next().unwrap_or(bad_id)),
        "{line}"
    );
    let rows = csv_rows(&out.join("documents.csv"));
    let good = rows.iter().find(|r| r[0] == "good.txt").expect("good row");
    assert_eq!(good[6], "ok", "the run goes on: {rows:?}");
    let bad = rows
        .iter()
        .find(|r| r[0] == bad_id)
        .unwrap_or_else(|| panic!("no row {bad_id}: {rows:?}"));
    assert_eq!(bad[6], "error");
    assert!(bad[7].contains(expect), "{bad:?}");
    // documents.jsonl lists it too.
    let docs = jsonl(&out.join("documents.jsonl"));
    assert!(docs
        .iter()
        .any(|d| d["doc_id"] == bad_id && d["status"] == "error"));
}

#[test]
fn empty_file() {
    check_bad("empty.txt", b"", "empty file");
    check_bad("blank.txt", b"  \n \n", "empty file");
}

#[test]
fn binary_file() {
    check_bad("photo.txt", b"\x89PNG\r\n\x1a\nrest", "binary file");
    check_bad("nul.md", b"text\0\0\0more", "binary file");
}

#[test]
fn damaged_utf8_is_reported() {
    let mut b = "روسيا والولايات المتحدة وبوتين".as_bytes().to_vec();
    b.insert(6, 0xC3);
    check_bad("damaged.txt", &b, "invalid UTF-8 at byte 6");
}

#[test]
fn file_over_the_size_limit() {
    // 100 MB: sparse, so the test is cheap; the limit is checked before reading.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "good.txt", GOOD.as_bytes());
    let big = write(&input, "big.txt", GOOD.as_bytes());
    std::fs::File::options()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(100_000_000)
        .unwrap();
    check_folder(&input, dir.path(), "big.txt", "over the --max-bytes limit");

    // The limit is an option.
    let small = write(dir.path(), "small/a.txt", GOOD.repeat(10).as_bytes());
    let out = dir.path().join("out2");
    let o = extract(&[&small], &out, &["--quiet", "--max-bytes", "100"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("over the --max-bytes limit of 100 bytes"),
        "{}",
        o.stderr
    );
    let o = extract(&[&small], &out, &["--quiet", "--max-bytes", "100000"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

#[test]
fn invalid_json_lines_give_the_line_number() {
    let data = format!(
        "{}\n\n{{\"text\": \"broken\n{}\n",
        serde_json::json!({"id": "j1", "text": GOOD}),
        serde_json::json!({"id": "j3", "text": GOOD})
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "good.txt", GOOD.as_bytes());
    write(&input, "feed.jsonl", data.as_bytes());
    // Ids count objects (the blank line is not one); messages give the line number.
    check_folder(&input, dir.path(), "feed.jsonl#2", "line 3: invalid JSON");
    let rows = csv_rows(&dir.path().join("out/documents.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["j1", "feed.jsonl#2", "j3", "good.txt"],
        "sorted, lines in order"
    );
}

#[test]
fn json_objects_without_text() {
    let data = serde_json::json!([
        {"id": "ok1", "text": GOOD},
        {"id": "notext", "title": "headline only"},
        {"id": "blank", "text": "   "},
        42
    ]);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "good.txt", GOOD.as_bytes());
    write(&input, "batch.json", data.to_string().as_bytes());
    check_folder(&input, dir.path(), "notext", "no text");
    let rows = csv_rows(&dir.path().join("out/documents.csv"));
    let status = |id: &str| rows.iter().find(|r| r[0] == id).map(|r| r[6].clone());
    assert_eq!(status("ok1").as_deref(), Some("ok"));
    assert_eq!(status("blank").as_deref(), Some("error"));
    assert_eq!(status("batch.json#4").as_deref(), Some("error"));
    let invalid = write(&input, "invalid.json", b"{\"text\": ");
    let o = extract(&[&invalid], &dir.path().join("o2"), &["--quiet"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("invalid JSON"), "{}", o.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "good.txt", GOOD.as_bytes());
    let locked = write(&input, "locked.txt", GOOD.as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipping the chmod 000 assertion: running as root, the file stays readable");
    } else {
        check_folder(&input, dir.path(), "locked.txt", "cannot read");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_file(&locked).unwrap();

    // A fifo cannot be read as an article, for root too (reading it would block forever).
    let fifo = input.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.map(|s| s.success()).unwrap_or(false) {
        check_folder(&input, dir.path(), "pipe.txt", "not a regular file");
    } else {
        eprintln!("skipping the fifo case: mkfifo not available");
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "good.txt", GOOD.as_bytes());
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::os::unix::fs::symlink(&input, input.join("sub/back")).unwrap();
    check_folder(&input, dir.path(), "sub/back", "symlink loop");
}

#[test]
fn folder_with_no_articles() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "good.txt", GOOD.as_bytes());
    let empty = dir.path().join("pictures");
    write(&empty, "a.png", b"\x89PNG");
    write(&empty, ".hidden.txt", GOOD.as_bytes());
    let out = dir.path().join("out");
    let o = extract(&[&input, &empty], &out, &["--quiet"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("no articles in this folder"),
        "{}",
        o.stderr
    );
    let rows = csv_rows(&out.join("documents.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][6], "ok");
    assert_eq!(rows[1][6], "error");
    assert!(rows[1][7].contains("no articles"));
}

#[test]
fn missing_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = extract(&[&dir.path().join("nope"), &seed()], &out, &["--quiet"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("cannot read input"), "{}", o.stderr);
    assert_eq!(csv_rows(&out.join("documents.csv")).len(), 2);
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = extract(&[&seed()], &out, &["--dct", "10/07/2021"]);
    assert_eq!(o.code, 2, "bad --dct: {}", o.stderr);
    let bad = write(dir.path(), "bad.tsv", b"id\ttype\n");
    let o = extract(&[&seed()], &out, &["--gazetteer", bad.to_str().unwrap()]);
    assert_eq!(o.code, 2, "bad gazetteer: {}", o.stderr);
    assert!(
        !out.join("documents.jsonl").exists(),
        "no work before a config error"
    );
    let o = khabar(&["extract"], None);
    assert_eq!(o.code, 2, "no input");
}

/// Runs `khabar ARGS` with its standard output closed before it writes a byte (a reader
/// like `head` that went away): the command must end quietly, with status 0.
fn with_closed_stdout(args: &[&str]) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn khabar");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait khabar");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert_eq!(o.status.code(), Some(0), "{args:?}: {stderr}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let gold = gold.to_str().unwrap_or_default();
    with_closed_stdout(&["eval", "gold", gold, "--json"]);
    with_closed_stdout(&["eval", "gold", gold]);
    with_closed_stdout(&["extract", "--quiet", "--stdout", gold]);
}
