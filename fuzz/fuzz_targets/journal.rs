//! A journal of any bytes: its good entries and the damage, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (entries, _) = docket::store::journal::parse(&text);
    for (i, w) in entries.windows(2).enumerate() {
        assert_eq!(w[1].seq, w[0].seq + 1, "entry {i}");
    }
});
