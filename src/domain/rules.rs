//! The rules a panel applies: case kinds, distinctions, situations or grounds, outcomes,
//! opinions and the meeting rule. Data read from a rules file, never hard-coded.

use serde::{Deserialize, Serialize};

use super::pass_rule::PassRule;
use super::quorum::Fraction;
use super::text::{Lang, Text};

#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub opinions: Vec<OpinionLabel>,
    pub kinds: Vec<Kind>,
    pub meeting: MeetingRule,
}

/// A kind of case (tolerance, adjustment) with what the panel weighs and may decide for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Kind {
    pub id: String,
    pub name: Text,
    /// A word or two for narrow columns (容错, 调整).
    pub short: Option<Text>,
    pub distinctions: Vec<Distinction>,
    /// Situations (tolerance) or grounds (adjustment): which one `item_noun` says.
    pub items: Vec<Item>,
    pub item_noun: ItemNoun,
    pub outcomes: Vec<Outcome>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemNoun {
    Situation,
    Ground,
}

/// One of the three distinctions: a tolerable kind of error set against a conduct that is not.
#[derive(Clone, Debug, PartialEq)]
pub struct Distinction {
    pub id: String,
    pub name: Option<Text>,
    pub tolerable: Text,
    pub not_tolerable: Text,
}

/// A tolerable situation or a ground for adjustment.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub id: String,
    pub label: Text,
    /// Lenient outcomes (tolerate, mitigate) need an override reason when a distinction was
    /// found on its not-tolerable side.
    pub lenient: bool,
    /// The outcome recorded when nothing can be decided (no quorum, no round passed).
    pub deferral: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OpinionLabel {
    pub opinion: Opinion,
    pub label: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opinion {
    Agree,
    Disagree,
    Defer,
    Abstain,
}

impl Opinion {
    pub const ALL: [Opinion; 4] = [
        Opinion::Agree,
        Opinion::Disagree,
        Opinion::Defer,
        Opinion::Abstain,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Opinion::Agree => "agree",
            Opinion::Disagree => "disagree",
            Opinion::Defer => "defer",
            Opinion::Abstain => "abstain",
        }
    }

    pub fn from_id(s: &str) -> Option<Opinion> {
        Opinion::ALL.into_iter().find(|o| o.id() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Named,
    ShowOfHands,
    Oral,
    Secret,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::Named,
        Method::ShowOfHands,
        Method::Oral,
        Method::Secret,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Method::Named => "named",
            Method::ShowOfHands => "show_of_hands",
            Method::Oral => "oral",
            Method::Secret => "secret",
        }
    }

    pub fn from_id(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.id() == s)
    }

    /// A secret ballot records counts only, never who voted how.
    pub fn is_secret(self) -> bool {
        self == Method::Secret
    }
}

/// Whether members who sat on an earlier decision may vote on its review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewRule {
    MayVote,
    Recuse,
}

impl ReviewRule {
    pub const ALL: [ReviewRule; 2] = [ReviewRule::MayVote, ReviewRule::Recuse];

