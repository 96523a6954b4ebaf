//! Writes a synthetic panel for benchmarks (what `docket gen-panel` did): kept out of the
//! program docket's users run, as only the benchmarks need it.
//!
//! cargo run --release --example gen-panel -- DIR --cases N --minutes M --seed S

mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use docket::domain::text::Lang;
use docket::{failure, i18n};

/// Write a synthetic panel for benchmarks: Chinese text of varied length, both kinds,
/// conflicts, review cases, and finalized minutes. The same seed gives the same panel.
#[derive(Parser)]
#[command(name = "gen-panel")]
struct Args {
    /// A folder without a panel in it.
    dir: PathBuf,
    /// How many cases.
    #[arg(long, default_value_t = 1000)]
    cases: usize,
    /// How many finalized minutes, sharing half of the cases as decided.
    #[arg(long, default_value_t = 0)]
    minutes: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Language of a failure: zh or en (default: LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}` is not a language: use zh or en"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let lang = args.lang.unwrap_or_else(i18n::lang_from_env);
    // A failure is said and exits as docket's own do (README's table).
    match synthetic::generate(&args.dir, args.cases, args.minutes, args.seed)
        .map_err(failure::tag(failure::What::Write(args.dir.clone())))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", i18n::failure(&e, lang));
            ExitCode::from(failure::EXIT_FAILED)
        }
    }
}
