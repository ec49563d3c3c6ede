//! Loading the event data files of `gazetteers/events/`: trigger lexicons, cue words, role
//! markers and function words. Everything is normalized here once, so matching compares
//! normalized strings only.

use crate::error::GazetteerError;
use crate::model::Role;
use crate::text::normalize;

/// A set of normalized words with rustc's Fx hash: the keys are short words from our
/// own data files, looked up on every word of a text, where SipHash costs more than the
/// lookup itself.
pub type HashSet<T> = rustc_hash::FxHashSet<T>;
/// A map keyed by normalized words with rustc's Fx hash (see [`HashSet`]).
pub type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Built-in data files, embedded so the binary runs anywhere.
pub(crate) const TRIGGERS_AR: (&str, &str) = (
    "gazetteers/events/triggers-ar.tsv",
    include_str!("../../gazetteers/events/triggers-ar.tsv"),
);
pub(crate) const TRIGGERS_EN: (&str, &str) = (
    "gazetteers/events/triggers-en.tsv",
    include_str!("../../gazetteers/events/triggers-en.tsv"),
);
pub(crate) const CUES: (&str, &str) = (
    "gazetteers/events/cues.tsv",
    include_str!("../../gazetteers/events/cues.tsv"),
);
pub(crate) const MARKERS: (&str, &str) = (
    "gazetteers/events/markers.tsv",
    include_str!("../../gazetteers/events/markers.tsv"),
);
pub(crate) const FUNCTION_WORDS: (&str, &str) = (
    "gazetteers/events/function-words.tsv",
    include_str!("../../gazetteers/events/function-words.tsv"),
);

/// Language of a lexicon row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LexLang {
    Ar,
    En,
}

impl LexLang {
    fn parse(s: &str) -> Option<LexLang> {
        match s.trim() {
            "ar" => Some(LexLang::Ar),
            "en" => Some(LexLang::En),
            _ => None,
        }
    }
}

/// Part of speech of a trigger, which decides where its arguments are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Active verb: agent is the subject, target the object.
    Verb,
    /// Verb whose subject undergoes the event ("died", "انتخب").
    VerbUndergoer,
    /// Verbal noun: genitive object, "attack on X", "X's attack".
    Noun,
}

/// One atom of a cue condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CueAtom {
    /// A word of the named cue list occurs in the sentence (index into [`Lexicon::cue_names`]).
    Words(usize),
    /// A person, organization, group or place is mentioned in the clause.
    Actor,
    /// A person is mentioned in the clause.
    Person,
}

/// A cue condition: any of the alternatives, each a conjunction of (possibly negated) atoms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueExpr {
    pub alternatives: Vec<Vec<(bool, CueAtom)>>,
}

impl CueExpr {
    /// True when the trigger needs no cue.
    pub fn is_empty(&self) -> bool {
        self.alternatives.is_empty()
    }
}

/// One trigger reading: a form may have several (هجوم: Cyber.Attack with a cyber cue,
/// Conflict.Attack with a conflict cue).
#[derive(Debug, Clone)]
pub struct TriggerDef {
    pub etype: String,
    pub lang: LexLang,
    pub pos: Pos,
    pub strength: f32,
    pub cue: CueExpr,
}

/// Role given by a marker word, for the event types it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerRole {
    Role(Role),
    /// First of a pair is the agent, the others "other" ("بين X و Y").
    Both,
    /// The place of the event (only for LOCATION entities).
    Loc,
    /// Not a participant of this event.
    Skip,
}

#[derive(Debug, Clone)]
pub struct MarkerRule {
    pub role: MarkerRole,
    /// Event types or type prefixes; empty = all.
    pub types: Vec<String>,
}

impl MarkerRule {
    pub fn applies(&self, etype: &str) -> bool {
        self.types.is_empty()
            || self
                .types
                .iter()
                .any(|t| etype == t || (t.ends_with('.') && etype.starts_with(t.as_str())))
    }
}

