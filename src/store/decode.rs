//! Walking a node tree into typed values, reporting every misfit instead of stopping.

use crate::diag::{Expect, Msg};
use crate::domain::text::Text;

use super::Ctx;
use super::tree::{Node, Pos, Value};

/// The fields of one mapping. Each `get` names a field as valid; `finish` reports the keys
/// nobody asked for, listing the valid names, so the list can never drift from the code.
pub struct Fields<'n> {
    pub pos: Pos,
    entries: &'n [(Node, Node)],
    known: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    pub fn of(cx: &mut Ctx, node: &'n Node) -> Option<Fields<'n>> {
        match node.map() {
            Some(entries) => Some(Fields {
                pos: node.pos,
                entries,
                known: Vec::new(),
            }),
            None => {
                cx.error(node.pos, Msg::Expected(Expect::Mapping));
                None
            }
        }
    }

    /// The value of `key`, absent when missing or null.
    pub fn get(&mut self, key: &'static str) -> Option<&'n Node> {
        if !self.known.contains(&key) {
            self.known.push(key);
        }
        self.entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    }

    /// Whether `key` is written at all, even with no value.
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k.scalar() == Some(key))
    }

    /// Where `key` itself is written.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(k, _)| k.pos)
    }

    pub fn finish(self, cx: &mut Ctx) {
        for (k, _) in self.entries {
            if let Some(name) = k.scalar()
                && !self.known.contains(&name)
            {
                cx.error(
                    k.pos,
                    Msg::UnknownField {
                        field: name.to_string(),
                        valid: self.known.clone(),
                    },
                );
            }
        }
    }
}

/// A scalar as text; any other shape is reported.
pub fn string(cx: &mut Ctx, node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar { text, .. } => Some(text.clone()),
        Value::Null => Some(String::new()),
        _ => {
            cx.error(node.pos, Msg::Expected(Expect::Text));
            None
        }
    }
}

/// A required, non-empty text field.
pub fn req_string(cx: &mut Ctx, f: &mut Fields, key: &'static str) -> Option<String> {
    let present = f.has(key);
    match f.get(key) {
        None if present => {
            let at = f.key_pos(key).unwrap_or(f.pos);
            cx.error(at, Msg::EmptyValue(key));
            None
        }
        None => {
            cx.error(f.pos, Msg::MissingField(key));
            None
        }
        Some(node) => {
            let s = string(cx, node)?;
            if s.trim().is_empty() {
                cx.error(node.pos, Msg::EmptyValue(key));
                return None;
            }
            Some(s)
        }
    }
}

/// A required text, with where it was written.
pub fn req_string_at(cx: &mut Ctx, f: &mut Fields, key: &'static str) -> Option<(String, Pos)> {
    let pos = f
        .entries
        .iter()
        .find(|(k, _)| k.scalar() == Some(key))
        .map(|(_, v)| v.pos);
    let s = req_string(cx, f, key)?;
    Some((s, pos.unwrap_or(f.pos)))
}

pub fn opt_string(cx: &mut Ctx, f: &mut Fields, key: &'static str) -> Option<String> {
    let node = f.get(key)?;
    string(cx, node).filter(|s| !s.trim().is_empty())
}

pub fn opt_bool(cx: &mut Ctx, f: &mut Fields, key: &'static str) -> Option<bool> {
    let node = f.get(key)?;
    match &node.value {
        Value::Scalar { text, plain: true } if text == "true" => Some(true),
        Value::Scalar { text, plain: true } if text == "false" => Some(false),
        _ => {
            cx.error(node.pos, Msg::Expected(Expect::Bool));
            None
        }
    }
}

/// The items of a list field; empty when absent, reported when not a list.
pub fn list<'n>(cx: &mut Ctx, f: &mut Fields<'n>, key: &'static str) -> &'n [Node] {
    match f.get(key) {
        None => &[],
        Some(node) => match node.seq() {
            Some(items) => items,
            None => {
                cx.error(node.pos, Msg::Expected(Expect::List));
                &[]
            }
        },
    }
}

/// A list of texts, each with its place, for references checked later.
pub fn string_list(cx: &mut Ctx, f: &mut Fields, key: &'static str) -> Vec<(String, Pos)> {
    let mut out = Vec::new();
    for item in list(cx, f, key) {
        if let Some(s) = string(cx, item) {
            if s.trim().is_empty() {
                cx.error(item.pos, Msg::EmptyValue(key));
            } else {
                out.push((s, item.pos));
            }
        }
    }
    out
}

/// A rule text: plain text is Chinese only; a mapping gives `zh` and optionally `en`.
pub fn text(cx: &mut Ctx, node: &Node) -> Option<Text> {
    match &node.value {
        Value::Scalar { text, .. } if text.trim().is_empty() => {
            cx.error(node.pos, Msg::EmptyValue("zh"));
            None
        }
        Value::Scalar { text, .. } => Some(Text::zh_only(text.clone())),
        Value::Map(_) => {
            let mut f = Fields::of(cx, node)?;
            let zh = req_string(cx, &mut f, "zh");
            let en = opt_string(cx, &mut f, "en");
            f.finish(cx);
            Some(Text { zh: zh?, en })
        }
        _ => {
            cx.error(node.pos, Msg::Expected(Expect::BilingualText));
            None
        }
    }
}

pub fn req_text(cx: &mut Ctx, f: &mut Fields, key: &'static str) -> Option<Text> {
    match f.get(key) {
        Some(node) => text(cx, node),
        None => {
            cx.error(f.pos, Msg::MissingField(key));
            None
        }
    }
}

/// One of a fixed set of names (a role, a pass rule); unknown names list the valid ones.
pub fn choice<T: Copy>(
    cx: &mut Ctx,
    node: &Node,
    all: &[T],
    id: impl Fn(T) -> &'static str,
) -> Option<T> {
    let s = string(cx, node)?;
    match all.iter().copied().find(|&t| id(t) == s) {
        Some(t) => Some(t),
        None => {
            cx.error(
                node.pos,
                Msg::InvalidChoice {
                    value: s,
                    valid: all.iter().map(|&t| id(t).to_string()).collect(),
                },
            );
            None
        }
    }
}
