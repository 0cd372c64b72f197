//! 10. What each construct of the output costs rustc (`--constructs`): the Applications
//!     crate cut down one construct at a time (documentation; request builders;
//!     operations; models; the runtime alone), `cargo check` after a touch of each, and
//!     the differences; then for each cut `cargo check` from scratch and a debug
//!     `cargo build` after a touch, and rustc's own breakdown (`-Z time-passes`) of the
//!     whole crate. rustc's peak memory is the largest child's (`/usr/bin/time -f %M`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One cut of the crate: what it leaves out.
struct Cut {
    label: &'static str,
    docs: bool,
    builders: bool,
    operations: bool,
    models: bool,
}

const CUTS: [Cut; 5] = [
    Cut { label: "everything", docs: true, builders: true, operations: true, models: true },
    Cut { label: "without documentation", docs: false, builders: true, operations: true, models: true },
    Cut { label: "without request builders", docs: true, builders: false, operations: true, models: true },
    Cut { label: "models and runtime", docs: true, builders: false, operations: false, models: true },
    Cut { label: "runtime alone", docs: true, builders: false, operations: false, models: false },
];

/// A cut's label, its lines, and its check time and rustc peak (KiB), if it compiled.
type Row = (&'static str, usize, Option<(Duration, u64)>);

/// Prints the section for the Applications module.
pub fn cost(root: &Path, generator: &Path, record: &super::record::Record) {
    let spec = root.join("../shared/graph-openapi/applications.v1.0.yaml");
    if !spec.exists() {
        println!("notice: {} is absent; section 10 skipped", spec.display());
        return;
    }
    println!("\n## 10. What each construct costs: the Applications crate cut down, `cargo check` after a touch (median of 3)\n");
    let base = root.join("target/bench/constructs");
    let full = base.join("everything");
    let _ = std::fs::remove_dir_all(&base);
    let generated = Command::new(generator).args(["--quiet", "generate"]).arg(&spec).arg("--out").arg(&full).status();
    if !generated.is_ok_and(|s| s.success()) {
        println!("generation failed");
        return;
    }
    let mut rows: Vec<Row> = Vec::new();
    for cut in &CUTS {
        let dir = base.join(cut.label.replace(' ', "-"));
        let lines = if cut.label == "everything" { count_lines(&full) } else { cut_copy(&full, &dir, cut) };
        let dir = if cut.label == "everything" { full.clone() } else { dir };
        rows.push((cut.label, lines, check_after_touch(root, &dir)));
    }
    println!("Beside each figure, the one {}.\n", record.heading("constructs/"));
    println!("| crate | lines | check s | rustc peak MiB |");
    println!("|---|---:|---:|---:|");
    for (label, lines, figures) in &rows {
        let key = |what: &str| format!("constructs/{label}/{what}");
        let lines = record.figure(&key("lines"), *lines as f64, 0);
        match figures {
            Some((time, kib)) => println!(
                "| {label} | {lines} | {} | {} |",
                record.figure(&key("check s"), time.as_secs_f64(), 2),
                record.figure(&key("rustc MiB"), (kib / 1024) as f64, 0)
            ),
            None => println!("| {label} | {lines} | failed | |"),
        }
    }
    println!("\n| crate | check from scratch s | rustc MiB | debug build after a touch s | rustc MiB |");
    println!("|---|---:|---:|---:|---:|");
    for cut in &CUTS {
        let dir = if cut.label == "everything" { full.clone() } else { base.join(cut.label.replace(' ', "-")) };
        let key = |what: &str| format!("constructs/{}/{what}", cut.label);
        let cell = |figures: Option<(f64, f64)>, what: &str| match figures {
            Some((seconds, mib)) => (
                record.figure(&key(&format!("{what} s")), seconds, 2),
                record.figure(&key(&format!("{what} rustc MiB")), mib.floor(), 0),
            ),
            None => ("failed".to_owned(), String::new()),
        };
        let (scratch_s, scratch_mib) = cell(from_scratch(root, &dir), "check from scratch");
        let (build_s, build_mib) = cell(build_after_touch(root, &dir), "debug build");
        println!("| {} | {scratch_s} | {scratch_mib} | {build_s} | {build_mib} |", cut.label);
    }
    breakdown(root, &full);

    let of = |label: &str| rows.iter().find(|r| r.0 == label).and_then(|r| r.2);
    let pairs = [
        ("documentation", "everything", "without documentation"),
        ("request builders", "everything", "without request builders"),
        ("operations", "without request builders", "models and runtime"),
        ("models (serde impls through the runtime's macro)", "models and runtime", "runtime alone"),
    ];
    println!("\n| construct | check s | rustc MiB |");
    println!("|---|---:|---:|");
    for (construct, with, without) in pairs {
        if let (Some(a), Some(b)) = (of(with), of(without)) {
            let seconds = a.0.as_secs_f64() - b.0.as_secs_f64();
            let mib = (a.1 as f64 - b.1 as f64) / 1024.0;
            println!("| {construct} | {seconds:.2} | {mib:.0} |");
        }
    }
    if let Some(rt) = of("runtime alone") {
        println!("| the runtime | {:.2} | {} |", rt.0.as_secs_f64(), rt.1 / 1024);
    }
}

fn count_lines(dir: &Path) -> usize {
    ["models.rs", "operations.rs", "paths.rs"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(dir.join("src").join(f)).ok())
        .map(|t| t.lines().count())
        .sum()
}

/// A copy of the crate at `full` without what `cut` leaves out; its lines.
fn cut_copy(full: &Path, dir: &Path, cut: &Cut) -> usize {
    let _ = copy_dir(full, dir);
    let name = format!("constructs-{}", cut.label.replace(' ', "-"));
    let manifest = dir.join("Cargo.toml");
    if let Ok(text) = std::fs::read_to_string(&manifest) {
        let renamed: Vec<String> = text
            .lines()
            .map(|l| if l.starts_with("name = ") { format!("name = \"{name}\"") } else { l.to_owned() })
            .collect();
        let _ = std::fs::write(&manifest, renamed.join("\n") + "\n");
    }
    let src = dir.join("src");
    let edit = |file: &str, change: &dyn Fn(String) -> String| {
        let path = src.join(file);
        if let Ok(text) = std::fs::read_to_string(&path) {
            let _ = std::fs::write(&path, change(text));
        }
    };
    if !cut.docs {
        for file in ["models.rs", "operations.rs", "paths.rs"] {
            edit(file, &|t| t.lines().filter(|l| !l.trim_start().starts_with("///")).collect::<Vec<_>>().join("\n"));
        }
    }
    if !cut.builders {
        edit("paths.rs", &|_| "//! cut\n".to_owned());
        edit("lib.rs", &|t| t.lines().filter(|l| !l.contains("paths::")).collect::<Vec<_>>().join("\n"));
        edit("operations.rs", &without_bound_impls);
    }
    if !cut.operations {
        edit("operations.rs", &|_| "//! cut\n".to_owned());
    }
    if !cut.models {
        edit("models.rs", &|_| "//! cut\n".to_owned());
    }
    count_lines(dir)
}

/// Operations without their setters on the request builders' `Bound` (each impl block at
/// column 0, with the doc lines and attributes just above it).
fn without_bound_impls(text: String) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("impl crate::runtime::paths::Bound<") {
            skipping = true;
            while out.last().is_some_and(|l| l.trim_start().starts_with("///") || l.starts_with("#[")) {
                out.pop();
            }
        }
        if !skipping {
            out.push(line);
        }
        if skipping && line == "}" {
            skipping = false;
        }
    }
    out.join("\n")
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// `cargo check` once (dependencies), then three times after a touch: the median time
/// and the largest rustc's peak memory (KiB).
fn check_after_touch(root: &Path, dir: &Path) -> Option<(Duration, u64)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = root.join("target/bench/target");
    let check = || {
        Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(&cargo)
            .args(["check", "-q"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .output()
    };
    if !check().is_ok_and(|o| o.status.success()) {
        return None;
    }
    let lib = dir.join("src/lib.rs");
    let mut runs = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::read_to_string(&lib).map(|text| std::fs::write(&lib, text));
        let started = Instant::now();
        let output = check().ok().filter(|o| o.status.success())?;
        let elapsed = started.elapsed();
        let kib = String::from_utf8_lossy(&output.stderr).lines().last().and_then(|l| l.trim().parse::<u64>().ok())?;
        runs.push((elapsed, kib));
    }
    runs.sort();
    runs.get(1).copied()
}

