//! Hangups and termination: SIGHUP (an SSH link dropped), SIGTERM and SIGINT end docket
//! promptly, after any write under way has finished, without touching a terminal that is gone.

use std::sync::{Arc, Mutex};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Starts the thread that ends docket on a signal. `persisting` is held by the event loop
/// while it writes; the signal waits for it, so the journal never keeps half a step.
pub fn watch(persisting: Arc<Mutex<()>>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGINT, SIGTERM])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _guard = persisting.lock();
            if sig != SIGHUP {
                // The terminal is still there: give it back in order. After a hangup it is
                // gone, and writing to it could block or fail; either way, the error is moot.
                let _ = ratatui::try_restore();
            }
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}
