//! The command line: parse arguments, pick the language, hand over to `docket::cli`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use docket::domain::text::Lang;
use docket::{cli, i18n};

/// docket: run a review panel's meeting over a queue of cases and keep the minutes as YAML.
///
/// With no command, docket opens the panel folder PANEL_DIR (default: ./panels, which may hold
/// several panels). A panel folder holds panel.yaml and a cases/ folder; see docs/formats.md.
#[derive(Parser)]
#[command(name = "docket", version)]
struct Args {
    /// Panel folder to open (default: ./panels).
    panel_dir: Option<PathBuf>,

    /// Language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a panel's rules, panel.yaml and every case; report every problem with its
    /// file:line:column.
    ///
    /// Exits 1 when there are errors (or warnings, with --strict), 0 otherwise. When all is
    /// well, prints one summary line per panel.
    Check {
        /// Panel folder, or a folder of panel folders (default: ./panels).
        panel_dir: Option<PathBuf>,

        /// Treat warnings as errors for the exit code.
        #[arg(long)]
        strict: bool,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}` is not a language: use zh or en"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let lang = args.lang.unwrap_or_else(i18n::lang_from_env);
    let default_dir = || PathBuf::from("panels");
    let mut out = std::io::stdout().lock();
    let result = match args.command {
        Some(Command::Check { panel_dir, strict }) => cli::check(
            &panel_dir.unwrap_or_else(default_dir),
            strict,
            lang,
            &mut out,
        ),
        None => cli::print_queue(&args.panel_dir.unwrap_or_else(default_dir), lang, &mut out),
    };
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        // A closed pipe (docket check | head) is not worth a panic or a message.
        Err(_) => ExitCode::from(1),
    }
}