/// A cargo command in `dir`, with the bench's target directory: wall seconds and the
/// largest rustc's peak MiB (`None` if it failed).
fn timed_cargo(root: &Path, dir: &Path, args: &[&str], incremental: bool) -> Option<(f64, f64)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(dir).env("CARGO_TARGET_DIR", root.join("target/bench/target"));
    if !incremental {
        command.env("CARGO_INCREMENTAL", "0");
    }
    super::graph::timed(&mut command)
}

/// `cargo check` of the crate from scratch (dependencies built; every source touched and
/// no incremental cache used, as section 6 does).
fn from_scratch(root: &Path, dir: &Path) -> Option<(f64, f64)> {
    super::graph::touch_sources(dir);
    timed_cargo(root, dir, &["check", "-q"], false)
}

/// A debug `cargo build` after a touch of `lib.rs` (built once before, dependencies too).
fn build_after_touch(root: &Path, dir: &Path) -> Option<(f64, f64)> {
    timed_cargo(root, dir, &["build", "-q"], true)?;
    let lib = dir.join("src/lib.rs");
    let _ = std::fs::read_to_string(&lib).map(|text| std::fs::write(&lib, text));
    timed_cargo(root, dir, &["build", "-q"], true)
}

/// The passes rustc reports (`-Z time-passes`, through `RUSTC_BOOTSTRAP=1`) that say where
/// a check of the crate goes: from scratch (the first run with these flags) and after a
/// touch. Nested passes are within their parents' figures.
const PASSES: [&str; 9] = [
    "expand_crate",
    "resolve_crate",
    "type_check_crate",
    "MIR_borrow_checking",
    "misc_checking_3",
    "generate_crate_metadata",
    "serialize_dep_graph",
    "free_global_ctxt",
    "total",
];

