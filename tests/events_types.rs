//! Every event type of the contract, in Arabic and English, three sentences each in
//! different constructions (verb-first, SVO, nominal, passive). Entities are given by hand
//! so these tests check the event stage alone: trigger, type and roles.

use khabar::events::EventExtractor;
use khabar::text::Prepared;
use khabar::{Entity, EntityType, Event, Mention, Role};

use EntityType::{Group as G, Location as L, Organization as O, Person as P};

const A: Option<Role> = Some(Role::Agent);
const T: Option<Role> = Some(Role::Target);
const X: Option<Role> = Some(Role::Other);
/// Either side of a symmetric event (calls, meetings, agreements).
const ANY: Option<Role> = None;

type Ents = &'static [(&'static str, &'static str, EntityType)];
type Expect = &'static [(&'static str, Option<Role>)];

/// Entities from (surface, id, type): every occurrence of the surface in `text`.
fn entities(text: &str, prep: &Prepared<'_>, list: Ents) -> Vec<Entity> {
    list.iter()
        .map(|&(surface, id, etype)| Entity {
            id: id.into(),
            canonical: id.into(),
            etype,
            country: None,
            mentions: text
                .match_indices(surface)
                .map(|(s, _)| Mention {
                    text: surface.into(),
                    start: 0,
                    end: 0,
                    sentence: prep.sentence_of(s),
                    source: "test".into(),
                    confidence: 1.0,
                    span: s..s + surface.len(),
                })
                .collect(),
        })
        .collect()
}

fn check(
    x: &EventExtractor,
    text: &str,
    ents: Ents,
    etype: &str,
    expect: Expect,
) -> Result<(), String> {
    let prep = Prepared::new(text, None);
    let e = entities(text, &prep, ents);
    for (s, id, _) in ents {
        if !text.contains(s) {
            return Err(format!("test bug: {id} `{s}` not in `{text}`"));
        }
    }
    let events = x.extract(&prep, &e, &[], None);
    let ok = |ev: &Event| {
        ev.etype == etype
            && expect.iter().all(|&(id, role)| {
                ev.participants
                    .iter()
                    .any(|p| p.id == id && role.map_or(true, |r| r == p.role))
            })
    };
    if events.iter().any(ok) {
        Ok(())
    } else {
        let got: Vec<String> = events
            .iter()
            .map(|e| {
                let ps: Vec<String> = e
                    .participants
                    .iter()
                    .map(|p| format!("{}:{}", p.id, p.role.as_str()))
                    .collect();
                format!("{} [{}] {}", e.etype, e.trigger.text, ps.join(","))
            })
            .collect();
        Err(format!("{text}\n  want {etype} {expect:?}\n  got  {got:?}"))
    }
}

