//! `khabar eval` as the CLI calls it: arguments parsed by clap into `EvalArgs`, then
//! `eval::run`. (The binary's wiring belongs to the CLI; this checks the library side.)

use std::path::Path;

use clap::Parser;
use khabar::eval::{run, EvalArgs};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    eval: EvalArgs,
}

fn exit_ok(args: &[&str]) -> bool {
    let cli = Cli::try_parse_from(std::iter::once("eval").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let code = run(cli.eval).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    format!("{code:?}") == format!("{:?}", std::process::ExitCode::SUCCESS)
}

#[test]
fn gold_text_and_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let dir = dir.to_str().unwrap_or_default();
    assert!(exit_ok(&["gold", dir]));
    assert!(exit_ok(&["gold", dir, "--json", "--no-rules"]));
}

#[test]
fn conll_and_dates_on_small_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let conll = tmp.path().join("x.conll");
    std::fs::write(&conll, "Putin B-PER\nspoke O\n\nin O\nMoscow B-LOC\n").expect("write");
    let dates = tmp.path().join("d.jsonl");
    std::fs::write(
        &dates,
        r#"{"id": "a", "lang": "en", "text": "on 3 May 2020", "ref": null, "expected": {"mention": "3 May 2020", "value": "2020-05-03", "grain": "day"}}"#,
    )
    .expect("write");
    let c = conll.to_str().unwrap_or_default();
    let bio = tmp.path().join("out.bio");
    let b = bio.to_str().unwrap_or_default();
    assert!(exit_ok(&["conll", c, "--errors", "3", "--bio-out", b]));
    let written = std::fs::read_to_string(&bio).expect("bio file written");
    assert!(written.contains("Moscow B-LOC "), "{written}");
    assert!(exit_ok(&[
        "conll",
        c,
        "--json",
        "--map",
        "GROUP=MISC",
        "--include-misc",
        "--doc-sentences",
        "1"
    ]));
    assert!(exit_ok(&[
        "dates",
        dates.to_str().unwrap_or_default(),
        "--json"
    ]));
    // A bad type mapping is a usage error, not a panic.
    let cli = Cli::try_parse_from(["eval", "conll", c, "--map", "NOPE=X"]).expect("parses");
    assert!(run(cli.eval).is_err());
}

#[test]
fn unreadable_inputs_are_errors() {
    let cli = Cli::try_parse_from(["eval", "conll", "/nonexistent/file.conll"]).expect("parses");
    assert!(run(cli.eval).is_err());
    let cli = Cli::try_parse_from(["eval", "gold", "/nonexistent/dir"]).expect("parses");
    assert!(run(cli.eval).is_err());
}
