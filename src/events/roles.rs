//! Participants and their roles, from the positions of entity mentions around a trigger:
//! marker words first (ضد/against → target, مع/with → other, من قبل/by → agent, في/in →
//! place), then word order — Arabic verb-subject-object and genitive objects of verbal
//! nouns, English subject-verb-object and passives.

use std::ops::Range;

use super::lexicon::{LexLang, Lexicon, MarkerRole, Pos, TriggerDef};
use super::view::{strip_conj, SentenceView};
use crate::model::{EntityType, Role};

/// Tokens an Arabic subject may sit after its verb ("أوضح الرئيس الأمريكي جو بايدن").
const AR_SUBJECT_AFTER: usize = 5;
/// Tokens between a verbal noun and its genitive object ("اختراق أجهزة كمبيوتر الحزب").
const GENITIVE_GAP: usize = 3;
/// Tokens a subject may stand before its verb or noun.
const SUBJECT_BEFORE_AR: usize = 4;
const SUBJECT_BEFORE_EN: usize = 6;
/// Tokens an object may follow its verb or the subject.
const OBJECT_AFTER: usize = 5;
/// Tokens from an English light verb to the noun that ends its object phrase ("held
/// more than seven hours of talks").
const LIGHT_OBJECT_SPAN: usize = 8;
/// Tokens at most between an organization after a title and the title holder's name
/// ("عضو مجلس الأمناء الدكتور X").
const HOLDER_GAP: usize = 4;
/// Tokens before a trigger searched for "suffered"-type words ("تعرضت X لهجوم").
const UNDERGO_BACK: usize = 6;
/// How far before a verbal noun a `responsible` word may stand ("behind the", "responsibility
/// for the"), and how far before the trigger its subject may end ("X was behind the").
const RESPONSIBLE_BACK: usize = 3;
const RESPONSIBLE_SUBJECT_GAP: usize = 5;
/// Reach of marked arguments after the trigger ("attack on X", "مكالمة مع الرئيس X").
const MARKED_AFTER: usize = 6;
/// English puts the preposition right after its noun or verb phrase ("signed a deal with X").
const MARKED_AFTER_EN: usize = 5;
/// After an English noun the preposition comes at once ("the attack on X", "talks with X").
const MARKED_AFTER_EN_NOUN: usize = 3;
/// Reach of an Arabic place after its trigger ("اقتحمت مجموعة … شركة في فلوريدا").
const LOC_AFTER: usize = 8;
/// Tokens a marker may stand in front of its mention (titles in between: "مع الرئيس الروسي X").
const MARKER_BACK: usize = 4;

/// Roles found for one trigger.
#[derive(Debug, Default)]
pub struct Roles {
    /// (index into `view.mentions`, role), in order of discovery, one per mention.
    pub participants: Vec<(usize, Role)>,
    /// Mentions of places of the event (indices into `view.mentions`).
    pub locations: Vec<usize>,
    /// An anaphor stands in the subject slot: a definite group ("المجموعة") or a pair
    /// ("الزعيمان"), to be resolved from earlier text.
    pub anaphor: Option<Anaphor>,
    /// The trigger was read as passive.
    pub passive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anaphor {
    Group(Role),
    Pair,
    /// The organization the report is about, the speaker of a statement. `company` when
    /// the anaphor's words name a company ("the company", "الشركة"), not any body ("the
    /// utility", which a public authority may be).
    Body {
        company: bool,
    },
}

/// What a mention's marker says for this event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Rule(MarkerRole),
    /// Coordinated with the previous mention ("X و Y", "X and Y").
    Coord,
}

/// Role of the entity in the "object" slot of a verb, by event type. `told` is set for a
/// verb whose object is the one told ("X told Y"): what other reporting verbs take as
/// object is what is said, no participant.
fn object_role(etype: &str, told: bool) -> Option<Role> {
    if etype.starts_with("Contact.") || etype.starts_with("Agreement.") {
        Some(Role::Other)
    } else if matches!(etype, "Statement.Say" | "Statement.Deny") {
        told.then_some(Role::Other)
    } else {
        Some(Role::Target)
    }
}

/// Role of the genitive after an Arabic verbal noun, by event type and entity type.
fn genitive_role(etype: &str, et: EntityType) -> Role {
    let speaker_or_side = etype.starts_with("Contact.")
        || etype.starts_with("Agreement.")
        || matches!(etype, "Statement.Say" | "Statement.Deny" | "Statement.Warn");
    if speaker_or_side {
        Role::Agent
    } else if matches!(etype, "Cyber.Attack" | "Cyber.Breach" | "Conflict.Attack")
        && et == EntityType::Group
    {
        // "هجوم قراصنة", "هجوم داعش": an attack *of* a group is the group's attack.
        Role::Agent
    } else {
        Role::Target
    }
}

/// Role of the subject of a verb or of the possessor before an English noun.
fn subject_role(def: &TriggerDef, et: EntityType, passive: bool) -> Role {
    if passive || (def.pos == Pos::VerbUndergoer && def.lang == LexLang::En) {
        return Role::Target;
    }
    // Unvocalized Arabic "قتل X", "انتخب X" are as often "X was killed/elected": a person
    // there is the one who died or was elected, an organization the one who acted.
    if def.lang == LexLang::Ar && matches!(def.etype.as_str(), "Life.Die" | "Personnel.Elect") {
        return if et == EntityType::Person {
            Role::Target
        } else {
            Role::Agent
        };
    }
    // "مثل غصن أمام المحكمة بتهمة …": the person before the charge is the accused.
    if def.lang == LexLang::Ar
        && def.pos == Pos::Noun
        && def.etype == "Justice.Charge"
        && et == EntityType::Person
    {
        return Role::Target;
    }
    if def.pos == Pos::Noun
        && def.lang == LexLang::En
        && matches!(
            def.etype.as_str(),
            "Life.Die" | "Personnel.Elect" | "Justice.Arrest" | "Justice.Charge"
        )
    {
        // "Navalny's arrest", "Soleimani's killing".
        return Role::Target;
    }
    Role::Agent
}

