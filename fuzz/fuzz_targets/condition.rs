#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rolecall_testkit::fuzz::condition(data));
