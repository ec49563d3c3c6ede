//! Type by context: the gazetteers know that "Leeds" is a city, the sentence says whether
//! it is the city or its football club. This step runs with the gazetteers (no rules
//! needed) and changes three things:
//!
//! - in a sports report, a city, region or state that acts as a team ("Leeds 2 Arsenal 1",
//!   "beat Surrey", "Chicago's pitcher", "بورتو ( البرتغال )") becomes an organization,
//!   and so do its other mentions in the same report unless they are places there ("in
//!   Leeds", a dateline). Countries stay places: national teams are tagged as the country
//!   (CoNLL-2003 convention), and so are the UK's home nations.
//! - a place that begins a longer name gives way to that name: an organization when the
//!   name ends in an organization word ("Tokyo Stock Exchange", "Bristol City") or, in a
//!   sports report, is followed by a team nickname ("Boston Red Sox"); nothing when the
//!   name is an event's ("Hong Kong Open").
//! - a place right after a word such as "صحيفة" (newspaper) or "جامعة" (university) is
//!   that organization's name: "صحيفة القدس" is the newspaper, not the city; so is a
//!   place other than a country quoted right after لـ ("قال لـ«الخليج»": the
//!   newspaper a source spoke to).
//!
//! The word lists are data: `gazetteers/context/sports.tsv`.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::{EntityKey, Resolved};
use crate::gazetteer::{EntityRecord, Gazetteer};
use crate::model::EntityType;
use crate::text::{
    is_arabic, is_conj_clitic, is_prep_clitic, is_word_char, normalize, starts_sentence, Prepared,
};

const SPORTS: &str = include_str!("../../gazetteers/context/sports.tsv");

/// A report needs this many sports words (and two different ones) to count as sports.
const SPORT_WORDS_MIN: usize = 3;
/// At most this many capitalized words after a place are read as the rest of a name.
const NAME_WORDS_MAX: usize = 4;

/// The word lists of `sports.tsv`, normalized.
#[derive(Debug, Default)]
struct Lexicon {
    sport: HashSet<String>,
    before: HashSet<String>,
    after: HashSet<String>,
    place_cue: HashSet<String>,
    org_before: HashSet<String>,
    team_head: HashSet<String>,
    org_head: HashSet<String>,
    /// Event names, as word sequences ("grand prix" → ["grand", "prix"]).
    event_head: Vec<Vec<String>>,
    not_name: HashSet<String>,
    nation_code: HashSet<String>,
}

/// Compiles the lexicon (see [`super::prepare`]).
pub(crate) fn prepare() {
    lexicon();
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| parse_lexicon(SPORTS))
}

fn parse_lexicon(data: &str) -> Lexicon {
    let mut lex = Lexicon::default();
    for line in data.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let Some((kind, word)) = line.split_once('\t') else {
            continue;
        };
        let word = word.trim();
        if word.is_empty() {
            continue;
        }
        let n = normalize(word);
        match kind {
            "sport" => {
                lex.sport.insert(n);
            }
            "before" => {
                lex.before.insert(n);
            }
            "after" => {
                lex.after.insert(n);
            }
            "place-cue" => {
                lex.place_cue.insert(n);
            }
            "org-before" => {
                lex.org_before.insert(n);
            }
            "team-head" => {
                lex.team_head.insert(n);
            }
            "org-head" => {
                lex.org_head.insert(n);
            }
            "event-head" => lex
                .event_head
                .push(n.split_whitespace().map(str::to_string).collect()),
            "not-name" => {
                lex.not_name.insert(n);
            }
            "nation-code" => {
                lex.nation_code.insert(word.to_string());
            }
            _ => {}
        }
    }
    lex
}

/// True when the text is a sports report (enough sports words): the rules read its
/// table rows as teams ([`crate::rules`]' sports tables).
pub(crate) fn sports_report(prep: &Prepared<'_>) -> bool {
    is_sports(prep, lexicon())
}

/// True for a word that keeps a place after it a place ("in", "from", "في"): the
/// sports lexicon's `place-cue` words.
pub(crate) fn place_cue(word: &str) -> bool {
    lookup(&lexicon().place_cue, word)
}