/// Finds the participants of the trigger covering tokens `trig` of `view`.
pub fn assign(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    trig: Range<usize>,
    trig_norm_end: usize,
    def: &TriggerDef,
) -> Roles {
    let mut roles = Roles::default();
    let clause = view.clause_of(trig.start);
    let etype = def.etype.as_str();
    let arabic = def.lang == LexLang::Ar;
    roles.passive = is_passive(lex, view, &trig, def);
    let told = def.pos != Pos::Noun
        && lex
            .words
            .addressee_verbs
            .contains(view.bare_word(trig.start));

    // Marks of every mention, left to right, so coordination can look back.
    let marks: Vec<Mark> = (0..view.mentions.len())
        .map(|i| {
            mark_of(
                lex,
                view,
                i,
                &trig,
                etype,
                def.pos == Pos::Noun,
                trig_norm_end,
            )
        })
        .collect();
    let pair = etype.starts_with("Contact.") || etype.starts_with("Agreement.");

    // English: the antecedent of a relative clause that the verb follows or stands in,
    // and where the clause starts (its names are not this verb's).
    let relative = (!arabic && def.pos != Pos::Noun)
        .then(|| relative_subject(lex, view, &trig))
        .flatten();
    let mut both_seen = false;
    // A mention's resolved mark and whether it was reached depend on the mention before it
    // only: both are carried from one mention to the next instead of kept in lists.
    let mut prev_resolved: Option<MarkerRole> = None;
    let mut prev_reached = false;
    // Names inside a longer capitalized name are not participants ("Real Madrid president",
    // "U.S. President Biden", "London Stock Exchange").
    let mut used: Vec<bool> = view.mentions.iter().map(|m| m.embedded).collect();
    for (i, m) in view.mentions.iter().enumerate() {
        let resolved = match marks[i] {
            Mark::Rule(r) => Some(r),
            Mark::Coord => match prev_resolved {
                Some(MarkerRole::Role(Role::Agent)) if pair => Some(MarkerRole::Role(Role::Other)),
                r => r,
            },
            Mark::None => None,
        };
        prev_resolved = resolved;
        let reached_before = std::mem::take(&mut prev_reached);
        let Some(r) = resolved else { continue };
        if m.embedded {
            continue;
        }
        used[i] = true;
        let same_clause = view.clause_of(m.tok.start) == clause;
        let reach_after = match (arabic, def.pos, r) {
            (true, _, MarkerRole::Loc) => LOC_AFTER,
            (true, _, _) => MARKED_AFTER,
            (false, Pos::Noun, _) => MARKED_AFTER_EN_NOUN,
            (false, _, _) => MARKED_AFTER_EN,
        };
        // Arguments chain: the reach counts from the trigger or from the name before this
        // one ("اتصل ولي العهد … محمد بن سلمان بالرئيس التركي رجب طيب أردوغان").
        let anchor = i
            .checked_sub(1)
            .map(|p| view.mentions[p].tok.end)
            .filter(|&e| e > trig.end && e <= m.tok.start)
            .unwrap_or(trig.end);
        let after = m.tok.start >= trig.end && m.tok.start - anchor <= reach_after;
        // A coordinated name is reached when the one it follows is ("between X and Y").
        let coord_reach = marks[i] == Mark::Coord && i >= 1 && reached_before;
        let reach = (after || (coord_reach && m.tok.start >= trig.end))
            && same_clause
            && !blocked(lex, view, trig.end, m.tok.start);
        prev_reached = reach;
        // A marked agent may also stand just before ("Supporters of X staged protests"),
        // but not in a participle's by-phrase: "analysts surveyed by X said", "Y, partly
        // owned by X, said" tell who the subject is, not who acted.
        let reach_before = same_clause
            && !by_participle(view, m.tok.start)
            && !relative.is_some_and(|(_, q)| m.tok.start > q)
            && m.tok.end <= trig.start
            && trig.start - m.tok.end <= 4
            && !blocked_by(lex, view, m.tok.end, trig.start, false);
        match r {
            // "Supporters of X staged protests": "of" marks an agent only before the trigger.
            MarkerRole::Role(Role::Agent)
                if reach_before || (reach && !mark_word_is(view, i, &["of"])) =>
            {
                roles.participants.push((i, Role::Agent))
            }
            MarkerRole::Loc
                if m.etype == EntityType::Location
                    && (reach
                        || (same_clause
                            && m.tok.end <= trig.start
                            && trig.start - m.tok.end <= 4
                            && !blocked_by(lex, view, m.tok.end, trig.start, false))) =>
            {
                roles.locations.push(i);
            }
            MarkerRole::Skip => {}
            MarkerRole::Role(role) if reach => roles.participants.push((i, role)),
            MarkerRole::Both if reach => {
                let role = if both_seen { Role::Other } else { Role::Agent };
                both_seen = true;
                roles.participants.push((i, role));
            }
            _ => {}
        }
    }

    // What every reading ends with reads the marks and the names used so far.
    let tail = Tail {
        lex,
        view,
        etype,
        marks: &marks,
        used: &used,
        trig: trig.clone(),
        clause,
        noun: def.pos == Pos::Noun,
    };
    // Unmarked mentions in the same clause, by position.
    let free =
        |i: usize| -> bool { !used[i] && view.clause_of(view.mentions[i].tok.start) == clause };
    let after_free: Vec<usize> = (0..view.mentions.len())
        .filter(|&i| free(i) && view.mentions[i].tok.start >= trig.end)
        .collect();
    let before_free: Vec<usize> = (0..view.mentions.len())
        .rev()
        .filter(|&i| free(i) && view.mentions[i].tok.end <= trig.start)
        .collect();
    let near_after = |i: usize, from: usize, gap: usize| -> bool {
        let s = view.mentions[i].tok.start;
        s >= from && s - from <= gap && !blocked(lex, view, from, s)
    };
    let near_before = |i: usize, gap: usize| -> bool {
        let e = view.mentions[i].tok.end;
        e <= trig.start && trig.start - e <= gap && !blocked_by(lex, view, e, trig.start, false)
    };
    let push = |roles: &mut Roles, i: usize, role: Role| {
        if !roles.participants.iter().any(|&(j, _)| j == i) {
            roles.participants.push((i, role));
        }
    };
    let has_role = |roles: &Roles, r: Role| roles.participants.iter().any(|&(_, x)| x == r);
    let before_gap = if arabic {
        SUBJECT_BEFORE_AR
    } else {
        SUBJECT_BEFORE_EN
    };

    // "X تقف وراء الهجوم", "X was behind the attack", "X claimed responsibility for the
    // attack": the name before the phrase is the act's agent.
    if def.pos == Pos::Noun {
        let responsible = (trig.start.saturating_sub(RESPONSIBLE_BACK)..trig.start).any(|t| {
            let w = &lex.words.responsible;
            w.contains(view.word(t)) || w.contains(view.bare_word(t))
        });
        let near = |i: usize| {
            let e = view.mentions[i].tok.end;
            e <= trig.start
                && trig.start - e <= RESPONSIBLE_SUBJECT_GAP
                && !blocked_after(lex, view, e, trig.start, false, true)
        };
        if let Some(&i) = before_free.first().filter(|&&i| responsible && near(i)) {
            push(&mut roles, i, Role::Agent);
        }
    }

    match (arabic, def.pos) {
        (true, Pos::Verb | Pos::VerbUndergoer) => {
            // Verb-subject-object: the first mention after the verb is the subject, unless
            // a name stands right before the verb ("إيران تتهم إسرائيل": subject-verb-object).
            // The subject then opens its clause or follows a particle ("وكانت المنامة
            // أعلنت"); "لمستقبل اليمن قالت" has a genitive there, not a subject.
            let svo = before_free.first().is_some_and(|&i| {
                let m = &view.mentions[i];
                let opens = m.tok.start == 0
                    || view.clause_of(m.tok.start - 1) != clause
                    || SVO_PARTICLES.contains(&view.word(m.tok.start - 1))
                    || lex
                        .words
                        .complementizers
                        .contains(view.word(m.tok.start - 1));
                against_verb(view, m.tok.end, trig.start) && near_before(i, 2) && opens
            });
            // "المالكي الذي اتهم المملكة": after a relative pronoun the subject is the
            // antecedent, so the first name after the verb is its object.
            let prev = trig.start.checked_sub(1).map(|p| view.word(p));
            // "الاتفاقية التي وقعت عليها إيران": a pronoun after the verb takes the
            // antecedent's place, and the name after it is the subject again.
            let resumptive = RESUMPTIVES.contains(&view.word(trig.end));
            let relative = prev.is_some_and(|w| RELATIVES.contains(&w)) && !resumptive;
            // "دول الخليج تتهم إيران": an imperfect verb after a noun follows its subject.
            let first = view.word(trig.start).chars().next();
            let imperfect_after_noun = matches!(first, Some('ي' | 'ت'))
                && prev.is_some_and(|w| {
                    !SVO_PARTICLES.contains(&w)
                        && !lex.words.complementizers.contains(w)
                        && !RELATIVES.contains(&w)
                        && !lex.markers.contains_key(strip_conj(w))
                        && view.clause_of(trig.start - 1) == clause
                        && view.mention_at(trig.start - 1).is_none()
                });
            // "قالت الوزارة إنها اعتقلت X": the pronoun is the speaker, the subject; the
            // name after the verb is its object, as after a relative pronoun.
            let spoken = speaker(lex, view, &trig, true).filter(|&sp| free(sp));
            if let Some(sp) = spoken {
                let role = subject_role(def, view.mentions[sp].etype, false);
                push(&mut roles, sp, role);
            }
            if spoken.is_some()
                || ((relative || imperfect_after_noun)
                    && object_role(etype, told).is_some()
                    && !svo)
            {
                if let (Some(&i), Some(obj)) = (after_free.first(), object_role(etype, told)) {
                    if near_after(i, trig.end, OBJECT_AFTER) {
                        push(&mut roles, i, obj);
                    }
                }
                return finish(roles, &tail);
            }
            let mut subj_end = None;
            if let (false, Some(&i)) = (svo, after_free.first()) {
                // A place further on is a genitive ("نائب رئيس شرطة دبي"), not the subject.
                let place_far = view.mentions[i].etype == EntityType::Location
                    && (trig.end..view.mentions[i].tok.start)
                        .any(|t| !RESUMPTIVES.contains(&view.word(t)));
                // "قال سفير إيران", "نفى جيش جنوب السودان": a place or organization after a
                // title is its genitive; the title holder speaks, not the place.
                // "استقبل نائب الملك", "قال مستشار أوباما": a person after a
                // deputy's or adviser's title is its genitive too.
                let before = view.bare_word(view.mentions[i].tok.start.saturating_sub(1));
                let headed = view.mentions[i].tok.start > trig.end
                    && if view.mentions[i].etype == EntityType::Person {
                        lex.words.dependents.contains(before)
                    } else {
                        lex.words.title_heads.contains(before)
                    };
                if headed {
                    // "قال عضو مجلس الأمناء الدكتور X": the title holder, named after the
                    // organization, is the subject.
                    let rest = || after_free.iter().copied().skip_while(|&j| j <= i);
                    let holder = rest()
                        .find(|&j| view.mentions[j].etype == EntityType::Person)
                        .filter(|&j| {
                            // Not a title in a phrase after the verb ("قال عقب اتصال مع
                            // أمير قطر X": X is the one called).
                            let phrase = (trig.end..view.mentions[i].tok.start)
                                .any(|t| lex.markers.contains_key(view.bare_word(t)));
                            near_after(i, trig.end, AR_SUBJECT_AFTER)
                                && !phrase
                                && near_after(j, view.mentions[i].tok.end, HOLDER_GAP)
                        });
                    if let Some(j) = holder {
                        push(&mut roles, j, subject_role(def, EntityType::Person, false));
                        let obj_i = rest().find(|&k| k > j && marks[k] != Mark::Coord);
                        if let (Some(k), Some(obj)) = (obj_i, object_role(etype, told)) {
                            if near_after(k, view.mentions[k - 1].tok.end, OBJECT_AFTER) {
                                push(&mut roles, k, obj);
                            }
                        }
                        return finish(roles, &tail);
                    }
                    // No holder named: the subject may still stand before the verb
                    // ("X يلتقي رئيس جمهورية Y"), read below.
                }
                if !headed && near_after(i, trig.end, AR_SUBJECT_AFTER) && !place_far {
                    let et = view.mentions[i].etype;
                    push(&mut roles, i, subject_role(def, et, false));
                    subj_end = Some(view.mentions[i].tok.end);
                    // The object is the next name not coordinated with the subject
                    // ("تتهم واشنطن ولندن وباريس …": all three accuse).
                    let obj_i = after_free
                        .iter()
                        .skip(1)
                        .find(|&&j| marks[j] != Mark::Coord);
                    if let (Some(&j), Some(obj)) = (obj_i, object_role(etype, told)) {
                        let prev_end = view.mentions[j - 1].tok.end;
                        if near_after(j, prev_end, OBJECT_AFTER) {
                            push(&mut roles, j, obj);
                        }
                    }
                }
            }
            if subj_end.is_none() {
                roles.anaphor = anaphor_at(lex, view, trig.end, 2, def, false);
                if roles.anaphor.is_none() {
                    if let Some(&i) = before_free.first() {
                        // "مصر بعد زيارة عمل التقى": a preposition between, so not the subject.
                        let pp = (view.mentions[i].tok.end..trig.start)
                            .any(|t| lex.markers.contains_key(view.bare_word(t)));
                        // Before an Arabic verb only a name right against it is its subject.
                        // A verb with و/ف shares the subject of the verb before it
                        // ("انتقد فيها إسرائيل وحذرها": Israel is the object of انتقد).
                        let adjacent = against_verb(view, view.mentions[i].tok.end, trig.start);
                        let chained = view.word(trig.start) != view.bare_word(trig.start);
                        if near_before(i, before_gap) && !pp && adjacent && !chained {
                            let et = view.mentions[i].etype;
                            push(&mut roles, i, subject_role(def, et, false));
                            if let (Some(&j), Some(obj)) =
                                (after_free.first(), object_role(etype, told))
                            {
                                if near_after(j, trig.end, OBJECT_AFTER) {
                                    push(&mut roles, j, obj);
                                }
                            }
                        }
                    }
                }
            }
        }
        (true, Pos::Noun) => {
            if let Some(&i) = after_free.first() {
                let et = view.mentions[i].etype;
                // "قمة الرياض", "هجوم باريس": a place in the genitive is where it happened.
                // A party of a signing stands right after it ("توقيع إيران"); further on it
                // names the agreement ("توقيع اتفاق فيينا").
                let party = etype == "Agreement.Sign" && view.mentions[i].tok.start == trig.end;
                let place = et == EntityType::Location
                    && etype != "Justice.Sanction"
                    && !party
                    && !etype.starts_with("Statement.");
                // "تصريحاتها": a noun with a pronoun has its possessor already.
                let suffixed = view
                    .tokens
                    .get(trig.end.saturating_sub(1))
                    .is_some_and(|t| t.end != trig_norm_end);
                if near_after(i, trig.end, GENITIVE_GAP) && !suffixed {
                    if place {
                        roles.locations.push(i);
                    } else {
                        let role = if roles.passive {
                            Role::Target
                        } else {
                            genitive_role(etype, et)
                        };
                        push(&mut roles, i, role);
                    }
                }
            }
            // "الصين تنتظر بيانا": a name before a statement noun speaks only when right
            // against it ("جدد الجيش الإسرائيلي اتهامه").
            let speaker_ok = !etype.starts_with("Statement.")
                || before_free
                    .first()
                    .map_or(true, |&i| view.mentions[i].tok.end == trig.start);
            if !roles.passive && !has_role(&roles, Role::Agent) && speaker_ok {
                if let Some(&i) = before_free.first() {
                    // A date may stand between the subject and its act: "شنت روسيا فجر
                    // الجمعة هجوما", "أجرى بايدن مساء الثلاثاء اتصالا".
                    let dated = |t: usize| view.date_tok.get(t).copied().unwrap_or(false);
                    // "حققت مايكروسوفت في اختراق": a preposition between, so not the agent.
                    // Contacts are often told in such a phrase: "X في مكالمة مع Y".
                    // A word that keeps the name after it out of events ("أمام") and governs
                    // a noun of its own before the act puts only that noun in a phrase
                    // ("مثل X أمام المحكمة بتهمة": X is still the one charged).
                    let aside = |t: usize| {
                        t + 1 < trig.start
                            && lex.marker(view.bare_word(t), etype) == Some(MarkerRole::Skip)
                            && view.mention_at(t + 1).is_none()
                    };
                    let pp = !etype.starts_with("Contact.")
                        && (view.mentions[i].tok.end..trig.start).any(|t| {
                            !dated(t) && lex.markers.contains_key(view.bare_word(t)) && !aside(t)
                        });
                    // "الكويت تبدأ بمحاكمة المتهمين بتفجير": another event stands between.
                    let other_event = (view.mentions[i].tok.end..trig.start)
                        .any(|t| view.trigger_tok.get(t).copied().unwrap_or(false));
                    // "البحرين تدين التفجير": the name before is the subject of the verb
                    // between; only a name right against the noun is its agent (contacts
                    // excepted: "بايدن يوم الجمعة في مكالمة") ... and only after a verb that makes
                    // the noun its act ("شنت مجموعة REvil هجمات"), not one that comments on it
                    // ("أدانت البحرين التفجير").
                    // The verb stands before the first of coordinated subjects ("شنت
                    // الولايات المتحدة وبريطانيا غارات").
                    let mut first = i;
                    while first >= 1
                        && marks[first] == Mark::Coord
                        && view.mentions[first - 1].tok.end == view.mentions[first].tok.start
                    {
                        first -= 1;
                    }
                    let start = view.mentions[first].tok.start;
                    let w = &lex.words;
                    let light = (start.saturating_sub(2)..start).any(|t| {
                        let (x, y) = (view.word(t), view.bare_word(t));
                        w.light_verbs.contains(x)
                            || w.light_verbs.contains(y)
                            || w.undergo.contains(x)
                            || w.undergo.contains(y)
                    });
                    let adjacent = (view.mentions[i].tok.end..trig.start).all(dated) && light;
                    let contact = etype.starts_with("Contact.")
                        || (etype == "Justice.Charge"
                            && view.mentions[i].etype == EntityType::Person);
                    if near_before(i, before_gap) && !pp && !other_event && (adjacent || contact) {
                        let undergo = (trig.start.saturating_sub(UNDERGO_BACK)..trig.start)
                            .any(|t| lex.words.undergo.contains(view.bare_word(t)));
                        let role = if undergo {
                            Role::Target
                        } else {
                            subject_role(def, view.mentions[i].etype, false)
                        };
                        push(&mut roles, i, role);
                    }
                }
                if !has_role(&roles, Role::Agent) {
                    roles.anaphor = anaphor_before(lex, view, trig.start, before_gap, def);
                }
            }
        }
        (false, _) => {
            let mut subject = None;
            let antecedent = relative.map(|(i, _)| i);
            if let Some(i) = antecedent.flatten().filter(|&i| free(i)) {
                let role = subject_role(def, view.mentions[i].etype, roles.passive);
                push(&mut roles, i, role);
                subject = Some(i);
            } else if antecedent == Some(None) {
                // "Hesse, former president of the federation, said": the subject is the
                // unfound word before the clause, not the name inside it.
            } else if let Some(&i) = before_free.first() {
                let m = &view.mentions[i];
                // Lowercase words between keep it a modifier ("Ivory Coast peace talks").
                let modifier_gap = (m.tok.end..trig.start).all(|t| {
                    view.tokens.get(t).is_some_and(|r| {
                        view.hay.get(r.clone()).is_some_and(|w| !w.is_empty())
                            && !lex.words.complementizers.contains(view.word(t))
                    })
                }) && trig.start - m.tok.end <= 2
                    && only_space_between(view, m.tok.end.saturating_sub(1), trig.start);
                if def.pos == Pos::Noun && m.etype == EntityType::Location && modifier_gap {
                    // "the Mumbai bombings": a place as a modifier is where it happened.
                    roles.locations.push(i);
                } else if (near_before(i, before_gap)
                    && (def.pos == Pos::Noun || heads_subject(lex, view, i)))
                    || (def.pos == Pos::Noun && light_verb_subject(lex, view, &trig, i))
                {
                    let role = subject_role(def, view.mentions[i].etype, roles.passive);
                    push(&mut roles, i, role);
                    subject = Some(i);
                }
            }
            // "X said it had arrested Y": the pronoun stands for the speaker.
            if subject.is_none() && def.pos != Pos::Noun && !roles.passive {
                if let Some(sp) = speaker(lex, view, &trig, false).filter(|&sp| free(sp)) {
                    push(
                        &mut roles,
                        sp,
                        subject_role(def, view.mentions[sp].etype, false),
                    );
                    subject = Some(sp);
                }
            }
            if let Some(i) = subject.filter(|_| def.pos == Pos::Noun) {
                let undergo = (trig.start.saturating_sub(UNDERGO_BACK)..trig.start)
                    .any(|t| lex.words.undergo.contains(view.word(t)));
                if undergo {
                    roles.participants.retain(|&(j, _)| j != i);
                    roles.participants.push((i, Role::Target));
                }
            }
            if subject.is_none() {
                roles.anaphor = anaphor_before(lex, view, trig.start, 3, def);
            }
            if def.pos == Pos::Noun && view.word(trig.end.saturating_sub(1)) == "of" {
                // "the election of X": the trigger ends with its preposition.
                if let Some(&j) = after_free.first() {
                    if near_after(j, trig.end, 3) {
                        push(&mut roles, j, Role::Target);
                    }
                }
            }
            let after_quote = view
                .gap_before(trig.start)
                .is_some_and(|gap| gap.contains(['"', ',', '\'']));
            if subject.is_none()
                && roles.anaphor.is_none()
                && etype.starts_with("Statement.")
                && after_quote
                && !told
            {
                // Quote inversion: '"…," said Biden'. Not after "told", whose object is
                // the one told ('"…," X, a spokesman, told Reuters').
                if let Some(&i) = after_free.first() {
                    if near_after(i, trig.end, 2) && ends_phrase(view, i) {
                        push(&mut roles, i, Role::Agent);
                    }
                }
            }
            if def.pos == Pos::Verb && !roles.passive {
                if let (Some(&j), Some(obj)) = (after_free.first(), object_role(etype, told)) {
                    if near_after(j, trig.end, OBJECT_AFTER) {
                        push(&mut roles, j, obj);
                    }
                }
            }
        }
    }

    finish(roles, &tail)
}

