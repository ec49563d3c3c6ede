//! The output files: the seed article's entities with exact offsets, determinism across
//! thread counts, encodings, CSV BOM and formula neutralization, the documents.jsonl field
//! order, stdin and `--stdout`.

mod common;

use std::path::Path;

use common::*;

/// `text[start..end]` in code points.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn seed_article_entities_with_exact_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = extract(&[&seed()], &out, &["--dct", "2021-07-10"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("1 documents (1 ok, 0 failed)") && o.stderr.contains("MB/s"),
        "summary line: {}",
        o.stderr
    );
    let text = std::fs::read_to_string(seed()).unwrap();
    let docs = jsonl(&out.join("documents.jsonl"));
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["doc_id"], "walla-biden-putin.txt");
    assert_eq!(d["dct"], "2021-07-10");
    assert_eq!(d["dct_source"], "cli");
    assert_eq!(d["status"], "ok");
    assert_eq!(d["lang"], "ar");
    let ents = d["entities"].as_array().unwrap();
    let find = |name: &str| {
        ents.iter()
            .find(|e| e["canonical"] == name)
            .unwrap_or_else(|| panic!("{name} not found"))
    };
    for (name, ty) in [
        ("Joe Biden", "PERSON"),
        ("Vladimir Putin", "PERSON"),
        ("Russia", "LOCATION"),
        ("United States", "LOCATION"),
    ] {
        assert_eq!(find(name)["type"], ty);
    }
    let mut all = 0;
    for e in ents {
        for m in e["mentions"].as_array().unwrap() {
            let (s, t) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert_eq!(
                slice(&text, s as usize, t as usize),
                m["text"].as_str().unwrap()
            );
            all += 1;
        }
    }
    assert!(all >= 20, "{all} mentions");
    // Putin inside لبوتين (the title's first words), without the clitic.
    let putin = find("Vladimir Putin")["mentions"]
        .as_array()
        .unwrap()
        .clone();
    let first = &putin[0];
    assert_eq!(first["text"], "بوتين");
    assert_eq!(slice(&text, 6, 12), "لبوتين");
    assert_eq!(first["start"], 7);
    let surfaces: Vec<&str> = find("Joe Biden")["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(surfaces.contains(&"جو بايدن") && surfaces.contains(&"بايدن"));

    // The other files exist and agree.
    for f in TEXT_OUTPUTS.into_iter().chain(["timeline.xlsx"]) {
        assert!(out.join(f).is_file(), "{f}");
    }
    let mentions = csv_rows(&out.join("mentions.csv"));
    assert_eq!(mentions.len(), all);
    let entities = csv_rows(&out.join("entities.csv"));
    let biden = entities.iter().find(|r| r[0] == "joe-biden").unwrap();
    assert_eq!(biden[2], "PERSON");
    assert_eq!(biden[5], "1");
    assert_eq!(biden[6], "2021-07-10");
    let manifest = csv_rows(&out.join("documents.csv"));
    assert_eq!(manifest[0][8], ents.len().to_string());
    let xlsx = std::fs::read(out.join("timeline.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");
    // The workbook inflates to its four sheets, with the seed's rows in Arabic.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a readable zip");
    let mut part = |name: &str| -> String {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut s).unwrap();
        s
    };
    let workbook = part("xl/workbook.xml");
    for sheet in ["timeline", "events", "entities", "documents"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "sheet {sheet}"
        );
    }
    let entities_sheet = part("xl/worksheets/sheet3.xml");
    assert!(entities_sheet.contains("joe-biden") && entities_sheet.contains("بايدن"));
    assert!(part("xl/worksheets/sheet4.xml").contains("walla-biden-putin.txt"));
}

