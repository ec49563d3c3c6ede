//! timeline.xlsx opens in a spreadsheet program: LibreOffice, when it is installed, reads
//! every sheet of the workbook of `samples/` and shows the same documents and entities as
//! the CSV files. Skips with a message where `soffice` is not on the PATH (it is not part
//! of the project's set-up; `apt-get install libreoffice-calc-nogui` gives it).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

#[test]
fn libreoffice_reads_every_sheet() {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("skipping: soffice (LibreOffice) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    assert_eq!(extract(&[&samples], &out, &["--quiet"]).code, 0);
    let csv_dir = dir.path().join("sheets");
    // Filter options: comma, double quote, UTF-8 (76), first line 1, …, and the last -1:
    // every sheet to a file of its own (timeline-<sheet>.csv).
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("lo").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(&csv_dir)
        .arg(out.join("timeline.xlsx"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sheet = |name: &str| -> Vec<Vec<String>> {
        let path = csv_dir.join(format!("timeline-{name}.csv"));
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        r.records()
            .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    // The documents sheet: the same ids, titles (Arabic included) and counts as
    // documents.csv, the counts read as numbers.
    let docs = sheet("documents");
    let manifest = csv_rows(&out.join("documents.csv"));
    assert_eq!(
        docs.len(),
        manifest.len() + 1,
        "a header and one row per document"
    );
    assert_eq!(docs[0][0], "doc_id");
    for (row, want) in docs[1..].iter().zip(&manifest) {
        assert_eq!(row[0], want[0]);
        assert_eq!(row[2], want[2], "title");
        assert_eq!(row[8..], want[8..], "counts");
    }
    // The entities sheet: every entity of entities.csv, in the same order.
    let entities = sheet("entities");
    let table = csv_rows(&out.join("entities.csv"));
    let ids = |rows: &[Vec<String>]| rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&entities[1..]), ids(&table));
    // The timeline and events sheets hold rows too.
    for name in ["timeline", "events"] {
        assert!(sheet(name).len() > 1, "{name}");
    }
}