/// How many words (adjectives: "الإلكتروني", "ransomware") may stand between an attack
/// noun and the relative pronoun of its clause.
const RELATIVE_AFTER: usize = 2;

/// The mention right after a verb of striking that opens a relative clause on the noun
/// ending at token `end` ("الهجوم الإلكتروني الذي أجبر شركة [X]", "the attack that hit
/// the [X]"), with no name between the noun and the pronoun.
fn struck_in_relative(lex: &Lexicon, view: &SentenceView<'_>, end: usize) -> Option<usize> {
    let rel = (end..end + RELATIVE_AFTER + 1)
        .take_while(|&t| t < view.tokens.len())
        .find(|&t| {
            let w = view.word(t);
            RELATIVES.contains(&w) || w == "that" || w == "which"
        })?;
    if view
        .mentions
        .iter()
        .any(|m| m.tok.start >= end && m.tok.start < rel)
    {
        return None;
    }
    let verb = rel + 1;
    if !lex.words.strike_verbs.contains(view.word(verb)) {
        return None;
    }
    // One word may stand before the name: its head noun or an article ("شركة X", "the X").
    let i = view
        .mentions
        .iter()
        .position(|m| (verb + 1..=verb + 2).contains(&m.tok.start) && !m.embedded)?;
    // An English place before a noun names what was struck, not the target itself ("that
    // damaged the Crimea bridge"): the place ends its phrase or a preposition follows it.
    let m = view.mentions.get(i)?;
    let next = view.word(m.tok.end);
    let modifier = m.etype == EntityType::Location
        && next.starts_with(|c: char| c.is_ascii_lowercase())
        && !ends_phrase(view, i)
        && !lex.markers.contains_key(next);
    (!modifier).then_some(i)
}

