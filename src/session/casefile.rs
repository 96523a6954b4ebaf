//! New and edited case files, through the user's editor as `git commit` does: the text is
//! checked as `docket check` would and handed back with the problems as comments until it is
//! valid or abandoned. Nothing half-valid is ever written into `cases/`.

use std::io;
use std::path::{Path, PathBuf};

use crate::diag::Severity;
use crate::domain::text::Lang;
use crate::i18n;
use crate::store::case_file::check_case_text;
use crate::store::disk::Disk;
use crate::store::panel::{CASES_DIR, LoadedCase};

use super::Session;

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

/// The id for a new case, following the panel's own numbering: the most used pattern of this
/// year's ids (a prefix holding the year, then a number) with the largest number plus one;
/// else the latest year's pattern carried to this year from 1; else `YYYY-001`. An id whose
/// file is already in `cases/` (one that did not load, say) is skipped.
pub fn next_id(session: &Session) -> String {
    let year = session.today().chars().take(4).collect::<String>();
    let ids: Vec<&str> = session.cases.iter().map(|c| c.case.id.as_str()).collect();
    let mut id = suggest_id(&ids, &year);
    let taken = |id: &str| {
        ids.contains(&id)
            || file_name_for(id).is_some_and(|f| session.dir.join(CASES_DIR).join(f).exists())
    };
    while taken(&id) {
        let Some((prefix, n, width)) = numbered(&id) else {
            break;
        };
        id = format!("{prefix}{:0width$}", n + 1);
    }
    id
}

/// An id as a prefix and the number it ends with (with its width in digits).
fn numbered(id: &str) -> Option<(&str, u64, usize)> {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = id.split_at(id.len() - digits);
    Some((prefix, number.parse().ok()?, digits))
}

