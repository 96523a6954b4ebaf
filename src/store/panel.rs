//! Loading a panel folder: panel.yaml and its rules, then (in `cases`) every case in `cases/`,
//! checked together; the domain's objections placed in the files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Msg, Report, Severity, Thing};
use crate::domain::admissible::{self, At, Entry, Objection};
use crate::domain::case::Case;
use crate::domain::panel::{Member, Panel, Role};

use super::Ctx;
use super::cache::CacheAt;
use super::decode::{Fields, choice, opt_string, req_string, req_string_at, string, string_list};
use super::rules::{self, check_unique};
use super::tree::{Node, Pos, Value};

pub const PANEL_FILE: &str = "panel.yaml";
pub const CASES_DIR: &str = "cases";

/// A case as loaded, with the file it came from.
#[derive(Clone, Debug)]
pub struct LoadedCase {
    pub path: PathBuf,
    pub case: Case,
    /// SHA-256 of the text that was parsed, so the minutes pin the very version the panel
    /// saw, even if the file changes on disk before the case is taken up.
    pub digest: String,
}

/// A panel folder as loaded. `panel` is present when panel.yaml and its rules could be read
/// well enough to go on; `report` says everything that is wrong.
pub struct Loaded {
    pub dir: PathBuf,
    pub panel: Option<Panel>,
    pub cases: Vec<LoadedCase>,
    pub report: Report,
    /// How many cases came from the cache rather than their files.
    pub from_cache: usize,
}

impl Loaded {
    pub fn is_clean(&self) -> bool {
        self.report.errors() == 0
    }
}

/// Loads the panel folder, reading every file: what `docket check` does. Rules files may come
/// from the panel folder or one of `rules_dirs` (the settings' `rules_dirs`).
pub fn load(dir: &Path, rules_dirs: &[PathBuf]) -> Loaded {
    load_with(dir, rules_dirs, None)
}

/// Loads the panel folder, taking unchanged case files from `cache` when it is given and
/// the panel is large enough for it (see `store::cache`).
pub fn load_with(dir: &Path, rules_dirs: &[PathBuf], cache: Option<&CacheAt>) -> Loaded {
    let mut cx = Ctx::default();
    let panel = load_panel(&mut cx, dir, rules_dirs);
    let (cases, from_cache) = super::cases::load_cases(&mut cx, dir, panel.as_ref(), cache);
    check_privacy(&mut cx, dir);
    cx.report.sort();
    Loaded {
        dir: dir.to_path_buf(),
        panel,
        cases,
        report: cx.report,
        from_cache,
    }
}

