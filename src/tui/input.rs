//! A one-line text field that edits by character and places the cursor by display width, so
//! Chinese text and the input method's candidate window line up with what is typed.

use unicode_width::UnicodeWidthChar;

use crate::sanitize;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    chars: Vec<char>,
    /// Cursor position, in characters.
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        let chars: Vec<char> = text.chars().collect();
        let cursor = chars.len();
        TextInput { chars, cursor }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }

    /// Inserts typed or pasted text. Line breaks become spaces and control characters are
    /// dropped: a pasted newline must never act as Enter.
    pub fn insert(&mut self, s: &str) {
        for c in s.chars() {
            let c = match c {
                '\n' | '\r' | '\t' => ' ',
                c if sanitize::is_unsafe(c) => continue,
                c => c,
            };
            self.chars.insert(self.cursor, c);
            self.cursor += 1;
        }
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
        *self = TextInput::new("");
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
