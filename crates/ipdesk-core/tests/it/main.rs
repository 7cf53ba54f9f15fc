//! Integration tests of ipdesk-core, one binary; modules mirror `src/`.

mod io;
mod migrations;
mod report;
mod store;
