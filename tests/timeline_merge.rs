//! The timeline merges reports of one event from several articles, and only those: the
//! same type and date, one report naming a subset of the other's participants, and a date
//! that names its year (the run without a year keeps each article's events apart).

mod common;

use common::*;

#[test]
fn reports_merge_only_when_they_name_the_same_participants() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    // Written for this test: one meeting told twice, a second meeting of one of its
    // participants the same day, and an undated statement of his in two articles.
    write(
        &input,
        "a.txt",
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on \
         March 3, 2023.\n\nA week later, Macron said the two leaders had agreed on little.\n"
            .as_bytes(),
    );
    write(
        &input,
        "b.txt",
        "Emmanuel Macron held talks in Berlin on March 3, 2023, his office said.\n\n\
         Macron said the visit had gone well.\n"
            .as_bytes(),
    );
    write(
        &input,
        "c.txt",
        "On March 3, 2023, Emmanuel Macron also met Canadian Prime Minister Justin Trudeau.\n"
            .as_bytes(),
    );
    let out = dir.path().join("out");
    let o = extract(&[&input], &out, &["--quiet"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let rows = csv_rows(&out.join("timeline.csv"));
    // date, type, agents, others, documents
    let got: Vec<[&str; 5]> = rows
        .iter()
        .map(|r| [&r[0], &r[1], &r[3], &r[5], &r[7]].map(String::as_str))
        .collect();
    assert_eq!(
        got,
        [
            [
                "2023-03-03",
                "Contact.Meet",
                "Emmanuel Macron",
                "Justin Trudeau",
                "c.txt"
            ],
            [
                "2023-03-03",
                "Contact.Meet",
                "Emmanuel Macron",
                "Olaf Scholz",
                "a.txt | b.txt"
            ],
            ["", "Statement.Say", "Emmanuel Macron", "", "a.txt"],
            ["", "Statement.Say", "Emmanuel Macron", "", "b.txt"],
        ]
    );
}
