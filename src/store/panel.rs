//! Loading a panel folder: panel.yaml, its rules, and every case in `cases/`, checked together.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diag::{Msg, Report, Severity, Thing};
use crate::domain::case::{Body, BodyText, Case, Conflict, Proposal, Subject};
use crate::domain::panel::{Member, Panel, Role};
use crate::domain::rules::{ItemNoun, Kind, Rules};

use super::Ctx;
use super::cache::{self, CacheAt, Key};
use super::decode::{
    Fields, choice, list, opt_string, req_string, req_string_at, string, string_list,
};
use super::read::{self, special_kind};
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

/// Loads the panel folder, reading every file: what `docket check` does.
pub fn load(dir: &Path) -> Loaded {
    load_with(dir, None)
}

/// Loads the panel folder, taking unchanged case files from `cache` when it is given and
/// the panel is large enough for it (see `store::cache`).
pub fn load_with(dir: &Path, cache: Option<&CacheAt>) -> Loaded {
    let mut cx = Ctx::default();
    let panel = load_panel(&mut cx, dir);
    let (cases, from_cache) = load_cases(&mut cx, dir, panel.as_ref(), cache);
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
pub fn load_panel_only(dir: &Path) -> (Option<Panel>, Report) {
    let mut cx = Ctx::default();
    let panel = load_panel(&mut cx, dir);
    cx.report.sort();
    (panel, cx.report)
}

fn load_panel(cx: &mut Ctx, dir: &Path) -> Option<Panel> {
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
        .chain(crate::config::Settings::load().0.rules_dirs)
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
            cx.error(f_pos(&node), Msg::MissingField("members"));
            (Vec::new(), false)
        }
    };
    // Counting roles over a list that did not load would report what is not so.
    if complete {
        check_roles(cx, &members, members_node.map_or(node.pos, |n| n.pos));
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

fn f_pos(node: &Node) -> Pos {
    node.pos
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

/// One chair, one clerk (a warning), someone who votes. A second chair is reported where
/// its role is written.
fn check_roles(cx: &mut Ctx, members: &[(Member, Pos)], list: Pos) {
    let chairs: Vec<Pos> = members
        .iter()
        .filter(|(m, _)| m.role == Role::Chair)
        .map(|(_, p)| *p)
        .collect();
    if chairs.len() != 1 {
        cx.error(
            chairs.get(1).copied().unwrap_or(list),
            Msg::ChairCount(chairs.len()),
        );
    }
    let clerks: Vec<Pos> = members
        .iter()
        .filter(|(m, _)| m.role == Role::Clerk)
        .map(|(_, p)| *p)
        .collect();
    if clerks.len() != 1 {
        cx.warn(
            clerks.get(1).copied().unwrap_or(list),
            Msg::ClerkCount(clerks.len()),
        );
    }
    if !members.is_empty() && !members.iter().any(|(m, _)| m.role.votes()) {
        cx.error(list, Msg::NoVotingMembers);
    }
}

/// What a case file says about its identity and its review, even when the rest of it is
/// broken, for the checks across files.
struct Places {
    id: Option<(String, Pos)>,
    kind: Option<String>,
    review_of: Option<(String, Pos)>,
}

fn load_cases(
    cx: &mut Ctx,
    dir: &Path,
    panel: Option<&Panel>,
    cache_at: Option<&CacheAt>,
) -> (Vec<LoadedCase>, usize) {
    let cases_dir = dir.join(CASES_DIR);
    let first = cx.report.diagnostics.len();
    let entries = match fs::read_dir(&cases_dir) {
        Ok(e) => e,
        Err(_) => {
            cx.report.push(
                crate::diag::Severity::Warning,
                &cases_dir,
                1,
                1,
                Msg::NoCasesFolder,
            );
            return (Vec::new(), 0);
        }
    };
    let now_ns = cache::now_ns();
    let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    // Cases are checked against the panel: without one, nothing is cached.
    let cache_at = cache_at.filter(|_| panel.is_some());
    let cache_file = cache_at.map(|at| at.file_for(&root, "cases"));
    let fingerprint = || cache::fingerprint(&root, panel);
    // The cache is read and decoded on its own thread while this one lists and screens the
    // folder: the two take about as long, and neither needs the other. Only an existing
    // cache is worth a thread (and the fingerprint): small panels have none.
    let (screened, cached) = std::thread::scope(|s| {
        let reader = cache_file
            .as_ref()
            .filter(|f| f.exists())
            .map(|f| s.spawn(|| cache::read(f, &fingerprint(), &cases_dir, body_from_file)));
        let mut listed: Vec<(std::ffi::OsString, fs::DirEntry)> = entries
            .filter_map(|e| e.ok().map(|e| (e.file_name(), e)))
            .collect();
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        // Each entry is looked at through the open folder (fstatat), not by walking its
        // whole path again.
        let screened = crate::par::map(
            &listed,
            256,
            |(name, e)| (e.path(), screen(name, e, &root)),
            || (PathBuf::new(), Err(None)),
        );
        let cached = reader.and_then(|h| h.join().ok()).unwrap_or_default();
        let names = listed.into_iter().map(|(name, _)| name);
        (names.zip(screened).collect::<Vec<_>>(), cached)
    });
    let mut candidates: Vec<(PathBuf, Key)> = Vec::with_capacity(screened.len());
    let mut names = Vec::with_capacity(screened.len());
    for (name, (path, s)) in screened {
        match s {
            Ok(meta) => {
                candidates.push((path, Key::of(&meta)));
                names.push(name);
            }
            Err(Some((severity, msg))) => cx.report.push(severity, &path, 1, 1, msg),
            Err(None) => {}
        }
    }
    let use_cache = cache_at.is_some_and(|c| candidates.len() >= c.min_cases);
    let cache_file = cache_file.filter(|_| use_cache);
    let cached_before = cached.entries.len();
    let mut cached = cached.entries.into_iter().peekable();
    // Reading and parsing are independent per file: spread over the cores. Problems are
    // reported afterwards, in file order, so the report does not depend on the threads.
    let files: Vec<super::tree::FileId> = candidates.iter().map(|(p, _)| cx.source(p)).collect();
    let mut loaded = Vec::with_capacity(candidates.len());
    let mut places = Vec::with_capacity(candidates.len());
    // Which loaded cases go into the cache: (index in `loaded`, key, where id and review are).
    type Kept = (usize, Key, (u32, u32), (u32, u32));
    let mut keep: Vec<Kept> = Vec::new();
    let mut fresh = 0usize;
    // In batches, so that only one batch of parsed trees is held at a time: holding all
    // 10,000 trees before decoding any more than doubled peak memory.
    const BATCH: usize = 512;
    for ((batch, ids), names) in candidates
        .chunks(BATCH)
        .zip(files.chunks(BATCH))
        .zip(names.chunks(BATCH))
    {
        // Both lists are in file-name order: walk the cache beside the batch.
        let hits: Vec<Option<cache::Entry>> = batch
            .iter()
            .zip(names)
            .map(|((_, key), name)| {
                let name = name.as_bytes();
                while cached.next_if(|(n, _)| n.as_slice() < name).is_some() {}
                cached
                    .next_if(|(n, _)| n.as_slice() == name)
                    .map(|(_, e)| e)
                    .filter(|e| e.key == *key && use_cache)
            })
            .collect();
        let (misses, miss_ids): (Vec<PathBuf>, Vec<super::tree::FileId>) = batch
            .iter()
            .zip(ids)
            .zip(&hits)
            .filter(|(_, hit)| hit.is_none())
            .map(|(((p, _), id), _)| (p.clone(), *id))
            .unzip();
        let mut parsed = parse_all(&misses, &miss_ids).into_iter();
        for (((path, key), file), hit) in batch.iter().zip(ids).zip(hits) {
            if let Some(e) = hit {
                let at = |(line, col): (u32, u32)| Pos {
                    file: *file,
                    line,
                    col,
                };
                places.push(Places {
                    id: Some((e.case.id.clone(), at(e.id_at))),
                    kind: Some(e.case.kind.clone()),
                    review_of: e.case.review_of.clone().map(|r| (r, at(e.review_at))),
                });
                keep.push((loaded.len(), *key, e.id_at, e.review_at));
                loaded.push(LoadedCase {
                    path: path.clone(),
                    case: e.case,
                    digest: e.digest,
                });
                continue;
            }
            let Some(result) = parsed.next() else { break };
            let problems_before = cx.report.diagnostics.len();
            let had = loaded.len();
            decode_one(cx, panel, path, result, &mut loaded, &mut places);
            // Only a file with no problem at all may skip being read next time.
            if loaded.len() > had
                && cx.report.diagnostics.len() == problems_before
                && cache_at.is_some_and(|c| c.keeps(key, now_ns))
                && let Some(p) = places.last()
            {
                let line_col = |pos: Option<Pos>| pos.map_or((0, 0), |p| (p.line, p.col));
                let id_at = line_col(p.id.as_ref().map(|(_, pos)| *pos));
                let review_at = line_col(p.review_of.as_ref().map(|(_, pos)| *pos));
                keep.push((had, *key, id_at, review_at));
                fresh += 1;
            }
        }
    }
    if let Some(file) = &cache_file
        && cache::needs_writing(fresh, keep.len(), cached_before)
    {
        let entries = keep.iter().filter_map(|&(i, key, id_at, review_at)| {
            let c = &loaded[i];
            Some(cache::Keep {
                name: c.path.file_name()?.as_bytes(),
                key,
                case: &c.case,
                digest: &c.digest,
                id_at,
                review_at,
            })
        });
        // A cache that cannot be written costs only speed next time.
        let _ = cache::write(file, &fingerprint(), entries);
    }
    check_across(cx, &places);
    // Files are screened before any is parsed, so a skipped file's warning was pushed ahead
    // of the problems of files before it: put them back in file order (stable, so each
    // file's own problems keep theirs).
    cx.report.diagnostics[first..].sort_by(|a, b| a.file.cmp(&b.file));
    (loaded, keep.len() - fresh)
}

/// A case's body from its file, when the cache could not give it: only if the file still has
/// the text the panel listed (the minutes pin that text's digest); otherwise a body that
/// says so, never another version's text under the old digest.
fn body_from_file(path: &Path, digest: &str) -> BodyText {
    let text = read::read_text(path).ok();
    if let Some(text) = text.filter(|t| super::minutes::sha256_hex(t.as_bytes()) == digest)
        && let (Some(case), _) = check_case_text(None, path, &text)
    {
        return case.body.get().clone();
    }
    BodyText {
        summary: crate::i18n::CASE_CHANGED_SINCE_OPENED
            .get(crate::domain::text::Lang::Zh)
            .to_string()
            + " / "
            + crate::i18n::CASE_CHANGED_SINCE_OPENED.get(crate::domain::text::Lang::En),
        facts: Vec::new(),
    }
}

/// Reports what parsing one case file found and decodes the case from its tree.
fn decode_one(
    cx: &mut Ctx,
    panel: Option<&Panel>,
    path: &Path,
    result: Parsed,
    loaded: &mut Vec<LoadedCase>,
    places: &mut Vec<Places>,
) {
    let (node, problems, digest) = match result {
        Err(e) => {
            cx.report
                .push(crate::diag::Severity::Error, path, e.line, e.col, e.msg);
            return;
        }
        Ok(x) => x,
    };
    for p in problems {
        cx.at(p.severity, p.pos, p.msg);
    }
    let node = match node {
        Ok(Some(n)) => n,
        Ok(None) => {
            cx.file_error(path, Msg::Empty);
            return;
        }
        Err(p) => {
            cx.at(p.severity, p.pos, p.msg);
            return;
        }
    };
    let (case, p) = decode_case(cx, &node, panel);
    places.push(p);
    if let Some(case) = case {
        loaded.push(LoadedCase {
            path: path.to_path_buf(),
            case,
            digest,
        });
    }
}

/// What reading and parsing one file gave: the tree (or the fatal problem), the other
/// problems, and the digest of the text.
type Parsed = Result<
    (
        Result<Option<Node>, super::tree::Problem>,
        Vec<super::tree::Problem>,
        String,
    ),
    read::ReadError,
>;

/// Reads and parses `paths` (registered as `files`) on every core.
fn parse_all(paths: &[PathBuf], files: &[super::tree::FileId]) -> Vec<Parsed> {
    let items: Vec<(&PathBuf, super::tree::FileId)> =
        paths.iter().zip(files.iter().copied()).collect();
    crate::par::map(
        &items,
        64,
        |&(path, file)| -> Parsed {
            let text = read::read_text(path)?;
            let mut problems = Vec::new();
            let node = super::tree::parse(&text, file, &mut problems);
            Ok((node, problems, super::minutes::sha256_hex(text.as_bytes())))
        },
        // A worker that failed leaves its files reported unread, in their places.
        || {
            Err(read::ReadError {
                line: 1,
                col: 1,
                msg: Msg::Io(std::io::ErrorKind::Other, "not read".into()),
            })
        },
    )
}

/// Whether `path` should be read as a case file: what the file system says of it if so, else
/// the problem to report (if any). FIFOs, devices and links that leave the panel folder are
/// reported and never opened.
fn screen(
    name: &std::ffi::OsStr,
    entry: &fs::DirEntry,
    root: &Path,
) -> Result<fs::Metadata, Option<(Severity, Msg)>> {
    let name = name.as_bytes();
    if name.starts_with(b".") {
        return Err(None);
    }
    // The entry's own metadata: a link is not followed here.
    let meta = entry.metadata().map_err(|_| None)?;
    let target_meta = if meta.file_type().is_symlink() {
        match fs::canonicalize(entry.path()) {
            Ok(target) if !target.starts_with(root) => {
                let shown = target.display().to_string();
                return Err(Some((Severity::Error, Msg::LinkOutside(shown))));
            }
            Ok(target) => {
                fs::metadata(&target).map_err(|_| Some((Severity::Error, Msg::BrokenLink)))?
            }
            Err(_) => return Err(Some((Severity::Error, Msg::BrokenLink))),
        }
    } else {
        meta
    };
    if let Some(kind) = special_kind(&target_meta.file_type()) {
        return Err(Some((Severity::Error, Msg::SpecialFile(kind))));
    }
    if target_meta.is_dir() {
        return Err(Some((Severity::Warning, Msg::Subfolder)));
    }
    if name.ends_with(b".yaml") || name.ends_with(b".yml") {
        Ok(target_meta)
    } else {
        Err(Some((Severity::Warning, Msg::NotYaml)))
    }
}

fn decode_case(cx: &mut Ctx, node: &Node, panel: Option<&Panel>) -> (Option<Case>, Places) {
    let Some(mut f) = Fields::of(cx, node) else {
        let none = Places {
            id: None,
            kind: None,
            review_of: None,
        };
        return (None, none);
    };
    let id = req_string_at(cx, &mut f, "id");
    let kind_node = f.get("kind");
    let title = req_string(cx, &mut f, "title");
    let subject = match f.get("subject") {
        Some(n) => decode_subject(cx, n),
        None => {
            cx.error(f.pos, Msg::MissingField("subject"));
            None
        }
    };
    let received = req_string_at(cx, &mut f, "received").and_then(|(s, pos)| date(cx, &s, pos));
    let summary = req_string(cx, &mut f, "summary");
    let facts: Vec<String> = string_list(cx, &mut f, "facts")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let claimed = string_list(cx, &mut f, "claimed");
    let proposal = f.get("proposal").and_then(|n| decode_proposal(cx, n));
    let conflicts_node = f.get("conflicts");
    let conflicts = decode_conflicts(cx, &mut f);
    let review_of = f
        .get("review_of")
        .and_then(|n| string(cx, n).map(|s| (s, n.pos)))
        .filter(|(s, _)| !s.trim().is_empty());
    f.finish(cx);

    let rules = panel.map(|p| &p.rules);
    let kind = match (kind_node, rules) {
        (None, _) => {
            cx.error(f_pos(node), Msg::MissingField("kind"));
            None
        }
        (Some(n), Some(rules)) => match string(cx, n) {
            None => None,
            Some(k) => match rules.kind(&k) {
                Some(kind) => Some((k, Some(kind))),
                None => {
                    cx.error(
                        n.pos,
                        Msg::UnknownRef {
                            thing: Thing::Kind,
                            id: k,
                            valid: rules.kinds.iter().map(|k| k.id.clone()).collect(),
                        },
                    );
                    None
                }
            },
        },
        (Some(n), None) => string(cx, n).map(|k| (k, None)),
    };
    if let (Some((_, Some(kind))), Some(rules)) = (&kind, rules) {
        check_claimed(cx, rules, kind, &claimed);
        if let Some((p, pos)) = &proposal {
            check_outcome(cx, rules, kind, &p.outcome, *pos);
        }
    }
    if let Some(panel) = panel {
        check_conflicts(
            cx,
            panel,
            &conflicts,
            conflicts_node.map_or(f_pos(node), |n| n.pos),
        );
    }
    let places = Places {
        id: id.clone(),
        kind: kind.as_ref().map(|(k, _)| k.clone()),
        review_of: review_of.clone(),
    };
    let case = (|| {
        Some(Case {
            id: id?.0,
            kind: kind?.0,
            title: title?,
            subject: subject?,
            received: received?,
            body: Body::new(summary?, facts),
            claimed: claimed.into_iter().map(|(s, _)| s).collect(),
            proposal: proposal.map(|(p, _)| p),
            conflicts: conflicts.into_iter().map(|(c, _)| c).collect(),
            review_of: review_of.map(|(s, _)| s),
        })
    })();
    (case, places)
}

fn decode_subject(cx: &mut Ctx, node: &Node) -> Option<Subject> {
    let mut f = Fields::of(cx, node)?;
    let name = req_string(cx, &mut f, "name");
    let position = req_string(cx, &mut f, "position");
    let unit = req_string(cx, &mut f, "unit");
    f.finish(cx);
    Some(Subject {
        name: name?,
        position: position?,
        unit: unit?,
    })
}

fn decode_proposal(cx: &mut Ctx, node: &Node) -> Option<(Proposal, Pos)> {
    let mut f = Fields::of(cx, node)?;
    let outcome = req_string_at(cx, &mut f, "outcome");
    let basis = opt_string(cx, &mut f, "basis").unwrap_or_default();
    f.finish(cx);
    let (outcome, pos) = outcome?;
    Some((Proposal { outcome, basis }, pos))
}

fn decode_conflicts(cx: &mut Ctx, f: &mut Fields) -> Vec<(Conflict, Pos)> {
    let mut out = Vec::new();
    for item in list(cx, f, "conflicts") {
        let Some(mut g) = Fields::of(cx, item) else {
            continue;
        };
        let member = req_string_at(cx, &mut g, "member");
        let reason = req_string(cx, &mut g, "reason");
        g.finish(cx);
        if let (Some((member, pos)), Some(reason)) = (member, reason) {
            out.push((Conflict { member, reason }, pos));
        }
    }
    out
}

/// YYYY-MM-DD and a real calendar date.
fn date(cx: &mut Ctx, s: &str, pos: Pos) -> Option<Date> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        cx.error(pos, Msg::BadDate(s.to_string()));
        return None;
    }
    match s.parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            cx.error(pos, Msg::NoSuchDay(s.to_string()));
            None
        }
    }
}

