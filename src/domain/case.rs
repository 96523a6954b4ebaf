//! A case before the panel: the official concerned, the facts, what is claimed and proposed.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub id: String,
    /// The id of a kind of the panel's rules (tolerance, adjustment).
    pub kind: String,
    pub title: String,
    pub subject: Subject,
    pub received: Date,
    /// The summary and the facts: read only when the case is, so they may be filled in later.
    pub body: Body,
    /// Situations or grounds the submitting unit claims.
    pub claimed: Vec<String>,
    /// The department's preliminary opinion.
    pub proposal: Option<Proposal>,
    /// Members who must recuse, with why.
    pub conflicts: Vec<Conflict>,
    /// An earlier case whose determination this one reviews (复核).
    pub review_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    pub position: String,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub outcome: String,
    pub basis: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub member: String,
    pub reason: String,
}

impl Case {
    /// See [`BodyText::changed`].
    pub fn changed_since_listed(&self) -> bool {
        self.body.get().changed
    }

    pub fn summary(&self) -> &str {
        &self.body.get().summary
    }

    pub fn facts(&self) -> &[String] {
        &self.body.get().facts
    }

    pub fn must_recuse(&self, member: &str) -> bool {
        self.conflicts.iter().any(|c| c.member == member)
    }
}

/// What a case says at length: its summary and facts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyText {
    pub summary: String,
    pub facts: Vec<String>,
    /// The case's file changed after the panel listed it: the listed text is gone (the
    /// minutes pin its digest) and another version must not pass for it, so there is no text,
    /// and whoever shows the case says why in the reader's words.
    pub changed: bool,
}

/// A case's body, present or to be produced on first use. A panel of 10,000 cases is listed
/// long before any one of them is read; producing every body up front was most of the time
/// to the first screen.
#[derive(Clone)]
pub struct Body(Arc<Cell>);

struct Cell {
    text: OnceLock<BodyText>,
    source: Option<Box<dyn Fn() -> BodyText + Send + Sync>>,
}

impl Body {
    pub fn new(summary: String, facts: Vec<String>) -> Body {
        Body(Arc::new(Cell {
            text: OnceLock::from(BodyText {
                summary,
                facts,
                changed: false,
            }),
            source: None,
        }))
    }

    /// A body produced by `source` the first time it is needed (at most once).
    pub fn later(source: impl Fn() -> BodyText + Send + Sync + 'static) -> Body {
        Body(Arc::new(Cell {
            text: OnceLock::new(),
            source: Some(Box::new(source)),
        }))
    }

    pub fn get(&self) -> &BodyText {
        self.0
            .text
            .get_or_init(|| self.0.source.as_ref().map(|f| f()).unwrap_or_default())
    }

    /// The text, without keeping it when it was not produced yet: for copying every body of
    /// a panel elsewhere without holding them all at once.
    pub fn peek(&self) -> Cow<'_, BodyText> {
        match (self.0.text.get(), &self.0.source) {
            (Some(t), _) => Cow::Borrowed(t),
            (None, Some(f)) => Cow::Owned(f()),
            (None, None) => Cow::Owned(BodyText::default()),
        }
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}
