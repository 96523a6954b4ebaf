//! What the rules and the panel admit: a case's claims and outcome of its own kind, recusals of
//! voting members that leave someone to decide, reviews of cases that exist, a panel with one
//! chair and one clerk.
//!
//! Each check judges entries against the rules or the panel, never a file: it names the entry
//! it objects to by its position in the list it was given, and the store places it in the file.

use super::panel::{Member, Panel, Role};
use super::rules::{ItemNoun, Kind, Rules};

/// What an entry refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Situation,
    Ground,
    Outcome,
    Member,
    Case,
}

impl Entry {
    /// What the claimed items of `kind` are.
    pub fn item_of(kind: &Kind) -> Entry {
        match kind.item_noun {
            ItemNoun::Situation => Entry::Situation,
            ItemNoun::Ground => Entry::Ground,
        }
    }
}

/// Which entry an objection is about: one of the list (by position), or the list as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    Entry(usize),
    List,
}

/// Why an entry is not admitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Objection {
    /// `id` given again; first given at entry `first`.
    Repeated {
        entry: Entry,
        id: String,
        first: usize,
    },
    /// `id` belongs to kind `owner`, in a case of kind `kind`.
    OtherKind {
        entry: Entry,
        id: String,
        owner: String,
        kind: String,
    },
    /// No such `id`; `valid` are the ones there are (empty when too many to list).
    Unknown {
        entry: Entry,
        id: String,
        valid: Vec<String>,
    },
    /// A conflict of a member who does not vote: nothing to recuse from (a warning).
    ConflictWithClerk(String),
    /// Every voting member recused: nobody is left to decide.
    NoEntitled,
    /// A case that reviews itself.
    ReviewOfSelf,
    /// A review of a case of another kind (a warning).
    ReviewOfOtherKind { id: String, kind: String },
    /// Not exactly one chair (the count); placed at the second chair, else the list.
    ChairCount(usize),
    /// Not exactly one clerk (the count, a warning); placed at the second clerk, else the list.
    ClerkCount(usize),
    /// Members, none of whom votes.
    NoVotingMembers,
}

impl Objection {
    /// Whether the objection only warns: the case or panel can still be used.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Objection::ConflictWithClerk(_)
                | Objection::ReviewOfOtherKind { .. }
                | Objection::ClerkCount(_)
        )
    }
}

/// Records `id` as seen at `at`; the objection when it was seen before.
fn first_time<'a>(
    entry: Entry,
    id: &'a str,
    at: usize,
    seen: &mut Vec<(&'a str, usize)>,
) -> Option<Objection> {
    if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
        return Some(Objection::Repeated {
            entry,
            id: id.to_string(),
            first: *first,
        });
    }
    seen.push((id, at));
    None
}

/// The claimed situations or grounds of a case of `kind`: each of its kind, each once.
pub fn claimed(rules: &Rules, kind: &Kind, claimed: &[&str]) -> Vec<(usize, Objection)> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for (i, id) in claimed.iter().enumerate() {
        if kind.item(id).is_some() {
            if let Some(o) = first_time(Entry::item_of(kind), id, i, &mut seen) {
                out.push((i, o));
            }
            continue;
        }
        let o = match rules.kind_of_item(id) {
            Some(owner) => Objection::OtherKind {
                entry: Entry::item_of(owner),
                id: id.to_string(),
                owner: owner.id.clone(),
                kind: kind.id.clone(),
            },
            None => Objection::Unknown {
                entry: Entry::item_of(kind),
                id: id.to_string(),
                valid: kind.items.iter().map(|i| i.id.clone()).collect(),
            },
        };
        out.push((i, o));
    }
    out
}

/// A proposed outcome: one of the case's kind.
pub fn outcome(rules: &Rules, kind: &Kind, outcome: &str) -> Option<Objection> {
    if kind.outcome(outcome).is_some() {
        return None;
    }
    Some(match rules.kind_of_outcome(outcome) {
        Some(owner) => Objection::OtherKind {
            entry: Entry::Outcome,
            id: outcome.to_string(),
            owner: owner.id.clone(),
            kind: kind.id.clone(),
        },
        None => Objection::Unknown {
            entry: Entry::Outcome,
            id: outcome.to_string(),
            valid: kind.outcomes.iter().map(|o| o.id.clone()).collect(),
        },
    })
}

