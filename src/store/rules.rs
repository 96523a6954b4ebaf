//! Rules files: the built-in set, `extends` with merging by key and by id, and decoding.
//!
//! Merging happens on node trees before decoding, so a problem in a county's override is
//! reported in the county's file, at the line where the county wrote it.
//!
//! Kept whole: loading, `extends`, merging and decoding walk the same node trees, and a
//! problem is placed by the step that finds it.

use crate::domain::rules::amended_title;
use crate::domain::text::Lang;
use std::path::{Path, PathBuf};

use crate::diag::{Msg, Thing};
use crate::domain::pass_rule::PassRule;
use crate::domain::quorum::{Fraction, FractionError};
use crate::domain::rules::{
    Distinction, Item, ItemNoun, Kind, MeetingRule, Method, Opinion, OpinionLabel, Outcome,
    ReviewRule, Rules,
};

use super::Ctx;
use super::decode::{
    Fields, choice, list, opt_bool, req_string, req_string_at, req_text, string, text,
};
use super::tree::{Node, Pos, Value};

/// Rules shipped inside the binary, so docket works from any folder.
pub const BUILTIN: &[(&str, &str)] = &[(
    "xinzhou-2017",
    include_str!("../../config/rules/xinzhou-2017.yaml"),
)];

pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// The rules tree named by `reference` (a built-in id, or a path relative to `dir`), with its
/// `extends` chain merged in. `chain` holds the files being loaded (a key to compare, a name
/// to show), to refuse a cycle. A broken link anywhere breaks the whole chain: rules merged
/// onto nothing would only produce misleading follow-on errors.
pub fn load_tree(
    cx: &mut Ctx,
    reference: &str,
    at: Option<Pos>,
    dir: Option<&Path>,
    chain: &mut Vec<(String, String)>,
) -> Option<Node> {
    let (key, path, text) =
        if let Some((id, text)) = BUILTIN.iter().find(|(id, _)| *id == reference) {
            (
                format!("built-in {id}"),
                PathBuf::from(format!("<built-in>/config/rules/{id}.yaml")),
                Some(*text),
            )
        } else {
            let path = match dir {
                Some(d) => d.join(reference),
                None => PathBuf::from(reference),
            };
            if !path.exists() {
                let msg = Msg::UnknownRules {
                    name: reference.to_string(),
                    builtins: builtin_ids(),
                };
                match at {
                    Some(pos) => cx.error(pos, msg),
                    None => cx.file_error(&path, msg),
                }
                return None;
            }
            let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if cx.rules_roots.is_empty() {
                cx.rules_roots.extend(dir.map(Path::to_path_buf));
            }
            let inside = cx
                .rules_roots
                .iter()
                .any(|root| std::fs::canonicalize(root).is_ok_and(|root| real.starts_with(root)));
            if !inside {
                let msg = Msg::RulesOutside(reference.to_string());
                match at {
                    Some(pos) => cx.error(pos, msg),
                    None => cx.file_error(&path, msg),
                }
                return None;
            }
            (real.display().to_string(), path, None)
        };
    if chain.iter().any(|(k, _)| *k == key) {
        let mut names: Vec<String> = chain.iter().map(|(_, n)| n.clone()).collect();
        names.push(path.display().to_string());
        if let Some(pos) = at {
            cx.error(pos, Msg::ExtendsCycle(names));
        }
        return None;
    }
    let node = match text {
        Some(t) => cx.parse_text(&path, t),
        None => cx.parse_file(&path),
    }?;
    let Some(base_ref) = node.get("extends").filter(|n| !n.is_null()) else {
        return Some(node);
    };
    let base_ref_pos = base_ref.pos;
    let base_name = string(cx, base_ref)?;
    chain.push((key, path.display().to_string()));
    let base_dir = if text.is_some() { None } else { path.parent() };
    let base = load_tree(cx, &base_name, Some(base_ref_pos), base_dir, chain);
    chain.pop();
    let mut over = node;
    if let Value::Map(entries) = &mut over.value {
        entries.retain(|(k, _)| k.scalar() != Some("extends"));
    }
    let base = base?;
    let amended = Amended::of(&base, &over, reference);
    let mut merged = merge(cx, base, over);
    amended.rename(&mut merged);
    Some(merged)
}

/// The name of rules that change other rules without naming themselves: inheriting the base's
/// id and title would name the base while different rules (another quorum) apply.
pub struct Amended {
    id: Option<String>,
    title: Option<(String, Option<String>)>,
}

