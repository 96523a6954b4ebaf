//! The complete minutes example in docs/formats.md is what docket's writer produces.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use docket::store::minutes::{self, Seal};

fn example() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/formats.md"))
        .expect("docs/formats.md");
    let start = doc
        .find("<!-- minutes-example -->\n```yaml\n")
        .expect("the minutes example marker")
        + "<!-- minutes-example -->\n```yaml\n".len();
    let len = doc[start..].find("```").expect("the example's end");
    doc[start..start + len].to_string()
}

#[test]
fn the_documented_minutes_are_exactly_what_the_writer_writes() {
    let text = example();
    let m = minutes::parse(&text).expect("the example parses as minutes");
    assert_eq!(minutes::render(&m).expect("render"), text);
    assert_eq!(minutes::verify(&text, &m), Seal::Intact);
    assert!(m.is_final());
    // It shows what it claims to: a voided round, a declared recusal, a deferral.
    assert!(
        m.cases
            .iter()
            .any(|c| c.rounds.iter().any(|r| r.void.is_some()))
    );
    assert!(
        m.cases
            .iter()
            .any(|c| c.recusals.iter().any(|r| r.declared))
    );
    assert!(
        m.cases
            .iter()
            .any(|c| c.determination().is_some_and(|d| d.outcome == "defer"))
    );
    assert!(m.attendance.movements.iter().any(|x| !x.reason.is_empty()));
    assert!(
        m.cases
            .iter()
            .any(|c| c.rounds.iter().any(|r| !r.corrections.is_empty()))
    );
    assert!(!m.attendance.attendees.is_empty());
}

#[test]
fn a_changed_byte_breaks_the_seal_and_names_the_case() {
    let text = example();
    let tampered = text.replacen(
        "符合第五种情形，予以容错。",
        "符合第五种情形，予以免责。",
        1,
    );
    let m = minutes::parse(&tampered).expect("still parses");
    assert_eq!(
        minutes::verify(&tampered, &m),
        Seal::Broken(Some("2026-007".into()))
    );
    let tampered = text.replacen("县纪委监委第二监督检查室 刘明", "县纪委监委 刘明", 1);
    let m = minutes::parse(&tampered).expect("still parses");
    assert_eq!(minutes::verify(&tampered, &m), Seal::Broken(None));
}

#[test]
fn the_rules_digest_is_over_the_documented_canonical_form() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/panels/example");
    let loaded = docket::config::load_panel(std::path::Path::new(dir));
    let panel = loaded.panel.expect("the example panel loads");
    let canonical = docket::domain::rules::canonical(&panel.rules);
    // The lines formats.md 6.3.1 lists, in its order, and nothing from a formatter.
    assert!(
        canonical.starts_with("docket-rules 1\nid\txinzhou-2017\nversion\t2017\ntitle\t"),
        "{canonical}"
    );
    for record in [
        "opinion\tagree\t",
        "kind\ttolerance\t",
        "distinction\tD1\t",
        "item\tS1\t",
        "quorum\t2/3\n",
        "method\tnamed\t",
    ] {
        assert!(canonical.contains(record), "{record:?}");
    }
    assert!(!canonical.contains("Rules {") && !canonical.contains("Text {"));
    let digest = minutes::rules_digest(&panel);
    assert_eq!(digest, minutes::sha256_hex(canonical.as_bytes()));
    // The documented minutes name the example's rules by this digest.
    let m = minutes::parse(&example()).expect("parses");
    assert_eq!(m.rules.digest, digest);
}
