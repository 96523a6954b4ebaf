//! The cases of a panel folder: listing `cases/`, screening what is not a case file, reading
//! and parsing on every core, taking unchanged files from the cache, and the checks across
//! every case.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::diag::{Msg, Severity};
use crate::domain::admissible::{self, Objection};
use crate::domain::case::BodyText;
use crate::domain::panel::Panel;

use super::Ctx;
use super::cache::{self, CacheAt, Key};
use super::case_file::{check_case_text, decode_case};
use super::panel::{CASES_DIR, LoadedCase, object};
use super::read::{self, special_kind};
use super::tree::{Node, Pos};

/// What a case file says about its identity and its review, even when the rest of it is
/// broken, for the checks across files.
pub(super) struct Places {
    pub(super) id: Option<(String, Pos)>,
    pub(super) kind: Option<String>,
    pub(super) review_of: Option<(String, Pos)>,
}

pub(super) fn load_cases(
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
    let cached_before = cached.len();
    let mut cached = cached.into_entries().peekable();
    // Reading and parsing are independent per file: spread over the cores. Problems are
    // reported afterwards, in file order, so the report does not depend on the threads.
    let files: Vec<super::tree::FileId> = candidates.iter().map(|(p, _)| cx.source(p)).collect();
    let mut loaded = Vec::with_capacity(candidates.len());
    let mut places = Vec::with_capacity(candidates.len());
    let mut keep: Vec<Kept> = Vec::new();
    let mut fresh = 0usize;
    // The new cache, written as the batches go (so that only a batch of bodies read from
    // case files is ever held), begun at the first file read that can be kept; a write is tried
    // once: a failed one is given up, costing only speed next time.
    let mut writer: Option<cache::Writer> = None;
    let mut tried = false;
    let fp = cache_file.as_ref().map(|_| fingerprint());
    let mut start = |loaded: &mut [LoadedCase], keep: &[Kept]| -> Option<cache::Writer> {
        let (file, fp) = (cache_file.as_ref()?, fp.as_ref()?);
        if std::mem::replace(&mut tried, true) {
            return None;
        }
        let mut w = cache::Writer::create(file, fp, &cases_dir, body_from_file).ok();
        for k in keep {
            add(&mut w, loaded, k);
        }
        w
    };
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
                keep.push(Kept {
                    at: loaded.len(),
                    key: *key,
                    id_at: e.id_at,
                    review_at: e.review_at,
                    fresh: false,
                });
                loaded.push(LoadedCase {
                    path: path.clone(),
                    case: e.case,
                    digest: e.digest,
                });
                if let Some(k) = keep.last() {
                    add(&mut writer, &mut loaded, k);
                }
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
                keep.push(Kept {
                    at: had,
                    key: *key,
                    id_at,
                    review_at,
                    fresh: true,
                });
                fresh += 1;
                if writer.is_none()
                    && let Some((k, before)) = keep.split_last()
                {
                    writer = start(&mut loaded, before);
                    add(&mut writer, &mut loaded, k);
                } else if let Some(k) = keep.last() {
                    add(&mut writer, &mut loaded, k);
                }
            }
        }
    }
    if writer.is_none() && cache::needs_writing(fresh, keep.len(), cached_before) {
        writer = start(&mut loaded, &keep);
    }
    if let Some(w) = writer
        && let Ok(bodies) = w.finish()
    {
        for (i, body) in bodies {
            loaded[i].case.body = body;
        }
    }
    across(cx, &places);
    // Files are screened before any is parsed, so a skipped file's warning was pushed ahead
    // of the problems of files before it: put them back in file order (stable, so each
    // file's own problems keep theirs).
    cx.report.diagnostics[first..].sort_by(|a, b| a.file.cmp(&b.file));
    (loaded, keep.len() - fresh)
}

/// A loaded case that goes into the cache: where in `loaded`, its key, where its id and
/// review are written, and whether it was read from its file (its body then held in memory).
struct Kept {
    at: usize,
    key: Key,
    id_at: (u32, u32),
    review_at: (u32, u32),
    fresh: bool,
}

/// Adds a kept case to the cache being written, if one is. A case read from its file has its
/// body swapped, once written, for one read back from the cache when wanted.
fn add(writer: &mut Option<cache::Writer>, loaded: &mut [LoadedCase], k: &Kept) {
    let Some(w) = writer.as_mut() else { return };
    let c = &loaded[k.at];
    let Some(name) = c.path.file_name() else {
        return;
    };
    let e = cache::Keep {
        name: name.as_bytes(),
        key: k.key,
        case: &c.case,
        digest: &c.digest,
        id_at: k.id_at,
        review_at: k.review_at,
    };
    match w.push(k.fresh.then_some(k.at), &e) {
        Ok(bodies) => {
            for (i, body) in bodies {
                loaded[i].case.body = body;
            }
        }
        // Dropped unfinished: its file is removed.
        Err(_) => *writer = None,
    }
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
        changed: true,
        ..BodyText::default()
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

/// The domain's checks across every case file, placed at each file's id or review.
fn across(cx: &mut Ctx, places: &[Places]) {
    let listed: Vec<admissible::Listed> = places
        .iter()
        .map(|p| admissible::Listed {
            id: p.id.as_ref().map(|(id, _)| id.as_str()),
            kind: p.kind.as_deref(),
            review_of: p.review_of.as_ref().map(|(r, _)| r.as_str()),
        })
        .collect();
    let id_at = |i: usize| places[i].id.as_ref().map(|(_, pos)| *pos);
    for (i, o) in admissible::across(&listed) {
        let at = match o {
            Objection::Repeated { .. } => id_at(i),
            _ => places[i].review_of.as_ref().map(|(_, pos)| *pos),
        };
        if let Some(pos) = at {
            object(cx, pos, o, |j| id_at(j).unwrap_or(pos));
        }
    }
}
