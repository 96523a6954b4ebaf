//! The built-in rules: loaded cleanly, quoted verbatim from the source, extended by a county.

use std::path::Path;

use docket::domain::pass_rule::PassRule;
use docket::domain::quorum::Fraction;
use docket::domain::rules::{ItemNoun, Method, Opinion, ReviewRule};
use docket::domain::text::Lang;
use docket::store::rules;

fn data() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))
}

#[test]
fn builtin_rules_load_without_a_single_problem() {
    let (r, report) = rules::load("xinzhou-2017", None);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let r = r.expect("rules");
    assert_eq!(r.id, "xinzhou-2017");
    let tol = r.kind("tolerance").expect("tolerance kind");
    let ids: Vec<&str> = tol.distinctions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["D1", "D2", "D3"]);
    assert_eq!(tol.items.len(), 9);
    assert_eq!(tol.item_noun, ItemNoun::Situation);
    let outcomes: Vec<&str> = tol.outcomes.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(outcomes, ["tolerate", "mitigate", "not_tolerate", "defer"]);
    let adj = r.kind("adjustment").expect("adjustment kind");
    assert_eq!(adj.item_noun, ItemNoun::Ground);
    assert_eq!(adj.items.len(), 4);
    let outcomes: Vec<&str> = adj.outcomes.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        outcomes,
        ["remove", "adjust", "hold_accountable", "no_action", "defer"]
    );
    let m = &r.meeting;
    assert_eq!(m.quorum, Fraction { num: 2, den: 3 });
    assert_eq!(m.pass, PassRule::MoreThanHalfOfEntitled);
    assert!(m.chair_last);
    assert_eq!(m.review, ReviewRule::MayVote);
    assert_eq!(
        m.opinions_for(Method::Secret),
        Some(&[Opinion::Agree, Opinion::Disagree, Opinion::Abstain][..])
    );
    assert_eq!(
        m.opinions_for(Method::Named),
        Some(&[Opinion::Agree, Opinion::Disagree, Opinion::Defer][..])
    );
}

#[test]
fn every_rule_text_is_quoted_verbatim_from_the_source() {
    let source = std::fs::read_to_string(data().join("source-interview.simplified.txt"))
        .expect("source text");
    let (r, _) = rules::load("xinzhou-2017", None);
    let r = r.expect("rules");
    let mut quoted = 0;
    for kind in &r.kinds {
        for d in &kind.distinctions {
            for t in [&d.tolerable, &d.not_tolerable] {
                assert!(source.contains(&t.zh), "not in the source: {}", t.zh);
                assert!(
                    t.en.as_ref().is_some_and(|e| !e.is_empty()),
                    "{} has no English",
                    d.id
                );
                quoted += 1;
            }
        }
        for item in &kind.items {
            assert!(
                source.contains(&item.text.zh),
                "not in the source: {}",
                item.text.zh
            );
            assert!(item.text.en.is_some(), "{} has no English", item.id);
            quoted += 1;
        }
    }
    assert_eq!(quoted, 6 + 9 + 4);
}

#[test]
fn a_county_rule_keeps_everything_and_raises_the_quorum() {
    let (r, report) = rules::load("quorum-3-4.yaml", Some(&data().join("county")));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let r = r.expect("rules");
    let (base, _) = rules::load("xinzhou-2017", None);
    let base = base.expect("base rules");
    assert_eq!(r.id, "pingan-county-2026");
    assert_eq!(r.meeting.quorum, Fraction { num: 3, den: 4 });
    assert_eq!(r.meeting.pass, base.meeting.pass);
    assert_eq!(r.meeting.methods, base.meeting.methods);
    assert_eq!(r.kinds, base.kinds);
}

#[test]
fn a_county_rule_adds_removes_and_replaces_items_by_id() {
    let (r, report) = rules::load("situations.yaml", Some(&data().join("county")));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let r = r.expect("rules");
    // Two levels of extends: the quorum comes from the middle file.
    assert_eq!(r.meeting.quorum, Fraction { num: 3, den: 4 });
    let tol = r.kind("tolerance").expect("tolerance");
    let ids: Vec<&str> = tol.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S10"]);
    // D3 was replaced by a Chinese-only text: English readers see the Chinese.
    let d3 = tol.distinction("D3").expect("D3");
    assert_eq!(d3.tolerable.get(Lang::En), "为推动发展的无意过失");
    assert_eq!(d3.name, None);
    // D1 untouched keeps its English.
    let d1 = tol.distinction("D1").expect("D1");
    assert!(d1.tolerable.get(Lang::En).starts_with("Errors made"));
    let adj = r.kind("adjustment").expect("adjustment");
    assert!(adj.outcome("admonish").is_some());
    assert!(adj.outcome("remove").is_some());
}

#[test]
fn s4_reads_as_the_source_writes_it_in_simplified_script() {
    // The vendored source once carried 著眼 (a conversion slip) where the simplified text has
    // 着眼; the fidelity test above only holds if both copies are right.
    let (r, _) = rules::load("xinzhou-2017", None);
    let r = r.expect("rules");
    let s4 = r
        .kinds
        .iter()
        .find_map(|k| k.item("S4"))
        .expect("S4 is a situation");
    assert!(s4.text.zh.contains("因着眼于优化流程"), "{}", s4.text.zh);
    let source = std::fs::read_to_string(data().join("source-interview.simplified.txt"))
        .expect("source text");
    assert!(!source.contains('著'), "the simplified source has no 著");
}

#[test]
fn rules_that_change_the_base_without_naming_themselves_are_named_after_the_change() {
    let (r, report) = rules::load("unnamed-3-4.yaml", Some(&data().join("county")));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let r = r.expect("rules");
    assert_eq!(r.meeting.quorum, Fraction { num: 3, den: 4 });
    assert_eq!(r.id, "xinzhou-2017+unnamed-3-4.yaml");
    assert_eq!(
        r.title.get(Lang::Zh),
        "忻州市支持干部改革创新合理容错实施办法（试行）（经 unnamed-3-4.yaml 修改）"
    );
    assert!(
        r.title
            .get(Lang::En)
            .ends_with("reasonable error tolerance as amended by unnamed-3-4.yaml"),
        "{}",
        r.title.get(Lang::En)
    );
    // A file that names itself keeps its id; with no title of its own, its title says whose
    // text it amends rather than passing for the base.
    let (named, _) = rules::load("quorum-3-4.yaml", Some(&data().join("county")));
    let named = named.expect("rules");
    assert_eq!(named.id, "pingan-county-2026");
    assert!(
        named
            .title
            .get(Lang::Zh)
            .ends_with("（经 quorum-3-4.yaml 修改）"),
        "{}",
        named.title.get(Lang::Zh)
    );
}
