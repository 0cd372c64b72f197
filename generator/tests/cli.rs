//! The CLI as users run it: generate, check (pass and fail), slice, help, errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_generator"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the generator binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn generate_then_check_passes_and_a_changed_file_fails_with_a_summary() {
    let spec = root().join("specs/synchronization.v1.0.yaml");
    let out = scratch("check");
    let generated = run(bin().arg("generate").arg(&spec).arg("--out").arg(&out).args(["--crate-name", "graph-sync"]));
    assert!(generated.status.success(), "{}", stderr(&generated));
    let summary = stderr(&generated);
    assert!(summary.starts_with("generated graph-sync: 56 operations, 91 models, "), "{summary}");

    let clean = run(bin().arg("check").arg(&spec).arg("--out").arg(&out));
    assert!(clean.status.success(), "{}", stderr(&clean));

    let models = out.join("src/models.rs");
    let text = std::fs::read_to_string(&models).expect("models.rs");
    std::fs::write(
        &models,
        text.replacen("pub struct SynchronizationJob {", "pub struct SynchronizationJob {\n    pub edited: bool,", 1),
    )
    .expect("edit");
    std::fs::write(out.join("src/stray.rs"), "// not generated\n").expect("stray file");
    std::fs::remove_file(out.join("src/operations.rs")).expect("remove");
    let stale = run(bin().arg("check").arg(&spec).arg("--out").arg(&out));
    assert_eq!(stale.status.code(), Some(1));
    let report = stderr(&stale);
    assert!(report.contains("differs") && report.contains("models.rs"), "{report}");
    assert!(report.contains("missing") && report.contains("operations.rs"), "{report}");
    assert!(report.contains("extra") && report.contains("stray.rs"), "{report}");
}

#[test]
fn slice_is_deterministic_and_keeps_only_the_closure() {
    let spec = root().join("specs/synchronization.v1.0.yaml");
    let dir = scratch("slice");
    std::fs::create_dir_all(&dir).expect("dir");
    let slice = |file: &str| {
        let out = dir.join(file);
        let output = run(bin()
            .arg("slice")
            .arg(&spec)
            .args([
                "--path-prefix",
                "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/start",
            ])
            .arg("--out")
            .arg(&out));
        assert!(output.status.success(), "{}", stderr(&output));
        std::fs::read_to_string(out).expect("slice written")
    };
    let first = slice("a.yaml");
    assert_eq!(first, slice("b.yaml"), "same input, same slice");
    assert!(first.contains("/start:"));
    assert!(!first.contains("/pause:"));
    // Start only answers with the OData error: the job schemas are not dragged in.
    assert!(!first.contains("microsoft.graph.synchronizationJob:"), "{first}");
    let generated = run(bin().arg("generate").arg(dir.join("a.yaml")).arg("--out").arg(dir.join("crate")));
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(stderr(&generated).contains(": 1 operations,"), "{}", stderr(&generated));
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["generate", "check", "slice"] {
        let help = run(bin().args([sub, "--help"]));
        assert!(help.status.success());
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(text.contains("Example"), "{sub}: {text}");
    }
}

#[test]
fn a_broken_spec_exits_non_zero_with_located_errors_on_stderr_and_writes_nothing() {
    let out = scratch("broken");
    let output = run(bin().arg("generate").arg(root().join("specs/invalid/many-problems.yaml")).arg("--out").arg(&out));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let text = stderr(&output);
    assert!(text.contains("error: #/components/schemas/Loop/$ref"), "{text}");
    assert!(text.contains("nothing was written"), "{text}");
    assert!(!out.exists());
    let bad_name = run(bin()
        .arg("generate")
        .arg(root().join("specs/synchronization.v1.0.yaml"))
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "graph.sync"]));
    assert_eq!(bad_name.status.code(), Some(1));
    assert!(stderr(&bad_name).contains("not a valid package name"), "{}", stderr(&bad_name));
    assert!(!out.exists());
    let missing = run(bin().arg("generate").arg("no/such/spec.yaml").arg("--out").arg(&out));
    assert_ne!(missing.status.code(), Some(0));
    assert!(stderr(&missing).contains("cannot read"));
}

#[test]
fn quiet_prints_nothing_and_verbose_prints_the_stage_split() {
    let spec = root().join("tests/specs/constructs.yaml");
    let quiet = run(bin().arg("--quiet").arg("generate").arg(&spec).arg("--out").arg(scratch("quiet")));
    assert!(quiet.status.success());
    assert!(quiet.stderr.is_empty(), "{}", stderr(&quiet));
    let verbose = run(bin().arg("--verbose").arg("generate").arg(&spec).arg("--out").arg(scratch("verbose")));
    let text = stderr(&verbose);
    assert!(text.contains("warning: #/components/schemas/Untypeable"), "{text}");
    assert!(text.contains("load ") && text.contains("format "), "{text}");
}
