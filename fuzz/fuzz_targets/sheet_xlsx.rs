#![no_main]
//! Body in `ipdesk_core::fuzzing::sheet_xlsx`, shared with the corpus replay test.

libfuzzer_sys::fuzz_target!(
    init: ipdesk_core::fuzzing::contain_reader_panics(),
    |data: &[u8]| ipdesk_core::fuzzing::sheet_xlsx(data)
);
