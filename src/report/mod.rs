//! The supervision report (督促检查): the figures across a panel's minutes, built here; each
//! renderer and the command's run in a room of its own.

mod csv;
mod markdown;
mod run;
mod screen;
mod sections;
mod table;

pub use csv::{csv, csv_cell};
pub use markdown::markdown;
pub use run::{Args, Gathered, corrections, gather, gather_with, run};
pub use screen::report_lines;
pub use sections::{Row, Section, render, sections};
pub use table::table;

use sections::heading;
use table::right;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diag::Severity;
use crate::domain::meeting::{CaseRecord, Determination};
use crate::domain::panel::Panel;
use crate::domain::rules::{ItemNoun, Rules};
use crate::domain::text::{Lang, Text};
use crate::i18n;
use crate::sanitize::escape;
use crate::store::minutes::{self, Minutes, MinutesError};
use crate::store::panel::{self, LoadedCase};
use crate::text::{fit, pad, width};

/// The layout the table is built for: the narrowest terminal docket supports.
pub const TABLE_WIDTH: usize = 80;
/// Width of each number column in the table.
const NUM: usize = 8;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for an 80-column terminal or a printer.
    #[default]
    Table,
    /// One row per figure, for a spreadsheet (UTF-8 with a BOM unless --no-bom).
    Csv,
    /// Markdown tables, for a document.
    Md,
}

/// Which determinations count, by the local date they were made (both ends inclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Range {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Range {
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

/// `YYYY-MM-DD` and a real calendar day; anything looser would filter by a guess.
pub fn parse_date(s: &str) -> Option<Date> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    s.parse::<Date>().ok()
}

/// The local date of an RFC 3339 time: the date as written, in the panel's offset, so a
/// decision at 00:30 Beijing time counts on its Beijing day.
pub fn decided_date(at: &str) -> Option<Date> {
    at.parse::<jiff::Timestamp>().ok()?;
    parse_date(at.get(..10)?)
}

/// A determination whose time could not be read, so its case is left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadDate {
    pub meeting: String,
    pub case: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    pub id: String,
    pub label: Text,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemCount {
    pub id: String,
    pub text: Text,
    /// Cases where the panel found it.
    pub found: usize,
    /// Cases whose file claims it (cases without a file are not counted).
    pub claimed: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindFigures {
    pub id: String,
    pub name: Text,
    /// None when the kind is not in the panel's rules (any more).
    pub noun: Option<ItemNoun>,
    pub cases: usize,
    pub outcomes: Vec<Count>,
    pub items: Vec<ItemCount>,
}

/// Days from a case's receipt to its determination; deferrals are not decisions, so left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Days {
    pub counted: usize,
    /// Cases whose case file is gone, so their receipt date is unknown.
    pub skipped: usize,
    /// The lower of the two middle values for an even count: integers only.
    pub median: Option<i64>,
    pub max: Option<i64>,
}

/// Every figure of a report, before it is laid out in a language and format.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub panel: String,
    pub range: Range,
    pub minutes: usize,
    pub not_final: usize,
    /// Cases whose current determination falls in the range.
    pub cases: usize,
    pub kinds: Vec<KindFigures>,
    /// Most cases first, then by name.
    pub units: Vec<(String, usize)>,
    /// `YYYY-MM`, oldest first.
    pub months: Vec<(String, usize)>,
    pub days: Days,
    pub deferred: usize,
    /// Cases that review (复核) an earlier case.
    pub reviewing: usize,
    /// Cases that a case with a determination reviews.
    pub reviewed: usize,
    pub overridden: usize,
    /// Cases taken up again after a decision (复议).
    pub reconsidered: usize,
    /// Cases held back from meetings now (暂不上会), from the working state; not a decision,
    /// so counted whatever the range.
    pub held: usize,
    /// Corrections made to finalized minutes (addenda).
    pub corrections: usize,
    pub no_case_file: usize,
    pub bad_dates: Vec<BadDate>,
}