/// Normalized form of a word for lookups, with Arabic proclitics (و ف ب ل ك, ال) tried
/// off when the whole word is not listed.
fn lookup(set: &HashSet<String>, word: &str) -> bool {
    lookup_normalized(set, &normalize(word))
}

/// [`lookup`] of a word already normalized.
fn lookup_normalized(set: &HashSet<String>, n: &str) -> bool {
    if set.contains(n) {
        return true;
    }
    let mut rest = n;
    for _ in 0..2 {
        let Some(c) = rest.chars().next() else {
            return false;
        };
        if !(is_conj_clitic(c) || is_prep_clitic(c)) {
            break;
        }
        rest = &rest[c.len_utf8()..];
        if rest.chars().count() >= 2 && set.contains(rest) {
            return true;
        }
    }
    rest.strip_prefix("ال")
        .is_some_and(|r| r.chars().count() >= 2 && set.contains(r))
}

/// True when the words of the text make it a sports report.
fn is_sports(prep: &Prepared<'_>, lex: &Lexicon) -> bool {
    let mut seen: HashSet<&str> = HashSet::default();
    let mut count = 0;
    // The normalized text is already folded and lower-cased: no allocation per word.
    let norm = prep.norm_text();
    for w in crate::text::word_spans(norm) {
        let word = &norm[w];
        if lookup_normalized(&lex.sport, word) {
            count += 1;
            seen.insert(word);
            if count >= SPORT_WORDS_MIN && seen.len() >= 2 {
                return true;
            }
        }
    }
    false
}

/// A token: a run of word characters (with inner hyphens kept apart) or one other
/// character that is not a space.
fn token_at(s: &str, start: usize) -> Option<Range<usize>> {
    let c = s[start..].chars().next()?;
    if !is_word_char(c) {
        return Some(start..start + c.len_utf8());
    }
    let end = s[start..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(s.len(), |(i, _)| start + i);
    Some(start..end)
}

/// Up to `n` tokens after byte `pos`, on the same line.
fn tokens_after(s: &str, mut pos: usize, n: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let Some((off, c)) = s[pos..]
            .char_indices()
            .find(|&(_, c)| !c.is_whitespace() || c == '\n')
        else {
            break;
        };
        if c == '\n' {
            break;
        }
        let Some(t) = token_at(s, pos + off) else {
            break;
        };
        pos = t.end;
        out.push(t);
    }
    out
}

/// The token before byte `pos` on the same line, skipping a word part the mention starts
/// inside of (an Arabic proclitic).
fn token_before(s: &str, pos: usize) -> Option<Range<usize>> {
    let head = &s[..pos];
    let mut it = head.char_indices().rev().peekable();
    // Skip a proclitic attached to the mention.
    while it.peek().is_some_and(|&(_, c)| is_word_char(c)) {
        it.next();
    }
    let (i, c) = loop {
        let (i, c) = it.next()?;
        if c == '\n' {
            return None;
        }
        if !c.is_whitespace() {
            break (i, c);
        }
    };
    if !is_word_char(c) {
        return Some(i..i + c.len_utf8());
    }
    let start = head[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(j, c)| j + c.len_utf8());
    Some(start..i + c.len_utf8())
}

/// Where a name ending in a place that starts at `pos` begins: up to three capitalized
/// words before it, one space apart, after `floor` (the mention before), stopping at a
/// word that starts a sentence.
fn name_start(s: &str, pos: usize, floor: usize) -> usize {
    let mut start = pos;
    for _ in 0..3 {
        let Some(p) = token_before(s, start) else {
            break;
        };
        let w = &s[p.clone()];
        let sentence_start = starts_sentence(s, p.start);
        // Nor a function word ("The" after a dateline's dash), nor a word in capitals
        // (a headline's verb: "CONFIRMS TEXAS COURT").
        if p.start < floor
            || s.get(p.end..start) != Some(" ")
            || !is_capitalized(w)
            || !w.chars().all(is_word_char)
            || !w.chars().any(char::is_lowercase)
            || crate::rules::en_stop(&w.to_lowercase())
            || sentence_start
        {
            break;
        }
        start = p.start;
    }
    start
}

