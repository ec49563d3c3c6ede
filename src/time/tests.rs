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

const DCT: Option<NaiveDate> = NaiveDate::from_ymd_opt(2021, 7, 10);

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

/// Asserts that `text` gives exactly one date with this value (and, when `mention` is
/// not empty, this text).
fn check(text: &str, dct: Option<NaiveDate>, mention: &str, want: &str) {
    let (t, v) = one(text, dct);
    assert_eq!(v, want, "{text:?}");
    if !mention.is_empty() {
        assert_eq!(t, mention, "{text:?}");
    }
}

#[test]
fn arabic_day_month_year_all_regions() {
    let cases = [
        (
            "وقع الهجوم في 4 يوليو 2021 على الشركة",
            "4 يوليو 2021",
            "2021-07-04",
        ),
        ("اجتمعوا في 4 تموز 2021", "4 تموز 2021", "2021-07-04"),
        (
            "صدر القرار يوم 12 جانفي 2020",
            "يوم 12 جانفي 2020",
            "2020-01-12",
        ),
        ("صدر القرار في 3 فيفري 2019", "3 فيفري 2019", "2019-02-03"),
        ("تم ذلك في 9 غشت 2018", "9 غشت 2018", "2018-08-09"),
        ("تم ذلك في 21 شتنبر 2018", "21 شتنبر 2018", "2018-09-21"),
        ("تم ذلك في 5 دجنبر 2017", "5 دجنبر 2017", "2017-12-05"),
        (
            "افتتح في 1 كانون الثاني 2015",
            "1 كانون الثاني 2015",
            "2015-01-01",
        ),
        (
            "افتتح في 30 تشرين الأول 2015",
            "30 تشرين الأول 2015",
            "2015-10-30",
        ),
        ("وصل في ٤ يوليو ٢٠٢١ إلى", "٤ يوليو ٢٠٢١", "2021-07-04"),
        (
            "في 26 فبراير (شباط) 2016 أعلن",
            "26 فبراير (شباط) 2016",
            "2016-02-26",
        ),
        (
            "في 3 تموز/يوليو 2020 أعلن",
            "3 تموز/يوليو 2020",
            "2020-07-03",
        ),
        (
            "في الأول من يوليو 2021 أعلن",
            "الأول من يوليو 2021",
            "2021-07-01",
        ),
        (
            "في الرابع عشر من أيار 2019",
            "الرابع عشر من أيار 2019",
            "2019-05-14",
        ),
        ("في 6 يناير، 2015 قال", "6 يناير، 2015", "2015-01-06"),
        (
            "في 10 مايو من عام 2014 قال",
            "10 مايو من عام 2014",
            "2014-05-10",
        ),
    ];
    for (text, mention, want) in cases {
        check(text, None, mention, want);
    }
}

#[test]
fn arabic_month_day_without_year_and_proclitics() {
    check("هجوم في 4 يوليو", DCT, "4 يوليو", "2021-07-04");
    check("هجوم في 4 يوليو", None, "4 يوليو", "XXXX-07-04");
    // Nearest the document date: a December date in a January article is last year's.
    check(
        "منذ 20 ديسمبر",
        Some(ymd(2021, 1, 5)),
        "20 ديسمبر",
        "2020-12-20",
    );
    // A future verb picks the next one.
    check(
        "ستعقد القمة في 3 يناير",
        Some(ymd(2021, 7, 10)),
        "3 يناير",
        "2022-01-03",
    );
    check("تم ذلك بتموز 2020", None, "تموز 2020", "2020-07");
    check("وفي يوليو الماضي أعلنت", DCT, "يوليو الماضي", "2020-07");
    check("خلال شهر يوليو أعلنت", DCT, "شهر يوليو", "2021-07");
    check("في أكتوبر أعلنت الشركة", DCT, "أكتوبر", "2020-10");
    // A date a few days after the document date is this year's, even without a future verb.
    check("التصويت في 15 يوليو", DCT, "15 يوليو", "2021-07-15");
}

