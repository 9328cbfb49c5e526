//! SIGTERM, SIGHUP and SIGINT while the full-screen view runs: the handler only raises a
//! flag (all a signal handler may safely do); the event loop sees it within one tick,
//! leaves raw mode and the alternate screen, shows the cursor, and exits.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::error::{Error, Result};

const SIGNALS: [(i32, &str); 3] = [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT")];

pub struct Stop {
    /// The signal received, 0 while none.
    got: Arc<AtomicUsize>,
    ids: Vec<signal_hook::SigId>,
}

impl Stop {
    pub fn register() -> Result<Stop> {
        let got = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for (sig, _) in SIGNALS {
            let id = signal_hook::flag::register_usize(sig, Arc::clone(&got), sig as usize)
                .map_err(|e| Error::io("cannot watch for signals on", "the terminal", e))?;
            ids.push(id);
        }
        Ok(Stop { got, ids })
    }

    /// The name of the signal received, if one was.
    pub fn received(&self) -> Option<&'static str> {
        let got = self.got.load(Ordering::SeqCst);
        SIGNALS
            .iter()
            .find(|(sig, _)| *sig as usize == got)
            .map(|(_, name)| *name)
    }
}

impl Drop for Stop {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}
