//! Integration tests of ipdesk-core, one binary; modules mirror `src/`.

mod migrations;
mod store;
