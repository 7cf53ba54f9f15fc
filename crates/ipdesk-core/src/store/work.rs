//! Long work the officer can watch and stop — an import, a backup, a
//! restore, a verification of the evidence locker. Each looks at its
//! [`Cancel`] switch only where stopping leaves nothing half-done, and then
//! fails with [`Error::Cancelled`].

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

/// A switch another thread flips to stop long work part way. One switch per
/// kind of work in the app (a `static`), as one of each runs at a time.
#[derive(Clone, Copy, Default)]
pub struct Cancel(Option<&'static AtomicBool>);

impl Cancel {
    pub fn new(flag: &'static AtomicBool) -> Cancel {
        Cancel(Some(flag))
    }

    pub(crate) fn requested(&self) -> bool {
        self.0.is_some_and(|f| f.load(Ordering::Relaxed))
    }

    /// `Err(Cancelled)` once the switch is flipped.
    pub(crate) fn check(&self) -> Result<()> {
        if self.requested() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

impl PartialEq for Cancel {
    fn eq(&self, other: &Cancel) -> bool {
        match (self.0, other.0) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

impl Eq for Cancel {}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Cancel({})",
            if self.requested() { "requested" } else { "-" }
        )
    }
}

/// How long work is followed: its cancel switch, and where it reports a
/// stage code (`check`, `copy`, `migrate`, `verify` …) with how much of
/// that stage is done.
pub struct Watch<'a> {
    pub cancel: Cancel,
    progress: Box<dyn FnMut(&'static str, u64, u64) + Send + 'a>,
}

impl std::fmt::Debug for Watch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("cancel", &self.cancel)
            .finish_non_exhaustive()
    }
}

impl<'a> Watch<'a> {
    pub fn new(cancel: Cancel, progress: impl FnMut(&'static str, u64, u64) + Send + 'a) -> Self {
        Watch {
            cancel,
            progress: Box::new(progress),
        }
    }

    /// Nobody watching: no reports, never cancelled.
    pub fn none() -> Watch<'static> {
        Watch::new(Cancel::default(), |_, _, _| {})
    }

    pub(crate) fn report(&mut self, stage: &'static str, done: u64, total: u64) {
        (self.progress)(stage, done, total);
    }

    pub(crate) fn check(&self) -> Result<()> {
        self.cancel.check()
    }
}