/// Arabic relative pronouns.
const RELATIVES: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
    "اللواتي",
];

/// A preposition with a pronoun right after a verb ("عليها").
const RESUMPTIVES: &[&str] = &[
    "عليها",
    "عليه",
    "عليهم",
    "فيها",
    "فيه",
    "معها",
    "معه",
    "لها",
    "له",
    "بها",
    "به",
];

/// Whether an Arabic subject ending at token `end` stands right against its verb at
/// `verb`: next to it, or with only "قد" between ("وكان ساركوزي قد نفى", the
/// pluperfect of news reports).
fn against_verb(view: &SentenceView<'_>, end: usize, verb: usize) -> bool {
    end == verb || (end + 1 == verb && view.word(end) == "قد")
}

/// Particles that may stand before the subject of an Arabic subject-verb sentence.
const SVO_PARTICLES: &[&str] = &[
    "و",
    "ف",
    "كان",
    "كانت",
    "وكان",
    "وكانت",
    "قد",
    "وقد",
    "لكن",
    "ولكن",
    "بينما",
    "فيما",
    "ثم",
];

/// Words that may stand between an English subject and its verb ("Russia has denied",
/// "Biden on Friday said").
const EN_SUBJECT_GAP: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "will",
    "would",
    "could",
    "did",
    "does",
    "do",
    "reportedly",
    "later",
    "again",
    "then",
    "on",
    "last",
    "this",
    "yesterday",
    "today",
    "earlier",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "not",
    "never",
    "officially",
    "publicly",
    "repeatedly",
    "strongly",
    "previously",
    "already",
    "who",
    "which",
];

