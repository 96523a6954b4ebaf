//! New and edited case files, through the user's editor as `git commit` does: the text is
//! checked as `docket check` would and handed back with the problems as comments until it is
//! valid or abandoned. Nothing half-valid is ever written into `cases/`.

use std::io;
use std::path::{Path, PathBuf};

use crate::diag::Severity;
use crate::domain::text::Lang;
use crate::i18n;
use crate::store::disk::Disk;
use crate::store::panel::{CASES_DIR, LoadedCase, check_case_text};

use super::app::App;

/// Lines docket adds to say what is wrong; stripped before the next check.
const MARK: &str = "# docket: ";

/// How an edit ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written to this file.
    Saved(PathBuf),
    /// Left without a change: nothing written.
    Abandoned,
    /// Given up while it still had problems: nothing written into `cases/`, the text kept
    /// here so that what was typed is not lost.
    Drafted(PathBuf),
}

/// A case id fit to be a file name: no path separators, nothing hidden, nothing invisible.
fn file_name_for(id: &str) -> Option<String> {
    let ok = !id.is_empty()
        && !id.starts_with('.')
        && !id.contains(['/', '\\'])
        && !id
            .chars()
            .any(|c| crate::sanitize::is_unsafe(c) || c.is_whitespace());
    ok.then(|| format!("{id}.yaml"))
}

/// The id for a new case: the largest number of this year's ids, plus one.
pub fn next_id(app: &App) -> String {
    let year = app.today().chars().take(4).collect::<String>();
    let prefix = format!("{year}-");
    let n = app
        .cases
        .iter()
        .filter_map(|c| c.case.id.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", n + 1)
}

/// The template a new case starts from: every field, explained.
pub fn template(app: &App) -> String {
    let zh = app.lang == Lang::Zh;
    let kinds: Vec<&str> = app
        .panel
        .rules
        .kinds
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    let head = if zh {
        "# 新案件。填写后保存并退出；不保存或清空则放弃。字段说明见 docs/formats.md。"
    } else {
        "# A new case. Fill it in, save and quit; quit without saving, or empty it, to abandon.\n# Every field is explained in docs/formats.md."
    };
    format!(
        "{head}\nid: \"{id}\"\nkind: {kind}            # {kinds}\ntitle: \nsubject:\n  name: \n  position: \n  unit: \nreceived: {today}\nsummary: >-\n  \nfacts:\n  - \nclaimed: []          # S1..S9 (tolerance) or G1..G4 (adjustment)\n# proposal:\n#   outcome: tolerate\n#   basis: \n# conflicts:\n#   - member: \n#     reason: \n# review_of: \"\"\n",
        id = next_id(app),
        kind = kinds.first().copied().unwrap_or("tolerance"),
        kinds = kinds.join(" | "),
        today = app.today(),
    )
}

fn strip_marks(text: &str) -> String {
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with(MARK)).collect();
    let mut s = kept.join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// The problems of `text` as a case of `app`'s panel, replacing `original` (if editing).
pub fn problems(
    app: &App,
    text: &str,
    original: Option<&LoadedCase>,
) -> (Option<String>, Vec<String>) {
    let shown = Path::new(CASES_DIR).join("case.yaml");
    let (case, report) = check_case_text(Some(&app.panel), &shown, text);
    let mut out: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            format!(
                "{} {}:{}: {}",
                i18n::LINE.get(app.lang),
                d.line,
                d.col,
                i18n::msg(&d.msg, app.lang)
            )
        })
        .collect();
    let Some(case) = case else {
        return (None, out);
    };
    let mine = original.map(|o| o.case.id.as_str());
    if mine != Some(case.id.as_str()) && app.cases.iter().any(|c| c.case.id == case.id) {
        out.push(i18n::case_id_taken(&case.id, app.lang));
    }
    if original.is_none() && file_name_for(&case.id).is_none() {
        out.push(i18n::case_id_unfit(&case.id, app.lang));
    }
    if let Some(r) = &case.review_of
        && !app.cases.iter().any(|c| &c.case.id == r)
    {
        out.push(i18n::msg(
            &crate::diag::Msg::UnknownRef {
                thing: crate::diag::Thing::Case,
                id: r.clone(),
                valid: Vec::new(),
            },
            app.lang,
        ));
    }
    (Some(case.id), out)
}

/// Runs the edit: the text in `scratch`, `run_editor` on it (true: the editor ended well),
/// checked, handed back with its problems until valid or abandoned; then written through
/// `disk`, atomically. `original` is the case being edited, or none for a new one.
pub fn edit(
    app: &App,
    original: Option<&LoadedCase>,
    scratch: &Path,
    disk: &mut dyn Disk,
    run_editor: &mut dyn FnMut(&Path) -> io::Result<bool>,
) -> io::Result<Outcome> {
    let start = match original {
        Some(o) => std::fs::read_to_string(&o.path)?,
        None => template(app),
    };
    let mut given = start.clone();
    loop {
        write_private(scratch, &given)?;
        let ok = run_editor(scratch)?;
        let back = std::fs::read_to_string(scratch).unwrap_or_default();
        let _ = std::fs::remove_file(scratch);
        let text = strip_marks(&back);
        // Quitting without saving, or emptying the file, abandons; what was typed before is
        // kept as a draft beside the scratch file.
        if !ok || text.trim().is_empty() || back == given {
            if given != start && !given.trim().is_empty() {
                let draft = scratch.with_extension("draft.yaml");
                write_private(&draft, &given)?;
                return Ok(Outcome::Drafted(draft));
            }
            return Ok(Outcome::Abandoned);
        }
        let (id, errors) = problems(app, &text, original);
        if errors.is_empty()
            && let Some(id) = id
        {
            let path = match original {
                Some(o) => o.path.clone(),
                None => match file_name_for(&id) {
                    Some(name) => app.dir.join(CASES_DIR).join(name),
                    None => continue,
                },
            };
            disk.replace(&path, text.as_bytes())?;
            return Ok(Outcome::Saved(path));
        }
        let mut again = text.clone();
        if !again.ends_with('\n') {
            again.push('\n');
        }
        for e in errors {
            // One line per problem, escaped: a file's text never reaches the editor raw either.
            let line = crate::sanitize::escape(&e).replace('\n', " ");
            again.push_str(&format!("{MARK}{line}\n"));
        }
        given = again;
    }
}

fn write_private(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_cannot_be_file_names_are_refused() {
        assert_eq!(file_name_for("2026-019").as_deref(), Some("2026-019.yaml"));
        for bad in ["", ".hidden", "a/b", "..", "a b", "x\u{1b}y", "c\\d"] {
            assert_eq!(file_name_for(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn docket_marks_are_stripped_and_only_they() {
        let t = "id: a\n# docket: line 1:1: bad\n# a comment of mine\n";
        assert_eq!(strip_marks(t), "id: a\n# a comment of mine\n");
    }
}
