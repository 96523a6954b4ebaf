//! `docket report`: figures across a panel's minutes, for supervision (督促检查).

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

/// A figure line: `key` is stable for machines, `label` is for people. Both are raw text
/// from files or rules; every layout escapes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub count: i64,
    pub extra: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The CSV `section` column: `overview`, `kind`, `outcome:<kind>`, `found:<kind>`,
    /// `unit`, `month`, `days`.
    pub id: String,
    pub title: String,
    pub label_head: &'static str,
    pub count_head: &'static str,
    pub extra_head: Option<&'static str>,
    /// Whether people need the key too (S1, G2), not just the label.
    pub show_key: bool,
    /// A chart of this section belongs on the report screen.
    pub chart: bool,
    pub rows: Vec<Row>,
}

fn row(key: &str, label: &str, count: usize) -> Row {
    Row {
        key: key.to_string(),
        label: label.to_string(),
        count: i64::try_from(count).unwrap_or(i64::MAX),
        extra: None,
    }
}

fn n(x: usize) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// The report as sections of rows, in `lang`. Sections without rows are left out.
pub fn sections(r: &Report, lang: Lang) -> Vec<Section> {
    let mut out = Vec::new();
    let mut overview = vec![
        row("cases", i18n::REPORT_ROW_CASES.get(lang), r.cases),
        row("deferred", i18n::REPORT_ROW_DEFERRED.get(lang), r.deferred),
        row(
            "reviewing",
            i18n::REPORT_ROW_REVIEWING.get(lang),
            r.reviewing,
        ),
        row("reviewed", i18n::REPORT_ROW_REVIEWED.get(lang), r.reviewed),
        row(
            "overridden",
            i18n::REPORT_ROW_OVERRIDDEN.get(lang),
            r.overridden,
        ),
        row(
            "reconsidered",
            i18n::REPORT_ROW_RECONSIDERED.get(lang),
            r.reconsidered,
        ),
        row("held", i18n::REPORT_ROW_HELD.get(lang), r.held),
        row(
            "corrections",
            i18n::REPORT_ROW_CORRECTIONS.get(lang),
            r.corrections,
        ),
        row("minutes", i18n::REPORT_ROW_MINUTES.get(lang), r.minutes),
        row(
            "not_final",
            i18n::REPORT_ROW_NOT_FINAL.get(lang),
            r.not_final,
        ),
    ];
    if r.no_case_file > 0 {
        overview.push(row(
            "no_case_file",
            i18n::REPORT_ROW_NO_FILE.get(lang),
            r.no_case_file,
        ));
    }
    if !r.bad_dates.is_empty() {
        overview.push(row(
            "bad_date",
            i18n::REPORT_ROW_BAD_DATE.get(lang),
            r.bad_dates.len(),
        ));
    }
    out.push(Section {
        id: "overview".into(),
        title: i18n::REPORT_SEC_OVERVIEW.get(lang).into(),
        label_head: i18n::REPORT_COL_FIGURE.get(lang),
        count_head: i18n::REPORT_COL_NUMBER.get(lang),
        extra_head: None,
        show_key: false,
        chart: false,
        rows: overview,
    });
    out.push(Section {
        id: "kind".into(),
        title: i18n::REPORT_SEC_KINDS.get(lang).into(),
        label_head: i18n::REPORT_COL_KIND.get(lang),
        count_head: i18n::REPORT_COL_CASES.get(lang),
        extra_head: None,
        show_key: false,
        chart: true,
        rows: r
            .kinds
            .iter()
            .map(|k| row(&k.id, k.name.get(lang), k.cases))
            .collect(),
    });
    for k in &r.kinds {
        let name = k.name.get(lang);
        out.push(Section {
            id: format!("outcome:{}", k.id),
            title: i18n::report_sec_outcomes(name, lang),
            label_head: i18n::REPORT_COL_OUTCOME.get(lang),
            count_head: i18n::REPORT_COL_CASES.get(lang),
            extra_head: None,
            show_key: false,
            chart: true,
            rows: k
                .outcomes
                .iter()
                .map(|o| row(&o.id, o.label.get(lang), o.count))
                .collect(),
        });
        out.push(Section {
            id: format!("found:{}", k.id),
            title: i18n::report_sec_items(k.noun, name, lang),
            label_head: i18n::report_col_item(k.noun, lang),
            count_head: i18n::REPORT_COL_FOUND.get(lang),
            extra_head: Some(i18n::REPORT_COL_CLAIMED.get(lang)),
            show_key: true,
            chart: true,
            rows: k
                .items
                .iter()
                .map(|i| Row {
                    extra: Some(n(i.claimed)),
                    ..row(&i.id, i.text.get(lang), i.found)
                })
                .collect(),
        });
    }
    out.push(Section {
        id: "unit".into(),
        title: i18n::REPORT_SEC_UNITS.get(lang).into(),
        label_head: i18n::REPORT_COL_UNIT.get(lang),
        count_head: i18n::REPORT_COL_CASES.get(lang),
        extra_head: None,
        show_key: false,
        chart: true,
        rows: r.units.iter().map(|(u, c)| row(u, u, *c)).collect(),
    });
    out.push(Section {
        id: "month".into(),
        title: i18n::REPORT_SEC_MONTHS.get(lang).into(),
        label_head: i18n::REPORT_COL_MONTH.get(lang),
        count_head: i18n::REPORT_COL_CASES.get(lang),
        extra_head: None,
        show_key: false,
        chart: true,
        rows: r.months.iter().map(|(m, c)| row(m, m, *c)).collect(),
    });
    let mut days = Vec::new();
    if let Some(m) = r.days.median {
        days.push(Row {
            count: m,
            ..row("median", i18n::REPORT_ROW_MEDIAN.get(lang), 0)
        });
    }
    if let Some(m) = r.days.max {
        days.push(Row {
            count: m,
            ..row("max", i18n::REPORT_ROW_MAX.get(lang), 0)
        });
    }
    days.push(row(
        "counted",
        i18n::REPORT_ROW_COUNTED.get(lang),
        r.days.counted,
    ));
    days.push(row(
        "skipped",
        i18n::REPORT_ROW_SKIPPED.get(lang),
        r.days.skipped,
    ));
    out.push(Section {
        id: "days".into(),
        title: i18n::REPORT_SEC_DAYS.get(lang).into(),
        label_head: i18n::REPORT_COL_FIGURE.get(lang),
        count_head: i18n::REPORT_COL_NUMBER.get(lang),
        extra_head: None,
        show_key: false,
        chart: false,
        rows: days,
    });
    out.retain(|s| !s.rows.is_empty());
    out
}