/// Sets of normalized function words, by kind.
#[derive(Debug, Default)]
pub struct FunctionWords {
    pub blockers: HashSet<String>,
    pub complementizers: HashSet<String>,
    /// English relative pronouns: the name before one is the subject of the clause it
    /// opens and of the verb after that clause ("Reyes, who was arrested, denied").
    pub relatives: HashSet<String>,
    pub aux: HashSet<String>,
    pub passive: HashSet<String>,
    /// Words that make the subject of a verbal noun its target ("تعرضت X لهجوم", "X suffered").
    pub undergo: HashSet<String>,
    /// Arabic verbs whose object noun is the subject's own act ("شنت روسيا هجوما").
    pub light_verbs: HashSet<String>,
    /// Words right before a verbal noun that make the name before them its agent
    /// ("X تقف وراء الهجوم", "X was behind the attack", "X claimed responsibility for").
    pub responsible: HashSet<String>,
    /// Head nouns for the members of a named group ("Al-Shabaab militants").
    pub members: HashSet<String>,
    /// Words that open a condition ("if", "لو"): an event in the rest of their clause is
    /// supposed, not reported.
    pub conditionals: HashSet<String>,
    /// A pronoun opening what a speaker said, standing for the speaker ("said it had
    /// arrested", "قالت الوزارة إنها اعتقلت"); phrases of one or two words.
    pub speaker_pronouns: HashSet<String>,
    /// Normalized anaphor phrases (one or more words, space separated).
    pub group_anaphors: HashSet<String>,
    pub pair_anaphors: HashSet<String>,
    /// Words standing for the organization a report is about, as a speaker ("the company
    /// said", "وقالت الشركة").
    pub body_anaphors: HashSet<String>,
    /// Words right before a company's name ("شركة X", "the company X"): the body a
    /// report is about is the first one so written.
    pub company_heads: HashSet<String>,
    /// Words that begin a public body's name ("وزارة", "Ministry"): such a body is no
    /// company the report is about.
    pub public_heads: HashSet<String>,
    /// Titles and head nouns whose genitive is a place or organization ("سفير إيران").
    pub title_heads: HashSet<String>,
    /// Titles held under or for another person ("نائب", "مستشار"): the person named right
    /// after one is its genitive.
    pub dependents: HashSet<String>,
    /// Head nouns of news outlets ("صحيفة", "وكالة").
    pub media: HashSet<String>,
    /// Reporting verbs whose object is the one told ("told", "informed").
    pub addressee_verbs: HashSet<String>,
    /// Verbs of striking ("استهدف", "crippled"): right after a relative pronoun on an
    /// attack noun, the name after one is the attack's target ("الهجوم الذي استهدف X",
    /// "the attack that crippled X").
    pub strike_verbs: HashSet<String>,
    /// Words that blame the name before them for the act after them, inside what a speaker
    /// said ("said X was behind the attack", "قال إن X تقف وراء الهجوم"): the statement
    /// accuses X.
    pub blame: HashSet<String>,
}

/// All event data, parsed and normalized.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub triggers: Vec<TriggerDef>,
    /// (normalized form, index into `triggers`).
    pub trigger_forms: Vec<(String, usize)>,
    /// First words of all trigger forms (to see that a verb follows a name).
    pub trigger_first_words: HashSet<String>,
    pub cue_names: Vec<String>,
    /// (normalized form, cue index, language).
    pub cue_forms: Vec<(String, usize, LexLang)>,
    /// Normalized marker phrase → rules in file order.
    pub markers: HashMap<String, Vec<MarkerRule>>,
    pub words: FunctionWords,
}

/// Normalizes a lexicon form: normalization of the matcher, single spaces.
pub fn norm_form(s: &str) -> String {
    normalize(s.trim())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn err(path: &str, line: usize, msg: impl Into<String>) -> GazetteerError {
    GazetteerError::Format {
        path: path.to_string(),
        line,
        msg: msg.into(),
    }
}

/// Data rows of a TSV file: (line number, fields), skipping comments, blank lines and the header.
fn rows<'a>(
    text: &'a str,
    header_first: &'a str,
) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    text.lines().enumerate().filter_map(move |(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            return None;
        }
        let f: Vec<&str> = l.split('\t').collect();
        if f.first().is_some_and(|x| *x == header_first) {
            return None;
        }
        Some((i + 1, f))
    })
}

