#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rolecall_testkit::fuzz::policy_document(data));
