//! YAML text to a tree of nodes that know their line and column, with hard limits.
//!
//! serde stops at the first error and serde_yaml keeps no positions, but `docket check` must
//! report every problem with its place. So hand-edited files (rules, panel, cases) are read
//! through yaml-rust2's event parser into this tree, which the decoders then walk. Aliases,
//! nesting and node counts are bounded here, so no input can exhaust memory or the stack.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Msg, Severity};
use crate::sanitize;

/// Deeper nesting than any docket file needs; bounds the builder's stack.
pub const MAX_DEPTH: usize = 64;
/// Far more values than any docket file holds; bounds alias expansion ("billion laughs").
pub const MAX_NODES: usize = 200_000;

pub type FileId = u32;

/// Where a node starts: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub file: FileId,
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    /// `plain` is false for quoted and block scalars, which are always text.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A problem found while building the tree; the caller attaches the file's path.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub pos: Pos,
    pub severity: Severity,
    pub msg: Msg,
}

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The text of a scalar, whatever its style.
    pub fn scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.map()?
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v)
    }

    fn size(&self) -> usize {
        match &self.value {
            Value::Null | Value::Scalar { .. } => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.size() + v.size())
                    .sum::<usize>()
            }
        }
    }
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

/// Parses one YAML document. `Ok(None)` for a file with no content at all. A fatal problem
/// (syntax, limits, several documents) is the `Err`; others are pushed to `problems`.
pub fn parse(
    text: &str,
    file: FileId,
    problems: &mut Vec<Problem>,
) -> Result<Option<Node>, Problem> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut nodes = 0usize;
    let mut documents = 0usize;
    let mut root: Option<Node> = None;
    let at = |m: &Marker| Pos {
        file,
        line: u32::try_from(m.line()).unwrap_or(u32::MAX).max(1),
        col: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
    };
    let fatal = |pos: Pos, msg: Msg| Problem {
        pos,
        severity: Severity::Error,
        msg,
    };
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(x) => x,
            Err(e) => return Err(syntax_problem(text, at(e.marker()), e.info())),
        };
        let pos = at(&mark);
        let done: Option<(Node, usize)> = match event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(fatal(pos, Msg::MultipleDocuments));
                }
                None
            }
            Event::Scalar(text, style, anchor, tag) => {
                nodes += 1;
                let plain =
                    style == TScalarStyle::Plain && tag.as_ref().is_none_or(|t| t.suffix != "str");
                if let Some(c) = sanitize::first_suspicious(&text) {
                    problems.push(Problem {
                        pos,
                        severity: Severity::Warning,
                        msg: Msg::ControlChar(c),
                    });
                }
                let value = if plain && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL")
                {
                    Value::Null
                } else {
                    Value::Scalar { text, plain }
                };
                Some((Node { pos, value }, anchor))
            }
            Event::Alias(id) => {
                let Some((node, size)) = anchors.get(&id) else {
                    return Err(fatal(pos, Msg::Syntax("unknown anchor".into())));
                };
                nodes += size;
                if nodes > MAX_NODES {
                    return Err(fatal(pos, Msg::TooManyNodes(MAX_NODES)));
                }
                let mut node = node.clone();
                node.pos = pos;
                Some((node, 0))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                nodes += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(fatal(pos, Msg::TooDeep(MAX_DEPTH)));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        pos,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        pos,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { pos, anchor, items }) => Some((
                    Node {
                        pos,
                        value: Value::Seq(items),
                    },
                    anchor,
                )),
                Some(Frame::Map {
                    pos,
                    anchor,
                    entries,
                    ..
                }) => {
                    check_keys(&entries, problems);
                    // A block mapping's start event sits at its first key's colon; the
                    // mapping begins where that key does.
                    let pos = match entries.first() {
                        Some((k, _)) if (k.pos.line, k.pos.col) < (pos.line, pos.col) => k.pos,
                        _ => pos,
                    };
                    Some((
                        Node {
                            pos,
                            value: Value::Map(entries),
                        },
                        anchor,
                    ))
                }
                None => None,
            },
        };
        if nodes > MAX_NODES {
            return Err(fatal(pos, Msg::TooManyNodes(MAX_NODES)));
        }
        let Some((node, anchor)) = done else { continue };
        if anchor > 0 {
            let size = node.size();
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
            None => root = Some(node),
        }
    }
    Ok(root.filter(|n| !n.is_null()))
}

/// A syntax error placed where a person would look: at a tab used for indentation, at a
/// bracket left open, or at the start of a line indented wrongly, rather than where the
/// parser gave up.
fn syntax_problem(text: &str, pos: Pos, info: &str) -> Problem {
    let at = |line: usize, col: usize| Pos {
        file: pos.file,
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    };
    let upto = pos.line as usize;
    // The parser trips over a tab on the line after the value it was reading.
    let with_next: Vec<&str> = text.lines().take(upto + 1).collect();
    let lines = &with_next[..upto.min(with_next.len())];
    let (pos, msg) = if let Some((l, c)) = with_next.iter().enumerate().find_map(|(i, l)| {
        let indent: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent
            .find('\t')
            .map(|c| (i + 1, indent[..c].chars().count() + 1))
    }) {
        (at(l, c), Msg::SyntaxTab)
    } else if let Some((l, c, b)) = unclosed_bracket(lines) {
        (at(l, c), Msg::SyntaxUnclosed(b))
    } else if info.contains("mapping values are not allowed") {
        let line = lines.last().copied().unwrap_or("");
        let col = line.chars().take_while(|c| *c == ' ').count() + 1;
        (at(upto.max(1), col), Msg::SyntaxIndent)
    } else {
        (pos, Msg::Syntax(info.to_string()))
    };
    Problem {
        pos,
        severity: Severity::Error,
        msg,
    }
}

