//! The queue's text filter (`&`): each case's fields folded once into one haystack, and the
//! cases that contain the typed text narrowed character by character.
//!
//! A typed character only filters the cases that matched before it; a Backspace goes back to
//! the set kept for the shorter text. Over 100,000 cases a keystroke then looks at the few
//! cases still matching, not at every field of every case.

use crate::domain::rules::Rules;
use crate::domain::text::Lang;
use crate::session::Session;
use crate::text::{fold, fold_into};

use super::input::{MAX_NAME, TextInput};

/// Between a case's fields in its haystack: no key types it, so no match spans two fields.
const SEP: char = '\u{1}';

/// What the haystacks were built for. The cases are only ever replaced whole (read again
/// after an edit: `epoch`); their count and first and last ids guard against a replacement
/// made behind the App's back. The language names the kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
struct HayKey {
    epoch: u64,
    len: usize,
    first: Option<String>,
    last: Option<String>,
    lang: Lang,
}

impl HayKey {
    fn of(session: &Session, lang: Lang, epoch: u64) -> HayKey {
        let id = |c: Option<&crate::store::panel::LoadedCase>| c.map(|c| c.case.id.clone());
        HayKey {
            epoch,
            len: session.cases.len(),
            first: id(session.cases.first()),
            last: id(session.cases.last()),
            lang,
        }
    }
}

/// The text filter: the prompt while it has the keys, the text in force, and what it matches.
#[derive(Debug, Default)]
pub struct Narrow {
    /// The prompt, while it has the keys: the text as it is typed.
    pub prompt: Option<TextInput>,
    /// The filter in force, as typed; empty when there is none.
    text: String,
    /// `text` folded, as the haystacks are.
    folded: String,
    /// Each case's fields folded and joined, by index into `session.cases`; built the first
    /// time a filter is typed, so that opening a panel does not pay for it.
    hay: Option<(HayKey, Vec<String>)>,
    /// Match sets by text, each a prefix of the next: the cases (indices, ascending) whose
    /// haystack contains it. The last is the filter's.
    stack: Vec<(String, Vec<usize>)>,
}

/// What the filter searches in a case, folded and joined: the id, the subject's name,
/// position and unit, the title, the kind's name as the queue shows it, and the claimed
/// situations or grounds.
pub fn haystack(rules: &Rules, case: &crate::domain::case::Case, lang: Lang) -> String {
    let kind = rules
        .kind(&case.kind)
        .map_or(case.kind.as_str(), |k| k.short(lang));
    let fields = [
        case.id.as_str(),
        &case.subject.name,
        &case.subject.position,
        &case.subject.unit,
        &case.title,
        kind,
    ];
    let claimed = case.claimed.iter().map(String::as_str);
    let room: usize = fields
        .iter()
        .copied()
        .chain(claimed.clone())
        .map(str::len)
        .sum();
    let mut out = String::with_capacity(room + fields.len() + case.claimed.len());
    for f in fields.into_iter().chain(claimed) {
        fold_into(f, &mut out);
        out.push(SEP);
    }
    out
}

impl Narrow {
    /// The filter in force, as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The filter in force, folded; the queue's rows are kept for it.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Whether a text filter hides cases.
    pub fn active(&self) -> bool {
        !self.folded.is_empty()
    }

    /// The cases the filter lets through (indices, ascending), or none when it lets all.
    pub fn matches(&self) -> Option<&[usize]> {
        if !self.active() {
            return None;
        }
        // `settle` keeps the last set the filter's; until the haystacks exist, none matches.
        Some(self.stack.last().map_or(&[], |(_, m)| m.as_slice()))
    }

    /// Opens the prompt on the text in force, the haystacks ready: the first character typed
    /// then costs no more than the next.
    pub fn open(&mut self, session: &Session, lang: Lang, epoch: u64) {
        let mut input = TextInput::new(&self.text);
        input.set_limit(MAX_NAME);
        self.prompt = Some(input);
        self.build(session, lang, epoch);
    }

    /// The haystacks, built or rebuilt if the cases (or the language that names the kinds)
    /// changed since; the match sets go with the haystacks they were taken from.
    fn build(&mut self, session: &Session, lang: Lang, epoch: u64) {
        let key = HayKey::of(session, lang, epoch);
        if self.hay.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        // On every core: at 100,000 cases this is the filter's one long step.
        let rules = &session.panel.rules;
        let hay = crate::par::map(
            &session.cases,
            4096,
            |c| haystack(rules, &c.case, lang),
            String::new,
        );
        self.hay = Some((key, hay));
        self.stack.clear();
    }

    /// Takes `text` as the filter and narrows (or widens) to it.
    pub fn set(&mut self, text: &str, session: &Session, lang: Lang, epoch: u64) {
        self.text = text.to_string();
        self.folded = fold(text);
        self.settle(session, lang, epoch);
    }

    /// No text filter.
    pub fn clear(&mut self) {
        self.prompt = None;
        self.text.clear();
        self.folded.clear();
        self.stack.clear();
    }

    /// Brings the match sets in line with the text and the cases: the haystacks built or
    /// rebuilt if need be, then the sets narrowed from the longest kept one the text extends.
    pub fn settle(&mut self, session: &Session, lang: Lang, epoch: u64) {
        if !self.active() {
            self.stack.clear();
            return;
        }
        self.build(session, lang, epoch);
        let Some((_, hay)) = &self.hay else { return };
        while self
            .stack
            .last()
            .is_some_and(|(t, _)| !self.folded.starts_with(t.as_str()))
        {
            self.stack.pop();
        }
        if self.stack.last().is_some_and(|(t, _)| *t == self.folded) {
            return;
        }
        let needle = self.folded.as_str();
        let next: Vec<usize> = match self.stack.last() {
            Some((_, m)) => m
                .iter()
                .copied()
                .filter(|&i| hay.get(i).is_some_and(|h| h.contains(needle)))
                .collect(),
            None => hay
                .iter()
                .enumerate()
                .filter(|(_, h)| h.contains(needle))
                .map(|(i, _)| i)
                .collect(),
        };
        self.stack.push((self.folded.clone(), next));
    }
}

/// The cases whose haystack contains `text`, computed from nothing: what the narrowing must
/// always agree with.
pub fn matching(session: &Session, lang: Lang, text: &str) -> Vec<usize> {
    let needle = fold(text);
    session
        .cases
        .iter()
        .enumerate()
        .filter(|(_, c)| haystack(&session.panel.rules, &c.case, lang).contains(&needle))
        .map(|(i, _)| i)
        .collect()
}
