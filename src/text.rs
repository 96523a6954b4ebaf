//! Display width: fitting, padding and wrapping text that mixes Chinese and ASCII, after
//! escaping whatever came from a file.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize::escape;

pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` escaped and cut to at most `w` columns; a cut is marked with `..`.
pub fn fit(s: &str, w: usize) -> String {
    let s = escape(s);
    if s.width() <= w {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    let room = w.saturating_sub(2);
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        out.push(c);
        used += cw;
    }
    if w >= 2 {
        out.push_str("..");
        used += 2;
    }
    out.push_str(&" ".repeat(w.saturating_sub(used)));
    out.trim_end().to_string()
}

/// `s` fitted to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let f = fit(s, w);
    let fw = f.width();
    format!("{f}{}", " ".repeat(w.saturating_sub(fw)))
}

/// `s` escaped and broken into lines of at most `w` columns, by display width.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let para = escape(para);
        let mut line = String::new();
        let mut used = 0;
        for c in para.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > w {
                // A closing mark never starts a line: the marks before it and the word
                // they close come along. A Latin word is not split: carried whole.
                let carry = carry_from(&line, c);
                let carry = if carry.width() + cw <= w {
                    carry
                } else {
                    String::new()
                };
                line.truncate(line.len() - carry.len());
                // The space a break falls on is not kept at the line's end.
                let kept = line.trim_end_matches(' ').len();
                line.truncate(kept);
                lines.push(std::mem::take(&mut line));
                used = 0;
                if c == ' ' && carry.is_empty() {
                    continue;
                }
                used += carry.width();
                line.push_str(&carry);
            }
            line.push(c);
            used += cw;
        }
        lines.push(line);
    }
    lines
}

/// The end of `line` to move to the next line so that `next` does not start it badly: for a
/// closing mark, the closing marks already there and the word or character they follow; for
/// a Latin letter or digit, the Latin word it continues. Never the whole line.
fn carry_from(line: &str, next: char) -> String {
    let latin = |x: char| x.is_ascii_alphanumeric();
    if !is_closing(next) && !latin(next) {
        return String::new();
    }
    let mut cut = line.len();
    if is_closing(next) {
        while let Some(p) = line[..cut].chars().next_back().filter(|p| is_closing(*p)) {
            cut -= p.len_utf8();
        }
    }
    let head = &line[..cut];
    match head.chars().next_back() {
        Some(p) if latin(p) => {
            let start = head
                .char_indices()
                .rev()
                .find(|(_, x)| !latin(*x))
                .map_or(0, |(i, x)| i + x.len_utf8());
            cut = start;
        }
        Some(p) if is_closing(next) && p != ' ' => cut -= p.len_utf8(),
        // A letter after a space or a closing mark after nothing: nothing to carry.
        _ if cut == line.len() => return String::new(),
        _ => {}
    }
    if cut == 0 {
        return String::new();
    }
    line[cut..].to_string()
}

/// Punctuation that Chinese typesetting keeps off the start of a line.
fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』”’,.;:?!)]}".contains(c)
}

/// The most characters of a file's text a message quotes.
pub const EXCERPT: usize = 40;

/// `s`, or its first `EXCERPT` characters and an ellipsis.
pub fn excerpt(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(EXCERPT) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// `s` as searches compare it: lowercase (Unicode), full-width ASCII forms (ａ, Ｂ, １, ＆)
/// as their half-width letters, the ideographic space as a space. Applied to what is searched
/// and to what is typed alike, so that a Chinese input method's full-width letters find the
/// ASCII in a case, and the other way round.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out`: a case's fields are folded into one string without a
/// string for each.
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        };
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{3040}'..='\u{9FFF}').contains(&c) {
            // Kana and CJK have no case: most of a Chinese case, pushed without a lookup.
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_and_pad_count_chinese_as_two_columns() {
        assert_eq!(fit("东关镇党委书记", 8), "东关镇..");
        assert_eq!(pad("李红", 6), "李红  ");
        assert_eq!(width(&pad("南河镇人民政府", 9)), 9);
        assert_eq!(fit("a\u{1b}b", 20), "a\\u{1b}b");
    }

    #[test]
    fn wrap_breaks_by_width() {
        let lines = wrap("明知故犯的违纪违法行为", 8);
        assert_eq!(lines, ["明知故犯", "的违纪违", "法行为"]);
        assert!(lines.iter().all(|l| width(l) <= 8));
    }

    #[test]
    fn latin_words_are_not_split() {
        let lines = wrap("Li Hong Agree, Zhao Min Disagree", 16);
        assert_eq!(lines, ["Li Hong Agree,", "Zhao Min", "Disagree"]);
    }

    #[test]
    fn closing_marks_travel_with_what_they_close() {
        // Two closing marks: both go on with the character before them.
        let lines = wrap("应当回避。)", 10);
        assert_eq!(lines, ["应当回", "避。)"]);
        // A comma after an English word takes the word along, not one letter.
        let lines = wrap("took action, then", 11);
        assert_eq!(lines, ["took", "action,", "then"]);
        assert!(lines.iter().all(|l| width(l) <= 11));
    }

    #[test]
    fn a_full_stop_never_starts_a_line() {
        let lines = wrap("列为县级重点项目。", 16);
        assert_eq!(lines, ["列为县级重点项", "目。"]);
    }

    #[test]
    fn fold_lowercases_and_narrows_full_width_forms() {
        assert_eq!(fold("ａＢ１"), "ab1");
        assert_eq!(fold("ＡＢＣ"), fold("abc"));
        assert_eq!(fold("ABC"), "abc");
        assert_eq!(fold("Ｘ\u{3000}Ｙ！～"), "x y!~");
        // Chinese stays as it is; full-width brackets become ASCII ones.
        assert_eq!(fold("县财政局（ＨＲ）"), "县财政局(hr)");
        assert_eq!(fold("【】，。"), "【】,。");
        assert_eq!(fold("ÄÖ Σ"), "äö σ");
        assert!(fold("县财政局ＡＢ-2026").contains(&fold("财政局ab")));
        assert!(!fold("abc").contains(&fold("ＡＣ")));
    }
}
