//! Events: trigger lexicon → typed events with participants, date and place.
//!
//! One Aho-Corasick scan of the normalized text finds trigger and cue words; only the
//! sentences with a trigger are looked at further (tokens, mentions, roles), so text
//! without triggers costs the scan alone.

mod dates;
pub mod lexicon;
mod merge;
mod roles;
mod scan;
mod view;

use chrono::NaiveDate;

pub use merge::summary;

use crate::error::Error;
use crate::model::{
    DateMention, DateSource, Entity, EntityType, Event, Participant, Role, TextSpan,
};
use crate::text::Prepared;
use lexicon::{CueAtom, CueExpr, Lexicon};
use roles::Anaphor;
use scan::{Scanner, TriggerHit};
use view::SentenceView;

/// How many sentences back a definite group ("المجموعة", "the group") is looked up.
const GROUP_ANAPHOR_SENTENCES: usize = 3;
/// How many sentences back "the two leaders" finds its two people.
const PAIR_ANAPHOR_SENTENCES: usize = 12;

/// Compiled trigger lexicons and role rules.
#[derive(Debug)]
pub struct EventExtractor {
    lex: Lexicon,
    scanner: Scanner,
}

impl EventExtractor {
    /// The extractor with the built-in lexicons of `gazetteers/events/`.
    pub fn builtin() -> Result<EventExtractor, Error> {
        let lex = Lexicon::builtin()?;
        let scanner = Scanner::build(&lex)?;
        Ok(EventExtractor { lex, scanner })
    }

    /// Number of trigger readings in the lexicon.
    pub fn trigger_count(&self) -> usize {
        self.lex.trigger_forms.len()
    }

