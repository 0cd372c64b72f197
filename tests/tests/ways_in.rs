//! The three ways in, as a user outside this workspace takes them: `cargo install` of the
//! generator, then a crate of each way (`wiretype generate`, a build script, the macro) in
//! a temporary directory, each with path dependencies on this workspace, built and run
//! offline with this workspace's lock file, so that each reaches the same typed result.
//! The crates build without the client (`--no-default-features`): what is tried here is
//! how the code gets into a crate; the client is tried everywhere else.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cargo(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(dir).env("CARGO_TARGET_DIR", target).args(["--quiet"]);
    command
}

fn run(what: &str, command: &mut Command) -> Output {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Builds the crate at `dir`, which must fail; what cargo printed on stderr.
fn fails_to_build(dir: &Path, target: &Path, what: &str) -> String {
    let output = cargo(dir, target).args(["build", "--offline", "--no-default-features"]).output().expect("cargo runs");
    assert!(!output.status.success(), "{what} built");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A user's crate of its own (not in any workspace), with this workspace's lock file so
/// that it resolves offline to the versions built here.
fn user_crate(dir: &Path, name: &str, sections: &str, main: &str) {
    let root = tests::root();
    let _ = std::fs::remove_dir_all(dir);
    let manifest =
        format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n\n{sections}");
    write(&dir.join("Cargo.toml"), &manifest);
    write(&dir.join("src/main.rs"), main);
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).expect("the workspace's Cargo.lock");
    write(&dir.join("Cargo.lock"), &lock);
    std::fs::copy(root.join("docs/openapi.yaml"), dir.join("openapi.yaml")).expect("copy the description");
}

/// The program each way's crate runs: a typed call, sans-IO, and its typed answer.
const CALL: &str = r##"
fn main() {
    let request = runtime::Operation::to_http(&operations::GetPet::new("7"), DEFAULT_BASE_URL).expect("a request");
    let body = br#"{"id":"7","name":"Rex","species":"dog","chip":"A1"}"#.to_vec();
    let answer = http::Response::builder().status(200).body(body).expect("a response");
    let pet: models::Pet = <operations::GetPet as runtime::Operation>::from_http(answer).expect("a pet");
    println!("{} {} {:?} {}", request.method(), request.uri(), pet.species, serde_json::to_string(&pet).expect("json"));
}
"##;

const EXPECTED: &str =
    "GET https://shelter.example.com/v1/pets/7 Dog {\"name\":\"Rex\",\"species\":\"dog\",\"id\":\"7\",\"chip\":\"A1\"}\n";

#[test]
fn each_way_in_works_from_a_crate_outside_the_workspace() {
    let root = tests::root();
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ways-in");
    let _ = std::fs::remove_dir_all(&work);
    // One target directory for all of it, kept between runs, so dependencies build once.
    let target = root.join("target/ways-in");

    // `cargo install --path generator` installs the product's binary under its name.
    let install = work.join("install");
    let generator = root.join("generator");
    let mut command = cargo(&root, &target);
    command.args(["install", "--offline", "--locked", "--debug", "--path"]).arg(&generator).arg("--root").arg(&install);
    run("cargo install --path generator", &mut command);
    let wiretype: PathBuf = install.join("bin").join(format!("wiretype{}", std::env::consts::EXE_SUFFIX));
    assert!(wiretype.is_file(), "{} was not installed", wiretype.display());
    let deps = run("wiretype deps", Command::new(&wiretype).arg("deps"));
    let deps = String::from_utf8_lossy(&deps.stdout).into_owned();
    assert!(deps.starts_with("[dependencies]\n") && deps.contains("\n[features]\n"), "{deps}");

    // 1. The command line: a crate of its own, used by path.
    let generated = work.join("shelter");
    run(
        "wiretype generate",
        Command::new(&wiretype)
            .arg("generate")
            .arg(root.join("docs/openapi.yaml"))
            .arg("--out")
            .arg(&generated)
            .args(["--crate-name", "shelter"]),
    );
    let cli_user = work.join("cli-user");
    let sections = format!(
        "[dependencies]\nshelter = {{ path = {:?}, default-features = false }}\nhttp = \"1\"\nserde_json = \"1\"\n",
        generated.display().to_string()
    );
    user_crate(&cli_user, "cli-user", &sections, &format!("use shelter::*;\n{CALL}"));
    let output = run("the command line's crate", cargo(&cli_user, &target).args(["run", "--offline"]));
    assert_eq!(String::from_utf8_lossy(&output.stdout), EXPECTED);

    // 2. A build script, with the dependencies `wiretype deps` printed.
    let build_user = work.join("build-user");
    let sections = format!(
        "[build-dependencies]\nwiretype = {{ path = {:?}, default-features = false }}\n\n{deps}",
        generator.display().to_string()
    );
    user_crate(
        &build_user,
        "build-user",
        &sections,
        &format!("include!(concat!(env!(\"OUT_DIR\"), \"/openapi.rs\"));\n{CALL}"),
    );
    write(
        &build_user.join("build.rs"),
        "fn main() -> std::process::ExitCode {\n    wiretype::build::Build::new(\"openapi.yaml\").run()\n}\n",
    );
    let output = run(
        "the build script's crate",
        cargo(&build_user, &target).args(["run", "--offline", "--no-default-features"]),
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), EXPECTED);

    // 3. The macro.
    let macro_user = work.join("macro-user");
    let sections = format!(
        "{}wiretype-macro = {{ path = {:?} }}\n{}",
        "[dependencies]\n",
        generator.join("macro").display().to_string(),
        deps.trim_start_matches("[dependencies]\n")
    );
    user_crate(&macro_user, "macro-user", &sections, &format!("wiretype_macro::generate!(\"openapi.yaml\");\n{CALL}"));
    let output =
        run("the macro's crate", cargo(&macro_user, &target).args(["run", "--offline", "--no-default-features"]));
    assert_eq!(String::from_utf8_lossy(&output.stdout), EXPECTED);

    // An edit of the description expands the macro again, and a problem in it is a compile
    // error at the macro's path, with its place and hint.
    let spec = macro_user.join("openapi.yaml");
    let text = std::fs::read_to_string(&spec).expect("the description");
    write(&spec, &text.replace("$ref: '#/components/schemas/PetPage'", "$ref: '#/components/schemas/PetPages'"));
    let stderr = fails_to_build(&macro_user, &target, "the broken description");
    assert!(stderr.contains("points at nothing") && stderr.contains("hint: "), "{stderr}");
    assert!(stderr.contains("#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"), "{stderr}");
    assert!(stderr.contains("src/main.rs:1:27"), "the error stands at the macro's path: {stderr}");

    // A crate whose manifest lacks what the code needs is told which lines to add.
    write(&spec, &text);
    let manifest = macro_user.join("Cargo.toml");
    let full = std::fs::read_to_string(&manifest).expect("manifest");
    write(&manifest, &full.replace("\nuuid = ", "\n# uuid = "));
    let stderr = fails_to_build(&macro_user, &target, "a crate without uuid");
    assert!(stderr.contains("the dependency `uuid`") && stderr.contains("wiretype deps"), "{stderr}");
}
