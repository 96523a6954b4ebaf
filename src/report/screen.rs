//! The report as the lines docket's own screen shows, with bars.

use super::*;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_and_never_vanish() {
        assert_eq!(bar_len(0, 10, 40), 0);
        assert_eq!(bar_len(10, 10, 40), 40);
        assert_eq!(bar_len(1, 1000, 40), 1);
        assert_eq!(bar_len(5, 10, 40), 20);
    }
}
