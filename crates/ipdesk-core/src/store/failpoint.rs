//! Named fail points for the crash harness (`tests/it/crash.rs`).
//!
//! A debug build ends the process on the spot — no destructors, no SQLite
//! close, exactly as a kill would — when it reaches the point named by the
//! `IPDESK_FAILPOINT` environment variable. Release builds compile every
//! point away, so a shipped binary has no such switch.

/// The exit status of a process stopped at a fail point, so the harness can
/// tell it from any other end.
#[cfg(debug_assertions)]
const FAILPOINT_EXIT: i32 = 86;

/// Ends the process if `IPDESK_FAILPOINT` names this point.
#[cfg(debug_assertions)]
pub(crate) fn hit(name: &str) {
    use std::sync::OnceLock;
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    let armed = ARMED.get_or_init(|| std::env::var("IPDESK_FAILPOINT").ok());
    if armed.as_deref() == Some(name) {
        // `exit` runs no Rust destructors: the connection is dropped
        // mid-flight as by a kill; the kernel keeps what was written.
        std::process::exit(FAILPOINT_EXIT);
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn hit(_name: &str) {}
