//! A rules file of any bytes: decoded or reported, never a panic or a hang.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = docket::store::rules::check_rules_text(Path::new("rules.yaml"), &text);
});