/// A case's current determination: the last one across meetings, oldest meeting first.
struct Current<'a> {
    record: &'a CaseRecord,
    det: &'a Determination,
    date: Date,
}

/// The figures of `minutes` (in meeting order, oldest first) for the cases decided in `range`.
pub fn build(panel: &Panel, cases: &[LoadedCase], minutes: &[Minutes], range: Range) -> Report {
    let rules = &panel.rules;
    let mut report = Report {
        panel: panel.name.clone(),
        range,
        minutes: minutes.len(),
        not_final: minutes.iter().filter(|m| !m.is_final()).count(),
        ..Report::default()
    };

    // The standing determination of each case, by the one rule every reader applies: a
    // later decision replaces an earlier one, a deferral never replaces a decision.
    let mut records: HashMap<&str, Vec<(&Minutes, &CaseRecord)>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for m in minutes {
        for r in &m.cases {
            let v = records.entry(r.case.as_str()).or_default();
            if v.is_empty() {
                order.push(r.case.as_str());
            }
            v.push((m, r));
        }
    }
    let mut latest: HashMap<&str, (&Minutes, &CaseRecord, &Determination)> = HashMap::new();
    for (id, recs) in &records {
        let s = crate::domain::standing::standing(
            rules,
            recs.iter().map(|(m, r)| (m.meeting.id.as_str(), *r)),
        );
        if let Some(s) = s
            && let Some((m, _)) = recs.iter().find(|(_, r)| std::ptr::eq(*r, s.record))
        {
            latest.insert(id, (m, s.record, s.determination));
        }
    }
    order.retain(|id| latest.contains_key(id));
    // The targets of every review that reached a determination, whatever its date.
    let reviewed_targets: BTreeSet<&str> = latest
        .values()
        .filter_map(|(_, r, _)| r.review_of.as_deref())
        .collect();

    let mut current: Vec<Current> = Vec::new();
    for id in order {
        let Some((m, record, det)) = latest.get(id) else {
            continue;
        };
        match decided_date(&det.decided_at) {
            Some(date) if range.contains(date) => current.push(Current { record, det, date }),
            Some(_) => {}
            None => report.bad_dates.push(BadDate {
                meeting: m.meeting.id.clone(),
                case: id.to_string(),
                value: det.decided_at.clone(),
            }),
        }
    }
    // The first file of a case id wins, as in the queue.
    let mut files: HashMap<&str, &LoadedCase> = HashMap::new();
    for c in cases {
        files.entry(c.case.id.as_str()).or_insert(c);
    }

    report.cases = current.len();
    report.kinds = kinds(rules, &current, &files);
    let mut units: BTreeMap<&str, usize> = BTreeMap::new();
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    let mut days: Vec<i64> = Vec::new();
    for c in &current {
        *units.entry(c.record.subject.unit.as_str()).or_default() += 1;
        let month = format!("{:04}-{:02}", c.date.year(), c.date.month());
        *months.entry(month).or_default() += 1;
        let deferral = is_deferral(rules, &c.record.kind, &c.det.outcome);
        let file = files.get(c.record.case.as_str());
        if file.is_none() {
            report.no_case_file += 1;
        }
        if deferral {
            report.deferred += 1;
        } else {
            match file.and_then(|f| f.case.received.until(c.date).ok()) {
                Some(span) => days.push(i64::from(span.get_days())),
                None => report.days.skipped += 1,
            }
        }
        if c.record.review_of.is_some() {
            report.reviewing += 1;
        }
        if reviewed_targets.contains(c.record.case.as_str()) {
            report.reviewed += 1;
        }
        if !c.det.override_reason.trim().is_empty() {
            report.overridden += 1;
        }
        // Every reconsideration the panel agreed to, whether or not it changed the decision.
        let reconsidered = records
            .get(c.record.case.as_str())
            .is_some_and(|recs| recs.iter().any(|(_, r)| r.reconsideration.is_some()));
        if reconsidered {
            report.reconsidered += 1;
        }
    }
    let mut units: Vec<(String, usize)> =
        units.into_iter().map(|(u, n)| (u.to_string(), n)).collect();
    units.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    report.units = units;
    report.months = months.into_iter().collect();
    days.sort_unstable();
    report.days.counted = days.len();
    report.days.median = days.get(days.len().saturating_sub(1) / 2).copied();
    report.days.max = days.last().copied();
    report
}

