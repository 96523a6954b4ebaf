//! Hangups and termination: SIGHUP (an SSH link dropped), a terminal that hung up with no
//! signal, SIGTERM and SIGINT end docket promptly, after any write under way has finished,
//! without touching a terminal that is gone.

use std::sync::{Arc, Mutex};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Starts the thread that ends docket on a signal. `persisting` is held by the event loop
/// while it writes; the signal waits for it, so the journal never keeps half a step.
pub fn watch(persisting: Arc<Mutex<()>>) -> std::io::Result<()> {
    let persisting_for_hangup = Arc::clone(&persisting);
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
    // A terminal can hang up with no SIGHUP reaching docket (it ran under su or sudo, or the
    // signal went to another process group): reads then return nothing forever, and the
    // event loop would spin. The terminal saying it hung up ends docket as the signal would.
    let persisting_hup = Arc::clone(&persisting_for_hangup);
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Ok(());
    }
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        loop {
            std::thread::sleep(std::time::Duration::from_millis(500));
            if hung_up(&stdin) {
                let _guard = persisting_hup.lock();
                std::process::exit(128 + SIGHUP);
            }
        }
    });
    Ok(())
}

/// Whether the terminal on `fd` has hung up (its other end closed).
pub fn hung_up(fd: &impl std::os::fd::AsFd) -> bool {
    use rustix::event::{PollFd, PollFlags, poll};
    let mut fds = [PollFd::new(fd, PollFlags::IN)];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    poll(&mut fds, Some(&zero)).is_ok()
        && fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}
