#![no_main]
//! Body in `ipdesk_core::fuzzing::pdf_text`, shared with the corpus replay test.

libfuzzer_sys::fuzz_target!(|data: &[u8]| ipdesk_core::fuzzing::pdf_text(data));
