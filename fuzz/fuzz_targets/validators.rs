#![no_main]
//! Body in `ipdesk_core::fuzzing::validators`, shared with the corpus replay test.

libfuzzer_sys::fuzz_target!(|data: &[u8]| ipdesk_core::fuzzing::validators(data));