fn forms(field: &str) -> impl Iterator<Item = String> + '_ {
    field.split('|').map(norm_form).filter(|f| !f.is_empty())
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Result<Lexicon, GazetteerError> {
        let mut lex = Lexicon::default();
        lex.add_cues(CUES.0, CUES.1)?;
        lex.add_triggers(TRIGGERS_AR.0, TRIGGERS_AR.1, LexLang::Ar)?;
        lex.add_triggers(TRIGGERS_EN.0, TRIGGERS_EN.1, LexLang::En)?;
        lex.add_markers(MARKERS.0, MARKERS.1)?;
        lex.add_function_words(FUNCTION_WORDS.0, FUNCTION_WORDS.1)?;
        Ok(lex)
    }

    fn cue_index(&mut self, name: &str) -> usize {
        match self.cue_names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.cue_names.push(name.to_string());
                self.cue_names.len() - 1
            }
        }
    }

    /// Adds cue word lists: `cue, lang, forms`.
    pub fn add_cues(&mut self, path: &str, text: &str) -> Result<(), GazetteerError> {
        for (line, f) in rows(text, "cue") {
            let [name, lang, fs] = f[..] else {
                return Err(err(path, line, "expected 3 columns: cue, lang, forms"));
            };
            let lang =
                LexLang::parse(lang).ok_or_else(|| err(path, line, "lang must be ar or en"))?;
            let ci = self.cue_index(name.trim());
            for form in forms(fs) {
                self.cue_forms.push((form, ci, lang));
            }
        }
        Ok(())
    }

    fn parse_cue(&mut self, s: &str, path: &str, line: usize) -> Result<CueExpr, GazetteerError> {
        let s = s.trim();
        if s.is_empty() || s == "-" {
            return Ok(CueExpr::default());
        }
        let mut alternatives = Vec::new();
        for alt in s.split('|') {
            let mut conj = Vec::new();
            for atom in alt.split('+') {
                let atom = atom.trim();
                let (neg, name) = match atom.strip_prefix('!') {
                    Some(n) => (true, n),
                    None => (false, atom),
                };
                let a = match name {
                    "actor" => CueAtom::Actor,
                    "person" => CueAtom::Person,
                    n => match self.cue_names.iter().position(|c| c == n) {
                        Some(i) => CueAtom::Words(i),
                        None => return Err(err(path, line, format!("unknown cue `{n}`"))),
                    },
                };
                conj.push((neg, a));
            }
            alternatives.push(conj);
        }
        Ok(CueExpr { alternatives })
    }

    /// Adds trigger rows: `type, pos, strength, cue, forms`.
    pub fn add_triggers(
        &mut self,
        path: &str,
        text: &str,
        lang: LexLang,
    ) -> Result<(), GazetteerError> {
        for (line, f) in rows(text, "type") {
            let [etype, pos, strength, cue, fs] = f[..] else {
                return Err(err(
                    path,
                    line,
                    "expected 5 columns: type, pos, strength, cue, forms",
                ));
            };
            let pos = match pos.trim() {
                "v" => Pos::Verb,
                "vi" => Pos::VerbUndergoer,
                "n" => Pos::Noun,
                p => return Err(err(path, line, format!("pos `{p}` is not v, vi or n"))),
            };
            let strength: f32 = strength
                .trim()
                .parse()
                .ok()
                .filter(|s: &f32| (0.0..=1.0).contains(s))
                .ok_or_else(|| err(path, line, "strength must be a number in [0, 1]"))?;
            let etype = etype.trim();
            if !etype.contains('.') {
                return Err(err(
                    path,
                    line,
                    format!("event type `{etype}` is not Kind.Sub"),
                ));
            }
            let cue = self.parse_cue(cue, path, line)?;
            let di = self.triggers.len();
            self.triggers.push(TriggerDef {
                etype: etype.to_string(),
                lang,
                pos,
                strength,
                cue,
            });
            for form in forms(fs) {
                if let Some(first) = form.split(' ').next() {
                    self.trigger_first_words.insert(first.to_string());
                }
                self.trigger_forms.push((form, di));
            }
        }
        Ok(())
    }

    /// Adds role markers: `lang, marker, role, types`.
    pub fn add_markers(&mut self, path: &str, text: &str) -> Result<(), GazetteerError> {
        for (line, f) in rows(text, "lang") {
            let [_lang, marker, role, types] = f[..] else {
                return Err(err(
                    path,
                    line,
                    "expected 4 columns: lang, marker, role, types",
                ));
            };
            let role = match role.trim() {
                "agent" => MarkerRole::Role(Role::Agent),
                "target" => MarkerRole::Role(Role::Target),
                "other" => MarkerRole::Role(Role::Other),
                "both" => MarkerRole::Both,
                "loc" => MarkerRole::Loc,
                "skip" => MarkerRole::Skip,
                r => return Err(err(path, line, format!("unknown role `{r}`"))),
            };
            let types = match types.trim() {
                "*" | "" => Vec::new(),
                t => t.split(',').map(|x| x.trim().to_string()).collect(),
            };
            self.markers
                .entry(norm_form(marker))
                .or_default()
                .push(MarkerRule { role, types });
        }
        Ok(())
    }

    /// Adds function words: `kind, lang, forms`.
    pub fn add_function_words(&mut self, path: &str, text: &str) -> Result<(), GazetteerError> {
        for (line, f) in rows(text, "kind") {
            let [kind, _lang, fs] = f[..] else {
                return Err(err(path, line, "expected 3 columns: kind, lang, forms"));
            };
            let set = match kind.trim() {
                "blocker" => &mut self.words.blockers,
                "complementizer" => &mut self.words.complementizers,
                "relative" => &mut self.words.relatives,
                "aux" => &mut self.words.aux,
                "passive" => &mut self.words.passive,
                "undergo" => &mut self.words.undergo,
                "member" => &mut self.words.members,
                "light-verb" => &mut self.words.light_verbs,
                "responsible" => &mut self.words.responsible,
                "speaker-pronoun" => &mut self.words.speaker_pronouns,
                "conditional" => &mut self.words.conditionals,
                "group-anaphor" => &mut self.words.group_anaphors,
                "pair-anaphor" => &mut self.words.pair_anaphors,
                "body-anaphor" => &mut self.words.body_anaphors,
                "company-head" => &mut self.words.company_heads,
                "public-head" => &mut self.words.public_heads,
                "title-head" => &mut self.words.title_heads,
                "dependent" => &mut self.words.dependents,
                "media" => &mut self.words.media,
                "addressee" => &mut self.words.addressee_verbs,
                "strike-verb" => &mut self.words.strike_verbs,
                "blame" => &mut self.words.blame,
                k => return Err(err(path, line, format!("unknown kind `{k}`"))),
            };
            set.extend(forms(fs));
        }
        Ok(())
    }

    /// True when a normalized word starts some trigger form (so the verb follows a subject).
    pub fn triggers_at_word(&self, w: &str) -> bool {
        self.trigger_first_words.contains(w)
    }

    /// The marker rule for a marker phrase and an event type.
    pub fn marker(&self, phrase: &str, etype: &str) -> Option<MarkerRole> {
        self.markers
            .get(phrase)?
            .iter()
            .find(|r| r.applies(etype))
            .map(|r| r.role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads_every_contract_type() {
        let lex = Lexicon::builtin().unwrap();
        for t in crate::model::EVENT_TYPES {
            for lang in [LexLang::Ar, LexLang::En] {
                assert!(
                    lex.triggers.iter().any(|d| d.etype == t && d.lang == lang),
                    "{t} {lang:?} has no trigger"
                );
            }
        }
        assert!(lex.words.blockers.contains("مثل"));
        assert_eq!(
            lex.marker("ضد", "Cyber.Attack"),
            Some(MarkerRole::Role(Role::Target))
        );
        assert_eq!(
            lex.marker(&norm_form("على"), "Statement.Say"),
            Some(MarkerRole::Skip)
        );
        assert_eq!(
            lex.marker("من قبل", "Life.Die"),
            Some(MarkerRole::Role(Role::Agent))
        );
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let mut lex = Lexicon::default();
        let e = lex
            .add_triggers(
                "t.tsv",
                "type\tpos\tstrength\tcue\tforms\nX.Y\tq\t0.5\t-\ta\n",
                LexLang::En,
            )
            .unwrap_err();
        assert!(e.to_string().contains("t.tsv:2"), "{e}");
        let e = lex
            .add_triggers("t.tsv", "X.Y\tv\t0.5\tnosuchcue\ta\n", LexLang::En)
            .unwrap_err();
        assert!(e.to_string().contains("unknown cue"), "{e}");
    }
}