fn item_thing(kind: &Kind) -> Thing {
    match kind.item_noun {
        ItemNoun::Situation => Thing::Situation,
        ItemNoun::Ground => Thing::Ground,
    }
}

fn check_claimed(cx: &mut Ctx, rules: &Rules, kind: &Kind, claimed: &[(String, Pos)]) {
    let mut seen = Vec::new();
    for (id, pos) in claimed {
        if kind.item(id).is_some() {
            check_unique(cx, item_thing(kind), id, *pos, &mut seen);
            continue;
        }
        match rules.kind_of_item(id) {
            Some(owner) => cx.error(
                *pos,
                Msg::OtherKind {
                    thing: item_thing(owner),
                    id: id.clone(),
                    owner: owner.id.clone(),
                    kind: kind.id.clone(),
                },
            ),
            None => cx.error(
                *pos,
                Msg::UnknownRef {
                    thing: item_thing(kind),
                    id: id.clone(),
                    valid: kind.items.iter().map(|i| i.id.clone()).collect(),
                },
            ),
        }
    }
}

fn check_outcome(cx: &mut Ctx, rules: &Rules, kind: &Kind, outcome: &str, pos: Pos) {
    if kind.outcome(outcome).is_some() {
        return;
    }
    match rules.kind_of_outcome(outcome) {
        Some(owner) => cx.error(
            pos,
            Msg::OtherKind {
                thing: Thing::Outcome,
                id: outcome.to_string(),
                owner: owner.id.clone(),
                kind: kind.id.clone(),
            },
        ),
        None => cx.error(
            pos,
            Msg::UnknownRef {
                thing: Thing::Outcome,
                id: outcome.to_string(),
                valid: kind.outcomes.iter().map(|o| o.id.clone()).collect(),
            },
        ),
    }
}

