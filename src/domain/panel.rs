//! A review panel: its members and their roles, and the rules it applies.

use super::rules::Rules;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Chairs the meeting and states their opinion last.
    Chair,
    Member,
    /// Keeps the minutes; does not vote.
    Clerk,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Chair, Role::Member, Role::Clerk];

    pub fn id(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Member => "member",
            Role::Clerk => "clerk",
        }
    }

    pub fn from_id(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == s)
    }

    pub fn votes(self) -> bool {
        self != Role::Clerk
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// The member's SSH public key (OpenSSH's one-line form), to check their signatures.
    pub key: Option<String>,
    /// Keys the member signed with before `key`: their old signatures still count.
    pub previous_keys: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub name: String,
    pub unit: Option<String>,
    /// What panel.yaml named: a built-in id or a path relative to the panel folder.
    pub rules_ref: String,
    pub members: Vec<Member>,
    /// The Unix group whose members may read the minutes.
    pub group: Option<String>,
    /// The classification printed at the top of minutes and agendas (密级, e.g. 内部).
    pub classification: Option<String>,
    /// IANA time zone name; the system's when absent.
    pub timezone: Option<String>,
    /// The effective rules, with the panel's own meeting overrides applied.
    pub rules: Rules,
    /// Members who sign sealed minutes besides the chair and the clerk.
    pub signers: Vec<String>,
}

impl Panel {
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub fn chair(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.role == Role::Chair)
    }

    pub fn clerk(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.role == Role::Clerk)
    }

    /// Who signs sealed minutes: the clerk (at finalizing), the chair, and the members the
    /// panel names, each once, in panel order.
    pub fn required_signers(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(|m| matches!(m.role, Role::Chair | Role::Clerk) || self.signers.contains(&m.id))
    }

    /// Chair and members, in the order panel.yaml lists them.
    pub fn voting_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.role.votes())
    }
}