/// True when English mention `i` is the head of its noun phrase: the verb follows it
/// directly, or a comma (an apposition) or an auxiliary does. "A Bank of Japan official
/// said": Japan is followed by "official", so the speaker is the official, not Japan.
fn heads_subject(lex: &Lexicon, view: &SentenceView<'_>, i: usize) -> bool {
    let Some(m) = view.mentions.get(i) else {
        return false;
    };
    let next = m.tok.end;
    let Some(last) = m.tok.end.checked_sub(1).and_then(|t| view.tokens.get(t)) else {
        return false;
    };
    let gap = view
        .tokens
        .get(next)
        .and_then(|t| view.hay.get(last.end..t.start))
        .unwrap_or("");
    let w = view.word(next);
    // "Biden, the US president, said" is an apposition; "Tokyo, Swearingen said" is not.
    let apposition = gap.contains(',')
        && matches!(
            w,
            "the" | "a" | "an" | "who" | "which" | "its" | "his" | "her" | "their"
        );
    apposition
        || EN_SUBJECT_GAP.contains(&w)
        || lex.words.aux.contains(w)
        || lex.words.members.contains(w)
        || lex.triggers_at_word(w)
}

/// The English subject that a relative clause (or a participle's) takes or stands
/// between: the name right before the pronoun, with the pronoun's token. Inside the clause
/// the verb follows the pronoun, auxiliaries between ("Reyes, who was arrested"); after
/// it, the clause ends with a comma before the verb ("Reyes, who was arrested by the FBI
/// in March, denied the charges": the FBI is inside the clause, not the one who denies).
fn relative_subject(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    trig: &Range<usize>,
) -> Option<(Option<usize>, usize)> {
    let gap_before = |t: usize| view.gap_before(t).unwrap_or("");
    // A place after a comma ends a "city, state" phrase ("a toolmaker of Dayton, Ohio,
    // which employs 300"): the clause is about what the phrase belongs to.
    let antecedent = |p: usize| {
        view.mentions.iter().position(|m| {
            m.tok.end == p
                && !(m.etype == EntityType::Location && gap_before(m.tok.start).contains(','))
        })
    };
    let relative = |t: usize| lex.words.relatives.contains(view.word(t));
    // In the clause: the pronoun, then auxiliaries, then the verb.
    let mut p = trig.start;
    while let Some(q) = p.checked_sub(1) {
        if relative(q) {
            return antecedent(q).map(|i| (Some(i), q));
        }
        if !lex.words.aux.contains(view.word(q)) || !gap_before(p).trim().is_empty() {
            break;
        }
        p = q;
    }
    // After the clause: ", who …," right before the verb.
    if !gap_before(trig.start).contains(',') {
        return None;
    }
    // A participle opens such a clause too ("Raisi, speaking at the UN on Wednesday,
    // said"); the text is lower-cased, so a name cannot pass for one.
    let participle = |t: usize| {
        let w = view.word(t);
        w.len() > 4
            && w.ends_with("ing")
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && view.mention_at(t).is_none()
    };
    // So does a past participle with its by-phrase, a few words in ("Newco, 90 pct owned
    // by Oldco, said", "analysts, surveyed by an agency, said").
    let by_phrase = |q: usize| {
        (q + 1..trig.start.min(q + 5))
            .any(|t| by_participle(view, t + 1) && view.mention_at(t - 1).is_none())
    };
    // And an apposition ("Rogers, from the agency, said", "Hesse, former president of
    // the federation, said"): a noun phrase set off by commas.
    let apposition = |t: usize| APPOSITION_OPENERS.contains(&view.word(t));
    let from = trig.start.saturating_sub(RELATIVE_BACK);
    let q = (from..trig.start).rev().find(|&q| {
        (relative(q) || participle(q) || by_phrase(q) || apposition(q))
            && gap_before(q).contains(',')
    })?;
    // The clause is one stretch: no other comma inside it.
    let inner = (q + 1..trig.start).all(|t| !gap_before(t).contains(','));
    // Without a name right before it the subject is a word no stage found: not a name
    // inside the clause.
    inner.then(|| (antecedent(q), q))
}

/// Words that open an English apposition after a comma: "X, the …, said", "X, from …,
/// said".
const APPOSITION_OPENERS: [&str; 5] = ["the", "a", "an", "former", "from"];

/// How far back from a verb the pronoun of a relative clause that ends before it may stand.
const RELATIVE_BACK: usize = 12;

