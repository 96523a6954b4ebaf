//! The command line: parse arguments, pick the language, hand over to `docket::cli` or the
//! terminal front end.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use docket::config::Settings;
use docket::domain::text::Lang;
use docket::{cli, failure, i18n, tui};

// main.rs's own room: the man page's sections and the completions, beside the clap
// definitions they are made from, outside the library's map.
#[path = "main/manual.rs"]
mod manual;

/// docket: run a review panel's meeting over a queue of cases and keep the minutes as YAML.
///
/// With no command, docket opens the panel folder PANEL_DIR (default: ./panels; a picker when
/// it holds several panels) in the terminal. A panel folder holds panel.yaml and a cases/
/// folder; see docs/formats.md. Press ? in docket for the keys.
#[derive(Parser)]
#[command(name = "docket", version)]
struct Args {
    /// Panel folder to open (default: ./panels).
    panel_dir: Option<PathBuf>,

    /// Language: zh or en (default: the settings' `language`, else LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, global = true, value_parser = LangValues)]
    lang: Option<Lang>,

    /// Draw borders and marks in plain ASCII (for terminals that draw box-drawing characters
    /// two columns wide).
    #[arg(long, global = true)]
    ascii: bool,

    /// Append what docket does to FILE, for whoever supports it: panels opened, recovery,
    /// the writer's lock, failures with their causes. Ids, counts and paths only, never what
    /// a case or an opinion says. Made 0600; never written through a link.
    #[arg(long, global = true, value_name = "FILE")]
    log: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a panel's rules, panel.yaml and every case; report every problem with its
    /// file:line:column.
    ///
    /// Prints every problem, then one summary line per panel: what it holds when all is well,
    /// how many errors and warnings otherwise. Exits 1 when there are errors (or warnings,
    /// with --strict), 0 otherwise.
    Check {
        /// Panel folder, or a folder of panel folders (default: ./panels).
        panel_dir: Option<PathBuf>,

        /// Treat warnings as errors for the exit code.
        #[arg(long)]
        strict: bool,
    },
    /// Print where the settings file is and the settings in effect.
    Config,
    /// Check that sealed minutes and addenda are as they were sealed, and who signed them.
    ///
    /// For each record: the SHA-256 digests over its exact bytes (every case record, the
    /// meeting part, and the seal over the finalization too); every tally, pass result,
    /// quorum and standing determination re-derived from the recorded votes; the record
    /// against the panel's ledger (minutes/ledger); and each signature in signatures/ against
    /// the member's key (the one the ledger pinned, else panel.yaml's, or --allowed-signers).
    /// Given a panel folder, also names records the ledger enters that are gone, and a
    /// ledger changed. Says per record: intact or CHANGED, signed by whom or "sealed,
    /// unsigned". Exits 0 when all are intact, 1 otherwise, 2 on a bad --allowed-signers.
    Verify {
        /// A minutes file (e.g. panels/example/minutes/2026-11-20-1.yaml) or a panel folder.
        minutes: PathBuf,

        /// Check signatures against this OpenSSH allowed-signers file (principals are member
        /// ids) instead of panel.yaml and the ledger.
        #[arg(long, value_name = "FILE")]
        allowed_signers: Option<PathBuf>,
    },
    /// Sign a sealed meeting's minutes and its addenda with your own SSH key.
    ///
    /// The key is the one panel.yaml gives your member entry; the signing is done by your
    /// ssh-agent (SSH_AUTH_SOCK; with ssh -A it is the agent on your own computer), so no key
    /// file passes through docket. Only records that verify are signed. The signature goes to
    /// PANEL/signatures/<file>.<member>.sig in OpenSSH's format (namespace docket-minutes),
    /// and into the ledger now if no other docket has the panel open, else when the clerk's
    /// docket next opens it. Exits 0 when signed (or signed before), 1 otherwise.
    Sign {
        /// The panel folder.
        panel_dir: PathBuf,
        /// The meeting's id, as in its minutes' file name (e.g. 2026-11-20-1).
        meeting: String,
        /// Which member you sign as, when your agent holds the keys of several.
        #[arg(long, value_name = "ID")]
        member: Option<String>,
    },
    /// Print the members' keys in OpenSSH's allowed-signers format, for ssh-keygen -Y verify.
    ///
    /// One line per key panel.yaml gives a member (`key`, then `previous_keys`): the member
    /// id, namespaces="docket-minutes", the key.
    AllowedSigners {
        /// The panel folder.
        panel_dir: PathBuf,
    },
    /// Figures across a panel's minutes, for supervision (督促检查).
    ///
    /// Reads every minutes file of the panel; a file that cannot be read is named on stderr
    /// with file:line:column and left out. Each case counts once, with its current
    /// determination: the last one across meetings in date order, so a later meeting's
    /// decision supersedes an earlier one. The case counts on the date of that determination.
    ///
    /// Figures: cases by kind; by outcome (per kind, labels from the rules); situations or
    /// grounds found, with how many case files claimed each; by unit; by month decided; days
    /// from receipt (the case file's `received`) to the decision, median and longest
    /// (deferrals left out; a case whose file is gone is not counted, and the report says how
    /// many); deferred, review cases (复核) and cases reviewed by a later case, lenient
    /// outcomes with an override reason, reconsidered cases (复议). All figures are whole
    /// numbers: the median of an even count is the lower of the two middle values.
    ///
    /// Exits 2 on a bad argument, 1 when the panel cannot be read or something was left
    /// out (the report is still printed), 0 otherwise.
    Report {
        /// The panel folder (holding panel.yaml, cases/ and minutes/).
        panel_dir: PathBuf,

        /// Count only cases decided on or after this day (YYYY-MM-DD, the panel's local date).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,

        /// Count only cases decided on or before this day (YYYY-MM-DD, inclusive).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,

        /// table: aligned for an 80-column terminal; csv: one row per figure line
        /// (section,key,label,count,extra) for Excel or WPS; md: Markdown tables.
        #[arg(long, value_enum, default_value_t = docket::report::Format::Table)]
        format: docket::report::Format,

        /// Leave out the UTF-8 byte-order mark that --format csv writes first (Excel and WPS
        /// need it to read Chinese; scripts may not want it).
        #[arg(long)]
        no_bom: bool,
    },
    /// Print a meeting's minutes as a document for people who never open docket.
    ///
    /// The title (panel, meeting, date), the rules applied, attendance (present with roles,
    /// absent with reasons, non-voting attendees, arrivals and departures), the quorum; per
    /// case: subject, presenter, recusals, proposal, findings on each distinction with its
    /// rule texts, situations or grounds found, every vote round (opinions by name, or counts
    /// only for a secret ballot) with its arithmetic, corrections, the determination and its
    /// earlier versions; then lines for the chair and the clerk to sign, with the minutes
    /// digest under them so the signed paper pins the file. Minutes not yet finalized say so.
    ///
    /// Rule texts and labels come from the panel folder when the file lies in
    /// PANEL/minutes/ (and the panel's rules are those the minutes name), ids otherwise;
    /// panel.yaml's `classification` is printed at the top. The document goes to stdout.
    /// Exits 1 when the file cannot be read or its digests do not match, 0 otherwise.
    Minutes {
        /// A minutes file, e.g. panels/example/minutes/2026-11-20-1.yaml.
        file: PathBuf,

        /// text: 80 columns; md: GitHub Markdown; html: one file for A4, to print from a
        /// browser, WPS or Word.
        #[arg(long, value_enum, default_value_t = docket::print::Format::Text)]
        format: docket::print::Format,
    },
    /// Print the next meeting's agenda, to send to the members before the meeting.
    ///
    /// The panel, the date, then the cases of the next meeting: the agenda saved in the
    /// queue (state.yaml, set with a, J, K, o), in its order, leaving out cases decided since;
    /// without a saved agenda, each pending case (not decided in any minutes of the panel; a
    /// deferred case is pending again), by received date then id. For each: subject and unit,
    /// received, kind, summary, the situations or grounds claimed with their rule texts, the
    /// proposal with its basis, who must recuse and why, and for a review case (复核) the
    /// case it reviews. The document goes to stdout. Exits 1 when the panel has errors
    /// (nothing printed) or some minutes cannot be read, 0 otherwise.
    Agenda {
        /// The panel folder (holding panel.yaml, cases/ and minutes/).
        panel_dir: PathBuf,

        /// text: 80 columns; md: GitHub Markdown; html: one file for A4, to print from a
        /// browser, WPS or Word.
        #[arg(long, value_enum, default_value_t = docket::print::Format::Text)]
        format: docket::print::Format,
    },
    /// Try docket on the example panel, without a panel of your own.
    ///
    /// Copies the example panel into a new private folder (0700) in the system's temporary
    /// folder ($TMPDIR, else /tmp), says where on stderr, and opens it as `docket PANEL`
    /// would. Nothing outside that folder is touched; the folder, with the minutes of
    /// whatever meeting you hold there, is left after you quit.
    Demo {
        /// Only copy, and print the folder's path on stdout; do not open it.
        #[arg(long)]
        print_dir: bool,
    },
    /// Print the completion script for bash, zsh or fish.
    ///
    /// The Debian package installs all three. By hand: `docket completions bash >
    /// ~/.local/share/bash-completion/completions/docket`; for zsh, the output as `_docket` in
    /// a folder of $fpath; for fish, as ~/.config/fish/completions/docket.fish.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: manual::Shell,
    },
    /// Print the manual page, docket(1), in roff.
    ///
    /// `man docket` shows it where docket was installed with it (the Debian package does);
    /// elsewhere, `docket man | man -l -`.
    Man,
}