/// Where a prefix names a year (four digits 19xx or 20xx standing alone): its byte offset.
fn year_in(prefix: &str) -> Option<usize> {
    let b = prefix.as_bytes();
    (0..b.len().saturating_sub(3)).rev().find(|&i| {
        let four = &b[i..i + 4];
        four.iter().all(u8::is_ascii_digit)
            && (four.starts_with(b"19") || four.starts_with(b"20"))
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// The next id after `ids` in `year`, before skipping ids taken on disk.
pub fn suggest_id(ids: &[&str], year: &str) -> String {
    let parts: Vec<(&str, u64, usize)> = ids.iter().filter_map(|i| numbered(i)).collect();
    // The prefix used most among `of`, ties to the one reaching the larger number.
    let most_used = |of: &[&(&str, u64, usize)]| {
        let mut best: Option<(usize, u64, &str, usize)> = None;
        for (p, _, _) in of {
            let same = of.iter().filter(|(q, _, _)| q == p);
            let count = same.clone().count();
            let max = same.clone().map(|x| x.1).max().unwrap_or(0);
            let width = same.map(|x| x.2).max().unwrap_or(3);
            if best.is_none_or(|(c, m, _, _)| (count, max) > (c, m)) {
                best = Some((count, max, p, width));
            }
        }
        best.map(|(_, max, p, width)| (p.to_string(), max, width))
    };
    let this_year: Vec<_> = parts
        .iter()
        .filter(|(p, _, _)| year_in(p).is_some_and(|i| &p[i..i + 4] == year))
        .collect();
    if let Some((prefix, max, width)) = most_used(&this_year) {
        return format!("{prefix}{:0width$}", max + 1);
    }
    let latest = parts
        .iter()
        .filter_map(|x| year_in(x.0).map(|i| &x.0[i..i + 4]))
        .max();
    if let Some(latest) = latest {
        let then: Vec<_> = parts
            .iter()
            .filter(|(p, _, _)| year_in(p).is_some_and(|i| &p[i..i + 4] == latest))
            .collect();
        if let Some((prefix, _, width)) = most_used(&then) {
            let i = year_in(&prefix).unwrap_or(0);
            return format!("{}{year}{}{:0width$}", &prefix[..i], &prefix[i + 4..], 1);
        }
    }
    let all: Vec<_> = parts.iter().filter(|(p, _, _)| !p.is_empty()).collect();
    if let Some((prefix, max, width)) = most_used(&all) {
        return format!("{prefix}{:0width$}", max + 1);
    }
    format!("{year}-001")
}

/// Where a new case is written while in the editor, for the panel in `panel_dir`: one place
/// per panel, so that a case given up as a draft is offered again by the next `+`, in this
/// docket or the next.
pub fn new_case_scratch(cache: &Path, panel_dir: &Path) -> PathBuf {
    let root = std::fs::canonicalize(panel_dir).unwrap_or_else(|_| panel_dir.to_path_buf());
    let key = crate::store::minutes::sha256_hex(root.as_os_str().as_encoded_bytes());
    cache.join(format!("new-case-{}.yaml", &key[..16]))
}

/// Where the text of a case given up with problems is kept.
pub fn draft_of(scratch: &Path) -> PathBuf {
    scratch.with_extension("draft.yaml")
}

/// The template a new case starts from: every field, explained.
pub fn template(session: &Session, lang: Lang) -> String {
    let kinds: Vec<&str> = session
        .panel
        .rules
        .kinds
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    let head = crate::i18n::NEW_CASE_TEMPLATE_HEAD.get(lang);
    format!(
        "{head}\nid: \"{id}\"\nkind: {kind}            # {kinds}\ntitle: \nsubject:\n  name: \n  position: \n  unit: \nreceived: {today}\nsummary: >-\n  \nfacts:\n  - \nclaimed: []          # S1..S9 (tolerance) or G1..G4 (adjustment)\n# proposal:\n#   outcome: tolerate\n#   basis: \n# conflicts:\n#   - member: \n#     reason: \n# review_of: \"\"\n",
        id = next_id(session),
        kind = kinds.first().copied().unwrap_or("tolerance"),
        kinds = kinds.join(" | "),
        today = session.today(),
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

/// The problems of `text` as a case of `session`'s panel, replacing `original` (if editing).
pub fn problems(
    session: &Session,
    lang: Lang,
    text: &str,
    original: Option<&LoadedCase>,
) -> (Option<String>, Vec<String>) {
    let shown = Path::new(CASES_DIR).join("case.yaml");
    let (case, report) = check_case_text(Some(&session.panel), &shown, text);
    let mut out: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            format!(
                "{} {}:{}: {}",
                i18n::LINE.get(lang),
                d.line,
                d.col,
                i18n::msg(&d.msg, lang)
            )
        })
        .collect();
    let Some(case) = case else {
        return (None, out);
    };
    let mine = original.map(|o| o.case.id.as_str());
    if mine != Some(case.id.as_str()) && session.cases.iter().any(|c| c.case.id == case.id) {
        out.push(i18n::case_id_taken(&case.id, lang));
    }
    if original.is_none() && file_name_for(&case.id).is_none() {
        out.push(i18n::case_id_unfit(&case.id, lang));
    }
    if let Some(r) = &case.review_of
        && !session.cases.iter().any(|c| &c.case.id == r)
    {
        out.push(i18n::msg(
            &crate::diag::Msg::UnknownRef {
                thing: crate::diag::Thing::Case,
                id: r.clone(),
                valid: Vec::new(),
            },
            lang,
        ));
    }
    (Some(case.id), out)
}

/// Runs the edit: the text in `scratch`, `run_editor` on it (true: the editor ended well),
/// checked, handed back with its problems until valid or abandoned; then written through
/// `disk`, atomically. `original` is the case being edited, or none for a new one.
pub fn edit(
    session: &Session,
    lang: Lang,
    original: Option<&LoadedCase>,
    scratch: &Path,
    disk: &mut dyn Disk,
    run_editor: &mut dyn FnMut(&Path) -> io::Result<bool>,
) -> io::Result<Outcome> {
    let draft = draft_of(scratch);
    // A new case given up earlier is offered again rather than lost behind a blank template.
    let earlier = match original {
        Some(_) => None,
        None => std::fs::read_to_string(&draft).ok(),
    };
    let start = match (original, &earlier) {
        (Some(o), _) => std::fs::read_to_string(&o.path)?,
        (None, Some(text)) => format!(
            "{MARK}{}\n{}",
            i18n::case_draft_offered(lang),
            strip_marks(text)
        ),
        (None, None) => template(session, lang),
    };
    let mut given = start.clone();
    loop {
        crate::private::write_new(scratch, &given)?;
        let ok = run_editor(scratch)?;
        let back = std::fs::read_to_string(scratch).unwrap_or_default();
        let _ = std::fs::remove_file(scratch);
        let text = strip_marks(&back);
        // Emptying the file abandons, the earlier draft with it.
        if ok && text.trim().is_empty() {
            if earlier.is_some() {
                let _ = std::fs::remove_file(&draft);
            }
            return Ok(Outcome::Abandoned);
        }
        // Quitting without saving abandons; what was typed before is kept as a draft beside
        // the scratch file (an earlier draft left untouched stays as it was).
        if !ok || back == given {
            if given != start && !given.trim().is_empty() {
                crate::private::write_new(&draft, &given)?;
                return Ok(Outcome::Drafted(draft));
            }
            return Ok(Outcome::Abandoned);
        }
        let (id, errors) = problems(session, lang, &text, original);
        if errors.is_empty()
            && let Some(id) = id
        {
            let path = match original {
                Some(o) => o.path.clone(),
                None => match file_name_for(&id) {
                    Some(name) => session.dir.join(CASES_DIR).join(name),
                    None => continue,
                },
            };
            disk.replace(&path, text.as_bytes())?;
            if original.is_none() {
                let _ = std::fs::remove_file(&draft);
            }
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
