//! The CLI as users run it: generate, check (pass and fail), slice, help, errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wiretype"))
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
    let printed = stderr(&generated);
    let summary = printed.lines().find(|l| l.starts_with("generated ")).unwrap_or_default();
    assert!(summary.starts_with("generated graph-sync: 58 operations, 92 models, "), "{printed}");

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
    for sub in ["generate", "check", "slice", "overlay"] {
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

#[test]
fn overlays_apply_on_every_command_and_broken_ones_are_located() {
    let published = root().join("../shared/graph-openapi/synchronization.v1.0.yaml");
    let spec = if published.exists() { published } else { root().join("specs/synchronization.v1.0.yaml") };
    let overlay = root().join("specs/graph-sync.overlay.yaml");
    let dir = scratch("overlay");
    std::fs::create_dir_all(&dir).expect("dir");

    // `overlay` writes what generation sees; `slice` and `generate` apply the same overlay.
    let written = dir.join("overlaid.json");
    let output = run(bin().arg("overlay").arg(&spec).arg("--overlay").arg(&overlay).arg("--out").arg(&written));
    assert!(output.status.success(), "{}", stderr(&output));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&written).expect("written")).expect("json");
    let schema =
        &doc["paths"]["/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema"];
    assert!(schema.get("put").is_some() && schema.get("patch").is_none(), "{schema}");
    let sliced = dir.join("slice.yaml");
    let output = run(bin()
        .arg("slice")
        .arg(&spec)
        .arg("--overlay")
        .arg(&overlay)
        .args(["--path-prefix", "/applications/"])
        .arg("--out")
        .arg(&sliced));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&sliced).expect("slice").contains("template_UpdateSchema"));
    let output =
        run(bin().arg("generate").arg(&spec).arg("--overlay").arg(&overlay).arg("--out").arg(dir.join("crate")));
    assert!(output.status.success(), "{}", stderr(&output));
    let operations = std::fs::read_to_string(dir.join("crate/src/operations.rs")).expect("operations");
    assert!(operations.contains("ApplicationSynchronizationTemplateUpdateSchema"));

    // A broken overlay: every problem, located in the overlay file; nothing written.
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.paths[\n  remove: true\n- target: $.info\n").expect("write");
    let output = run(bin().arg("generate").arg(&spec).arg("--overlay").arg(&broken).arg("--out").arg(dir.join("no")));
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains(&format!(
            "{}: error: #/actions/0/target: `$.paths[` is not an RFC 9535 JSONPath",
            broken.display()
        )),
        "{text}"
    );
    assert!(text.contains("#/actions/1: the action does nothing"), "{text}");
    assert!(!dir.join("no").exists());

    // An action that selects nothing is a warning naming its index and target.
    let stale = dir.join("stale.yaml");
    std::fs::write(
        &stale,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.paths['/gone']\n  remove: true\n",
    )
    .expect("write");
    let output = run(bin()
        .arg("--verbose")
        .arg("generate")
        .arg(&spec)
        .arg("--overlay")
        .arg(&stale)
        .arg("--out")
        .arg(dir.join("stale")));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: #/actions/0/target: action 0 (`$.paths['/gone']`) selects nothing"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_config_names_overlays_relative_to_itself() {
    let dir = scratch("config-overlay");
    std::fs::create_dir_all(dir.join("fixes")).expect("dir");
    std::fs::write(dir.join("fixes/rename.yaml"), "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.info\n  update: {title: Renamed by an overlay}\n").expect("overlay");
    std::fs::write(dir.join("config.yaml"), "overlays: [fixes/rename.yaml]\n").expect("config");
    let output = run(bin()
        .arg("generate")
        .arg(root().join("tests/specs/constructs.yaml"))
        .arg("--config")
        .arg(dir.join("config.yaml"))
        .arg("--out")
        .arg(dir.join("crate")));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("generated renamed-by-an-overlay:"), "{}", stderr(&output));
}