/// A terminal of the vt100 family (or dumb): no colours, no bracketed paste.
fn plain_terminal() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    term == "dumb" || term.starts_with("vt")
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}` is not a language: use zh or en"))
}

/// `docket PANEL`: the panel in the terminal, or its queue as text when not on a terminal.
fn open_panel(
    dir: &Path,
    ascii: bool,
    settings: &Settings,
    lang: Lang,
    mut out: std::io::StdoutLock,
) -> std::io::Result<i32> {
    if let Some(locale) = tui::non_utf8_locale() {
        eprintln!("{}", i18n::non_utf8(&locale, lang));
        return Ok(1);
    }
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        drop(out);
        let opts = tui::Options {
            lang,
            ascii: ascii || settings.ascii,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && !plain_terminal(),
            paste: !plain_terminal(),
            keys: settings.keys.clone().into_iter().collect(),
            key_problems: tui::keymap::check(&settings.user_keys).1,
        };
        cli::open(dir, opts)
    } else {
        // Not a terminal (a pipe, a script): the queue as text.
        cli::print_queue(dir, lang, &mut out)
    }
}

/// $TMPDIR, else /tmp: an empty TMPDIR is unset, not the current folder (which
/// `std::env::temp_dir` would make of it).
fn temp_dir() -> PathBuf {
    std::env::var_os("TMPDIR")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("/tmp"), PathBuf::from)
}

/// The last line of the log: how docket ended.
fn log_exit(result: &std::io::Result<i32>) {
    match result {
        Ok(code) => log::info!("exit {code}"),
        Err(e) => log::error!("failed: {}", docket::logfile::io(e)),
    }
}

/// `--lang` read by `parse_lang` (aliases and any case), with zh and en named for the help,
/// the man page and the shells' completion.
#[derive(Clone)]
struct LangValues;

impl clap::builder::TypedValueParser for LangValues {
    type Value = Lang;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Lang, clap::Error> {
        parse_lang.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            ["zh", "en"]
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

fn main() -> ExitCode {
    // Parsed in two steps to keep the subcommand's name for the log.
    let matches = Args::command().get_matches();
    let args = Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let (settings, settings_error) = Settings::load();
    let lang = args
        .lang
        .or_else(|| settings.lang())
        .unwrap_or_else(i18n::lang_from_env);
    if let Some(e) = &settings_error {
        eprintln!("{}", i18n::settings_error(e, lang));
    }
    if let Some(file) = &args.log {
        if let Err(e) = docket::logfile::start(file) {
            eprintln!("{}", i18n::log_refused(&e, lang));
            return ExitCode::from(2);
        }
        log::info!(
            "docket {} started: {}, in {}",
            env!("CARGO_PKG_VERSION"),
            matches.subcommand_name().unwrap_or("(open a panel)"),
            std::env::current_dir().unwrap_or_default().display()
        );
    }
    let default_dir = || PathBuf::from("panels");
    let mut out = std::io::stdout().lock();
    let result = match args.command {
        Some(Command::Check { panel_dir, strict }) => cli::check(
            &panel_dir.unwrap_or_else(default_dir),
            strict,
            lang,
            &mut out,
        ),
        Some(Command::Config) => cli::config(&settings, lang, &mut out),
        Some(Command::Verify {
            minutes,
            allowed_signers,
        }) => cli::verify(&minutes, allowed_signers.as_deref(), lang, &mut out),
        Some(Command::Sign {
            panel_dir,
            meeting,
            member,
        }) => cli::sign(&panel_dir, &meeting, member.as_deref(), lang, &mut out),
        Some(Command::AllowedSigners { panel_dir }) => {
            cli::allowed_signers(&panel_dir, lang, &mut out)
        }
        Some(Command::Report {
            panel_dir,
            from,
            to,
            format,
            no_bom,
        }) => cli::report(
            &docket::report::Args {
                dir: panel_dir,
                from,
                to,
                format,
                bom: !no_bom,
            },
            lang,
            &mut out,
        ),
        Some(Command::Minutes { file, format }) => cli::minutes(&file, format, lang, &mut out),
        Some(Command::Agenda { panel_dir, format }) => {
            cli::agenda(&panel_dir, format, lang, &mut out)
        }
        Some(Command::Demo { print_dir }) => match cli::demo(&temp_dir()) {
            Ok(dir) if print_dir => cli::print_dir(&dir, &mut out),
            Ok(dir) => {
                // Said before the screen (it stays in the scrollback if the session is cut)
                // and after, where the clerk looks for the minutes.
                eprintln!("{}", i18n::demo_copied(&dir, lang));
                let result = open_panel(&dir, args.ascii, &settings, lang, out);
                eprintln!("{}", i18n::demo_left(&dir, lang));
                result
            }
            Err(e) => Err(e),
        },
        Some(Command::Completions { shell }) => {
            manual::completions(shell, Args::command(), &mut out).map(|()| 0)
        }
        Some(Command::Man) => manual::man_page(Args::command(), &mut out).map(|()| 0),
        None => {
            let dir = args.panel_dir.unwrap_or_else(default_dir);
            open_panel(&dir, args.ascii, &settings, lang, out)
        }
    };
    log_exit(&result);
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        // A closed pipe (docket check | head): the reader wanted no more; nothing to say.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && failure::failed(&e).is_none() => {
            ExitCode::from(failure::EXIT_FAILED)
        }
        Err(e) => {
            eprintln!("{}", i18n::failure(&e, lang));
            ExitCode::from(failure::EXIT_FAILED)
        }
    }
}