    /// Events of a document, from its entities and dates.
    pub fn extract(
        &self,
        prep: &Prepared<'_>,
        entities: &[Entity],
        dates: &[DateMention],
        dct: Option<NaiveDate>,
    ) -> Vec<Event> {
        let hits = self.scanner.scan(prep, &self.lex);
        if hits.triggers.is_empty() {
            return Vec::new();
        }
        let sentence_of_norm = |nb: usize| prep.sentence_of(prep.norm.to_orig(nb));
        // (sentence, hit) of every trigger hit, in sentence order and, within a sentence, in
        // the order of the scan; then the distinct trigger sentences. Sorted lists instead
        // of a map from each sentence to a list of its own: a document's bookkeeping takes
        // a few allocations, not a few per sentence.
        let mut trigger_hits: Vec<(usize, usize)> = hits
            .triggers
            .iter()
            .enumerate()
            .map(|(k, h)| (sentence_of_norm(h.norm.start), k))
            .collect();
        trigger_hits.sort_unstable();
        let mut trigger_sentences: Vec<usize> = trigger_hits.iter().map(|&(s, _)| s).collect();
        trigger_sentences.dedup();
        // Cue words in text order: a sentence reads its own with two binary searches.
        let mut cue_starts: Vec<(usize, usize)> =
            hits.cues.iter().map(|c| (c.norm_start, c.cue)).collect();
        cue_starts.sort_unstable();
        // The cue words of sentence `s`, less those that start inside `skip`: an English
        // cyber trigger that is also a cue word is an everyday word ("patch", "bug",
        // "exploit", "fix") and no cue for itself ("a rough patch", "to exploit the copper
        // seams").
        let cue_mask_without = |s: usize, skip: &std::ops::Range<usize>| -> u64 {
            let Some(r) = prep.sentences.get(s) else {
                return 0;
            };
            let (ns, ne) = (prep.to_norm(r.start), prep.to_norm(r.end));
            let from = cue_starts.partition_point(|&(p, _)| p < ns);
            cue_starts
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .take_while(|&&(p, _)| p < ne)
                .filter(|&&(p, c)| c < 64 && !skip.contains(&p))
                .fold(0u64, |m, &(_, c)| m | (1 << c))
        };
        let cue_mask = |s: usize| cue_mask_without(s, &(0..0));
        // (sentence, entity, mention) of the mentions in trigger sentences; sorted, each
        // sentence's mentions stay in entity then mention order.
        let mut in_trigger_sentences: Vec<(usize, usize, usize)> = Vec::new();
        let mut order: Vec<(usize, usize, usize)> =
            Vec::with_capacity(entities.iter().map(|e| e.mentions.len()).sum());
        for (e, ent) in entities.iter().enumerate() {
            for (m, men) in ent.mentions.iter().enumerate() {
                order.push((men.span.start, men.sentence, e));
                if trigger_sentences.binary_search(&men.sentence).is_ok() {
                    in_trigger_sentences.push((men.sentence, e, m));
                }
            }
        }
        in_trigger_sentences.sort_unstable();
        let mention_pairs: Vec<(usize, usize)> = in_trigger_sentences
            .iter()
            .map(|&(_, e, m)| (e, m))
            .collect();
        order.sort_unstable();
        let doc = DocCtx {
            prep,
            entities,
            dates,
            dct,
            order,
        };

        let mut events = Vec::new();
        let mut found: Vec<(Event, f32)> = Vec::new();
        let mut view_buf = view::Buffers::default();
        for &s in &trigger_sentences {
            let lo = trigger_hits.partition_point(|&(x, _)| x < s);
            let hi = trigger_hits.partition_point(|&(x, _)| x <= s);
            let list = trigger_hits
                .get(lo..hi)
                .unwrap_or(&[])
                .iter()
                .filter_map(|&(_, k)| hits.triggers.get(k));
            let lo = in_trigger_sentences.partition_point(|&(x, _, _)| x < s);
            let hi = in_trigger_sentences.partition_point(|&(x, _, _)| x <= s);
            let ms = mention_pairs.get(lo..hi).unwrap_or(&[]);
            let mask = cue_mask(s);
            // Without any name in the sentence most triggers cannot make an event (no
            // speaker, no actor cue); skip the sentence unless one still can.
            if ms.is_empty() {
                let dated = dates.iter().any(|d| d.sentence == s);
                // "The company said …": a statement's speaker may be a body's anaphor.
                let body = || {
                    prep.sentences
                        .get(s)
                        .and_then(|r| {
                            prep.norm_text()
                                .get(prep.to_norm(r.start)..prep.to_norm(r.end))
                        })
                        .is_some_and(|n| {
                            self.lex
                                .words
                                .body_anaphors
                                .iter()
                                .any(|a| n.contains(a.as_str()))
                        })
                };
                let possible = list.clone().any(|h| {
                    self.lex.triggers.get(h.def).is_some_and(|d| {
                        let t = d.etype.as_str();
                        let anaphor = ["Contact.", "Agreement.", "Cyber.", "Conflict."]
                            .iter()
                            .any(|p| t.starts_with(p));
                        // Its cue asks for an actor, which the anaphor is.
                        if t.starts_with("Statement.") {
                            return body();
                        }
                        cue_ok_without_names(&d.cue, mask)
                            && (anaphor || (d.strength >= 0.8 && dated))
                    })
                });
                if !possible {
                    continue;
                }
            }
            let Some(mut view) = SentenceView::new_in(prep, s, entities, ms, &mut view_buf) else {
                continue;
            };
            for h in list.clone() {
                let (Some(a), Some(b)) = (
                    view.token_at(h.norm.start),
                    view.token_at(h.norm.end.saturating_sub(1)),
                ) else {
                    continue;
                };
                for t in a..=b {
                    if let Some(x) = view.trigger_tok.get_mut(t) {
                        *x = true;
                    }
                }
            }
            view.mark_dates(prep, dates);
            // Where the sentence's triggers start (original bytes), for the date step.
            let trigger_starts: Vec<usize> = list
                .clone()
                .map(|h| prep.to_orig(h.norm.clone()).start)
                .collect();
            for h in list {
                let everyday = self.lex.triggers.get(h.def).is_some_and(|d| {
                    d.lang == lexicon::LexLang::En && d.etype.starts_with("Cyber.")
                });
                let mask = if everyday {
                    cue_mask_without(s, &h.norm)
                } else {
                    mask
                };
                if let Some(ev) = self.event(&doc, &view, h, mask, &trigger_starts) {
                    found.push(ev);
                }
            }
            accusations(&self.lex, prep, &mut found);
            // A statement needs its speaker.
            found.retain(|(e, _)| {
                !e.etype.starts_with("Statement.")
                    || e.participants.iter().any(|p| p.role == Role::Agent)
            });
            // An event nobody takes part in is kept only when the sentence pins it down
            // (its own date, or a place) and no other event of the sentence explains it.
            // A statement dropped above for want of a speaker explains nothing.
            let any_with_participants = found.iter().any(|(e, _)| !e.participants.is_empty());
            found.retain(|(e, strength)| {
                !e.participants.is_empty()
                    || (!any_with_participants
                        && !e.etype.starts_with("Statement.")
                        && !e.etype.starts_with("Contact.")
                        && ((*strength >= 0.8 && e.date_source == DateSource::Sentence)
                            || (*strength >= 0.75 && !e.locations.is_empty())))
            });
            events.extend(found.drain(..).map(|(e, _)| e));
            view.recycle(&mut view_buf);
        }
        merge::dedup(events)
    }