#[test]
fn several_descriptions_work_on_every_command_as_one() {
    let modules = root().join("tests/modules");
    let dir = scratch("modules");
    std::fs::create_dir_all(&dir).expect("dir");
    let out = dir.join("workspace");

    // generate, then check: the workspace's every crate is compared.
    let generated = run(bin().arg("generate").arg(&modules).arg("--out").arg(&out).args(["--crate-name", "modules"]));
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(stderr(&generated).contains("generated modules: 6 operations, "), "{}", stderr(&generated));
    let clean = run(bin().arg("check").arg(&modules).arg("--out").arg(&out).args(["--crate-name", "modules"]));
    assert!(clean.status.success(), "{}", stderr(&clean));
    let edited = out.join("crates/modules-jobs/src/operations.rs");
    let text = std::fs::read_to_string(&edited).expect("the jobs module's crate");
    std::fs::write(&edited, text.replace("pub struct", "pub(crate) struct")).expect("edit");
    let stale = run(bin().arg("check").arg(&modules).arg("--out").arg(&out).args(["--crate-name", "modules"]));
    assert_eq!(stale.status.code(), Some(1), "{}", stderr(&stale));
    assert!(stderr(&stale).contains("differs") && stderr(&stale).contains("modules-jobs"), "{}", stderr(&stale));

    // The files may also be named one by one; the same crate comes out.
    let files = ["Client.yaml", "Jobs.yaml", "Users.Admin.yaml"].map(|f| modules.join(f));
    let named = run(bin().arg("check").args(&files).arg("--out").arg(&out).args(["--crate-name", "modules"]));
    assert_eq!(named.status.code(), Some(1), "still the edited file: {}", stderr(&named));
    let regenerated = run(bin().arg("generate").args(&files).arg("--out").arg(&out).args(["--crate-name", "modules"]));
    assert!(regenerated.status.success(), "{}", stderr(&regenerated));
    let clean = run(bin().arg("check").arg(&modules).arg("--out").arg(&out).args(["--crate-name", "modules"]));
    assert!(clean.status.success(), "{}", stderr(&clean));

    // slice: one merged document, each operation still marked with its module.
    let sliced = dir.join("jobs.yaml");
    let output = run(bin().arg("slice").arg(&modules).args(["--path-prefix", "/jobs"]).arg("--out").arg(&sliced));
    assert!(output.status.success(), "{}", stderr(&output));
    let slice = std::fs::read_to_string(&sliced).expect("slice");
    assert!(slice.contains("jobs_List") && slice.contains("jobs_GetOwner"), "{slice}");
    assert!(!slice.contains("/ping") && !slice.contains("users_Get"), "{slice}");
    assert!(slice.contains("x-rust-feature: jobs") && slice.contains("x-rust-feature: users_admin"), "{slice}");
    let from_slice = run(bin().arg("generate").arg(&sliced).arg("--out").arg(dir.join("sliced")));
    assert!(from_slice.status.success(), "{}", stderr(&from_slice));
    assert!(stderr(&from_slice).contains(": 4 operations,"), "{}", stderr(&from_slice));

    // overlay: applied to the merged document, with a target in any module.
    let overlay = dir.join("rename.yaml");
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.paths['/ping'].get\n  update: {summary: Is the service alive}\n",
    )
    .expect("write");
    let written = dir.join("overlaid.json");
    let output = run(bin().arg("overlay").arg(&modules).arg("--overlay").arg(&overlay).arg("--out").arg(&written));
    assert!(output.status.success(), "{}", stderr(&output));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&written).expect("written")).expect("json");
    assert_eq!(doc["paths"]["/ping"]["get"]["summary"], "Is the service alive");
    // `client` is the crate's own feature (the HTTP client), so the module's is `client_2`.
    assert_eq!(doc["paths"]["/ping"]["get"]["x-rust-feature"], "client_2");
    assert!(doc["paths"]["/users/{user-id}"]["get"].is_object(), "every module is in the document");
}