    pub fn id(self) -> &'static str {
        match self {
            ReviewRule::MayVote => "may_vote",
            ReviewRule::Recuse => "recuse",
        }
    }

    pub fn from_id(s: &str) -> Option<ReviewRule> {
        ReviewRule::ALL.into_iter().find(|r| r.id() == s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MeetingRule {
    pub quorum: Fraction,
    pub pass: PassRule,
    pub chair_last: bool,
    pub review: ReviewRule,
    /// Each voting method the panel may use, with the opinions it allows, in display order.
    pub methods: Vec<(Method, Vec<Opinion>)>,
}

impl Default for MeetingRule {
    /// The rule of the cadre selection regulations (2019 text), docket's default.
    fn default() -> Self {
        use Opinion::*;
        MeetingRule {
            quorum: Fraction { num: 2, den: 3 },
            pass: PassRule::MoreThanHalfOfEntitled,
            chair_last: true,
            review: ReviewRule::MayVote,
            methods: vec![
                (Method::Named, vec![Agree, Disagree, Defer]),
                (Method::ShowOfHands, vec![Agree, Disagree, Defer]),
                (Method::Oral, vec![Agree, Disagree, Defer]),
                (Method::Secret, vec![Agree, Disagree, Abstain]),
            ],
        }
    }
}

impl MeetingRule {
    pub fn opinions_for(&self, method: Method) -> Option<&[Opinion]> {
        self.methods
            .iter()
            .find(|(m, _)| *m == method)
            .map(|(_, o)| o.as_slice())
    }
}

/// The title of rules changed by `file` without a title of their own, in the language of
/// `base`. It is the rules' data, not a word of the screen: it goes into the rules (and the
/// minutes that cite them) in both languages at once, like the title it extends, so it is
/// made here with the rules and kept raw; whoever shows it escapes it.
pub fn amended_title(base: &str, file: &str, lang: super::text::Lang) -> String {
    match lang {
        super::text::Lang::En => format!("{base} as amended by {file}"),
        super::text::Lang::Zh => format!("{base}（经 {file} 修改）"),
    }
}

impl Rules {
    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// The kind that defines situation or ground `item`, for "belongs to the other kind" errors.
    pub fn kind_of_item(&self, item: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.item(item).is_some())
    }

    pub fn kind_of_outcome(&self, outcome: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.outcome(outcome).is_some())
    }

    pub fn opinion_label(&self, opinion: Opinion, lang: Lang) -> &str {
        self.opinions
            .iter()
            .find(|l| l.opinion == opinion)
            .map(|l| l.label.get(lang))
            .unwrap_or(opinion.id())
    }
}

impl Kind {
    pub fn short(&self, lang: Lang) -> &str {
        self.short.as_ref().unwrap_or(&self.name).get(lang)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    pub fn distinction(&self, id: &str) -> Option<&Distinction> {
        self.distinctions.iter().find(|d| d.id == id)
    }
}

/// The rules as lines of tab-separated fields, in the order the rules give them: the form
/// the minutes' rules digest covers. Written here by hand, not by any library, so that a
/// new YAML or debug formatter never changes a sealed digest; docs/formats.md defines it.
///
/// Each line is a record name and its fields; in a field, `\` is written `\\`, a tab `\t`,
/// a line break `\n`, a carriage return `\r`; an absent text is empty; a flag is 0 or 1.
pub fn canonical(r: &Rules) -> String {
    fn esc(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out
    }
    fn text(t: &Text) -> String {
        format!("{}\t{}", esc(&t.zh), esc(t.en.as_deref().unwrap_or("")))
    }
    fn opt(t: &Option<Text>) -> String {
        t.as_ref().map_or_else(|| "\t".to_string(), text)
    }
    let flag = |b: bool| if b { "1" } else { "0" };
    let mut out = String::from("docket-rules 1\n");
    let mut line = |fields: &[&str]| {
        out.push_str(&fields.join("\t"));
        out.push('\n');
    };
    line(&["id", &esc(&r.id)]);
    line(&["version", &esc(&r.version)]);
    line(&["title", &text(&r.title)]);
    for o in &r.opinions {
        line(&["opinion", o.opinion.id(), &text(&o.label)]);
    }
    for k in &r.kinds {
        let noun = match k.item_noun {
            ItemNoun::Situation => "situation",
            ItemNoun::Ground => "ground",
        };
        line(&["kind", &esc(&k.id), &text(&k.name), &opt(&k.short), noun]);
        for d in &k.distinctions {
            line(&[
                "distinction",
                &esc(&d.id),
                &opt(&d.name),
                &text(&d.tolerable),
                &text(&d.not_tolerable),
            ]);
        }
        for i in &k.items {
            line(&["item", &esc(&i.id), &text(&i.text)]);
        }
        for o in &k.outcomes {
            line(&[
                "outcome",
                &esc(&o.id),
                &text(&o.label),
                flag(o.lenient),
                flag(o.deferral),
            ]);
        }
    }
    let m = &r.meeting;
    line(&["quorum", &m.quorum.to_string()]);
    line(&["pass", m.pass.id()]);
    line(&["chair_last", flag(m.chair_last)]);
    line(&["review", m.review.id()]);
    for (method, opinions) in &m.methods {
        let ids: Vec<&str> = opinions.iter().map(|o| o.id()).collect();
        line(&["method", method.id(), &ids.join(",")]);
    }
    out
}
