//! Printable documents for people who never open docket: a meeting's minutes and the next
//! meeting's agenda, as 80-column text, GitHub-flavoured Markdown or one HTML file for A4.
//!
//! Each document is first built as a list of blocks ([`doc`]), from raw texts; each format
//! then renders those blocks and escapes every text its own way. So the three formats always
//! say the same thing, and what came from a file is escaped in exactly one place per format.

pub mod agenda;
mod doc;
mod html;
mod markdown;
pub mod minutes;
mod run;
mod text;

use std::path::{Path, PathBuf};

use crate::domain::panel::Panel;
use crate::domain::text::Lang;
use crate::store::minutes::{self as store, Minutes, MinutesError, Seal};
use crate::store::panel::{LoadedCase, PANEL_FILE};

pub use agenda::agenda_cases;

/// A heading and the situations or grounds `ids`, each with its rule text (an id the rules
/// no longer hold stands alone). `headings` are for situations, grounds, and a kind unknown.
fn items(
    doc: &mut doc::Doc,
    headings: [crate::i18n::S; 3],
    ids: &[String],
    kind: Option<&crate::domain::rules::Kind>,
    lang: Lang,
) {
    use crate::domain::rules::ItemNoun;
    let heading = match kind.map(|k| k.item_noun) {
        Some(ItemNoun::Situation) => headings[0],
        Some(ItemNoun::Ground) => headings[1],
        None => headings[2],
    };
    doc.heading(3, heading.get(lang));
    let items = ids
        .iter()
        .map(|id| match kind.and_then(|k| k.item(id)) {
            Some(i) => format!("{id} {}", i.text.get(lang)),
            None => id.clone(),
        })
        .collect();
    doc.list_or(items, crate::i18n::PR_NONE.get(lang));
}
pub use run::{run_agenda, run_minutes};
pub use text::WIDTH;

/// The formats a document can be printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text on 80 columns (Chinese aligned), for a terminal or a plain printer.
    #[default]
    Text,
    /// GitHub-flavoured Markdown.
    #[value(name = "md")]
    Markdown,
    /// One self-contained HTML file laid out for A4: open it in a browser, WPS or Word and
    /// print.
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

    /// The name `--format` takes.
    pub fn id(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

fn render(doc: &doc::Doc, format: Format) -> String {
    match format {
        Format::Text => text::render(doc),
        Format::Markdown => markdown::render(doc),
        Format::Html => html::render(doc),
    }
}

/// The minutes as a printable document. `seal` is what `store::minutes::verify` found: an
/// unfinalized or changed file says so where nobody can miss it.
pub fn minutes(
    m: &Minutes,
    seal: &Seal,
    extra: minutes::Extra,
    format: Format,
    lang: Lang,
) -> String {
    render(&minutes::build(m, seal, extra, lang), format)
}

/// The next meeting's agenda over `cases`, in the order given (see [`agenda_cases`]).
pub fn agenda(
    panel: &Panel,
    cases: &[&LoadedCase],
    cx: agenda::Context,
    format: Format,
    lang: Lang,
) -> String {
    render(&agenda::build(panel, cases, cx, lang), format)
}

/// The panel folder a minutes file belongs to: `PANEL` of `PANEL/minutes/FILE`, when it holds
/// a panel.yaml.
pub fn panel_dir_of(minutes_file: &Path) -> Option<PathBuf> {
    // A bare file name has an empty parent: make the path whole first.
    let path = std::path::absolute(minutes_file).ok()?;
    let dir = path.parent()?.parent()?;
    dir.join(PANEL_FILE).is_file().then(|| dir.to_path_buf())
}

/// A minutes file printed, and whether its digests hold.
#[derive(Debug)]
pub struct Printed {
    pub document: String,
    pub seal: Seal,
}

/// Reads a minutes file and prints it. The panel folder around it, when there is one, gives
/// the classification line and, when its rules are the ones the minutes name (id and
/// version), the rule texts and labels; otherwise ids stand in for them.
pub fn minutes_file(path: &Path, format: Format, lang: Lang) -> Result<Printed, MinutesError> {
    let (text, m) = store::read(path)?;
    let seal = store::verify(&text, &m);
    let panel = panel_dir_of(path).and_then(|d| crate::config::load_panel(&d).panel);
    let rules = panel
        .as_ref()
        .map(|p| &p.rules)
        .filter(|r| r.id == m.rules.id && r.version == m.rules.version);
    let extra = minutes::Extra {
        rules,
        classification: panel.as_ref().and_then(|p| p.classification.as_deref()),
    };
    let mut doc = minutes::build(&m, &seal, extra, lang);
    // Corrections made after finalizing follow the sealed minutes, each with its own seal.
    if let (Some(f), Some(dir)) = (&m.finalization, panel_dir_of(path)) {
        let addenda = crate::store::addendum::read_all(&dir, &m.meeting.id, &f.minutes_digest);
        add_addenda(&mut doc, &addenda, lang);
    }
    Ok(Printed {
        document: render(&doc, format),
        seal,
    })
}

/// The addenda of the minutes as a part of the document.
fn add_addenda(
    doc: &mut doc::Doc,
    addenda: &[(crate::store::addendum::Addendum, bool)],
    lang: Lang,
) {
    if addenda.is_empty() {
        return;
    }
    doc.heading(1, crate::i18n::ADDENDUM.get(lang));
    for (a, ok) in addenda {
        doc.heading(
            2,
            format!("{} #{}", crate::i18n::ADDENDUM.get(lang), a.number),
        );
        if !ok {
            doc.push(doc::Block::Notice(
                crate::i18n::ADDENDUM_BROKEN.get(lang).to_string(),
            ));
        }
        let mut fields = vec![
            doc::field(crate::i18n::REASON_LABEL.get(lang), a.reason.clone()),
            doc::field(crate::i18n::PR_LABEL_MADE_AT.get(lang), a.made_at.clone()),
            doc::field(
                crate::i18n::PR_LABEL_BY.get(lang),
                format!("{} ({})", a.by, a.user),
            ),
        ];
        fields.push(doc::mono(
            crate::i18n::PR_LABEL_DIGEST.get(lang),
            a.digest.clone(),
        ));
        doc.push(doc::Block::Fields(fields));
        let items: Vec<String> = a
            .corrections
            .iter()
            .map(|c| match &c.case {
                Some(case) => format!("{case}: {}", c.text),
                None => c.text.clone(),
            })
            .collect();
        doc.push(doc::Block::List(items));
    }
}
