//! The attendance over time, worked back from the room at the end, for presence at a moment.

use std::collections::BTreeMap;

use crate::domain::meeting::Meeting;

/// Whether a member was in the room at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
    In,
    Out,
    /// A movement of theirs shares the moment: either may hold.
    Unsure,
}

/// The attendance over time: who was in the room when the meeting opened, and each movement
/// after, in the order recorded, with its time.
pub(super) struct Timeline {
    opening: BTreeMap<String, bool>,
    movements: Vec<(jiff::Timestamp, String, bool)>,
}

impl Timeline {
    /// The attendance worked back from the room at the end through its movements; `None`
    /// when a time cannot be read, the times go backwards, or a movement contradicts the room
    /// (an arrival of someone present): then presence at a moment is not derived.
    pub(super) fn of(meeting: &Meeting) -> Option<Timeline> {
        let a = &meeting.attendance;
        let mut room: BTreeMap<String, bool> = BTreeMap::new();
        for m in a.present.iter() {
            room.insert(m.clone(), true);
        }
        for m in a.absent.iter() {
            room.entry(m.member.clone()).or_insert(false);
        }
        let mut movements = Vec::with_capacity(a.movements.len());
        for m in &a.movements {
            let t: jiff::Timestamp = m.at.parse().ok()?;
            if movements.last().is_some_and(|(p, _, _)| *p > t) {
                return None;
            }
            movements.push((t, m.member.clone(), m.arrived));
        }
        for (_, member, arrived) in movements.iter().rev() {
            let here = room.get(member).copied().unwrap_or(false);
            if here != *arrived {
                return None;
            }
            room.insert(member.clone(), !arrived);
        }
        Some(Timeline {
            opening: room,
            movements,
        })
    }

    /// Each member's presence at `at`; `None` when the time cannot be read.
    pub(super) fn at(&self, at: &str) -> Option<BTreeMap<&str, State>> {
        let t: jiff::Timestamp = at.parse().ok()?;
        let mut room: BTreeMap<&str, State> = self
            .opening
            .iter()
            .map(|(m, here)| (m.as_str(), if *here { State::In } else { State::Out }))
            .collect();
        let mut settled = room.clone();
        for (when, member, arrived) in &self.movements {
            let now = if *arrived { State::In } else { State::Out };
            if *when < t {
                settled.insert(member.as_str(), now);
                room.insert(member.as_str(), now);
            } else if *when == t {
                // Applied or not, depending on which came first within the moment.
                let before = settled.get(member.as_str()).copied();
                let state = if before == Some(now) {
                    now
                } else {
                    State::Unsure
                };
                room.insert(member.as_str(), state);
                settled.insert(member.as_str(), now);
            }
        }
        Some(room)
    }
}
