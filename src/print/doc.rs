//! The shape of a printable document, shared by its three renderings (text, Markdown, HTML).
//!
//! Builders put raw texts here, exactly as the files hold them; each renderer escapes for its
//! own output, so no builder can forget to and no text is escaped twice.

use crate::domain::text::Lang;

/// One label and its value, e.g. "Subject" and a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub value: String,
    /// Set in a fixed-width font where the format has one: digests.
    pub mono: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The document's title, and the lines under it; centred.
    Title {
        title: String,
        lines: Vec<String>,
    },
    /// The classification (密级), set apart at the top right.
    Mark(String),
    /// What must not be missed: a paper that is not the official record, a broken seal.
    Notice(String),
    /// Level 1 for the document's parts, 2 for a case, 3 for a part of a case, 4 for a round.
    Heading(u8, String),
    Fields(Vec<Field>),
    /// A table with its header; the last column takes what width is left.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    List(Vec<String>),
    Para(String),
    /// Lines to sign: who signs (role, name), with room for the signature and the date,
    /// which `sign` and `date` name.
    Signatures {
        sign: String,
        date: String,
        rows: Vec<(String, String)>,
    },
}

/// A document: its title (for the HTML head), its language and its blocks in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn new(title: impl Into<String>, lang: Lang) -> Doc {
        Doc {
            title: title.into(),
            lang,
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.push(Block::Heading(level, text.into()));
    }

    pub fn para(&mut self, text: impl Into<String>) {
        self.push(Block::Para(text.into()));
    }

    /// A fields block, unless every field was left out.
    pub fn fields(&mut self, fields: Vec<Field>) {
        if !fields.is_empty() {
            self.push(Block::Fields(fields));
        }
    }

    /// A list, or `none` as a paragraph when there is nothing to list.
    pub fn list_or(&mut self, items: Vec<String>, none: &str) {
        if items.is_empty() {
            self.para(none);
        } else {
            self.push(Block::List(items));
        }
    }
}

pub fn field(label: &str, value: impl Into<String>) -> Field {
    Field {
        label: label.to_string(),
        value: value.into(),
        mono: false,
    }
}

pub fn mono(label: &str, value: impl Into<String>) -> Field {
    Field {
        label: label.to_string(),
        value: value.into(),
        mono: true,
    }
}