/// The first flow bracket still open at the end of `lines`, if it was opened on an earlier
/// line than the last (a bracket open on the failing line is the parser's own business).
/// Quotes and comments are skipped; good enough to point a person at the likely culprit.
fn unclosed_bracket(lines: &[&str]) -> Option<(usize, usize, char)> {
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (j, c) in line.chars().enumerate() {
            match quote {
                Some(q) if c == q && !(q == '"' && prev == '\\') => quote = None,
                Some(_) => {}
                None => match c {
                    '#' if prev == ' ' || j == 0 => break,
                    '"' | '\'' if prev == ' ' || prev == '[' || prev == '{' || prev == ',' => {
                        quote = Some(c)
                    }
                    '[' | '{' => open.push((i + 1, j + 1, c)),
                    ']' | '}' => {
                        open.pop();
                    }
                    _ => {}
                },
            }
            prev = c;
        }
    }
    open.first().copied().filter(|(l, _, _)| *l < lines.len())
}

/// Keys must be text and appear once per mapping; the first of a duplicate is the one used.
fn check_keys(entries: &[(Node, Node)], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, Pos> = HashMap::new();
    for (k, _) in entries {
        let name = match &k.value {
            Value::Scalar { text, .. } => text.as_str(),
            Value::Null => "~",
            _ => {
                problems.push(Problem {
                    pos: k.pos,
                    severity: Severity::Error,
                    msg: Msg::ComplexKey,
                });
                continue;
            }
        };
        if let Some(first) = seen.get(name) {
            problems.push(Problem {
                pos: k.pos,
                severity: Severity::Error,
                msg: Msg::DuplicateKey {
                    key: name.to_string(),
                    first_line: first.line,
                },
            });
        } else {
            seen.insert(name, k.pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> (Option<Node>, Vec<Problem>) {
        let mut problems = Vec::new();
        let node = parse(text, 0, &mut problems).expect("parses");
        (node, problems)
    }

    fn err(text: &str) -> Problem {
        let mut problems = Vec::new();
        parse(text, 0, &mut problems).expect_err("fails")
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let (node, _) = ok("a: 1\nb:\n  c: 甲乙\n");
        let node = node.expect("a document");
        let c = node.get("b").and_then(|b| b.get("c")).expect("c");
        assert_eq!((c.pos.line, c.pos.col), (3, 6));
        assert_eq!(c.scalar(), Some("甲乙"));
    }

    #[test]
    fn empty_and_comment_only_files_have_no_document() {
        assert_eq!(ok("").0, None);
        assert_eq!(ok("# only a comment\n").0, None);
        assert_eq!(ok("~\n").0, None);
    }

    #[test]
    fn duplicate_keys_are_found_in_nested_maps() {
        let (_, problems) = ok("a:\n  x: 1\n  y: 2\n  x: 3\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].pos.line, 4);
        assert_eq!(
            problems[0].msg,
            Msg::DuplicateKey {
                key: "x".into(),
                first_line: 2
            }
        );
    }

    #[test]
    fn alias_bombs_stop_at_the_node_limit() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            let refs = [prev.as_str(); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        assert_eq!(err(&text).msg, Msg::TooManyNodes(MAX_NODES));
    }

    #[test]
    fn deep_nesting_stops_at_the_depth_limit() {
        // The scanner has a flow-nesting limit of its own; either refusal is fine.
        let text = "[".repeat(100_000);
        assert!(matches!(err(&text).msg, Msg::TooDeep(_) | Msg::Syntax(_)));
        let text = (0..100)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect::<String>();
        assert_eq!(err(&text).msg, Msg::TooDeep(MAX_DEPTH));
    }

    #[test]
    fn syntax_errors_are_located() {
        let p = err("a: \"open\nb: 3\n");
        assert!(matches!(p.msg, Msg::Syntax(_)), "{:?}", p.msg);
        assert!(p.pos.line >= 1);
        let p = err("a: 1\n---\nb: 2\n");
        assert_eq!(p.msg, Msg::MultipleDocuments);
    }

    #[test]
    fn syntax_errors_point_where_a_person_looks() {
        let p = err("a:\n  b: 1\n\tc: 2\n");
        assert_eq!((p.pos.line, p.pos.col, p.msg), (3, 1, Msg::SyntaxTab));
        let p = err("a: [1, 2\nb: 3\nc: 4\n");
        assert_eq!(
            (p.pos.line, p.pos.col, p.msg),
            (1, 4, Msg::SyntaxUnclosed('['))
        );
        let p = err("s:\n  name: x\n   position: y\n");
        assert_eq!((p.pos.line, p.pos.col, p.msg), (3, 4, Msg::SyntaxIndent));
    }

    #[test]
    fn a_block_mapping_starts_at_its_first_key() {
        let (node, _) = ok("x: 1\nm:\n  key: v\n");
        let m = node.expect("doc");
        assert_eq!((m.pos.line, m.pos.col), (1, 1));
        let inner = m.get("m").expect("m");
        assert_eq!((inner.pos.line, inner.pos.col), (3, 3));
    }

    #[test]
    fn control_characters_are_warned_about() {
        let (_, problems) = ok("a: \"x\\e[31my\"\n");
        assert_eq!(problems[0].msg, Msg::ControlChar('\u{1b}'));
        assert_eq!(problems[0].severity, Severity::Warning);
    }

    #[test]
    fn quoted_null_is_text() {
        let (node, _) = ok("a: \"~\"\nb: ~\n");
        let node = node.expect("doc");
        assert_eq!(node.get("a").and_then(Node::scalar), Some("~"));
        assert!(node.get("b").is_some_and(Node::is_null));
    }
}
