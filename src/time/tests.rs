//! Tests per expression family, Arabic and English.

use chrono::NaiveDate;

use super::TimeTagger;
use crate::model::{DateMention, TimexType};
use crate::text::Prepared;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<DateMention> {
    let t = TimeTagger::builtin().unwrap();
    let prep = Prepared::new(text, None);
    t.annotate(&prep, dct)
}

/// (text, value) pairs.
fn tv(text: &str, dct: Option<NaiveDate>) -> Vec<(String, String)> {
    tag(text, dct)
        .into_iter()
        .map(|d| (d.text, d.value))
        .collect()
}

fn one(text: &str, dct: Option<NaiveDate>) -> (String, String) {
    let v = tv(text, dct);
    assert_eq!(v.len(), 1, "{text:?} gave {v:?}");
    v.into_iter().next().unwrap()
}

fn value(text: &str, dct: Option<NaiveDate>) -> String {
    one(text, dct).1
}

const DCT: Option<NaiveDate> = NaiveDate::from_ymd_opt(2021, 7, 10);

#[test]
fn debug_print() {
    let _ = tv("في 4 يوليو", DCT);
}

fn seed() -> Option<String> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/walla-biden-putin.txt");
    std::fs::read_to_string(p).ok()
}

#[test]
fn seed_with_dct() {
    let Some(text) = seed() else {
        eprintln!("skipping: samples/walla-biden-putin.txt not found");
        return;
    };
    let got = tv(&text, DCT);
    eprintln!("{got:?}");
    let want = [
        ("الجمعة", "2021-07-09"),
        ("4 يوليو", "2021-07-04"),
        ("قبل أسابيع قليلة", "PAST_REF"),
        ("يوم الثلاثاء", "2021-07-06"),
        ("عام 2016", "2016"),
    ];
    for (t, v) in want {
        assert!(
            got.iter().any(|(gt, gv)| gt.contains(t) && gv == v),
            "{t} → {v} missing in {got:?}"
        );
    }
    // Nothing else but the weekend may be tagged.
    assert!(got.len() <= 6, "{got:?}");
}

#[test]
fn seed_without_dct() {
    let Some(text) = seed() else {
        eprintln!("skipping: samples/walla-biden-putin.txt not found");
        return;
    };
    let got = tv(&text, None);
    let want = [
        ("الجمعة", "XXXX-WXX-5"),
        ("4 يوليو", "XXXX-07-04"),
        ("قبل أسابيع قليلة", "PAST_REF"),
        ("يوم الثلاثاء", "XXXX-WXX-2"),
        ("عام 2016", "2016"),
    ];
    for (t, v) in want {
        assert!(
            got.iter().any(|(gt, gv)| gt.contains(t) && gv == v),
            "{t} → {v} missing in {got:?}"
        );
    }
}