#[test]
fn arabic_weekdays() {
    check("قال يوم (الجمعة) إن", DCT, "يوم (الجمعة)", "2021-07-09");
    check("قال الأحد إن", DCT, "الأحد", "2021-07-04");
    check("قال بالأمس إن", DCT, "الأمس", "2021-07-09");
    check(
        "وقع يوم الثلاثاء الماضي",
        DCT,
        "يوم الثلاثاء الماضي",
        "2021-07-06",
    );
    check(
        "سيزور الرئيس البلاد يوم الاثنين",
        DCT,
        "يوم الاثنين",
        "2021-07-12",
    );
    check("سوف يلتقي الوزير نظيره الخميس", DCT, "الخميس", "2021-07-15");
    check("تعقد القمة الأحد المقبل", DCT, "الأحد المقبل", "2021-07-11");
    check("قال يوم (الجمعة) إن", None, "يوم (الجمعة)", "XXXX-WXX-5");
    check(
        "وفي الجمعة 9 يوليو 2021 أعلن",
        None,
        "الجمعة 9 يوليو 2021",
        "2021-07-09",
    );
}

#[test]
fn arabic_relative_days_and_periods() {
    let cases = [
        ("قال أمس إن", "أمس", "2021-07-09"),
        ("قال البارحة إن", "البارحة", "2021-07-09"),
        ("وصل أول أمس إلى", "أول أمس", "2021-07-08"),
        ("يصل اليوم إلى", "اليوم", "2021-07-10"),
        ("يصل غدا إلى", "غدا", "2021-07-11"),
        ("يصل بعد غد إلى", "بعد غد", "2021-07-12"),
        ("أعلن الأسبوع الماضي", "الأسبوع الماضي", "2021-W26"),
        ("يعلن الشهر المقبل", "الشهر المقبل", "2021-08"),
        ("أعلن العام الماضي", "العام الماضي", "2020"),
        ("أعلن في هذا العام", "هذا العام", "2021"),
        ("أعلن منذ يومين", "منذ يومين", "2021-07-08"),
        ("أعلن قبل ثلاثة أيام", "قبل ثلاثة أيام", "2021-07-07"),
        ("أعلن منذ 3 أيام", "منذ 3 أيام", "2021-07-07"),
        ("أعلن قبل عامين", "قبل عامين", "2019"),
        ("يعلن بعد ثلاثة أيام", "بعد ثلاثة أيام", "2021-07-13"),
        ("التقيا قبل أسابيع قليلة", "قبل أسابيع قليلة", "PAST_REF"),
        ("التقيا قبل بضعة أشهر", "قبل بضعة أشهر", "PAST_REF"),
        ("يعمل حاليا على", "حاليا", "PRESENT_REF"),
        ("أعلن مؤخرا أن", "مؤخرا", "PAST_REF"),
        ("ستنتهي خلال الأسبوعين المقبلين", "الأسبوعين المقبلين", "P2W"),
        (
            "أبلغنا خلال عطلة نهاية الأسبوع",
            "عطلة نهاية الأسبوع",
            "2021-W27-WE",
        ),
        ("أعلن منذ عام وشهرين", "منذ عام وشهرين", "2020-05"),
        ("تصاعد خلال الأيام الماضية", "الأيام الماضية", "PAST_REF"),
        ("ارتفع في السنوات الأخيرة", "السنوات الأخيرة", "PAST_REF"),
        ("يتوقع خلال الأشهر المقبلة", "الأشهر المقبلة", "FUTURE_REF"),
        (
            "نما خلال السنوات الثلاث الماضية",
            "السنوات الثلاث الماضية",
            "P3Y",
        ),
    ];
    for (text, mention, want) in cases {
        check(text, DCT, mention, want);
    }
    check("قال أمس إن", None, "أمس", "XXXX-XX-XX");
    check("أعلن منذ يومين", None, "منذ يومين", "PAST_REF");
}