fn breakdown(root: &Path, dir: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let run = |incremental: bool| {
        Command::new(&cargo)
            .args(["rustc", "-q", "--lib", "--profile", "check", "--", "-Z", "time-passes"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", root.join("target/bench/target"))
            .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
            .env("RUSTC_BOOTSTRAP", "1")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| passes(&String::from_utf8_lossy(&o.stderr)))
    };
    super::graph::touch_sources(dir);
    let scratch = run(false);
    // Once to fill the incremental cache, then after a touch.
    super::graph::touch_sources(dir);
    let _ = run(true);
    let lib = dir.join("src/lib.rs");
    let _ = std::fs::read_to_string(&lib).map(|text| std::fs::write(&lib, text));
    let touched = run(true);
    let (Some(scratch), Some(touched)) = (scratch, touched) else {
        println!("\nrustc's breakdown (`-Z time-passes`) could not be taken");
        return;
    };
    println!("\nrustc's own breakdown of `cargo check` of the whole crate (`-Z time-passes`, seconds):\n");
    println!("| pass | from scratch | after a touch |");
    println!("|---|---:|---:|");
    for pass in PASSES {
        let of = |list: &[(String, f64)]| list.iter().find(|(name, _)| name == pass).map(|(_, s)| format!("{s:.2}"));
        // Without incremental compilation there is no dependency graph to write.
        match (of(&scratch), of(&touched)) {
            (None, None) => {}
            (a, b) => println!("| {pass} | {} | {} |", a.as_deref().unwrap_or("-"), b.as_deref().unwrap_or("-")),
        }
    }
}

/// `time:   0.438; rss: ... name` lines: each pass's seconds, the first time it is named.
fn passes(text: &str) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim_start().strip_prefix("time:") else { continue };
        let Some((seconds, tail)) = rest.split_once(';') else { continue };
        let Ok(seconds) = seconds.trim().parse::<f64>() else { continue };
        let Some(name) = tail.split_whitespace().last() else { continue };
        if !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_owned(), seconds));
        }
    }
    out
}
