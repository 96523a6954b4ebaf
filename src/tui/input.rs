//! A one-line text field that edits by character and places the cursor by display width, so
//! Chinese text and the input method's candidate window line up with what is typed.

use unicode_width::UnicodeWidthChar;

use crate::sanitize;

/// The most characters any text typed into docket may have (a rationale, dissent, override
/// reason, basis or any other reason): about ten pages, far more than a panel writes, and small
/// enough that a meeting's minutes stay readable (docs/formats.md, section 6).
pub const MAX_TEXT: usize = 20_000;
/// The most characters of a name (an attendee, a presenter) or a search.
pub const MAX_NAME: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextInput {
    chars: Vec<char>,
    /// Cursor position, in characters.
    cursor: usize,
    /// The most characters the field holds.
    limit: usize,
    /// Characters typed, pasted or edited in that did not fit, not yet reported.
    refused: usize,
}

impl Default for TextInput {
    fn default() -> TextInput {
        TextInput::new("")
    }
}

impl TextInput {
    /// A field holding `text`, or as much of it as fits within `MAX_TEXT` (the rest counted
    /// as refused, so an older, longer text is never cut without a word).
    pub fn new(text: &str) -> TextInput {
        let mut input = TextInput {
            chars: Vec::new(),
            cursor: 0,
            limit: MAX_TEXT,
            refused: 0,
        };
        input.chars = text.chars().take(MAX_TEXT).collect();
        input.cursor = input.chars.len();
        input.refused = text.chars().count() - input.chars.len();
        input
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Lowers the field's limit to `limit`, cutting what is past it (counted as refused).
    pub fn set_limit(&mut self, limit: usize) {
        if limit < self.limit {
            self.limit = limit;
            if self.chars.len() > limit {
                self.refused += self.chars.len() - limit;
                self.chars.truncate(limit);
                self.cursor = self.cursor.min(limit);
            }
        }
    }

    /// How many characters did not fit since last asked; the caller says so.
    pub fn take_refused(&mut self) -> usize {
        std::mem::take(&mut self.refused)
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }

    /// Inserts typed or pasted text. Line breaks become spaces and control characters are
    /// dropped: a pasted newline must never act as Enter.
    /// Beyond the field's limit nothing is inserted; what did not fit is counted, so that a
    /// paste of a million characters costs one pass and is reported, not kept in part silently.
    pub fn insert(&mut self, s: &str) {
        let room = self.limit.saturating_sub(self.chars.len());
        let mut kept = Vec::new();
        for c in s.chars() {
            let c = match c {
                '\n' | '\r' | '\t' => ' ',
                c if sanitize::is_unsafe(c) => continue,
                c => c,
            };
            if kept.len() < room {
                kept.push(c);
            } else {
                self.refused += 1;
            }
        }
        let n = kept.len();
        self.chars.splice(self.cursor..self.cursor, kept);
        self.cursor += n;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            self.chars.remove(self.cursor);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.chars.len() {
            self.chars.remove(self.cursor);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.chars.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.chars.len();
    }

    pub fn set(&mut self, text: &str) {
        self.chars.clear();
        self.cursor = 0;
        self.insert(text);
    }

    /// The visible part for a field `width` columns wide, and the cursor's column in it:
    /// scrolled so that the cursor always shows.
    pub fn view(&self, width: usize) -> (String, usize) {
        let width = width.max(2);
        let w = |c: &char| c.width().unwrap_or(0);
        // Start at the cursor and take characters to the left while they fit.
        let mut start = self.cursor;
        let mut used = 0;
        while start > 0 {
            let cw = w(&self.chars[start - 1]);
            if used + cw > width - 1 {
                break;
            }
            used += cw;
            start -= 1;
        }
        let mut out = String::new();
        let mut col = 0;
        let mut cursor_col = 0;
        for (i, c) in self.chars.iter().enumerate().skip(start) {
            if i == self.cursor {
                cursor_col = col;
            }
            let cw = w(c);
            if col + cw > width {
                break;
            }
            out.push(*c);
            col += cw;
        }
        if self.cursor >= self.chars.len() {
            cursor_col = col;
        }
        (out, cursor_col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_moves_by_display_width() {
        let mut t = TextInput::new("同意ab");
        assert_eq!(t.view(20), ("同意ab".to_string(), 6));
        t.left();
        t.left();
        assert_eq!(t.view(20).1, 4);
        t.left();
        assert_eq!(t.view(20).1, 2);
        t.insert("不");
        assert_eq!(t.text(), "同不意ab");
        assert_eq!(t.view(20).1, 4);
    }

    #[test]
    fn pasted_newlines_become_spaces_and_escapes_vanish() {
        let mut t = TextInput::default();
        t.insert("第一行\n第二行\u{1b}[2J");
        assert_eq!(t.text(), "第一行 第二行[2J");
    }

    #[test]
    fn typing_pasting_and_editing_stop_at_the_limit_and_count_what_did_not_fit() {
        let mut t = TextInput::default();
        t.insert(&"字".repeat(MAX_TEXT + 5));
        assert_eq!(t.text().chars().count(), MAX_TEXT);
        assert_eq!(t.take_refused(), 5);
        assert_eq!(t.take_refused(), 0);
        t.insert("x");
        assert_eq!((t.text().chars().count(), t.take_refused()), (MAX_TEXT, 1));
        t.set(&"a".repeat(1_200_000));
        assert_eq!(t.take_refused(), 1_200_000 - MAX_TEXT);
        let mut name = TextInput::new(&"名".repeat(300));
        name.set_limit(MAX_NAME);
        assert_eq!(
            (name.text().chars().count(), name.take_refused()),
            (MAX_NAME, 100)
        );
        assert_eq!(
            TextInput::new(&"b".repeat(MAX_TEXT + 1)).text().len(),
            MAX_TEXT
        );
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let t = TextInput::new(&"很长的依据".repeat(10));
        let (shown, col) = t.view(10);
        assert!(col <= 10);
        assert!(shown.ends_with("依据"));
        let mut t = TextInput::new("abc");
        t.backspace();
        t.home();
        t.delete();
        assert_eq!(t.text(), "b");
    }
}
