//! The shell's integration tests: one binary (see the workspace's STYLE),
//! one module per concern.

mod security;
