//! The fast YAML reader against serde_yaml: whatever it reads, serde_yaml must read the
//! same; whatever serde_yaml refuses, it must give up on. A difference is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(fast) = wiretype::load::block_yaml::read(text) {
            match wiretype::load::parse_yaml(text) {
                Ok(reference) => assert!(fast == reference, "the readers differ on {text:?}"),
                Err(e) => panic!("the fast reader accepted what serde_yaml refuses ({e}): {text:?}"),
            }
        }
    }
});