impl Amended {
    /// What `over` (read from `file`) leaves unnamed of `base`: the id and title derived as
    /// "<base> as amended by <file>", or nothing where `over` gives its own.
    pub fn of(base: &Node, over: &Node, file: &str) -> Amended {
        let id = base
            .get("id")
            .and_then(Node::scalar)
            .filter(|_| over.get("id").is_none())
            .map(|b| format!("{b}+{file}"));
        let title = base.get("title").filter(|_| over.get("title").is_none());
        let title = title.and_then(|t| match t.scalar() {
            Some(zh) => Some((zh.to_string(), None)),
            None => Some((
                t.get("zh").and_then(Node::scalar)?.to_string(),
                t.get("en").and_then(Node::scalar).map(str::to_string),
            )),
        });
        let title = title.map(|(zh, en)| {
            (
                amended_title(&zh, file, Lang::Zh),
                en.map(|en| amended_title(&en, file, Lang::En)),
            )
        });
        Amended { id, title }
    }

    /// Writes the derived names into the merged tree.
    pub fn rename(self, tree: &mut Node) {
        let pos = tree.pos;
        let scalar = |text: String| Node {
            pos,
            value: Value::Scalar { text, plain: false },
        };
        let Value::Map(entries) = &mut tree.value else {
            return;
        };
        let mut set = |key: &str, value: Node| match entries
            .iter_mut()
            .find(|(k, _)| k.scalar() == Some(key))
        {
            Some(slot) => slot.1 = value,
            None => entries.push((scalar(key.to_string()), value)),
        };
        if let Some(id) = self.id {
            set("id", scalar(id));
        }
        if let Some((zh, en)) = self.title {
            let mut text = vec![(scalar("zh".into()), scalar(zh))];
            if let Some(en) = en {
                text.push((scalar("en".into()), scalar(en)));
            }
            set(
                "title",
                Node {
                    pos,
                    value: Value::Map(text),
                },
            );
        }
    }
}

/// Lays `over` onto `base`: mappings merge by key, lists of items with ids merge by id (an
/// item `{remove: [ids]}` drops items), anything else is replaced.
pub fn merge(cx: &mut Ctx, base: Node, over: Node) -> Node {
    match (base.value, over.value) {
        (Value::Map(mut b), Value::Map(o)) => {
            for (k, v) in o {
                match b.iter_mut().find(|(bk, _)| bk.scalar() == k.scalar()) {
                    Some(slot) => {
                        let old = std::mem::replace(
                            &mut slot.1,
                            Node {
                                pos: v.pos,
                                value: Value::Null,
                            },
                        );
                        slot.1 = merge(cx, old, v);
                    }
                    None => b.push((k, v)),
                }
            }
            // The overlay's place: problems in what the county wrote are shown where it wrote them.
            Node {
                pos: over.pos,
                value: Value::Map(b),
            }
        }
        (Value::Seq(b), Value::Seq(o)) if is_id_list(&b) && is_id_overlay(&o) => Node {
            pos: over.pos,
            value: Value::Seq(merge_by_id(cx, b, o)),
        },
        (_, value) => Node {
            pos: over.pos,
            value,
        },
    }
}

fn item_id(n: &Node) -> Option<&str> {
    n.get("id").and_then(Node::scalar)
}

fn is_id_list(items: &[Node]) -> bool {
    !items.is_empty() && items.iter().all(|n| item_id(n).is_some())
}

fn is_id_overlay(items: &[Node]) -> bool {
    items
        .iter()
        .all(|n| item_id(n).is_some() || n.get("remove").is_some())
}

fn merge_by_id(cx: &mut Ctx, mut base: Vec<Node>, over: Vec<Node>) -> Vec<Node> {
    for item in over {
        if let Some(remove) = item.get("remove") {
            let Some(ids) = remove.seq() else {
                cx.error(remove.pos, Msg::Expected(crate::diag::Expect::List));
                continue;
            };
            for id in ids {
                let Some(name) = id.scalar() else { continue };
                match base.iter().position(|n| item_id(n) == Some(name)) {
                    Some(i) => {
                        base.remove(i);
                    }
                    None => cx.warn(id.pos, Msg::RemoveUnknown(name.to_string())),
                }
            }
            continue;
        }
        let id = item_id(&item).map(str::to_string);
        match base
            .iter()
            .position(|n| item_id(n).map(str::to_string) == id)
        {
            Some(i) => base[i] = item,
            None => base.push(item),
        }
    }
    base
}