    /// The event of one trigger hit, with its trigger strength; `None` when its cue is
    /// missing or a blocker word makes it generic.
    fn event(
        &self,
        doc: &DocCtx<'_, '_>,
        view: &SentenceView<'_>,
        h: &TriggerHit,
        mask: u64,
        trigger_starts: &[usize],
    ) -> Option<(Event, f32)> {
        let def = self.lex.triggers.get(h.def)?;
        let ts = view.token_at(h.norm.start)?;
        let te = view.token_at(h.norm.end.saturating_sub(1).max(h.norm.start))? + 1;
        let clause = view.clause_of(ts);
        // "The company said": the anaphor of the body a report is about is an actor too.
        let anaphor_speaks = || {
            def.etype.starts_with("Statement.") && roles::body_speaker(&self.lex, view, ts..te, def)
        };
        if !(cue_ok(&def.cue, mask, view, clause) || anaphor_speaks()) {
            return None;
        }
        // "to arrest and prosecute": an English infinitive is a purpose or a plan.
        if def.lang == lexicon::LexLang::En
            && def.pos != lexicon::Pos::Noun
            && ts.checked_sub(1).is_some_and(|p| view.word(p) == "to")
        {
            return None;
        }
        // "if X wins the election", "لو فاز X": a condition, not an event. The word opens
        // the trigger's clause, anywhere before the trigger.
        // Not for a statement: '"If we lose, we struggle," said X' reports what X said.
        let statement = def.etype.starts_with("Statement.");
        let supposed = !statement
            && (0..ts)
                .rev()
                .take_while(|&p| view.clause_of(p) == clause)
                .any(|p| {
                    let c = &self.lex.words.conditionals;
                    c.contains(view.bare_word(p))
                        || view.phrase(p, p + 2).is_some_and(|x| c.contains(x))
                });
        if supposed {
            return None;
        }
        // "such attacks", "لم تتعرض لأي هجوم": generic, negated or prevented, not an event.
        for p in ts.saturating_sub(2)..ts {
            // Only words of the same phrase count ("We will respond," said X: not "will").
            let joined = view.phrase(p, ts + 1).is_some();
            if !joined {
                continue;
            }
            let w = view.bare_word(p);
            let unclitic = w
                .strip_prefix(['ل', 'ب', 'ك'])
                .filter(|r| r.chars().count() >= 2)
                .unwrap_or(w);
            let b = &self.lex.words.blockers;
            if view.clause_of(p) == clause
                && (b.contains(view.word(p)) || b.contains(w) || b.contains(unclitic))
            {
                return None;
            }
        }
        let r = roles::assign(&self.lex, view, ts..te, h.norm.end, def);
        let prep = doc.prep;
        let trig_orig = prep.to_orig(h.norm.clone());

        let mut participants: Vec<Participant> = Vec::new();
        let add = |e: usize, role: Role, participants: &mut Vec<Participant>| {
            let Some(ent) = doc.entities.get(e) else {
                return;
            };
            if participants.iter().any(|p| p.id == ent.id) {
                return;
            }
            participants.push(Participant {
                id: ent.id.clone(),
                canonical: ent.canonical.clone(),
                etype: ent.etype,
                role,
                country: ent.country.clone(),
            });
        };
        // Agents first so that an entity seen twice keeps its agent role.
        let mut ordered = r.participants;
        ordered.sort_by_key(|&(_, role)| role);
        for (i, role) in ordered {
            if let Some(m) = view.mentions.get(i) {
                add(m.entity, role, &mut participants);
            }
        }
        match r.anaphor {
            Some(Anaphor::Group(role)) => {
                if let Some(e) = doc
                    .recent(
                        trig_orig.start,
                        view.index,
                        GROUP_ANAPHOR_SENTENCES,
                        EntityType::Group,
                        1,
                    )
                    .first()
                {
                    add(*e, role, &mut participants);
                }
            }
            Some(Anaphor::Pair) => {
                let two = doc.recent(
                    trig_orig.start,
                    view.index,
                    PAIR_ANAPHOR_SENTENCES,
                    EntityType::Person,
                    2,
                );
                if two.len() == 2 {
                    // The one named first leads.
                    add(two[1], Role::Agent, &mut participants);
                    add(two[0], Role::Other, &mut participants);
                }
            }
            Some(Anaphor::Body { company }) => {
                if let Some(e) = doc.speaking_body(trig_orig.start, &self.lex.words, company) {
                    add(e, Role::Agent, &mut participants);
                }
            }
            None => {}
        }
        let mut locations: Vec<String> = Vec::new();
        for i in r.locations {
            if let Some(ent) = view
                .mentions
                .get(i)
                .and_then(|m| doc.entities.get(m.entity))
            {
                if !locations.contains(&ent.canonical)
                    && !participants.iter().any(|p| p.id == ent.id)
                {
                    locations.push(ent.canonical.clone());
                }
            }
        }
        let date = dates::attach_among(
            prep,
            doc.dates,
            view.index,
            &view.clauses,
            trig_orig.start,
            trigger_starts,
            doc.dct,
            &def.etype,
        );
        let sent = prep.sentences.get(view.index)?.clone();
        let confidence = merge::confidence(
            def.strength,
            &participants,
            date.source,
            !locations.is_empty(),
        );
        let summary = merge::summary(&def.etype, &participants, &locations);
        let trigger = TextSpan {
            text: prep.orig.get(trig_orig.clone())?.to_string(),
            start: prep.char_offset(trig_orig.start),
            end: prep.char_offset(trig_orig.end),
            span: trig_orig,
        };
        Some((
            Event {
                etype: def.etype.clone(),
                trigger,
                date: date.value,
                date_text: date.text,
                date_source: date.source,
                participants,
                locations,
                sentence: view.index,
                sentence_text: prep.orig.get(sent)?.to_string(),
                confidence,
                summary,
                other_triggers: Vec::new(),
            },
            def.strength,
        ))
    }
}

