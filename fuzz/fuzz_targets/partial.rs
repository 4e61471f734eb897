#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| salesplan_fuzz_checks::partial(data));
