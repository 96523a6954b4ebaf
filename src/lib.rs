//! docket: a review panel works through a queue of cases, weighs the distinctions side by
//! side, records each member's vote and the determination, and keeps the minutes as YAML.
//!
//! The map, from the bottom up. Each room uses only its own layer and those below it;
//! `tests/layers.rs` reads the sources and fails when an import runs up a layer, a circle
//! forms, or a room below the screen names a terminal crate.
//!
//! - [`domain`]: plain Rust, no terminal and no files: the rules, the panel, a case, the
//!   meeting and its events. A vote is counted in [`domain::tally`]; the pass rule is applied
//!   in [`domain::pass_rule`]; quorum in [`domain::quorum`]; rounds in [`domain::vote`].
//! - [`text`]: display width: fitting, padding and wrapping Chinese and Latin text.
//! - [`sanitize`]: escaping of untrusted text before it reaches a terminal.
//! - [`par`]: mapping a slice on every core, results in order.
//! - [`private`]: private folders and scratch files in the user's directories, whatever the
//!   umask, never through a planted link.
//! - [`failure`]: what docket was doing when the system failed it (terminal, file).
//! - [`sshsig`]: OpenSSH signatures made through the signer's ssh-agent, and checked.
//! - [`logfile`]: the log for support (`--log FILE`): what docket did, never what a case says.
//! - [`demo`]: the example panel, embedded in the binary, copied for `docket demo`.
//! - [`diag`]: the problems found in files, with file, line and column; typed, not worded.
//! - [`store`]: the files: panels, rules, cases, minutes, the journal, the ledger, the lock;
//!   typed results and typed errors.
//! - [`config`]: user settings, defaults embedded from config/; loads panels with them.
//! - [`verify`]: checking sealed records: seals, re-derived results, ledger, signatures.
//! - [`i18n`]: every string shown to a person, in Chinese and English, one file per area.
//! - [`print`]: the minutes and the agenda as documents to print (text, Markdown, HTML).
//! - [`report`]: figures across a panel's minutes (`docket report`, the report screen).
//! - [`session`]: the meeting session apart from the screen: opening and recovery, each step
//!   committed and journaled, the lock, following another docket.
//! - [`tui`]: the terminal front end: the screen's state (`app`), one room per screen
//!   (`screens`), popups, keys (`keymap`), drawing (`views`).
//! - [`cli`]: the subcommands' work, behind `main.rs`.

// Here and not in Cargo.toml's [lints]: the tests call libc. unwrap, expect and panic are
// denied for every target there.
#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod demo;
pub mod diag;
pub mod domain;
pub mod failure;
pub mod i18n;
pub mod logfile;
pub mod par;
pub mod print;
pub mod private;
pub mod report;
pub mod sanitize;
pub mod session;
pub mod sshsig;
pub mod store;
pub mod text;
pub mod tui;
pub mod verify;