/// The document-wide inputs of one extraction.
struct DocCtx<'p, 'a> {
    prep: &'p Prepared<'a>,
    entities: &'p [Entity],
    dates: &'p [DateMention],
    dct: Option<NaiveDate>,
    /// Every mention as (original start, sentence, entity), in text order.
    order: Vec<(usize, usize, usize)>,
}

impl DocCtx<'_, '_> {
    /// The company a report is about, whom "the company said" stands for: the first
    /// organization named before byte `before` that is written as a company (a legal form
    /// ends its name, or "شركة", "company" or "firm" stands right before it), else the
    /// first organization; when `company` (the anaphor names a company: "the company", not
    /// "the utility", which may be a public authority), the first that is no public body
    /// ([`is_public_body`]). A later name is more often a bank, a regulator or an exchange
    /// the company deals with, and an agency named first ("قال مكتب التحقيقات الفيدرالي")
    /// is no company.
    fn speaking_body(
        &self,
        before: usize,
        words: &lexicon::FunctionWords,
        company: bool,
    ) -> Option<usize> {
        let hay = self.prep.norm_text();
        let mut first = None;
        for &(s, _, e) in self.order.iter().take_while(|&&(s, _, _)| s < before) {
            let Some(ent) = self
                .entities
                .get(e)
                .filter(|x| x.etype == EntityType::Organization)
            else {
                continue;
            };
            let Some(m) = ent.mentions.iter().find(|m| m.span.start == s) else {
                first.get_or_insert(e);
                continue;
            };
            let ns = self.prep.to_norm(m.span.start);
            let name = hay.get(ns..self.prep.to_norm(m.span.end)).unwrap_or("");
            if first.is_none() && !(company && is_public_body(name, &ent.canonical, words)) {
                first = Some(e);
            }
            let legal = name
                .rsplit(' ')
                .next()
                .is_some_and(crate::rules::Rules::legal_form);
            let headed = hay
                .get(..ns)
                .unwrap_or("")
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| words.company_heads.contains(view::strip_conj(w)));
            if legal || headed {
                return Some(e);
            }
        }
        first
    }

    /// Up to `n` distinct entities of type `et` mentioned last before byte `before`, within
    /// `back` sentences of `sentence`; the most recent first.
    fn recent(
        &self,
        before: usize,
        sentence: usize,
        back: usize,
        et: EntityType,
        n: usize,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let end = self.order.partition_point(|&(s, _, _)| s < before);
        for &(_, sent, e) in self.order.get(..end).unwrap_or(&[]).iter().rev() {
            if sent + back < sentence {
                break;
            }
            let ok = self.entities.get(e).is_some_and(|x| x.etype == et);
            if ok && !out.contains(&e) {
                out.push(e);
                if out.len() == n {
                    break;
                }
            }
        }
        out
    }
}