#[test]
fn documents_jsonl_field_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    extract(&[&seed()], &out, &["--quiet"]);
    let line = std::fs::read_to_string(out.join("documents.jsonl")).unwrap();
    let keys = [
        "\"doc_id\"",
        "\"path\"",
        "\"title\"",
        "\"lang\"",
        "\"dct\"",
        "\"dct_source\"",
        "\"status\"",
        "\"error\"",
        "\"entities\"",
        "\"dates\"",
        "\"events\"",
    ];
    let pos: Vec<usize> = keys
        .iter()
        .map(|k| line.find(k).unwrap_or_else(|| panic!("{k} missing")))
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
    assert!(line.starts_with("{\"doc_id\":"));
    let d: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(
        d["dct"],
        serde_json::Value::Null,
        "no --dct, no date in the file"
    );
    assert_eq!(d["dct_source"], "none");
}

/// A small corpus with several files, formats and an error, for determinism.
fn corpus(dir: &Path) {
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    for i in 0..12 {
        write(dir, &format!("ar/{i:02}.txt"), seed_text.as_bytes());
    }
    write(
        dir,
        "en/2021-07-06-breach.md",
        b"# Hackers breach Republican servers\n\nRussian hackers breached the servers of the Republican Party on Tuesday, officials in the United States said. Biden spoke with Putin.\n",
    );
    let lines: String = (0..30)
        .map(|i| {
            serde_json::json!({"id": format!("w{i}"), "text": format!("Putin met Biden in Geneva, report {i}. روسيا والولايات المتحدة"), "date": "2021-06-16"}).to_string() + "\n"
        })
        .collect();
    write(dir, "feed.jsonl", lines.as_bytes());
    write(dir, "broken.txt", b"");
    write(
        dir,
        "page.html",
        "<html><head><title>Summit &amp; talks</title><script>var a = '<p>';</script></head>\
         <body><p>Biden met Putin in Geneva.</p><p>روسيا والولايات المتحدة</p></body></html>"
            .as_bytes(),
    );
}

#[test]
fn one_and_two_threads_give_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    corpus(&input);
    let (o1, o2) = (dir.path().join("j1"), dir.path().join("j2"));
    let r1 = extract(
        &[&input],
        &o1,
        &["-j", "1", "--quiet", "--dct", "2021-07-10"],
    );
    let r2 = extract(
        &[&input],
        &o2,
        &["-j", "2", "--quiet", "--dct", "2021-07-10"],
    );
    assert_eq!(r1.code, 1, "broken.txt fails: {}", r1.stderr);
    assert_eq!(r2.code, 1);
    assert_eq!(r1.stderr, r2.stderr);
    for f in TEXT_OUTPUTS {
        let a = std::fs::read(o1.join(f)).unwrap();
        let b = std::fs::read(o2.join(f)).unwrap();
        assert!(a == b, "{f} differs between -j1 and -j2");
    }
    let docs = jsonl(&o1.join("documents.jsonl"));
    assert_eq!(docs.len(), 12 + 1 + 30 + 1 + 1);
    let page = docs.iter().find(|d| d["doc_id"] == "page.html").unwrap();
    assert_eq!(page["title"], "Summit & talks");
    assert!(page["entities"].as_array().unwrap().len() >= 3, "{page}");
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "ar/00.txt");
    assert_eq!(ids[12], "broken.txt");
    assert_eq!(ids[13], "en/2021-07-06-breach.md");
    assert_eq!(ids[14], "w0");
    let md = &docs[13];
    assert_eq!(md["title"], "Hackers breach Republican servers");
    assert_eq!(md["dct"], "2021-07-06");
    assert_eq!(md["dct_source"], "filename");
    assert_eq!(docs[14]["dct_source"], "json");
    assert_eq!(docs[0]["dct_source"], "cli");
}

