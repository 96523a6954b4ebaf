//! Opening a meeting and who is in the room: the roll, arrivals and departures (and the
//! opinions they withdraw), the presiding member, attendees, the meeting's quorum.

use super::meeting::{
    Absence, Attendance, Meeting, Movement, QuorumLost, Refusal, Result, Roll, order,
};
use super::panel::Panel;
use super::quorum::{Quorum, meeting_quorum};

impl Meeting {
    /// A meeting opened with a roll call: who is present, why others are absent, who attends
    /// without a vote, and by which method the panel votes.
    pub fn open(panel: &Panel, roll: Roll, id: String, now: &str) -> Result<Meeting> {
        for m in roll
            .present
            .iter()
            .chain(roll.absent.iter().map(|a| &a.member))
        {
            if panel.member(m).is_none() {
                return Err(Refusal::UnknownMember(m.clone()));
            }
        }
        if let Some(a) = &roll.acting_chair {
            let known = panel.member(a).is_some_and(|m| m.role.votes());
            if !known {
                return Err(Refusal::UnknownMember(a.clone()));
            }
        }
        let chair = panel
            .chair()
            .map(|c| c.id.clone())
            .ok_or(Refusal::NoVotingMembers)?;
        let present = order(panel, &roll.present);
        let absent = panel
            .members
            .iter()
            .filter(|m| !present.contains(&m.id))
            .map(|m| Absence {
                member: m.id.clone(),
                reason: roll
                    .absent
                    .iter()
                    .find(|a| a.member == m.id)
                    .map(|a| a.reason.clone())
                    .unwrap_or_default(),
            })
            .collect();
        Ok(Meeting {
            id,
            opened_at: now.to_string(),
            closed_at: None,
            chair,
            acting_chair: roll.acting_chair,
            clerk: panel.clerk().map(|c| c.id.clone()),
            method: roll.method,
            attendance: Attendance {
                present,
                absent,
                attendees: roll.attendees,
                movements: Vec::new(),
            },
            cases: Vec::new(),
        })
    }

    /// Who presides: the acting chair when one is named, else the chair.
    pub fn presiding(&self) -> &str {
        self.acting_chair.as_deref().unwrap_or(&self.chair)
    }

    pub fn is_present(&self, member: &str) -> bool {
        self.attendance.present.iter().any(|p| p == member)
    }

    /// The meeting's quorum as it stands.
    pub fn quorum(&self, panel: &Panel) -> Quorum {
        let voting = panel.voting_members().count() as u32;
        let present = panel
            .voting_members()
            .filter(|m| self.is_present(&m.id))
            .count() as u32;
        meeting_quorum(voting, present, panel.rules.meeting.quorum)
    }

    /// A member arrives or leaves; the time is kept.
    pub fn set_present(
        &mut self,
        panel: &Panel,
        member: &str,
        present: bool,
        reason: &str,
        now: &str,
    ) -> Result<()> {
        self.writable()?;
        if panel.member(member).is_none() {
            return Err(Refusal::UnknownMember(member.to_string()));
        }
        if self.is_present(member) == present {
            return Ok(());
        }
        // An arrival keeps the reason of the absence it ends, so the minutes never lose it.
        let mut kept = reason.to_string();
        if present {
            let mut ids = self.attendance.present.clone();
            ids.push(member.to_string());
            self.attendance.present = order(panel, &ids);
            self.chair_speaks_again(panel, member, now);
            if let Some(a) = self.attendance.absent.iter().find(|a| a.member == member) {
                kept = a.reason.clone();
            }
            self.attendance.absent.retain(|a| a.member != member);
        } else {
            self.attendance.present.retain(|p| p != member);
            self.attendance.absent.push(Absence {
                member: member.to_string(),
                reason: reason.to_string(),
            });
            self.withdraw_opinions(panel, member, now);
        }
        self.attendance.movements.push(Movement {
            at: now.to_string(),
            member: member.to_string(),
            arrived: present,
            reason: kept,
        });
        Ok(())
    }

    /// A member has left: their opinions on open rounds are withdrawn (kept in the trace), and
    /// a round whose case thereby lost its quorum says so.
    fn withdraw_opinions(&mut self, panel: &Panel, member: &str, now: &str) {
        let open: Vec<String> = self
            .cases
            .iter()
            .filter(|c| c.open_round().is_some())
            .map(|c| c.case.clone())
            .collect();
        let q = panel.rules.meeting.quorum;
        for case in open {
            let quorum = self.counts(panel, &case).quorum(q);
            let Some(round) = self
                .cases
                .iter_mut()
                .find(|c| c.case == case)
                .and_then(|c| c.rounds.iter_mut().rev().find(|r| r.is_open()))
            else {
                continue;
            };
            round.withdraw(member, now);
            if !quorum.met && round.quorum_lost.is_none() {
                round.quorum_lost = Some(QuorumLost {
                    at: now.to_string(),
                    present_entitled: quorum.present,
                    needed: quorum.needed,
                });
            }
        }
    }

    /// A member who may vote returns while a round is open in which the presiding member
    /// has already spoken: under `chair_last` the presiding member's opinion is withdrawn
    /// (kept in the trace), to be given again after the one who returned.
    fn chair_speaks_again(&mut self, panel: &Panel, member: &str, now: &str) {
        if !panel.rules.meeting.chair_last || !panel.member(member).is_some_and(|m| m.role.votes())
        {
            return;
        }
        let presiding = self.presiding().to_string();
        if presiding == member {
            return;
        }
        for r in self.cases.iter_mut() {
            if r.is_recused(member) {
                continue;
            }
            let Some(round) = r.rounds.iter_mut().rev().find(|x| x.is_open()) else {
                continue;
            };
            round.withdraw(&presiding, now);
        }
    }

    /// Who of the voting members is in the room now (P).
    pub fn voting_present(&self, panel: &Panel) -> Vec<String> {
        panel
            .voting_members()
            .filter(|m| self.is_present(&m.id))
            .map(|m| m.id.clone())
            .collect()
    }

    /// Names (or withdraws) an acting chair: a voting member present, while the chair is not.
    pub fn set_acting_chair(&mut self, panel: &Panel, member: Option<&str>) -> Result<()> {
        self.writable()?;
        if let Some(a) = member {
            let votes = panel.member(a).is_some_and(|m| m.role.votes());
            if !votes || !self.is_present(a) || self.is_present(&self.chair) {
                return Err(Refusal::NotVoting(a.to_string()));
            }
        }
        self.acting_chair = member.map(str::to_string);
        Ok(())
    }

    pub fn add_attendee(&mut self, name: &str) -> Result<()> {
        self.writable()?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Refusal::NeedReason);
        }
        self.attendance.attendees.push(name.to_string());
        Ok(())
    }
}
