//! One case file decoded into a case, with the domain's checks of it against the rules and the
//! panel placed in the file.

use std::path::Path;

use jiff::civil::Date;

use crate::diag::{Msg, Report, Thing};
use crate::domain::admissible::{self, At};
use crate::domain::case::{Body, Case, Conflict, Proposal, Subject};
use crate::domain::panel::Panel;

use super::Ctx;
use super::cases::Places;
use super::decode::{Fields, list, opt_string, req_string, req_string_at, string, string_list};
use super::panel::object;
use super::tree::{Node, Pos};

pub(super) fn decode_case(
    cx: &mut Ctx,
    node: &Node,
    panel: Option<&Panel>,
) -> (Option<Case>, Places) {
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
            cx.error(node.pos, Msg::MissingField("kind"));
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
        let ids: Vec<&str> = claimed.iter().map(|(id, _)| id.as_str()).collect();
        for (i, o) in admissible::claimed(rules, kind, &ids) {
            object(cx, claimed[i].1, o, |j| claimed[j].1);
        }
        if let Some((p, pos)) = &proposal
            && let Some(o) = admissible::outcome(rules, kind, &p.outcome)
        {
            object(cx, *pos, o, |_| *pos);
        }
    }
    if let Some(panel) = panel {
        let list = conflicts_node.map_or(node.pos, |n| n.pos);
        let members: Vec<&str> = conflicts.iter().map(|(c, _)| c.member.as_str()).collect();
        for (at, o) in admissible::conflicts(panel, &members) {
            let pos = match at {
                At::Entry(i) => conflicts[i].1,
                At::List => list,
            };
            object(cx, pos, o, |j| conflicts[j].1);
        }
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