fn run(cases: &[(&str, Ents, &str, Expect)]) {
    let x = EventExtractor::builtin().expect("lexicon");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(t, e, ty, ex)| check(&x, t, e, ty, ex).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn arabic_contact_and_statements() {
    run(&[
        ("أجرى الرئيس الفرنسي إيمانويل ماكرون اتصالا هاتفيا مع المستشار الألماني أولاف شولتس.", &[("إيمانويل ماكرون", "macron", P), ("أولاف شولتس", "scholz", P)], "Contact.Call", &[("macron", A), ("scholz", X)]),
        ("اتصل ولي العهد السعودي محمد بن سلمان بالرئيس التركي رجب طيب أردوغان.", &[("محمد بن سلمان", "mbs", P), ("رجب طيب أردوغان", "erdogan", P)], "Contact.Call", &[("mbs", A), ("erdogan", X)]),
        ("جرت مكالمة هاتفية بين الملك عبدالله الثاني والرئيس المصري عبد الفتاح السيسي.", &[("عبدالله الثاني", "abdullah", P), ("عبد الفتاح السيسي", "sisi", P)], "Contact.Call", &[("abdullah", A), ("sisi", X)]),
        ("التقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره الصيني وانغ يي في بكين.", &[("أنتوني بلينكن", "blinken", P), ("وانغ يي", "wang", P), ("بكين", "beijing", L)], "Contact.Meet", &[("blinken", A), ("wang", X)]),
        ("عقد الرئيس الروسي فلاديمير بوتين اجتماعا مع رئيس الوزراء الهندي ناريندرا مودي في موسكو.", &[("فلاديمير بوتين", "putin", P), ("ناريندرا مودي", "modi", P), ("موسكو", "moscow", L)], "Contact.Meet", &[("putin", A), ("modi", X)]),
        ("بايدن وشي جين بينغ يجتمعان في بالي الأسبوع المقبل.", &[("بايدن", "biden", P), ("شي جين بينغ", "xi", P), ("بالي", "bali", L)], "Contact.Meet", &[("biden", ANY), ("xi", ANY)]),
        ("قال وزير الخارجية السعودي فيصل بن فرحان إن المملكة تدعم الحل السياسي.", &[("فيصل بن فرحان", "faisal", P)], "Statement.Say", &[("faisal", A)]),
        ("المتحدث باسم الكرملين دميتري بيسكوف قال للصحفيين إن الاجتماع كان مثمرا.", &[("دميتري بيسكوف", "peskov", P)], "Statement.Say", &[("peskov", A)]),
        ("وجاء في بيان لوزارة الخارجية القطرية أن الدوحة ترحب بالاتفاق.", &[("وزارة الخارجية القطرية", "qatar-mofa", O)], "Statement.Say", &[("qatar-mofa", A)]),
        ("نفت وزارة الدفاع الروسية مسؤوليتها عن القصف.", &[("وزارة الدفاع الروسية", "ru-mod", O)], "Statement.Deny", &[("ru-mod", A)]),
        ("الكرملين ينفي أي تدخل في الانتخابات الأمريكية.", &[("الكرملين", "kremlin", O)], "Statement.Deny", &[("kremlin", A)]),
        ("وجاء نفي حماس بعد ساعات من الاتهامات.", &[("حماس", "hamas", G)], "Statement.Deny", &[("hamas", A)]),
        ("اتهمت الولايات المتحدة كوريا الشمالية بشن الهجوم.", &[("الولايات المتحدة", "us", L), ("كوريا الشمالية", "nk", L)], "Statement.Accuse", &[("us", A), ("nk", T)]),
        ("جدد الجيش الإسرائيلي اتهامه لحزب الله بإطلاق الصواريخ.", &[("الجيش الإسرائيلي", "idf", O), ("حزب الله", "hezbollah", G)], "Statement.Accuse", &[("idf", A), ("hezbollah", T)]),
        ("إيران تتهم إسرائيل باغتيال العالم النووي.", &[("إيران", "iran", L), ("إسرائيل", "israel", L)], "Statement.Accuse", &[("iran", A), ("israel", T)]),
        ("حذر الأمين العام للأمم المتحدة أنطونيو غوتيريش من كارثة إنسانية في غزة.", &[("أنطونيو غوتيريش", "guterres", P), ("غزة", "gaza", L)], "Statement.Warn", &[("guterres", A)]),
        ("منظمة الصحة العالمية تحذر من موجة جديدة.", &[("منظمة الصحة العالمية", "who", O)], "Statement.Warn", &[("who", A)]),
        ("أطلقت وزارة الداخلية تحذيرا للمواطنين من السفر إلى لبنان.", &[("وزارة الداخلية", "moi", O), ("لبنان", "lebanon", L)], "Statement.Warn", &[("moi", A)]),
    ]);
}

#[test]
fn arabic_cyber() {
    run(&[
        (
            "تعرضت أرامكو لهجوم إلكتروني واسع يوم الاثنين.",
            &[("أرامكو", "aramco", O)],
            "Cyber.Attack",
            &[("aramco", T)],
        ),
        (
            "هاجم قراصنة مجموعة لازاروس شبكة البنك المركزي في بنغلاديش.",
            &[
                ("لازاروس", "lazarus", G),
                ("البنك المركزي", "cb", O),
                ("بنغلاديش", "bd", L),
            ],
            "Cyber.Attack",
            &[("lazarus", A), ("cb", T)],
        ),
        (
            "شنت مجموعة REvil هجمات فدية على شركة كاسيا الأمريكية.",
            &[("REvil", "revil", G), ("كاسيا", "kaseya", O)],
            "Cyber.Attack",
            &[("revil", A), ("kaseya", T)],
        ),
        (
            "اخترق قراصنة صينيون أنظمة وزارة الخارجية الأسترالية.",
            &[
                ("قراصنة صينيون", "cn-hackers", G),
                ("وزارة الخارجية الأسترالية", "au-mofa", O),
            ],
            "Cyber.Breach",
            &[("cn-hackers", A), ("au-mofa", T)],
        ),
        (
            "تم اختراق حسابات شركة تويتر من قبل مراهق أمريكي.",
            &[("تويتر", "twitter", O)],
            "Cyber.Breach",
            &[("twitter", T)],
        ),
        (
            "أدى اختراق خوادم شركة سوني إلى تسريب أفلام لم تعرض بعد.",
            &[("سوني", "sony", O)],
            "Cyber.Breach",
            &[("sony", T)],
        ),
        (
            "اكتشف باحثون ثغرة أمنية خطيرة في نظام ويندوز من مايكروسوفت.",
            &[("ويندوز", "windows", O), ("مايكروسوفت", "microsoft", O)],
            "Cyber.Vulnerability",
            &[("windows", T)],
        ),
        (
            "حذرت شركة أبل من ثغرات في متصفح سفاري.",
            &[("أبل", "apple", O), ("سفاري", "safari", O)],
            "Cyber.Vulnerability",
            &[("safari", T)],
        ),
        (
            "أعلنت غوغل عن ثغرة يوم الصفر في متصفح كروم.",
            &[("غوغل", "google", O), ("كروم", "chrome", O)],
            "Cyber.Vulnerability",
            &[("chrome", T)],
        ),
        (
            "أصدرت مايكروسوفت تحديثات أمنية لسد ثغرات في ويندوز.",
            &[("مايكروسوفت", "microsoft", O), ("ويندوز", "windows", O)],
            "Cyber.Patch",
            &[("microsoft", A), ("windows", T)],
        ),
        (
            "سدت شركة سيسكو الثغرة في أجهزة التوجيه.",
            &[("سيسكو", "cisco", O)],
            "Cyber.Patch",
            &[("cisco", A)],
        ),
        (
            "طرحت أبل تحديثا أمنيا لمتصفح سفاري بعد اكتشاف ثغرة.",
            &[("أبل", "apple", O), ("سفاري", "safari", O)],
            "Cyber.Patch",
            &[("apple", A), ("safari", T)],
        ),
    ]);
}

#[test]
fn arabic_conflict_justice_life_personnel_agreement() {
    run(&[
        (
            "شنت طائرات التحالف غارات جوية على مواقع الحوثيين في صعدة.",
            &[
                ("التحالف", "coalition", O),
                ("الحوثيين", "houthis", G),
                ("صعدة", "saada", L),
            ],
            "Conflict.Attack",
            &[("coalition", A), ("houthis", T)],
        ),
        (
            "هاجم مسلحون من حركة الشباب قاعدة عسكرية في الصومال.",
            &[("حركة الشباب", "shabaab", G), ("الصومال", "somalia", L)],
            "Conflict.Attack",
            &[("shabaab", A)],
        ),
        (
            "قتل ثلاثة جنود في هجوم انتحاري نفذه تنظيم داعش في كابول.",
            &[("داعش", "isis", G), ("كابول", "kabul", L)],
            "Conflict.Attack",
            &[("isis", A)],
        ),
        (
            "تظاهر أنصار حزب العمال أمام البرلمان في لندن.",
            &[("حزب العمال", "labour", O), ("لندن", "london", L)],
            "Conflict.Protest",
            &[("labour", A)],
        ),
        (
            "اندلعت احتجاجات واسعة في طهران ضد الحكومة الإيرانية.",
            &[("طهران", "tehran", L), ("الحكومة الإيرانية", "iran-gov", O)],
            "Conflict.Protest",
            &[("iran-gov", T)],
        ),
        (
            "نظمت نقابة المعلمين اعتصاما أمام وزارة التربية.",
            &[("نقابة المعلمين", "union", O), ("وزارة التربية", "moe", O)],
            "Conflict.Protest",
            &[("union", A)],
        ),
        (
            "اعتقلت الشرطة التركية الصحفي أحمد شيك في إسطنبول.",
            &[
                ("الشرطة التركية", "tr-police", O),
                ("أحمد شيك", "sik", P),
                ("إسطنبول", "istanbul", L),
            ],
            "Justice.Arrest",
            &[("tr-police", A), ("sik", T)],
        ),
        (
            "أعلنت النيابة العامة القبض على رجل الأعمال كارلوس غصن.",
            &[
                ("النيابة العامة", "prosecution", O),
                ("كارلوس غصن", "ghosn", P),
            ],
            "Justice.Arrest",
            &[("ghosn", T)],
        ),
        (
            "تم اعتقال الناشط علاء عبد الفتاح في القاهرة.",
            &[("علاء عبد الفتاح", "alaa", P), ("القاهرة", "cairo", L)],
            "Justice.Arrest",
            &[("alaa", T)],
        ),
        (
            "فرضت وزارة الخزانة الأمريكية عقوبات على شركة هواوي.",
            &[
                ("وزارة الخزانة الأمريكية", "treasury", O),
                ("هواوي", "huawei", O),
            ],
            "Justice.Sanction",
            &[("treasury", A), ("huawei", T)],
        ),
        (
            "الاتحاد الأوروبي يفرض عقوبات جديدة على روسيا.",
            &[("الاتحاد الأوروبي", "eu", O), ("روسيا", "russia", L)],
            "Justice.Sanction",
            &[("eu", A), ("russia", T)],
        ),
        (
            "عاقبت الولايات المتحدة شركة روسنفت الروسية.",
            &[("الولايات المتحدة", "us", L), ("روسنفت", "rosneft", O)],
            "Justice.Sanction",
            &[("us", A), ("rosneft", T)],
        ),
        (
            "وجه المدعي العام الفرنسي لائحة اتهام ضد الرئيس السابق نيكولا ساركوزي.",
            &[("نيكولا ساركوزي", "sarkozy", P)],
            "Justice.Charge",
            &[("sarkozy", T)],
        ),
        (
            "تحاكم محكمة باريس الجنائية الرئيس السابق نيكولا ساركوزي بتهمة الفساد.",
            &[
                ("محكمة باريس الجنائية", "court", O),
                ("نيكولا ساركوزي", "sarkozy", P),
            ],
            "Justice.Charge",
            &[("court", A), ("sarkozy", T)],
        ),
        (
            "مثل رجل الأعمال كارلوس غصن أمام المحكمة بتهمة التهرب الضريبي.",
            &[("كارلوس غصن", "ghosn", P)],
            "Justice.Charge",
            &[("ghosn", T)],
        ),
        (
            "توفي الممثل المصري نور الشريف عن عمر ناهز 79 عاما.",
            &[("نور الشريف", "sharif", P)],
            "Life.Die",
            &[("sharif", T)],
        ),
        (
            "قتل زعيم تنظيم القاعدة أيمن الظواهري في غارة أمريكية في كابول.",
            &[("أيمن الظواهري", "zawahiri", P), ("كابول", "kabul", L)],
            "Life.Die",
            &[("zawahiri", T)],
        ),
        (
            "أعلنت وسائل الإعلام الرسمية وفاة الملكة إليزابيث الثانية.",
            &[("إليزابيث الثانية", "elizabeth", P)],
            "Life.Die",
            &[("elizabeth", T)],
        ),
        (
            "انتخب البرلمان العراقي عبد اللطيف رشيد رئيسا للجمهورية.",
            &[
                ("البرلمان العراقي", "parliament", O),
                ("عبد اللطيف رشيد", "rashid", P),
            ],
            "Personnel.Elect",
            &[("parliament", A), ("rashid", T)],
        ),
        (
            "أعيد انتخاب إيمانويل ماكرون رئيسا لفرنسا.",
            &[("إيمانويل ماكرون", "macron", P), ("فرنسا", "france", L)],
            "Personnel.Elect",
            &[("macron", T)],
        ),
        (
            "أسفرت الانتخابات عن انتخاب نبيه بري رئيسا لمجلس النواب.",
            &[("نبيه بري", "berri", P)],
            "Personnel.Elect",
            &[("berri", T)],
        ),
        (
            "وقعت السعودية والصين اتفاقية شراكة استراتيجية.",
            &[("السعودية", "sa", L), ("الصين", "cn", L)],
            "Agreement.Sign",
            &[("sa", ANY), ("cn", ANY)],
        ),
        (
            "شهد الرئيس توقيع مذكرة تفاهم بين مصر والأردن.",
            &[("مصر", "egypt", L), ("الأردن", "jordan", L)],
            "Agreement.Sign",
            &[("egypt", ANY), ("jordan", ANY)],
        ),
        (
            "إسرائيل والإمارات توقعان اتفاق سلام في البيت الأبيض.",
            &[
                ("إسرائيل", "israel", L),
                ("الإمارات", "uae", L),
                ("البيت الأبيض", "white-house", O),
            ],
            "Agreement.Sign",
            &[("israel", ANY), ("uae", ANY)],
        ),
    ]);
}

#[test]
fn english_contact_and_statements() {
    run(&[
        (
            "Joe Biden held a phone call with Vladimir Putin on Friday.",
            &[("Joe Biden", "biden", P), ("Vladimir Putin", "putin", P)],
            "Contact.Call",
            &[("biden", A), ("putin", X)],
        ),
        (
            "Emmanuel Macron phoned Olaf Scholz to discuss the crisis.",
            &[
                ("Emmanuel Macron", "macron", P),
                ("Olaf Scholz", "scholz", P),
            ],
            "Contact.Call",
            &[("macron", A), ("scholz", X)],
        ),
        (
            "Narendra Modi spoke by phone with Benjamin Netanyahu.",
            &[
                ("Narendra Modi", "modi", P),
                ("Benjamin Netanyahu", "netanyahu", P),
            ],
            "Contact.Call",
            &[("modi", A), ("netanyahu", X)],
        ),
        (
            "Antony Blinken met Wang Yi in Beijing on Monday.",
            &[
                ("Antony Blinken", "blinken", P),
                ("Wang Yi", "wang", P),
                ("Beijing", "beijing", L),
            ],
            "Contact.Meet",
            &[("blinken", A), ("wang", X)],
        ),
        (
            "Putin held talks with Erdogan in Sochi.",
            &[
                ("Putin", "putin", P),
                ("Erdogan", "erdogan", P),
                ("Sochi", "sochi", L),
            ],
            "Contact.Meet",
            &[("putin", A), ("erdogan", X)],
        ),
        (
            "The meeting between Xi Jinping and Joe Biden lasted three hours.",
            &[("Xi Jinping", "xi", P), ("Joe Biden", "biden", P)],
            "Contact.Meet",
            &[("xi", ANY), ("biden", ANY)],
        ),
        (
            "Dmitry Peskov said the talks were constructive.",
            &[("Dmitry Peskov", "peskov", P)],
            "Statement.Say",
            &[("peskov", A)],
        ),
        (
            "\"We will respond,\" said Jens Stoltenberg.",
            &[("Jens Stoltenberg", "stoltenberg", P)],
            "Statement.Say",
            &[("stoltenberg", A)],
        ),
        (
            "The Kremlin statement described the visit as useful.",
            &[("Kremlin", "kremlin", O)],
            "Statement.Say",
            &[("kremlin", A)],
        ),
        (
            "Russia denied any involvement in the attack.",
            &[("Russia", "russia", L)],
            "Statement.Deny",
            &[("russia", A)],
        ),
        (
            "Involvement was denied by Pyongyang.",
            &[("Pyongyang", "pyongyang", L)],
            "Statement.Deny",
            &[("pyongyang", A)],
        ),
        (
            "Tehran's denial came hours after the strike.",
            &[("Tehran", "tehran", L)],
            "Statement.Deny",
            &[("tehran", A)],
        ),
        (
            "Washington accused Beijing of cyber espionage.",
            &[("Washington", "washington", L), ("Beijing", "beijing", L)],
            "Statement.Accuse",
            &[("washington", A), ("beijing", T)],
        ),
        (
            "Moscow was accused by London of poisoning the defector.",
            &[("Moscow", "moscow", L), ("London", "london", L)],
            "Statement.Accuse",
            &[("london", A), ("moscow", T)],
        ),
        (
            "Kyiv's accusations against Minsk grew louder.",
            &[("Kyiv", "kyiv", L), ("Minsk", "minsk", L)],
            "Statement.Accuse",
            &[("kyiv", A), ("minsk", T)],
        ),
        (
            "The FBI warned hospitals about ransomware.",
            &[("FBI", "fbi", O)],
            "Statement.Warn",
            &[("fbi", A)],
        ),
        (
            "Germany was warned by Washington about the risks.",
            &[("Germany", "germany", L), ("Washington", "washington", L)],
            "Statement.Warn",
            &[("washington", A), ("germany", T)],
        ),
        (
            "Interpol issued a warning to member states.",
            &[("Interpol", "interpol", O)],
            "Statement.Warn",
            &[("interpol", A)],
        ),
    ]);
}

#[test]
fn english_cyber() {
    run(&[
        (
            "REvil launched a ransomware attack on Kaseya.",
            &[("REvil", "revil", G), ("Kaseya", "kaseya", O)],
            "Cyber.Attack",
            &[("revil", A), ("kaseya", T)],
        ),
        (
            "Colonial Pipeline was attacked by DarkSide hackers.",
            &[
                ("Colonial Pipeline", "colonial", O),
                ("DarkSide", "darkside", G),
            ],
            "Cyber.Attack",
            &[("darkside", A), ("colonial", T)],
        ),
        (
            "Sandworm attacked Ukrenergo with destructive malware.",
            &[("Sandworm", "sandworm", G), ("Ukrenergo", "ukrenergo", O)],
            "Cyber.Attack",
            &[("sandworm", A), ("ukrenergo", T)],
        ),
        (
            "Chinese hackers breached the networks of the US Office of Personnel Management.",
            &[
                ("Chinese hackers", "cn-hackers", G),
                ("Office of Personnel Management", "opm", O),
            ],
            "Cyber.Breach",
            &[("cn-hackers", A), ("opm", T)],
        ),
        (
            "Equifax was hacked in 2017.",
            &[("Equifax", "equifax", O)],
            "Cyber.Breach",
            &[("equifax", T)],
        ),
        (
            "The data breach at Marriott exposed guest records.",
            &[("Marriott", "marriott", O)],
            "Cyber.Breach",
            &[("marriott", T)],
        ),
        (
            "Researchers found a critical vulnerability in Microsoft Exchange.",
            &[("Microsoft Exchange", "exchange", O)],
            "Cyber.Vulnerability",
            &[("exchange", T)],
        ),
        (
            "Google disclosed a zero-day flaw in Chrome.",
            &[("Google", "google", O), ("Chrome", "chrome", O)],
            "Cyber.Vulnerability",
            &[("google", A), ("chrome", T)],
        ),
        (
            "A security flaw in Zoom allowed attackers to spy on users.",
            &[("Zoom", "zoom", O)],
            "Cyber.Vulnerability",
            &[("zoom", T)],
        ),
        (
            "Microsoft released security updates for Windows.",
            &[("Microsoft", "microsoft", O), ("Windows", "windows", O)],
            "Cyber.Patch",
            &[("microsoft", A), ("windows", T)],
        ),
        (
            "Apple patched the flaw in Safari.",
            &[("Apple", "apple", O), ("Safari", "safari", O)],
            "Cyber.Patch",
            &[("apple", A), ("safari", T)],
        ),
        (
            "The bug was fixed by Mozilla last week.",
            &[("Mozilla", "mozilla", O)],
            "Cyber.Patch",
            &[("mozilla", A)],
        ),
    ]);
}

#[test]
fn english_conflict_justice_life_personnel_agreement() {
    run(&[
        (
            "The Russian army shelled Kharkiv overnight.",
            &[("Kharkiv", "kharkiv", L)],
            "Conflict.Attack",
            &[("kharkiv", T)],
        ),
        (
            "Al-Shabaab militants attacked a military base in Somalia.",
            &[("Al-Shabaab", "shabaab", G), ("Somalia", "somalia", L)],
            "Conflict.Attack",
            &[("shabaab", A)],
        ),
        (
            "A convoy was ambushed by Taliban fighters near Kandahar.",
            &[("Taliban", "taliban", G), ("Kandahar", "kandahar", L)],
            "Conflict.Attack",
            &[("taliban", A)],
        ),
        (
            "Thousands protested in Hong Kong against Beijing.",
            &[("Hong Kong", "hk", L), ("Beijing", "beijing", L)],
            "Conflict.Protest",
            &[("beijing", T)],
        ),
        (
            "Supporters of Imran Khan staged protests in Lahore.",
            &[("Imran Khan", "khan", P), ("Lahore", "lahore", L)],
            "Conflict.Protest",
            &[("khan", A)],
        ),
        (
            "Greenpeace activists demonstrated outside the headquarters of Shell.",
            &[("Greenpeace", "greenpeace", O), ("Shell", "shell", O)],
            "Conflict.Protest",
            &[("greenpeace", A)],
        ),
        (
            "Police arrested Julian Assange in London.",
            &[("Julian Assange", "assange", P), ("London", "london", L)],
            "Justice.Arrest",
            &[("assange", T)],
        ),
        (
            "Alexei Navalny was detained at a Moscow airport.",
            &[("Alexei Navalny", "navalny", P), ("Moscow", "moscow", L)],
            "Justice.Arrest",
            &[("navalny", T)],
        ),
        (
            "The arrest of Carlos Ghosn shocked Japan.",
            &[("Carlos Ghosn", "ghosn", P), ("Japan", "japan", L)],
            "Justice.Arrest",
            &[("ghosn", T)],
        ),
        (
            "The US Treasury sanctioned Rosneft.",
            &[("US Treasury", "treasury", O), ("Rosneft", "rosneft", O)],
            "Justice.Sanction",
            &[("treasury", A), ("rosneft", T)],
        ),
        (
            "The European Union imposed sanctions on Belarus.",
            &[("European Union", "eu", O), ("Belarus", "belarus", L)],
            "Justice.Sanction",
            &[("eu", A), ("belarus", T)],
        ),
        (
            "New sanctions against Iran took effect on Monday.",
            &[("Iran", "iran", L)],
            "Justice.Sanction",
            &[("iran", T)],
        ),
        (
            "Federal prosecutors charged Ross Ulbricht with money laundering.",
            &[("Ross Ulbricht", "ulbricht", P)],
            "Justice.Charge",
            &[("ulbricht", T)],
        ),
        (
            "Sam Bankman-Fried was indicted by a grand jury in New York.",
            &[("Sam Bankman-Fried", "sbf", P), ("New York", "ny", L)],
            "Justice.Charge",
            &[("sbf", T)],
        ),
        (
            "The indictment of Donald Trump was unsealed.",
            &[("Donald Trump", "trump", P)],
            "Justice.Charge",
            &[("trump", T)],
        ),
        (
            "Queen Elizabeth II died at Balmoral.",
            &[
                ("Queen Elizabeth II", "elizabeth", P),
                ("Balmoral", "balmoral", L),
            ],
            "Life.Die",
            &[("elizabeth", T)],
        ),
        (
            "Qassem Soleimani was killed in a US drone strike in Baghdad.",
            &[
                ("Qassem Soleimani", "soleimani", P),
                ("Baghdad", "baghdad", L),
            ],
            "Life.Die",
            &[("soleimani", T)],
        ),
        (
            "The assassination of Shinzo Abe stunned Japan.",
            &[("Shinzo Abe", "abe", P)],
            "Life.Die",
            &[("abe", T)],
        ),
        (
            "Lula da Silva was elected president of Brazil.",
            &[("Lula da Silva", "lula", P), ("Brazil", "brazil", L)],
            "Personnel.Elect",
            &[("lula", T)],
        ),
        (
            "Voters re-elected Viktor Orban in April.",
            &[("Viktor Orban", "orban", P)],
            "Personnel.Elect",
            &[("orban", T)],
        ),
        (
            "Giorgia Meloni won the election in September.",
            &[("Giorgia Meloni", "meloni", P)],
            "Personnel.Elect",
            &[("meloni", T)],
        ),
        (
            "Israel and the UAE signed a peace agreement.",
            &[("Israel", "israel", L), ("UAE", "uae", L)],
            "Agreement.Sign",
            &[("israel", ANY), ("uae", ANY)],
        ),
        (
            "Russia signed a gas deal with China.",
            &[("Russia", "russia", L), ("China", "china", L)],
            "Agreement.Sign",
            &[("russia", A), ("china", X)],
        ),
        (
            "The treaty was signed by Armenia and Azerbaijan.",
            &[("Armenia", "armenia", L), ("Azerbaijan", "azerbaijan", L)],
            "Agreement.Sign",
            &[("armenia", A), ("azerbaijan", X)],
        ),
    ]);
}

/// Vague words without their cue are no events.
#[test]
fn vague_triggers_need_cues() {
    let x = EventExtractor::builtin().expect("lexicon");
    for (text, ents) in [
        (
            "Liverpool's attack overwhelmed Chelsea in the second half.",
            &[("Liverpool", "liverpool", O), ("Chelsea", "chelsea", O)][..],
        ),
        (
            "Apple's results were meeting expectations, Tim Cook noted.",
            &[("Tim Cook", "cook", P)][..],
        ),
        ("They called him Sasha.", &[][..]),
        (
            "وقع حادث سير في الرياض أمس.",
            &[("الرياض", "riyadh", L)][..],
        ),
        (
            "حقق فريق الهلال اختراقا في المباراة أمام النصر.",
            &[("الهلال", "hilal", O), ("النصر", "nassr", O)][..],
        ),
    ] {
        let prep = Prepared::new(text, None);
        let e = entities(text, &prep, ents);
        let ev: Vec<String> = x
            .extract(&prep, &e, &[], None)
            .into_iter()
            .filter(|e| e.etype != "Statement.Say")
            .map(|e| format!("{} [{}]", e.etype, e.trigger.text))
            .collect();
        assert!(ev.is_empty(), "{text}: {ev:?}");
    }
}