/// Decodes a merged rules tree; best effort, so that cases can still be checked against
/// whatever part of the rules is sound.
pub fn decode(cx: &mut Ctx, node: &Node) -> Option<Rules> {
    let mut f = Fields::of(cx, node)?;
    f.get("extends");
    let id = req_string(cx, &mut f, "id");
    let version = req_string(cx, &mut f, "version");
    let title = f.get("title").and_then(|n| text(cx, n)).unwrap_or_default();
    let mut opinions = Vec::new();
    let mut seen = Vec::new();
    for item in list(cx, &mut f, "opinions") {
        let Some(mut g) = Fields::of(cx, item) else {
            continue;
        };
        let opinion = match g.get("id") {
            Some(n) => choice(cx, n, &Opinion::ALL, Opinion::id).map(|o| (o, n.pos)),
            None => {
                cx.error(g.pos, Msg::MissingField("id"));
                None
            }
        };
        let label = req_text(cx, &mut g, "label");
        g.finish(cx);
        if let (Some((opinion, pos)), Some(label)) = (opinion, label)
            && unique(cx, Thing::Opinion, opinion.id(), pos, &mut seen)
        {
            opinions.push(OpinionLabel { opinion, label });
        }
    }
    let kinds = match f.get("kinds") {
        Some(n) => decode_kinds(cx, n),
        None => {
            cx.error(f.pos, Msg::MissingField("kinds"));
            Vec::new()
        }
    };
    let meeting = match f.get("meeting") {
        Some(n) => decode_meeting(cx, n),
        None => MeetingRule::default(),
    };
    f.finish(cx);
    Some(Rules {
        id: id?,
        version: version?,
        title,
        opinions,
        kinds,
        meeting,
    })
}

fn decode_kinds(cx: &mut Ctx, node: &Node) -> Vec<Kind> {
    let Some(entries) = node.map() else {
        cx.error(node.pos, Msg::Expected(crate::diag::Expect::Mapping));
        return Vec::new();
    };
    let mut kinds: Vec<Kind> = Vec::new();
    let mut item_places: Vec<(String, Pos)> = Vec::new();
    for (k, v) in entries {
        let Some(kind_id) = k.scalar() else { continue };
        if let Some(kind) = decode_kind(cx, kind_id, v, &mut item_places) {
            kinds.push(kind);
        }
    }
    kinds
}

fn decode_kind(
    cx: &mut Ctx,
    id: &str,
    node: &Node,
    item_places: &mut Vec<(String, Pos)>,
) -> Option<Kind> {
    let mut f = Fields::of(cx, node)?;
    let name = req_text(cx, &mut f, "name");
    let short = f.get("short").and_then(|n| text(cx, n));
    let mut distinctions = Vec::new();
    let mut seen = Vec::new();
    for item in list(cx, &mut f, "distinctions") {
        let Some(mut g) = Fields::of(cx, item) else {
            continue;
        };
        let did = req_string_at(cx, &mut g, "id");
        let dname = g.get("name").and_then(|n| text(cx, n));
        let tolerable = req_text(cx, &mut g, "tolerable");
        let not_tolerable = req_text(cx, &mut g, "not_tolerable");
        g.finish(cx);
        let Some((did, pos)) = did else { continue };
        if unique(cx, Thing::Distinction, &did, pos, &mut seen)
            && let (Some(tolerable), Some(not_tolerable)) = (tolerable, not_tolerable)
        {
            distinctions.push(Distinction {
                id: did,
                name: dname,
                tolerable,
                not_tolerable,
            });
        }
    }
    let has_situations = f.has("situations");
    let has_grounds = f.has("grounds");
    let situations = list(cx, &mut f, "situations");
    let grounds = list(cx, &mut f, "grounds");
    let (item_noun, raw_items, thing) = if has_grounds && !has_situations {
        (ItemNoun::Ground, grounds, Thing::Ground)
    } else {
        (ItemNoun::Situation, situations, Thing::Situation)
    };
    if has_situations && has_grounds {
        cx.error(f.pos, Msg::BothItemLists);
    } else if raw_items.is_empty() {
        cx.error(f.pos, Msg::NoItems);
    }
    let mut items = Vec::new();
    for item in raw_items {
        let Some(mut g) = Fields::of(cx, item) else {
            continue;
        };
        let iid = req_string_at(cx, &mut g, "id");
        let t = req_text(cx, &mut g, "text");
        g.finish(cx);
        let Some((iid, pos)) = iid else { continue };
        if unique(cx, thing, &iid, pos, item_places)
            && let Some(text) = t
        {
            items.push(Item { id: iid, text });
        }
    }
    let mut outcomes = Vec::new();
    let mut seen = Vec::new();
    for item in list(cx, &mut f, "outcomes") {
        let Some(mut g) = Fields::of(cx, item) else {
            continue;
        };
        let oid = req_string_at(cx, &mut g, "id");
        let label = req_text(cx, &mut g, "label");
        let lenient = opt_bool(cx, &mut g, "lenient").unwrap_or(false);
        let deferral = opt_bool(cx, &mut g, "deferral").unwrap_or(false);
        g.finish(cx);
        let Some((oid, pos)) = oid else { continue };
        if unique(cx, Thing::Outcome, &oid, pos, &mut seen)
            && let Some(label) = label
        {
            outcomes.push(Outcome {
                id: oid,
                label,
                lenient,
                deferral,
            });
        }
    }
    if !outcomes.iter().any(|o| o.deferral) {
        cx.error(f.pos, Msg::NoDeferral(id.to_string()));
    }
    f.finish(cx);
    Some(Kind {
        id: id.to_string(),
        name: name?,
        short,
        distinctions,
        items,
        item_noun,
        outcomes,
    })
}

