//! The report as sections of rows, the form every renderer draws from.

use super::*;

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
pub(super) fn heading(r: &Report, lang: Lang) -> Vec<String> {
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