/// True when only spaces separate tokens `a..=b` (no punctuation: one noun phrase).
fn only_space_between(view: &SentenceView<'_>, a: usize, b: usize) -> bool {
    (a + 1..=b).all(|t| view.gap_before(t).is_some_and(|g| g.trim().is_empty()))
}

/// True when mention `i` ends its phrase: punctuation or the end of the sentence follows
/// ("said Jens Stoltenberg." but not "said Real Madrid president Perez").
fn ends_phrase(view: &SentenceView<'_>, i: usize) -> bool {
    let Some(m) = view.mentions.get(i) else {
        return false;
    };
    let Some(last) = m.tok.end.checked_sub(1).and_then(|t| view.tokens.get(t)) else {
        return false;
    };
    match view.tokens.get(m.tok.end) {
        None => true,
        Some(next) => view
            .hay
            .get(last.end..next.start)
            .is_some_and(|g| g.contains([',', '.', ';', '"', ':', '('])),
    }
}

/// What the last steps of [`assign`] look at.
struct Tail<'a, 'p> {
    lex: &'a Lexicon,
    view: &'a SentenceView<'p>,
    etype: &'a str,
    marks: &'a [Mark],
    used: &'a [bool],
    trig: Range<usize>,
    clause: usize,
    /// The trigger is a noun ("الهجوم", "the attack").
    noun: bool,
}

/// Coordination, origins, struck targets, places: the steps every reading of a trigger
/// ends with.
fn finish(mut roles: Roles, t: &Tail<'_, '_>) -> Roles {
    let (lex, view, etype, marks, used, trig, clause) =
        (t.lex, t.view, t.etype, t.marks, t.used, &t.trig, t.clause);
    // "الهجوم الذي استهدف X", "the attack that crippled X": the target is named in a
    // relative clause on the attack noun, which the clause rules do not reach.
    if t.noun
        && super::is_attack(etype)
        && !roles.participants.iter().any(|&(_, r)| r == Role::Target)
    {
        if let Some(i) = struck_in_relative(lex, view, trig.end) {
            if !used[i] && !roles.participants.iter().any(|&(j, _)| j == i) {
                roles.participants.push((i, Role::Target));
            }
        }
    }
    // Coordinated mentions share the role of the mention they follow ("بايدن وبوتين"),
    // whichever of the two the rules reached.
    let mut k = 0;
    while k < roles.participants.len() {
        let (i, role) = roles.participants[k];
        if marks[i] == Mark::Coord && i >= 1 && !used[i - 1] {
            let prev = i - 1;
            if !roles.participants.iter().any(|&(j, _)| j == prev) {
                let pair = etype.starts_with("Contact.") || etype.starts_with("Agreement.");
                // The first named leads a pair.
                if pair && role == Role::Agent {
                    roles.participants[k].1 = Role::Other;
                }
                roles.participants.push((prev, role));
            }
        }
        let next = i + 1;
        if next < view.mentions.len() && marks[next] == Mark::Coord && !used[next] {
            let role = if role == Role::Agent
                && (etype.starts_with("Contact.") || etype.starts_with("Agreement."))
            {
                Role::Other
            } else {
                role
            };
            if !roles.participants.iter().any(|&(j, _)| j == next) {
                roles.participants.push((next, role));
            }
        }
        k += 1;
    }

    // "مجموعة من روسيا": a place after من is where the agent comes from; it stays the agent
    // only when no other agent was found.
    let origin = |i: usize| {
        view.mentions[i].etype == EntityType::Location
            && matches!(marks[i], Mark::Rule(MarkerRole::Role(Role::Agent)))
            && mark_word_is(view, i, &["من", "from"])
    };
    if roles
        .participants
        .iter()
        .any(|&(i, r)| r == Role::Agent && !origin(i))
    {
        roles
            .participants
            .retain(|&(i, r)| !(r == Role::Agent && origin(i)));
    }

    // People die, are elected, arrested and charged; a place there is where it happened.
    if matches!(
        etype,
        "Life.Die" | "Personnel.Elect" | "Justice.Arrest" | "Justice.Charge"
    ) {
        let places: Vec<usize> = roles
            .participants
            .iter()
            .filter(|&&(i, _)| view.mentions[i].etype == EntityType::Location)
            .map(|&(i, _)| i)
            .collect();
        roles
            .participants
            .retain(|&(i, _)| view.mentions[i].etype != EntityType::Location);
        roles.locations.extend(places);
    }

    // Places: marked ones found above; else unused LOCATION mentions of the clause.
    // A statement's sentence names the places it is about, not where it was made.
    if roles.locations.is_empty() && !etype.starts_with("Statement.") {
        for (i, m) in view.mentions.iter().enumerate() {
            let taken = roles.participants.iter().any(|&(j, _)| j == i);
            if m.etype == EntityType::Location
                && !taken
                && !used[i]
                && view.clause_of(m.tok.start) == clause
                && m.tok.start >= trig.end
                && !blocked(lex, view, trig.end, m.tok.start)
            {
                roles.locations.push(i);
            }
        }
    }
    roles
}

/// The speaker a pronoun right before the verb `trig` stands for: the mention right
/// before the reporting verb ("X said (that) it had arrested") or, in Arabic, right before
/// the pronoun, which carries the complementizer ("قالت X إنها اعتقلت").
fn speaker(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    trig: &Range<usize>,
    arabic: bool,
) -> Option<usize> {
    let pronouns = &lex.words.speaker_pronouns;
    let p = (1..=2).find_map(|n| {
        let s = trig.start.checked_sub(n)?;
        pronouns.contains(view.phrase(s, trig.start)?).then_some(s)
    })?;
    let mut before = p.checked_sub(1)?;
    if !arabic {
        // The reporting verb (a trigger, "said"), after an optional "that".
        if view.word(before) == "that" {
            before = before.checked_sub(1)?;
        }
        if !view.trigger_tok.get(before).copied().unwrap_or(false)
            || view.mention_at(before).is_some()
        {
            return None;
        }
        before = before.checked_sub(1)?;
    }
    let i = view.mention_at(before)?;
    (view.mentions[i].tok.end == before + 1).then_some(i)
}

/// True when a complementizer or a clause boundary lies between tokens `a` (inclusive)
/// and `b` (exclusive).
fn blocked(lex: &Lexicon, view: &SentenceView<'_>, a: usize, b: usize) -> bool {
    blocked_by(lex, view, a, b, true)
}

/// "X held more than seven hours of talks", "X also carried out a wave of strikes": a
/// light verb right after the name (one word between at most) whose object phrase ends
/// in the English noun trigger makes the name its subject, further from the noun than
/// [`SUBJECT_BEFORE_EN`] allows.
fn light_verb_subject(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    trig: &Range<usize>,
    i: usize,
) -> bool {
    let e = view.mentions[i].tok.end;
    e < trig.start
        && (e..(e + 2).min(trig.start)).any(|t| {
            lex.words.light_verbs.contains(view.word(t)) && trig.start - t <= LIGHT_OBJECT_SPAN
        })
        && !blocked_by(lex, view, e, trig.start, false)
}

/// [`blocked`]; `to_mention` says whether token `b` starts a mention (a quote right before
/// it then only wraps the name).
fn blocked_by(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    a: usize,
    b: usize,
    to_mention: bool,
) -> bool {
    blocked_after(lex, view, a, b, to_mention, false)
}