/// Records `id` as seen; reports and returns false when it was seen before.
fn unique(cx: &mut Ctx, thing: Thing, id: &str, pos: Pos, seen: &mut Vec<(String, Pos)>) -> bool {
    if let Some((_, first)) = seen.iter().find(|(s, _)| s == id) {
        let first = format!(
            "{}:{}:{}",
            cx.path(first.file).display(),
            first.line,
            first.col
        );
        cx.error(
            pos,
            Msg::DuplicateId {
                thing,
                id: id.to_string(),
                first,
            },
        );
        return false;
    }
    seen.push((id.to_string(), pos));
    true
}

/// Records `id` as seen; pub for the panel's members and cases.
pub fn check_unique(
    cx: &mut Ctx,
    thing: Thing,
    id: &str,
    pos: Pos,
    seen: &mut Vec<(String, Pos)>,
) -> bool {
    unique(cx, thing, id, pos, seen)
}

pub fn decode_meeting(cx: &mut Ctx, node: &Node) -> MeetingRule {
    let mut rule = MeetingRule::default();
    let Some(mut f) = Fields::of(cx, node) else {
        return rule;
    };
    if let Some(q) = f.get("quorum").and_then(|n| fraction(cx, n)) {
        rule.quorum = q;
    }
    if let Some(p) = f
        .get("pass")
        .and_then(|n| choice(cx, n, &PassRule::ALL, PassRule::id))
    {
        rule.pass = p;
    }
    if let Some(b) = opt_bool(cx, &mut f, "chair_last") {
        rule.chair_last = b;
    }
    if let Some(r) = f
        .get("review")
        .and_then(|n| choice(cx, n, &ReviewRule::ALL, ReviewRule::id))
    {
        rule.review = r;
    }
    if let Some(n) = f.get("methods") {
        match n.map() {
            Some(entries) => {
                let mut methods = Vec::new();
                for (k, v) in entries {
                    let Some(method) = choice(cx, k, &Method::ALL, Method::id) else {
                        continue;
                    };
                    let Some(items) = v.seq() else {
                        cx.error(v.pos, Msg::Expected(crate::diag::Expect::List));
                        continue;
                    };
                    let opinions: Vec<Opinion> = items
                        .iter()
                        .filter_map(|o| choice(cx, o, &Opinion::ALL, Opinion::id))
                        .collect();
                    methods.push((method, opinions));
                }
                rule.methods = methods;
            }
            None => cx.error(n.pos, Msg::Expected(crate::diag::Expect::Mapping)),
        }
    }
    f.finish(cx);
    rule
}

fn fraction(cx: &mut Ctx, node: &Node) -> Option<Fraction> {
    let s = string(cx, node)?;
    match s.parse::<Fraction>() {
        Ok(q) => {
            if q.num == 0 {
                cx.warn(node.pos, Msg::QuorumZero);
            }
            Some(q)
        }
        Err(FractionError::AboveOne) => {
            cx.error(node.pos, Msg::QuorumAboveOne(s));
            None
        }
        Err(_) => {
            cx.error(node.pos, Msg::BadFraction(s));
            None
        }
    }
}

/// Loads the rules `reference` names (built-in id, or a path relative to `dir`) with their
/// `extends` chain, and every problem found on the way.
pub fn load(reference: &str, dir: Option<&Path>) -> (Option<Rules>, crate::diag::Report) {
    let mut cx = Ctx::default();
    let rules = load_tree(&mut cx, reference, None, dir, &mut Vec::new())
        .and_then(|tree| decode(&mut cx, &tree));
    (rules, cx.report)
}

/// Decodes one rules file's text on its own (no `extends`), with every problem: for
/// fuzzing the rules loader.
pub fn check_rules_text(shown_as: &Path, text: &str) -> (Option<Rules>, crate::diag::Report) {
    let mut cx = Ctx::default();
    let rules = cx
        .parse_text(shown_as, text)
        .and_then(|t| decode(&mut cx, &t));
    (rules, cx.report)
}
