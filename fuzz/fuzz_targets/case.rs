//! A case file of any bytes: located problems, never a panic or a hang.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (_, report) = docket::store::case_file::check_case_text(None, Path::new("case.yaml"), &text);
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.col >= 1);
        assert!(!d.render(docket::domain::text::Lang::En).chars().any(docket::sanitize::is_unsafe));
    }
});