/// [`blocked_by`]; when `after_name`, a quote right at `a` that closes a quoted name
/// before it ("مجموعة "دارك سايد" تقف وراء") does not block. Only the agent before a
/// `responsible` phrase is read so: in other places a name in quotes before a trigger is
/// as often its victim ("قتلى من "داعش" في غارات").
fn blocked_after(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    a: usize,
    b: usize,
    to_mention: bool,
    after_name: bool,
) -> bool {
    // Adjacent tokens (a == b) may still have a colon or quote between them.
    if a > b {
        return false;
    }
    let c = view.clause_of(a);
    let first = view.tokens.first().map_or(0, |t| t.start);
    let from = a
        .checked_sub(1)
        .and_then(|p| view.tokens.get(p))
        .map_or(first, |t| t.end);
    let raw = view
        .tokens
        .get(b)
        .and_then(|y| view.hay.get(from.min(y.start)..y.start))
        .unwrap_or("");
    // A name in quotes ("مجموعة "دارك سايد" تقف"): the quote closing it is not speech.
    let opened = |q: usize| from - q <= QUOTED_NAME_MAX;
    let raw = match raw.strip_prefix('"') {
        Some(rest)
            if after_name
                && view
                    .hay
                    .get(..from)
                    .and_then(|h| h.rfind('"'))
                    .is_some_and(opened) =>
        {
            rest
        }
        _ => raw,
    };
    let span_text = if to_mention {
        raw.trim_end_matches(['"', '\'', ' '])
    } else {
        raw
    };
    // A quotation or a colon starts reported speech: roles do not reach into it. A quote
    // right before the mention only wraps a name ("تدعى "REvil""). A closing parenthesis
    // without its opening one leaves an aside; " - " ends a dateline ("ROTTERDAM - Shell said").
    let unmatched_paren = span_text.matches(')').count() > span_text.matches('(').count();
    // Arabic has no abbreviation dots: a dot there is a sentence end the splitter missed.
    let arabic_dot = span_text.contains('.')
        && view
            .word(b)
            .chars()
            .next()
            .is_some_and(crate::text::is_arabic);
    if !only_short_quotes(span_text)
        || arabic_dot
        || span_text.contains(':')
        || unmatched_paren
        || span_text.contains(" - ")
    {
        return true;
    }
    (a..b).any(|t| {
        view.clause_of(t) != c
            || lex.words.complementizers.contains(view.word(t))
            || lex.words.complementizers.contains(view.bare_word(t))
    }) || view.clause_of(b) != c
}

/// True when the quotes of `span` (if any) are pairs around a few words ("تدعى "REvil"
/// شركة"): a quoted name, not reported speech.
fn only_short_quotes(span: &str) -> bool {
    let q: Vec<usize> = span.match_indices('"').map(|(i, _)| i).collect();
    q.len() % 2 == 0
        && q.chunks(2)
            .all(|c| matches!(c, [a, b] if b - a <= QUOTED_NAME_MAX))
}

/// The most bytes a quoted name spans, quotes included.
const QUOTED_NAME_MAX: usize = 40;

/// Reads the marker of mention `i`: a proclitic on it, or a marker word up to
/// [`MARKER_BACK`] tokens before it (titles may stand between), or coordination.
fn mark_of(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    i: usize,
    trig: &Range<usize>,
    etype: &str,
    noun: bool,
    trig_norm_end: usize,
) -> Mark {
    let Some(m) = view.mentions.get(i) else {
        return Mark::None;
    };
    let clitic = strip_conj_clitic(m.clitic);
    // "بيان لوزارة …" right after a verbal noun: ل marks the genitive (possessor), not a dative.
    // ("بيانه لوزارة": the noun has its possessor already, so ل is a dative again.)
    let bare_noun = view
        .tokens
        .get(trig.end.saturating_sub(1))
        .is_some_and(|t| t.end == trig_norm_end);
    if clitic == "ل" && m.tok.start == trig.end && noun && bare_noun {
        return Mark::None;
    }
    if let Some(last) = clitic.chars().last() {
        if matches!(last, 'ب' | 'ل') {
            if let Some(r) = lex.marker(last.encode_utf8(&mut [0; 4]), etype) {
                return Mark::Rule(r);
            }
        }
    }
    let prev_end = i
        .checked_sub(1)
        .and_then(|p| view.mentions.get(p))
        .map(|p| p.tok.end);
    if matches!(m.clitic, "و" | "ف") && prev_end.is_some_and(|e| m.tok.start - e <= 1) {
        return Mark::Coord;
    }
    let start = m.tok.start;
    let mut saw_and = false;
    for back in 1..=MARKER_BACK {
        let Some(t) = start.checked_sub(back) else {
            break;
        };
        // "X and the president Y": coordination reaches over titles.
        if saw_and && prev_end == Some(t + 1) {
            return Mark::Coord;
        }
        // Stop at the trigger, another mention, or a clause boundary.
        if (trig.start <= t && t < trig.end)
            || view.mention_at(t).is_some()
            || view.clause_of(t) != view.clause_of(start)
        {
            break;
        }
        let w = view.word(t);
        if matches!(w, "و" | "and" | "&") || w.starts_with("وال") {
            saw_and = true;
            if prev_end == Some(t) {
                return Mark::Coord;
            }
        }
        // A title with a preposition glued to it: "بالرئيس التركي X", "للرئيس X".
        for (pre, m) in [("بال", "ب"), ("وبال", "ب"), ("لل", "ل"), ("ولل", "ل")] {
            if w.starts_with(pre) && w.chars().count() > pre.chars().count() + 2 {
                match lex.marker(m, etype) {
                    Some(MarkerRole::Skip) if back > 1 => return Mark::None,
                    Some(r) => return Mark::Rule(r),
                    None => {}
                }
            }
        }
        // A head noun without the article after لـ: "لوكالة تاس", "لوزير الخارجية X".
        // Right after a verbal noun, لـ on a title is its possessor ("تصريحات لوزير
        // الخارجية X": his statements), on a news outlet still the one told ("تصريحات
        // لصحيفة X"). (بـ on a head is mostly "with", which the markers read as a place.)
        // After a deputy's or adviser's title, the name after "لرئيس X" is the deputy's
        // ("المستشار القانوني لرئيس الحكومة X", "النائب الثاني لرئيس المجلس X").
        let deputy_before = || {
            (1..=2).any(|k| {
                t.checked_sub(k).is_some_and(|p| {
                    let w = view.bare_word(p);
                    lex.words
                        .dependents
                        .contains(w.strip_prefix("ال").unwrap_or(w))
                })
            })
        };
        let headed = strip_conj(w).strip_prefix('ل').is_some_and(|rest| {
            lex.words.media.contains(rest)
                || (lex.words.title_heads.contains(rest)
                    && !(noun && bare_noun && t == trig.end)
                    && !deputy_before())
        });
        if headed {
            match lex.marker("ل", etype) {
                Some(MarkerRole::Skip) if back > 1 => return Mark::None,
                Some(r) => return Mark::Rule(r),
                None => {}
            }
        }
        if t >= 1 {
            if let Some(r) = view
                .phrase(t - 1, t + 1)
                .and_then(|two| lex.marker(two, etype))
            {
                if r == MarkerRole::Skip && back > 1 {
                    break;
                }
                return Mark::Rule(r);
            }
        }
        if let Some(r) = lex
            .marker(w, etype)
            .or_else(|| lex.marker(strip_conj(w), etype))
        {
            // A far "skip" marker governs a word between, not this mention
            // ("المتحدث باسم الكرملين دميتري بيسكوف").
            if r == MarkerRole::Skip && back > 1 {
                break;
            }
            return Mark::Rule(r);
        }
        if lex.words.complementizers.contains(w) {
            break;
        }
    }
    Mark::None
}