/// The members a case's conflicts recuse: members of the panel, each once, leaving at least
/// one voting member entitled.
pub fn conflicts(panel: &Panel, members: &[&str]) -> Vec<(At, Objection)> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    let mut recused = 0usize;
    for (i, id) in members.iter().enumerate() {
        match panel.member(id) {
            None => out.push((
                At::Entry(i),
                Objection::Unknown {
                    entry: Entry::Member,
                    id: id.to_string(),
                    valid: panel.members.iter().map(|m| m.id.clone()).collect(),
                },
            )),
            Some(m) if !m.role.votes() => {
                out.push((At::Entry(i), Objection::ConflictWithClerk(m.id.clone())));
            }
            Some(_) => match first_time(Entry::Member, id, i, &mut seen) {
                Some(o) => out.push((At::Entry(i), o)),
                None => recused += 1,
            },
        }
    }
    let voting = panel.voting_members().count();
    if voting > 0 && recused >= voting {
        out.push((At::List, Objection::NoEntitled));
    }
    out
}

/// One chair, one clerk (a warning), someone who votes.
pub fn roles(members: &[&Member]) -> Vec<(At, Objection)> {
    let mut out = Vec::new();
    let with = |role: Role| -> Vec<usize> {
        (0..members.len())
            .filter(|&i| members[i].role == role)
            .collect()
    };
    let second = |found: &[usize]| found.get(1).map_or(At::List, |&i| At::Entry(i));
    let chairs = with(Role::Chair);
    if chairs.len() != 1 {
        out.push((second(&chairs), Objection::ChairCount(chairs.len())));
    }
    let clerks = with(Role::Clerk);
    if clerks.len() != 1 {
        out.push((second(&clerks), Objection::ClerkCount(clerks.len())));
    }
    if !members.is_empty() && !members.iter().any(|m| m.role.votes()) {
        out.push((At::List, Objection::NoVotingMembers));
    }
    out
}

/// What a case says of itself, even when the rest of it is broken, for the checks across cases.
#[derive(Clone, Copy, Debug, Default)]
pub struct Listed<'a> {
    pub id: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub review_of: Option<&'a str>,
}

/// Across every case, sound or not: ids are unique, and a review names an existing case of
/// the same kind, not itself. Each objection is about case `i` of `cases`: a `Repeated` about
/// its id, the others about its `review_of`.
pub fn across(cases: &[Listed]) -> Vec<(usize, Objection)> {
    let mut out = Vec::new();
    // Indexed by id: a panel of 10,000 cases must not compare every pair.
    let mut first: std::collections::HashMap<&str, usize> = Default::default();
    for (i, c) in cases.iter().enumerate() {
        let Some(id) = c.id else { continue };
        match first.get(id) {
            Some(&at) => out.push((
                i,
                Objection::Repeated {
                    entry: Entry::Case,
                    id: id.to_string(),
                    first: at,
                },
            )),
            None => {
                first.insert(id, i);
            }
        }
    }
    for (i, c) in cases.iter().enumerate() {
        let Some(target) = c.review_of else {
            continue;
        };
        if c.id == Some(target) {
            out.push((i, Objection::ReviewOfSelf));
            continue;
        }
        match first.get(target).map(|&j| &cases[j]) {
            None => out.push((
                i,
                Objection::Unknown {
                    entry: Entry::Case,
                    id: target.to_string(),
                    valid: Vec::new(),
                },
            )),
            Some(earlier) => {
                if let (Some(k), Some(mine)) = (earlier.kind, c.kind)
                    && k != mine
                {
                    out.push((
                        i,
                        Objection::ReviewOfOtherKind {
                            id: target.to_string(),
                            kind: k.to_string(),
                        },
                    ));
                }
            }
        }
    }
    out
}