/// The lines above the figures: what, which panel, which period, from what.
fn heading(r: &Report, lang: Lang) -> Vec<String> {
    vec![
        i18n::report_title(&r.panel, lang),
        i18n::report_period(r.range.from, r.range.to, lang),
    ]
}

// ---------------------------------------------------------------------------------------
// Layouts.

/// The report in `format`; `bom` puts a UTF-8 byte-order mark before CSV, which Excel and
/// WPS need to read the Chinese as UTF-8.
pub fn render(r: &Report, lang: Lang, format: Format, bom: bool) -> String {
    match format {
        Format::Table => table(r, lang),
        Format::Md => markdown(r, lang),
        Format::Csv => {
            let mut s = if bom {
                String::from('\u{feff}')
            } else {
                String::new()
            };
            s.push_str(&csv(r, lang));
            s
        }
    }
}

/// Aligned text on 80 columns, Chinese counted two columns wide.
pub fn table(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for h in heading(r, lang) {
        out.push_str(&fit(&h, TABLE_WIDTH));
        out.push('\n');
    }
    if r.cases == 0 {
        out.push_str(&fit(i18n::REPORT_NO_CASES.get(lang), TABLE_WIDTH));
        out.push('\n');
    }
    for s in sections(r, lang) {
        out.push('\n');
        let nums = if s.extra_head.is_some() { 2 } else { 1 };
        let mut head = pad(&s.title, TABLE_WIDTH - NUM * nums);
        head.push_str(&right(s.count_head, NUM));
        if let Some(e) = s.extra_head {
            head.push_str(&right(e, NUM));
        }
        out.push_str(head.trim_end());
        out.push('\n');
        out.push_str(&"-".repeat(TABLE_WIDTH));
        out.push('\n');
        let key_w = if s.show_key {
            s.rows
                .iter()
                .map(|r| width(&escape(&r.key)))
                .max()
                .unwrap_or(0)
                .min(10)
                + 1
        } else {
            0
        };
        let label_w = TABLE_WIDTH - 2 - key_w - NUM * nums;
        for row in &s.rows {
            let mut line = String::from("  ");
            if s.show_key {
                line.push_str(&pad(&row.key, key_w - 1));
                line.push(' ');
            }
            // One column kept free so a label never runs into its number.
            line.push_str(&pad(&row.label, label_w - 1));
            line.push(' ');
            line.push_str(&right(&row.count.to_string(), NUM));
            if let Some(e) = row.extra {
                line.push_str(&right(&e.to_string(), NUM));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// `s` right-aligned in `w` columns (escaped, cut if need be).
fn right(s: &str, w: usize) -> String {
    let f = fit(s, w);
    format!("{}{f}", " ".repeat(w.saturating_sub(width(&f))))
}

/// Markdown: a heading, then one table per section.
pub fn markdown(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let h = heading(r, lang);
    for (i, line) in h.iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("# {}\n\n", md_cell(line)));
        } else {
            out.push_str(&format!("{}\n\n", md_cell(line)));
        }
    }
    if r.cases == 0 {
        out.push_str(&format!("{}\n\n", md_cell(i18n::REPORT_NO_CASES.get(lang))));
    }
    for s in sections(r, lang) {
        out.push_str(&format!("## {}\n\n", md_cell(&s.title)));
        let mut head = vec![];
        let mut align = vec![];
        if s.show_key {
            head.push(md_cell(i18n::REPORT_COL_ID.get(lang)));
            align.push("---");
        }
        head.push(md_cell(s.label_head));
        align.push("---");
        head.push(md_cell(s.count_head));
        align.push("---:");
        if let Some(e) = s.extra_head {
            head.push(md_cell(e));
            align.push("---:");
        }
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        out.push_str(&format!("| {} |\n", align.join(" | ")));
        for row in &s.rows {
            let mut cells = vec![];
            if s.show_key {
                cells.push(md_cell(&row.key));
            }
            cells.push(md_cell(&row.label));
            cells.push(row.count.to_string());
            if s.extra_head.is_some() {
                cells.push(row.extra.map(|e| e.to_string()).unwrap_or_default());
            }
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    }
    // One newline at the end, as a text file should have.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A text for a Markdown table cell: escaped for the terminal, then every character that
/// Markdown or HTML would act on backslash-escaped, so a unit name cannot add a link, a
/// column or markup to the document.
fn md_cell(s: &str) -> String {
    let s = escape(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\|<>*_`[]#!&~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// CSV (RFC 4180, CRLF line ends): a header, then `section,key,label,count,extra` per figure line.
pub fn csv(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let line = |out: &mut String, cells: &[&str]| {
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(
        &mut out,
        &[
            i18n::REPORT_CSV_SECTION.get(lang),
            i18n::REPORT_CSV_KEY.get(lang),
            i18n::REPORT_CSV_LABEL.get(lang),
            i18n::REPORT_CSV_COUNT.get(lang),
            i18n::REPORT_CSV_EXTRA.get(lang),
        ],
    );
    for s in sections(r, lang) {
        for row in &s.rows {
            let count = row.count.to_string();
            let extra = row.extra.map(|e| e.to_string()).unwrap_or_default();
            line(&mut out, &[&s.id, &row.key, &row.label, &count, &extra]);
        }
    }
    out
}

/// One CSV cell: escaped, a leading `'` before what a spreadsheet would run as a formula,
/// then quoted when it holds a comma, quote or line break.
///
/// A formula is a cell whose first character is `=`, `+`, `-`, `@` (or their full-width forms,
/// which some spreadsheets take as the same operators), tab or CR. Spreadsheets strip leading
/// blanks and invisible format characters before looking, so a cell that starts with one of
/// those is defused whatever follows: the mark costs nothing on text and it is the only way
/// to be sure. docket writes no negative numbers, so a count is never touched.
pub fn csv_cell(s: &str) -> String {
    let s = escape(s);
    let mut v = String::with_capacity(s.len() + 3);
    if s.starts_with(|c| is_formula_start(c) || is_invisible_lead(c)) {
        v.push('\'');
    }
    v.push_str(&s);
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// A character a spreadsheet reads as the start of a formula.
fn is_formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}'
    )
}

/// A blank or invisible character that a spreadsheet strips before it looks for a formula:
/// any Unicode white space (space, NBSP, ideographic space...) and the zero-width and format
/// characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, Mongolian vowel separator).
fn is_invisible_lead(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{180e}'
        )
}

/// The text of the report screen, `width` columns wide: the overview, then a horizontal bar
/// chart per kind, outcome, situation or ground (found, with `/claimed` beside the number),
/// unit and month, and the days. Bars are plain ASCII `#`: block symbols are ambiguous-width
/// and would misalign next to Chinese.
pub fn report_lines(r: &Report, lang: Lang, width_cols: usize) -> Vec<String> {
    let w = width_cols.max(20);
    let mut lines: Vec<String> = heading(r, lang).iter().map(|h| fit(h, w)).collect();
    if r.cases == 0 {
        lines.push(fit(i18n::REPORT_NO_CASES.get(lang), w));
    }
    let label_w = (w / 3).clamp(8, 30);
    for s in sections(r, lang) {
        let number = |row: &Row| match row.extra {
            Some(e) => format!("{}/{e}", row.count),
            None => row.count.to_string(),
        };
        let count_w = s
            .rows
            .iter()
            .map(|r| number(r).len())
            .max()
            .unwrap_or(0)
            .max(5);
        // Room for the label (with its key), the number, and the bar.
        let bar_w = w.saturating_sub(2 + label_w + 1 + count_w + 1).max(1);
        lines.push(String::new());
        let title = match s.extra_head {
            // Says what the two numbers of `found/claimed` are.
            Some(e) => format!("{}  {}/{e}", s.title, s.count_head),
            None => s.title.clone(),
        };
        lines.push(fit(&title, w));
        if !s.chart {
            // Overview and days: not comparable quantities, so no bars.
            for row in &s.rows {
                let mut l = String::from("  ");
                l.push_str(&pad(&row.label, label_w.max(w / 2)));
                l.push(' ');
                l.push_str(&right(&row.count.to_string(), count_w));
                lines.push(fit(l.trim_end(), w));
            }
            continue;
        }
        let max = s.rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
        for row in &s.rows {
            let label = if s.show_key {
                format!("{} {}", row.key, row.label)
            } else {
                row.label.clone()
            };
            let mut l = String::from("  ");
            l.push_str(&pad(&label, label_w));
            l.push(' ');
            l.push_str(&right(&number(row), count_w));
            let bar = bar_len(row.count, max, bar_w);
            if bar > 0 {
                l.push(' ');
                l.push_str(&"#".repeat(bar));
            }
            lines.push(fit(l.trim_end(), w));
        }
    }
    lines
}

/// A bar scaled to the largest count; any count above zero shows at least one mark.
fn bar_len(count: i64, max: i64, room: usize) -> usize {
    if count <= 0 {
        return 0;
    }
    let room_i = i64::try_from(room).unwrap_or(i64::MAX);
    let len = count.saturating_mul(room_i) / max.max(1);
    usize::try_from(len.clamp(1, room_i)).unwrap_or(1)
}

// ---------------------------------------------------------------------------------------
// The command.

/// What `docket report` was asked.
#[derive(Clone, Debug)]
pub struct Args {
    pub dir: PathBuf,
    pub from: Option<String>,
    pub to: Option<String>,
    pub format: Format,
    pub bom: bool,
}

/// A panel's data for a report: the panel as loaded and its minutes, oldest meeting first.
pub struct Gathered {
    pub loaded: panel::Loaded,
    pub minutes: Vec<Minutes>,
    /// Minutes that could not be read, with where and why: `file:line:col: …`.
    pub skipped: Vec<String>,
    /// How many minutes files came from the cache rather than their YAML.
    pub minutes_from_cache: usize,
}

/// Loads the panel and every minutes file; an unreadable file is described and left out.
pub fn gather(dir: &Path, lang: Lang) -> Gathered {
    gather_with(dir, lang, crate::store::cache::CacheAt::user().as_ref())
}

/// `gather`, with unchanged files taken from `cache` when given.
pub fn gather_with(
    dir: &Path,
    lang: Lang,
    cache: Option<&crate::store::cache::CacheAt>,
) -> Gathered {
    let loaded = panel::load_with(dir, cache);
    let mut minutes = Vec::new();
    let mut skipped = Vec::new();
    let paths = minutes::list(dir);
    let read_many = minutes::read_many(dir, &paths, cache);
    for (path, read) in paths.iter().zip(read_many.minutes) {
        let shown = escape(&path.display().to_string()).into_owned();
        match read {
            Ok(m) => minutes.push(m),
            Err(MinutesError::Yaml { line, col, message }) => skipped.push(
                i18n::report_minutes_skipped(&shown, line, col, &message, lang),
            ),
            Err(MinutesError::Read { line, col, msg }) => skipped.push(
                i18n::report_minutes_skipped(&shown, line, col, &i18n::msg(&msg, lang), lang),
            ),
            Err(MinutesError::Io(e)) => skipped.push(i18n::report_minutes_skipped(
                &shown,
                1,
                1,
                &i18n::io_error(&e, lang),
                lang,
            )),
        }
    }
    Gathered {
        loaded,
        minutes,
        skipped,
        minutes_from_cache: read_many.from_cache,
    }
}

/// `docket report`: the report on `out`, problems on `err`. Exit code 2 for a bad argument,
/// 1 when the panel cannot be read or some minutes were left out, else 0.
pub fn run(args: &Args, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let mut range = Range::default();
    for (flag, value, slot) in [
        ("--from", &args.from, &mut range.from),
        ("--to", &args.to, &mut range.to),
    ] {
        if let Some(v) = value {
            match parse_date(v) {
                Some(d) => *slot = Some(d),
                None => {
                    writeln!(err, "{}", i18n::report_bad_date(flag, v, lang))?;
                    return Ok(2);
                }
            }
        }
    }
    if let (Some(f), Some(t)) = (range.from, range.to)
        && f > t
    {
        writeln!(err, "{}", i18n::report_reversed(f, t, lang))?;
        return Ok(2);
    }
    let dirs = crate::cli::find_panels(&args.dir);
    let dir = match dirs.as_slice() {
        [one] => one.clone(),
        [] => return crate::cli::check(&args.dir, false, lang, err),
        _ => {
            let shown = escape(&args.dir.display().to_string()).into_owned();
            writeln!(err, "{}", i18n::report_several_panels(&shown, lang))?;
            return Ok(2);
        }
    };
    let g = gather(&dir, lang);
    let Some(panel) = &g.loaded.panel else {
        for d in &g.loaded.report.diagnostics {
            writeln!(err, "{}", d.render(lang))?;
        }
        return Ok(1);
    };
    let errors = g
        .loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        writeln!(err, "{}", i18n::report_case_problems(errors, lang))?;
    }
    for s in &g.skipped {
        writeln!(err, "{s}")?;
    }
    let mut report = build(panel, &g.loaded.cases, &g.minutes, range);
    // Holds live in the working state, not the minutes.
    if let Ok(state) = crate::store::state::read(&dir) {
        report.held = state.held.len();
    }
    report.corrections = corrections(&dir, &g.minutes);
    for b in &report.bad_dates {
        writeln!(
            err,
            "{}",
            i18n::report_bad_decided_at(&b.meeting, &b.case, &b.value, lang)
        )?;
    }
    out.write_all(render(&report, lang, args.format, args.bom).as_bytes())?;
    out.flush()?;
    Ok(if g.skipped.is_empty() && report.bad_dates.is_empty() {
        0
    } else {
        1
    })
}

/// How many addenda correct the finalized minutes among `minutes`.
pub fn corrections(dir: &std::path::Path, minutes: &[Minutes]) -> usize {
    minutes
        .iter()
        .filter_map(|m| m.finalization.as_ref().map(|f| (m, f)))
        .map(|(m, f)| crate::store::addendum::read_all(dir, &m.meeting.id, &f.minutes_digest).len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("+86"), "'+86");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        // A tab or CR is escaped before it could start a formula or break a row.
        assert_eq!(csv_cell("\tx"), "\\u{9}x");
        assert_eq!(csv_cell("a\r\nb"), "a\\u{d}\\u{a}b");
        assert_eq!(csv_cell("南河镇"), "南河镇");
    }

    #[test]
    fn csv_cells_behind_blanks_are_defused() {
        // A spreadsheet strips these before looking for `=`.
        assert_eq!(csv_cell(" =1+1"), "' =1+1");
        assert_eq!(csv_cell("   -1"), "'   -1");
        assert_eq!(csv_cell("\u{a0}=1+1"), "'\u{a0}=1+1");
        assert_eq!(csv_cell("\u{3000}@x"), "'\u{3000}@x");
        // And a cell that starts blank is marked whatever follows: there is no telling what
        // a reader strips.
        assert_eq!(csv_cell(" text"), "' text");
        assert_eq!(csv_cell("\u{a0}text"), "'\u{a0}text");
    }

    #[test]
    fn csv_cells_behind_zero_width_characters_are_defused() {
        assert_eq!(csv_cell("\u{200b}=1+1"), "'\u{200b}=1+1");
        assert_eq!(csv_cell("\u{200b}text"), "'\u{200b}text");
        for c in [
            '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{180e}',
        ] {
            let cell = format!("{c}=SUM(A1)");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
            // Through several of them too.
            let cell = format!("{c}\u{200b} {c}+1");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn csv_cells_with_full_width_operators_are_defused() {
        for c in ['\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'] {
            let cell = format!("{c}1+1");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
            let cell = format!(" {c}1+1");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
        }
        // Inside a text they are ordinary punctuation.
        assert_eq!(csv_cell("甲＝乙"), "甲＝乙");
    }

    #[test]
    fn csv_counts_and_plain_text_are_untouched() {
        for n in ["0", "5", "12", "1000"] {
            assert_eq!(csv_cell(n), n);
        }
        assert_eq!(csv_cell("南河镇"), "南河镇");
        assert_eq!(csv_cell("南河镇 东区"), "南河镇 东区");
        assert_eq!(csv_cell(""), "");
    }

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

    #[test]
    fn bars_scale_and_never_vanish() {
        assert_eq!(bar_len(0, 10, 40), 0);
        assert_eq!(bar_len(10, 10, 40), 40);
        assert_eq!(bar_len(1, 1000, 40), 1);
        assert_eq!(bar_len(5, 10, 40), 20);
    }

    #[test]
    fn markdown_cells_cannot_add_columns_or_markup() {
        assert_eq!(md_cell("a|b"), "a\\|b");
        assert_eq!(md_cell("[x](y)"), "\\[x\\](y)");
        assert_eq!(md_cell("<b>"), "\\<b\\>");
    }
}
