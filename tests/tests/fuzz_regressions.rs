//! Inputs that must end in code or diagnostics, never a panic or a stack overflow:
//! every file in `tests/fuzz-regressions/` (crashes the fuzzer found, kept after the fix)
//! and long chains built here, which a recursive generator would overflow on.

use tests::root;

fn survives(name: &str, text: &str) {
    // The result may be either; reaching this line without a panic is the point, but an
    // error must still say where.
    if let Err(errors) = wiretype::generate(text) {
        assert!(!errors.is_empty(), "{name}: an Err without diagnostics");
        assert!(errors.iter().all(|d| d.pointer.starts_with('#')), "{name}: {errors:?}");
    }
}

#[test]
fn every_saved_fuzz_input_is_handled() {
    let dir = root().join("tests/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/fuzz-regressions exists").flatten().collect();
    files.sort_by_key(|e| e.path());
    for entry in files {
        let bytes = std::fs::read(entry.path()).expect("readable");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            survives(&entry.path().display().to_string(), text);
        }
    }
}

fn chain(count: usize, link: impl Fn(usize) -> String) -> String {
    let mut doc =
        String::from("openapi: 3.0.3\ninfo: {title: chain, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..count {
        doc.push_str(&format!("    S{i}: {}\n", link(i + 1)));
    }
    doc.push_str(&format!("    S{count}: {{type: string}}\n"));
    doc
}

#[test]
fn long_reference_chains_do_not_overflow_the_stack() {
    // Run on a thread with a small stack, so that recursion proportional to the chain
    // would fail here rather than only on a smaller machine.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            survives("alias chain", &chain(3000, |next| format!("{{$ref: '#/components/schemas/S{next}'}}")));
            survives(
                "property chain",
                &chain(3000, |next| {
                    format!("{{type: object, properties: {{p: {{$ref: '#/components/schemas/S{next}'}}}}}}")
                }),
            );
            survives(
                "allOf chain",
                &chain(3000, |next| format!("{{allOf: [{{$ref: '#/components/schemas/S{next}'}}]}}")),
            );
            survives(
                "array chain",
                &chain(3000, |next| format!("{{type: array, items: {{$ref: '#/components/schemas/S{next}'}}}}")),
            );
        })
        .expect("thread starts");
    handle.join().expect("no panic and no stack overflow");
}