#[test]
fn arabic_years_decades_centuries() {
    check("قبل انتخابات عام 2016 بقليل", None, "عام 2016", "2016");
    check("في سنة 2016 حدث", None, "سنة 2016", "2016");
    check("تأسست 2016م في", None, "2016م", "2016");
    check("منذ 2014 يعمل", None, "2014", "2014");
    check("في مطلع 2020 بدأ", None, "مطلع 2020", "2020");
    check("في التسعينيات كانت", None, "التسعينيات", "199");
    check(
        "منذ تسعينيات القرن الماضي",
        DCT,
        "تسعينيات القرن الماضي",
        "199",
    );
    check(
        "في القرن الحادي والعشرين",
        None,
        "القرن الحادي والعشرين",
        "20",
    );
    check(
        "في الربع الأول من عام 2021 ارتفعت",
        None,
        "الربع الأول من عام 2021",
        "2021-Q1",
    );
    check("في صيف 2019 زار", None, "صيف 2019", "2019-SU");
    check("في الصيف الماضي زار", DCT, "الصيف الماضي", "2020-SU");
}

#[test]
fn years_and_centuries_before_christ() {
    check(
        "وشيد الملك المعبد عام 1180 قبل الميلاد على ضفة النهر",
        None,
        "عام 1180 قبل الميلاد",
        "BC1180",
    );
    check(
        "وتعود النقوش إلى القرن السابع ق.م وفق الباحثين",
        None,
        "القرن السابع ق.م",
        "BC06",
    );
    check(
        "The town was settled in 2000 BC by farmers",
        None,
        "2000 BC",
        "BC2000",
    );
    // Not a marker inside a longer word, and nothing after a plain year.
    check(
        "The BCCI case began in 1991 in London",
        None,
        "1991",
        "1991",
    );
    // A year before Christ is no anchor for the dates after it: "the same year" is not
    // read against it.
    let got = tv(
        "بني السور عام 1180 قبل الميلاد. وفي 12 مايو زار الوفد الموقع",
        DCT,
    );
    assert_eq!(got[0].1, "BC1180", "{got:?}");
    assert_eq!(got[1].1, "2021-05-12");
}

#[test]
fn arabic_ranges() {
    check(
        "من 13 إلى 15 يوليو 2021 تعقد",
        None,
        "من 13 إلى 15 يوليو 2021",
        "2021-07-13/2021-07-15",
    );
    check(
        "بين عامي 2014 و2016 نفذت",
        None,
        "بين عامي 2014 و2016",
        "2014/2016",
    );
    check("خلال الفترة 2014-2016 نفذت", None, "2014-2016", "2014/2016");
    assert_eq!(
        tv("تغطي الوثائق سبع سنوات (2004 - 2011).", None),
        [
            ("سبع سنوات".to_string(), "P7Y".to_string()),
            ("2004 - 2011".to_string(), "2004/2011".to_string()),
        ]
    );
    check(
        "من 13 يوليو إلى 2 أغسطس 2020",
        None,
        "",
        "2020-07-13/2020-08-02",
    );
}

#[test]
fn hijri_dates() {
    let d = tag("في 15 رمضان 1442 هـ أعلن", None);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].value, "2021-04-27");
    assert_eq!(d[0].text, "15 رمضان 1442 هـ");
    assert_eq!(d[0].calendar.as_deref(), Some("hijri"));
    check("في 1 محرم 1443 بدأ", None, "1 محرم 1443", "2021-08-09");
    check(
        "صدر عام 1442 هـ كتاب",
        None,
        "عام 1442 هـ",
        "2020-08-20/2021-08-08",
    );
    check(
        "في رمضان 1442 صام",
        None,
        "رمضان 1442",
        "2021-04-13/2021-05-12",
    );
    check("في 14-09-1432 هـ صدر", None, "14-09-1432 هـ", "2011-08-14");
    check(
        "في 10 ذو الحجة 1441 هـ",
        None,
        "10 ذو الحجة 1441 هـ",
        "2020-07-31",
    );
    // Hijri and Gregorian written together are one date.
    check(
        "في 15 رمضان 1442 هـ الموافق 27 أبريل 2021 م أعلن",
        None,
        "15 رمضان 1442 هـ الموافق 27 أبريل 2021 م",
        "2021-04-27",
    );
    check(
        "احتفل المسلمون بعيد الفطر 2021",
        None,
        "عيد الفطر 2021",
        "2021-05-13",
    );
    check("احتفل المسلمون بعيد الأضحى", DCT, "عيد الأضحى", "2021-07-20");
    check("في 15 رمضان أعلن", DCT, "15 رمضان", "2021-04-27");
}

