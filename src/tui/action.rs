//! What a keystroke becomes once the keymap has read it in its context: one `Action`, the
//! same for every screen, so that the keymap and the help speak of one list.

use crate::domain::rules::Opinion;

/// A keystroke, once the keymap has read it in its context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Left,
    Right,
    Enter,
    Back,
    Tab,
    BackTab,
    Quit,
    /// Ctrl-C: leave docket from wherever one is.
    QuitAll,
    Help,
    Search,
    SearchNext,
    SearchPrev,
    /// `&`: show only the cases whose fields contain a text, narrowed as it is typed.
    Narrow,
    SwitchLang,
    Meeting,
    Toggle,
    AbsenceReason,
    AddAttendee,
    ActingChair,
    Basis,
    Item(u8),
    Recuse,
    Presenter,
    Proposal,
    Vote,
    /// `V`: a round by a method other than the meeting's.
    VoteMethod,
    Opinion(Opinion),
    Void,
    Determine,
    Reconsider,
    Finalize,
    ToggleAgenda,
    AgendaDown,
    AgendaUp,
    Hold,
    Incomplete,
    CycleFilter,
    CycleSort,
    Undo,
    OrderAgenda,
    NextAgenda,
    PrevAgenda,
    /// `+`: a new case through the editor.
    NewCase,
    /// `e`: the selected case through the editor.
    EditCase,
    /// `C`: a correction to finalized minutes, as an addendum.
    Correct,
    /// `R`: the supervision report as a screen.
    Report,
    Yes,
    Char(char),
    Backspace,
    Delete,
    Home,
    End,
    Paste(String),
    /// Ctrl-E: edit the field's text in $EDITOR (the runner does it, then sends `Edited`).
    Editor,
    /// Ctrl-U: empty the field, as a shell's line editor does.
    ClearField,
    /// The field's text as it came back from the editor.
    Edited(String),
}