/// The panels a path names: the folder itself when it holds a panel.yaml, else each
/// sub-folder that does, sorted. Empty when there are none.
pub fn find_panels(path: &Path) -> Vec<PathBuf> {
    if path.join(PANEL_FILE).is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join(PANEL_FILE).is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// panel.yaml and its rules alone, without the cases: for tools that need the members.
pub fn load_panel_only(dir: &Path, rules_dirs: &[PathBuf]) -> (Option<Panel>, Report) {
    let mut cx = Ctx::default();
    let panel = load_panel(&mut cx, dir, rules_dirs);
    cx.report.sort();
    (panel, cx.report)
}

fn load_panel(cx: &mut Ctx, dir: &Path, rules_dirs: &[PathBuf]) -> Option<Panel> {
    let path = dir.join(PANEL_FILE);
    if !path.exists() {
        cx.file_error(&path, Msg::NoPanelFile);
        return None;
    }
    let node = cx.parse_file(&path)?;
    let mut f = Fields::of(cx, &node)?;
    let name = req_string(cx, &mut f, "name");
    let unit = opt_string(cx, &mut f, "unit");
    let rules_ref = req_string_at(cx, &mut f, "rules");
    let members_node = f.get("members");
    let meeting = f.get("meeting");
    let group = opt_string(cx, &mut f, "group");
    let signers = string_list(cx, &mut f, "signers");
    let classification = opt_string(cx, &mut f, "classification");
    let timezone = f
        .get("timezone")
        .and_then(|n| string(cx, n).map(|s| (s, n.pos)))
        .filter(|(s, _)| !s.trim().is_empty());
    f.finish(cx);

    let errors_before = cx.report.errors();
    // Rules come from the panel folder or a folder the settings name, nowhere else.
    cx.rules_roots = std::iter::once(dir.to_path_buf())
        .chain(rules_dirs.iter().cloned())
        .collect();
    let rules = rules_ref.as_ref().and_then(|(r, pos)| {
        let mut tree = rules::load_tree(cx, r, Some(*pos), Some(dir), &mut Vec::new())?;
        if let Some(m) = meeting {
            // The panel's meeting overrides merge onto the rules' own, keeping their places.
            let key = Node {
                pos: m.pos,
                value: Value::Scalar {
                    text: "meeting".into(),
                    plain: true,
                },
            };
            let over = Node {
                pos: m.pos,
                value: Value::Map(vec![(key, m.clone())]),
            };
            // Rules the panel changes are no longer the rules they were named for.
            let amended = rules::Amended::of(&tree, &over, PANEL_FILE);
            tree = rules::merge(cx, tree, over);
            amended.rename(&mut tree);
        }
        rules::decode(cx, &tree)
    });

    // Cases checked against broken rules would only echo the rules' problems.
    let rules = rules.filter(|_| cx.report.errors() == errors_before);
    let (members, complete) = match members_node {
        Some(n) => decode_members(cx, n),
        None => {
            cx.error(node.pos, Msg::MissingField("members"));
            (Vec::new(), false)
        }
    };
    // Counting roles over a list that did not load would report what is not so.
    if complete {
        let list = members_node.map_or(node.pos, |n| n.pos);
        let listed: Vec<&Member> = members.iter().map(|(m, _)| m).collect();
        for (at, o) in admissible::roles(&listed) {
            let pos = match at {
                At::Entry(i) => members[i].1,
                At::List => list,
            };
            object(cx, pos, o, |_| list);
        }
    }
    let members: Vec<Member> = members.into_iter().map(|(m, _)| m).collect();
    for (s, pos) in &signers {
        if !members.iter().any(|m| &m.id == s) {
            cx.error(
                *pos,
                Msg::UnknownRef {
                    thing: Thing::Member,
                    id: s.clone(),
                    valid: members.iter().map(|m| m.id.clone()).collect(),
                },
            );
        }
    }
    if let Some((tz, pos)) = &timezone
        && jiff::tz::TimeZone::get(tz).is_err()
    {
        cx.error(*pos, Msg::UnknownTimezone(tz.clone()));
    }
    Some(Panel {
        name: name?,
        unit,
        rules_ref: rules_ref?.0,
        members,
        group,
        classification,
        timezone: timezone.map(|(t, _)| t),
        rules: rules?,
        signers: signers.into_iter().map(|(s, _)| s).collect(),
    })
}

/// The members with where each one's role is written, and whether every entry loaded.
fn decode_members(cx: &mut Ctx, node: &Node) -> (Vec<(Member, Pos)>, bool) {
    let Some(items) = node.seq() else {
        cx.error(node.pos, Msg::Expected(crate::diag::Expect::List));
        return (Vec::new(), false);
    };
    let mut members = Vec::new();
    let mut complete = true;
    let mut seen = Vec::new();
    for item in items {
        let Some(mut f) = Fields::of(cx, item) else {
            complete = false;
            continue;
        };
        let id = req_string_at(cx, &mut f, "id");
        let name = req_string(cx, &mut f, "name");
        let role = match f.get("role") {
            Some(n) => choice(cx, n, &Role::ALL, Role::id).map(|r| (r, n.pos)),
            None => {
                cx.error(f.pos, Msg::MissingField("role"));
                None
            }
        };
        let key = f.get("key").and_then(|n| {
            let text = string(cx, n)?;
            // Checked when read, so a signature is never judged against a key that is not one.
            let Ok(k) = crate::sshsig::parse_public_key(&text) else {
                cx.error(n.pos, Msg::BadKey);
                return None;
            };
            // The id is the key's principal for ssh-keygen: a space, comma or `*` in it
            // would name other signers, or all of them.
            if let Some((id, pos)) = &id
                && (id.contains('.') || crate::sshsig::allowed_signers_line(id, &k).is_err())
            {
                cx.error(*pos, Msg::BadPrincipal(id.clone()));
                return None;
            }
            Some(text.trim().to_string())
        });
        let previous_keys: Vec<String> = string_list(cx, &mut f, "previous_keys")
            .into_iter()
            .filter_map(|(text, pos)| {
                if crate::sshsig::parse_public_key(&text).is_err() {
                    cx.error(pos, Msg::BadKey);
                    return None;
                }
                Some(text.trim().to_string())
            })
            .collect();
        f.finish(cx);
        let (Some((id, pos)), Some(name), Some((role, role_pos))) = (id, name, role) else {
            complete = false;
            continue;
        };
        // One key is one person: a key given twice would let one sign for the other.
        // Compared by fingerprint: the same key with another comment is the same key.
        let fingerprint = |k: &str| {
            crate::sshsig::parse_public_key(k)
                .ok()
                .map(|k| crate::sshsig::fingerprint(&k))
        };
        if let Some(fp) = key.as_deref().and_then(fingerprint)
            && let Some(first) = members.iter().find(|(m, _): &&(Member, Pos)| {
                m.key.as_deref().and_then(fingerprint).as_ref() == Some(&fp)
            })
        {
            cx.error(pos, Msg::SharedKey(first.0.id.clone()));
        }
        if check_unique(cx, Thing::Member, &id, pos, &mut seen) {
            members.push((
                Member {
                    id,
                    name,
                    role,
                    key,
                    previous_keys,
                },
                role_pos,
            ));
        }
    }
    (members, complete)
}

/// Places an objection of the domain's checks at `pos`; `first` says where the entry a
/// repeated one repeats was given.
pub(super) fn object(cx: &mut Ctx, pos: Pos, o: Objection, first: impl Fn(usize) -> Pos) {
    let thing = |e: Entry| match e {
        Entry::Situation => Thing::Situation,
        Entry::Ground => Thing::Ground,
        Entry::Outcome => Thing::Outcome,
        Entry::Member => Thing::Member,
        Entry::Case => Thing::Case,
    };
    let severity = if o.is_warning() {
        Severity::Warning
    } else {
        Severity::Error
    };
    let msg = match o {
        Objection::Repeated {
            entry,
            id,
            first: i,
        } => {
            let at = first(i);
            Msg::DuplicateId {
                thing: thing(entry),
                id,
                first: format!("{}:{}:{}", cx.path(at.file).display(), at.line, at.col),
            }
        }
        Objection::OtherKind {
            entry,
            id,
            owner,
            kind,
        } => Msg::OtherKind {
            thing: thing(entry),
            id,
            owner,
            kind,
        },
        Objection::Unknown { entry, id, valid } => Msg::UnknownRef {
            thing: thing(entry),
            id,
            valid,
        },
        Objection::ConflictWithClerk(m) => Msg::ConflictWithClerk(m),
        Objection::NoEntitled => Msg::NoEntitled,
        Objection::ReviewOfSelf => Msg::ReviewOfSelf,
        Objection::ReviewOfOtherKind { id, kind } => Msg::ReviewOfOtherKind { id, kind },
        Objection::ChairCount(n) => Msg::ChairCount(n),
        Objection::ClerkCount(n) => Msg::ClerkCount(n),
        Objection::NoVotingMembers => Msg::NoVotingMembers,
    };
    cx.at(severity, pos, msg);
}

/// Minutes (and their folder) that other users can read are a leak: warned about.
fn check_privacy(cx: &mut Ctx, dir: &Path) {
    let folder = dir.join(super::minutes::MINUTES_DIR);
    let mut paths = vec![folder.clone()];
    if let Ok(entries) = fs::read_dir(&folder) {
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        paths.extend(
            files
                .into_iter()
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "journal")),
        );
    }
    // A link where docket writes would carry the minutes out of the panel: refused.
    for p in super::disk::planted_links(dir) {
        cx.report
            .push(crate::diag::Severity::Error, &p, 1, 1, Msg::WrittenLink);
    }
    for p in paths {
        if let Some(mode) = super::disk::readable_by_others(&p) {
            cx.report.push(
                crate::diag::Severity::Warning,
                &p,
                1,
                1,
                Msg::MinutesReadable { mode },
            );
        }
    }
}