#[test]
fn number_pairs_are_year_ranges_with_a_year_word_or_in_news_years() {
    check("بين عامي 1300 و1500 ازدهرت", None, "", "1300/1500");
    check("between 2014 and 2016 the firm", None, "", "2014/2016");
    check("sales from 1985 to 1986 rose", None, "", "1985/1986");
}

#[test]
fn a_year_of_today_s_hijri_calendar_without_its_marker() {
    // Gulf papers often write the Hijri year without هـ.
    check(
        "أنشئت الهيئة عام 1436 بقرار من المجلس",
        None,
        "عام 1436",
        "2014-10-25/2015-10-13",
    );
    let d = tag("ميزانية العام 1437 أكبر", None);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].calendar.as_deref(), Some("hijri"));
    // Marked Gregorian, outside 1400–1450, or in English: a Gregorian year.
    check("في عام 1415 م سافر", None, "عام 1415 م", "1415");
    check("فتحت القسطنطينية عام 1453", None, "عام 1453", "1453");
    check("built in the year 1436 by", None, "year 1436", "1436");
}

#[test]
fn arabic_numeric_dates() {
    let d = tag("صدر في 4/7/2021 بيان", None);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].value, "2021-07-04");
    assert!(d[0].ambiguous);
    check("صدر في 2021/7/4 بيان", None, "2021/7/4", "2021-07-04");
    check("صدر في 25-12-2020 بيان", None, "25-12-2020", "2020-12-25");
    let d = tag("صدر في 25/12/2020 بيان", None);
    assert!(!d[0].ambiguous);
}

#[test]
fn arabic_times_with_dates() {
    let d = tag("6 يناير، 2015، الساعة 05:16 مساءً", None);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].value, "2015-01-06T17:16");
    assert_eq!(d[0].ttype, TimexType::Time);
}

#[test]
fn english_full_dates() {
    let cases = [
        (
            "It happened on July 4, 2021 in Miami.",
            "July 4, 2021",
            "2021-07-04",
        ),
        (
            "It happened on 4 July 2021 in Miami.",
            "4 July 2021",
            "2021-07-04",
        ),
        (
            "It happened on 2021-07-04 in Miami.",
            "2021-07-04",
            "2021-07-04",
        ),
        (
            "Filed on the 4th of July, 2021.",
            "4th of July, 2021",
            "2021-07-04",
        ),
        (
            "Published Aug 06, 2018 05:05 PM CDT here",
            "Aug 06, 2018 05:05 PM CDT",
            "2018-08-06T17:05",
        ),
        (
            "The attack began on Friday, July 9, 2021.",
            "Friday, July 9, 2021",
            "2021-07-09",
        ),
        ("Sales grew in May 2020 and", "May 2020", "2020-05"),
        ("Sales grew in December and", "December", "XXXX-12"),
    ];
    for (text, mention, want) in cases {
        check(text, None, mention, want);
    }
    let d = tag("The memo of 07/04/2021 said", None);
    assert_eq!(d[0].value, "2021-07-04");
    assert!(d[0].ambiguous);
    let d = tag("The memo of 13/04/2021 said", None);
    assert_eq!(d[0].value, "2021-04-13");
    assert!(!d[0].ambiguous);
}

#[test]
fn english_relative() {
    let cases = [
        ("He said yesterday that", "yesterday", "2021-07-09"),
        ("He will speak tomorrow", "tomorrow", "2021-07-11"),
        ("It was found two days ago by", "two days ago", "2021-07-08"),
        ("It was found last week by", "last week", "2021-W26"),
        ("It ships next month", "next month", "2021-08"),
        ("It fell earlier this year", "this year", "2021"),
        (
            "Hackers struck on Tuesday, officials said",
            "Tuesday",
            "2021-07-06",
        ),
        (
            "The ministers will meet on Tuesday",
            "Tuesday",
            "2021-07-13",
        ),
        ("They met last Friday", "last Friday", "2021-07-09"),
        (
            "Profits fell in the third quarter of 2020",
            "third quarter of 2020",
            "2020-Q3",
        ),
        ("Profits fell in Q3 2020", "Q3 2020", "2020-Q3"),
        ("It was popular in the 1990s", "1990s", "199"),
        (
            "It was found a few weeks ago",
            "a few weeks ago",
            "PAST_REF",
        ),
        ("It is currently down", "currently", "PRESENT_REF"),
        ("The outage lasted for two days", "two days", "P2D"),
        ("Last summer it rained", "Last summer", "2020-SU"),
        ("Attacks grew in recent years", "recent years", "PAST_REF"),
        (
            "More is expected in the coming weeks",
            "coming weeks",
            "FUTURE_REF",
        ),
    ];
    for (text, mention, want) in cases {
        check(text, DCT, mention, want);
    }
}

