//! The report as an aligned table for an 80-column terminal.

use super::*;

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
pub(super) fn right(s: &str, w: usize) -> String {
    let f = fit(s, w);
    format!("{}{f}", " ".repeat(w.saturating_sub(width(&f))))
}