/// Whether an organization named `name` (normalized) with canonical name `canonical` is a
/// public body: a word of kind `public-head` ("وزارة", "هيئة", "Ministry", "Agency")
/// begins an Arabic name, stands anywhere in an English one ("Tessaland Ministry of
/// Energy", "Energy Department"), or in an English canonical name (a body named by its
/// acronym: "كونا", Kuwait News Agency).
fn is_public_body(name: &str, canonical: &str, words: &lexicon::FunctionWords) -> bool {
    let public_word = |w: &str| words.public_heads.contains(view::strip_conj(w));
    let named = if name.is_ascii() {
        name.split(' ').any(public_word)
    } else {
        name.split(' ').next().is_some_and(public_word)
    };
    named
        || canonical.is_ascii()
            && canonical
                .split(' ')
                .any(|w| public_word(&w.to_ascii_lowercase()))
}

/// [`cue_ok`] for a sentence without names: entity atoms are false.
fn cue_ok_without_names(cue: &CueExpr, mask: u64) -> bool {
    cue.is_empty()
        || cue.alternatives.iter().any(|alt| {
            alt.iter().all(|(neg, a)| {
                let holds = match a {
                    CueAtom::Words(i) => *i < 64 && mask & (1 << i) != 0,
                    CueAtom::Actor | CueAtom::Person => false,
                };
                holds != *neg
            })
        })
}

/// True when the cue condition of a trigger holds in its sentence (cue words) and clause
/// (entities).
fn cue_ok(cue: &CueExpr, mask: u64, view: &SentenceView<'_>, clause: usize) -> bool {
    if cue.is_empty() {
        return true;
    }
    let holds = |a: &CueAtom| match a {
        CueAtom::Words(i) => *i < 64 && mask & (1 << i) != 0,
        CueAtom::Actor => view
            .mentions
            .iter()
            .any(|m| view.clause_of(m.tok.start) == clause),
        CueAtom::Person => view
            .mentions
            .iter()
            .any(|m| m.etype == EntityType::Person && view.clause_of(m.tok.start) == clause),
    };
    cue.alternatives
        .iter()
        .any(|alt| alt.iter().all(|(neg, a)| holds(a) != *neg))
}

/// An armed attack or any cyber event: the acts that have an attacker and a target.
fn is_attack(etype: &str) -> bool {
    etype == "Conflict.Attack" || etype.starts_with("Cyber.")
}

/// How many words (an article, adjectives) may stand between a blame word and the attack.
const BLAME_BEFORE_ACT: usize = 2;

/// "X said Y was behind the attack", "قال X إن Y تقف وراء الهجوم": a statement of one
/// sentence whose words, between its trigger and an attack's, blame the attack's agent
/// (who is not the speaker) accuses that agent, its target.
fn accusations(lex: &Lexicon, prep: &Prepared<'_>, found: &mut [(Event, f32)]) {
    // (where the attack's trigger starts, its agent) for every attack with an agent.
    let blamed: Vec<(usize, Participant)> = found
        .iter()
        .filter(|(e, _)| is_attack(&e.etype))
        .flat_map(|(e, _)| {
            e.participants
                .iter()
                .filter(|p| p.role == Role::Agent)
                .map(|p| (e.trigger.span.start, p.clone()))
        })
        .collect();
    if blamed.is_empty() {
        return;
    }
    let hay = prep.norm_text();
    for (e, _) in found.iter_mut().filter(|(e, _)| e.etype == "Statement.Say") {
        let said = e.trigger.span.end;
        let Some((_, agent)) = blamed.iter().find(|(at, agent)| {
            *at > said
                && !e.participants.iter().any(|p| p.id == agent.id)
                && hay
                    .get(prep.to_norm(said)..prep.to_norm(*at))
                    .is_some_and(|between| {
                        // The blame word stands right before the attack's noun, its
                        // article and adjectives at most between ("behind the ransomware
                        // attack"), not before another act ("وراء إعلان … شن غارات").
                        let words: Vec<&str> = between
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                            .collect();
                        words
                            .iter()
                            .rposition(|w| lex.words.blame.contains(*w))
                            .is_some_and(|b| words.len() - b - 1 <= BLAME_BEFORE_ACT)
                    })
        }) else {
            continue;
        };
        e.etype = "Statement.Accuse".to_string();
        e.participants.push(Participant {
            role: Role::Target,
            ..agent.clone()
        });
        e.summary = summary(&e.etype, &e.participants, &e.locations);
    }
}

#[cfg(test)]
mod tests;