fn is_deferral(rules: &Rules, kind: &str, outcome: &str) -> bool {
    crate::domain::standing::is_deferral(rules, kind, outcome)
}

/// Per kind of the rules (then any other kind the minutes hold): outcomes and items, each in
/// the order of the rules, zeros included so that a table shows what never happened.
fn kinds(
    rules: &Rules,
    current: &[Current],
    files: &HashMap<&str, &LoadedCase>,
) -> Vec<KindFigures> {
    let mut out: Vec<KindFigures> = rules
        .kinds
        .iter()
        .map(|k| KindFigures {
            id: k.id.clone(),
            name: k.name.clone(),
            noun: Some(k.item_noun),
            cases: 0,
            outcomes: k
                .outcomes
                .iter()
                .map(|o| Count {
                    id: o.id.clone(),
                    label: o.label.clone(),
                    count: 0,
                })
                .collect(),
            items: k
                .items
                .iter()
                .map(|i| ItemCount {
                    id: i.id.clone(),
                    text: i.text.clone(),
                    found: 0,
                    claimed: 0,
                })
                .collect(),
        })
        .collect();
    for c in current {
        let kind = c.record.kind.as_str();
        let i = match out.iter().position(|k| k.id == kind) {
            Some(i) => i,
            None => {
                out.push(KindFigures {
                    id: kind.to_string(),
                    name: Text::zh_only(kind),
                    noun: None,
                    cases: 0,
                    outcomes: Vec::new(),
                    items: Vec::new(),
                });
                out.len() - 1
            }
        };
        let Some(k) = out.get_mut(i) else {
            continue;
        };
        k.cases += 1;
        let outcome = c.det.outcome.as_str();
        match k.outcomes.iter_mut().find(|o| o.id == outcome) {
            Some(o) => o.count += 1,
            None => k.outcomes.push(Count {
                id: outcome.to_string(),
                label: Text::zh_only(outcome),
                count: 1,
            }),
        }
        for f in dedup(&c.record.found) {
            item_mut(&mut k.items, f).found += 1;
        }
        if let Some(file) = files.get(c.record.case.as_str()) {
            for f in dedup(&file.case.claimed) {
                item_mut(&mut k.items, f).claimed += 1;
            }
        }
    }
    out
}

/// Each id once: a case counts once per situation however often a file repeats it.
fn dedup(ids: &[String]) -> BTreeSet<&str> {
    ids.iter().map(String::as_str).collect()
}

fn item_mut<'a>(items: &'a mut Vec<ItemCount>, id: &str) -> &'a mut ItemCount {
    let i = match items.iter().position(|x| x.id == id) {
        Some(i) => i,
        None => {
            items.push(ItemCount {
                id: id.to_string(),
                text: Text::zh_only(id),
                found: 0,
                claimed: 0,
            });
            items.len() - 1
        }
    };
    &mut items[i]
}

// ---------------------------------------------------------------------------------------
// Sections: the figures as labelled rows in a language, shared by every layout.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_shaped() {
        assert!(parse_date("2026-11-20").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-1-5").is_none());
        assert!(parse_date("20261120").is_none());
        assert_eq!(
            decided_date("2026-11-20T00:30:00+08:00"),
            parse_date("2026-11-20")
        );
        assert_eq!(decided_date("2026-11-20"), None);
        assert_eq!(decided_date("yesterday"), None);
    }
}