/// True when the tokens before token `start` are a past participle and "by" ("polled by",
/// "owned by", "led by").
fn by_participle(view: &SentenceView<'_>, start: usize) -> bool {
    let word = |back: usize| start.checked_sub(back).map_or("", |t| view.word(t));
    let participle = word(2);
    word(1) == "by"
        && (participle.ends_with("ed")
            || participle.ends_with("en")
            || matches!(participle, "run" | "held" | "hit" | "told" | "set" | "won"))
}

/// True when one of the few tokens before mention `i` is one of `words`.
fn mark_word_is(view: &SentenceView<'_>, i: usize, words: &[&str]) -> bool {
    let Some(m) = view.mentions.get(i) else {
        return false;
    };
    (1..=MARKER_BACK)
        .filter_map(|b| m.tok.start.checked_sub(b))
        .any(|t| words.contains(&view.bare_word(t)))
}

/// The proclitic without its leading conjunction ("وب" → "ب").
fn strip_conj_clitic(c: &str) -> &str {
    c.strip_prefix('و')
        .or_else(|| c.strip_prefix('ف'))
        .unwrap_or(c)
}

/// True when the trigger reads as passive: "تم اختراق", "was hacked".
fn is_passive(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    trig: &Range<usize>,
    def: &TriggerDef,
) -> bool {
    let Some(p) = trig.start.checked_sub(1) else {
        return false;
    };
    if view.clause_of(p) != view.clause_of(trig.start) {
        return false;
    }
    match def.lang {
        LexLang::Ar => def.pos == Pos::Noun && lex.words.passive.contains(view.bare_word(p)),
        LexLang::En => {
            if def.pos != Pos::Verb {
                return false;
            }
            let aux = |t: usize| lex.words.aux.contains(view.word(t));
            let w = view.word(trig.start);
            let participle = w.ends_with("ed")
                || w.ends_with("en")
                || matches!(
                    w,
                    "hit" | "struck" | "shot" | "held" | "stolen" | "stole" | "met"
                );
            if !participle {
                return false;
            }
            // "was hacked", "has been hacked", "was reportedly hacked".
            aux(p)
                || p.checked_sub(1)
                    .is_some_and(|q| aux(q) && view.mention_at(p).is_none())
        }
    }
}

/// A body's anaphor stands against the statement trigger `trig` as its speaker ("the
/// company said", "وقالت الشركة").
pub(super) fn body_speaker(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    trig: Range<usize>,
    def: &TriggerDef,
) -> bool {
    let arabic = def.lang == LexLang::Ar;
    let found = if arabic {
        anaphor_at(lex, view, trig.end, 2, def, false)
    } else {
        anaphor_before(lex, view, trig.start, 3, def)
    };
    matches!(found, Some(Anaphor::Body { .. }))
}

/// An anaphor in the `gap` tokens after `from` (Arabic subject after the verb).
fn anaphor_at(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    from: usize,
    gap: usize,
    def: &TriggerDef,
    _passive: bool,
) -> Option<Anaphor> {
    // "وقالت الشركة": a body's anaphor is the verb's subject right after it.
    let against = |first: usize, _end: usize| {
        first == from && only_space_between(view, from.saturating_sub(1), first)
    };
    (from..from + gap).find_map(|t| anaphor_word(lex, view, t, def, &against))
}

/// An anaphor in the `gap` tokens before `to`.
fn anaphor_before(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    to: usize,
    gap: usize,
    def: &TriggerDef,
) -> Option<Anaphor> {
    // "the company said", "the company also said", not "a deal with the company, analysts
    // said" nor a quote's words before its speaker.
    let against = |_first: usize, end: usize| {
        (end == to || end + 1 == to) && only_space_between(view, end.saturating_sub(1), to)
    };
    (to.saturating_sub(gap)..to)
        .rev()
        .find_map(|t| anaphor_word(lex, view, t, def, &against))
}

/// The anaphor whose phrase starts at token `t`; a body's anaphor only where
/// `body_against(first, end)` says its tokens stand against the trigger.
fn anaphor_word(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    t: usize,
    def: &TriggerDef,
    body_against: &dyn Fn(usize, usize) -> bool,
) -> Option<Anaphor> {
    let wanted = [
        "Contact.",
        "Agreement.",
        "Cyber.",
        "Conflict.",
        "Statement.",
    ];
    if t >= view.tokens.len()
        || view.mention_at(t).is_some()
        || !wanted.iter().any(|p| def.etype.starts_with(p))
    {
        return None;
    }
    let w = view.bare_word(t);
    let two = view.phrase(t, t + 2);
    let three = view.phrase(t, t + 3);
    let is = |set: &super::lexicon::HashSet<String>| {
        set.contains(w)
            || two.is_some_and(|x| set.contains(x))
            || three.is_some_and(|x| set.contains(x))
    };
    if is(&lex.words.pair_anaphors)
        && (def.etype.starts_with("Contact.") || def.etype.starts_with("Agreement."))
    {
        return Some(Anaphor::Pair);
    }
    if is(&lex.words.group_anaphors)
        && (def.etype.starts_with("Cyber.") || def.etype.starts_with("Conflict."))
    {
        return Some(Anaphor::Group(Role::Agent));
    }
    if def.etype.starts_with("Statement.") {
        let set = &lex.words.body_anaphors;
        // The anaphor's phrase of one, two or three words, and its length.
        let found = [(1, Some(w)), (2, two), (3, three)]
            .into_iter()
            .find_map(|(n, p)| p.filter(|p| set.contains(*p)).map(|p| (n, p)));
        if let Some((_, phrase)) = found.filter(|&(n, _)| body_against(t, t + n)) {
            let heads = &lex.words.company_heads;
            let company = phrase.split(' ').any(|x| {
                heads.contains(x) || x.strip_prefix("ال").is_some_and(|y| heads.contains(y))
            });
            return Some(Anaphor::Body { company });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The role rules compare these lists with normalized words: a word written as in
    /// running text ("رئيس", "نائب") never matches and silently does nothing. The title
    /// heads, dependents and news outlets are data (`function-words.tsv`), normalized as
    /// they load.
    #[test]
    fn word_lists_are_written_normalized() {
        for list in [RESUMPTIVES, RELATIVES, SVO_PARTICLES] {
            for w in list {
                assert_eq!(crate::text::normalize(w), *w, "{w} is not normalized");
            }
        }
        let lex = Lexicon::builtin().unwrap();
        let words = &lex.words;
        for (set, w) in [
            (&words.title_heads, "رئيس"),
            (&words.title_heads, "مجلس"),
            (&words.dependents, "نائب"),
            (&words.media, "صحيفة"),
        ] {
            assert!(set.contains(&crate::text::normalize(w)), "{w}");
        }
        for set in [&words.title_heads, &words.dependents, &words.media] {
            for w in set {
                assert_eq!(&crate::text::normalize(w), w, "{w} is not normalized");
            }
        }
    }
}
