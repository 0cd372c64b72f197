//! The generator's modules form a line, stage by stage: no two modules import each other
//! (`../shared/tools/module_cycles.py`), and no stage reaches into a later one. The
//! runtime's modules form a line too, and no source file of either grows past 700 lines.

/// Every `.rs` file under `dir`, at any depth.
fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("list").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The generator's source files, as (path relative to `src`, text without line comments).
fn sources() -> Vec<(String, String)> {
    let src = tests::root().join("generator/src");
    let mut out: Vec<(String, String)> = rust_files(&src)
        .into_iter()
        .map(|path| {
            let text = tests::read(&path);
            let code: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
            let relative = path.strip_prefix(&src).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            (relative, code)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn no_two_modules_import_each_other() {
    // Without the tool there is no check: that fails, rather than passing unchecked.
    let tool = tests::shared("tools/module_cycles.py").expect(
        "../shared/tools/module_cycles.py beside the checkout (CI has it): the import cycles cannot be checked",
    );
    for tree in ["generator/src", "templates/src"] {
        let src = tests::root().join(tree);
        let output = std::process::Command::new("python3").arg(&tool).arg(&src).output().expect("python3 runs");
        let cycles = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success() && cycles.trim().is_empty(), "import cycles in {tree}:\n{cycles}");
    }
}

/// A file past this many lines is split by what each part is for.
const MAX_LINES: usize = 700;

#[test]
fn no_source_file_is_longer_than_700_lines() {
    let root = tests::root();
    let mut long = Vec::new();
    for tree in ["generator/src", "generator/macro/src", "templates/src", "generated/src", "docs/src", "bench/src"] {
        for path in rust_files(&root.join(tree)) {
            let lines = tests::read(&path).lines().count();
            if lines > MAX_LINES {
                long.push(format!("{} ({lines} lines)", path.strip_prefix(&root).unwrap_or(&path).display()));
            }
        }
    }
    assert!(long.is_empty(), "source files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn no_stage_reaches_into_a_later_one() {
    // Each stage, and the later stages it must not name.
    let stages: &[(&str, &[&str])] = &[
        ("load", &["crate::validate", "crate::lower", "crate::emit", "crate::pipeline"]),
        ("bundle.rs", &["crate::validate", "crate::lower", "crate::emit", "crate::pipeline"]),
        ("merge.rs", &["crate::validate", "crate::lower", "crate::emit", "crate::pipeline"]),
        ("overlay.rs", &["crate::validate", "crate::lower", "crate::emit", "crate::pipeline"]),
        ("validate.rs", &["crate::lower", "crate::emit", "crate::pipeline"]),
        ("lower", &["crate::emit", "crate::pipeline"]),
        ("ir", &["crate::lower", "crate::emit", "crate::pipeline", "crate::facts", "crate::config"]),
        ("emit", &["crate::lower", "crate::pipeline"]),
    ];
    let mut problems = Vec::new();
    for (file, code) in sources() {
        for (stage, later) in stages {
            let inside = file == *stage || file.starts_with(&format!("{stage}/"));
            if !inside {
                continue;
            }
            for name in *later {
                if code.contains(&format!("{name}::")) {
                    problems.push(format!("generator/src/{file} names {name}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "a stage reaches into a later one:\n{}", problems.join("\n"));
}

/// Each of these decisions is written in one file; found elsewhere (outside comments and
/// tests), it has come back as a copy. `None`: nowhere, a crate in the tree does it.
const ONE_PLACE: &[(&str, Option<&str>, &str)] = &[
    ("login.microsoftonline", Some("templates/src/cloud.rs"), "a cloud's sign-in authority"),
    ("login.chinacloudapi", Some("templates/src/cloud.rs"), "a cloud's sign-in authority"),
    ("graph.microsoft.us", Some("templates/src/cloud.rs"), "a cloud's Graph host"),
    ("\"us-gov-l4\"", Some("templates/src/cloud.rs"), "a cloud's short name"),
    ("\"us-gov-l5-dod\"", Some("templates/src/cloud.rs"), "a cloud's short name"),
    ("}/.default", Some("templates/src/cloud.rs"), "a cloud's scope, written from its host"),
    ("\"$orderby\"", Some("templates/src/query.rs"), "the table of OData options"),
    ("\"$expand\"", Some("templates/src/query.rs"), "the table of OData options"),
    ("\"$search\"", Some("templates/src/query.rs"), "the table of OData options"),
    ("\"$skip\"", Some("templates/src/query.rs"), "the table of OData options"),
    ("\"orderby\"", Some("templates/src/query.rs"), "the table of OData options"),
    ("MAX_STEPS: usize", Some("templates/src/batch.rs"), "the batch format's limit"),
    ("StatusCode::FAILED_DEPENDENCY", Some("templates/src/batch.rs"), "which batch steps are sent again"),
    ("parse_from_rfc2822", None, "Retry-After's dates (httpdate reads RFC 9110's three forms)"),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", None, "base64 (the base64 crate)"),
    ("enum Held", None, "a borrowed-or-owned operation (std's Cow)"),
    ("port_u16()", None, "a URL's origin (url::Url::origin)"),
];

#[test]
fn each_decision_lives_in_one_place() {
    let root = tests::root();
    let mut copies = Vec::new();
    for tree in ["templates/src", "generator/src", "generated/src"] {
        for path in rust_files(&root.join(tree)) {
            let relative = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let text = tests::read(&path);
            // The code before the file's tests, without comment lines.
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
            for (number, line) in code.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
                for (needle, home, what) in ONE_PLACE {
                    if line.contains(needle) && home.is_none_or(|home| home != relative) {
                        copies.push(format!("{relative}:{}: {what} ({needle})", number + 1));
                    }
                }
            }
        }
    }
    assert!(copies.is_empty(), "decided again outside its one place:\n{}", copies.join("\n"));
}