fn check_conflicts(cx: &mut Ctx, panel: &Panel, conflicts: &[(Conflict, Pos)], at: Pos) {
    let mut seen = Vec::new();
    let mut recused = 0usize;
    for (c, pos) in conflicts {
        match panel.member(&c.member) {
            None => cx.error(
                *pos,
                Msg::UnknownRef {
                    thing: Thing::Member,
                    id: c.member.clone(),
                    valid: panel.members.iter().map(|m| m.id.clone()).collect(),
                },
            ),
            Some(m) if !m.role.votes() => cx.warn(*pos, Msg::ConflictWithClerk(m.id.clone())),
            Some(_) => {
                if check_unique(cx, Thing::Member, &c.member, *pos, &mut seen) {
                    recused += 1;
                }
            }
        }
    }
    let voting = panel.voting_members().count();
    if voting > 0 && recused >= voting {
        cx.error(at, Msg::NoEntitled);
    }
}

/// Checks that need every case file, sound or not: unique ids, and reviews naming a case
/// that exists.
fn check_across(cx: &mut Ctx, places: &[Places]) {
    // Indexed by id: a panel of 10,000 cases must not compare every pair.
    let mut first: std::collections::HashMap<&str, (Pos, usize)> = Default::default();
    for (i, p) in places.iter().enumerate() {
        let Some((id, pos)) = &p.id else { continue };
        match first.get(id.as_str()) {
            Some((at, _)) => {
                let where_ = format!("{}:{}:{}", cx.path(at.file).display(), at.line, at.col);
                cx.error(
                    *pos,
                    Msg::DuplicateId {
                        thing: Thing::Case,
                        id: id.clone(),
                        first: where_,
                    },
                );
            }
            None => {
                first.insert(id, (*pos, i));
            }
        }
    }
    for p in places {
        let Some((target, pos)) = &p.review_of else {
            continue;
        };
        if p.id.as_ref().is_some_and(|(id, _)| id == target) {
            cx.error(*pos, Msg::ReviewOfSelf);
            continue;
        }
        match first.get(target.as_str()).map(|(_, i)| &places[*i]) {
            None => cx.error(
                *pos,
                Msg::UnknownRef {
                    thing: Thing::Case,
                    id: target.clone(),
                    valid: Vec::new(),
                },
            ),
            Some(earlier) => {
                if let (Some(k), Some(mine)) = (&earlier.kind, &p.kind)
                    && k != mine
                {
                    cx.warn(
                        *pos,
                        Msg::ReviewOfOtherKind {
                            id: target.clone(),
                            kind: k.clone(),
                        },
                    );
                }
            }
        }
    }
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

/// Checks one case's text as `docket check` would, against a panel (when given): for
/// editing a case before it is written into `cases/`, and for fuzzing the loader.
pub fn check_case_text(
    panel: Option<&Panel>,
    shown_as: &Path,
    text: &str,
) -> (Option<Case>, Report) {
    let mut cx = Ctx::default();
    let case = cx
        .parse_text(shown_as, text)
        .and_then(|node| decode_case(&mut cx, &node, panel).0);
    cx.report.sort();
    (case, cx.report)
}
