//! Arbitrary bytes as a spec: the generator must answer with code or diagnostics, never
//! a panic, a stack overflow or a hang. Seed the corpus with real specs (see fuzz/README.md)
//! so the mutations start from documents that get past the parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = wiretype::generate(text);
    }
});