#[test]
fn legacy_and_utf16_files_decode_to_the_same_text() {
    let text = std::fs::read_to_string(seed()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "a-utf8.txt", text.as_bytes());
    let (cp1256, _, bad) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!bad);
    write(&input, "b-cp1256.txt", &cp1256);
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    write(&input, "c-utf16le.txt", &le);
    write(&input, "d-utf16be.txt", &be);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    write(&input, "e-bom.txt", &bom);
    let out = dir.path().join("out");
    let o = extract(&[&input], &out, &["--quiet"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("b-cp1256.txt: decoded as windows-1256"),
        "a legacy decode is never silent: {}",
        o.stderr
    );
    let docs = jsonl(&out.join("documents.jsonl"));
    assert_eq!(docs.len(), 5);
    let strip = |d: &serde_json::Value| {
        let mut d = d.clone();
        d["doc_id"] = "".into();
        d["path"] = "".into();
        d
    };
    for d in &docs[1..] {
        assert_eq!(strip(d), strip(&docs[0]), "{}", d["doc_id"]);
    }
}

#[test]
fn csv_bom_and_formula_neutralization() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in/evil.txt",
        "=HYPERLINK(\"http://x\",\"click\")\n+Biden called Putin.\n".as_bytes(),
    );
    let out = dir.path().join("out");
    assert_eq!(extract(&[&input], &out, &["--quiet"]).code, 0);
    let raw = std::fs::read(out.join("documents.csv")).unwrap();
    assert!(raw.starts_with(b"\xEF\xBB\xBFdoc_id,"), "BOM by default");
    let rows = csv_rows(&out.join("documents.csv"));
    assert_eq!(rows[0][2], "'=HYPERLINK(\"http://x\",\"click\")");
    // documents.jsonl keeps the text as it is.
    let docs = jsonl(&out.join("documents.jsonl"));
    assert_eq!(docs[0]["title"], "=HYPERLINK(\"http://x\",\"click\")");

    let out2 = dir.path().join("out2");
    assert_eq!(
        extract(&[&input], &out2, &["--quiet", "--no-bom", "--no-xlsx"]).code,
        0
    );
    let raw = std::fs::read(out2.join("documents.csv")).unwrap();
    assert!(raw.starts_with(b"doc_id,"), "--no-bom");
    assert!(!out2.join("timeline.xlsx").exists(), "--no-xlsx");
}

