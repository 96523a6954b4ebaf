//! `docket man` and `docket completions`: the manual page and the shell completions, made from
//! the clap definitions in main.rs, with the sections clap cannot know (files, environment,
//! exit status) written here. dist/ holds what they print, for packages; tests/packaging.rs
//! keeps the two the same.

use std::io::{self, Write};

use clap_mangen::roff::{Roff, bold, italic, roman};

/// The shells docket ships completions for.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The completion script for `shell`, written whole once made, so that a closed pipe is an
/// error for main.rs to handle rather than a panic inside clap_complete.
pub fn completions(shell: Shell, mut cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = Vec::new();
    match shell {
        Shell::Bash => {
            clap_complete::generate(clap_complete::Shell::Bash, &mut cmd, "docket", &mut buf)
        }
        Shell::Zsh => {
            clap_complete::generate(clap_complete::Shell::Zsh, &mut cmd, "docket", &mut buf)
        }
        Shell::Fish => {
            clap_complete::generate(clap_complete::Shell::Fish, &mut cmd, "docket", &mut buf)
        }
    }
    out.write_all(&buf)
}

/// The manual page, docket(1), in roff.
///
/// clap_mangen gives the title, NAME, SYNOPSIS, DESCRIPTION and OPTIONS. Its SUBCOMMANDS list
/// names a page per subcommand (docket-check(1), …) that docket does not have, so the section
/// is written here, each subcommand with its usage, its whole description and its options:
/// one page holds everything, as `man docket` on a server with no internet must.
pub fn man_page(mut cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    // NAME reads "docket \- run a review panel's meeting …", not "docket \- docket: run …".
    if let Some(about) = cmd.get_about().map(|a| a.to_string())
        && let Some(rest) = about.strip_prefix("docket: ")
    {
        cmd = cmd.about(rest.to_string());
    }
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone()).title("DOCKET");
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;
    subcommands(&cmd).to_writer(&mut buf)?;
    appendix().to_writer(&mut buf)?;
    man.render_version_section(&mut buf)?;
    out.write_all(&once_preamble(&buf))
}

/// The page with roff's apostrophe preamble kept at its top only: each section rendered on
/// its own repeats it.
fn once_preamble(page: &[u8]) -> Vec<u8> {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let text = String::from_utf8_lossy(page);
    let rest = text.strip_prefix(PREAMBLE).unwrap_or(&text);
    format!("{PREAMBLE}{}", rest.replace(PREAMBLE, "")).into_bytes()
}

/// SUBCOMMANDS: each visible subcommand with its usage, description and own options (the
/// global ones are in OPTIONS already).
fn subcommands(cmd: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SUBCOMMANDS"]);
    // clap's own `help` subcommand says nothing a page needs.
    let shown = |s: &&clap::Command| !s.is_hide_set() && s.get_name() != "help";
    for sub in cmd.get_subcommands().filter(shown) {
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        roff.control("SS", [usage]);
        let about = sub.get_long_about().or_else(|| sub.get_about());
        paragraphs(&mut roff, &about.map(|a| a.to_string()).unwrap_or_default());
        let args: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
            .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
            .collect();
        if args.is_empty() {
            continue;
        }
        roff.control("RS", []);
        for arg in args {
            roff.control("TP", []);
            roff.text(arg_heading(arg));
            let help = arg.get_long_help().or_else(|| arg.get_help());
            let mut text = help.map(|h| h.to_string()).unwrap_or_default();
            // A flag's `true`/`false` and its default are clap's inner workings, not the user's.
            let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if takes_values && !values.is_empty() {
                text.push_str(&format!(" [possible values: {}]", values.join(", ")));
            }
            if let Some(d) = arg.get_default_values().first()
                && takes_values
            {
                text.push_str(&format!(" [default: {}]", d.to_string_lossy()));
            }
            roff.text([roman(text)]);
        }
        roff.control("RE", []);
    }
    roff
}

/// `--format <FORMAT>` or `PANEL_DIR`, as the options section sets them.
fn arg_heading(arg: &clap::Arg) -> Vec<clap_mangen::roff::Inline> {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| v.to_string())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    match arg.get_long() {
        Some(long) if arg.get_num_args().is_some_and(|n| n.takes_values()) => {
            vec![
                bold(format!("--{long}")),
                roman(" "),
                italic(format!("<{value}>")),
            ]
        }
        Some(long) => vec![bold(format!("--{long}"))],
        None => vec![italic(value)],
    }
}

/// Text with blank lines between paragraphs, as clap keeps a doc comment.
fn paragraphs(roff: &mut Roff, text: &str) {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(para.replace('\n', " "))]);
    }
}

/// An entry of a tagged list: the tag in bold, then its text.
fn entry(roff: &mut Roff, tag: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(tag)]);
    roff.text([roman(text)]);
}

