//! docket: a review panel works through a queue of cases, weighs the distinctions side by
//! side, records each member's vote and the determination, and keeps the minutes as YAML.
//!
//! The map, from the bottom up (each room knows only the rooms below it):
//! - [`domain`]: plain Rust, no terminal and no files: rules, panel, case, the meeting
//!   arithmetic (quorum, recusal, tally, pass rules).
//! - [`store`]: the files: reading panels, rules and cases with every problem located.
//! - [`diag`]: the problems found in files, with file, line and column.
//! - [`failure`]: what docket was doing when the system failed it (terminal, file).
//! - [`i18n`]: every string shown to a person, in Chinese and English.
//! - [`sanitize`]: escaping of untrusted text before it reaches a terminal.
//! - [`private`]: private folders and scratch files in the user's directories, whatever the
//!   umask, never through a planted link.
//! - [`text`]: display width: fitting, padding and wrapping Chinese and Latin text.
//! - [`session`]: the meeting session apart from the screen: the panel, the cases, the open
//!   meeting, the journal, the ledger and saving; no terminal.
//! - [`tui`]: the terminal front end: state (`app`), screens and popups, keys (`keymap`),
//!   drawing (`views`).
//! - [`config`]: user settings, defaults embedded from config/.
//! - [`synthetic`]: a synthetic panel for benchmarks.
//! - [`cli`]: the subcommands' work, behind `main.rs`.
//! - [`report`]: figures across a panel's minutes (`docket report`, the report screen).
//! - [`print`]: the minutes and the agenda as documents to print (text, Markdown, HTML).

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod cli;
pub mod config;
pub mod diag;
pub mod domain;
pub mod failure;
pub mod i18n;
pub mod par;
pub mod print;
pub mod private;
pub mod report;
pub mod sanitize;
pub mod session;
pub mod sshsig;
pub mod store;
pub mod synthetic;
pub mod text;
pub mod tui;
pub mod verify;