#[test]
fn english_years_and_ranges() {
    check(
        "The group has been active since 2016.",
        None,
        "2016",
        "2016",
    );
    check("In 2014 the group appeared", None, "2014", "2014");
    check("It was patched by mid-2016.", None, "mid-2016", "2016");
    check("It was patched in early 2016.", None, "early 2016", "2016");
    check(
        "It ran from 2014 to 2016.",
        None,
        "from 2014 to 2016",
        "2014/2016",
    );
    check(
        "It ran between 2014 and 2016.",
        None,
        "between 2014 and 2016",
        "2014/2016",
    );
    check(
        "Held from July 13 to 15, 2021.",
        None,
        "",
        "2021-07-13/2021-07-15",
    );
}

#[test]
fn no_false_dates() {
    let negatives = [
        "أصيب 100 شخص في الهجوم",
        "حصل على 2016 صوتا في الانتخابات",
        "He won 2016 votes in the election.",
        "اتصل على الرقم 0123456789 أو 2021-555-1234",
        "The price rose to $2016 per unit",
        "Upgrade to version 10.2.2016 quickly",
        "Patch CVE-2021-44228 quickly",
        "The flaw has a CVSS score of 9.8 out of 10",
        "The meeting starts at 10:30",
        "Chapter 12, page 3",
        "Install Windows 10 and APT29 tools",
        "اشترى 2020 سيارة جديدة",
        "May I help you?",
        "He will march on the capital",
        "عاد الأب إلى منزله",
        "رسوم بقيمة 1500 دولار",
        "IP 192.168.1.10 was blocked",
        "في اليوم العالمي للصحة",
        "التقى اثنين من المسؤولين",
        "نشر خلال الشهر تقارير",
        "The report may be late",
        "Protesters march to the square",
        "The sun rose over the sea",
        "Reporter June Smith wrote it",
        "يتراوح عددهم ما بين 1100 و1250 مقاتلا",
        "انخفض عدد الفروع من 5300 إلى 1980 فرعا",
        "The curfew runs from 1700 to 2100 local time",
    ];
    for t in negatives {
        let d = tag(t, DCT);
        assert!(d.is_empty(), "{t:?} gave {d:?}");
    }
}

#[test]
fn offsets_are_exact_slices_in_code_points() {
    let text = "وقال بايدن يوم (الجمعة) إن الهجوم وقع في 4 يوليو.";
    let d = tag(text, DCT);
    assert_eq!(d.len(), 2, "{d:?}");
    for m in &d {
        let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(slice, m.text);
        assert_eq!(&text[m.span.clone()], m.text);
    }
}

#[test]
fn time_anchor_for_hour_offsets() {
    let t = TimeTagger::builtin().unwrap();
    let prep = Prepared::new("منذ ساعتين", None);
    let at = ymd(2014, 9, 1).and_hms_opt(10, 30, 0);
    let d = t.annotate_at(&prep, at);
    assert_eq!(d[0].value, "2014-09-01T08:30");
    assert_eq!(d[0].ttype, TimexType::Time);
    // With a date only, the hours fall on that date.
    let d = t.annotate(&prep, Some(ymd(2014, 9, 1)));
    assert_eq!(d[0].value, "2014-09-01");
}

#[test]
fn tagger_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<TimeTagger>();
}