/// EXIT STATUS, ENVIRONMENT, FILES and SEE ALSO: the facts of the README and
/// docs/formats.md, which clap does not hold.
fn appendix() -> Roff {
    let mut r = Roff::new();
    r.control("SH", ["EXIT STATUS"]);
    r.text([roman(
        "Every command ends with one of these codes; a message goes to stderr in the chosen \
         language, naming what failed.",
    )]);
    for (code, text) in EXIT_CODES {
        entry(&mut r, code, text);
    }
    r.control("SH", ["ENVIRONMENT"]);
    for (var, text) in ENVIRONMENT {
        entry(&mut r, var, text);
    }
    r.control("SH", ["FILES"]);
    r.text([roman(
        "A panel folder (PANEL) is a folder holding a panel.yaml. docket reads panel.yaml, the \
         rules file it names and the files directly inside cases/; everything else it reads \
         or writes is its own. The files docket writes are created 0600 (folders 0700), or \
         0640/0750 and owned by the panel's group when panel.yaml names one, whatever the \
         umask. docs/formats.md documents every field.",
    )]);
    for (path, text) in FILES {
        entry(&mut r, path, text);
    }
    r.control("SH", ["SEE ALSO"]);
    r.text([
        bold("ssh-agent"),
        roman("(1), "),
        bold("ssh-keygen"),
        roman("(1) (its -Y verify checks docket's signature files), "),
        bold("man"),
        roman(
            "(1). The file formats: docs/formats.md in docket's source, installed by the \
             Debian package as /usr/share/doc/docket/formats.md.",
        ),
    ]);
    r
}

const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "Done, nothing wrong."),
    (
        "1",
        "Problems found: errors in the panel (check, or warnings with --strict); minutes not \
         as sealed, not as the ledger entered them, or whose results do not follow from their \
         votes (verify, minutes); a record not signed (sign); minutes that cannot be read \
         (report, agenda, minutes); a panel that cannot be opened; a locale that is not UTF-8.",
    ),
    (
        "2",
        "Usage: an unknown command or option, a bad --lang, an --allowed-signers file that is \
         not one (verify), a bad --from or --to, a folder holding several panels where one is \
         wanted (report).",
    ),
    (
        "3",
        "The system failed docket: the terminal could not start or failed, a file could not \
         be written, the output could not be written (nothing is said when its reader closed \
         it, as | head does).",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The language, when neither --lang nor the settings' language names one: the first of \
         these set and not empty; a value starting with zh means Chinese, any other English; \
         none set, English. Over SSH, where LANG is often C, the language setting or --lang is \
         the surer way.",
    ),
    (
        "LC_ALL, LC_CTYPE, LANG",
        "The character set: the screens need UTF-8. When the first of these set names another \
         (zh_CN.GBK, say), docket says so and exits 1 rather than draw garbled text.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, the screens use no colours.",
    ),
    (
        "TERM",
        "dumb, or a name starting with vt: no colours and no bracketed paste.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor for + and e (a case file) and Ctrl-E (a long text): VISUAL, else EDITOR \
         (split on spaces, so that code --wait works), else nano, else vi.",
    ),
    (
        "SSH_AUTH_SOCK",
        "The ssh-agent that signs minutes (docket sign; F and C in docket): over ssh -A, the \
         agent on the signer's own computer. docket never reads a key file.",
    ),
    (
        "XDG_CONFIG_HOME, XDG_CACHE_HOME",
        "Where the settings file and the cache live (see FILES); ~/.config and ~/.cache when \
         unset.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "./panels",
        "The default folder for docket and docket check: a panel folder, or a folder of panel \
         folders (only one level down).",
    ),
    (
        "PANEL/panel.yaml",
        "The panel: name, unit, rules, members (chair, members, clerk), their keys. Hand-edited; \
         docket never writes it.",
    ),
    (
        "PANEL/cases/*.yaml",
        "The queue, one case per file. Hand-edited; docket writes one only when asked (+ and e), \
         once it checks without errors.",
    ),
    (
        "PANEL/rules/*.yaml",
        "Optional: the county's own rules, when panel.yaml names the file (it may also come \
         from a folder of the settings' rules_dirs). Never written by docket.",
    ),
    (
        "PANEL/minutes/DATE-N.yaml",
        "A meeting's minutes, written as the meeting goes (there is no save key), sealed with \
         SHA-256 digests when finalized.",
    ),
    (
        "PANEL/minutes/DATE-N.journal",
        "Every step of the meeting, synced to disk before the screen shows it; after a crash \
         or a lost SSH link the next start replays it.",
    ),
    (
        "PANEL/minutes/DATE-N.addendum-K.yaml",
        "A correction made after finalizing, sealed beside the minutes.",
    ),
    (
        "PANEL/minutes/ledger",
        "Append-only: every record the panel sealed and every signature entered over one.",
    ),
    (
        "PANEL/signatures/FILE.MEMBER.sig",
        "A member's signature over a sealed record, in OpenSSH's format, namespace \
         docket-minutes.",
    ),
    (
        "PANEL/state.yaml",
        "The queue's working state between meetings: the next agenda, cases held back, cases \
         whose materials are incomplete.",
    ),
    (
        "PANEL/.docket.lock",
        "Held by the one docket that writes to the panel; a second one opens read-only and \
         follows the meeting.",
    ),
    (
        "$XDG_CONFIG_HOME/docket/settings.yaml",
        "The user's settings (usually ~/.config/docket/settings.yaml): language, ascii, \
         rules_dirs, keys. docket config prints where it is and the settings in effect.",
    ),
    (
        "$XDG_CACHE_HOME/docket/",
        "Private to the user (usually ~/.cache/docket/): the cache of large panels (panels/), \
         the text handed to the editor, and a case given up with problems, kept as a draft. \
         The cache of panels can be deleted at any time; it is rebuilt on the next opening.",
    ),
    (
        "/usr/share/docket/example",
        "The example panel, from the Debian package: docket check /usr/share/docket/example; \
         copy it to a folder of your own to hold a meeting in it.",
    ),
];