fn is_title_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() > 1
        && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'')
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_score(w: &str) -> bool {
    (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

/// A country, or a part of one that fields national teams.
pub(crate) fn is_nation_record(rec: &EntityRecord) -> bool {
    is_nation(rec, lexicon())
}

fn is_nation(rec: &EntityRecord, lex: &Lexicon) -> bool {
    rec.ids.as_deref().is_some_and(|ids| {
        ids.split('|').any(|id| {
            id.strip_prefix("iso:")
                .is_some_and(|code| code.len() == 2 || lex.nation_code.contains(code))
        })
    })
}

/// What the context makes of a place mention.
#[derive(Debug, Clone, PartialEq)]
enum Reading {
    Undecided,
    Place,
    Team,
    /// The place names an organization ("صحيفة القدس", the newspaper).
    Org,
    /// The place is part of a longer organization name: its bytes.
    OrgName(usize, usize),
    /// The place is part of an event's name: no entity.
    EventName,
}

/// Changes place mentions by their context; `record[i]` is the gazetteer entity behind
/// `resolved[i]`, if any. Mentions stay sorted and never overlap.
pub fn retype(
    prep: &Prepared<'_>,
    gaz: &Gazetteer,
    resolved: &mut Vec<Resolved>,
    record: &[Option<u32>],
) {
    let place = |i: usize| -> Option<&EntityRecord> {
        let r = &gaz.entities[record.get(i).copied().flatten()? as usize];
        (r.etype == EntityType::Location && resolved[i].key.etype == EntityType::Location)
            .then_some(r)
    };
    if !(0..resolved.len()).any(|i| place(i).is_some()) {
        return;
    }
    let lex = lexicon();
    // Reading the whole text for sports words is the costly part: only when a decision
    // depends on it.
    let sports_cell = std::cell::OnceCell::new();
    let sports = || *sports_cell.get_or_init(|| is_sports(prep, lex));
    let s = prep.orig;
    let mut readings = vec![Reading::Undecided; resolved.len()];
    for i in 0..resolved.len() {
        let Some(rec) = place(i) else { continue };
        let nation = is_nation(rec, lex);
        let span = resolved[i].span.clone();
        let next_start = resolved.get(i + 1).map_or(s.len(), |r| r.span.start);
        let after = tokens_after(s, span.end, 8);
        let word = |t: Option<&Range<usize>>| t.map_or("", |t| &s[t.clone()]);
        let prev = token_before(s, span.start);
        let prev_w = word(prev.as_ref());
        // A capitalized word before the place continues a name ("Greater Milwaukee"),
        // unless it only starts the sentence ("The Boston Red Sox").
        let prev_in_name =
            is_capitalized(prev_w) && prev.as_ref().is_some_and(|p| !starts_sentence(s, p.start));
        let next_w = word(after.first());

        if let Some(mut r) = longer_name(
            s,
            &span,
            &after,
            next_start,
            prev_in_name,
            &sports,
            nation,
            lex,
        ) {
            // "New England Journal", "South Wales Police": the name begins with the
            // capitalized words that continue the place's own name leftwards.
            if let (Reading::OrgName(start, _), true) = (&mut r, prev_in_name) {
                let floor = i.checked_sub(1).map_or(0, |j| resolved[j].span.end);
                *start = name_start(s, span.start, floor);
            }
            readings[i] = r;
            continue;
        }
        // The word before is looked up in up to three lists: normalized once.
        let prev_n = normalize(prev_w);
        if lookup_normalized(&lex.org_before, &prev_n) || (!nation && quoted_after_li(s, &span)) {
            readings[i] = Reading::Org;
            continue;
        }
        // Only blanks between the line's start and the place (not a search back through
        // a paragraph-long line for its start).
        let before = s[..span.start].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        let first_on_line = before.is_empty() || before.ends_with('\n');
        let dateline = first_on_line
            && (next_w == ":" || after.iter().take(6).any(|t| is_year(&s[t.clone()])));
        let in_parens = matches!(prev_w, "(" | ",") && next_w == ")";
        if lookup_normalized(&lex.place_cue, &prev_n) || dateline || in_parens {
            readings[i] = Reading::Place;
            continue;
        }
        if nation {
            continue;
        }
        let possessive = matches!(next_w, "'" | "’") && word(after.get(1)) == "s";
        let nation_in_parens = next_w == "("
            && resolved.get(i + 1).is_some_and(|n| {
                after.get(1).is_some_and(|t| t.start == n.span.start)
                    && place(i + 1).is_some_and(|r| is_nation(r, lex))
            });
        // A number after the place is a score unless a month or an Arabic word follows
        // it (a date: "بالقاهرة 18 سبتمبر").
        let score = is_score(next_w) && {
            let w = word(after.get(1));
            !lex.not_name.contains(&normalize(w)) && !w.chars().any(is_arabic)
        };
        if (score
            || lookup_normalized(&lex.before, &prev_n)
            || lookup(&lex.after, next_w)
            || possessive
            || nation_in_parens)
            && sports()
        {
            readings[i] = Reading::Team;
        }
    }
    if readings.contains(&Reading::Team) {
        // One sense per report: a place that acted as a team is the team elsewhere too.
        let teams: HashSet<&str> = (0..resolved.len())
            .filter(|&i| readings[i] == Reading::Team)
            .map(|i| resolved[i].key.id.as_ref())
            .collect();
        for i in 0..resolved.len() {
            if readings[i] == Reading::Undecided
                && place(i).is_some()
                && teams.contains(resolved[i].key.id.as_ref())
            {
                readings[i] = Reading::Team;
            }
        }
    }
    apply(prep, resolved, readings);
}

/// True for a place quoted right after the preposition لـ ("قال لـ«الخليج»",
/// "أكد ل\"الرياض\""): Arabic news quotes the newspaper or channel a source spoke to
/// that way, and many are named after places. A place is seldom quoted so.
fn quoted_after_li(s: &str, span: &Range<usize>) -> bool {
    const OPEN: [char; 3] = ['«', '"', '“'];
    const CLOSE: [char; 3] = ['»', '"', '”'];
    if !s[span.end..].starts_with(CLOSE) {
        return false;
    }
    let Some(before) = s[..span.start].strip_suffix(OPEN) else {
        return false;
    };
    let before = before.trim_end_matches(' ');
    let Some(rest) = before
        .strip_suffix("لـ")
        .or_else(|| before.strip_suffix('ل'))
    else {
        return false;
    };
    // The preposition alone or after the conjunction و, not the end of a word ("قال
    // \"X\"").
    let rest = rest.strip_suffix('و').unwrap_or(rest);
    rest.chars().next_back().map_or(true, |c| !is_word_char(c))
}

/// Makes a place's mention the organization named after it (a team, a newspaper): its own
/// id and canonical name, marked with `kind`, so it never merges with the place.
fn as_organization(r: &mut Resolved, kind: &str) {
    r.key = EntityKey {
        id: format!("{}-{kind}", r.key.id).into(),
        canonical: format!("{} ({kind})", r.key.canonical).into(),
        etype: EntityType::Organization,
    };
    r.source = format!("{}+context:{kind}", r.source);
}

/// The reading of a place followed by more capitalized words, when they make a name.
#[allow(clippy::too_many_arguments)]
fn longer_name(
    s: &str,
    span: &Range<usize>,
    after: &[Range<usize>],
    next_start: usize,
    prev_in_name: bool,
    sports: &dyn Fn() -> bool,
    nation: bool,
    lex: &Lexicon,
) -> Option<Reading> {
    // The words of the name: capitalized, one space apart, before any other mention.
    let mut words: Vec<&Range<usize>> = Vec::new();
    let mut end = span.end;
    for t in after.iter().take(NAME_WORDS_MAX) {
        let w = &s[t.clone()];
        if t.start != end + 1
            || !s[end..t.start].starts_with(' ')
            || t.end > next_start
            || !is_capitalized(w)
            || !w.chars().all(is_word_char)
        {
            break;
        }
        words.push(t);
        end = t.end;
    }
    if words.is_empty() {
        return None;
    }
    let norm: Vec<String> = words.iter().map(|t| normalize(&s[(*t).clone()])).collect();
    for ev in &lex.event_head {
        if !ev.is_empty() && norm.windows(ev.len()).any(|w| w == ev.as_slice()) {
            return Some(Reading::EventName);
        }
    }
    if let Some(k) = norm.iter().position(|w| lex.org_head.contains(w)) {
        return Some(Reading::OrgName(span.start, words[k].end));
    }
    // The sports test reads the whole text: it comes last, once a local cue asks for it.
    if let Some(k) = norm.iter().position(|w| lex.team_head.contains(w)) {
        return sports().then(|| Reading::OrgName(span.start, words[k].end));
    }
    // A team nickname after a city ("the Boston Red Sox"): title-case words after a
    // title-case place that does not itself continue a name.
    let mention = &s[span.clone()];
    let nickname: Vec<_> = words
        .iter()
        .zip(&norm)
        .take_while(|(t, n)| is_title_word(&s[(**t).clone()]) && !lex.not_name.contains(*n))
        .collect();
    if !nation
        && !nickname.is_empty()
        && mention.chars().any(char::is_lowercase)
        && !prev_in_name
        && sports()
    {
        return nickname
            .last()
            .map(|(t, _)| Reading::OrgName(span.start, t.end));
    }
    None
}

/// A stable id from a name: normalized words joined by `-`.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for w in normalize(name).split(|c: char| !is_word_char(c)) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    out
}

fn apply(prep: &Prepared<'_>, resolved: &mut Vec<Resolved>, readings: Vec<Reading>) {
    if readings
        .iter()
        .all(|r| matches!(r, Reading::Undecided | Reading::Place))
    {
        return;
    }
    let old = std::mem::take(resolved);
    for (mut r, reading) in old.into_iter().zip(readings) {
        match reading {
            Reading::Undecided | Reading::Place => {}
            Reading::EventName => continue,
            Reading::Team => as_organization(&mut r, "team"),
            Reading::Org => as_organization(&mut r, "organization"),
            Reading::OrgName(start, end) => {
                let name = prep.orig[start..end].to_string();
                r.span = start..end;
                r.key = EntityKey {
                    id: slug(&name).into(),
                    canonical: name.into(),
                    etype: EntityType::Organization,
                };
                r.source = "context:name".to_string();
                r.home_country = None;
            }
        }
        resolved.push(r);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::gazetteer::{parse, GazetteerBuilder};
    use crate::model::Entity;

    /// A small gazetteer written for these tests: cities, regions, countries, a person.
    pub(crate) fn gazetteer() -> Gazetteer {
        let rows = "id\ttype\tcanonical\taliases\tids\n\
            leeds\tLOCATION\tLeeds\tليدز\tgeonames:1\n\
            surrey\tLOCATION\tSurrey\t\tgeonames:2\n\
            boston\tLOCATION\tBoston\t\tgeonames:3\n\
            bristol\tLOCATION\tBristol\t\tgeonames:4\n\
            tokyo\tLOCATION\tTokyo\t\tgeonames:5\n\
            porto\tLOCATION\tPorto\tبورتو\tgeonames:6\n\
            jerusalem\tLOCATION\tJerusalem\tالقدس\tgeonames:7\n\
            bolton\tLOCATION\tBolton\tبولتون\tgeonames:8\n\
            portugal\tLOCATION\tPortugal\tالبرتغال\tiso:PT\n\
            hong-kong\tLOCATION\tHong Kong\t\tiso:HK\n\
            scotland\tLOCATION\tScotland\t\tiso:GB-SCT\n\
            jordan\tLOCATION\tJordan\t\tiso:JO\n\
            palestine\tLOCATION\tPalestine\tفلسطين\tiso:PS\n\
            bill-clinton\tPERSON\tBill Clinton\tClinton\t\n";
        let mut b = GazetteerBuilder::new();
        b.add_rows("test", parse("test.tsv", rows).unwrap());
        b.build().unwrap()
    }

    /// (surface text, type) of every mention, in text order.
    pub(crate) fn mentions(text: &str) -> Vec<(String, EntityType, String)> {
        let gaz = gazetteer();
        let prep = Prepared::new(text, None);
        let ents: Vec<Entity> = super::super::resolve(&prep, gaz.annotate(&prep), &gaz, false);
        let mut out: Vec<(usize, String, EntityType, String)> = ents
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(|m| (m.start, m.text.clone(), e.etype, e.id.clone()))
            })
            .collect();
        out.sort();
        out.into_iter().map(|(_, t, ty, id)| (t, ty, id)).collect()
    }

    fn types(text: &str) -> Vec<(String, EntityType)> {
        mentions(text)
            .into_iter()
            .map(|(t, ty, _)| (t, ty))
            .collect()
    }

    use EntityType::{Location as Loc, Organization as Org};

    fn m(t: &str, ty: EntityType) -> (String, EntityType) {
        (t.to_string(), ty)
    }

    #[test]
    fn the_word_lists_load() {
        let lex = lexicon();
        for (kind, n) in [
            ("sport", lex.sport.len()),
            ("before", lex.before.len()),
            ("after", lex.after.len()),
            ("place-cue", lex.place_cue.len()),
            ("org-before", lex.org_before.len()),
            ("team-head", lex.team_head.len()),
            ("org-head", lex.org_head.len()),
            ("event-head", lex.event_head.len()),
            ("not-name", lex.not_name.len()),
            ("nation-code", lex.nation_code.len()),
        ] {
            assert!(n > 0, "no {kind} words in sports.tsv");
        }
        // Arabic words are found behind proclitics.
        assert!(lookup(&lex.sport, "والمباراة"));
        assert!(lookup(&lex.sport, "بالدوري"));
        assert!(!lookup(&lex.sport, "والحكومة"));
    }

    #[test]
    fn places_acting_as_teams_in_a_sports_report_are_organizations() {
        let text = "Leeds beat Surrey by an innings in the county championship.\n\
                    Their striker scored two goals and the coach praised the squad.\n\
                    Bristol 2 Boston 1";
        assert_eq!(
            types(text),
            vec![
                m("Leeds", Org),
                m("Surrey", Org),
                m("Bristol", Org),
                m("Boston", Org)
            ]
        );
        let ids: Vec<String> = mentions(text).into_iter().map(|(_, _, id)| id).collect();
        assert_eq!(ids[0], "leeds-team");
    }

    #[test]
    fn a_team_stays_a_team_through_the_report_but_not_where_it_is_a_place() {
        let text = "Surrey captain Chris Jones was pleased with the win.\n\
                    The match had two goals and a penalty in the second half.\n\
                    Surrey now lead the league table.\n\
                    The next game will be played in Surrey on Sunday.";
        assert_eq!(
            types(text),
            vec![m("Surrey", Org), m("Surrey", Org), m("Surrey", Loc)]
        );
    }

    #[test]
    fn the_same_sentences_without_sport_keep_places() {
        assert_eq!(
            types("The mayor of Leeds opened a bridge near Surrey. Boston 3 miles away."),
            vec![m("Leeds", Loc), m("Surrey", Loc), m("Boston", Loc)]
        );
        assert_eq!(
            types("Leeds beat its own record for rainfall, Surrey drew more tourists."),
            vec![m("Leeds", Loc), m("Surrey", Loc)]
        );
    }

    #[test]
    fn countries_and_home_nations_stay_places_as_national_teams() {
        let text = "Portugal beat Leeds 2-1 in a friendly match.\n\
                    Scotland 3 Hong Kong 0\n\
                    The striker scored two goals, the goalkeeper saved a penalty.";
        assert_eq!(
            types(text),
            vec![
                m("Portugal", Loc),
                m("Leeds", Org),
                m("Scotland", Loc),
                m("Hong Kong", Loc)
            ]
        );
    }

    #[test]
    fn a_place_quoted_after_li_is_the_outlet_told() {
        // Invented sentences: the newspaper a source spoke to, quoted after لـ.
        for text in [
            "وقال المتحدث لـ«القدس» إن الوضع هادئ .",
            "وأكد مسؤول ل\"القدس\" أن الوضع هادئ .",
            "وقال مسؤول ولـ «القدس» إن الوضع هادئ .",
        ] {
            assert_eq!(types(text), vec![m("القدس", Org)], "{text}");
        }
        // Quoted without لـ, after a word ending in ل, or a country: places.
        for text in [
            "وزار الوفد «القدس» أمس .",
            "قال \"القدس\" مدينة قديمة .",
            "وأضاف أن الحليف لـ«البرتغال» تغير .",
        ] {
            assert!(types(text).iter().all(|x| x.1 == Loc), "{text}");
        }
    }

    #[test]
    fn datelines_and_venues_stay_places() {
        let text = "LEEDS 1996-08-30\n\
                    Leeds beat Surrey by 40 runs in the championship match.\n\
                    The bowler took five wickets ( at Headingley , Leeds ) .";
        assert_eq!(
            types(text),
            vec![
                m("LEEDS", Loc),
                m("Leeds", Org),
                m("Surrey", Org),
                m("Leeds", Loc)
            ]
        );
    }

    #[test]
    fn arabic_teams_in_a_sports_report() {
        let text = "تغلب ليدز على ضيفه في مباراة الدوري وسجل المهاجم هدفين .\n\
                    بورتو ( البرتغال ) 2 - 1";
        assert_eq!(
            types(text),
            vec![m("ليدز", Org), m("بورتو", Org), m("البرتغال", Loc)]
        );
        // Not a sports report: the city stays a city.
        assert_eq!(
            types("افتتح رئيس البلدية جسرا جديدا أمام ليدز القديمة ."),
            vec![m("ليدز", Loc)]
        );
        // "18 سبتمبر" after a city is a date, not a score.
        assert_eq!(
            types("تقام مباراة الذهاب في الدوري بليدز 18 سبتمبر وسجل المهاجم هدفين ."),
            vec![m("ليدز", Loc)]
        );
    }

    #[test]
    fn a_place_after_newspaper_or_university_names_it() {
        assert_eq!(
            types("ونشرت صحيفة القدس مقالا عن الزيارة ."),
            vec![m("القدس", Org)]
        );
        assert_eq!(types("وزار الوفد القدس أمس ."), vec![m("القدس", Loc)]);
    }

    #[test]
    fn a_place_that_begins_a_longer_name_gives_way_to_it() {
        let got = mentions("Shares fell on the Tokyo Stock Exchange on Monday.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Tokyo Stock Exchange");
        assert_eq!(got[0].1, Org);
        assert_eq!(got[0].2, "tokyo-stock-exchange");
        // An event's name: no entity at all.
        assert!(types("She won the Hong Kong Open last year.").is_empty());
        // A title after a place is not part of a name outside sports reports.
        assert_eq!(
            types("Boston Mayor Tom Smith spoke in Boston Monday."),
            vec![m("Boston", Loc), m("Boston", Loc)]
        );
    }

    #[test]
    fn a_longer_name_takes_the_capitalized_words_before_the_place() {
        let got = mentions("A spokesman for North Scotland Police said the road was shut.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "North Scotland Police");
        assert_eq!(got[0].1, Org);
        assert_eq!(got[0].2, "north-scotland-police");
        // A word that only starts the sentence is not part of the name.
        assert_eq!(
            types("Prices rose. The Leeds Stock Exchange reopened late."),
            vec![m("Leeds Stock Exchange", Org)]
        );
        // Nor a function word after a dateline's dash, nor a headline's word in capitals.
        assert_eq!(
            types("LEEDS, May 2 - The North Scotland Police said."),
            vec![m("LEEDS", Loc), m("North Scotland Police", Org)]
        );
        assert_eq!(
            types("RAIN HALTS SCOTLAND POLICE RACE"),
            vec![m("SCOTLAND POLICE", Org)]
        );
        // Nor is a word of the mention before.
        assert_eq!(
            types("Visitors from Boston Tokyo Stock Exchange staff met."),
            vec![m("Boston", Loc), m("Tokyo Stock Exchange", Org)]
        );
    }

    #[test]
    fn team_names_after_a_place_in_sports_reports() {
        let text = "Bristol City beat Leeds in the league.\n\
                    The Boston Red Sox won the game with a homer in the ninth inning.";
        assert_eq!(
            types(text),
            vec![
                m("Bristol City", Org),
                m("Leeds", Org),
                m("Boston Red Sox", Org)
            ]
        );
        // The same words outside sport: "City" is no team, "Bristol" stays a place.
        assert_eq!(
            types("Bristol City council met on Monday."),
            vec![m("Bristol", Loc)]
        );
    }
}