#[test]
fn stdin_and_stdout_streaming() {
    let lines = [
        serde_json::json!({"id": "a", "text": "قال بايدن لبوتين", "lang": "ar"}),
        serde_json::json!({"id": "b", "title": "no text"}),
        serde_json::json!({"text": "Putin and Biden met in Russia."}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>();
    let dir = tempfile::tempdir().unwrap();
    let cwd_out = dir.path().join("never");
    let o = khabar(
        &["extract", "-", "--stdout", "-o", cwd_out.to_str().unwrap()],
        Some(lines.as_bytes()),
    );
    assert_eq!(o.code, 1, "one line has no text: {}", o.stderr);
    assert!(!cwd_out.exists(), "--stdout writes no files");
    let out: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = out.iter().map(|d| d["doc_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "stdin#3"]);
    assert_eq!(out[0]["entities"][1]["mentions"][0]["text"], "بوتين");
    assert_eq!(out[1]["status"], "error");
    assert!(
        o.stderr.contains("error: - (b): line 2: no text"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("3 documents (2 ok, 1 failed)"),
        "{}",
        o.stderr
    );
}

#[test]
fn gazetteer_option_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let g = write(
        dir.path(),
        "extra.tsv",
        "id\ttype\tcanonical\taliases\nacme-corp\tORGANIZATION\tAcme Corp\tAcme Corp|أكمي\n"
            .as_bytes(),
    );
    let input = write(
        dir.path(),
        "in/a.txt",
        "هاجم قراصنة شركة أكمي أمس.\n".as_bytes(),
    );
    let out = dir.path().join("out");
    let o = extract(
        &[&input],
        &out,
        &["--quiet", "--gazetteer", g.to_str().unwrap()],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let docs = jsonl(&out.join("documents.jsonl"));
    assert!(
        docs[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "acme-corp"),
        "{}",
        docs[0]
    );
    let o = khabar(&["gazetteer", "check", g.to_str().unwrap()], None);
    assert_eq!(o.code, 0, "{} {}", o.stdout, o.stderr);
    assert!(o.stdout.contains("1 entities"), "{}", o.stdout);
    let dup = write(
        dir.path(),
        "dup.tsv",
        "id\ttype\tcanonical\taliases\nx\tPERSON\tX\tXx Yy\nx\tPERSON\tX\tZz Ww\n".as_bytes(),
    );
    let o = khabar(&["gazetteer", "check", dup.to_str().unwrap()], None);
    assert_eq!(o.code, 1, "duplicate id: {}", o.stdout);
}

#[test]
fn help_teaches_with_examples() {
    for args in [
        vec!["--help"],
        vec!["extract", "--help"],
        vec!["gazetteer", "check", "--help"],
    ] {
        let o = khabar(&args, None);
        assert_eq!(o.code, 0);
        assert!(o.stdout.contains("Examples:"), "{args:?}: {}", o.stdout);
    }
}

#[test]
fn a_closed_stdout_pipe_stops_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..3000)
        .map(|i| {
            serde_json::json!({"id": i, "text": "Biden called Putin about attacks from Russia."})
                .to_string()
                + "\n"
        })
        .collect();
    let feed = write(dir.path(), "feed.jsonl", lines.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args([
            "extract",
            feed.to_str().unwrap(),
            "--stdout",
            "-q",
            "-j",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"doc_id\":\"0\""), "{first}");
    // The reader is dropped here: khabar's next writes hit a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_output_folder_inside_the_input_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news");
    write(&input, "a.txt", b"Biden called Putin.\n");
    let out = input.join("output");
    for _ in 0..2 {
        let o = extract(&[&input], &out, &["--quiet"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert_eq!(jsonl(&out.join("documents.jsonl")).len(), 1);
    }
}

#[test]
fn the_readme_main_job_on_samples() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let o = extract(&[&samples], &out, &["--dct", "2021-07-10"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let docs = jsonl(&out.join("documents.jsonl"));
    assert!(docs.len() >= 3, "the seed article and two more");
    let by_id = |id: &str| docs.iter().find(|d| d["doc_id"] == id).unwrap().clone();
    let seed = by_id("walla-biden-putin.txt");
    assert_eq!(seed["dct_source"], "cli");
    let hospital = by_id("2023-03-14-hospital-ransomware.txt");
    assert_eq!(hospital["dct"], "2023-03-14");
    assert_eq!(
        hospital["dct_source"], "header",
        "the التاريخ: line wins over the file name"
    );
    assert_eq!(hospital["lang"], "ar");
    let geneva = by_id("2021-06-16-geneva-summit.md");
    assert_eq!(geneva["dct_source"], "filename");
    assert_eq!(geneva["title"], "Biden and Putin meet in Geneva");
    assert_eq!(geneva["lang"], "en");
    let entities = csv_rows(&out.join("entities.csv"));
    let putin = entities.iter().find(|r| r[0] == "vladimir-putin").unwrap();
    assert_eq!(putin[5], "2", "Putin is in two sample articles");
    assert_eq!(putin[6], "2021-06-16");
    assert_eq!(putin[7], "2021-07-10");
}

#[test]
fn a_workbook_without_temporary_space_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["extract", "-q", "-o"])
        .arg(&out)
        .arg(seed())
        .env("TMPDIR", dir.path().join("missing"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("timeline.xlsx: cannot create a temporary file")
            && stderr.contains("--no-xlsx"),
        "{stderr}"
    );
    // Without the workbook the run needs no temporary files.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["extract", "-q", "--no-xlsx", "-o"])
        .arg(&out)
        .arg(seed())
        .env("TMPDIR", dir.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}
