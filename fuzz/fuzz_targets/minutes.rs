//! Minutes of any bytes: a located error, or a value that survives rendering and reading back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(m) = docket::store::minutes::parse(text) {
        let again = docket::store::minutes::render(&m).expect("render what was read");
        let back = docket::store::minutes::parse(&again).expect("read what was rendered");
        assert_eq!(back, m);
        let _ = docket::store::minutes::verify(text, &m);
    }
});
