//! Problems found in a panel's files: where each is, how grave, and what it is.

use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// What a reference points at, for "unknown …" and "duplicate …" messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    Case,
    Member,
    Situation,
    Ground,
    Outcome,
    Kind,
    Distinction,
    Opinion,
    Method,
    Rules,
}

/// The shape a field should have had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Text,
    List,
    Mapping,
    Bool,
    /// A text, or a mapping with `zh` and optionally `en`.
    BilingualText,
}

/// Why a file in `cases/` was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Device,
    Socket,
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// A file that could not be read: why (the kind, for a message in one language) and the
    /// system's own words.
    Io(std::io::ErrorKind, String),
    NotFound,
    TooLarge(u64),
    InvalidUtf8,
    Empty,
    Syntax(String),
    /// A tab where YAML wants spaces for indentation.
    SyntaxTab,
    /// A flow bracket opened and never closed.
    SyntaxUnclosed(char),
    /// A line indented so that YAML cannot tell which mapping it belongs to.
    SyntaxIndent,
    MultipleDocuments,
    TooDeep(usize),
    /// Minutes of a newer schema than this docket reads: rewriting them could drop fields.
    NewerSchema {
        found: u32,
        reads: u32,
    },
    TooManyNodes(usize),
    DuplicateKey {
        key: String,
        first_line: u32,
    },
    ComplexKey,
    UnknownField {
        field: String,
        valid: Vec<&'static str>,
    },
    MissingField(&'static str),
    Expected(Expect),
    EmptyValue(&'static str),
    InvalidChoice {
        value: String,
        valid: Vec<String>,
    },
    BadDate(String),
    NoSuchDay(String),
    BadFraction(String),
    QuorumAboveOne(String),
    QuorumZero,
    UnknownTimezone(String),
    /// A member's `key` that is not an SSH public key in OpenSSH's one-line form.
    BadKey,
    /// A member id that cannot name a signer for OpenSSH (whitespace, a comma, a wildcard).
    BadPrincipal(String),
    /// A member given the key another member (named) already has.
    SharedKey(String),
    DuplicateId {
        thing: Thing,
        id: String,
        first: String,
    },
    UnknownRef {
        thing: Thing,
        id: String,
        valid: Vec<String>,
    },
    /// `id` is a `thing` of kind `owner`, used in a case of kind `kind`.
    OtherKind {
        thing: Thing,
        id: String,
        owner: String,
        kind: String,
    },
    ReviewOfSelf,
    ReviewOfOtherKind {
        id: String,
        kind: String,
    },
    ChairCount(usize),
    ClerkCount(usize),
    NoVotingMembers,
    NoEntitled,
    ConflictWithClerk(String),
    NoDeferral(String),
    BothItemLists,
    NoItems,
    RemoveUnknown(String),
    SpecialFile(Special),
    LinkOutside(String),
    BrokenLink,
    NotYaml,
    Subfolder,
    /// A folder where a file was expected.
    IsFolder,
    NoPanelFile,
    NoCasesFolder,
    NoPanels,
    ExtendsCycle(Vec<String>),
    /// A rules file outside the panel folder and the settings' rules folders.
    RulesOutside(String),
    UnknownRules {
        name: String,
        builtins: Vec<&'static str>,
    },
    ControlChar(char),
    MinutesReadable {
        mode: u32,
    },
    /// A symbolic link where docket writes (minutes folder, journal, lock, state).
    WrittenLink,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: u32,
    pub col: u32,
    pub msg: Msg,
}

/// Every problem found while loading, in the order found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, severity: Severity, file: &Path, line: u32, col: u32, msg: Msg) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: file.to_path_buf(),
            line,
            col,
            msg,
        });
    }

    /// Orders problems by line within each file, files in the order they were first read
    /// (panel, rules, then cases), so a reader can walk each file from the top.
    pub fn sort(&mut self) {
        // Each file ranked once by where it first appears: a panel of 100,000 cases may hold
        // a thousand problems, and a scan per comparison made this quadratic.
        let mut rank: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
        for d in &self.diagnostics {
            let next = rank.len();
            rank.entry(d.file.clone()).or_insert(next);
        }
        self.diagnostics
            .sort_by_cached_key(|d| (rank.get(&d.file).copied(), d.line, d.col));
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
}