#[test]
fn the_facts_beside_the_spec_are_read_as_the_build_script_reads_them() {
    let spec = root().join("specs/synchronization.v1.0.yaml");
    let out = scratch("beside");
    let generated = run(bin().arg("generate").arg(&spec).arg("--out").arg(&out).args(["--crate-name", "graph-sync"]));
    assert!(generated.status.success(), "{}", stderr(&generated));
    let note = stderr(&generated);
    assert!(
        note.contains("note: reading the facts found beside the spec: ") && note.contains("facts.v1.0.yaml"),
        "{note}"
    );
    assert!(note.contains("--no-facts"), "{note}");
    let operations = std::fs::read_to_string(out.join("src/operations.rs")).expect("operations.rs");
    assert!(operations.contains("const PERMISSIONS: crate::runtime::Permissions = "), "no permissions were written");

    // The build script's route gives the same files.
    let mut inputs = wiretype::build::Inputs::in_specs_folder(&root().join("specs"), "v1.0");
    inputs.builders.crate_path = Some("graph_sync".to_owned());
    let by_build_script = wiretype::build::generate(&inputs).expect("generates");
    let files = wiretype::emit::package::standalone(&by_build_script.rendered, "graph-sync").expect("packages");
    for (path, text) in files {
        let written = std::fs::read_to_string(out.join(&path)).expect("written by the CLI");
        assert!(written == text, "{} differs between the CLI and the build script", path.display());
    }

    let without = scratch("beside-no-facts");
    let generated = run(bin().arg("generate").arg(&spec).arg("--no-facts").arg("--out").arg(&without));
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(!stderr(&generated).contains("note: reading the facts"));
    let operations = std::fs::read_to_string(without.join("src/operations.rs")).expect("operations.rs");
    assert!(!operations.contains("const PERMISSIONS"), "--no-facts still wrote permissions");

    let help = run(bin().args(["generate", "--help"]));
    assert!(String::from_utf8_lossy(&help.stdout).contains("facts.<version>.yaml"));
}

#[test]
fn a_description_without_operations_says_so() {
    let out = scratch("models-only");
    let generated = run(bin().arg("generate").arg(root().join("tests/specs/models-only.yaml")).arg("--out").arg(&out));
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(
        stderr(&generated).contains("describes no operations: the crate holds its models only"),
        "{}",
        stderr(&generated)
    );
}

#[test]
fn slice_and_overlay_write_the_version_they_read() {
    let cases = [
        ("tests/specs/swagger-2.0.yaml", "/secrets/{name}", "swagger: '2.0'"),
        ("tests/specs/openapi-3.1.yaml", "/pets/{petId}", "openapi: 3.1.0"),
        ("tests/specs/openapi-3.2.yaml", "/readings", "openapi: 3.2.0"),
    ];
    for (spec, prefix, version) in cases {
        let dir = scratch(&format!("versions-{}", spec.replace(['/', '.'], "-")));
        std::fs::create_dir_all(&dir).expect("dir");
        let sliced = dir.join("slice.yaml");
        let output =
            run(bin().arg("slice").arg(root().join(spec)).args(["--path-prefix", prefix]).arg("--out").arg(&sliced));
        assert!(output.status.success(), "{spec}: {}", stderr(&output));
        let text = std::fs::read_to_string(&sliced).expect("the slice");
        assert!(text.starts_with(version) || text.contains(&format!("\n{version}\n")), "{spec}: {text}");
        let generated = run(bin().arg("generate").arg(&sliced).arg("--out").arg(dir.join("crate")));
        assert!(generated.status.success(), "{spec}: the slice generates: {}", stderr(&generated));

        let overlay = dir.join("overlay.yaml");
        std::fs::write(&overlay, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {title: Renamed}\n")
            .expect("overlay");
        let overlaid = dir.join("overlaid.yaml");
        let output =
            run(bin().arg("overlay").arg(root().join(spec)).arg("--overlay").arg(&overlay).arg("--out").arg(&overlaid));
        assert!(output.status.success(), "{spec}: {}", stderr(&output));
        let text = std::fs::read_to_string(&overlaid).expect("overlaid");
        assert!(text.contains("title: Renamed") && text.contains(version), "{spec}: {text}");
    }
}