#[test]
fn arabic_ordinal_month_names_need_a_date_beside_them() {
    let dct = Some(ymd(2022, 3, 1));
    check(
        "وقع الهجوم في الشهر السابع من عام 2021",
        dct,
        "الشهر السابع من عام 2021",
        "2021-07",
    );
    check(
        "في 4 الشهر السابع 2021 اجتمع الوزراء",
        dct,
        "4 الشهر السابع 2021",
        "2021-07-04",
    );
    check(
        "صدر القرار في 12 الشهر الحادي عشر 2020",
        dct,
        "12 الشهر الحادي عشر 2020",
        "2020-11-12",
    );
    // "for the second month running" is no date.
    assert!(tv("ارتفع المؤشر للشهر الثاني على التوالي", dct).is_empty());
    assert!(tv("هذا هو الشهر الثالث للأزمة", dct).is_empty());
}

#[test]
fn a_part_of_the_day_before_a_day_joins_the_date() {
    // Invented sentences. The value stays the day's.
    assert_eq!(
        one("وصل الوفد فجر الجمعة إلى المطار.", DCT),
        ("فجر الجمعة".to_string(), "2021-07-09".to_string())
    );
    assert_eq!(
        one("عقد المجلس جلسته مساء أمس.", DCT),
        ("مساء أمس".to_string(), "2021-07-09".to_string())
    );
    assert_eq!(
        one("بدأ الإضراب صباح يوم الثلاثاء.", DCT),
        ("صباح يوم الثلاثاء".to_string(), "2021-07-06".to_string())
    );
    // Before anything but a day it is a word of its own (here a first name), and a run
    // of such words reads only the day after the last.
    assert!(tv("استقبل الأمير صباح الأحمد الوفد.", DCT).is_empty());
    assert_eq!(
        one("صباح مساء الخميس", DCT),
        ("مساء الخميس".to_string(), "2021-07-08".to_string())
    );
}

#[test]
fn a_future_modal_and_a_reported_clause_set_the_tense_of_a_date() {
    let cases = [
        // The modals of news reports make a day or a month the coming one.
        (
            "The panel is expected to reconvene on Tuesday",
            "Tuesday",
            "2021-07-13",
        ),
        (
            "The plant is due to reopen in September",
            "September",
            "2021-09",
        ),
        ("The firm plans to list on Monday", "Monday", "2021-07-12"),
        (
            "من المتوقع أن يصوت البرلمان يوم الثلاثاء",
            "يوم الثلاثاء",
            "2021-07-13",
        ),
        // After "that" or a colon begins what a speaker said, the day is the saying's.
        (
            "Lawyers for Okoro argued on Tuesday that their client will testify",
            "Tuesday",
            "2021-07-06",
        ),
        (
            "وقالت الوزارة يوم الثلاثاء إنها ستستأنف الحكم",
            "يوم الثلاثاء",
            "2021-07-06",
        ),
        (
            "وقال الوزير يوم الثلاثاء: سنستأنف الحكم",
            "يوم الثلاثاء",
            "2021-07-06",
        ),
        // "Than expected" is no modal.
        (
            "نشرت البيانات يوم الثلاثاء وكانت أضعف من المتوقع",
            "يوم الثلاثاء",
            "2021-07-06",
        ),
    ];
    for (text, mention, want) in cases {
        check(text, DCT, mention, want);
    }
}

#[test]
fn a_date_without_its_year_is_the_nearer_one_unless_a_word_says_otherwise() {
    let may = Some(ymd(2024, 5, 31));
    let cases = [
        // Much nearer ahead than back: this year's.
        (
            "A hearing was scheduled for September 19.",
            may,
            "September 19",
            "2024-09-19",
        ),
        (
            "The plant closed on February 3.",
            may,
            "February 3",
            "2024-02-03",
        ),
        // Nearer back: last year's.
        (
            "Talks broke down on December 28.",
            Some(ymd(2024, 1, 9)),
            "December 28",
            "2023-12-28",
        ),
        // "الماضي" after the date (the other calendar's month between) makes it last year's.
        (
            "استعاد الجيش البلدة في 17 أغسطس (آب) الماضي.",
            Some(ymd(2015, 7, 21)),
            "17 أغسطس (آب)",
            "2014-08-17",
        ),
    ];
    for (text, dct, mention, want) in cases {
        check(text, dct, mention, want);
    }
}

#[test]
fn the_ends_of_a_range_share_a_year_and_a_dateline_is_no_range() {
    let april = Some(ymd(1987, 4, 7));
    check(
        "Loading is set for August 1-10.",
        april,
        "August 1-10",
        "1987-08-01/1987-08-10",
    );
    check(
        "It bought bonds between Nov 14 and Jan 9 at par.",
        Some(ymd(1987, 3, 3)),
        "between Nov 14 and Jan 9",
        "1986-11-14/1987-01-09",
    );
    let d = tv(
        "TARNOW, Minn., April 2 - Nov 30 end results were mixed.",
        april,
    );
    let texts: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(texts, ["April 2", "Nov 30"], "{d:?}");
}

#[test]
fn a_day_and_month_that_name_a_street_or_a_bloc_are_no_date() {
    // Invented sentences: the day and month (no year) name a street, a city or a
    // political bloc, whole; no part of the name is read as a date either.
    for t in [
        "اندلعت اشتباكات في شارع 14 يوليو وسط المدينة",
        "افتتح متحف جديد في مدينة العاشر من رمضان",
        "وانتقد قياديون بارزون من تيار 14 آذار القرار",
        "Protesters gathered on 9 November Street in the old town",
        "Leaders of the March 8 Alliance met on Friday",
    ] {
        let d = tv(t, DCT);
        assert!(
            d.iter().all(|(text, _)| text == "Friday"),
            "{t:?} gave {d:?}"
        );
    }
    // With a year, or without the name's noun, the same words are dates.
    check(
        "اندلعت اشتباكات في 14 يوليو وسط المدينة",
        DCT,
        "14 يوليو",
        "2021-07-14",
    );
    check(
        "وقعت الحادثة في شارع فرعي في 14 يوليو 2019",
        DCT,
        "14 يوليو 2019",
        "2019-07-14",
    );
}

#[test]
fn a_count_and_a_unit_alone_are_a_length_of_time() {
    // Invented sentences. Without "ago", "later" or a preposition the amount is a length,
    // as TimeML reads it; a preposition before it is no part of it; a dual counts two.
    assert_eq!(
        tv(
            "The court gave him four years, with nine hours of debate.",
            DCT
        ),
        [
            ("four years".to_string(), "P4Y".to_string()),
            ("nine hours".to_string(), "PT9H".to_string()),
        ]
    );
    assert_eq!(
        tv(
            "قضى خمس سنوات في المنفى وسنتين في السجن ثم عمل لمدة 48 ساعة",
            DCT
        ),
        [
            ("خمس سنوات".to_string(), "P5Y".to_string()),
            ("سنتين".to_string(), "P2Y".to_string()),
            ("48 ساعة".to_string(), "PT48H".to_string()),
        ]
    );
    // One of a unit is no length ("one day he left"), nor are two decades an era's length.
    assert!(tv("One day he left, two decades on.", DCT).is_empty());
    // A direction after the unit belongs to the length; a day of a month, a count before
    // "today" and a count before "day Sunday" are no lengths.
    assert_eq!(
        one("تراجع الإنتاج خلال الـ40 يوما الماضية", DCT),
        ("40 يوما الماضية".to_string(), "P40D".to_string())
    );
    assert_eq!(
        one("وصلت في 12 من الشهر الماضي", DCT),
        ("الشهر الماضي".to_string(), "2021-06".to_string())
    );
    assert_eq!(
        one("وأصيب 35 يوم الجمعة في السوق", DCT),
        ("يوم الجمعة".to_string(), "2021-07-09".to_string())
    );
}

#[test]
fn the_units_of_a_compound_amount_grow_shorter() {
    // "3 years, 22 years" had been read as an elapsed-time list counting back from the
    // document's date.
    assert_eq!(
        tv("He served 3 years, 22 years after the war.", DCT),
        [
            ("3 years".to_string(), "P3Y".to_string()),
            ("22 years".to_string(), "P22Y".to_string()),
        ]
    );
    assert_eq!(one("It began 1 year, 2 months ago.", DCT).1, "2020-05");
}
